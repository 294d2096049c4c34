#include <cmath>
#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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
