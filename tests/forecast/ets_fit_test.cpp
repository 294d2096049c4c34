// SPDX-License-Identifier: MIT
// ETS fitting and automatic selection against R 4.2.2 + forecast 8.20.
// Reference values: tests/forecast/data/ets_ref_*.csv (generate_ets_reference.R beside them) and,
// when present, the shared fixtures in tests/reference/data/forecast/.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "forecast/ets_fixture_spec.hpp"
#include "forecast/fixtures.hpp"
#include "tradecast/forecast/detail/ets_core.hpp"
#include "tradecast/forecast/ets.hpp"

namespace {

using tradecast::forecast::ets_fit;
using tradecast::forecast::ets_opt_crit;
using tradecast::forecast::ets_series_fits;
using tradecast::forecast::ets_series_job;
using tradecast::forecast::ets_spec;
using tradecast::forecast::fit_ets;
using tradecast::forecast::fit_status;
using tradecast::test::csv_table;
using tradecast::test::fixture_method;
using tradecast::test::load_series;
using tradecast::test::rel_diff;
using tradecast::test::test_data_path;

const std::vector<double>& www_usage() {
  static const std::vector<double> y = {
      88,  84,  85,  85,  84,  85,  83,  85,  88,  89,  91,  99,  104, 112, 126, 138, 146, 151, 150, 148,
      147, 149, 143, 132, 131, 139, 147, 150, 148, 145, 140, 134, 131, 131, 129, 126, 126, 132, 137, 140,
      142, 150, 159, 167, 170, 171, 172, 172, 174, 175, 172, 172, 174, 174, 169, 165, 156, 142, 131, 121,
      112, 104, 102, 99,  99,  95,  88,  84,  84,  87,  89,  88,  85,  86,  89,  91,  91,  94,  101, 110,
      121, 135, 145, 149, 156, 165, 171, 175, 177, 182, 193, 204, 208, 210, 215, 222, 228, 226, 222, 220};
  return y;
}

// Checks one fitted model against one fixture row; returns true when the model is the same.
bool check_fit_row(const csv_table& t, std::size_t r, const ets_fit& fit, const std::string& label) {
  const std::string r_method = fixture_method(t.text(r, "method"));
  EXPECT_EQ(fit.method, r_method) << label;
  if (fit.method != r_method) return false;
  if (!t.has_column("loglik")) return true;
  const double r_loglik = t.number(r, "loglik");
  if (std::isnan(r_loglik)) return true;  // constant series: R reports no likelihood
  const double d = rel_diff(fit.loglik, r_loglik);
  if (d > 1e-9) {
    if (fit.loglik > r_loglik)
      std::cout << "[ info     ] " << label << ": higher log-likelihood than R: " << fit.loglik << " vs " << r_loglik << "\n";
    else
      EXPECT_LE(d, 1e-3) << label << ": loglik " << fit.loglik << " vs R " << r_loglik;
  }
  const bool full = t.has_column("aicc") && t.has_column("aic") && t.has_column("bic") && t.has_column("sigma2") &&
                    t.has_column("alpha") && t.has_column("mse");
  const double r_aicc = full ? t.number(r, "aicc") : std::nan("");
  if (std::isfinite(r_aicc) && d <= 1e-6) {
    // The criteria are −2·loglik plus constants: they differ by at most twice the loglik gap.
    const double tol = 2 * std::fabs(fit.loglik - r_loglik) + 1e-7 * std::fabs(r_aicc) + 1e-9;
    EXPECT_NEAR(fit.aicc, r_aicc, tol) << label;
    EXPECT_NEAR(fit.aic, t.number(r, "aic"), tol) << label;
    EXPECT_NEAR(fit.bic, t.number(r, "bic"), tol) << label;
    EXPECT_LE(rel_diff(fit.sigma2, t.number(r, "sigma2")), 1e-5) << label;
    EXPECT_LE(rel_diff(fit.alpha, t.number(r, "alpha")), 1e-4) << label;
    EXPECT_LE(rel_diff(fit.mse, t.number(r, "mse")), 1e-5) << label;
  }
  return true;
}

// ets(y) for every series of tests/forecast/data/ets_ref_series.csv (R: `ets(y)` in
// generate_ets_reference.R): the same automatically selected model, the same log-likelihood.
TEST(EtsFit, AutoSelectionMatchesR) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const csv_table t(test_data_path("forecast/data/ets_ref_auto.csv"));
  ASSERT_GT(t.size(), 30u);
  int same = 0, exact = 0;
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::string name = t.text(r, "case");
    const auto& s = series.at(name);
    const ets_fit fit = fit_ets(s.values, s.period());  // R: ets(y)
    if (check_fit_row(t, r, fit, name)) ++same;
    if (std::isnan(t.number(r, "loglik")) || rel_diff(fit.loglik, t.number(r, "loglik")) < 1e-8) ++exact;
    // R's nmmin evaluation count is reproduced exactly (same optimisation path).
    if (tradecast::test::exact_fp && !std::isnan(t.number(r, "fncount"))) {
      EXPECT_EQ(fit.evaluations, static_cast<int>(t.number(r, "fncount"))) << name;
    }
  }
  std::cout << "[ parity   ] auto: " << same << "/" << t.size() << " same model, " << exact << " loglik within 1e-8\n";
}

// The wider sweep (R: `ets(y)` for every series of ets_ref_sweep_series.csv: R's datasets, forecast's
// data and 150 seeded random series, see generate_ets_reference.R).
TEST(EtsFit, AutoSelectionSweepMatchesR) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_sweep_series.csv"));
  const csv_table t(test_data_path("forecast/data/ets_ref_sweep_auto.csv"));
  ASSERT_GT(t.size(), 100u);
  int same = 0, same_path = 0;
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::string name = t.text(r, "case");
    const auto& s = series.at(name);
    const ets_fit fit = fit_ets(s.values, s.period());  // R: ets(y)
    if (check_fit_row(t, r, fit, name)) ++same;
    const double fn = t.number(r, "fncount");
    if (std::isnan(fn) || static_cast<int>(fn) == fit.evaluations) ++same_path;
  }
  if (tradecast::test::exact_fp) {
    EXPECT_EQ(same_path, static_cast<int>(t.size()));
  }
  std::cout << "[ parity   ] sweep: " << same << "/" << t.size() << " same model, " << same_path
            << " same optimiser evaluation count\n";
}

// Fixed models and non-default options (R: `ets(y, <spec>)` with the spec column).
TEST(EtsFit, FixedModelsMatchR) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const csv_table t(test_data_path("forecast/data/ets_ref_fixed.csv"));
  ASSERT_GT(t.size(), 20u);
  int same = 0;
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::string name = t.text(r, "case");
    const std::string spec_text = t.text(r, "spec");
    const auto& s = series.at(name);
    const ets_fit fit = fit_ets(s.values, s.period(), tradecast::test::parse_ets_spec(spec_text));
    if (check_fit_row(t, r, fit, name + " / " + spec_text)) ++same;
  }
  std::cout << "[ parity   ] fixed: " << same << "/" << t.size() << " same model\n";
}

// forecast's own regression test: ets(wineind, "MAM", alpha = 0.1611) has logLik -1802.9586023.
TEST(EtsFit, WineindFixedAlphaLogLik) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  ets_spec spec;
  spec.error = 'M';
  spec.trend = 'A';
  spec.season = 'M';
  spec.alpha = 0.1611;
  const ets_fit fit = fit_ets(series.at("wineind").values, 12, spec);  // R: ets(wineind, "MAM", alpha = 0.1611)
  EXPECT_EQ(fit.method, "ETS(M,A,M)");
  EXPECT_NEAR(fit.loglik, -1802.9586023, 1e-6);
  EXPECT_DOUBLE_EQ(fit.alpha, 0.1611);
}

// Notes §7 C: ets(WWWusage) -> ETS(A,Ad,N), AICc 718.634, sigma2 = 1161.317/95.
TEST(EtsFit, WWWusageReference) {
  const ets_fit fit = fit_ets(www_usage(), 1);  // R: ets(WWWusage)
  EXPECT_EQ(fit.method, "ETS(A,Ad,N)");
  EXPECT_NEAR(fit.aicc, 718.634, 5e-4);
  EXPECT_NEAR(fit.alpha, 0.99990, 5e-6);
  EXPECT_NEAR(fit.beta, 0.99664, 5e-6);
  EXPECT_NEAR(fit.phi, 0.81496, 5e-6);
  EXPECT_NEAR(fit.initial_state[0], 90.3518, 5e-4);
  EXPECT_NEAR(fit.initial_state[1], -0.017282, 5e-6);
  EXPECT_NEAR(fit.sigma2, 12.2244, 5e-4);
  EXPECT_EQ(fit.n_params, 6);  // alpha, beta, phi, l, b + sigma2
  EXPECT_EQ(fit.candidates.size(), 6u);  // ANN AAdN AAN MNN MAdN MAN
  EXPECT_EQ(fit.candidates[1].method, "ETS(A,Ad,N)");
  EXPECT_EQ(fit.par_names, (std::vector<std::string>{"alpha", "beta", "phi", "l", "b"}));
  EXPECT_EQ(fit.states.size(), (www_usage().size() + 1) * 2);
  EXPECT_EQ(fit.final_state, std::vector<double>(fit.states.end() - 2, fit.states.end()));
}

// Notes §7 C: ets(AirPassengers) -> ETS(M,Ad,M), AICc 1400.638, nmmin stops at 2000 evaluations.
TEST(EtsFit, AirPassengersReference) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const ets_fit fit = fit_ets(series.at("AirPassengers").values, 12);  // R: ets(AirPassengers)
  EXPECT_EQ(fit.method, "ETS(M,Ad,M)");
  EXPECT_NEAR(fit.aicc, 1400.638, 5e-4);
  EXPECT_NEAR(fit.aic, 1395.166, 5e-4);
  EXPECT_NEAR(fit.bic, 1448.623, 5e-4);
  EXPECT_NEAR(fit.sigma2, 0.0015341, 5e-8);
  EXPECT_NEAR(fit.alpha, 0.70955, 5e-6);
  EXPECT_NEAR(fit.phi, 0.98, 1e-6);
  EXPECT_EQ(fit.status, fit_status::iteration_limit);
  EXPECT_EQ(fit.evaluations, 2001);
  EXPECT_EQ(fit.candidates.size(), 15u);
  EXPECT_EQ(fit.state_size, 14u);
  EXPECT_EQ(fit.m, 12);
}

// R: ets(ts(rep(5, 20))) -> ses(y, alpha = 0.99999, initial = "simple"): "Simple exponential
// smoothing", sigma2 0, flat forecasts.
TEST(EtsFit, ConstantSeriesIsSimpleExponentialSmoothing) {
  const std::vector<double> y(20, 5.0);
  const ets_fit fit = fit_ets(y, 1);
  EXPECT_EQ(fit.method, "Simple exponential smoothing");
  EXPECT_DOUBLE_EQ(fit.alpha, 0.99999);
  EXPECT_DOUBLE_EQ(fit.initial_state[0], 5.0);
  EXPECT_DOUBLE_EQ(fit.sigma2, 0.0);
  EXPECT_TRUE(std::isnan(fit.loglik));
  const double levels[] = {95};
  const auto fc = tradecast::forecast::forecast_ets(fit, 3, levels);
  for (double v : fc.mean) EXPECT_DOUBLE_EQ(v, 5.0);
  EXPECT_DOUBLE_EQ(fc.intervals[0].lower[2], 5.0);
}

// Data an ETS model reproduces exactly (additive season 0.625, −3.125, 3.125, −0.625 around a
// linear trend of slope 0.25): R 4.2.2 + forecast 8.20,
//   f <- ets(ts(c(10, 14, 8, 12, 11, 15, 9, 13, 12, 16, 10, 14, 13), frequency = 4), "AAA")
// gives loglik Inf, aicc -Inf, sigma2 0, par alpha 0.0500900, beta 0.0050990, gamma 0.0475905,
// l 10.375, b 0.25, s0 0.625, s1 -3.125, s2 3.125 and forecast(f, h = 2)$mean 17, 11 (exact).
// A perfect fit is a fit, not a failure to fall back from.
TEST(EtsFit, ExactFitIsKeptAsR) {
  const std::vector<double> y = {10, 14, 8, 12, 11, 15, 9, 13, 12, 16, 10, 14, 13};
  ets_spec spec;
  spec.error = 'A', spec.trend = 'A', spec.season = 'A';
  const ets_fit fit = fit_ets(y, 4, spec);
  EXPECT_EQ(fit.method, "ETS(A,A,A)");
  EXPECT_EQ(fit.status, fit_status::converged) << fit.status_message;
  EXPECT_EQ(fit.loglik, std::numeric_limits<double>::infinity());
  EXPECT_EQ(fit.aicc, -std::numeric_limits<double>::infinity());
  EXPECT_EQ(fit.sigma2, 0.0);
  const std::vector<double> r_par = {0.0500900, 0.0050990, 0.0475905, 10.375, 0.25, 0.625, -3.125, 3.125};
  ASSERT_EQ(fit.par.size(), r_par.size());
  for (std::size_t i = 0; i < r_par.size(); ++i) EXPECT_NEAR(fit.par[i], r_par[i], 5e-7) << fit.par_names[i];
  const double levels[] = {95};
  const auto fc = tradecast::forecast::forecast_ets(fit, 2, levels);
  EXPECT_NEAR(fc.mean[0], 17, 1e-9);
  EXPECT_NEAR(fc.mean[1], 11, 1e-9);
  EXPECT_NEAR(fc.intervals[0].lower[0], 17, 1e-9);
  EXPECT_NEAR(fc.intervals[0].upper[1], 11, 1e-9);
}

// Tiny data: as R, Holt-Winters smoothing by least squares (HoltWintersZZ; the values against R
// are in ets_tiny_test.cpp), with the reason in the status.
TEST(EtsFit, TinyDataFallsBack) {
  const std::vector<double> y5 = {10, 12, 11, 13, 12};
  const ets_fit f5 = fit_ets(y5, 1);
  EXPECT_EQ(f5.status, fit_status::fell_back);
  EXPECT_EQ(f5.method, "ETS(A,N,N)");  // R: ets(ts(c(10, 12, 11, 13, 12))) (fixture flat5_ets)
  EXPECT_NE(f5.status_message.find("too little data"), std::string::npos);
  EXPECT_EQ(f5.par_names, (std::vector<std::string>{"alpha", "l"}));
  // Two values: the SSE (y2 − y1)² does not depend on α, which stays at R's start 0.2/m (m = 4).
  const std::vector<double> y2 = {10, 12};
  const ets_fit f2 = fit_ets(y2, 4);
  EXPECT_EQ(f2.status, fit_status::fell_back);
  EXPECT_DOUBLE_EQ(f2.alpha, 0.05);
  // With a trend (l0 = 10, b0 = 2): SSE = 4 + (2α(1 + β*) − 2)² ≥ 4, so its sigma2 is not smaller.
  EXPECT_EQ(f2.method, "ETS(A,N,N)");
  const double levels[] = {80};
  const auto fc = tradecast::forecast::forecast_ets(f2, 2, levels);
  EXPECT_NEAR(fc.mean[0], 10 + 0.05 * 2, 1e-12);  // l2 = l1 + α·e2 = 10 + 0.05·2
  // Explicit seasonal model on too short data (n = 15 <= 2 + 12 + 4) with fewer than two seasons:
  // R's seasonal start cannot be made, so the trend is fitted alone.
  std::vector<double> y15;
  for (int i = 0; i < 15; ++i) y15.push_back(100 + i + 5 * std::sin(i));
  ets_spec ana;
  ana.error = 'A';
  ana.trend = 'N';
  ana.season = 'A';
  const ets_fit f15 = fit_ets(y15, 12, ana);
  EXPECT_EQ(f15.status, fit_status::fell_back);
  EXPECT_EQ(f15.season, 'N');
  EXPECT_NE(f15.status_message.find("two full seasons"), std::string::npos) << f15.status_message;
  // Multiplicative error requested: R's Holt-Winters fit without season has an additive error.
  ets_spec mnn;
  mnn.error = 'M';
  mnn.trend = 'N';
  mnn.season = 'N';
  EXPECT_EQ(fit_ets(y5, 1, mnn).method, "ETS(A,N,N)");
}

// The automatic search on 7 points (R runs the candidate loop; only small models have a finite AICc).
TEST(EtsFit, ShortSeriesCandidates) {
  const std::vector<double> y = {5, 7, 6, 8, 9, 8, 10};
  const ets_fit fit = fit_ets(y, 1);
  EXPECT_NE(fit.status, fit_status::fell_back);
  ASSERT_EQ(fit.candidates.size(), 6u);
  for (const auto& c : fit.candidates) {
    if (c.trend == 'A' && c.damped) {
      EXPECT_FALSE(std::isfinite(c.aicc)) << c.method;  // 5 estimated + sigma2: n - k - 1 = 0
    }
  }
}

// R's nmmin scores a point whose objective is not finite (outside the admissible region: +Inf) as
// 1e35, below every admissible MSE of data beyond about 3e17, so R's search leaves the region:
// ets(ts(10^(0:19), frequency = 4), "ANN", opt.crit = "mse") gives alpha = 11111111.31 and an MSE
// of 3.38e282 (R 4.2.2, forecast 8.20; docs/r-differences.md, section 4). The MSE criterion is
// scale-equivariant (MSE(c·y; alpha, c·l0) = c²·MSE(y; alpha, l0)), and R is sound on the series
// divided by 1e15: ets(ts(10^(0:19) * 1e-15, frequency = 4), "ANN", opt.crit = "mse") gives
// alpha = 0.9998999913094608, MSE = 4090990.9176021. tradecast scores non-finite objectives worse
// than any finite value, so on the unscaled series it must find that optimum times 1e30, and on
// the scaled one R's result itself.
TEST(EtsFit, MseCriterionBeyondRsPenaltyStaysAdmissible) {
  ets_spec ses;
  ses.error = 'A', ses.trend = 'N', ses.season = 'N', ses.opt_crit = ets_opt_crit::mse;
  std::vector<double> y, scaled;
  for (int i = 0; i < 20; ++i) {
    y.push_back(std::pow(10.0, i));
    scaled.push_back(std::pow(10.0, i) * 1e-15);
  }
  const ets_fit small = fit_ets(scaled, 4, ses);
  EXPECT_NEAR(small.alpha, 0.9998999913094608, 1e-12);
  EXPECT_LT(rel_diff(small.mse, 4090990.9176021), 1e-12);
  const ets_fit big = fit_ets(y, 4, ses);
  EXPECT_GE(big.alpha, ses.lower[0]);
  EXPECT_LE(big.alpha, ses.upper[0]);
  EXPECT_NEAR(big.alpha, 0.9998999913094608, 1e-6);
  EXPECT_LT(rel_diff(big.mse, 4090990.9176021e30), 1e-6) << big.mse;
  EXPECT_LT(big.mse, 1e37);  // R's inadmissible answer: 3.38e282
}

// fit_ets_many() shares the lock-step optimiser between specs; each result must be exactly what
// fit_ets() gives for that spec alone (same paths: same evaluation counts, bit-identical values).
// The mix covers automatic selection, fixed models with the likelihood and MSE criteria (ses,
// holt, damped as Comb S-H-D fits them), a criterion that is not batched (amse), and a spec that
// is decided without optimisation (too little data for a seasonal model: the fallback). Specs 4,
// 7 and 8 repeat candidates of spec 0, which fit_ets_many optimises once and copies.
TEST(EtsFit, FitManyEqualsFitOneByOne) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const std::vector<double>& y = series.at("UKgas").values;
  std::vector<ets_spec> specs(9);
  specs[1].error = 'A', specs[1].trend = 'N', specs[1].season = 'N', specs[1].opt_crit = ets_opt_crit::mse;  // ses
  specs[2].error = 'A', specs[2].trend = 'A', specs[2].season = 'N', specs[2].damped = false;
  specs[2].opt_crit = ets_opt_crit::mse;  // holt
  specs[3] = specs[2], specs[3].damped = true;  // damped
  specs[4].error = 'M', specs[4].trend = 'A', specs[4].season = 'M', specs[4].damped = true;
  specs[5].error = 'A', specs[5].trend = 'A', specs[5].season = 'N', specs[5].opt_crit = ets_opt_crit::amse;
  specs[6].error = 'A', specs[6].trend = 'A', specs[6].season = 'A';
  specs[7].trend = 'A', specs[7].damped = true;  // ets:ZAdZ: its candidates are among spec 0's (fitted once)
  specs[8].damped = true;  // ets:ZZdZ (auto's damped member): the same candidates, tiny-data rule of trend Z
  const std::vector<double> y_all(y.begin(), y.end());
  for (const bool tiny : {false, true}) {
    // With 9 observations the seasonal spec 6 cannot be estimated (n <= #parameters + 4).
    const std::vector<double> data = tiny ? std::vector<double>(y_all.begin(), y_all.begin() + 9) : y_all;
    const std::vector<ets_fit> many = tradecast::forecast::fit_ets_many(data, 4, specs);
    ASSERT_EQ(many.size(), specs.size());
    for (std::size_t i = 0; i < specs.size(); ++i) {
      SCOPED_TRACE("spec " + std::to_string(i) + (tiny ? " (9 observations)" : ""));
      const ets_fit one = fit_ets(data, 4, specs[i]);
      EXPECT_EQ(many[i].method, one.method);
      EXPECT_EQ(many[i].evaluations, one.evaluations);
      EXPECT_EQ(many[i].par, one.par);
      EXPECT_EQ(many[i].initial_state, one.initial_state);
      EXPECT_EQ(many[i].status, one.status);
      EXPECT_EQ(many[i].status_message, one.status_message);
      ASSERT_EQ(many[i].candidates.size(), one.candidates.size());
      for (std::size_t c = 0; c < one.candidates.size(); ++c)
        EXPECT_EQ(many[i].candidates[c].evaluations, one.candidates[c].evaluations);
      if (std::isfinite(one.loglik)) {
        EXPECT_EQ(many[i].loglik, one.loglik);
        EXPECT_EQ(many[i].aicc, one.aicc);
      }
    }
    if (tiny) {
      EXPECT_NE(many[6].status, fit_status::converged);  // the fallback says so
    } else {
      EXPECT_EQ(many[0].method, "ETS(M,A,M)");  // R: ets(UKgas), as AutoSelectionMatchesR checks
    }
  }
  EXPECT_THROW((void)tradecast::forecast::fit_ets_many(y_all, 1, specs), tradecast::invalid_argument);  // season with m = 1
}

// Several series at once (their searches share the lanes, series of different lengths in one
// pass): each series' fits are exactly fit_ets_many() on it alone, and an invalid series gives its
// error without touching the others.
TEST(EtsFit, FitSeriesEqualsEachSeriesAlone) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const std::vector<double>& ukgas = series.at("UKgas").values;
  const std::vector<double>& www = series.at("WWWusage").values;
  std::vector<ets_spec> comb(3), fixed(2), one_auto(1);
  for (auto& sp : comb) sp.error = 'A', sp.season = 'N', sp.opt_crit = ets_opt_crit::mse;
  comb[0].trend = 'N';
  comb[1].trend = 'A', comb[1].damped = false;
  comb[2].trend = 'A', comb[2].damped = true;
  fixed[0].error = 'M', fixed[0].trend = 'A', fixed[0].season = 'M', fixed[0].damped = false;
  fixed[1].error = 'A', fixed[1].trend = 'N', fixed[1].season = 'A';
  const std::vector<double> short_gas(ukgas.begin() + 40, ukgas.end());  // 68 values
  const std::vector<double> tiny(www.begin(), www.begin() + 5);
  const std::vector<double> with_zero = {3, 4, 0, 5, 6, 7, 6, 8, 9, 8, 10, 11};
  std::vector<ets_series_job> jobs = {
      {www, 1, comb},          {ukgas, 4, fixed},  {short_gas, 4, comb}, {tiny, 1, comb},
      {ukgas, 4, one_auto},    {with_zero, 4, fixed},  // M components on data with a zero: invalid
      {short_gas, 4, fixed},   {www, 1, one_auto},
      {std::span<const double>(www.data(), 60), 1, comb}};  // a prefix of series 0: its own searches
  const std::vector<ets_series_fits> together = tradecast::forecast::fit_ets_series(jobs);
  ASSERT_EQ(together.size(), jobs.size());
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    SCOPED_TRACE("series " + std::to_string(j));
    std::vector<ets_fit> alone;
    std::string error;
    try {
      alone = tradecast::forecast::fit_ets_many(jobs[j].y, jobs[j].m, jobs[j].specs);
    } catch (const tradecast::invalid_argument& e) {
      error = e.what();
    }
    EXPECT_EQ(together[j].message(), error);
    ASSERT_EQ(together[j].fits.size(), alone.size());
    for (std::size_t i = 0; i < alone.size(); ++i) {
      EXPECT_EQ(together[j].fits[i].method, alone[i].method);
      EXPECT_EQ(together[j].fits[i].evaluations, alone[i].evaluations);
      EXPECT_EQ(together[j].fits[i].par, alone[i].par);
      EXPECT_EQ(together[j].fits[i].initial_state, alone[i].initial_state);
      EXPECT_EQ(together[j].fits[i].status_message, alone[i].status_message);
      if (std::isfinite(alone[i].loglik)) {
        EXPECT_EQ(together[j].fits[i].loglik, alone[i].loglik);
      }
    }
  }
  EXPECT_THAT(together[5].message(), ::testing::HasSubstr("ETS(M,A,M) has a multiplicative component, which needs positive "
                                                      "data, but observation 3 (0) is not positive"));
  try {  // the exception itself, with the index of the value
    std::rethrow_exception(together[5].error);
  } catch (const tradecast::observation_error& e) {
    EXPECT_EQ(e.index(), 2u);
  }
  EXPECT_EQ(together[1].fits[0].method, "ETS(M,A,M)");
  EXPECT_EQ(together[4].fits[0].method, "ETS(M,A,M)");  // R: ets(UKgas)
}

TEST(EtsFit, InvalidArgumentsThrowNamingTheArgument) {
  using tradecast::invalid_argument;
  const std::vector<double> one = {1.0};
  EXPECT_THROW((void)fit_ets(one, 1), invalid_argument);
  try {
    (void)fit_ets(one, 1);
  } catch (const invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("y"), std::string::npos);
  }
  std::vector<double> bad = www_usage();
  bad[3] = std::nan("");
  EXPECT_THROW((void)fit_ets(bad, 1), invalid_argument);
  bad[3] = std::numeric_limits<double>::infinity();
  EXPECT_THROW((void)fit_ets(bad, 1), invalid_argument);
  try {
    (void)fit_ets(www_usage(), 0);
    FAIL();
  } catch (const invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("m = 0"), std::string::npos);
  }
  std::vector<double> neg = www_usage();
  neg[0] = -1;
  ets_spec mnn;
  mnn.error = 'M';
  mnn.trend = 'N';
  mnn.season = 'N';
  EXPECT_THROW((void)fit_ets(neg, 1, mnn), invalid_argument);
  ets_spec ana;
  ana.error = 'A';
  ana.trend = 'N';
  ana.season = 'A';
  EXPECT_THROW((void)fit_ets(www_usage(), 1, ana), invalid_argument);   // m = 1
  EXPECT_THROW((void)fit_ets(www_usage(), 30, ana), invalid_argument);  // m > 24
  ets_spec amn;
  amn.error = 'A';
  amn.trend = 'M';
  amn.season = 'N';
  EXPECT_THROW((void)fit_ets(www_usage(), 1, amn), invalid_argument);  // restricted
  ets_spec dn;
  dn.trend = 'N';
  dn.damped = true;
  EXPECT_THROW((void)fit_ets(www_usage(), 1, dn), invalid_argument);
  ets_spec letter;
  letter.error = 'X';
  EXPECT_THROW((void)fit_ets(www_usage(), 1, letter), invalid_argument);
  ets_spec nmse;
  nmse.nmse = 31;
  EXPECT_THROW((void)fit_ets(www_usage(), 1, nmse), invalid_argument);
  // A fixed smoothing parameter outside its bounds, or NaN (R: "Parameters out of range", then
  // "No model able to be fitted"): alpha = 2 was fitted and "converged", NaN gave NaN forecasts.
  const auto message = [](const ets_spec& sp) {
    try {
      (void)fit_ets(www_usage(), 1, sp);
    } catch (const invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  ets_spec fixed;
  fixed.error = 'A', fixed.trend = 'N', fixed.season = 'N';
  fixed.alpha = 2;
  EXPECT_EQ(message(fixed), "fit_ets: spec.alpha = 2 is outside its bounds [0.0001, 0.9999] (spec.lower/upper[0])");
  fixed.alpha = std::nan("");
  EXPECT_THAT(message(fixed), testing::HasSubstr("spec.alpha = nan is outside its bounds"));
  ets_spec ab;
  ab.error = 'A', ab.trend = 'A', ab.season = 'N', ab.alpha = 0.1, ab.beta = 0.5;
  EXPECT_EQ(message(ab), "fit_ets: spec.beta = 0.5 exceeds spec.alpha = 0.1 (the usual bounds need beta <= alpha)");
  ets_spec phi;
  phi.trend = 'A', phi.damped = true, phi.phi = 0.5;
  EXPECT_THAT(message(phi), testing::HasSubstr("spec.phi = 0.5 is outside its bounds [0.8, 0.98]"));
  // an evaluation limit below 1 returned the starting values as "converged"; a NaN bound was
  // said to exceed the other
  ets_spec maxit;
  maxit.maxit = -5;
  EXPECT_EQ(message(maxit), "fit_ets: spec.maxit = -5 must be at least 1 (Nelder-Mead's evaluation limit; R's default 2000)");
  ets_spec nan_bound;
  nan_bound.lower[0] = std::nan("");
  EXPECT_EQ(message(nan_bound), "fit_ets: spec.lower[0] = nan and spec.upper[0] = 0.9999 must be finite numbers");
  ets_spec crossed;
  crossed.lower[3] = 0.99;
  EXPECT_EQ(message(crossed), "fit_ets: spec.lower[3] = 0.99 exceeds spec.upper[3] = 0.98");
  ab.beta = 0.05;  // inside: fitted with the fixed values
  const ets_fit ok = fit_ets(www_usage(), 1, ab);
  EXPECT_EQ(ok.alpha, 0.1);
  EXPECT_EQ(ok.beta, 0.05);
}

// forecast_ets() takes a fit as fit_ets() leaves it: a default-constructed one (no final state)
// was read past its end.
TEST(EtsFit, ForecastRejectsAFitWithoutItsStates) {
  const std::vector<double> levels = {95};
  const ets_fit empty;
  EXPECT_THROW((void)tradecast::forecast::forecast_ets(empty, 3, levels), tradecast::invalid_argument);
  ets_fit f = fit_ets(www_usage(), 1);
  EXPECT_EQ(tradecast::forecast::forecast_ets(f, 3, levels).mean.size(), 3u);
  f.final_state.pop_back();
  try {
    (void)tradecast::forecast::forecast_ets(f, 3, levels);
    FAIL();
  } catch (const tradecast::invalid_argument& e) {
    EXPECT_THAT(e.what(), testing::HasSubstr("forecast_ets: the fit is not one fit_ets() returned"));
  }
  // the variances alone too (a default-constructed fit dereferenced a null state: segfault)
  try {
    (void)tradecast::forecast::ets_forecast_variance(empty, 3);
    FAIL();
  } catch (const tradecast::invalid_argument& e) {
    EXPECT_THAT(e.what(), testing::HasSubstr("ets_forecast_variance: the fit is not one fit_ets() returned"));
  }
}

// Non-positive data: no multiplicative candidates (R: data.positive); m > 24 drops the season.
TEST(EtsFit, SearchSpaceRules) {
  std::vector<double> y = www_usage();
  for (double& v : y) v -= 100;
  const ets_fit fit = fit_ets(y, 1);
  for (const auto& c : fit.candidates) EXPECT_EQ(c.error, 'A');
  const ets_fit f52 = fit_ets(www_usage(), 52);
  EXPECT_EQ(f52.season, 'N');
  EXPECT_NE(f52.status_message.find("m = 52"), std::string::npos);
}

}  // namespace

namespace {

// Q(z) = P(z) / (z − 1) for a trendless undamped seasonal model (β = 0, φ = 1), by hand: P's
// coefficients are z^{m+1}: 1, z^m: α − 1, z^{m−1} … z²: α − α = 0, z: γ − 1, 1: 1 − α − γ
// (P(1) = 0), and matching (z − 1)·Σ q_k z^k gives q_m = 1, q_{m−1} = … = q_1 = α,
// q_0 = α + γ − 1: Q(z) = z^m + α(z^{m−1} + … + z) + (α + γ − 1). Increasing powers.
std::vector<double> root_at_one_quotient(double alpha, double gamma, int m) {
  std::vector<double> q(static_cast<std::size_t>(m) + 1, alpha);
  q[0] = alpha + gamma - 1;
  q[static_cast<std::size_t>(m)] = 1;
  return q;
}

}  // namespace

// Trendless additive-seasonal models (ETS(A,N,A), ETS(M,N,A)) have the exact root z = 1 in their
// admissibility polynomial, a double root as α, γ → 0. R's cpolyroot() loses accuracy there: at
// m = 4 and α = γ = 1e-4 (the lower bounds) it computes a modulus 1 + 1.9e-10, more than R's
// 1 + 1e-10, so R's ets() rejects an admissible point (root_at_one_ref_roots.csv, R:
// max(Mod(polyroot(rev(P)))) - 1; generate_root_at_one_reference.R). tradecast's test is exact: it
// divides z = 1 out and tests the quotient, whose roots are within the unit circle at every point
// of the table. So near those corners the two Nelder–Mead searches can take different paths:
// on M3 Quarterly series N1155 R's search ends at a better ETS(M,N,A) optimum (loglik −83.3159)
// than tradecast's (−83.3744, 7e-4 relative lower, inside the 1e-3 the parity tests allow), and R
// selects ETS(M,N,A) (AICc 194.632) where tradecast selects ETS(M,N,M) (AICc 194.681, R's own
// ETS(M,N,M) fit to 1e-6). docs/r-differences.md §4 lists this; on M3 Quarterly 6 of 756 ETS
// forecasts differ from R's for this reason (at most 0.45%), none on Monthly or Yearly.
TEST(EtsFit, TrendlessAdditiveSeasonRootAtOneIsExact) {
  const csv_table roots(test_data_path("forecast/data/root_at_one_ref_roots.csv"));
  ASSERT_EQ(roots.size(), 16u);
  tradecast::forecast::detail::ets_param_setup su;
  su.opt_alpha = su.opt_gamma = true;
  int r_rejects = 0;
  for (std::size_t r = 0; r < roots.size(); ++r) {
    const int m = static_cast<int>(roots.number(r, "m"));
    const double a = roots.number(r, "alpha"), g = roots.number(r, "gamma");
    SCOPED_TRACE("m = " + std::to_string(m) + ", alpha = " + std::to_string(a) + ", gamma = " + std::to_string(g));
    const std::vector<double> q = root_at_one_quotient(a, g, m);
    EXPECT_TRUE(tradecast::forecast::detail::ets_roots_within(q, 1.0));  // every other root inside
    EXPECT_TRUE(tradecast::forecast::detail::ets_admissible(a, 0, g, 1, m, su));
    if (roots.number(r, "r_max_modulus_minus_1") > 1e-10) ++r_rejects;
  }
  EXPECT_EQ(r_rejects, 2);  // R: m = 4 at (α, γ) = (1e-4, 1e-4) and (2e-4, 1e-4)

  // M3 Quarterly N1155 (data/m3/M3-Quarterly-train.csv), R's fits in root_at_one_ref_fit.csv.
  const std::vector<double> y = {5787, 6023, 5907, 6276, 5842, 5900, 5825, 6181,
                                 5774, 5972, 5787, 6121, 5787, 6025, 5832, 6162};
  const csv_table ref(test_data_path("forecast/data/root_at_one_ref_fit.csv"));
  ASSERT_EQ(ref.size(), 4u);
  const auto row = [&](const std::string& spec) {
    for (std::size_t r = 0; r < ref.size(); ++r)
      if (ref.text(r, "spec") == spec) return r;
    ADD_FAILURE() << "no fixture row " << spec;
    return std::size_t{0};
  };
  const ets_fit mnm = fit_ets(y, 4, tradecast::test::parse_ets_spec("model = \"MNM\""));  // R: ets(y, "MNM")
  EXPECT_EQ(mnm.method, ref.text(row("MNM"), "method"));
  EXPECT_LE(rel_diff(mnm.loglik, ref.number(row("MNM"), "loglik")), 1e-8);
  EXPECT_NEAR(mnm.aicc, ref.number(row("MNM"), "aicc"), 1e-6);
  for (const char* spec : {"MNA", "ANA"}) {  // R: ets(y, "MNA"), ets(y, "ANA"): other paths
    const ets_fit f = fit_ets(y, 4, tradecast::test::parse_ets_spec(std::string("model = \"") + spec + "\""));
    EXPECT_EQ(f.method, ref.text(row(spec), "method"));
    EXPECT_LE(rel_diff(f.loglik, ref.number(row(spec), "loglik")), 1e-3) << spec;
    EXPECT_GT(rel_diff(f.loglik, ref.number(row(spec), "loglik")), 1e-6) << spec << ": the paths no longer differ";
    // tradecast's end point is admissible by the exact test (R's cpolyroot would say otherwise
    // for the MNA one: 1 + 1.9e-10 at α = 1.0018e-4, γ = 1.0001e-4).
    EXPECT_TRUE(tradecast::forecast::detail::ets_roots_within(root_at_one_quotient(f.alpha, f.gamma, 4), 1.0));
  }
  const ets_fit automatic = fit_ets(y, 4);  // R: ets(y) selects ETS(M,N,A), AICc 194.6319
  EXPECT_EQ(ref.text(row("ZZZ"), "method"), "ETS(M,N,A)");
  EXPECT_EQ(automatic.method, "ETS(M,N,M)");
  EXPECT_NEAR(automatic.aicc, ref.number(row("MNM"), "aicc"), 1e-6);
  EXPECT_LT(automatic.aicc - ref.number(row("ZZZ"), "aicc"), 0.06);
}
