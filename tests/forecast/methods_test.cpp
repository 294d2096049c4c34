// Every method name of the engine against R's corresponding function (forecast 8.20):
// tests/forecast/data/method_ref.csv, written by generate_method_reference.R. Each fixture row
// carries the R call it came from (column r_call), e.g. holt(y, damped = TRUE, h = h).
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fixtures.hpp"
#include "tradecast/forecast/engine.hpp"

// Inside the library's namespace rather than `using namespace`, so that the names stay in this
// file when the module's tests are compiled as one unit (UNITY_BUILD).
namespace tradecast {
using tradecast::test::csv_table;
using tradecast::test::rel_diff;
using tradecast::test::test_data_path;

namespace {

struct reference_forecast {
  std::string r_call, r_method, lambda;
  bool biasadj = false;
  std::vector<double> mean, lo80, hi80, lo95, hi95;
};

// (case, method, lambda, biasadj) -> R's forecasts.
std::map<std::string, reference_forecast> load_reference() {
  const csv_table t(test_data_path("forecast/data/method_ref.csv"));
  std::map<std::string, reference_forecast> out;
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::string key = t.text(r, "case") + "|" + t.text(r, "method") + "|" + t.text(r, "lambda") + "|" +
                            t.text(r, "biasadj");
    reference_forecast& f = out[key];
    f.r_call = t.text(r, "r_call");
    f.r_method = t.text(r, "r_method");
    f.lambda = t.text(r, "lambda");
    f.biasadj = t.text(r, "biasadj") == "1";
    f.mean.push_back(t.number(r, "mean"));
    f.lo80.push_back(t.number(r, "lo80"));
    f.hi80.push_back(t.number(r, "hi80"));
    f.lo95.push_back(t.number(r, "lo95"));
    f.hi95.push_back(t.number(r, "hi95"));
  }
  return out;
}

// Difference scaled by the series' magnitude (bounds can cross zero, where a relative difference
// says nothing).
double scaled_diff(double a, double b, double scale) { return std::fabs(a - b) / scale; }

// One fixture case: its series, the method, the options R's call had (lambda, biasadj), the
// series' mean absolute value (the tolerances' scale) and a label naming the R call.
struct fixture_case {
  const tradecast::test::fixture_series* s = nullptr;
  std::string method, label;
  forecast::forecast_options opt;
  double scale = 0;
  int h = 0;
};

fixture_case case_of(const std::string& key, const reference_forecast& f,
                     const std::map<std::string, tradecast::test::fixture_series>& series) {
  fixture_case c;
  const std::string ccase = key.substr(0, key.find('|'));
  c.method = key.substr(ccase.size() + 1, key.find('|', ccase.size() + 1) - ccase.size() - 1);
  c.s = &series.at(ccase);
  for (double v : c.s->values) c.scale += std::fabs(v);
  c.scale /= static_cast<double>(c.s->values.size());
  if (f.lambda == "auto") c.opt.lambda_auto = true;
  else if (!f.lambda.empty()) c.opt.lambda = std::stod(f.lambda);
  c.opt.biasadj = f.biasadj;
  c.h = static_cast<int>(f.mean.size());
  c.label = ccase + " " + c.method + " lambda=" + f.lambda + " biasadj=" + std::to_string(f.biasadj) + " (R: " + f.r_call + ")";
  return c;
}

}  // namespace

// For each fixture case: tradecast's engine with the same method name, lambda and biasadj gives
// R's point forecasts and 80/95% bounds. Tolerance 1e-6 of the series' mean absolute value (all
// these methods are deterministic given R's optimiser path, which tradecast follows).
TEST(Methods, MatchRFunctions) {
  const auto series = tradecast::test::load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const auto ref = load_reference();
  ASSERT_GE(ref.size(), 60U);
  int checked = 0;
  for (const auto& [key, f] : ref) {
    const fixture_case c = case_of(key, f, series);
    const auto& s = *c.s;
    const double scale = c.scale;
    const std::string& label = c.label;
    const auto r = forecast::fit_forecast(s.values, s.period(), forecast::parse_method(c.method), c.h, c.opt);
    ASSERT_EQ(r.values.mean.size(), f.mean.size()) << label;
    ASSERT_EQ(r.values.intervals.size(), 2U) << label;
    for (std::size_t i = 0; i < f.mean.size(); ++i) {
      const std::string at = label + " h=" + std::to_string(i + 1);
      EXPECT_LE(scaled_diff(r.values.mean[i], f.mean[i], scale), 1e-6) << at << " mean " << r.values.mean[i] << " vs R " << f.mean[i];
      EXPECT_LE(scaled_diff(r.values.intervals[0].lower[i], f.lo80[i], scale), 1e-6) << at << " lo80";
      EXPECT_LE(scaled_diff(r.values.intervals[0].upper[i], f.hi80[i], scale), 1e-6) << at << " hi80";
      EXPECT_LE(scaled_diff(r.values.intervals[1].lower[i], f.lo95[i], scale), 1e-6) << at << " lo95";
      EXPECT_LE(scaled_diff(r.values.intervals[1].upper[i], f.hi95[i], scale), 1e-6) << at << " hi95";
    }
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(ref.size()));
}

// One fit, any horizon and levels (fitted_method): every fixture case fitted once by
// fit_method(), then forecast at R's horizon with the levels in the other order (95, 80), at
// one step with 80% only, and at R's horizon again with the default levels: each equals R's
// numbers (the R calls in column r_call) to the tolerance above, and the last equals
// fit_forecast() bit for bit (a forecast leaves the fit as it was).
TEST(Methods, OneFitForecastsAnyHorizonAndLevels) {
  const auto series = tradecast::test::load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const auto ref = load_reference();
  int checked = 0;
  for (const auto& [key, f] : ref) {
    const fixture_case c = case_of(key, f, series);
    forecast::forecast_options fit_opt;  // the fit takes only the Box-Cox settings
    fit_opt.lambda = c.opt.lambda;
    fit_opt.lambda_auto = c.opt.lambda_auto;
    const auto spec = forecast::parse_method(c.method);
    const forecast::fitted_method fit = forecast::fit_method(c.s->values, c.s->period(), spec, fit_opt);
    ASSERT_FALSE(fit.empty()) << c.label;
    EXPECT_EQ(fit.observations(), c.s->values.size()) << c.label;
    EXPECT_EQ(fit.seasonal_period(), c.s->period()) << c.label;
    EXPECT_EQ(fit.lambda().has_value(), !f.lambda.empty()) << c.label;
    const int h = c.h;
    forecast::forecast_options reversed;
    reversed.levels = {95, 80};
    reversed.biasadj = f.biasadj;
    const auto r = fit.forecast(h, reversed);
    forecast::forecast_options one;
    one.levels = {80};
    one.biasadj = f.biasadj;
    const auto r1 = fit.forecast(1, one);
    ASSERT_EQ(r.values.mean.size(), f.mean.size()) << c.label;
    ASSERT_EQ(r.values.intervals.size(), 2U) << c.label;
    EXPECT_EQ(r.values.intervals[0].level, 95) << c.label;
    ASSERT_EQ(r1.values.mean.size(), 1U) << c.label;
    ASSERT_EQ(r1.values.intervals.size(), 1U) << c.label;
    for (std::size_t i = 0; i < f.mean.size(); ++i) {
      const std::string at = c.label + " h=" + std::to_string(i + 1);
      EXPECT_LE(scaled_diff(r.values.mean[i], f.mean[i], c.scale), 1e-6) << at << " mean";
      EXPECT_LE(scaled_diff(r.values.intervals[1].lower[i], f.lo80[i], c.scale), 1e-6) << at << " lo80";
      EXPECT_LE(scaled_diff(r.values.intervals[1].upper[i], f.hi80[i], c.scale), 1e-6) << at << " hi80";
      EXPECT_LE(scaled_diff(r.values.intervals[0].lower[i], f.lo95[i], c.scale), 1e-6) << at << " lo95";
      EXPECT_LE(scaled_diff(r.values.intervals[0].upper[i], f.hi95[i], c.scale), 1e-6) << at << " hi95";
    }
    EXPECT_LE(scaled_diff(r1.values.mean[0], f.mean[0], c.scale), 1e-6) << c.label << " one step";
    EXPECT_LE(scaled_diff(r1.values.intervals[0].lower[0], f.lo80[0], c.scale), 1e-6) << c.label << " one step lo80";
    EXPECT_LE(scaled_diff(r1.values.intervals[0].upper[0], f.hi80[0], c.scale), 1e-6) << c.label << " one step hi80";
    forecast::forecast_options again = fit_opt;  // the fit's Box-Cox settings may be passed again
    again.biasadj = f.biasadj;
    const auto a = fit.forecast(h, again);
    const auto b = forecast::fit_forecast(c.s->values, c.s->period(), spec, h, again);
    EXPECT_EQ(a.values.mean, b.values.mean) << c.label;
    ASSERT_EQ(a.values.intervals.size(), b.values.intervals.size()) << c.label;
    for (std::size_t k = 0; k < a.values.intervals.size(); ++k) {
      EXPECT_EQ(a.values.intervals[k].lower, b.values.intervals[k].lower) << c.label;
      EXPECT_EQ(a.values.intervals[k].upper, b.values.intervals[k].upper) << c.label;
    }
    EXPECT_EQ(a.model.method, b.model.method) << c.label;
    EXPECT_EQ(a.model.status_message, b.model.status_message) << c.label;
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(ref.size()));
}

// The smoothing methods print R's names (ses(), holt(), hw() set fcast$method).
TEST(Methods, SmoothingMethodsCarryRNames) {
  const auto series = tradecast::test::load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const auto ref = load_reference();
  for (const char* method : {"ses", "holt", "damped", "hw-add", "hw-mult", "comb"}) {
    const auto& f = ref.at(std::string("AirPassengers|") + method + "||0");
    const auto r = forecast::fit_forecast(series.at("AirPassengers").values, 12, forecast::parse_method(method), 3);
    EXPECT_THAT(r.model.method, ::testing::StartsWith(f.r_method)) << method;
  }
}

// Ensembles: mean and median of the members' forecasts, bound by bound (hand calculation from the
// members' own forecasts).
TEST(Methods, EnsemblesCombineMembersStepByStep) {
  const auto series = tradecast::test::load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const auto& y = series.at("WWWusage").values;
  const auto a = forecast::fit_forecast(y, 1, forecast::parse_method("naive"), 5);
  const auto b = forecast::fit_forecast(y, 1, forecast::parse_method("drift"), 5);
  const auto c = forecast::fit_forecast(y, 1, forecast::parse_method("theta"), 5);
  const auto mean3 = forecast::fit_forecast(y, 1, forecast::parse_method("mean:naive+drift+theta"), 5);
  const auto med3 = forecast::fit_forecast(y, 1, forecast::parse_method("median:naive+drift+theta"), 5);
  for (std::size_t i = 0; i < 5; ++i) {
    const double x[] = {a.values.mean[i], b.values.mean[i], c.values.mean[i]};
    EXPECT_NEAR(mean3.values.mean[i], (x[0] + x[1] + x[2]) / 3, 1e-9);
    const double lo = std::min({x[0], x[1], x[2]}), hi = std::max({x[0], x[1], x[2]});
    EXPECT_NEAR(med3.values.mean[i], x[0] + x[1] + x[2] - lo - hi, 1e-9);
    const double u[] = {a.values.intervals[1].upper[i], b.values.intervals[1].upper[i], c.values.intervals[1].upper[i]};
    EXPECT_NEAR(mean3.values.intervals[1].upper[i], (u[0] + u[1] + u[2]) / 3, 1e-9);
  }
  EXPECT_THAT(mean3.model.method, ::testing::StartsWith("Mean of Naive method"));
  EXPECT_THAT(med3.model.method, ::testing::StartsWith("Median of"));
}

TEST(Methods, ParseRejectsMalformedNamesNamingThem) {
  EXPECT_THROW((void)forecast::parse_method("mean:naive"), invalid_argument);
  EXPECT_THROW((void)forecast::parse_method("median:naive++drift"), invalid_argument);
  EXPECT_THROW((void)forecast::parse_method("mean:naive+median:drift+theta"), invalid_argument);
  // a damped trend without a trend (was accepted here and refused only by the fit)
  try {
    (void)forecast::parse_method("ets:ANdN");
    FAIL() << "expected invalid_argument";
  } catch (const invalid_argument& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("method 'ets:ANdN': a damped trend needs a trend (ets:AAdN, or Z to select it)"));
  }
  EXPECT_NO_THROW((void)forecast::parse_method("ets:AZdN"));
  try {
    (void)forecast::parse_method("mean:naive+arima");
    FAIL() << "expected not_found";
  } catch (const not_found& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("'arima'"));
  }
  EXPECT_THROW((void)forecast::ets_spec_for("theta"), invalid_argument);
}

// Box-Cox: refused where the method models logs already, and on data it cannot transform.
TEST(Methods, BoxCoxArgumentsAreChecked) {
  const std::vector<double> y{1, 2, 3, 4, 5, 6, 7, 8};
  forecast::forecast_options opt;
  opt.lambda = 0.5;
  EXPECT_THROW((void)forecast::fit_forecast(y, 1, forecast::parse_method("cagr"), 3, opt), invalid_argument);
  EXPECT_THROW((void)forecast::fit_forecast(y, 1, forecast::parse_method("mean:logtrend+naive"), 3, opt), invalid_argument);
  const std::vector<double> neg{1, -2, 3, 4, 5, 6, 7, 8};
  opt.lambda = 0;
  try {
    (void)forecast::fit_forecast(neg, 1, forecast::parse_method("naive"), 3, opt);
    FAIL() << "expected invalid_argument";
  } catch (const invalid_argument& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("observation 2"));
  }
  const std::vector<double> gap{1, std::nan(""), 3, 4};
  EXPECT_THROW((void)forecast::fit_forecast(gap, 1, forecast::parse_method("naive"), 3), invalid_argument);
}

}  // namespace tradecast
