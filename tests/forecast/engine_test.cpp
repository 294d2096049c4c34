#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tradecast/core/bridge.hpp"
#include "tradecast/data/vietnam_japan.hpp"
#include "forecast/fixtures.hpp"
#include "tradecast/forecast/engine.hpp"

// Inside the library's namespace rather than `using namespace`, so that the names stay in this
// file when the module's tests are compiled as one unit (UNITY_BUILD).
namespace tradecast {
using ::testing::HasSubstr;

TEST(Engine, MethodNamesMapToEtsModels) {
  auto s = forecast::ets_spec_for("ets:MAdN");
  EXPECT_EQ(s.error, 'M');
  EXPECT_EQ(s.trend, 'A');
  EXPECT_EQ(s.season, 'N');
  EXPECT_TRUE(s.damped.value());
  s = forecast::ets_spec_for("damped");
  EXPECT_EQ(s.error, 'A');
  EXPECT_TRUE(s.damped.value());
  EXPECT_FALSE(forecast::ets_spec_for("holt").damped.value());
  EXPECT_EQ(forecast::ets_spec_for("hw-mult").season, 'M');
  EXPECT_EQ(forecast::ets_spec_for("ets").error, 'Z');
  EXPECT_FALSE(forecast::ets_spec_for("ets").damped.has_value());
  EXPECT_THROW((void)forecast::ets_spec_for("auto"), invalid_argument);  // auto is an ensemble, not one ETS model
  try {
    (void)forecast::ets_spec_for("arima");
    ADD_FAILURE();
  } catch (const not_found& e) {
    EXPECT_THAT(e.what(), HasSubstr("unknown method 'arima'; available: auto, ets"));
  }
  EXPECT_THROW((void)forecast::ets_spec_for("ets:QQ"), invalid_argument);
  EXPECT_THROW((void)forecast::ets_spec_for("ets:AXN"), invalid_argument);
}

TEST(Engine, UsesTheTrailingRunAndSaysWhy) {
  const series& s = data::vietnam_japan().at("vnm_jpn_total");
  const auto u = forecast::trailing_span(s);
  EXPECT_EQ(s.period_at(u.first), period::annual(2022));
  EXPECT_EQ(s.period_at(u.last), period::annual(2024));
  // 1990 to 2020: 31 observations before the gap (the 32 periods before 2022 include 2021 itself).
  EXPECT_THAT(u.note, HasSubstr("2021 is missing and is not interpolated, so the 31 earlier observation(s) are not used"));
  // Earlier gaps are not counted either: 2000-2002 and 2005-2007 with 2003 and 2004 missing.
  constexpr double na = std::numeric_limits<double>::quiet_NaN();
  series_metadata m;
  m.id = "g";
  const series g(m, period::annual(2000), {1, 2, 3, na, na, 6, 7, 8});
  const auto v = forecast::trailing_span(g);
  EXPECT_EQ(v.first, 5u);
  EXPECT_THAT(v.note, HasSubstr("uses 2005 to 2007 (3 observations): 2004 is missing and is not interpolated, so the 3 "
                                "earlier observation(s) are not used"));
  const series h(m, period::annual(2000), {1, na, 3, na, 5, 6});
  EXPECT_THAT(forecast::trailing_span(h).note, HasSubstr("so the 2 earlier observation(s) are not used"));
}

// R's ets() sets seasontype <- "N" when length(y) <= m, without a warning, so ets(y, "AAA") on
// ten monthly values is ets(y, "AAN"). tradecast fits the same model but says that the season
// asked for was dropped: a fallback, named by the model actually fitted (not "Holt-Winters'").
TEST(Engine, SeasonAskedForOnNoMoreThanOneSeasonFallsBackAndSaysSo) {
  series_metadata meta;
  meta.id = "m";
  const series s(meta, period::monthly(2020, 1), {10, 12, 11, 13, 15, 14, 16, 18, 17, 19});
  // R: forecast(ets(y, "AAA", damped = FALSE), h = 3)$mean, y = ts(c(10, 12, 11, 13, 15, 14, 16,
  // 18, 17, 19), frequency = 12, start = c(2020, 1)): ETS(A,A,N), the same as ets(y, "AAN").
  const double r_mean[] = {19.7938917295091, 20.7563444003624, 21.7187970712158};
  const auto aaa = forecast::forecast_series(s, "ets:AAA", 3);
  EXPECT_EQ(aaa.model.method, "ETS(A,A,N)");
  ASSERT_EQ(aaa.values.mean.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_NEAR(aaa.values.mean[i], r_mean[i], 1e-9 * r_mean[i]);
  for (const char* method : {"hw-add", "ets:AAA", "ets:MAM"}) {
    SCOPED_TRACE(method);
    const auto r = forecast::forecast_series(s, method, 3);
    EXPECT_EQ(r.model.status, forecast::fit_status::fell_back);
    EXPECT_THAT(r.model.status_message,
                HasSubstr("seasonal component could not be estimated: n = 10 observations <= m = 12"));
    EXPECT_THAT(r.model.method, testing::StartsWith("ETS("));
    EXPECT_THAT(r.model.method, testing::EndsWith(",N)"));
  }
  // hw-add is R's hw(): ETS(A,A,A) by MSE, so without its season it is holt() (R's hw() itself
  // stops: "I need at least 15 observations to estimate seasonality").
  const auto hw = forecast::forecast_series(s, "hw-add", 3);
  const auto holt = forecast::forecast_series(s, "holt", 3);
  EXPECT_EQ(hw.model.method, "ETS(A,A,N)");
  ASSERT_EQ(hw.values.mean.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(hw.values.mean[i], holt.values.mean[i]);
  // Automatic selection only leaves the seasonal candidates out, and notes it.
  const auto any = forecast::forecast_series(s, "ets", 3);
  EXPECT_EQ(any.model.status, forecast::fit_status::converged);
  EXPECT_THAT(any.model.status_message, HasSubstr("seasonal models not considered: n = 10 observations <= m = 12"));
}

// A partial period (a year of which one quarter is published) or a projection is not comparable
// with full observed periods: left out like a missing value, and named.
TEST(Engine, PartialPeriodsAndForecastValuesAreNotUsedAsObservations) {
  series_metadata m;
  m.id = "x";
  series s(m, period::annual(2000));
  for (double v : {10.0, 11.0, 12.0, 13.0}) s.push_back(v);
  s.push_back(3, obs_status::partial);
  auto u = forecast::trailing_span(s);
  EXPECT_EQ(u.first, 0u);
  EXPECT_EQ(u.last, 3u);
  EXPECT_EQ(u.note, "the 1 period(s) after 2003 are not used (2004 is a partial period (status partial))");
  const auto r = forecast::forecast_series(s, "naive", 2);
  EXPECT_EQ(r.first, period::annual(2004));  // the partial year is forecast, from 2003's 13
  EXPECT_EQ(r.values.mean[0], 13.0);
  s.push_back(std::numeric_limits<double>::quiet_NaN());
  s.push_back(15, obs_status::forecast);
  u = forecast::trailing_span(s);
  EXPECT_EQ(u.last, 3u);
  EXPECT_THAT(u.note, HasSubstr("the 3 period(s) after 2003 are not used (2004 is a partial period (status partial), "
                                "2006 is a forecast, not an observation (status forecast))"));
  // Inside the series such a value breaks the run as a missing one does.
  series t(m, period::annual(2000));
  for (double v : {1.0, 2.0}) t.push_back(v);
  t.push_back(5, obs_status::partial);
  for (double v : {4.0, 5.0, 6.0}) t.push_back(v);
  u = forecast::trailing_span(t);
  EXPECT_EQ(u.first, 3u);
  EXPECT_THAT(u.note, HasSubstr("2002 is a partial period (status partial) and breaks the run, so the 2 earlier "
                                "observation(s) are not used"));
  // Estimated and provisional values are observations.
  series e(m, period::annual(2000));
  e.push_back(1, obs_status::estimated);
  e.push_back(2, obs_status::provisional);
  EXPECT_TRUE(forecast::trailing_span(e).note.empty());
  // Nothing usable: said.
  series p(m, period::annual(2000));
  p.push_back(1, obs_status::forecast);
  p.push_back(2, obs_status::forecast);
  EXPECT_THROW((void)forecast::trailing_span(p), invalid_argument);
  try {
    (void)forecast::trailing_span(p);
  } catch (const invalid_argument& ex) {
    EXPECT_THAT(ex.what(), HasSubstr("series 'x' has no observation that a model can use: 2000 is a forecast"));
  }
  // Each value named with its own reason (it said "and so are the others" of a forecast and a gap).
  series mixed(m, period::annual(2020));
  mixed.push_back(5, obs_status::partial);
  mixed.push_back(6, obs_status::forecast);
  mixed.push_back(std::numeric_limits<double>::quiet_NaN());
  try {
    (void)forecast::trailing_span(mixed);
    ADD_FAILURE();
  } catch (const invalid_argument& ex) {
    EXPECT_THAT(ex.what(), HasSubstr("2020 is a partial period (status partial), 2021 is a forecast, not an "
                                     "observation (status forecast); the other periods are missing"));
  }
  // A leading gap: nothing earlier to leave out ("the 0 earlier observations").
  const series lead(m, period::annual(2019), {std::numeric_limits<double>::quiet_NaN(), 1, 2, 3});
  EXPECT_EQ(forecast::trailing_span(lead).note,
            "uses 2020 to 2022 (3 observations): 2019 is missing (no observation before it is used either)");
}

TEST(Engine, DefaultSeriesForecastIsLabelledAndStartsAfterTheData) {
  const series& s = data::vietnam_japan().at("vnm_jpn_total");
  const auto r = forecast::forecast_series(s, "auto", 6);
  EXPECT_EQ(r.first, period::annual(2025));
  EXPECT_EQ(r.period_at(5), period::annual(2030));
  ASSERT_EQ(r.values.mean.size(), 6u);
  ASSERT_EQ(r.values.intervals.size(), 2u);
  // Three observations are too few to estimate any ETS model: the fit says so and falls back.
  EXPECT_EQ(r.model.status, forecast::fit_status::fell_back);
  EXPECT_THAT(r.model.status_message, HasSubstr("too little data"));
  EXPECT_FALSE(r.data_note.empty());
  EXPECT_EQ(r.meta.unit.label(), "USD billions");
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_TRUE(std::isfinite(r.values.mean[i]));
    EXPECT_LT(r.values.intervals[1].lower[i], r.values.intervals[0].lower[i]);  // 95% wider than 80%
    EXPECT_GT(r.values.intervals[1].upper[i], r.values.intervals[0].upper[i]);
  }
}

namespace {

// R's forecasts of the reference case (tests/forecast/data/projection_ref.csv, written by
// generate_projection_reference.R): (case, method) -> rows h = 1..6 of mean, lo80, hi80, lo95, hi95.
struct projection_reference {
  std::string r_call, r_method;
  std::vector<std::array<double, 5>> rows;
};

std::map<std::string, projection_reference> load_projection_reference() {
  const test::csv_table t(test::test_data_path("forecast/data/projection_ref.csv"));
  std::map<std::string, projection_reference> out;
  for (std::size_t r = 0; r < t.size(); ++r) {
    auto& ref = out[t.text(r, "case") + "|" + t.text(r, "method")];
    ref.r_call = t.text(r, "r_call");
    ref.r_method = t.text(r, "r_method");
    ref.rows.push_back({t.number(r, "mean"), t.number(r, "lo80"), t.number(r, "hi80"), t.number(r, "lo95"),
                        t.number(r, "hi95")});
  }
  return out;
}

void expect_matches_r(const forecast::forecast_result& f, const projection_reference& ref) {
  SCOPED_TRACE("R: " + ref.r_call);
  ASSERT_EQ(f.values.mean.size(), ref.rows.size());
  ASSERT_EQ(f.values.intervals.size(), 2u);
  for (std::size_t i = 0; i < ref.rows.size(); ++i) {
    const std::array<double, 5> got{f.values.mean[i], f.values.intervals[0].lower[i], f.values.intervals[0].upper[i],
                                    f.values.intervals[1].lower[i], f.values.intervals[1].upper[i]};
    for (std::size_t k = 0; k < 5; ++k)
      EXPECT_LT(test::rel_diff(got[k], ref.rows[i][k]), 1e-6) << "step " << i + 1 << ", column " << k << ": " << got[k]
                                                               << " vs R " << ref.rows[i][k];
  }
}

}  // namespace

// The reference case as the data stand: 2021 is missing, so 2022-2024 are used (47.6, 44.98,
// 46.2). Three points are too few for an ETS likelihood; as R's ets(), ETS and the SES inside Theta
// are Holt-Winters smoothing by least squares (R's HoltWintersZZ, see ets_tiny_test.cpp). By hand:
//   SES with l0 = y1: SSE(α) = 2.62² + (2.62α − 1.4)², least at α = 1.4/2.62 = 0.534351…, where
//   l3 = 47.6 − 2.62α = 46.2 (the last error is 0). The fit with a trend has the larger sigma2.
//   ETS: l3 = 46.2 at every step.
//   drift: (46.2 − 47.6)/2 = −0.7 a year, 46.2 − 0.7·h.
//   Theta (R's thetaf): l3 + b/2·(h − 1 + 1/α − (1 − α)^n/α), b = OLS slope of y on 1..3 = −0.7.
//   auto = median of the three, which is Theta at every step (ETS above it, drift below).
// Every method also matches R's forecasts and intervals (projection_ref.csv, case "stand").
TEST(Engine, ReferenceCaseAsTheDataStandByHandAndR) {
  const series& s = data::vietnam_japan().at("vnm_jpn_total");
  const double a = 1.4 / 2.62, l3 = 46.2;
  const auto autof = forecast::forecast_series(s, "auto", 6);
  const auto ets = forecast::forecast_series(s, "ets", 6);
  const auto drift = forecast::forecast_series(s, "drift", 6);
  const auto theta = forecast::forecast_series(s, "theta", 6);
  EXPECT_EQ(ets.model.method, "ETS(A,N,N)");
  EXPECT_EQ(ets.model.status, forecast::fit_status::fell_back);
  EXPECT_THAT(ets.model.status_message, HasSubstr("HoltWintersZZ"));
  for (int h = 1; h <= 6; ++h) {
    const auto i = static_cast<std::size_t>(h - 1);
    const double theta_h = l3 + (-0.7 / 2) * (h - 1 + 1 / a - std::pow(1 - a, 3) / a);
    EXPECT_NEAR(ets.values.mean[i], l3, 1e-5) << "h = " << h;  // the optimiser's α to ~1e-6
    EXPECT_NEAR(drift.values.mean[i], 46.2 - 0.7 * h, 1e-9) << "h = " << h;
    EXPECT_NEAR(theta.values.mean[i], theta_h, 1e-5) << "h = " << h;
    EXPECT_NEAR(autof.values.mean[i], theta_h, 1e-5) << "h = " << h;
  }
  // 2030: 46.2 − 0.35·(5 + 1.8714286 − 0.1889509) = 43.8611328
  EXPECT_NEAR(autof.values.mean[5], 43.8611328, 1e-5);
  const auto ref = load_projection_reference();
  for (const char* method : {"naive", "drift", "cagr", "logtrend", "ets", "theta", "auto"}) {
    SCOPED_TRACE(method);
    expect_matches_r(forecast::forecast_series(s, method, 6), ref.at(std::string("stand|") + method));
  }
  // CAGR by hand: 46.2·(46.2/47.6)^(h/2); 2030 (h = 6): 46.2·(46.2/47.6)³ = 42.2422501527.
  EXPECT_NEAR(forecast::forecast_series(s, "cagr", 6).values.mean[5], 42.2422501527, 1e-9);
}

// The example's second case (examples/projection.cpp): 2021 bridged by the user with the geometric
// mean of 2020 and 2022 and marked as an estimate, so that 1990-2024 (35 years) are used. R selects
// ETS(M,A,N) (`ets(y)`), and `auto` is the median of R's ets, thetaf and rwf(drift = TRUE)
// forecasts and bounds (projection_ref.csv, case "bridged").
TEST(Engine, ReferenceCaseWithTheGapBridgedMatchesR) {
  const series& total = data::vietnam_japan().at("vnm_jpn_total");
  series s = total;
  const std::size_t i2021 = s.require_index(period::annual(2021));
  s.set(i2021, std::sqrt(total.value_at(period::annual(2020)) * total.value_at(period::annual(2022))),
        obs_status::estimated, "bridged by the test");
  const auto ref = load_projection_reference();
  for (const char* method : {"ets", "theta", "drift", "auto"}) {
    SCOPED_TRACE(method);
    const auto f = forecast::forecast_series(s, method, 6);
    EXPECT_TRUE(f.data_note.empty()) << f.data_note;  // every observation is used
    EXPECT_EQ(f.first, period::annual(2025));
    expect_matches_r(f, ref.at(std::string("bridged|") + method));
    if (std::string(method) == "ets") {
      EXPECT_EQ(f.model.method, ref.at("bridged|ets").r_method);
    } else if (std::string(method) == "auto") {
      EXPECT_THAT(f.model.method, HasSubstr("ETS(M,A,N)"));
    }
  }
}

// The bridged reference case fitted once (fit_series, as examples/projection.cpp) and forecast at
// levels 50 and 99: R's median of forecast(ets(y), level = c(50, 99)), thetaf(...) and
// rwf(drift = TRUE, ...) per step and bound (projection_ref_levels.csv, written by
// generate_projection_reference.R), and the same fit at 80/95 gives the rows checked above.
TEST(Engine, ReferenceCaseFittedOnceAtOtherLevelsMatchesR) {
  const series& total = data::vietnam_japan().at("vnm_jpn_total");
  const bridged_series filled = bridge_gaps(total);
  const auto fit = forecast::fit_series(filled.data, "auto");
  const auto f = fit.forecast(6, {.levels = {50, 99}});
  const test::csv_table t(test::test_data_path("forecast/data/projection_ref_levels.csv"));
  ASSERT_EQ(t.size(), 6u);
  ASSERT_EQ(f.values.intervals.size(), 2u);
  const auto close = [](double a, double r) { return std::abs(a - r) <= 1e-6 * std::abs(r); };
  for (std::size_t i = 0; i < 6; ++i) {
    SCOPED_TRACE("h = " + std::to_string(i + 1));
    EXPECT_PRED2(close, f.values.mean[i], t.number(i, "mean"));
    EXPECT_PRED2(close, f.values.intervals[0].lower[i], t.number(i, "lo50"));
    EXPECT_PRED2(close, f.values.intervals[0].upper[i], t.number(i, "hi50"));
    EXPECT_PRED2(close, f.values.intervals[1].lower[i], t.number(i, "lo99"));
    EXPECT_PRED2(close, f.values.intervals[1].upper[i], t.number(i, "hi99"));
  }
  expect_matches_r(fit.forecast(6), load_projection_reference().at("bridged|auto"));
}

// An error about one value names its period, and its index counts in the series: the usable span
// of the reference series starts at 2022 (2021 is missing), so 2023 is index 1 of the data fitted
// and index 33 of the series (1990 is index 0).
TEST(Engine, ErrorsAboutOneValueNameItsPeriod) {
  series s = data::vietnam_japan().at("vnm_jpn_total");
  const std::size_t i2023 = s.require_index(period::annual(2023));
  ASSERT_EQ(i2023, 33u);
  s.set(i2023, -1.0, obs_status::estimated, "a negative value for the test");
  for (const auto& [method, message] : std::vector<std::pair<std::string, std::string>>{
           {"logtrend", "method 'logtrend' takes logarithms, but the value for 2023 (-1) is not positive"},
           {"ets:MNN", "ETS(M,N,N) has a multiplicative component, which needs positive data, but the value for 2023 (-1) "
                       "is not positive"}}) {
    SCOPED_TRACE(method);
    try {
      (void)forecast::forecast_series(s, method, 2);
      ADD_FAILURE() << "nothing thrown";
    } catch (const observation_error& e) {
      EXPECT_THAT(e.what(), HasSubstr(message));
      EXPECT_EQ(e.index(), i2023);
    }
  }
  // The same data given as plain values: "observation k", k counted from 1 in those values.
  const std::vector<double> y = {47.6, -1.0, 46.2};
  try {
    (void)forecast::fit_forecast(y, 1, forecast::parse_method("logtrend"), 2);
    ADD_FAILURE() << "nothing thrown";
  } catch (const observation_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("but observation 2 (-1) is not positive"));
    EXPECT_EQ(e.index(), 1u);
  }
}

// forecast_options::simulate / bootstrap reach the ETS models of a method, and only those: the
// intervals of `ets` are forecast_ets()'s with the same options, `auto` takes its ETS member's
// simulated intervals into its median, and a method without an ETS model is an error.
TEST(Engine, SimulatedIntervalsOfTheEtsModels) {
  const auto series = test::load_series(test::test_data_path("forecast/data/ets_ref_series.csv"));
  const std::vector<double>& y = series.at("WWWusage").values;
  forecast::forecast_options o;
  o.simulate = true;
  o.seed = 5;
  o.npaths = 2000;
  for (const bool boot : {false, true}) {
    SCOPED_TRACE(boot ? "bootstrap" : "simulate");
    o.bootstrap = boot;
    const auto got = forecast::fit_forecast(y, 1, forecast::parse_method("ets"), 6, o);
    forecast::ets_forecast_options fo;
    fo.simulate = true;
    fo.bootstrap = boot;
    fo.seed = 5;
    fo.npaths = 2000;
    const auto want = forecast::forecast_ets(forecast::fit_ets(y, 1), 6, o.levels, fo);
    EXPECT_EQ(got.values.mean, want.mean);
    ASSERT_EQ(got.values.intervals.size(), 2u);
    EXPECT_EQ(got.values.intervals[1].lower, want.intervals[1].lower);
    EXPECT_EQ(got.values.intervals[1].upper, want.intervals[1].upper);
  }
  // `auto` (m = 1: the median of ets, theta and drift, step by step): its bounds are the medians of
  // the simulated ETS bounds and Theta's and drift's analytic ones.
  o.bootstrap = false;
  const auto simulated = forecast::fit_forecast(y, 1, forecast::parse_method("auto"), 6, o);
  const auto ets = forecast::fit_forecast(y, 1, forecast::parse_method("ets"), 6, o);
  const auto theta = forecast::fit_forecast(y, 1, forecast::parse_method("theta"), 6);
  const auto drift = forecast::fit_forecast(y, 1, forecast::parse_method("drift"), 6);
  std::size_t from_ets = 0;
  for (std::size_t i = 0; i < 6; ++i)
    for (std::size_t k = 0; k < 2; ++k) {
      for (const bool upper : {false, true}) {
        auto bound = [&](const forecast::model_forecast& f) {
          return upper ? f.values.intervals[k].upper[i] : f.values.intervals[k].lower[i];
        };
        std::array<double, 3> three = {bound(ets), bound(theta), bound(drift)};
        std::sort(three.begin(), three.end());
        EXPECT_DOUBLE_EQ(bound(simulated), three[1]) << "step " << i + 1 << ", level " << k << ", upper " << upper;
        from_ets += three[1] == bound(ets) ? 1 : 0;
      }
    }
  EXPECT_GT(from_ets, 0u);  // the simulated ETS bounds are the median somewhere
  for (const char* method : {"naive", "theta", "drift", "mean:naive+theta"}) {
    try {
      (void)forecast::fit_forecast(y, 1, forecast::parse_method(method), 6, o);
      ADD_FAILURE() << method << ": nothing thrown";
    } catch (const invalid_argument& e) {
      EXPECT_THAT(e.what(), HasSubstr(std::string("method '") + method + "' fits no ETS model"));
    }
  }
  for (const char* method : {"ses", "comb", "median:naive+ets:AAN", "sa:damped"}) {
    EXPECT_NO_THROW((void)forecast::fit_forecast(y, 1, forecast::parse_method(method), 6, o)) << method;
  }
  o.npaths = 0;
  EXPECT_THROW((void)forecast::fit_forecast(y, 1, forecast::parse_method("ets"), 6, o), invalid_argument);
}

TEST(Engine, RejectsBadArguments) {
  const series& s = data::vietnam_japan().at("vnm_jpn_total");
  EXPECT_THROW((void)forecast::forecast_series(s, "auto", 0), invalid_argument);
  forecast::forecast_options o;
  o.levels = {80, 100};
  try {
    (void)forecast::forecast_series(s, "auto", 3, o);
    ADD_FAILURE();
  } catch (const invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("level 100"));
  }
  series_metadata m;
  m.id = "one";
  EXPECT_THROW((void)forecast::forecast_series(series(m, period::annual(2020), {1.0}), "auto", 3), invalid_argument);
  m.id = "neg";
  EXPECT_THROW((void)forecast::forecast_series(series(m, period::annual(2000), {1, -2, 3, 4, 5, 6, 7, 8, 9, 10}),
                                               "ets:MNN", 3),
               invalid_argument);
}

// sa:X fits X to the seasonally adjusted series: one plain method, applied once.
// Structs built by hand in a state the library never returns: an error, not a crash (a
// seasonally adjusted spec without its inner method was read past its end; a default simple_fit
// threw Boost's domain_error from the t quantile).
TEST(Engine, SpecsAndFitsNotFromTheLibraryAreRejected) {
  const std::vector<double> y = {10, 12, 13, 15, 16, 18, 17, 19, 21, 22, 24, 23};
  const auto refused = [](const auto& call, const std::string& message) {
    try {
      call();
      ADD_FAILURE() << "accepted; expected: " << message;
    } catch (const invalid_argument& e) {
      EXPECT_THAT(e.what(), HasSubstr(message));
    }
  };
  forecast::method_spec sa;
  sa.kind = forecast::method_kind::adjusted;
  sa.name = "sa:?";
  refused([&] { (void)forecast::fit_forecast(y, 4, sa, 3); },
          "method 'sa:?': a seasonally adjusted method needs one inner method");
  const std::vector<double> levels = {80};
  refused([&] { (void)forecast::forecast_simple(forecast::simple_fit{}, 3, levels); },
          "forecast_simple: the fit is not one fit_simple() returned (method mean, n = 0)");
  // reapply_forecast() re-estimates nothing: a reusable_fit that fit_reusable() did not make (a
  // method it refuses, or an ETS method without its model) is refused instead of fitted anew.
  forecast::reusable_fit theta;
  theta.spec = forecast::parse_method("theta");
  theta.m = 1;
  refused([&] { (void)forecast::reapply_forecast(theta, y, 3); },
          "reapply_forecast: method 'theta' cannot be re-applied without refitting");
  forecast::reusable_fit bare;
  bare.spec = forecast::parse_method("ets");
  bare.m = 1;
  refused([&] { (void)forecast::reapply_forecast(bare, y, 3); },
          "reapply_forecast: method 'ets' has no fitted model in the reusable_fit");
}

TEST(Engine, SeasonallyAdjustedMethodNames) {
  const auto sa = forecast::parse_method("sa:drift");
  EXPECT_EQ(sa.kind, forecast::method_kind::adjusted);
  ASSERT_EQ(sa.members.size(), 1u);
  EXPECT_EQ(sa.members[0].name, "drift");
  const auto expect_error = [](const std::string& name, const std::string& message) {
    try {
      (void)forecast::parse_method(name);
      ADD_FAILURE() << name;
    } catch (const invalid_argument& e) {
      EXPECT_THAT(e.what(), HasSubstr(message)) << name;
    }
  };
  expect_error("sa:naive2", "method 'sa:naive2': 'naive2' is already fitted to the seasonally adjusted series");
  expect_error("sa:sa:drift", "'sa:drift' is already fitted to the seasonally adjusted series");
  expect_error("sa:median:naive+drift", "sa: takes one method (e.g. sa:drift), not an ensemble");
}

// The domain limits: the horizon (forecast::max_horizon = 10,000 steps; simulated intervals hold
// npaths × h values), the magnitude of the data (1e100: sums of squares of values near 1e154
// overflow) and the calendar (year 9999).
TEST(Engine, RejectsHorizonsAndMagnitudesOutsideTheDomain) {
  const std::vector<double> y = {10, 12, 11, 13, 14, 13, 15, 16};
  const auto naive = forecast::parse_method("naive");
  EXPECT_NO_THROW((void)forecast::fit_forecast(y, 1, naive, forecast::max_horizon));
  try {
    (void)forecast::fit_forecast(y, 1, naive, forecast::max_horizon + 1);
    ADD_FAILURE();
  } catch (const invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("horizon h = 10001 is longer than the 10000 steps"));
  }
  std::vector<double> big = y;
  big[3] = -2e100;
  try {
    (void)forecast::fit_forecast(big, 1, naive, 3);
    ADD_FAILURE();
  } catch (const invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("method 'naive': observation 4 (-2e+100) is larger in magnitude than 1e+100"));
  }
  big[3] = 1e100;  // the limit itself is accepted
  EXPECT_NO_THROW((void)forecast::fit_forecast(big, 1, naive, 3));

  series_metadata m;
  m.id = "late";
  const series late(m, period::annual(9990), {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});  // 9990 to 9999
  try {
    (void)forecast::forecast_series(late, "naive", 1);
    ADD_FAILURE();
  } catch (const invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("horizon h = 1: the forecasts after 9999 would run past 9999"));
  }
  const series quarters(m, period::quarterly(9998, 1), {1, 2, 3, 4, 5, 6});  // to 9999-Q2
  EXPECT_EQ(forecast::forecast_series(quarters, "naive", 2).period_at(1).to_string(), "9999-Q4");
  EXPECT_THROW((void)forecast::forecast_series(quarters, "naive", 3), invalid_argument);
}

// Forecasts that overflow are a failed fit that says where, never silent infinities. y_t = 10^(9t),
// t = 0 … 10 (up to 1e90): logtrend fits ln y = ln(10)·9t exactly, so its forecast at step k is
// 10^(90 + 9k): 1e306 at step 24, beyond DBL_MAX (1.8e308) at step 25.
TEST(Engine, ForecastsThatOverflowFailAndSayWhere) {
  std::vector<double> y;
  for (int t = 0; t <= 10; ++t) y.push_back(std::pow(10.0, 9 * t));
  forecast::forecast_options o;
  o.levels = {};
  const auto r = forecast::fit_forecast(y, 1, forecast::parse_method("logtrend"), 30, o);
  EXPECT_EQ(r.model.status, forecast::fit_status::failed);
  EXPECT_NEAR(r.values.mean[23] / 1e306, 1.0, 1e-6);
  EXPECT_TRUE(std::isinf(r.values.mean[24]));
  EXPECT_THAT(r.model.status_message,
              HasSubstr("the forecasts are not finite numbers (step 25: the point forecast is inf)"));
  // Up to step 24 every value is finite: a fit that is not failed.
  const auto ok = forecast::fit_forecast(y, 1, forecast::parse_method("logtrend"), 24, o);
  EXPECT_NE(ok.model.status, forecast::fit_status::failed);
  // With intervals the first non-finite value may be a bound: the message names it.
  const auto with_pi = forecast::fit_forecast(y, 1, forecast::parse_method("logtrend"), 30);
  EXPECT_EQ(with_pi.model.status, forecast::fit_status::failed);
  EXPECT_THAT(with_pi.model.status_message, HasSubstr("the forecasts are not finite numbers (step 2"));
}

namespace {
// The series of a fixture row: column "values", space-separated.
std::vector<double> values_of(const test::csv_table& t, std::size_t r) {
  std::vector<double> y;
  std::istringstream in(t.text(r, "values"));
  for (double v; in >> v;) y.push_back(v);
  return y;
}
}  // namespace

// `auto` on short series equals R's procedure (bench/m3/run_r.R) where R's ets() takes its
// tiny-data paths: the median of ets(y), thetaf(y), rwf(y, drift = TRUE) and, for m > 1,
// ets(y, damped = TRUE), mean and every bound. Its damped member is R's ets(damped = TRUE),
// trend 'Z' (ets:ZZdZ), not ets(model = "ZAZ", damped = TRUE): R counts the two trend
// parameters against the data only for an explicit trend, so on 8 quarterly values the first
// is ETS(M,Ad,N) by likelihood and the second Holt's least squares (they agree from n = 13).
// Fixtures: tests/forecast/data/generate_auto_short_reference.R.
TEST(Engine, AutoOnShortSeriesEqualsRsProcedure) {
  const test::csv_table t(test::test_data_path("forecast/data/auto_short_ref.csv"));
  ASSERT_EQ(t.size(), 60u);
  std::size_t bounds_checked = 0;
  const auto close = [](double a, double r) { return std::abs(a - r) <= 1e-6 * std::max(1.0, std::abs(r)); };
  for (std::size_t r = 0; r < t.size(); r += 6) {
    SCOPED_TRACE(t.text(r, "case") + " (R: " + t.text(r, "r_models") + ")");
    const std::vector<double> y = values_of(t, r);
    const int m = static_cast<int>(t.number(r, "frequency"));
    const auto a = forecast::fit_forecast(y, m, forecast::parse_method("auto"), 6);
    ASSERT_EQ(a.values.intervals.size(), 2u);
    for (std::size_t i = 0; i < 6; ++i) {
      SCOPED_TRACE("h = " + std::to_string(i + 1));
      EXPECT_PRED2(close, a.values.mean[i], t.number(r + i, "mean"));
      // R's bounds of a Holt trend fitted by HoltWintersZZ take its beta* as the ETS beta
      // (docs/r-differences.md, test EtsTiny.TrendIntervalsUseTheEtsBeta): means only there.
      if (t.text(r, "r_tiny_trend") == "TRUE") continue;
      EXPECT_PRED2(close, a.values.intervals[0].lower[i], t.number(r + i, "lo80"));
      EXPECT_PRED2(close, a.values.intervals[0].upper[i], t.number(r + i, "hi80"));
      EXPECT_PRED2(close, a.values.intervals[1].lower[i], t.number(r + i, "lo95"));
      EXPECT_PRED2(close, a.values.intervals[1].upper[i], t.number(r + i, "hi95"));
      ++bounds_checked;
    }
  }
  EXPECT_EQ(bounds_checked, 54u);  // every case but y6
}

// `auto` fitted once (fitted_method) on R's fixtures (auto_short_ref.csv, the same R procedure
// as the test above): forecast at 3 steps and then at 6, each equal to R's median of its
// members' forecasts for that horizon; a step's forecast does not depend on the horizon asked for.
TEST(Engine, AutoFittedOnceForecastsAnyHorizonAsR) {
  const test::csv_table t(test::test_data_path("forecast/data/auto_short_ref.csv"));
  ASSERT_EQ(t.size(), 60u);
  const auto close = [](double a, double r) { return std::abs(a - r) <= 1e-6 * std::max(1.0, std::abs(r)); };
  for (std::size_t r = 0; r < t.size(); r += 6) {
    SCOPED_TRACE(t.text(r, "case") + " (R: " + t.text(r, "r_models") + ")");
    const std::vector<double> y = values_of(t, r);
    const auto fit = forecast::fit_method(y, static_cast<int>(t.number(r, "frequency")), forecast::parse_method("auto"));
    const auto three = fit.forecast(3, {.levels = {95}});
    const auto six = fit.forecast(6);
    ASSERT_EQ(three.values.mean.size(), 3u);
    ASSERT_EQ(six.values.mean.size(), 6u);
    for (std::size_t i = 0; i < 6; ++i) {
      EXPECT_PRED2(close, six.values.mean[i], t.number(r + i, "mean"));
      if (i < 3) {
        EXPECT_PRED2(close, three.values.mean[i], t.number(r + i, "mean"));
        EXPECT_EQ(three.values.intervals[0].upper[i], six.values.intervals[1].upper[i]);
      }
    }
    EXPECT_EQ(six.model.method, three.model.method);
  }
}

// A fitted object refuses what does not belong to it: forecasting when nothing was fitted, a
// Box-Cox setting other than the fit's (it was chosen when fitting), and the forecast's own bad
// arguments, each saying so; the fit's own settings passed again are accepted.
TEST(Engine, FittedMethodRefusesWhatIsNotItsOwn) {
  const std::vector<double> y = {10, 12, 13, 15, 14, 17, 19, 18, 21, 23};
  forecast::fitted_method none;
  EXPECT_TRUE(none.empty());
  try {
    (void)none.forecast(3);
    FAIL() << "expected invalid_argument";
  } catch (const invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("fitted_method::forecast: nothing was fitted (make the object with fit_method())"));
  }
  EXPECT_THROW((void)none.spec(), invalid_argument);
  forecast::forecast_options fit_opt;
  fit_opt.lambda = 0.5;
  const auto fit = forecast::fit_method(y, 1, forecast::parse_method("drift"), fit_opt);
  ASSERT_TRUE(fit.lambda().has_value());
  EXPECT_EQ(*fit.lambda(), 0.5);
  forecast::forecast_options other;
  other.lambda = 0.0;
  try {
    (void)fit.forecast(3, other);
    FAIL() << "expected invalid_argument";
  } catch (const invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("the Box-Cox transformation belongs to the fit (lambda = 0.5) and cannot change here "
                                    "(lambda = 0); leave lambda and lambda_auto unset, or fit again"));
  }
  forecast::forecast_options automatic;
  automatic.lambda_auto = true;
  EXPECT_THROW((void)fit.forecast(3, automatic), invalid_argument);
  EXPECT_NO_THROW((void)fit.forecast(3, fit_opt));
  EXPECT_THROW((void)fit.forecast(0), invalid_argument);
  EXPECT_THROW((void)fit.forecast(3, {.levels = {100}}), invalid_argument);
  forecast::forecast_options simulate;
  simulate.simulate = true;
  try {
    (void)forecast::fit_method(y, 1, forecast::parse_method("theta")).forecast(3, simulate);
    FAIL() << "expected invalid_argument";
  } catch (const invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("method 'theta' fits no ETS model, so there are no intervals to simulate"));
  }
  // Drift by hand: b = (23 - 10) / 9 and, with lambda = 0.5, on the Box-Cox scale
  // z = 2 (sqrt(y) - 1): the point forecast h steps on is the back-transformed z_n + h b_z.
  const double zn = 2 * (std::sqrt(23.0) - 1), z1 = 2 * (std::sqrt(10.0) - 1), bz = (zn - z1) / 9;
  const auto f = fit.forecast(2);
  EXPECT_NEAR(f.values.mean[1], std::pow(0.5 * (zn + 2 * bz) + 1, 2), 1e-9);
  EXPECT_NEAR(forecast::fit_method(y, 1, forecast::parse_method("drift")).forecast(4).values.mean[3], 23 + 4 * 13.0 / 9,
              1e-9);
}

// One fit shared by four threads (fitted_method::forecast() is const and its fit immutable): each
// forecast equals the same call made alone, for auto under Guerrero's lambda, comb with simulated
// intervals (seeded) and a seasonally adjusted ensemble, on monthly AirPassengers.
TEST(Engine, FittedMethodForecastsOnSeveralThreadsAtOnce) {
  const auto fixtures = test::load_series(test::test_data_path("forecast/data/ets_ref_series.csv"));
  const std::vector<double>& y = fixtures.at("AirPassengers").values;
  forecast::forecast_options automatic;
  automatic.lambda_auto = true;
  const std::vector<forecast::fitted_method> fits = {
      forecast::fit_method(y, 12, forecast::parse_method("auto"), automatic),
      forecast::fit_method(y, 12, forecast::parse_method("comb")),
      forecast::fit_method(y, 12, forecast::parse_method("median:sa:ets+theta+drift"))};
  const auto options = [&](std::size_t k, int call) {
    forecast::forecast_options o;
    if (k == 0) o = automatic;
    o.levels = {call % 2 ? 90.0 : 80.0, 99};
    o.simulate = k == 1;
    o.npaths = 500;
    o.seed = 7 + static_cast<std::uint64_t>(call);
    return o;
  };
  constexpr int calls = 6;
  std::vector<std::vector<double>> alone, shared(fits.size() * calls);
  for (std::size_t k = 0; k < fits.size(); ++k)
    for (int c = 0; c < calls; ++c) {
      const auto f = fits[k].forecast(6 + c, options(k, c));
      alone.push_back(f.values.mean);
      alone.back().insert(alone.back().end(), f.values.intervals[1].upper.begin(), f.values.intervals[1].upper.end());
    }
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int r = 0; r < 3; ++r)
        for (std::size_t k = 0; k < fits.size(); ++k)
          for (int c = 0; c < calls; ++c) {
            if ((c + t + r) % 4 != 0) continue;  // each (fit, call) by some thread, several at once
            const auto f = fits[k].forecast(6 + c, options(k, c));
            std::vector<double> v = f.values.mean;
            v.insert(v.end(), f.values.intervals[1].upper.begin(), f.values.intervals[1].upper.end());
            if (r == 0 && t == (4 - c % 4) % 4) shared[k * calls + static_cast<std::size_t>(c)] = std::move(v);
            else EXPECT_EQ(v, alone[k * calls + static_cast<std::size_t>(c)]) << k << " " << c;
          }
    });
  for (auto& th : threads) th.join();
  for (std::size_t i = 0; i < alone.size(); ++i) EXPECT_EQ(shared[i], alone[i]) << i;
}

// fit_series(): the series' usable observations fitted once; each forecast carries the periods
// after the last of them, the unit and the data note, exactly as forecast_series() does.
TEST(Engine, FittedSeriesForecastsWithPeriodsAsForecastSeries) {
  const series& s = data::vietnam_japan().at("vnm_jpn_total");
  const auto fit = forecast::fit_series(s, "auto");
  for (int h : {1, 6}) {
    const auto a = fit.forecast(h);
    const auto b = forecast::forecast_series(s, "auto", h);
    EXPECT_EQ(a.first, b.first);
    EXPECT_EQ(a.values.mean, b.values.mean);
    EXPECT_EQ(a.values.intervals[1].upper, b.values.intervals[1].upper);
    EXPECT_EQ(a.model.status_message, b.model.status_message);
    EXPECT_EQ(a.data_note, b.data_note);
    EXPECT_EQ(a.meta.unit, b.meta.unit);
    EXPECT_EQ(a.period_at(static_cast<std::size_t>(h - 1)).to_string(), b.period_at(static_cast<std::size_t>(h - 1)).to_string());
  }
  try {
    (void)forecast::fitted_series{}.forecast(0);
    FAIL() << "expected invalid_argument";
  } catch (const invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("fitted_series::forecast: nothing was fitted (make the object with fit_series())"));
  }
  EXPECT_EQ(fit.last_observation().to_string(), "2024");
  EXPECT_EQ(fit.forecast(6).period_at(5).to_string(), "2030");
  try {
    (void)fit.forecast(8000);
    FAIL() << "expected invalid_argument";
  } catch (const invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("would run past 9999"));
  }
}

// Under a Box-Cox lambda an ensemble combines its members on the data's scale, each as R forecasts
// it with `lambda` (and `biasadj`): R's median (auto) or mean of those, from
// tests/forecast/data/generate_auto_short_reference.R (auto_lambda_ref.csv): quarterly UKgas[1:40]
// with lambda = 0 and monthly AirPassengers[1:48] with 0.3 (four members: the median of four
// differs from the back-transformed median on the Box-Cox scale), mean:ets+drift with 0.5 and
// biasadj, and 12 annual values growing 30% a year with lambda = -0.5, where drift's point
// forecast lies beyond -1/lambda from step 4 (R: NA) and counts as +inf, above the other two, so
// the median is theta's; bounds R gives as NA are +inf (R: NA replaced by Inf before the median).
TEST(Engine, EnsemblesUnderBoxCoxCombineTheMembersOnTheDataScale) {
  const test::csv_table t(test::test_data_path("forecast/data/auto_lambda_ref.csv"));
  ASSERT_EQ(t.size(), 24u);
  const auto close = [](double a, double r) {
    return std::isinf(r) ? a == r : std::abs(a - r) <= 1e-6 * std::max(1.0, std::abs(r));
  };
  for (std::size_t r = 0; r < t.size(); r += 6) {
    SCOPED_TRACE(t.text(r, "case") + " (R: " + t.text(r, "r_models") + ")");
    const std::vector<double> y = values_of(t, r);
    forecast::forecast_options opt;
    opt.lambda = t.number(r, "lambda");
    opt.biasadj = t.text(r, "biasadj") == "TRUE";
    const auto a = forecast::fit_forecast(y, static_cast<int>(t.number(r, "frequency")),
                                          forecast::parse_method(t.text(r, "method")), 6, opt);
    // (R's Nelder-Mead also stops at its evaluation limit in some members: hit iteration limit.)
    EXPECT_NE(a.model.status, forecast::fit_status::failed) << a.model.status_message;
    ASSERT_EQ(a.values.intervals.size(), 2u);
    for (std::size_t i = 0; i < 6; ++i) {
      SCOPED_TRACE("h = " + std::to_string(i + 1));
      EXPECT_PRED2(close, a.values.mean[i], t.number(r + i, "mean"));
      EXPECT_PRED2(close, a.values.intervals[0].lower[i], t.number(r + i, "lo80"));
      EXPECT_PRED2(close, a.values.intervals[0].upper[i], t.number(r + i, "hi80"));
      EXPECT_PRED2(close, a.values.intervals[1].lower[i], t.number(r + i, "lo95"));
      EXPECT_PRED2(close, a.values.intervals[1].upper[i], t.number(r + i, "hi95"));
    }
    if (*opt.lambda < 0) {
      EXPECT_THAT(a.model.status_message, HasSubstr("drift: the point forecast at steps 4-6 lies beyond -1/lambda = 2 on the "
                                                    "Box-Cox scale (lambda = -0.5), where the inverse transformation has no "
                                                    "value: counted as +inf, above every finite forecast"));
      EXPECT_THAT(a.model.status_message, HasSubstr("the upper 80% bound at steps 3-6, the upper 95% bound at steps 2-6 are "
                                                    "unbounded (+inf)"));
    }
    // One lambda among the parameters, not one per member.
    EXPECT_EQ(std::count_if(a.model.parameters.begin(), a.model.parameters.end(),
                            [](const auto& p) { return p.first.find("lambda") != std::string::npos; }),
              1);
  }
}

// Under Box-Cox every ETS search is additive, as R's ets(y, lambda = ...) is (additive.only), also
// for an ETS model nested two levels down (sa:ets inside an ensemble). AirPassengers seasonally
// adjusted selects ETS(M,A,N) untransformed; with lambda = 1 (y - 1, still positive) it must
// select among additive models only.
TEST(Engine, BoxCoxMakesNestedEtsSearchesAdditive) {
  const auto fixtures = test::load_series(test::test_data_path("forecast/data/ets_ref_series.csv"));
  const std::vector<double>& y = fixtures.at("AirPassengers").values;
  const auto spec = forecast::parse_method("median:sa:ets+theta");
  const auto plain = forecast::fit_forecast(y, 12, spec, 3);
  EXPECT_THAT(plain.model.method, HasSubstr("ETS(M,A,N) (seasonally adjusted"));
  forecast::forecast_options opt;
  opt.lambda = 1.0;
  const auto boxcox = forecast::fit_forecast(y, 12, spec, 3, opt);
  EXPECT_THAT(boxcox.model.method, HasSubstr("ETS(A,"));
  EXPECT_THAT(boxcox.model.method, Not(HasSubstr("ETS(M,")));
}

// Only a forecast above every finite value (beyond -1/lambda, or an overflow) counts as +inf in a
// combination. The bias adjustment of a negative back-transformed forecast has no value at all
// (R: NA): it is not ranked above the others (it would lift the median) but fails the member, and
// the combination with it, saying why. Holt on a series falling 100, 92, ..., 20 with lambda = 0.3
// forecasts below zero by step 12, where (negative)^(2 * 0.3) is undefined.
TEST(Engine, UndefinedBiasAdjustedMemberFailsTheEnsembleSayingWhy) {
  const std::vector<double> y = {100, 92, 85, 77, 70, 62, 55, 47, 40, 33, 27, 20};
  forecast::forecast_options opt;
  opt.lambda = 0.3;
  opt.biasadj = true;
  const auto holt = forecast::fit_forecast(y, 1, forecast::parse_method("holt"), 12, opt);
  EXPECT_EQ(holt.model.status, forecast::fit_status::failed);
  EXPECT_THAT(holt.model.status_message,
              HasSubstr("the point forecast at step 12 has no value on the data's scale: the bias-adjusted mean (biasadj)"));
  const auto med = forecast::fit_forecast(y, 1, forecast::parse_method("median:holt+ses+naive"), 12, opt);
  EXPECT_EQ(med.model.status, forecast::fit_status::failed);
  EXPECT_THAT(med.model.status_message, HasSubstr("holt: the point forecast at step 12 has no value on the data's scale"));
  EXPECT_THAT(med.model.status_message, Not(HasSubstr("counted as +inf")));
  EXPECT_THAT(med.model.status_message, Not(HasSubstr("choose a lambda >= 0")));
}

// With lambda > 0 the inverse keeps the sign, so a forecast far below zero overflows to -inf: it
// has no finite value (the message says the inverse exceeds double precision, not that it is
// undefined), and in a combination it ranks below every finite member instead of failing it.
// By hand: 1e100, 1e50, 1 with lambda = 0.001 are z = 258.9, 122.0, 0 on the Box-Cox scale;
// drift falls 129.5 a step, so at step 30 1 + lambda z = -2.88 and its signed 1000th power is
// about -1e460: -inf. naive stays at 1 and mean at (1 + 0.127)^1000, about 1e52, so the median of
// the three is naive's 1.
TEST(Engine, DownwardOverflowRanksBelowInACombination) {
  const std::vector<double> y = {1e100, 1e50, 1};
  forecast::forecast_options opt;
  opt.lambda = 0.001;
  const auto drift = forecast::fit_forecast(y, 1, forecast::parse_method("drift"), 30, opt);
  EXPECT_EQ(drift.model.status, forecast::fit_status::failed);
  EXPECT_THAT(drift.model.status_message, HasSubstr("exceeds double precision"));
  EXPECT_THAT(drift.model.status_message, Not(HasSubstr("is undefined there")));
  const auto med = forecast::fit_forecast(y, 1, forecast::parse_method("median:drift+naive+mean"), 30, opt);
  EXPECT_NE(med.model.status, forecast::fit_status::failed) << med.model.status_message;
  const auto naive = forecast::fit_forecast(y, 1, forecast::parse_method("naive"), 30, opt);
  EXPECT_DOUBLE_EQ(med.values.mean[29], naive.values.mean[29]);
  EXPECT_THAT(med.model.status_message, HasSubstr("counted as an infinity of its sign, beyond every finite forecast"));
}

// Inside sa: an ETS model fits the seasonally adjusted series, so its constant-series shortcut is
// decided on that series, not on the data (a purely seasonal series is constant once adjusted):
// with lambda = 1, a mere shift, sa:ets gives the same SES shortcut as without it.
TEST(Engine, ConstantShortcutInsideSeasonalAdjustmentFollowsTheAdjustedSeries) {
  std::vector<double> y;
  for (int k = 0; k < 28; ++k) y.push_back(10.0 * (k % 4 + 1));
  const auto plain = forecast::fit_forecast(y, 4, forecast::parse_method("sa:ets"), 4);
  forecast::forecast_options opt;
  opt.lambda = 1.0;
  const auto shifted = forecast::fit_forecast(y, 4, forecast::parse_method("sa:ets"), 4, opt);
  EXPECT_THAT(plain.model.status_message, HasSubstr("constant series"));
  EXPECT_THAT(shifted.model.status_message, HasSubstr("constant series"));
  for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(shifted.values.mean[i], plain.values.mean[i], 1e-9);
}

// A combination whose median is itself such a +inf has no value: it fails and says which members
// were beyond -1/lambda. The same growth, 20% a year, lambda = -0.9: theta is beyond from step 5
// and drift from step 3, so the median of ETS, theta and drift is +inf at steps 5 and 6.
TEST(Engine, EnsembleWhoseMedianIsBeyondTheInverseDomainFailsSayingWhy) {
  std::vector<double> y;
  for (int i = 0; i < 12; ++i) y.push_back(std::round(std::pow(1.2, i) * (1 + 0.05 * std::sin(1.7 * i)) * 1e4) / 1e4);
  forecast::forecast_options opt;
  opt.lambda = -0.9;
  const auto a = forecast::fit_forecast(y, 1, forecast::parse_method("auto"), 6, opt);
  EXPECT_EQ(a.model.status, forecast::fit_status::failed);
  EXPECT_THAT(a.model.status_message,
              HasSubstr("the combined point forecast at steps 5-6 is infinite, from members' point forecasts with no value on "
                        "the data's scale (theta: the point forecast at steps 5-6 lies beyond -1/lambda = 1.11111"));
  EXPECT_THAT(a.model.status_message, HasSubstr("drift: the point forecast at steps 3-6 lies beyond"));
  for (std::size_t i = 0; i < 4; ++i) EXPECT_TRUE(std::isfinite(a.values.mean[i])) << "step " << i + 1;
}

// `auto` is the step-by-step median of its members' forecasts: ets, theta and drift on
// non-seasonal data; with damped ETS (ets:ZZdZ) as a fourth member when m > 1, where the median of
// four is the mean of the middle two. Checked against the members fitted one by one.
TEST(Engine, AutoIsTheMedianOfItsMembersWithDampedEtsOnSeasonalData) {
  const auto fixtures = test::load_series(test::test_data_path("forecast/data/ets_ref_series.csv"));
  const std::vector<double>& ukgas = fixtures.at("UKgas").values;  // quarterly
  const std::vector<double> y(ukgas.begin(), ukgas.begin() + 60);
  const int h = 8;
  auto member = [&](const char* name, int m) {
    return forecast::fit_forecast(y, m, forecast::parse_method(name), h).values;
  };
  for (const int m : {4, 1}) {
    SCOPED_TRACE("m = " + std::to_string(m));
    const auto a = forecast::fit_forecast(y, m, forecast::parse_method("auto"), h);
    std::vector<forecast::forecast_values> parts{member("ets", m), member("theta", m), member("drift", m)};
    if (m > 1) parts.push_back(member("ets:ZZdZ", m));
    EXPECT_THAT(a.model.method, HasSubstr(m > 1 ? "Random walk with drift, ETS(" : "Random walk with drift"));
    EXPECT_EQ(a.model.method.find("Ad", a.model.method.find("drift")) != std::string::npos, m > 1);
    for (std::size_t i = 0; i < static_cast<std::size_t>(h); ++i) {
      std::vector<double> v;
      for (const auto& p : parts) v.push_back(p.mean[i]);
      std::sort(v.begin(), v.end());
      const double median = v.size() == 4 ? 0.5 * (v[1] + v[2]) : v[1];
      EXPECT_DOUBLE_EQ(a.values.mean[i], median) << "step " << i + 1;
      std::vector<double> lo;
      for (const auto& p : parts) lo.push_back(p.intervals[1].lower[i]);
      std::sort(lo.begin(), lo.end());
      EXPECT_DOUBLE_EQ(a.values.intervals[1].lower[i], lo.size() == 4 ? 0.5 * (lo[1] + lo[2]) : lo[1]);
    }
  }
}

}  // namespace tradecast
