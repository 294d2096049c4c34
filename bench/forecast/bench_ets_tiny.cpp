// SPDX-License-Identifier: MIT
// Tiny-data ETS fits (R's HoltWintersZZ path of ets(): data too short for the model's likelihood)
// on five cases of tests/forecast/data/tiny_ref_series.csv: the reference case (automatic ETS on
// 3 values), automatic ETS on 5, Holt on 8, Holt-Winters additive on 10 and multiplicative on 12
// quarters. bench/forecast/compare_ets_tiny_r.sh times R on the same calls and prints the ratio.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "../case_series.hpp"
#include "tradecast/forecast/ets.hpp"

namespace {

using tradecast::forecast::ets_spec;

std::vector<double> series(const std::string& name) {
  return tradecast_bench::case_series("tests/forecast/data/tiny_ref_series.csv", name);
}

ets_spec smoothing(char e, char t, char s) {
  ets_spec sp;
  sp.error = e;
  sp.trend = t;
  sp.season = s;
  sp.damped = false;
  sp.opt_crit = tradecast::forecast::ets_opt_crit::mse;
  return sp;
}

void bm_ets_tiny(benchmark::State& state, const std::string& name, int m, const ets_spec& spec) {
  const auto y = series(name);
  std::string method;
  for (auto _ : state) {
    auto fit = tradecast::forecast::fit_ets(y, m, spec);
    benchmark::DoNotOptimize(fit.sigma2);
    method = fit.method;
  }
  state.SetLabel(name + " " + method);
}

}  // namespace

BENCHMARK_CAPTURE(bm_ets_tiny, vnm_jpn_ets, std::string("vnm_jpn_ets"), 1, ets_spec{})->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_ets_tiny, trend5_ets, std::string("trend5_ets"), 1, ets_spec{})->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_ets_tiny, www8_holt, std::string("www8_holt"), 1, smoothing('A', 'A', 'N'))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_ets_tiny, ukgas10_hw, std::string("ukgas10_hw"), 4, smoothing('A', 'A', 'A'))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_ets_tiny, ukgas12_hwm, std::string("ukgas12_hwm"), 4, smoothing('M', 'A', 'M'))->Unit(benchmark::kMicrosecond);
