#include <cmath>
#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tradecast/core/bridge.hpp"
#include "tradecast/core/collection.hpp"
#include "tradecast/core/series.hpp"

using namespace tradecast;
using ::testing::HasSubstr;

namespace {
const double nan = std::numeric_limits<double>::quiet_NaN();

series annual_totals() {
  series_metadata m;
  m.id = "total";
  m.source = "default source";
  return series(m, period::annual(2021), {nan, 47.6, 44.98, 46.2});
}
}  // namespace

TEST(Series, KeepsMissingValuesExplicit) {
  const series s = annual_totals();
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s.start(), period::annual(2021));
  EXPECT_EQ(s.end(), period::annual(2024));
  EXPECT_TRUE(s.is_missing(0));
  EXPECT_EQ(s.status(0), obs_status::missing);
  ASSERT_NE(s.note(0), nullptr);
  EXPECT_EQ(*s.note(0), "missing in input");
  EXPECT_EQ(s.count_present(), 3u);
  EXPECT_DOUBLE_EQ(s.value_at(period::annual(2023)), 44.98);
  EXPECT_EQ(s.span_text(), "2021 to 2024 (4 annual periods, 3 with a value)");  // one is missing
}

TEST(Series, IndexesByPeriod) {
  const series s = annual_totals();
  EXPECT_EQ(s.index_of(period::annual(2022)), 1u);
  EXPECT_FALSE(s.index_of(period::annual(2020)).has_value());
  EXPECT_FALSE(s.index_of(period::quarterly(2022, 1)).has_value());
  try {
    (void)s.value_at(period::annual(2030));
    ADD_FAILURE();
  } catch (const not_found& e) {
    EXPECT_THAT(e.what(), HasSubstr("period 2030 is not in series 'total' (2021 to 2024"));
  }
}

TEST(Series, PerObservationStatusSourceAndNote) {
  series s = annual_totals();
  s.set_source(3, "VNA");
  s.set_status(3, obs_status::provisional);
  s.set_note(3, "up 2.7%");
  EXPECT_EQ(s.source(2), "default source");
  EXPECT_EQ(s.source(3), "VNA");
  EXPECT_EQ(s.status(3), obs_status::provisional);
  EXPECT_EQ(*s.note(3), "up 2.7%");
  s.set_missing(2, "withdrawn");
  EXPECT_TRUE(std::isnan(s[2]));
  EXPECT_EQ(*s.note(2), "withdrawn");
  s.set_note(2, "");
  EXPECT_EQ(*s.note(2), "withdrawn");  // the reason of a missing value stays
  EXPECT_THROW(s.set_status(2, obs_status::normal), invalid_argument);
  EXPECT_THROW(s.set_status(1, obs_status::missing), invalid_argument);
}

TEST(Series, RejectsInfiniteAndContradictoryValues) {
  series s = annual_totals();
  EXPECT_THROW(s.push_back(std::numeric_limits<double>::infinity()), invalid_argument);
  EXPECT_THROW(s.push_back(1.0, obs_status::missing), invalid_argument);
  EXPECT_EQ(s.size(), 4u);  // failed appends leave nothing behind
}

TEST(Series, SliceKeepsEverything) {
  series s = annual_totals();
  s.set_source(2, "VNA");
  const series t = s.slice(period::annual(2021), period::annual(2023));
  ASSERT_EQ(t.size(), 3u);
  EXPECT_TRUE(t.is_missing(0));
  EXPECT_EQ(*t.note(0), "missing in input");
  EXPECT_EQ(t.source(2), "VNA");
  EXPECT_THROW((void)s.slice(period::annual(2023), period::annual(2022)), invalid_argument);
}

TEST(Collection, AddressesSeriesById) {
  series_collection c;
  c.add(annual_totals());
  series_metadata m;
  m.id = "q";
  c.add(series(m, period::quarterly(2025, 1), {12.0}));
  EXPECT_EQ(c.size(), 2u);
  EXPECT_TRUE(c.contains("q"));
  EXPECT_EQ(c.at("q").freq(), frequency::quarterly);
  EXPECT_EQ(c.ids(), (std::vector<std::string>{"total", "q"}));
  EXPECT_THROW(c.add(annual_totals()), invalid_argument);
  try {
    (void)c.at("nope");
    ADD_FAILURE();
  } catch (const not_found& e) {
    EXPECT_STREQ(e.what(), "unknown series 'nope'; available: total, q");
  }
}

// Gaps are bridged only on request. By hand: between 10 and 40 one missing value is 10·4^(1/2) =
// 20 (geometric: constant growth); between 40 and 80 two are 40·2^(1/3) = 50.397 and 40·2^(2/3) = 63.496;
// with a non-positive end, linear: between -2 and 4 one missing value is 1. Leading and trailing
// missing values, and a gap next to a projection, stay missing.
TEST(Bridge, FillsInteriorGapsOnlyAndSaysHow) {
  using tradecast::bridge_gaps;
  const double na = std::nan("");
  series_metadata m;
  m.id = "b";
  series s(m, period::annual(2000), {na, 10, na, 40, na, na, 80, -2, na, 4, na, 7, na});
  s.set(11, 7, obs_status::forecast);
  const auto b = bridge_gaps(s);
  EXPECT_TRUE(b.data.is_missing(0));   // leading
  EXPECT_DOUBLE_EQ(b.data[2], 20.0);
  EXPECT_NEAR(b.data[4], 40 * std::cbrt(2.0), 1e-12);
  EXPECT_NEAR(b.data[5], 40 * std::cbrt(4.0), 1e-12);
  EXPECT_DOUBLE_EQ(b.data[8], 1.0);
  EXPECT_TRUE(b.data.is_missing(10));  // next to a projection
  EXPECT_TRUE(b.data.is_missing(12));  // trailing
  EXPECT_EQ(b.data.status(2), obs_status::estimated);
  EXPECT_EQ(*b.data.note(2), "geometric interpolation between 2001 and 2003 (bridged on request; not an observation)");
  ASSERT_EQ(b.gaps.size(), 3u);
  EXPECT_EQ(b.summary(), "2002 (geometric interpolation between 2001 and 2003), 2004 to 2005 (geometric interpolation "
                         "between 2003 and 2006), 2008 (linear interpolation between 2007 and 2009)");
  EXPECT_TRUE(s.is_missing(2));  // the input is not changed
}
