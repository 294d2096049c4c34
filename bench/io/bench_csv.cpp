// Throughput of the long CSV reader on a panel: N series x 120 monthly observations.
#include <random>
#include <string>

#include <benchmark/benchmark.h>

#include "tradecast/io/csv.hpp"

namespace {

std::string make_panel(int n_series) {
  std::mt19937_64 rng(42);
  std::lognormal_distribution<double> value(3.0, 1.0);
  std::string text = "series,period,value,unit,status,source\n";
  for (int s = 0; s < n_series; ++s)
    for (int t = 0; t < 120; ++t) {
      const int year = 2015 + t / 12, month = t % 12 + 1;
      text += "partner_" + std::to_string(s) + "," + std::to_string(year) + "-" + (month < 10 ? "0" : "") +
              std::to_string(month) + "," + std::to_string(value(rng)) + ",USD millions,,customs\n";
    }
  return text;
}

void BM_ParseLongCsv(benchmark::State& state) {
  const std::string text = make_panel(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto c = tradecast::io::parse_long_csv(text, "panel.csv");
    benchmark::DoNotOptimize(c);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations() * state.range(0) * 120);
}
BENCHMARK(BM_ParseLongCsv)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
