// SPDX-License-Identifier: MIT
/// \file forecast/ets.hpp
/// Exponential smoothing state space models (ETS; Hyndman, Koehler, Ord & Snyder 2008,
/// *Forecasting with Exponential Smoothing*), fitted and selected as R's `forecast::ets()` does
/// (forecast 8.20), and forecast as `forecast.ets()` does.
///
/// ## Models
/// ETS(E,T,S): error E ∈ {A, M}, trend T ∈ {N, A, Ad, M, Md}, season S ∈ {N, A, M}, period m.
/// With state x_t = (l_t, b_t, s_t, …, s_{t−m+1}), one-step forecast ŷ_t and innovation ε_t:
///
///     ŷ_t = q_t ⊕ s_{t−m}          q_t = l_{t−1} | l_{t−1} + φ b_{t−1} | l_{t−1} b_{t−1}^φ
///     y_t = ŷ_t + ε_t  (A error)   y_t = ŷ_t (1 + ε_t)  (M error)
///     l_t = q_t + α (p_t − q_t),   p_t = y_t ⊖ s_{t−m}     (⊕/⊖ = +/− or ×/÷ by season type)
///     b_t = φb + (β/α)(r_t − φb),  r_t = l_t − l_{t−1} | l_t / l_{t−1}   (φb read as b^φ for M)
///     s_t = s_{t−m} + γ (y_t ⊖ q_t − s_{t−m})
///
/// φ = 1 for undamped trends. Parameters are estimated by minimising
/// n·log Σε_t² + 2·Σ log|ŷ_t|·[M error] (= −2 log L up to constants; `loglik` = −½ of it, as R
/// prints it) over [α, β, γ, φ, l_0, b_0, s_0 … s_{m−2}] with R's Nelder–Mead (`nmmin`, 2000
/// evaluations), R's starting values, the usual bounds (1e-4 ≤ α ≤ 0.9999, 1e-4 ≤ β ≤ α,
/// 1e-4 ≤ γ ≤ 1 − α, 0.8 ≤ φ ≤ 0.98) and the admissible region (characteristic roots in the unit
/// circle). AIC = −2logL + 2k, AICc = AIC + 2k(k+1)/(n−k−1), BIC = −2logL + k log n,
/// k = #estimated parameters + 1.
///
/// ## Minimum lengths
/// Let q be the number of estimated values (smoothing parameters + initial states):
/// ANN/MNN 2, AAN/MAN 4, AAdN/MAdN 5, ANA/MNA/MNM m+2, AAA/MAA/MAM m+4, AAdA/MAdA/MAdM m+5
/// (one less per user-fixed smoothing parameter). A model is estimated only when q < n − 1; its
/// AICc is finite only when n ≥ q + 3 (AIC/BIC: n ≥ q + 2), so smaller models win on short
/// series. Seasonal models also need n > m and n ≥ 4 (n < 3m uses a Fourier regression for the
/// initial seasonal states instead of a classical decomposition). As in R, the data are too short
/// for the *requested* model when n ≤ r + 4 with r = 2 + 2·[explicit trend] + m·[explicit season]
/// + [damped = true] (so n ≥ 7 for the automatic search, n ≥ 7 for "ANN", n ≥ 9 for "AAN",
/// n ≥ m + 7 for "ANA", n ≥ m + 9 for "AAA", n ≥ m + 10 for damped "AAA").
///
/// ## Tiny data
/// When n ≤ r + 4, R's `ets()` does not estimate an ETS model by likelihood: it fits Holt-Winters
/// smoothing by least squares (forecast's `HoltWintersZZ`), and so does fit_ets()
/// (detail/holt_winters_zz.hpp): the seasonal fit when the model has a season, else the trend fit,
/// else SES, else the better by sigma2 of the fits with and without a trend; l_0 = y_1 and
/// b_0 = y_2 − y_1 (seasonal: the means of the first two seasons), α, β*, γ ∈ [0, 1] minimising
/// the squared one-step errors. The result is the equivalent ETS model (β = αβ*), with status
/// `fit_status::fell_back`, the reason in `status_message`, no likelihood (NaN, as R) and
/// sigma2 = mean squared residual. Its intervals use the ETS β, not R's β*
/// (docs/r-differences.md §4). Where every such fit fails (or no candidate model can be fitted:
/// R's "No model able to be fitted", or an explicitly requested model cannot be estimated),
/// fit_ets() still does not fail: it fits ETS(E,N,N) with α and l_0 estimated when n ≥ 4,
/// otherwise (n = 2, 3) the naive special case α = upper bound (0.9999), l_0 = y_1; E is the
/// requested error type (A when 'Z').
///
/// ## Parity with R
/// Starting values, initial states (decompose, and for n < 3m the Fourier regression, with
/// LINPACK's Householder QR as R's lsfit/lm), the admissibility test and R's `nmmin` are
/// reproduced so that the optimisation follows R's path evaluation for evaluation: on the
/// reference fixtures (tests/forecast/data) the selected model, log-likelihood and evaluation
/// count equal R's. Deliberate differences: docs/r-differences.md.
///
/// ## Speed
/// The candidate models are optimised together: one Nelder–Mead state machine per model, all
/// advanced in lock step, their points evaluated by an interleaved multi-model likelihood pass
/// and an interleaved root test (independent dependency chains overlap in the processor). The
/// likelihood passes run the recursion on the one-step forecast (detail::ets_lik_kernel()), R's
/// update rearranged: each objective value is R's to rounding (most are the same double), and
/// the optimisation takes R's path, so estimates, evaluation counts and the selected model are
/// R's (on the reference fixtures and on every M3 series, whose forecasts are the same bit for
/// bit with either arithmetic). The final pass at the optimum, which gives the reported
/// likelihood, states and residuals, keeps R's order of operations. fit_ets() has no global state
/// and may run concurrently on different series.
///
/// ## Constant series
/// As R: an automatic fit of a constant series (all values equal to within 1.5e-8 relative, R's
/// `is.constant`) is simple exponential smoothing with α = 0.99999 and l_0 = y_1 ("Simple
/// exponential smoothing"; sigma2 = mean squared residual; no likelihood).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "tradecast/error.hpp"
#include "tradecast/forecast/detail/decompose.hpp"
#include "tradecast/forecast/detail/ets_core.hpp"
#include "tradecast/forecast/detail/ets_forecast.hpp"
#include "tradecast/forecast/model.hpp"

namespace tradecast::forecast {

/// Information criterion used to select among candidate models (R's `ic`).
enum class ets_ic { aicc, aic, bic };

/// Criterion minimised when estimating parameters (R's `opt.crit`).
enum class ets_opt_crit {
  lik,    ///< the likelihood (default)
  mse,    ///< in-sample one-step mean squared error
  amse,   ///< mean of the 1..nmse-step in-sample MSEs
  sigma,  ///< mean squared residual (relative for M errors)
  mae,    ///< mean absolute residual
};

/// Parameter space (R's `bounds`).
enum class ets_bounds { both, usual, admissible };

/// What to fit; mirrors the arguments of R's `ets()` and their defaults.
struct ets_spec {
  char error = 'Z';   ///< 'A', 'M' or 'Z' (select)
  char trend = 'Z';   ///< 'N', 'A', 'M' or 'Z' (select; 'M' only with allow_multiplicative_trend)
  char season = 'Z';  ///< 'N', 'A', 'M' or 'Z' (select)
  std::optional<bool> damped{};             ///< unset: try both
  bool allow_multiplicative_trend = false;  ///< include M trends in the 'Z' search
  bool additive_only = false;               ///< only additive components in the search
  bool restrict_models = true;              ///< forbid unstable combinations (A error with M parts; MMA)
  ets_ic criterion = ets_ic::aicc;
  std::optional<double> alpha{}, beta{}, gamma{}, phi{};  ///< fix a smoothing parameter instead of estimating it
  std::array<double, 4> lower{1e-4, 1e-4, 1e-4, 0.8};        ///< for α, β, γ, φ
  std::array<double, 4> upper{0.9999, 0.9999, 0.9999, 0.98};  ///< for α, β, γ, φ
  ets_bounds bounds = ets_bounds::both;
  ets_opt_crit opt_crit = ets_opt_crit::lik;
  int nmse = 3;      ///< horizons averaged by amse (1..30)
  int maxit = 2000;  ///< Nelder–Mead evaluation limit
  /// R's shortcut for the automatic model (error, trend and season all 'Z') on a constant series:
  /// SES with α = 0.99999. R tests the data before any Box-Cox transformation, whose values can
  /// all look equal when the data do not (values near 1e-7 all map close to −1/λ); the engine
  /// sets this to false when the untransformed data are not constant.
  bool constant_shortcut = true;
};

/// One model tried by the automatic selection.
struct ets_candidate {
  std::string method{};  ///< e.g. "ETS(M,Ad,N)"
  char error = 'A', trend = 'N', season = 'N';
  bool damped = false;
  bool fitted = false;  ///< false: could not be estimated (ICs are +Inf)
  double loglik = std::numeric_limits<double>::quiet_NaN();
  double aic = std::numeric_limits<double>::infinity();
  double aicc = std::numeric_limits<double>::infinity();
  double bic = std::numeric_limits<double>::infinity();
  int evaluations = 0;  ///< objective evaluations used by Nelder–Mead
  std::string note{};   ///< why it could not be fitted
};

/// A fitted ETS model (R's `ets` object).
struct ets_fit {
  char error = 'A', trend = 'N', season = 'N';
  bool damped = false;
  int m = 1;          ///< seasonal period of the model (1 when there is no season)
  int frequency = 1;  ///< the period given to fit_ets()
  std::size_t n = 0;  ///< observations used
  std::string method{};  ///< as R prints it: "ETS(M,Ad,M)" (or "Simple exponential smoothing")
  double alpha = std::numeric_limits<double>::quiet_NaN();
  double beta = std::numeric_limits<double>::quiet_NaN();   ///< NaN without trend
  double gamma = std::numeric_limits<double>::quiet_NaN();  ///< NaN without season
  double phi = std::numeric_limits<double>::quiet_NaN();    ///< NaN unless damped
  /// R's `model$par`: estimated parameters then user-fixed ones, with R's names
  /// (alpha, beta, gamma, phi, l, b, s0 … s{m−2}).
  std::vector<std::string> par_names{};
  std::vector<double> par{};
  std::vector<double> initial_state{};  ///< [l, b?, s_1 … s_m] (R's `initstate` + the implied last seasonal)
  std::vector<double> final_state{};    ///< state after the last observation (forecast origin)
  std::vector<double> states{};         ///< (n + 1) × state_size, row-major (R's `states`)
  std::size_t state_size = 1;
  std::vector<double> fitted{};     ///< one-step fitted values
  std::vector<double> residuals{};  ///< y − fitted (A error) or (y − fitted)/fitted (M error)
  double sigma2 = std::numeric_limits<double>::quiet_NaN();  ///< Σ residual² / (n − #par)
  double loglik = std::numeric_limits<double>::quiet_NaN();
  double aic = std::numeric_limits<double>::quiet_NaN();
  double aicc = std::numeric_limits<double>::quiet_NaN();
  double bic = std::numeric_limits<double>::quiet_NaN();
  double mse = std::numeric_limits<double>::quiet_NaN();
  double amse = std::numeric_limits<double>::quiet_NaN();
  int n_params = 0;  ///< k of the information criteria (estimated parameters + σ²)
  fit_status status = fit_status::converged;
  std::string status_message{};
  int evaluations = 0;      ///< objective evaluations of the final model's optimisation
  int optimiser_code = 0;   ///< R's nmmin `fail`: 0 converged, 1 evaluation limit, 10 degenerate simplex
  std::vector<ets_candidate> candidates{};  ///< every model tried, in R's order (automatic selection)

  /// The smoothing parameters as used by the recursions (β = γ = 0, φ = 1 where absent).
  [[nodiscard]] detail::ets_smoothing smoothing() const noexcept {
    detail::ets_smoothing s;
    s.alpha = alpha;
    s.beta = trend == 'N' ? 0.0 : beta;
    s.gamma = season == 'N' ? 0.0 : gamma;
    s.phi = damped ? phi : 1.0;
    return s;
  }
};

/// Options of forecast_ets().
struct ets_forecast_options {
  bool simulate = false;   ///< simulated intervals even where analytic ones exist (R's `simulate`)
  bool bootstrap = false;  ///< simulate by resampling residuals (implies simulate)
  int npaths = 5000;       ///< simulated paths
  std::uint64_t seed = 20240601;  ///< seed of the path generator (std::mt19937_64)
};

/// One series for fit_ets_series(): its data, seasonal period and the specifications to fit.
struct ets_series_job {
  std::span<const double> y{};
  int m = 1;
  std::span<const ets_spec> specs{};
};

/// What fit_ets_series() gives for one series: fit_ets_many(y, m, specs), or the invalid_argument
/// it throws (then `fits` is empty).
struct ets_series_fits {
  std::vector<ets_fit> fits{};
  std::exception_ptr error{};  ///< the exception (an observation_error keeps its index); null when fitted
  /// The exception's message ("" when fitted).
  [[nodiscard]] std::string message() const {
    if (!error) return {};
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      return e.what();
    }
  }
};

/// fit_ets_many() on several series at once: the candidates of all series share the lock-step
/// optimiser, so one likelihood pass evaluates points of several series (most useful when each
/// series has few candidates, as in Comb S-H-D). Element i is exactly fit_ets_many(jobs[i].y,
/// jobs[i].m, jobs[i].specs) (which is this with one series), or its error; one series' invalid input
/// does not affect the others.
[[nodiscard]] std::vector<ets_series_fits> fit_ets_series(std::span<const ets_series_job> jobs);

/// Fits several ETS specifications to the same series at once; element i is exactly what
/// fit_ets(y, m, specs[i]) gives (fit_ets() is this with one spec). The candidates of all specs
/// share the lock-step optimiser, which overlaps their likelihood evaluations, and a candidate two
/// specs share is optimised once (Comb S-H-D fits ses, holt and damped this way; `auto` its two
/// ETS members). \throws invalid_argument as fit_ets(), for the first invalid spec.
[[nodiscard]] std::vector<ets_fit> fit_ets_many(std::span<const double> y, int m, std::span<const ets_spec> specs);

/// Fits an ETS model to `y` (no missing values) with seasonal period `m` (1 = non-seasonal), as
/// R's `ets(ts(y, frequency = m), ...)` does: 'Z' components are selected by `spec.criterion`
/// among the admissible candidates in R's order (error A, M × trend N, A(, M) × season N, A, M ×
/// damped, earliest wins ties); M error only for positive data; season only when n > m and
/// m ≤ 24 ('Z' with m > 24 gives no season, as R with a warning).
/// \throws invalid_argument naming the argument: y with fewer than 2 values or a non-finite value,
///         m < 1, an unknown component letter, an explicit seasonal model with m = 1 or m > 24, a
///         multiplicative component with y ≤ 0 somewhere, a damped model without trend, a model
///         forbidden by `restrict_models`/`additive_only`, nmse outside 1..30, lower > upper, a
///         fixed α, β, γ or φ that is NaN or outside [lower, upper] (or, with both fixed and
///         bounds other than admissible, β > α or γ > 1 − α).
[[nodiscard]] ets_fit fit_ets(std::span<const double> y, int m, const ets_spec& spec = {});

/// Runs a fitted model over new data `y` with nothing re-estimated, as R's
/// `ets(y, model = fit, use.initial.values = TRUE)`: the same components, smoothing parameters
/// (α raised to 1e-10 if smaller, as R) and initial states; states, fitted values, residuals,
/// likelihood and information criteria are recomputed on `y`. As in R, the parameter count of the
/// criteria is #par + 1 and σ² = Σ residual² / (n − #par − 1) (one less degree of freedom than
/// the original fit's σ²), NaN when n ≤ #par + 1. `y` usually extends the data `fit` was estimated
/// on; it may be any series of the same frequency (the initial states then stand before its first
/// value). The result's status is `converged` and its message says that nothing was estimated;
/// `candidates` is empty. A multiplicative-trend recursion that becomes undefined (negative slope)
/// gives status `failed`, NaN criteria and NaN fitted values from there on.
/// \throws invalid_argument: an empty `y`, a non-finite value (naming its index), a model with a
///   multiplicative component on data with a value ≤ 0, or a `fit` without initial states.
[[nodiscard]] ets_fit reapply_ets(const ets_fit& fit, std::span<const double> y);

/// Forecast variances of the analytic classes (R's class1–class3): σ²(1 + Σc_j²) for additive
/// errors without multiplicative trend or season (class 1); the θ recursion for multiplicative
/// errors (class 2); the matrix recursion for multiplicative error and season (class 3).
/// Returns an empty vector for models with a multiplicative trend, which need simulation.
[[nodiscard]] std::vector<double> ets_forecast_variance(const ets_fit& fit, int h);

/// Point forecasts and prediction intervals h steps ahead, as R's `forecast.ets()`:
/// classes 1–3 (see ets_forecast_variance()) give mean_h and mean_h ± z·√v_h; models with a
/// multiplicative trend (or `opt.simulate`/`opt.bootstrap`) give the recursion's point forecasts
/// and intervals from `opt.npaths` simulated paths (type-8 quantiles at ½ ∓ level/200).
/// Differences from CRAN forecast 8.20 (docs/r-differences.md): the damping sum
/// φ + … + φ^h and the seasonal G index of class 1 are the correct ones.
/// \throws invalid_argument for h < 1 or a level outside (0, 100).
[[nodiscard]] forecast_values forecast_ets(const ets_fit& fit, int h, std::span<const double> levels,
                                           const ets_forecast_options& opt = {});

/// The fit in the vocabulary shared by all methods (forecast/model.hpp).
[[nodiscard]] inline model_info to_model_info(const ets_fit& fit) {
  model_info info;
  info.method = fit.method;
  for (std::size_t i = 0; i < fit.par.size(); ++i) info.parameters.emplace_back(fit.par_names[i], fit.par[i]);
  info.sigma2 = fit.sigma2;
  info.loglik = fit.loglik;
  info.aic = fit.aic;
  info.aicc = fit.aicc;
  info.bic = fit.bic;
  info.fitted = fit.fitted;
  info.residuals = fit.residuals;
  info.status = fit.status;
  info.status_message = fit.status_message;
  return info;
}

}  // namespace tradecast::forecast
