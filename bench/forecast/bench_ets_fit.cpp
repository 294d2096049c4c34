// SPDX-License-Identifier: MIT
// Automatic ETS fits (fit_ets with the default spec = R's ets(y)) on the first 20, 40 and 100
// values of WWWusage (m = 1), UKgas (m = 4) and AirPassengers (m = 12); reports µs per fit.
// R 4.2.2 + forecast 8.20 needs about 5–7 ms for a 20–40-point non-seasonal ets(y).
#include <benchmark/benchmark.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
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

// The reference series, or a fixed-seed seasonal random walk when the fixture files are absent.
std::vector<double> series(const std::string& name, int m, std::size_t n) {
  static const auto data = [] {
    for (const char* p : {"/tests/reference/data/forecast/series.csv", "/tests/forecast/data/ets_ref_series.csv"}) {
      const std::string path = std::string(TRADECAST_SOURCE_DIR) + p;
      if (std::filesystem::exists(path)) {
        auto s = read_series(path);
        if (s.count("AirPassengers") && s.count("UKgas") && s.count("WWWusage")) return s;
      }
    }
    return std::map<std::string, std::vector<double>>{};
  }();
  const auto it = data.find(name);
  if (it != data.end() && it->second.size() >= n) return {it->second.begin(), it->second.begin() + static_cast<std::ptrdiff_t>(n)};
  std::mt19937_64 rng(42);
  std::normal_distribution<double> e(0.0, 1.0);
  std::vector<double> y(n);
  double level = 100;
  for (std::size_t t = 0; t < n; ++t) {
    level += e(rng);
    y[t] = level + (m > 1 ? 5 * std::sin(2 * 3.141592653589793 * static_cast<double>(t) / m) : 0.0);
  }
  return y;
}

void bm_ets_fit(benchmark::State& state, const std::string& name, int m) {
  const auto y = series(name, m, static_cast<std::size_t>(state.range(0)));
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
