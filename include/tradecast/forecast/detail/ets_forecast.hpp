// SPDX-License-Identifier: MIT
/// \file forecast/detail/ets_forecast.hpp
/// Forecast means and variances of ETS models (Hyndman et al. 2008, ch. 6): the analytic
/// classes 1–3 and simulated sample paths, plus R's type-8 sample quantile. The public interface
/// is forecast/ets.hpp (forecast_ets()).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numbers>
#include <random>
#include <span>
#include <vector>

#include "tradecast/forecast/detail/ets_core.hpp"

namespace tradecast::forecast::detail {

/// What the forecast functions need from a fit.
struct ets_forecast_input {
  int error = ets_add, trend = ets_none, season = ets_none;
  bool damped = false;
  int m = 1;  ///< seasonal period (1 without season)
  ets_smoothing par;
  std::span<const double> last_state;  ///< [l, b?, s_1 … s_m]
  double sigma2 = 0;
};

/// Mean and variance per horizon.
struct ets_moments {
  std::vector<double> mean, var;
};

/// Class 1 (additive error; trend N/A/Ad; season N/A): linear state space form
/// y_t = H x_{t−1} + e_t, x_t = F x_{t−1} + G e_t, so μ_h = H F^{h−1} x_n,
/// c_j = H F^{j−1} G and v_h = σ²(1 + Σ_{j<h} c_j²).
/// G puts γ on the newest seasonal state (index p − m, 0-based); CRAN forecast ≤ 9.0.2 put it on
/// index 2, which is wrong for models without trend (see docs/r-differences.md).
/// `cj` receives c_1 … c_{h−1} when non-null.
inline ets_moments ets_class1(const ets_forecast_input& in, int h, std::vector<double>* cj = nullptr) {
  const std::size_t p = in.last_state.size();
  const std::size_t m = static_cast<std::size_t>(std::max(in.m, 1));
  const double phi = in.damped ? in.par.phi : 1.0;
  std::vector<double> H(p, 0.0), G(p, 0.0), F(p * p, 0.0);  // F row-major
  auto f = [&](std::size_t i, std::size_t j) -> double& { return F[i * p + j]; };
  H[0] = 1;
  if (in.season == ets_add) H[p - 1] = 1;
  if (in.trend == ets_add) H[1] = phi;
  f(0, 0) = 1;
  if (in.trend == ets_add) f(0, 1) = f(1, 1) = phi;
  if (in.season == ets_add) {
    f(p - m, p - 1) = 1;
    for (std::size_t k = 0; k + 1 < m; ++k) f(p - m + 1 + k, p - m + k) = 1;
  }
  G[0] = in.par.alpha;
  if (in.trend == ets_add) G[1] = in.par.beta;
  if (in.season == ets_add) G[p - m] = in.par.gamma;
  ets_moments out;
  out.mean.resize(static_cast<std::size_t>(h));
  out.var.resize(static_cast<std::size_t>(h));
  if (cj) cj->assign(static_cast<std::size_t>(std::max(h - 1, 0)), 0.0);
  std::vector<double> hf = H, next(p);  // H F^{j-1}
  double cum = 0;
  for (int i = 0; i < h; ++i) {
    double mu = 0;
    for (std::size_t k = 0; k < p; ++k) mu += hf[k] * in.last_state[k];
    out.mean[static_cast<std::size_t>(i)] = mu;
    out.var[static_cast<std::size_t>(i)] = in.sigma2 * (1 + cum);
    if (i < h - 1) {
      double c = 0;
      for (std::size_t k = 0; k < p; ++k) c += hf[k] * G[k];
      if (cj) (*cj)[static_cast<std::size_t>(i)] = c;
      cum += c * c;
      for (std::size_t j = 0; j < p; ++j) {
        double v = 0;
        for (std::size_t k = 0; k < p; ++k) v += hf[k] * F[k * p + j];
        next[j] = v;
      }
      hf.swap(next);
    }
  }
  return out;
}

/// Class 2 (multiplicative error; trend N/A/Ad; season N/A): with μ_h, c_j of class 1,
/// θ_1 = μ_1², θ_h = μ_h² + σ² Σ_{j<h} c_j² θ_{h−j}, v_h = (1 + σ²)θ_h − μ_h².
inline ets_moments ets_class2(const ets_forecast_input& in, int h) {
  std::vector<double> cj;
  ets_moments out = ets_class1(in, h, &cj);
  std::vector<double> theta(static_cast<std::size_t>(h));
  for (int j = 0; j < h; ++j) {
    const auto uj = static_cast<std::size_t>(j);
    double s = 0;
    for (int i = 0; i < j; ++i) s += cj[static_cast<std::size_t>(i)] * cj[static_cast<std::size_t>(i)] *
                                     theta[static_cast<std::size_t>(j - 1 - i)];
    theta[uj] = out.mean[uj] * out.mean[uj] + in.sigma2 * s;
    out.var[uj] = (1 + in.sigma2) * theta[uj] - out.mean[uj] * out.mean[uj];
  }
  return out;
}

/// Class 3 (multiplicative error and season; trend N/A/Ad): the matrix recursion of Hyndman et
/// al. (2008, §6.4) on M_h = E[x1 s'] and V_h = Var(vec M_h), as forecast's `class3()` computes it,
/// including its level–trend transition F1 = [[1, 1], [0, φ]] for damped trends (so the mean is
/// (l + b + φb + … + φ^{h−1}b)·s rather than (l + φb + … + φ^h b)·s; kept for parity with R).
/// Compiled once (src/forecast/ets_class3.cpp): it uses Eigen matrix products.
[[nodiscard]] ets_moments ets_class3(const ets_forecast_input& in, int h);

/// Point forecasts from the last state by the model recursion (used for classes 4/5 and with
/// simulated intervals); NaN where a multiplicative trend has a negative slope.
inline std::vector<double> ets_point_forecasts(const ets_forecast_input& in, int h) {
  std::vector<double> f(static_cast<std::size_t>(h));
  const double l = in.last_state[0];
  const double b = in.trend != ets_none ? in.last_state[1] : 0.0;
  const double* s = in.last_state.data() + (in.trend != ets_none ? 2 : 1);
  std::vector<double> dummy(static_cast<std::size_t>(in.m), 0.0);
  if (in.season == ets_none) s = dummy.data();
  ets_point_forecast(l, b, s, in.m, in.trend, in.season, in.damped ? in.par.phi : 1.0, f.data(), h);
  if (in.trend == ets_mult && b < 0)
    for (double& v : f) v = std::numeric_limits<double>::quiet_NaN();
  return f;
}

/// Standard normal draws by the Box–Muller transform on a 64-bit Mersenne Twister (both values of
/// each pair are used). Deterministic for a given seed on every platform.
class ets_normal_source {
 public:
  explicit ets_normal_source(std::uint64_t seed) : rng_(seed) {}
  double operator()() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    // u1 in (0, 1], u2 in [0, 1), 53-bit resolution.
    const double u1 = (static_cast<double>(rng_() >> 11) + 1.0) * 0x1.0p-53;
    const double u2 = static_cast<double>(rng_() >> 11) * 0x1.0p-53;
    const double r = std::sqrt(-2.0 * std::log(u1));
    const double a = 2.0 * std::numbers::pi * u2;
    spare_ = r * std::sin(a);
    has_spare_ = true;
    return r * std::cos(a);
  }
  /// Uniform integer in [0, n).
  std::size_t index(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }

 private:
  std::mt19937_64 rng_;
  double spare_ = 0;
  bool has_spare_ = false;
};

/// Sample quantile of Hyndman & Fan (1996) type 8 (R's `quantile(type = 8)`, median-unbiased):
/// with sorted x_(1) ≤ … ≤ x_(n), a = b = 1/3, h = a + p(n + 1 − a − b), j = ⌊h⌋ (with R's fuzz of
/// 4ε), Q = x_(j) + (h − j)(x_(j+1) − x_(j)), clamped to x_(1) and x_(n). `x` is reordered.
inline double quantile_type8(std::span<double> x, double prob) {
  const std::size_t n = x.size();
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  constexpr double a = 1.0 / 3.0;
  constexpr double fuzz = 4 * std::numeric_limits<double>::epsilon();
  const double nppm = a + prob * (static_cast<double>(n) + 1 - a - a);
  const double jf = std::floor(nppm + fuzz);
  double hh = nppm - jf;
  if (std::fabs(hh) < fuzz) hh = 0;
  const auto j = static_cast<std::ptrdiff_t>(jf);  // 1-based index of the lower order statistic
  auto order_stat = [&](std::ptrdiff_t k) {  // 1-based, clamped
    k = std::clamp<std::ptrdiff_t>(k, 1, static_cast<std::ptrdiff_t>(n));
    auto it = x.begin() + (k - 1);
    std::nth_element(x.begin(), it, x.end());
    return *it;
  };
  const double lo = order_stat(j);
  if (hh == 0) return lo;
  const double hi = order_stat(j + 1);
  if (hh == 1) return hi;
  if (lo == hi) return lo;
  return (1 - hh) * lo + hh * hi;
}

/// Simulated future sample paths (R's `simulate.ets(future = TRUE)`): `npaths` × h values,
/// path-major. Each path runs the model recursion from the last state with innovations
/// e ~ N(0, σ²) (or resampled centred residuals when `bootstrap`), y = ŷ + e (additive error) or
/// ŷ(1 + max(e, −1)) (multiplicative error).
inline std::vector<double> ets_simulate_paths(const ets_forecast_input& in, int h, int npaths, std::uint64_t seed,
                                              std::span<const double> residuals, bool bootstrap) {
  const auto uh = static_cast<std::size_t>(h);
  std::vector<double> out(static_cast<std::size_t>(npaths) * uh);
  ets_normal_source src(seed);
  const double sd = std::sqrt(in.sigma2);
  std::vector<double> pool;
  if (bootstrap) {
    double mean = 0;
    std::size_t cnt = 0;
    for (double r : residuals)
      if (!std::isnan(r)) {
        mean += r;
        ++cnt;
      }
    mean = cnt ? mean / static_cast<double>(cnt) : 0.0;
    for (double r : residuals)
      if (!std::isnan(r)) pool.push_back(r - mean);
    if (pool.empty()) pool.push_back(0.0);
  }
  const int m = std::max(in.m, 1);
  const std::size_t off = in.trend != ets_none ? 2 : 1;
  std::vector<double> s(static_cast<std::size_t>(m), 0.0), olds(static_cast<std::size_t>(m), 0.0);
  ets_smoothing par = in.par;
  if (!in.damped) par.phi = 1.0;
  for (int path = 0; path < npaths; ++path) {
    double l = in.last_state[0];
    double b = in.trend != ets_none ? in.last_state[1] : 0.0;
    if (in.season != ets_none)
      for (int j = 0; j < m; ++j) s[static_cast<std::size_t>(j)] = in.last_state[off + static_cast<std::size_t>(j)];
    double* row = out.data() + static_cast<std::size_t>(path) * uh;
    for (int i = 0; i < h; ++i) {
      double e = bootstrap ? pool[src.index(pool.size())] : sd * src();
      if (in.error == ets_mult) e = std::max(-1.0, e);
      const double oldl = l, oldb = b;
      olds = s;
      double f;
      ets_point_forecast(oldl, oldb, olds.data(), m, in.trend, in.season, par.phi, &f, 1);
      if (std::fabs(f - ets_na) < ets_tol) {
        row[i] = std::numeric_limits<double>::quiet_NaN();
        continue;
      }
      const double yv = in.error == ets_add ? f + e : f * (1 + e);
      row[i] = yv;
      ets_update(oldl, l, oldb, b, olds.data(), s.data(), m, in.trend, in.season, par, yv);
    }
  }
  return out;
}

}  // namespace tradecast::forecast::detail
