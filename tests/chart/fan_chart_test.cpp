#include <limits>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

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

// A flat line: a constant history and forecast with zero-width bands (naive on a constant series).
// The axis is padded by 5% of the level (at least 1) on either side. At 5e99 an absolute ±1 vanished
// in rounding and the tick loop never advanced (a hang); at 1e-300 the ticks need %g labels.
TEST(FanChart, FlatLinesOfAnyMagnitudeGetAnAxis) {
  struct flat_case {
    double level;
    const char* lowest_tick;   // the first grid label, from a hand calculation of nice_step
    const char* highest_tick;
  };
  // 5e99 ± 2.5e98: range 5e98, step 1e98 (5e98 / 6 = 8.3e97 -> 1e98): 4.7e99 .. 5.3e99.
  // 0 ± 1: range 2, step 0.5 (2 / 6 = 0.33 -> 0.5): -1 .. 1.
  // 1e-300 ± 1: the same as 0 (the pad is at least 1).
  // 1e6 ± 5e4: range 1e5, step 2e4 (1e5 / 6 = 16667 -> 2e4): 940000 .. 1060000.
  const std::vector<flat_case> cases = {
      {5e99, ">4.7e+99</text>", ">5.3e+99</text>"},
      {0.0, ">-1.0</text>", ">1.0</text>"},
      {1e-300, ">-1.0</text>", ">1.0</text>"},
      {1e6, ">940000</text>", ">1060000</text>"},
  };
  for (const auto& c : cases) {
    series_metadata m;
    m.id = "flat";
    const series h(m, period::annual(2020), {c.level, c.level, c.level});
    forecast::forecast_result fc;
    fc.first = period::annual(2023);
    fc.values.mean = {c.level, c.level};
    fc.values.intervals = {{95, {c.level, c.level}, {c.level, c.level}}};
    fc.model.method = "Naive method";
    const std::string svg = chart::fan_chart_svg(h, fc);
    SCOPED_TRACE(c.level);
    EXPECT_THAT(svg, HasSubstr(c.lowest_tick));
    EXPECT_THAT(svg, HasSubstr(c.highest_tick));
    EXPECT_THAT(svg, testing::Not(testing::ContainsRegex("nan|inf")));
  }
}

// An unbounded upper bound (+inf: a Box-Cox quantile beyond the inverse's domain) is drawn to the
// top of the plot: the 95% band's upper edge at steps 2 and 3 lies on the highest grid line (52:
// the finite values, at most 50.4, set the axis, range 38..52 in steps of 2), and no "inf" reaches
// the SVG.
TEST(FanChart, UnboundedUpperBoundReachesTheTop) {
  forecast::forecast_result fc = make_forecast();
  const double inf = std::numeric_limits<double>::infinity();
  fc.values.intervals[1].upper = {49.4, inf, inf};
  const std::string svg = chart::fan_chart_svg(history(), fc);
  EXPECT_THAT(svg, testing::Not(testing::ContainsRegex("nan|inf")));
  // The y of the top grid line (the line just before the label "52") and of the band's points
  // (plain string searches: <regex> trips GCC 12's uninitialised-use warning under the sanitizers).
  const std::size_t label = svg.find(">52</text>");
  ASSERT_NE(label, std::string::npos);
  const std::size_t line = svg.rfind("<line x1=\"80.00\" x2=\"930.00\" y1=\"", label);
  ASSERT_NE(line, std::string::npos);
  const std::size_t y_at = svg.find("y1=\"", line) + 4;
  const std::string grid_y = svg.substr(y_at, svg.find('"', y_at) - y_at);
  const std::size_t title = svg.find("><title>95% interval");
  ASSERT_NE(title, std::string::npos);
  const std::size_t open = svg.rfind("<polygon points=\"", title) + std::string("<polygon points=\"").size();
  const std::string pts = svg.substr(open, svg.find('"', open) - open);
  std::vector<std::string> ys;
  std::istringstream points(pts);
  for (std::string xy; points >> xy;) ys.push_back(xy.substr(xy.find(',') + 1));
  ASSERT_EQ(ys.size(), 7u);  // the last observation, 3 upper points, 3 lower points
  EXPECT_EQ(ys[2], ys[3]);   // steps 2 and 3 at the same height: the top
  EXPECT_NE(ys[1], ys[2]);   // step 1 at its own bound
  EXPECT_EQ(ys[2], grid_y);  // the band's top is the top grid line
}

// A title too long for one line at 18 px (about 0.6 em a Latin character: 920 px hold 85) is split
// after the series name or at the space nearest the middle, whichever allows the larger font (the
// series name when both fit at 18 px): this one of 132 characters splits in the middle, where both
// halves fit at 18 px (after the name, the model's 95 characters would need 16.14 px).
TEST(FanChart, LongTitlesWrapAndShrinkToFit) {
  forecast::forecast_result fc = make_forecast();
  fc.model.method = "Auto: median of ETS(A,N,N), Theta, Random walk with drift and a deliberately long tail";
  const std::string svg = chart::fan_chart_svg(history(), fc);
  EXPECT_THAT(svg, HasSubstr("font-size=\"18.00\" font-weight=\"bold\">Vietnam-Japan &lt;total&gt; &amp; trade: Auto: median "
                             "of ETS(A,N,N), Theta,</text>"));
  EXPECT_THAT(svg, HasSubstr("font-size=\"18.00\" font-weight=\"bold\">Random walk with drift and a deliberately long tail "
                             "forecast</text>"));
  // Full-width characters count 1 em: a name of 80 CJK characters splits after it (80.6 em with
  // the colon) and shrinks to 920 / 80.6 = 11.41 px (counted at 0.6 em it overflowed the picture).
  series_metadata cjk = history().meta();
  cjk.name.clear();
  for (int k = 0; k < 80; ++k) cjk.name += "\u65e5";
  const std::string wide = chart::fan_chart_svg(series(cjk, period::annual(2020), {39.6, 40.0, 47.6, 44.98, 46.2}), make_forecast());
  EXPECT_THAT(wide, HasSubstr("font-size=\"11.41\" font-weight=\"bold\">" + cjk.name + ":</text>"));
  // both fit at 18 px: the split after the series name (the default title of the demo)
  fc.model.method = "Auto: median of ETS(A,N,N), Theta, Random walk with drift";
  EXPECT_THAT(chart::fan_chart_svg(history(), fc),
              HasSubstr("font-size=\"18.00\" font-weight=\"bold\">Vietnam-Japan &lt;total&gt; &amp; trade:</text>"));
  // a short one stays on one line at 18 px
  EXPECT_THAT(chart::fan_chart_svg(history(), make_forecast()), HasSubstr("font-size=\"18.00\" font-weight=\"bold\""));
  // One that does not fit even at 9 px is cut: at most 920 / (0.6 · 9) = 170 characters a line,
  // the last three "..." (a 250-character name was clipped at both ends of the picture).
  series h = history();
  series_metadata m = h.meta();
  m.name = std::string(250, 'N');
  const series long_name(m, period::annual(2020), {39.6, 40.0, 47.6, 44.98, 46.2});
  const std::string cut = chart::fan_chart_svg(long_name, make_forecast());
  EXPECT_THAT(cut, HasSubstr("font-size=\"9.00\" font-weight=\"bold\">" + std::string(167, 'N') + "...</text>"));
}

// The legend stands in a row between the title and the plot, so it never covers the data (it was
// inside the plot's top-left corner, over any series that starts high): every legend label lies
// above the plot's top grid line.
TEST(FanChart, LegendStandsAboveThePlot) {
  const std::string svg = chart::fan_chart_svg(history(), make_forecast());
  const auto y_of = [&](std::size_t at) {
    const std::size_t y = svg.rfind(" y=\"", at) + 4;
    return std::stod(svg.substr(y, svg.find('"', y) - y));
  };
  const std::size_t top_label = svg.find(">52.5</text>");  // the highest grid label (ScalesToTheData)
  ASSERT_NE(top_label, std::string::npos);
  const double plot_top = y_of(top_label) - 4;  // labels sit 4 px below their line
  for (const char* item : {">history</text>", ">forecast mean</text>", ">80% prediction interval</text>",
                           ">95% prediction interval</text>"}) {
    const std::size_t at = svg.find(item);
    ASSERT_NE(at, std::string::npos) << item;
    EXPECT_LT(y_of(at), plot_top) << item;
  }
}

// Period labels fall on calendar boundaries: five years of monthly history and 18 months ahead
// (78 months) are labelled by year at every January (a step of 12 months gives 7 labels, at most
// 10), not at every 8th month from the first (2019-01, 2019-09, ...).
TEST(FanChart, PeriodLabelsOnCalendarBoundaries) {
  series_metadata m;
  m.id = "m";
  std::vector<double> v;
  for (int i = 0; i < 60; ++i) v.push_back(100 + i);
  const series h(m, period::monthly(2019, 1), v);
  forecast::forecast_result fc;
  fc.first = period::monthly(2024, 1);
  fc.values.mean.assign(18, 160.0);
  fc.values.intervals = {{95, std::vector<double>(18, 150.0), std::vector<double>(18, 170.0)}};
  fc.model.method = "Naive method";
  const std::string svg = chart::fan_chart_svg(h, fc);
  for (const char* y : {">2019</text>", ">2020</text>", ">2024</text>", ">2025</text>"}) EXPECT_THAT(svg, HasSubstr(y));
  EXPECT_THAT(svg, testing::Not(HasSubstr(">2019-09</text>")));
  EXPECT_EQ(count(svg, "text-anchor=\"middle\" font-size=\"12\">20"), 7u);  // 2019 ... 2025
  // 32 months: a label every 6 months (January and July), not every 4 (January, May, September)
  forecast::forecast_result f32 = fc;
  f32.values.mean.resize(2), f32.values.intervals[0].lower.resize(2), f32.values.intervals[0].upper.resize(2);
  const series h30(m, period::monthly(2019, 1), std::vector<double>(v.begin(), v.begin() + 30));
  f32.first = period::monthly(2021, 7);
  const std::string svg32 = chart::fan_chart_svg(h30, f32);
  for (const char* p : {">2019-07</text>", ">2020-01</text>", ">2021-07</text>"}) EXPECT_THAT(svg32, HasSubstr(p));
  EXPECT_THAT(svg32, testing::Not(HasSubstr(">2019-05</text>")));
  // annual data over 11 years: every 2 years, on even years
  const std::string annual = chart::fan_chart_svg(history(), make_forecast());  // 2020 ... 2027
  for (const char* y : {">2020</text>", ">2022</text>", ">2024</text>", ">2026</text>"}) EXPECT_THAT(annual, HasSubstr(y));
}

// Bounds that explode (near a Box-Cox pole) would squash the history into a line: the axis
// covers the history and the mean (39.6 to 47.6, range 8) and the bands only as far as five
// times that range beyond (47.6 + 40 = 87.6: the axis ends at 90, not at 3333), and the chart
// says the bands are cut.
TEST(FanChart, ExplodingBoundsAreCutAndSaid) {
  forecast::forecast_result fc = make_forecast();
  fc.values.intervals[1].upper = {49.4, 500.0, 3333.0};
  const std::string svg = chart::fan_chart_svg(history(), fc);
  EXPECT_THAT(svg, HasSubstr(">90</text>"));
  EXPECT_THAT(svg, testing::Not(HasSubstr(">100</text>")));
  EXPECT_THAT(svg, HasSubstr("intervals beyond five times the data's range are cut at the edge"));
  EXPECT_THAT(chart::fan_chart_svg(history(), make_forecast()), testing::Not(HasSubstr("are cut at the edge")));
}
