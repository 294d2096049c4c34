// SPDX-License-Identifier: MIT
/// \file growth/aggregate.hpp
/// Temporal aggregation to a coarser frequency (quarterly/monthly to annual, monthly to quarterly),
/// and the run-rate annualisation of a partial year.
#pragma once

#include <limits>
#include <string>

#include "tradecast/core/series.hpp"
#include "tradecast/error.hpp"
#include "tradecast/growth/cagr.hpp"
#include "tradecast/growth/rates.hpp"

namespace tradecast::growth {

/// How the sub-periods of a period are combined (tempdisagg's "conversion").
enum class aggregation { sum, mean, first, last };

/// What to do with a target period whose sub-periods are not all in the series.
enum class incomplete_policy {
  missing,       ///< the aggregate is missing, with the reason (default)
  flag_partial,  ///< aggregate what is observed, status `partial`, with a note saying how much
};

/// Aggregates `s` to the coarser frequency `to`. A target period is complete only when all of its
/// sub-periods are in the series: an incomplete period (e.g. 2025 with only Q1) is never summed as
/// if complete. A missing sub-period of a complete period makes the aggregate missing.
/// \throws invalid_argument when `to` is finer than the series.
[[nodiscard]] inline series aggregate(const series& s, frequency to, aggregation how = aggregation::sum,
                                      incomplete_policy policy = incomplete_policy::missing) {
  if (is_coarser(s.freq(), to))
    throw invalid_argument("aggregate: cannot aggregate " + std::string(to_string(s.freq())) + " series '" + s.id() +
                           "' to the finer frequency " + std::string(to_string(to)));
  if (s.freq() == to || s.empty()) return s;
  static constexpr const char* how_names[] = {"sum", "mean", "first", "last"};
  series_metadata m = s.meta();
  m.name = (m.name.empty() ? m.id : m.name) + ", " + std::string(to_string(to)) + " " + how_names[static_cast<int>(how)];
  const period first = s.start().to(to), last = s.end().to(to);
  series out(m, first);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const int k = periods_per_year(s.freq()) / periods_per_year(to);
  const char* sub_name = s.freq() == frequency::monthly ? "months" : "quarters";
  for (period t = first; t <= last; t = t.next()) {
    const period a = t.first_in(s.freq());
    int observed = 0;
    std::string missing_why, present;
    double acc = 0, first_v = nan, last_v = nan;
    obs_status st = obs_status::normal;
    for (int j = 0; j < k; ++j) {
      const auto i = s.index_of(a + j);
      if (!i) continue;
      if (s.is_missing(*i)) {
        if (missing_why.empty()) missing_why = t.to_string() + ": " + (a + j).to_string() + " is missing";
        continue;
      }
      ++observed;
      present += (present.empty() ? "" : ", ") + (a + j).to_string();
      acc += s[*i];
      if (std::isnan(first_v)) first_v = s[*i];
      last_v = s[*i];
      st = detail::combine(st, s.status(*i));
    }
    const bool in_series = s.index_of(a) && s.index_of(a + (k - 1));
    if (!missing_why.empty()) {
      out.push_back(nan, obs_status::missing, {}, missing_why);
      continue;
    }
    auto value = [&] {
      switch (how) {
        case aggregation::sum: return acc;
        case aggregation::mean: return acc / observed;
        case aggregation::first: return first_v;
        case aggregation::last: return last_v;
      }
      return acc;
    };
    if (!in_series) {
      const std::string why = "partial " + std::string(to == frequency::annual ? "year" : "quarter") + ": " +
                              std::to_string(observed) + " of " + std::to_string(k) + " " + sub_name + " observed (" +
                              present + ")";
      if (policy == incomplete_policy::missing || observed == 0)
        out.push_back(nan, obs_status::missing, {}, t.to_string() + ": " + why);
      else
        out.push_back(value(), obs_status::partial, {}, why);
      continue;
    }
    out.push_back(value(), st);
  }
  return out;
}

/// The annualisation of a partial year: the sum of the observed sub-periods times
/// periods-per-year / observed. A run-rate is not a growth rate and is labelled as such.
struct run_rate {
  double value = 0;
  int periods_observed = 0;
  int periods_per_year = 0;
  period first{};  ///< first observed sub-period
  period last{};   ///< last observed sub-period
  int year = 0;
  std::string label{};  ///< e.g. "2025 run-rate (2025-Q1 x 4)"
};

/// Run-rate of `year` from the sub-annual series: its observed periods must start at the year's
/// first period and be consecutive, with no missing value between them (missing periods after the
/// last observed one end the run); it ends before a period with status
/// `partial` (a quarter of which one month is published is not annualised as a full one) or
/// `forecast` (a projection is not an observation).
/// \throws invalid_argument for annual data, or when the year has no observations, a gap, or a
///   missing value.
[[nodiscard]] inline run_rate annual_run_rate(const series& s, int year) {
  if (s.freq() == frequency::annual)
    throw invalid_argument("annual_run_rate: series '" + s.id() + "' is already annual");
  const int k = periods_per_year(s.freq());
  const period a = period::annual(year).first_in(s.freq());
  run_rate r;
  r.year = year;
  r.periods_per_year = k;
  r.first = a;
  double sum = 0;
  for (int j = 0; j < k; ++j) {
    const auto i = s.index_of(a + j);
    if (!i) break;
    // A partial quarter is not annualised as a full one, nor a projection as an observation.
    if (const obs_status st = s.status(*i); st == obs_status::partial || st == obs_status::forecast) {
      if (j == 0)
        throw invalid_argument("annual_run_rate: " + a.to_string() + ", the first period of " + std::to_string(year) +
                               " in series '" + s.id() + "', is " +
                               (st == obs_status::partial ? "a partial period" : "a forecast, not an observation") +
                               ": no full period to annualise");
      break;
    }
    if (s.is_missing(*i)) {
      bool later = false;  // a value after the gap: the observed periods are not consecutive
      for (int l = j + 1; l < k; ++l)
        if (const auto li = s.index_of(a + l); li && s.is_full(*li))
          later = true;
      if (!later) break;  // trailing missing periods (not published yet) end the run
      throw invalid_argument("annual_run_rate: " + (a + j).to_string() + " of series '" + s.id() +
                             "' is missing between observed periods of " + std::to_string(year));
    }
    sum += s[*i];
    r.last = a + j;
    ++r.periods_observed;
  }
  if (r.periods_observed == 0)
    throw invalid_argument("annual_run_rate: series '" + s.id() + "' has no observation from " + a.to_string() +
                           " (" + s.span_text() + ")");
  r.value = sum / r.periods_observed * k;
  if (!std::isfinite(r.value))
    throw invalid_argument("annual_run_rate: the run-rate of " + std::to_string(year) + " for series '" + s.id() +
                           "' is too large to represent (beyond 1.8e308)");
  const std::string span = r.periods_observed == 1 ? a.to_string() : a.to_string() + " to " + r.last.to_string();
  r.label = std::to_string(year) + " run-rate (" + span + " x " +
            (r.periods_observed == 1 ? std::to_string(k) : std::to_string(k) + "/" + std::to_string(r.periods_observed)) + ")";
  return r;
}

/// How far the run-rate is above (positive) or below the previous year's annual value, percent:
/// 100·(run-rate / Y_{year−1} − 1). This compares an annualised partial year with a full year; it
/// is not a year-on-year growth rate. Undefined (with the reason) when the previous year is
/// missing, not in the series, or not positive.
/// \throws invalid_argument when `annual` is not annual.
[[nodiscard]] inline rate run_rate_vs_year(const run_rate& rr, const series& annual) {
  if (annual.freq() != frequency::annual)
    throw invalid_argument("run_rate_vs_year: series '" + annual.id() + "' is not annual");
  rate r;
  r.from = period::annual(rr.year - 1);
  r.to = period::annual(rr.year);
  r.years = 1;
  r.convention = "run-rate compared with the previous full year; not a growth rate";
  const auto i = annual.index_of(r.from);
  if (!i) {
    r.reason = r.from.to_string() + " is not in series '" + annual.id() + "'";
    return r;
  }
  if (annual.is_missing(*i)) {  // the aggregate's note says why (e.g. "partial year: 7 of 12 months observed")
    const std::string* note = annual.note(*i);
    r.reason = note ? *note : r.from.to_string() + " is missing";
    return r;
  }
  if (annual[*i] <= 0) {
    r.reason = "value at " + r.from.to_string() + " is not positive";
    return r;
  }
  r.observations_used = 1;
  r.value = 100.0 * (rr.value / annual[*i] - 1.0);
  if (!std::isfinite(r.value)) {  // e.g. a previous year of 1e-320
    r.value = std::numeric_limits<double>::quiet_NaN();
    r.reason = "too large to represent (the run-rate against " + r.from.to_string() + "'s " +
               tradecast::detail::short_number(annual[*i]) + " overflows)";
  }
  return r;
}

}  // namespace tradecast::growth
