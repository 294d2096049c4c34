// SPDX-License-Identifier: MIT
// Automatic ETS fits (fit_ets with the default spec = R's ets(y)) on the first 20, 40 and 100
// values of WWWusage (m = 1), UKgas (m = 4) and AirPassengers (m = 12); reports µs per fit.
// bench/forecast/compare_ets_r.sh times R's ets() on the same series and prints the ratio.
#include <benchmark/benchmark.h>

#include <cmath>
#include <fstream>
#include <map>
#include <stdexcept>
#include <sstream>
#include <string>
#include <vector>

#include "tradecast/forecast/ets.hpp"

namespace {

std::map<std::string, std::vector<double>> read_series(const std::string& path) {
  std::map<std::string, std::vector<double>> out;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  {
    std::stringstream ss(line);
    std::string f;
    while (std::getline(ss, f, ',')) header.push_back(f);
  }
  std::size_t ci = 0, vi = 0;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == "case") ci = i;
    if (header[i] == "value") vi = i;
  }
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string t;
    while (std::getline(ss, t, ',')) f.push_back(t);
    if (f.size() > std::max(ci, vi)) out[f[ci]].push_back(std::stod(f[vi]));
  }
  return out;
}

// The first n values of a reference series (tests/forecast/data/ets_ref_series.csv, R's datasets).
std::vector<double> series(const std::string& name, std::size_t n) {
  static const auto data = read_series(std::string(TRADECAST_SOURCE_DIR) + "/tests/forecast/data/ets_ref_series.csv");
  const auto it = data.find(name);
  if (it == data.end() || it->second.size() < n)
    throw std::runtime_error("bench_ets_fit: tests/forecast/data/ets_ref_series.csv lacks " + std::to_string(n) +
                             " values of " + name);
  return {it->second.begin(), it->second.begin() + static_cast<std::ptrdiff_t>(n)};
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
