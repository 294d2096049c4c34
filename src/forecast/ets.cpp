// SPDX-License-Identifier: MIT
// Automatic ETS fitting, re-use and forecasts (declared in tradecast/forecast/ets.hpp). Compiled
// once here, so that a program calling them does not instantiate and optimise the whole engine in
// each of its own files.
#include "tradecast/forecast/ets.hpp"

#include "tradecast/forecast/detail/holt_winters_zz.hpp"

namespace tradecast::forecast {
namespace detail {
namespace {

void ets_check_char(char c, const char* allowed, const char* name) {
  for (const char* p = allowed; *p; ++p)
    if (*p == c) return;
  throw invalid_argument(std::string("ets: ") + name + " = '" + std::string(1, c) + "' is not one of '" + allowed + "'");
}

/// Moves the outputs of a model run over the data (ets_run_model()) into a fit: states (and the
/// final one), fitted values, residuals, likelihood, criteria, mse/amse, parameter count.
void ets_take_run(ets_fit& f, ets_model_result&& r) {
  f.states = std::move(r.states);
  f.final_state.assign(f.states.end() - static_cast<std::ptrdiff_t>(f.state_size), f.states.end());
  f.fitted = std::move(r.fitted);
  f.residuals = std::move(r.residuals);
  f.loglik = r.loglik;
  f.aic = r.aic;
  f.aicc = r.aicc;
  f.bic = r.bic;
  f.mse = r.mse;
  f.amse = r.amse;
  f.n_params = r.np;
}

/// Fills an ets_fit from a fitted model.
ets_fit ets_make_fit(std::span<const double> y, const ets_model_request& rq, ets_model_result&& r,
                     int frequency) {
  ets_fit f;
  f.error = ets_char(rq.error);
  f.trend = ets_char(rq.trend);
  f.season = ets_char(rq.season);
  f.damped = rq.damped;
  f.m = rq.season != ets_none ? rq.m : 1;
  f.frequency = frequency;
  f.n = y.size();
  f.method = ets_method_name(f.error, f.trend, f.season, f.damped);
  f.alpha = r.par.alpha;
  if (rq.trend != ets_none) f.beta = r.par.beta;
  if (rq.season != ets_none) f.gamma = r.par.gamma;
  if (rq.damped) f.phi = r.par.phi;
  // R's par: optimised [smoothing..., states...] then the user-fixed values.
  std::size_t j = 0;
  if (!rq.has_alpha) f.par_names.emplace_back("alpha"), f.par.push_back(r.opt_par[j++]);
  if (rq.trend != ets_none && !rq.has_beta) f.par_names.emplace_back("beta"), f.par.push_back(r.opt_par[j++]);
  if (rq.season != ets_none && !rq.has_gamma) f.par_names.emplace_back("gamma"), f.par.push_back(r.opt_par[j++]);
  if (rq.damped && !rq.has_phi) f.par_names.emplace_back("phi"), f.par.push_back(r.opt_par[j++]);
  f.par_names.emplace_back("l");
  f.par.push_back(r.opt_par[j++]);
  if (rq.trend != ets_none) f.par_names.emplace_back("b"), f.par.push_back(r.opt_par[j++]);
  for (int k = 0; j < r.opt_par.size(); ++k) {
    f.par_names.emplace_back("s" + std::to_string(k));
    f.par.push_back(r.opt_par[j++]);
  }
  if (rq.has_alpha) f.par_names.emplace_back("alpha"), f.par.push_back(rq.given.alpha);
  if (rq.has_beta) f.par_names.emplace_back("beta"), f.par.push_back(rq.given.beta);
  if (rq.has_gamma) f.par_names.emplace_back("gamma"), f.par.push_back(rq.given.gamma);
  if (rq.has_phi) f.par_names.emplace_back("phi"), f.par.push_back(rq.given.phi);
  f.state_size = r.initial_state.size();
  f.initial_state = r.initial_state;
  ets_take_run(f, std::move(r));
  f.sigma2 = static_cast<double>(ets_sum_squares(f.residuals) /
                                 static_cast<long double>(static_cast<double>(y.size()) - static_cast<double>(f.par.size())));
  f.evaluations = r.fncount;
  f.optimiser_code = r.fail;
  f.status = r.fail == 1 ? fit_status::iteration_limit : fit_status::converged;
  if (r.fail == 1)
    f.status_message = "Nelder-Mead stopped at the evaluation limit (" + std::to_string(rq.maxit) + "), as R's ets often does";
  else if (r.fail == 10)
    f.status_message = "Nelder-Mead simplex could not be shrunk further";
  return f;
}

/// Simple exponential smoothing with fixed α and l_0 = y_1 (R's `ses(initial = "simple")`, used
/// for constant series, and the naive fallback); nothing is estimated.
ets_fit ets_simple_ses(std::span<const double> y, int error, double alpha, int frequency) {
  ets_fit f;
  f.error = ets_char(error);
  f.frequency = frequency;
  f.n = y.size();
  f.alpha = alpha;
  f.state_size = 1;
  f.initial_state = {y[0]};
  f.states.resize(y.size() + 1);
  f.fitted.resize(y.size());
  f.residuals.resize(y.size());
  ets_smoothing sp;
  sp.alpha = alpha;
  const ets_calc_output co = ets_calc(y, 1, error, ets_none, ets_none, sp, f.initial_state, 1, f.residuals.data(),
                                      f.fitted.data(), f.states.data(), nullptr);
  for (std::size_t t = 0; t < y.size(); ++t)
    f.fitted[t] = error == ets_add ? y[t] - f.residuals[t] : y[t] / (1 + f.residuals[t]);
  f.final_state = {f.states.back()};
  f.par_names = {"alpha", "l"};
  f.par = {alpha, y[0]};
  f.mse = static_cast<double>(ets_sum_squares(f.residuals) / static_cast<long double>(y.size()));
  f.amse = f.mse;
  f.loglik = -0.5 * std::max(co.lik, -1e10);
  return f;
}

/// The parts of a model request every fit takes from the spec: bounds, criterion, limits, and α
/// when the user fixed it.
ets_model_request ets_base_request(const ets_spec& spec) {
  ets_model_request rq;
  rq.has_alpha = spec.alpha.has_value();
  rq.given.alpha = spec.alpha.value_or(0.0);
  rq.lower = spec.lower;
  rq.upper = spec.upper;
  rq.bounds = static_cast<int>(spec.bounds);
  rq.opt_crit = static_cast<int>(spec.opt_crit);
  rq.nmse = spec.nmse;
  rq.maxit = spec.maxit;
  return rq;
}

/// The tiny-data fallback (see the file comment): ETS(E,N,N) estimated when n ≥ 4, else naive.
ets_fit ets_fallback(std::span<const double> y, int error, const ets_spec& spec, int frequency,
                     const std::string& reason, ets_workspace& ws) {
  const std::size_t n = y.size();
  if (n >= 4) {
    ets_model_request rq = ets_base_request(spec);
    rq.error = error;
    ets_model_result r = ets_fit_model(y, rq, ws);
    if (r.ok) {
      ets_fit f = ets_make_fit(y, rq, std::move(r), frequency);
      f.status = fit_status::fell_back;
      f.status_message = reason + "; fitted " + f.method + " (alpha and l estimated) instead";
      return f;
    }
  }
  const double alpha = spec.alpha.value_or(spec.upper[0]);
  ets_fit f = ets_simple_ses(y, error, alpha, frequency);
  f.method = ets_method_name(f.error, 'N', 'N', false);
  f.sigma2 = static_cast<double>(ets_sum_squares(f.residuals) / static_cast<long double>(n - 1));
  f.n_params = 1;
  const double k = 1, ny = static_cast<double>(n), lik = -2 * f.loglik;
  f.aic = lik + 2 * k;
  f.bic = lik + std::log(ny) * k;
  f.aicc = ny - k - 1 > 0 ? f.aic + 2 * k * (k + 1) / (ny - k - 1) : std::numeric_limits<double>::infinity();
  f.status = fit_status::fell_back;
  f.status_message = reason + "; used the naive special case " + f.method + " with alpha = " + tradecast::detail::short_number(alpha) +
                     " and the first observation as its level (nothing estimated)";
  return f;
}

/// One fit_ets() call split in phases so that several specs on the same data can share the
/// lock-step optimiser (fit_ets_many()): the validated request and its prepared candidates, or
/// the fit decided without optimisation (constant series, too little data).
struct ets_plan {
  std::optional<ets_fit> done;
  std::vector<ets_candidate> cands;
  std::vector<ets_problem> problems;
  std::vector<ets_model_result> results;
  std::string notes;
  bool season_dropped = false;  // a seasonal component was asked for but n <= m
  int fallback_error = ets_add;
};

/// Phase 1: validates the request and prepares the candidates in R's order (starting values,
/// initial states). \throws invalid_argument as fit_ets().
ets_plan ets_make_plan(std::span<const double> y, int m, const ets_spec& spec, ets_workspace& ws) {
  ets_plan plan;
  const std::size_t n = y.size();
  if (n < 2)
    throw invalid_argument("fit_ets: y has " + std::to_string(n) + " observation(s); at least 2 are needed");
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(y[i]))
      throw observation_error("fit_ets: ", i, " is not finite (missing values must be removed or interpolated first)");
  if (m < 1) throw invalid_argument("fit_ets: seasonal period m = " + std::to_string(m) + " must be at least 1");
  ets_check_char(spec.error, "AMZ", "spec.error");
  ets_check_char(spec.trend, "NAMZ", "spec.trend");
  ets_check_char(spec.season, "NAMZ", "spec.season");
  if (spec.nmse < 1 || spec.nmse > 30)
    throw invalid_argument("fit_ets: spec.nmse = " + std::to_string(spec.nmse) + " is outside 1..30");
  if (spec.maxit < 1)
    throw invalid_argument("fit_ets: spec.maxit = " + std::to_string(spec.maxit) +
                           " must be at least 1 (Nelder-Mead's evaluation limit; R's default 2000)");
  for (std::size_t i = 0; i < 4; ++i) {
    const std::string k = std::to_string(i);
    if (!std::isfinite(spec.lower[i]) || !std::isfinite(spec.upper[i]))
      throw invalid_argument("fit_ets: spec.lower[" + k + "] = " + tradecast::detail::short_number(spec.lower[i]) +
                             " and spec.upper[" + k + "] = " + tradecast::detail::short_number(spec.upper[i]) +
                             " must be finite numbers");
    if (!(spec.lower[i] <= spec.upper[i]))
      throw invalid_argument("fit_ets: spec.lower[" + k + "] = " + tradecast::detail::short_number(spec.lower[i]) +
                             " exceeds spec.upper[" + k + "] = " + tradecast::detail::short_number(spec.upper[i]));
  }
  // A fixed smoothing parameter must lie in its bounds (R: "Parameters out of range", then "No
  // model able to be fitted"); a NaN or 2 went on to a fit and forecasts of NaN or garbage.
  const char* names[4] = {"alpha", "beta", "gamma", "phi"};
  const std::optional<double>* fixed[4] = {&spec.alpha, &spec.beta, &spec.gamma, &spec.phi};
  for (std::size_t i = 0; i < 4; ++i) {
    const std::optional<double>& v = *fixed[i];
    if (v && !(*v >= spec.lower[i] && *v <= spec.upper[i]))
      throw invalid_argument(std::string("fit_ets: spec.") + names[i] + " = " + tradecast::detail::short_number(*v) +
                             " is outside its bounds [" + tradecast::detail::short_number(spec.lower[i]) + ", " +
                             tradecast::detail::short_number(spec.upper[i]) + "] (spec.lower/upper[" + std::to_string(i) + "])");
  }
  if (spec.bounds != ets_bounds::admissible && spec.alpha) {  // R's usual region, when both are fixed
    if (spec.beta && *spec.beta > *spec.alpha)
      throw invalid_argument("fit_ets: spec.beta = " + tradecast::detail::short_number(*spec.beta) + " exceeds spec.alpha = " +
                             tradecast::detail::short_number(*spec.alpha) + " (the usual bounds need beta <= alpha)");
    if (spec.gamma && *spec.gamma > 1 - *spec.alpha)
      throw invalid_argument("fit_ets: spec.gamma = " + tradecast::detail::short_number(*spec.gamma) + " exceeds 1 - spec.alpha = " +
                             tradecast::detail::short_number(1 - *spec.alpha) + " (the usual bounds need gamma <= 1 - alpha)");
  }

  const bool auto_model = spec.error == 'Z' && spec.trend == 'Z' && spec.season == 'Z';
  if (auto_model && spec.constant_shortcut && detail::is_constant(y)) {
    ets_fit f = ets_simple_ses(y, ets_add, 0.99999, m);
    f.method = "Simple exponential smoothing";
    f.sigma2 = f.mse;
    f.loglik = std::numeric_limits<double>::quiet_NaN();
    f.status_message = "constant series: simple exponential smoothing with alpha = 0.99999 (as R)";
    plan.done = std::move(f);
    return plan;
  }
  char E = spec.error, T = spec.trend, S = spec.season;
  if (m > 1 && n <= static_cast<std::size_t>(m)) {
    // As R's ets(), which drops the season without a word; said here.
    const std::string counts = "n = " + std::to_string(n) + " observations <= m = " + std::to_string(m);
    if (S == 'A' || S == 'M') {
      plan.season_dropped = true;
      plan.notes = "seasonal component could not be estimated: " + counts +
                   " (a season needs at least m + 1); fitted without season, as R's ets()";
    } else if (S == 'Z') {
      plan.notes = "seasonal models not considered: " + counts + " (a season needs at least m + 1), as R's ets()";
    }
    S = 'N';
  }
  if (m == 1) {
    if (S == 'A' || S == 'M')
      throw invalid_argument("fit_ets: spec.season = '" + std::string(1, S) + "' needs a seasonal period m > 1 (m = 1)");
    S = 'N';
  }
  if (m > 24) {
    if (S == 'A' || S == 'M')
      throw invalid_argument("fit_ets: seasonal period m = " + std::to_string(m) + " is too high for a seasonal ETS model (at most 24)");
    if (S == 'Z') {
      S = 'N';
      plan.notes = "seasonality ignored: m = " + std::to_string(m) + " > 24";
    }
  }
  if (spec.restrict_models) {
    if ((E == 'A' && (T == 'M' || S == 'M')) || (E == 'M' && T == 'M' && S == 'A'))
      throw invalid_argument(std::string("ETS(") + E + "," + T + "," + S +
                             ") is excluded, as in R's ets(): its additive error with a multiplicative component "
                             "is numerically unstable (library: ets_spec::restrict_models = false allows it)");
  }
  if (spec.additive_only && (E == 'M' || T == 'M' || S == 'M'))
    throw invalid_argument(std::string("ETS(") + E + "," + T + "," + S +
                           ") has a multiplicative component, which a Box-Cox transformed series cannot take (as in "
                           "R); drop the transformation or choose an additive model (library: ets_spec::additive_only)");
  const bool positive = detail::first_not_positive(y) == n;
  if (!positive && (E == 'M' || T == 'M' || S == 'M')) {
    const std::string d = spec.damped.value_or(false) ? "d" : "";
    detail::require_positive(y, std::string("ETS(") + E + "," + T + d + "," + S +
                                    ") has a multiplicative component, which needs positive data, but ",
                             std::string("; choose additive components (e.g. ets:A") + (T == 'M' ? 'A' : T) + d +
                                 (S == 'M' ? 'A' : S) + ")");
  }
  if (spec.damped.value_or(false) && T == 'N')
    throw invalid_argument(std::string("a damped trend needs a trend: ETS(") + E + ",Nd," + S +
                           ") is not a model; use trend A (e.g. ets:" + E + "Ad" + S + ")");

  plan.fallback_error = E == 'M' ? ets_mult : ets_add;
  std::size_t npars = 2;
  if (T == 'A' || T == 'M') npars += 2;
  if (S == 'A' || S == 'M') npars += static_cast<std::size_t>(m);
  if (spec.damped.value_or(false)) npars += 1;
  if (n <= npars + 4) {
    const std::string reason =
        "too little data: n = " + std::to_string(n) + " <= " + std::to_string(npars + 4) + " for the requested model";
    std::string failures;
    if (std::optional<ets_fit> f = ets_tiny_data_fit(y, m, T, S, spec, reason, failures)) {
      plan.done = std::move(*f);
      return plan;
    }
    plan.done = ets_fallback(y, plan.fallback_error, spec, m,
                             reason + ", and R's Holt-Winters fits failed (" + failures + ")", ws);
    return plan;
  }

  std::vector<char> errs, trends, seasons;
  std::vector<bool> dampeds;
  if (E == 'Z') errs = {'A', 'M'}; else errs = {E};
  if (T == 'Z') {
    if (spec.allow_multiplicative_trend) trends = {'N', 'A', 'M'}; else trends = {'N', 'A'};
  } else {
    trends = {T};
  }
  if (S == 'Z') seasons = {'N', 'A', 'M'}; else seasons = {S};
  if (spec.damped.has_value()) dampeds = {*spec.damped}; else dampeds = {true, false};

  // 1. The candidates in R's order, each prepared (starting values, initial states).
  std::vector<ets_candidate>& cands = plan.cands;
  std::vector<ets_problem>& problems = plan.problems;
  for (char e : errs) {
    for (char t : trends) {
      for (char s : seasons) {
        for (bool d : dampeds) {
          if (t == 'N' && d) continue;
          if (spec.restrict_models) {
            if (e == 'A' && (t == 'M' || s == 'M')) continue;
            if (e == 'M' && t == 'M' && s == 'A') continue;
            if (spec.additive_only && (e == 'M' || t == 'M' || s == 'M')) continue;
          }
          if (!positive && (e == 'M' || t == 'M' || s == 'M')) continue;
          ets_model_request rq = ets_base_request(spec);
          rq.error = ets_code(e);
          rq.trend = ets_code(t);
          rq.season = ets_code(s);
          rq.damped = d;
          rq.m = m;
          rq.has_beta = spec.beta.has_value();
          rq.has_gamma = spec.gamma.has_value();
          rq.has_phi = spec.phi.has_value();
          rq.given.beta = spec.beta.value_or(0.0);
          rq.given.gamma = spec.gamma.value_or(0.0);
          rq.given.phi = spec.phi.value_or(1.0);
          ets_candidate c;
          c.method = ets_method_name(e, t, s, d);
          c.error = e;
          c.trend = t;
          c.season = s;
          c.damped = d;
          cands.push_back(std::move(c));
          ets_problem pb;
          try {
            pb = ets_prepare(y, rq);
          } catch (const invalid_argument& ex) {
            pb.rq = rq;
            pb.ok = false;
            pb.failure = ex.what();
          }
          problems.push_back(std::move(pb));
        }
      }
    }
  }
  plan.results.resize(plan.problems.size());
  return plan;
}

/// Whether two model requests are the same optimisation problem (on the same data).
bool ets_same_request(const ets_model_request& a, const ets_model_request& b) {
  return a.error == b.error && a.trend == b.trend && a.season == b.season && a.damped == b.damped && a.m == b.m &&
         a.has_alpha == b.has_alpha && a.has_beta == b.has_beta && a.has_gamma == b.has_gamma &&
         a.has_phi == b.has_phi && a.given.alpha == b.given.alpha && a.given.beta == b.given.beta &&
         a.given.gamma == b.given.gamma && a.given.phi == b.given.phi && a.lower == b.lower && a.upper == b.upper &&
         a.bounds == b.bounds && a.opt_crit == b.opt_crit && a.nmse == b.nmse && a.maxit == b.maxit;
}

/// Phase 2: optimises every candidate of every plan; plan i is on the data ys[i]. The likelihood-
/// and MSE-criterion models of all plans run together (lock-step Nelder–Mead, each on its own
/// path: the results are those of fitting them one by one; plans on several series fill more
/// lanes per pass), the others one at a time. A candidate that an earlier plan on the same data
/// already has (the same request: automatic ETS and ETS restricted to damped trends share their
/// damped candidates) is optimised once and its result copied.
void ets_optimise_plans(std::span<const std::span<const double>> ys, std::span<ets_plan> plans, ets_workspace& ws) {
  std::vector<const ets_problem*> batch;
  std::vector<std::span<const double>> batch_y;
  std::vector<ets_model_result*> batch_out;
  struct seen_request {
    const ets_problem* problem;
    std::span<const double> data;
    ets_model_result* result;
  };
  std::vector<seen_request> seen;  // first occurrence of each request on each series
  std::vector<std::pair<ets_model_result*, ets_model_result*>> copies;  // (copy to, copy from)
  for (std::size_t q = 0; q < plans.size(); ++q) {
    ets_plan& plan = plans[q];
    const std::span<const double> y = ys[q];
    if (plan.done) continue;
    for (std::size_t i = 0; i < plan.problems.size(); ++i) {
      const ets_problem& pb = plan.problems[i];
      if (pb.ok && plans.size() > 1) {
        const auto same = std::find_if(seen.begin(), seen.end(), [&](const seen_request& e) {
          return e.data.data() == y.data() && e.data.size() == y.size() && ets_same_request(e.problem->rq, pb.rq);
        });
        if (same != seen.end()) {
          copies.emplace_back(&plan.results[i], same->result);
          continue;
        }
        seen.push_back({&pb, y, &plan.results[i]});
      }
      if (ets_batchable(pb)) {
        batch.push_back(&pb);
        batch_y.push_back(y);
        batch_out.push_back(&plan.results[i]);
      } else {
        plan.results[i] = ets_fit_problem(y, pb, ws);
      }
    }
  }
  if (!batch.empty()) {
    std::vector<std::vector<double>> bpar;
    std::vector<nmmin_result> bres;
    ets_optimise_many(std::span<const std::span<const double>>(batch_y), batch, bpar, bres);
    for (std::size_t k = 0; k < batch.size(); ++k) *batch_out[k] = ets_finish(batch_y[k], *batch[k], bpar[k], bres[k]);
  }
  for (const auto& [to, from] : copies) *to = *from;
}

/// The candidate with the smallest criterion (the earliest on ties, as R's `fit.ic < best.ic`), the
/// fit decided in phase 1, or the fallback when none could be fitted.
ets_fit ets_select_fit(std::span<const double> y, int m, const ets_spec& spec, ets_plan& plan, ets_workspace& ws) {
  if (plan.done) return std::move(*plan.done);
  std::vector<ets_candidate>& cands = plan.cands;
  std::vector<ets_problem>& problems = plan.problems;
  std::vector<ets_model_result>& results = plan.results;
  ets_model_result best;
  ets_model_request best_rq;
  double best_ic = std::numeric_limits<double>::infinity();
  bool have_best = false;
  for (std::size_t i = 0; i < problems.size(); ++i) {
    ets_model_result& r = results[i];
    ets_candidate& c = cands[i];
    c.fitted = r.ok;
    c.evaluations = r.fncount;
    c.note = r.failure;
    double ic = std::numeric_limits<double>::infinity();
    if (r.ok) {
      c.loglik = r.loglik;
      c.aic = r.aic;
      c.aicc = r.aicc;
      c.bic = r.bic;
      ic = spec.criterion == ets_ic::aicc ? r.aicc : (spec.criterion == ets_ic::aic ? r.aic : r.bic);
    }
    if (!std::isnan(ic) && ic < best_ic) {
      best_ic = ic;
      best = std::move(r);
      best_rq = problems[i].rq;
      have_best = true;
    }
  }
  if (!have_best) {
    ets_fit f = ets_fallback(y, plan.fallback_error, spec, m,
                             "no candidate model could be fitted (R: \"No model able to be fitted\")", ws);
    f.candidates = std::move(cands);
    return f;
  }
  ets_fit f = ets_make_fit(y, best_rq, std::move(best), m);
  f.candidates = std::move(cands);
  return f;
}

/// Phase 3: ets_select_fit() with the plan's notes before its status message; a seasonal
/// component asked for and dropped (n <= m) makes the fit a fallback.
ets_fit ets_select(std::span<const double> y, int m, const ets_spec& spec, ets_plan& plan, ets_workspace& ws) {
  ets_fit f = ets_select_fit(y, m, spec, plan, ws);
  if (!plan.notes.empty())
    f.status_message = f.status_message.empty() ? plan.notes : plan.notes + "; " + f.status_message;
  if (plan.season_dropped && static_cast<int>(f.status) < static_cast<int>(fit_status::fell_back))
    f.status = fit_status::fell_back;
  return f;
}

ets_forecast_input ets_input(const ets_fit& fit) {
  ets_forecast_input in;
  in.error = ets_code(fit.error);
  in.trend = ets_code(fit.trend);
  in.season = ets_code(fit.season);
  in.damped = fit.damped;
  in.m = fit.season != 'N' ? fit.m : 1;
  in.par = fit.smoothing();
  in.last_state = fit.final_state;
  in.sigma2 = fit.sigma2;
  return in;
}
/// Analytic class: 1, 2, 3, or 0 (needs simulation).
int ets_class(const ets_fit& fit) {
  const bool trend_ok = fit.trend == 'N' || fit.trend == 'A';
  if (fit.error == 'A' && trend_ok && fit.season != 'M') return 1;
  if (fit.error == 'M' && trend_ok && fit.season != 'M') return 2;
  if (fit.error == 'M' && trend_ok && fit.season == 'M') return 3;
  return 0;
}
}  // namespace
}  // namespace detail

std::vector<ets_series_fits> fit_ets_series(std::span<const ets_series_job> jobs) {
  detail::ets_workspace ws;
  std::vector<ets_series_fits> out(jobs.size());
  std::vector<detail::ets_plan> plans;
  std::vector<std::span<const double>> ys;
  std::vector<std::size_t> first(jobs.size() + 1, 0);  // plans of job i: first[i] … first[i + 1] − 1
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    first[i] = plans.size();
    try {
      std::vector<detail::ets_plan> mine;
      for (const ets_spec& spec : jobs[i].specs) mine.push_back(detail::ets_make_plan(jobs[i].y, jobs[i].m, spec, ws));
      for (auto& pl : mine) {
        plans.push_back(std::move(pl));
        ys.push_back(jobs[i].y);
      }
    } catch (const invalid_argument&) {
      out[i].error = std::current_exception();
    }
  }
  first[jobs.size()] = plans.size();
  detail::ets_optimise_plans(ys, plans, ws);
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    if (out[i].error) continue;
    for (std::size_t q = first[i]; q < first[i + 1]; ++q)
      out[i].fits.push_back(detail::ets_select(jobs[i].y, jobs[i].m, jobs[i].specs[q - first[i]], plans[q], ws));
  }
  return out;
}

std::vector<ets_fit> fit_ets_many(std::span<const double> y, int m, std::span<const ets_spec> specs) {
  const ets_series_job job{y, m, specs};
  std::vector<ets_series_fits> out = fit_ets_series(std::span<const ets_series_job>(&job, 1));
  if (out.front().error) std::rethrow_exception(out.front().error);
  return std::move(out.front().fits);
}

ets_fit fit_ets(std::span<const double> y, int m, const ets_spec& spec) {
  return std::move(fit_ets_many(y, m, std::span<const ets_spec>(&spec, 1)).front());
}

ets_fit reapply_ets(const ets_fit& fit, std::span<const double> y) {
  if (y.empty()) throw invalid_argument("reapply_ets: y is empty; the model needs at least one observation");
  if (fit.initial_state.size() != fit.state_size || fit.initial_state.empty())
    throw invalid_argument("reapply_ets: the model has no initial states (was it produced by fit_ets()?)");
  for (std::size_t t = 0; t < y.size(); ++t)
    if (!std::isfinite(y[t]))
      throw observation_error("reapply_ets: ", t, " is not finite; pass consecutive present values");
  const bool multiplicative = fit.error == 'M' || fit.trend == 'M' || fit.season == 'M';
  if (multiplicative)
    detail::require_positive(y, fit.method + " has a multiplicative component, which needs positive data, but ");
  ets_fit f = fit;
  f.candidates.clear();
  f.n = y.size();
  f.evaluations = 0;
  f.optimiser_code = 0;
  detail::ets_smoothing sp = fit.smoothing();
  sp.alpha = std::max(sp.alpha, 1e-10);
  detail::ets_model_result r;
  r.initial_state = fit.initial_state;
  const int np = static_cast<int>(fit.par.size()) + 1;
  detail::ets_run_model(y, fit.m, detail::ets_code(fit.error), detail::ets_code(fit.trend), detail::ets_code(fit.season),
                        sp, 3 /* R's default nmse of the new ets() call */, np, r);
  const bool undefined = !r.failure.empty();
  detail::ets_take_run(f, std::move(r));
  const double k = np, ny = static_cast<double>(y.size());
  f.sigma2 = ny > k ? static_cast<double>(detail::ets_sum_squares(f.residuals) / static_cast<long double>(ny - k))
                    : std::numeric_limits<double>::quiet_NaN();
  f.status = fit_status::converged;
  f.status_message = "parameters and initial states re-used from an earlier fit (nothing re-estimated)";
  if (undefined) {
    f.loglik = f.aic = f.aicc = f.bic = f.mse = f.amse = f.sigma2 = std::numeric_limits<double>::quiet_NaN();
    f.status = fit_status::failed;
    f.status_message = "re-used " + fit.method + " gives an undefined forecast (multiplicative trend with a negative slope)";
  }
  return f;
}

namespace {

/// \throws invalid_argument unless `fit` holds a model and the state its forecasts start from
/// (level, trend, m seasons), as fit_ets() returns it; a default-constructed ets_fit has none.
void check_forecastable(const ets_fit& fit, const char* who) {
  const bool trend = fit.trend != 'N', season = fit.season != 'N';
  const std::size_t states = 1 + (trend ? 1 : 0) + (season && fit.m > 0 ? static_cast<std::size_t>(fit.m) : 0);
  if (std::string_view("AM").find(fit.error) == std::string_view::npos ||
      std::string_view("NAM").find(fit.trend) == std::string_view::npos ||
      std::string_view("NAM").find(fit.season) == std::string_view::npos || (season && fit.m < 2) ||
      fit.final_state.size() != states)
    throw invalid_argument(std::string(who) + ": the fit is not one fit_ets() returned (model '" +
                           std::string(1, fit.error) + fit.trend + fit.season + "', m = " + std::to_string(fit.m) + ", " +
                           std::to_string(fit.final_state.size()) + " final state(s) where " + std::to_string(states) +
                           " are needed)");
}

}  // namespace

std::vector<double> ets_forecast_variance(const ets_fit& fit, int h) {
  check_horizon(h);
  check_forecastable(fit, "ets_forecast_variance");
  const detail::ets_forecast_input in = detail::ets_input(fit);
  switch (detail::ets_class(fit)) {
    case 1: return detail::ets_class1(in, h).var;
    case 2: return detail::ets_class2(in, h).var;
    case 3: return detail::ets_class3(in, h).var;
    default: return {};
  }
}

forecast_values forecast_ets(const ets_fit& fit, int h, std::span<const double> levels,
                             const ets_forecast_options& opt) {
  check_horizon(h);
  check_levels(levels);
  check_npaths(opt.npaths, h);
  check_forecastable(fit, "forecast_ets");
  const detail::ets_forecast_input in = detail::ets_input(fit);
  const int cls = detail::ets_class(fit);
  const bool simulate = opt.simulate || opt.bootstrap || cls == 0;
  forecast_values out;
  const auto uh = static_cast<std::size_t>(h);
  if (!simulate) {
    detail::ets_moments mom = cls == 1 ? detail::ets_class1(in, h) : (cls == 2 ? detail::ets_class2(in, h) : detail::ets_class3(in, h));
    out.mean = std::move(mom.mean);
    for (double level : levels) {
      prediction_interval pi;
      pi.level = level;
      pi.lower.resize(uh);
      pi.upper.resize(uh);
      const double z = normal_multiplier(level);
      for (std::size_t i = 0; i < uh; ++i) {
        const double me = std::sqrt(mom.var[i]) * z;
        pi.lower[i] = out.mean[i] - me;
        pi.upper[i] = out.mean[i] + me;
      }
      out.intervals.push_back(std::move(pi));
    }
    return out;
  }
  out.mean = detail::ets_point_forecasts(in, h);
  const std::vector<double> paths = detail::ets_simulate_paths(in, h, opt.npaths, opt.seed, fit.residuals, opt.bootstrap);
  for (double level : levels) {
    prediction_interval pi;
    pi.level = level;
    pi.lower.resize(uh);
    pi.upper.resize(uh);
    out.intervals.push_back(std::move(pi));
  }
  std::vector<double> col;
  col.reserve(static_cast<std::size_t>(opt.npaths));
  for (std::size_t i = 0; i < uh; ++i) {
    col.clear();
    for (int p = 0; p < opt.npaths; ++p) {
      const double v = paths[static_cast<std::size_t>(p) * uh + i];
      if (!std::isnan(v)) col.push_back(v);
    }
    for (std::size_t k = 0; k < levels.size(); ++k) {
      out.intervals[k].lower[i] = detail::quantile_type8(col, 0.5 - levels[k] / 200);
      out.intervals[k].upper[i] = detail::quantile_type8(col, 0.5 + levels[k] / 200);
    }
  }
  return out;
}

}  // namespace tradecast::forecast
