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
/// how many were used and `notes` lists the others.
///
/// ## refit
/// refit = true (the default, tsCV's behaviour): a new fit at every origin. refit = false: the
/// method is fitted once, at the first origin whose fit succeeds without falling back (origins
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
  std::optional<std::size_t> window;  ///< fit to the last `window` observations only (tsCV's window)
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
  std::function<std::string(std::size_t)> observation_name;
};

/// One forecast origin.
struct origin_forecast {
  std::size_t origin = 0;       ///< i: the last training observation is y_i (1-based)
  std::size_t train_length = 0;  ///< observations fitted (i, or the window)
  bool failed = false;          ///< the fit threw or gave non-finite forecasts
  std::string message;          ///< why it failed, or the model's status message
  std::string method;           ///< the fitted model's name
  forecast::fit_status status = forecast::fit_status::converged;
  forecast::forecast_values values;  ///< h forecasts (empty when failed)
  std::vector<double> actual;        ///< y_{i+1} … y_{i+h}, NaN beyond the data
  std::vector<double> errors;        ///< actual − forecast, NaN beyond the data or when failed
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
};

/// Result of rolling_origin().
struct rolling_result {
  std::vector<origin_forecast> origins;
  std::vector<std::vector<double>> errors;  ///< n × h, tsCV's matrix (see the file comment)
  std::vector<step_accuracy> per_step;       ///< h entries, steps 1 … h
  std::vector<std::string> notes;            ///< failed origins and origins left out of MASE
};

/// The first origin of `opt`: first_origin, or by default the window, or 2 without one.
[[nodiscard]] inline std::size_t first_origin_of(const rolling_options& opt) noexcept {
  return opt.first_origin != 0 ? opt.first_origin : (opt.window ? *opt.window : 2);
}

/// Rolling-origin evaluation of `spec` on `y` (seasonal period m); see the file comment.
/// \throws invalid_argument naming the argument: m < 1, a non-finite y value, h < 1, a level
///   outside (0, 100), step = 0, window < 2, first_origin < 2 or ≥ n, first_origin < window, threads < 0,
///   refit = false with a method that cannot be re-applied (see "refit" in the file comment).
[[nodiscard]] inline rolling_result rolling_origin(std::span<const double> y, int m, const forecast::method_spec& spec,
                                                   const rolling_options& opt = {}) {
  if (!opt.refit && !forecast::reusable(spec))
    throw invalid_argument("refit = false: " + forecast::not_reusable_reason(spec) +
                           "; use refit = true (a new fit at every origin, as R's tsCV)");
  if (m < 1) throw invalid_argument("seasonal period m = " + std::to_string(m) + " must be at least 1");
  forecast::check_horizon(opt.h);
  forecast::check_levels(opt.forecast.levels);
  if (opt.step < 1) throw invalid_argument("step = 0: origins must be at least 1 observation apart");
  if (opt.threads < 0)
    throw invalid_argument("threads = " + std::to_string(opt.threads) + " must be at least 0 (0 = all available)");
  for (std::size_t t = 0; t < y.size(); ++t)
    if (!std::isfinite(y[t]))
      throw observation_error("", t, " is not finite; pass consecutive present values");
  if (opt.window && *opt.window < 2)
    throw invalid_argument("window = " + std::to_string(*opt.window) + " must be at least 2 (observations per fit)");
  const std::size_t n = y.size();
  const std::size_t first = first_origin_of(opt);
  if (first < 2)
    throw invalid_argument("first_origin = " + std::to_string(first) + " must be at least 2 (observations at the first origin)");
  if (opt.window && first < *opt.window)
    throw invalid_argument("first_origin = " + std::to_string(first) + " is smaller than window = " +
                           std::to_string(*opt.window));
  if (first >= n)
    throw invalid_argument("first_origin = " + std::to_string(first) + " leaves no test point: y has " + std::to_string(n) +
                           " observations (first_origin must be below n)");

  const auto h = static_cast<std::size_t>(opt.h);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::size_t> at;  // the origins
  for (std::size_t i = first; i < n; i += opt.step) {
    at.push_back(i);
    if (opt.step >= n - i) break;  // the next origin is past the data (and i + step may wrap around)
  }
  std::vector<origin_forecast> origins(at.size());
  std::optional<forecast::reusable_fit> reused;  // refit = false: the model of the first successful fit
  // Origin k: its training data; then, from the forecasts `make` gives (or throws), the comparison.
  // Writes origins[k] only, so origins can run concurrently.
  auto training = [&](std::size_t k) {
    const std::size_t i = at[k];
    origin_forecast& o = origins[k];
    o.origin = i;
    const std::size_t start = opt.window ? i - *opt.window : 0;
    o.train_length = i - start;
    const std::span<const double> train = y.subspan(start, o.train_length);
    o.actual.assign(h, nan);
    o.errors.assign(h, nan);
    for (std::size_t j = 0; j < h && i + j < n; ++j) o.actual[j] = y[i + j];
    o.scale = seasonal_scale(train, m).mean_abs;
    return train;
  };
  auto compare = [&](std::size_t k, const auto& make) {
    origin_forecast& o = origins[k];
    const std::size_t i = at[k];
    try {
      forecast::model_forecast mf = make();
      o.method = mf.model.method;
      o.status = mf.model.status;
      o.message = mf.model.status_message;
      o.values = std::move(mf.values);
      o.failed = mf.model.status == forecast::fit_status::failed;  // incl. forecasts that are not finite
    } catch (const observation_error& e) {  // its index is into the training data: name it in y
      o.failed = true;
      const std::size_t start = opt.window ? i - *opt.window : 0;
      o.message = e.relocated(start, opt.observation_name ? opt.observation_name(start + e.index()) : "").what();
    } catch (const tradecast::error& e) {
      o.failed = true;
      o.message = e.what();
    }
    if (!o.failed)
      for (std::size_t j = 0; j < h && i + j < n; ++j) o.errors[j] = o.actual[j] - o.values.mean[j];
  };
  // Fit (or re-apply `reused`), forecast, compare; with refit = false and no model yet, it may set
  // `reused` (run alone then).
  auto run_origin = [&](std::size_t k) {
    const std::span<const double> train = training(k);
    compare(k, [&] {
      if (opt.refit) return forecast::fit_forecast(train, m, spec, opt.h, opt.forecast);
      if (reused) return forecast::reapply_forecast(*reused, train, opt.h, opt.forecast);
      auto fitted = forecast::fit_reusable(train, m, spec, opt.h, opt.forecast);
      // a fit that fell back (too few observations for the model) is not the model to keep
      if (fitted.second.model.status != forecast::fit_status::fell_back) reused = std::move(fitted.first);
      return std::move(fitted.second);
    });
  };
  std::size_t next = 0;
  if (!opt.refit)  // origins up to the one that provides the model, in order
    while (next < at.size() && !reused) run_origin(next++);
  if (opt.refit && forecast::fits_together(spec)) {
    // Methods with few searches per fit: 16 consecutive origins fitted together
    // (forecast::fit_forecast_many(), the same forecasts as one by one).
    constexpr std::size_t group = forecast::fit_together_group;
    (void)parallel_for((at.size() + group - 1) / group, opt.threads, [&](std::size_t g) {
      const std::size_t first_k = g * group, last_k = std::min(at.size(), first_k + group);
      std::vector<forecast::forecast_job> jobs;
      for (std::size_t k = first_k; k < last_k; ++k) jobs.push_back({training(k), m, opt.h, opt.forecast.seed});
      std::vector<forecast::forecast_outcome> outcomes = forecast::fit_forecast_many(jobs, spec, opt.forecast);
      for (std::size_t k = first_k; k < last_k; ++k)
        compare(k, [&] {
          forecast::forecast_outcome& oc = outcomes[k - first_k];
          if (oc.error) std::rethrow_exception(oc.error);
          return std::move(*oc.result);
        });
    });
  } else {
    (void)parallel_for(at.size() - next, opt.threads, [&](std::size_t k) { run_origin(next + k); });
  }

  rolling_result r;
  r.errors.assign(n, std::vector<double>(h, nan));
  for (origin_forecast& o : origins) {
    if (o.failed) r.notes.push_back("origin " + std::to_string(o.origin) + ": fit failed: " + o.message);
    for (std::size_t j = 0; j < h; ++j) r.errors[o.origin - 1][j] = o.errors[j];
    r.origins.push_back(std::move(o));
  }

  for (std::size_t j = 0; j < h; ++j) {
    step_accuracy s;
    s.step = static_cast<int>(j + 1);
    double sae = 0, sse = 0, ssm = 0, sms = 0;
    std::vector<std::size_t> no_scale;
    for (const origin_forecast& o : r.origins) {
      const double e = o.errors[j];
      if (std::isnan(e)) continue;
      ++s.count;
      sae += std::fabs(e);
      sse += e * e;
      const double a = o.actual[j], f = o.values.mean[j];
      const double denom = std::fabs(a) + std::fabs(f);
      if (denom > 0) ssm += 200 * std::fabs(e) / denom;
      if (std::isfinite(o.scale) && o.scale > 0) {
        sms += std::fabs(e) / o.scale;
        ++s.mase_count;
      } else {
        no_scale.push_back(o.origin);
      }
    }
    if (s.count > 0) {
      const auto c = static_cast<double>(s.count);
      s.mae = sae / c;
      s.rmse = std::sqrt(sse / c);
      s.smape = ssm / c;
    }
    if (s.mase_count > 0) s.mase = sms / static_cast<double>(s.mase_count);
    if (!no_scale.empty()) {
      std::string list;
      for (std::size_t k = 0; k < no_scale.size() && k < 10; ++k) list += (k ? ", " : "") + std::to_string(no_scale[k]);
      if (no_scale.size() > 10) list += ", … (" + std::to_string(no_scale.size()) + " in all)";
      r.notes.push_back("step " + std::to_string(j + 1) + ": origin(s) " + list +
                        " left out of MASE (in-sample scale 0 or undefined with m = " + std::to_string(m) + ")");
    }
    r.per_step.push_back(s);
  }
  return r;
}

}  // namespace tradecast::eval
