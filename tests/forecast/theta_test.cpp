// SPDX-License-Identifier: MIT
// Theta method (forecast/theta.hpp) and seasonality test/adjustment (forecast/seasonality.hpp)
// against R 4.2.2 + forecast 8.20. Reference values: tests/forecast/data/theta_ref_*.csv, written
// by tests/forecast/data/generate_theta_reference.R (the tests never call R).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "forecast/fixtures.hpp"
#include "tradecast/error.hpp"
#include "tradecast/forecast/seasonality.hpp"
#include "tradecast/forecast/theta.hpp"

namespace {

using tradecast::invalid_argument;
using tradecast::forecast::fit_status;
using tradecast::forecast::fit_theta;
using tradecast::forecast::forecast_theta;
using tradecast::forecast::seasonality_options;
using tradecast::forecast::seasonally_adjust;
using tradecast::forecast::test_seasonality;
using tradecast::forecast::theta_fit;
using tradecast::forecast::theta_spec;
using tradecast::forecast::to_model_info;
using tradecast::test::csv_table;
using tradecast::test::fixture_series;
using tradecast::test::rel_diff;
using tradecast::test::test_data_path;

using tradecast::test::levels_80_95;

// Tolerances (relative). Forecasts and bounds are required within 1e-4; on x86-64 without FMA
// (tradecast::test::exact_fp) the SES fit follows R's Nelder-Mead path evaluation for evaluation
// and everything agrees to ~1e-14 (the fixtures hold 15 significant digits), so 1e-9 is asked
// there. Elsewhere the optimiser may stop at a slightly different point: 1e-5.
constexpr double kForecastTol = tradecast::test::exact_fp ? 1e-9 : 1e-5;
constexpr double kParamTol = tradecast::test::exact_fp ? 1e-9 : 1e-5;
constexpr double kExactTol = 1e-10;  // closed-form quantities (test statistic, drift, adjustment)

// One reference case: the R call whose output the fixture rows hold.
struct reference_case {
  const char* name;
  const char* r_call;
};
// How GoogleTest (and so ctest's test list) prints a case: its name, not the struct's bytes.
[[maybe_unused]] void PrintTo(const reference_case& c, std::ostream* os) { *os << c.name; }

// R calls as made by generate_theta_reference.R (y = the series in theta_ref_series.csv, as a ts
// with the fixture's frequency; h as in theta_ref_fit.csv).
constexpr std::array<reference_case, 15> kCases{{
    {"AirPassengers", "thetaf(AirPassengers, h = 24, level = c(80, 95))"},
    {"UKgas", "thetaf(UKgas, h = 8, level = c(80, 95))"},
    {"USAccDeaths", "thetaf(USAccDeaths, h = 24, level = c(80, 95))"},
    {"Nile", "thetaf(Nile, h = 10, level = c(80, 95))"},
    {"WWWusage", "thetaf(WWWusage, h = 10, level = c(80, 95))"},
    {"ukgas10", "thetaf(ts(UKgas[1:10], frequency = 4), h = 8, level = c(80, 95))"},
    {"ukgas8", "thetaf(ts(UKgas[1:8], frequency = 4), h = 4, level = c(80, 95))"},
    {"nile8", "thetaf(ts(Nile[1:8]), h = 5, level = c(80, 95))"},
    {"M3_N0100", "thetaf(ts(<M3 yearly N0100>), h = 6, level = c(80, 95))"},
    {"M3_N0700", "thetaf(ts(<M3 quarterly N0700>, frequency = 4), h = 8, level = c(80, 95))"},
    {"M3_N0750", "thetaf(ts(<M3 quarterly N0750>, frequency = 4), h = 8, level = c(80, 95))"},
    {"M3_N1500", "thetaf(ts(<M3 monthly N1500>, frequency = 12), h = 18, level = c(80, 95))"},
    {"M3_N2500", "thetaf(ts(<M3 monthly N2500>, frequency = 12), h = 18, level = c(80, 95))"},
    // R bug (see theta.hpp): the corrected reference is thetaf on the same values, frequency 1.
    {"zero_quarter", "thetaf(ts(<zero_quarter>, frequency = 1), h = 8, level = c(80, 95))"},
    // thetaf cannot fix alpha; the script applies thetaf's steps to ses(Nile, alpha = 0.2).
    {"Nile_alpha02", "ses(Nile, h = 10, alpha = 0.2) + lsfit drift, as thetaf"},
}};

struct reference_data {
  std::map<std::string, fixture_series> series;
  csv_table fit, forecast, insample;
};

const reference_data& data() {
  static const reference_data d = [] {
    reference_data r;
    r.series = tradecast::test::load_series(test_data_path("forecast/data/theta_ref_series.csv"));
    r.fit = csv_table(test_data_path("forecast/data/theta_ref_fit.csv"));
    r.forecast = csv_table(test_data_path("forecast/data/theta_ref_forecast.csv"));
    r.insample = csv_table(test_data_path("forecast/data/theta_ref_insample.csv"));
    return r;
  }();
  return d;
}

std::size_t fit_row(const std::string& name) {
  const csv_table& t = data().fit;
  for (std::size_t r = 0; r < t.size(); ++r)
    if (t.text(r, "case") == name) return r;
  throw std::runtime_error("no fit row for case " + name);
}

std::vector<std::size_t> rows_of(const csv_table& t, const std::string& name) {
  std::vector<std::size_t> out;
  for (std::size_t r = 0; r < t.size(); ++r)
    if (t.text(r, "case") == name) out.push_back(r);
  return out;
}

void expect_rel(double actual, double expected, double tol, const std::string& what) {
  if (std::fabs(expected) < 1e-9) {
    EXPECT_NEAR(actual, expected, 1e-9) << what;
  } else {
    EXPECT_LE(rel_diff(actual, expected), tol) << what << ": " << actual << " vs R " << expected;
  }
}

class ThetaReference : public ::testing::TestWithParam<reference_case> {};

TEST_P(ThetaReference, MatchesR) {
  const reference_case& c = GetParam();
  SCOPED_TRACE(std::string("R: ") + c.r_call);
  const fixture_series& s = data().series.at(c.name);
  const csv_table& ft = data().fit;
  const std::size_t fr = fit_row(c.name);
  const int h = static_cast<int>(ft.number(fr, "h"));
  theta_spec spec;
  if (std::string(c.name) == "Nile_alpha02") spec.alpha = 0.2;  // R: ses(Nile, alpha = 0.2)
  const theta_fit fit = fit_theta(s.values, s.period(), spec);

  // Seasonal decision: thetaf's `seasonal` (abs(r[m])/stat > qnorm(0.95)); R: season_stat(y).
  EXPECT_EQ(fit.season.test.seasonal, ft.text(fr, "seasonal") == "TRUE");
  EXPECT_EQ(fit.season.adjusted, ft.text(fr, "adjusted") == "TRUE");
  const double stat = ft.number(fr, "statistic");
  if (std::isnan(stat)) {
    EXPECT_FALSE(fit.season.test.tested);
  } else {
    EXPECT_TRUE(fit.season.test.tested);
    expect_rel(fit.season.test.statistic, stat, kExactTol, "seasonality statistic");
  }

  // R: thetaf(...)$model$alpha, $model$drift, $model$sigma (= sigma2),
  //    ets(<adjusted y>, "ANN", opt.crit = "mse")$par["l"]
  expect_rel(fit.alpha, ft.number(fr, "alpha"), kParamTol, "alpha");
  expect_rel(fit.drift, ft.number(fr, "drift"), kExactTol * 100, "drift");
  expect_rel(fit.l0, ft.number(fr, "l0"), kParamTol, "l0");
  expect_rel(fit.sigma2, ft.number(fr, "sigma2"), kParamTol, "sigma2");
  EXPECT_NE(fit.status, fit_status::failed);

  // R: thetaf(...)$mean, $lower[, "80%"], $upper[, "80%"], $lower[, "95%"], $upper[, "95%"]
  const auto fc = forecast_theta(fit, h, levels_80_95);
  const std::vector<std::size_t> rows = rows_of(data().forecast, c.name);
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(h));
  ASSERT_EQ(fc.intervals.size(), 2U);
  for (std::size_t j = 0; j < rows.size(); ++j) {
    const csv_table& t = data().forecast;
    const std::string step = " at step " + std::to_string(j + 1);
    expect_rel(fc.mean[j], t.number(rows[j], "mean"), kForecastTol, "mean" + step);
    expect_rel(fc.intervals[0].lower[j], t.number(rows[j], "lo80"), kForecastTol, "lo80" + step);
    expect_rel(fc.intervals[0].upper[j], t.number(rows[j], "hi80"), kForecastTol, "hi80" + step);
    expect_rel(fc.intervals[1].lower[j], t.number(rows[j], "lo95"), kForecastTol, "lo95" + step);
    expect_rel(fc.intervals[1].upper[j], t.number(rows[j], "hi95"), kForecastTol, "hi95" + step);
  }

  // R: seasadj(decompose(y, "multiplicative")) (or y), thetaf(...)$fitted, thetaf(...)$residuals
  const std::vector<std::size_t> in = rows_of(data().insample, c.name);
  ASSERT_EQ(in.size(), s.values.size());
  const auto info = to_model_info(fit);
  for (std::size_t t = 0; t < in.size(); ++t) {
    const csv_table& tab = data().insample;
    const std::string at = " at t = " + std::to_string(t + 1);
    expect_rel(fit.season.series[t], tab.number(in[t], "adjusted_series"), kExactTol, "adjusted series" + at);
    expect_rel(info.fitted[t], tab.number(in[t], "fitted"), kForecastTol, "fitted" + at);
    EXPECT_NEAR(info.residuals[t], tab.number(in[t], "residual"),
                kForecastTol * std::max(1.0, std::fabs(tab.number(in[t], "fitted"))))
        << "residual" << at;
  }
}

INSTANTIATE_TEST_SUITE_P(ThetaR, ThetaReference, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<reference_case>& i) { return std::string(i.param.name); });

TEST(ThetaFit, EveryFixtureCaseIsCovered) {
  EXPECT_EQ(data().fit.size(), kCases.size());
  for (const auto& c : kCases) EXPECT_NO_THROW((void)fit_row(c.name)) << c.name;
}

TEST(ThetaFit, ModelInfo) {
  // R: thetaf(Nile)$method == "Theta"; $model$alpha, $model$drift
  const fixture_series& s = data().series.at("Nile");
  const theta_fit fit = fit_theta(s.values, 1);
  const auto info = to_model_info(fit);
  EXPECT_EQ(info.method, "Theta");
  ASSERT_EQ(info.parameters.size(), 3U);
  EXPECT_EQ(info.parameters[0].first, "alpha");
  EXPECT_EQ(info.parameters[1].first, "drift");
  EXPECT_EQ(info.parameters[2].first, "l0");
  EXPECT_DOUBLE_EQ(info.parameters[0].second, fit.alpha);
  EXPECT_DOUBLE_EQ(info.parameters[1].second, fit.drift);
  EXPECT_DOUBLE_EQ(info.sigma2, fit.sigma2);
  EXPECT_EQ(info.fitted.size(), s.values.size());
  EXPECT_EQ(info.residuals.size(), s.values.size());
  EXPECT_TRUE(std::isnan(info.loglik));
  EXPECT_EQ(info.status, fit_status::converged);
}

TEST(ThetaFit, DerivedFormulaForForecastAndInterval) {
  // Derivation (theta.hpp steps 4-5) rather than R: mean_j = l_n + b (j - 1 + (1 - (1-a)^n)/a),
  // half-width = z sigma sqrt(1 + (j - 1) a^2).
  const fixture_series& s = data().series.at("WWWusage");
  const theta_fit fit = fit_theta(s.values, 1);
  const auto fc = forecast_theta(fit, 5, std::array<double, 1>{90.0});
  const double n = static_cast<double>(s.values.size()), a = fit.alpha;
  for (int j = 1; j <= 5; ++j) {
    const double mean = fit.level + fit.drift * (j - 1 + (1 - std::pow(1 - a, n)) / a);
    EXPECT_NEAR(fc.mean[static_cast<std::size_t>(j - 1)], mean, 1e-9 * std::fabs(mean));
    const double half = 1.6448536269514722 * std::sqrt(fit.sigma2 * (1 + (j - 1) * a * a));
    EXPECT_NEAR(fc.intervals[0].upper[static_cast<std::size_t>(j - 1)] - mean, half, 1e-9 * half);
  }
}

TEST(ThetaFit, ConstantSeries) {
  // R: thetaf(ts(rep(5, 20)), h = 3) gives mean 5 and intervals 5 (sigma2 = 0).
  const std::vector<double> y(20, 5.0);
  const theta_fit fit = fit_theta(y, 4);
  EXPECT_FALSE(fit.season.test.tested);
  EXPECT_FALSE(fit.season.adjusted);
  EXPECT_NEAR(fit.drift, 0.0, 1e-12);
  const auto fc = forecast_theta(fit, 3, levels_80_95);
  for (std::size_t j = 0; j < 3; ++j) {
    EXPECT_NEAR(fc.mean[j], 5.0, 1e-9);
    EXPECT_NEAR(fc.intervals[1].lower[j], 5.0, 1e-6);
    EXPECT_NEAR(fc.intervals[1].upper[j], 5.0, 1e-6);
  }
}

TEST(ThetaFit, ShortSeriesUsesRsTinyDataFit) {
  // n <= 6: R's ets("ANN") switches to HoltWintersZZ, as fit_ets() does (EtsTiny.* compare it
  // with R); the fit says so.
  const std::vector<double> y{3.0, 4.5, 4.0, 5.5, 6.0};
  const theta_fit fit = fit_theta(y, 1);
  EXPECT_EQ(fit.status, fit_status::fell_back);
  const auto fc = forecast_theta(fit, 4, levels_80_95);
  for (double v : fc.mean) EXPECT_TRUE(std::isfinite(v));
  // Two values: the SSE does not depend on α, which stays at R's start 0.2; l2 = 1 + 0.2·(2 − 1)
  // = 1.2, drift = slope/2 = 0.5, mean_h = 1.2 + 0.5·(h − 1 + 1/0.2 − 0.8²/0.2) = 2.1, 2.6.
  // R: thetaf(ts(c(1, 2)), h = 2)$mean is 2.1 2.6.
  const std::vector<double> two{1.0, 2.0};
  const auto fc2 = forecast_theta(fit_theta(two, 1), 2, levels_80_95);
  EXPECT_NEAR(fc2.mean[0], 2.1, 1e-12);
  EXPECT_NEAR(fc2.mean[1], 2.6, 1e-12);
}

TEST(ThetaFit, NegativeSeasonalDataIsNotAdjusted) {
  // A strongly periodic series around zero: the test finds seasonality but the multiplicative
  // indices are negative, so the series is left unadjusted (non-seasonal Theta, as documented).
  std::vector<double> y;
  const std::array<double, 4> pattern{-1.0, 2.0, -1.0, 3.0};
  for (int t = 0; t < 24; ++t) y.push_back(pattern[static_cast<std::size_t>(t % 4)] + 0.01 * t);
  const theta_fit fit = fit_theta(y, 4);
  EXPECT_TRUE(fit.season.test.seasonal);
  EXPECT_FALSE(fit.season.adjusted);
  EXPECT_FALSE(fit.season.note.empty());
  EXPECT_NE(fit.status_message.find("not adjusted"), std::string::npos);
  const theta_fit plain = fit_theta(y, 1);
  const auto a = forecast_theta(fit, 8, levels_80_95), b = forecast_theta(plain, 8, levels_80_95);
  for (std::size_t j = 0; j < 8; ++j) EXPECT_DOUBLE_EQ(a.mean[j], b.mean[j]);
}

// thetaf(ts(10^(0:19), frequency = 4), h = 3) forecasts -5.7e150 in R: its ses() leaves the
// admissible region (alpha = 11111111; see EtsFit.MseCriterionBeyondRsPenaltyStaysAdmissible and
// docs/r-differences.md, section 4). On the series divided by 1e15, where R is sound,
// thetaf(ts(10^(0:19) * 1e-15, frequency = 4), h = 3)$mean * 1e15 = 1.0077544590755815e19,
// 1.0155981423578612e19, 1.0234418256401410e19; Theta's forecasts scale with the data, so
// tradecast's on the unscaled series must be those.
TEST(ThetaFit, DataBeyondRsPenaltyGiveFiniteForecasts) {
  std::vector<double> y;
  for (int i = 0; i < 20; ++i) y.push_back(std::pow(10.0, i));
  const theta_fit fit = fit_theta(y, 4);
  EXPECT_FALSE(fit.season.adjusted);
  EXPECT_LE(fit.alpha, 0.9999);
  const auto fc = forecast_theta(fit, 3, levels_80_95);
  const std::array<double, 3> r_scaled{1.0077544590755815e19, 1.0155981423578612e19, 1.0234418256401410e19};
  for (std::size_t j = 0; j < 3; ++j) {
    EXPECT_LT(rel_diff(fc.mean[j], r_scaled[j]), 1e-6) << "h=" << j + 1 << ": " << fc.mean[j];
    EXPECT_TRUE(std::isfinite(fc.intervals[1].lower[j]) && std::isfinite(fc.intervals[1].upper[j]));
  }
}

TEST(ThetaFit, InvalidArguments) {
  const fixture_series& s = data().series.at("Nile");
  const theta_fit fit = fit_theta(s.values, 1);
  EXPECT_THROW((void)forecast_theta(fit, 0, levels_80_95), invalid_argument);
  EXPECT_THROW((void)forecast_theta(fit, -3, levels_80_95), invalid_argument);
  for (double bad : {0.0, 100.0, -5.0, 150.0, std::numeric_limits<double>::quiet_NaN()})
    EXPECT_THROW((void)forecast_theta(fit, 5, std::array<double, 1>{bad}), invalid_argument) << bad;
  EXPECT_NO_THROW((void)forecast_theta(fit, 5, std::span<const double>{}));
  // A failed fit cannot forecast, and the error gives its reason.
  theta_fit failed = fit;
  failed.status = fit_status::failed;
  failed.status_message = "the SES likelihood was not finite";
  try {
    (void)forecast_theta(failed, 5, levels_80_95);
    ADD_FAILURE();
  } catch (const invalid_argument& e) {
    EXPECT_STREQ(e.what(), "theta: the fit failed (the SES likelihood was not finite); no forecasts are available");
  }
  EXPECT_THROW((void)fit_theta(std::vector<double>{1.0}, 1), invalid_argument);
  EXPECT_THROW((void)fit_theta(std::vector<double>{}, 1), invalid_argument);
  EXPECT_THROW((void)fit_theta(s.values, 0), invalid_argument);
  std::vector<double> with_nan = s.values;
  with_nan[10] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW((void)fit_theta(with_nan, 1), invalid_argument);
  theta_spec bad_alpha;
  bad_alpha.alpha = 0.0;
  EXPECT_THROW((void)fit_theta(s.values, 1, bad_alpha), invalid_argument);
  bad_alpha.alpha = 1.5;
  EXPECT_THROW((void)fit_theta(s.values, 1, bad_alpha), invalid_argument);
}

// ---- seasonality.hpp --------------------------------------------------------------------

TEST(Seasonality, StatisticMatchesR) {
  // R: abs(r[m]) / sqrt((1 + 2 * sum(r[1:(m-1)]^2)) / n), r = acf(y, lag.max = m)$acf[-1]
  for (const auto& c : kCases) {
    const fixture_series& s = data().series.at(c.name);
    const std::size_t fr = fit_row(c.name);
    const auto t = test_seasonality(s.values, s.period());
    const double stat = data().fit.number(fr, "statistic");
    EXPECT_EQ(t.tested, !std::isnan(stat)) << c.name;
    if (!std::isnan(stat)) expect_rel(t.statistic, stat, kExactTol, std::string("statistic of ") + c.name);
    EXPECT_EQ(t.seasonal, data().fit.text(fr, "seasonal") == "TRUE") << c.name;
  }
}

TEST(Seasonality, SkippedWhenNotApplicable) {
  const fixture_series& s = data().series.at("UKgas");
  // m = 1: never tested
  EXPECT_FALSE(test_seasonality(s.values, 1).tested);
  // n = 2m: not tested (R: n > 2 * m); n = 2m + 1: tested
  const std::vector<double> y8(s.values.begin(), s.values.begin() + 8);
  const std::vector<double> y9(s.values.begin(), s.values.begin() + 9);
  EXPECT_FALSE(test_seasonality(y8, 4).tested);
  EXPECT_TRUE(test_seasonality(y9, 4).tested);
  // M4 settings: n >= 3m required
  const seasonality_options m4{1.645, 12, false};
  EXPECT_FALSE(test_seasonality(y9, 4, m4).tested);
  const std::vector<double> y12(s.values.begin(), s.values.begin() + 12);
  EXPECT_TRUE(test_seasonality(y12, 4, m4).tested);
  // constant series
  EXPECT_FALSE(test_seasonality(std::vector<double>(30, 2.0), 4).tested);
  EXPECT_THROW((void)test_seasonality(s.values, 0), invalid_argument);
}

TEST(Seasonality, AdjustmentAndReseasonalisation) {
  // R: d <- decompose(UKgas, "multiplicative"); seasadj(d); rep(tail(d$seasonal, 4), 3)[1:9]
  const fixture_series& s = data().series.at("UKgas");
  // drop one observation so that the forecast origin is not at the start of a cycle
  const std::vector<double> y(s.values.begin(), s.values.end() - 1);
  const auto adj = seasonally_adjust(y, 4);
  ASSERT_TRUE(adj.adjusted);
  ASSERT_EQ(adj.figure.size(), 4U);
  double mean = 0;
  for (double f : adj.figure) mean += f / 4;
  EXPECT_NEAR(mean, 1.0, 1e-12);
  for (std::size_t t = 0; t < y.size(); ++t) EXPECT_NEAR(adj.series[t] * adj.index[t], y[t], 1e-9 * y[t]);
  const auto fut = adj.future_index(9);
  for (std::size_t j = 0; j < fut.size(); ++j)
    EXPECT_DOUBLE_EQ(fut[j], adj.index[y.size() - 4 + j % 4]) << j;
  std::vector<double> ones(9, 1.0);
  adj.reseasonalise(ones);
  for (std::size_t j = 0; j < 9; ++j) EXPECT_DOUBLE_EQ(ones[j], fut[j]);
  // not seasonal: identity
  const auto none = seasonally_adjust(data().series.at("Nile").values, 1);
  EXPECT_FALSE(none.adjusted);
  for (double f : none.future_index(3)) EXPECT_EQ(f, 1.0);
  EXPECT_THROW((void)none.future_index(-1), invalid_argument);
}

TEST(Seasonality, ZeroSeasonIsNotAdjusted) {
  // R: thetaf warns "Seasonal indexes close to zero" for this series (see generate_theta_reference.R)
  const fixture_series& s = data().series.at("zero_quarter");
  const auto adj = seasonally_adjust(s.values, 4);
  EXPECT_TRUE(adj.test.seasonal);
  EXPECT_FALSE(adj.adjusted);
  EXPECT_NE(adj.note.find("1e-4"), std::string::npos);
  EXPECT_EQ(adj.series, s.values);
}

}  // namespace
