// SPDX-License-Identifier: MIT
/// \file forecast/simple.hpp
/// Benchmark forecasting methods with closed-form estimates and analytic prediction intervals, as
/// R's forecast 8.20 computes them: mean, naive, seasonal naive, random walk with drift, linear
/// trend, log-linear trend and CAGR extrapolation.
///
/// ## Methods (y_1 … y_n observed, forecast step k = 1 … h, level-ℓ intervals)
/// | method | R | point forecast ŷ_{n+k} | standard error of the step-k error |
/// |---|---|---|---|
/// | `mean` | `meanf(y)` | ȳ | s·√(1 + 1/n), t quantile with n − 1 df |
/// | `naive` | `naive(y)` | y_n | σ̂·√k |
/// | `snaive` | `snaive(y)` | y_{n−m+1+((k−1) mod m)} | σ̂·√(⌊(k−1)/m⌋ + 1) |
/// | `drift` | `rwf(y, drift=TRUE)` | y_n + k·b | √(σ̂²k + k²·se(b)²) |
/// | `trend` | `forecast(tslm(y ~ trend))` | a + b(n+k) | σ̂·√(1 + x₀ᵀ(XᵀX)⁻¹x₀), t quantile with n − 2 df |
/// | `logtrend` | `forecast(tslm(y ~ trend, lambda=0))` | exp(a + b(n+k)) | as `trend` on log y; bounds exponentiated |
/// | `cagr` | `rwf(y, drift=TRUE, lambda=0)` | y_n·exp(k·b), b = log(y_n/y_1)/(n−1) | as `drift` on log y; bounds exponentiated |
///
/// s is the sample standard deviation. The random-walk family (`naive`, `snaive`, `drift`,
/// `cagr`) has residuals e_t = y_t − y_{t−L} (L = 1, or m for `snaive`; minus b with drift) and
/// uses normal quantiles. Its variance estimate is R's: σ̂² = Σe²/N over the N = n − L residuals
/// without drift; with drift b = mean of the first differences, se(b) = sd(differences)/√(n−1)
/// and σ̂² = Σe²/(N − 1) — except that, like R, the intervals divide by N when the estimated drift
/// is exactly 0. `trend` is ordinary least squares on (1, t), t = 1 … n (Eigen, Householder QR),
/// σ̂² = RSS/(n − 2), x₀ = (1, n + k); loglik/AIC/BIC are those of R's `logLik.lm` (3 degrees of
/// freedom; AICc = AIC + 2·3·4/(n − 4), finite for n > 4). `cagr` is the constant growth rate
/// between the first and the last observation: the growth per period is exp(b) − 1.
///
/// `logtrend` and `cagr` report fitted values on the original scale (exp of the log-scale fit,
/// no bias adjustment) and residuals, σ̂², loglik/AIC/BIC on the log scale, as R does; their point
/// forecasts are exp of the log-scale forecast (the median, R's biasadj = FALSE).
///
/// ## Minimum lengths
/// `mean` and `naive`: n ≥ 2 (R's meanf/naive give NA intervals with n = 1). `snaive`: n ≥ m + 1
/// (one full season to repeat plus at least one residual to estimate σ̂; R's snaive returns NaN
/// intervals with n = m and stops with an error for n < m).
/// `drift`, `cagr`, `trend`, `logtrend`: n ≥ 3 (two parameters plus a residual degree of freedom;
/// R returns NaN intervals with n = 2). Shorter data throw tradecast::invalid_argument naming the
/// method, n and the minimum.
///
/// ## Edge cases
/// - Every observation must be finite (invalid_argument names `y` and the observation).
/// - Constant series: all methods work; residual variances are 0 (up to rounding for the
///   regressions), so intervals collapse onto the point forecasts.
/// - Zeros and negative values are fine for `mean`, `naive`, `snaive`, `drift` and `trend`.
///   `logtrend` and `cagr` take logarithms and throw invalid_argument (naming `y` and the first
///   offending observation) unless every observation is > 0.
/// - `m` must be ≥ 1; only `snaive` uses it (with m = 1 it equals `naive`).
/// - fitted values are NaN where undefined (the first L observations of the random walks).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>


#include "tradecast/error.hpp"
#include "tradecast/forecast/model.hpp"

namespace tradecast::forecast {

/// The simple benchmark methods (see the table at the top of simple.hpp).
enum class simple_method { mean, naive, snaive, drift, trend, logtrend, cagr };

[[nodiscard]] constexpr std::string_view to_string(simple_method s) noexcept {
  switch (s) {
    case simple_method::mean: return "mean";
    case simple_method::naive: return "naive";
    case simple_method::snaive: return "snaive";
    case simple_method::drift: return "drift";
    case simple_method::trend: return "trend";
    case simple_method::logtrend: return "logtrend";
    case simple_method::cagr: return "cagr";
  }
  return "mean";
}

/// A fitted simple method. Closed form: status is always converged.
struct simple_fit {
  simple_method method = simple_method::mean;
  std::string name{};  ///< as R prints it ("Mean", "Naive method", …); see to_model_info()
  int m = 1;           ///< the period given to fit_simple()
  std::size_t n = 0;
  // mean
  double mu = std::numeric_limits<double>::quiet_NaN();  ///< sample mean
  double sd = std::numeric_limits<double>::quiet_NaN();  ///< sample standard deviation
  // random walks (naive, snaive, drift, cagr; cagr on log y)
  int lag = 1;                   ///< 1, or m for snaive
  std::vector<double> future{};  ///< the last `lag` observations (log scale for cagr)
  double drift = 0;              ///< b (0 without drift)
  double drift_se = 0;           ///< se(b) (0 without drift)
  double interval_mse = std::numeric_limits<double>::quiet_NaN();  ///< σ̂² used by the intervals
  // regressions (trend, logtrend; logtrend on log y)
  double intercept = std::numeric_limits<double>::quiet_NaN();
  double slope = std::numeric_limits<double>::quiet_NaN();
  double xtx_inv[3] = {0, 0, 0};  ///< (XᵀX)⁻¹ entries (0,0), (0,1), (1,1)
  // common
  double sigma2 = std::numeric_limits<double>::quiet_NaN();  ///< residual variance as R reports it
  double loglik = std::numeric_limits<double>::quiet_NaN();  ///< regressions only (log scale for logtrend)
  double aic = std::numeric_limits<double>::quiet_NaN();
  double aicc = std::numeric_limits<double>::quiet_NaN();
  double bic = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> fitted{};     ///< one-step in-sample fits, original scale (NaN where undefined)
  std::vector<double> residuals{};  ///< y − fitted (log scale for logtrend and cagr)

  /// Whether the model is fitted on log y (forecasts are exponentiated).
  [[nodiscard]] bool log_scale() const noexcept {
    return method == simple_method::logtrend || method == simple_method::cagr;
  }
};

namespace detail {

inline double simple_nan() noexcept { return std::numeric_limits<double>::quiet_NaN(); }

/// Mean accumulated in long double with R's second refinement pass (mean.default).
inline double simple_mean(std::span<const double> x) {
  long double s = 0;
  for (double v : x) s += v;
  s /= static_cast<long double>(x.size());
  long double t = 0;
  for (double v : x) t += static_cast<long double>(v) - s;
  return static_cast<double>(s + t / static_cast<long double>(x.size()));
}

/// Sample variance (denominator size − 1); NaN for fewer than two values.
inline double simple_var(std::span<const double> x) {
  if (x.size() < 2) return simple_nan();
  const double mu = simple_mean(x);
  long double ss = 0;
  for (double v : x) ss += static_cast<long double>((v - mu) * (v - mu));
  return static_cast<double>(ss / static_cast<long double>(x.size() - 1));
}

inline void simple_require(bool ok, simple_method method, std::size_t n, std::size_t minimum, const std::string& why) {
  if (!ok)
    throw invalid_argument("method '" + std::string(to_string(method)) + "' needs at least " + std::to_string(minimum) +
                           " observations (" + why + "); the data have " + std::to_string(n));
}

/// The intercept R's lm(y ~ 1) computes, to the last bit: LINPACK's Householder QR of a column of
/// ones (dqrdc2: norm sqrt(n), the column scaled by 1/sqrt(n), v₁ = 1 + 1/sqrt(n)) and dqrsl's
/// Qᵀy (t = −(v·y)/v₁ with the reference BLAS ddot's summation order: the first n mod 5 products
/// one by one, then groups of five added left to right), then b = (y₁ + t·v₁)/(−sqrt(n)). It
/// equals the mean of y to rounding; it matters where the mean is mathematically 0, because
/// R's forecast.lagwalk divides the residual sum of squares by N − (drift != 0), and lm leaves
/// exactly 0 for some such y and a rounding residue (1e-17 to 1e-13) for others.
inline double r_lm_intercept(std::span<const double> y) {
  const std::size_t n = y.size();
  const double norm = std::sqrt(static_cast<double>(n));
  const double r = 1.0 / norm;
  const double v1 = 1.0 + r;
  const auto v = [&](std::size_t i) { return i == 0 ? v1 : r; };
  const std::size_t head = n % 5;
  double dot = 0;
  for (std::size_t i = 0; i < head; ++i) dot += v(i) * y[i];
  for (std::size_t i = head; i < n; i += 5)  // n − head is a multiple of 5
    dot = dot + v(i) * y[i] + v(i + 1) * y[i + 1] + v(i + 2) * y[i + 2] + v(i + 3) * y[i + 3] + v(i + 4) * y[i + 4];
  const double t = -dot / v1;
  return (y[0] + t * v1) / -norm;
}

/// Random walk with lag L on x (already on the modelling scale), optionally with drift.
inline void simple_lagwalk(simple_fit& f, std::span<const double> x, int lag, bool with_drift) {
  const std::size_t n = x.size();
  const auto ul = static_cast<std::size_t>(lag);
  f.lag = lag;
  f.future.assign(x.end() - static_cast<std::ptrdiff_t>(ul), x.end());
  std::vector<double> diffs(n - ul);
  for (std::size_t t = ul; t < n; ++t) diffs[t - ul] = x[t] - x[t - ul];
  f.fitted.assign(n, simple_nan());
  f.residuals.assign(n, simple_nan());
  double ss = 0;
  if (with_drift) {
    f.drift = simple_mean(diffs);
    const double var = simple_var(diffs);
    f.drift_se = std::sqrt(var / static_cast<double>(diffs.size()));
    f.sigma2 = var;
  }
  for (std::size_t t = ul; t < n; ++t) {
    f.fitted[t] = x[t - ul] + f.drift;
    f.residuals[t] = x[t] - f.fitted[t];
    ss += f.residuals[t] * f.residuals[t];
  }
  const auto count = static_cast<double>(diffs.size());
  if (!with_drift) f.sigma2 = ss / count;
  // R's forecast.lagwalk divides by N − 1 only when its drift, lm()'s intercept, is non-zero:
  // decided on that intercept's own rounding (r_lm_intercept), not on the mean's.
  const bool r_drift_nonzero = with_drift && r_lm_intercept(diffs) != 0;
  f.interval_mse = ss / (count - (r_drift_nonzero ? 1.0 : 0.0));
}

/// OLS of x on (1, t), t = 1 … n, with R's lm log-likelihood and information criteria.
inline void simple_regression(simple_fit& f, std::span<const double> x) {
  const time_line_ols ols = ols_on_time(x);
  f.intercept = ols.intercept;
  f.slope = ols.slope;
  for (std::size_t i = 0; i < 3; ++i) f.xtx_inv[i] = ols.xtx_inv[i];
  f.fitted.resize(x.size());
  f.residuals.resize(x.size());
  double rss = 0;
  for (std::size_t t = 0; t < x.size(); ++t) {
    const double fit = f.intercept + f.slope * static_cast<double>(t + 1);
    f.fitted[t] = fit;
    f.residuals[t] = x[t] - fit;
    rss += f.residuals[t] * f.residuals[t];
  }
  const auto dn = static_cast<double>(x.size());
  f.sigma2 = rss / (dn - 2);
  constexpr double pi = 3.14159265358979323846;
  f.loglik = 0.5 * (-dn * (std::log(2 * pi) + 1 - std::log(dn) + std::log(rss)));
  constexpr double k = 3;  // intercept, slope, variance
  f.aic = -2 * f.loglik + 2 * k;
  f.bic = -2 * f.loglik + std::log(dn) * k;
  f.aicc = dn - k - 1 > 0 ? f.aic + 2 * k * (k + 1) / (dn - k - 1) : std::numeric_limits<double>::infinity();
}

inline double simple_t_quantile(double p, double df) { return students_t_quantile(p, df); }

}  // namespace detail

/// Fits `method` to y (consecutive observations; seasonal period m, used by snaive only).
/// \throws invalid_argument when m < 1, y is shorter than the method's minimum (see the header
///   documentation), an observation is not finite, or (logtrend, cagr) an observation is ≤ 0.
[[nodiscard]] inline simple_fit fit_simple(std::span<const double> y, int m, simple_method method) {
  if (m < 1) throw invalid_argument("fit_simple: seasonal period m = " + std::to_string(m) + " must be at least 1");
  const std::size_t n = y.size();
  for (std::size_t t = 0; t < n; ++t)
    if (!std::isfinite(y[t]))
      throw observation_error("method '" + std::string(to_string(method)) + "': ", t, " is not a finite number");
  simple_fit f;
  f.method = method;
  f.m = m;
  f.n = n;
  std::vector<double> logy;
  if (f.log_scale()) {
    detail::require_positive(y, "method '" + std::string(to_string(method)) + "' takes logarithms, but ");
    logy.resize(n);
    for (std::size_t t = 0; t < n; ++t) logy[t] = std::log(y[t]);
  }
  switch (method) {
    case simple_method::mean: {
      detail::simple_require(n >= 2, method, n, 2, "a standard deviation");
      f.name = "Mean";
      f.mu = detail::simple_mean(y);
      f.sd = std::sqrt(detail::simple_var(y));
      f.sigma2 = f.sd * f.sd;
      f.fitted.assign(n, f.mu);
      f.residuals.resize(n);
      for (std::size_t t = 0; t < n; ++t) f.residuals[t] = y[t] - f.mu;
      break;
    }
    case simple_method::naive:
      detail::simple_require(n >= 2, method, n, 2, "one residual");
      f.name = "Naive method";
      detail::simple_lagwalk(f, y, 1, false);
      break;
    case simple_method::snaive:
      detail::simple_require(n >= static_cast<std::size_t>(m) + 1, method, n, static_cast<std::size_t>(m) + 1,
                             "a full season of m = " + std::to_string(m) + " values plus one residual");
      f.name = "Seasonal naive method";
      detail::simple_lagwalk(f, y, m, false);
      break;
    case simple_method::drift:
      detail::simple_require(n >= 3, method, n, 3, "two differences to estimate the drift and its variance");
      f.name = "Random walk with drift";
      detail::simple_lagwalk(f, y, 1, true);
      break;
    case simple_method::cagr:
      detail::simple_require(n >= 3, method, n, 3, "two log differences to estimate the growth and its variance");
      f.name = "CAGR extrapolation";
      detail::simple_lagwalk(f, logy, 1, true);
      for (double& v : f.fitted) v = std::exp(v);
      break;
    case simple_method::trend:
      detail::simple_require(n >= 3, method, n, 3, "two coefficients and a residual degree of freedom");
      f.name = "Linear regression model";
      detail::simple_regression(f, y);
      break;
    case simple_method::logtrend:
      detail::simple_require(n >= 3, method, n, 3, "two coefficients and a residual degree of freedom");
      f.name = "Log-linear regression model";
      detail::simple_regression(f, logy);
      for (double& v : f.fitted) v = std::exp(v);
      break;
  }
  return f;
}

/// Point forecasts and analytic prediction intervals h steps ahead (formulas at the top of
/// simple.hpp), as R's forecast functions compute them.
/// \throws invalid_argument for h < 1 or a level outside (0, 100).
[[nodiscard]] inline forecast_values forecast_simple(const simple_fit& fit, int h, std::span<const double> levels) {
  check_horizon(h);
  check_levels(levels);
  {  // a fit in the state fit_simple() leaves it (a default simple_fit has no data)
    const bool walk = fit.method == simple_method::naive || fit.method == simple_method::snaive ||
                      fit.method == simple_method::drift || fit.method == simple_method::cagr;
    const bool regression = fit.method == simple_method::trend || fit.method == simple_method::logtrend;
    if (fit.n == 0 || (walk && (fit.lag < 1 || fit.future.size() != static_cast<std::size_t>(fit.lag))) ||
        (fit.method == simple_method::mean && std::isnan(fit.mu)) ||
        (regression && (std::isnan(fit.intercept) || std::isnan(fit.slope))))
      throw invalid_argument("forecast_simple: the fit is not one fit_simple() returned (method " +
                             std::string(to_string(fit.method)) + ", n = " + std::to_string(fit.n) + ")");
  }
  const auto uh = static_cast<std::size_t>(h);
  const auto dn = static_cast<double>(fit.n);
  forecast_values out;
  out.mean.resize(uh);
  std::vector<double> se(uh);  // standard error of each step (log scale for logtrend/cagr)
  bool use_t = false;
  double t_df = 0;
  switch (fit.method) {
    case simple_method::mean:
      std::fill(out.mean.begin(), out.mean.end(), fit.mu);
      std::fill(se.begin(), se.end(), fit.sd * std::sqrt(1 + 1 / dn));
      use_t = true;
      t_df = dn - 1;
      break;
    case simple_method::naive:
    case simple_method::snaive:
    case simple_method::drift:
    case simple_method::cagr: {
      const auto lag = static_cast<std::size_t>(fit.lag);
      for (std::size_t i = 0; i < uh; ++i) {
        const auto steps = static_cast<double>(i / lag + 1);
        out.mean[i] = fit.future[i % lag] + steps * fit.drift;
        se[i] = std::sqrt(fit.interval_mse * steps + (steps * fit.drift_se) * (steps * fit.drift_se));
      }
      break;
    }
    case simple_method::trend:
    case simple_method::logtrend:
      for (std::size_t i = 0; i < uh; ++i) {
        const double x = dn + static_cast<double>(i + 1);
        out.mean[i] = fit.intercept + fit.slope * x;
        const double q = fit.xtx_inv[0] + 2 * x * fit.xtx_inv[1] + x * x * fit.xtx_inv[2];
        se[i] = std::sqrt(fit.sigma2 * (1 + q));
      }
      use_t = true;
      t_df = dn - 2;
      break;
  }
  for (double level : levels) {
    prediction_interval pi;
    pi.level = level;
    pi.lower.resize(uh);
    pi.upper.resize(uh);
    const double z = use_t ? detail::simple_t_quantile(0.5 + level / 200, t_df) : normal_multiplier(level);
    for (std::size_t i = 0; i < uh; ++i) {
      pi.lower[i] = out.mean[i] - z * se[i];
      pi.upper[i] = out.mean[i] + z * se[i];
      if (fit.log_scale()) {
        pi.lower[i] = std::exp(pi.lower[i]);
        pi.upper[i] = std::exp(pi.upper[i]);
      }
    }
    out.intervals.push_back(std::move(pi));
  }
  if (fit.log_scale())
    for (double& v : out.mean) v = std::exp(v);
  return out;
}

/// The fit in the vocabulary shared by all methods (forecast/model.hpp). Method names: "Mean",
/// "Naive method", "Seasonal naive method", "Random walk with drift", "Linear regression model"
/// (as R prints them), "Log-linear regression model" and "CAGR extrapolation". Parameters:
/// mean {mu, mu.se, sd}; drift {drift, drift.se}; cagr {drift, drift.se, growth = exp(drift) − 1}
/// (log scale); trend and logtrend {(Intercept), trend} (log scale for logtrend).
[[nodiscard]] inline model_info to_model_info(const simple_fit& fit) {
  model_info info;
  info.method = fit.name;
  switch (fit.method) {
    case simple_method::mean:
      info.parameters = {{"mu", fit.mu}, {"mu.se", fit.sd / std::sqrt(static_cast<double>(fit.n))}, {"sd", fit.sd}};
      break;
    case simple_method::naive:
    case simple_method::snaive: break;
    case simple_method::drift: info.parameters = {{"drift", fit.drift}, {"drift.se", fit.drift_se}}; break;
    case simple_method::cagr:
      info.parameters = {{"drift", fit.drift}, {"drift.se", fit.drift_se}, {"growth", std::expm1(fit.drift)}};
      break;
    case simple_method::trend:
    case simple_method::logtrend: info.parameters = {{"(Intercept)", fit.intercept}, {"trend", fit.slope}}; break;
  }
  info.sigma2 = fit.sigma2;
  info.loglik = fit.loglik;
  info.aic = fit.aic;
  info.aicc = fit.aicc;
  info.bic = fit.bic;
  info.fitted = fit.fitted;
  info.residuals = fit.residuals;
  return info;
}

}  // namespace tradecast::forecast
