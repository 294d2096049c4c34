// SPDX-License-Identifier: MIT
// `tradecast forecast`: point forecasts with prediction intervals, the model chosen, and an optional
// SVG fan chart; with --all, every series of the long CSV input, and with --wide, every series of a
// competition-style set (wide layout), in parallel.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "tradecast/batch/batch.hpp"
#include "tradecast/chart/fan_chart.hpp"
#include "tradecast/core/bridge.hpp"
#include "tradecast/forecast/engine.hpp"
#include "tradecast/io/csv.hpp"
#include "tradecast/io/wide.hpp"

namespace tradecast::cli {
namespace {

struct forecast_cli_options {
  input_options in;
  std::string method = "auto";
  int horizon = 0;
  std::string levels = "80,95";
  std::string chart;
  std::string lambda;
  bool biasadj = false;
  bool bridge_gaps = false;  ///< --bridge-gaps: fill interior gaps (marked estimated) before forecasting
  bool all = false;          ///< --all: every series of --input
  bool simulate = false, bootstrap = false;
  int npaths = forecast::forecast_options{}.npaths;
  std::uint64_t seed = forecast::forecast_options{}.seed;
  std::string output;  ///< --output FILE ("" = standard output)
  // --wide mode
  std::string wide;
  std::string info;
  int season = 1;
  int threads = 0;
  bool wide_given = false, season_given = false, threads_given = false, npaths_given = false, seed_given = false;
};

// --level, --lambda, --biasadj and the simulation options.
forecast::forecast_options forecast_options_of(const forecast_cli_options& o) {
  forecast::forecast_options fo;
  fo.levels = parse_levels(o.levels);
  apply_lambda_option(o.lambda, fo);
  if (o.biasadj && !fo.lambda && !fo.lambda_auto) {
    // logtrend and cagr take no lambda (they model logs already): name their Box-Cox equivalents.
    const std::string log_model = o.method == "cagr" ? "drift" : o.method == "logtrend" ? "trend" : "";
    throw invalid_argument("--biasadj needs --lambda (it adjusts the back-transformed mean)" +
                           (log_model.empty() ? std::string()
                                              : "; method '" + o.method + "' takes no lambda: its bias-adjusted mean is --method " +
                                                    log_model + " --lambda 0 --biasadj (the same model, R's " +
                                                    (log_model == "drift" ? "rwf(y, drift = TRUE, lambda = 0, biasadj = TRUE)"
                                                                          : "tslm(y ~ trend, lambda = 0, biasadj = TRUE)") + ")"));
  }
  fo.biasadj = o.biasadj;
  fo.simulate = o.simulate;
  fo.bootstrap = o.bootstrap;
  fo.npaths = o.npaths;
  fo.seed = o.seed;
  return fo;
}

// How the intervals of the ETS models were made, when the user asked for simulation ("" otherwise).
std::string simulation_note(const forecast_cli_options& o) {
  if (!o.simulate && !o.bootstrap) return {};
  return fmt::format("ETS intervals simulated from {} sample paths with {} (seed {})", o.npaths,
                     o.bootstrap ? "errors resampled from the residuals" : "normal errors", o.seed);
}

// The JSON of simulated intervals (with the seed this series used), null when not asked for.
nlohmann::ordered_json simulation_json(const forecast_cli_options& o, std::uint64_t seed) {
  if (!o.simulate && !o.bootstrap) return nullptr;
  return {{"simulated", o.bootstrap ? "bootstrap" : "normal"}, {"npaths", o.npaths}, {"seed", seed}};
}

// The checks shared by the modes that read --input (one --series, or --all).
void check_long_input_options(const forecast_cli_options& o) {
  if (o.horizon < 1) throw invalid_argument("--horizon (-H) is required: the number of periods to forecast");
  if (!o.info.empty()) throw invalid_argument("--info goes with --wide (it gives each series' horizon NF)");
  if (o.season_given)
    throw invalid_argument("--season goes with --wide: a series of --input has a frequency, which sets its seasonal period");
}

// One series of --input (or the embedded data).
int run_single(const forecast_cli_options& o, std::ostream& out) {
  check_long_input_options(o);
  if (o.threads_given)
    throw invalid_argument("--threads goes with --wide or --all: a single series is forecast on one thread");
  const loaded_input in = load_input(o.in);
  const series& selected = select_series(in, o.in);
  // --bridge-gaps: the user's explicit choice to fill interior gaps; said in the Data line.
  const std::optional<bridged_series> bridged = o.bridge_gaps ? std::optional(bridge_gaps(selected)) : std::nullopt;
  const series& s = bridged ? bridged->data : selected;
  const forecast::forecast_options fo = forecast_options_of(o);
  forecast::forecast_result r = forecast::forecast_series(s, o.method, o.horizon, fo);
  if (bridged) r.data_note = bridged->note() + (r.data_note.empty() ? "" : "; " + r.data_note);
  const auto& v = r.values;
  if (r.model.status == forecast::fit_status::failed)
    throw error("series '" + s.id() + "', method '" + o.method + "': no forecasts: " + r.model.status_message);

  // The chart's history ends with the last observation used (later periods, missing or left
  // out, are the forecast's first ones).
  if (!o.chart.empty())
    write_file("--chart", o.chart,
               chart::fan_chart_svg(r.first <= s.end() ? s.slice(s.start(), r.first.prev()) : s, r));

  if (o.in.format == "csv") {
    out << "series,period,mean";
    for (double l : r.levels) out << ",lo" << level_name(l) << ",hi" << level_name(l);
    out << "\n";
    for (std::size_t i = 0; i < v.mean.size(); ++i) {
      out << io::csv_quote(s.id()) << ',' << r.period_at(i).to_string() << ',' << exact(v.mean[i]);
      for (const auto& b : v.intervals) out << ',' << exact(b.lower[i]) << ',' << exact(b.upper[i]);
      out << "\n";
    }
    // The CSV layout has no room for what the table's header lines say: standard error does.
    if (!r.data_note.empty()) std::cerr << fmt::format("tradecast: note: series '{}': {}\n", s.id(), r.data_note);
    if (!r.model.status_message.empty())
      std::cerr << fmt::format("tradecast: note: series '{}': {} ({}): {}\n", s.id(), r.model.method,
                               forecast::to_string(r.model.status), r.model.status_message);
    return 0;
  }
  if (o.in.format == "json") {
    nlohmann::ordered_json j;
    j["series"] = metadata_json(s);
    auto& m = j["model"];
    m["method"] = r.model.method;
    m["requested"] = o.method;
    m["status"] = std::string(forecast::to_string(r.model.status));
    if (!r.model.status_message.empty()) m["status_message"] = r.model.status_message;
    for (const auto& [name, value] : r.model.parameters) m["parameters"][name] = value;
    m["sigma2"] = json_number(r.model.sigma2);
    m["loglik"] = json_number(r.model.loglik);
    m["aic"] = json_number(r.model.aic);
    m["aicc"] = json_number(r.model.aicc);
    m["bic"] = json_number(r.model.bic);
    if (!o.lambda.empty()) m["point_forecast"] = o.biasadj ? "mean" : "median";  // of the back-transformed distribution
    if (!r.data_note.empty()) j["data_note"] = r.data_note;
    if (auto sim = simulation_json(o, o.seed); !sim.is_null()) j["intervals"] = std::move(sim);
    auto& rows = j["forecasts"] = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < v.mean.size(); ++i) {
      nlohmann::ordered_json row;
      row["period"] = r.period_at(i).to_string();
      row["mean"] = json_number(v.mean[i]);
      for (const auto& b : v.intervals) {
        row["lo" + level_name(b.level)] = json_number(b.lower[i]);
        row["hi" + level_name(b.level)] = json_number(b.upper[i]);
      }
      rows.push_back(std::move(row));
    }
    out << json_text(j) << "\n";
    return 0;
  }

  const std::string unit = s.meta().unit.label();
  out << fmt::format("{} ({}){}\n", s.meta().name, s.id(), unit.empty() ? "" : ", " + unit);
  out << fmt::format("Model: {}   (requested: {}; status: {})\n", r.model.method, o.method,
                     forecast::to_string(r.model.status));
  if (!r.model.status_message.empty()) out << "  " << r.model.status_message << "\n";
  if (!r.data_note.empty()) out << "Data: " << r.data_note << "\n";
  if (const std::string note = simulation_note(o); !note.empty()) out << "Intervals: " << note << "\n";
  if (!o.lambda.empty())
    out << (o.biasadj ? "Box-Cox: forecasts transformed back as means (bias-adjusted, --biasadj)\n"
                      : "Box-Cox: forecasts transformed back as medians (--biasadj gives means)\n");
  if (!r.model.parameters.empty()) {
    std::string p;
    for (const auto& [name, value] : r.model.parameters) p += fmt::format("{}{} = {:.4g}", p.empty() ? "" : ", ", name, value);
    out << "Parameters: " << p << "\n";
  }
  if (std::isfinite(r.model.aicc))
    out << fmt::format("sigma^2 = {:.4g}, log-likelihood = {:.3f}, AICc = {:.3f}\n", r.model.sigma2,
                       r.model.loglik, r.model.aicc);
  else if (r.model.loglik == std::numeric_limits<double>::infinity())  // as R: the data reproduced exactly
    out << fmt::format("sigma^2 = {:.4g}, log-likelihood = +inf, AICc = -inf: the model reproduces the data exactly\n",
                       r.model.sigma2);
  out << "\n";
  table t{{"period", "value"}, {false, true}, {}};
  for (const auto& b : v.intervals) {
    t.header.push_back("lo" + level_name(b.level));
    t.header.push_back("hi" + level_name(b.level));
    t.right.push_back(true);
    t.right.push_back(true);
  }
  t.header.push_back("");
  t.right.push_back(false);
  // The history up to the last observation used (periods after it, left out as the Data line
  // says, are the first forecast periods), its status when it is not a plain observation.
  const auto end = static_cast<std::size_t>(r.first - s.period_at(0));
  // One number of decimals for the whole table, from the magnitude of what it shows.
  std::vector<double> shown(v.mean);
  for (std::size_t i = end - std::min<std::size_t>(5, end); i < end; ++i) shown.push_back(s[i]);
  const number_style dp = style_for(shown);
  for (std::size_t i = end - std::min<std::size_t>(5, end); i < end; ++i) {
    std::vector<std::string> row{s.period_at(i).to_string(), s.is_missing(i) ? "n/a" : table_number(s[i], dp)};
    row.resize(2 + 2 * v.intervals.size());
    row.push_back(s.status(i) == obs_status::normal ? "observed" : std::string(to_string(s.status(i))));
    t.rows.push_back(std::move(row));
  }
  for (std::size_t i = 0; i < v.mean.size(); ++i) {
    std::vector<std::string> row{r.period_at(i).to_string(), table_number(v.mean[i], dp)};
    for (const auto& b : v.intervals) {
      row.push_back(table_number(b.lower[i], dp));
      row.push_back(table_number(b.upper[i], dp));
    }
    row.push_back("forecast");
    t.rows.push_back(std::move(row));
  }
  out << t.render();
  if (!o.chart.empty()) out << "\nFan chart written to " << o.chart << "\n";
  return 0;
}

// --wide: the series of a wide-layout file, each with its horizon: NF from --info, or --horizon
// (which overrides NF). The info file's N is not checked against the number of values: the file
// to forecast need not be the training part of a competition set.
io::wide_set load_wide(const forecast_cli_options& o) {
  // The wide layout does not record the frequency (the table's header names the period used):
  // warn when the file's name says it holds quarterly or monthly data (M3-Quarterly-train.csv)
  // and no --season was given.
  if (!o.season_given) {
    std::string name = std::filesystem::path(o.wide).filename().string();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const char* hint = name.find("quarter") != std::string::npos ? "quarterly"
                       : name.find("month") != std::string::npos ? "monthly"
                                                                 : nullptr;
    if (hint)
      std::cerr << fmt::format("tradecast: warning: --season not given, so the series of {} are taken as annual "
                               "(seasonal period 1), but its name says {}: give --season {}\n",
                               o.wide, hint, hint[0] == 'q' ? 4 : 12);
  }
  if (!o.info.empty()) {
    io::wide_set set = io::join_wide(io::read_wide(o.wide), io::read_wide_info(o.info), o.season,
                                     io::wide_part::unchecked, o.wide, o.info);
    if (o.horizon > 0)
      for (auto& ws : set.series) ws.horizon = o.horizon;
    else
      check_horizons(set, o.info);
    return set;
  }
  if (o.horizon < 1)
    throw invalid_argument("--horizon (-H) is required with --wide unless --info gives each series' horizon (column NF)");
  return io::wide_set_of(io::read_wide(o.wide), o.season, o.horizon, o.wide);
}

// Status of one series for the table: the batch status, and the model's own when it is not plain.
std::string status_text(const batch::series_result& sr) {
  if (sr.status != batch::series_status::ok) return std::string(batch::to_string(sr.status));
  switch (sr.model.status) {
    case forecast::fit_status::converged: return "ok";
    case forecast::fit_status::fell_back: return "ok, model fell back";
    default: return "ok, " + std::string(forecast::to_string(sr.model.status));
  }
}

// A series of a long CSV file forecast with --all: the series, the period of its first forecast
// and which of its observations were used (trailing_span(), or what bridging did).
struct long_series {
  const series* s = nullptr;
  period first{};
  std::string data_note{};
};

void write_batch(const forecast_cli_options& o, const forecast::forecast_options& fo,
                 std::span<const batch::batch_input> inputs, const batch::batch_result& r,
                 std::span<const long_series> of_series, const std::string& what);

// Every series of --wide, in parallel; output in input order, then the fallbacks on stderr.
int run_wide(const forecast_cli_options& o) {
  if (!o.in.input.empty() || !o.in.series.empty())
    throw invalid_argument("--wide and --input/--series are mutually exclusive: --wide forecasts every series of a "
                           "wide-layout file, --input/--series one series of a long CSV file");
  if (!o.chart.empty())
    throw invalid_argument("--chart cannot be used with --wide: a fan chart shows one series and --wide forecasts a "
                           "whole set; to chart one of them, forecast it alone with --input FILE --series ID");
  if (o.bridge_gaps)
    throw invalid_argument("--bridge-gaps cannot be used with --wide: the wide layout has no interior gaps (a series "
                           "is padded at its end only)");
  const forecast::method_spec spec = forecast::parse_method(o.method);  // an unknown name fails before any reading
  const forecast::forecast_options fo = forecast_options_of(o);
  const io::wide_set set = load_wide(o);
  const std::vector<batch::batch_input> inputs = batch::inputs_of(set);
  batch::batch_options bo;
  bo.threads = o.threads;
  bo.keep_fitted = false;
  const batch::batch_result r = batch::forecast_batch(inputs, spec, 0, fo, bo);
  write_batch(o, fo, inputs, r, {}, fmt::format("{}; method {}; seasonal period {}", o.wide, o.method, o.season));
  return 0;
}

// The forecasts of a batch (--wide, --all), written as formatted (a set's forecasts can be far
// larger than its data), then the fallbacks on stderr. `of_series`: for series of a long CSV
// file, each one's series, first forecast period and data note (CSV and JSON give periods then);
// empty for the wide layout (steps h = 1, 2, ...). `what`: the table's first line after "N series from".
void write_batch(const forecast_cli_options& o, const forecast::forecast_options& fo,
                 std::span<const batch::batch_input> inputs, const batch::batch_result& r,
                 std::span<const long_series> of_series, const std::string& what) {
  const bool periods = !of_series.empty();
  const auto step_text = [&](std::size_t s, std::size_t i) {
    return periods ? (of_series[s].first + static_cast<std::int64_t>(i)).to_string() : std::to_string(i + 1);
  };
  output_sink sink("--output", o.output);
  std::ostream& out = sink.stream();
  if (o.in.format == "csv") {
    out << (periods ? "series,period,mean" : "series,h,mean");
    for (double l : fo.levels) out << ",lo" << level_name(l) << ",hi" << level_name(l);
    out << "\n";
    for (std::size_t s = 0; s < r.series.size(); ++s) {
      const auto& sr = r.series[s];
      const std::string id = io::csv_quote(sr.id);
      for (std::size_t i = 0; i < sr.values.mean.size(); ++i) {
        out << id << ',' << step_text(s, i) << ',' << exact(sr.values.mean[i]);
        for (std::size_t k = 0; k < fo.levels.size(); ++k) {
          if (k < sr.values.intervals.size())
            out << ',' << exact(sr.values.intervals[k].lower[i]) << ',' << exact(sr.values.intervals[k].upper[i]);
          else
            out << ",,";
        }
        out << "\n";
      }
    }
  } else if (o.in.format == "json") {
    // The text of one JSON array (as dump(2) writes it), an element at a time: a whole set's
    // forecasts are never held as JSON values (several times the memory of the text).
    out << "[\n";
    for (std::size_t s = 0; s < r.series.size(); ++s) {
      const auto& sr = r.series[s];
      nlohmann::ordered_json e;
      e["id"] = sr.id;
      if (periods) {
        const series& ser = *of_series[s].s;
        e["name"] = ser.meta().name;
        e["unit"] = ser.meta().unit.label();
        e["frequency"] = std::string(to_string(ser.freq()));
        e["first_used"] = (of_series[s].first - static_cast<std::int64_t>(inputs[s].values.size())).to_string();
        e["last_used"] = of_series[s].first.prev().to_string();
        if (!of_series[s].data_note.empty()) e["data_note"] = of_series[s].data_note;
      }
      e["observations"] = inputs[s].values.size();
      e["h"] = sr.h;
      e["requested"] = o.method;
      e["method"] = sr.method;
      e["model"] = sr.model.method;
      e["status"] = std::string(batch::to_string(sr.status));
      if (!sr.message.empty()) e["message"] = sr.message;
      e["model_status"] = std::string(forecast::to_string(sr.model.status));
      if (!sr.model.status_message.empty()) e["model_message"] = sr.model.status_message;
      if (auto sim = simulation_json(o, sr.seed); !sim.is_null()) e["intervals"] = std::move(sim);
      for (const auto& [name, value] : sr.model.parameters) e["parameters"][name] = json_number(value);
      auto& rows = e["forecasts"] = nlohmann::ordered_json::array();
      for (std::size_t i = 0; i < sr.values.mean.size(); ++i) {
        nlohmann::ordered_json row;
        if (periods) row["period"] = step_text(s, i);
        else row["h"] = i + 1;
        row["mean"] = json_number(sr.values.mean[i]);
        for (const auto& b : sr.values.intervals) {
          row["lo" + level_name(b.level)] = json_number(b.lower[i]);
          row["hi" + level_name(b.level)] = json_number(b.upper[i]);
        }
        rows.push_back(std::move(row));
      }
      std::string text = "  ";  // the element as dump(2) indents it inside the array
      for (const char c : json_text(e)) {
        text += c;
        if (c == '\n') text += "  ";
      }
      out << text << (s + 1 < r.series.size() ? ",\n" : "\n");
    }
    out << "]\n";
  } else {
    // One line per series: the last observation, the point forecasts at steps 1 and h, and the
    // widest interval at step h.
    const std::size_t widest =
        static_cast<std::size_t>(std::max_element(fo.levels.begin(), fo.levels.end()) - fo.levels.begin());
    const std::string wl = level_name(fo.levels[widest]);
    table t{{"series", "obs", "last value", periods ? "to" : "h", "mean 1", "mean h", "lo" + wl + " h", "hi" + wl + " h",
             "model", "status"},
            {false, true, true, true, true, true, true, true, false, false},
            {}};
    for (std::size_t s = 0; s < r.series.size(); ++s) {
      const auto& sr = r.series[s];
      const auto& v = sr.values;
      const std::size_t last = v.mean.size() - 1;
      const bool has_pi = widest < v.intervals.size();
      const number_style dp = style_for(inputs[s].values);  // each series at its own scale
      t.rows.push_back({sr.id, std::to_string(inputs[s].values.size()), table_number(inputs[s].values.back(), dp),
                        periods ? step_text(s, last) : std::to_string(sr.h), table_number(v.mean.front(), dp),
                        table_number(v.mean[last], dp),
                        has_pi ? table_number(v.intervals[widest].lower[last], dp) : "",
                        has_pi ? table_number(v.intervals[widest].upper[last], dp) : "", sr.model.method, status_text(sr)});
    }
    out << fmt::format("{} series from {}; {} thread(s)\n", r.series.size(), what, r.threads);
    if (const std::string note = simulation_note(o); !note.empty())
      out << "Intervals: " << note << "; series i (from 0) uses seed " << o.seed << " + i\n";
    out << "\n";
    out << t.render();
    out << fmt::format("\nok {}, fell back to naive {}, failed {}. mean 1, mean h: point forecasts at steps 1 and h; "
                       "lo{}/hi{} h: the {}% interval at step h.\nEvery step and level: --format csv or json.\n",
                       r.ok, r.fell_back, r.failed, wl, wl, wl);
  }
  sink.close();
  report_batch_statuses(r);
}

// --all: every series of --input (or of the embedded data), in parallel, each with its own
// frequency and the observations a model can use (as --series does for one); output in the
// file's order. A series without two usable observations is reported and left out.
int run_all(const forecast_cli_options& o) {
  if (!o.in.series.empty())
    throw invalid_argument("--all and --series are mutually exclusive: --all forecasts every series of the input");
  if (!o.chart.empty())
    throw invalid_argument("--chart cannot be used with --all: a fan chart shows one series; chart one with --series ID");
  check_long_input_options(o);
  const forecast::method_spec spec = forecast::parse_method(o.method);
  const forecast::forecast_options fo = forecast_options_of(o);
  const loaded_input in = load_input(o.in);
  if (in.data.empty()) throw not_found(in.origin + " holds no series");
  std::vector<bridged_series> bridged;  // --bridge-gaps: each series with its interior gaps filled
  if (o.bridge_gaps) {
    bridged.reserve(in.data.size());  // never reallocated: the batch's inputs view these series
    for (const series& s : in.data) bridged.push_back(bridge_gaps(s));
  }
  std::vector<long_series> of_series;
  std::vector<batch::batch_input> inputs;
  std::vector<std::string> skipped;
  for (std::size_t k = 0; k < in.data.size(); ++k) {
    const series& s = o.bridge_gaps ? bridged[k].data : in.data[k];
    std::string note = o.bridge_gaps ? bridged[k].note() : std::string();  // also "nothing to bridge", as --series
    forecast::series_observations obs;
    try {
      obs = forecast::usable_observations(s);
    } catch (const invalid_argument& e) {
      skipped.push_back(e.what());
      continue;
    }
    try {
      forecast::check_horizon_after(obs.last, o.horizon);
    } catch (const invalid_argument& e) {
      skipped.push_back("series '" + s.id() + "': " + e.what());
      continue;
    }
    if (!obs.span.note.empty()) note += (note.empty() ? "" : "; ") + obs.span.note;
    of_series.push_back({&s, obs.last.next(), std::move(note)});
    batch::batch_input bi;
    bi.id = s.id();
    bi.values = obs.y;
    bi.m = periods_per_year(s.freq());
    bi.value_name = [&s, first = obs.span.first](std::size_t i) { return forecast::value_name(s, first + i); };
    inputs.push_back(std::move(bi));
  }
  for (const std::string& why : skipped) std::cerr << "tradecast: warning: left out: " << why << "\n";
  if (inputs.empty()) throw invalid_argument(in.origin + ": no series could be forecast: every one was left out (see the warnings)");
  batch::batch_options bo;
  bo.threads = o.threads;
  bo.keep_fitted = false;
  const batch::batch_result r = batch::forecast_batch(inputs, spec, o.horizon, fo, bo);
  write_batch(o, fo, inputs, r, of_series,
              fmt::format("{}{}; method {}", in.origin,
                          skipped.empty() ? "" : fmt::format(" ({} left out: see the warnings)", skipped.size()), o.method));
  // What the CSV layout and the table cannot show next to the numbers (JSON: data_note).
  if (o.in.format != "json")
    for (const long_series& ls : of_series)
      if (!ls.data_note.empty()) std::cerr << fmt::format("tradecast: note: series '{}': {}\n", ls.s->id(), ls.data_note);
  return 0;
}

int run_forecast(const forecast_cli_options& o) {
  if ((o.npaths_given || o.seed_given) && !o.simulate && !o.bootstrap &&
      !forecast::may_fit_multiplicative_trend(forecast::parse_method(o.method)))
    throw invalid_argument(std::string(o.npaths_given ? "--npaths" : "--seed") +
                           " goes with --simulate or --bootstrap (without them the intervals of method '" + o.method +
                           "' are analytic; only multiplicative-trend ETS models, ets:XM*, are always simulated)");
  check_output_files({{"--output", o.output}, {"--chart", o.chart}},
                     {{"--input", o.in.input}, {"--wide", o.wide}, {"--info", o.info}});
  if (o.wide_given && o.all)
    throw invalid_argument("--all and --wide are mutually exclusive: --all forecasts every series of a long CSV file "
                           "(--input), --wide every series of a wide-layout file");
  if (o.wide_given) return run_wide(o);
  if (o.all) return run_all(o);
  std::ostringstream out;
  const int status = run_single(o, out);
  write_output(o.output, out.str());
  return status;
}

}  // namespace

void add_forecast_command(CLI::App& app, runner& run) {
  auto opts = std::make_shared<forecast_cli_options>();
  auto* cmd = app.add_subcommand("forecast",
                                  "Forecast a series with prediction intervals, or every series of the input (--all) "
                                  "or of a wide-layout file (--wide)");
  add_input_options(*cmd, opts->in, true);
  cmd->add_option("--method", opts->method,
                  "auto (recommended: median of automatic ETS, Theta, drift and, on seasonal data, damped ETS), ets, ets:XYZ (e.g. ets:MAdN), theta, ses, holt, damped, hw-add, "
                  "hw-mult, naive, snaive, drift, mean, trend, logtrend, cagr, comb (mean of ses, holt, damped), naive2 "
                  "(M4's benchmark), sa:A (method A on the seasonally adjusted series), or an ensemble "
                  "mean:A+B+... / median:A+B+...")
      ->default_val("auto");
  cmd->add_option("--horizon,-H", opts->horizon,
                  "Number of periods to forecast; required except with --wide --info (each series' NF), which it "
                  "then overrides")
      ->check(whole_at_least(1));
  cmd->add_option("--level", opts->levels, "Prediction-interval levels in percent, comma-separated")->default_val("80,95");
  cmd->add_option("--chart", opts->chart, "Write an SVG fan chart to this file");
  cmd->add_option("--lambda", opts->lambda,
                  "Box-Cox transformation before fitting: a number (0 = logarithm) or auto (Guerrero's method)");
  cmd->add_flag("--biasadj", opts->biasadj, "With --lambda: report the back-transformed mean instead of the median");
  cmd->add_flag("--bridge-gaps", opts->bridge_gaps,
                "Fill each run of missing values between two full observations by geometric interpolation (linear "
                "when an end is not positive), marked estimated, so the model uses the whole series; never done "
                "without this flag");
  cmd->add_flag("--simulate", opts->simulate,
                "Intervals of the ETS models from simulated sample paths with normal errors (R's simulate = TRUE), "
                "for ets, ses, holt, damped, hw-*, comb and the ETS members of auto and ensembles");
  cmd->add_flag("--bootstrap", opts->bootstrap,
                "As --simulate, with errors resampled from the model's residuals (R's bootstrap = TRUE)");
  cmd->add_option("--npaths", opts->npaths, "Sample paths of simulated intervals")
      ->default_val(opts->npaths)
      ->check(whole_at_least(1));
  cmd->add_option("--seed", opts->seed,
                  "Seed of simulated intervals (the same seed, the same intervals; with --wide or --all, series i of "
                  "those forecast, from 0, uses seed + i)")
      ->default_val(opts->seed)
      ->check(whole_at_least(0));
  cmd->add_option("--output,-o", opts->output, "Write the forecasts to this file instead of standard output");
  cmd->add_option("--wide", opts->wide,
                  "Forecast every series of this file, in the wide layout of forecasting competitions (header "
                  "\"V1\",\"V2\",...; a row per series: id, then values, padded at the end), instead of one "
                  "series of --input");
  cmd->add_option("--info", opts->info, "With --wide: info file (Series,N,NF,...) giving each series' horizon NF");
  cmd->add_option("--season,-m", opts->season,
                  "With --wide: seasonal period of the series: 1 yearly (the default), 4 quarterly, 12 monthly "
                  "(the wide layout does not record it)")
      ->check(whole_at_least(1));
  cmd->add_flag("--all", opts->all,
                "Forecast every series of --input (or of the embedded data) in parallel, each with its own frequency and "
                "usable observations, instead of one --series");
  cmd->add_option("--threads", opts->threads, "With --wide or --all: worker threads (0 = all cores)")
      ->default_val(0)
      ->check(whole_at_least(0));
  cmd->callback([opts, cmd, &run] {
    opts->wide_given = cmd->count("--wide") > 0;
    opts->season_given = cmd->count("--season") > 0;
    opts->threads_given = cmd->count("--threads") > 0;
    opts->npaths_given = cmd->count("--npaths") > 0;
    opts->seed_given = cmd->count("--seed") > 0;
    run = [opts] { return run_forecast(*opts); };
  });
}

}  // namespace tradecast::cli
