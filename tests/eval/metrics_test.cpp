// SPDX-License-Identifier: MIT
// Accuracy measures (eval/metrics.hpp) against R 4.2.2 + forecast 8.20 and against the M4
// definitions written out in tests/eval/data/generate_eval_reference.R. R calls per column:
//   ME RMSE MAE MPE MAPE MASE   accuracy(fc, test)["Test set", ], fc one of
//                               naive(train, h), snaive(train, h), rwf(train, h, drift = TRUE),
//                               ses(train, h), thetaf(train, h)   (level = c(80, 95))
//   sMAPE MASE_m4 RMSSE MSIS coverage95   m4_smape / m4_mase / m5_rmsse / m4_msis / coverage in
//                               the script (95 % interval, alpha = 0.05)
//   set level and OWA           colMeans over the cases, 0.5 (sMAPE/sMAPE_N2 + MASE/MASE_N2)
// Cases: AirPassengers (120 + 24), USAccDeaths (60 + 12), UKgas (96 + 8), Nile (90 + 10),
// WWWusage (90 + 10), AirPassengers30 (30 + 12), lynx (100 + 14). Closed forms: 1e-9 relative.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "eval/eval_fixtures.hpp"
#include "forecast/fixtures.hpp"
#include "tradecast/eval/metrics.hpp"
#include "tradecast/eval/naive2.hpp"
#include "tradecast/forecast/engine.hpp"

namespace {

using tradecast::eval::accuracy;
using tradecast::eval::aggregate;
using tradecast::eval::evaluate;
using tradecast::eval::interval_bounds;
using tradecast::eval::owa;
using tradecast::eval::set_accuracy;
using tradecast::test::csv_table;
using tradecast::test::eval_cases;
using tradecast::test::eval_forecasts;
using tradecast::test::near_rel;
using tradecast::test::test_data_path;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

accuracy evaluate_r_forecast(const std::string& name, const std::string& method) {
  const auto& c = eval_cases().at(name);
  const auto& f = eval_forecasts().at({name, method});
  return evaluate(c.train, c.test, f.mean, c.m, interval_bounds{95, f.lo95, f.hi95});
}

bool contains(const std::vector<std::string>& issues, const std::string& part) {
  for (const auto& s : issues)
    if (s.find(part) != std::string::npos) return true;
  return false;
}

template <class F>
std::string thrown_message(F&& f) {
  try {
    f();
  } catch (const tradecast::invalid_argument& e) {
    return e.what();
  }
  return "(nothing thrown)";
}

// Every case and method with R's own forecasts: R's accuracy() columns and the M4/M5 measures of
// the script, 1e-9 relative.
TEST(EvalMetrics, MatchRAccuracyAndM4Definitions) {
  const csv_table t(test_data_path("eval/data/eval_ref_accuracy.csv"));
  ASSERT_EQ(t.size(), 39u);
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::string name = t.text(r, "case"), method = t.text(r, "method");
    SCOPED_TRACE(name + " / " + method);
    const accuracy a = evaluate_r_forecast(name, method);
    if (method != "naive2") {  // accuracy(fc, test)["Test set", c("ME", "RMSE", "MAE", "MPE", "MAPE", "MASE")]
      EXPECT_TRUE(near_rel(a.me, t.number(r, "ME"))) << a.me << " vs " << t.number(r, "ME");
      EXPECT_TRUE(near_rel(a.rmse, t.number(r, "RMSE"))) << a.rmse;
      EXPECT_TRUE(near_rel(a.mae, t.number(r, "MAE"))) << a.mae;
      EXPECT_TRUE(near_rel(a.mpe, t.number(r, "MPE"))) << a.mpe;
      EXPECT_TRUE(near_rel(a.mape, t.number(r, "MAPE"))) << a.mape;
      EXPECT_TRUE(near_rel(a.mase, t.number(r, "MASE"))) << a.mase;
    }
    EXPECT_TRUE(near_rel(a.smape, t.number(r, "sMAPE"))) << a.smape;         // m4_smape(test, fc$mean)
    EXPECT_TRUE(near_rel(a.mase, t.number(r, "MASE_m4"))) << a.mase;         // m4_mase(train, test, fc$mean, m)
    EXPECT_TRUE(near_rel(a.rmsse, t.number(r, "RMSSE"))) << a.rmsse;         // m5_rmsse(train, test, fc$mean, m)
    EXPECT_TRUE(near_rel(a.msis, t.number(r, "MSIS"))) << a.msis;            // m4_msis(train, test, lo95, hi95, m)
    EXPECT_TRUE(near_rel(a.coverage, t.number(r, "coverage95"))) << a.coverage;  // coverage(test, lo95, hi95)
    EXPECT_TRUE(a.issues.empty());
    EXPECT_EQ(a.n_used, eval_cases().at(name).test.size());
  }
}

// tradecast's own naive, snaive and drift forecasts equal R's naive/snaive/rwf(drift = TRUE)
// (1e-9), so accuracy() of R's forecast object is reproduced end to end from tradecast's fit.
TEST(EvalMetrics, EndToEndWithTradecastForecastsMatchesRAccuracy) {
  const csv_table t(test_data_path("eval/data/eval_ref_accuracy.csv"));
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::string name = t.text(r, "case"), method = t.text(r, "method");
    if (method != "naive" && method != "snaive" && method != "drift") continue;
    SCOPED_TRACE(name + " / " + method);
    const auto& c = eval_cases().at(name);
    tradecast::forecast::forecast_options opt;
    opt.levels = {95};
    const auto mf = tradecast::forecast::fit_forecast(c.train, c.m, tradecast::forecast::parse_method(method),
                                                      static_cast<int>(c.test.size()), opt);
    const auto& rf = eval_forecasts().at({name, method});
    for (std::size_t k = 0; k < c.test.size(); ++k) {
      EXPECT_TRUE(near_rel(mf.values.mean[k], rf.mean[k]));
      EXPECT_TRUE(near_rel(mf.values.intervals[0].lower[k], rf.lo95[k]));
      EXPECT_TRUE(near_rel(mf.values.intervals[0].upper[k], rf.hi95[k]));
    }
    const accuracy a = evaluate(c.train, c.test, mf.values, c.m, 95.0);
    EXPECT_TRUE(near_rel(a.rmse, t.number(r, "RMSE")));
    EXPECT_TRUE(near_rel(a.mape, t.number(r, "MAPE")));
    EXPECT_TRUE(near_rel(a.mase, t.number(r, "MASE")));
    EXPECT_TRUE(near_rel(a.msis, t.number(r, "MSIS")));
  }
}

// Set level: colMeans of the per-case measures; OWA against Naive2 on the same cases (snaive only
// has the seasonal cases, so its Naive2 reference is restricted to them), 1e-9.
TEST(EvalMetrics, SetLevelAndOwaMatchR) {
  const csv_table t(test_data_path("eval/data/eval_ref_set.csv"));
  const std::vector<std::string> names = {"AirPassengers", "USAccDeaths", "UKgas", "Nile",
                                          "WWWusage",      "AirPassengers30", "lynx"};
  auto set_of = [&](const std::string& method, bool seasonal_only) {
    std::vector<accuracy> per;
    std::vector<std::string> ids;
    for (const auto& n : names) {
      if (seasonal_only && eval_cases().at(n).m == 1) continue;
      per.push_back(evaluate_r_forecast(n, method));
      ids.push_back(n);
    }
    return aggregate(per, ids);
  };
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::string method = t.text(r, "method");
    SCOPED_TRACE(method);
    const bool seasonal_only = method == "snaive";
    const set_accuracy s = set_of(method, seasonal_only);
    const set_accuracy n2 = set_of("naive2", seasonal_only);
    EXPECT_EQ(static_cast<double>(s.series), t.number(r, "series"));
    EXPECT_TRUE(near_rel(s.smape, t.number(r, "sMAPE"))) << s.smape;
    EXPECT_TRUE(near_rel(s.mase, t.number(r, "MASE"))) << s.mase;
    EXPECT_TRUE(near_rel(s.msis, t.number(r, "MSIS"))) << s.msis;
    EXPECT_TRUE(near_rel(s.acd, t.number(r, "ACD"))) << s.acd;  // abs(mean coverage - 0.95)
    EXPECT_TRUE(near_rel(owa(s, n2), t.number(r, "OWA"))) << owa(s, n2);
    EXPECT_TRUE(s.excluded.empty());
  }
}

// Hand calculation. train 1, 2, 4, 7 (m = 1): differences 1, 2, 3, so S = 2, S2 = 14/3.
// actual 10, 8; forecast 9, 10; errors 1, -2.
//   ME = -0.5, MAE = 1.5, RMSE = sqrt(5/2), MPE = (10 - 25)/2 = -7.5, MAPE = 17.5,
//   sMAPE = (200·1/19 + 200·2/18)/2, MASE = 0.75, RMSSE = sqrt(2.5 / (14/3)).
// 95 % interval [8, 12], [9, 11]: step 1 covered, score 4; step 2 below by 1: 2 + 40·1 = 42;
//   MSIS = ((4 + 42)/2) / 2 = 11.5, coverage 0.5.
TEST(EvalMetrics, HandCalculation) {
  const std::vector<double> train = {1, 2, 4, 7}, actual = {10, 8}, fc = {9, 10}, lo = {8, 9}, hi = {12, 11};
  const accuracy a = evaluate(train, actual, fc, 1, interval_bounds{95, lo, hi});
  EXPECT_TRUE(near_rel(a.me, -0.5));
  EXPECT_TRUE(near_rel(a.mae, 1.5));
  EXPECT_TRUE(near_rel(a.rmse, std::sqrt(2.5)));
  EXPECT_TRUE(near_rel(a.mpe, -7.5));
  EXPECT_TRUE(near_rel(a.mape, 17.5));
  EXPECT_TRUE(near_rel(a.smape, (200.0 / 19 + 400.0 / 18) / 2));
  EXPECT_TRUE(near_rel(a.scale, 2));
  EXPECT_TRUE(near_rel(a.scale_squared, 14.0 / 3));
  EXPECT_TRUE(near_rel(a.mase, 0.75));
  EXPECT_TRUE(near_rel(a.rmsse, std::sqrt(2.5 / (14.0 / 3))));
  EXPECT_TRUE(near_rel(a.msis, 11.5));
  EXPECT_TRUE(near_rel(a.coverage, 0.5));
  EXPECT_EQ(a.level, 95);
  EXPECT_TRUE(a.issues.empty());

  // m = 2: pairs (4 - 1), (7 - 2): S = 4, S2 = 17; MASE = 1.5/4.
  const accuracy b = evaluate(train, actual, fc, 2);
  EXPECT_TRUE(near_rel(b.mase, 0.375));
  EXPECT_TRUE(near_rel(b.rmsse, std::sqrt(2.5 / 17)));
  EXPECT_TRUE(std::isnan(b.msis));
  EXPECT_TRUE(std::isnan(b.coverage));
}

// A missing actual is skipped (R's na.rm = TRUE) and reported; a missing training value drops the
// pairs it belongs to.
TEST(EvalMetrics, MissingValues) {
  const std::vector<double> train = {1, 2, 4, 7}, actual = {10, kNaN, 8}, fc = {9, 7, 10};
  const accuracy a = evaluate(train, actual, fc, 1);
  EXPECT_EQ(a.n_used, 2u);
  EXPECT_EQ(a.n_missing, 1u);
  EXPECT_TRUE(near_rel(a.mase, 0.75));
  EXPECT_TRUE(contains(a.issues, "actual missing at step(s) 2"));

  const std::vector<double> gappy = {1, 2, kNaN, 7, 8};  // pairs (2 - 1), (8 - 7): S = 1
  const std::vector<double> one_a = {10}, one_f = {9};
  EXPECT_TRUE(near_rel(evaluate(gappy, one_a, one_f, 1).mase, 1.0));

  const std::vector<double> none = {kNaN, kNaN};
  const std::vector<double> two_f = {1, 2};
  const accuracy n = evaluate(train, none, two_f, 1);
  EXPECT_TRUE(std::isnan(n.mae));
  EXPECT_TRUE(contains(n.issues, "every actual is missing"));
}

// Zero scale: MASE/RMSSE/MSIS are +inf for non-zero errors, NaN for zero errors; flagged.
TEST(EvalMetrics, ZeroScaleIsFlagged) {
  const std::vector<double> flat = {5, 5, 5}, a1 = {6}, a2 = {5}, f = {5}, lo = {4}, hi = {6};
  const accuracy off = evaluate(flat, a1, f, 1, interval_bounds{95, lo, hi});
  EXPECT_TRUE(off.scale_zero);
  EXPECT_EQ(off.mase, kInf);
  EXPECT_EQ(off.rmsse, kInf);
  EXPECT_EQ(off.msis, kInf);
  EXPECT_TRUE(contains(off.issues, "in-sample scale is 0"));
  const accuracy exact = evaluate(flat, a2, f, 1);
  EXPECT_TRUE(exact.scale_zero);
  EXPECT_TRUE(std::isnan(exact.mase));
  EXPECT_EQ(exact.smape, 0);

  // too short for a scale: n <= m
  const std::vector<double> two = {1, 2};
  const accuracy s = evaluate(two, a1, f, 4);
  EXPECT_TRUE(std::isnan(s.mase));
  EXPECT_FALSE(s.scale_zero);
  EXPECT_TRUE(contains(s.issues, "no pair"));
}

// sMAPE: a = f = 0 counts 0; MPE/MAPE with a = 0 are not finite and reported.
TEST(EvalMetrics, ZeroActuals) {
  const std::vector<double> train = {1, 2, 3}, actual = {0, 2}, fc = {0, 1};
  const accuracy a = evaluate(train, actual, fc, 1);
  EXPECT_TRUE(near_rel(a.smape, (0 + 200.0 / 3) / 2));  // step 2: 200·1/(2 + 1)
  EXPECT_TRUE(std::isnan(a.mape));                      // 0/0 at step 1
  EXPECT_TRUE(contains(a.issues, "both 0 at step(s) 1"));
  EXPECT_TRUE(contains(a.issues, "actual is 0 at step(s) 1"));
  const std::vector<double> a0 = {0}, f1 = {1};
  const accuracy b = evaluate(train, a0, f1, 1);
  EXPECT_EQ(b.mape, kInf);
  EXPECT_EQ(b.mpe, -kInf);
  EXPECT_TRUE(near_rel(b.smape, 200));
}

// Non-finite values are left out of set-level means and listed with the series id and reason.
TEST(EvalMetrics, AggregateListsExcludedSeries) {
  const std::vector<double> train = {1, 2, 4, 7}, actual = {10, 8}, fc = {9, 10};
  const std::vector<double> flat = {5, 5, 5}, a1 = {6}, f1 = {5};
  const std::vector<accuracy> per = {evaluate(train, actual, fc, 1), evaluate(flat, a1, f1, 1)};
  const std::vector<std::string> ids = {"good", "flat"};
  const set_accuracy s = aggregate(per, ids);
  EXPECT_EQ(s.series, 2u);
  EXPECT_TRUE(near_rel(s.mase, 0.75));  // only "good"
  EXPECT_TRUE(near_rel(s.mae, (1.5 + 1) / 2));
  ASSERT_EQ(s.excluded.size(), 2u);  // MASE and RMSSE of "flat"
  EXPECT_EQ(s.excluded[0].measure, "MASE");
  EXPECT_EQ(s.excluded[0].id, "flat");
  EXPECT_EQ(s.excluded[0].index, 1u);
  EXPECT_NE(s.excluded[0].reason.find("scale is 0"), std::string::npos);
  EXPECT_EQ(s.excluded[1].measure, "RMSSE");
  EXPECT_TRUE(std::isnan(s.msis));  // no intervals
}

// A forecast without intervals (NaN bounds: batch::forecast_batch() on a single observation) is
// scored on its points; its MSIS and coverage are undefined and the set means leave it out, by
// name. Series "good" is the hand calculation above (MSIS 11.5, coverage 0.5); series "bare" has
// train 1, 2, 4, 7, actual 10, 8, forecast 9, 10 and no interval: MASE 0.75 like "good".
TEST(EvalMetrics, ForecastWithoutIntervalIsLeftOutOfIntervalMeasures) {
  const std::vector<double> train = {1, 2, 4, 7}, actual = {10, 8};
  tradecast::forecast::forecast_values with, without;
  with.mean = without.mean = {9, 10};
  with.intervals.push_back({95, {8, 9}, {12, 11}});
  without.intervals.push_back({95, {kNaN, kNaN}, {kNaN, kNaN}});
  const accuracy bare = evaluate(train, actual, without, 1, 95.0);
  EXPECT_TRUE(near_rel(bare.mase, 0.75));
  EXPECT_TRUE(near_rel(bare.smape, (200.0 / 19 + 400.0 / 18) / 2));
  EXPECT_EQ(bare.level, 95);
  EXPECT_TRUE(std::isnan(bare.msis));
  EXPECT_TRUE(std::isnan(bare.coverage));
  EXPECT_TRUE(contains(bare.issues, "the forecast has no 95% interval"));
  const std::vector<accuracy> per = {evaluate(train, actual, with, 1, 95.0), bare};
  const std::vector<std::string> ids = {"good", "bare"};
  const set_accuracy s = aggregate(per, ids);
  EXPECT_TRUE(near_rel(s.mase, 0.75));
  EXPECT_TRUE(near_rel(s.msis, 11.5));  // "good" only
  EXPECT_TRUE(near_rel(s.coverage, 0.5));
  EXPECT_TRUE(near_rel(s.acd, 0.45));
  ASSERT_EQ(s.excluded.size(), 2u);
  EXPECT_EQ(s.excluded[0].measure, "MSIS");
  EXPECT_EQ(s.excluded[1].measure, "coverage");
  EXPECT_EQ(s.excluded[1].id, "bare");
  EXPECT_NE(s.excluded[1].reason.find("no 95% interval"), std::string::npos);
  // Bounds missing at some steps only are not "no interval" but a broken one.
  without.intervals[0] = {95, {8, kNaN}, {12, kNaN}};
  EXPECT_NE(thrown_message([&] { (void)evaluate(train, actual, without, 1, 95.0); }).find("interval bound at step 2 is not finite"),
            std::string::npos);
}

// An unbounded interval end (a Box-Cox upper bound beyond the inverse's domain is +inf) is a
// valid interval: it covers every value above its lower bound, and its width, so MSIS, is +inf.
// train 1, 2, 4, 7, actual 10, 8, forecast 9, 10; interval [8, +inf), [9, +inf): step 1 covered,
// step 2 below 9: coverage 0.5, MSIS +inf with an issue naming steps 1 and 2.
TEST(EvalMetrics, UnboundedIntervalEndGivesInfiniteMsis) {
  const std::vector<double> train = {1, 2, 4, 7}, actual = {10, 8}, fc = {9, 10}, lo = {8, 9}, hi = {kInf, kInf};
  const accuracy a = evaluate(train, actual, fc, 1, interval_bounds{95, lo, hi});
  EXPECT_TRUE(near_rel(a.coverage, 0.5));
  EXPECT_EQ(a.msis, kInf);
  EXPECT_TRUE(near_rel(a.mase, 0.75));
  EXPECT_TRUE(contains(a.issues, "the interval is unbounded (an infinite bound) at step(s) 1, 2: MSIS is +inf"));
  const std::vector<accuracy> per = {a};
  const set_accuracy s = aggregate(per);
  EXPECT_TRUE(std::isnan(s.msis));  // left out, and listed
  ASSERT_EQ(s.excluded.size(), 1u);
  EXPECT_EQ(s.excluded[0].measure, "MSIS");
  EXPECT_TRUE(near_rel(s.coverage, 0.5));
  // A NaN bound, or an upper bound of −inf, is still an error.
  const std::vector<double> nan_hi = {12, kNaN}, minus_inf = {12, -kInf};
  EXPECT_NE(thrown_message([&] { (void)evaluate(train, actual, fc, 1, interval_bounds{95, lo, nan_hi}); })
                .find("interval bound at step 2 is not finite"),
            std::string::npos);
  EXPECT_NE(thrown_message([&] { (void)evaluate(train, actual, fc, 1, interval_bounds{95, lo, minus_inf}); })
                .find("interval bound at step 2 is not finite"),
            std::string::npos);
}

// Values near the top of double's range: the terms 200|e| and e² overflow a double, but the
// measures do not. Hand calculation: train 1, 2, 3, 4 (m = 1: scale 1), actual 1e307, forecast 4:
// e = 1e307 - 4 ≈ 1e307, sMAPE = 200·e/(1e307 + 4) = 200, MAPE = 100·e/1e307 = 100, RMSE = MAE =
// MASE = 1e307. The 95% interval [3, 5] scores 2 + (2/0.05)·(1e307 - 5) = 4e308, beyond double's
// 1.8e308: MSIS is +inf, and the issue says why (the CLI's note had an empty reason).
TEST(EvalMetrics, ValuesNearTheTopOfTheRangeOfADouble) {
  const std::vector<double> train = {1, 2, 3, 4}, actual = {1e307}, fc = {4}, lo = {3}, hi = {5};
  const accuracy a = evaluate(train, actual, fc, 1, interval_bounds{95, lo, hi});
  EXPECT_DOUBLE_EQ(a.smape, 200);
  EXPECT_DOUBLE_EQ(a.mape, 100);
  EXPECT_DOUBLE_EQ(a.mpe, 100);
  EXPECT_DOUBLE_EQ(a.rmse, 1e307);
  EXPECT_DOUBLE_EQ(a.mase, 1e307);
  EXPECT_DOUBLE_EQ(a.rmsse, 1e307);
  EXPECT_EQ(a.msis, kInf);
  EXPECT_TRUE(contains(a.issues, "MSIS exceeds the range of a double (about 1.8e308): +inf"));
  // Errors beyond double's range themselves (1e308 against -1e308).
  const std::vector<double> big = {1e308}, minus = {-1e308};
  const accuracy b = evaluate(train, big, minus, 1);
  EXPECT_EQ(b.mae, kInf);
  EXPECT_DOUBLE_EQ(b.smape, 200);
  EXPECT_TRUE(contains(b.issues, "the errors are beyond the range of a double"));
}

TEST(EvalMetrics, OwaHandCalculation) {
  // 0.5 (12/16 + 1.2/1.5) = 0.5 (0.75 + 0.8) = 0.775
  EXPECT_TRUE(near_rel(owa(12, 1.2, 16, 1.5), 0.775));
}

TEST(EvalMetrics, InvalidArgumentsAreNamed) {
  const std::vector<double> train = {1, 2, 4, 7}, actual = {10, 8}, fc = {9, 10}, one = {1}, empty;
  const std::vector<double> lo = {8, 9}, hi = {12, 11}, nanf = {9, kNaN}, inf_a = {kInf, 1};
  EXPECT_NE(thrown_message([&] { (void)evaluate(train, empty, empty, 1); }).find("actual is empty"), std::string::npos);
  EXPECT_NE(thrown_message([&] { (void)evaluate(train, actual, one, 1); }).find("forecast has 1 values but actual has 2"),
            std::string::npos);
  EXPECT_NE(thrown_message([&] { (void)evaluate(train, actual, nanf, 1); }).find("forecast[1] is not finite"),
            std::string::npos);
  EXPECT_NE(thrown_message([&] { (void)evaluate(train, inf_a, fc, 1); }).find("actual[0] is infinite"), std::string::npos);
  EXPECT_NE(thrown_message([&] { (void)evaluate(train, actual, fc, 0); }).find("m = 0"), std::string::npos);
  EXPECT_NE(thrown_message([&] { (void)evaluate(train, actual, fc, 1, interval_bounds{95, hi, lo}); })
                .find("lower bound 12 exceeds upper bound 8 at step 1"),
            std::string::npos);
  EXPECT_NE(thrown_message([&] { (void)evaluate(train, actual, fc, 1, interval_bounds{100, lo, hi}); }).find("level 100"),
            std::string::npos);
  EXPECT_NE(thrown_message([&] { (void)evaluate(train, actual, fc, 1, interval_bounds{95, one, hi}); })
                .find("interval bounds have 1 (lower)"),
            std::string::npos);
  tradecast::forecast::forecast_values fv;
  fv.mean = {9, 10};
  EXPECT_NE(thrown_message([&] { (void)evaluate(train, actual, fv, 1, 95.0); }).find("no interval of that level (has: none)"),
            std::string::npos);
  fv.mean = {9};
  EXPECT_NE(thrown_message([&] { (void)evaluate(train, actual, fv, 1); }).find("1 point forecasts; actual has 2"),
            std::string::npos);
  EXPECT_NE(thrown_message([] { (void)owa(10, 1, 0, 1); }).find("smape_naive2"), std::string::npos);
  EXPECT_NE(thrown_message([] { (void)owa(10, 1, 10, kNaN); }).find("mase_naive2"), std::string::npos);
  EXPECT_NE(thrown_message([] { (void)aggregate(std::vector<accuracy>{}); }).find("per_series is empty"), std::string::npos);
  const std::vector<accuracy> per = {evaluate(train, actual, fc, 1, interval_bounds{95, lo, hi}),
                                     evaluate(train, actual, fc, 1, interval_bounds{80, lo, hi})};
  EXPECT_NE(thrown_message([&] { (void)aggregate(per); }).find("aggregate intervals of one level"), std::string::npos);
  const std::vector<std::string> one_id = {"a"};
  EXPECT_NE(thrown_message([&] { (void)aggregate(per, one_id); }).find("ids has 1 names for 2 series"), std::string::npos);
}

}  // namespace
