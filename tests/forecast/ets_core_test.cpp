// SPDX-License-Identifier: MIT
// Building blocks of the ETS engine against R 4.2.2 (+ forecast 8.20): nmmin, decompose,
// initial states, admissibility, the recursions and the type-8 quantile.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <limits>
#include <random>
#include <span>
#include <vector>

#include "forecast/fixtures.hpp"
#include "tradecast/forecast/detail/decompose.hpp"
#include "tradecast/forecast/detail/ets_core.hpp"
#include "tradecast/forecast/detail/ets_forecast.hpp"
#include "tradecast/forecast/detail/nelder_mead.hpp"

namespace {

namespace d = tradecast::forecast::detail;
using tradecast::test::load_series;
using tradecast::test::test_data_path;

// R: fr <- function(x) 100*(x[2]-x[1]^2)^2 + (1-x[1])^2; optim(c(-1.2, 1), fr)
//    $par 1.00026013872567 1.00050599930377, $value 8.82524109672275e-08, $counts 195, convergence 0
TEST(EtsCore, NelderMeadMatchesROptim) {
  std::vector<double> x = {-1.2, 1.0};
  d::nmmin_workspace ws;
  d::nmmin_options opt;
  opt.maxit = 500;  // optim's default for Nelder-Mead
  const auto res = d::nmmin(std::span<double>(x), [](std::span<const double> p) {
    return 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]) + (1 - p[0]) * (1 - p[0]);
  }, opt, ws);
  EXPECT_EQ(res.fncount, 195);
  EXPECT_EQ(res.fail, 0);
  EXPECT_NEAR(x[0], 1.00026013872567, 1e-13);
  EXPECT_NEAR(x[1], 1.00050599930377, 1e-13);
  EXPECT_NEAR(res.fmin, 8.82524109672275e-08, 1e-20);
}

TEST(EtsCore, NelderMeadEvaluationLimitAndBadStart) {
  std::vector<double> x = {-1.2, 1.0};
  d::nmmin_workspace ws;
  d::nmmin_options opt;
  opt.maxit = 50;
  auto rosen = [](std::span<const double> p) {
    return 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]) + (1 - p[0]) * (1 - p[0]);
  };
  const auto res = d::nmmin(std::span<double>(x), rosen, opt, ws);
  EXPECT_EQ(res.fail, 1);
  EXPECT_GT(res.fncount, 50);
  std::vector<double> y = {0.0};
  const auto bad = d::nmmin(std::span<double>(y), [](std::span<const double>) { return std::nan(""); }, opt, ws);
  EXPECT_EQ(bad.fail, 2);
}

// R: decompose(USAccDeaths)$figure and decompose(AirPassengers, "multiplicative")$figure[1:4],
//    $trend[6:8] (NA 126.791666666667 127.25).
TEST(EtsCore, DecomposeMatchesR) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const auto add = d::decompose(series.at("USAccDeaths").values, 12);
  const double fig[] = {-805.8923611111111, -1523.3090277777774, -740.8423611111110, -514.7840277777775,
                        339.6493055555554,  744.8409722222225,   1679.4409722222222, 986.3159722222222,
                        -109.2923611111110, 263.8576388888886,   -260.9506944444443, -59.0340277777786};
  for (int i = 0; i < 12; ++i) EXPECT_NEAR(add.figure[static_cast<std::size_t>(i)], fig[i], 1e-9) << i;
  EXPECT_DOUBLE_EQ(add.seasonal[12], add.figure[0]);
  const auto mul = d::decompose(series.at("AirPassengers").values, 12, d::decompose_type::multiplicative);
  EXPECT_NEAR(mul.figure[0], 0.910230367372201, 1e-13);
  EXPECT_NEAR(mul.figure[1], 0.883625320694376, 1e-13);
  EXPECT_NEAR(mul.figure[3], 0.975906012322847, 1e-13);
  EXPECT_TRUE(std::isnan(mul.trend[5]));
  EXPECT_NEAR(mul.trend[6], 126.791666666667, 1e-9);
  EXPECT_NEAR(mul.trend[7], 127.25, 1e-12);
  const std::vector<double> short_series(10, 1.0);
  EXPECT_THROW((void)d::decompose(short_series, 12), tradecast::invalid_argument);
  EXPECT_THROW((void)d::decompose(short_series, 1), tradecast::invalid_argument);
}

// R: forecast:::initstate(AirPassengers, "A", "M"), forecast:::initstate(USAccDeaths, "N", "A"),
//    forecast:::initstate(ts(AirPassengers[1:30], frequency = 12), "A", "A") (Fourier path, n < 3m),
//    forecast:::initstate(WWWusage, "M", "N").
TEST(EtsCore, InitialStatesMatchR) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const auto ap = d::ets_init_state(series.at("AirPassengers").values, 12, d::ets_add, d::ets_mult);
  ASSERT_EQ(ap.size(), 13u);
  EXPECT_NEAR(ap[0], 120.955798138755398, 1e-9);
  EXPECT_NEAR(ap[1], 0.998964984335816, 1e-12);
  EXPECT_NEAR(ap[2], 0.898824389985011, 1e-12);
  EXPECT_NEAR(ap[12], 0.883625320694376, 1e-12);
  const auto us = d::ets_init_state(series.at("USAccDeaths").values, 12, d::ets_none, d::ets_add);
  EXPECT_NEAR(us[0], 9185.125, 1e-9);
  EXPECT_NEAR(us[1], -59.0340277777786, 1e-8);
  EXPECT_NEAR(us[11], -1523.3090277777774, 1e-8);
  const auto ap30 = d::ets_init_state(series.at("AP30").values, 12, d::ets_add, d::ets_add);
  EXPECT_NEAR(ap30[0], 115.842453924363596, 1e-8);
  EXPECT_NEAR(ap30[1], 1.494618502308414, 1e-10);
  EXPECT_NEAR(ap30[2], -15.777875952064534, 1e-8);
  EXPECT_NEAR(ap30[12], -0.831690928980396, 1e-8);
  std::vector<double> www;
  for (double v : series.at("WWWusage").values) www.push_back(v);
  const auto wm = d::ets_init_state(www, 1, d::ets_mult, d::ets_none);
  EXPECT_NEAR(wm[0], 84.53377624373917, 1e-10);
  EXPECT_NEAR(wm[1], 1.00228898426323, 1e-13);
}

// Starting values of initparam (notes §1.5): m = 12 with trend and season (0.016763, 0.001766,
// 0.049257); m = 1 damped (0.20006, 0.020096, 0.9782).
TEST(EtsCore, StartingValues) {
  d::ets_param_setup su;
  const auto p12 = d::ets_init_param({}, su, d::ets_add, d::ets_mult, false, 12);
  ASSERT_EQ(p12.size(), 3u);
  EXPECT_NEAR(p12[0], 0.016763, 5e-7);
  EXPECT_NEAR(p12[1], 0.0017663, 5e-8);
  EXPECT_NEAR(p12[2], 0.049257, 5e-7);
  const auto p1 = d::ets_init_param({}, su, d::ets_add, d::ets_none, true, 1);
  ASSERT_EQ(p1.size(), 3u);
  EXPECT_NEAR(p1[0], 0.20006, 1e-9);
  EXPECT_NEAR(p1[1], 0.020096, 5e-7);
  EXPECT_NEAR(p1[2], 0.9782, 1e-12);
}

// Admissible region (Hyndman, Akram & Archibald 2008). Root moduli computed with R's polyroot.
TEST(EtsCore, Admissibility) {
  d::ets_param_setup su;
  su.opt_alpha = su.opt_beta = su.opt_gamma = true;
  // Typical seasonal values are admissible.
  EXPECT_TRUE(d::ets_admissible(0.3, 0.05, 0.1, 1.0, 12, su));
  EXPECT_TRUE(d::ets_admissible(0.7, 0.02, 1e-4, 0.98, 12, su));
  // gamma above 1 + 1/phi - alpha.
  EXPECT_FALSE(d::ets_admissible(0.5, 0.05, 1.6, 1.0, 4, su));
  // Pass the easy tests, decided by the roots. R: with c <- c(phi*(1-a-g), a+b-a*phi+g-1,
  // rep(a+b-a*phi, m-2), a+b-phi, 1), max(Mod(polyroot(c))) is 0.9941462 for (a, b, g, phi, m) =
  // (0.5, 0.6, 0.01, 0.4, 3), 0.9561061 for (0.5, 1, 0.1, 1, 4), 1.041751 for (0.5, 2, 0.1, 1, 4).
  EXPECT_TRUE(d::ets_admissible(0.5, 0.6, 0.01, 0.4, 3, su));
  EXPECT_TRUE(d::ets_admissible(0.5, 1.0, 0.1, 1.0, 4, su));
  EXPECT_FALSE(d::ets_admissible(0.5, 2.0, 0.1, 1.0, 4, su));
  // Non-seasonal: 1 - 1/phi < alpha < 1 + 1/phi and alpha(phi - 1) < beta < (1 + phi)(2 - alpha).
  d::ets_param_setup ns;
  ns.opt_alpha = ns.opt_beta = true;
  EXPECT_TRUE(d::ets_admissible(1.5, 0.2, 0, 1.0, 1, ns));
  EXPECT_FALSE(d::ets_admissible(2.1, 0.2, 0, 1.0, 1, ns));
  EXPECT_FALSE(d::ets_admissible(0.5, 3.1, 0, 1.0, 1, ns));
  // Usual bounds: beta <= alpha, gamma <= 1 - alpha.
  su.bounds = 0;
  EXPECT_FALSE(d::ets_check_params(0.1, 0.2, 0.1, 1.0, 12, su));
  EXPECT_FALSE(d::ets_check_params(0.5, 0.1, 0.6, 1.0, 12, su));
  EXPECT_TRUE(d::ets_check_params(0.5, 0.1, 0.4, 1.0, 12, su));
}

// Root test helper: compare with explicitly known roots.
TEST(EtsCore, RootsWithinRadius) {
  // (z - 0.5)(z + 0.9) = z^2 + 0.4 z - 0.45
  const double inside[] = {-0.45, 0.4, 1.0};
  EXPECT_TRUE(d::ets_roots_within(inside, 1.0 + 1e-10));
  // (z - 1.2)(z + 0.1) = z^2 - 1.1 z - 0.12
  const double outside[] = {-0.12, -1.1, 1.0};
  EXPECT_FALSE(d::ets_roots_within(outside, 1.0 + 1e-10));
  // (z - 1)(z - 0.5)(z + 0.5) = z^3 - z^2 - 0.25 z + 0.25: a root exactly on the circle passes.
  const double on[] = {0.25, -0.25, -1.0, 1.0};
  EXPECT_TRUE(d::ets_roots_within(on, 1.0 + 1e-10));
}

// The likelihood kernel and the full pass (R's order of operations) agree: bit for bit with a
// multiplicative trend, whose kernel keeps that order; to rounding otherwise, where the kernel runs
// its recursion on the one-step forecast (ets_lik_kernel()). A difference δ in log(sse) changes the
// likelihood n·log(sse) by n·δ, hence the tolerance 1e-10·(|lik| + n). A wrong update (β for φβ,
// say, or the season updated from the new forecast) moves these likelihoods by 1e-4 or more.
TEST(EtsCore, KernelEqualsFullPass) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const auto& y = series.at("AirPassengers").values;
  for (int e = 1; e <= 2; ++e)
    for (int t = 0; t <= 2; ++t)
      for (int s = 0; s <= 2; ++s) {
        const int m = s ? 12 : 1;
        std::vector<double> x0 = d::ets_init_state(y, m, t, s);
        if (s) {
          double sum = 0;
          for (std::size_t k = t ? 2 : 1; k < x0.size(); ++k) sum += x0[k];
          x0.push_back((s == d::ets_mult ? 12.0 : 0.0) - sum);
        }
        d::ets_smoothing p;
        p.alpha = 0.3;
        p.beta = t ? 0.01 : 0;
        p.gamma = s ? 0.05 : 0;
        p.phi = 0.95;
        std::vector<double> ring(static_cast<std::size_t>(m));
        const double k = d::ets_select_kernel(e, t, s)(y.data(), y.size(), m, p, x0.data(), ring.data());
        const double full = d::ets_calc(y, m, e, t, s, p, x0, 3, nullptr, nullptr, nullptr, nullptr).lik;
        if (tradecast::test::exact_fp && t == d::ets_mult) {
          EXPECT_EQ(k, full) << e << t << s;
        } else {
          EXPECT_NEAR(k, full, 1e-10 * (std::fabs(full) + static_cast<double>(y.size()))) << e << t << s;
        }
      }
}

// Point forecasts use the correct damping sum phi + phi^2 + ... + phi^h (CRAN forecast <= 9.0.2
// used phi + sum_{j=1}^{h-1} phi^j; see docs/r-differences.md).
TEST(EtsCore, DampedPointForecastSum) {
  const double phi = 0.9, l = 100, b = 2;
  double f[4];
  d::ets_point_forecast(l, b, nullptr, 1, d::ets_add, d::ets_none, phi, f, 4);
  EXPECT_NEAR(f[0], l + 0.9 * b, 1e-12);
  EXPECT_NEAR(f[1], l + (0.9 + 0.81) * b, 1e-12);
  EXPECT_NEAR(f[3], l + (0.9 + 0.81 + 0.729 + 0.6561) * b, 1e-12);
  d::ets_point_forecast(l, 1.02, nullptr, 1, d::ets_mult, d::ets_none, phi, f, 3);
  EXPECT_NEAR(f[2], l * std::pow(1.02, 0.9 + 0.81 + 0.729), 1e-11);
}

// R: x <- c(3.2,1.5,9.9,4.4,7.1,2.2,8.8,5.0,6.3,0.7); quantile(x, c(.025,.1,.5,.9,.975), type = 8)
//    0.7 0.993333333333333 4.7 9.496666666666666 9.9
TEST(EtsCore, QuantileType8MatchesR) {
  const std::vector<double> x0 = {3.2, 1.5, 9.9, 4.4, 7.1, 2.2, 8.8, 5.0, 6.3, 0.7};
  const double p[] = {0.025, 0.1, 0.5, 0.9, 0.975};
  const double r[] = {0.7, 0.993333333333333, 4.699999999999999, 9.496666666666666, 9.9};
  for (int i = 0; i < 5; ++i) {
    std::vector<double> x = x0;
    EXPECT_NEAR(d::quantile_type8(x, p[i]), r[i], 1e-13) << p[i];
  }
}

// The resumable state machine (used to run many optimisations in lock step) follows exactly the
// path of nmmin(), in plain and in speculative mode.
TEST(EtsCore, NelderMeadMachineEqualsNmmin) {
  auto rosen = [](std::span<const double> p) {
    double s = 0;
    for (std::size_t i = 0; i + 1 < p.size(); ++i)
      s += 100 * (p[i + 1] - p[i] * p[i]) * (p[i + 1] - p[i] * p[i]) + (1 - p[i]) * (1 - p[i]);
    return p[0] > 3 ? std::numeric_limits<double>::infinity() : s;  // a barrier, as ETS bounds
  };
  std::mt19937_64 rng(12345);
  std::uniform_real_distribution<double> u(-2, 2);
  for (int trial = 0; trial < 40; ++trial) {
    const std::size_t n = 2 + static_cast<std::size_t>(trial % 4);
    std::vector<double> x0(n);
    for (double& v : x0) v = u(rng);
    d::nmmin_options opt;
    opt.maxit = 300 + 50 * (trial % 5);
    std::vector<double> x = x0;
    d::nmmin_workspace ws;
    const auto ref = d::nmmin(std::span<double>(x), rosen, opt, ws);
    d::nmmin_machine mach;
    mach.begin(x0, opt);
    std::vector<double> vals;
    int round = 0;
    while (!mach.done()) {
      mach.set_speculative(((round++ + trial) % 3) == 0);
      vals.clear();
      for (std::size_t k = 0; k < mach.request_count(); ++k) vals.push_back(rosen(mach.request(k)));
      mach.feed(vals.data());
    }
    const auto res = mach.result();
    if (!tradecast::test::exact_fp) continue;  // identical arithmetic, but contraction may differ
    EXPECT_EQ(res.fncount, ref.fncount) << trial;
    EXPECT_EQ(res.fail, ref.fail) << trial;
    EXPECT_EQ(res.fmin, ref.fmin) << trial;
    for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(mach.best()[i], x[i]) << trial;
  }
}

// Every code ets_lik_lanes_fast() can run on this processor (the scalar lanes, AVX2), each set in
// turn by ets_lanes_use_isa() and the best restored at the end.
template <class F>
void for_each_isa(F&& check) {
  const d::ets_isa best = d::ets_lanes_isa();
  for (d::ets_isa isa : {d::ets_isa::scalar, d::ets_isa::avx2}) {
    if (d::ets_lanes_use_isa(isa) != isa) continue;  // the processor lacks it: the best one ran already
    SCOPED_TRACE(d::ets_isa_name(isa));
    check();
  }
  EXPECT_EQ(d::ets_lanes_use_isa(best), best);
}

// The interleaved root test agrees with the one-at-a-time test.
TEST(EtsCore, BatchedRootTestEqualsScalar) {
  std::mt19937_64 rng(99);
  std::uniform_real_distribution<double> u(0, 1);
  d::ets_param_setup su;
  su.opt_alpha = su.opt_beta = su.opt_gamma = true;
  for (int m : {2, 4, 12}) {
    const std::size_t nc = static_cast<std::size_t>(m) + 2;
    std::vector<double> polys;
    std::size_t count = 0;
    for (int t = 0; t < 300; ++t) {
      const double a = u(rng), b = (t % 2) * u(rng) * a, g = u(rng) * (1 - a) * (t % 3 ? 0.05 : 1.5);
      const double phi = t % 4 ? 1.0 : 0.8 + 0.2 * u(rng);
      std::vector<double> c(nc);
      if (d::ets_admissible_pre(a, b, g, phi, m, su, c.data()) != 2) continue;
      polys.insert(polys.end(), c.begin(), c.end());
      ++count;
    }
    // General monic polynomials of the same degree (roots inside and outside), some with a factor
    // z + 1 (a root on the unit circle: the ambiguous band, decided by eigenvalues) or z − 1 (the
    // deflated path).
    for (int t = 0; t < 120; ++t) {
      std::vector<double> c(nc, 0.0);
      const int factor = t % 3;  // 0 none, 1 z + 1, 2 z − 1
      const std::size_t free = factor ? nc - 1 : nc;
      std::vector<double> r(free);
      for (std::size_t k = 0; k + 1 < free; ++k) r[k] = (2 * u(rng) - 1) * (t % 2 ? 0.4 : 1.2);
      r[free - 1] = 1;
      if (factor == 0) {
        c = r;
      } else {  // (z ± 1)·r(z)
        const double root = factor == 1 ? -1.0 : 1.0;
        for (std::size_t k = 0; k < free; ++k) {
          c[k + 1] += r[k];
          c[k] -= root * r[k];
        }
      }
      polys.insert(polys.end(), c.begin(), c.end());
      ++count;
    }
    std::vector<unsigned char> ok(count);
    d::ets_roots_within_many(polys.data(), nc, count, ok.data());
    std::size_t inside = 0;
    for (std::size_t k = 0; k < count; ++k) {
      const bool expect = d::ets_roots_within(std::span<const double>(polys.data() + k * nc, nc), 1 + 1e-10);
      inside += expect;
      EXPECT_EQ(ok[k] != 0, expect) << m << " " << k;
    }
    EXPECT_GT(inside, count / 10) << m;  // both verdicts occur
    EXPECT_GE(count - inside, 20u) << m;
  }
}

// The per-model decoding of trial points (ets_target::decode_usual, chosen by ets_make_target for
// the usual request) gives exactly what the general decoding gives: the verdict, the smoothing
// parameters, the full initial state and the admissibility polynomial, on points inside and
// outside the bounds and the admissible region, with negative multiplicative seasonal states.
TEST(EtsCore, DecodeUsualEqualsGeneral) {
  std::mt19937_64 rng(2026);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> y(48);
  for (std::size_t i = 0; i < y.size(); ++i)
    y[i] = 100 + 0.8 * static_cast<double>(i) + 12 * std::sin(static_cast<double>(i) * 1.5708) + 3 * u(rng);
  int shapes_seen = 0;
  for (int season : {d::ets_none, d::ets_add, d::ets_mult}) {
    for (int trend_code : {0, 1, 2}) {  // N, A, Ad
      for (int m : {4, 12}) {
        if (season == d::ets_none && m == 12) continue;
        d::ets_model_request rq;
        rq.error = d::ets_mult;
        rq.trend = trend_code == 0 ? d::ets_none : d::ets_add;
        rq.damped = trend_code == 2;
        rq.season = season;
        rq.m = m;
        const d::ets_problem pb = d::ets_prepare(y, rq);
        ASSERT_TRUE(pb.ok) << season << trend_code << m;
        d::ets_workspace ws;
        const d::ets_target tf = d::ets_make_target(y, pb, ws);
        ASSERT_EQ(tf.shape, 3 * season + trend_code);
        ++shapes_seen;
        int verdicts[3] = {0, 0, 0};
        for (int t = 0; t < 3000; ++t) {
          std::vector<double> par = pb.start;
          for (int k = 0; k < pb.n_opt_smoothing; ++k) {
            par[static_cast<std::size_t>(k)] = -0.1 + 1.2 * u(rng);  // smoothing parameters, bounds crossed
            if (k == pb.n_opt_smoothing - 1 && rq.damped) par[static_cast<std::size_t>(k)] = 0.7 + 0.35 * u(rng);
          }
          if (t % 2) {  // small smoothing parameters: mostly admissible
            par[0] = 0.05 + 0.5 * u(rng);
            for (int k = 1; k < pb.n_opt_smoothing - (rq.damped ? 1 : 0); ++k)
              par[static_cast<std::size_t>(k)] = 0.3 * par[0] * u(rng);
          }
          for (std::size_t k = static_cast<std::size_t>(pb.n_opt_smoothing); k < par.size(); ++k)
            par[k] *= 1 + (t % 5 == 0 ? 2.5 : 0.1) * (2 * u(rng) - 1);  // some seasonal states negative
          std::vector<double> x_fast(pb.p, -7.0), x_gen(pb.p, -7.0), c_fast(static_cast<std::size_t>(m) + 2, -7.0),
              c_gen(static_cast<std::size_t>(m) + 2, -7.0);
          d::ets_smoothing s_fast, s_gen;
          const int r_fast = tf.decode_pre(par, s_fast, x_fast.data(), c_fast.data());
          const int r_gen = tf.decode_general(par, s_gen, x_gen.data(), c_gen.data());
          ASSERT_EQ(r_fast, r_gen) << season << trend_code << m << " point " << t;
          ++verdicts[r_fast];
          EXPECT_EQ(s_fast.alpha, s_gen.alpha);
          EXPECT_EQ(s_fast.beta, s_gen.beta);
          EXPECT_EQ(s_fast.gamma, s_gen.gamma);
          EXPECT_EQ(s_fast.phi, s_gen.phi);
          if (r_fast != 0) {
            EXPECT_EQ(x_fast, x_gen) << season << trend_code << m << " point " << t;
          }
          if (r_fast == 2) {
            EXPECT_EQ(c_fast, c_gen) << season << trend_code << m << " point " << t;
          }
        }
        // Both outcomes occur: rejected points, and accepted ones (seasonal: all pending the root test).
        EXPECT_GT(verdicts[0], 100) << season << trend_code << m;
        EXPECT_GT(verdicts[season == d::ets_none ? 1 : 2], 100) << season << trend_code << m;
        EXPECT_EQ(verdicts[season == d::ets_none ? 2 : 1], 0) << season << trend_code << m;
      }
    }
  }
  EXPECT_EQ(shapes_seen, 15);
  // Requests other than the usual one keep the general decoding.
  d::ets_model_request given;
  given.trend = d::ets_add;
  given.has_alpha = true;
  given.given.alpha = 0.3;
  d::ets_workspace ws;
  EXPECT_EQ(d::ets_make_target(y, d::ets_prepare(y, given), ws).shape, -1);
  d::ets_model_request usual_bounds;
  usual_bounds.bounds = 1;
  EXPECT_EQ(d::ets_make_target(y, d::ets_prepare(y, usual_bounds), ws).shape, -1);
}

// R's initial state (ets_init_state) with the implied last seasonal state appended (m = 4).
std::vector<double> full_state(std::span<const double> y, int m, int t, int s) {
  std::vector<double> x0 = d::ets_init_state(y, m, t, s);
  if (s) {
    double sum = 0;
    for (std::size_t k = t ? 2 : 1; k < x0.size(); ++k) sum += x0[k];
    x0.push_back((s == d::ets_mult ? 4.0 : 0.0) - sum);
  }
  return x0;
}

d::ets_lane make_lane(int m, int e, int t, int s, const d::ets_smoothing& p) {
  d::ets_lane ln;
  ln.m = m;
  ln.error = e;
  ln.trend = t;
  ln.season = s;
  ln.sp = p;
  return ln;
}

// The running MSE (opt.crit = "mse") of one lane as the scalar lanes compute it, the exact
// reference for every lane code; checked against ets_calc's amse[0] (R's etscalc order of
// operations) to rounding: the lanes run their recursion on the one-step forecast.
double lane_mse(std::span<const double> y, d::ets_lane ln) {
  ln.mse = true;
  ln.y = nullptr;
  std::vector<double> ring(static_cast<std::size_t>(ln.m));
  d::ets_lik_lanes(y.data(), y.size(), &ln, 1, ring.data());
  const std::vector<double> x0(ln.x0, ln.x0 + (ln.trend ? 2 : 1) + (ln.season ? ln.m : 0));
  double amse[1] = {std::nan("")};
  (void)d::ets_calc(y, ln.m, ln.error, ln.trend, ln.season, ln.sp, x0, 1, nullptr, nullptr, nullptr, amse);
  EXPECT_NEAR(ln.mse_value, amse[0], 1e-12 * amse[0]);
  return ln.mse_value;
}

// The multi-lane likelihood equals the specialised kernel bit for bit.
TEST(EtsCore, LaneKernelEqualsKernel) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const auto& y = series.at("UKgas").values;
  std::vector<d::ets_lane> lanes;
  std::vector<std::vector<double>> x0s;
  std::vector<double> expect;
  for (int e = 1; e <= 2; ++e)
    for (int td = 0; td <= 2; ++td)  // no trend, additive trend, damped additive trend
      for (int s = 0; s <= 2; ++s) {
        const int t = td > 0 ? 1 : 0;
        const int m = s ? 4 : 1;
        const std::vector<double> x0 = full_state(y, m, t, s);
        d::ets_smoothing p;
        p.alpha = 0.2 + 0.05 * s;
        p.beta = t ? 0.02 : 0;
        p.gamma = s ? 0.1 : 0;
        p.phi = td == 2 ? 0.97 : 1.0;
        std::vector<double> ring(static_cast<std::size_t>(m));
        expect.push_back(d::ets_select_kernel(e, t, s)(y.data(), y.size(), m, p, x0.data(), ring.data()));
        x0s.push_back(x0);
        lanes.push_back(make_lane(m, e, t, s, p));
      }
  for (std::size_t k = 0; k < lanes.size(); ++k) lanes[k].x0 = x0s[k].data();
  std::vector<double> expect_mse;
  for (const auto& ln : lanes) expect_mse.push_back(lane_mse(y, ln));
  std::vector<double> scratch(8 * 4);
  for (std::size_t start = 0; start < lanes.size(); start += 8)
    d::ets_lik_lanes(y.data(), y.size(), lanes.data() + start, std::min<std::size_t>(8, lanes.size() - start),
                     scratch.data());
  for (std::size_t k = 0; k < lanes.size(); ++k) {
    if (tradecast::test::exact_fp) {
      EXPECT_EQ(lanes[k].lik, expect[k]) << k;
    } else {
      EXPECT_NEAR(lanes[k].lik, expect[k], 1e-9 * std::fabs(expect[k])) << k;
    }
  }
  // The fast lanes (each code the processor can run: the scalar lanes, AVX2): the same
  // values bit for bit, for every chunk size 1 … ets_lanes_max and every starting lane, with and
  // without the running MSE (opt.crit = "mse", checked against lane_mse()), with the data
  // passed for all lanes (more than 8 lanes: passes of 8) or set in each lane (the same for all:
  // more than 8 lanes run in one pass of the multi-data kernel).
  ASSERT_GE(lanes.size(), d::ets_lanes_max);
  std::vector<double> ring(d::ets_lanes_max * 4);
  std::cout << "ets_lik_lanes_fast runs " << d::ets_isa_name(d::ets_lanes_isa()) << " on this processor\n";
  for_each_isa([&] {
    for (std::size_t K = 1; K <= d::ets_lanes_max; ++K)
      for (std::size_t start = 0; start + K <= lanes.size(); ++start)
        for (int variant = 0; variant < 4; ++variant) {
          const bool mse = variant % 2 == 1, own = variant >= 2;
          std::vector<d::ets_lane> chunk(lanes.begin() + static_cast<std::ptrdiff_t>(start),
                                         lanes.begin() + static_cast<std::ptrdiff_t>(start + K));
          for (auto& ln : chunk) {
            ln.mse = mse, ln.lik = 0, ln.mse_value = 0;
            if (own) ln.y = y.data(), ln.n = y.size();
          }
          d::ets_lik_lanes_fast(y.data(), y.size(), chunk.data(), K, ring.data());
          for (std::size_t k = 0; k < K; ++k) {
            const std::size_t i = start + k;
            const d::ets_lane& ln = chunk[k];
            if (tradecast::test::exact_fp) {
              EXPECT_EQ(ln.lik, expect[i]) << "K " << K << " lane " << i;
            } else {
              EXPECT_NEAR(ln.lik, expect[i], 1e-9 * std::fabs(expect[i])) << "K " << K << " lane " << i;
            }
            if (mse) {
              EXPECT_EQ(ln.mse_value, expect_mse[i]) << "K " << K << " lane " << i;
            }
          }
        }
  });
}

// Lanes with their own data (several series of different lengths in one pass, as the batch's
// cross-series optimisation runs them): each lane's likelihood equals the specialised kernel on
// its own series bit for bit, whatever the chunk. The data past a lane's end is NaN: a lane must
// stop accumulating at its own length.
TEST(EtsCore, LaneKernelOwnDataEqualsKernel) {
  const auto series = load_series(test_data_path("forecast/data/ets_ref_series.csv"));
  const auto& full = series.at("UKgas").values;
  const std::size_t lengths[] = {full.size(), 61, 37, 20, 90};
  const std::size_t longest = full.size();
  std::vector<std::vector<double>> data;
  for (std::size_t len : lengths) {
    std::vector<double> y(longest, std::nan(""));
    for (std::size_t i = 0; i < len; ++i) y[i] = full[full.size() - len + i];  // the last len values
    data.push_back(std::move(y));
  }
  std::vector<d::ets_lane> lanes;
  std::vector<std::vector<double>> x0s;
  std::vector<double> expect, expect_mse;
  std::size_t which = 0;
  const auto add = [&](int e, int td, int s, int variant) {
    const std::size_t len = lengths[which % std::size(lengths)];
    const std::vector<double>& yd = data[which % std::size(lengths)];
    ++which;
    const std::span<const double> y(yd.data(), len);
    const int t = td > 0 ? 1 : 0;
    const int m = s ? 4 : 1;
    const std::vector<double> x0 = full_state(y, m, t, s);
    d::ets_smoothing p;
    p.alpha = 0.15 + 0.05 * s + 0.01 * td + 0.1 * variant;
    p.beta = t ? 0.03 : 0;
    p.gamma = s ? 0.12 : 0;
    p.phi = td == 2 ? 0.95 : 1.0;
    std::vector<double> ring(static_cast<std::size_t>(m));
    expect.push_back(d::ets_select_kernel(e, t, s)(y.data(), len, m, p, x0.data(), ring.data()));
    x0s.push_back(x0);
    d::ets_lane ln = make_lane(m, e, t, s, p);
    ln.x0 = x0s.back().data();
    expect_mse.push_back(lane_mse(y, ln));
    ln.y = yd.data();
    ln.n = len;
    lanes.push_back(ln);
  };
  for (int e = 1; e <= 2; ++e)
    for (int td = 0; td <= 2; ++td)
      for (int s = 0; s <= 2; ++s) add(e, td, s, 0);
  // Then 18 non-seasonal lanes (lanes 18 …): passes of up to 16 without seasonal arithmetic, as
  // the batch's comb and damped fits run them.
  for (int variant = 0; variant < 3; ++variant)
    for (int e = 1; e <= 2; ++e)
      for (int td = 0; td <= 2; ++td) add(e, td, 0, variant);
  for (std::size_t k = 0; k < lanes.size(); ++k) lanes[k].x0 = x0s[k].data();
  ASSERT_GE(lanes.size(), d::ets_lanes_max);
  std::vector<double> ring(d::ets_lanes_max * 4);
  for_each_isa([&] {
    for (std::size_t K = 1; K <= d::ets_lanes_max; ++K)
      for (std::size_t start = 0; start + K <= lanes.size(); start += (start >= 18 ? 1 : 3))
        for (bool mse : {false, true}) {
          std::vector<d::ets_lane> chunk(lanes.begin() + static_cast<std::ptrdiff_t>(start),
                                         lanes.begin() + static_cast<std::ptrdiff_t>(start + K));
          for (auto& ln : chunk) ln.mse = mse, ln.lik = 0, ln.mse_value = 0;
          // The data argument is ignored when the lanes have their own.
          d::ets_lik_lanes_fast(nullptr, 0, chunk.data(), K, ring.data());
          for (std::size_t k = 0; k < K; ++k) {
            const std::size_t i = start + k;
            if (tradecast::test::exact_fp) {
              EXPECT_EQ(chunk[k].lik, expect[i]) << "K " << K << " lane " << i;
            } else {
              EXPECT_NEAR(chunk[k].lik, expect[i], 1e-9 * std::fabs(expect[i])) << "K " << K << " lane " << i;
            }
            if (mse) {
              EXPECT_EQ(chunk[k].mse_value, expect_mse[i]) << "K " << K << " lane " << i;
            }
          }
        }
  });
}

// A level that overflows: the vectorised lanes may give NaN where the kernel gives ±Inf (a lane
// without trend runs the trend arithmetic with b = 0, and 0·Inf is NaN), never a finite value,
// so the optimiser's objective (+Inf for any non-finite likelihood) is the same.
TEST(EtsCore, LaneKernelOverflowIsNonFinite) {
  // Hand calculation for ANN, α = 0.9, l0 = 0: step 1 d = 1e308, l = 9e307; step 2 d = −1e308 − 9e307
  // = −1.9e308, which overflows to −Inf; every later value is ±Inf or NaN.
  const std::vector<double> y{1e308, -1e308, 1e308, -1e308, 1e308, -1e308};
  std::vector<d::ets_lane> lanes;
  const double x0[2] = {0.0, 0.0};
  for (int e = 1; e <= 2; ++e)
    for (int td = 0; td <= 2; ++td) {
      d::ets_lane ln;
      ln.error = e;
      ln.trend = td > 0 ? 1 : 0;
      ln.x0 = x0;
      ln.sp.alpha = 0.9;
      ln.sp.beta = td > 0 ? 0.1 : 0.0;
      ln.sp.phi = td == 2 ? 0.9 : 1.0;
      lanes.push_back(ln);
    }
  std::vector<double> ring(8);
  for_each_isa([&] {
    d::ets_lik_lanes_fast(y.data(), y.size(), lanes.data(), lanes.size(), ring.data());
    for (const auto& ln : lanes) {
      double r = 0;
      const double kernel = d::ets_select_kernel(ln.error, ln.trend, 0)(y.data(), y.size(), 1, ln.sp, ln.x0, &r);
      EXPECT_FALSE(std::isfinite(kernel)) << ln.error << ln.trend << " kernel " << kernel;
      EXPECT_FALSE(std::isfinite(ln.lik)) << ln.error << ln.trend << " lanes " << ln.lik;
    }
  });
}

}  // namespace
