// SPDX-License-Identifier: MIT
// The reference series the benchmarks share with the tests: a CSV file of the repository (header
// with columns `case` and `value`, other columns ignored, one value a row in the series' order).
#pragma once

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace tradecast_bench {

/// The values of case `name` in `relative` (a path from the repository root).
/// \throws std::runtime_error naming the file when it has no such case.
inline std::vector<double> case_series(const std::string& relative, const std::string& name) {
  std::ifstream in(std::string(TRADECAST_SOURCE_DIR) + "/" + relative);
  const auto fields = [](const std::string& line) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string t; std::getline(ss, t, ',');) f.push_back(t);
    return f;
  };
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = fields(line);
  std::size_t ci = header.size(), vi = header.size();
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == "case") ci = i;
    if (header[i] == "value") vi = i;
  }
  std::vector<double> y;
  while (ci < header.size() && vi < header.size() && std::getline(in, line)) {
    const std::vector<std::string> f = fields(line);
    if (f.size() > std::max(ci, vi) && f[ci] == name) y.push_back(std::stod(f[vi]));
  }
  if (y.empty()) throw std::runtime_error("benchmark data: no series '" + name + "' in " + relative);
  return y;
}

}  // namespace tradecast_bench
