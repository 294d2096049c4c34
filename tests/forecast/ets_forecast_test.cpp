// SPDX-License-Identifier: MIT
// ETS forecasts (R's forecast.ets) against R 4.2.2 + forecast 8.20, and the two places where
// tradecast deliberately differs from CRAN forecast (docs/r-differences.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "forecast/ets_fixture_spec.hpp"
#include "forecast/fixtures.hpp"
#include "tradecast/forecast/ets.hpp"

namespace {

using tradecast::forecast::ets_fit;
using tradecast::forecast::ets_forecast_options;
using tradecast::forecast::ets_spec;
using tradecast::forecast::fit_ets;
using tradecast::forecast::forecast_ets;
using tradecast::test::csv_table;
using tradecast::test::fixture_method;
using tradecast::test::load_series;
using tradecast::test::rel_diff;
using tradecast::test::test_data_path;

// forecast(ets(y, <spec>), h = 2m or 10, level = c(80, 95)) for every fixture fit (R calls in
// generate_ets_reference.R). Compared where the model and the log-likelihood agree with R's:
// means within 0.5 %, interval bounds within 2 %.
TEST(EtsForecast, MatchesRForecasts) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const csv_table fc(test_data_path("forecast/data/ets_ref_forecast.csv"));
  int compared = 0, skipped = 0, within = 0;
  for (const char* file : {"forecast/data/ets_ref_auto.csv", "forecast/data/ets_ref_fixed.csv"}) {
    const csv_table fits(test_data_path(file));
    for (std::size_t r = 0; r < fits.size(); ++r) {
      const std::string name = fits.text(r, "case");
      const std::string spec = fits.text(r, "spec");
      const auto& s = series.at(name);
      const ets_fit fit = fit_ets(s.values, s.period(), tradecast::test::parse_ets_spec(spec));
      const double rl = fits.number(r, "loglik");
      if (fit.method != fixture_method(fits.text(r, "method")) || (!std::isnan(rl) && rel_diff(fit.loglik, rl) > 1e-6)) {
        ++skipped;
        continue;
      }
      std::vector<std::size_t> rows;
      for (std::size_t k = 0; k < fc.size(); ++k)
        if (fc.text(k, "case") == name && fc.text(k, "spec") == spec) rows.push_back(k);
      ASSERT_FALSE(rows.empty()) << name << " " << spec;
      const double levels[] = {80, 95};
      const auto out = forecast_ets(fit, static_cast<int>(rows.size()), levels);
      double worst_mean = 0, worst_pi = 0;
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::size_t k = rows[i];
        worst_mean = std::max(worst_mean, rel_diff(out.mean[i], fc.number(k, "mean")));
        worst_pi = std::max({worst_pi, rel_diff(out.intervals[0].lower[i], fc.number(k, "lo80")),
                             rel_diff(out.intervals[0].upper[i], fc.number(k, "hi80")),
                             rel_diff(out.intervals[1].lower[i], fc.number(k, "lo95")),
                             rel_diff(out.intervals[1].upper[i], fc.number(k, "hi95"))});
      }
      EXPECT_LE(worst_mean, 0.005) << name << " " << spec << " " << fit.method;
      EXPECT_LE(worst_pi, 0.02) << name << " " << spec << " " << fit.method;
      ++compared;
      if (worst_mean <= 1e-6 && worst_pi <= 1e-4) ++within;
    }
  }
  std::cout << "[ parity   ] forecasts compared for " << compared << " fits (" << within
            << " within 1e-6 / 1e-4), skipped " << skipped << "\n";
  EXPECT_GT(compared, 50);
}

// Notes §7 C: forecast(ets(AirPassengers)) h = 1: 441.8018, 80% [419.6256, 463.9780] (class 3,
// including R's damped class-3 mean (l + b)·s_m at h = 1).
TEST(EtsForecast, AirPassengersClass3) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const ets_fit fit = fit_ets(series.at("AirPassengers").values, 12);
  const double levels[] = {80};
  const auto fc = forecast_ets(fit, 24, levels);
  EXPECT_NEAR(fc.mean[0], 441.8018, 5e-4);
  EXPECT_NEAR(fc.intervals[0].lower[0], 419.6256, 5e-4);
  EXPECT_NEAR(fc.intervals[0].upper[0], 463.9780, 5e-4);
  const auto& x = fit.final_state;
  EXPECT_NEAR(fc.mean[0], (x[0] + x[1]) * x[13], 1e-9);
}

// Notes §7 C: forecast(ets(WWWusage)) h = 1: 218.3663, 95% [211.5136, 225.2190] (class 1).
TEST(EtsForecast, WWWusageClass1) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const ets_fit fit = fit_ets(series.at("WWWusage").values, 1);
  const double levels[] = {95};
  const auto fc = forecast_ets(fit, 10, levels);
  EXPECT_NEAR(fc.mean[0], 218.3663, 5e-5);
  EXPECT_NEAR(fc.intervals[0].lower[0], 211.5136, 5e-5);
  EXPECT_NEAR(fc.intervals[0].upper[0], 225.2190, 5e-5);
}

// Class 1 for ETS(A,N,A): x = (l, s_1..s_m), H = (1, 0..0, 1), G = (α, γ, 0, …, 0)'. The seasonal
// innovation enters the newest seasonal state and reaches the forecast after m steps, so
// c_j = H F^{j-1} G = α + γ·[j ≡ 0 mod m] and v_h = σ²(1 + Σ_{j<h} c_j²):
//   v_m = σ²(1 + (m−1)α²),  v_{m+1} = σ²(1 + (m−1)α² + (α+γ)²).
// CRAN forecast 8.20 puts γ at G[3] (the second seasonal state), giving c_{m−1} = α + γ instead,
// so R's v_m = σ²(1 + (m−2)α² + (α+γ)²) and v_h agrees with ours for every other h ≤ 2m − 1.
// R: forecast(ets(USAccDeaths), h = 24) -> ETS(A,N,A) (fixture ets_ref_forecast.csv).
TEST(EtsForecast, Class1SeasonalGIndexIsTheCorrectOne) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const ets_fit fit = fit_ets(series.at("USAccDeaths").values, 12);
  ASSERT_EQ(fit.method, "ETS(A,N,A)");
  const double a = fit.alpha, g = fit.gamma, s2 = fit.sigma2;
  const int m = 12;
  const auto var = tradecast::forecast::ets_forecast_variance(fit, 24);
  for (int h = 1; h <= 24; ++h) {
    double sum = 0;
    for (int j = 1; j < h; ++j) {
      const double c = a + (j % m == 0 ? g : 0.0);
      sum += c * c;
    }
    EXPECT_NEAR(var[static_cast<std::size_t>(h - 1)], s2 * (1 + sum), 1e-9 * s2 * (1 + sum)) << h;
  }
  // Against R's numbers: identical except at h = 12 and h = 24.
  const csv_table fc(test_data_path("forecast/data/ets_ref_forecast.csv"));
  const double levels[] = {95};
  const auto out = forecast_ets(fit, 24, levels);
  const double z = tradecast::forecast::normal_multiplier(95);
  for (std::size_t k = 0, h = 0; k < fc.size(); ++k) {
    if (fc.text(k, "case") != "USAccDeaths" || fc.text(k, "spec") != "auto") continue;
    const double r_sd = (fc.number(k, "hi95") - fc.number(k, "mean")) / z;
    const double our_sd = (out.intervals[0].upper[h] - out.mean[h]) / z;
    ++h;
    if (h == 12) {
      // R's (CRAN) variance at h = m: σ²(1 + (m−2)α² + (α+γ)²).
      EXPECT_NEAR(r_sd * r_sd, s2 * (1 + (m - 2) * a * a + (a + g) * (a + g)), 1e-6 * r_sd * r_sd);
      EXPECT_GT(r_sd, our_sd);
    } else if (h == 24) {
      EXPECT_GT(r_sd, our_sd);
    } else {
      EXPECT_NEAR(our_sd, r_sd, 1e-6 * r_sd) << h;
    }
  }
}

// Damped multiplicative trend: ŷ_{n+h} = l·b^(φ+φ²+…+φ^h) (Hyndman et al. 2008, Table 2.1).
// CRAN forecast 8.20 accumulates φ* as φ, 2φ, 2φ+φ², … (φ + Σ_{j=1}^{h−1} φ^j), which is the
// correct sum only at h = 1.
TEST(EtsForecast, DampedMultiplicativeTrendUsesTheCorrectDampingSum) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  ets_spec spec;
  spec.error = 'M';
  spec.trend = 'M';
  spec.season = 'N';
  spec.damped = true;
  const ets_fit fit = fit_ets(series.at("austres").values, 4, spec);  // R: ets(austres, "MMN", damped = TRUE)
  ASSERT_EQ(fit.method, "ETS(M,Md,N)");
  const double l = fit.final_state[0], b = fit.final_state[1], phi = fit.phi;
  const double levels[] = {80};
  const auto fc = forecast_ets(fit, 8, levels);
  double phistar = 0, cran = 0;
  for (int h = 1; h <= 8; ++h) {
    phistar += std::pow(phi, h);
    cran = h == 1 ? phi : cran + std::pow(phi, h - 1);
    EXPECT_NEAR(fc.mean[static_cast<std::size_t>(h - 1)], l * std::pow(b, phistar), 1e-9 * l) << h;
    if (h >= 2) {
      EXPECT_GT(std::fabs(l * std::pow(b, cran) - fc.mean[static_cast<std::size_t>(h - 1)]), 0.0);
    }
  }
}

// Simulated intervals: reproducible for a seed; close to the analytic ones for a class-1 model.
TEST(EtsForecast, SimulatedIntervals) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const ets_fit fit = fit_ets(series.at("WWWusage").values, 1);
  const double levels[] = {80, 95};
  ets_forecast_options opt;
  opt.simulate = true;
  opt.seed = 7;
  const auto a = forecast_ets(fit, 10, levels, opt);
  const auto b = forecast_ets(fit, 10, levels, opt);
  EXPECT_EQ(a.intervals[1].lower, b.intervals[1].lower);
  opt.seed = 8;
  const auto c = forecast_ets(fit, 10, levels, opt);
  EXPECT_NE(a.intervals[1].lower, c.intervals[1].lower);
  const auto exact = forecast_ets(fit, 10, levels);
  for (std::size_t i = 0; i < 10; ++i) {
    EXPECT_NEAR(a.mean[i], exact.mean[i], 1e-9 * exact.mean[i]);  // point recursion = class-1 mean here
    const double w = exact.intervals[1].upper[i] - exact.intervals[1].lower[i];
    EXPECT_NEAR(a.intervals[1].upper[i], exact.intervals[1].upper[i], 0.05 * w) << i;
    EXPECT_NEAR(a.intervals[1].lower[i], exact.intervals[1].lower[i], 0.05 * w) << i;
  }
  opt.bootstrap = true;
  const auto boot = forecast_ets(fit, 10, levels, opt);
  EXPECT_LT(boot.intervals[1].lower[0], boot.mean[0]);
  EXPECT_GT(boot.intervals[1].upper[0], boot.mean[0]);
}

// Bootstrapped intervals resample the residuals less their mean (as R's simulate.ets): one step ahead
// a path of an additive-error model is the point forecast plus one such centred residual, so a bound
// one step ahead is the point forecast plus a centred residual (a type-8 quantile of 5,000 draws from about 100 residuals falls between two equal draws,
// so no interpolation between different residuals happens at this seed). Normal errors would give a
// value that is no residual.
TEST(EtsForecast, BootstrapResamplesResiduals) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  ets_spec ann;
  ann.error = 'A', ann.trend = 'N', ann.season = 'N';
  const ets_fit fit = fit_ets(series.at("WWWusage").values, 1, ann);
  const double levels[] = {80, 95};
  ets_forecast_options opt;
  opt.bootstrap = true;
  opt.seed = 11;
  const auto boot = forecast_ets(fit, 3, levels, opt);
  double mean_residual = 0;
  for (double e : fit.residuals) mean_residual += e;
  mean_residual /= static_cast<double>(fit.residuals.size());
  auto is_residual = [&](double offset) {
    return std::any_of(fit.residuals.begin(), fit.residuals.end(),
                       [&](double e) { return std::fabs(e - mean_residual - offset) < 1e-9; });
  };
  for (const auto& pi : boot.intervals) {
    SCOPED_TRACE(pi.level);
    EXPECT_TRUE(is_residual(pi.lower[0] - boot.mean[0])) << pi.lower[0] - boot.mean[0];
    EXPECT_TRUE(is_residual(pi.upper[0] - boot.mean[0])) << pi.upper[0] - boot.mean[0];
  }
  opt.bootstrap = false;
  opt.simulate = true;
  const auto normal = forecast_ets(fit, 3, levels, opt);
  EXPECT_FALSE(is_residual(normal.intervals[1].lower[0] - normal.mean[0]));
  // the paths' spread grows with the horizon as the analytic one does: α²σ² per step for ANN
  const auto exact = forecast_ets(fit, 3, levels);
  const double w1 = exact.intervals[1].upper[0] - exact.intervals[1].lower[0];
  const double w3 = exact.intervals[1].upper[2] - exact.intervals[1].lower[2];
  EXPECT_NEAR(w3 / w1, std::sqrt(1 + 2 * fit.par[0] * fit.par[0]), 1e-9);
  EXPECT_NEAR(normal.intervals[1].upper[2] - normal.intervals[1].lower[2], w3, 0.05 * w3);
  // simulated values are limited (npaths × h ≤ 5e7, 400 MB)
  opt.npaths = 0;
  EXPECT_THROW((void)forecast_ets(fit, 3, levels, opt), tradecast::invalid_argument);
  opt.npaths = 5001;
  EXPECT_THROW((void)forecast_ets(fit, 10000, levels, opt), tradecast::invalid_argument);
}

// Simulated and bootstrapped intervals against R's (generate_simulation_reference.R:
// forecast(ets(y), h, level = c(80, 95), simulate = TRUE, bootstrap = FALSE / TRUE, npaths = 50000)),
// one model of each class. The point forecasts are the state recursion's on both sides, but R's C
// forecast function, which R uses for them when simulating, has the damping-sum bug of
// docs/r-differences.md (section 1): for the damped models (WWWusage ETS(A,Ad,N), AirPassengers
// ETS(M,Ad,M)) R's step-h forecast uses ψ_h = φ + φ + φ² + … + φ^{h−1} where the model has
// φ*_h = φ + φ² + … + φ^h. So, with the final level l and trend b, tradecast's mean is R's plus
// (φ*_h − ψ_h)·b without season, and R's times (l + φ*_h·b)/(l + ψ_h·b) with a multiplicative one
// (the seasonal factor cancels); Nile's ETS(M,N,N) equals R's. All to 1e-9. The bounds come from
// different random numbers, so they agree within Monte Carlo error:
// with 50,000 paths each, a bound's standard error is about 0.02 σ_h (1/√N over the normal density
// at the quantile), so 3% of the 95% interval's width (0.12 σ_h, 4 standard errors of the
// difference) holds, while paths with a 6% wrong spread would miss it at the 95% bounds.
TEST(EtsForecast, SimulatedIntervalsMatchR) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const csv_table ref(test_data_path("forecast/data/sim_ref_forecast.csv"));
  int compared = 0;
  for (const char* name : {"WWWusage", "Nile", "AirPassengers"}) {
    const auto& s = series.at(name);
    const ets_fit fit = fit_ets(s.values, s.period());
    for (const char* kind : {"simulate", "bootstrap"}) {
      SCOPED_TRACE(std::string(name) + " " + kind);
      std::vector<std::size_t> rows;
      for (std::size_t k = 0; k < ref.size(); ++k)
        if (ref.text(k, "case") == name && ref.text(k, "kind") == kind) rows.push_back(k);
      ASSERT_FALSE(rows.empty());
      ASSERT_EQ(fit.method, fixture_method(ref.text(rows[0], "method")));
      ets_forecast_options opt;
      opt.simulate = true;
      opt.bootstrap = std::string(kind) == "bootstrap";
      opt.npaths = 50000;
      opt.seed = 2025;
      const double levels[] = {80, 95};
      const auto out = forecast_ets(fit, static_cast<int>(rows.size()), levels, opt);
      double phistar = 0, psi = 0;  // φ*_h and R's ψ_h
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::size_t r = rows[i];
        const double phi = fit.damped ? fit.phi : 1.0;
        phistar += std::pow(phi, static_cast<double>(i + 1));
        psi = i == 0 ? phi : psi + std::pow(phi, static_cast<double>(i));
        const double l = fit.final_state[0], b = fit.trend == 'N' ? 0.0 : fit.final_state[1];
        const double r_mean = ref.number(r, "mean");
        const double want = fit.season == 'M' ? r_mean * (l + phistar * b) / (l + psi * b) : r_mean + (phistar - psi) * b;
        EXPECT_LT(rel_diff(out.mean[i], want), 1e-9) << "h = " << i + 1;
        if (i > 0 && fit.damped) {
          EXPECT_GT(std::fabs(out.mean[i] - r_mean), 1e-6 * r_mean);  // R's bug shows
        }
        const double width = ref.number(r, "hi95") - ref.number(r, "lo95");
        const std::pair<const char*, double> bounds[] = {
            {"lo80", out.intervals[0].lower[i]}, {"hi80", out.intervals[0].upper[i]},
            {"lo95", out.intervals[1].lower[i]}, {"hi95", out.intervals[1].upper[i]}};
        for (const auto& [col, got] : bounds) {
          EXPECT_NEAR(got, ref.number(r, col), 0.03 * width) << col << ", h = " << i + 1;
          ++compared;
        }
      }
    }
  }
  EXPECT_EQ(compared, 4 * 2 * (10 + 10 + 24));
}

TEST(EtsForecast, InvalidArguments) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const ets_fit fit = fit_ets(series.at("Nile").values, 1);
  const double ok[] = {80};
  const double bad[] = {100};
  EXPECT_THROW((void)forecast_ets(fit, 0, ok), tradecast::invalid_argument);
  EXPECT_THROW((void)forecast_ets(fit, 5, bad), tradecast::invalid_argument);
  const auto info = tradecast::forecast::to_model_info(fit);
  EXPECT_EQ(info.method, "ETS(M,N,N)");
  EXPECT_EQ(info.parameters.front().first, "alpha");
}

}  // namespace
