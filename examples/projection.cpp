// Projects the embedded Vietnam-Japan total trade to 2030 with 80/95% intervals, three ways:
//  1. as the data stand: 2021 is missing, so only 2022-2024 (three annual totals) are usable, and
//     the library says which model that supports and why;
//  2. every method side by side on the same three points, with its model and status;
//  3. with 2021 bridged by the user (geometric mean of 2020 and 2022, marked as an estimate), so
//     that the 1990-2024 history is usable and automatic ETS can select a model.
// Writes the fan chart of the recommended projection when a file name is given.
// Uses only the installed API: find_package(tradecast) + tradecast::tradecast.
//
//   example_projection [chart.svg]
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <string>

#include <tradecast/chart.hpp>
#include <tradecast/core.hpp>
#include <tradecast/data.hpp>
#include <tradecast/forecast.hpp>

namespace {

using namespace tradecast;

void print_forecast(const forecast::forecast_result& f) {
  std::printf("model:  %s  [%s]\n", f.model.method.c_str(), std::string(to_string(f.model.status)).c_str());
  if (!f.model.status_message.empty()) std::printf("why:    %s\n", f.model.status_message.c_str());
  if (!f.data_note.empty()) std::printf("data:   %s\n", f.data_note.c_str());
  std::printf("%-6s %8s %8s %8s %8s %8s\n", "period", "mean", "lo80", "hi80", "lo95", "hi95");
  for (std::size_t i = 0; i < f.values.mean.size(); ++i) {
    std::printf("%-6s %8.2f", f.period_at(i).to_string().c_str(), f.values.mean[i]);
    for (const auto& pi : f.values.intervals) std::printf(" %8.2f %8.2f", pi.lower[i], pi.upper[i]);
    std::printf("\n");
  }
}

}  // namespace

int main(int argc, char** argv) try {
  const series& total = data::vietnam_japan().at("vnm_jpn_total");
  const int h = 2030 - total.end().year();  // the last period is 2024
  std::printf("%s, %s\n\n", total.meta().name.c_str(), total.meta().unit.label().c_str());

  // 1. The recommended method on the data as they stand.
  std::printf("== 1. auto, as the data stand\n");
  const forecast::forecast_result rec = forecast::forecast_series(total, "auto", h);
  print_forecast(rec);

  // 2. Every method on the same observations: the 2030 value and its 95% interval.
  std::printf("\n== 2. 2030 by method (same three observations)\n");
  std::printf("%-9s %-58s %8s %8s %8s  %s\n", "method", "model", "2030", "lo95", "hi95", "status");
  for (const char* method : {"naive", "drift", "cagr", "logtrend", "ses", "theta", "ets", "comb", "auto"}) {
    try {
      const auto f = forecast::forecast_series(total, method, h);
      const std::size_t last = f.values.mean.size() - 1;
      std::string model = f.model.method;
      if (model.size() > 58) model = model.substr(0, 55) + "...";
      std::printf("%-9s %-58s %8.2f %8.2f %8.2f  %s\n", method, model.c_str(), f.values.mean[last],
                  f.values.intervals[1].lower[last], f.values.intervals[1].upper[last],
                  std::string(to_string(f.model.status)).c_str());
    } catch (const std::exception& e) {  // a method the data cannot support says why
      std::printf("%-9s not available: %s\n", method, e.what());
    }
  }

  // 3. The user's explicit choice: bridge the 2021 gap (bridge_gaps(): geometric interpolation
  //    between 2020 and 2022, i.e. their geometric mean), the value labelled an estimate. The
  //    library never interpolates by itself.
  const bridged_series filled = bridge_gaps(total);
  const series& bridged = filled.data;
  const std::size_t i2021 = bridged.require_index(period::annual(2021));
  std::printf("\n== 3. auto with 2021 bridged (%.3f, %s: %s)\n", bridged[i2021],
              std::string(to_string(bridged.status(i2021))).c_str(), filled.summary().c_str());
  // Fitted once (fit_series): every member of auto is estimated here, and each forecast() below
  // reuses those fits, at any horizon and levels.
  const forecast::fitted_series fit = forecast::fit_series(bridged, "auto");
  const forecast::forecast_result br = fit.forecast(h);
  print_forecast(br);
  const forecast::forecast_result fan = fit.forecast(h, {.levels = {50, 99}});
  std::printf("same fit, 2030 with 50%% and 99%% intervals: %.2f [%.2f, %.2f] [%.2f, %.2f]\n", fan.values.mean.back(),
              fan.values.intervals[0].lower.back(), fan.values.intervals[0].upper.back(),
              fan.values.intervals[1].lower.back(), fan.values.intervals[1].upper.back());
  const forecast::forecast_result ets = forecast::forecast_series(bridged, "ets", h);
  std::printf("ets member: %s, AICc %.3f,", ets.model.method.c_str(), ets.model.aicc);
  for (const auto& [name, value] : ets.model.parameters) std::printf(" %s = %.4f", name.c_str(), value);
  std::printf("\n");

  if (argc > 1) {
    std::ofstream out(argv[1]);
    out << chart::fan_chart_svg(total, rec);
    if (!out) throw std::runtime_error(std::string("cannot write ") + argv[1]);
    std::printf("\nfan chart: %s\n", argv[1]);
  }
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "example_projection: %s\n", e.what());
  return 1;
}
