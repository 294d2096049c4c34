// SPDX-License-Identifier: MIT
// Automatic ETS fits (fit_ets with the default spec = R's ets(y)) on the first 20, 40 and 100
// values of WWWusage (m = 1), UKgas (m = 4) and AirPassengers (m = 12); reports µs per fit.
// bench/forecast/compare_ets_r.sh times R's ets() on the same series and prints the ratio.
#include <benchmark/benchmark.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "../case_series.hpp"
#include "tradecast/forecast/ets.hpp"

namespace {

// The first n values of a reference series (tests/forecast/data/ets_ref_series.csv, R's datasets).
std::vector<double> series(const std::string& name, std::size_t n) {
  const std::vector<double> all = tradecast_bench::case_series("tests/forecast/data/ets_ref_series.csv", name);
  if (all.size() < n)
    throw std::runtime_error("bench_ets_fit: tests/forecast/data/ets_ref_series.csv lacks " + std::to_string(n) +
                             " values of " + name);
  return {all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n)};
}

void bm_ets_fit(benchmark::State& state, const std::string& name, int m) {
  const auto y = series(name, static_cast<std::size_t>(state.range(0)));
  std::string method;
  for (auto _ : state) {
    auto fit = tradecast::forecast::fit_ets(y, m);
    benchmark::DoNotOptimize(fit.loglik);
    method = fit.method;
  }
  state.SetLabel(name + " " + method);
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK_CAPTURE(bm_ets_fit, nonseasonal, std::string("WWWusage"), 1)->Arg(20)->Arg(40)->Arg(100)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_ets_fit, quarterly, std::string("UKgas"), 4)->Arg(20)->Arg(40)->Arg(100)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_ets_fit, monthly, std::string("AirPassengers"), 12)->Arg(20)->Arg(40)->Arg(100)->Unit(benchmark::kMicrosecond);
