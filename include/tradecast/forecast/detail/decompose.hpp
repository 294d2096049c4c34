// SPDX-License-Identifier: MIT
/// \file forecast/detail/decompose.hpp
/// Classical seasonal decomposition by moving averages, as R's `stats::decompose` computes it
/// (used by ETS initial states and by the Theta method's seasonal adjustment).
///
/// Additive model  y_t = T_t + S_t + e_t;  multiplicative model  y_t = T_t · S_t · e_t.
/// - T_t: centred moving average of length m; weights (½, 1, …, 1, ½)/m for even m, 1/m for odd m;
///   undefined (NaN) for the first and last ⌊m/2⌋ positions.
/// - detrended d_t = y_t − T_t (additive) or y_t / T_t (multiplicative).
/// - figure_i = mean of the defined d_t at positions i, i + m, i + 2m, … (i = 1..m, counted from
///   the first observation, not from a calendar position); then centred: figure −= mean(figure)
///   (additive) or figure /= mean(figure) (multiplicative).
/// - S_t = figure repeated from the first observation; e_t = the remainder.
/// Requires m ≥ 2 and at least 2m non-missing observations (R: "time series has no or less than
/// 2 periods"). Missing values (NaN) are allowed: the moving average is NaN where its window has a
/// NaN, and the figure means skip NaN.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "tradecast/error.hpp"

namespace tradecast::forecast::detail {

/// R's is.constant: mean |y − y_1| ≤ 1.5e-8 · mean |y| (absolute when mean |y| ≤ 1.5e-8); an empty
/// series counts as constant.
[[nodiscard]] inline bool is_constant(std::span<const double> y) {
  if (y.empty()) return true;
  long double dif = 0, mag = 0;
  for (double v : y) {
    dif += std::fabs(v - y[0]);
    mag += std::fabs(v);
  }
  const auto n = static_cast<long double>(y.size());
  double rel = static_cast<double>(dif / n);
  const double scale = static_cast<double>(mag / n);
  if (std::isfinite(scale) && scale > 1.5e-8) rel /= scale;
  return rel <= 1.5e-8;
}

/// Arithmetic mean as R's `mean()` computes it for doubles: extended-precision sum, division, then
/// one refinement pass (adds the mean of the residuals). NaN values are skipped when `skip_nan`.
/// Returns NaN for an empty input.
[[nodiscard]] inline double r_mean(std::span<const double> x, bool skip_nan = false) {
  long double s = 0.0L;
  std::size_t n = 0;
  for (double v : x) {
    if (skip_nan && std::isnan(v)) continue;
    s += v;
    ++n;
  }
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  s /= static_cast<long double>(n);
  if (std::isfinite(static_cast<double>(s))) {
    long double t = 0.0L;
    for (double v : x) {
      if (skip_nan && std::isnan(v)) continue;
      t += v - s;
    }
    s += t / static_cast<long double>(n);
  }
  return static_cast<double>(s);
}

/// Kind of classical decomposition.
enum class decompose_type { additive, multiplicative };

/// Result of decompose(); every vector but `figure` has the length of the input.
struct decomposition {
  std::vector<double> trend;     ///< centred moving average (NaN at both ends)
  std::vector<double> seasonal;  ///< figure repeated from the first observation
  std::vector<double> random;    ///< remainder
  std::vector<double> figure;    ///< the m seasonal indices, starting at the first observation
  decompose_type type = decompose_type::additive;
};

/// Centred moving average of R's `filter(x, w, sides = 2)` with the decompose weights:
/// out_t = Σ_j w_j x_{t + ⌊len/2⌋ − j} (j ascending), NaN where the window leaves the data or
/// contains a NaN.
[[nodiscard]] inline std::vector<double> decompose_trend(std::span<const double> x, int m) {
  const std::ptrdiff_t nx = static_cast<std::ptrdiff_t>(x.size());
  std::vector<double> w;
  if (m % 2 == 0) {
    w.assign(static_cast<std::size_t>(m) + 1, 1.0 / m);
    w.front() = 0.5 / m;
    w.back() = 0.5 / m;
  } else {
    w.assign(static_cast<std::size_t>(m), 1.0 / m);
  }
  const std::ptrdiff_t nf = static_cast<std::ptrdiff_t>(w.size());
  const std::ptrdiff_t shift = nf / 2;
  std::vector<double> out(x.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::ptrdiff_t i = 0; i < nx; ++i) {
    if (i + shift - (nf - 1) < 0 || i + shift >= nx) continue;
    double z = 0;
    bool ok = true;
    for (std::ptrdiff_t j = 0; j < nf; ++j) {
      const double v = x[static_cast<std::size_t>(i + shift - j)];
      if (std::isnan(v)) {
        ok = false;
        break;
      }
      z += w[static_cast<std::size_t>(j)] * v;
    }
    if (ok) out[static_cast<std::size_t>(i)] = z;
  }
  return out;
}

/// Classical decomposition of `x` with seasonal period `m` (see the file comment).
/// \throws invalid_argument naming `m` when m < 2, or naming `x` when it has fewer than 2m
///         non-missing values.
[[nodiscard]] inline decomposition decompose(std::span<const double> x, int m,
                                             decompose_type type = decompose_type::additive) {
  if (m < 2) throw invalid_argument("decompose: seasonal period m = " + std::to_string(m) + " must be at least 2");
  std::size_t nonmissing = 0;
  for (double v : x) nonmissing += std::isnan(v) ? 0 : 1;
  if (nonmissing < 2 * static_cast<std::size_t>(m))
    throw invalid_argument("decompose: series x has " + std::to_string(nonmissing) +
                           " observations, fewer than 2 periods of m = " + std::to_string(m));
  const std::size_t n = x.size();
  const auto um = static_cast<std::size_t>(m);
  decomposition d;
  d.type = type;
  d.trend = decompose_trend(x, m);
  std::vector<double> season(n);
  for (std::size_t t = 0; t < n; ++t)
    season[t] = type == decompose_type::additive ? x[t] - d.trend[t] : x[t] / d.trend[t];
  d.figure.assign(um, 0.0);
  std::vector<double> buf;
  buf.reserve(n / um + 1);
  for (std::size_t i = 0; i < um; ++i) {
    buf.clear();
    for (std::size_t t = i; t < n; t += um) buf.push_back(season[t]);
    d.figure[i] = r_mean(buf, true);
  }
  const double fm = r_mean(d.figure);
  for (double& f : d.figure) f = type == decompose_type::additive ? f - fm : f / fm;
  d.seasonal.resize(n);
  d.random.resize(n);
  for (std::size_t t = 0; t < n; ++t) {
    d.seasonal[t] = d.figure[t % um];
    d.random[t] = type == decompose_type::additive ? x[t] - d.seasonal[t] - d.trend[t]
                                                   : x[t] / d.seasonal[t] / d.trend[t];
  }
  return d;
}

}  // namespace tradecast::forecast::detail
