#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_seed.hpp"
#include "tradecast/core/period.hpp"

using tradecast::frequency;
using tradecast::period;
using ::testing::HasSubstr;

TEST(Period, ParsesSdmxForms) {
  EXPECT_EQ(period::parse("2024"), period::annual(2024));
  EXPECT_EQ(period::parse("2024-A1"), period::annual(2024));
  EXPECT_EQ(period::parse("2025-Q1"), period::quarterly(2025, 1));
  EXPECT_EQ(period::parse("2025-03"), period::monthly(2025, 3));
  EXPECT_EQ(period::parse("2025-M03"), period::monthly(2025, 3));
  EXPECT_EQ(period::parse("2025-12"), period::monthly(2025, 12));
}

TEST(Period, ToleratesCommonNonStandardForms) {
  EXPECT_EQ(period::parse("2025Q1"), period::quarterly(2025, 1));
  EXPECT_EQ(period::parse("2017Q04"), period::quarterly(2017, 4));  // BLS style
  EXPECT_EQ(period::parse("2025q2"), period::quarterly(2025, 2));
  EXPECT_EQ(period::parse("2025M3"), period::monthly(2025, 3));     // OECD style
  EXPECT_EQ(period::parse("2025M03"), period::monthly(2025, 3));
  EXPECT_EQ(period::parse("2025-M3"), period::monthly(2025, 3));
}

TEST(Period, RejectsOtherTextQuotingIt) {
  for (const char* bad : {"", "24", "2025-Q5", "2025-Q0", "2025-13", "2025-00", "2025-3", "2025-M13", "2025Q",
                          "2025-", "2025 ", " 2025", "2025-W01", "2025-03-31", "abcd", "2025-A2", "2025-Q1x",
                          "0000", "2025-Q123"}) {
    try {
      (void)period::parse(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const tradecast::parse_error& e) {
      EXPECT_THAT(e.what(), HasSubstr("'" + std::string(bad) + "'"));
      EXPECT_THAT(e.what(), HasSubstr("expected a year (2024)"));
    }
  }
}

TEST(Period, FormatsSdmx) {
  EXPECT_EQ(period::annual(2024).to_string(), "2024");
  EXPECT_EQ(period::quarterly(2025, 1).to_string(), "2025-Q1");
  EXPECT_EQ(period::monthly(2025, 3).to_string(), "2025-03");
  EXPECT_EQ(period::monthly(2025, 11).to_string(), "2025-11");
  EXPECT_EQ(period::annual(987).to_string(), "0987");
}

TEST(Period, Arithmetic) {
  EXPECT_EQ(period::quarterly(2024, 4).next(), period::quarterly(2025, 1));
  EXPECT_EQ(period::monthly(2025, 1).prev(), period::monthly(2024, 12));
  EXPECT_EQ(period::monthly(2025, 3) - period::monthly(2024, 3), 12);
  EXPECT_EQ(period::quarterly(2025, 1) - period::quarterly(2022, 3), 10);  // 2022Q3 + 10 quarters = 2025Q1
  EXPECT_EQ(period::annual(2022) + 2, period::annual(2024));
  EXPECT_EQ(period::quarterly(2025, 1) - 5, period::quarterly(2023, 4));
  EXPECT_THROW((void)(period::annual(2024) - period::quarterly(2024, 1)), tradecast::invalid_argument);
  EXPECT_THROW((void)(period::annual(9999) + 1), tradecast::invalid_argument);
  EXPECT_THROW((void)(period::annual(1) - 1), tradecast::invalid_argument);
  // shifts whose sum would overflow int64 (undefined behaviour) are refused before adding
  constexpr auto big = std::numeric_limits<std::int64_t>::max();
  constexpr auto small = std::numeric_limits<std::int64_t>::min();
  EXPECT_THROW((void)(period::annual(2000) + big), tradecast::invalid_argument);
  EXPECT_THROW((void)(period::annual(2000) - small), tradecast::invalid_argument);
  EXPECT_THROW((void)(period::monthly(2000, 1) + small), tradecast::invalid_argument);
  EXPECT_EQ(period::monthly(1, 1) + (9999LL * 12 - 1), period::monthly(9999, 12));  // the widest valid shift
}

TEST(Period, ConvertsToEnclosingPeriods) {
  EXPECT_EQ(period::monthly(2025, 3).to(frequency::quarterly), period::quarterly(2025, 1));
  EXPECT_EQ(period::monthly(2025, 4).to(frequency::quarterly), period::quarterly(2025, 2));
  EXPECT_EQ(period::monthly(2025, 12).to(frequency::annual), period::annual(2025));
  EXPECT_EQ(period::quarterly(2025, 3).to(frequency::annual), period::annual(2025));
  EXPECT_EQ(period::quarterly(2025, 2).first_in(frequency::monthly), period::monthly(2025, 4));
  EXPECT_EQ(period::quarterly(2025, 2).last_in(frequency::monthly), period::monthly(2025, 6));
  EXPECT_EQ(period::annual(2025).last_in(frequency::quarterly), period::quarterly(2025, 4));
  EXPECT_THROW((void)period::annual(2025).to(frequency::monthly), tradecast::invalid_argument);
  EXPECT_THROW((void)period::monthly(2025, 1).first_in(frequency::annual), tradecast::invalid_argument);
}

TEST(Period, OrdersWithinAndAcrossFrequencies) {
  EXPECT_LT(period::annual(2023), period::annual(2024));
  EXPECT_LT(period::monthly(2024, 12), period::monthly(2025, 1));
  EXPECT_NE(period::annual(2024), period::quarterly(2024, 1));
}

// Randomized round trips: format -> parse is the identity, every accepted spelling of a period parses
// to it, and arithmetic agrees with (year, subperiod) counting. Replay with TRADECAST_TEST_SEED.
TEST(Period, RandomizedRoundTrips) {
  std::mt19937_64 rng(tradecast::test::test_seed());
  std::uniform_int_distribution<int> year(1, 9999), freq(0, 2), shift(-5000, 5000);
  for (int i = 0; i < 20000; ++i) {
    const auto f = static_cast<frequency>(freq(rng));
    const int ppy = tradecast::periods_per_year(f);
    const int y = year(rng);
    const int sub = std::uniform_int_distribution<int>(1, ppy)(rng);
    const period p = period::of(f, y, sub);
    ASSERT_EQ(p.year(), y);
    ASSERT_EQ(p.subperiod(), sub);
    ASSERT_EQ(period::parse(p.to_string()), p) << p.to_string();
    std::string ys = std::to_string(y);
    while (ys.size() < 4) ys.insert(ys.begin(), '0');
    if (f == frequency::quarterly) {
      ASSERT_EQ(period::parse(ys + "Q" + std::to_string(sub)), p);
      ASSERT_EQ(period::parse(ys + "-q" + std::to_string(sub)), p);
    } else if (f == frequency::monthly) {
      ASSERT_EQ(period::parse(ys + "M" + std::to_string(sub)), p);
      ASSERT_EQ(period::parse(ys + "-M" + (sub < 10 ? "0" : "") + std::to_string(sub)), p);
    }
    const int n = shift(rng);
    const long long target = static_cast<long long>(y) * ppy + (sub - 1) + n;
    if (target < ppy || target >= 10000LL * ppy) {
      ASSERT_THROW((void)(p + n), tradecast::invalid_argument);
      continue;
    }
    const period q = p + n;
    ASSERT_EQ(q - p, n);
    ASSERT_EQ(q - n, p);
    ASSERT_EQ(q.year(), static_cast<int>(target / ppy));
    ASSERT_EQ(q.subperiod(), static_cast<int>(target % ppy) + 1);
    ASSERT_EQ(q.to(frequency::annual), period::annual(q.year()));
  }
}
