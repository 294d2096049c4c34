// SPDX-License-Identifier: MIT
/// \file forecast/detail/ets_core.hpp
/// The numerical core of the ETS engine: state recursions, the likelihood, parameter
/// admissibility, initial states and starting values, and the fit of one fixed model by
/// Nelder–Mead. The public interface is forecast/ets.hpp.
///
/// State vector x = [l, b (if trend), s_1 … s_m (if season)], s_1 the most recent seasonal state.
/// One-step forecast and updates in error-correction form (Hyndman et al. 2008, Tables 2.2/2.3),
/// identical for additive and multiplicative errors:
///
///     q    = l | l + φb | l·b^φ                     (trend N | A, Ad | M, Md)
///     ŷ_t  = q | q + s_m | q·s_m                    (season N | A | M)
///     e_t  = y_t − ŷ_t (A error) | (y_t − ŷ_t)/ŷ_t (M error)
///     l'   = q + α(p − q),  p = y | y − s_m | y/s_m
///     b'   = φb + (β/α)(r − φb),  r = l' − l | l'/l  (φb read as b^φ for M trends)
///     s'_1 = s_m + γ(t − s_m),  t = y − q | y/q;  s'_{i+1} = s_i
///
/// Objective ("lik", −2·log-likelihood up to constants as R prints it):
///     lik = n·log(Σ e_t²) + 2·Σ log|ŷ_t|·[M error]
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tradecast/forecast/detail/decompose.hpp"
#include "tradecast/forecast/detail/linalg.hpp"
#include "tradecast/forecast/detail/nelder_mead.hpp"

namespace tradecast::forecast::detail {

/// Component codes: none, additive, multiplicative.
inline constexpr int ets_none = 0;
inline constexpr int ets_add = 1;
inline constexpr int ets_mult = 2;

inline constexpr double ets_tol = 1.0e-10;     ///< near-zero guard in the recursions
inline constexpr double ets_hugen = 1.0e10;    ///< value used instead of a division by ~0
inline constexpr double ets_na = -99999.0;     ///< marker of an undefined forecast (M trend, b < 0)
/// The Schur–Cohn root test hands over to companion-matrix eigenvalues when a reflection
/// coefficient is within this distance of modulus 1 (rounding could decide the answer there).
inline constexpr double ets_schur_margin = 1e-7;
/// Lock-step optimisation switches to speculative Nelder–Mead iterations when at most this many
/// optimisations are still running (measured best on 20–100-point series).
inline constexpr std::size_t ets_spec_threshold = 2;

[[nodiscard]] inline int ets_code(char c) noexcept { return c == 'A' ? ets_add : (c == 'M' ? ets_mult : ets_none); }
[[nodiscard]] inline char ets_char(int c) noexcept { return c == ets_add ? 'A' : (c == ets_mult ? 'M' : 'N'); }

/// The model's name as R prints it: "ETS(M,Ad,N)".
[[nodiscard]] inline std::string ets_method_name(char e, char t, char s, bool damped) {
  return std::string("ETS(") + e + "," + t + (damped ? "d" : "") + "," + s + ")";
}

/// Smoothing parameters; β, γ are the state-space (not Holt–Winters) parameters; φ = 1 if undamped.
struct ets_smoothing {
  double alpha = 0, beta = 0, gamma = 0, phi = 1;
};

/// h-step point forecasts from the state (l, b, s[0..m−1], s[0] most recent) written to f[0..h−1].
/// Damping sum φ*_h = φ + φ² + … + φ^h (the correct sum; see docs/r-differences.md).
/// For a multiplicative trend with b < 0 the trend part is the marker ets_na (as R).
inline void ets_point_forecast(double l, double b, const double* s, int m, int trend, int season,
                               double phi, double* f, int h) noexcept {
  double phistar = phi;
  for (int i = 0; i < h; ++i) {
    if (trend == ets_none)
      f[i] = l;
    else if (trend == ets_add)
      f[i] = l + phistar * b;
    else if (b < 0)
      f[i] = ets_na;
    else
      f[i] = l * std::pow(b, phistar);
    int j = m - 1 - i;
    while (j < 0) j += m;
    if (season == ets_add)
      f[i] = f[i] + s[j];
    else if (season == ets_mult)
      f[i] = f[i] * s[j];
    if (i < h - 1) {
      if (std::fabs(phi - 1.0) < ets_tol) {
        phistar = phistar + 1.0;
      } else {
        phistar = phistar + std::pow(phi, i + 2);
      }
    }
  }
}

/// One state update (see the file comment); `olds`/`s` are the previous/new seasonal arrays.
inline void ets_update(double oldl, double& l, double oldb, double& b, const double* olds, double* s, int m,
                       int trend, int season, const ets_smoothing& p, double y) noexcept {
  double q, phib;
  if (trend == ets_none) {
    q = oldl;
    phib = 0;
  } else if (trend == ets_add) {
    phib = p.phi * oldb;
    q = oldl + phib;
  } else if (std::fabs(p.phi - 1.0) < ets_tol) {
    phib = oldb;
    q = oldl * phib;
  } else {
    phib = std::pow(oldb, p.phi);
    q = oldl * phib;
  }
  double pv;
  if (season == ets_none)
    pv = y;
  else if (season == ets_add)
    pv = y - olds[m - 1];
  else
    pv = std::fabs(olds[m - 1]) < ets_tol ? ets_hugen : y / olds[m - 1];
  l = q + p.alpha * (pv - q);
  if (trend > ets_none) {
    double r;
    if (trend == ets_add)
      r = l - oldl;
    else
      r = std::fabs(oldl) < ets_tol ? ets_hugen : l / oldl;
    b = phib + (p.beta / p.alpha) * (r - phib);
  }
  if (season > ets_none) {
    double t;
    if (season == ets_add)
      t = y - q;
    else
      t = std::fabs(q) < ets_tol ? ets_hugen : y / q;
    s[0] = olds[m - 1] + p.gamma * (t - olds[m - 1]);
    for (int j = 1; j < m; ++j) s[j] = olds[j - 1];
  }
}

/// Outputs of ets_calc().
struct ets_calc_output {
  double lik = 0;    ///< objective (NaN when a forecast was undefined)
  bool na = false;   ///< an undefined forecast (M trend with b < 0) stopped the recursion
};

/// Σ log|f_t| accumulated as a product with a separate binary exponent: one multiplication per
/// step instead of a logarithm (the logarithm was a third of the fitting time), renormalised by
/// frexp when the product leaves [2^-500, 2^500]. Agrees with the sum of logarithms to rounding
/// (~1e-16 relative); a zero gives −∞ and a NaN propagates, as the sum would.
struct ets_log_abs_sum {
  double p = 1.0;
  long e = 0;
  void add(double f) noexcept {
    const double a = std::fabs(f);
    const double q = p * a;
    if (q < 0x1p500 && q > 0x1p-500) {
      p = q;
      return;
    }
    if (!(a > 0) || !std::isfinite(a) || !(p > 0) || !std::isfinite(p)) {
      p = q;  // a zero, infinity or NaN: the logarithm says it (-inf, inf, NaN)
      return;
    }
    int ea = 0, ep = 0;
    const double ma = std::frexp(a, &ea);  // split both factors so the product cannot overflow
    p = std::frexp(p * ma, &ep);
    e += static_cast<long>(ea) + ep;
  }
  [[nodiscard]] double value() const noexcept { return std::log(p) + static_cast<double>(e) * 0.69314718055994530942; }
};

/// Full pass over the data (R's `etscalc`): residuals e (relative for M errors), one-step
/// forecasts, all states (row-major (n+1) × p, row 0 = x0) and the running mean squared h-step
/// errors amse[0..nmse−1]. Any output pointer may be null.
inline ets_calc_output ets_calc(std::span<const double> y, int m, int error, int trend, int season,
                                const ets_smoothing& par, std::span<const double> x0, int nmse, double* e,
                                double* fitted, double* states, double* amse) {
  ets_calc_output out;
  const std::size_t n = y.size();
  if (m < 1) m = 1;
  nmse = std::clamp(nmse, 1, 30);
  const std::size_t p = x0.size();
  std::vector<double> s(static_cast<std::size_t>(m), 0.0), olds(static_cast<std::size_t>(m), 0.0);
  double f[30];
  double denom[30];
  double am[30];
  double l = x0[0];
  double b = trend > ets_none ? x0[1] : 0.0;
  const std::size_t off = trend > ets_none ? 2 : 1;
  if (season > ets_none)
    for (int j = 0; j < m; ++j) s[static_cast<std::size_t>(j)] = x0[off + static_cast<std::size_t>(j)];
  if (states)
    for (std::size_t k = 0; k < p; ++k) states[k] = x0[k];
  for (int j = 0; j < nmse; ++j) am[j] = denom[j] = 0.0;
  double lik = 0.0;
  ets_log_abs_sum lik2;
  for (std::size_t i = 0; i < n; ++i) {
    const double oldl = l, oldb = b;
    if (season > ets_none) olds = s;
    ets_point_forecast(oldl, oldb, olds.data(), m, trend, season, par.phi, f, nmse);
    if (std::fabs(f[0] - ets_na) < ets_tol) {
      out.na = true;
      out.lik = std::numeric_limits<double>::quiet_NaN();
      return out;
    }
    const double ei = error == ets_add ? y[i] - f[0] : (y[i] - f[0]) / f[0];
    if (e) e[i] = ei;
    if (fitted) fitted[i] = f[0];
    for (int j = 0; j < nmse; ++j) {
      if (i + static_cast<std::size_t>(j) < n) {
        denom[j] += 1.0;
        const double tmp = y[i + static_cast<std::size_t>(j)] - f[j];
        am[j] = (am[j] * (denom[j] - 1.0) + (tmp * tmp)) / denom[j];
      }
    }
    ets_update(oldl, l, oldb, b, olds.data(), s.data(), m, trend, season, par, y[i]);
    if (states) {
      double* row = states + (i + 1) * p;
      row[0] = l;
      if (trend > ets_none) row[1] = b;
      if (season > ets_none)
        for (int j = 0; j < m; ++j) row[off + static_cast<std::size_t>(j)] = s[static_cast<std::size_t>(j)];
    }
    lik = lik + ei * ei;
    lik2.add(f[0]);
  }
  lik = static_cast<double>(n) * std::log(lik);
  if (error == ets_mult) lik += 2 * lik2.value();
  if (amse)
    for (int j = 0; j < nmse; ++j) amse[j] = am[j];
  out.lik = lik;
  return out;
}

/// The observation with the season removed, as R's update uses it: y, y − s or y / s (a seasonal
/// state within ets_tol of zero gives ets_hugen instead of the division).
template <int S>
[[nodiscard]] inline double ets_deseason(double yi, double sm) noexcept {
  if constexpr (S == ets_none)
    return yi;
  else if constexpr (S == ets_add)
    return yi - sm;
  else
    return std::fabs(sm) < ets_tol ? ets_hugen : yi / sm;
}

/// R's seasonal update of the ring's current slot from the forecast q before the season, then
/// the next slot.
template <int S>
inline void ets_season_step(double* ring, int& pos, int m, double yi, double q, double sm, double gamma) noexcept {
  double t;
  if constexpr (S == ets_add)
    t = yi - q;
  else
    t = std::fabs(q) < ets_tol ? ets_hugen : yi / q;
  ring[pos] = sm + gamma * (t - sm);
  if (++pos == m) pos = 0;
}

/// The one-step forecast with the season applied: f, f + s or f·s.
template <int S>
[[nodiscard]] inline double ets_with_season(double f, double sm) noexcept {
  if constexpr (S == ets_add) return f + sm;
  if constexpr (S == ets_mult) return f * sm;
  return f;
}

/// The objective of a likelihood pass (R's etscalc), accumulated step by step: n·log(Σe²), plus
/// 2·Σlog|f| with multiplicative errors, where e = y − f (additive) or (y − f)/f.
template <int E>
struct ets_lik_sum {
  double sse = 0.0;
  ets_log_abs_sum lik2;
  void add(double yi, double f) noexcept {
    double ei;
    if constexpr (E == ets_add)
      ei = yi - f;
    else
      ei = (yi - f) / f;
    sse = sse + ei * ei;
    if constexpr (E == ets_mult) lik2.add(f);
  }
  [[nodiscard]] double value(std::size_t n) const noexcept {
    double lik = static_cast<double>(n) * std::log(sse);
    if constexpr (E == ets_mult) lik += 2 * lik2.value();
    return lik;
  }
};

/// ets_lik_kernel() for a multiplicative trend: bit-for-bit the arithmetic of ets_calc(), on a
/// ring buffer of seasonal states. NaN when a forecast is undefined (b < 0).
template <int E, int S>
double ets_lik_kernel_mult_trend(const double* y, std::size_t n, int m, const ets_smoothing& par, const double* x0,
                                 double* ring) noexcept {
  double l = x0[0];
  double b = x0[1];
  if constexpr (S > ets_none) {
    for (int k = 0; k < m; ++k) ring[k] = x0[2 + (m - 1 - k)];
  }
  const double alpha = par.alpha, phi = par.phi, gamma = par.gamma;
  const double beta_over_alpha = par.beta / par.alpha;
  const bool phi_is_one = std::fabs(phi - 1.0) < ets_tol;
  ets_lik_sum<E> lik;
  int pos = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double yi = y[i];
    double sm = 0.0;
    if constexpr (S > ets_none) sm = ring[pos];
    const double f = ets_with_season<S>(b < 0 ? ets_na : l * std::pow(b, phi), sm);  // one-step forecast
    if (std::fabs(f - ets_na) < ets_tol) return std::numeric_limits<double>::quiet_NaN();
    lik.add(yi, f);
    const double phib = phi_is_one ? b : std::pow(b, phi);  // update
    const double q = l * phib;
    const double pv = ets_deseason<S>(yi, sm);
    const double lnew = q + alpha * (pv - q);
    const double r = std::fabs(l) < ets_tol ? ets_hugen : lnew / l;
    b = phib + beta_over_alpha * (r - phib);
    if constexpr (S > ets_none) ets_season_step<S>(ring, pos, m, yi, q, sm, gamma);
    l = lnew;
  }
  return lik.value(n);
}

/// The likelihood-only pass, specialised at compile time for the model's components and using a
/// ring buffer for the seasonal states (no allocation, no state copies). Returns NaN when a
/// forecast is undefined. `ring` needs m doubles.
///
/// Models without multiplicative trend run the recursion on the one-step forecast of the level
/// instead of the level itself: with q_t = l_{t−1} + φ·b_{t−1} (R's q, the forecast before the
/// season), p_t = φ·b_{t−1} and v_t = y_t − q_t (y_t / s_t − q_t with multiplicative season),
///   q_{t+1} = (q_t + φ·p_t) + (α + φβ)·v_t,   p_{t+1} = φ·p_t + φβ·v_t,
/// which is R's level and trend update (l_t = q_t + α·v_t, b_t = p_t + β·v_t; R writes the latter
/// as p_t + (β/α)·((l_t − l_{t−1}) − p_t)) rearranged. In exact arithmetic the two are the same;
/// in floating point they agree to rounding (relative differences of order 1e-15 in the
/// likelihood), and the loop-carried chain is three operations per step instead of up to nine,
/// which is what bounds a pass. The final pass of a fit (ets_calc(), the states, residuals and
/// likelihood that are reported) keeps R's order of operations.
template <int E, int T, int S>
double ets_lik_kernel(const double* y, std::size_t n, int m, const ets_smoothing& par, const double* x0,
                      double* ring) noexcept {
  if constexpr (T == ets_mult) {
    return ets_lik_kernel_mult_trend<E, S>(y, n, m, par, x0, ring);
  } else {
    if constexpr (S > ets_none) {
      const double* s0 = x0 + (T > ets_none ? 2 : 1);
      for (int k = 0; k < m; ++k) ring[k] = s0[m - 1 - k];
    }
    const double alpha = par.alpha, gamma = par.gamma;
    const double phi = T == ets_add ? par.phi : 1.0;
    const double d = T == ets_add ? phi * par.beta : 0.0;
    const double c = alpha + d;
    double p = T == ets_add ? phi * x0[1] : 0.0;
    double q = T == ets_add ? x0[0] + p : x0[0];
    ets_lik_sum<E> lik;
    int pos = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double yi = y[i];
      double sm = 0.0;
      if constexpr (S > ets_none) sm = ring[pos];
      lik.add(yi, ets_with_season<S>(q, sm));
      const double pv = ets_deseason<S>(yi, sm);
      const double v = pv - q;
      if constexpr (S > ets_none) ets_season_step<S>(ring, pos, m, yi, q, sm, gamma);
      if constexpr (T == ets_add) {
        const double pp = phi * p;
        q = (q + pp) + c * v;
        p = pp + d * v;
      } else {
        q = q + c * v;
      }
    }
    return lik.value(n);
  }
}

using ets_kernel_fn = double (*)(const double*, std::size_t, int, const ets_smoothing&, const double*, double*) noexcept;

/// The kernel instantiation for a model.
[[nodiscard]] inline ets_kernel_fn ets_select_kernel(int error, int trend, int season) noexcept {
  static constexpr ets_kernel_fn table[2][3][3] = {
      {{&ets_lik_kernel<1, 0, 0>, &ets_lik_kernel<1, 0, 1>, &ets_lik_kernel<1, 0, 2>},
       {&ets_lik_kernel<1, 1, 0>, &ets_lik_kernel<1, 1, 1>, &ets_lik_kernel<1, 1, 2>},
       {&ets_lik_kernel<1, 2, 0>, &ets_lik_kernel<1, 2, 1>, &ets_lik_kernel<1, 2, 2>}},
      {{&ets_lik_kernel<2, 0, 0>, &ets_lik_kernel<2, 0, 1>, &ets_lik_kernel<2, 0, 2>},
       {&ets_lik_kernel<2, 1, 0>, &ets_lik_kernel<2, 1, 1>, &ets_lik_kernel<2, 1, 2>},
       {&ets_lik_kernel<2, 2, 0>, &ets_lik_kernel<2, 2, 1>, &ets_lik_kernel<2, 2, 2>}}};
  return table[error == ets_mult ? 1 : 0][trend][season];
}

// ------------------------------------------------------------------------------------------------
// Admissibility

/// True when every root of the real polynomial Σ c_k z^k (c increasing powers, c.back() ≠ 0) has
/// modulus ≤ `radius`. Uses the Schur–Cohn (Jury) step-down test on the rescaled polynomial and
/// falls back to companion-matrix eigenvalues (Eigen) when the test is within rounding of the
/// boundary.
[[nodiscard]] inline bool ets_roots_within(std::span<const double> c, double radius) {
  std::size_t deg = c.size() - 1;
  if (deg == 0) return true;
  double a[64];
  double bbuf[64];
  bool ambiguous = false;
  bool stable = true;
  if (deg < 63) {
    for (std::size_t k = 0; k <= deg; ++k) a[k] = c[k];
    // A root at z = 1 (P(1) = 0: undamped models without trend) lies inside the radius; divide it
    // out so that the step-down test is not evaluated exactly on the boundary.
    double p1 = 0, mag = 0;
    for (std::size_t k = 0; k <= deg; ++k) {
      p1 += a[k];
      mag += std::fabs(a[k]);
    }
    if (std::fabs(p1) <= 1e-12 * mag && deg >= 2) {
      bbuf[deg - 1] = a[deg];
      for (std::size_t k = deg - 1; k >= 1; --k) bbuf[k - 1] = a[k] + bbuf[k];
      for (std::size_t k = 0; k < deg; ++k) a[k] = bbuf[k];
      --deg;
    }
    double rk = 1.0;
    for (std::size_t k = 0; k <= deg; ++k) {
      a[k] *= rk;
      rk *= radius;
    }
    for (std::size_t d = deg; d >= 1; --d) {
      const double lead = a[d];
      if (!(std::fabs(lead) > 0) || !std::isfinite(lead)) {
        ambiguous = true;
        break;
      }
      const double k = a[0] / lead;
      const double ak = std::fabs(k);
      if (std::fabs(ak - 1.0) < ets_schur_margin) {
        ambiguous = true;
        break;
      }
      if (ak > 1.0) {
        stable = false;
        break;
      }
      // (p(z) − k·p*(z)) / z: same roots-inside count, degree one less.
      for (std::size_t j = 1; j <= d; ++j) bbuf[j - 1] = a[j] - k * a[d - j];
      for (std::size_t j = 0; j < d; ++j) a[j] = bbuf[j];
    }
    if (!ambiguous) return stable;
  }
  // Companion-matrix eigenvalues (compiled: detail/linalg.hpp).
  const std::optional<double> mx = max_root_modulus(c);
  if (!mx) return true;  // R ignores a failed root search
  return !(*mx > radius);
}

/// Which smoothing parameters are optimised / fixed by the user, and their bounds.
struct ets_param_setup {
  bool opt_alpha = false, opt_beta = false, opt_gamma = false, opt_phi = false;
  bool given_alpha = false, given_beta = false, given_gamma = false, given_phi = false;
  std::array<double, 4> lower{1e-4, 1e-4, 1e-4, 0.8};
  std::array<double, 4> upper{0.9999, 0.9999, 0.9999, 0.98};
  int bounds = 0;  ///< 0 both, 1 usual, 2 admissible
};

/// The usual request's setup (bounds "both", every smoothing parameter of the model optimised,
/// none given) with its flags as compile-time constants, for ets_check_params_pre() and
/// ets_admissible_pre() on the optimiser's hot path (ets_target::decode_usual); the bounds are
/// those of an ets_param_setup.
template <bool BETA, bool GAMMA, bool PHI>
struct ets_usual_setup {
  static constexpr bool opt_alpha = true, opt_beta = BETA, opt_gamma = GAMMA, opt_phi = PHI;
  static constexpr bool given_beta = false, given_gamma = false;  // the only given_* those read
  static constexpr int bounds = 0;
  const std::array<double, 4>& lower;
  const std::array<double, 4>& upper;
};

/// The admissible region of Hyndman, Akram & Archibald (2008) (R's `admissible()`), without the
/// characteristic-root test: 0 = not admissible, 1 = admissible, 2 = admissible if every root of
/// the polynomial written to `c` (m + 2 coefficients, increasing powers) has modulus ≤ 1 + 1e-10.
/// `Setup`: ets_param_setup, or ets_usual_setup (the flags known at compile time).
template <class Setup>
[[nodiscard]] inline int ets_admissible_pre(double alpha, double beta, double gamma, double phi, int m,
                                            const Setup& su, double* c) {
  if (phi < 0 || phi > 1 + 1e-8) return 0;
  // 1/φ, without the division for undamped models (φ = 1 exactly): the same value.
  const double inv_phi = phi == 1.0 ? 1.0 : 1 / phi;
  if (!su.opt_gamma && !su.given_gamma) {
    if (alpha < 1 - inv_phi || alpha > 1 + inv_phi) return 0;
    if (su.opt_beta || su.given_beta) {
      if (beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha)) return 0;
    }
  } else if (m > 1) {
    if (!su.opt_beta && !su.given_beta) beta = 0;
    if (gamma < std::max(1 - inv_phi - alpha, 0.0) || gamma > 1 + inv_phi - alpha) return 0;
    if (alpha < 1 - inv_phi - gamma * (1 - m + phi + phi * m) / (2 * phi * m)) return 0;
    if (beta < -(1 - phi) * (gamma / m + alpha)) return 0;
    c[0] = phi * (1 - alpha - gamma);
    c[1] = alpha + beta - alpha * phi + gamma - 1;
    for (int i = 2; i < m; ++i) c[i] = alpha + beta - alpha * phi;
    c[m] = alpha + beta - phi;
    c[m + 1] = 1;
    return 2;
  }
  return 1;
}

/// Largest seasonal period of the admissibility polynomial buffers (R's ets allows m ≤ 24).
inline constexpr int ets_max_poly = 62;

/// The admissible region of Hyndman, Akram & Archibald (2008) (R's `admissible()`): easy bounds
/// on α, β, γ, φ, then all roots of
///   z^{m+1} + (α+β−φ) z^m + (α+β−αφ)(z^{m−1} + … + z²) + (α+β−αφ+γ−1) z + φ(1−α−γ)
/// within the unit circle (|z| ≤ 1 + 1e-10) for seasonal models.
[[nodiscard]] inline bool ets_admissible(double alpha, double beta, double gamma, double phi, int m,
                                         const ets_param_setup& su) {
  double c[ets_max_poly + 2];
  if (m > ets_max_poly) return false;
  const int r = ets_admissible_pre(alpha, beta, gamma, phi, m, su, c);
  if (r != 2) return r == 1;
  return ets_roots_within(std::span<const double>(c, static_cast<std::size_t>(m) + 2), 1 + 1e-10);
}

/// Usual bounds on the optimised parameters, then (bounds "both"/"admissible") admissibility
/// without the root test: 0 = reject, 1 = accept, 2 = accept if the roots of `c` pass.
/// `Setup`: ets_param_setup, or ets_usual_setup (the flags known at compile time).
template <class Setup>
[[nodiscard]] inline int ets_check_params_pre(double alpha, double beta, double gamma, double phi, int m,
                                              const Setup& su, double* c) {
  if (su.bounds != 2) {
    if (su.opt_alpha && (alpha < su.lower[0] || alpha > su.upper[0])) return 0;
    if (su.opt_beta && (beta < su.lower[1] || beta > alpha || beta > su.upper[1])) return 0;
    if (su.opt_phi && (phi < su.lower[3] || phi > su.upper[3])) return 0;
    if (su.opt_gamma && (gamma < su.lower[2] || gamma > 1 - alpha || gamma > su.upper[2])) return 0;
  }
  if (su.bounds != 1) {
    if (m > ets_max_poly) return 0;
    return ets_admissible_pre(alpha, beta, gamma, phi, m, su, c);
  }
  return 1;
}

/// Usual bounds on the optimised parameters, then (bounds "both"/"admissible") admissibility.
[[nodiscard]] inline bool ets_check_params(double alpha, double beta, double gamma, double phi, int m,
                                           const ets_param_setup& su) {
  double c[ets_max_poly + 2];
  const int r = ets_check_params_pre(alpha, beta, gamma, phi, m, su, c);
  if (r != 2) return r == 1;
  return ets_roots_within(std::span<const double>(c, static_cast<std::size_t>(m) + 2), 1 + 1e-10);
}

/// ets_roots_within() for many polynomials with `ncoef` coefficients each (row-major in
/// `polys`), radius 1 + 1e-10: the Schur–Cohn step-downs of up to 8 polynomials run interleaved
/// (independent dependency chains); results (1 = all roots within) are identical to calling
/// ets_roots_within() on each.
inline void ets_roots_within_many(const double* polys, std::size_t ncoef, std::size_t count, unsigned char* ok) {
  constexpr std::size_t KB = 8;
  constexpr double radius = 1 + 1e-10;
  double buf[2][KB][64];
  for (std::size_t base = 0; base < count; base += KB) {
    const std::size_t K = std::min(KB, count - base);
    std::size_t cur[KB];
    int verdict[KB];  // -2 undecided, -1 ambiguous, 0 outside, 1 inside
    int which[KB];
    for (std::size_t k = 0; k < K; ++k) {
      const double* c = polys + (base + k) * ncoef;
      std::size_t deg = ncoef - 1;
      double* a = buf[0][k];
      which[k] = 0;
      verdict[k] = -2;
      if (deg >= 63) {
        verdict[k] = -1;
        cur[k] = 0;
        continue;
      }
      for (std::size_t j = 0; j <= deg; ++j) a[j] = c[j];
      double p1 = 0, mag = 0;
      for (std::size_t j = 0; j <= deg; ++j) {
        p1 += a[j];
        mag += std::fabs(a[j]);
      }
      if (std::fabs(p1) <= 1e-12 * mag && deg >= 2) {
        double* t = buf[1][k];
        t[deg - 1] = a[deg];
        for (std::size_t j = deg - 1; j >= 1; --j) t[j - 1] = a[j] + t[j];
        for (std::size_t j = 0; j < deg; ++j) a[j] = t[j];
        --deg;
      }
      double rk = 1.0;
      for (std::size_t j = 0; j <= deg; ++j) {
        a[j] *= rk;
        rk *= radius;
      }
      cur[k] = deg;
      if (deg == 0) verdict[k] = 1;
    }
    bool any = true;
    while (any) {
      any = false;
      for (std::size_t k = 0; k < K; ++k) {
        if (verdict[k] != -2) continue;
        const std::size_t d = cur[k];
        const double* a = buf[which[k]][k];
        double* b = buf[1 - which[k]][k];
        const double lead = a[d];
        if (!(std::fabs(lead) > 0) || !std::isfinite(lead)) {
          verdict[k] = -1;
          continue;
        }
        const double kk = a[0] / lead;
        const double ak = std::fabs(kk);
        if (std::fabs(ak - 1.0) < ets_schur_margin) {
          verdict[k] = -1;
          continue;
        }
        if (ak > 1.0) {
          verdict[k] = 0;
          continue;
        }
        for (std::size_t j = 1; j <= d; ++j) b[j - 1] = a[j] - kk * a[d - j];
        which[k] = 1 - which[k];
        cur[k] = d - 1;
        if (cur[k] == 0)
          verdict[k] = 1;
        else
          any = true;
      }
    }
    for (std::size_t k = 0; k < K; ++k) {
      if (verdict[k] == -1)
        ok[base + k] = ets_roots_within(std::span<const double>(polys + (base + k) * ncoef, ncoef), radius) ? 1 : 0;
      else
        ok[base + k] = verdict[k] == 1 ? 1 : 0;
    }
  }
}

// ------------------------------------------------------------------------------------------------
// Initial states and starting values

/// R's `sinpi`/`cospi`: exact at multiples of ½.
[[nodiscard]] inline double r_sinpi(double x) {
  x = std::fmod(x, 2.0);
  if (x <= -1)
    x += 2.0;
  else if (x > 1.0)
    x -= 2.0;
  if (x == 0.0 || x == 1.0) return 0.0;
  if (x == 0.5) return 1.0;
  if (x == -0.5) return -1.0;
  return std::sin(3.141592653589793238462643383280 * x);
}
[[nodiscard]] inline double r_cospi(double x) {
  x = std::fmod(std::fabs(x), 2.0);
  if (std::fmod(x, 1.0) == 0.5) return 0.0;
  if (x == 1.0) return -1.0;
  if (x == 0.0) return 1.0;
  return std::cos(3.141592653589793238462643383280 * x);
}

/// Sum in extended precision (R's `sum` for doubles).
[[nodiscard]] inline double r_sum(std::span<const double> x) {
  long double s = 0.0L;
  for (double v : x) s += v;
  return static_cast<double>(s);
}

/// Euclidean norm as the reference BLAS 3.11 `dnrm2` computes it for ordinary magnitudes
/// (sequential sum of squares, one square root); other magnitudes use a scaled sum.
[[nodiscard]] inline double ref_dnrm2(const double* x, std::size_t n) noexcept {
  constexpr double tsml = 1.4916681462400413e-154, tbig = 1.9979190722022350e+146;
  double amed = 0;
  bool mid = true;
  for (std::size_t i = 0; i < n; ++i) {
    const double ax = std::fabs(x[i]);
    if (ax > tbig || (ax < tsml && ax > 0)) mid = false;
    amed = amed + ax * ax;
  }
  if (mid) return std::sqrt(amed);
  double scale = 0, ssq = 1;  // fallback: classic scaled accumulation
  for (std::size_t i = 0; i < n; ++i) {
    const double ax = std::fabs(x[i]);
    if (ax == 0) continue;
    if (scale < ax) {
      ssq = 1 + ssq * (scale / ax) * (scale / ax);
      scale = ax;
    } else {
      ssq += (ax / scale) * (ax / scale);
    }
  }
  return scale * std::sqrt(ssq);
}

/// Dot product in the reference BLAS `ddot` order (which, unrolled by 5, is still sequential).
[[nodiscard]] inline double ref_ddot(const double* x, const double* y, std::size_t n) noexcept {
  double t = 0;
  for (std::size_t i = 0; i < n; ++i) t = t + x[i] * y[i];
  return t;
}

/// Least squares y ≈ X b (X n × p, column-major, n > p) by the Householder QR of LINPACK
/// `dqrdc2` and the solve of `dqrsl` — the computation behind R's `lsfit`, `lm` and `tslm` — so
/// that the coefficients agree with R's to the last bit. Returns false for a rank-deficient design
/// (R would pivot); `b` is then untouched.
inline bool linpack_lsq(std::vector<double> X, std::size_t n, std::size_t p, std::vector<double> qty,
                        std::vector<double>& b) {
  if (n <= p) return false;
  constexpr double tol = 1e-7;
  std::vector<double> qraux(p), work2(p);
  auto col = [&](std::size_t j) { return X.data() + j * n; };
  for (std::size_t j = 0; j < p; ++j) {
    qraux[j] = ref_dnrm2(col(j), n);
    work2[j] = qraux[j] == 0.0 ? 1.0 : qraux[j];
  }
  for (std::size_t l = 0; l < p; ++l) {
    if (qraux[l] < work2[l] * tol) return false;  // R would move this column to the end
    if (l + 1 == n) break;
    double* xl = col(l) + l;
    const std::size_t len = n - l;
    double nrmxl = ref_dnrm2(xl, len);
    if (nrmxl == 0.0) continue;
    if (xl[0] != 0.0) nrmxl = std::copysign(nrmxl, xl[0]);
    const double inv = 1.0 / nrmxl;
    for (std::size_t i = 0; i < len; ++i) xl[i] = inv * xl[i];
    xl[0] = 1.0 + xl[0];
    for (std::size_t j = l + 1; j < p; ++j) {
      double* xj = col(j) + l;
      const double t = -ref_ddot(xl, xj, len) / xl[0];
      for (std::size_t i = 0; i < len; ++i) xj[i] = xj[i] + t * xl[i];
      if (qraux[j] == 0.0) continue;
      double tt = 1.0 - (std::fabs(xj[0]) / qraux[j]) * (std::fabs(xj[0]) / qraux[j]);
      tt = std::max(tt, 0.0);
      if (std::fabs(tt) < 1e-6)
        qraux[j] = ref_dnrm2(xj + 1, len - 1);
      else
        qraux[j] = qraux[j] * std::sqrt(tt);
    }
    qraux[l] = xl[0];
    xl[0] = -nrmxl;
  }
  // dqrsl: qty = Q'y, then back substitution R b = qty[0..p-1].
  const std::size_t ju = std::min(p, n - 1);
  for (std::size_t j = 0; j < ju; ++j) {
    if (qraux[j] == 0.0) continue;
    double* xj = col(j) + j;
    const double temp = xj[0];
    xj[0] = qraux[j];
    const double t = -ref_ddot(xj, qty.data() + j, n - j) / xj[0];
    for (std::size_t i = 0; i < n - j; ++i) qty[j + i] = qty[j + i] + t * xj[i];
    xj[0] = temp;
  }
  std::vector<double> out(qty.begin(), qty.begin() + static_cast<std::ptrdiff_t>(p));
  for (std::size_t jj = 0; jj < p; ++jj) {
    const std::size_t j = p - 1 - jj;
    const double diag = col(j)[j];
    if (diag == 0.0) return false;
    out[j] = out[j] / diag;
    if (j != 0) {
      const double t = -out[j];
      for (std::size_t i = 0; i < j; ++i) out[i] = out[i] + t * col(j)[i];
    }
  }
  b = std::move(out);
  return true;
}

/// Intercept and slope of the least-squares line through (1, y_1), …, (k, y_k), as R's
/// `lsfit(1:k, y)` computes them.
inline void ets_line_fit(std::span<const double> y, double& intercept, double& slope) {
  const std::size_t k = y.size();
  if (k == 1) {
    intercept = y[0];
    slope = 0;
    return;
  }
  std::vector<double> X(2 * k);
  for (std::size_t i = 0; i < k; ++i) {
    X[i] = 1.0;
    X[k + i] = static_cast<double>(i + 1);
  }
  std::vector<double> b;
  if (linpack_lsq(X, k, 2, std::vector<double>(y.begin(), y.end()), b)) {
    intercept = b[0];
    slope = b[1];
    return;
  }
  const double tbar = (static_cast<double>(k) + 1.0) / 2.0;
  const double ybar = r_mean(y);
  long double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const double dt = static_cast<double>(i + 1) - tbar;
    sxy += dt * (y[i] - ybar);
    sxx += dt * dt;
  }
  slope = static_cast<double>(sxy / sxx);
  intercept = ybar - slope * tbar;
}

/// Initial state [l0, b0?, s0 … s_{m−2}] as R's `initstate()` computes it (the last seasonal state
/// is implied by the normalisation). Seasonal: n < 3m → OLS of y on (1, t, sin 2πt/m, cos 2πt/m);
/// otherwise classical decomposition. Level/trend from the first max(10, 2m) seasonally adjusted
/// values. Requires n ≥ 4 for seasonal models (\throws invalid_argument otherwise).
[[nodiscard]] inline std::vector<double> ets_init_state(std::span<const double> y, int m, int trend, int season) {
  const std::size_t n = y.size();
  std::vector<double> init_seas;
  std::vector<double> ysa(y.begin(), y.end());
  int mm = 1;
  if (season != ets_none) {
    mm = m;
    if (n < 4) throw invalid_argument("ets: a seasonal model needs at least 4 observations in y");
    std::vector<double> seasonal(n);
    if (n < 3 * static_cast<std::size_t>(m)) {
      const bool with_sin = m != 2;
      const std::size_t k = with_sin ? 4 : 3;
      std::vector<double> X(n * k);  // column-major
      for (std::size_t t = 0; t < n; ++t) {
        const double tt = static_cast<double>(t + 1);
        X[t] = 1.0;
        X[n + t] = tt;
        std::size_t c = 2;
        if (with_sin) X[n * c++ + t] = r_sinpi(2.0 * (1.0 / m) * tt);
        X[n * c + t] = r_cospi(2.0 * (1.0 / m) * tt);
      }
      std::vector<double> coef = lsq_colpiv(X, n, k, y);  // used if the design is rank deficient
      {
        std::vector<double> b;
        if (linpack_lsq(X, n, k, std::vector<double>(y.begin(), y.end()), b))
          for (std::size_t c = 0; c < k; ++c) coef[c] = b[c];
      }
      for (std::size_t t = 0; t < n; ++t) {
        const double tt = static_cast<double>(t + 1);
        seasonal[t] = season == ets_add ? y[t] - coef[0] - coef[1] * tt : y[t] / (coef[0] + coef[1] * tt);
      }
    } else {
      seasonal = decompose(y, m, season == ets_add ? decompose_type::additive : decompose_type::multiplicative).seasonal;
    }
    init_seas.resize(static_cast<std::size_t>(m) - 1);
    for (int k = 0; k < m - 1; ++k) init_seas[static_cast<std::size_t>(k)] = seasonal[static_cast<std::size_t>(m - 1 - k)];
    if (season == ets_add) {
      for (std::size_t t = 0; t < n; ++t) ysa[t] = y[t] - seasonal[t];
    } else {
      for (double& v : init_seas) v = std::max(v, 1e-2);
      if (r_sum(init_seas) > m) {
        std::vector<double> tmp(init_seas);
        for (double& v : tmp) v += 1e-2;
        const double denom = r_sum(tmp);
        for (double& v : init_seas) v /= denom;
      }
      for (std::size_t t = 0; t < n; ++t) ysa[t] = y[t] / std::max(seasonal[t], 1e-2);
    }
  }
  const std::size_t maxn = std::min<std::size_t>(static_cast<std::size_t>(std::max(10, 2 * mm)), n);
  std::vector<double> out;
  out.reserve(2 + init_seas.size());
  const std::span<const double> head(ysa.data(), maxn);
  if (trend == ets_none) {
    out.push_back(r_mean(head));
  } else {
    double a = 0, bb = 0;
    ets_line_fit(head, a, bb);
    double l0, b0;
    if (trend == ets_add) {
      l0 = a;
      b0 = bb;
      if (std::fabs(l0 + b0) < 1e-8) {
        l0 = l0 * (1 + 1e-3);
        b0 = b0 * (1 - 1e-3);
      }
    } else {
      l0 = a + bb;
      if (std::fabs(l0) < 1e-8) l0 = 1e-7;
      b0 = (a + 2 * bb) / l0;
      l0 = l0 / b0;
      if (std::fabs(b0) > 1e10) b0 = (b0 > 0 ? 1.0 : -1.0) * 1e10;
      if (l0 < 1e-8 || b0 < 1e-8) {
        l0 = std::max(ysa[0], 1e-3);
        b0 = std::max(ysa[1] / ysa[0], 1e-3);
      }
    }
    out.push_back(l0);
    out.push_back(b0);
  }
  out.insert(out.end(), init_seas.begin(), init_seas.end());
  return out;
}

/// Starting values of the optimised smoothing parameters (R's `initparam()`), in the order
/// α, β, γ, φ (only those optimised). `m` is the seasonal period (1 for non-seasonal models).
[[nodiscard]] inline std::vector<double> ets_init_param(const ets_smoothing& given, const ets_param_setup& su,
                                                        int trend, int season, bool damped, int m) {
  std::array<double, 4> lower = su.lower, upper = su.upper;
  if (su.bounds == 2) {
    for (int i = 0; i < 3; ++i) {
      lower[static_cast<std::size_t>(i)] = 0;
      upper[static_cast<std::size_t>(i)] = 1e-3;
    }
  }
  std::vector<double> par;
  double alpha;
  if (!su.given_alpha) {
    alpha = lower[0] + 0.2 * (upper[0] - lower[0]) / m;
    if (alpha > 1 || alpha < 0) alpha = lower[0] + 2e-3;
    par.push_back(alpha);
  } else {
    alpha = given.alpha;
  }
  if (trend != ets_none && !su.given_beta) {
    upper[1] = std::min(upper[1], alpha);
    double beta = lower[1] + 0.1 * (upper[1] - lower[1]);
    if (beta < 0 || beta > alpha) beta = alpha - 1e-3;
    par.push_back(beta);
  }
  if (season != ets_none && !su.given_gamma) {
    upper[2] = std::min(upper[2], 1 - alpha);
    double gamma = lower[2] + 0.05 * (upper[2] - lower[2]);
    if (gamma < 0 || gamma > 1 - alpha) gamma = 1 - alpha - 1e-3;
    par.push_back(gamma);
  }
  if (damped && !su.given_phi) {
    double phi = lower[3] + 0.99 * (upper[3] - lower[3]);
    if (phi < 0 || phi > 1) phi = upper[3] - 1e-3;
    par.push_back(phi);
  }
  return par;
}

// ------------------------------------------------------------------------------------------------
// One fixed model

/// Optimisation criterion codes (ets_opt_crit in the public API).
inline constexpr int ets_crit_lik = 0, ets_crit_mse = 1, ets_crit_amse = 2, ets_crit_sigma = 3, ets_crit_mae = 4;

/// What to fit: components, user-fixed parameters, bounds and optimiser settings.
struct ets_model_request {
  int error = ets_add, trend = ets_none, season = ets_none;
  bool damped = false;
  int m = 1;  ///< seasonal period (ignored when season is none)
  bool has_alpha = false, has_beta = false, has_gamma = false, has_phi = false;
  ets_smoothing given;
  std::array<double, 4> lower{1e-4, 1e-4, 1e-4, 0.8};
  std::array<double, 4> upper{0.9999, 0.9999, 0.9999, 0.98};
  int bounds = 0;
  int opt_crit = ets_crit_lik;
  int nmse = 3;
  int maxit = 2000;
};

/// Result of fitting one model (R's `etsmodel`).
struct ets_model_result {
  bool ok = false;           ///< false: no fit (too little data, inadmissible start, undefined forecast)
  std::string failure;       ///< why not, when !ok
  ets_smoothing par;         ///< final smoothing parameters (β=0/γ=0/φ=1 when absent)
  std::vector<double> opt_par;  ///< optimised vector: [α?, β?, γ?, φ?, l0, b0?, s0 … s_{m−2}]
  int n_opt_smoothing = 0;      ///< how many of opt_par are smoothing parameters
  std::vector<double> initial_state;  ///< full initial state incl. the implied last seasonal
  std::vector<double> states;         ///< (n+1) × p, row-major
  std::vector<double> residuals, fitted;
  double lik = std::numeric_limits<double>::quiet_NaN();
  double loglik = std::numeric_limits<double>::quiet_NaN();
  double aic = std::numeric_limits<double>::infinity(), aicc = aic, bic = aic;
  double mse = std::numeric_limits<double>::infinity(), amse = mse;
  int np = 0;  ///< number of parameters counted by the IC (optimised + σ²)
  int fncount = 0;
  int fail = 0;  ///< nmmin code
};

/// Reusable buffers for ets_fit_model().
struct ets_workspace {
  nmmin_workspace nm;
  std::vector<double> x0, ring, e, amse;
};

/// The objective evaluated by Nelder–Mead (R's `EtsTargetFunction::eval`).
struct ets_target {
  std::span<const double> y;
  int m = 1;
  int error = 0, trend = 0, season = 0;
  bool damped = false;
  ets_param_setup su;
  ets_smoothing given;
  std::size_t nstate = 0;  ///< states in the parameter vector (p − 1 when seasonal)
  std::size_t p = 0;       ///< full state length
  int opt_crit = ets_crit_lik;
  int nmse = 3;
  ets_kernel_fn kernel = nullptr;
  ets_workspace* ws = nullptr;
  /// Which decode_usual() decodes the points (0–8: trend N/A/Ad, then season N/A/M), or −1
  /// (decode_general()); set by ets_make_target().
  int shape = -1;

  /// Smoothing parameters and full initial state (into `x0`, p values) of the point `par`;
  /// false when the point violates the bounds or has a negative multiplicative seasonal state
  /// (objective +Inf).
  /// decode() with the characteristic-root test left to the caller: 0 = objective +Inf, 1 = valid,
  /// 2 = valid if the roots of `c` (m + 2 coefficients) pass ets_roots_within().
  int decode_pre(std::span<const double> par, ets_smoothing& sp, double* x0, double* c) const {
    switch (shape) {
      case 0: return decode_usual<ets_none, false, ets_none>(par.data(), sp, x0, c);
      case 1: return decode_usual<ets_add, false, ets_none>(par.data(), sp, x0, c);
      case 2: return decode_usual<ets_add, true, ets_none>(par.data(), sp, x0, c);
      case 3: return decode_usual<ets_none, false, ets_add>(par.data(), sp, x0, c);
      case 4: return decode_usual<ets_add, false, ets_add>(par.data(), sp, x0, c);
      case 5: return decode_usual<ets_add, true, ets_add>(par.data(), sp, x0, c);
      case 6: return decode_usual<ets_none, false, ets_mult>(par.data(), sp, x0, c);
      case 7: return decode_usual<ets_add, false, ets_mult>(par.data(), sp, x0, c);
      case 8: return decode_usual<ets_add, true, ets_mult>(par.data(), sp, x0, c);
      default: return decode_general(par, sp, x0, c);
    }
  }

  /// decode_pre() of the usual request, compiled per model (`shape`, set by ets_make_target()):
  /// bounds "both", every smoothing parameter of the model optimised, no multiplicative trend.
  /// The general decoding with its flags and loop lengths known at compile time, so the same
  /// verdict, parameters, states and polynomial (the lock-step optimiser decodes every trial point).
  template <int TREND, bool DAMPED, int SEASON>
  int decode_usual(const double* par, ets_smoothing& sp, double* x0, double* c) const {
    constexpr std::size_t npar = 1 + (TREND != ets_none) + (SEASON != ets_none) + DAMPED;
    sp.alpha = par[0];
    sp.beta = TREND != ets_none ? par[1] : 0.0;
    sp.gamma = SEASON != ets_none ? par[1 + (TREND != ets_none)] : 0.0;
    sp.phi = DAMPED ? par[npar - 1] : 1.0;
    const ets_usual_setup<TREND != ets_none, SEASON != ets_none, DAMPED> usual{su.lower, su.upper};
    const int chk = ets_check_params_pre(sp.alpha, sp.beta, sp.gamma, sp.phi, m, usual, c);
    if (chk == 0) return 0;
    constexpr std::size_t soff = TREND != ets_none ? 2 : 1;
    return states_from(par + npar, x0, SEASON == ets_none ? soff : nstate, soff, SEASON) ? chk : 0;
  }

  /// decode_pre() for any request.
  int decode_general(std::span<const double> par, ets_smoothing& sp, double* x0, double* c) const {
    std::size_t j = 0;
    sp.alpha = su.opt_alpha ? par[j++] : given.alpha;
    sp.beta = su.opt_beta ? par[j++] : (su.given_beta ? given.beta : 0.0);
    sp.gamma = su.opt_gamma ? par[j++] : (su.given_gamma ? given.gamma : 0.0);
    sp.phi = su.opt_phi ? par[j++] : (damped && su.given_phi ? given.phi : 1.0);
    if (!damped) sp.phi = 1.0;
    const int chk = ets_check_params_pre(sp.alpha, sp.beta, sp.gamma, sp.phi, m, su, c);
    if (chk == 0) return 0;
    return states_from(par.data() + j, x0, nstate, trend != ets_none ? 2 : 1, season) ? chk : 0;
  }

  /// The full initial state (p values) from the optimised states `s` (`count` values; the seasonal
  /// states from `soff` on): the last seasonal state is implied by the others. False when a
  /// multiplicative seasonal state is negative.
  bool states_from(const double* s, double* x0, std::size_t count, std::size_t soff, int seas) const {
    for (std::size_t k = 0; k < count; ++k) x0[k] = s[k];
    if (seas != ets_none) {
      double sum = 0;
      for (std::size_t k = soff; k < count; ++k) sum += x0[k];
      x0[p - 1] = m * (seas == ets_mult ? 1.0 : 0.0) - sum;
      if (seas == ets_mult) {
        double mn = x0[soff];
        for (std::size_t k = soff; k < p; ++k) mn = std::min(mn, x0[k]);
        if (mn < 0) return false;
      }
    }
    return true;
  }

  /// Smoothing parameters and full initial state (into `x0`, p values) of the point `par`;
  /// false when the point violates the bounds or has a negative multiplicative seasonal state
  /// (objective +Inf).
  bool decode(std::span<const double> par, ets_smoothing& sp, double* x0) const {
    double c[ets_max_poly + 2];
    const int r = decode_pre(par, sp, x0, c);
    if (r != 2) return r == 1;
    return ets_roots_within(std::span<const double>(c, static_cast<std::size_t>(m) + 2), 1 + 1e-10);
  }

  double operator()(std::span<const double> par) const {
    ets_smoothing sp;
    double* x0 = ws->x0.data();
    if (!decode(par, sp, x0)) return std::numeric_limits<double>::infinity();
    double lik;
    if (opt_crit == ets_crit_lik) {
      lik = kernel(y.data(), y.size(), m, sp, x0, ws->ring.data());
    } else {
      lik = ets_calc(y, m, error, trend, season, sp, std::span<const double>(x0, p), nmse, ws->e.data(), nullptr,
                     nullptr, ws->amse.data())
                .lik;
    }
    if (lik < -1e10) lik = -1e10;
    if (std::isnan(lik)) lik = std::numeric_limits<double>::infinity();
    if (opt_crit == ets_crit_lik) return lik;
    const auto n = static_cast<double>(y.size());
    switch (opt_crit) {
      case ets_crit_mse: return ws->amse[0];
      case ets_crit_amse: {
        double s = 0;
        for (int k = 0; k < nmse; ++k) s += ws->amse[static_cast<std::size_t>(k)];
        return s / nmse;
      }
      case ets_crit_sigma: {
        double s = 0;
        for (std::size_t k = 0; k < y.size(); ++k) s += ws->e[k] * ws->e[k];
        return s / n;
      }
      default: {
        double s = 0;
        for (std::size_t k = 0; k < y.size(); ++k) s += std::fabs(ws->e[k]);
        return s / n;
      }
    }
  }
};

/// A model ready to be optimised: bounds, starting vector and the objective's layout.
struct ets_problem {
  ets_model_request rq;
  ets_param_setup su;
  int m = 1;
  std::vector<double> start;  ///< [smoothing parameters…, l0, b0?, s0 … s_{m−2}]
  std::size_t nstate = 0, p = 0;
  int n_opt_smoothing = 0;
  bool ok = false;
  std::string failure;
};

/// Bounds, starting values and initial states of one model (first half of R's `etsmodel`).
/// ok = false when the parameter vector is not shorter than n − 1 (R: all ICs Inf).
/// \throws invalid_argument when the initial states cannot be computed (seasonal, n < 4).
[[nodiscard]] inline ets_problem ets_prepare(std::span<const double> y, const ets_model_request& rq) {
  ets_problem pb;
  pb.rq = rq;
  pb.m = rq.season != ets_none ? rq.m : 1;
  ets_param_setup& su = pb.su;
  su.lower = rq.lower;
  su.upper = rq.upper;
  su.bounds = rq.bounds;
  su.given_alpha = rq.has_alpha;
  su.given_beta = rq.has_beta && rq.trend != ets_none;
  su.given_gamma = rq.has_gamma && rq.season != ets_none;
  su.given_phi = rq.has_phi && rq.damped;
  if (rq.has_alpha) {
    su.upper[1] = std::min(rq.given.alpha, su.upper[1]);
    su.upper[2] = std::min(1 - rq.given.alpha, su.upper[2]);
  }
  if (rq.has_beta) su.lower[0] = std::max(rq.given.beta, su.lower[0]);
  if (rq.has_gamma) su.upper[0] = std::min(1 - rq.given.gamma, su.upper[0]);
  su.opt_alpha = !su.given_alpha;
  su.opt_beta = rq.trend != ets_none && !su.given_beta;
  su.opt_gamma = rq.season != ets_none && !su.given_gamma;
  su.opt_phi = rq.damped && !su.given_phi;
  pb.start = ets_init_param(rq.given, su, rq.trend, rq.season, rq.damped, pb.m);
  pb.n_opt_smoothing = static_cast<int>(pb.start.size());
  const std::vector<double> init = ets_init_state(y, pb.m, rq.trend, rq.season);
  pb.start.insert(pb.start.end(), init.begin(), init.end());
  pb.nstate = init.size();
  pb.p = pb.nstate + (rq.season != ets_none ? 1 : 0);
  if (pb.start.size() + 1 >= y.size()) {
    pb.failure = "not enough data: " + std::to_string(pb.start.size()) + " parameters to estimate from " +
                 std::to_string(y.size()) + " observations";
    return pb;
  }
  pb.ok = true;
  return pb;
}

/// The objective of a prepared problem; `ws` provides its buffers.
[[nodiscard]] inline ets_target ets_make_target(std::span<const double> y, const ets_problem& pb, ets_workspace& ws) {
  ws.x0.assign(pb.p, 0.0);
  ws.ring.assign(static_cast<std::size_t>(pb.m), 0.0);
  if (pb.rq.opt_crit != ets_crit_lik) {
    ws.e.assign(y.size(), 0.0);
    ws.amse.assign(30, 0.0);
  }
  ets_target tf;
  tf.y = y;
  tf.m = pb.m;
  tf.error = pb.rq.error;
  tf.trend = pb.rq.trend;
  tf.season = pb.rq.season;
  tf.damped = pb.rq.damped;
  tf.su = pb.su;
  tf.given = pb.rq.given;
  tf.nstate = pb.nstate;
  tf.p = pb.p;
  tf.opt_crit = pb.rq.opt_crit;
  tf.nmse = std::clamp(pb.rq.nmse, 1, 30);
  tf.kernel = ets_select_kernel(pb.rq.error, pb.rq.trend, pb.rq.season);
  tf.ws = &ws;
  const ets_param_setup& su = pb.su;
  // (a parameter is optimised only when not given, so no parameter is given here)
  const bool usual = su.bounds == 0 && su.opt_alpha && su.opt_beta == (tf.trend != ets_none) &&
                     su.opt_gamma == (tf.season != ets_none) && su.opt_phi == tf.damped && tf.trend != ets_mult &&
                     (tf.trend != ets_none || !tf.damped);
  if (usual) tf.shape = 3 * tf.season + (tf.trend == ets_none ? 0 : (tf.damped ? 2 : 1));
  return tf;
}

/// Runs a model with given smoothing parameters over y from `res.initial_state` (R's
/// `pegelsresid.C`): fills res.residuals, fitted, states, lik, loglik, the information criteria
/// with `np` parameters (R's length(par) + 1), mse and amse (nmse horizons). An undefined forecast
/// (multiplicative trend, b < 0) sets res.failure and NaN lik and criteria.
inline void ets_run_model(std::span<const double> y, int m, int error, int trend, int season, const ets_smoothing& sp,
                          int nmse, int np, ets_model_result& res) {
  const std::size_t n = y.size();
  const std::size_t p = res.initial_state.size();
  res.residuals.assign(n, 0.0);
  res.fitted.assign(n, 0.0);
  res.states.assign((n + 1) * p, 0.0);
  nmse = std::clamp(nmse, 1, 30);
  std::vector<double> amse(static_cast<std::size_t>(nmse), 0.0);
  const ets_calc_output co = ets_calc(y, m, error, trend, season, sp, res.initial_state, nmse, res.residuals.data(),
                                      res.fitted.data(), res.states.data(), amse.data());
  res.np = np;
  if (co.na) {
    res.failure = "undefined forecast (multiplicative trend with a negative slope)";
    res.lik = std::numeric_limits<double>::quiet_NaN();
    res.aic = res.aicc = res.bic = std::numeric_limits<double>::quiet_NaN();
    return;
  }
  for (std::size_t t = 0; t < n; ++t)
    res.fitted[t] = error == ets_add ? y[t] - res.residuals[t] : y[t] / (1 + res.residuals[t]);
  res.lik = co.lik;
  res.loglik = -0.5 * co.lik;
  const double k = np;
  const double ny = static_cast<double>(n);
  res.aic = co.lik + 2 * k;
  res.bic = co.lik + std::log(ny) * k;
  res.aicc = res.aic + 2 * k * (k + 1) / (ny - k - 1);
  res.mse = amse[0];
  res.amse = r_mean(amse);
}

/// Σ e² of residuals, accumulated in long double (as R's sum()).
[[nodiscard]] inline long double ets_sum_squares(std::span<const double> e) {
  long double sse = 0;
  for (double v : e) sse += static_cast<long double>(v) * v;
  return sse;
}

/// Second half of R's `etsmodel`: the final pass at the optimum `par` (residuals, states,
/// likelihood) and the information criteria with k = #optimised + 1 (σ²).
[[nodiscard]] inline ets_model_result ets_finish(std::span<const double> y, const ets_problem& pb,
                                                 std::span<const double> par, const nmmin_result& nm) {
  ets_model_result res;
  const ets_model_request& rq = pb.rq;
  const ets_param_setup& su = pb.su;
  const int m = pb.m;
  res.n_opt_smoothing = pb.n_opt_smoothing;
  res.fncount = nm.fncount;
  res.fail = nm.fail;
  res.opt_par.assign(par.begin(), par.end());
  if (nm.fail == 2) {
    res.failure = "the objective is not finite at the starting values";
    return res;
  }
  std::size_t j = 0;
  ets_smoothing sp;
  sp.alpha = su.opt_alpha ? par[j++] : rq.given.alpha;
  sp.beta = rq.trend == ets_none ? 0.0 : (su.opt_beta ? par[j++] : rq.given.beta);
  sp.gamma = rq.season == ets_none ? 0.0 : (su.opt_gamma ? par[j++] : rq.given.gamma);
  sp.phi = !rq.damped ? 1.0 : (su.opt_phi ? par[j++] : rq.given.phi);
  res.par = sp;
  res.initial_state.assign(par.begin() + static_cast<std::ptrdiff_t>(j), par.end());
  if (rq.season != ets_none) {
    const std::size_t soff = rq.trend != ets_none ? 2 : 1;
    const double s = r_sum(std::span<const double>(res.initial_state).subspan(soff));
    res.initial_state.push_back(m * (rq.season == ets_mult ? 1.0 : 0.0) - s);
  }
  ets_run_model(y, m, rq.error, rq.trend, rq.season, sp, rq.nmse, static_cast<int>(par.size()) + 1, res);
  if (!res.failure.empty()) return res;  // an undefined forecast
  res.ok = !std::isnan(res.lik) && res.lik < std::numeric_limits<double>::infinity();
  if (!res.ok) res.failure = "the likelihood is not finite at the optimum";
  return res;
}

/// A prepared problem that could not be optimised (too few observations).
[[nodiscard]] inline ets_model_result ets_unfitted(const ets_problem& pb) {
  ets_model_result res;
  res.failure = pb.failure;
  res.opt_par = pb.start;
  res.n_opt_smoothing = pb.n_opt_smoothing;
  return res;
}

/// Nelder–Mead on one prepared problem from its starting values, then the final pass
/// (ets_finish()); an unprepared problem gives its failure (ets_unfitted()).
[[nodiscard]] inline ets_model_result ets_fit_problem(std::span<const double> y, const ets_problem& pb, ets_workspace& ws) {
  if (!pb.ok) return ets_unfitted(pb);
  const ets_target tf = ets_make_target(y, pb, ws);
  std::vector<double> par = pb.start;
  nmmin_options opt;
  opt.maxit = pb.rq.maxit;
  const nmmin_result nm = nmmin(std::span<double>(par), tf, opt, ws.nm);
  return ets_finish(y, pb, par, nm);
}

/// Fits one model with fixed components (R's `etsmodel`): starting values, initial states,
/// Nelder–Mead on [smoothing parameters, initial states], a final pass for residuals and states,
/// and the information criteria. Returns ok = false (ICs +Inf) when the parameter vector is not
/// shorter than n − 1 or the objective is not finite at the starting values; R treats both as a
/// failed candidate.
[[nodiscard]] inline ets_model_result ets_fit_model(std::span<const double> y, const ets_model_request& rq,
                                                    ets_workspace& ws) {
  return ets_fit_problem(y, ets_prepare(y, rq), ws);
}

// ------------------------------------------------------------------------------------------------
// Many models at once

/// One likelihood evaluation in a batch: its model, smoothing parameters and initial state.
struct ets_lane {
  /// The lane's own data (lanes of several series in one pass), or null: the data passed to
  /// ets_lik_lanes_fast(). Own data must be readable up to the longest lane's length.
  const double* y = nullptr;
  std::size_t n = 0;  ///< length of `y` (when set)
  const double* x0 = nullptr;
  int m = 1, error = ets_add, trend = ets_none, season = ets_none;
  ets_smoothing sp;
  bool mse = false;  ///< also compute the running mean squared one-step error (opt.crit = "mse")
  double lik = 0;
  double mse_value = 0;  ///< that mean, with etscalc's running mean (valid when `mse`)
};

/// Likelihoods of up to 8 evaluations (models without multiplicative trend) in one pass over the
/// data: the lanes are independent dependency chains that the processor overlaps. Each lane
/// performs exactly the operations of ets_lik_kernel() in the same order (the recursion on the
/// one-step forecast described there), so the values are bit-for-bit identical. `ring` is scratch
/// for K·m doubles (m: the seasonal lanes' period, which they share): lane k keeps its seasonal
/// states at ring + k·m.
inline void ets_lik_lanes(const double* y, std::size_t n, ets_lane* lanes, std::size_t K, double* ring) noexcept {
  constexpr std::size_t KMAX = 8;
  double q[KMAX], p[KMAX], c[KMAX], d[KMAX], sse[KMAX], am[KMAX];
  double* rg[KMAX];
  ets_log_abs_sum lik2[KMAX];
  int pos[KMAX];
  for (std::size_t k = 0; k < K; ++k) {
    const ets_lane& ln = lanes[k];
    const bool trend = ln.trend > ets_none;
    rg[k] = ring + k * static_cast<std::size_t>(ln.m);
    d[k] = trend ? ln.sp.phi * ln.sp.beta : 0.0;
    c[k] = ln.sp.alpha + d[k];
    p[k] = trend ? ln.sp.phi * ln.x0[1] : 0.0;
    q[k] = trend ? ln.x0[0] + p[k] : ln.x0[0];
    if (ln.season > ets_none) {
      const double* s0 = ln.x0 + (trend ? 2 : 1);
      for (int j = 0; j < ln.m; ++j) rg[k][j] = s0[ln.m - 1 - j];
    }
    sse[k] = 0.0;
    lik2[k] = ets_log_abs_sum{};
    am[k] = 0.0;
    pos[k] = 0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const double yi = y[i];
    for (std::size_t k = 0; k < K; ++k) {
      const ets_lane& ln = lanes[k];
      const double sm = ln.season > ets_none ? rg[k][pos[k]] : 0.0;
      double f = q[k];
      if (ln.season == ets_add)
        f = f + sm;
      else if (ln.season == ets_mult)
        f = f * sm;
      const double ei = ln.error == ets_add ? yi - f : (yi - f) / f;
      if (ln.mse) {  // etscalc's running mean: denominators 1, 2, …, i + 1, as R
        const double dn = static_cast<double>(i + 1), tmp = yi - f;
        am[k] = (am[k] * (dn - 1.0) + tmp * tmp) / dn;
      }
      double pv;
      if (ln.season == ets_none)
        pv = yi;
      else if (ln.season == ets_add)
        pv = yi - sm;
      else
        pv = std::fabs(sm) < ets_tol ? ets_hugen : yi / sm;
      const double v = pv - q[k];
      if (ln.season > ets_none) {
        double t;
        if (ln.season == ets_add)
          t = yi - q[k];
        else
          t = std::fabs(q[k]) < ets_tol ? ets_hugen : yi / q[k];
        rg[k][pos[k]] = sm + ln.sp.gamma * (t - sm);
        if (++pos[k] == ln.m) pos[k] = 0;
      }
      if (ln.trend != ets_none) {
        const double pp = ln.sp.phi * p[k];
        q[k] = (q[k] + pp) + c[k] * v;
        p[k] = pp + d[k] * v;
      } else {
        q[k] = q[k] + c[k] * v;
      }
      sse[k] = sse[k] + ei * ei;
      if (ln.error == ets_mult) lik2[k].add(f);
    }
  }
  for (std::size_t k = 0; k < K; ++k) {
    double lik = static_cast<double>(n) * std::log(sse[k]);
    if (lanes[k].error == ets_mult) lik += 2 * lik2[k].value();
    lanes[k].lik = lik;
    lanes[k].mse_value = am[k];
  }
}

/// Most lanes of one ets_lik_lanes_fast() call (8 when they share their data).
inline constexpr std::size_t ets_lanes_max = 16;

/// ets_lik_lanes() vectorised (src/forecast/ets_lanes.cpp): up to 8 lanes in AVX2 registers, the
/// same finite likelihoods bit for bit (a non-finite one may be NaN where the scalar kernel gives
/// ±Inf: the same objective, +Inf, for ets_optimise_many); the scalar ets_lik_lanes() where AVX2
/// is missing. Up to ets_lanes_max lanes; more than 8 are evaluated in passes of 8 unless they
/// have their own data (ets_lane::y; all of them, then, possibly the same). The seasonal lanes must
/// share one period. `ring` is scratch for ets_lanes_max·m doubles (m: the lanes' seasonal period).
void ets_lik_lanes_fast(const double* y, std::size_t n, ets_lane* lanes, std::size_t K, double* ring) noexcept;
/// The code ets_lik_lanes_fast() can run: the scalar lanes (ets_lik_lanes) or AVX2 registers. Both
/// give the same finite likelihoods bit for bit.
enum class ets_isa : int { scalar = 0, avx2 = 1 };
/// The code in use: the best the processor has, unless lowered by ets_lanes_use_isa().
[[nodiscard]] ets_isa ets_lanes_isa() noexcept;
/// Uses `isa`, or the best the processor has if that is lower, and returns what is now in use (for
/// tests and benchmarks that compare them; not while other threads are fitting).
ets_isa ets_lanes_use_isa(ets_isa isa) noexcept;
/// "scalar" or "AVX2".
[[nodiscard]] const char* ets_isa_name(ets_isa isa) noexcept;

/// Whether a problem can be optimised by ets_optimise_many() (likelihood criterion, no
/// multiplicative trend); others use nmmin() one at a time.
[[nodiscard]] inline bool ets_batchable(const ets_problem& pb) {
  return pb.ok && (pb.rq.opt_crit == ets_crit_lik || pb.rq.opt_crit == ets_crit_mse) && pb.rq.trend != ets_mult;
}

/// Optimises several prepared problems at once: one Nelder–Mead state machine per problem, all
/// advanced in lock step, their requested points evaluated together by ets_lik_lanes_fast().
/// Problem j has the data ys[j] (the problems of one series share it; problems of several series
/// fill more lanes per pass). When at most `spec_threshold` optimisations remain, iterations request
/// their points speculatively. Results (points, values, evaluation counts) are identical to running
/// nmmin() on each problem separately.
inline void ets_optimise_many(std::span<const std::span<const double>> ys, std::span<const ets_problem* const> problems,
                              std::vector<std::vector<double>>& best, std::vector<nmmin_result>& results,
                              std::size_t spec_threshold = ets_spec_threshold) {
  const std::size_t J = problems.size();
  std::vector<nmmin_machine> mach(J);
  std::vector<ets_target> targets(J);
  ets_workspace dummy;
  for (std::size_t j = 0; j < J; ++j) {
    targets[j] = ets_make_target(ys[j], *problems[j], dummy);
    targets[j].ws = nullptr;
    nmmin_options opt;
    opt.maxit = problems[j]->rq.maxit;
    mach[j].begin(problems[j]->start, opt);
  }
  // Buffers sized once for the largest possible round (every machine asking for its vertices).
  std::size_t max_items = 0, max_p = 1;
  int max_m = 1;
  for (std::size_t j = 0; j < J; ++j) {
    max_items += std::max<std::size_t>(problems[j]->start.size() + 1, 4);
    max_p = std::max(max_p, targets[j].p);
    max_m = std::max(max_m, targets[j].m);
  }
  std::vector<double> values(max_items);
  std::vector<double> x0pool(max_items * max_p);
  std::vector<double> lane_ring(ets_lanes_max * static_cast<std::size_t>(max_m));
  std::vector<ets_lane> lanes(max_items), sorted;
  std::vector<std::size_t> lane_item(max_items), sorted_item;  // the request each lane evaluates
  std::vector<std::size_t> offset(J + 1);
  const std::size_t pstride = static_cast<std::size_t>(max_m) + 2;  // admissibility polynomial size
  std::vector<double> polypool(max_items * pstride), polys;
  std::vector<ets_smoothing> spool(max_items);
  std::vector<unsigned char> roots_ok;
  std::vector<std::vector<std::size_t>> root_items(ets_max_poly + 3);
  std::vector<std::size_t> used_groups;
  // Several series: each one's data padded to the longest (lanes of one pass read up to the
  // longest lane's length), lanes ordered by what their pass must compute, up to ets_lanes_max a
  // pass. One series: its data as is, passes of 8 lanes.
  bool multi = false;
  for (std::size_t j = 1; j < J; ++j)
    multi = multi || ys[j].data() != ys[0].data() || ys[j].size() != ys[0].size();
  std::vector<const double*> lane_y(J, nullptr);
  std::vector<std::vector<double>> padded;
  std::vector<unsigned> lane_key;
  if (multi) {
    std::size_t longest = 0;
    for (std::size_t j = 0; j < J; ++j) longest = std::max(longest, ys[j].size());
    for (std::size_t j = 0; j < J; ++j) {
      if (j > 0 && ys[j].data() == ys[j - 1].data() && ys[j].size() == ys[j - 1].size()) {
        lane_y[j] = lane_y[j - 1];
        continue;
      }
      std::vector<double> buf(longest, ys[j].empty() ? 0.0 : ys[j].back());
      std::copy(ys[j].begin(), ys[j].end(), buf.begin());
      padded.push_back(std::move(buf));
      lane_y[j] = padded.back().data();
    }
  }
  const std::span<const double> y = ys.empty() ? std::span<const double>() : ys[0];
  const std::size_t chunk = multi ? ets_lanes_max : 8;
  std::vector<std::size_t> live(J);  // the running machines
  for (std::size_t j = 0; j < J; ++j) live[j] = j;
  for (;;) {
    std::size_t nlive = 0;
    for (std::size_t j : live)
      if (!mach[j].done()) live[nlive++] = j;
    live.resize(nlive);
    if (live.empty()) break;
    const bool spec = live.size() <= spec_threshold;
    for (std::size_t g : used_groups) root_items[g].clear();
    used_groups.clear();
    // Each requested point decoded straight into the next lane; seasonal points wait for their
    // root test. A lane's place decides only which pass evaluates it (every lane's value is the
    // same in any pass), so the admitted points are taken as they come.
    std::size_t nitems = 0, nlanes = 0;
    const auto add_lane = [&](std::size_t it, std::size_t job) {
      const ets_target& tf = targets[job];
      ets_lane& ln = lanes[nlanes];
      lane_item[nlanes++] = it;
      ln.x0 = x0pool.data() + it * max_p;
      ln.m = tf.m;
      ln.error = tf.error;
      ln.trend = tf.trend;
      ln.season = tf.season;
      ln.mse = tf.opt_crit == ets_crit_mse;
      if (multi) {
        ln.y = lane_y[job];
        ln.n = ys[job].size();
      }
    };
    for (std::size_t q = 0; q < live.size(); ++q) {
      const std::size_t j = live[q];
      const ets_target& tf = targets[j];
      offset[q] = nitems;
      mach[j].set_speculative(spec);
      const std::size_t nreq = mach[j].request_count();
      for (std::size_t k = 0; k < nreq; ++k) {
        const std::size_t it = nitems++;
        values[it] = std::numeric_limits<double>::infinity();
        double* x0 = x0pool.data() + it * max_p;
        double* c = polypool.data() + it * pstride;
        const int r = tf.decode_pre(mach[j].request(k), lanes[nlanes].sp, x0, c);
        if (r == 1) {
          add_lane(it, j);
        } else if (r == 2) {
          spool[it] = lanes[nlanes].sp;
          auto& group = root_items[static_cast<std::size_t>(tf.m) + 2];
          if (group.empty()) used_groups.push_back(static_cast<std::size_t>(tf.m) + 2);
          group.push_back(it);
          group.push_back(j);
        }
      }
    }
    offset[live.size()] = nitems;
    // Root tests of the seasonal points, interleaved; grouped by polynomial size.
    for (std::size_t g : used_groups) {
      const auto& ri = root_items[g];  // pairs (request, machine)
      const std::size_t cnt = ri.size() / 2;
      polys.resize(cnt * g);
      for (std::size_t q = 0; q < cnt; ++q)
        std::copy_n(polypool.data() + ri[2 * q] * pstride, g, polys.data() + q * g);
      roots_ok.resize(cnt);
      ets_roots_within_many(polys.data(), g, cnt, roots_ok.data());
      for (std::size_t q = 0; q < cnt; ++q) {
        if (!roots_ok[q]) continue;
        lanes[nlanes].sp = spool[ri[2 * q]];
        add_lane(ri[2 * q], ri[2 * q + 1]);
      }
    }
    // Several series: lanes ordered by what the pass computes (no season before season by
    // period; damped, φ = 1, no trend), a counting sort.
    if (multi && nlanes > 1) {
      constexpr std::size_t nkeys = 3 * 26 + 1;
      std::size_t first[nkeys + 1] = {};
      unsigned top = 0;
      lane_key.resize(nlanes);
      for (std::size_t k = 0; k < nlanes; ++k) {
        const ets_lane& ln = lanes[k];
        const unsigned trend_class = ln.trend == ets_none ? 2u : (ln.sp.phi != 1.0 ? 0u : 1u);
        const unsigned period = static_cast<unsigned>(std::min(ln.m, 25));
        lane_key[k] = ln.season != ets_none ? 3u * period + trend_class : trend_class;
        top = std::max(top, lane_key[k] + 1);
        ++first[lane_key[k] + 1];
      }
      for (std::size_t q = 1; q <= top; ++q) first[q] += first[q - 1];
      sorted.resize(nlanes);
      sorted_item.resize(nlanes);
      for (std::size_t k = 0; k < nlanes; ++k) {
        const std::size_t to = first[lane_key[k]]++;
        sorted[to] = lanes[k];
        sorted_item[to] = lane_item[k];
      }
      std::copy_n(sorted.begin(), nlanes, lanes.begin());
      std::copy_n(sorted_item.begin(), nlanes, lane_item.begin());
    }
    for (std::size_t start = 0; start < nlanes;) {
      std::size_t K = std::min<std::size_t>(chunk, nlanes - start);
      if (multi) {  // the seasonal lanes of one pass share their period
        int period = 0;
        for (std::size_t k = 0; k < K; ++k) {
          const ets_lane& ln = lanes[start + k];
          if (ln.season == ets_none) continue;
          if (period == 0) period = ln.m;
          if (ln.m != period) {
            K = k;
            break;
          }
        }
      }
      if (K == 1 && !lanes[start].mse) {  // a lone evaluation: the specialised kernel is faster
        ets_lane& ln = lanes[start];
        const double* yd = multi ? ln.y : y.data();
        const std::size_t nd = multi ? ln.n : y.size();
        ln.lik = ets_select_kernel(ln.error, ln.trend, ln.season)(yd, nd, ln.m, ln.sp, ln.x0, lane_ring.data());
      } else {
        ets_lik_lanes_fast(y.data(), y.size(), lanes.data() + start, K, lane_ring.data());
      }
      start += K;
    }
    for (std::size_t k = 0; k < nlanes; ++k) {
      double lik = lanes[k].lik;
      if (lik < -1e10) lik = -1e10;
      if (std::isnan(lik)) lik = std::numeric_limits<double>::infinity();
      // opt.crit = "mse": R's objective is amse[1] whatever the likelihood (ets_target::operator()).
      values[lane_item[k]] = lanes[k].mse ? lanes[k].mse_value : lik;
    }
    for (std::size_t q = 0; q < live.size(); ++q)
      if (offset[q] != offset[q + 1]) mach[live[q]].feed(values.data() + offset[q]);
  }
  best.resize(J);
  results.resize(J);
  for (std::size_t j = 0; j < J; ++j) {
    best[j].assign(mach[j].best().begin(), mach[j].best().end());
    results[j] = mach[j].result();
  }
}

/// ets_optimise_many() for problems that all have the data `y`.
inline void ets_optimise_many(std::span<const double> y, std::span<const ets_problem* const> problems,
                              std::vector<std::vector<double>>& best, std::vector<nmmin_result>& results,
                              std::size_t spec_threshold = ets_spec_threshold) {
  const std::vector<std::span<const double>> ys(problems.size(), y);
  ets_optimise_many(std::span<const std::span<const double>>(ys), problems, best, results, spec_threshold);
}

}  // namespace tradecast::forecast::detail
