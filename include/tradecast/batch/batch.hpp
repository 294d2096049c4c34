// SPDX-License-Identifier: MIT
/// \file batch/batch.hpp
/// Forecasting many series in parallel (OpenMP), e.g. a whole competition set.
///
/// Every series is fitted independently with forecast::fit_forecast() and gets its own status; the
/// batch never stops because of one series:
/// - `ok`: the method was fitted (its own `model.status` may still say e.g. "hit iteration limit").
/// - `fell_back`: the method threw, returned `fit_status::failed`, or gave a non-finite point
///   forecast; the series was forecast with `naive` instead and `message` says why. The fallback
///   uses the last run of finite values (a NaN inside a series cuts off what comes before it) and
///   no Box-Cox transformation. With a single usable value the fallback still gives point forecasts
///   (that value), but its interval bounds are NaN.
/// - `failed`: not even the fallback was possible (no finite value); `values` holds NaN forecasts.
///
/// ## Determinism
/// Series i is fitted with `forecast_options::seed + i` (i = its index in the input) and written to
/// slot i of the result: results are identical for any thread count, schedule and
/// batch_options::group, and equal to calling fit_forecast() series by series with those seeds.
///
/// ## Series fitted together
/// Methods with few Nelder–Mead searches per series (forecast::fits_together(): `comb`, `ses`,
/// `holt`, `damped`, `hw-add`, `hw-mult`, `ets:XYZ`) fit `batch_options::group` consecutive series
/// at once (forecast::fit_forecast_many()): their searches advance in lock step, so that one
/// likelihood pass evaluates points of several series. Each search still takes exactly its own
/// path, hence the same results; on M3 Monthly `comb` runs about 2x and `damped` 2.5x faster.
///
/// ## Memory
/// Inputs are views (batch_input holds a span, and its value_name whatever it captures: both
/// must outlive the call); the result holds, per series, the forecasts and the
/// model's fitted values and residuals (freed as each series finishes with
/// batch_options::keep_fitted = false). The wide reader (io::read_wide()) converts the file
/// record by record. `tradecast forecast --wide` on 100,000 annual series (23 MiB) peaks at
/// 137 MiB (bench/batch/memory.sh).
///
/// ## Progress
/// With `batch_options::progress_bar`, a bar is drawn on stderr when stderr is a terminal, and
/// nothing otherwise (logs and pipes stay clean). `on_progress` is called after every series,
/// never concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tradecast/forecast/engine.hpp"
#include "tradecast/forecast/model.hpp"
#include "tradecast/io/wide.hpp"

namespace tradecast::batch {

/// One series to forecast. The values are viewed, not copied: they must outlive the call.
struct batch_input {
  std::string id{};
  std::span<const double> values{};  ///< consecutive observations, oldest first
  int m = 1;                         ///< seasonal period (>= 1)
  int h = 0;                         ///< horizon; 0 = the horizon passed to forecast_batch()
  /// Where the values come from, for messages about one of them: a file in the wide layout and
  /// the 1-based line of the series' row (values from column 2). A message then names the value
  /// as "value k of series 'id' at FILE line L, column C" instead of "observation k". Unset
  /// (line 0): "observation k". inputs_of() sets both.
  std::string_view source{};
  std::size_t line = 0;
  /// How messages name value k (0-based) of `values`, e.g. "the value for 2002" for a series of a
  /// long file (forecast::value_name()); takes precedence over source and line when set.
  std::function<std::string(std::size_t)> value_name{};
};

/// The inputs of a competition set (io::read_wide_set()): each series with its own NF and the set's
/// m. The result views `set`, which must outlive it.
[[nodiscard]] std::vector<batch_input> inputs_of(const io::wide_set& set);

/// Outcome of one series (see the file comment).
enum class series_status { ok, fell_back, failed };

[[nodiscard]] constexpr std::string_view to_string(series_status s) noexcept {
  switch (s) {
    case series_status::ok: return "ok";
    case series_status::fell_back: return "fell back to naive";
    case series_status::failed: return "failed";
  }
  return "failed";
}

/// The forecasts of one series.
struct series_result {
  std::string id{};
  series_status status = series_status::ok;
  std::string method{};   ///< the method used: the requested one, or "naive" after a fallback
  std::string message{};  ///< why it fell back or failed (and what the fallback used); empty when ok
  int h = 0;              ///< the horizon used
  std::uint64_t seed = 0;  ///< the seed used (forecast_options::seed + index)
  forecast::model_info model{};
  forecast::forecast_values values{};  ///< h point forecasts and the requested intervals
};

/// The forecasts of a batch, in input order.
struct batch_result {
  std::vector<series_result> series{};
  std::size_t ok = 0, fell_back = 0, failed = 0;  ///< counts by status
  int threads = 1;                                ///< threads used
};

/// How to run a batch.
struct batch_options {
  int threads = 0;            ///< worker threads; 0 = all available (OpenMP's default)
  bool progress_bar = true;   ///< draw a bar on stderr, only when stderr is a terminal
  bool keep_fitted = true;    ///< keep each model's fitted values and residuals
  /// Consecutive series fitted together by the methods of forecast::fits_together() (ETS methods
  /// and `comb`): their Nelder–Mead searches share likelihood passes. The results do not depend
  /// on it; 1 fits every series alone.
  std::size_t group = forecast::fit_together_group;
  /// Called after each series with (done, total); calls are serialised. An exception it throws is
  /// rethrown once the batch has finished (and further calls are skipped).
  std::function<void(std::size_t done, std::size_t total)> on_progress{};
};

/// Forecasts every series with `spec` (see the file comment for statuses and determinism).
/// `h` is the horizon of inputs whose own `h` is 0.
/// \throws invalid_argument, before any fitting, for threads < 0, a level outside (0, 100), an input
///   with m < 1 or h < 0, or an effective horizon < 1 (naming the series).
[[nodiscard]] batch_result forecast_batch(std::span<const batch_input> series, const forecast::method_spec& spec, int h,
                                          const forecast::forecast_options& opts = {}, const batch_options& bo = {});

/// The forecasts of one series as forecast_batch() makes them (the work of one slot).
[[nodiscard]] series_result forecast_one(const batch_input& in, std::size_t index, const forecast::method_spec& spec,
                                         int h, const forecast::forecast_options& opts, bool keep_fitted = true);

/// The point forecasts as rows for io::write_wide() (NaN forecasts are written as NA).
[[nodiscard]] std::vector<io::wide_row> forecast_rows(const batch_result& r);

/// One line of the progress bar, e.g. "[#####               ]  25/100  25%" (no line ending).
[[nodiscard]] std::string format_progress(std::size_t done, std::size_t total, int width = 30);

/// Whether `f` is a terminal (isatty).
[[nodiscard]] bool is_terminal(std::FILE* f) noexcept;

}  // namespace tradecast::batch
