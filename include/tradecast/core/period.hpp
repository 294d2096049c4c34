// SPDX-License-Identifier: MIT
/// \file core/period.hpp
/// A calendar period (a year, a quarter or a month) with arithmetic and SDMX TIME_PERIOD text forms.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "tradecast/core/frequency.hpp"
#include "tradecast/error.hpp"

namespace tradecast {

/// One period of a given frequency: the year 2024, the quarter 2025-Q1, the month 2025-03.
///
/// Internally a frequency and an ordinal counted in periods since year 0, so arithmetic is exact.
/// Years 1 to 9999 are supported. Periods of different frequencies never compare equal; ordering
/// between them is by frequency first (a total order for containers), and subtraction between them
/// throws.
///
/// **Example**: `period::parse("2025-Q1").next().to_string() == "2025-Q2"`.
class period {
 public:
  /// The year 2000 (annual); exists so periods can live in containers.
  constexpr period() noexcept = default;

  /// The year `year`. \throws invalid_argument outside 1..9999.
  [[nodiscard]] static period annual(int year) { return make_(frequency::annual, year, 1); }
  /// Quarter `q` (1..4) of `year`. \throws invalid_argument when out of range.
  [[nodiscard]] static period quarterly(int year, int q) { return make_(frequency::quarterly, year, q); }
  /// Month `m` (1..12) of `year`. \throws invalid_argument when out of range.
  [[nodiscard]] static period monthly(int year, int m) { return make_(frequency::monthly, year, m); }
  /// Sub-period `sub` (1-based) of `year` at frequency `f`.
  [[nodiscard]] static period of(frequency f, int year, int sub) { return make_(f, year, sub); }

  /// Parses an SDMX TIME_PERIOD: `2024`, `2024-A1`, `2025-Q1`, `2025-03`, `2025-M03`; also the
  /// common non-standard forms `2025Q1`, `2025Q01`, `2025M3`, `2025M03`, `2025-M3` (Q/M in either
  /// case). \throws parse_error quoting the text and listing the accepted forms.
  [[nodiscard]] static period parse(std::string_view text);

  [[nodiscard]] constexpr frequency freq() const noexcept { return freq_; }
  /// Calendar year.
  [[nodiscard]] constexpr int year() const noexcept {
    return static_cast<int>(ordinal_ / periods_per_year(freq_));
  }
  /// 1-based position within the year: quarter 1..4, month 1..12, always 1 for annual.
  [[nodiscard]] constexpr int subperiod() const noexcept {
    return static_cast<int>(ordinal_ % periods_per_year(freq_)) + 1;
  }
  /// Periods since the start of year 0: year * periods_per_year + subperiod - 1.
  [[nodiscard]] constexpr std::int64_t ordinal() const noexcept { return ordinal_; }

  /// The following / preceding period.
  [[nodiscard]] period next() const { return *this + 1; }
  [[nodiscard]] period prev() const { return *this - 1; }

  /// Shifts by `n` periods of this period's frequency. \throws invalid_argument leaving years 1..9999.
  [[nodiscard]] period operator+(std::int64_t n) const {
    // Every valid ordinal is below 10000·12, so a shift beyond ±2·10^6 leaves the range anyway;
    // tested first, the sum cannot overflow.
    constexpr std::int64_t far = 2'000'000;
    if (n > far || n < -far)
      throw invalid_argument("period arithmetic left the supported years 1..9999 (" + to_string() + " shifted by " +
                             std::to_string(n) + " periods)");
    period p = *this;
    p.ordinal_ += n;
    p.check_range_();
    return p;
  }
  [[nodiscard]] period operator-(std::int64_t n) const {
    if (n == std::numeric_limits<std::int64_t>::min())  // -n would overflow
      throw invalid_argument("period arithmetic left the supported years 1..9999 (" + to_string() + " shifted back by " +
                             std::to_string(n) + " periods)");
    return *this + (-n);
  }
  period& operator+=(std::int64_t n) { return *this = *this + n; }
  period& operator-=(std::int64_t n) { return *this = *this - n; }

  /// Number of periods from `other` to this one (positive when this is later).
  /// \throws invalid_argument when the frequencies differ.
  [[nodiscard]] std::int64_t operator-(const period& other) const {
    if (other.freq_ != freq_)
      throw invalid_argument("period difference between " + to_string() + " (" +
                             std::string(tradecast::to_string(freq_)) + ") and " + other.to_string() +
                             " (" + std::string(tradecast::to_string(other.freq_)) +
                             "): frequencies must match");
    return ordinal_ - other.ordinal_;
  }

  /// The period of the coarser (or same) frequency `f` that contains this one: the quarter or the
  /// year of a month, the year of a quarter. \throws invalid_argument when `f` is finer.
  [[nodiscard]] period to(frequency f) const {
    if (is_coarser(freq_, f))
      throw invalid_argument("cannot convert " + to_string() + " to the finer frequency " +
                             std::string(tradecast::to_string(f)) + ": use first_in() or last_in()");
    const int sub0 = (subperiod() - 1) * periods_per_year(f) / periods_per_year(freq_);
    return make_(f, year(), sub0 + 1);
  }
  /// The first / last period of the finer (or same) frequency `f` inside this one
  /// (2025-Q2 -> 2025-04 / 2025-06). \throws invalid_argument when `f` is coarser.
  [[nodiscard]] period first_in(frequency f) const { return finer_(f, false); }
  [[nodiscard]] period last_in(frequency f) const { return finer_(f, true); }

  /// SDMX form: `2024`, `2025-Q1`, `2025-03`.
  [[nodiscard]] std::string to_string() const;

  friend constexpr bool operator==(const period&, const period&) noexcept = default;
  friend constexpr std::strong_ordering operator<=>(const period& a, const period& b) noexcept {
    if (a.freq_ != b.freq_) return a.freq_ <=> b.freq_;
    return a.ordinal_ <=> b.ordinal_;
  }

 private:
  constexpr period(frequency f, std::int64_t ordinal) noexcept : freq_(f), ordinal_(ordinal) {}
  static period make_(frequency f, int year, int sub) {
    const int ppy = periods_per_year(f);
    if (year < 1 || year > 9999)
      throw invalid_argument("year " + std::to_string(year) + " is outside 1..9999");
    if (sub < 1 || sub > ppy)
      throw invalid_argument(std::string(f == frequency::monthly ? "month " : "quarter ") +
                             std::to_string(sub) + " is outside 1.." + std::to_string(ppy));
    return {f, static_cast<std::int64_t>(year) * ppy + (sub - 1)};
  }
  void check_range_() const {
    if (ordinal_ < periods_per_year(freq_) || ordinal_ >= 10000LL * periods_per_year(freq_))
      throw invalid_argument("period arithmetic left the supported years 1..9999");
  }
  period finer_(frequency f, bool last) const {
    if (is_coarser(f, freq_))
      throw invalid_argument("cannot take " + std::string(tradecast::to_string(f)) +
                             " periods inside " + to_string() + ": the frequency is coarser");
    const int ratio = periods_per_year(f) / periods_per_year(freq_);
    const int first = (subperiod() - 1) * ratio + 1;
    return make_(f, year(), last ? first + ratio - 1 : first);
  }

  frequency freq_ = frequency::annual;
  std::int64_t ordinal_ = 2000;
};

inline std::string period::to_string() const {
  std::string y = std::to_string(year());
  while (y.size() < 4) y.insert(y.begin(), '0');
  switch (freq_) {
    case frequency::annual: return y;
    case frequency::quarterly: return y + "-Q" + std::to_string(subperiod());
    case frequency::monthly: {
      const int m = subperiod();
      return y + (m < 10 ? "-0" : "-") + std::to_string(m);
    }
  }
  return y;
}

inline period period::parse(std::string_view text) {
  auto fail = [&]() -> period {
    throw parse_error("", 0, 0,
                      "unknown period form '" + std::string(text) +
                          "': expected a year (2024), a quarter (2025-Q1, 2025Q1) or a month "
                          "(2025-03, 2025-M03, 2025M3)");
  };
  auto digits = [](std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
      if (c < '0' || c > '9') return false;
    return true;
  };
  auto number = [](std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
  };
  if (text.size() < 4 || !digits(text.substr(0, 4))) return fail();
  const int year = number(text.substr(0, 4));
  std::string_view rest = text.substr(4);
  if (year < 1) return fail();
  if (rest.empty()) return annual(year);
  const bool dash = rest.front() == '-';
  if (dash) rest.remove_prefix(1);
  if (rest.empty()) return fail();
  const char tag = rest.front();
  try {
    if (digits(rest)) {  // 2025-03 (gYearMonth): exactly two digits after a dash
      if (!dash || rest.size() != 2) return fail();
      return monthly(year, number(rest));
    }
    std::string_view num = rest.substr(1);
    if (!digits(num) || num.size() > 2) return fail();
    const int sub = number(num);
    switch (tag) {
      case 'Q':
      case 'q':
        return quarterly(year, sub);
      case 'M':
      case 'm':
        return monthly(year, sub);
      case 'A':
      case 'a':
        if (sub != 1) return fail();
        return annual(year);
      default:
        return fail();
    }
  } catch (const invalid_argument&) {
    return fail();
  }
}

}  // namespace tradecast
