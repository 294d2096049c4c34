// SPDX-License-Identifier: MIT
/// \file forecast/model.hpp
/// What every forecasting method reports: the fitted model (model_info: what it estimated, its
/// criteria and status) and its point forecasts with prediction intervals (forecast_values), with
/// the checks of horizons, levels and sample paths they share.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>


#include "tradecast/error.hpp"
#include "tradecast/forecast/detail/linalg.hpp"

namespace tradecast::forecast {

/// How a fit ended. Numerical trouble is reported here, never by a crash.
enum class fit_status {
  converged,        ///< the optimiser met its convergence criterion (or the method is closed-form)
  iteration_limit,  ///< the optimiser stopped at its evaluation limit (R's ets often does too)
  fell_back,        ///< the requested/selected model could not be fitted; a simpler one was used
  failed,           ///< nothing could be fitted; forecasts are not available
};

[[nodiscard]] constexpr std::string_view to_string(fit_status s) noexcept {
  switch (s) {
    case fit_status::converged: return "converged";
    case fit_status::iteration_limit: return "hit iteration limit";
    case fit_status::fell_back: return "fell back";
    case fit_status::failed: return "failed";
  }
  return "failed";
}

/// Lower and upper bounds of one prediction interval, per horizon step.
struct prediction_interval {
  double level = 95;  ///< percent, in (0, 100)
  std::vector<double> lower{};
  std::vector<double> upper{};
};

/// Point forecasts (mean) and intervals, h steps ahead of the last observation.
struct forecast_values {
  std::vector<double> mean{};
  std::vector<prediction_interval> intervals{};  ///< one per requested level, in the requested order
};

/// What a fit estimated, in R's vocabulary.
struct model_info {
  std::string method{};  ///< the method's name as R prints it, e.g. "ETS(M,Ad,N)", "Naive method"
  std::vector<std::pair<std::string, double>> parameters{};  ///< e.g. {"alpha", 0.31}, {"l0", 12.1}
  double sigma2 = std::numeric_limits<double>::quiet_NaN();  ///< innovation variance (NaN if none)
  double loglik = std::numeric_limits<double>::quiet_NaN();
  double aic = std::numeric_limits<double>::quiet_NaN();
  double aicc = std::numeric_limits<double>::quiet_NaN();
  double bic = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> fitted{};     ///< one-step in-sample fitted values (NaN where undefined)
  std::vector<double> residuals{};  ///< y - fitted on the scale R reports (relative for M errors)
  fit_status status = fit_status::converged;
  std::string status_message{};  ///< why it fell back / stopped; empty when converged
};

/// The longest horizon forecasts are made for: 10,000 steps (833 years of monthly data). Simulated
/// intervals hold npaths × h values (5,000 paths: 400 MB at this limit).
inline constexpr int max_horizon = 10000;

/// \throws invalid_argument naming `h` unless 1 <= h <= max_horizon.
inline void check_horizon(int h) {
  if (h < 1) throw invalid_argument("horizon h = " + std::to_string(h) + " must be at least 1");
  if (h > max_horizon)
    throw invalid_argument("horizon h = " + std::to_string(h) + " is longer than the " + std::to_string(max_horizon) +
                           " steps tradecast forecasts");
}

/// The most values simulated intervals hold (paths × steps): 5,000 paths at the longest horizon,
/// 400 MB.
inline constexpr double max_simulated_values = 5e7;

/// \throws invalid_argument naming `npaths` unless npaths >= 1 and npaths × h <= max_simulated_values.
inline void check_npaths(int npaths, int h) {
  if (npaths < 1) throw invalid_argument("npaths = " + std::to_string(npaths) + " must be at least 1 (simulated paths)");
  if (static_cast<double>(npaths) * h > max_simulated_values)
    throw invalid_argument("npaths = " + std::to_string(npaths) + " paths × " + std::to_string(h) +
                           " step(s) exceed the 50,000,000 simulated values (400 MB) tradecast holds; use fewer paths");
}

namespace detail {
/// Index of the first value of `y` that is not > 0 (NaN included); y.size() when there is none.
[[nodiscard]] inline std::size_t first_not_positive(std::span<const double> y) noexcept {
  std::size_t t = 0;
  while (t < y.size() && y[t] > 0) ++t;
  return t;
}

/// \throws observation_error `before` + "observation k (v) is not positive" + `after` for the
/// first value of `y` that is not > 0.
inline void require_positive(std::span<const double> y, const std::string& before, const std::string& after = {}) {
  const std::size_t t = first_not_positive(y);
  if (t < y.size())
    throw observation_error(before, t, " (" + tradecast::detail::short_number(y[t]) + ") is not positive" + after);
}
}  // namespace detail

/// \throws invalid_argument naming the level unless every level is in (0, 100).
inline void check_levels(std::span<const double> levels) {
  for (double l : levels)
    if (!(l > 0 && l < 100))
      throw invalid_argument("prediction interval level " + tradecast::detail::short_number(l) +
                             " is outside (0, 100): levels are percentages such as 80 or 95");
}

/// The two-sided normal multiplier for a level in percent: qnorm(0.5 + level/200) (1.959964 at 95).
[[nodiscard]] inline double normal_multiplier(double level) {
  return detail::normal_quantile(0.5 + level / 200.0);
}

}  // namespace tradecast::forecast
