// SPDX-License-Identifier: MIT
// The vectorised multi-lane ETS likelihood (declared in tradecast/forecast/detail/ets_core.hpp).
//
// Lanes are laid out four to an AVX2 register (structure of arrays). Every lane executes the
// superset of the model arithmetic and a per-lane mask selects what its model uses, so lanes of
// different models share one pass. For each lane the selected operations are exactly those of
// ets_lik_kernel() in the same order (IEEE double, no fused multiply-add: this file is compiled
// with -ffp-contract=off), so the finite likelihoods are bit-for-bit those of the scalar kernels
// (lanes_body says why a lane without trend may give NaN where they give ±Inf); the unselected
// arithmetic (a division by a zero seasonal state, say) is discarded and raises nothing, since
// floating-point exceptions are not trapped. Lanes of one series share the data (a broadcast per
// step, up to two registers); lanes of several series (the batch's series fitted together) read
// their own data and length, up to four registers a pass, and stop accumulating at their own end.
// Processors without AVX2, and other compilers, use the scalar ets_lik_lanes().
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstring>

#include "tradecast/forecast/detail/ets_core.hpp"

namespace tradecast::forecast::detail {

#if defined(__GNUC__) && defined(__x86_64__)
#define TRADECAST_ETS_AVX2 1

namespace {

typedef double v4d __attribute__((vector_size(32)));
typedef long long v4l __attribute__((vector_size(32)));

#define TRADECAST_V4(x) (v4d{(x), (x), (x), (x)})

/// What the trend part of a pass needs (see lanes_body).
constexpr int lanes_no_trend = 0, lanes_trend_only = 1, lanes_damped = 2;

/// NV registers of 4 lanes; lanes K … 4·NV − 1 repeat lane 0 and are discarded. `ring` holds
/// m × 4·NV doubles (all seasonal lanes share the seasonal period, as candidates of one series do).
///
/// The recursion on the one-step forecast q (ets_lik_kernel(): q' = (q + φ·p) + c·v,
/// p' = φ·p + d·v, v = pv − q) is the loop-carried dependency chain, three operations per step,
/// so it carries no per-lane selects: a lane without trend runs the trend arithmetic too, with
/// φ = 1, p = d = 0 and c = α, which leaves p at +0 and makes (q + φ·p) + c·v equal to its own
/// q + α·v (bit for bit for any finite q; only the sign of a zero forecast can differ, which
/// changes no likelihood). Should its forecast overflow, the lane's p turns NaN (0·Inf) instead of
/// staying 0; its likelihood is then NaN instead of ±Inf, and both are the objective +Inf for the
/// optimiser (ets_optimise_many). TREND is what the pass needs: lanes_no_trend (no lane has a
/// trend: the trend arithmetic is left out), lanes_trend_only (every trend lane has φ = 1, and 1·p
/// is p, so the multiplication by φ is left out) or lanes_damped.
///
/// MULTI: the lanes have their own data (ets_lane::y, n), readable up to `n`, the longest; a lane
/// stops accumulating after its own length (its recursion runs on, and is discarded).
template <int NV, bool MSE, bool SEASONAL, int TREND, bool MULTI>
[[gnu::always_inline]] inline void lanes_body(const double* y, std::size_t n, ets_lane* const* lanes, std::size_t K,
                                              double* ring) {
  constexpr std::size_t W = 4 * NV;
  v4d q[NV], p[NV], c[NV], d[NV], phi[NV], gamma[NV], sse[NV], prod[NV], am[NV];
  v4l season_add[NV], season_mult[NV], error_mult[NV];
  long ex[W];
  int m = 1;
  bool div_error[NV] = {}, div_season[NV] = {};  // does register v need the divisions?
  for (std::size_t k = 0; k < K; ++k)
    if (lanes[k]->season > ets_none) m = lanes[k]->m;
  // The registers are assembled from the lanes' scalars directly (element-wise writes to a vector
  // in memory followed by a vector load would stall on store forwarding, once per register).
  const ets_lane* ln4[W];
  for (std::size_t k = 0; k < W; ++k) ln4[k] = lanes[k < K ? k : 0];
  const double* yp[W];  // MULTI: each lane's data
  v4l len[NV];          // MULTI: each lane's length
  if constexpr (MULTI) {
    for (std::size_t k = 0; k < W; ++k) yp[k] = ln4[k]->y;
    for (std::size_t v = 0; v < NV; ++v)
      for (std::size_t j = 0; j < 4; ++j) len[v][j] = static_cast<long long>(ln4[4 * v + j]->n);
  }
#define TRADECAST_GATHER(v, f) (v4d{f(*ln4[4 * (v)]), f(*ln4[4 * (v) + 1]), f(*ln4[4 * (v) + 2]), f(*ln4[4 * (v) + 3])})
  // The recursion on the one-step forecast q and the trend term p = φ·b (ets_lik_kernel()), with
  // c = α + φβ and d = φβ; a lane without trend has φ = 1, p = d = 0 and c = α.
  // q = l + p and c = α + d are derived in the registers (a lane without trend adds +0).
  const auto level = [](const ets_lane& ln) { return ln.x0[0]; };
  const auto trend_term = [](const ets_lane& ln) { return ln.trend > ets_none ? ln.sp.phi * ln.x0[1] : 0.0; };
  const auto alpha_of = [](const ets_lane& ln) { return ln.sp.alpha; };
  const auto d_of = [](const ets_lane& ln) { return ln.trend > ets_none ? ln.sp.phi * ln.sp.beta : 0.0; };
  const auto phi_of = [](const ets_lane& ln) { return ln.trend > ets_none ? ln.sp.phi : 1.0; };
  const auto gamma_of = [](const ets_lane& ln) { return ln.sp.gamma; };
  const auto is_season_add = [](const ets_lane& ln) { return ln.season == ets_add ? 1.0 : 0.0; };
  const auto is_season_mult = [](const ets_lane& ln) { return ln.season == ets_mult ? 1.0 : 0.0; };
  const auto is_error_mult = [](const ets_lane& ln) { return ln.error == ets_mult ? 1.0 : 0.0; };
  const v4d ones = TRADECAST_V4(1.0);
  for (std::size_t v = 0; v < NV; ++v) {
    p[v] = TRADECAST_GATHER(v, trend_term);
    q[v] = TRADECAST_GATHER(v, level) + p[v];
    d[v] = TRADECAST_GATHER(v, d_of);
    c[v] = TRADECAST_GATHER(v, alpha_of) + d[v];
    phi[v] = TRADECAST_GATHER(v, phi_of);
    gamma[v] = TRADECAST_GATHER(v, gamma_of);
    season_add[v] = TRADECAST_GATHER(v, is_season_add) == ones;
    season_mult[v] = TRADECAST_GATHER(v, is_season_mult) == ones;
    error_mult[v] = TRADECAST_GATHER(v, is_error_mult) == ones;
    sse[v] = TRADECAST_V4(0.0);
    prod[v] = ones;
    am[v] = TRADECAST_V4(0.0);
    for (std::size_t j = 0; j < 4; ++j) {
      div_error[v] = div_error[v] || ln4[4 * v + j]->error == ets_mult;
      div_season[v] = div_season[v] || ln4[4 * v + j]->season == ets_mult;
      ex[4 * v + j] = 0;
    }
    if constexpr (SEASONAL) {
      for (int slot = 0; slot < m; ++slot) {  // ring slot j holds s_{m−j} of the initial state
        const auto season_at = [slot, m](const ets_lane& ln) {
          return ln.season > ets_none ? ln.x0[(ln.trend > ets_none ? 2 : 1) + (m - 1 - slot)] : 0.0;
        };
        const v4d sq = TRADECAST_GATHER(v, season_at);
        std::memcpy(ring + static_cast<std::size_t>(slot) * W + 4 * v, &sq, sizeof sq);
      }
    }
  }
#undef TRADECAST_GATHER
  const v4d tol = TRADECAST_V4(ets_tol), ntol = -tol, hugen = TRADECAST_V4(ets_hugen);
  const v4d hi = TRADECAST_V4(0x1p500), lo = TRADECAST_V4(0x1p-500);
  const v4l absmask = {0x7fffffffffffffffLL, 0x7fffffffffffffffLL, 0x7fffffffffffffffLL, 0x7fffffffffffffffLL};
  int pos = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double yv = MULTI ? 0.0 : y[i];
    const v4d ybroadcast = TRADECAST_V4(yv);
    const long long il = static_cast<long long>(i);
    const v4l iv = {il, il, il, il};
    double* rg = ring + static_cast<std::size_t>(pos) * W;
    v4l renorm = {0, 0, 0, 0};
    v4d fabs_f[NV], next[NV];
    for (int v = 0; v < NV; ++v) {
      v4d yi = ybroadcast;
      v4l live = {-1, -1, -1, -1};  // MULTI: lanes still within their data
      if constexpr (MULTI) {
        yi = v4d{yp[4 * v][i], yp[4 * v + 1][i], yp[4 * v + 2][i], yp[4 * v + 3][i]};
        live = iv < len[v];
      }
      v4d sm = TRADECAST_V4(0.0);
      if constexpr (SEASONAL) std::memcpy(&sm, rg + 4 * v, sizeof sm);
      const v4d qv = q[v];  // the one-step forecast before the season
      v4d f = qv;
      if constexpr (SEASONAL) f = season_add[v] ? qv + sm : (season_mult[v] ? qv * sm : qv);
      const v4d diff = yi - f;
      v4d ei = diff;
      if (div_error[v]) {
        const v4d rel = diff / f;
        ei = error_mult[v] ? rel : diff;
      }
      if constexpr (MSE) {
        const double dn = static_cast<double>(i + 1);
        const v4d den = TRADECAST_V4(dn);
        const v4d amnew = (am[v] * (den - 1.0) + diff * diff) / den;
        am[v] = MULTI ? (live ? amnew : am[v]) : amnew;
      }
      v4d pv = yi;
      if constexpr (SEASONAL) {
        if (div_season[v]) {
          const v4d y_over_s = yi / sm;
          const v4d pm = (sm < tol && sm > ntol) ? hugen : y_over_s;
          pv = season_add[v] ? yi - sm : (season_mult[v] ? pm : yi);
        } else {
          pv = season_add[v] ? yi - sm : yi;
        }
      }
      const v4d dv = pv - qv;
      if constexpr (SEASONAL) {
        v4d t = yi - qv;
        if (div_season[v]) {
          const v4d y_over_q = yi / qv;
          const v4d tm = (qv < tol && qv > ntol) ? hugen : y_over_q;
          t = season_add[v] ? t : tm;
        }
        const v4d snew = (season_add[v] | season_mult[v]) ? sm + gamma[v] * (t - sm) : sm;
        std::memcpy(rg + 4 * v, &snew, sizeof snew);
      }
      if constexpr (TREND != lanes_no_trend) {
        v4d pp = p[v];
        if constexpr (TREND == lanes_damped) pp = phi[v] * p[v];
        q[v] = (qv + pp) + c[v] * dv;
        p[v] = pp + d[v] * dv;
      } else {
        q[v] = qv + c[v] * dv;
      }
      const v4d ssenew = sse[v] + ei * ei;
      sse[v] = MULTI ? (live ? ssenew : sse[v]) : ssenew;
      if (div_error[v]) {  // Π|f| only where a lane has a multiplicative error (the others ignore it)
        v4d a = reinterpret_cast<v4d>(reinterpret_cast<v4l>(f) & absmask);
        if constexpr (MULTI) a = live ? a : ones;  // prod · 1 = prod
        fabs_f[v] = a;
        next[v] = prod[v] * a;
        renorm |= ~((next[v] < hi) & (next[v] > lo));
      } else {
        fabs_f[v] = ones;
        next[v] = prod[v];
      }
    }
    if (!(renorm[0] | renorm[1] | renorm[2] | renorm[3])) {
      for (int v = 0; v < NV; ++v) prod[v] = next[v];
    } else {  // some product left [2^-500, 2^500]: ets_log_abs_sum's own step, lane by lane
      for (std::size_t k = 0; k < W; ++k) {
        ets_log_abs_sum s{prod[k / 4][k % 4], ex[k]};
        s.add(fabs_f[k / 4][k % 4]);
        prod[k / 4][k % 4] = s.p;
        ex[k] = s.e;
      }
    }
    if (++pos == m) pos = 0;
  }
  for (std::size_t k = 0; k < K; ++k) {
    const std::size_t v = k / 4, j = k % 4;
    double lik = static_cast<double>(MULTI ? lanes[k]->n : n) * std::log(sse[v][j]);
    if (lanes[k]->error == ets_mult) lik += 2 * ets_log_abs_sum{prod[v][j], ex[k]}.value();
    lanes[k]->lik = lik;
    lanes[k]->mse_value = am[v][j];
  }
}

template <int NV, int TREND, bool MULTI>
[[gnu::always_inline]] inline void lanes_variant(const double* y, std::size_t n, ets_lane* const* lanes, std::size_t K,
                                                 double* ring, bool mse, bool seasonal) {
  if (seasonal)
    mse ? lanes_body<NV, true, true, TREND, MULTI>(y, n, lanes, K, ring)
        : lanes_body<NV, false, true, TREND, MULTI>(y, n, lanes, K, ring);
  else
    mse ? lanes_body<NV, true, false, TREND, MULTI>(y, n, lanes, K, ring)
        : lanes_body<NV, false, false, TREND, MULTI>(y, n, lanes, K, ring);
}

template <int NV, bool MULTI>
[[gnu::always_inline]] inline void lanes_trend(const double* y, std::size_t n, ets_lane* const* lanes, std::size_t K,
                                               double* ring, bool mse, bool seasonal, int trend) {
  if (trend == lanes_no_trend)
    lanes_variant<NV, lanes_no_trend, MULTI>(y, n, lanes, K, ring, mse, seasonal);
  else if (trend == lanes_trend_only)
    lanes_variant<NV, lanes_trend_only, MULTI>(y, n, lanes, K, ring, mse, seasonal);
  else
    lanes_variant<NV, lanes_damped, MULTI>(y, n, lanes, K, ring, mse, seasonal);
}

/// Lanes on one series: up to 8 (two registers). Lanes with their own data (multi): up to 16, as
/// many registers as needed, since lanes of several series fill more registers than one chain's
/// latency needs.
__attribute__((target("avx2"))) void lanes_avx2(const double* y, std::size_t n, ets_lane* const* lanes, std::size_t K,
                                                double* ring, bool mse, bool seasonal, int trend, bool multi) {
  if (!multi) {
    if (K <= 4)
      lanes_trend<1, false>(y, n, lanes, K, ring, mse, seasonal, trend);
    else
      lanes_trend<2, false>(y, n, lanes, K, ring, mse, seasonal, trend);
  } else if (K <= 4) {
    lanes_trend<1, true>(y, n, lanes, K, ring, mse, seasonal, trend);
  } else if (K <= 8) {
    lanes_trend<2, true>(y, n, lanes, K, ring, mse, seasonal, trend);
  } else if (K <= 12) {
    lanes_trend<3, true>(y, n, lanes, K, ring, mse, seasonal, trend);
  } else {
    lanes_trend<4, true>(y, n, lanes, K, ring, mse, seasonal, trend);
  }
}

}  // namespace
#undef TRADECAST_V4
#endif

namespace {

ets_isa best_isa() noexcept {
#ifdef TRADECAST_ETS_AVX2
  static const ets_isa best = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? ets_isa::avx2 : ets_isa::scalar;
  }();
  return best;
#else
  return ets_isa::scalar;
#endif
}

/// The code in use (ets_isa).
std::atomic<int> isa_in_use{static_cast<int>(best_isa())};

}  // namespace

ets_isa ets_lanes_isa() noexcept { return static_cast<ets_isa>(isa_in_use.load(std::memory_order_relaxed)); }

ets_isa ets_lanes_use_isa(ets_isa isa) noexcept {
  const ets_isa use = std::min(isa, best_isa());
  isa_in_use.store(static_cast<int>(use), std::memory_order_relaxed);
  return use;
}

const char* ets_isa_name(ets_isa isa) noexcept {
  switch (isa) {
    case ets_isa::avx2: return "AVX2";
    default: return "scalar";
  }
}

void ets_lik_lanes_fast(const double* y, std::size_t n, ets_lane* lanes, std::size_t K, double* ring) noexcept {
  // Lanes with their own data (ets_lane::y): multi when they differ from each other.
  bool multi = false;
  std::size_t longest = n;
  if (K > 0 && lanes[0].y != nullptr) {
    y = lanes[0].y;
    n = longest = lanes[0].n;
    for (std::size_t k = 1; k < K; ++k) {
      multi = multi || lanes[k].y != y || lanes[k].n != n;
      longest = std::max(longest, lanes[k].n);
    }
    multi = multi || K > 8;  // more than two registers: the multi kernel, whose data is per lane
  } else if (K > 8) {      // shared data: at most 8 lanes a pass
    ets_lik_lanes_fast(y, n, lanes, 8, ring);
    ets_lik_lanes_fast(y, n, lanes + 8, K - 8, ring);
    return;
  }
#ifdef TRADECAST_ETS_AVX2
  if (ets_lanes_isa() == ets_isa::avx2) {
    // Lanes that divide (multiplicative season, then multiplicative error) first, so that registers
    // of additive lanes skip the divisions: a stable counting sort (keys and flags in one pass).
    ets_lane* order[ets_lanes_max];
    unsigned key[ets_lanes_max];
    std::size_t start[3] = {0, 0, 0};
    bool mse = false, seasonal = false;
    int trend = lanes_no_trend;
    for (std::size_t k = 0; k < K; ++k) {
      const ets_lane& ln = lanes[k];
      key[k] = ln.season == ets_mult ? 0u : (ln.error == ets_mult ? 1u : 2u);
      start[1] += key[k] == 0u;
      start[2] += key[k] <= 1u;
      mse = mse || ln.mse;
      seasonal = seasonal || ln.season != ets_none;
      if (ln.trend != ets_none) trend = std::max(trend, ln.sp.phi != 1.0 ? lanes_damped : lanes_trend_only);
    }
    for (std::size_t k = 0; k < K; ++k) order[start[key[k]]++] = lanes + k;
    lanes_avx2(y, longest, order, K, ring, mse, seasonal, trend, multi);  // longest = n unless multi
    return;
  }
#endif
  if (!multi) {
    ets_lik_lanes(y, n, lanes, K, ring);
    return;
  }
  for (std::size_t k = 0; k < K; ++k) ets_lik_lanes(lanes[k].y, lanes[k].n, lanes + k, 1, ring);
}

}  // namespace tradecast::forecast::detail
