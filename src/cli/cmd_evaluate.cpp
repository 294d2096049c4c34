// SPDX-License-Identifier: MIT
// `tradecast evaluate`: forecasts every series of a competition-style set (wide layout) with each
// method of a list, in parallel, and scores them against the holdout: sMAPE, MASE and OWA
// relative to Naive2, MSIS and coverage of one prediction interval (M4 definitions), with the
// number of fallbacks and the seconds taken.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "tradecast/batch/batch.hpp"
#include "tradecast/eval/metrics.hpp"
#include "tradecast/forecast/engine.hpp"
#include "tradecast/io/wide.hpp"

namespace tradecast::cli {
namespace {

struct evaluate_options {
  std::string train, test, info;
  int horizon = 0;
  int season = 0;
  std::string methods;
  int threads = 0;
  double level = 95;  ///< the interval scored by MSIS and coverage
  std::string format = "table";
};

struct method_score {
  std::string method;
  std::size_t series = 0;
  double smape = 0, mase = 0, owa = 0, msis = 0, coverage = 0;
  std::string owa_undefined;  ///< why OWA is NaN (Naive2 has no usable sMAPE or MASE, say)
  std::size_t fallbacks = 0;
  double seconds = 0;
  std::size_t excluded = 0;
  eval::set_accuracy accuracy;  ///< the set-level accuracy these figures come from
};

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  if (out.empty()) throw invalid_argument("--method: expected a comma-separated list such as naive2,ets,theta");
  return out;
}

// Train and test sets with the same series in the same order; horizons from the info file or
// --horizon.
struct loaded_sets {
  io::wide_set train, test;
};

loaded_sets load_sets(const evaluate_options& o) {
  loaded_sets s;
  if (!o.info.empty()) {
    const auto info = io::read_wide_info(o.info);
    s.train = io::join_wide(io::read_wide(o.train), info, o.season, io::wide_part::train, o.train, o.info);
    s.test = io::join_wide(io::read_wide(o.test), info, o.season, io::wide_part::test, o.test, o.info);
  } else {
    if (o.horizon < 1) throw invalid_argument("--horizon is required without --info (the info file gives each series' NF)");
    s.train = io::wide_set_of(io::read_wide(o.train), o.season, o.horizon, o.train);
    s.test = io::wide_set_of(io::read_wide(o.test), o.season, o.horizon, o.test);
  }
  const std::size_t common = std::min(s.train.series.size(), s.test.series.size());
  for (std::size_t i = 0; i < common; ++i) {
    auto& tr = s.train.series[i];
    const auto& te = s.test.series[i];
    if (tr.id != te.id)
      throw parse_error(o.test, te.line, 1,
                        "series " + std::to_string(i + 1) + " is '" + te.id + "', but " + o.train + " has '" + tr.id +
                            "' there (line " + std::to_string(tr.line) + "); expected the same series in the same order");
    if (o.horizon > 0) tr.horizon = o.horizon;
    if (static_cast<std::size_t>(tr.horizon) > te.values.size())
      throw parse_error(o.test, te.line, te.values.size() + 2,
                        "series '" + te.id + "' has " + std::to_string(te.values.size()) + " test value(s), but the horizon is " +
                            std::to_string(tr.horizon) +
                            (o.horizon > 0 ? std::string(" (--horizon)")
                                           : " (NF, " + o.info + " line " + std::to_string(tr.info_line) + ")"));
  }
  if (s.train.series.size() != s.test.series.size()) {
    const bool test_longer = s.test.series.size() > s.train.series.size();
    const io::wide_series& extra = test_longer ? s.test.series[common] : s.train.series[common];
    throw parse_error(test_longer ? o.test : o.train, extra.line, 1,
                      "series '" + extra.id + "' has no counterpart in " + (test_longer ? o.train : o.test) + " (" +
                          std::to_string(s.train.series.size()) + " series in " + o.train + ", " +
                          std::to_string(s.test.series.size()) + " in " + o.test +
                          "); expected the same series in the same order");
  }
  check_horizons(s.train, o.info);
  return s;
}

method_score score_method(const std::string& name, const loaded_sets& sets, const evaluate_options& o,
                          const eval::set_accuracy* naive2) {
  const forecast::method_spec spec = forecast::parse_method(name);
  const std::vector<batch::batch_input> inputs = batch::inputs_of(sets.train);
  forecast::forecast_options fo;
  fo.levels = {o.level};
  batch::batch_options bo;
  bo.threads = o.threads;
  bo.keep_fitted = false;
  const auto t0 = std::chrono::steady_clock::now();
  const batch::batch_result r = batch::forecast_batch(inputs, spec, 0, fo, bo);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  report_batch_statuses(r, name + ": ");  // which series fell back, and why
  std::vector<eval::accuracy> acc;
  std::vector<std::string> ids;
  acc.reserve(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto& sr = r.series[i];
    if (sr.status == batch::series_status::failed)
      throw invalid_argument("method '" + name + "': series '" + sr.id + "' could not be forecast: " + sr.message);
    const auto& te = sets.test.series[i].values;
    const std::span<const double> actual(te.data(), static_cast<std::size_t>(sr.h));
    try {
      acc.push_back(eval::evaluate(inputs[i].values, actual, sr.values, inputs[i].m, o.level));
    } catch (const error& e) {
      throw invalid_argument("method '" + name + "': series '" + sr.id + "' cannot be scored: " + e.what());
    }
    ids.push_back(sr.id);
  }
  const eval::set_accuracy set = eval::aggregate(acc, ids);
  method_score s;
  s.method = name;
  s.series = inputs.size();
  s.smape = set.smape;
  s.mase = set.mase;
  s.msis = set.msis;
  s.coverage = set.coverage;
  // OWA (1 for Naive2 itself, when its own measures allow one): NaN with the reason when it
  // cannot be formed, so that the other measures are still reported.
  try {
    s.owa = eval::owa(set, naive2 ? *naive2 : set);
  } catch (const error& e) {
    s.owa = std::numeric_limits<double>::quiet_NaN();
    s.owa_undefined = e.what();
  }
  s.fallbacks = r.fell_back;
  s.seconds = seconds;
  s.excluded = set.excluded.size();
  s.accuracy = set;
  // One note per series, naming every measure it is left out of (the reason is the series').
  std::map<std::size_t, std::vector<const eval::excluded_value*>> by_series;
  for (const auto& ex : set.excluded) by_series[ex.index].push_back(&ex);
  for (const auto& [index, list] : by_series) {
    std::string measures;
    for (const auto* ex : list)
      measures += fmt::format("{}{} ({})", measures.empty() ? "" : ", ", ex->measure,
                              std::isnan(ex->value) ? std::string("undefined")
                              : std::isinf(ex->value) ? std::string(ex->value > 0 ? "+inf" : "-inf")
                                                      : tradecast::detail::short_number(ex->value));
    std::cerr << fmt::format("tradecast: note: {}: series '{}' is left out of the set mean of {}: {}\n", name,
                             list.front()->id, measures, list.front()->reason);
  }
  return s;
}

int run_evaluate(const evaluate_options& o) {
  if (o.format != "table" && o.format != "json") throw invalid_argument("--format: expected table or json, got '" + o.format + "'");
  if (!(o.level > 0 && o.level < 100))
    throw invalid_argument("--level: " + level_name(o.level) +
                           " is outside (0, 100); expected a percentage such as 95");
  const std::vector<std::string> methods = split_list(o.methods);
  for (const auto& m : methods) (void)forecast::parse_method(m);  // unknown names fail before any work
  const loaded_sets sets = load_sets(o);

  // Naive2 is the OWA baseline: scored once, first.
  const method_score base_score = score_method("naive2", sets, o, nullptr);
  const eval::set_accuracy& base = base_score.accuracy;
  std::vector<method_score> scores;
  for (const auto& m : methods) scores.push_back(m == "naive2" ? base_score : score_method(m, sets, o, &base));
  // One note per reason OWA is undefined, naming the methods it applies to.
  std::vector<std::pair<std::string, std::string>> undefined;  // reason, methods
  for (const auto& s : scores) {
    if (s.owa_undefined.empty()) continue;
    auto it = std::find_if(undefined.begin(), undefined.end(), [&](const auto& u) { return u.first == s.owa_undefined; });
    if (it == undefined.end()) undefined.emplace_back(s.owa_undefined, s.method);
    else it->second += ", " + s.method;
  }
  for (const auto& [reason, names] : undefined)
    std::cerr << fmt::format("tradecast: note: OWA of {} is undefined (left empty): {}\n", names, reason);

  if (o.format == "json") {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const auto& s : scores)
      j.push_back({{"method", s.method}, {"series", s.series}, {"smape", json_number(s.smape)},
                   {"mase", json_number(s.mase)}, {"owa", json_number(s.owa)}, {"fallbacks", s.fallbacks},
                   {"seconds", s.seconds}, {"level", o.level}, {"msis", json_number(s.msis)},
                   {"coverage", json_number(s.coverage)}});
    std::cout << json_text(j) << "\n";
    return 0;
  }
  const std::string lv = level_name(o.level);
  table t{{"method", "series", "sMAPE", "MASE", "OWA", "MSIS", "cover" + lv, "fallbacks", "seconds"},
          {false, true, true, true, true, true, true, true, true},
          {}};
  for (const auto& s : scores)
    t.rows.push_back({s.method, std::to_string(s.series), fixed(s.smape, 3), fixed(s.mase, 3), fixed(s.owa, 3),
                      fixed(s.msis, 3), std::isnan(s.coverage) ? std::string() : fixed(100 * s.coverage, 1) + "%",
                      std::to_string(s.fallbacks), fmt::format("{:.2f}", s.seconds)});
  std::cout << fmt::format("{} series, seasonal period {}, {} thread(s)\n\n", sets.train.series.size(), o.season,
                           o.threads == 0 ? std::string("all") : std::to_string(o.threads));
  std::cout << t.render();
  std::cout << fmt::format(
      "\nsMAPE, MASE, and MSIS and coverage of the {}% prediction intervals: M4 definitions, mean over series of "
      "the mean over the horizon; OWA relative to Naive2.\n",
      lv);
  return 0;
}

}  // namespace

void add_evaluate_command(CLI::App& app, runner& run) {
  auto opts = std::make_shared<evaluate_options>();
  auto* cmd = app.add_subcommand("evaluate", "Score forecasting methods on a set of series against a holdout");
  cmd->add_option("--train", opts->train, "Training values, wide layout (id first, values, padding)")->required();
  cmd->add_option("--test", opts->test, "Holdout values, same series in the same order")->required();
  cmd->add_option("--info", opts->info, "Info file (Series,N,NF,...): per-series horizon NF");
  cmd->add_option("--horizon,-H", opts->horizon, "Horizon (required without --info; overrides NF)")->check(whole_at_least(1));
  cmd->add_option("--season,-m", opts->season, "Seasonal period: 1 yearly, 4 quarterly, 12 monthly")
      ->required()
      ->check(whole_at_least(1));
  cmd->add_option("--method", opts->methods,
                  "Comma-separated methods: any name of 'tradecast forecast --method', plus naive2")
      ->default_val("naive2,auto");
  cmd->add_option("--threads", opts->threads, "Worker threads (0 = all cores)")->default_val(0)->check(whole_at_least(0));
  cmd->add_option("--level", opts->level,
                  "Level (percent) of the prediction intervals scored by MSIS and coverage (M4: 95)")
      ->default_val(95);
  cmd->add_option("--format", opts->format, "table or json")->default_val("table");
  cmd->callback([opts, &run] { run = [opts] { return run_evaluate(*opts); }; });
}

}  // namespace tradecast::cli
