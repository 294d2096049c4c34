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
    const std::string ccase = key.substr(0, key.find('|'));
    const std::string method = key.substr(ccase.size() + 1, key.find('|', ccase.size() + 1) - ccase.size() - 1);
    const auto& s = series.at(ccase);
    double scale = 0;
    for (double v : s.values) scale += std::fabs(v);
    scale /= static_cast<double>(s.values.size());
    forecast::forecast_options opt;
    if (f.lambda == "auto") opt.lambda_auto = true;
    else if (!f.lambda.empty()) opt.lambda = std::stod(f.lambda);
    opt.biasadj = f.biasadj;
    const int h = static_cast<int>(f.mean.size());
    const auto spec = forecast::parse_method(method);
    const auto r = forecast::fit_forecast(s.values, s.period(), spec, h, opt);
    const std::string label = ccase + " " + method + " lambda=" + f.lambda + " biasadj=" + std::to_string(f.biasadj) +
                              " (R: " + f.r_call + ")";
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
