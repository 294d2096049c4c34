// SPDX-License-Identifier: MIT
/// \file error.hpp
/// Exception types. Invalid arguments and bad input throw; numerical outcomes are reported as status.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>

namespace tradecast {

namespace detail {
/// `x` in %g notation (6 significant digits: "1e+155", "9.99989e-321", "inf", "-inf") for messages;
/// every NaN is "nan" (a NaN's sign bit, which printf shows as "-nan", means nothing).
[[nodiscard]] inline std::string short_number(double x) {
  if (std::isnan(x)) return "nan";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}
}  // namespace detail

/// Base class of every exception the library throws.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An argument is outside its documented domain; the message names the argument.
class invalid_argument : public error {
 public:
  using error::error;
};

/// An observation is outside what a method accepts (not finite, not positive, too large in
/// magnitude). Carries its 0-based index into the data passed, so that a caller that knows more
/// (the periods of a series, where a window starts) can say which one it is: the message is
/// `before + "observation k" + after` (k = index + 1) unless a `where` replaces "observation k".
class observation_error : public invalid_argument {
 public:
  observation_error(std::string before, std::size_t index, std::string after, std::string where = {})
      : invalid_argument(compose_(before, index, after, where)),
        before_(std::move(before)),
        after_(std::move(after)),
        index_(index) {}

  /// 0-based index of the observation in the data the throwing function was given.
  [[nodiscard]] std::size_t index() const noexcept { return index_; }
  /// The same error for data that start `offset` observations earlier (the index grows by
  /// `offset`), named `where` in the message ("observation k" when empty), e.g. "the value for 2001".
  [[nodiscard]] observation_error relocated(std::size_t offset, std::string where = {}) const {
    return observation_error(before_, index_ + offset, after_, std::move(where));
  }

 private:
  static std::string compose_(const std::string& before, std::size_t index, const std::string& after,
                              const std::string& where) {
    std::string out = before;
    if (where.empty()) {
      out.append("observation ");
      out.append(std::to_string(index + 1));
    } else {
      out.append(where);
    }
    out.append(after);
    return out;
  }
  std::string before_, after_;
  std::size_t index_;
};

/// A lookup by name or id failed (unknown series id, unknown method); the message lists what exists.
class not_found : public error {
 public:
  using error::error;
};

/// Text could not be parsed. Carries where (file, line, column; 0 = unknown) and what was expected.
class parse_error : public error {
 public:
  parse_error(std::string file, std::size_t line, std::size_t column, std::string what_was_wrong)
      : error(format_(file, line, column, what_was_wrong)),
        file_(std::move(file)),
        line_(line),
        column_(column),
        detail_(std::move(what_was_wrong)) {}

  /// The file name, or "" when parsing a string.
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  /// 1-based line number, 0 when unknown.
  [[nodiscard]] std::size_t line() const noexcept { return line_; }
  /// 1-based column number (CSV field index), 0 when unknown.
  [[nodiscard]] std::size_t column() const noexcept { return column_; }
  /// The message without the location prefix.
  [[nodiscard]] const std::string& detail() const noexcept { return detail_; }

 private:
  static std::string format_(const std::string& file, std::size_t line, std::size_t column,
                             const std::string& what) {
    // Built with append() only: GCC 12 at -O3 warns (-Wrestrict) on some operator+ chains.
    std::string out;
    out.reserve(file.size() + what.size() + 32);
    out.append(file);
    if (line > 0) {
      out.append(out.empty() ? "line " : ":");
      out.append(std::to_string(line));
      if (column > 0) {
        out.push_back(':');
        out.append(std::to_string(column));
      }
    }
    if (!out.empty()) out.append(": ");
    out.append(what);
    return out;
  }
  std::string file_;
  std::size_t line_;
  std::size_t column_;
  std::string detail_;
};

}  // namespace tradecast
