// SPDX-License-Identifier: MIT
// M4 Naive2 (eval/naive2.hpp) against the script's R implementation of the M4 definition
// (tests/eval/data/generate_eval_reference.R, naive2_r):
//   seasonal test (n >= 3m, |r_m| / sqrt((1 + 2 sum_{k<m} r_k^2)/n) > 1.645, acf(y, lag.max = m)),
//   s <- decompose(y, type = "multiplicative")$seasonal, x <- y / s,
//   naive(x, h, level = c(80, 95)) with mean, lower and upper times rep(last m of s, length.out = h).
// Cases as in metrics_test.cpp; 1e-9 relative.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "eval/eval_fixtures.hpp"
#include "forecast/fixtures.hpp"
#include "tradecast/eval/naive2.hpp"
#include "tradecast/forecast/engine.hpp"

namespace {

using tradecast::eval::naive2;
using tradecast::test::csv_table;
using tradecast::test::eval_cases;
using tradecast::test::eval_forecasts;
using tradecast::test::near_rel;
using tradecast::test::test_data_path;

constexpr double kLevels[] = {80, 95};

TEST(EvalNaive2, MatchesM4DefinitionInR) {
  const csv_table t(test_data_path("eval/data/eval_ref_naive2.csv"));
  ASSERT_EQ(t.size(), 7u);
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::string name = t.text(r, "case");
    SCOPED_TRACE(name);
    const auto& c = eval_cases().at(name);
    const auto& ref = eval_forecasts().at({name, "naive2"});
    const int h = static_cast<int>(c.test.size());
    const auto n2 = naive2(c.train, c.m, h, kLevels);
    EXPECT_EQ(n2.model.method, "Naive2");
    EXPECT_EQ(n2.adjustment.adjusted, t.number(r, "seasonal") == 1);  // m4_seasonal(train, m)$seasonal
    const double stat = t.number(r, "statistic");
    if (std::isnan(stat)) {
      EXPECT_FALSE(n2.adjustment.test.tested);  // m = 1, or n < 3m (AirPassengers30: 30 < 36)
    } else {
      EXPECT_TRUE(near_rel(n2.adjustment.test.statistic, stat)) << n2.adjustment.test.statistic << " vs " << stat;
    }
    ASSERT_EQ(n2.values.mean.size(), ref.mean.size());
    ASSERT_EQ(n2.values.intervals.size(), 2u);
    for (std::size_t k = 0; k < ref.mean.size(); ++k) {
      EXPECT_TRUE(near_rel(n2.values.mean[k], ref.mean[k])) << k << ": " << n2.values.mean[k] << " vs " << ref.mean[k];
      EXPECT_TRUE(near_rel(n2.values.intervals[0].lower[k], ref.lo80[k]));
      EXPECT_TRUE(near_rel(n2.values.intervals[0].upper[k], ref.hi80[k]));
      EXPECT_TRUE(near_rel(n2.values.intervals[1].lower[k], ref.lo95[k]));
      EXPECT_TRUE(near_rel(n2.values.intervals[1].upper[k], ref.hi95[k]));
    }
    // fitted: naive fits of the adjusted series times the indices; residuals y - fitted
    EXPECT_TRUE(std::isnan(n2.model.fitted[0]));
    for (std::size_t t2 = 1; t2 < c.train.size(); ++t2) {
      const double x_prev = n2.adjustment.series[t2 - 1];
      EXPECT_TRUE(near_rel(n2.model.fitted[t2], x_prev * n2.adjustment.index[t2]));
      EXPECT_TRUE(near_rel(n2.model.residuals[t2], c.train[t2] - n2.model.fitted[t2]));
    }
  }
}

// The engine's method `naive2` (the `evaluate` command's OWA baseline) and eval::naive2 share one
// M4 seasonal adjustment: the same forecasts, bounds, fitted values and parameters, bit for bit.
TEST(EvalNaive2, EngineMethodIsTheSame) {
  const tradecast::forecast::method_spec spec = tradecast::forecast::parse_method("naive2");
  tradecast::forecast::forecast_options opt;
  opt.levels = {80, 95};
  for (const auto& [name, c] : eval_cases()) {
    SCOPED_TRACE(name);
    const int h = static_cast<int>(c.test.size());
    const auto n2 = naive2(c.train, c.m, h, kLevels);
    const auto mf = tradecast::forecast::fit_forecast(c.train, c.m, spec, h, opt);
    EXPECT_EQ(mf.model.method, "Naive2");
    EXPECT_EQ(mf.values.mean, n2.values.mean);
    ASSERT_EQ(mf.values.intervals.size(), 2u);
    for (std::size_t k = 0; k < 2; ++k) {
      EXPECT_EQ(mf.values.intervals[k].lower, n2.values.intervals[k].lower);
      EXPECT_EQ(mf.values.intervals[k].upper, n2.values.intervals[k].upper);
    }
    EXPECT_EQ(mf.model.parameters, n2.model.parameters);
    ASSERT_EQ(mf.model.fitted.size(), n2.model.fitted.size());
    for (std::size_t t = 1; t < c.train.size(); ++t) EXPECT_EQ(mf.model.fitted[t], n2.model.fitted[t]);
  }
}

// M4's critical value is 1.645, not qnorm(0.95) = 1.6448536...: a quarterly series whose statistic
// falls between the two is not seasonal for Naive2 (y_t = 100 + sin(1.3 t) + a at every fourth step, a found
// by bisection so that the statistic lies in (1.64486, 1.645)).
TEST(EvalNaive2, CriticalValueIsM4s) {
  std::vector<double> y(24);
  auto make = [&](double a) {
    for (std::size_t t = 0; t < y.size(); ++t)
      y[t] = 100 + std::sin(1.3 * static_cast<double>(t)) + (t % 4 == 0 ? a : 0.0);
    return tradecast::forecast::test_seasonality(y, 4, tradecast::forecast::m4_seasonality_options(4)).statistic;
  };
  double lo = 1, hi = 1.5;  // the statistic rises with the seasonal spike a: 1.487 at 1, 1.871 at 1.5
  ASSERT_LT(make(lo), 1.6448);
  ASSERT_GT(make(hi), 1.6451);
  for (int it = 0; it < 200; ++it) {
    const double mid = 0.5 * (lo + hi);
    (make(mid) < 1.6449725 ? lo : hi) = mid;
  }
  const double stat = make(lo);
  ASSERT_GT(stat, 1.6448536269514722);
  ASSERT_LT(stat, 1.645);
  EXPECT_FALSE(naive2(y, 4, 4).adjustment.adjusted);
  const auto mf = tradecast::forecast::fit_forecast(y, 4, tradecast::forecast::parse_method("naive2"), 4);
  EXPECT_EQ(mf.values.mean, std::vector<double>(4, y.back()));  // not seasonal: plain naive
}

// Non-seasonal data: Naive2 is naive. y = 3, 5, 4 (m = 1): forecasts 4; σ² = ((2)² + (−1)²)/2 = 2.5,
// 95 % bounds 4 ± 1.959964·sqrt(2.5·k).
TEST(EvalNaive2, NonSeasonalIsNaive) {
  const std::vector<double> y = {3, 5, 4};
  const double lv[] = {95};
  const auto n2 = naive2(y, 1, 2, lv);
  const double z = tradecast::forecast::normal_multiplier(95);
  EXPECT_TRUE(near_rel(n2.values.mean[1], 4));
  EXPECT_TRUE(near_rel(n2.values.intervals[0].upper[0], 4 + z * std::sqrt(2.5)));
  EXPECT_TRUE(near_rel(n2.values.intervals[0].lower[1], 4 - z * std::sqrt(5.0)));
  EXPECT_FALSE(n2.adjustment.test.tested);
  // no levels: point forecasts only
  EXPECT_TRUE(naive2(y, 1, 2).values.intervals.empty());
}

// A constant quarterly series is tested (skip_constant = false as in M4) but the autocorrelation
// is undefined (0/0), so it is not seasonal, and Naive2 repeats the constant.
TEST(EvalNaive2, ConstantSeries) {
  const std::vector<double> y(12, 7.0);
  const auto n2 = naive2(y, 4, 5);
  EXPECT_FALSE(n2.adjustment.adjusted);
  for (double f : n2.values.mean) EXPECT_EQ(f, 7.0);
}

TEST(EvalNaive2, InvalidArguments) {
  const std::vector<double> y = {3, 5, 4}, one = {3}, bad = {3, NAN, 4};
  const double lv[] = {120};
  auto msg = [](auto f) {
    try {
      f();
    } catch (const tradecast::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("(nothing thrown)");
  };
  EXPECT_NE(msg([&] { (void)naive2(y, 0, 2); }).find("m = 0"), std::string::npos);
  EXPECT_NE(msg([&] { (void)naive2(y, 1, 0); }).find("horizon h = 0"), std::string::npos);
  EXPECT_NE(msg([&] { (void)naive2(y, 1, 2, lv); }).find("level 120"), std::string::npos);
  EXPECT_NE(msg([&] { (void)naive2(one, 1, 2); }).find("1 observation(s)"), std::string::npos);
  EXPECT_NE(msg([&] { (void)naive2(bad, 1, 2); }).find("observation 2 is not finite"), std::string::npos);
}

}  // namespace
