// SPDX-License-Identifier: MIT
// Box-Cox transformation, lambda selection and back-transformation (forecast/boxcox.hpp) against
// R 4.2.2 + forecast 8.20 (fixtures written by tests/forecast/data/generate_simple_reference.R).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "forecast/fixtures.hpp"
#include "tradecast/forecast/boxcox.hpp"
#include "tradecast/forecast/engine.hpp"
#include "tradecast/forecast/simple.hpp"

namespace {

using tradecast::forecast::back_transform;
using tradecast::forecast::box_cox;
using tradecast::forecast::box_cox_lambda;
using tradecast::forecast::box_cox_method;
using tradecast::forecast::fit_simple;
using tradecast::forecast::forecast_simple;
using tradecast::forecast::forecast_values;
using tradecast::forecast::inv_box_cox;
using tradecast::forecast::simple_method;
using tradecast::test::csv_table;
using tradecast::test::load_series;
using tradecast::test::test_data_path;

using tradecast::test::near_rel;
using tradecast::test::levels_80_95;

using tradecast::test::simple_reference_series;

// BoxCox(x, lambda) and InvBoxCox(x, lambda) for lambda in {-1, -0.5, 0, 0.3, 0.5, 1, 1.5, 2} and
// x in {-3, -0.5, 0, 0.25, 1, 2.5, 10, 400}, including R's NA (NaN here) and -Inf results.
TEST(BoxCox, TransformMatchesR) {
  const csv_table t(test_data_path("forecast/data/boxcox_ref_transform.csv"));
  ASSERT_EQ(t.size(), 64u);
  for (std::size_t r = 0; r < t.size(); ++r) {
    const double lambda = t.number(r, "lambda");
    const double x = t.number(r, "x");
    SCOPED_TRACE("lambda=" + t.text(r, "lambda") + " x=" + t.text(r, "x"));
    EXPECT_PRED3(near_rel, box_cox(x, lambda), t.number(r, "boxcox"), 1e-12);
    EXPECT_PRED3(near_rel, inv_box_cox(x, lambda), t.number(r, "invboxcox"), 1e-12);
  }
}

TEST(BoxCox, VectorFormsAndRoundTrip) {
  const auto& ap = simple_reference_series().at("AirPassengers").values;
  for (double lambda : {-0.7, 0.0, 0.3, 1.0, 1.8}) {
    const std::vector<double> z = box_cox(ap, lambda);
    const std::vector<double> back = inv_box_cox(z, lambda);
    ASSERT_EQ(back.size(), ap.size());
    for (std::size_t i = 0; i < ap.size(); ++i) EXPECT_NEAR(back[i], ap[i], 1e-9 * ap[i]);
  }
  // lambda = 1 is a shift by one; a negative value keeps its sign for lambda > 0 (R's sign(x)|x|^λ).
  EXPECT_DOUBLE_EQ(box_cox(5.0, 1.0), 4.0);
  EXPECT_DOUBLE_EQ(box_cox(-4.0, 0.5), (-2.0 - 1) / 0.5);
  EXPECT_DOUBLE_EQ(inv_box_cox(box_cox(-4.0, 0.5), 0.5), -4.0);
}

// BoxCox.lambda(y, method = "guerrero" | "loglik", lower, upper) on several series; guerrero
// follows R's optimize() path (agreement to 1e-8), loglik is R's 0.05 grid (exact).
TEST(BoxCox, LambdaMatchesR) {
  const csv_table t(test_data_path("forecast/data/boxcox_ref_lambda.csv"));
  ASSERT_EQ(t.size(), 19u);
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::string name = t.text(r, "case");
    const std::string method = t.text(r, "method");
    SCOPED_TRACE(name + " " + method + " [" + t.text(r, "lower") + ", " + t.text(r, "upper") + "]");
    const auto& s = simple_reference_series().at(name);
    const double lambda = box_cox_lambda(s.values, s.period(),
                                         method == "loglik" ? box_cox_method::loglik : box_cox_method::guerrero,
                                         t.number(r, "lower"), t.number(r, "upper"));
    EXPECT_NEAR(lambda, t.number(r, "lambda"), method == "loglik" ? 1e-12 : 1e-8);
  }
}

// Back-transformed forecasts; the R calls (h = 8, level = c(80, 95)) are
//   rwf(AirPassengers, drift = TRUE, lambda = 0.3, biasadj = TRUE)   and biasadj = FALSE
//   snaive(AirPassengers, lambda = -0.2, biasadj = TRUE)
//   meanf(Nile, lambda = 0.5, biasadj = TRUE)
//   naive(UKgas, lambda = 0, biasadj = TRUE)
//   rwf(WWWusage, drift = TRUE, lambda = 1.5, biasadj = TRUE)
// Here: box_cox → fit_simple → forecast_simple → back_transform; 1e-6 relative.
TEST(BoxCox, BiasAdjustedForecastsMatchR) {
  const csv_table t(test_data_path("forecast/data/boxcox_ref_forecast.csv"));
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t r = 0; r < t.size(); ++r)
    groups[t.text(r, "case") + "|" + t.text(r, "method") + "|" + t.text(r, "lambda") + "|" + t.text(r, "biasadj")]
        .push_back(r);
  ASSERT_EQ(groups.size(), 6u);
  const std::map<std::string, simple_method> methods = {{"drift", simple_method::drift},
                                                        {"snaive", simple_method::snaive},
                                                        {"mean", simple_method::mean},
                                                        {"naive", simple_method::naive}};
  for (const auto& [key, rows] : groups) {
    SCOPED_TRACE(key);
    const std::size_t r0 = rows.front();
    const auto& s = simple_reference_series().at(t.text(r0, "case"));
    const double lambda = t.number(r0, "lambda");
    const bool biasadj = t.text(r0, "biasadj") == "TRUE";
    const std::vector<double> z = box_cox(s.values, lambda);
    const auto fit = fit_simple(z, s.period(), methods.at(t.text(r0, "method")));
    const forecast_values out = back_transform(forecast_simple(fit, static_cast<int>(rows.size()), levels_80_95), lambda, biasadj);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const std::size_t r = rows[i];
      EXPECT_PRED3(near_rel, out.mean[i], t.number(r, "mean"), 1e-6) << "h=" << i + 1;
      EXPECT_PRED3(near_rel, out.intervals[0].lower[i], t.number(r, "lo80"), 1e-6) << "h=" << i + 1;
      EXPECT_PRED3(near_rel, out.intervals[0].upper[i], t.number(r, "hi80"), 1e-6) << "h=" << i + 1;
      EXPECT_PRED3(near_rel, out.intervals[1].lower[i], t.number(r, "lo95"), 1e-6) << "h=" << i + 1;
      EXPECT_PRED3(near_rel, out.intervals[1].upper[i], t.number(r, "hi95"), 1e-6) << "h=" << i + 1;
    }
  }
}

// The explicit-variance form equals the interval-based one (R's forecast.lagwalk passes se² as
// fvar; rwf(AirPassengers, drift = TRUE, lambda = 0.3, biasadj = TRUE)).
TEST(BoxCox, BiasAdjustmentWithExplicitVariance) {
  const auto& ap = simple_reference_series().at("AirPassengers").values;
  const std::vector<double> z = box_cox(ap, 0.3);
  const auto fit = fit_simple(z, 12, simple_method::drift);
  const auto fc = forecast_simple(fit, 8, levels_80_95);
  std::vector<double> fvar(8);
  for (std::size_t i = 0; i < 8; ++i) {
    const double k = static_cast<double>(i + 1);
    fvar[i] = fit.interval_mse * k + k * k * fit.drift_se * fit.drift_se;
  }
  const auto a = back_transform(fc, 0.3, true);
  const auto b = back_transform(fc, 0.3, true, fvar);
  const auto plain = back_transform(fc, 0.3, false);
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_NEAR(a.mean[i], b.mean[i], 1e-9 * a.mean[i]);
    EXPECT_GT(a.mean[i], plain.mean[i]);  // mean above median for lambda < 1
    EXPECT_EQ(a.intervals[1].lower[i], plain.intervals[1].lower[i]);
  }
  // lambda = 1: no adjustment at all
  const auto one = back_transform(fc, 1.0, true);
  for (std::size_t i = 0; i < 8; ++i) EXPECT_DOUBLE_EQ(one.mean[i], fc.mean[i] + 1);
}

TEST(BoxCox, InvalidArguments) {
  const auto& ap = simple_reference_series().at("AirPassengers").values;
  const auto& neg = simple_reference_series().at("negative20").values;
  // BoxCox.lambda(negative20, method = "loglik") stops: "x must be positive"
  EXPECT_THROW((void)box_cox_lambda(neg, 1, box_cox_method::loglik), tradecast::invalid_argument);
  EXPECT_THROW((void)box_cox_lambda(ap, 0), tradecast::invalid_argument);
  EXPECT_THROW((void)box_cox_lambda(std::vector<double>{}, 1), tradecast::invalid_argument);  // returned 1
  EXPECT_THROW((void)box_cox_lambda(ap, 12, box_cox_method::guerrero, 2, 1), tradecast::invalid_argument);
  // non-positive data raise lower to 0, which is above upper = -0.5
  EXPECT_THROW((void)box_cox_lambda(neg, 1, box_cox_method::guerrero, -1, -0.5), tradecast::invalid_argument);
  const std::vector<double> with_nan = {1, 2, std::numeric_limits<double>::quiet_NaN(), 4, 5, 6, 7};
  EXPECT_THROW((void)box_cox_lambda(with_nan, 1), tradecast::invalid_argument);
  // Short data (n <= 2m): no transformation, as R.
  const std::vector<double> short_y = {1, 5, 2, 8, 3, 9, 4, 12};
  EXPECT_EQ(box_cox_lambda(short_y, 4), 1.0);
  // biasadj needs the variance: from intervals, or given
  forecast_values no_intervals;
  no_intervals.mean = {1.0, 2.0};
  EXPECT_THROW((void)back_transform(no_intervals, 0.5, true), tradecast::invalid_argument);
  EXPECT_NO_THROW((void)back_transform(no_intervals, 0.5, false));
  const std::vector<double> one_var = {0.1};
  EXPECT_THROW((void)back_transform(no_intervals, 0.5, true, one_var), tradecast::invalid_argument);
}

// With λ < 0 the inverse maps (−∞, −1/λ) onto (0, ∞) and rises to +∞ at −1/λ, so an interval
// bound at or beyond −1/λ is unbounded: +∞ (R's InvBoxCox: NA). By hand, λ = −0.5 (−1/λ = 2):
// z = 1 gives (1 − 0.5)^(−2) = 4; z = 2 and z = 3 have no value (λz + 1 ≤ 0).
TEST(BoxCox, BoundBeyondTheInverseDomainIsInfinite) {
  EXPECT_DOUBLE_EQ(tradecast::forecast::inv_box_cox_bound(1, -0.5), 4);
  EXPECT_EQ(tradecast::forecast::inv_box_cox_bound(2, -0.5), std::numeric_limits<double>::infinity());
  EXPECT_EQ(tradecast::forecast::inv_box_cox_bound(3, -0.5), std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(inv_box_cox(3, -0.5)));  // a point forecast there has no value
  EXPECT_DOUBLE_EQ(tradecast::forecast::inv_box_cox_bound(3, 0.5), 6.25);  // λ > 0: (1.5)^2
  forecast_values fc;
  fc.mean = {1};
  fc.intervals.push_back({95, {0.5}, {3}});
  const forecast_values out = back_transform(fc, -0.5, false);
  EXPECT_DOUBLE_EQ(out.mean[0], 4);
  EXPECT_DOUBLE_EQ(out.intervals[0].lower[0], 1 / (0.75 * 0.75));
  EXPECT_EQ(out.intervals[0].upper[0], std::numeric_limits<double>::infinity());
}

// The engine keeps such a forecast and says which bounds are unbounded: forecast(ets(y, lambda =
// "auto"), h = 4) on 25 monthly values (tests/forecast/data/generate_unbounded_reference.R):
// ETS(A,N,N) with λ = −0.8999, the 95% upper bound NA in R at every step, everything else R's.
TEST(BoxCox, UpperBoundBeyondTheInverseDomainIsUnbounded) {
  const csv_table series(test_data_path("forecast/data/boxcox_ref_unbounded_series.csv"));
  const csv_table ref(test_data_path("forecast/data/boxcox_ref_unbounded.csv"));
  std::vector<double> y;
  for (std::size_t r = 0; r < series.size(); ++r) y.push_back(series.number(r, "value"));
  ASSERT_EQ(y.size(), 25u);
  ASSERT_EQ(ref.size(), 4u);
  tradecast::forecast::forecast_options opt;
  opt.lambda_auto = true;
  const auto r = tradecast::forecast::fit_forecast(y, 12, tradecast::forecast::parse_method("ets"), 4, opt);
  EXPECT_EQ(r.model.method, ref.text(0, "method"));
  EXPECT_EQ(r.model.status, tradecast::forecast::fit_status::converged);
  EXPECT_NE(r.model.status_message.find("the upper 95% bound at steps 1-4 is unbounded (+inf): on the Box-Cox scale "
                                        "(lambda = -0.899927) it lies beyond -1/lambda = 1.1112"),
            std::string::npos)
      << r.model.status_message;
  for (std::size_t i = 0; i < 4; ++i) {
    SCOPED_TRACE("h=" + std::to_string(i + 1));
    EXPECT_PRED3(near_rel, r.values.mean[i], ref.number(i, "mean"), 1e-6);
    EXPECT_PRED3(near_rel, r.values.intervals[0].lower[i], ref.number(i, "lo80"), 1e-6);
    EXPECT_PRED3(near_rel, r.values.intervals[0].upper[i], ref.number(i, "hi80"), 1e-6);
    EXPECT_PRED3(near_rel, r.values.intervals[1].lower[i], ref.number(i, "lo95"), 1e-6);
    EXPECT_TRUE(std::isnan(ref.number(i, "hi95")));  // R: NA
    EXPECT_EQ(r.values.intervals[1].upper[i], std::numeric_limits<double>::infinity());
  }
}

// A point forecast beyond −1/λ has no value: the fit fails and says why. By hand, y = 1, 2, 4, …,
// 64 and λ = −0.5: z = 2(1 − y^−0.5) runs from 0 to 1.75, the drift is 1.75/6, so the forecast
// z = 1.75 + k·0.2917 ≥ 2.04 > −1/λ = 2 at every step (R: rwf(y, drift = TRUE, lambda = -0.5)
// gives NA means).
TEST(BoxCox, PointForecastBeyondTheInverseDomainFailsSayingWhy) {
  const std::vector<double> y = {1, 2, 4, 8, 16, 32, 64};
  tradecast::forecast::forecast_options opt;
  opt.lambda = -0.5;
  const auto r = tradecast::forecast::fit_forecast(y, 1, tradecast::forecast::parse_method("drift"), 5, opt);
  EXPECT_EQ(r.model.status, tradecast::forecast::fit_status::failed);
  EXPECT_TRUE(std::isnan(r.values.mean[0]));
  EXPECT_NE(r.model.status_message.find("the point forecast at steps 1-5 lies beyond -1/lambda = 2 on the Box-Cox scale "
                                        "(lambda = -0.5), where the inverse transformation has no value"),
            std::string::npos)
      << r.model.status_message;
  // The lower bounds z_k − q·se_k (rwf's se_k = σ·sqrt(k(1 + k/6)), σ² = 0.1652/5 from the
  // differences' residuals) cross 2 from step 3 on at 80% (2.625 − 1.2816·0.3857 = 2.131) and at
  // step 5 at 95% (3.208 − 1.96·0.5505 = 2.129; step 4: 2.917 − 1.96·0.4694 = 1.997).
  EXPECT_NE(r.model.status_message.find("the lower 80% bound at steps 3-5, the upper 80% bound at steps 1-5, the lower 95% "
                                        "bound at step 5, the upper 95% bound at steps 1-5 are unbounded"),
            std::string::npos)
      << r.model.status_message;
}

// Whether the series is constant (R's shortcut for automatic ETS: SES with alpha = 0.99999, no
// likelihood) is decided on the data, before the transformation, as R's ets() does: 24 annual
// values near 1e-7 with lambda = 2 all transform to -0.5 + ~5e-15, constant to R's is.constant,
// yet R selects ETS(A,A,N) by likelihood (tests/forecast/data/generate_unbounded_reference.R:
// forecast(ets(y, lambda = 2), h = 3)). On that scale the inverse sqrt(1 + 2z) resolves y only in
// relative steps of about 0.4% (1 + 2z ~ 1.5e-14 in steps of 1.1e-16), so the forecasts can sit
// one or two such steps from R's: checked to 1%.
TEST(BoxCox, ConstantSeriesIsJudgedBeforeTheTransformation) {
  const csv_table ref(test_data_path("forecast/data/boxcox_ref_tiny_scale.csv"));
  ASSERT_EQ(ref.size(), 24u);
  std::vector<double> y;
  for (std::size_t r = 0; r < ref.size(); ++r) y.push_back(ref.number(r, "value"));
  tradecast::forecast::forecast_options opt;
  opt.lambda = ref.number(0, "lambda");
  const auto r = tradecast::forecast::fit_forecast(y, 1, tradecast::forecast::parse_method("ets"), 3, opt);
  EXPECT_EQ(r.model.method, ref.text(0, "method"));  // ETS(A,A,N), not "Simple exponential smoothing"
  EXPECT_EQ(r.model.status_message.find("constant series"), std::string::npos) << r.model.status_message;
  EXPECT_GE(r.model.loglik, ref.number(0, "loglik") * (1 - 1e-3));
  for (std::size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE("h=" + std::to_string(i + 1));
    EXPECT_PRED3(near_rel, r.values.mean[i], ref.number(i, "mean"), 1e-2);
    EXPECT_PRED3(near_rel, r.values.intervals[1].lower[i], ref.number(i, "lo95"), 1e-2);
    EXPECT_PRED3(near_rel, r.values.intervals[1].upper[i], ref.number(i, "hi95"), 1e-2);
  }
  // A series that is constant before the transformation still takes the shortcut.
  const std::vector<double> flat(24, 3.0);
  const auto c = tradecast::forecast::fit_forecast(flat, 1, tradecast::forecast::parse_method("ets"), 3, opt);
  EXPECT_EQ(c.model.method, "Simple exponential smoothing");
  EXPECT_DOUBLE_EQ(c.values.mean[0], 3.0);
}

// R's bias adjustment b·(1 + v(1 − λ)/(2·b^(2λ))) raises the back-transformed forecast b to the
// power 2λ: undefined for a negative b unless 2λ is an integer (R gives NA). By hand: naive on
// y = −3, …, −7 with λ = 1.25 forecasts b = −7 (the signed Box-Cox transformation of negative
// data, as R's BoxCox for λ > 0, transforms back to the last value), and (−7)^2.5 has no value.
// The failure says that, not that the inverse overflowed; without biasadj the forecast is −7.
TEST(BoxCox, BiasAdjustmentOfANegativeForecastFailsSayingWhy) {
  const std::vector<double> y = {-3, -4, -5, -4, -6, -5, -7, -6, -8, -7};
  tradecast::forecast::forecast_options opt;
  opt.lambda = 1.25;
  const auto plain = tradecast::forecast::fit_forecast(y, 1, tradecast::forecast::parse_method("naive"), 2, opt);
  EXPECT_EQ(plain.model.status, tradecast::forecast::fit_status::converged) << plain.model.status_message;
  EXPECT_NEAR(plain.values.mean[0], -7.0, 1e-12);
  opt.biasadj = true;
  const auto adj = tradecast::forecast::fit_forecast(y, 1, tradecast::forecast::parse_method("naive"), 2, opt);
  EXPECT_EQ(adj.model.status, tradecast::forecast::fit_status::failed);
  EXPECT_NE(adj.model.status_message.find("the point forecast at steps 1-2 has no value on the data's scale: the "
                                          "bias-adjusted mean (biasadj) raises the back-transformed forecast to the power "
                                          "2*lambda, which is undefined where that forecast is negative (R gives NA)"),
            std::string::npos)
      << adj.model.status_message;
}

// λ > 0 can overflow too: six zeros among 9 values raise Guerrero's lower limit to 0, λ lands at
// 4.1e-5, and the inverse power 1/λ = 24377 of the upper bounds exceeds double precision. R's
// ses(y, h = 3, lambda = "auto") gives Inf upper bounds and keeps the forecast (0, lower bounds
// −0); so does tradecast, saying so (tests/forecast/data/generate_unbounded_reference.R).
TEST(BoxCox, UpperBoundBeyondDoublePrecision) {
  const csv_table ref(test_data_path("forecast/data/boxcox_ref_unbounded_zeros.csv"));
  ASSERT_EQ(ref.size(), 3u);
  const std::vector<double> y = {0.8243892055826681, 0, 0.4906544000282228, 0.36952233623563757, 0, 0.5339859686670293, 0, 0, 0};
  tradecast::forecast::forecast_options opt;
  opt.lambda_auto = true;
  const auto r = tradecast::forecast::fit_forecast(y, 1, tradecast::forecast::parse_method("ses"), 3, opt);
  EXPECT_EQ(r.model.status, tradecast::forecast::fit_status::converged);
  EXPECT_NE(r.model.status_message.find("the upper 80% bound at steps 1-3, the upper 95% bound at steps 1-3 are unbounded "
                                        "(inf): the inverse Box-Cox transformation (lambda = 4.10226e-05)"),
            std::string::npos)
      << r.model.status_message;
  ASSERT_EQ(r.model.parameters.back().first, "lambda");
  EXPECT_PRED3(near_rel, r.model.parameters.back().second, ref.number(0, "lambda"), 1e-6);
  for (std::size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE("h=" + std::to_string(i + 1));
    EXPECT_NEAR(r.values.mean[i], ref.number(i, "mean"), 1e-12);
    EXPECT_NEAR(r.values.intervals[0].lower[i], ref.number(i, "lo80"), 1e-12);
    EXPECT_NEAR(r.values.intervals[1].lower[i], ref.number(i, "lo95"), 1e-12);
    EXPECT_EQ(ref.number(i, "hi80"), std::numeric_limits<double>::infinity());  // R: Inf
    EXPECT_EQ(r.values.intervals[0].upper[i], std::numeric_limits<double>::infinity());
    EXPECT_EQ(r.values.intervals[1].upper[i], std::numeric_limits<double>::infinity());
  }
}

}  // namespace
