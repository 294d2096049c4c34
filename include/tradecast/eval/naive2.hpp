// SPDX-License-Identifier: MIT
/// \file eval/naive2.hpp
/// The M4 competition's Naive2 benchmark: a random walk on the seasonally adjusted series,
/// reseasonalised (the reference of OWA, eval/metrics.hpp).
///
/// ## Definition (M4 "Benchmarks and Evaluation.R")
/// 1. Seasonality test, only when m > 1 and n ≥ 3m: with r_k R's acf,
///    t = abs(r_m) / sqrt((1 + 2 Σ_{k=1}^{m−1} r_k²) / n); seasonal when t > 1.645 (a 90 % test).
///    No constant-series shortcut (`seasonality_options{.critical_value = 1.645,
///    .min_length = 3m, .skip_constant = false}`, forecast/seasonality.hpp).
/// 2. When seasonal: R's classical `decompose(y, type = "multiplicative")`; x_t = y_t / I_t.
///    Otherwise x = y (and every index is 1).
///    (Steps 1-2 are forecast::seasonally_adjust() with forecast::m4_seasonality_options(m).)
/// 3. Naive forecast of x: x̂_{n+j} = x_n for j = 1 … h.
/// 4. Reseasonalise: ŷ_{n+j} = x_n · I_{n+j}, where the future indices are the last m in-sample
///    indices repeated: step j gets figure[(n + j − 1) mod m], figure[0] being the index of y_1.
///
/// ## Intervals (not part of M4's definition; documented choice)
/// The intervals are R's `naive(x)` intervals on the adjusted series, x_n ± z·σ̂·√j with
/// σ̂² = mean of the squared first differences of x (forecast/simple.hpp), multiplied by the same
/// future index as the point forecast: exactly `naive(x, level = …)$lower * SIout` in R. The
/// uncertainty of the seasonal indices is ignored, so they are somewhat too narrow for seasonal
/// series.
///
/// ## Edge cases
/// A seasonal series whose indices cannot be used (zeros or negative values; see
/// seasonally_adjust()) is forecast without adjustment, and `model.status_message` says why.
/// Fitted values are naive fits of x times the in-sample indices (NaN at t = 1); residuals y − fitted.
#pragma once

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "tradecast/error.hpp"
#include "tradecast/forecast/model.hpp"
#include "tradecast/forecast/seasonality.hpp"
#include "tradecast/forecast/simple.hpp"

namespace tradecast::eval {

/// Naive2's forecasts, its description and the seasonal adjustment it used.
struct naive2_result {
  forecast::model_info model{};        ///< method "Naive2"; parameters: seasonality_statistic (when tested)
  forecast::forecast_values values{};  ///< point forecasts and intervals (see the file comment)
  forecast::seasonal_adjustment adjustment{};  ///< test outcome, indices, adjusted series
};

/// Fits Naive2 to `y` (consecutive finite observations, seasonal period m) and forecasts h steps
/// with intervals at `levels` (percent; none by default, pass {95} for M4's MSIS). Whether the
/// series was adjusted is in `adjustment.adjusted` (the method name is always "Naive2").
/// \throws invalid_argument naming the argument: m < 1, h < 1, a level outside (0, 100), fewer than
///   2 observations, or a value that is not finite.
[[nodiscard]] inline naive2_result naive2(std::span<const double> y, int m, int h,
                                          std::span<const double> levels = std::span<const double>()) {
  forecast::check_horizon(h);
  forecast::check_levels(levels);
  if (m < 1) throw invalid_argument("naive2: seasonal period m = " + std::to_string(m) + " must be at least 1");
  if (y.size() < 2)
    throw invalid_argument("naive2: y has " + std::to_string(y.size()) + " observation(s); at least 2 are needed");
  naive2_result r;
  r.adjustment = forecast::seasonally_adjust(y, m, forecast::m4_seasonality_options(m));
  const forecast::simple_fit fit = forecast::fit_simple(r.adjustment.series, 1, forecast::simple_method::naive);
  r.values = forecast::forecast_simple(fit, h, levels);
  r.model = forecast::to_model_info(fit);
  r.model.method = "Naive2";
  forecast::reseasonalise(r.values, r.model, r.adjustment, y);
  return r;
}

}  // namespace tradecast::eval
