// SPDX-License-Identifier: MIT
// R's tiny-data fits (declared and described in tradecast/forecast/detail/holt_winters_zz.hpp).
#include "tradecast/forecast/detail/holt_winters_zz.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>
#include <vector>

#include "tradecast/forecast/detail/box_minimise.hpp"

namespace tradecast::forecast::detail {
namespace {

/// The smoothing weights of one pass (β is the ETS β = α·β*).
struct hw_weights {
  double alpha = 0, beta = 0, gamma = 0;
};

/// The initial states and the shape of a HoltWintersZZ model.
struct hw_setup {
  bool trend = false, exponential = false;
  char season = 'N';
  std::size_t m = 1;
  double phi = 1;
  double l0 = 0, b0 = 0;
  std::vector<double> s0;  ///< seasonal values of the first m observations, oldest first (R's s.start)
};

/// Where a pass writes what the final fit reports (all optional).
struct hw_outputs {
  double* fitted = nullptr;
  double* residuals = nullptr;  ///< y − ŷ
  double* states = nullptr;     ///< (n + 1) × (1 + trend + m·season), ETS layout [l, b, s1 (latest) … sm]
};

/// One pass of the recursion over y; returns the sum of squared one-step errors. `seas` is scratch
/// space for the seasonal values (seas[t] is used at observation t, seas[m + t] is updated at t),
/// kept by the caller so that the optimiser's passes do not allocate.
double hw_pass(std::span<const double> y, const hw_setup& su, const hw_weights& w, std::vector<double>& seas,
               const hw_outputs& out = {}) {
  const std::size_t n = y.size(), m = su.m;
  const bool seasonal = su.season != 'N', mult = su.season == 'M';
  const std::size_t width = 1 + (su.trend ? 1 : 0) + (seasonal ? m : 0);
  if (seasonal) {
    seas.resize(n + m);
    std::copy(su.s0.begin(), su.s0.end(), seas.begin());
  }
  double l = su.l0, b = su.trend ? su.b0 : 0.0;
  const auto write_state = [&](std::size_t row) {
    if (!out.states) return;
    double* r = out.states + row * width;
    std::size_t j = 0;
    r[j++] = l;
    if (su.trend) r[j++] = b;
    if (seasonal)
      for (std::size_t i = 1; i <= m; ++i) r[j++] = seas[row + m - i];
  };
  write_state(0);
  double sse = 0;
  for (std::size_t t = 0; t < n; ++t) {
    const double s = seasonal ? seas[t] : (mult ? 1.0 : 0.0);
    const double q = su.exponential ? l * std::pow(b, su.phi) : l + su.phi * b;
    const double yhat = mult ? q * s : q + s;
    const double e = y[t] - yhat;
    sse += e * e;
    if (out.fitted) out.fitted[t] = yhat;
    if (out.residuals) out.residuals[t] = e;
    const double u = mult ? y[t] / s - q : (y[t] - s) - q;  // the level's one-step error
    const double l_new = q + w.alpha * u;
    if (su.trend) b = su.exponential ? std::pow(b, su.phi) + w.beta * u / l : su.phi * b + w.beta * u;
    if (seasonal) seas[m + t] = mult ? s + w.gamma * (y[t] / q - s) : s + w.gamma * u;
    l = l_new;
    write_state(t + 1);
  }
  return sse;
}

}  // namespace

hw_zz_outcome fit_holt_winters_zz(std::span<const double> y, const hw_zz_request& rq) {
  hw_zz_outcome res;
  const std::size_t n = y.size();
  const int freq = std::max(rq.frequency, 1);
  hw_setup su;
  su.trend = rq.trend;
  su.exponential = rq.trend && rq.exponential;
  su.season = freq > 1 ? rq.season : 'N';
  su.m = su.season != 'N' ? static_cast<std::size_t>(freq) : 1;
  su.phi = rq.phi;
  if (n < 2) {
    res.failure = "at least 2 values are needed";
    return res;
  }
  if (su.season == 'N') {
    su.l0 = y[0];
    if (su.trend) su.b0 = su.exponential ? y[1] / y[0] : y[1] - y[0];
  } else {
    const std::size_t m = su.m;
    if (n < 2 * m) {
      res.failure = "its initial states need two full seasons (" + std::to_string(2 * m) + " values), n = " + std::to_string(n);
      return res;
    }
    if (su.season == 'M' && !(rq.gamma && *rq.gamma == 0))
      for (std::size_t i = 0; i < n; ++i)
        if (!(y[i] > 0)) {
          res.failure = "a multiplicative season needs positive data (value " + std::to_string(i + 1) + " is " + tradecast::detail::short_number(y[i]) + ")";
          return res;
        }
    su.l0 = std::accumulate(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(m), 0.0) / static_cast<double>(m);
    const double next = std::accumulate(y.begin() + static_cast<std::ptrdiff_t>(m), y.begin() + static_cast<std::ptrdiff_t>(2 * m), 0.0) /
                        static_cast<double>(m);
    su.b0 = (next - su.l0) / static_cast<double>(m);
    su.s0.resize(m);
    for (std::size_t i = 0; i < m; ++i) su.s0[i] = su.season == 'M' ? y[i] / su.l0 : y[i] - su.l0;
  }

  // Starting values as forecast's initparam() with bounds [0, 1] and m = the data's frequency.
  const bool fit_alpha = !rq.alpha, fit_beta = su.trend && !rq.beta, fit_gamma = su.season != 'N' && !rq.gamma;
  double a = rq.alpha.value_or(0.2 / freq);
  if (a > 1 || a < 0) a = 0.002;
  std::vector<double> start;
  if (fit_alpha) start.push_back(a);
  if (fit_beta) start.push_back(0.1 * std::min(1.0, a));
  if (fit_gamma) start.push_back(0.05 * std::min(1.0, 1 - a));
  const auto weights = [&](std::span<const double> p) {
    hw_weights w;
    std::size_t j = 0;
    w.alpha = fit_alpha ? p[j++] : a;
    if (su.trend) w.beta = fit_beta ? w.alpha * p[j++] : *rq.beta;
    if (su.season != 'N') w.gamma = fit_gamma ? p[j++] : *rq.gamma;
    return w;
  };
  std::vector<double> best = start, seas;
  box_min_result opt;
  if (!start.empty()) {
    const std::vector<double> lower(start.size(), 0.0), upper(start.size(), 1.0);
    opt = box_minimise([&](std::span<const double> p) { return hw_pass(y, su, weights(p), seas); }, start, lower, upper);
    if (opt.code == -1) {
      res.failure = "the sum of squared errors is not finite (" + opt.message + ")";
      return res;
    }
    if (opt.code == 1) {
      res.failure = "the optimiser reached its iteration limit (R: optimization failure)";
      return res;
    }
    best = opt.x;
  }
  const hw_weights w = weights(best);

  ets_fit f;
  const bool damped = su.trend && su.phi < 1;
  f.error = su.season == 'M' || (su.season == 'N' && su.exponential) ? 'M' : 'A';
  f.trend = su.trend ? (su.exponential ? 'M' : 'A') : 'N';
  f.season = su.season;
  f.damped = damped;
  f.m = static_cast<int>(su.m);
  f.frequency = freq;
  f.n = n;
  f.method = ets_method_name(f.error, f.trend, f.season, damped);
  f.alpha = w.alpha;
  if (su.trend) f.beta = w.beta;
  if (su.season != 'N') f.gamma = w.gamma;
  if (damped) f.phi = su.phi;
  f.state_size = 1 + (su.trend ? 1 : 0) + (su.season != 'N' ? su.m : 0);
  f.states.resize((n + 1) * f.state_size);
  f.fitted.resize(n);
  f.residuals.resize(n);
  const double sse = hw_pass(y, su, w, seas, {f.fitted.data(), f.residuals.data(), f.states.data()});
  if (!std::isfinite(sse)) {
    res.failure = "the sum of squared errors is not finite at the estimates";
    return res;
  }
  if (f.error == 'M')
    for (std::size_t t = 0; t < n; ++t) f.residuals[t] /= f.fitted[t];
  f.initial_state.assign(f.states.begin(), f.states.begin() + static_cast<std::ptrdiff_t>(f.state_size));
  f.final_state.assign(f.states.end() - static_cast<std::ptrdiff_t>(f.state_size), f.states.end());
  f.par_names = {"alpha"};
  f.par = {w.alpha};
  if (su.trend) f.par_names.emplace_back("beta"), f.par.push_back(w.beta);
  if (su.season != 'N') f.par_names.emplace_back("gamma"), f.par.push_back(w.gamma);
  if (damped) f.par_names.emplace_back("phi"), f.par.push_back(su.phi);
  f.par_names.emplace_back("l");
  if (su.trend) f.par_names.emplace_back("b");
  for (std::size_t i = 1; su.season != 'N' && i <= su.m; ++i) f.par_names.push_back("s" + std::to_string(i));
  f.par.insert(f.par.end(), f.initial_state.begin(), f.initial_state.end());
  double ss = 0;
  for (double r : f.residuals) ss += r * r;
  f.sigma2 = ss / static_cast<double>(n);
  f.mse = f.sigma2;
  f.amse = f.sigma2;
  f.n_params = static_cast<int>(start.size());
  f.evaluations = opt.evaluations;
  f.optimiser_code = opt.code;
  f.status = fit_status::fell_back;
  res.fit = std::move(f);
  return res;
}

std::optional<ets_fit> ets_tiny_data_fit(std::span<const double> y, int frequency, char T, char S, const ets_spec& spec,
                                         const std::string& reason, std::string& failures) {
  std::vector<std::string> notes;
  const auto request = [&](bool trend, char season) {
    hw_zz_request rq;
    rq.trend = trend;
    rq.exponential = T == 'M';
    rq.season = season;
    rq.alpha = spec.alpha;
    rq.beta = spec.beta;
    rq.gamma = spec.gamma;
    rq.phi = spec.phi.value_or(1.0);
    rq.frequency = frequency;
    return rq;
  };
  const auto done = [&](ets_fit f, const std::string& how) {
    std::string msg = reason + "; as R's ets(), fitted " + f.method + " by Holt-Winters smoothing (R's HoltWintersZZ: " +
                      "simple initial states, smoothing parameters minimising the squared one-step errors, no likelihood)";
    if (!how.empty()) msg += "; " + how;
    for (const std::string& note : notes) msg += "; " + note;
    if (f.optimiser_code == 52) msg += "; the optimiser's line search stopped early (R warns of the same)";
    f.status_message = std::move(msg);
    return std::optional<ets_fit>(std::move(f));
  };
  if (spec.damped.value_or(false)) notes.emplace_back("not enough data to use damping");
  if (S == 'A' || S == 'M') {
    hw_zz_outcome o = fit_holt_winters_zz(y, request(true, S));
    if (o.fit) return done(std::move(*o.fit), T == 'N' ? "R's fit estimates a trend as well" : "");
    notes.push_back("the seasonal component could not be estimated: " + o.failure);
  }
  if (T == 'A' || T == 'M') {
    hw_zz_outcome o = fit_holt_winters_zz(y, request(true, 'N'));
    if (o.fit) return done(std::move(*o.fit), "");
    notes.push_back("the trend could not be estimated: " + o.failure);
  }
  if (T == 'N' && S == 'N') {
    hw_zz_request rq = request(false, 'N');
    rq.phi = 1;
    hw_zz_outcome o = fit_holt_winters_zz(y, rq);
    if (o.fit) return done(std::move(*o.fit), "");
    notes.push_back("simple exponential smoothing could not be estimated: " + o.failure);
  }
  hw_zz_outcome with = fit_holt_winters_zz(y, request(true, 'N'));
  hw_zz_outcome without = fit_holt_winters_zz(y, request(false, 'N'));
  if (with.fit && without.fit) {
    const std::string how = "chosen by the smaller sigma2 (with a trend " + tradecast::detail::short_number(with.fit->sigma2) + ", without " +
                            tradecast::detail::short_number(without.fit->sigma2) + ")";
    return with.fit->sigma2 < without.fit->sigma2 ? done(std::move(*with.fit), how) : done(std::move(*without.fit), how);
  }
  if (without.fit) return done(std::move(*without.fit), "the fit with a trend failed: " + with.failure);
  if (with.fit) return done(std::move(*with.fit), "the fit without a trend failed: " + without.failure);
  notes.push_back("with a trend: " + with.failure);
  notes.push_back("without: " + without.failure);
  failures.clear();
  for (const std::string& note : notes) failures += (failures.empty() ? "" : "; ") + note;
  return std::nullopt;
}

}  // namespace tradecast::forecast::detail
