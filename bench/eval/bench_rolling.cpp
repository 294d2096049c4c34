// SPDX-License-Identifier: MIT
// Rolling-origin evaluation (eval::rolling_origin) of automatic ETS on AirPassengers (m = 12) and
// WWWusage (m = 1), h = 3, first origin 48 / 30: refitting at every origin (tsCV) against
// re-using the first origin's model (refit = false), single-threaded; and the refits with the
// origins spread over all cores. bench/eval/compare_rolling_r.sh times the
// same two procedures in R (tsCV with ets(x) and with ets(x, model = fit0,
// use.initial.values = TRUE)) and prints the ratios.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "../case_series.hpp"
#include "tradecast/eval/rolling.hpp"

namespace {

// The values of one case of tests/eval/data/eval_ref_reuse_series.csv.
std::vector<double> reuse_series(const std::string& name) {
  return tradecast_bench::case_series("tests/eval/data/eval_ref_reuse_series.csv", name);
}

void bm_rolling(benchmark::State& state, const std::string& name, int m, std::size_t first, bool refit, int threads) {
  const auto y = reuse_series(name);
  tradecast::eval::rolling_options o;
  o.h = 3;
  o.first_origin = first;
  o.refit = refit;
  o.threads = threads;
  const auto spec = tradecast::forecast::parse_method("ets");
  std::size_t origins = 0;
  for (auto _ : state) {
    const auto r = tradecast::eval::rolling_origin(y, m, spec, o);
    benchmark::DoNotOptimize(r.per_step.front().mae);
    origins = r.origins.size();
  }
  state.SetLabel(std::to_string(origins) + " origins");
}

}  // namespace

// Single-threaded (compared with R), then the refits on all cores.
BENCHMARK_CAPTURE(bm_rolling, airpassengers_refit, std::string("AirPassengers_log"), 12, 48, true, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_rolling, airpassengers_reuse, std::string("AirPassengers_log"), 12, 48, false, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_rolling, wwwusage_refit, std::string("WWWusage_ets"), 1, 30, true, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_rolling, wwwusage_reuse, std::string("WWWusage_ets"), 1, 30, false, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_rolling, airpassengers_refit_all_cores, std::string("AirPassengers_log"), 12, 48, true, 0)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(bm_rolling, wwwusage_refit_all_cores, std::string("WWWusage_ets"), 1, 30, true, 0)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
