// SPDX-License-Identifier: MIT
// Test helper: reads the CSV reference fixtures (R output) used by the forecast tests.
// Plain std::ifstream parsing; fields are split on commas (fixtures contain no quoted commas, or
// quote them with double quotes, which this reader understands).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace tradecast::test {

/// Path of a file below tests/ (TRADECAST_TEST_DATA_DIR).
inline std::string test_data_path(const std::string& relative) {
  return std::string(TRADECAST_TEST_DATA_DIR) + "/" + relative;
}

/// A CSV file with a header row; every field kept as text.
class csv_table {
 public:
  csv_table() = default;
  explicit csv_table(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open fixture " + path);
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      std::vector<std::string> fields = split(line);
      if (header) {
        for (std::size_t i = 0; i < fields.size(); ++i) columns_[fields[i]] = i;
        header = false;
      } else {
        rows_.push_back(std::move(fields));
      }
    }
  }
  [[nodiscard]] std::size_t size() const { return rows_.size(); }
  [[nodiscard]] bool has_column(const std::string& name) const { return columns_.count(name) > 0; }
  /// Field `name` of row `r` as text ("" when the row is short).
  [[nodiscard]] const std::string& text(std::size_t r, const std::string& name) const {
    static const std::string empty;
    const auto it = columns_.find(name);
    if (it == columns_.end()) throw std::runtime_error("fixture has no column " + name);
    const auto& row = rows_.at(r);
    return it->second < row.size() ? row[it->second] : empty;
  }
  /// Field as a number; NaN for "NA", "" or "NaN", ±Inf for "Inf"/"-Inf".
  [[nodiscard]] double number(std::size_t r, const std::string& name) const {
    const std::string& s = text(r, name);
    if (s.empty() || s == "NA" || s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (s == "Inf") return std::numeric_limits<double>::infinity();
    if (s == "-Inf") return -std::numeric_limits<double>::infinity();
    return std::strtod(s.c_str(), nullptr);
  }

  static std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (quoted) {
        if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          cur += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur += c;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    out.push_back(cur);
    return out;
  }

 private:
  std::map<std::string, std::size_t> columns_;
  std::vector<std::vector<std::string>> rows_;
};

/// One reference series.
struct fixture_series {
  double frequency = 1;
  std::vector<double> values;
  /// The seasonal period as R's ets() uses it (frequency < 1 counts as 1).
  [[nodiscard]] int period() const { return frequency < 1 ? 1 : static_cast<int>(std::lround(frequency)); }
};

/// Reads a series file with columns case, frequency, index, value (start optional), keyed by case.
inline std::map<std::string, fixture_series> load_series(const std::string& path) {
  const csv_table t(path);
  std::map<std::string, fixture_series> out;
  for (std::size_t r = 0; r < t.size(); ++r) {
    fixture_series& s = out[t.text(r, "case")];
    s.frequency = t.number(r, "frequency");
    const auto idx = static_cast<std::size_t>(t.number(r, "index"));
    if (s.values.size() < idx) s.values.resize(idx, std::numeric_limits<double>::quiet_NaN());
    s.values[idx - 1] = t.number(r, "value");
  }
  return out;
}

/// Whether floating-point results are reproducible bit for bit against R's build on this
/// platform: x86-64 without FMA contraction (R's Debian build uses none). Elsewhere the ETS tests
/// compare optimisation paths with tolerances instead of exactly.
#if defined(__x86_64__) && !defined(__FMA__)
inline constexpr bool exact_fp = true;
#else
inline constexpr bool exact_fp = false;
#endif

/// Relative difference |a − b| / max(|b|, tiny).
inline double rel_diff(double a, double b) {
  return std::fabs(a - b) / std::max(std::fabs(b), 1e-300);
}

/// The prediction levels of every R fixture: level = c(80, 95).
inline constexpr std::array<double, 2> levels_80_95{80.0, 95.0};

/// Whether `actual` is within `rel` (default 1e-9) of `expected`, relatively:
/// |actual − expected| ≤ rel · max(|expected|, 1), so values below 1 in magnitude are
/// compared absolutely (means that cross zero, rounding noise of constant series). NaN (R's NA)
/// matches only NaN and an infinity only the same infinity.
inline bool near_rel(double actual, double expected, double rel = 1e-9) {
  if (std::isnan(expected)) return std::isnan(actual);
  if (std::isinf(expected)) return actual == expected;
  return std::fabs(actual - expected) <= rel * std::max(std::fabs(expected), 1.0);
}

/// The series of the simple-method and Box-Cox fixtures (generate_simple_reference.R), by case.
inline const std::map<std::string, fixture_series>& simple_reference_series() {
  static const auto s = load_series(test_data_path("forecast/data/simple_ref_series.csv"));
  return s;
}

/// R's ETS method strings contain commas; the fixtures store them as "ETS(M;Ad;M)".
inline std::string fixture_method(std::string s) {
  for (char& c : s)
    if (c == ';') c = ',';
  return s;
}

}  // namespace tradecast::test
