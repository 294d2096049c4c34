// SPDX-License-Identifier: MIT
// The forecasting engine behind every method name (declared in tradecast/forecast/engine.hpp):
// parsing method names, fitting, combinations, Box-Cox, the batched and re-used fits. Compiled once
// here, so that a program calling forecast_series() does not instantiate and optimise the whole
// engine in each of its own files.
#include "tradecast/forecast/engine.hpp"

namespace tradecast::forecast::detail {

std::string known_methods() {
  std::string known;
  for (const auto& n : method_names()) known += (known.empty() ? "" : ", ") + n;
  return known;
}

/// ETS spec of the smoothing methods as R's ses/holt/hw fit them (in-sample MSE).
ets_spec smoothing_spec(char e, char t, char s, bool damped) {
  ets_spec spec;
  spec.error = e, spec.trend = t, spec.season = s, spec.damped = damped;
  spec.opt_crit = ets_opt_crit::mse;
  return spec;
}

void check_lambda_options(const method_spec& spec, const forecast_options& opt);

fit_status worse(fit_status a, fit_status b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

/// Mean or median, per step, of the members' point forecasts and interval bounds.
forecast_values combine(const std::vector<forecast_values>& parts, bool median) {
  auto agg = [&](auto get, std::size_t i) {
    std::vector<double> v;
    v.reserve(parts.size());
    for (const auto& p : parts) v.push_back(get(p)[i]);
    if (!median) {
      double s = 0;
      for (double x : v) s += x;
      return s / static_cast<double>(v.size());
    }
    std::sort(v.begin(), v.end());
    const std::size_t k = v.size() / 2;
    return v.size() % 2 ? v[k] : 0.5 * (v[k - 1] + v[k]);
  };
  forecast_values out;
  const std::size_t h = parts.front().mean.size();
  for (std::size_t i = 0; i < h; ++i) out.mean.push_back(agg([](const forecast_values& p) -> const auto& { return p.mean; }, i));
  for (std::size_t k = 0; k < parts.front().intervals.size(); ++k) {
    prediction_interval pi;
    pi.level = parts.front().intervals[k].level;
    for (std::size_t i = 0; i < h; ++i) {
      pi.lower.push_back(agg([k](const forecast_values& p) -> const auto& { return p.intervals[k].lower; }, i));
      pi.upper.push_back(agg([k](const forecast_values& p) -> const auto& { return p.intervals[k].upper; }, i));
    }
    out.intervals.push_back(std::move(pi));
  }
  return out;
}

/// Mean or median of the members' fitted values (NaN where any member has none).
std::vector<double> combine_fitted(const std::vector<model_info>& members, bool median, std::size_t n) {
  std::vector<double> out(n);
  std::vector<double> v;
  for (std::size_t t = 0; t < n; ++t) {
    v.clear();
    for (const auto& mi : members) v.push_back(t < mi.fitted.size() ? mi.fitted[t] : std::numeric_limits<double>::quiet_NaN());
    if (std::any_of(v.begin(), v.end(), [](double x) { return std::isnan(x); })) {
      out[t] = std::numeric_limits<double>::quiet_NaN();
    } else if (median) {
      std::sort(v.begin(), v.end());
      const std::size_t k = v.size() / 2;
      out[t] = v.size() % 2 ? v[k] : 0.5 * (v[k - 1] + v[k]);
    } else {
      double s = 0;
      for (double x : v) s += x;
      out[t] = s / static_cast<double>(v.size());
    }
  }
  return out;
}

/// Status and message of a combination from its members'.
void combine_status(model_info& info, const std::vector<model_info>& members, const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < members.size(); ++i) {
    info.status = worse(info.status, members[i].status);
    if (members[i].status != fit_status::converged && !members[i].status_message.empty())
      info.status_message += (info.status_message.empty() ? "" : "; ") + names[i] + ": " + members[i].status_message;
  }
}

void flag_non_finite(model_forecast& r, bool infinite_bounds_explained);
std::string first_non_finite(const forecast_values& v, bool unbounded_ok);
std::string unbounded_note(const forecast_values& after, const forecast_values* before, double lambda);
std::string step_range(const std::vector<std::size_t>& steps);
bool back_transform(model_forecast& r, double lambda, bool biasadj, std::string* beyond_note);

/// Puts the seasonal indices back on a model fitted to `sa.series` (forecast::reseasonalise());
/// the method name says that the series was adjusted.
void reseasonalise(model_forecast& r, const seasonal_adjustment& sa, std::span<const double> y, int m) {
  forecast::reseasonalise(r.values, r.model, sa, y);
  if (sa.adjusted) r.model.method += " (seasonally adjusted, m = " + std::to_string(m) + ")";
}

/// Forecasts of an ETS method from its fit.
model_forecast ets_model_forecast(const ets_fit& fit, const method_spec& spec, int h, const forecast_options& opt) {
  model_forecast r;
  ets_forecast_options fo;
  fo.seed = opt.seed;
  fo.simulate = opt.simulate;
  fo.bootstrap = opt.bootstrap;
  fo.npaths = opt.npaths;
  r.values = forecast_ets(fit, h, opt.levels, fo);
  r.model = to_model_info(fit);
  if (fit.trend == 'M' && !opt.simulate && !opt.bootstrap)  // said: no --simulate asked for them
    r.model.status_message += (r.model.status_message.empty() ? "" : "; ") + std::string("intervals simulated from ") +
                              std::to_string(opt.npaths) + " sample paths with normal errors (seed " +
                              std::to_string(opt.seed) + "): a multiplicative trend has no analytic formula, as in R";
  // R's ses/holt/hw print their own name (a fallback keeps the name of the model actually fitted).
  if (!spec.label.empty() && fit.status != fit_status::fell_back) r.model.method = spec.label;
  return r;
}

/// Comb S-H-D's members, ses, holt and damped, as R's functions fit them.
const std::vector<method_spec>& comb_members() {
  static const std::vector<method_spec> members = {parse_method("ses"), parse_method("holt"), parse_method("damped")};
  return members;
}

/// The ETS specs of comb_members().
const std::vector<ets_spec>& comb_specs() {
  static const std::vector<ets_spec> specs = [] {
    std::vector<ets_spec> out;
    for (const method_spec& mb : comb_members()) out.push_back(mb.ets);
    return out;
  }();
  return specs;
}

/// The seasonal adjustment of Comb S-H-D (the M4 benchmarks' 90% test and multiplicative decomposition).
seasonal_adjustment comb_adjust(std::span<const double> y, int m) {
  return seasonally_adjust(y, m, m4_seasonality_options(m));
}

/// Comb S-H-D from its members' fits (ses, holt, damped on sa.series): the mean of the three, the
/// seasonal indices put back.
model_forecast comb_finish(std::span<const double> y, int m, int h, const forecast_options& opt,
                           const seasonal_adjustment& sa, const std::vector<ets_fit>& fits) {
  const char* names[] = {"ses", "holt", "damped"};
  std::vector<model_info> infos;
  std::vector<forecast_values> parts;
  for (std::size_t i = 0; i < fits.size(); ++i) {
    model_forecast mf = ets_model_forecast(fits[i], comb_members()[i], h, opt);
    parts.push_back(std::move(mf.values));
    infos.push_back(std::move(mf.model));
  }
  model_forecast r;
  r.values = combine(parts, false);
  r.model.method = "Comb S-H-D";
  for (std::size_t i = 0; i < infos.size(); ++i) {
    for (const auto& [k, v] : infos[i].parameters) r.model.parameters.emplace_back(std::string(names[i]) + "." + k, v);
  }
  r.model.fitted = combine_fitted(infos, false, sa.series.size());
  combine_status(r.model, infos, {"ses", "holt", "damped"});
  reseasonalise(r, sa, y, m);
  return r;
}

/// Whether an ETS method asks for a seasonal component that data of period m cannot have.
bool ets_season_on_nonseasonal(const method_spec& spec, int m) {
  return m < 2 && (spec.ets.season == 'A' || spec.ets.season == 'M');
}

/// \throws invalid_argument for an ETS method with a seasonal component on non-seasonal data.
void check_ets_season(const method_spec& spec, int m) {
  if (ets_season_on_nonseasonal(spec, m))
    throw invalid_argument("method '" + spec.name + "' has a seasonal component and needs seasonal data " +
                           "(quarterly or monthly); this series has seasonal period m = " + std::to_string(m));
}

/// Whether an ensemble member takes part for data of period m (`auto`'s damped ETS only when m > 1).
bool member_used(const method_spec& member, int m) { return !member.seasonal_only || m > 1; }

/// The ETS members of an ensemble fitted together (fit_ets_many(): overlapped searches, shared
/// candidates, the same results as one by one); entry i is empty when member i is not an ETS
/// method or is not used. Empty altogether when fewer than two qualify or a spec is rejected (the
/// members are then fitted one by one, which reports the error for the right member).
std::vector<std::optional<ets_fit>> fit_ets_members(std::span<const double> y, int m, const method_spec& spec) {
  std::vector<std::size_t> idx;
  std::vector<ets_spec> specs;
  for (std::size_t i = 0; i < spec.members.size(); ++i) {
    const method_spec& mb = spec.members[i];
    if (mb.kind != method_kind::ets || !member_used(mb, m) || ets_season_on_nonseasonal(mb, m)) continue;
    idx.push_back(i);
    specs.push_back(mb.ets);
  }
  std::vector<std::optional<ets_fit>> out;
  if (specs.size() < 2) return out;
  std::vector<ets_fit> fits;
  try {
    fits = fit_ets_many(y, m, specs);
  } catch (const invalid_argument&) {
    return out;
  }
  out.resize(spec.members.size());
  for (std::size_t k = 0; k < idx.size(); ++k) out[idx[k]] = std::move(fits[k]);
  return out;
}

/// A method fitted to some data, ready to forecast any horizon: the fit of each model it uses
/// (fit_node()), forecast by forecast_node(). The data themselves are not kept here: the caller
/// passes the same ones again (an `sa:` member's are the adjusted series kept in `sa`).
struct fitted_node {
  const method_spec* spec = nullptr;  ///< into the spec the whole fit keeps
  int m = 1;
  std::optional<ets_fit> ets{};        ///< kind ets
  std::optional<simple_fit> simple{};  ///< kind simple
  std::optional<theta_fit> theta{};    ///< kind theta
  seasonal_adjustment sa{};            ///< kinds comb and adjusted
  std::vector<ets_fit> comb{};         ///< kind comb: ses, holt, damped on sa.series
  /// Kinds ensemble, automatic (one per member of spec->members) and adjusted (the inner method).
  struct member {
    bool used = false;                     ///< member_used(): auto's damped ETS only when m > 1
    bool together = false;                 ///< fitted with the other ETS members (fit_ets_members())
    std::unique_ptr<fitted_node> node{};   ///< its fit (null when unused or left out)
    std::string dropped{};                 ///< auto: why the member was left out ("name left out: ...")
  };
  std::vector<member> members{};
};

fitted_node fit_node(std::span<const double> y, int m, const method_spec& spec) {
  fitted_node f;
  f.spec = &spec;
  f.m = m;
  switch (spec.kind) {
    case method_kind::ets:
      check_ets_season(spec, m);
      f.ets = fit_ets(y, m, spec.ets);
      return f;
    case method_kind::simple: f.simple = fit_simple(y, m, spec.simple); return f;
    case method_kind::theta: f.theta = fit_theta(y, m); return f;
    case method_kind::comb:  // M4's Comb S-H-D: ses, holt and damped on the adjusted data (comb_finish())
      f.sa = comb_adjust(y, m);
      f.comb = fit_ets_many(f.sa.series, 1, comb_specs());  // the three searches overlap
      return f;
    case method_kind::adjusted: {
      if (spec.members.size() != 1)
        throw invalid_argument("method '" + spec.name + "': a seasonally adjusted method needs one inner method (" +
                               std::to_string(spec.members.size()) + " in method_spec::members); use parse_method(\"sa:NAME\")");
      f.sa = seasonally_adjust(y, m, m4_seasonality_options(m));
      f.members.resize(1);
      f.members[0].used = true;
      f.members[0].node = std::make_unique<fitted_node>(fit_node(f.sa.series, 1, spec.members.front()));
      return f;
    }
    case method_kind::automatic:
    case method_kind::ensemble: {
      std::vector<std::optional<ets_fit>> ets_fits = fit_ets_members(y, m, spec);
      f.members.resize(spec.members.size());
      for (std::size_t i = 0; i < spec.members.size(); ++i) {
        const method_spec& member = spec.members[i];
        fitted_node::member& fm = f.members[i];
        fm.used = member_used(member, m);
        if (!fm.used) continue;
        if (i < ets_fits.size() && ets_fits[i]) {
          fm.together = true;
          fm.node = std::make_unique<fitted_node>();
          fm.node->spec = &member;
          fm.node->m = m;
          fm.node->ets = std::move(ets_fits[i]);
        } else if (spec.kind == method_kind::automatic) {
          try {
            fm.node = std::make_unique<fitted_node>(fit_node(y, m, member));
          } catch (const invalid_argument& e) {
            fm.dropped = member.name + " left out: " + e.what();
          }
        } else {
          fm.node = std::make_unique<fitted_node>(fit_node(y, m, member));
        }
      }
      // `auto` with every member left out: said now rather than by each forecast.
      if (std::none_of(f.members.begin(), f.members.end(), [](const fitted_node::member& fm) { return fm.node != nullptr; })) {
        std::string dropped;
        for (const fitted_node::member& fm : f.members)
          if (!fm.dropped.empty()) dropped += (dropped.empty() ? "" : "; ") + fm.dropped;
        throw invalid_argument("method '" + spec.name + "': no member could be fitted (" + dropped + ")");
      }
      return f;
    }
  }
  throw invalid_argument("method '" + spec.name + "': unknown kind");
}

/// Forecasts `h` steps from a fit_node() of `y`. With `members_lambda` (the data are Box-Cox
/// transformed), the members of an ensemble or of `auto` are transformed back one by one before
/// they are combined.
model_forecast forecast_node(const fitted_node& f, std::span<const double> y, int h, const forecast_options& opt,
                             std::optional<double> members_lambda = std::nullopt) {
  const method_spec& spec = *f.spec;
  const int m = f.m;
  model_forecast r;
  switch (spec.kind) {
    case method_kind::ets: return ets_model_forecast(*f.ets, spec, h, opt);
    case method_kind::simple:
      r.values = forecast_simple(*f.simple, h, opt.levels);
      r.model = to_model_info(*f.simple);
      return r;
    case method_kind::theta:
      r.values = forecast_theta(*f.theta, h, opt.levels);
      r.model = to_model_info(*f.theta);
      return r;
    case method_kind::comb: return comb_finish(y, m, h, opt, f.sa, f.comb);
    case method_kind::adjusted:
      r = forecast_node(*f.members.front().node, f.sa.series, h, opt);
      reseasonalise(r, f.sa, y, m);
      if (!spec.label.empty()) r.model.method = spec.label;
      return r;
    case method_kind::automatic:
    case method_kind::ensemble: {
      std::vector<model_info> infos;
      std::vector<forecast_values> parts;
      std::vector<std::string> names;
      std::string list, dropped, beyond;
      for (std::size_t i = 0; i < spec.members.size(); ++i) {
        const method_spec& member = spec.members[i];
        const fitted_node::member& fm = f.members[i];
        if (!fm.used) continue;
        model_forecast mf;
        if (!fm.dropped.empty()) {
          dropped += (dropped.empty() ? "" : "; ") + fm.dropped;
          continue;
        }
        if (spec.kind == method_kind::automatic && !fm.together) {
          try {
            mf = forecast_node(*fm.node, y, h, opt);
          } catch (const invalid_argument& e) {
            dropped += (dropped.empty() ? "" : "; ") + member.name + " left out: " + e.what();
            continue;
          }
        } else {
          mf = forecast_node(*fm.node, y, h, opt);
        }
        if (members_lambda) {
          // Each member back on the data's scale on its own, as R's forecast of that member with
          // `lambda` (and `biasadj`) is. A point forecast beyond -1/lambda is +inf there (an
          // overflow keeps its infinity): it ranks beyond the others, and the combination fails
          // only if it lands on it.
          const forecast_values z = mf.values;
          std::string beyond_note;
          const bool bounds_finite = back_transform(mf, *members_lambda, opt.biasadj, &beyond_note);
          std::erase_if(mf.model.parameters, [](const auto& p) { return p.first == "lambda"; });
          // Anything else not finite fails the member: checked with those infinities set aside.
          forecast_values probe = mf.values;
          for (std::size_t k = 0; k < probe.mean.size(); ++k)
            if (std::isfinite(z.mean[k]) && std::isinf(probe.mean[k])) probe.mean[k] = 0;
          std::swap(mf.values, probe);
          flag_non_finite(mf, bounds_finite);
          std::swap(mf.values, probe);
          if (!beyond_note.empty() && mf.model.status != fit_status::failed)
            beyond += (beyond.empty() ? "" : "; ") + member.name + ": " + beyond_note;
        }
        list += (list.empty() ? "" : ", ") + mf.model.method;
        for (const auto& [k, v] : mf.model.parameters) r.model.parameters.emplace_back(member.name + "." + k, v);
        names.push_back(member.name);
        infos.push_back(std::move(mf.model));
        parts.push_back(std::move(mf.values));
      }
      if (parts.empty()) throw invalid_argument("method '" + spec.name + "': no member could be fitted (" + dropped + ")");
      r.values = combine(parts, spec.median);
      r.model.method = std::string(spec.kind == method_kind::automatic ? "Auto: median" : spec.median ? "Median" : "Mean") +
                       " of " + list;
      r.model.fitted = combine_fitted(infos, spec.median, y.size());
      r.model.residuals.resize(y.size());
      // Residuals on the scale of the fit (with lambda the transformed one, as a single model's).
      for (std::size_t t = 0; t < y.size(); ++t)
        r.model.residuals[t] = y[t] - (members_lambda ? box_cox(r.model.fitted[t], *members_lambda) : r.model.fitted[t]);
      combine_status(r.model, infos, names);
      if (!dropped.empty()) {
        r.model.status = worse(r.model.status, fit_status::fell_back);
        r.model.status_message = dropped + (r.model.status_message.empty() ? "" : "; " + r.model.status_message);
      }
      if (members_lambda) {
        r.model.parameters.emplace_back("lambda", *members_lambda);
        if (!beyond.empty()) {
          std::vector<std::size_t> steps;  // where the combination itself is such a +inf
          for (std::size_t k = 0; k < r.values.mean.size(); ++k)
            if (std::isinf(r.values.mean[k])) steps.push_back(k);
          r.model.status_message += (r.model.status_message.empty() ? "" : "; ") + beyond;
          if (!steps.empty() && r.model.status != fit_status::failed) {
            r.model.status = fit_status::failed;
            r.model.status_message = "the combined point forecast at " + step_range(steps) +
                                     " is infinite, from members' point forecasts with no value on the data's scale (" +
                                     beyond + ")" + (*members_lambda < 0 ? ": choose a lambda >= 0" : "");
          }
        }
        // Every member's bounds were finite on the transformed scale (else it failed), so an
        // infinite bound of the combination is an unbounded end.
        const std::string note = unbounded_note(r.values, nullptr, *members_lambda);
        if (!note.empty()) r.model.status_message += (r.model.status_message.empty() ? "" : "; ") + note;
        flag_non_finite(r, true);
      }
      return r;
    }
  }
  throw invalid_argument("method '" + spec.name + "': unknown kind");
}

model_forecast fit_forecast_untransformed(std::span<const double> y, int m, const method_spec& spec, int h,
                                          const forecast_options& opt) {
  return forecast_node(fit_node(y, m, spec), y, h, opt);
}

/// The checks of the data to fit: at least two observations, each finite and within ±max_abs_value.
void check_fit_data(std::span<const double> y, const method_spec& spec) {
  if (y.size() < 2)
    throw invalid_argument("method '" + spec.name + "': " + std::to_string(y.size()) +
                           " observation(s); forecasting needs at least 2");
  for (std::size_t t = 0; t < y.size(); ++t) {
    if (!std::isfinite(y[t]))
      throw observation_error("method '" + spec.name + "': ", t, " is not a finite number; pass consecutive present values");
    if (std::fabs(y[t]) > max_abs_value)
      throw observation_error("method '" + spec.name + "': ", t, " (" +
                             tradecast::detail::short_number(y[t]) + ") is larger in magnitude than " + tradecast::detail::short_number(max_abs_value) +
                             ", which the methods' sums of squares cannot take; rescale the series (e.g. to billions)");
  }
}

/// The argument checks of fit_forecast(): the options (check_forecast_options()), then the data.
void check_fit_arguments(std::span<const double> y, const method_spec& spec, int h, const forecast_options& opt) {
  check_forecast_options(spec, h, opt);
  check_fit_data(y, spec);
}

/// Where `v` first holds a value that is not a finite number ("step 3: the upper 95% bound is
/// inf"), or "" when all are finite. With `unbounded_ok`, infinite bounds around a finite point
/// forecast do not count (the unbounded ends of a Box-Cox back-transformation).
[[nodiscard]] std::string first_non_finite(const forecast_values& v, bool unbounded_ok) {
  for (std::size_t i = 0; i < v.mean.size(); ++i) {
    const auto at = [i](const std::string& what, double x) {
      return "step " + std::to_string(i + 1) + ": the " + what + " is " + tradecast::detail::short_number(x);
    };
    if (!std::isfinite(v.mean[i])) return at("point forecast", v.mean[i]);
    const auto bad = [&](double x) { return !std::isfinite(x) && !(unbounded_ok && std::isinf(x)); };
    for (const prediction_interval& b : v.intervals) {
      const std::string level = tradecast::detail::short_number(b.level) + "%";
      if (i < b.lower.size() && bad(b.lower[i])) return at("lower " + level + " bound", b.lower[i]);
      if (i < b.upper.size() && bad(b.upper[i])) return at("upper " + level + " bound", b.upper[i]);
    }
  }
  return {};
}

/// The last step of every fit: forecasts that are not all finite numbers (the arithmetic
/// overflowed, or a multiplicative trend turned negative) make the fit `failed`, with a message
/// saying where; the values stay as computed. With `infinite_bounds_explained` (back_transform()
/// found every transformed-scale bound finite and named the ones that became infinite), infinite
/// bounds around a finite point forecast are unbounded quantiles and are kept.
void flag_non_finite(model_forecast& r, bool infinite_bounds_explained) {
  if (r.model.status == fit_status::failed) return;
  const std::string where = first_non_finite(r.values, infinite_bounds_explained);
  if (where.empty()) return;
  r.model.status = fit_status::failed;
  std::string message = "the forecasts are not finite numbers (" + where +
                        "): the data or the growth the model extrapolates exceed double precision, or its "
                        "arithmetic became undefined (a nan: e.g. a multiplicative trend turned negative)";
  if (!r.model.status_message.empty()) message += "; " + r.model.status_message;
  r.model.status_message = std::move(message);
}

/// The Box-Cox lambda of `opt` for `y` (Guerrero's when `lambda_auto`, as R's lambda = "auto":
/// BoxCox.lambda(y, lower = -0.9)), or none. A lambda that is not finite, and methods that refuse
/// one, were refused by check_forecast_options() (check_fit_arguments() runs first).
std::optional<double> resolve_lambda(std::span<const double> y, int m, const forecast_options& opt) {
  if (!opt.lambda && !opt.lambda_auto) return std::nullopt;
  return opt.lambda_auto ? box_cox_lambda(y, m, box_cox_method::guerrero, -0.9, 2.0) : *opt.lambda;
}

/// box_cox(y, lambda). \throws invalid_argument naming the first observation it cannot transform.
std::vector<double> box_cox_checked(std::span<const double> y, double lambda) {
  std::vector<double> z = box_cox(y, lambda);
  for (std::size_t t = 0; t < z.size(); ++t)
    if (!std::isfinite(z[t]))
      throw observation_error(
          "Box-Cox lambda = " + tradecast::detail::short_number(lambda) + " cannot transform ", t,
          " (" + tradecast::detail::short_number(y[t]) + "): " +
              (y[t] > 0 ? std::string("(y^lambda - 1) / lambda is beyond the range of a double; choose a smaller |lambda| "
                                      "(Box-Cox lambdas are usually between -1 and 2) or rescale the data")
                        : std::string("use positive data or lambda = 1")));
  return z;
}

/// The spec fitted to Box-Cox transformed data: ETS searches only additive components (as R), and
/// whether the data are constant is R's test on the untransformed data `y`, not on the
/// transformed ones (ets_spec::constant_shortcut).
method_spec additive_spec(method_spec spec, std::span<const double> y) {
  const bool constant = is_constant(y);
  // `fits_y`: the ETS model is fitted to (the transformation of) y itself, so y's constancy is its
  // data's; inside sa: it fits the seasonally adjusted series, whose own test stands.
  const auto additive = [constant](method_spec& s, bool fits_y, const auto& self) -> void {
    if (s.kind == method_kind::ets) {
      s.ets.additive_only = true;
      if (fits_y) s.ets.constant_shortcut = constant;
    }
    for (method_spec& member : s.members) self(member, fits_y && s.kind != method_kind::adjusted, self);  // also sa:ets in an ensemble
  };
  additive(spec, true, additive);
  return spec;
}

/// What a fit works on: the argument checks of fit_forecast() passed, the Box-Cox lambda (none
/// without a transformation), the spec to fit (ETS components additive under Box-Cox, as R) and
/// the transformed data.
struct fit_input {
  std::optional<double> lambda;
  method_spec spec;
  std::vector<double> z;  ///< box_cox(y, lambda); empty without lambda
  /// The data to fit: z, or y itself.
  [[nodiscard]] std::span<const double> data(std::span<const double> y) const noexcept { return lambda ? std::span<const double>(z) : y; }
};

/// The lambda, the spec and the transformed data of checked arguments.
/// \throws invalid_argument for data the transformation cannot take.
fit_input transform_input(std::span<const double> y, int m, const method_spec& spec, const forecast_options& opt) {
  fit_input in;
  in.lambda = resolve_lambda(y, m, opt);
  in.spec = in.lambda ? additive_spec(spec, y) : spec;
  if (in.lambda) in.z = box_cox_checked(y, *in.lambda);
  return in;
}

/// \throws invalid_argument as fit_forecast() does for its arguments, the lambda or the transformation.
fit_input prepare_fit(std::span<const double> y, int m, const method_spec& spec, int h, const forecast_options& opt) {
  check_fit_arguments(y, spec, h, opt);
  return transform_input(y, m, spec, opt);
}

/// "step 3", "steps 1-4" (a run) or "steps 1, 3, 4" for 0-based steps in increasing order.
std::string step_range(const std::vector<std::size_t>& steps) {
  if (steps.size() == 1) return "step " + std::to_string(steps.front() + 1);
  if (steps.back() - steps.front() + 1 == steps.size())
    return "steps " + std::to_string(steps.front() + 1) + "-" + std::to_string(steps.back() + 1);
  std::string out = "steps ";
  for (std::size_t k = 0; k < steps.size(); ++k) out += (k ? ", " : "") + std::to_string(steps[k] + 1);
  return out;
}

/// The bounds of `after` (on the data's scale) that are infinite where `before` (on the Box-Cox
/// scale; nullptr: all finite there) is finite, named with why ("the upper 95% bound at steps 3-6
/// is unbounded (+inf): ..."), or "" when there are none.
std::string unbounded_note(const forecast_values& after, const forecast_values* before, double lambda) {
  std::string unbounded;
  int parts = 0;
  for (std::size_t k = 0; k < after.intervals.size(); ++k) {
    const prediction_interval& b = after.intervals[k];
    for (const bool upper : {false, true}) {
      const std::vector<double>& after_side = upper ? b.upper : b.lower;
      const std::vector<double>* before_side =
          before ? (upper ? &before->intervals[k].upper : &before->intervals[k].lower) : nullptr;
      std::vector<std::size_t> steps;
      for (std::size_t i = 0; i < after_side.size(); ++i)
        if (std::isinf(after_side[i]) && (!before_side || std::isfinite((*before_side)[i]))) steps.push_back(i);
      if (steps.empty()) continue;
      ++parts;
      unbounded += (unbounded.empty() ? "" : ", ") + std::string(upper ? "the upper " : "the lower ") +
                   tradecast::detail::short_number(b.level) + "% bound at " + step_range(steps);
    }
  }
  if (unbounded.empty()) return {};
  const std::string are = parts > 1 ? " are" : " is";
  const std::string lam = tradecast::detail::short_number(lambda);
  if (lambda < 0)
    return unbounded + are + " unbounded (+inf): on the Box-Cox scale (lambda = " + lam + ") " +
           (parts > 1 ? "they lie" : "it lies") + " beyond -1/lambda = " + tradecast::detail::short_number(-1 / lambda) +
           ", where the inverse transformation rises to infinity (R gives NA)";
  return unbounded + are + " unbounded (inf): the inverse Box-Cox transformation (lambda = " + lam +
         ") of the transformed-scale bound exceeds double precision (R gives Inf)";
}

/// Forecasts and fitted values of a model fitted to transformed data, back on the data's scale.
/// A bound finite on the transformed scale but infinite on the data's (λ < 0: at or beyond −1/λ,
/// where the inverse rises to infinity; otherwise the inverse's power overflows double precision,
/// e.g. λ near 0 after Guerrero's lower limit is raised to 0 for data with zeros) is kept as an
/// unbounded end, and the status message says which; so is a point forecast with no value.
/// A point forecast with no finite value there fails the fit, naming the steps; with a
/// `beyond_note` (a member of an ensemble), one at or beyond the pole is +inf instead and an
/// overflow keeps its infinity, the note says so, and the unbounded bounds are not noted (the
/// combination notes its own); an undefined one still fails. Returns whether every bound was
/// finite on the transformed scale (so that every infinite bound now is such an unbounded end, for
/// flag_non_finite()).
bool back_transform(model_forecast& r, double lambda, bool biasadj, std::string* beyond_note) {
  const forecast_values before = r.values;
  bool all_finite_before = true;
  for (const prediction_interval& b : before.intervals)
    for (const auto* side : {&b.lower, &b.upper})
      for (double x : *side) all_finite_before = all_finite_before && std::isfinite(x);
  r.values = forecast::back_transform(r.values, lambda, biasadj);
  for (double& f : r.model.fitted) f = inv_box_cox(f, lambda);
  r.model.parameters.emplace_back("lambda", lambda);
  const std::string lam = tradecast::detail::short_number(lambda);
  const auto add = [&](const std::string& note) { r.model.status_message += (r.model.status_message.empty() ? "" : "; ") + note; };
  const std::string note = unbounded_note(r.values, &before, lambda);
  // Point forecasts with no finite value on the data's scale: at or beyond the pole −1/λ (λ < 0,
  // where the inverse rises to +inf), overflowing (to +inf, or to -inf for λ > 0 far below zero),
  // or undefined (the bias adjustment of a negative back-transformed forecast).
  std::vector<std::size_t> pole, overflow, undefined;
  for (std::size_t i = 0; i < r.values.mean.size(); ++i) {
    if (!std::isfinite(before.mean[i]) || std::isfinite(r.values.mean[i])) continue;
    if (lambda < 0 && before.mean[i] * lambda <= -1) pole.push_back(i);  // z >= -1/lambda
    else if (std::isinf(r.values.mean[i])) overflow.push_back(i);
    else undefined.push_back(i);
  }
  const auto at = [&](const std::vector<std::size_t>& steps) { return "the point forecast at " + step_range(steps); };
  std::vector<std::string> why;
  if (!undefined.empty())
    why.push_back(at(undefined) + (biasadj ? " has no value on the data's scale: the bias-adjusted mean (biasadj) raises "
                                             "the back-transformed forecast to the power 2*lambda, which is undefined where "
                                             "that forecast is negative (R gives NA); drop the bias adjustment (lambda = " +
                                                 lam + ")"
                                           : " has no value on the data's scale: the inverse Box-Cox transformation "
                                             "(lambda = " + lam + ") is undefined there"));
  if (!pole.empty())
    why.push_back(at(pole) + " lies beyond -1/lambda = " + tradecast::detail::short_number(-1 / lambda) +
                  " on the Box-Cox scale (lambda = " + lam + "), where the inverse transformation has no value");
  if (!overflow.empty())
    why.push_back(at(overflow) + " has no finite value on the data's scale: the inverse Box-Cox transformation (lambda = " +
                  lam + ") exceeds double precision");
  std::string message;
  for (const std::string& w : why) message += (message.empty() ? "" : "; ") + w;
  if (!undefined.empty() || (!message.empty() && !beyond_note)) {
    r.model.status = fit_status::failed;
    r.model.status_message = message + (pole.empty() ? "" : ": choose a lambda >= 0") +
                             (r.model.status_message.empty() ? "" : "; " + r.model.status_message);
  } else if (!message.empty()) {
    // A member of an ensemble: at or beyond the pole it is +inf, above every finite forecast; an
    // overflow keeps its sign (-inf below every finite one), so each ranks where it belongs.
    for (std::size_t i : pole) r.values.mean[i] = std::numeric_limits<double>::infinity();
    *beyond_note = message + ": counted as " +
                   (std::any_of(overflow.begin(), overflow.end(), [&](std::size_t i) { return r.values.mean[i] < 0; })
                        ? "an infinity of its sign, beyond every finite forecast"
                        : "+inf, above every finite forecast");
  }
  if (!note.empty() && !beyond_note) add(note);
  return all_finite_before;
}

/// The last step of every fit: back on the data's scale when a Box-Cox lambda was used, then the
/// check for values that are not finite numbers (flag_non_finite()).
void finish_fit(model_forecast& r, std::optional<double> lambda, bool biasadj) {
  const bool explained = lambda && back_transform(r, *lambda, biasadj, nullptr);
  flag_non_finite(r, explained);
}

}  // namespace tradecast::forecast::detail

namespace tradecast::forecast {

std::vector<std::string> method_names() {
  return {"auto", "ets", "ets:XYZ", "theta", "ses", "holt", "damped", "hw-add", "hw-mult", "naive", "snaive",
          "drift", "mean", "trend", "logtrend", "cagr", "comb", "naive2", "sa:A", "mean:A+B", "median:A+B"};
}

method_spec parse_method(std::string_view method) {
  method_spec m;
  m.name = std::string(method);
  auto smoothing = [&](char e, char t, char s, bool d, const char* label) {
    m.ets = detail::smoothing_spec(e, t, s, d);
    m.label = label;
    return m;
  };
  if (method == "auto") {
    m.kind = method_kind::automatic;
    m.median = true;
    for (const char* member : {"ets", "theta", "drift", "ets:ZZdZ"}) m.members.push_back(parse_method(member));
    m.members.back().seasonal_only = true;  // damped ETS joins for seasonal data only (bench/RESULTS.md)
    return m;
  }
  if (method == "ets") return m;
  if (method == "ses") return smoothing('A', 'N', 'N', false, "Simple exponential smoothing");
  if (method == "holt") return smoothing('A', 'A', 'N', false, "Holt's method");
  if (method == "damped") return smoothing('A', 'A', 'N', true, "Damped Holt's method");
  if (method == "hw-add") return smoothing('A', 'A', 'A', false, "Holt-Winters' additive method");
  if (method == "hw-mult") return smoothing('M', 'A', 'M', false, "Holt-Winters' multiplicative method");
  if (method.substr(0, 4) == "ets:") {
    const std::string_view code = method.substr(4);
    const bool damped = code.size() == 4 && code[2] == 'd';
    if (!(code.size() == 3 || damped))
      throw invalid_argument("method '" + m.name +
                             "': expected ets:XYZ or ets:XYdZ with X in A,M,Z; Y in N,A,M,Z; Z in N,A,M,Z (e.g. ets:MAdN)");
    auto ok = [](char c, std::string_view allowed) { return allowed.find(c) != std::string_view::npos; };
    const char e = code[0], t = code[1], se = code[damped ? 3 : 2];
    if (!ok(e, "AMZ") || !ok(t, "NAMZ") || !ok(se, "NAMZ"))
      throw invalid_argument("method '" + m.name + "': error must be A, M or Z; trend and season N, A, M or Z");
    if (damped && t == 'N')
      throw invalid_argument("method '" + m.name + "': a damped trend needs a trend (ets:" + std::string(1, e) + "Ad" +
                             std::string(1, se) + ", or Z to select it); N has none to damp");
    m.ets.error = e, m.ets.trend = t, m.ets.season = se;
    if (damped) m.ets.damped = true;
    else if (t != 'Z') m.ets.damped = false;
    if (t == 'M') m.ets.allow_multiplicative_trend = true;
    return m;
  }
  if (method == "theta") return m.kind = method_kind::theta, m;
  if (method == "naive2") {  // the M4 benchmark: naive on the seasonally adjusted series
    m = parse_method("sa:naive");
    m.name = "naive2";
    m.label = "Naive2";
    return m;
  }
  if (method.substr(0, 3) == "sa:") {
    method_spec inner = parse_method(method.substr(3));
    if (inner.kind == method_kind::ensemble)
      throw invalid_argument("method '" + m.name + "': sa: takes one method (e.g. sa:drift), not an ensemble");
    if (inner.kind == method_kind::adjusted)
      throw invalid_argument("method '" + m.name + "': '" + inner.name +
                             "' is already fitted to the seasonally adjusted series; sa: applies once (e.g. sa:naive)");
    m.kind = method_kind::adjusted;
    m.members.push_back(std::move(inner));
    return m;
  }
  if (method == "comb") return m.kind = method_kind::comb, m.label = "Comb S-H-D", m;
  static constexpr std::pair<std::string_view, simple_method> simple[] = {
      {"naive", simple_method::naive}, {"snaive", simple_method::snaive},   {"drift", simple_method::drift},
      {"mean", simple_method::mean},   {"trend", simple_method::trend},     {"logtrend", simple_method::logtrend},
      {"cagr", simple_method::cagr}};
  for (const auto& [name, kind] : simple)
    if (method == name) return m.kind = method_kind::simple, m.simple = kind, m;
  for (const std::string_view prefix : {std::string_view("mean:"), std::string_view("median:")}) {
    if (method.substr(0, prefix.size()) != prefix) continue;
    m.kind = method_kind::ensemble;
    m.median = prefix == "median:";
    std::string_view rest = method.substr(prefix.size());
    while (true) {
      const std::size_t plus = rest.find('+');
      const std::string_view part = rest.substr(0, plus);
      if (part.empty())
        throw invalid_argument("method '" + m.name + "': expected members joined by '+', e.g. " +
                               std::string(prefix) + "ets+theta+damped");
      method_spec member = parse_method(part);
      if (member.kind == method_kind::ensemble)
        throw invalid_argument("method '" + m.name + "': ensembles cannot be nested");
      m.members.push_back(std::move(member));
      if (plus == std::string_view::npos) break;
      rest = rest.substr(plus + 1);
    }
    if (m.members.size() < 2)
      throw invalid_argument("method '" + m.name + "': an ensemble needs at least two members, e.g. " +
                             std::string(prefix) + "ets+theta");
    return m;
  }
  throw not_found("unknown method '" + m.name + "'; available: " + detail::known_methods());
}

ets_spec ets_spec_for(std::string_view method) {
  const method_spec m = parse_method(method);
  if (m.kind != method_kind::ets) throw invalid_argument("method '" + m.name + "' is not an ETS model");
  return m.ets;
}

bool fits_ets_model(const method_spec& spec) {
  switch (spec.kind) {
    case method_kind::ets:
    case method_kind::comb: return true;
    case method_kind::simple:
    case method_kind::theta: return false;
    case method_kind::ensemble:
    case method_kind::adjusted:
    case method_kind::automatic:
      return std::any_of(spec.members.begin(), spec.members.end(), [](const method_spec& mb) { return fits_ets_model(mb); });
  }
  return false;
}

bool may_fit_multiplicative_trend(const method_spec& spec) {
  if (spec.kind == method_kind::ets) return spec.ets.trend == 'M' || (spec.ets.trend == 'Z' && spec.ets.allow_multiplicative_trend);
  return std::any_of(spec.members.begin(), spec.members.end(), [](const method_spec& mb) { return may_fit_multiplicative_trend(mb); });
}

void check_forecast_options(const method_spec& spec, int h, const forecast_options& opt) {
  check_horizon(h);
  check_levels(opt.levels);
  check_npaths(opt.npaths, h);
  if ((opt.simulate || opt.bootstrap) && !fits_ets_model(spec))
    throw invalid_argument("method '" + spec.name + "' fits no ETS model, so there are no intervals to simulate (" +
                           (opt.bootstrap ? "bootstrap" : "simulate") +
                           " applies to ets, ets:XYZ, ses, holt, damped, hw-add, hw-mult, comb, and the ETS members "
                           "of auto and of ensembles)");
  detail::check_lambda_options(spec, opt);
}

namespace detail {

void check_lambda_options(const method_spec& spec, const forecast_options& opt) {
  if (!opt.lambda && !opt.lambda_auto) return;
  if (opt.lambda && !std::isfinite(*opt.lambda))
    throw invalid_argument("method '" + spec.name + "': Box-Cox lambda = " + tradecast::detail::short_number(*opt.lambda) +
                           " is not a finite number");
  // Box-Cox refusals that do not depend on the data (so that a batch stops before fitting
  // instead of every series falling back): logtrend and cagr, and ETS models with a
  // multiplicative part, which R's ets() refuses on transformed data too.
  const auto refuse = [&](const method_spec& s, const auto& self) -> void {
    if (s.kind == method_kind::simple && (s.simple == simple_method::logtrend || s.simple == simple_method::cagr))
      throw invalid_argument("method '" + spec.name + "': logtrend and cagr already model the logarithm; do not add a Box-Cox lambda");
    if (s.kind == method_kind::ets && (s.ets.error == 'M' || s.ets.trend == 'M' || s.ets.season == 'M'))
      throw invalid_argument("method '" + spec.name + "': ETS(" + s.ets.error + "," + s.ets.trend +
                             (s.ets.damped.value_or(false) ? "d" : "") + "," + s.ets.season +
                             ") has a multiplicative component, which a Box-Cox transformed series cannot take (as in "
                             "R); drop the transformation or choose an additive model");
    for (const method_spec& member : s.members) self(member, self);
  };
  refuse(spec, refuse);
}

}  // namespace detail

/// What fit_method() keeps: the method as given and as fitted, the data fitted (transformed when a
/// Box-Cox lambda applies), the lambda and the settings that chose it, and the fits. Made in place
/// and never moved: the fits point into `spec`.
struct fitted_method::state {
  method_spec requested{};  ///< as given (the forecast's option checks name it, as fit_forecast())
  method_spec spec{};       ///< as fitted: ETS additive under Box-Cox
  int m = 1;
  std::vector<double> data{};  ///< box_cox(y, lambda), or y
  std::optional<double> lambda{};
  std::optional<double> lambda_given{};  ///< forecast_options::lambda of the fit
  bool lambda_auto = false;              ///< forecast_options::lambda_auto of the fit
  detail::fitted_node root{};
};

const fitted_method::state& fitted_method::get(const char* what) const {
  if (!state_)
    throw invalid_argument(std::string("fitted_method::") + what + ": nothing was fitted (make the object with fit_method())");
  return *state_;
}

const method_spec& fitted_method::spec() const { return get("spec").spec; }
int fitted_method::seasonal_period() const { return get("seasonal_period").m; }
std::size_t fitted_method::observations() const { return get("observations").data.size(); }
std::optional<double> fitted_method::lambda() const { return get("lambda").lambda; }

fitted_method fit_method(std::span<const double> y, int m, const method_spec& spec, const forecast_options& opt) {
  detail::check_lambda_options(spec, opt);
  detail::check_fit_data(y, spec);
  auto st = std::make_shared<fitted_method::state>();
  st->requested = spec;
  st->m = m;
  st->lambda_given = opt.lambda;
  st->lambda_auto = opt.lambda_auto;
  detail::fit_input in = detail::transform_input(y, m, spec, opt);
  st->lambda = in.lambda;
  st->spec = std::move(in.spec);
  st->data = in.lambda ? std::move(in.z) : std::vector<double>(y.begin(), y.end());
  st->root = detail::fit_node(st->data, m, st->spec);
  return fitted_method(std::move(st));
}

model_forecast fitted_method::forecast(int h, const forecast_options& opt) const {
  const state& st = get("forecast");
  if ((opt.lambda || opt.lambda_auto) && (opt.lambda_auto != st.lambda_auto || opt.lambda != st.lambda_given)) {
    const auto settings = [](const std::optional<double>& lambda, bool automatic) {
      return automatic ? std::string("lambda_auto")
                       : lambda ? "lambda = " + tradecast::detail::short_number(*lambda) : std::string("no Box-Cox lambda");
    };
    throw invalid_argument("fitted_method::forecast: the Box-Cox transformation belongs to the fit (" +
                           settings(st.lambda_given, st.lambda_auto) + ") and cannot change here (" +
                           settings(opt.lambda, opt.lambda_auto) + "); leave lambda and lambda_auto unset, or fit again");
  }
  forecast_options o = opt;
  o.lambda = st.lambda_given;
  o.lambda_auto = st.lambda_auto;
  check_forecast_options(st.requested, h, o);
  // Ensembles and auto transform each member back before combining (the members as R forecasts
  // them with `lambda`); every other method is transformed back once.
  if (st.lambda && (st.spec.kind == method_kind::ensemble || st.spec.kind == method_kind::automatic))
    return detail::forecast_node(st.root, st.data, h, o, st.lambda);
  model_forecast r = detail::forecast_node(st.root, st.data, h, o);
  detail::finish_fit(r, st.lambda, o.biasadj);
  return r;
}

model_forecast fit_forecast(std::span<const double> y, int m, const method_spec& spec, int h,
                            const forecast_options& opt) {
  check_forecast_options(spec, h, opt);  // the options before the data, and before fitting
  return fit_method(y, m, spec, opt).forecast(h, opt);
}

bool fits_together(const method_spec& spec) {
  if (spec.kind == method_kind::comb) return true;
  if (spec.kind != method_kind::ets) return false;
  const ets_spec& e = spec.ets;
  return e.error != 'Z' && e.trend != 'Z' && e.season != 'Z' && (e.trend == 'N' || e.damped.has_value());
}

std::vector<forecast_outcome> fit_forecast_many(std::span<const forecast_job> jobs,
                                                const method_spec& spec,
                                                const forecast_options& opt) {
  std::vector<forecast_outcome> out(jobs.size());
  auto options_of = [&](const forecast_job& job) {
    forecast_options o = opt;
    o.seed = job.seed;
    return o;
  };
  if (!fits_together(spec)) {
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      try {
        out[i].result = fit_forecast(jobs[i].y, jobs[i].m, spec, jobs[i].h, options_of(jobs[i]));
      } catch (...) {
        out[i].error = std::current_exception();
      }
    }
    return out;
  }
  // 1. What each series' ETS searches see: the (transformed, seasonally adjusted) data and specs.
  struct stage {
    detail::fit_input in;
    seasonal_adjustment sa;  // comb
  };
  std::vector<stage> st(jobs.size());
  std::vector<ets_series_job> ets_jobs;
  std::vector<std::size_t> job_of;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const forecast_job& job = jobs[i];
    try {
      stage& s = st[i];
      s.in = detail::prepare_fit(job.y, job.m, spec, job.h, opt);
      if (spec.kind == method_kind::ets) {
        detail::check_ets_season(s.in.spec, job.m);
        ets_jobs.push_back({s.in.data(job.y), job.m, std::span<const ets_spec>(&s.in.spec.ets, 1)});
      } else {
        s.sa = detail::comb_adjust(s.in.data(job.y), job.m);
        ets_jobs.push_back({s.sa.series, 1, detail::comb_specs()});
      }
      job_of.push_back(i);
    } catch (...) {
      out[i].error = std::current_exception();
    }
  }
  // 2. All searches together (should that fail as a whole, e.g. out of memory, each series alone).
  std::vector<ets_series_fits> fits;
  try {
    fits = fit_ets_series(ets_jobs);
  } catch (...) {
    for (std::size_t i : job_of) {
      try {
        out[i].result = fit_forecast(jobs[i].y, jobs[i].m, spec, jobs[i].h, options_of(jobs[i]));
      } catch (...) {
        out[i].error = std::current_exception();
      }
    }
    return out;
  }
  // 3. Each series' forecasts from its fits.
  for (std::size_t k = 0; k < job_of.size(); ++k) {
    const std::size_t i = job_of[k];
    const forecast_job& job = jobs[i];
    stage& s = st[i];
    try {
      if (fits[k].error) std::rethrow_exception(fits[k].error);
      const forecast_options o = options_of(job);
      model_forecast r = spec.kind == method_kind::ets
                             ? detail::ets_model_forecast(fits[k].fits.front(), s.in.spec, job.h, o)
                             : detail::comb_finish(s.in.data(job.y), job.m, job.h, o, s.sa, fits[k].fits);
      detail::finish_fit(r, s.in.lambda, o.biasadj);
      out[i].result = std::move(r);
    } catch (...) {
      out[i].error = std::current_exception();
    }
  }
  return out;
}

bool reusable(const method_spec& spec) {
  return spec.kind == method_kind::ets ||
         (spec.kind == method_kind::simple && (spec.simple == simple_method::naive || spec.simple == simple_method::snaive));
}

std::string not_reusable_reason(const method_spec& spec) {
  if (reusable(spec)) return {};
  return "method '" + spec.name + "' cannot be re-applied without refitting; only ETS methods (ets, ets:XYZ, ses, " +
         "holt, damped, hw-add, hw-mult), naive and snaive can";
}

std::pair<reusable_fit, model_forecast> fit_reusable(std::span<const double> y, int m,
                                                     const method_spec& spec, int h,
                                                     const forecast_options& opt) {
  if (!reusable(spec)) throw invalid_argument(not_reusable_reason(spec));
  detail::fit_input in = detail::prepare_fit(y, m, spec, h, opt);
  const std::span<const double> z = in.data(y);
  reusable_fit rf;
  rf.m = m;
  rf.lambda = in.lambda;
  rf.spec = std::move(in.spec);
  model_forecast r;
  if (rf.spec.kind == method_kind::ets) {
    detail::check_ets_season(rf.spec, m);
    rf.ets = fit_ets(z, m, rf.spec.ets);
    r = detail::ets_model_forecast(*rf.ets, rf.spec, h, opt);
  } else {
    r = detail::fit_forecast_untransformed(z, m, rf.spec, h, opt);
  }
  detail::finish_fit(r, rf.lambda, opt.biasadj);
  return {std::move(rf), std::move(r)};
}

model_forecast reapply_forecast(const reusable_fit& fit, std::span<const double> y, int h,
                                const forecast_options& opt) {
  // Only what fit_reusable() makes: an ETS method with its fitted model, or naive / snaive (which
  // estimate nothing). Anything else would be fitted anew here, against "nothing re-estimated".
  if (!reusable(fit.spec)) throw invalid_argument("reapply_forecast: " + not_reusable_reason(fit.spec));
  if (fit.spec.kind == method_kind::ets && !fit.ets)
    throw invalid_argument("reapply_forecast: method '" + fit.spec.name +
                           "' has no fitted model in the reusable_fit (make it with fit_reusable())");
  detail::check_fit_arguments(y, fit.spec, h, opt);
  const std::vector<double> z = fit.lambda ? detail::box_cox_checked(y, *fit.lambda) : std::vector<double>(y.begin(), y.end());
  model_forecast r;
  if (fit.ets) {
    const ets_fit model = reapply_ets(*fit.ets, z);
    if (model.status == fit_status::failed) {
      r.model = to_model_info(model);
      r.values.mean.assign(static_cast<std::size_t>(h), std::numeric_limits<double>::quiet_NaN());
      for (double level : opt.levels) r.values.intervals.push_back({level, r.values.mean, r.values.mean});
      return r;
    }
    r = detail::ets_model_forecast(model, fit.spec, h, opt);
  } else {
    r = detail::fit_forecast_untransformed(z, fit.m, fit.spec, h, opt);
  }
  detail::finish_fit(r, fit.lambda, opt.biasadj);
  return r;
}

std::string value_name(const series& s, std::size_t i) {
  return "the value for " + s.period_at(i).to_string();
}

usable_span trailing_span(const series& s) {
  // Why observation i cannot be used (nullptr: it can). A partial period or a projection is not
  // comparable with full observed periods, so it is left out like a missing value, and said.
  const auto why_not = [&](std::size_t i) -> const char* {
    if (s.is_missing(i)) return "missing";
    if (s.status(i) == obs_status::partial) return "a partial period (status partial)";
    if (s.status(i) == obs_status::forecast) return "a forecast, not an observation (status forecast)";
    return nullptr;
  };
  // The values in [from, s.size()) that cannot be used, each with why ("2004 is a partial period
  // …", the first five), and how many there are; missing periods are only counted out.
  const auto unused_values = [&](std::size_t from) {
    std::string text;
    std::size_t count = 0;
    for (std::size_t i = from; i < s.size(); ++i) {
      if (s.is_missing(i)) continue;
      if (++count <= 5) text += (count > 1 ? ", " : "") + s.period_at(i).to_string() + " is " + why_not(i);
    }
    if (count > 5) text += ", … (" + std::to_string(count) + " values in all)";
    return std::pair{text, count};
  };
  std::size_t last = s.size();
  while (last > 0 && why_not(last - 1)) --last;
  if (last == 0) {
    const auto [values, with_value] = unused_values(0);
    if (with_value == 0) throw invalid_argument("series '" + s.id() + "' has no observation with a value");
    throw invalid_argument("series '" + s.id() + "' has no observation that a model can use: " + values +
                           (with_value < s.size() ? "; the other periods are missing" : ""));
  }
  std::size_t first = last - 1;
  while (first > 0 && !why_not(first - 1)) --first;
  usable_span u{first, last - 1, {}};
  if (first > 0) {
    std::size_t earlier = 0;  // usable values before the break (periods without one are not observations)
    for (std::size_t i = 0; i + 1 < first; ++i) earlier += why_not(i) ? 0 : 1;
    const char* why = why_not(first - 1);
    u.note = "uses " + s.period_at(first).to_string() + " to " + s.period_at(last - 1).to_string() + " (" +
             std::to_string(last - first) + " observations): " + s.period_at(first - 1).to_string() + " is " + why +
             (earlier == 0 ? std::string(" (no observation before it is used either)")
                           : (std::string_view(why) == "missing" ? " and is not interpolated" : " and breaks the run") +
                                 std::string(", so the ") + std::to_string(earlier) + " earlier observation(s) are not used");
  }
  if (last < s.size()) {
    const auto [after, with_value] = unused_values(last);
    u.note += std::string(u.note.empty() ? "" : "; ") + "the " + std::to_string(s.size() - last) + " period(s) after " +
              s.period_at(last - 1).to_string() + " are not used" + (with_value ? " (" + after + ")" : " (missing)");
  }
  return u;
}

series_observations usable_observations(const series& s) {
  series_observations in{trailing_span(s), {}, {}};
  const std::size_t n = in.span.last - in.span.first + 1;
  if (n < 2)
    throw invalid_argument("series '" + s.id() + "' has " + std::to_string(n) +
                           " usable observation(s); forecasting needs at least 2" +
                           (in.span.note.empty() ? std::string() : " (" + in.span.note + ")"));
  in.y = s.values().subspan(in.span.first, n);
  in.last = s.period_at(in.span.last);
  return in;
}

void check_horizon_after(period last, int h) {
  const period final_period = period::of(last.freq(), 9999, periods_per_year(last.freq()));
  if (h > final_period - last)
    throw invalid_argument("horizon h = " + std::to_string(h) + ": the forecasts after " + last.to_string() +
                           " would run past " + final_period.to_string() + ", the last period tradecast represents");
}

namespace {

fitted_series fit_series_input(const series& s, const series_observations& in, const method_spec& spec,
                               const forecast_options& opt) {
  fitted_method fit = [&] {
    try {
      return fit_method(in.y, periods_per_year(s.freq()), spec, opt);
    } catch (const observation_error& e) {  // named by its period, its index counted in the series
      throw e.relocated(in.span.first, value_name(s, in.span.first + e.index()));
    }
  }();
  return fitted_series(std::move(fit), s.meta(), in.last, in.span.note);
}

}  // namespace

fitted_series fit_series(const series& s, std::string_view method, const forecast_options& opt) {
  const method_spec spec = parse_method(method);
  return fit_series_input(s, usable_observations(s), spec, opt);
}

forecast_result fitted_series::forecast(int h, const forecast_options& opt) const {
  if (fit_.empty()) throw invalid_argument("fitted_series::forecast: nothing was fitted (make the object with fit_series())");
  check_horizon(h);
  check_levels(opt.levels);
  check_horizon_after(last_, h);
  model_forecast mf = fit_.forecast(h, opt);
  forecast_result r;
  r.meta = meta_;
  r.first = last_.next();
  r.levels = opt.levels;
  r.values = std::move(mf.values);
  r.model = std::move(mf.model);
  r.data_note = data_note_;
  return r;
}

forecast_result forecast_series(const series& s, std::string_view method, int h,
                                const forecast_options& opt) {
  check_horizon(h);
  check_levels(opt.levels);
  const method_spec spec = parse_method(method);
  const series_observations in = usable_observations(s);
  check_horizon_after(in.last, h);
  check_forecast_options(spec, h, opt);  // before fitting
  return fit_series_input(s, in, spec, opt).forecast(h, opt);
}

}  // namespace tradecast::forecast
