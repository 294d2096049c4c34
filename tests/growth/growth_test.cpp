#include <cmath>
#include <limits>
#include <random>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_seed.hpp"
#include "tradecast/growth.hpp"

using namespace tradecast;
using ::testing::HasSubstr;

namespace {
const double NA = std::numeric_limits<double>::quiet_NaN();

series make(const std::string& id, period start, std::vector<double> v) {
  series_metadata m;
  m.id = id;
  m.unit = unit::parse("USD billions");
  return series(m, start, std::move(v));
}
// The reference case: VNA totals, USD billions.
series vna() { return make("vnjp", period::annual(2022), {47.6, 44.98, 46.2}); }
}  // namespace

TEST(Rates, YearOnYearOfTheReferenceCase) {
  const series g = growth::year_on_year(vna());
  EXPECT_TRUE(g.is_missing(0));
  EXPECT_THAT(*g.note(0), HasSubstr("2022: no observation one year earlier (series starts 2022)"));
  EXPECT_NEAR(g[1], -5.504202, 1e-6);  // 100*(44.98/47.6 - 1)
  EXPECT_NEAR(g[2], 2.712317, 1e-6);   // 100*(46.2/44.98 - 1)
  EXPECT_EQ(g.meta().unit.measure, "percent");
  const series p = growth::period_on_period(vna());
  EXPECT_DOUBLE_EQ(p[1], g[1]);
}

TEST(Rates, LogGrowthAndAnnualised) {
  const series l = growth::log_growth(vna());
  EXPECT_NEAR(l[1], -5.661481, 1e-6);  // 100*ln(44.98/47.6)
  EXPECT_NEAR(l[2], 2.676185, 1e-6);   // 100*ln(46.2/44.98)
  // Quarterly 100 -> 102: compound 100*(1.02^4 - 1) = 8.243216; linear 4*2 = 8.
  const series q = make("q", period::quarterly(2024, 1), {100, 102});
  EXPECT_NEAR(growth::annualised(q)[1], 8.243216, 1e-6);
  EXPECT_NEAR(growth::annualised(q, growth::annualisation::linear)[1], 8.0, 1e-12);
}

TEST(Rates, DotsHistory) {
  // IMF DOTS, VN-reported total, US$ millions: 37,884.5 (2018), 39,873.9 (2019), 39,613.3 (2020).
  const series g = growth::year_on_year(make("dots", period::annual(2018), {37884.5, 39873.9, 39613.3}));
  EXPECT_NEAR(g[1], 5.251, 1e-3);
  EXPECT_NEAR(g[2], -0.654, 1e-3);
}

TEST(Rates, SubAnnualYearOnYearComparesTheSamePeriod) {
  // Quarterly: 2025-Q1 (12) against 2024-Q1 (10), not 2024-Q4: +20%.
  const series q = make("q", period::quarterly(2024, 1), {10, 11, 12, 13, 12});
  const series g = growth::year_on_year(q);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(g.is_missing(static_cast<std::size_t>(i)));
  EXPECT_NEAR(g[4], 20.0, 1e-12);
  // Monthly: lag 12.
  std::vector<double> v(13, 1.0);
  v[12] = 1.5;
  EXPECT_NEAR(growth::year_on_year(make("m", period::monthly(2024, 1), v))[12], 50.0, 1e-12);
}

TEST(Rates, MissingZeroAndNegativeBasesAreMissingWithReasons) {
  const series s = make("x", period::annual(2019), {10, NA, 12, 0, 5, -2, 4});
  const series g = growth::year_on_year(s);
  EXPECT_EQ(*g.note(1), "2020 is missing");
  EXPECT_EQ(*g.note(2), "2021: 2020 is missing");
  EXPECT_EQ(g[3], -100.0);  // a fall to zero: 100*(0/12 - 1)
  EXPECT_TRUE(growth::log_growth(s).is_missing(3));  // ln(0) is undefined
  EXPECT_THAT(*growth::log_growth(s).note(3), HasSubstr("value at 2022 is zero (0)"));
  EXPECT_THAT(*g.note(4), HasSubstr("base value at 2022 is zero"));
  EXPECT_NEAR(g[5], -140.0, 1e-12);  // 100*(-2/5 - 1): the base is positive
  EXPECT_THAT(*growth::annualised(s).note(5), HasSubstr("value at 2024 is negative (-2)"));
  EXPECT_THAT(*g.note(6), HasSubstr("base value at 2024 is negative (-2)"));
  for (std::size_t i : {1, 2, 4, 6}) EXPECT_EQ(g.status(i), obs_status::missing);
}

// A ratio to a tiny (subnormal) base overflows: the rate is missing and says so, and the CAGR is
// undefined with the reason (3 / 1e-320 is beyond DBL_MAX ≈ 1.8e308).
TEST(Rates, RatesThatOverflowAreMissingWithTheReason) {
  const series s = make("x", period::annual(2000), {1e-320, 3, 6});
  const series g = growth::year_on_year(s);
  EXPECT_TRUE(g.is_missing(1));
  EXPECT_THAT(*g.note(1), HasSubstr("2001: growth rate too large to represent (3 against 9.99989e-321 at 2000)"));
  EXPECT_EQ(g[2], 100.0);  // 100*(6/3 - 1)
  const auto c = growth::cagr(s);
  EXPECT_FALSE(c.defined());
  EXPECT_THAT(c.reason, HasSubstr("too large to represent"));
}

TEST(Rates, StatusCarriesOver) {
  series s = vna();
  s.set_status(2, obs_status::provisional);
  const series g = growth::year_on_year(s);
  EXPECT_EQ(g.status(1), obs_status::normal);
  EXPECT_EQ(g.status(2), obs_status::provisional);
}

// A partial period (2025: the first quarter only) is not compared with a full one: its growth is
// left empty with the reason, and it is not a CAGR end point. Two partial periods (year-to-date
// against year-to-date) are compared, as before.
TEST(Rates, PartialPeriodIsComparedOnlyWithAPartialOne) {
  series s = make("p", period::annual(2022), {47.6, 44.98, 46.2, 12});
  s.set_status(3, obs_status::partial);
  const series g = growth::year_on_year(s);
  EXPECT_TRUE(g.is_missing(3));
  EXPECT_EQ(*g.note(3), "2025: not comparable: 2025 is a partial period (status partial) and 2024 is not");
  const growth::rate whole = growth::cagr(s);
  EXPECT_EQ(whole.to, period::annual(2024));  // not the partial 2025
  EXPECT_NEAR(whole.value, 100 * (std::pow(46.2 / 47.6, 0.5) - 1), 1e-12);
  const growth::rate to_partial = growth::cagr(s, period::annual(2022), period::annual(2025));
  EXPECT_FALSE(to_partial.defined());
  EXPECT_EQ(to_partial.reason, "2025 is a partial period (status partial) and 2022 is not");
  // Year-to-date: 2024-Q1..Q2 and 2025-Q1..Q2 sums, both partial: +10%.
  series ytd = make("ytd", period::annual(2024), {20, 22});
  ytd.set_status(0, obs_status::partial);
  ytd.set_status(1, obs_status::partial);
  const series gy = growth::year_on_year(ytd);
  EXPECT_NEAR(gy[1], 10.0, 1e-12);
  EXPECT_EQ(gy.status(1), obs_status::partial);
}

TEST(Rates, ConstantSeriesHasZeroGrowth) {
  const series c = make("c", period::annual(2000), {5, 5, 5, 5});
  EXPECT_EQ(growth::year_on_year(c)[3], 0.0);
  EXPECT_NEAR(growth::cagr(c).value, 0.0, 1e-12);
  EXPECT_NEAR(growth::least_squares_growth(c).value, 0.0, 1e-12);
}

TEST(Cagr, ReferenceCase) {
  const growth::rate r = growth::cagr(vna(), period::annual(2022), period::annual(2024));
  EXPECT_NEAR(r.value, -1.481563, 1e-6);  // 100*((46.2/47.6)^(1/2) - 1)
  EXPECT_EQ(r.years, 2.0);
  EXPECT_TRUE(r.defined());
  EXPECT_NEAR(growth::cagr(vna()).value, r.value, 1e-15);  // whole span = the same endpoints
}

// The whole-span CAGR of quarterly data joins the same quarter of two years: from the last full
// observation (2025-Q3, 121) back to the earliest in the same quarter (2024-Q3, 110): +10% by
// hand; from 2024-Q1 (100) it would be 13.5%, and the seasonal 2024-Q2 value 1 would give
// thousands of percent. A projected value (status forecast) is never an end point: with 2025-Q4
// projected the end stays 2025-Q3; with the annual 2024 projected, the CAGR ends in 2023.
TEST(Cagr, WholeSpanJoinsTheSamePeriodOfTheYearAndSkipsProjections) {
  series q = make("q", period::quarterly(2024, 1), {100, 1, 110, 1, 1, 1, 121, 500});
  q.set_status(7, obs_status::forecast);
  const growth::rate r = growth::cagr(q);
  EXPECT_EQ(r.from, period::quarterly(2024, 3));
  EXPECT_EQ(r.to, period::quarterly(2025, 3));
  EXPECT_NEAR(r.value, 10.0, 1e-12);
  series a = make("a", period::annual(2020), {100, 110, 121, 133.1, 200});
  a.set_status(4, obs_status::forecast);
  EXPECT_EQ(growth::cagr(a).to, period::annual(2023));
  EXPECT_NEAR(growth::cagr(a).value, 10.0, 1e-9);
  // Less than a year of quarters: no two end points a whole number of years apart.
  const series short_q = make("s", period::quarterly(2024, 1), {1, 2, 3});
  EXPECT_THROW((void)growth::cagr(short_q), invalid_argument);
}

TEST(Cagr, SubAnnualYearsAndUndefinedCases) {
  // 2024-Q1 -> 2025-Q3 is 6 quarters = 1.5 years: 100*((121/100)^(1/1.5) - 1) = 13.546...
  const series q = make("q", period::quarterly(2024, 1), {100, 1, 1, 1, 1, 1, 121});
  const auto r = growth::cagr(q, period::quarterly(2024, 1), period::quarterly(2025, 3));
  EXPECT_NEAR(r.value, 100 * (std::pow(1.21, 1 / 1.5) - 1), 1e-12);
  EXPECT_EQ(r.years, 1.5);
  const series s = make("x", period::annual(2019), {10, NA, -1, 12});
  EXPECT_EQ(growth::cagr(s, period::annual(2019), period::annual(2020)).reason, "2020 is missing");
  EXPECT_EQ(growth::cagr(s, period::annual(2019), period::annual(2021)).reason, "value at 2021 is not positive");
  EXPECT_FALSE(growth::cagr(s, period::annual(2019), period::annual(2019)).defined());
  try {
    (void)growth::cagr(s, period::annual(2010), period::annual(2022));
    ADD_FAILURE();
  } catch (const invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("period 2010 is outside series 'x' (2019 to 2022"));
  }
  EXPECT_THROW((void)growth::cagr(s, period::quarterly(2019, 1), period::annual(2022)), invalid_argument);
  EXPECT_THROW((void)growth::cagr(make("one", period::annual(2020), {1})), invalid_argument);
}

TEST(Cagr, LeastSquaresGrowth) {
  // Exact exponential growth at 5% a year: the LS rate is 5%; one missing value is skipped.
  std::vector<double> v;
  for (int t = 0; t < 8; ++t) v.push_back(10 * std::pow(1.05, t));
  v[3] = NA;
  const auto r = growth::least_squares_growth(make("e", period::annual(2000), v));
  EXPECT_NEAR(r.value, 5.0, 1e-10);
  EXPECT_EQ(r.observations_used, 7u);
  // Hand calculation on 3 points: ln(1), ln(e), ln(e^4) at t=0,1,2 -> slope 2, rate 100*(e^2-1).
  const auto h = growth::least_squares_growth(make("h", period::annual(2000), {1, std::exp(1.0), std::exp(4.0)}));
  EXPECT_NEAR(h.value, 100 * (std::exp(2.0) - 1), 1e-9);
  // Quarterly data: t is in years, so a 1%-per-quarter path grows 100*(1.01^4 - 1) a year.
  std::vector<double> q;
  for (int t = 0; t < 12; ++t) q.push_back(std::pow(1.01, t));
  EXPECT_NEAR(growth::least_squares_growth(make("q", period::quarterly(2020, 1), q)).value, 100 * (std::pow(1.01, 4) - 1), 1e-9);
  EXPECT_FALSE(growth::least_squares_growth(make("n", period::annual(2000), {1, -1, 2})).defined());
}

TEST(Index, IndexAndRebase) {
  const series i = growth::index(vna(), period::annual(2022));
  EXPECT_DOUBLE_EQ(i[0], 100.0);
  EXPECT_NEAR(i[2], 100 * 46.2 / 47.6, 1e-12);
  EXPECT_EQ(i.meta().unit.measure, "index");
  // Quarterly index re-referenced to the mean of 2024 = (100+110+120+130)/4 = 115.
  const series q = make("q", period::quarterly(2024, 1), {100, 110, 120, 130, 138});
  const series r = growth::rebase(q, 2024);
  EXPECT_NEAR(r[4], 100 * 138 / 115.0, 1e-12);
  EXPECT_THROW((void)growth::rebase(q, 2025), invalid_argument);  // 2025 is incomplete
  EXPECT_THROW((void)growth::index(make("z", period::annual(2000), {0, 1}), period::annual(2000)), invalid_argument);
  EXPECT_THROW((void)growth::index(make("m", period::annual(2000), {NA, 1}), period::annual(2000)), invalid_argument);
}

// Randomized invariant: the growth of an index equals the growth of the series, and rebasing an
// index to two different years leaves its growth unchanged. Replay with TRADECAST_TEST_SEED.
TEST(Index, RandomizedGrowthIsInvariant) {
  std::mt19937_64 rng(tradecast::test::test_seed());
  std::lognormal_distribution<double> val(2.0, 0.5);
  for (int rep = 0; rep < 200; ++rep) {
    std::vector<double> v(16);
    for (auto& x : v) x = val(rng);
    const series s = make("r", period::quarterly(2020, 1), v);
    const auto base = period::quarterly(2020, 1) + std::uniform_int_distribution<int>(0, 15)(rng);
    const series g1 = growth::year_on_year(s);
    const series g2 = growth::year_on_year(growth::rebase(growth::index(s, base), 2021));
    for (std::size_t i = 4; i < 16; ++i) ASSERT_NEAR(g1[i], g2[i], 1e-9 * (1 + std::abs(g1[i])));
  }
}

TEST(Contributions, SumToTotalGrowth) {
  // Exports 20 -> 22 and imports 30 -> 27: total 50 -> 49 (-2%); contributions +4 and -6 points.
  const series x = make("x", period::annual(2023), {20, 22});
  const series m = make("m", period::annual(2023), {30, 27});
  const auto c = growth::contributions({x, m});
  EXPECT_NEAR(c.at("x:contribution")[1], 4.0, 1e-12);
  EXPECT_NEAR(c.at("m:contribution")[1], -6.0, 1e-12);
  EXPECT_TRUE(c.at("x:contribution").is_missing(0));
  // Random panel: contributions sum to the total's growth.
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(1, 10);
  std::vector<series> parts;
  for (int k = 0; k < 5; ++k) {
    std::vector<double> v(12);
    for (auto& e : v) e = u(rng);
    parts.push_back(make("p" + std::to_string(k), period::quarterly(2022, 1), v));
  }
  const auto cc = growth::contributions(parts, 4);
  for (std::size_t t = 4; t < 12; ++t) {
    double now = 0, before = 0, sum = 0;
    for (std::size_t k = 0; k < parts.size(); ++k) {
      now += parts[k][t];
      before += parts[k][t - 4];
      sum += cc[k][t];
    }
    EXPECT_NEAR(sum, 100 * (now / before - 1), 1e-12);
  }
  EXPECT_THROW((void)growth::contributions({x, make("q", period::quarterly(2023, 1), {1})}), invalid_argument);
  EXPECT_THROW((void)growth::contributions({}), invalid_argument);
}

TEST(Cumulative, YearToDate) {
  const series q = make("q", period::quarterly(2024, 1), {10, 11, 12, 13, 12, 13});
  const series y = growth::year_to_date(q);
  EXPECT_EQ(y[1], 21.0);
  EXPECT_EQ(y[3], 46.0);
  EXPECT_EQ(y.status(1), obs_status::partial);
  EXPECT_EQ(y.status(3), obs_status::normal);
  EXPECT_EQ(y[5], 25.0);
  const series g = growth::year_to_date_growth(q);
  EXPECT_NEAR(g[5], 100 * (25.0 / 21.0 - 1), 1e-12);  // H1 2025 vs H1 2024
  EXPECT_THROW((void)growth::year_to_date(vna()), invalid_argument);
  // A series starting mid-year cannot have year-to-date sums for that year.
  const series mid = growth::year_to_date(make("m", period::quarterly(2024, 3), {1, 2, 3}));
  EXPECT_TRUE(mid.is_missing(0));
  EXPECT_THAT(*mid.note(0), HasSubstr("the year starts before the series"));
  EXPECT_EQ(mid[2], 3.0);
}

TEST(Cumulative, Rolling) {
  const series s = make("s", period::monthly(2024, 1), {1, 2, 3, NA, 5, 6, 7});
  const series r = growth::rolling_sum(s, 3);
  EXPECT_THAT(*r.note(1), HasSubstr("needs 3 observations"));
  EXPECT_EQ(r[2], 6.0);
  EXPECT_THAT(*r.note(3), HasSubstr("2024-04 in the window is missing"));
  EXPECT_EQ(r[6], 18.0);
  EXPECT_EQ(growth::rolling_mean(s, 3)[6], 6.0);
  EXPECT_THROW((void)growth::rolling_sum(s, 0), invalid_argument);
}

TEST(Aggregate, SumMeanFirstLast) {
  const series q = make("q", period::quarterly(2023, 1), {1, 2, 3, 4, 5, 6, 7, 8});
  using growth::aggregation;
  const series sum = growth::aggregate(q, frequency::annual);
  ASSERT_EQ(sum.size(), 2u);
  EXPECT_EQ(sum.start(), period::annual(2023));
  EXPECT_EQ(sum[0], 10.0);
  EXPECT_EQ(sum[1], 26.0);
  EXPECT_EQ(growth::aggregate(q, frequency::annual, aggregation::mean)[1], 6.5);
  EXPECT_EQ(growth::aggregate(q, frequency::annual, aggregation::first)[1], 5.0);
  EXPECT_EQ(growth::aggregate(q, frequency::annual, aggregation::last)[1], 8.0);
  std::vector<double> mv(12);
  for (int i = 0; i < 12; ++i) mv[static_cast<std::size_t>(i)] = i + 1;
  const series mq = growth::aggregate(make("m", period::monthly(2024, 1), mv), frequency::quarterly);
  EXPECT_EQ(mq[1], 4 + 5 + 6.0);
  EXPECT_THROW((void)growth::aggregate(sum, frequency::quarterly), invalid_argument);
}

TEST(Aggregate, PartialYearIsNeverSummedAsComplete) {
  // 2024 complete (46.2 in quarters), 2025 only Q1 = 12.
  const series q = make("q", period::quarterly(2024, 1), {11, 11.5, 11.7, 12, 12});
  const series a = growth::aggregate(q, frequency::annual);
  EXPECT_NEAR(a[0], 46.2, 1e-12);
  EXPECT_TRUE(a.is_missing(1));
  EXPECT_EQ(*a.note(1), "2025: partial year: 1 of 4 quarters observed (2025-Q1)");
  const series p = growth::aggregate(q, frequency::annual, growth::aggregation::sum, growth::incomplete_policy::flag_partial);
  EXPECT_EQ(p[1], 12.0);
  EXPECT_EQ(p.status(1), obs_status::partial);
  EXPECT_EQ(*p.note(1), "partial year: 1 of 4 quarters observed (2025-Q1)");
  // A missing quarter inside a complete year makes the year missing.
  const series g = growth::aggregate(make("g", period::quarterly(2024, 1), {1, NA, 1, 1}), frequency::annual);
  EXPECT_EQ(*g.note(0), "2024: 2024-Q2 is missing");
}

TEST(RunRate, ReferenceCaseIsLabelledNotAGrowthRate) {
  const series q = make("q", period::quarterly(2025, 1), {12});
  const auto rr = growth::annual_run_rate(q, 2025);
  EXPECT_EQ(rr.value, 48.0);  // 12 x 4
  EXPECT_EQ(rr.periods_observed, 1);
  EXPECT_EQ(rr.label, "2025 run-rate (2025-Q1 x 4)");
  const auto vs = growth::run_rate_vs_year(rr, vna());
  EXPECT_NEAR(vs.value, 3.896104, 1e-6);  // 100*(48/46.2 - 1)
  EXPECT_THAT(vs.convention, HasSubstr("not a growth rate"));
  EXPECT_EQ(vs.from, period::annual(2024));
  // Two months of a year: sum x 12/2.
  const auto m = growth::annual_run_rate(make("m", period::monthly(2025, 1), {1, 2}), 2025);
  EXPECT_EQ(m.value, 18.0);
  EXPECT_EQ(m.label, "2025 run-rate (2025-01 to 2025-02 x 12/2)");
  EXPECT_THROW((void)growth::annual_run_rate(q, 2024), invalid_argument);
  EXPECT_THROW((void)growth::annual_run_rate(vna(), 2024), invalid_argument);
  EXPECT_FALSE(growth::run_rate_vs_year(growth::annual_run_rate(q, 2025), make("a", period::annual(2020), {1})).defined());
  // A projection (status forecast) ends the run like a partial period: Q1, Q2 observed, Q3
  // projected: (12 + 13) x 4/2 = 50; with only a projected first quarter there is nothing to annualise.
  series p = make("p", period::quarterly(2025, 1), {12, 13, 40});
  p.set_status(2, tradecast::obs_status::forecast);
  EXPECT_EQ(growth::annual_run_rate(p, 2025).value, 50.0);
  series f = make("f", period::quarterly(2025, 1), {12});
  f.set_status(0, tradecast::obs_status::forecast);
  try {
    (void)growth::annual_run_rate(f, 2025);
    ADD_FAILURE();
  } catch (const invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("2025-Q1, the first period of 2025 in series 'f', is a forecast, not an observation"));
  }
}
