// SPDX-License-Identifier: MIT
/// \file forecast/engine.hpp
/// Forecasting a `series` by method name: selects the observations to use (missing values are
/// never interpolated), fits, forecasts and attaches periods and units.
///
/// Method names (as the command line takes them): `auto` (the library's recommended choice: at
/// this stage automatic ETS selection by AICc as R's `ets()`), `ets`, `ets:XYZ` (a given ETS model,
/// e.g. `ets:MAdN`, `ets:ANN`), `ses` (ETS(A,N,N)), `holt` (ETS(A,A,N)), `damped` (ETS(A,Ad,N)),
/// `hw-add` (ETS(A,A,A)), `hw-mult` (ETS(M,A,M)).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tradecast/core/series.hpp"
#include "tradecast/error.hpp"
#include "tradecast/forecast/ets.hpp"
#include "tradecast/forecast/model.hpp"
#include "tradecast/forecast/result.hpp"

namespace tradecast::forecast {

/// Options of forecast_series().
struct forecast_options {
  std::vector<double> levels{80, 95};  ///< prediction-interval levels, percent
  std::uint64_t seed = 20250401;       ///< seed of simulated intervals
};

/// The method names forecast_series() accepts (`ets:XYZ` stands for any ETS model code).
[[nodiscard]] inline std::vector<std::string> method_names() {
  return {"auto", "ets", "ets:XYZ", "ses", "holt", "damped", "hw-add", "hw-mult"};
}

/// The ETS specification of a method name. \throws not_found for an unknown name, listing the
/// known ones; invalid_argument for a malformed `ets:` code.
[[nodiscard]] inline ets_spec ets_spec_for(std::string_view method) {
  ets_spec s;
  auto model = [&](char e, char t, char se, bool d) {
    s.error = e, s.trend = t, s.season = se, s.damped = d;
    return s;
  };
  if (method == "auto" || method == "ets") return s;
  if (method == "ses") return model('A', 'N', 'N', false);
  if (method == "holt") return model('A', 'A', 'N', false);
  if (method == "damped") return model('A', 'A', 'N', true);
  if (method == "hw-add") return model('A', 'A', 'A', false);
  if (method == "hw-mult") return model('M', 'A', 'M', false);
  if (method.substr(0, 4) == "ets:") {
    const std::string_view code = method.substr(4);
    const bool damped = code.size() == 4 && code[2] == 'd';
    if (!(code.size() == 3 || damped))
      throw invalid_argument("method '" + std::string(method) +
                             "': expected ets:XYZ or ets:XYdZ with X in A,M,Z; Y in N,A,M,Z; Z in N,A,M,Z (e.g. ets:MAdN)");
    auto ok = [](char c, std::string_view allowed) { return allowed.find(c) != std::string_view::npos; };
    const char e = code[0], t = code[1], se = code[damped ? 3 : 2];
    if (!ok(e, "AMZ") || !ok(t, "NAMZ") || !ok(se, "NAMZ"))
      throw invalid_argument("method '" + std::string(method) + "': error must be A, M or Z; trend and season N, A, M or Z");
    s.error = e, s.trend = t, s.season = se;
    if (damped) s.damped = true;
    else if (t != 'Z') s.damped = false;
    if (t == 'M') s.allow_multiplicative_trend = true;
    return s;
  }
  std::string known;
  for (const auto& n : method_names()) known += (known.empty() ? "" : ", ") + n;
  throw not_found("unknown method '" + std::string(method) + "'; available: " + known);
}

/// The observations a model can use: the longest run of present values that ends at the last
/// present observation (models need consecutive data; missing values are never filled in).
/// `note` says what was left out and why.
struct usable_span {
  std::size_t first = 0, last = 0;  ///< indices into the series, inclusive
  std::string note;
};

/// \throws invalid_argument when the series has no present value.
[[nodiscard]] inline usable_span trailing_span(const series& s) {
  std::size_t last = s.size();
  while (last > 0 && s.is_missing(last - 1)) --last;
  if (last == 0) throw invalid_argument("series '" + s.id() + "' has no observation with a value");
  std::size_t first = last - 1;
  while (first > 0 && !s.is_missing(first - 1)) --first;
  usable_span u{first, last - 1, {}};
  if (first > 0)
    u.note = "uses " + s.period_at(first).to_string() + " to " + s.period_at(last - 1).to_string() + " (" +
             std::to_string(last - first) + " observations): " + s.period_at(first - 1).to_string() +
             " is missing and is not interpolated, so the " + std::to_string(first) +
             " earlier observation(s) are not used";
  if (last < s.size())
    u.note += std::string(u.note.empty() ? "" : "; ") + "the missing value(s) after " + s.period_at(last - 1).to_string() + " are not used";
  return u;
}

/// Fits `method` to the usable observations of `s` and forecasts `h` periods after the last of them.
/// Short series: automatic selection falls back to what the data supports (see fit_ets()), with the
/// reason in `model.status_message`; fewer than two observations is an error.
/// \throws invalid_argument for h < 1, a level outside (0, 100), fewer than two usable observations,
///   or a multiplicative model on non-positive data; not_found for an unknown method.
[[nodiscard]] inline forecast_result forecast_series(const series& s, std::string_view method, int h,
                                                     const forecast_options& opt = {}) {
  check_horizon(h);
  check_levels(opt.levels);
  const ets_spec spec = ets_spec_for(method);
  const usable_span u = trailing_span(s);
  const std::size_t n = u.last - u.first + 1;
  if (n < 2)
    throw invalid_argument("series '" + s.id() + "' has " + std::to_string(n) +
                           " usable observation(s); forecasting needs at least 2" +
                           (u.note.empty() ? std::string() : " (" + u.note + ")"));
  const std::span<const double> y = s.values().subspan(u.first, n);
  const ets_fit fit = fit_ets(y, periods_per_year(s.freq()), spec);
  ets_forecast_options fo;
  fo.seed = opt.seed;
  forecast_result r;
  r.meta = s.meta();
  r.first = s.period_at(u.last).next();
  r.levels = opt.levels;
  r.values = forecast_ets(fit, h, opt.levels, fo);
  r.model = to_model_info(fit);
  r.data_note = u.note;
  return r;
}

}  // namespace tradecast::forecast
