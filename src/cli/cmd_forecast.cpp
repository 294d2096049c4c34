// SPDX-License-Identifier: MIT
// `tradecast forecast`: point forecasts with prediction intervals, the model chosen, and an optional
// SVG fan chart.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "tradecast/chart/fan_chart.hpp"
#include "tradecast/forecast/engine.hpp"
#include "tradecast/io/csv.hpp"

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
};

std::vector<double> parse_levels(const std::string& text) {
  std::vector<double> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    try {
      std::size_t used = 0;
      const double v = std::stod(item, &used);
      if (used != item.size()) throw std::invalid_argument(item);
      out.push_back(v);
    } catch (const std::exception&) {
      throw invalid_argument("--level: '" + item + "' is not a number; expected a list such as 80,95");
    }
  }
  if (out.empty()) throw invalid_argument("--level: expected a list such as 80,95");
  return out;
}

std::string level_name(double l) { return fmt::format("{:g}", l); }

int run_forecast(const forecast_cli_options& o) {
  const loaded_input in = load_input(o.in);
  const series& s = select_series(in, o.in);
  forecast::forecast_options fo;
  fo.levels = parse_levels(o.levels);
  if (o.lambda == "auto") {
    fo.lambda_auto = true;
  } else if (!o.lambda.empty()) {
    try {
      std::size_t used = 0;
      fo.lambda = std::stod(o.lambda, &used);
      if (used != o.lambda.size()) throw std::invalid_argument(o.lambda);
    } catch (const std::exception&) {
      throw invalid_argument("--lambda: '" + o.lambda + "' is not a number; expected a Box-Cox parameter such as 0 or 0.5, or auto");
    }
  }
  if (o.biasadj && !fo.lambda && !fo.lambda_auto) throw invalid_argument("--biasadj needs --lambda (it adjusts the back-transformed mean)");
  fo.biasadj = o.biasadj;
  const forecast::forecast_result r = forecast::forecast_series(s, o.method, o.horizon, fo);
  const auto& v = r.values;

  if (!o.chart.empty()) {
    std::ofstream f(o.chart);
    if (!f) throw invalid_argument("--chart: cannot write '" + o.chart + "'");
    f << chart::fan_chart_svg(s, r);
  }

  if (o.in.format == "csv") {
    std::cout << "series,period,mean";
    for (double l : r.levels) std::cout << ",lo" << level_name(l) << ",hi" << level_name(l);
    std::cout << "\n";
    for (std::size_t i = 0; i < v.mean.size(); ++i) {
      std::cout << io::csv_quote(s.id()) << ',' << r.period_at(i).to_string() << ',' << exact(v.mean[i]);
      for (const auto& b : v.intervals) std::cout << ',' << exact(b.lower[i]) << ',' << exact(b.upper[i]);
      std::cout << "\n";
    }
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
    auto num = [](double x) { return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr); };
    m["sigma2"] = num(r.model.sigma2);
    m["loglik"] = num(r.model.loglik);
    m["aic"] = num(r.model.aic);
    m["aicc"] = num(r.model.aicc);
    m["bic"] = num(r.model.bic);
    if (!r.data_note.empty()) j["data_note"] = r.data_note;
    auto& rows = j["forecasts"] = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < v.mean.size(); ++i) {
      nlohmann::ordered_json row;
      row["period"] = r.period_at(i).to_string();
      row["mean"] = num(v.mean[i]);
      for (const auto& b : v.intervals) {
        row["lo" + level_name(b.level)] = num(b.lower[i]);
        row["hi" + level_name(b.level)] = num(b.upper[i]);
      }
      rows.push_back(std::move(row));
    }
    std::cout << j.dump(2) << "\n";
    return 0;
  }

  const std::string unit = s.meta().unit.label();
  std::cout << fmt::format("{} ({}){}\n", s.meta().name, s.id(), unit.empty() ? "" : ", " + unit);
  std::cout << fmt::format("Model: {}   (requested: {}; status: {})\n", r.model.method, o.method,
                           forecast::to_string(r.model.status));
  if (!r.model.status_message.empty()) std::cout << "  " << r.model.status_message << "\n";
  if (!r.data_note.empty()) std::cout << "Data: " << r.data_note << "\n";
  if (!r.model.parameters.empty()) {
    std::string p;
    for (const auto& [name, value] : r.model.parameters) p += fmt::format("{}{} = {:.4g}", p.empty() ? "" : ", ", name, value);
    std::cout << "Parameters: " << p << "\n";
  }
  if (std::isfinite(r.model.aicc))
    std::cout << fmt::format("sigma^2 = {:.4g}, log-likelihood = {:.3f}, AICc = {:.3f}\n", r.model.sigma2,
                             r.model.loglik, r.model.aicc);
  std::cout << "\n";
  table t{{"period", "value"}, {false, true}, {}};
  for (const auto& b : v.intervals) {
    t.header.push_back("lo" + level_name(b.level));
    t.header.push_back("hi" + level_name(b.level));
    t.right.push_back(true);
    t.right.push_back(true);
  }
  t.header.push_back("");
  t.right.push_back(false);
  const std::size_t shown = std::min<std::size_t>(5, s.size());
  for (std::size_t i = s.size() - shown; i < s.size(); ++i) {
    std::vector<std::string> row{s.period_at(i).to_string(), s.is_missing(i) ? "n/a" : fixed(s[i], 3)};
    row.resize(2 + 2 * v.intervals.size());
    row.push_back("observed");
    t.rows.push_back(std::move(row));
  }
  for (std::size_t i = 0; i < v.mean.size(); ++i) {
    std::vector<std::string> row{r.period_at(i).to_string(), fixed(v.mean[i], 3)};
    for (const auto& b : v.intervals) {
      row.push_back(fixed(b.lower[i], 3));
      row.push_back(fixed(b.upper[i], 3));
    }
    row.push_back("forecast");
    t.rows.push_back(std::move(row));
  }
  std::cout << t.render();
  if (!o.chart.empty()) std::cout << "\nFan chart written to " << o.chart << "\n";
  return 0;
}

}  // namespace

void add_forecast_command(CLI::App& app, runner& run) {
  auto opts = std::make_shared<forecast_cli_options>();
  auto* cmd = app.add_subcommand("forecast", "Forecast a series with prediction intervals");
  add_input_options(*cmd, opts->in, true);
  cmd->add_option("--method", opts->method,
                  "auto (recommended: automatic ETS), ets, ets:XYZ (e.g. ets:MAdN), theta, ses, holt, damped, hw-add, "
                  "hw-mult, naive, snaive, drift, mean, trend, logtrend, cagr, comb (mean of ses, holt, damped), or an "
                  "ensemble mean:A+B+... / median:A+B+...")
      ->default_val("auto");
  cmd->add_option("--horizon,-H", opts->horizon, "Number of periods to forecast")->required()->check(CLI::PositiveNumber);
  cmd->add_option("--level", opts->levels, "Prediction-interval levels in percent, comma-separated")->default_val("80,95");
  cmd->add_option("--chart", opts->chart, "Write an SVG fan chart to this file");
  cmd->add_option("--lambda", opts->lambda,
                  "Box-Cox transformation before fitting: a number (0 = logarithm) or auto (Guerrero's method)");
  cmd->add_flag("--biasadj", opts->biasadj, "With --lambda: report the back-transformed mean instead of the median");
  cmd->callback([opts, &run] { run = [opts] { return run_forecast(*opts); }; });
}

}  // namespace tradecast::cli
