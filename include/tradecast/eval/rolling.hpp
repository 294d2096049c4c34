// SPDX-License-Identifier: MIT
/// \file eval/rolling.hpp
/// Rolling-origin (time-series cross-validation) evaluation, as R's `forecast::tsCV`.
///
/// ## Origins
/// y_1 … y_n, horizon h. An origin i (1-based; i observations used) fits the method to
/// y_1 … y_i — or to the last `window` of them, y_{i−window+1} … y_i, when a window is set — with
/// forecast::fit_forecast() and forecasts i+1 … i+h. The origins are i = first_origin,
/// first_origin + step, … up to n − 1 (every origin has at least one test point).
/// `tsCV(y, f, h, initial = k)` corresponds to first_origin = k + 1 and step = 1;
/// `tsCV(…, window = w)` to window = w with first_origin = w (+ initial).
///
/// ## Errors matrix (tsCV's)
/// `errors` has n rows and h columns; row i − 1 (0-based) holds origin i:
/// errors[i−1][j−1] = y_{i+j} − ŷ_{i+j|i}. Entries are NaN where the test point is beyond the data
/// (i + j > n), for rows that are not origins (before first_origin, between steps, the last row) and
/// for origins whose fit failed — exactly where tsCV has NA.
///
/// ## Failed fits
/// Like tsCV's `try()`, an origin whose fit throws tradecast::error (e.g. too few observations for
/// the method) or fails (e.g. non-finite forecasts: forecast::fit_status::failed) is kept with `failed = true` and the reason in
/// `message`, and contributes NaN errors. One difference from R: with rwf(drift = TRUE), R forecasts
/// from 2 observations while tradecast's `drift` needs 3 (forecast/simple.hpp), so origin 2 is NaN
/// here and has values in R; first_origin = 3 (`tsCV(…, initial = 2)`) gives identical matrices.
///
/// ## Threads
/// Origins are independent fits and run in parallel (`threads`; parallel_for()); results are the
/// same for any thread count. With refit, the methods of forecast::fits_together() (`comb`, `ses`,
/// `holt`, `damped`, `hw-add`, `hw-mult`, `ets:XYZ`) fit 16 consecutive origins together
/// (forecast::fit_forecast_many(): the same forecasts, faster). With refit = false the origins up
/// to the one whose fit is kept run first, in order.
///
/// ## Per-step accuracy
/// For each step j = 1 … h, over the origins with a test point and a successful fit (`count`):
/// MAE = mean abs(e), RMSE = sqrt(mean e²), sMAPE = mean 200·abs(e)/(abs(y) + abs(ŷ)) (0/0 terms
/// count 0, as eval/metrics.hpp), and MASE = mean abs(e)/S_i, where S_i is the MASE scale of the
/// data origin i was fitted to (mean abs(y_t − y_{t−m}) over its training observations). Origins
/// whose S_i is 0 or undefined (training length ≤ m) are left out of MASE only; `mase_count` says
/// how many were used and `notes` lists the others. With prediction-interval levels in
/// `forecast.levels`, `coverage` gives, per level, the share of those origins whose actual lies
/// within the interval (bounds included): how often the intervals held at each step ahead.
///
/// ## refit
/// refit = true (the default, tsCV's behaviour): a new fit at every origin. refit = false: the
/// method is fitted once, at the first origin whose fit neither falls back nor fails (origins
/// before it are fitted, or fail, as with refit = true), and every later origin re-applies
/// that fitted model to its own training data with nothing re-estimated (forecast::fit_reusable()
/// and forecast::reapply_forecast()): an ETS method keeps its components, smoothing parameters,
/// initial states and Box-Cox lambda and runs its recursion over y_1 … y_i (over the window with
/// `window`, the initial states then standing before the window's first value), as R's
/// `tsCV(y, function(x, h) forecast(ets(x, model = fit0, use.initial.values = TRUE), h = h), …)`
/// with fit0 estimated at the first origin. naive and snaive estimate nothing, so both settings
/// agree. Other methods have no re-usable fit: refit = false throws invalid_argument naming
/// `refit` and the method. `method` of the later origins is the first fit's; their `message`
/// says the parameters were re-used.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <exception>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tradecast/core/parallel.hpp"
#include "tradecast/error.hpp"
#include "tradecast/eval/metrics.hpp"
#include "tradecast/forecast/engine.hpp"

namespace tradecast::eval {

/// Settings of rolling_origin().
struct rolling_options {
  int h = 1;                    ///< forecast horizon (≥ 1)
  std::size_t first_origin = 0;  ///< observations at the first origin; 0: `window`, or 2 without one
  std::size_t step = 1;          ///< distance between origins (≥ 1)
  std::optional<std::size_t> window{};  ///< fit to the last `window` observations only (tsCV's window)
  bool refit = true;             ///< false: fit once, re-apply at later origins (see "refit" in the file comment)
  int threads = 0;               ///< origins fitted in parallel on this many threads (0 = all); same results for any
  /// Passed to fit_forecast(); no intervals by default (they are not used by the error table).
  forecast::forecast_options forecast = [] {
    forecast::forecast_options o;
    o.levels.clear();
    return o;
  }();
  /// Names observation i (0-based index into y) in the messages of failed origins, e.g. by its
  /// period ("the value for 2001"); empty: "observation i + 1". Called from the fitting threads.
  std::function<std::string(std::size_t)> observation_name{};
};

/// One forecast origin.
struct origin_forecast {
  std::size_t origin = 0;       ///< i: the last training observation is y_i (1-based)
  std::size_t train_length = 0;  ///< observations fitted (i, or the window)
  bool failed = false;          ///< the fit threw or gave non-finite forecasts
  std::string message{};        ///< why it failed, or the model's status message
  std::string method{};         ///< the fitted model's name
  forecast::fit_status status = forecast::fit_status::converged;
  forecast::forecast_values values{};  ///< h forecasts (empty when failed)
  std::vector<double> actual{};        ///< y_{i+1} … y_{i+h}, NaN beyond the data
  std::vector<double> errors{};        ///< actual − forecast, NaN beyond the data or when failed
  double scale = std::numeric_limits<double>::quiet_NaN();  ///< MASE scale S_i of the training data
};

/// Accuracy at one step ahead over the origins.
struct step_accuracy {
  int step = 1;
  std::size_t count = 0;  ///< origins with a test point at this step and a successful fit
  double mae = std::numeric_limits<double>::quiet_NaN();
  double rmse = std::numeric_limits<double>::quiet_NaN();
  double smape = std::numeric_limits<double>::quiet_NaN();
  double mase = std::numeric_limits<double>::quiet_NaN();
  std::size_t mase_count = 0;  ///< of those, origins with a usable scale
  /// Interval coverage, one entry per level of rolling_options::forecast.levels (in that order):
  /// the share of the origins counted whose actual lies within the interval of that level, over
  /// those whose forecast has that interval (`coverage_count`; a naive fallback from a single
  /// observation has none). NaN when no origin has one. Empty without levels.
  std::vector<double> coverage{};
  std::vector<std::size_t> coverage_count{};
};

/// Result of rolling_origin().
struct rolling_result {
  std::vector<origin_forecast> origins{};
  std::vector<std::vector<double>> errors{};  ///< n × h, tsCV's matrix (see the file comment)
  std::vector<step_accuracy> per_step{};     ///< h entries, steps 1 … h
  std::vector<std::string> notes{};          ///< failed origins and origins left out of MASE
  /// refit = false: the index in `origins` of the origin whose fit every later origin re-applies;
  /// none when no fit could be kept (each fell back or failed; every origin is then fitted, and
  /// a note says so) or with refit = true.
  std::optional<std::size_t> kept_at{};
};

/// The first origin of `opt`: first_origin, or by default the window, or 2 without one.
[[nodiscard]] inline std::size_t first_origin_of(const rolling_options& opt) noexcept {
  return opt.first_origin != 0 ? opt.first_origin : (opt.window ? *opt.window : 2);
}

/// Rolling-origin evaluation of `spec` on `y` (seasonal period m); see the file comment.
/// \throws invalid_argument naming the argument: m < 1, a non-finite y value, h < 1, a level
///   outside (0, 100), step = 0, window < 2, first_origin < 2 or ≥ n, first_origin < window, threads < 0,
///   refit = false with a method that cannot be re-applied (see "refit" in the file comment).
[[nodiscard]] rolling_result rolling_origin(std::span<const double> y, int m, const forecast::method_spec& spec,
                                            const rolling_options& opt = {});

}  // namespace tradecast::eval
