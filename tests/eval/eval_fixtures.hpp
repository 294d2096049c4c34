// SPDX-License-Identifier: MIT
// Test helper of the eval tests: the reference series (training and test parts) and R's
// forecasts written by tests/eval/data/generate_eval_reference.R.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "forecast/fixtures.hpp"

namespace tradecast::test {

/// One evaluation case: training data, test actuals and the seasonal period (R's frequency).
struct eval_case {
  int m = 1;
  std::vector<double> train;
  std::vector<double> test;
};

/// Cases of eval_ref_series.csv, keyed by name.
inline const std::map<std::string, eval_case>& eval_cases() {
  static const std::map<std::string, eval_case> cases = [] {
    std::map<std::string, eval_case> out;
    const csv_table t(test_data_path("eval/data/eval_ref_series.csv"));
    for (std::size_t r = 0; r < t.size(); ++r) {
      eval_case& c = out[t.text(r, "case")];
      c.m = static_cast<int>(std::lround(t.number(r, "frequency")));
      auto& v = t.text(r, "part") == "train" ? c.train : c.test;
      const auto idx = static_cast<std::size_t>(t.number(r, "index"));
      if (v.size() < idx) v.resize(idx);
      v[idx - 1] = t.number(r, "value");
    }
    return out;
  }();
  return cases;
}

/// R's forecasts of one case and method: mean and the 80 and 95 % bounds per step.
struct eval_forecast {
  std::vector<double> mean, lo80, hi80, lo95, hi95;
};

/// eval_ref_forecast.csv keyed by (case, method).
inline const std::map<std::pair<std::string, std::string>, eval_forecast>& eval_forecasts() {
  static const auto all = [] {
    std::map<std::pair<std::string, std::string>, eval_forecast> out;
    const csv_table t(test_data_path("eval/data/eval_ref_forecast.csv"));
    for (std::size_t r = 0; r < t.size(); ++r) {
      eval_forecast& f = out[{t.text(r, "case"), t.text(r, "method")}];
      f.mean.push_back(t.number(r, "mean"));
      f.lo80.push_back(t.number(r, "lo80"));
      f.hi80.push_back(t.number(r, "hi80"));
      f.lo95.push_back(t.number(r, "lo95"));
      f.hi95.push_back(t.number(r, "hi95"));
    }
    return out;
  }();
  return all;
}

}  // namespace tradecast::test
