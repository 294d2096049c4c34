#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tradecast/core/unit.hpp"

using tradecast::price_basis;
using tradecast::unit;

TEST(Unit, ParsesScaleAndPriceWords) {
  const unit u = unit::parse("USD billions");
  EXPECT_EQ(u.measure, "USD");
  EXPECT_EQ(u.scale, 9);
  EXPECT_EQ(u.prices, price_basis::current);
  EXPECT_EQ(unit::parse("USD mn").scale, 6);
  EXPECT_EQ(unit::parse("EUR thousands").scale, 3);
  EXPECT_EQ(unit::parse("USD x1e6").scale, 6);
  const unit c = unit::parse("USD millions, constant 2015 prices");
  EXPECT_EQ(c.prices, price_basis::constant);
  EXPECT_EQ(c.base_year, 2015);
  EXPECT_EQ(unit::parse("").measure, "");
}

TEST(Unit, LabelRoundTrips) {
  for (const char* text : {"USD billions", "USD millions, constant 2015 prices", "percent", "index",
                           "JPY trillions", "USD thousands, constant prices"}) {
    const unit u = unit::parse(text);
    EXPECT_EQ(u.label(), text);
    EXPECT_EQ(unit::parse(u.label()), u);
  }
}

TEST(Unit, RejectsUnknownWords) {
  try {
    (void)unit::parse("USD zillions");
    ADD_FAILURE();
  } catch (const tradecast::parse_error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("word 'zillions' is not a scale"));
  }
}
