// SPDX-License-Identifier: MIT
// Rolling-origin evaluation (eval/rolling.hpp) against R 4.2.2 + forecast 8.20:
//   e <- tsCV(y, rwf, drift = TRUE, h = 3, initial = 2)
// on Nile, WWWusage, UKgas and a 10-point series (tests/eval/data/generate_eval_reference.R).
// Per step j the script computes, over the origins with a test point (rows where e[, j] is not NA):
//   MAE = mean(abs(e)), RMSE = sqrt(mean(e^2)), sMAPE = mean(200 |e| / (|y| + |y - e|)),
//   MASE = mean(|e| / S_i), S_i = mean |diff(y[1:i], lag = m)| (origins with i <= m left out).
// 1e-9 relative (absolute below 1).
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "eval/eval_fixtures.hpp"
#include "forecast/fixtures.hpp"
#include "tradecast/eval/rolling.hpp"

namespace {

using tradecast::eval::rolling_options;
using tradecast::eval::rolling_origin;
using tradecast::forecast::parse_method;
using tradecast::test::csv_table;
using tradecast::test::load_series;
using tradecast::test::near_rel;
using tradecast::test::test_data_path;

const std::map<std::string, tradecast::test::fixture_series>& cv_series() {
  static const auto s = load_series(test_data_path("eval/data/eval_ref_cv_series.csv"));
  return s;
}

TEST(EvalRolling, ErrorsMatrixMatchesTsCV) {
  const csv_table t(test_data_path("eval/data/eval_ref_tscv.csv"));
  std::map<std::string, tradecast::eval::rolling_result> results;
  for (const auto& [name, s] : cv_series()) {
    rolling_options o;
    o.h = 3;
    o.first_origin = 3;  // tsCV(initial = 2)
    results[name] = rolling_origin(s.values, s.period(), parse_method("drift"), o);
  }
  std::size_t checked = 0;
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::string name = t.text(r, "case");
    const auto row = static_cast<std::size_t>(t.number(r, "origin")) - 1;
    const auto& e = results.at(name).errors;
    ASSERT_EQ(e.size(), cv_series().at(name).values.size());
    for (int j = 0; j < 3; ++j) {
      const double expected = t.number(r, "h" + std::to_string(j + 1));
      EXPECT_TRUE(near_rel(e[row][static_cast<std::size_t>(j)], expected))
          << name << " origin " << row + 1 << " h=" << j + 1 << ": " << e[row][static_cast<std::size_t>(j)] << " vs "
          << expected;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 3u * 318u);
}

TEST(EvalRolling, PerStepAccuracyMatchesR) {
  const csv_table t(test_data_path("eval/data/eval_ref_tscv_steps.csv"));
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::string name = t.text(r, "case");
    const auto& s = cv_series().at(name);
    rolling_options o;
    o.h = 3;
    o.first_origin = 3;
    const auto res = rolling_origin(s.values, s.period(), parse_method("drift"), o);
    const auto& st = res.per_step.at(static_cast<std::size_t>(t.number(r, "step")) - 1);
    SCOPED_TRACE(name + " step " + std::to_string(st.step));
    EXPECT_EQ(static_cast<double>(st.count), t.number(r, "count"));
    EXPECT_EQ(static_cast<double>(st.mase_count), t.number(r, "MASE_count"));
    EXPECT_TRUE(near_rel(st.mae, t.number(r, "MAE")));
    EXPECT_TRUE(near_rel(st.rmse, t.number(r, "RMSE")));
    EXPECT_TRUE(near_rel(st.smape, t.number(r, "sMAPE")));
    EXPECT_TRUE(near_rel(st.mase, t.number(r, "MASE")));
    if (st.mase_count < st.count) {  // UKgas: origins 3, 4 have no lag-4 scale
      EXPECT_FALSE(res.notes.empty());
    }
  }
}

// Hand case: y = 5, 7, 6, 9, 11, 10, 13 with naive, h = 2, default first origin (2), step 2:
// origins 2, 4, 6. Origin 2: forecasts 7, 7 → errors 6 − 7 = −1, 9 − 7 = 2; origin 4: 11 − 9 = 2,
// 10 − 9 = 1; origin 6: 13 − 10 = 3, beyond the data (NaN). Other rows NaN.
// Step 1: MAE (1 + 2 + 3)/3 = 2, RMSE sqrt(14/3). Step 2: MAE 1.5 over 2 origins.
TEST(EvalRolling, HandCaseWithStep) {
  const std::vector<double> y = {5, 7, 6, 9, 11, 10, 13};
  rolling_options o;
  o.h = 2;
  o.step = 2;
  const auto r = rolling_origin(y, 1, parse_method("naive"), o);
  ASSERT_EQ(r.origins.size(), 3u);
  EXPECT_EQ(r.origins[0].origin, 2u);
  EXPECT_EQ(r.errors[1][0], -1);
  EXPECT_EQ(r.errors[1][1], 2);
  EXPECT_EQ(r.errors[3][0], 2);
  EXPECT_EQ(r.errors[3][1], 1);
  EXPECT_EQ(r.errors[5][0], 3);
  EXPECT_TRUE(std::isnan(r.errors[5][1]));
  for (std::size_t row : {0u, 2u, 4u, 6u}) EXPECT_TRUE(std::isnan(r.errors[row][0]));
  EXPECT_TRUE(near_rel(r.per_step[0].mae, 2));
  EXPECT_TRUE(near_rel(r.per_step[0].rmse, std::sqrt(14.0 / 3)));
  EXPECT_EQ(r.per_step[1].count, 2u);
  EXPECT_TRUE(near_rel(r.per_step[1].mae, 1.5));
  // origin 2 scale: |7 − 5| = 2 → |−1|/2; origin 4: mean(2, 1, 3) = 2 → 2/2; origin 6: mean(2,1,3,2,1) = 1.8
  EXPECT_TRUE(near_rel(r.per_step[0].mase, (0.5 + 1 + 3 / 1.8) / 3));
}

// A fixed window refits on the last `window` observations (tsCV(window = 3)); a failed fit
// (drift needs 3 observations) gives a NaN row and a note, like tsCV's try().
TEST(EvalRolling, WindowAndFailedFits) {
  const std::vector<double> y = {5, 7, 6, 9, 11, 10, 13};
  rolling_options o;
  o.window = 3;
  const auto r = rolling_origin(y, 1, parse_method("naive"), o);
  EXPECT_EQ(r.origins.front().origin, 3u);
  EXPECT_EQ(r.origins.front().train_length, 3u);
  EXPECT_EQ(r.errors[2][0], 3);  // 9 − 6

  rolling_options d;
  d.h = 1;  // first origin 2: drift cannot fit 2 observations
  const auto f = rolling_origin(y, 1, parse_method("drift"), d);
  EXPECT_TRUE(f.origins.front().failed);
  EXPECT_NE(f.origins.front().message.find("at least 3"), std::string::npos);
  EXPECT_TRUE(std::isnan(f.errors[1][0]));
  EXPECT_FALSE(std::isnan(f.errors[2][0]));
  EXPECT_NE(f.notes.front().find("origin 2: fit failed"), std::string::npos);
}

TEST(EvalRolling, InvalidArguments) {
  const std::vector<double> y = {5, 7, 6, 9, 11, 10, 13};
  const auto spec = parse_method("naive");
  auto msg = [&](rolling_options o, int m = 1, std::vector<double> data = {}) {
    try {
      (void)rolling_origin(data.empty() ? y : data, m, spec, o);
    } catch (const tradecast::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("(nothing thrown)");
  };
  rolling_options o;
  o.refit = false;
  EXPECT_NE(msg(o).find("refit = false is not supported"), std::string::npos);
  o = {};
  o.h = 0;
  EXPECT_NE(msg(o).find("horizon h = 0"), std::string::npos);
  o = {};
  o.step = 0;
  EXPECT_NE(msg(o).find("step = 0"), std::string::npos);
  o = {};
  o.first_origin = 7;
  EXPECT_NE(msg(o).find("first_origin = 7 leaves no test point"), std::string::npos);
  o = {};
  o.first_origin = 1;
  EXPECT_NE(msg(o).find("first_origin = 1 must be at least 2"), std::string::npos);
  o = {};
  o.window = 4;
  o.first_origin = 3;
  EXPECT_NE(msg(o).find("smaller than window = 4"), std::string::npos);
  o = {};
  o.window = 1;
  EXPECT_NE(msg(o).find("window = 1"), std::string::npos);
  o = {};
  o.forecast.levels = {0};
  EXPECT_NE(msg(o).find("level 0"), std::string::npos);
  EXPECT_NE(msg({}, 0).find("m = 0"), std::string::npos);
  EXPECT_NE(msg({}, 1, {1, 2, NAN, 4}).find("y[2] is not finite"), std::string::npos);
}

}  // namespace
