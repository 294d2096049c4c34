#include <algorithm>
#include <cmath>
#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tradecast/data/vietnam_japan.hpp"
#include "forecast/fixtures.hpp"
#include "tradecast/forecast/engine.hpp"

using namespace tradecast;
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
  EXPECT_THAT(u.note, HasSubstr("2021 is missing and is not interpolated, so the 32 earlier observation(s) are not used"));
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

// `auto` is the step-by-step median of its members' forecasts: ets, theta and drift on
// non-seasonal data; with damped ETS (ets:ZAdZ) as a fourth member when m > 1, where the median of
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
    if (m > 1) parts.push_back(member("ets:ZAdZ", m));
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
