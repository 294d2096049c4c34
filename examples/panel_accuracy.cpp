// How good is a method on data like mine? Scores forecasting methods on a panel of series held in
// the competition's wide layout (a training file, a holdout file and an info file with each
// series' horizon), then backtests one series from rolling origins.
//  - io::read_wide_set() reads and checks the files (errors name the file, line and column);
//  - batch::forecast_batch() forecasts every series on all cores, each with its own status (a
//    series that cannot be fitted falls back to naive and says why; results do not depend on the
//    number of threads);
//  - eval::evaluate() and eval::aggregate() give the M4 measures (with the 95% prediction
//    intervals: MSIS and coverage), eval::owa() the OWA against Naive2;
//  - eval::rolling_origin() is R's tsCV: errors 1..h steps ahead from every origin.
// Uses only the installed API: find_package(tradecast) + tradecast::tradecast.
//
//   example_panel_accuracy TRAIN TEST INFO PERIOD [FIRST_N]
//   e.g. example_panel_accuracy data/m3/M3-Quarterly-{train,test,info}.csv 4 100
#include <chrono>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

#include <tradecast/batch.hpp>
#include <tradecast/eval.hpp>
#include <tradecast/forecast.hpp>
#include <tradecast/io.hpp>

namespace {

using namespace tradecast;

struct scored {
  eval::set_accuracy acc;
  std::size_t fell_back = 0;
  double seconds = 0;
};

// Forecasts every training series with `method` and scores the forecasts against the holdout.
scored score(const io::wide_set& train, const io::wide_set& test, const std::string& method) {
  const std::vector<batch::batch_input> inputs = batch::inputs_of(train);
  forecast::forecast_options fo;
  fo.levels = {95};  // the interval M4 scores (MSIS and coverage)
  batch::batch_options bo;
  bo.progress_bar = false;
  bo.keep_fitted = false;
  const auto t0 = std::chrono::steady_clock::now();
  const batch::batch_result r = batch::forecast_batch(inputs, forecast::parse_method(method), 0, fo, bo);
  scored out;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  out.fell_back = r.fell_back;
  std::vector<eval::accuracy> per_series;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < r.series.size(); ++i) {
    per_series.push_back(eval::evaluate(train.series[i].values, test.series[i].values, r.series[i].values, train.m, 95.0));
    ids.push_back(r.series[i].id);
  }
  out.acc = eval::aggregate(per_series, ids);
  return out;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 5) {
    std::fprintf(stderr, "usage: %s TRAIN TEST INFO PERIOD [FIRST_N]\n", argv[0]);
    return 2;
  }
  // A positive whole number from the command line, or an error naming the argument.
  const auto positive = [](const char* text, const char* name) {
    std::size_t used = 0;
    long v = 0;
    try {
      v = std::stol(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || text[used] != '\0' || v < 1)
      throw std::runtime_error(std::string(name) + " must be a positive whole number, got '" + text + "'");
    return v;
  };
  const int m = static_cast<int>(positive(argv[4], "PERIOD"));
  io::wide_set train = io::read_wide_set(argv[1], argv[3], m, io::wide_part::train);
  io::wide_set test = io::read_wide_set(argv[2], argv[3], m, io::wide_part::test);
  if (argc > 5) {  // the first N series of both files (they list the series in the same order)
    const auto n = static_cast<std::size_t>(positive(argv[5], "FIRST_N"));
    if (n < train.series.size()) {
      train.series.resize(n);
      test.series.resize(n);
    }
  }
  std::printf("%zu series, seasonal period %d, horizon %d\n\n", train.series.size(), m, train.series.front().horizon);

  // Naive2 first: OWA is relative to it.
  const scored naive2 = score(train, test, "naive2");
  std::printf("%-8s %8s %8s %8s %8s %8s %10s %9s\n", "method", "sMAPE", "MASE", "OWA", "MSIS", "cover95", "fallbacks",
              "seconds");
  for (const std::string method : {"naive2", "ses", "theta", "comb", "ets", "auto"}) {
    const scored s = method == "naive2" ? naive2 : score(train, test, method);
    std::printf("%-8s %8.3f %8.3f %8.3f %8.3f %7.1f%% %10zu %9.3f\n", method.c_str(), s.acc.smape, s.acc.mase,
                eval::owa(s.acc, naive2.acc), s.acc.msis, 100 * s.acc.coverage, s.fell_back, s.seconds);
    for (const auto& ex : s.acc.excluded)  // a series left out of a measure is never silent
      std::printf("  %s left out of %s: %s\n", ex.id.c_str(), ex.measure.c_str(), ex.reason.c_str());
  }

  // Rolling origins on the first series (training and holdout joined): automatic ETS refitted at
  // every origin from 3/4 of the series on, errors up to the set's horizon.
  const io::wide_series& first = train.series.front();
  std::vector<double> y = first.values;
  y.insert(y.end(), test.series.front().values.begin(), test.series.front().values.end());
  eval::rolling_options ro;
  ro.h = first.horizon;
  ro.first_origin = 3 * y.size() / 4;
  const eval::rolling_result rr = eval::rolling_origin(y, m, forecast::parse_method("ets"), ro);
  std::printf("\nrolling origins, automatic ETS, series %s (%zu values, origins %zu to %zu):\n", first.id.c_str(),
              y.size(), ro.first_origin, y.size() - 1);
  std::printf("%4s %7s %10s %10s %8s %8s\n", "step", "origins", "MAE", "RMSE", "sMAPE", "MASE");
  for (const auto& st : rr.per_step)
    std::printf("%4d %7zu %10.3f %10.3f %8.3f %8.3f\n", st.step, st.count, st.mae, st.rmse, st.smape, st.mase);
  for (const auto& note : rr.notes) std::printf("  note: %s\n", note.c_str());
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "example_panel_accuracy: %s\n", e.what());
  return 1;
}
