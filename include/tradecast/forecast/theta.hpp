// SPDX-License-Identifier: MIT
/// \file forecast/theta.hpp
/// The classic Theta method (Assimakopoulos & Nikolopoulos 2000) in the form of R's
/// `forecast::thetaf()` (forecast 8.20): simple exponential smoothing with drift (Hyndman &
/// Billah 2003), applied to the seasonally adjusted series.
///
/// ## Method
/// For a series y_1 … y_n with seasonal period m, levels in percent and horizon h:
/// 1. Seasonality: thetaf's autocorrelation test at lag m (seasonality.hpp; run only when m > 1,
///    n > 2m and y is not constant). When seasonal, x_t = y_t / I_t with I the multiplicative
///    classical-decomposition indices; otherwise x = y.
/// 2. SES: ETS(A,N,N) fitted to x by minimising the in-sample one-step MSE (R's
///    `ses()` = `ets(x, "ANN", opt.crit = "mse")`): α, l_0, final level l_n, and R's ets
///    σ² = Σ e_t² / (n − 3) (n − 2 when α is fixed), e_t the one-step errors on the x scale.
/// 3. Drift: b = ½ · (OLS slope of x_t on t = 0 … n − 1) (half the slope of the θ = 0 line).
/// 4. Point forecasts, j = 1 … h, with α' = max(α, 1e-10):
///
///        ŷ_{n+j} = [ l_n + b · ( j − 1 + (1 − (1 − α')^n) / α' ) ] · I_{n+j}
///
///    (I_{n+j} = the last m indices repeated; 1 when not seasonal.)
/// 5. Intervals at level L: ŷ_{n+j} ± z · σ · sqrt(1 + (j − 1) α'²), z = qnorm(0.5 + L/200) —
///    SES's forecast variance; as in R it is neither scaled by I_{n+j} nor widened for the
///    estimated drift, so on strongly seasonal data the intervals are the adjusted-scale width
///    around the reseasonalised mean.
/// 6. In-sample: fitted_t = (SES one-step fit of x)_t · I_t (without the drift, as R),
///    residual_t = y_t − fitted_t.
///
/// ## Lengths and edge cases
/// - n ≥ 2 is required. For n ≥ 7 the SES fit is R's ETS(A,N,N). For n ≤ 6 R's `ets("ANN")`
///   switches to `HoltWintersZZ` (l_0 = y_1, α minimising the squared errors), and so does
///   fit_ets() (status `fell_back`; ets.hpp, "Tiny data"): the forecasts are R's there too.
/// - Seasonality is tested only when n > 2m (so n ≥ 2m + 1); shorter seasonal series, m = 1 and
///   constant series are treated as non-seasonal, exactly as R.
/// - Constant series: not seasonal; SES reproduces the constant, the drift is 0 (to rounding),
///   σ² = 0, so the forecasts are the constant with zero-width intervals (R's result too).
/// - Zeros and negative values: the multiplicative decomposition needs positive data. For
///   strictly positive data everything is R's. Otherwise the seasonality test still runs as R's;
///   if it finds seasonality, the decomposition is attempted and the series is left unadjusted
///   (non-seasonal Theta, with `season.note` saying why) when an index is not finite or below
///   1e-4 — see seasonality.hpp. Positive indices computed from data with some zeros/negatives
///   are used as R uses them.
/// - Missing or infinite values are rejected (R's thetaf fails on them as well).
///
/// ## A bug in R (forecast 8.20)
/// When the seasonal indices are close to zero (|I| < 1e-4, e.g. a season whose values are all
/// zero), thetaf warns "Seasonal indexes close to zero. Using non-seasonal Theta method" and does
/// not adjust the series, but its `seasonal` flag stays set, so the forecasts and fitted values
/// are still multiplied by the near-zero indices (forecasts of 0 for that season). tradecast
/// implements what the warning says: the non-seasonal Theta method on the unadjusted series,
/// i.e. the same numbers as thetaf on the values with frequency 1 (tested that way).
///
/// Note also that R's `thetaf()$model$sigma` holds σ², not σ.
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
#include "tradecast/forecast/ets.hpp"
#include "tradecast/forecast/model.hpp"
#include "tradecast/forecast/seasonality.hpp"

namespace tradecast::forecast {

/// What to fit. The defaults are R's thetaf().
struct theta_spec {
  /// Fix the SES smoothing parameter instead of estimating it (thetaf cannot; R's ses(alpha =)).
  /// Must lie within ETS's usual bounds [1e-4, 0.9999].
  std::optional<double> alpha{};
  /// The seasonality test (defaults: thetaf's).
  seasonality_options seasonality{};
};

/// A fitted Theta model.
struct theta_fit {
  std::size_t n = 0;  ///< observations
  int m = 1;          ///< seasonal period given to fit_theta()
  seasonal_adjustment season{};  ///< test result, adjusted series and indices
  ets_fit ses{};                 ///< the ETS(A,N,N) fit to the (adjusted) series
  double alpha = std::numeric_limits<double>::quiet_NaN();   ///< max(α, 1e-10)
  double drift = std::numeric_limits<double>::quiet_NaN();   ///< b: half the OLS slope of the adjusted series
  double level = std::numeric_limits<double>::quiet_NaN();   ///< l_n, the final SES level
  double l0 = std::numeric_limits<double>::quiet_NaN();      ///< SES initial level
  double sigma2 = std::numeric_limits<double>::quiet_NaN();  ///< SES innovation variance (adjusted scale)
  std::vector<double> fitted{};     ///< SES one-step fit, reseasonalised
  std::vector<double> residuals{};  ///< y − fitted
  fit_status status = fit_status::converged;
  std::string status_message{};
};

namespace detail {

/// OLS slope of x on 0 … n − 1 (n ≥ 2).
[[nodiscard]] inline double theta_ols_slope(std::span<const double> x) {
  const std::size_t n = x.size();
  const double tbar = (static_cast<double>(n) - 1) / 2;
  const double xbar = r_mean(x);
  long double sxy = 0, stt = 0;
  for (std::size_t t = 0; t < n; ++t) {
    const double dt = static_cast<double>(t) - tbar;
    sxy += static_cast<long double>(dt) * (x[t] - xbar);
    stt += static_cast<long double>(dt) * dt;
  }
  return static_cast<double>(sxy / stt);
}

}  // namespace detail

/// Fits the Theta method to `y` with seasonal period `m` (1 = non-seasonal), as R's
/// `thetaf(ts(y, frequency = m))` does (see the file comment).
/// \throws invalid_argument naming the argument: y with fewer than 2 values or a non-finite value,
///         m < 1, spec.alpha outside [1e-4, 0.9999].
[[nodiscard]] inline theta_fit fit_theta(std::span<const double> y, int m, const theta_spec& spec = {}) {
  const std::size_t n = y.size();
  if (n < 2) throw invalid_argument("fit_theta: y has " + std::to_string(n) + " observation(s); at least 2 are needed");
  detail::seasonality_check_input(y, m, "fit_theta");
  ets_spec es;
  es.error = 'A';
  es.trend = 'N';
  es.season = 'N';
  es.opt_crit = ets_opt_crit::mse;
  if (spec.alpha) {
    const double a = *spec.alpha;
    if (!(a >= es.lower[0] && a <= es.upper[0]))
      throw invalid_argument("fit_theta: spec.alpha = " + tradecast::detail::short_number(a) + " is outside [1e-4, 0.9999]");
    es.alpha = a;
  }

  theta_fit f;
  f.n = n;
  f.m = m;
  f.season = seasonally_adjust(y, m, spec.seasonality);
  const std::vector<double>& x = f.season.series;
  f.ses = fit_ets(x, m, es);
  f.alpha = std::max(f.ses.alpha, 1e-10);
  f.drift = detail::theta_ols_slope(x) / 2;
  f.level = f.ses.final_state.empty() ? std::numeric_limits<double>::quiet_NaN() : f.ses.final_state[0];
  f.l0 = f.ses.initial_state.empty() ? std::numeric_limits<double>::quiet_NaN() : f.ses.initial_state[0];
  f.sigma2 = f.ses.sigma2;
  f.fitted.resize(n);
  f.residuals.resize(n);
  for (std::size_t t = 0; t < n; ++t) {
    f.fitted[t] = f.ses.fitted[t] * f.season.index[t];
    f.residuals[t] = y[t] - f.fitted[t];
  }
  f.status = f.ses.status;
  f.status_message = f.ses.status_message;
  if (!f.season.note.empty())
    f.status_message = f.status_message.empty() ? f.season.note : f.season.note + "; " + f.status_message;
  return f;
}

/// Point forecasts and intervals `h` steps ahead (see the file comment, steps 4 and 5).
/// \throws invalid_argument for h < 1, a level outside (0, 100), or a failed fit.
[[nodiscard]] inline forecast_values forecast_theta(const theta_fit& fit, int h, std::span<const double> levels) {
  check_horizon(h);
  check_levels(levels);
  if (fit.status == fit_status::failed || !std::isfinite(fit.level))
    throw invalid_argument("theta: the fit failed (" +
                           (fit.status_message.empty() ? std::string("its final level is not a finite number")
                                                       : fit.status_message) +
                           "); no forecasts are available");
  const auto uh = static_cast<std::size_t>(std::max(h, 1));  // h >= 1 here; max() tells the optimiser so
  const double a = fit.alpha;
  // (1 − (1 − α)^n) / α, computed without cancellation for small α.
  const double mean_adj = -std::expm1(static_cast<double>(fit.n) * std::log1p(-a)) / a;
  forecast_values out;
  out.mean.resize(uh);
  std::vector<double> se(uh);
  const double sigma = std::sqrt(fit.sigma2);
  for (std::size_t j = 0; j < uh; ++j) {
    out.mean[j] = fit.level + fit.drift * (static_cast<double>(j) + mean_adj);
    se[j] = sigma * std::sqrt(static_cast<double>(j) * a * a + 1);
  }
  fit.season.reseasonalise(out.mean);
  for (double level : levels) {
    prediction_interval pi;
    pi.level = level;
    const double z = normal_multiplier(level);
    pi.lower.resize(uh);
    pi.upper.resize(uh);
    for (std::size_t j = 0; j < uh; ++j) {
      pi.lower[j] = out.mean[j] - z * se[j];
      pi.upper[j] = out.mean[j] + z * se[j];
    }
    out.intervals.push_back(std::move(pi));
  }
  return out;
}

/// What the fit estimated: method "Theta", parameters alpha, drift (b, half the slope), l0;
/// sigma2 (adjusted scale), fitted values, residuals and status. No likelihood (as R).
[[nodiscard]] inline model_info to_model_info(const theta_fit& fit) {
  model_info info;
  info.method = "Theta";
  info.parameters = {{"alpha", fit.alpha}, {"drift", fit.drift}, {"l0", fit.l0}};
  info.sigma2 = fit.sigma2;
  info.fitted = fit.fitted;
  info.residuals = fit.residuals;
  info.status = fit.status;
  info.status_message = fit.status_message;
  return info;
}

}  // namespace tradecast::forecast
