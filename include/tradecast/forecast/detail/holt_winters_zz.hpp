// SPDX-License-Identifier: MIT
/// \file forecast/detail/holt_winters_zz.hpp
/// The fits R's `ets()` makes when the data are too short for the requested model
/// (n ≤ npars + 4): forecast's `HoltWintersZZ()`, Holt–Winters smoothing whose parameters
/// minimise the sum of squared one-step errors (optim "L-BFGS-B" on [0, 1], here
/// box_minimise()) from simple initial states, and the order in which `ets()` tries them.
///
/// HoltWintersZZ (R's parametrisation, β* the weight of the level change in the trend):
///   forecast   q_t = l + φb (or l·b^φ, "exponential"), ŷ_t = q_t + s (or q_t·s)
///   level      l_t = α(y − s) + (1 − α)q_t            (y/s for a multiplicative season)
///   trend      b_t = β*(l_t − l) + (1 − β*)φb         (β*·l_t/l + (1 − β*)b^φ)
///   season     s_t = γ(y − q_t) + (1 − γ)s            (γ·y/q_t + (1 − γ)s)
/// with l_0 = y_1, b_0 = y_2 − y_1 (y_2/y_1) without season; with season l_0 = mean of the first
/// m values, b_0 = (mean of the next m − l_0)/m, s = y_i − l_0 (y_i/l_0) for the first m. This
/// is the ETS model with the same α, γ, φ and β = α·β* (error A, or M with a multiplicative
/// season or an exponential trend), so the fit is returned as an ets_fit with the ETS β: its
/// forecasts and their variances are those of the ETS classes. R passes β* to its interval code
/// instead, which overstates the variance of trend models (docs/r-differences.md §4).
#pragma once

#include <optional>
#include <span>
#include <string>

#include "tradecast/forecast/ets.hpp"

namespace tradecast::forecast::detail {

/// One HoltWintersZZ fit.
struct hw_zz_request {
  bool trend = false;        ///< estimate a trend (R: beta not FALSE)
  bool exponential = false;  ///< multiplicative trend
  char season = 'N';         ///< 'N', 'A' or 'M'
  std::optional<double> alpha, beta, gamma;  ///< fixed values (beta as the ETS β); unset: estimated
  double phi = 1;                            ///< damping (R: the user's phi, else 1)
  int frequency = 1;                         ///< the data's period (the starting values use it)
};

/// A fit, or why there is none (`fit` empty, `failure` says why: too few values for the
/// initial states, non-positive data for a multiplicative season, a non-finite objective, or
/// the iteration limit, as R's try-errors).
struct hw_zz_outcome {
  std::optional<ets_fit> fit;
  std::string failure;
};

/// Fits one HoltWintersZZ model to y (finite values, n ≥ 2). The result has status
/// `fell_back`, no likelihood or information criteria (NaN, as R has none), sigma2 = mean of the
/// squared residuals (relative for an M error), R's parameter names with all m seasonal states
/// (s1 … sm), and the optimiser's evaluation count and code.
[[nodiscard]] hw_zz_outcome fit_holt_winters_zz(std::span<const double> y, const hw_zz_request& rq);

/// R's tiny-data branch of `ets()` for the (already adjusted) components E, T, S: the seasonal
/// fit when S is A or M, else (or if it fails) the trend fit when T is A or M, else SES when T and
/// S are N, else the better of the fits with and without trend by sigma2. `reason` starts the
/// status message. Returns nothing when every fit failed (`failures` then says why).
[[nodiscard]] std::optional<ets_fit> ets_tiny_data_fit(std::span<const double> y, int frequency, char T, char S,
                                                       const ets_spec& spec, const std::string& reason,
                                                       std::string& failures);

}  // namespace tradecast::forecast::detail
