// SPDX-License-Identifier: MIT
/// \file growth/cagr.hpp
/// Average growth over a span: the end-point compound annual growth rate (CAGR) and the
/// least-squares growth rate.
#pragma once

#include <cmath>
#include <limits>
#include <string>

#include "tradecast/core/series.hpp"
#include "tradecast/error.hpp"
#include "tradecast/growth/rates.hpp"

namespace tradecast::growth {

/// A scalar rate over a span, in percent. Undefined rates have value NaN and say why.
struct rate {
  double value = std::numeric_limits<double>::quiet_NaN();  ///< percent per year; NaN when undefined
  std::string reason{};    ///< why the rate is undefined (empty when defined)
  period from{};           ///< first period of the span
  period to{};             ///< last period of the span
  double years = 0;        ///< length of the span in years, (to − from)/periods per year
  std::size_t observations_used = 0;
  std::string convention{};  ///< e.g. "CAGR, end-point compound annual rate"
  [[nodiscard]] bool defined() const noexcept { return !std::isnan(value); }
};

namespace detail {
inline void check_span(const series& s, period from, period to, const char* what) {
  for (period p : {from, to}) {
    if (p.freq() != s.freq())
      throw invalid_argument(std::string(what) + ": period " + p.to_string() + " is " +
                             std::string(to_string(p.freq())) + " but series '" + s.id() + "' is " +
                             std::string(to_string(s.freq())));
    if (!s.index_of(p))
      throw invalid_argument(std::string(what) + ": period " + p.to_string() + " is outside series '" + s.id() +
                             "' (" + s.span_text() + ")");
  }
}
}  // namespace detail

/// Compound annual growth rate between two periods (World Bank "Growth Rates": end-point,
/// geometric): 100·((Y_to/Y_from)^(1/years) − 1), years = (to − from)/periods per year.
/// Undefined (with the reason) when an endpoint is missing or not positive, when one endpoint is a
/// partial period and the other is not, or when to ≤ from.
/// \throws invalid_argument when a period is of another frequency or outside the series.
[[nodiscard]] inline rate cagr(const series& s, period from, period to) {
  detail::check_span(s, from, to, "cagr");
  rate r;
  r.from = from;
  r.to = to;
  r.convention = "CAGR, end-point compound annual rate";
  r.years = static_cast<double>(to - from) / periods_per_year(s.freq());
  if (to <= from) {
    r.reason = "the span " + from.to_string() + " to " + to.to_string() + " is empty";
    return r;
  }
  const std::size_t a = *s.index_of(from), b = *s.index_of(to);
  for (std::size_t i : {a, b}) {
    if (s.is_missing(i)) {
      r.reason = s.period_at(i).to_string() + " is missing";
      return r;
    }
    if (s[i] <= 0) {
      r.reason = "value at " + s.period_at(i).to_string() + " is not positive";
      return r;
    }
  }
  if (const std::string why = detail::partial_mismatch(s, a, b); !why.empty()) {
    r.reason = why;
    return r;
  }
  r.observations_used = 2;
  r.value = 100.0 * (std::pow(s[b] / s[a], 1.0 / r.years) - 1.0);
  if (!std::isfinite(r.value)) {  // e.g. from 1e-320: the ratio overflows
    r.value = std::numeric_limits<double>::quiet_NaN();
    r.reason = "too large to represent (the ratio of the values at " + s.period_at(b).to_string() + " and " +
               s.period_at(a).to_string() + " overflows)";
  }
  return r;
}

/// CAGR over the whole series: from its last full observation (present, not a partial period, not
/// a forecast) back to the earliest full observation at the same period of the year (the same
/// quarter or month: end points a whole number of years apart, so seasonality does not pass for
/// growth; on annual data the first full observation). A trailing year of which one quarter is
/// published, or a projected value, is not an end point.
/// \throws invalid_argument when the series has no two such observations.
[[nodiscard]] inline rate cagr(const series& s) {
  std::size_t b = s.size();
  for (std::size_t i = s.size(); i-- > 0;)
    if (s.is_full(i)) {
      b = i;
      break;
    }
  const auto ppy = static_cast<std::size_t>(periods_per_year(s.freq()));
  std::size_t a = b;
  if (b < s.size())
    for (std::size_t i = b % ppy; i < b; i += ppy)
      if (s.is_full(i)) {
        a = i;
        break;
      }
  if (b == s.size() || a == b)
    throw invalid_argument("cagr: series '" + s.id() + "' needs two full observations with a value" +
                           (ppy > 1 ? std::string(" a whole number of years apart (the same period of the year)") : "") +
                           " (partial periods and forecasts are not end points)");
  return cagr(s, s.period_at(a), s.period_at(b));
}

/// Least-squares growth rate (UNCTAD Handbook of Statistics; WDI Sources and Methods): fit
/// ln Y_t = a + b·t by OLS over the present observations in the span, t in years; the rate is
/// 100·(e^b − 1) per year. Missing observations are skipped (observations_used says how many were
/// used). Undefined when fewer than two present values or any value is not positive.
/// \throws invalid_argument when a period is of another frequency or outside the series.
[[nodiscard]] inline rate least_squares_growth(const series& s, period from, period to) {
  detail::check_span(s, from, to, "least_squares_growth");
  rate r;
  r.from = from;
  r.to = to;
  r.convention = "least-squares growth rate, 100*(exp(b)-1) from ln Y = a + b*t";
  const double ppy = periods_per_year(s.freq());
  r.years = static_cast<double>(to - from) / ppy;
  const std::size_t a = *s.index_of(from), b = *s.index_of(to);
  double st = 0, sy = 0, stt = 0, sty = 0;
  std::size_t n = 0, skipped = 0;
  for (std::size_t i = a; i <= b && b >= a; ++i) {
    if (s.is_missing(i)) {
      ++skipped;
      continue;
    }
    if (s[i] <= 0) {
      r.reason = "value at " + s.period_at(i).to_string() + " is not positive";
      return r;
    }
    const double t = static_cast<double>(i - a) / ppy, y = std::log(s[i]);
    st += t, sy += y, stt += t * t, sty += t * y;
    ++n;
  }
  r.observations_used = n;
  if (n < 2) {
    r.reason = "needs at least two observations with a value, found " + std::to_string(n);
    return r;
  }
  const double dn = static_cast<double>(n);
  const double slope = (sty - st * sy / dn) / (stt - st * st / dn);
  r.value = 100.0 * (std::exp(slope) - 1.0);
  if (!std::isfinite(r.value)) {  // a slope beyond ln(DBL_MAX) per year
    r.value = std::numeric_limits<double>::quiet_NaN();
    r.reason = "too large to represent (the fitted log-growth of " + std::to_string(slope) + " per year overflows)";
    return r;
  }
  if (skipped > 0) r.reason = std::to_string(skipped) + " missing observation(s) skipped";
  return r;
}

/// Least-squares growth over the whole series.
[[nodiscard]] inline rate least_squares_growth(const series& s) {
  if (s.empty()) throw invalid_argument("least_squares_growth: series '" + s.id() + "' is empty");
  return least_squares_growth(s, s.start(), s.end());
}

}  // namespace tradecast::growth
