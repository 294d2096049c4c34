// SPDX-License-Identifier: MIT
/// \file forecast/boxcox.hpp
/// Box-Cox transformations as R's forecast 8.20 defines them (`BoxCox`, `InvBoxCox`,
/// `BoxCox.lambda`), R's bias adjustment of back-transformed means, and back-transformation of a
/// whole forecast.
///
/// ## Transformation
///     box_cox(x, λ)     = log x                          (λ = 0)
///                       = (sign(x)·|x|^λ − 1) / λ        (λ ≠ 0)
///     inv_box_cox(z, λ) = exp z                          (λ = 0)
///                       = sign(λz + 1)·|λz + 1|^(1/λ)    (λ ≠ 0)
/// As in R, negative x are transformed with the sign-preserving power when λ > 0 (so the
/// transformation stays monotone), give NaN when λ < 0, and NaN for λ = 0 (log); x = 0 gives
/// −1/λ for λ > 0, −∞ for λ = 0 and NaN for λ < 0 (R computes sign(0)·∞). The inverse gives NaN
/// for z > −1/λ when λ < 0 (and at z = −1/λ, where R computes 0·∞).
///
/// ## Interval bounds beyond the inverse's domain (λ < 0)
/// With λ < 0 the inverse maps (−∞, −1/λ) onto (0, ∞), rising to +∞ at −1/λ. A normal forecast on
/// the transformed scale can put an interval bound at or beyond −1/λ (Guerrero's method often
/// picks λ near its lower limit −0.9 for volatile positive data); that bound has no finite value on
/// the data's scale, and back_transform() makes it +∞ (R's InvBoxCox gives NA). The engine says so
/// in the model's status message and keeps the forecast; a point forecast beyond −1/λ stays NaN,
/// which the engine reports as a failed fit (a member of `auto` or of an ensemble, combined on
/// the data's scale, counts as +∞ there instead; forecast/engine.hpp).
///
/// ## Bias adjustment
/// A back-transformed forecast mean is the median of the forecast distribution. R's
/// `biasadj = TRUE` turns it into an approximation of the mean from the transformed-scale
/// forecast variance v:
///     mean = b · (1 + ½ · v · (1 − λ) / b^(2λ)),   b = inv_box_cox(z, λ).
/// back_transform() recovers v from the widest interval as R does when given a forecast's
/// intervals: v = ((upper − lower) / (2·qnorm(½ + level/200)))².
///
/// ## Choosing λ (box_cox_lambda)
/// - If any observation is ≤ 0 the lower bound is raised to 0.
/// - n ≤ 2m returns 1 (no transformation), as R.
/// - Guerrero (default): the data (last ⌊n/p⌋·p observations, p = max(m, 2)) are cut into
///   consecutive blocks of p; λ minimises the coefficient of variation of sd_j / mean_j^(1−λ) over
///   [lower, upper] by Brent's method with R's `optimize` settings (tolerance ε^¼) and R's rule
///   that a non-finite objective counts as the largest double, so λ equals R's to ~1e-10.
/// - loglik: the profile log-likelihood −n/2·log RSS(λ) of the regression of the normalised
///   transformed data on trend (+ seasonal dummies when m > 1) is maximised over the grid
///   lower, lower + 0.05, …, upper, as R. Requires positive data.
#pragma once

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <vector>


#include "tradecast/error.hpp"
#include "tradecast/forecast/model.hpp"

namespace tradecast::forecast {

namespace detail {
inline double bc_sign(double x) noexcept { return x > 0 ? 1.0 : (x < 0 ? -1.0 : (x == 0 ? 0.0 : x)); }
inline double bc_nan() noexcept { return std::numeric_limits<double>::quiet_NaN(); }
}  // namespace detail

/// R's BoxCox(x, lambda) for one value (see the header documentation for negative values).
[[nodiscard]] inline double box_cox(double x, double lambda) {
  if (lambda < 0 && x < 0) return detail::bc_nan();
  if (lambda == 0) return std::log(x);
  return (detail::bc_sign(x) * std::pow(std::fabs(x), lambda) - 1) / lambda;
}

/// R's BoxCox(y, lambda) element-wise.
[[nodiscard]] inline std::vector<double> box_cox(std::span<const double> y, double lambda) {
  std::vector<double> out(y.size());
  for (std::size_t i = 0; i < y.size(); ++i) out[i] = box_cox(y[i], lambda);
  return out;
}

/// R's InvBoxCox(z, lambda) for one value (no bias adjustment).
[[nodiscard]] inline double inv_box_cox(double z, double lambda) {
  if (lambda < 0 && z > -1 / lambda) return detail::bc_nan();
  if (lambda == 0) return std::exp(z);
  const double xx = z * lambda + 1;
  return detail::bc_sign(xx) * std::pow(std::fabs(xx), 1 / lambda);
}

/// R's InvBoxCox(z, lambda) element-wise.
[[nodiscard]] inline std::vector<double> inv_box_cox(std::span<const double> z, double lambda) {
  std::vector<double> out(z.size());
  for (std::size_t i = 0; i < z.size(); ++i) out[i] = inv_box_cox(z[i], lambda);
  return out;
}

/// An interval bound back on the data's scale: inv_box_cox(), except that with λ < 0 a bound at
/// or beyond −1/λ, where λz + 1 ≤ 0 and the inverse transformation has no value, is +∞ (the
/// inverse rises to +∞ as z approaches −1/λ, so the data-scale quantile is unbounded; R's
/// InvBoxCox gives NA there).
[[nodiscard]] inline double inv_box_cox_bound(double z, double lambda) {
  if (lambda < 0 && z >= -1 / lambda) return std::numeric_limits<double>::infinity();
  return inv_box_cox(z, lambda);
}

/// R's InvBoxCox(z, lambda, biasadj = TRUE, fvar): the back-transformed mean of a forecast whose
/// transformed-scale mean is z and variance fvar.
[[nodiscard]] inline double inv_box_cox_biasadj(double z, double lambda, double fvar) {
  const double b = inv_box_cox(z, lambda);
  return b * (1 + 0.5 * fvar * (1 - lambda) / std::pow(b, 2 * lambda));
}

/// Transforms a forecast made on the Box-Cox scale back to the data scale: interval bounds by
/// inv_box_cox_bound() (quantiles map to quantiles; +∞ beyond the inverse's domain), the mean by inv_box_cox() or, with `biasadj`, by
/// inv_box_cox_biasadj() with the variance recovered from the widest interval (R's InvBoxCox
/// given a forecast's level/upper/lower).
/// \throws invalid_argument when `biasadj` is set and `fc` has no interval to recover the
///   variance from.
[[nodiscard]] inline forecast_values back_transform(const forecast_values& fc, double lambda, bool biasadj = false) {
  forecast_values out;
  out.mean.resize(fc.mean.size());
  const prediction_interval* widest = nullptr;
  for (const auto& pi : fc.intervals)
    if (widest == nullptr || pi.level > widest->level) widest = &pi;
  if (biasadj && widest == nullptr)
    throw invalid_argument("back_transform: biasadj needs the forecast's prediction intervals to recover its variance; fc has none");
  const double q = biasadj ? detail::normal_quantile(0.5 + widest->level / 200) : 0.0;
  for (std::size_t i = 0; i < fc.mean.size(); ++i) {
    if (biasadj) {
      const double sd = (widest->upper.at(i) - widest->lower.at(i)) / q / 2;
      out.mean[i] = inv_box_cox_biasadj(fc.mean[i], lambda, sd * sd);
    } else {
      out.mean[i] = inv_box_cox(fc.mean[i], lambda);
    }
  }
  for (const auto& pi : fc.intervals) {
    prediction_interval b;
    b.level = pi.level;
    b.lower.resize(pi.lower.size());
    b.upper.resize(pi.upper.size());
    for (std::size_t i = 0; i < pi.lower.size(); ++i) b.lower[i] = inv_box_cox_bound(pi.lower[i], lambda);
    for (std::size_t i = 0; i < pi.upper.size(); ++i) b.upper[i] = inv_box_cox_bound(pi.upper[i], lambda);
    out.intervals.push_back(std::move(b));
  }
  return out;
}

/// As back_transform() but with the transformed-scale forecast variances given (one per step;
/// R's InvBoxCox(fc, lambda, biasadj, fvar) with a numeric fvar). \throws invalid_argument when
/// `biasadj` is set and fvar has fewer values than the forecast has steps.
[[nodiscard]] inline forecast_values back_transform(const forecast_values& fc, double lambda, bool biasadj,
                                                    std::span<const double> fvar) {
  if (biasadj && fvar.size() < fc.mean.size())
    throw invalid_argument("back_transform: fvar has " + std::to_string(fvar.size()) + " variances for " +
                           std::to_string(fc.mean.size()) + " forecast steps");
  forecast_values out = back_transform(fc, lambda, false);
  if (biasadj)
    for (std::size_t i = 0; i < fc.mean.size(); ++i) out.mean[i] = inv_box_cox_biasadj(fc.mean[i], lambda, fvar[i]);
  return out;
}

/// How box_cox_lambda() chooses λ (R's BoxCox.lambda `method`).
enum class box_cox_method { guerrero, loglik };

namespace detail {

/// Brent's one-dimensional minimiser (golden section with parabolic interpolation; Brent 1973,
/// *Algorithms for Minimization without Derivatives*, ch. 5) with the stopping rule and step
/// details of R's `optimize`, so that it visits the same points. Non-finite values of f count as
/// DBL_MAX, as in R.
inline double brent_minimize(const std::function<double(double)>& f_raw, double lo, double hi, double tol) {
  const auto f = [&](double x) {
    const double v = f_raw(x);
    return std::isfinite(v) ? v : DBL_MAX;
  };
  const double golden = (3.0 - std::sqrt(5.0)) * 0.5;
  const double eps = std::sqrt(DBL_EPSILON);
  double a = lo, b = hi;
  double v = a + golden * (b - a);
  double w = v, x = v;
  double d = 0, e = 0;
  double fx = f(x);
  double fv = fx, fw = fx;
  const double tol3 = tol / 3;
  for (;;) {
    const double xm = (a + b) * 0.5;
    const double tol1 = eps * std::fabs(x) + tol3;
    const double t2 = tol1 * 2;
    if (std::fabs(x - xm) <= t2 - (b - a) * 0.5) break;
    double p = 0, q = 0, r = 0;
    if (std::fabs(e) > tol1) {  // trial parabola through x, w, v
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      p = (x - v) * q - (x - w) * r;
      q = (q - r) * 2;
      if (q > 0)
        p = -p;
      else
        q = -q;
      r = e;
      e = d;
    }
    if (std::fabs(p) >= std::fabs(q * 0.5 * r) || p <= q * (a - x) || p >= q * (b - x)) {
      e = x < xm ? b - x : a - x;  // golden-section step into the larger part
      d = golden * e;
    } else {
      d = p / q;  // parabolic step, kept away from the bracket ends
      const double u = x + d;
      if (u - a < t2 || b - u < t2) d = x < xm ? tol1 : -tol1;
    }
    const double u = std::fabs(d) >= tol1 ? x + d : (d > 0 ? x + tol1 : x - tol1);
    const double fu = f(u);
    if (fu <= fx) {
      if (u < x)
        b = x;
      else
        a = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x)
        a = u;
      else
        b = u;
      if (fu <= fw || w == x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v == x || v == w) {
        v = u;
        fv = fu;
      }
    }
  }
  return x;
}

/// Mean with R's long-double accumulation and refinement pass.
inline double bc_mean(const std::vector<double>& x) {
  long double s = 0;
  for (double v : x) s += v;
  s /= static_cast<long double>(x.size());
  long double t = 0;
  for (double v : x) t += static_cast<long double>(v) - s;
  return static_cast<double>(s + t / static_cast<long double>(x.size()));
}

/// Sample standard deviation; NaN for fewer than two values.
inline double bc_sd(const std::vector<double>& x) {
  if (x.size() < 2) return bc_nan();
  const double mu = bc_mean(x);
  long double ss = 0;
  for (double v : x) ss += static_cast<long double>((v - mu) * (v - mu));
  return std::sqrt(static_cast<double>(ss / static_cast<long double>(x.size() - 1)));
}

/// Guerrero's criterion: coefficient of variation of sd_j / mean_j^(1−λ) over blocks of p.
inline double guerrero_cv(double lambda, std::span<const double> y, int period) {
  const std::size_t p = static_cast<std::size_t>(period);
  const std::size_t blocks = y.size() / p;
  const std::size_t start = y.size() - blocks * p;
  std::vector<double> ratios;
  std::vector<double> block(p);
  for (std::size_t j = 0; j < blocks; ++j) {
    for (std::size_t i = 0; i < p; ++i) block[i] = y[start + j * p + i];
    const double r = bc_sd(block) / std::pow(bc_mean(block), 1 - lambda);
    if (!std::isnan(r)) ratios.push_back(r);  // R: na.rm = TRUE
  }
  if (ratios.empty()) return bc_nan();
  return bc_sd(ratios) / bc_mean(ratios);
}

/// R's seq(lower, upper, by = 0.05).
inline std::vector<double> bc_grid(double lower, double upper) {
  constexpr double by = 0.05;
  const double del = upper - lower;
  if (del == 0 && upper == 0) return {upper};
  if (std::fabs(del) / std::max(std::fabs(upper), std::fabs(lower)) < 100 * DBL_EPSILON) return {lower};
  const auto count = static_cast<long>(del / by + 1e-10);
  std::vector<double> out;
  for (long i = 0; i <= count; ++i) out.push_back(std::min(lower + static_cast<double>(i) * by, upper));
  return out;
}

/// Profile log-likelihood grid search (R's internal bcloglik).
inline double bc_loglik_lambda(std::span<const double> y, int m, double lower, double upper) {
  const std::size_t n = y.size();
  const std::size_t cols = 2 + (m > 1 ? static_cast<std::size_t>(m) - 1 : 0);
  std::vector<double> X(n * cols, 0.0);  // column-major
  for (std::size_t t = 0; t < n; ++t) {
    X[t] = 1;
    X[n + t] = static_cast<double>(t + 1);
    if (m > 1) {
      const std::size_t season = t % static_cast<std::size_t>(m);  // dummies for seasons 2..m (the column space does not depend on the phase)
      if (season > 0) X[n * (1 + season) + t] = 1;
    }
  }
  std::vector<double> logy(n);
  for (std::size_t i = 0; i < n; ++i) logy[i] = std::log(y[i]);
  const double xdot = std::exp(bc_mean(logy));
  const std::vector<double> grid = bc_grid(lower, upper);
  std::vector<double> Z(n * grid.size());  // the transformed series for each λ, one column each
  for (std::size_t g = 0; g < grid.size(); ++g) {
    const double la = grid[g];
    for (std::size_t t = 0; t < n; ++t) {
      const double lx = logy[t];
      double xt;
      if (std::fabs(la) > 0.02) {
        xt = (std::pow(y[t], la) - 1) / la;
      } else {  // series expansion of (x^λ − 1)/λ near λ = 0
        const double u = la * lx;
        xt = lx * (1 + u / 2 * (1 + u / 3 * (1 + u / 4)));
      }
      Z[g * n + t] = xt / std::pow(xdot, la - 1);
    }
  }
  const std::vector<double> rss = lsq_rss_columns(X, n, cols, Z, grid.size());
  double best = -std::numeric_limits<double>::infinity();
  double best_lambda = bc_nan();
  for (std::size_t g = 0; g < grid.size(); ++g) {
    const double ll = -static_cast<double>(n) / 2 * std::log(rss[g]);
    if (ll > best) {  // first maximum, as which.max
      best = ll;
      best_lambda = grid[g];
    }
  }
  return best_lambda;
}

}  // namespace detail

/// R's BoxCox.lambda(y, method, lower, upper) for a series of period m (see the header
/// documentation). \throws invalid_argument when m < 1, lower > upper, y has a non-finite value,
///   or method = loglik and y has a value ≤ 0 (R: "x must be positive").
[[nodiscard]] inline double box_cox_lambda(std::span<const double> y, int m,
                                           box_cox_method method = box_cox_method::guerrero, double lower = -1,
                                           double upper = 2) {
  if (m < 1) throw invalid_argument("box_cox_lambda: seasonal period m = " + std::to_string(m) + " must be at least 1");
  if (y.empty()) throw invalid_argument("box_cox_lambda: y is empty; there is no lambda to choose");
  if (!(lower <= upper) || !std::isfinite(lower) || !std::isfinite(upper))
    throw invalid_argument("box_cox_lambda: the interval [lower, upper] = [" + tradecast::detail::short_number(lower) + ", " +
                           tradecast::detail::short_number(upper) + "] is not a finite interval");
  for (std::size_t t = 0; t < y.size(); ++t)
    if (!std::isfinite(y[t])) throw observation_error("box_cox_lambda: ", t, " is not a finite number");
  const bool positive = detail::first_not_positive(y) == y.size();
  if (!positive) lower = std::max(lower, 0.0);
  if (y.size() <= 2 * static_cast<std::size_t>(m)) return 1;
  if (method == box_cox_method::loglik) {
    detail::require_positive(y, "box_cox_lambda: method loglik needs positive data, but ");
    return detail::bc_loglik_lambda(y, m, lower, upper);
  }
  if (!(lower < upper))
    throw invalid_argument("box_cox_lambda: Guerrero's method needs lower < upper; the search interval is [" +
                           tradecast::detail::short_number(lower) + ", " + tradecast::detail::short_number(upper) + "] (lower is raised to 0 for data with values <= 0)");
  const int period = std::max(m, 2);
  return detail::brent_minimize([&](double lam) { return detail::guerrero_cv(lam, y, period); }, lower, upper,
                                std::pow(DBL_EPSILON, 0.25));
}

}  // namespace tradecast::forecast
