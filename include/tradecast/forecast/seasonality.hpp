// SPDX-License-Identifier: MIT
/// \file forecast/seasonality.hpp
/// The autocorrelation test for seasonality and the multiplicative seasonal adjustment used by the
/// Theta method (R's `forecast::thetaf`, forecast 8.20), and reusable by other methods that
/// deseasonalise first (Comb S-H-D, the M4 "Naive2" benchmark).
///
/// ## Seasonality test
/// With r_k the sample autocorrelation at lag k (R's `acf`: deviations from the mean, lag-k sum of
/// products divided by n, normalised by the lag-0 value), the statistic is
///
///     t = |r_m| / sqrt((1 + 2 Σ_{k=1}^{m−1} r_k²) / n)
///
/// (r_m divided by its Bartlett standard error under the hypothesis of no autocorrelation beyond
/// lag m − 1). The series is seasonal when t > c, where c = qnorm(0.95) ≈ 1.6449 by default: a
/// two-sided test at the 10% level (the "90% critical value"). As in thetaf the test is only run
/// when m > 1, the series is not constant (R's `is.constant`: mean |y − y_1| ≤ 1.5e-8 · mean |y|)
/// and n > 2m; otherwise the series counts as non-seasonal and `tested` is false.
/// The M4 competition's Naive2/Comb benchmarks use the same statistic with c = 1.645, the test run
/// only when n ≥ 3m, and no constant check:
/// `seasonality_options{.critical_value = 1.645, .min_length = 3 * m, .skip_constant = false}`
/// (m4_seasonality_options(); the engine's `comb`, `sa:` and `naive2` and eval::naive2 use it).
///
/// ## Seasonal adjustment
/// When the test finds seasonality, the series is decomposed multiplicatively by R's classical
/// `decompose(type = "multiplicative")` (detail/decompose.hpp): m seasonal indices I_1 … I_m
/// (normalised to mean 1), counted from the first observation. The adjusted series is
/// y_t / I_{t mod m}, and h future values are reseasonalised by multiplying step j (j = 1..h, time
/// n + j) by I_{(n + j − 1) mod m} (0-based), i.e. the last m in-sample indices repeated, as thetaf
/// does.
///
/// ## Zeros, negative values, unusable indices
/// A multiplicative decomposition is only meaningful for positive data. For strictly positive data
/// the adjustment is exactly R's. Otherwise the test is still run as R does, the decomposition is
/// attempted, and the series is left unadjusted (`adjusted == false`, `note` says why) when any
/// index is not finite (a zero moving average; R stops with "missing value where TRUE/FALSE
/// needed") or below 1e-4 (an all-zero season, or a negative index). R's thetaf warns "Seasonal
/// indexes close to zero. Using non-seasonal Theta method" in that case but then still multiplies
/// its forecasts by the near-zero indices (a bug in forecast 8.20); here an unadjusted series is
/// never reseasonalised (all indices are 1). R also accepts negative indices whose magnitude is at
/// least 1e-4 (flipping the sign of the adjusted series); they are rejected here.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "tradecast/error.hpp"
#include "tradecast/forecast/detail/decompose.hpp"
#include "tradecast/forecast/model.hpp"

namespace tradecast::forecast {

/// Settings of the seasonality test; the defaults are R's thetaf.
struct seasonality_options {
  /// Critical value of the statistic; default qnorm(0.95) (two-sided test at the 10% level).
  double critical_value = 1.6448536269514722;
  /// The test runs only when n ≥ min_length; 0 means thetaf's rule n > 2m (i.e. 2m + 1).
  std::size_t min_length = 0;
  /// Constant series (R's is.constant) count as non-seasonal without testing (thetaf does this).
  bool skip_constant = true;
};

/// Outcome of the seasonality test.
struct seasonality_test {
  bool seasonal = false;  ///< statistic > critical value (false whenever the test was not run)
  bool tested = false;    ///< false: m ≤ 1, too short, or constant; `statistic` is then NaN
  double statistic = std::numeric_limits<double>::quiet_NaN();  ///< |r_m| / its standard error
  double critical_value = std::numeric_limits<double>::quiet_NaN();
};

/// A series divided by its multiplicative seasonal indices (or left as it is).
struct seasonal_adjustment {
  int m = 1;                  ///< seasonal period
  seasonality_test test{};    ///< the test that decided whether to adjust
  bool adjusted = false;      ///< true: `series` = y / indices; false: `series` = y
  std::string note{};         ///< why a seasonal series was not adjusted; empty otherwise
  std::vector<double> series{};  ///< the adjusted series (a copy of y when not adjusted)
  std::vector<double> index{};   ///< per observation, the index y was divided by (1 when not adjusted)
  std::vector<double> figure{};  ///< the m indices, the first for the first observation (empty when not adjusted)

  /// Indices for the h steps after the series (1 when not adjusted).
  /// \throws invalid_argument unless h ≥ 0.
  [[nodiscard]] std::vector<double> future_index(int h) const {
    if (h < 0) throw invalid_argument("seasonal_adjustment::future_index: h = " + std::to_string(h) + " is negative");
    std::vector<double> out(static_cast<std::size_t>(h), 1.0);
    if (!adjusted) return out;
    const std::size_t n = series.size();
    const auto um = static_cast<std::size_t>(m);
    for (std::size_t j = 0; j < out.size(); ++j) out[j] = figure[(n + j) % um];
    return out;
  }

  /// Multiplies h = values.size() forecasts (steps 1..h after the series) by the future indices.
  void reseasonalise(std::span<double> values) const {
    if (!adjusted) return;
    const std::vector<double> f = future_index(static_cast<int>(values.size()));
    for (std::size_t j = 0; j < values.size(); ++j) values[j] *= f[j];
  }
};

namespace detail {


/// Sample autocorrelations r_0 … r_maxlag as R's acf(): deviations from the mean, sums of lagged
/// products divided by n, normalised by the lag-0 value and clamped to [−1, 1].
[[nodiscard]] inline std::vector<double> sample_acf(std::span<const double> y, std::size_t maxlag) {
  const std::size_t n = y.size();
  std::vector<double> r(maxlag + 1, std::numeric_limits<double>::quiet_NaN());
  if (n == 0) return r;
  long double s = 0;
  for (double v : y) s += v;
  const double mu = static_cast<double>(s / static_cast<long double>(n));
  std::vector<double> d(n);
  for (std::size_t t = 0; t < n; ++t) d[t] = y[t] - mu;
  std::vector<double> c(maxlag + 1, 0.0);
  for (std::size_t k = 0; k <= maxlag && k < n; ++k) {
    double sum = 0;
    for (std::size_t t = 0; t + k < n; ++t) sum += d[t + k] * d[t];
    c[k] = sum / static_cast<double>(n);
  }
  const double sd = std::sqrt(c[0]);
  for (std::size_t k = 0; k <= maxlag; ++k) {
    const double a = c[k] / (sd * sd);
    r[k] = a > 1 ? 1.0 : (a < -1 ? -1.0 : a);
  }
  return r;
}

inline void seasonality_check_input(std::span<const double> y, int m, const char* who) {
  if (m < 1) throw invalid_argument(std::string(who) + ": seasonal period m = " + std::to_string(m) + " must be at least 1");
  for (std::size_t i = 0; i < y.size(); ++i)
    if (!std::isfinite(y[i]))
      throw observation_error(std::string(who) + ": ", i, " is not finite (missing values must be removed or interpolated first)");
}

}  // namespace detail

/// Runs the seasonality test of R's thetaf (see the file comment) on `y` with period `m`.
/// \throws invalid_argument naming `m` when m < 1, or naming `y` when a value is not finite.
[[nodiscard]] inline seasonality_test test_seasonality(std::span<const double> y, int m,
                                                       const seasonality_options& options = {}) {
  detail::seasonality_check_input(y, m, "test_seasonality");
  seasonality_test out;
  out.critical_value = options.critical_value;
  const std::size_t n = y.size();
  const auto um = static_cast<std::size_t>(m);
  const std::size_t min_length = options.min_length == 0 ? 2 * um + 1 : options.min_length;
  if (m <= 1 || n < min_length || n < 2) return out;
  if (options.skip_constant && detail::is_constant(y)) return out;
  const std::vector<double> r = detail::sample_acf(y, um);
  double ss = 0;
  for (std::size_t k = 1; k < um; ++k) ss += r[k] * r[k];
  out.statistic = std::fabs(r[um]) / std::sqrt((1 + 2 * ss) / static_cast<double>(n));
  out.tested = std::isfinite(out.statistic);
  out.seasonal = out.tested && out.statistic > options.critical_value;
  return out;
}

/// Tests `y` for seasonality with period `m` and, when seasonal, divides it by the multiplicative
/// seasonal indices of R's classical decomposition (see the file comment).
/// \throws invalid_argument naming `m` when m < 1, or naming `y` when a value is not finite.
[[nodiscard]] inline seasonal_adjustment seasonally_adjust(std::span<const double> y, int m,
                                                           const seasonality_options& options = {}) {
  seasonal_adjustment out;
  out.m = m;
  out.test = test_seasonality(y, m, options);
  out.series.assign(y.begin(), y.end());
  out.index.assign(y.size(), 1.0);
  if (!out.test.seasonal) return out;
  if (y.size() < 2 * static_cast<std::size_t>(m)) {
    out.note = "seasonal, but fewer than 2 periods for the decomposition: not adjusted";
    return out;
  }
  const detail::decomposition d = detail::decompose(y, m, detail::decompose_type::multiplicative);
  for (double f : d.figure) {
    if (!std::isfinite(f)) {
      out.note = "seasonal, but a seasonal index is not finite (zero moving average): not adjusted";
      return out;
    }
    if (f < 1e-4) {
      out.note = "seasonal, but a seasonal index is below 1e-4 (zero or negative data): not adjusted";
      return out;
    }
  }
  out.adjusted = true;
  out.figure = d.figure;
  out.index = d.seasonal;
  for (std::size_t t = 0; t < y.size(); ++t) out.series[t] = y[t] / out.index[t];
  return out;
}

/// The seasonality options of the M4 benchmarks (Naive2, Comb S-H-D) for period m: critical value
/// 1.645, the test only when n ≥ 3m, no constant-series check (see the file comment).
[[nodiscard]] inline seasonality_options m4_seasonality_options(int m) {
  seasonality_options so;
  so.critical_value = 1.645;
  so.min_length = 3 * static_cast<std::size_t>(std::max(m, 1));
  so.skip_constant = false;
  return so;
}

/// Puts the seasonal indices back on forecasts and a model fitted to `sa.series` (the adjusted
/// series of `y`): means, bounds and fitted values are multiplied by the indices (nothing changes
/// when the series was not adjusted); residuals become y − fitted; the test statistic is recorded
/// as parameter `seasonality_statistic` when the test ran; the adjustment's note is appended to
/// the status message.
inline void reseasonalise(forecast_values& values, model_info& model, const seasonal_adjustment& sa,
                          std::span<const double> y) {
  sa.reseasonalise(values.mean);
  for (auto& pi : values.intervals) {
    sa.reseasonalise(pi.lower);
    sa.reseasonalise(pi.upper);
  }
  if (sa.adjusted)
    for (std::size_t t = 0; t < model.fitted.size() && t < sa.index.size(); ++t) model.fitted[t] *= sa.index[t];
  model.residuals.resize(y.size());
  for (std::size_t t = 0; t < y.size(); ++t)
    model.residuals[t] = t < model.fitted.size() ? y[t] - model.fitted[t] : std::numeric_limits<double>::quiet_NaN();
  if (sa.test.tested) model.parameters.emplace_back("seasonality_statistic", sa.test.statistic);
  if (!sa.note.empty()) model.status_message += (model.status_message.empty() ? "" : "; ") + sa.note;
}

}  // namespace tradecast::forecast
