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

// Common trade units put the scale first or have several words in the measure; every word that
// is not a scale or price basis is the measure (they were refused: "word 'tonnes' is not a scale").
TEST(Unit, MeasuresOfSeveralWordsAndScalesFirst) {
  const unit t = unit::parse("thousand tonnes");
  EXPECT_EQ(t.measure, "tonnes");
  EXPECT_EQ(t.scale, 3);
  EXPECT_EQ(t.label(), "tonnes thousands");
  EXPECT_EQ(unit::parse("million USD"), unit::parse("USD millions"));
  EXPECT_EQ(unit::parse("% of GDP").measure, "% of GDP");
  EXPECT_EQ(unit::parse("% of GDP").scale, 0);
  const unit idx = unit::parse("index 2015=100");
  EXPECT_EQ(idx.measure, "index 2015=100");
  EXPECT_EQ(unit::parse(idx.label()), idx);
  const unit ca = unit::parse("current account USD bn");  // "current" here is not a price basis
  EXPECT_EQ(ca.measure, "current account USD");
  EXPECT_EQ(ca.scale, 9);
  EXPECT_EQ(ca.prices, price_basis::current);
  const unit k = unit::parse("EUR, constant 2010 prices, millions");
  EXPECT_EQ(k.measure, "EUR");
  EXPECT_EQ(k.scale, 6);
  EXPECT_EQ(k.prices, price_basis::constant);
  EXPECT_EQ(k.base_year, 2010);
  EXPECT_EQ(unit::parse("USD zillions").measure, "USD zillions");  // not a scale word: part of the measure
  // "units" is a measure ("thousand units" was refused as two scales); abbreviations with a dot
  EXPECT_EQ(unit::parse("thousand units").label(), "units thousands");
  EXPECT_EQ(unit::parse("number of units, thousands").measure, "number of units");
  EXPECT_EQ(unit::parse("Mio. EUR"), unit::parse("EUR millions"));
  // a price basis alone ("constant prices" was shown as ", constant prices")
  EXPECT_EQ(unit::parse("constant prices").label(), "constant prices");
  EXPECT_EQ(unit::parse(unit::parse("constant 2015 prices").label()), unit::parse("constant 2015 prices"));
}

// A year is a base year only right after "constant"; elsewhere it is part of the measure (a base
// year after "current" was refused, and before that became the measure silently). Every label
// parses back to the same unit.
TEST(Unit, YearsAndRoundTrips) {
  const unit c = unit::parse("current prices, index 2015");
  EXPECT_EQ(c.measure, "index 2015");
  EXPECT_EQ(c.prices, price_basis::current);
  const unit k = unit::parse("constant 2015 prices, index 2010");
  EXPECT_EQ(k.base_year, 2015);
  EXPECT_EQ(k.measure, "index 2010");
  EXPECT_EQ(unit::parse("constant thousand prices").scale, 3);
  EXPECT_EQ(unit::parse("constant thousand prices").prices, price_basis::constant);
  for (const char* text : {"current thousand 2015", "constant thousand prices", "constant Mio. 2015", "current prices, index 2015",
                           "constant 2015 prices, index 2010", "USD current 2015 prices", "thousand units", "% of GDP",
                           "prices", "constant", "2015", "k", "x1e-3 kg", "EUR bn constant"}) {
    SCOPED_TRACE(text);
    const unit u = unit::parse(text);
    EXPECT_EQ(unit::parse(u.label()), u) << u.label();
  }
  try {
    (void)unit::parse("constant 2015 prices current");
    ADD_FAILURE();
  } catch (const tradecast::parse_error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("two price bases, 'constant' and 'current'"));
  }
}

TEST(Unit, RejectsTwoScales) {
  try {
    (void)unit::parse("USD thousand million");
    ADD_FAILURE();
  } catch (const tradecast::parse_error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("unit 'USD thousand million': two scales, 'thousand' and 'million'"));
  }
}
