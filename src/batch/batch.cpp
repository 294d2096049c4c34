// SPDX-License-Identifier: MIT
#include "tradecast/batch/batch.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <utility>

#include "tradecast/core/parallel.hpp"

#if defined(_WIN32)
#include <io.h>
#else
#include <unistd.h>
#endif

namespace tradecast::batch {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

const forecast::method_spec& naive_spec() {
  static const forecast::method_spec spec = forecast::parse_method("naive");
  return spec;
}

/// NaN forecasts of the requested shape (a series nothing could be fitted to).
forecast::forecast_values nan_values(int h, const std::vector<double>& levels) {
  forecast::forecast_values v;
  v.mean.assign(static_cast<std::size_t>(h), k_nan);
  for (double l : levels) v.intervals.push_back({l, std::vector<double>(v.mean.size(), k_nan), std::vector<double>(v.mean.size(), k_nan)});
  return v;
}

/// The fallback: naive on the last run of finite values, without Box-Cox (and its analytic
/// intervals: simulate / bootstrap apply to ETS models). Sets values, model and
/// appends what it used to `note`. \throws invalid_argument when there is no finite value.
void fit_naive_fallback(std::span<const double> y, int m, int h, const forecast::forecast_options& opts,
                        series_result& r) {
  std::size_t last = y.size();
  while (last > 0 && !std::isfinite(y[last - 1])) --last;
  if (last == 0) throw invalid_argument("no finite observation to forecast from");
  std::size_t first = last - 1;
  while (first > 0 && std::isfinite(y[first - 1])) --first;
  const std::span<const double> run = y.subspan(first, last - first);
  std::string note;
  if (first > 0 || last < y.size())
    note = "naive uses observations " + std::to_string(first + 1) + " to " + std::to_string(last) + " of " +
           std::to_string(y.size()) + " (the last run of finite values)";
  if (run.size() >= 2) {
    forecast::forecast_options plain = opts;
    plain.lambda.reset();
    plain.lambda_auto = false;
    plain.simulate = plain.bootstrap = false;
    forecast::model_forecast mf = forecast::fit_forecast(run, m, naive_spec(), h, plain);
    r.model = std::move(mf.model);
    r.values = std::move(mf.values);
  } else {
    r.values = nan_values(h, opts.levels);
    std::fill(r.values.mean.begin(), r.values.mean.end(), run[0]);
    r.model = forecast::model_info{};
    r.model.method = "Naive method";
    r.model.fitted.assign(1, k_nan);
    r.model.residuals.assign(1, k_nan);
    r.model.status_message = "one observation: point forecasts only, no prediction intervals";
    note += std::string(note.empty() ? "" : "; ") + "a single usable observation: no prediction intervals";
  }
  r.method = "naive";
  if (!note.empty()) r.message += "; " + note;
}

}  // namespace

std::vector<batch_input> inputs_of(const io::wide_set& set) {
  std::vector<batch_input> out;
  out.reserve(set.series.size());
  for (const io::wide_series& s : set.series) out.push_back({s.id, s.values, s.m, s.horizon, set.source, s.line});
  return out;
}

namespace {

/// An error about one of `in`'s values, the value named by its place: batch_input::value_name, or
/// its row and column in a wide file (source, line); as it is without either ("observation k").
observation_error located(const batch_input& in, const observation_error& e) {
  const std::size_t k = e.index();
  if (in.value_name) return e.relocated(0, in.value_name(k));
  if (in.line == 0) return e;
  return e.relocated(0, "value " + std::to_string(k + 1) + " of series '" + in.id + "' at " +
                            (in.source.empty() ? std::string("line ") : std::string(in.source) + " line ") +
                            std::to_string(in.line) + ", column " + std::to_string(k + 2));
}

/// A series' result from what fit_forecast() gave (or threw) for it: the status, the naive
/// fallback when the method failed.
series_result finish_one(const batch_input& in, std::size_t index, const forecast::method_spec& spec, int h,
                         const forecast::forecast_options& opts, bool keep_fitted, forecast::forecast_outcome outcome) {
  series_result r;
  r.id = in.id;
  r.h = in.h > 0 ? in.h : h;
  r.seed = opts.seed + static_cast<std::uint64_t>(index);
  r.method = spec.name;
  forecast::forecast_options o = opts;
  o.seed = r.seed;
  std::string reason;
  try {
    if (outcome.error) {
      try {
        std::rethrow_exception(outcome.error);
      } catch (const observation_error& e) {  // name the value by its place in the file
        throw located(in, e);
      }
    }
    forecast::model_forecast& mf = *outcome.result;
    if (mf.model.status == forecast::fit_status::failed) {  // incl. forecasts that are not finite
      reason = "fit failed" + (mf.model.status_message.empty() ? std::string() : ": " + mf.model.status_message);
    } else {
      r.model = std::move(mf.model);
      r.values = std::move(mf.values);
    }
  } catch (const std::exception& e) {
    reason = e.what();
  } catch (...) {
    reason = "unknown exception";
  }
  if (!reason.empty()) {
    // Most fit_forecast() messages already name the method.
    const std::string prefix = "method '" + spec.name + "'";
    if (reason.rfind(prefix, 0) != 0) reason = prefix + ": " + reason;
    r.status = series_status::fell_back;
    r.message = reason + "; fell back to naive";
    std::string fallback_error;
    try {
      fit_naive_fallback(in.values, in.m, r.h, o, r);
      if (r.model.status == forecast::fit_status::failed) fallback_error = r.model.status_message;  // e.g. an overflow
    } catch (const observation_error& e) {
      fallback_error = located(in, e).what();
    } catch (const std::exception& e) {
      fallback_error = e.what();
    } catch (...) {
      fallback_error = "unknown exception";
    }
    if (!fallback_error.empty()) {
      r.status = series_status::failed;
      r.method.clear();
      r.message = reason + "; naive fallback failed too: " + fallback_error;
      r.model = forecast::model_info{};
      r.model.status = forecast::fit_status::failed;
      r.model.status_message = r.message;
      r.values = nan_values(r.h, opts.levels);
    }
  }
  if (!keep_fitted) {  // freed, not only emptied (`= {}` would keep the capacity)
    std::vector<double>().swap(r.model.fitted);
    std::vector<double>().swap(r.model.residuals);
  }
  return r;
}

forecast::forecast_job job_of(const batch_input& in, std::size_t index, int h, const forecast::forecast_options& opts) {
  return {in.values, in.m, in.h > 0 ? in.h : h, opts.seed + static_cast<std::uint64_t>(index)};
}

}  // namespace

series_result forecast_one(const batch_input& in, std::size_t index, const forecast::method_spec& spec, int h,
                           const forecast::forecast_options& opts, bool keep_fitted) {
  const forecast::forecast_job job = job_of(in, index, h, opts);
  forecast::forecast_outcome outcome;
  try {
    forecast::forecast_options o = opts;
    o.seed = job.seed;
    outcome.result = forecast::fit_forecast(job.y, job.m, spec, job.h, o);
  } catch (...) {
    outcome.error = std::current_exception();
  }
  return finish_one(in, index, spec, h, opts, keep_fitted, std::move(outcome));
}

batch_result forecast_batch(std::span<const batch_input> series, const forecast::method_spec& spec, int h,
                            const forecast::forecast_options& opts, const batch_options& bo) {
  // The options, then each series' horizon, before any fitting (threads < 0: parallel_for() throws).
  forecast::check_forecast_options(spec, 1, opts);
  for (const batch_input& in : series) {
    if (in.m < 1)
      throw invalid_argument("series '" + in.id + "': seasonal period m = " + std::to_string(in.m) + " must be at least 1");
    if (in.h < 0)
      throw invalid_argument("series '" + in.id + "': horizon h = " + std::to_string(in.h) +
                             " must be at least 1 (or 0 for the batch horizon)");
    if (in.h == 0 && h < 1)
      throw invalid_argument("series '" + in.id + "' uses the batch horizon h = " + std::to_string(h) +
                             ", which must be at least 1");
    try {  // the limits on h, before any fitting: a series' forecasts take memory in proportion to h
      forecast::check_horizon(in.h > 0 ? in.h : h);
      forecast::check_npaths(opts.npaths, in.h > 0 ? in.h : h);
    } catch (const invalid_argument& e) {
      throw invalid_argument("series '" + in.id + "': " + e.what());
    }
  }

  const std::size_t n = series.size();
  batch_result out;
  out.series.resize(n);
  const bool bar = bo.progress_bar && n > 0 && is_terminal(stderr);
  std::size_t done = 0;
  int last_percent = -1;
  std::exception_ptr callback_error;
  std::mutex progress_mutex;
  auto progress = [&] {
    const std::lock_guard<std::mutex> lock(progress_mutex);
    ++done;
    if (bar) {
      const int percent = static_cast<int>(100 * done / n);
      if (percent != last_percent || done == n) {
        last_percent = percent;
        std::fprintf(stderr, "\r%s%s", format_progress(done, n).c_str(), done == n ? "\n" : "");
        std::fflush(stderr);
      }
    }
    if (bo.on_progress && !callback_error) {
      try {
        bo.on_progress(done, n);
      } catch (...) {
        callback_error = std::current_exception();
      }
    }
  };
  // Fitting errors become statuses; what parallel_for rethrows is e.g. std::bad_alloc.
  const std::size_t group = forecast::fits_together(spec) ? std::max<std::size_t>(bo.group, 1) : 1;
  if (group == 1) {
    out.threads = parallel_for(n, bo.threads, [&](std::size_t k) {
      out.series[k] = forecast_one(series[k], k, spec, h, opts, bo.keep_fitted);
      progress();
    });
  } else {  // consecutive series fitted together (fit_forecast_many(): the same results)
    const std::size_t groups = (n + group - 1) / group;
    out.threads = parallel_for(groups, bo.threads, [&](std::size_t g) {
      const std::size_t first = g * group, last = std::min(n, first + group);
      std::vector<forecast::forecast_job> jobs;
      for (std::size_t k = first; k < last; ++k) jobs.push_back(job_of(series[k], k, h, opts));
      std::vector<forecast::forecast_outcome> outcomes = forecast::fit_forecast_many(jobs, spec, opts);
      for (std::size_t k = first; k < last; ++k) {
        out.series[k] = finish_one(series[k], k, spec, h, opts, bo.keep_fitted, std::move(outcomes[k - first]));
        progress();
      }
    });
  }

  for (const series_result& r : out.series) {
    switch (r.status) {
      case series_status::ok: ++out.ok; break;
      case series_status::fell_back: ++out.fell_back; break;
      case series_status::failed: ++out.failed; break;
    }
  }
  if (callback_error) std::rethrow_exception(callback_error);
  return out;
}

std::vector<io::wide_row> forecast_rows(const batch_result& r) {
  std::vector<io::wide_row> rows;
  rows.reserve(r.series.size());
  for (const series_result& s : r.series) rows.push_back({s.id, s.values.mean, 0});
  return rows;
}

std::string format_progress(std::size_t done, std::size_t total, int width) {
  width = std::max(width, 1);
  const std::size_t w = static_cast<std::size_t>(width);
  const std::size_t filled = total == 0 ? w : std::min(w, done * w / total);
  const std::size_t percent = total == 0 ? 100 : std::min<std::size_t>(100, done * 100 / total);
  const std::string t = std::to_string(total);
  std::string d = std::to_string(done);
  if (d.size() < t.size()) d.insert(0, t.size() - d.size(), ' ');
  std::string p = std::to_string(percent);
  p.insert(0, 3 - p.size(), ' ');
  return "[" + std::string(filled, '#') + std::string(w - filled, ' ') + "] " + d + "/" + t + " " + p + "%";
}

bool is_terminal(std::FILE* f) noexcept {
  if (f == nullptr) return false;
#if defined(_WIN32)
  return _isatty(_fileno(f)) != 0;
#else
  return isatty(fileno(f)) != 0;
#endif
}

}  // namespace tradecast::batch
