#include <regex>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tradecast/chart/fan_chart.hpp"

using namespace tradecast;
using ::testing::HasSubstr;

namespace {

forecast::forecast_result make_forecast() {
  forecast::forecast_result fc;
  fc.meta.id = "x";
  fc.first = period::annual(2025);
  fc.levels = {80, 95};
  fc.values.mean = {46.2, 46.2, 46.2};
  fc.values.intervals = {{80, {44.0, 43.0, 42.0}, {48.4, 49.4, 50.4}}, {95, {43.0, 41.5, 40.0}, {49.4, 50.9, 52.4}}};
  fc.model.method = "Naive method";
  return fc;
}

series history() {
  series_metadata m;
  m.id = "x";
  m.name = "Vietnam-Japan <total> & trade";
  m.unit = unit::parse("USD billions");
  return series(m, period::annual(2020), {39.6, std::nan(""), 47.6, 44.98, 46.2});
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

}  // namespace

TEST(FanChart, HasTitleAxesBandsAndLegend) {
  const std::string svg = chart::fan_chart_svg(history(), make_forecast());
  EXPECT_THAT(svg, testing::StartsWith("<?xml"));
  EXPECT_THAT(svg, HasSubstr("</svg>"));
  // The title names the series (XML-escaped) and the model.
  EXPECT_THAT(svg, HasSubstr("Vietnam-Japan &lt;total&gt; &amp; trade: Naive method forecast"));
  EXPECT_THAT(svg, HasSubstr(">USD billions</text>"));  // y axis: the unit
  EXPECT_THAT(svg, HasSubstr(">period (annual)</text>"));
  for (const char* p : {">2020<", ">2024<", ">2027<"}) EXPECT_THAT(svg, HasSubstr(p));
  EXPECT_EQ(count(svg, "<polygon"), 2u);                  // one band per level
  EXPECT_THAT(svg, HasSubstr("80% prediction interval"));
  EXPECT_THAT(svg, HasSubstr("95% prediction interval"));
  // The missing 2021 splits the history into two lines: 2020, and 2022-2024.
  EXPECT_EQ(count(svg, "stroke=\"#222\" stroke-width=\"2\"/>"), 2u + 1u);  // 2 runs + legend line
  EXPECT_EQ(count(svg, "<circle"), 4u);                    // present observations only
}

TEST(FanChart, ScalesToTheData) {
  const std::string svg = chart::fan_chart_svg(history(), make_forecast());
  // The y grid runs from a nice number below 39.6 to one above 52.4 (range 12.8, step 2.5: 37.5..52.5).
  EXPECT_THAT(svg, HasSubstr(">37.5</text>"));
  EXPECT_THAT(svg, HasSubstr(">52.5</text>"));
}

TEST(FanChart, RejectsInconsistentInput) {
  auto fc = make_forecast();
  fc.first = period::annual(2024);
  EXPECT_THROW((void)chart::fan_chart_svg(history(), fc), invalid_argument);
  fc.first = period::quarterly(2025, 1);
  EXPECT_THROW((void)chart::fan_chart_svg(history(), fc), invalid_argument);
}
