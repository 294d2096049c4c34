// SPDX-License-Identifier: MIT
/// \file growth/rates.hpp
/// Growth rates between periods of one series, in percent, with the convention named in each
/// function (see the OECD Economic Outlook note "Growth rates in EODB" and the World Bank's
/// "Growth Rates" statistical note).
///
/// Every result is a series of the same span as the input. An observation is missing, with a note
/// naming the period and the reason, when the comparison period is before the series, when either
/// value is missing, when one of the two is a partial period (status `partial`) and the other is
/// not (two partial periods, year-to-date against year-to-date, are compared), or when the base is
/// zero or negative (a ratio-based rate is then undefined).
#pragma once

#include <cmath>
#include <limits>
#include <string>

#include "tradecast/core/series.hpp"
#include "tradecast/error.hpp"

namespace tradecast::growth {

/// How a sub-annual rate is annualised.
enum class annualisation {
  compound,  ///< 100·((Y_t/Y_{t−1})^k − 1), k periods per year (OECD EODB eq. 1)
  linear,    ///< 100·k·(Y_t/Y_{t−1} − 1): the linear approximation OECD warns against
};

namespace detail {

/// The weaker of two statuses: any non-normal status of either input carries over.
[[nodiscard]] inline obs_status combine(obs_status a, obs_status b) noexcept {
  if (a == obs_status::missing || b == obs_status::missing) return obs_status::missing;
  if (a == obs_status::forecast || b == obs_status::forecast) return obs_status::forecast;
  if (a == obs_status::partial || b == obs_status::partial) return obs_status::partial;
  if (a == obs_status::estimated || b == obs_status::estimated) return obs_status::estimated;
  if (a == obs_status::provisional || b == obs_status::provisional) return obs_status::provisional;
  return obs_status::normal;
}

/// Short text for a value: "-3.2".
[[nodiscard]] inline std::string value_text(double v) {
  std::string s = std::to_string(v);
  while (s.size() > 1 && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

/// Why observations i and j of `s` are not comparable ("" when they are): one is a partial period
/// (status `partial`, one quarter of a year, say) and the other is not. Two partial periods of the
/// same kind (year-to-date against year-to-date) are comparable. Used by rates and CAGRs alike.
[[nodiscard]] inline std::string partial_mismatch(const series& s, std::size_t i, std::size_t j) {
  const bool pi = s.status(i) == obs_status::partial, pj = s.status(j) == obs_status::partial;
  if (pi == pj) return {};
  return s.period_at(pi ? i : j).to_string() + " is a partial period (status partial) and " +
         s.period_at(pi ? j : i).to_string() + " is not";
}

/// Applies `rate(current, base)` to every observation against the one `lag` periods earlier.
/// A zero or negative base makes the rate undefined (a ratio to it has no meaning as growth). `what` names the comparison in reasons ("one year earlier"). `current_min` is the
/// smallest allowed current value: -inf (any), 0 (not negative) or a positive epsilon (positive).
template <class Rate>
series lagged_rate(const series& s, std::int64_t lag, const std::string& name_suffix, const std::string& what,
                   double current_min, Rate rate) {
  series_metadata m = s.meta();
  m.name = (m.name.empty() ? m.id : m.name) + name_suffix;
  m.unit = unit::of("percent");
  series out(m, s.start());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::string here = s.period_at(i).to_string();
    if (static_cast<std::int64_t>(i) < lag) {
      out.push_back(nan, obs_status::missing, {},
                    here + ": no observation " + what + " (series starts " + s.start().to_string() + ")");
      continue;
    }
    const std::size_t j = i - static_cast<std::size_t>(lag);
    const std::string base_p = s.period_at(j).to_string();
    if (s.is_missing(i)) {
      out.push_back(nan, obs_status::missing, {}, here + " is missing");
      continue;
    }
    if (s.is_missing(j)) {
      out.push_back(nan, obs_status::missing, {}, here + ": " + base_p + " is missing");
      continue;
    }
    if (const std::string why = partial_mismatch(s, i, j); !why.empty()) {
      out.push_back(nan, obs_status::missing, {}, here + ": not comparable: " + why);
      continue;
    }
    const double cur = s[i], base = s[j];
    if (base == 0) {
      out.push_back(nan, obs_status::missing, {}, here + ": growth rate undefined, base value at " + base_p + " is zero");
      continue;
    }
    if (base < 0 || cur < current_min) {
      const bool base_bad = base < 0;
      out.push_back(nan, obs_status::missing, {},
                    here + ": growth rate undefined, " + (base_bad ? "base value at " + base_p : "value at " + here) +
                        " is " + (base_bad || cur < 0 ? "negative (" : "zero (") +
                        value_text(base_bad ? base : cur) + ")");
      continue;
    }
    const double r = rate(cur, base);
    if (!std::isfinite(r)) {  // e.g. a base of 1e-320: the ratio overflows
      out.push_back(nan, obs_status::missing, {},
                    here + ": growth rate too large to represent (" + tradecast::detail::short_number(cur) + " against " +
                        tradecast::detail::short_number(base) + " at " + base_p + ")");
      continue;
    }
    out.push_back(r, combine(s.status(i), s.status(j)));
  }
  return out;
}

}  // namespace detail

/// Period-on-period growth, percent: 100·(Y_t/Y_{t−1} − 1) (World Bank "Growth Rates"; OECD EODB
/// eq. 2). Undefined on a negative or zero base; a fall to zero is −100%.
[[nodiscard]] inline series period_on_period(const series& s) {
  return detail::lagged_rate(s, 1, ", period-on-period growth (%)", "one period earlier", -HUGE_VAL,
                             [](double c, double b) { return 100.0 * (c / b - 1.0); });
}

/// Year-on-year growth, percent: 100·(Y_t/Y_{t−k} − 1) with k = periods per year, i.e. the same
/// quarter or month a year earlier for sub-annual data (OECD EODB eq. 3). Equals period_on_period
/// for annual data.
[[nodiscard]] inline series year_on_year(const series& s) {
  return detail::lagged_rate(s, periods_per_year(s.freq()), ", year-on-year growth (%)", "one year earlier", -HUGE_VAL,
                             [](double c, double b) { return 100.0 * (c / b - 1.0); });
}

/// Log growth, percent: 100·ln(Y_t/Y_{t−1}) (WDI statistical methods, exponential growth).
/// Undefined unless both values are positive.
[[nodiscard]] inline series log_growth(const series& s) {
  return detail::lagged_rate(s, 1, ", log growth (100 x log difference)", "one period earlier", std::numeric_limits<double>::min(),
                             [](double c, double b) { return 100.0 * std::log(c / b); });
}

/// Annualised period-on-period growth, percent: compound 100·((Y_t/Y_{t−1})^k − 1) (OECD EODB eq. 1,
/// OECD Glossary 6681) or linear 100·k·(Y_t/Y_{t−1} − 1), k periods per year. For annual data both
/// equal period_on_period. Undefined on a non-positive base or a negative current value.
[[nodiscard]] inline series annualised(const series& s, annualisation how = annualisation::compound) {
  const double k = periods_per_year(s.freq());
  if (how == annualisation::compound)
    return detail::lagged_rate(s, 1, ", annualised growth, compound (%)", "one period earlier", 0.0,
                               [k](double c, double b) { return 100.0 * (std::pow(c / b, k) - 1.0); });
  return detail::lagged_rate(s, 1, ", annualised growth, linear (%)", "one period earlier", 0.0,
                             [k](double c, double b) { return 100.0 * k * (c / b - 1.0); });
}

}  // namespace tradecast::growth
