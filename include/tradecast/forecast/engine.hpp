// SPDX-License-Identifier: MIT
/// \file forecast/engine.hpp
/// Forecasting by method name: parses the name, selects the observations to use (missing values are
/// never interpolated), applies an optional Box-Cox transformation, fits, forecasts and attaches
/// periods and units.
///
/// ## Method names (as the command line takes them)
/// | name | model | as R (forecast 8.20) |
/// |---|---|---|
/// | `auto` | the library's recommended choice: median of automatic ETS, Theta and drift, plus damped ETS on seasonal data (see below) | — |
/// | `ets` | automatic ETS selection by AICc | `ets(y)` |
/// | `ets:XYZ`, `ets:XYdZ` | a given ETS model, e.g. `ets:MAdN`; Z = select that component | `ets(y, "XYZ", damped=)` |
/// | `ses` | simple exponential smoothing, ETS(A,N,N) by in-sample MSE | `ses(y)` |
/// | `holt` | Holt's linear trend, ETS(A,A,N) by MSE | `holt(y)` |
/// | `damped` | damped Holt, ETS(A,Ad,N) by MSE | `holt(y, damped=TRUE)` |
/// | `hw-add` | Holt-Winters additive, ETS(A,A,A) by MSE | `hw(y)` |
/// | `hw-mult` | Holt-Winters multiplicative, ETS(M,A,M) by MSE | `hw(y, seasonal="multiplicative")` |
/// | `theta` | classic Theta with its seasonality test | `thetaf(y)` |
/// | `naive`, `snaive`, `drift`, `mean` | random walk, seasonal random walk, with drift, mean | `naive`, `snaive`, `rwf(drift=TRUE)`, `meanf` |
/// | `trend`, `logtrend` | linear / log-linear (constant growth) trend by OLS | `tslm(y ~ trend)`, `tslm(y ~ trend, lambda=0)` |
/// | `cagr` | constant growth from the first to the last observation | `rwf(y, drift=TRUE, lambda=0)` |
/// | `comb` | Comb S-H-D: mean of ses, holt and damped on seasonally adjusted data (M4 benchmark) | — |
/// | `naive2` | the M4 benchmark Naive2: `sa:naive` | — |
/// | `sa:A` | method A on the seasonally adjusted series (M4 procedure: 90% test when n ≥ 3m, multiplicative classical decomposition), reseasonalised | — |
/// | `mean:A+B+…`, `median:A+B+…` | ensemble of any of the above (not nested) | — |
///
/// ## `auto`
/// The median, step by step, of automatic ETS (`ets`), Theta (`theta`) and the random walk with
/// drift (`drift`), bounds included; on seasonal data (m > 1) a fourth member, automatic ETS
/// restricted to damped trends (`ets:ZZdZ`, R's `ets(y, damped = TRUE)`), joins, and the median
/// of four is the mean of the middle two. (`ets:ZAdZ`, R's `ets(y, "ZAZ", damped = TRUE)`, has
/// the same candidates but counts the trend's two parameters against short data, so on 8 or 9
/// values it takes R's tiny-data Holt fit where `ets:ZZdZ` still selects by likelihood, and on
/// fewer it keeps the trend where R's `ets(damped = TRUE)` may drop it; from 10 values on, and on
/// every M3 series, the two are the same.) Chosen on evidence from the training parts of M3 only: each candidate forecast the
/// last h points of every training series (h = the set's horizon), and a second, earlier cut
/// (3 / 4 / 6 more points held out) checked the choice.
/// - Three members won on the mean over the Yearly, Quarterly and Monthly validation sets
///   (validation OWA 0.889 / 0.858 / 0.860; pure ETS 0.991 / 0.893 / 0.945, Theta 0.901 / 0.902 /
///   0.859, mean of ETS and Theta 0.924 / 0.859 / 0.865).
/// - Searching all 2–5-member medians and means of 13 methods per frequency, adding damped ETS
///   (`ets:ZAdZ` in that search; the member became `ets:ZZdZ` later, to be R's procedure on
///   short series too, with the same M3 test scores) was the best Quarterly choice on both cuts (0.845 vs 0.858; 0.789 vs 0.821) and better on
///   Monthly on both (0.858 vs 0.860; 0.917 vs 0.945), but worse on Yearly on both (0.907 vs
///   0.889; 0.882 vs 0.847): hence the rule by seasonality.
/// Scores on the M3 test sets are in bench/RESULTS.md. Unlike an explicit ensemble, `auto` never
/// fails because one member cannot be fitted: a member that rejects the data (drift with fewer
/// than 3 points, say) is left out and named in the status message (status `fell back`); with
/// two observations the median of two is their mean.
///
/// ## Box-Cox
/// Any method can be fitted to Box-Cox transformed data (`forecast_options::lambda`, or
/// `lambda_auto` for Guerrero's method as R's `lambda = "auto"`: `BoxCox.lambda(y, lower = -0.9)`); forecasts are transformed back,
/// the mean with R's bias adjustment when `biasadj` is set (intervals are back-transformed
/// quantiles and need none). As in R's `ets()`, automatic ETS selection on transformed data only
/// considers additive components. `logtrend` and `cagr` model logs already and refuse a lambda.
/// `auto` and ensembles transform each member back on its own (R's forecast of each member with
/// `lambda` and `biasadj`) and combine them on the data's scale; a member's point forecast beyond
/// −1/λ (no value on that scale) counts as +∞ there, above every finite one, and the combination
/// fails only where it is itself +∞. `comb` takes its mean on the transformed scale and transforms
/// it back once.
///
/// ## Combinations
/// Point forecasts of a combination are the mean (or median) of the members' point forecasts.
/// Interval bounds are the mean (median) of the members' bounds: exact for the mean combination
/// when the members' forecast errors are perfectly correlated and normal, and otherwise a
/// pragmatic, slightly conservative choice (R has no combination intervals to compare with).
/// The status of a combination is the worst of its members' (a member that fell back is named).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tradecast/core/series.hpp"
#include "tradecast/error.hpp"
#include "tradecast/forecast/boxcox.hpp"
#include "tradecast/forecast/ets.hpp"
#include "tradecast/forecast/model.hpp"
#include "tradecast/forecast/result.hpp"
#include "tradecast/forecast/seasonality.hpp"
#include "tradecast/forecast/simple.hpp"
#include "tradecast/forecast/theta.hpp"

namespace tradecast::forecast {

/// The families a method name resolves to.
enum class method_kind { ets, simple, theta, comb, ensemble, adjusted, automatic };

/// A parsed method name (see the table in the file comment).
struct method_spec {
  std::string name{};  ///< the name as given, e.g. "ets:MAdN"
  method_kind kind = method_kind::ets;
  ets_spec ets{};       ///< kind ets
  std::string label{};  ///< R's name of the method when it differs from the model's (e.g. "Holt's method")
  simple_method simple = simple_method::naive;  ///< kind simple
  std::vector<method_spec> members{};           ///< kind ensemble; kind adjusted: the one method fitted
  bool median = false;                          ///< ensemble: median instead of mean
  bool seasonal_only = false;                   ///< member of `auto` used only when m > 1
};

/// Options of fit_forecast() and forecast_series().
struct forecast_options {
  std::vector<double> levels{80, 95};  ///< prediction-interval levels, percent
  std::uint64_t seed = 20250401;       ///< seed of simulated intervals
  /// Intervals of the ETS models the method fits from simulated sample paths, with normal errors
  /// (R's `forecast(fit, simulate = TRUE)`), even where analytic ones exist. The method must fit an
  /// ETS model (ets, ets:XYZ, ses, holt, damped, hw-*, comb, or an ensemble or `auto` with an ETS
  /// member, whose other members keep their own intervals). Point forecasts are then the state
  /// recursion's, as R's: the same as the analytic means except with a multiplicative season.
  bool simulate = false;
  bool bootstrap = false;  ///< as `simulate`, errors resampled from the model's residuals (R's `bootstrap`)
  int npaths = 5000;       ///< simulated paths (R's `npaths`); npaths × h at most max_simulated_values
  std::optional<double> lambda{};      ///< Box-Cox parameter (none: no transformation)
  bool lambda_auto = false;            ///< choose lambda by Guerrero's method (R's lambda = "auto": BoxCox.lambda(y, lower = -0.9))
  bool biasadj = false;                ///< back-transformed mean is the mean, not the median (R's biasadj)
};

/// The method names forecast_series() accepts (`ets:XYZ` stands for any ETS model code,
/// `mean:A+B` and `median:A+B` for ensembles of any others).
[[nodiscard]] std::vector<std::string> method_names();

/// Parses a method name. \throws not_found for an unknown name (listing the known ones);
/// invalid_argument for a malformed `ets:` code or ensemble.
[[nodiscard]] method_spec parse_method(std::string_view method);

/// The ETS specification of an ETS method name (`ets`, `ets:XYZ`, `ses`, `holt`, `damped`,
/// `hw-add`, `hw-mult`). \throws not_found / invalid_argument as parse_method(), and
/// invalid_argument for a method that is not one ETS model (`auto`, `theta`, `comb`, ensembles, ...).
[[nodiscard]] ets_spec ets_spec_for(std::string_view method);

/// A fitted model and its forecasts.
struct model_forecast {
  model_info model{};
  forecast_values values{};
};

/// Whether `spec` fits an ETS model whose intervals forecast_options::simulate / bootstrap can
/// simulate: an ETS method, comb, or an ensemble, `auto` or `sa:` method with such a member.
/// Theta's intervals are R's analytic ones (thetaf has no simulation).
[[nodiscard]] bool fits_ets_model(const method_spec& spec);

/// Whether `spec` can fit an ETS model with a multiplicative trend (ets:XM*, or a selection that
/// allows one, itself or as a member): such a model has no analytic interval formula, so its
/// intervals are always simulated (forecast_options::npaths and seed apply), as in R.
[[nodiscard]] bool may_fit_multiplicative_trend(const method_spec& spec);

/// The checks of fit_forecast() that do not depend on the data: the horizon, the levels, npaths,
/// simulate / bootstrap with a method that fits no ETS model (fits_ets_model()), and a Box-Cox
/// lambda with a method that refuses one (logtrend, cagr, an ETS model with a multiplicative
/// part; also as a member of an ensemble or `sa:`). batch::forecast_batch() calls it first, so
/// such a batch stops before fitting instead of every series falling back.
/// \throws invalid_argument naming what is wrong.
void check_forecast_options(const method_spec& spec, int h, const forecast_options& opt);

namespace detail {

/// The largest magnitude of an observation the methods accept: sums of squares of values near
/// 1e154 overflow, and 1e100 leaves room for the squares of long series (trade values in any
/// currency unit are far below it).
inline constexpr double max_abs_value = 1e100;

}  // namespace detail

/// Fits `spec` to `y` (consecutive observations, seasonal period `m`) and forecasts `h` steps.
/// Forecasts that are not all finite numbers (an overflow) give the status `failed`, with a
/// message naming the first such value.
/// \throws invalid_argument for h < 1 or h > max_horizon, a level outside (0, 100), fewer than two
///   observations, a non-finite value or one beyond ±1e100 (detail::max_abs_value), a
///   multiplicative model on non-positive data, or a Box-Cox lambda with logtrend/cagr or on data
///   it cannot transform. An error about one observation is an observation_error with its index.
[[nodiscard]] model_forecast fit_forecast(std::span<const double> y, int m, const method_spec& spec, int h,
                                          const forecast_options& opt = {});

/// A method fitted once (fit_method()): forecast() gives any horizon and any levels from the same
/// fit, with nothing re-estimated, and exactly the forecasts fit_forecast() gives for that horizon
/// and those options. Every model the method uses is fitted: each member of an ensemble or of
/// `auto`, Comb's three, the seasonal adjustment of `sa:` and `comb`, and the Box-Cox lambda
/// (chosen once, also with lambda_auto). Copies share the fit (it is immutable), so a copy is
/// cheap and forecast() may run on several threads at once.
class fitted_method {
 public:
  struct state;

  /// Nothing fitted: forecast() throws. Make one with fit_method().
  fitted_method() = default;
  explicit fitted_method(std::shared_ptr<const state> s) noexcept : state_(std::move(s)) {}

  [[nodiscard]] bool empty() const noexcept { return !state_; }
  /// The method as fitted (under Box-Cox, ETS restricted to additive components, as R).
  /// \throws invalid_argument when empty().
  [[nodiscard]] const method_spec& spec() const;
  /// The seasonal period the data were fitted with.
  [[nodiscard]] int seasonal_period() const;
  /// The observations fitted.
  [[nodiscard]] std::size_t observations() const;
  /// The Box-Cox lambda of the fit (none without a transformation).
  [[nodiscard]] std::optional<double> lambda() const;

  /// Forecasts `h` steps after the data: the same as fit_forecast(y, m, spec, h, opt) with the
  /// options of the fit. From `opt` only the forecast's own settings apply (levels, simulate,
  /// bootstrap, npaths, seed, biasadj); its Box-Cox settings, lambda and lambda_auto, belong to
  /// the fit and must be left unset or equal the ones fit_method() was given.
  /// \throws invalid_argument for h < 1 or above max_horizon, a level outside (0, 100), npaths
  ///   out of range, simulate / bootstrap with a method that fits no ETS model, other Box-Cox
  ///   settings than the fit's, or an empty object.
  /// Other levels: `fit.forecast(10, {.levels = {50, 80, 95, 99}})`.
  [[nodiscard]] model_forecast forecast(int h, const forecast_options& opt = {}) const;

 private:
  [[nodiscard]] const state& get(const char* what) const;
  std::shared_ptr<const state> state_;
};

/// Fits `spec` to `y` (consecutive observations, seasonal period `m`) once, for fitted_method::forecast().
/// Of `opt` only the Box-Cox settings (lambda, lambda_auto) are used; the rest are the forecast's.
/// \throws invalid_argument as fit_forecast() for the data, the Box-Cox settings and the method
///   (a member of an explicit ensemble that cannot be fitted; `auto` leaves it out and says so
///   in the forecast's status, and throws only when no member could be fitted).
[[nodiscard]] fitted_method fit_method(std::span<const double> y, int m, const method_spec& spec,
                                       const forecast_options& opt = {});

/// One series for fit_forecast_many().
struct forecast_job {
  std::span<const double> y{};  ///< consecutive observations (viewed: must outlive the call)
  int m = 1;                    ///< seasonal period
  int h = 1;                    ///< horizon
  std::uint64_t seed = 20250401;  ///< replaces forecast_options::seed for this series
};

/// What fit_forecast_many() gives for one series: the forecasts, or the exception fit_forecast() throws.
struct forecast_outcome {
  std::optional<model_forecast> result{};
  std::exception_ptr error{};
};

/// How many series the batch and rolling origins give fit_forecast_many() at a time (a group size
/// of 16 to 128 measured the same on M3; the results do not depend on it).
inline constexpr std::size_t fit_together_group = 16;

/// Whether fit_forecast_many() fits several series of `spec` together: Comb S-H-D and ETS methods
/// with one candidate model (`ses`, `holt`, `damped`, `hw-add`, `hw-mult`, `ets:XYZ` with X, Y, Z
/// given). Their few Nelder–Mead searches per series leave the likelihood passes mostly empty;
/// searches of several series fill them (on M3 Monthly: `damped` 2.5x, `comb` 2x faster). An
/// automatic ETS selection has enough candidates of its own (measured: no faster together), and
/// other methods are fitted series by series.
[[nodiscard]] bool fits_together(const method_spec& spec);

/// fit_forecast() on several series: element i is exactly what fit_forecast(jobs[i].y, jobs[i].m,
/// spec, jobs[i].h, opt with seed jobs[i].seed) returns, or the exception it throws. For the methods
/// of fits_together() the ETS searches of all series run in lock step (fit_ets_series()), which
/// fills the likelihood passes of short, few-candidate searches; the results are the same.
[[nodiscard]] std::vector<forecast_outcome> fit_forecast_many(std::span<const forecast_job> jobs,
                                                              const method_spec& spec,
                                                              const forecast_options& opt = {});

/// A method fitted once, to be re-applied to later data without re-estimating anything
/// (fit_reusable(), reapply_forecast(); rolling-origin evaluation with refit = false).
struct reusable_fit {
  method_spec spec{};  ///< the method (ETS components restricted to additive ones under Box-Cox)
  int m = 1;
  std::optional<ets_fit> ets{};    ///< the estimated ETS model (ETS methods)
  std::optional<double> lambda{};  ///< the Box-Cox lambda, chosen once (also with lambda_auto)
};

/// Whether fit_reusable() accepts a method: the ETS methods (`ets`, `ets:XYZ`, `ses`, `holt`,
/// `damped`, `hw-add`, `hw-mult`) and the methods that estimate nothing (`naive`, `snaive`).
[[nodiscard]] bool reusable(const method_spec& spec);

/// Why fit_reusable() refuses `spec`: "method 'X' cannot be re-applied without refitting; only …"
/// (empty when reusable(spec)).
[[nodiscard]] std::string not_reusable_reason(const method_spec& spec);

/// Fits `spec` to `y` as fit_forecast() does (the forecasts are the same) and keeps the fitted
/// model for reapply_forecast().
/// \throws invalid_argument as fit_forecast(), and for a method that reusable() rejects.
[[nodiscard]] std::pair<reusable_fit, model_forecast> fit_reusable(std::span<const double> y, int m,
                                                                   const method_spec& spec, int h,
                                                                   const forecast_options& opt = {});

/// Forecasts `h` steps after `y` with the model of `fit` re-applied to `y`, nothing re-estimated:
/// an ETS method runs its fitted model over `y` (reapply_ets(), R's
/// `forecast(ets(y, model = fit, use.initial.values = TRUE), h)`), with the Box-Cox lambda of the
/// first fit; naive and snaive have nothing to re-use and forecast from `y` as fit_forecast().
/// A re-applied model whose recursion fails has status `failed` and NaN forecasts.
/// \throws invalid_argument for h < 1, a level outside (0, 100), fewer than two observations, a
///   non-finite value, data a multiplicative model or the lambda cannot take.
[[nodiscard]] model_forecast reapply_forecast(const reusable_fit& fit, std::span<const double> y, int h,
                                              const forecast_options& opt = {});

/// The observations a model can use: the longest run of usable values that ends at the last
/// usable observation (models need consecutive data; missing values are never filled in). A
/// value with status `partial` or `forecast` is not usable (not an observation of a full period)
/// and breaks the run as a missing one does; `estimated` and `provisional` values are used.
/// `note` says what was left out and why.
struct usable_span {
  std::size_t first = 0, last = 0;  ///< indices into the series, inclusive
  std::string note{};
};

/// How messages name observation `i` of `s` (0-based): "the value for 2001".
[[nodiscard]] std::string value_name(const series& s, std::size_t i);

/// \throws invalid_argument when the series has no usable value (saying why not).
[[nodiscard]] usable_span trailing_span(const series& s);

/// The observations forecast_series() and fit_series() fit for a series: the usable span
/// (trailing_span()), its values and its last period.
struct series_observations {
  usable_span span{};
  std::span<const double> y{};  ///< views the series
  period last{};                ///< the last observation used; forecasts start after it
};

/// \throws invalid_argument as trailing_span(), and for fewer than two usable observations
///   ("series 'X' has 1 usable observation(s); forecasting needs at least 2 (...)").
[[nodiscard]] series_observations usable_observations(const series& s);

/// \throws invalid_argument when `h` periods after `last` run past the year 9999 (the last period
///   tradecast represents).
void check_horizon_after(period last, int h);

/// A method fitted once to the usable observations of a series (fit_series()): forecast() gives
/// any horizon and levels with periods and units, exactly as forecast_series() with the same
/// arguments, without fitting again.
class fitted_series {
 public:
  fitted_series() = default;
  fitted_series(fitted_method fit, series_metadata meta, period last, std::string data_note)
      : fit_(std::move(fit)), meta_(std::move(meta)), last_(last), data_note_(std::move(data_note)) {}

  [[nodiscard]] const fitted_method& fit() const noexcept { return fit_; }
  [[nodiscard]] const series_metadata& meta() const noexcept { return meta_; }
  /// The last observation used; the forecasts start after it.
  [[nodiscard]] period last_observation() const noexcept { return last_; }
  /// Which observations were used when not all were, and why (trailing_span()).
  [[nodiscard]] const std::string& data_note() const noexcept { return data_note_; }

  /// \throws invalid_argument as fitted_method::forecast() (an empty object: "nothing was fitted
  ///   (make the object with fit_series())"), and for a horizon that runs past the year 9999.
  [[nodiscard]] forecast_result forecast(int h, const forecast_options& opt = {}) const;

 private:
  fitted_method fit_;
  series_metadata meta_{};
  period last_{};
  std::string data_note_{};
};

/// Fits `method` to the usable observations of `s` (trailing_span()) once, for fitted_series::forecast().
/// Of `opt` only the Box-Cox settings are used. \throws as forecast_series() does for the series,
///   the method and the fit.
[[nodiscard]] fitted_series fit_series(const series& s, std::string_view method, const forecast_options& opt = {});

/// Fits `method` to the usable observations of `s` and forecasts `h` periods after the last of them.
/// Short series: automatic selection falls back to what the data supports (see fit_ets()), with the
/// reason in `model.status_message`; fewer than two observations is an error.
/// \throws invalid_argument for h < 1, a level outside (0, 100), fewer than two usable observations,
///   or a multiplicative model on non-positive data; not_found for an unknown method. An
///   observation_error names the observation by its period ("the value for 2001") and carries its
///   index in the series.
[[nodiscard]] forecast_result forecast_series(const series& s, std::string_view method, int h,
                                              const forecast_options& opt = {});

}  // namespace tradecast::forecast
