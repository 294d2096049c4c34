// SPDX-License-Identifier: MIT
/// \file eval/metrics.hpp
/// Forecast accuracy of one series (R's `accuracy()` measures and the M4/M5 competition measures),
/// set-level aggregation as in the M4 competition, and OWA relative to the Naive2 benchmark.
///
/// ## Notation
/// Training data y_1 … y_n, seasonal period m ≥ 1, test actuals a_1 … a_h, point forecasts
/// f_1 … f_h, errors e_k = a_k − f_k (R's sign: actual minus forecast). Sums over k run over the
/// H steps whose actual is present (see "Missing values"); "mean" is (1/H) Σ.
///
/// | measure | formula | reference |
/// |---|---|---|
/// | ME    | mean e_k | R `accuracy()` |
/// | MAE   | mean abs(e_k) | R `accuracy()` |
/// | RMSE  | sqrt(mean e_k²) | R `accuracy()` |
/// | MPE   | mean 100·e_k / a_k | R `accuracy()` |
/// | MAPE  | mean 100·abs(e_k) / abs(a_k) | R `accuracy()` |
/// | sMAPE | mean 200·abs(e_k) / (abs(a_k) + abs(f_k)), percent | M4 |
/// | MASE  | MAE / S,  S = mean over t = m+1..n of abs(y_t − y_{t−m}) | M4; R `accuracy(fc, test)` |
/// | RMSSE | sqrt(mean e_k² / S2),  S2 = mean over t = m+1..n of (y_t − y_{t−m})² | M5 (m = 1) |
/// | MSIS  | mean [ (U_k − L_k) + (2/α)(L_k − a_k)·1{a_k < L_k} + (2/α)(a_k − U_k)·1{a_k > U_k} ] / S | M4 (level 95, α = 0.05) |
/// | coverage | share of steps with L_k ≤ a_k ≤ U_k | M4's ACD = abs(coverage − 0.95) at set level |
///
/// MASE's scale S is the in-sample mean absolute seasonal difference: with m = 1 the one-step naive
/// error. This is M4's definition and equals R's `accuracy(forecast_object, test)` when m is the
/// frequency of the series (R differences at lag `frequency` for seasonal data, D = 1, and at lag 1
/// for annual data, d = 1). RMSSE is M5's measure (M5 used daily data and lag 1; pass m = 1 for it);
/// with m > 1 the squared seasonal differences are used, consistent with MASE. M5's rule of starting
/// the scale at the first non-zero observation (for intermittent sales) is not applied.
/// MSIS uses α = 1 − level/100 of the interval given; M4's MSIS is the one with level 95.
///
/// ## Edge cases (decided here; each one is also reported in `accuracy::issues`)
/// - **Zero scale** (y_t = y_{t−m} for every usable t, e.g. a constant training series): the scaled
///   measures follow IEEE division as R's `accuracy()` does: MASE, RMSSE and MSIS are +∞ when their
///   numerator is positive and NaN when it is 0 (perfect forecasts). `scale_zero` is set and an
///   issue names the problem. Set-level aggregation leaves such values out and lists the series
///   (see below), so a set-level result is never NaN or ∞ without saying which series caused it.
/// - **Too short for a scale** (no t with both y_t and y_{t−m} present, e.g. n ≤ m): S and S2 are
///   NaN, so are MASE, RMSSE and MSIS, and an issue says so.
/// - **sMAPE with a_k = f_k = 0**: the term 0/0 is defined as 0 (a perfect forecast; M4's code would
///   give NaN, but no M4 series has zeros). Only one of them 0 gives the term 200.
/// - **MPE/MAPE with a_k = 0**: the term is ±∞ (R gives the same), so MPE and MAPE are infinite (or
///   NaN when +∞ and −∞ meet in MPE); an issue names the steps.
/// - **Missing values**: a missing (NaN) actual skips that step in every measure (R's
///   `na.rm = TRUE`); `n_missing` counts them and an issue names them. All actuals missing gives
///   NaN everywhere, with an issue. Missing training values are allowed: the scales use the pairs
///   (y_t, y_{t−m}) where both are present, as R's `mean(…, na.rm = TRUE)` of the differences.
///   Forecasts must be finite: a missing forecast is a failure of the method, not of the data,
///   and throws; so does a NaN interval bound. An unbounded interval end (upper +∞ or lower −∞:
///   a Box-Cox bound beyond the inverse's domain) is allowed: the interval covers everything on
///   that side and its MSIS is +∞, with an issue. Infinite actuals or training values throw.
///
/// ## Set level (M4)
/// aggregate() averages each measure over series (the mean of the per-series means; with equal
/// horizons and no missing actuals this is M4's mean over all series and steps). A series whose
/// value of a measure is not finite is left out of that measure's mean and listed in
/// `set_accuracy::excluded` with the reason; a measure with no finite value is NaN (and every series
/// is listed). ACD = abs(mean coverage − level/100). OWA = ½ (sMAPE/sMAPE_Naive2 + MASE/MASE_Naive2)
/// from the set-level values, never per series (owa()).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tradecast/error.hpp"
#include "tradecast/forecast/model.hpp"

namespace tradecast::eval {

/// Lower and upper bounds of one prediction interval (level in percent), one per test step.
struct interval_bounds {
  double level = 95;
  std::span<const double> lower{};
  std::span<const double> upper{};
};

/// Accuracy of one series' forecasts (see the table in the file comment).
struct accuracy {
  double me = std::numeric_limits<double>::quiet_NaN();
  double mae = std::numeric_limits<double>::quiet_NaN();
  double rmse = std::numeric_limits<double>::quiet_NaN();
  double mpe = std::numeric_limits<double>::quiet_NaN();
  double mape = std::numeric_limits<double>::quiet_NaN();
  double smape = std::numeric_limits<double>::quiet_NaN();  ///< percent (0 … 200)
  double mase = std::numeric_limits<double>::quiet_NaN();
  double rmsse = std::numeric_limits<double>::quiet_NaN();
  double msis = std::numeric_limits<double>::quiet_NaN();      ///< NaN when no interval was given
  double coverage = std::numeric_limits<double>::quiet_NaN();  ///< share in [0, 1]; NaN without interval
  double level = std::numeric_limits<double>::quiet_NaN();     ///< level of the interval (percent), NaN without
  double scale = std::numeric_limits<double>::quiet_NaN();     ///< S (MASE, MSIS)
  double scale_squared = std::numeric_limits<double>::quiet_NaN();  ///< S2 (RMSSE)
  bool scale_zero = false;    ///< S == 0 (the scaled measures are +∞ or NaN; see the file comment)
  std::size_t n_used = 0;     ///< test steps with a present actual
  std::size_t n_missing = 0;  ///< test steps whose actual is missing (skipped)
  std::vector<std::string> issues{};  ///< every edge case met (empty when none)
};

namespace detail {

inline std::string step_list(const std::vector<std::size_t>& steps) {
  std::string s;
  for (std::size_t i = 0; i < steps.size() && i < 10; ++i) s += (i ? ", " : "") + std::to_string(steps[i] + 1);
  if (steps.size() > 10) s += ", … (" + std::to_string(steps.size()) + " in all)";
  return s;
}

}  // namespace detail

/// The in-sample scales of MASE and RMSSE: mean abs and mean square of y_t − y_{t−m} over the t
/// where both values are present. Both NaN when there is no such pair.
struct scale_pair {
  double mean_abs = std::numeric_limits<double>::quiet_NaN();
  double mean_sq = std::numeric_limits<double>::quiet_NaN();
  std::size_t pairs = 0;
};

/// \throws invalid_argument naming `m` when m < 1 and `train[i]` when a value is ±∞.
[[nodiscard]] inline scale_pair seasonal_scale(std::span<const double> train, int m) {
  if (m < 1) throw invalid_argument("seasonal period m = " + std::to_string(m) + " must be at least 1");
  for (std::size_t t = 0; t < train.size(); ++t)
    if (std::isinf(train[t])) throw invalid_argument("train[" + std::to_string(t) + "] is infinite");
  scale_pair s;
  const auto um = static_cast<std::size_t>(m);
  double sa = 0, sq = 0;
  for (std::size_t t = um; t < train.size(); ++t) {
    if (std::isnan(train[t]) || std::isnan(train[t - um])) continue;
    const double d = train[t] - train[t - um];
    sa += std::fabs(d);
    sq += d * d;
    ++s.pairs;
  }
  if (s.pairs > 0) {
    s.mean_abs = sa / static_cast<double>(s.pairs);
    s.mean_sq = sq / static_cast<double>(s.pairs);
  }
  return s;
}

/// Accuracy of `forecast` against `actual` (same length h ≥ 1) for a series trained on `train`
/// with seasonal period `m`, optionally with one prediction interval (for MSIS and coverage).
/// \throws invalid_argument naming the argument: m < 1; `actual`/`forecast` empty or of different
///   lengths; a forecast or bound that is not finite; an infinite actual or training value;
///   interval bounds of the wrong length, lower > upper, or a level outside (0, 100).
[[nodiscard]] inline accuracy evaluate(std::span<const double> train, std::span<const double> actual,
                                       std::span<const double> forecast, int m,
                                       const std::optional<interval_bounds>& interval = std::nullopt) {
  if (actual.empty()) throw invalid_argument("actual is empty: at least one test value is needed");
  if (forecast.size() != actual.size())
    throw invalid_argument("forecast has " + std::to_string(forecast.size()) + " values but actual has " +
                           std::to_string(actual.size()) + ": they must have the same length");
  for (std::size_t k = 0; k < forecast.size(); ++k)
    if (!std::isfinite(forecast[k]))
      throw invalid_argument("forecast[" + std::to_string(k) + "] is not finite (a method's failure is not a missing value)");
  for (std::size_t k = 0; k < actual.size(); ++k)
    if (std::isinf(actual[k])) throw invalid_argument("actual[" + std::to_string(k) + "] is infinite");
  if (interval) {
    forecast::check_levels(std::span<const double>(&interval->level, 1));
    if (interval->lower.size() != actual.size() || interval->upper.size() != actual.size())
      throw invalid_argument("interval bounds have " + std::to_string(interval->lower.size()) + " (lower) and " +
                             std::to_string(interval->upper.size()) + " (upper) values; actual has " +
                             std::to_string(actual.size()));
    for (std::size_t k = 0; k < actual.size(); ++k) {
      // Unbounded ends (a Box-Cox upper bound beyond the inverse's domain is +inf) are allowed:
      // MSIS is then +inf and says so; any other non-finite bound is an error.
      if (std::isnan(interval->lower[k]) || std::isnan(interval->upper[k]) ||
          interval->lower[k] == std::numeric_limits<double>::infinity() ||
          interval->upper[k] == -std::numeric_limits<double>::infinity())
        throw invalid_argument("interval bound at step " + std::to_string(k + 1) + " is not finite");
      if (interval->lower[k] > interval->upper[k])
        throw invalid_argument("interval lower bound " + tradecast::detail::short_number(interval->lower[k]) + " exceeds upper bound " +
                               tradecast::detail::short_number(interval->upper[k]) + " at step " + std::to_string(k + 1));
    }
  }
  const scale_pair sc = seasonal_scale(train, m);

  accuracy r;
  r.scale = sc.mean_abs;
  r.scale_squared = sc.mean_sq;
  if (interval) r.level = interval->level;
  std::vector<std::size_t> missing, zero_actual, both_zero, unbounded;
  // Sums in long double (range to 1e4932): errors, their squares and the percentage terms of
  // values near the top of double's range (1e307) do not overflow on the way to a finite mean.
  long double se = 0, sae = 0, sse = 0, spe = 0, sape = 0, ssm = 0, sis = 0;
  std::size_t covered = 0;
  const double alpha = interval ? 1 - interval->level / 100 : 0;
  for (std::size_t k = 0; k < actual.size(); ++k) {
    const long double a = actual[k], f = forecast[k];
    if (std::isnan(actual[k])) {
      missing.push_back(k);
      continue;
    }
    const long double e = a - f;
    se += e;
    sae += std::fabs(e);
    sse += e * e;
    if (a == 0) zero_actual.push_back(k);
    spe += 100 * e / a;  // ±∞ (or NaN for 0/0) when a == 0, as R
    sape += 100 * std::fabs(e) / std::fabs(a);
    const long double denom = std::fabs(a) + std::fabs(f);
    if (denom == 0) both_zero.push_back(k);
    else ssm += 200 * std::fabs(e) / denom;
    if (interval) {
      const long double lo = interval->lower[k], hi = interval->upper[k];
      if (!std::isfinite(lo) || !std::isfinite(hi)) unbounded.push_back(k);
      long double s = hi - lo;
      if (a < lo) s += 2 / alpha * (lo - a);
      if (a > hi) s += 2 / alpha * (a - hi);
      sis += s;
      if (lo <= a && a <= hi) ++covered;
    }
  }
  r.n_missing = missing.size();
  r.n_used = actual.size() - missing.size();
  if (!missing.empty())
    r.issues.push_back("actual missing at step(s) " + detail::step_list(missing) + ": skipped");
  if (r.n_used == 0) {
    r.issues.push_back("every actual is missing: no measure can be computed");
    return r;
  }
  const auto H = static_cast<long double>(r.n_used);
  r.me = static_cast<double>(se / H);
  r.mae = static_cast<double>(sae / H);
  r.rmse = static_cast<double>(std::sqrt(sse / H));
  r.mpe = static_cast<double>(spe / H);
  r.mape = static_cast<double>(sape / H);
  r.smape = static_cast<double>(ssm / H);
  if (!std::isfinite(r.mae) || !std::isfinite(r.rmse))
    r.issues.push_back("the errors are beyond the range of a double (about 1.8e308): ME, MAE, RMSE and the scaled "
                       "measures are not finite");
  if (!zero_actual.empty())
    r.issues.push_back("actual is 0 at step(s) " + detail::step_list(zero_actual) + ": MPE and MAPE are not finite");
  if (!both_zero.empty())
    r.issues.push_back("actual and forecast are both 0 at step(s) " + detail::step_list(both_zero) +
                       ": sMAPE term taken as 0");
  if (interval) {
    r.coverage = static_cast<double>(covered) / static_cast<double>(r.n_used);
    r.msis = static_cast<double>((sis / H) / r.scale);
    if (!unbounded.empty())
      r.issues.push_back("the interval is unbounded (an infinite bound) at step(s) " + detail::step_list(unbounded) +
                         ": MSIS is +inf");
  }
  r.mase = static_cast<double>((sae / H) / r.scale);
  r.rmsse = static_cast<double>(std::sqrt((sse / H) / r.scale_squared));
  // Measures whose exact value exceeds double's range (data near 1e308, or a scale near 1e-308)
  // are +inf like R's, and say so (the cases above name their own causes).
  std::string beyond;
  const auto check = [&](const char* name, double v, bool explained) {
    if (!std::isnan(v) && !std::isfinite(v) && !explained) beyond += std::string(beyond.empty() ? "" : ", ") + name;
  };
  const bool errors_overflow = !std::isfinite(r.mae) || !std::isfinite(r.rmse);
  check("MPE", r.mpe, errors_overflow || !zero_actual.empty());
  check("MAPE", r.mape, errors_overflow || !zero_actual.empty());
  check("MASE", r.mase, errors_overflow || r.scale == 0);
  check("RMSSE", r.rmsse, errors_overflow || r.scale == 0);
  if (interval) check("MSIS", r.msis, !unbounded.empty() || r.scale == 0);
  if (!beyond.empty())
    r.issues.push_back(beyond + (beyond.find(',') == std::string::npos ? " exceeds" : " exceed") +
                       " the range of a double (about 1.8e308): +inf");
  if (sc.pairs == 0) {
    r.issues.push_back("training data have no pair (y_t, y_{t-m}) with m = " + std::to_string(m) +
                       " (n = " + std::to_string(train.size()) + "): MASE, RMSSE and MSIS are undefined (NaN)");
  } else if (r.scale == 0) {
    r.scale_zero = true;
    r.issues.push_back("in-sample scale is 0 (y_t = y_{t-m} throughout, m = " + std::to_string(m) +
                       "): MASE, RMSSE and MSIS are +inf (or NaN for zero errors)");
  }
  return r;
}

/// evaluate() with the point forecasts and, when `level` is given, the interval of that level
/// from `values` (the first h values of each are used, h = actual.size()).
/// A forecast whose bounds of `level` are all NaN has no interval (batch::forecast_batch() gives
/// one observation point forecasts only): its point measures are computed, its MSIS and coverage
/// are NaN with an issue saying why, and aggregate() lists it as left out of both.
/// \throws invalid_argument as evaluate(), when `values` has fewer than h forecasts, or when no
///   interval of `level` is present.
[[nodiscard]] inline accuracy evaluate(std::span<const double> train, std::span<const double> actual,
                                       const forecast::forecast_values& values, int m,
                                       std::optional<double> level = std::nullopt) {
  const std::size_t h = actual.size();
  if (values.mean.size() < h)
    throw invalid_argument("forecast_values has " + std::to_string(values.mean.size()) +
                           " point forecasts; actual has " + std::to_string(h));
  const std::span<const double> mean(values.mean.data(), h);
  if (!level) return evaluate(train, actual, mean, m);
  for (const auto& pi : values.intervals) {
    if (pi.level != *level) continue;
    if (pi.lower.size() < h || pi.upper.size() < h)
      throw invalid_argument("the " + tradecast::detail::short_number(*level) + "% interval has fewer than " + std::to_string(h) + " bounds");
    const auto is_nan = [](double v) { return std::isnan(v); };
    if (std::all_of(pi.lower.begin(), pi.lower.begin() + static_cast<std::ptrdiff_t>(h), is_nan) &&
        std::all_of(pi.upper.begin(), pi.upper.begin() + static_cast<std::ptrdiff_t>(h), is_nan)) {
      // A forecast without intervals (e.g. from a single observation): the point measures, and
      // MSIS and coverage undefined, so that aggregate() lists the series as left out of them.
      accuracy r = evaluate(train, actual, mean, m);
      r.level = *level;
      r.issues.push_back("the forecast has no " + tradecast::detail::short_number(*level) +
                         "% interval (its bounds are undefined): MSIS and coverage are undefined (NaN)");
      return r;
    }
    return evaluate(train, actual, mean, m,
                    interval_bounds{*level, std::span<const double>(pi.lower.data(), h),
                                    std::span<const double>(pi.upper.data(), h)});
  }
  std::string have;
  for (const auto& pi : values.intervals) have += (have.empty() ? "" : ", ") + tradecast::detail::short_number(pi.level);
  throw invalid_argument("level = " + tradecast::detail::short_number(*level) + ": forecast_values has no interval of that level (has: " +
                         (have.empty() ? std::string("none") : have) + ")");
}

/// A series left out of one set-level measure.
struct excluded_value {
  std::string measure{};  ///< "MASE", "sMAPE", …
  std::size_t index = 0;  ///< position of the series in the input
  std::string id{};       ///< its id when ids were given, else ""
  double value = std::numeric_limits<double>::quiet_NaN();  ///< the non-finite value
  std::string reason{};  ///< the series' issues, joined
};

/// Set-level accuracy: each measure averaged over the series where it is finite.
struct set_accuracy {
  std::size_t series = 0;
  double me = std::numeric_limits<double>::quiet_NaN();
  double mae = std::numeric_limits<double>::quiet_NaN();
  double rmse = std::numeric_limits<double>::quiet_NaN();
  double mpe = std::numeric_limits<double>::quiet_NaN();
  double mape = std::numeric_limits<double>::quiet_NaN();
  double smape = std::numeric_limits<double>::quiet_NaN();
  double mase = std::numeric_limits<double>::quiet_NaN();
  double rmsse = std::numeric_limits<double>::quiet_NaN();
  double msis = std::numeric_limits<double>::quiet_NaN();      ///< NaN when no series had an interval
  double coverage = std::numeric_limits<double>::quiet_NaN();
  double acd = std::numeric_limits<double>::quiet_NaN();       ///< abs(coverage − level/100)
  double level = std::numeric_limits<double>::quiet_NaN();
  std::vector<excluded_value> excluded{};  ///< every (series, measure) left out, with why
};

/// Averages per-series accuracies (see "Set level" in the file comment). `ids`, when not empty,
/// names the series in `excluded`. Interval measures are averaged over the series that have an
/// interval (series without one are not listed as excluded).
/// \throws invalid_argument when `per_series` is empty, `ids` has the wrong length, or the series
///   carry intervals of different levels.
[[nodiscard]] inline set_accuracy aggregate(std::span<const accuracy> per_series,
                                            std::span<const std::string> ids = {}) {
  if (per_series.empty()) throw invalid_argument("per_series is empty: nothing to aggregate");
  if (!ids.empty() && ids.size() != per_series.size())
    throw invalid_argument("ids has " + std::to_string(ids.size()) + " names for " + std::to_string(per_series.size()) +
                           " series");
  set_accuracy s;
  s.series = per_series.size();
  for (std::size_t i = 0; i < per_series.size(); ++i) {
    const double l = per_series[i].level;
    if (std::isnan(l)) continue;
    if (std::isnan(s.level)) s.level = l;
    else if (l != s.level)
      throw invalid_argument("series " + std::to_string(i) + " has a " + tradecast::detail::short_number(l) + "% interval, earlier ones " +
                             tradecast::detail::short_number(s.level) + "%: aggregate intervals of one level");
  }
  auto mean_of = [&](const char* name, double accuracy::*field, bool interval_only) {
    double sum = 0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < per_series.size(); ++i) {
      const accuracy& a = per_series[i];
      if (interval_only && std::isnan(a.level)) continue;
      const double v = a.*field;
      if (std::isfinite(v)) {
        sum += v;
        ++count;
        continue;
      }
      std::string reason;
      for (const auto& is : a.issues) reason += (reason.empty() ? "" : "; ") + is;
      s.excluded.push_back({name, i, ids.empty() ? std::string() : ids[i], v, reason});
    }
    return count ? sum / static_cast<double>(count) : std::numeric_limits<double>::quiet_NaN();
  };
  s.me = mean_of("ME", &accuracy::me, false);
  s.mae = mean_of("MAE", &accuracy::mae, false);
  s.rmse = mean_of("RMSE", &accuracy::rmse, false);
  s.mpe = mean_of("MPE", &accuracy::mpe, false);
  s.mape = mean_of("MAPE", &accuracy::mape, false);
  s.smape = mean_of("sMAPE", &accuracy::smape, false);
  s.mase = mean_of("MASE", &accuracy::mase, false);
  s.rmsse = mean_of("RMSSE", &accuracy::rmsse, false);
  if (!std::isnan(s.level)) {
    s.msis = mean_of("MSIS", &accuracy::msis, true);
    s.coverage = mean_of("coverage", &accuracy::coverage, true);
    s.acd = std::fabs(s.coverage - s.level / 100);
  }
  return s;
}

/// M4's overall weighted average: ½ (smape/smape_naive2 + mase/mase_naive2), from set-level values.
/// \throws invalid_argument naming the value when a Naive2 value is not positive and finite, or a
///   method value is not finite.
[[nodiscard]] inline double owa(double smape, double mase, double smape_naive2, double mase_naive2) {
  auto positive = [](double v, const char* name) {
    if (!(std::isfinite(v) && v > 0))
      throw invalid_argument(std::string(name) + " = " + tradecast::detail::short_number(v) + " must be positive and finite for OWA");
  };
  positive(smape_naive2, "smape_naive2");
  positive(mase_naive2, "mase_naive2");
  if (!std::isfinite(smape) || !std::isfinite(mase))
    throw invalid_argument("OWA needs finite smape and mase (got " + tradecast::detail::short_number(smape) + ", " + tradecast::detail::short_number(mase) + ")");
  return 0.5 * (smape / smape_naive2 + mase / mase_naive2);
}

/// OWA of a method's set-level accuracy relative to Naive2's on the same series.
/// \throws invalid_argument as owa(double, double, double, double), or when the sets have
///   different numbers of series.
[[nodiscard]] inline double owa(const set_accuracy& method, const set_accuracy& naive2) {
  if (method.series != naive2.series)
    throw invalid_argument("OWA compares the same series: method has " + std::to_string(method.series) +
                           ", naive2 has " + std::to_string(naive2.series));
  // Naive2 with no usable series for a measure (every series excluded): say why, by its first.
  for (const auto& [measure, value] : {std::pair<const char*, double>{"sMAPE", naive2.smape}, {"MASE", naive2.mase}}) {
    if (std::isfinite(value) && value > 0) continue;
    std::string why;
    for (const excluded_value& ex : naive2.excluded)
      if (ex.measure == measure) {
        why = "; e.g. series " + (ex.id.empty() ? std::to_string(ex.index + 1) : "'" + ex.id + "'") + ": " + ex.reason;
        break;
      }
    throw invalid_argument(std::string("OWA needs Naive2's set-level ") + measure + ", which is " +
                           (std::isnan(value) ? std::string("undefined") : tradecast::detail::short_number(value)) +
                           (naive2.excluded.empty() ? std::string() : " (no series has a finite, positive one" + why + ")"));
  }
  return owa(method.smape, method.mase, naive2.smape, naive2.mase);
}

}  // namespace tradecast::eval
