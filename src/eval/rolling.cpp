// SPDX-License-Identifier: MIT
// Rolling-origin evaluation (declared in tradecast/eval/rolling.hpp).
#include "tradecast/eval/rolling.hpp"

namespace tradecast::eval {

rolling_result rolling_origin(std::span<const double> y, int m, const forecast::method_spec& spec,
                              const rolling_options& opt) {
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
                           std::to_string(*opt.window) +
                           ": the first fit needs a whole window (left unset, the first origin is the window)");
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
  std::optional<std::size_t> kept_at;             // ... and its origin's index in `origins`
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
      const forecast::fit_status st = fitted.second.model.status;  // a fallback or a failed fit is not kept
      if (st != forecast::fit_status::fell_back && st != forecast::fit_status::failed) reused = std::move(fitted.first), kept_at = k;
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
  r.kept_at = kept_at;
  if (!opt.refit && !kept_at)
    r.notes.push_back("refit = false, but no origin's fit could be kept (each fell back or failed), so every origin "
                      "was fitted on its own");
  r.errors.assign(n, std::vector<double>(h, nan));
  for (origin_forecast& o : origins) {
    if (o.failed) r.notes.push_back("origin " + std::to_string(o.origin) + ": fit failed: " + o.message);
    for (std::size_t j = 0; j < h; ++j) r.errors[o.origin - 1][j] = o.errors[j];
    r.origins.push_back(std::move(o));
  }

  const std::vector<double>& levels = opt.forecast.levels;
  for (std::size_t j = 0; j < h; ++j) {
    step_accuracy s;
    s.step = static_cast<int>(j + 1);
    long double sae = 0, sse = 0, ssm = 0, sms = 0;  // as eval::evaluate(): no overflow near 1e308
    std::vector<std::size_t> no_scale;
    std::vector<std::size_t> covered(levels.size(), 0);
    s.coverage_count.assign(levels.size(), 0);
    for (const origin_forecast& o : r.origins) {
      const double e = o.errors[j];
      if (std::isnan(e)) continue;
      ++s.count;
      for (std::size_t l = 0; l < levels.size(); ++l)
        for (const forecast::prediction_interval& b : o.values.intervals) {
          if (b.level != levels[l] || j >= b.lower.size() || j >= b.upper.size()) continue;
          if (std::isnan(b.lower[j]) || std::isnan(b.upper[j])) break;  // no interval (one observation)
          ++s.coverage_count[l];
          if (b.lower[j] <= o.actual[j] && o.actual[j] <= b.upper[j]) ++covered[l];
          break;
        }
      const long double el = e;
      sae += std::fabs(el);
      sse += el * el;
      const long double a = o.actual[j], f = o.values.mean[j];
      const long double denom = std::fabs(a) + std::fabs(f);
      if (denom > 0) ssm += 200 * std::fabs(el) / denom;
      if (std::isfinite(o.scale) && o.scale > 0) {
        sms += std::fabs(el) / o.scale;
        ++s.mase_count;
      } else {
        no_scale.push_back(o.origin);
      }
    }
    if (s.count > 0) {
      const auto c = static_cast<long double>(s.count);
      s.mae = static_cast<double>(sae / c);
      s.rmse = static_cast<double>(std::sqrt(sse / c));
      s.smape = static_cast<double>(ssm / c);
    }
    if (s.mase_count > 0) s.mase = static_cast<double>(sms / static_cast<long double>(s.mase_count));
    for (std::size_t l = 0; l < levels.size(); ++l)
      s.coverage.push_back(s.coverage_count[l] > 0
                               ? static_cast<double>(covered[l]) / static_cast<double>(s.coverage_count[l])
                               : std::numeric_limits<double>::quiet_NaN());
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
