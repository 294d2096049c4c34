// SPDX-License-Identifier: MIT
// Simple benchmark methods (forecast/simple.hpp) against R 4.2.2 + forecast 8.20. The fixtures are
// written by tests/forecast/data/generate_simple_reference.R; per method the R call is
//   mean      meanf(y, h = 8, level = c(80, 95))
//   naive     naive(y, h = 8, level = c(80, 95))
//   snaive    snaive(y, h = 8, level = c(80, 95))
//   drift     rwf(y, h = 8, drift = TRUE, level = c(80, 95))
//   trend     forecast(tslm(y ~ trend), h = 8, level = c(80, 95))
//   logtrend  forecast(tslm(y ~ trend, lambda = 0), h = 8, level = c(80, 95))
//   cagr      rwf(y, h = 8, drift = TRUE, lambda = 0, level = c(80, 95))
// on AirPassengers, Nile, WWWusage, UKgas, USAccDeaths, lynx, an 8-point quarterly series, a
// series with negative values (not logtrend/cagr) and a constant series.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "forecast/fixtures.hpp"
#include "tradecast/forecast/simple.hpp"

namespace {

using tradecast::forecast::fit_simple;
using tradecast::forecast::forecast_simple;
using tradecast::forecast::simple_fit;
using tradecast::forecast::simple_method;
using tradecast::forecast::to_model_info;
using tradecast::test::csv_table;
using tradecast::test::load_series;
using tradecast::test::test_data_path;

using tradecast::test::levels_80_95;

simple_method parse_method(const std::string& s) {
  static const std::map<std::string, simple_method> names = {
      {"mean", simple_method::mean},   {"naive", simple_method::naive}, {"snaive", simple_method::snaive},
      {"drift", simple_method::drift}, {"trend", simple_method::trend}, {"logtrend", simple_method::logtrend},
      {"cagr", simple_method::cagr}};
  return names.at(s);
}

// 1e-6 relative; values below 1 in magnitude are compared absolutely (means of the series with
// negative values cross zero; the constant series' regression residuals are rounding noise).
using tradecast::test::near_rel;
bool close6(double actual, double expected) { return near_rel(actual, expected, 1e-6); }

using tradecast::test::simple_reference_series;

// Every method on every fixture series: point forecasts and 80/95 % bounds for h = 1..8
// (R calls listed at the top of this file), 1e-6 relative.
TEST(SimpleMethods, ForecastsMatchR) {
  const csv_table fc(test_data_path("forecast/data/simple_ref_forecast.csv"));
  ASSERT_GT(fc.size(), 400u);
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> groups;
  for (std::size_t r = 0; r < fc.size(); ++r) groups[{fc.text(r, "case"), fc.text(r, "method")}].push_back(r);
  EXPECT_EQ(groups.size(), 61u);
  for (const auto& [key, rows] : groups) {
    const auto& [name, method] = key;
    const auto& s = simple_reference_series().at(name);
    const simple_fit fit = fit_simple(s.values, s.period(), parse_method(method));
    const auto out = forecast_simple(fit, static_cast<int>(rows.size()), levels_80_95);
    ASSERT_EQ(out.mean.size(), rows.size());
    ASSERT_EQ(out.intervals.size(), 2u);
    EXPECT_EQ(out.intervals[0].level, 80);
    EXPECT_EQ(out.intervals[1].level, 95);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const std::size_t r = rows[i];
      SCOPED_TRACE(name + " " + method + " h=" + std::to_string(i + 1));
      EXPECT_PRED2(close6, out.mean[i], fc.number(r, "mean"));
      EXPECT_PRED2(close6, out.intervals[0].lower[i], fc.number(r, "lo80"));
      EXPECT_PRED2(close6, out.intervals[0].upper[i], fc.number(r, "hi80"));
      EXPECT_PRED2(close6, out.intervals[1].lower[i], fc.number(r, "lo95"));
      EXPECT_PRED2(close6, out.intervals[1].upper[i], fc.number(r, "hi95"));
    }
  }
}

// Estimates as R reports them (1e-6 relative): meanf()$model$sd², rwf()/naive()/snaive()
// $model$sigma2, $model$par$drift and drift.se, coef(tslm(...)), summary(tslm(...))$sigma²,
// logLik(), AIC(), BIC() (log scale for logtrend, as R's tslm(lambda = 0)). The constant
// series' regression has R's rounding-noise RSS (~1e-30), so its likelihood is not compared.
TEST(SimpleMethods, EstimatesMatchR) {
  const csv_table fits(test_data_path("forecast/data/simple_ref_fit.csv"));
  ASSERT_EQ(fits.size(), 61u);
  for (std::size_t r = 0; r < fits.size(); ++r) {
    const std::string name = fits.text(r, "case");
    const std::string method = fits.text(r, "method");
    SCOPED_TRACE(name + " " + method);
    const auto& s = simple_reference_series().at(name);
    const simple_fit fit = fit_simple(s.values, s.period(), parse_method(method));
    const auto info = to_model_info(fit);
    if (method != "logtrend" && method != "cagr") {
      EXPECT_EQ(info.method, fits.text(r, "rmethod"));
    }
    EXPECT_PRED2(close6, info.sigma2, fits.number(r, "sigma2"));
    if (!std::isnan(fits.number(r, "drift"))) {
      EXPECT_PRED2(close6, fit.drift, fits.number(r, "drift"));
      EXPECT_PRED2(close6, fit.drift_se, fits.number(r, "drift_se"));
    }
    if (method == "trend" || method == "logtrend") {
      EXPECT_PRED2(close6, fit.intercept, fits.number(r, "intercept"));
      EXPECT_PRED2(close6, fit.slope, fits.number(r, "slope"));
      if (name != "constant12") {
        EXPECT_PRED2(close6, info.loglik, fits.number(r, "loglik"));
        EXPECT_PRED2(close6, info.aic, fits.number(r, "aic"));
        EXPECT_PRED2(close6, info.bic, fits.number(r, "bic"));
      }
    } else {
      EXPECT_TRUE(std::isnan(info.loglik));
    }
  }
}

// fitted(fc) and residuals(fc) of the R calls above (fitted on the data scale, residuals on the
// model's scale), 1e-9 relative to max(1, |value|); NaN where R has NA.
TEST(SimpleMethods, FittedAndResidualsMatchR) {
  const csv_table fr(test_data_path("forecast/data/simple_ref_fitted.csv"));
  std::map<std::pair<std::string, std::string>, simple_fit> fits;
  for (std::size_t r = 0; r < fr.size(); ++r) {
    const std::string name = fr.text(r, "case");
    const std::string method = fr.text(r, "method");
    auto it = fits.find({name, method});
    if (it == fits.end()) {
      const auto& s = simple_reference_series().at(name);
      it = fits.emplace(std::pair{name, method}, fit_simple(s.values, s.period(), parse_method(method))).first;
    }
    const auto i = static_cast<std::size_t>(fr.number(r, "index")) - 1;
    SCOPED_TRACE(name + " " + method + " t=" + std::to_string(i + 1));
    ASSERT_LT(i, it->second.fitted.size());
    EXPECT_PRED3(near_rel, it->second.fitted[i], fr.number(r, "fitted"), 1e-9);
    EXPECT_PRED3(near_rel, it->second.residuals[i], fr.number(r, "residual"), 1e-9);
  }
  EXPECT_EQ(fits.size(), 61u);
}

// Parameters reported through model_info.
TEST(SimpleMethods, ModelInfoParameters) {
  const auto& ap = simple_reference_series().at("AirPassengers").values;
  // rwf(AirPassengers, drift = TRUE)$model$par: drift 2.237762, drift.se 2.822675
  const auto drift = to_model_info(fit_simple(ap, 12, simple_method::drift));
  ASSERT_EQ(drift.parameters.size(), 2u);
  EXPECT_EQ(drift.parameters[0].first, "drift");
  EXPECT_NEAR(drift.parameters[0].second, 2.23776223776224, 1e-12);
  EXPECT_EQ(drift.parameters[1].first, "drift.se");
  EXPECT_EQ(drift.fitted.size(), ap.size());
  EXPECT_TRUE(std::isnan(drift.fitted[0]));
  // CAGR: growth per period = exp(drift) − 1 with drift = log(432/112)/143
  const auto cagr = to_model_info(fit_simple(ap, 12, simple_method::cagr));
  ASSERT_EQ(cagr.parameters.size(), 3u);
  EXPECT_EQ(cagr.parameters[2].first, "growth");
  EXPECT_NEAR(cagr.parameters[2].second, std::pow(432.0 / 112.0, 1.0 / 143.0) - 1, 1e-14);
  EXPECT_EQ(cagr.method, "CAGR extrapolation");
  // meanf(AirPassengers)$model: mu 280.2986, mu.se = sd/sqrt(144)
  const auto mean = to_model_info(fit_simple(ap, 12, simple_method::mean));
  ASSERT_EQ(mean.parameters.size(), 3u);
  EXPECT_NEAR(mean.parameters[0].second, 280.298611111111, 1e-9);
  EXPECT_NEAR(mean.parameters[1].second, mean.parameters[2].second / 12, 1e-12);
  const auto trend = to_model_info(fit_simple(ap, 12, simple_method::trend));
  ASSERT_EQ(trend.parameters.size(), 2u);
  EXPECT_EQ(trend.parameters[0].first, "(Intercept)");
  EXPECT_EQ(trend.parameters[1].first, "trend");
  EXPECT_TRUE(std::isfinite(trend.aicc));
  EXPECT_EQ(trend.status, tradecast::forecast::fit_status::converged);
}

// snaive with m = 1 is naive; seasonal forecasts repeat the last season.
TEST(SimpleMethods, SeasonalNaiveStructure) {
  const auto& nile = simple_reference_series().at("Nile").values;
  const auto a = forecast_simple(fit_simple(nile, 1, simple_method::snaive), 5, levels_80_95);
  const auto b = forecast_simple(fit_simple(nile, 1, simple_method::naive), 5, levels_80_95);
  EXPECT_EQ(a.mean, b.mean);
  EXPECT_EQ(a.intervals[1].upper, b.intervals[1].upper);
  const std::vector<double> y = {1, 2, 3, 4, 2, 3, 4, 6};
  const auto f = forecast_simple(fit_simple(y, 4, simple_method::snaive), 9, levels_80_95);
  EXPECT_EQ(f.mean, (std::vector<double>{2, 3, 4, 6, 2, 3, 4, 6, 2}));
  // residuals 1, 1, 1, 2: sigma² = 7/4; step 5 has two full periods
  EXPECT_NEAR(f.intervals[1].upper[4] - f.mean[4], 1.959963984540054 * std::sqrt(7.0 / 4 * 2), 1e-12);
}

// Constant series: every method forecasts the constant with (numerically) zero-width intervals.
TEST(SimpleMethods, ConstantSeries) {
  const std::vector<double> y(10, 7.5);
  for (auto method : {simple_method::mean, simple_method::naive, simple_method::snaive, simple_method::drift,
                      simple_method::trend, simple_method::logtrend, simple_method::cagr}) {
    SCOPED_TRACE(std::string(to_string(method)));
    const auto f = forecast_simple(fit_simple(y, 4, method), 6, levels_80_95);
    for (std::size_t i = 0; i < 6; ++i) {
      EXPECT_NEAR(f.mean[i], 7.5, 1e-12);
      EXPECT_NEAR(f.intervals[1].lower[i], 7.5, 1e-9);
      EXPECT_NEAR(f.intervals[1].upper[i], 7.5, 1e-9);
    }
  }
}

// Minimum lengths: 2 for mean and naive, m + 1 for snaive, 3 for drift, cagr, trend, logtrend.
TEST(SimpleMethods, ShortSeriesAreRejected) {
  const std::vector<double> one = {5};
  const std::vector<double> two = {5, 6};
  const std::vector<double> four = {5, 6, 7, 8};
  EXPECT_THROW((void)fit_simple(std::span<const double>{}, 1, simple_method::mean), tradecast::invalid_argument);
  EXPECT_THROW((void)fit_simple(one, 1, simple_method::mean), tradecast::invalid_argument);
  EXPECT_THROW((void)fit_simple(one, 1, simple_method::naive), tradecast::invalid_argument);
  EXPECT_NO_THROW((void)fit_simple(two, 1, simple_method::mean));
  EXPECT_NO_THROW((void)fit_simple(two, 1, simple_method::naive));
  for (auto method : {simple_method::drift, simple_method::cagr, simple_method::trend, simple_method::logtrend}) {
    EXPECT_THROW((void)fit_simple(two, 1, method), tradecast::invalid_argument);
    EXPECT_NO_THROW((void)fit_simple(std::span<const double>(four).first(3), 1, method));
  }
  EXPECT_THROW((void)fit_simple(four, 4, simple_method::snaive), tradecast::invalid_argument);
  EXPECT_THROW((void)fit_simple(two, 4, simple_method::snaive), tradecast::invalid_argument);
  EXPECT_NO_THROW((void)fit_simple(four, 3, simple_method::snaive));
  try {
    (void)fit_simple(two, 1, simple_method::drift);
    FAIL() << "expected invalid_argument";
  } catch (const tradecast::invalid_argument& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("drift"), std::string::npos) << msg;
    EXPECT_NE(msg.find("at least 3"), std::string::npos) << msg;
  }
}

TEST(SimpleMethods, InvalidArguments) {
  const std::vector<double> y = {3, 4, 5, 6, 7};
  const std::vector<double> with_zero = {3, 4, 0, 6, 7};
  const std::vector<double> with_negative = {3, -4, 5, 6, 7};
  for (auto method : {simple_method::logtrend, simple_method::cagr}) {
    for (const auto* data : {&with_zero, &with_negative}) {
      try {
        (void)fit_simple(*data, 1, method);
        FAIL() << "expected invalid_argument";
      } catch (const tradecast::invalid_argument& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("observation "), std::string::npos) << msg;
        EXPECT_NE(msg.find("not positive"), std::string::npos) << msg;
      }
    }
  }
  // Zeros and negatives are fine for the other methods.
  for (auto method : {simple_method::mean, simple_method::naive, simple_method::drift, simple_method::trend})
    EXPECT_NO_THROW((void)fit_simple(with_negative, 1, method));
  const std::vector<double> with_nan = {3, 4, std::nan(""), 6};
  EXPECT_THROW((void)fit_simple(with_nan, 1, simple_method::mean), tradecast::invalid_argument);
  const std::vector<double> with_inf = {3, 4, HUGE_VAL, 6};
  EXPECT_THROW((void)fit_simple(with_inf, 1, simple_method::naive), tradecast::invalid_argument);
  EXPECT_THROW((void)fit_simple(y, 0, simple_method::snaive), tradecast::invalid_argument);
  const simple_fit fit = fit_simple(y, 1, simple_method::naive);
  EXPECT_THROW((void)forecast_simple(fit, 0, levels_80_95), tradecast::invalid_argument);
  const double bad_levels[] = {80, 100};
  EXPECT_THROW((void)forecast_simple(fit, 3, bad_levels), tradecast::invalid_argument);
  const double zero_level[] = {0};
  EXPECT_THROW((void)forecast_simple(fit, 3, zero_level), tradecast::invalid_argument);
  // No levels: point forecasts only.
  const auto f = forecast_simple(fit, 3, std::span<const double>{});
  EXPECT_EQ(f.mean, (std::vector<double>{7, 7, 7}));
  EXPECT_TRUE(f.intervals.empty());
}

// rwf(y, drift = TRUE) where the mean difference is mathematically 0 (first value = last): R
// divides the residual sum of squares by N − (drift != 0), and its drift is lm()'s intercept,
// exactly 0 for some such series and a rounding residue for others. tradecast reproduces that
// intercept bit for bit (r_lm_intercept) and so R's divisor. By hand: 1, 2, 1 has differences
// 1, −1, drift exactly 0, SS 2 over N = 2; 1, 2, 1, 1 has 1, −1, 0, drift −6.4e-17 in R, SS 2 over
// N − 1 = 2; M3 Monthly N1609, N1661, N1903 have residues of 1e-15 to 6e-14
// (tests/forecast/data/generate_zero_drift_reference.R).
TEST(SimpleMethods, ZeroDriftDecidedAsRsLm) {
  const csv_table t(test_data_path("forecast/data/zero_drift_ref.csv"));
  ASSERT_EQ(t.size(), 15u);
  std::map<std::string, std::vector<std::size_t>> cases;
  for (std::size_t r = 0; r < t.size(); ++r) cases[t.text(r, "case")].push_back(r);
  ASSERT_EQ(cases.size(), 5u);
  for (const auto& [name, rows] : cases) {
    SCOPED_TRACE(name);
    std::vector<double> y;
    std::string values = t.text(rows.front(), "values");
    for (std::size_t at = 0; at <= values.size();) {
      const std::size_t end = std::min(values.find(';', at), values.size());
      y.push_back(std::stod(values.substr(at, end - at)));
      at = end + 1;
    }
    std::vector<double> d(y.size() - 1);
    for (std::size_t i = 1; i < y.size(); ++i) d[i - 1] = y[i] - y[i - 1];
    EXPECT_EQ(tradecast::forecast::detail::r_lm_intercept(d), t.number(rows.front(), "drift"));  // to the last bit
    const simple_fit fit = fit_simple(y, 1, simple_method::drift);
    const std::vector<double> level95 = {95};
    const auto fc = forecast_simple(fit, 3, level95);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      EXPECT_PRED3(near_rel, fc.mean[i], t.number(rows[i], "mean"), 1e-12);
      EXPECT_PRED3(near_rel, fc.intervals[0].lower[i], t.number(rows[i], "lo95"), 1e-12) << "h=" << i + 1;
      EXPECT_PRED3(near_rel, fc.intervals[0].upper[i], t.number(rows[i], "hi95"), 1e-12) << "h=" << i + 1;
    }
  }
  // The two hand cases: lo95 at h = 1 is 1 − 1.959964·sqrt(1 + 1) (exact 0: SS 2 / 2, drift se 1)
  // and 1 − 1.959964·sqrt(1 + 1/3) (residue: SS 2 / 2, drift se 1/sqrt(3)).
  EXPECT_NEAR(t.number(cases.at("hand_exact").front(), "lo95"), 1 - 1.959963984540054 * std::sqrt(2.0), 1e-12);
  EXPECT_NEAR(t.number(cases.at("hand_residue").front(), "lo95"), 1 - 1.959963984540054 * std::sqrt(4.0 / 3), 1e-12);
}

}  // namespace
