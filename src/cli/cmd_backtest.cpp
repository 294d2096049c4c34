// SPDX-License-Identifier: MIT
// `tradecast backtest`: rolling-origin evaluation of a method on one series (eval::rolling_origin,
// R's tsCV): the method forecasts H periods from every origin, refitted at each origin or fitted
// once and re-used (--no-refit), and the errors are summarised per step ahead.
#include <cmath>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "tradecast/core/bridge.hpp"
#include "tradecast/eval/rolling.hpp"
#include "tradecast/io/csv.hpp"
#include "tradecast/forecast/engine.hpp"

namespace tradecast::cli {
namespace {

struct backtest_options {
  input_options in;
  std::string method = "auto";
  int horizon = 0;
  std::size_t first_origin = 0;
  std::size_t step = 1;
  std::size_t window = 0;
  bool no_refit = false;
  bool bridge_gaps = false;  ///< --bridge-gaps, as for forecast
  std::string lambda;
  std::string levels;  ///< --level: intervals whose coverage is reported per step
  std::string output;
  int threads = 0;
};

int run_backtest(const backtest_options& o) {
  check_output_files({{"--output", o.output}}, {{"--input", o.in.input}});
  if (o.horizon < 1) throw invalid_argument("--horizon (-H) is required: the number of periods ahead to evaluate");
  const forecast::method_spec spec = forecast::parse_method(o.method);  // an unknown name fails before any reading
  if (o.no_refit && !forecast::reusable(spec)) throw invalid_argument("--no-refit: " + forecast::not_reusable_reason(spec));
  const loaded_input in = load_input(o.in);
  const series& selected = select_series(in, o.in);
  const std::optional<bridged_series> bridged = o.bridge_gaps ? std::optional(bridge_gaps(selected)) : std::nullopt;
  const series& s = bridged ? bridged->data : selected;
  forecast::usable_span u = forecast::trailing_span(s);
  if (bridged)  // the user's explicit choice, said wherever the data note goes
    u.note = bridged->note() + (u.note.empty() ? "" : "; " + u.note);
  const std::size_t n = u.last - u.first + 1;
  const std::span<const double> y = s.values().subspan(u.first, n);
  const int m = periods_per_year(s.freq());

  eval::rolling_options ro;
  ro.h = o.horizon;
  ro.step = o.step;
  ro.refit = !o.no_refit;
  ro.threads = o.threads;
  if (o.window > 0) ro.window = o.window;
  ro.first_origin = o.first_origin;
  // the other checks of the origins are rolling_origin()'s; this one adds the series and its data note
  const std::size_t first = eval::first_origin_of(ro);
  if (first >= n) {
    // Named by the option that set it: --first-origin, else --window (the first fit is one window).
    const std::string by = o.first_origin > 0 ? fmt::format("--first-origin {}", first)
                           : o.window > 0     ? fmt::format("--window {} (the first origin is one window)", first)
                                              : fmt::format("the default first origin ({} observations)", first);
    throw invalid_argument(fmt::format("{} leaves no observation to test: series '{}' has {} usable observation(s){}",
                                       by, s.id(), n, u.note.empty() ? "" : " (" + u.note + ")"));
  }
  apply_lambda_option(o.lambda, ro.forecast);
  if (!o.levels.empty()) ro.forecast.levels = parse_levels(o.levels);
  ro.observation_name = [&](std::size_t i) { return forecast::value_name(s, u.first + i); };
  const eval::rolling_result r = eval::rolling_origin(y, m, spec, ro);

  auto origin_period = [&](std::size_t origin) { return s.period_at(u.first + origin - 1).to_string(); };
  std::size_t failed = 0;
  for (const auto& org : r.origins) failed += org.failed ? 1 : 0;
  if (failed == r.origins.size())  // nothing to summarise: an error, as `forecast` gives for one fit
    throw error(fmt::format("method '{}': none of the {} origin(s) could be fitted; the first (last training period {}): {}",
                            o.method, r.origins.size(), origin_period(r.origins.front().origin),
                            r.origins.front().message));

  std::ostringstream out;
  if (o.in.format == "csv") {
    out << "series,step,origins,mae,rmse,smape,mase,mase_origins";
    for (double l : ro.forecast.levels) out << ",cover" << level_name(l);
    out << "\n";
    for (const auto& st : r.per_step) {
      out << io::csv_quote(s.id()) << ',' << st.step << ',' << st.count << ',' << exact(st.mae) << ',' << exact(st.rmse)
          << ',' << exact(st.smape) << ',' << exact(st.mase) << ',' << st.mase_count;
      for (double c : st.coverage) out << ',' << exact(c);
      out << "\n";
    }
  } else if (o.in.format == "json") {
    nlohmann::ordered_json j;
    j["series"] = metadata_json(s);
    j["requested"] = o.method;
    j["refit"] = ro.refit;
    if (!ro.refit)  // the origin whose fit the later ones re-use, null when none could be kept
      j["kept_origin"] = r.kept_at ? nlohmann::ordered_json(r.origins[*r.kept_at].origin) : nlohmann::ordered_json(nullptr);
    j["horizon"] = o.horizon;
    j["seasonal_period"] = m;
    j["observations"] = n;
    if (!u.note.empty()) j["data_note"] = u.note;
    j["first_origin"] = first;
    j["step"] = o.step;
    if (ro.window) j["window"] = *ro.window;
    auto& steps = j["per_step"] = nlohmann::ordered_json::array();
    for (const auto& st : r.per_step) {
      nlohmann::ordered_json row = {{"step", st.step}, {"origins", st.count}, {"mae", json_number(st.mae)},
                                    {"rmse", json_number(st.rmse)}, {"smape", json_number(st.smape)},
                                    {"mase", json_number(st.mase)}, {"mase_origins", st.mase_count}};
      if (!st.coverage.empty()) {  // per level: the share of origins whose interval held, and over how many
        // Built apart and then moved in: a reference into an ordered_json does not survive the
        // insertion of another key (its members live in a vector).
        nlohmann::ordered_json cov = nlohmann::ordered_json::object(), cnt = nlohmann::ordered_json::object();
        for (std::size_t l = 0; l < st.coverage.size(); ++l) {
          cov[level_name(ro.forecast.levels[l])] = json_number(st.coverage[l]);
          cnt[level_name(ro.forecast.levels[l])] = st.coverage_count[l];
        }
        row["coverage"] = std::move(cov);
        row["coverage_origins"] = std::move(cnt);
      }
      steps.push_back(std::move(row));
    }
    auto& origins = j["origins"] = nlohmann::ordered_json::array();
    for (const auto& org : r.origins) {
      nlohmann::ordered_json e;
      e["origin"] = org.origin;
      e["last_period"] = origin_period(org.origin);
      e["train_length"] = org.train_length;
      e["method"] = org.method;
      e["failed"] = org.failed;
      if (!org.message.empty()) e["message"] = org.message;
      auto& fc = e["forecasts"] = nlohmann::ordered_json::array();
      for (double v : org.values.mean) fc.push_back(json_number(v));
      auto& er = e["errors"] = nlohmann::ordered_json::array();
      for (double v : org.errors) er.push_back(json_number(v));
      origins.push_back(std::move(e));
    }
    j["notes"] = r.notes;
    out << json_text(j) << "\n";
  } else {
    const std::string unit = s.meta().unit.label();
    out << fmt::format("{} ({}){}\n", s.meta().name, s.id(), unit.empty() ? "" : ", " + unit);
    out << fmt::format("Rolling origin: {} from {} origin(s), {} to {}, every {} period(s){}; method {}, {}\n",
                       o.horizon == 1 ? "1 step ahead" : fmt::format("1 to {} steps ahead", o.horizon), r.origins.size(),
                       origin_period(r.origins.front().origin), origin_period(r.origins.back().origin), o.step,
                       ro.window ? fmt::format(", window {}", *ro.window) : std::string(), o.method,
                       ro.refit ? std::string("refitted at every origin")
                       : r.kept_at
                           ? fmt::format("fitted once, at origin {} ({}), {} ({})", r.origins[*r.kept_at].origin,
                                         origin_period(r.origins[*r.kept_at].origin),
                                         *r.kept_at + 1 == r.origins.size()
                                             ? std::string("the last origin, so nothing is re-used")
                                             : fmt::format("and re-used at the {} later origin(s)", r.origins.size() - *r.kept_at - 1),
                                         r.origins[*r.kept_at].method)
                           : std::string("not re-used: no fit could be kept (each fell back or failed), so every origin was fitted"));
    if (!u.note.empty()) out << "Data: " << u.note << "\n";
    out << "\n";
    table t{{"step", "origins", "MAE", "RMSE", "sMAPE %", "MASE"}, {true, true, true, true, true, true}, {}};
    for (double l : ro.forecast.levels) {
      t.header.push_back("cover" + level_name(l));
      t.right.push_back(true);
    }
    const number_style dp = style_for(y);  // MAE and RMSE in the data's units, at the data's scale
    for (const auto& st : r.per_step) {
      std::vector<std::string> row = {std::to_string(st.step), std::to_string(st.count), table_number(st.mae, dp),
                                      table_number(st.rmse, dp), fixed(st.smape, 2), fixed(st.mase, 3)};
      for (double c : st.coverage) row.push_back(std::isnan(c) ? std::string() : fixed(100 * c, 1) + "%");
      t.rows.push_back(std::move(row));
    }
    out << t.render();
    out << fmt::format("\nErrors are actual minus forecast; MASE scales each origin's errors by the mean absolute "
                       "{} difference of its own training data.\n",
                       m > 1 ? fmt::format("lag-{}", m) : std::string("one-period"));
    if (!ro.forecast.levels.empty())
      out << "coverN: the share of origins whose N% prediction interval held the actual value.\n";
    if (failed > 0) out << fmt::format("{} of {} origin(s) could not be fitted (see notes).\n", failed, r.origins.size());
    for (const auto& note : r.notes) out << "Note: " << note << "\n";
    out << "Every origin's forecasts and errors: --format json.\n";
  }
  write_output(o.output, out.str());
  if (o.in.format == "csv") {  // the table prints these; CSV has no room for them
    if (!u.note.empty()) std::cerr << fmt::format("tradecast: note: series '{}': {}\n", s.id(), u.note);
    for (const auto& note : r.notes) std::cerr << "tradecast: note: " << note << "\n";
  }
  if (failed > 0)
    std::cerr << fmt::format("tradecast: warning: {} of {} origin(s) could not be fitted; their errors are left out\n",
                             failed, r.origins.size());
  return 0;
}

}  // namespace

void add_backtest_command(CLI::App& app, runner& run) {
  auto opts = std::make_shared<backtest_options>();
  auto* cmd = app.add_subcommand("backtest",
                                  "Rolling-origin evaluation of a method on one series (as R's tsCV): errors 1 to H "
                                  "steps ahead from every origin, summarised per step");
  add_input_options(*cmd, opts->in, true);
  cmd->add_option("--method", opts->method, "Any method of `tradecast forecast` (see its --help)")->default_val("auto");
  cmd->add_option("--horizon,-H", opts->horizon, "Steps ahead to evaluate from each origin (required)")
      ->check(whole_at_least(1));
  cmd->add_option("--first-origin", opts->first_origin,
                  "Observations in the first fit (the first origin, at least 2); default 2, or --window")
      ->check(whole_at_least(2));
  cmd->add_option("--step", opts->step, "Periods between origins")->default_val(1)->check(whole_at_least(1));
  cmd->add_option("--window", opts->window,
                  "Fit each origin to its last W observations only (a moving window, at least 2)")
      ->check(whole_at_least(2));
  cmd->add_flag("--bridge-gaps", opts->bridge_gaps,
                "Fill each run of missing values between two full observations by geometric interpolation (linear "
                "when an end is not positive), marked estimated, as forecast --bridge-gaps");
  cmd->add_flag("--no-refit", opts->no_refit,
                "Fit once, at the first origin whose fit neither falls back nor fails, and re-use that model "
                "(parameters and initial states) at every later origin; ETS methods, naive and snaive");
  cmd->add_option("--lambda", opts->lambda,
                  "Box-Cox transformation before fitting: a number (0 = logarithm) or auto (Guerrero's method)");
  cmd->add_option("--level", opts->levels,
                  "Prediction-interval levels, e.g. 80,95: report per step how often each interval held the actual");
  cmd->add_option("--output,-o", opts->output, "Write the result to this file instead of standard output");
  cmd->add_option("--threads", opts->threads, "Origins fitted in parallel on this many threads (0 = all cores)")
      ->default_val(0)
      ->check(whole_at_least(0));
  cmd->callback([opts, &run] { run = [opts] { return run_backtest(*opts); }; });
}

}  // namespace tradecast::cli
