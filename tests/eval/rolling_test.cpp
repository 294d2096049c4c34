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
#include <limits>
#include <map>
#include <optional>
#include <span>
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

// A step longer than the data leaves the first origin only, even when first + step wraps around
// std::size_t (it once produced origins 1 and 0 and read errors[−1]).
TEST(EvalRolling, StepBeyondTheDataGivesOneOrigin) {
  const std::vector<double> y = {5, 7, 6, 9};
  for (std::size_t step : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::numeric_limits<std::size_t>::max(),
                           std::numeric_limits<std::size_t>::max() - 1}) {
    rolling_options o;
    o.step = step;
    o.first_origin = 2;
    const auto r = rolling_origin(y, 1, parse_method("naive"), o);
    ASSERT_EQ(r.origins.size(), step == 1 ? 2u : 1u) << step;  // step 1: origins 2 and 3 (n = 4)
    EXPECT_EQ(r.origins[0].origin, 2u);
    EXPECT_EQ(r.errors[1][0], 6 - 7);  // origin 2 forecasts y_3 = 6 by y_2 = 7
  }
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
  EXPECT_NE(msg(o).find("smaller than window = 4: the first fit needs a whole window"), std::string::npos);
  o = {};
  o.window = 1;
  EXPECT_NE(msg(o).find("window = 1"), std::string::npos);
  o = {};
  o.forecast.levels = {0};
  EXPECT_NE(msg(o).find("level 0"), std::string::npos);
  EXPECT_NE(msg({}, 0).find("m = 0"), std::string::npos);
  EXPECT_NE(msg({}, 1, {1, 2, NAN, 4}).find("observation 3 is not finite"), std::string::npos);
  // refit = false needs a method whose fit can be re-applied
  o = {};
  o.refit = false;
  for (const char* method : {"theta", "drift", "auto", "comb", "mean:naive+ses"}) {
    std::string what = "(nothing thrown)";
    try {
      (void)rolling_origin(y, 1, parse_method(method), o);
    } catch (const tradecast::invalid_argument& e) {
      what = e.what();
    }
    EXPECT_NE(what.find(std::string("refit = false: method '") + method + "' cannot be re-applied"), std::string::npos) << what;
  }
}

// With refit, comb and single-model ETS methods fit 16 consecutive origins together
// (fit_forecast_many); every origin's forecasts are still exactly fit_forecast() on its own
// training data (the expanding origins are prefixes of one array: each is its own series), with
// and without a window, for any thread count, failures included.
TEST(EvalRolling, OriginsFittedTogetherEqualFitForecast) {
  std::vector<double> gas = cv_series().at("UKgas").values;
  gas[60] = 0;  // origins whose training data hold it: hw-mult (multiplicative) fails
  for (const char* method : {"comb", "damped", "hw-mult", "ses"}) {
    for (const std::optional<std::size_t> window : {std::optional<std::size_t>(), std::optional<std::size_t>(40)}) {
      SCOPED_TRACE(std::string(method) + (window ? " window 40" : ""));
      const auto spec = parse_method(method);
      ASSERT_TRUE(tradecast::forecast::fits_together(spec));
      rolling_options o;
      o.h = 4;
      o.first_origin = window ? 0 : 6;
      o.window = window;
      o.threads = 1;
      const auto r = rolling_origin(gas, 4, spec, o);
      o.threads = 2;
      const auto r2 = rolling_origin(gas, 4, spec, o);
      ASSERT_EQ(r.origins.size(), r2.origins.size());
      ASSERT_GT(r.origins.size(), 40u);
      std::size_t failed = 0;
      for (std::size_t k = 0; k < r.origins.size(); ++k) {
        const auto& og = r.origins[k];
        SCOPED_TRACE(og.origin);
        const std::span<const double> train(gas.data() + og.origin - og.train_length, og.train_length);
        std::optional<tradecast::forecast::model_forecast> direct;
        std::string error;
        try {
          direct = tradecast::forecast::fit_forecast(train, 4, spec, 4, o.forecast);
        } catch (const tradecast::observation_error& e) {  // rolling counts it in the whole series
          error = e.relocated(og.origin - og.train_length).what();
        } catch (const tradecast::error& e) {
          error = e.what();
        }
        EXPECT_EQ(og.failed, !direct.has_value());
        EXPECT_EQ(r2.origins[k].values.mean, og.values.mean);
        if (direct) {
          EXPECT_EQ(og.values.mean, direct->values.mean);
          EXPECT_EQ(og.method, direct->model.method);
          EXPECT_EQ(og.message, direct->model.status_message);
        } else {
          EXPECT_EQ(og.message, error);
          // gas[60] is observation 61 of the series, whatever the window's start
          EXPECT_NE(og.message.find("but observation 61 (0) is not positive"), std::string::npos);
          ++failed;
        }
      }
      if (std::string(method) == "hw-mult") {
        EXPECT_GT(failed, 0u);
      }
    }
  }
}

// ---- refit = false ------------------------------------------------------------------------------
// R 4.2.2 + forecast 8.20 (tests/eval/data/generate_eval_reference.R): fit0 estimated on y_1..y_k
// (k = first origin) by ets(x) / ets(x, "MAM") / ses(x)$model / ets(x, "AAA") / ets(x, lambda = 0),
//   e <- tsCV(y, function(x, h) forecast(ets(x, model = fit0, use.initial.values = TRUE), h = h),
//             h = 3, initial = k - 1)            (window = 40 for UKgas_AAA_window)
// and, on the whole series, full <- ets(y, model = fit0, use.initial.values = TRUE) with
// forecast(full, h = 3, level = c(80, 95)).

struct reuse_case {
  std::string method;
  int m = 1;
  std::size_t first = 0;
  std::optional<std::size_t> window;
  std::optional<double> lambda;
  std::vector<double> y;
};

const std::map<std::string, reuse_case>& reuse_cases() {
  static const auto cases = [] {
    std::map<std::string, reuse_case> out;
    const auto series = load_series(test_data_path("eval/data/eval_ref_reuse_series.csv"));
    const csv_table t(test_data_path("eval/data/eval_ref_reuse.csv"));
    for (std::size_t r = 0; r < t.size(); ++r) {
      reuse_case& c = out[t.text(r, "case")];
      c.method = t.text(r, "method");
      c.m = static_cast<int>(t.number(r, "frequency"));
      c.first = static_cast<std::size_t>(t.number(r, "first_origin"));
      if (t.text(r, "window") != "NA") c.window = static_cast<std::size_t>(t.number(r, "window"));
      if (t.text(r, "lambda") != "NA") c.lambda = t.number(r, "lambda");
      c.y = series.at(t.text(r, "case")).values;
    }
    return out;
  }();
  return cases;
}

rolling_options reuse_options(const reuse_case& c, bool refit) {
  rolling_options o;
  o.h = 3;
  o.first_origin = c.first;
  o.window = c.window;
  o.refit = refit;
  o.forecast.lambda = c.lambda;
  return o;
}

TEST(EvalRolling, WithoutRefitMatchesTsCVOfReusedEts) {
  const csv_table t(test_data_path("eval/data/eval_ref_reuse.csv"));
  std::map<std::string, tradecast::eval::rolling_result> results;
  for (const auto& [name, c] : reuse_cases()) results[name] = rolling_origin(c.y, c.m, parse_method(c.method), reuse_options(c, false));
  std::size_t checked = 0, nan_rows = 0;
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::string name = t.text(r, "case");
    const auto& c = reuse_cases().at(name);
    double scale = 0;
    for (double v : c.y) scale += std::fabs(v) / static_cast<double>(c.y.size());
    const auto row = static_cast<std::size_t>(t.number(r, "origin")) - 1;
    for (int j = 0; j < 3; ++j) {
      const double got = results.at(name).errors.at(row).at(static_cast<std::size_t>(j));
      const std::string want = t.text(r, "h" + std::to_string(j + 1));
      if (want == "NA") {
        EXPECT_TRUE(std::isnan(got)) << name << " origin " << row + 1 << " h=" << j + 1 << ": " << got;
        ++nan_rows;
        continue;
      }
      // errors are differences of forecasts of size `scale`: 1e-6 of the series' mean level
      EXPECT_NEAR(got, t.number(r, "h" + std::to_string(j + 1)), 1e-6 * scale) << name << " origin " << row + 1 << " h=" << j + 1;
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000u);
  EXPECT_GT(nan_rows, 0u);
  // every origin used the first origin's model: one method name, no re-selection
  for (const auto& [name, res] : results) {
    ASSERT_FALSE(res.origins.empty());
    for (const auto& o : res.origins) {
      EXPECT_FALSE(o.failed) << name << " origin " << o.origin << ": " << o.message;
      EXPECT_EQ(o.method, res.origins.front().method) << name << " origin " << o.origin;
    }
    EXPECT_NE(res.origins.back().message.find("re-used"), std::string::npos) << res.origins.back().message;
  }
  // WWWusage with refit = true re-selects the model as the data grow: the two settings differ
  const auto& w = reuse_cases().at("WWWusage_ets");
  const auto refitted = rolling_origin(w.y, w.m, parse_method(w.method), reuse_options(w, true));
  bool differs = false;
  for (std::size_t i = 0; i < refitted.origins.size(); ++i)
    differs = differs || refitted.origins[i].method != results.at("WWWusage_ets").origins[i].method;
  EXPECT_TRUE(differs);
}

TEST(EvalRolling, ReappliedModelMatchesR) {
  const csv_table t(test_data_path("eval/data/eval_ref_reuse_model.csv"));
  std::size_t checked = 0;
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::string name = t.text(r, "case");
    const auto& c = reuse_cases().at(name);
    SCOPED_TRACE(name);
    tradecast::forecast::forecast_options fo;
    fo.lambda = c.lambda;
    const std::span<const double> y(c.y);
    const auto [fit, first] = tradecast::forecast::fit_reusable(y.first(c.first), c.m, parse_method(c.method), 3, fo);
    ASSERT_TRUE(fit.ets.has_value());
    std::string code{fit.ets->error, fit.ets->trend};
    if (fit.ets->damped) code += 'd';
    code += fit.ets->season;
    EXPECT_EQ(code, t.text(r, "fit0_model"));
    // the model on the whole series (on the log scale for the lambda = 0 case, as R's full$loglik)
    std::vector<double> z(c.y);
    if (c.lambda)
      for (double& v : z) v = std::log(v);
    const auto full = tradecast::forecast::reapply_ets(*fit.ets, z);
    EXPECT_TRUE(near_rel(full.loglik, t.number(r, "loglik"), 1e-9));
    EXPECT_TRUE(near_rel(full.aic, t.number(r, "aic"), 1e-9));
    EXPECT_TRUE(near_rel(full.aicc, t.number(r, "aicc"), 1e-9));
    EXPECT_TRUE(near_rel(full.bic, t.number(r, "bic"), 1e-9));
    EXPECT_TRUE(near_rel(full.sigma2, t.number(r, "sigma2"), 1e-9));
    EXPECT_TRUE(near_rel(full.mse, t.number(r, "mse"), 1e-9));
    EXPECT_TRUE(near_rel(full.amse, t.number(r, "amse"), 1e-9));
    const auto fc = tradecast::forecast::reapply_forecast(fit, y, 3, fo);
    const auto j = static_cast<std::size_t>(t.number(r, "step")) - 1;
    EXPECT_TRUE(near_rel(fc.values.mean.at(j), t.number(r, "mean"), 1e-9));
    EXPECT_TRUE(near_rel(fc.values.intervals.at(0).lower.at(j), t.number(r, "lo80"), 1e-9));
    EXPECT_TRUE(near_rel(fc.values.intervals.at(0).upper.at(j), t.number(r, "hi80"), 1e-9));
    EXPECT_TRUE(near_rel(fc.values.intervals.at(1).lower.at(j), t.number(r, "lo95"), 1e-9));
    EXPECT_TRUE(near_rel(fc.values.intervals.at(1).upper.at(j), t.number(r, "hi95"), 1e-9));
    ++checked;
  }
  EXPECT_EQ(checked, 15u);
}

// Hand case: ses with α and l fixed by hand (no estimation), re-applied to y = 10, 12, 11:
// l_t = l_{t−1} + α(y_t − l_{t−1}) with α = 0.5, l_0 = 10 → 10, 11, 11; residuals 0, 2, 0;
// forecast 11. par = {alpha, l}, so R's np = 2 + 1 = 3 and sigma2 = (0 + 4 + 0)/(3 − 3) is undefined
// (NaN); with one more point (y_4 = 13: residual 2, l = 12) sigma2 = 8 / (4 − 3) = 8.
TEST(EvalRolling, ReapplyEtsHandCase) {
  tradecast::forecast::ets_spec ann;
  ann.error = 'A', ann.trend = 'N', ann.season = 'N';
  tradecast::forecast::ets_fit f = tradecast::forecast::fit_ets(std::vector<double>{1, 2, 3, 4, 5, 6}, 1, ann);
  f.alpha = 0.5;
  f.initial_state = {10};
  f.par = {0.5, 10};
  const auto a = tradecast::forecast::reapply_ets(f, std::vector<double>{10, 12, 11});
  EXPECT_EQ(a.residuals, (std::vector<double>{0, 2, 0}));
  EXPECT_EQ(a.final_state, (std::vector<double>{11}));
  EXPECT_TRUE(std::isnan(a.sigma2));
  EXPECT_EQ(a.n_params, 3);
  const auto b = tradecast::forecast::reapply_ets(f, std::vector<double>{10, 12, 11, 13});
  EXPECT_EQ(b.final_state, (std::vector<double>{12}));
  EXPECT_DOUBLE_EQ(b.sigma2, 8);
  // R's lik: n log(Σe²) = 4 log 8; loglik = −0.5 · that; aic = lik + 2·3
  EXPECT_DOUBLE_EQ(b.loglik, -0.5 * 4 * std::log(8.0));
  EXPECT_DOUBLE_EQ(b.aic, 4 * std::log(8.0) + 6);
  EXPECT_EQ(b.status, tradecast::forecast::fit_status::converged);
  EXPECT_TRUE(b.candidates.empty());
}

TEST(EvalRolling, ReapplyEtsRejectsBadData) {
  tradecast::forecast::ets_spec mnn;
  mnn.error = 'M', mnn.trend = 'N', mnn.season = 'N';
  const auto f = tradecast::forecast::fit_ets(std::vector<double>{3, 4, 6, 5, 7, 8, 9, 8}, 1, mnn);
  auto what = [&](std::vector<double> y) {
    try {
      (void)tradecast::forecast::reapply_ets(f, y);
    } catch (const tradecast::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("(nothing thrown)");
  };
  EXPECT_NE(what({}).find("y is empty"), std::string::npos);
  EXPECT_NE(what({1, NAN}).find("reapply_ets: observation 2 is not finite"), std::string::npos);
  EXPECT_NE(what({1, 0, 2}).find("ETS(M,N,N) has a multiplicative component, which needs positive data, but observation 2 (0) "
                                 "is not positive"),
            std::string::npos);
  try {  // the index of the value, for a caller that can name it
    (void)tradecast::forecast::reapply_ets(f, std::vector<double>{1, 2, -3});
    ADD_FAILURE() << "nothing thrown";
  } catch (const tradecast::observation_error& e) {
    EXPECT_EQ(e.index(), 2u);
  }
}

// naive estimates nothing: with or without refitting the errors are the same (hand values in
// HandCaseWithStep); a first origin whose fit fails leaves the model to the next origin.
TEST(EvalRolling, WithoutRefitNaiveAndFirstFailure) {
  const std::vector<double> y = {5, 7, 6, 9, 11, 10, 13};
  rolling_options o;
  o.h = 2;
  o.step = 2;
  const auto a = rolling_origin(y, 1, parse_method("naive"), o);
  o.refit = false;
  const auto b = rolling_origin(y, 1, parse_method("naive"), o);
  EXPECT_EQ(b.errors[1][0], -1);
  for (std::size_t i = 0; i < y.size(); ++i)
    for (std::size_t j = 0; j < 2; ++j)
      if (!std::isnan(a.errors[i][j])) {
        EXPECT_EQ(a.errors[i][j], b.errors[i][j]);
      }
  // ets:AAA on quarterly data: up to 12 observations (n <= npars + 4) the fit is R's tiny-data
  // Holt-Winters smoothing (without a season before two full seasons), a fallback that is not kept…
  const std::vector<double> q = {10, 14.5, 8, 12, 11.5, 15, 9.2, 13, 12, 16.8, 10, 14.1, 13.4, 17, 11.9, 15, 14.6, 18.1, 12.2, 16.4};
  rolling_options h;
  h.h = 1;
  h.first_origin = 2;
  h.refit = false;
  const auto r = rolling_origin(q, 4, parse_method("ets:AAA"), h);
  std::size_t i = 0;
  for (; i < r.origins.size() && (r.origins[i].method != "ETS(A,A,A)" || r.origins[i].status == tradecast::forecast::fit_status::fell_back); ++i)
    EXPECT_TRUE(r.origins[i].failed || r.origins[i].status == tradecast::forecast::fit_status::fell_back)
        << "origin " << r.origins[i].origin << ": " << r.origins[i].method;
  ASSERT_LT(i, r.origins.size());
  EXPECT_GT(i, 0u);
  // …the first origin that estimates ETS(A,A,A) by likelihood (n = 13) provides the model every
  // later origin re-uses
  EXPECT_EQ(r.origins[i].origin, 13u);
  EXPECT_EQ(r.origins[i].status, tradecast::forecast::fit_status::converged);
  for (std::size_t k = i + 1; k < r.origins.size(); ++k) {
    EXPECT_FALSE(r.origins[k].failed) << r.origins[k].message;
    EXPECT_EQ(r.origins[k].method, "ETS(A,A,A)");
    EXPECT_NE(r.origins[k].message.find("re-used"), std::string::npos);
  }
}

// Origins run in parallel: one, two and four threads give the same origins bit for bit, with
// and without refitting (the model of refit = false comes from the same first origin).
TEST(EvalRolling, SameResultsForAnyThreadCount) {
  const auto& c = reuse_cases().at("UKgas_MAM");
  for (bool refit : {true, false}) {
    rolling_options o = reuse_options(c, refit);
    o.threads = 1;
    const auto one = rolling_origin(c.y, c.m, parse_method("ets"), o);
    for (int threads : {2, 4}) {
      o.threads = threads;
      const auto many = rolling_origin(c.y, c.m, parse_method("ets"), o);
      ASSERT_EQ(many.origins.size(), one.origins.size());
      for (std::size_t k = 0; k < one.origins.size(); ++k) {
        EXPECT_EQ(many.origins[k].origin, one.origins[k].origin);
        EXPECT_EQ(many.origins[k].method, one.origins[k].method);
        EXPECT_EQ(many.origins[k].values.mean, one.origins[k].values.mean) << "origin " << one.origins[k].origin;
      }
      EXPECT_EQ(many.notes, one.notes);
    }
  }
  rolling_options bad;
  bad.threads = -1;
  EXPECT_THROW((void)rolling_origin(c.y, c.m, parse_method("naive"), bad), tradecast::invalid_argument);
}

// Interval coverage per step, by hand: y = 1, 2, 3, 4, 5, 7, naive, origins 3, 4, 5. Every origin's
// training differences are 1 (sigma 1), so the step-1 bounds are f ± z: z = 0.6745 (50%), 1.2816
// (80%), 2.5758 (99%). Errors 1, 1, 2: the 50% interval never holds, 80% holds the first two
// (1 < 1.2816 < 2), 99% all three. Step 2 (origins 3 and 4; errors 2 and 3, se = sqrt 2):
// 80% half-width 1.81 holds neither, 99% half-width 3.64 holds both.
TEST(EvalRolling, IntervalCoveragePerStepByHand) {
  const std::vector<double> y = {1, 2, 3, 4, 5, 7};
  rolling_options o;
  o.h = 2;
  o.first_origin = 3;
  o.forecast.levels = {50, 80, 99};
  const auto r = rolling_origin(y, 1, parse_method("naive"), o);
  ASSERT_EQ(r.per_step.size(), 2u);
  const auto& s1 = r.per_step[0];
  ASSERT_EQ(s1.coverage.size(), 3u);
  EXPECT_EQ(s1.coverage_count, (std::vector<std::size_t>{3, 3, 3}));
  EXPECT_DOUBLE_EQ(s1.coverage[0], 0.0);
  EXPECT_DOUBLE_EQ(s1.coverage[1], 2.0 / 3);
  EXPECT_DOUBLE_EQ(s1.coverage[2], 1.0);
  const auto& s2 = r.per_step[1];
  EXPECT_EQ(s2.coverage_count, (std::vector<std::size_t>{2, 2, 2}));
  EXPECT_DOUBLE_EQ(s2.coverage[1], 0.0);
  EXPECT_DOUBLE_EQ(s2.coverage[2], 1.0);
  // Without levels there is no coverage.
  rolling_options plain = o;
  plain.forecast.levels.clear();
  EXPECT_TRUE(rolling_origin(y, 1, parse_method("naive"), plain).per_step[0].coverage.empty());
}

}  // namespace
