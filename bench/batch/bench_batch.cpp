// SPDX-License-Identifier: MIT
// Batch forecasting of the whole M3 Quarterly training set (756 series, data/m3/), single-threaded:
// Comb S-H-D, damped and ses with every series fitted alone (group 1) and with 16 consecutive
// series fitted together (the default: their Nelder–Mead searches share likelihood passes; the
// forecasts are identical). bench/m3/compare.sh times R on the same sets and prints the ratios.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <string>

#include "tradecast/batch/batch.hpp"
#include "tradecast/io/wide.hpp"

namespace {

const tradecast::io::wide_set& quarterly() {
  static const tradecast::io::wide_set set = tradecast::io::read_wide_set(
      std::string(TRADECAST_SOURCE_DIR) + "/data/m3/M3-Quarterly-train.csv",
      std::string(TRADECAST_SOURCE_DIR) + "/data/m3/M3-Quarterly-info.csv", tradecast::io::competition_period("Quarterly"));
  return set;
}

void bm_batch(benchmark::State& state, const std::string& method) {
  const auto inputs = tradecast::batch::inputs_of(quarterly());
  const auto spec = tradecast::forecast::parse_method(method);
  tradecast::batch::batch_options bo;
  bo.threads = 1;
  bo.progress_bar = false;
  bo.keep_fitted = false;
  bo.group = static_cast<std::size_t>(state.range(0));
  std::size_t ok = 0;
  for (auto _ : state) {
    const auto r = tradecast::batch::forecast_batch(inputs, spec, 0, {}, bo);
    ok = r.ok;
    benchmark::DoNotOptimize(r.series.data());
  }
  state.counters["series"] = static_cast<double>(inputs.size());
  state.counters["ok"] = static_cast<double>(ok);
}

}  // namespace

BENCHMARK_CAPTURE(bm_batch, comb, std::string("comb"))->ArgName("group")->Arg(1)->Arg(16)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_batch, damped, std::string("damped"))->ArgName("group")->Arg(1)->Arg(16)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_batch, ses, std::string("ses"))->ArgName("group")->Arg(1)->Arg(16)->Unit(benchmark::kMillisecond);
