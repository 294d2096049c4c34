// SPDX-License-Identifier: MIT
/// \file growth/cumulative.hpp
/// Year-to-date sums and their growth, rolling sums and means.
#pragma once

#include <limits>
#include <string>

#include "tradecast/core/series.hpp"
#include "tradecast/error.hpp"
#include "tradecast/growth/rates.hpp"

namespace tradecast::growth {

/// Cumulative sum within each calendar year (customs-release practice): YTD_t = Σ of the periods of
/// t's year up to t. Periods before the year's last are flagged `partial`. A missing period makes
/// the rest of its year missing (with the reason); a year that starts before the series is missing.
/// \throws invalid_argument for annual data.
[[nodiscard]] inline series year_to_date(const series& s) {
  if (s.freq() == frequency::annual)
    throw invalid_argument("year_to_date: series '" + s.id() + "' is annual; year-to-date needs quarterly or monthly data");
  series_metadata m = s.meta();
  m.name = (m.name.empty() ? m.id : m.name) + ", year to date";
  series out(m, s.start());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const int k = periods_per_year(s.freq());
  double sum = 0;
  std::string broken;  // reason the current year's sum is unavailable
  obs_status st = obs_status::normal;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const period p = s.period_at(i);
    if (p.subperiod() == 1 || i == 0) {
      sum = 0;
      st = obs_status::normal;
      broken = p.subperiod() == 1 ? "" : p.to_string() + ": the year starts before the series (" + s.start().to_string() + ")";
    }
    if (broken.empty() && s.is_missing(i)) broken = p.to_string() + " is missing";
    if (!broken.empty()) {
      out.push_back(nan, obs_status::missing, {}, broken);
      continue;
    }
    sum += s[i];
    st = detail::combine(st, s.status(i));
    out.push_back(sum, p.subperiod() < k ? detail::combine(st, obs_status::partial) : st);
  }
  return out;
}

/// Year-to-date growth, percent: 100·(YTD_t / YTD_{t−1 year} − 1).
[[nodiscard]] inline series year_to_date_growth(const series& s) {
  series r = year_on_year(year_to_date(s));
  r.meta().name = (s.meta().name.empty() ? s.id() : s.meta().name) + ", year-to-date growth (%)";
  return r;
}

namespace detail {
template <class F>
series rolling(const series& s, int window, const std::string& what, F finish) {
  if (window < 1) throw invalid_argument("rolling " + what + ": window " + std::to_string(window) + " must be at least 1");
  series_metadata m = s.meta();
  m.name = (m.name.empty() ? m.id : m.name) + ", rolling " + what + " of " + std::to_string(window);
  series out(m, s.start());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < s.size(); ++i) {
    const period p = s.period_at(i);
    if (i + 1 < static_cast<std::size_t>(window)) {
      out.push_back(nan, obs_status::missing, {}, p.to_string() + ": needs " + std::to_string(window) + " observations");
      continue;
    }
    double sum = 0;
    obs_status st = obs_status::normal;
    std::string why;
    for (std::size_t j = i + 1 - static_cast<std::size_t>(window); j <= i; ++j) {
      if (s.is_missing(j)) { why = p.to_string() + ": " + s.period_at(j).to_string() + " in the window is missing"; break; }
      sum += s[j];
      st = combine(st, s.status(j));
    }
    if (!why.empty()) out.push_back(nan, obs_status::missing, {}, why);
    else out.push_back(finish(sum, window), st);
  }
  return out;
}
}  // namespace detail

/// Rolling sum over the last `window` periods (e.g. 12 for a moving annual total of monthly data).
[[nodiscard]] inline series rolling_sum(const series& s, int window) {
  return detail::rolling(s, window, "sum", [](double sum, int) { return sum; });
}
/// Rolling mean over the last `window` periods.
[[nodiscard]] inline series rolling_mean(const series& s, int window) {
  return detail::rolling(s, window, "mean", [](double sum, int w) { return sum / w; });
}

}  // namespace tradecast::growth
