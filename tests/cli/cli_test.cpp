// Runs the tradecast executable and checks its output and exit status.
#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using ::testing::HasSubstr;
using ::testing::Not;

namespace {

struct result {
  int status = -1;
  std::string out;  // stdout and stderr
};

result run(const std::string& args) {
  const std::string cmd = std::string(TRADECAST_CLI_PATH) + " " + args + " 2>&1";
  result r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

// A path in the temporary directory for the running test. Each test runs in a process of its
// own and ctest runs them in parallel, so the name carries the test's: two tests writing the same
// fixture (backtest_file(), say) must not truncate it under each other's reader.
std::string temp_path(const std::string& name) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string test = info ? std::string(info->test_suite_name()) + "." + info->name() + "_" : "";
  return (std::filesystem::temp_directory_path() / ("tradecast_cli_test_" + test + name)).string();
}

std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = temp_path(name);
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST(CliGrowth, DefaultSeriesShowsReferenceFigures) {
  const result r = run("growth");
  ASSERT_EQ(r.status, 0) << r.out;
  // 44.98/47.6 - 1 = -5.504202%; 46.2/44.98 - 1 = +2.712317%; (46.2/47.6)^(1/2) - 1 = -1.481563%.
  EXPECT_THAT(r.out, HasSubstr("vnm_jpn_total"));
  EXPECT_THAT(r.out, testing::ContainsRegex("2023 +44\\.980 +-5\\.50%"));
  EXPECT_THAT(r.out, testing::ContainsRegex("2024 +46\\.200 +\\+2\\.71%"));
  EXPECT_THAT(r.out, testing::ContainsRegex("CAGR 2022 to 2024 \\(last three years\\): +-1\\.48%"));
  EXPECT_THAT(r.out, HasSubstr("CAGR 1990 to 2024 (whole span, 34 years)"));
  // 2021 is missing, so 2021 and 2022 have no year-on-year rate, with the reason.
  EXPECT_THAT(r.out, testing::ContainsRegex("2021 +n/a"));
  EXPECT_THAT(r.out, HasSubstr("2021 is missing"));
  // Q1 2025 x 4 = 48.0 is a run-rate, 48/46.2 - 1 = 3.896% above 2024: never a growth rate.
  EXPECT_THAT(r.out, HasSubstr("run-rate"));
  EXPECT_THAT(r.out, HasSubstr("48.00 USD billions, 3.90% above 2024"));
  EXPECT_THAT(r.out, HasSubstr("not a growth rate"));
  EXPECT_THAT(r.out, HasSubstr("Vietnam News Agency"));
  EXPECT_THAT(r.out, HasSubstr("IMF Direction of Trade Statistics"));
}

TEST(CliGrowth, JsonCarriesExactValues) {
  const result r = run("growth --format json");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["series"]["id"], "vnm_jpn_total");
  double yoy2023 = 0, yoy2024 = 0;
  for (const auto& o : j["observations"]) {
    if (o["period"] == "2023") yoy2023 = o["yoy_percent"].get<double>();
    if (o["period"] == "2024") yoy2024 = o["yoy_percent"].get<double>();
    if (o["period"] == "2022") {
      EXPECT_TRUE(o["yoy_percent"].is_null());
    }
  }
  EXPECT_NEAR(yoy2023, -5.504202, 1e-6);
  EXPECT_NEAR(yoy2024, 2.712317, 1e-6);
  EXPECT_NEAR(j["cagr_last_three_years"]["percent"].get<double>(), -1.481563, 1e-6);
  EXPECT_NEAR(j["run_rate"]["value"].get<double>(), 48.0, 1e-12);
  EXPECT_NEAR(j["run_rate"]["vs_previous_year"]["percent"].get<double>(), 3.896104, 1e-6);
}

TEST(CliGrowth, CsvOutput) {
  const result r = run("growth --format csv");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_THAT(r.out, testing::StartsWith("series,period,value,yoy_percent,status,source,note\n"));
  EXPECT_THAT(r.out, HasSubstr("vnm_jpn_total,2023,44.98,-5.5042016806722"));
  EXPECT_THAT(r.out, HasSubstr(",normal,\"IMF Direction of Trade Statistics (DOTS), annual, as reported by Vietnam\",\n"));
  // the lines under the table go to standard error (the CSV holds the per-period rows only)
  EXPECT_THAT(r.out, HasSubstr("tradecast: note: CAGR 1990 to 2024 (whole span, 34 years): +14.18%\n"));
  EXPECT_THAT(r.out, HasSubstr("tradecast: note: 2025 run-rate (2025-Q1 x 4): 48.00 USD billions, 3.90% above 2024"));
}

TEST(CliGrowth, UserFileQuarterlyComparesSameQuarter) {
  const std::string f = write_temp("q.csv",
                                   "series,period,value\nx,2024Q1,10\nx,2024Q2,11\nx,2024Q3,12\nx,2024Q4,13\n"
                                   "x,2025Q1,12\n");
  const result r = run("growth --input " + f);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_THAT(r.out, testing::ContainsRegex("2025-Q1 +12\\.000 +\\+20\\.00%"));  // 12/10 - 1
  // 2025 has one quarter: run-rate 48 vs 2024's 46 (= 10+11+12+13): +4.35%.
  EXPECT_THAT(r.out, HasSubstr("48.00, 4.35% above 2024"));
}

// "Last three years" on quarterly data: three calendar years from the same quarter (it took the
// last 12 quarters, 2022-Q2 to 2025-Q1, whose ends are different quarters: -22.28% on a series
// with no growth at all). Hand calculation: Q1 and Q3 = 10, Q2 and Q4 = 20 throughout: 0%.
TEST(CliGrowth, LastThreeYearsCompareTheSamePeriodOfTheYear) {
  std::string text = "series,period,value\n";
  for (int y = 2022; y <= 2024; ++y)
    for (int q = 1; q <= 4; ++q) text += "x," + std::to_string(y) + "-Q" + std::to_string(q) + (q % 2 ? ",10\n" : ",20\n");
  text += "x,2025-Q1,10\n";
  const result r = run("growth --input " + write_temp("seas.csv", text));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("CAGR 2023-Q1 to 2025-Q1 (last three years):       +0.00%"));
  // A trailing missing year does not blank the window, and a short series says what it spans.
  const result g = run("growth --input " +
                       write_temp("gap.csv", "series,period,value\nx,2019,10\nx,2020,11\nx,2021,12\nx,2022,13\nx,2023,NA\n"));
  ASSERT_EQ(g.status, 0) << g.out;
  EXPECT_THAT(g.out, HasSubstr("CAGR 2020 to 2022 (last three years):"));  // (13/11)^(1/2) - 1 = 8.71%
  EXPECT_THAT(g.out, HasSubstr("+8.71%"));
  const result two = run("growth --input " + write_temp("two.csv", "series,period,value\nx,2020,10\nx,2021,12\n"));
  ASSERT_EQ(two.status, 0) << two.out;
  EXPECT_THAT(two.out, HasSubstr("CAGR 2020 to 2021 (whole span, 1 year): +20.00%"));
  EXPECT_THAT(two.out, HasSubstr("CAGR 2020 to 2021 (last two years, all the series has): +20.00%"));
}

// Notes travel with their observations in every format (CSV and JSON gave the growth rate's
// "2021 is missing" instead of the reason, and dropped the notes of rows with values).
TEST(CliGrowth, ObservationNotesInEveryFormat) {
  const result c = run("growth --format csv");
  ASSERT_EQ(c.status, 0) << c.out;
  EXPECT_THAT(c.out, HasSubstr("vnm_jpn_total,2021,,,missing,,not in the IMF DOTS extract (ends 2020)"));
  EXPECT_THAT(c.out, HasSubstr("vnm_jpn_total,2024,46.2,2.712316585148966,normal,\"Vietnam News Agency (VNA), April 2025 "
                               "report on the Japanese Prime Minister's visit; a different publication from IMF DOTS\",VNA: up "
                               "2.7% from 2023\n"));
  const result j = run("growth --format json");
  EXPECT_THAT(j.out, HasSubstr("\"note\": \"not in the IMF DOTS extract"));
  EXPECT_THAT(j.out, HasSubstr("\"note\": \"VNA: up 2.7% from 2023"));
}

static std::string fmt_month(int year, int month) {
  return "m," + std::to_string(year) + (month < 10 ? "-0" : "-") + std::to_string(month);
}

// Inputs the reader used to take or the command used to trip on.
TEST(CliGrowth, EdgeInputs) {
  // a sub-annual series ending in the year 9999 (the run-rate's annual comparison cannot be formed)
  const result y9 = run("growth --input " + write_temp("y9.csv", "series,period,value\na,9999-01,1\na,9999-02,2\n"));
  ASSERT_EQ(y9.status, 0) << y9.out;
  EXPECT_THAT(y9.out, HasSubstr("9999 run-rate (9999-01 to 9999-02 x 12/2): 18.00; against the year before: undefined"));
  // a value with two signs
  const result pm = run("show --input " + write_temp("pm.csv", "series,period,value\na,2024,+-5\na,2025,2\n"));
  EXPECT_EQ(pm.status, 2);
  EXPECT_THAT(pm.out, HasSubstr("bad number '+-5'"));
  // an empty --input is not the embedded data
  const result empty = run("growth --input \"\"");
  EXPECT_EQ(empty.status, 2);
  EXPECT_THAT(empty.out, HasSubstr("--input: is empty: expected a file name"));
  // `growth` on a file written from `csv`, which must succeed
  const auto growth_of = [](const std::string& name, const std::string& csv) {
    const result r = run("growth --input " + write_temp(name, csv));
    EXPECT_EQ(r.status, 0) << r.out;
    return r;
  };
  // a CAGR beyond 1e15 % prints in significant digits
  const result big = growth_of("big.csv", "series,period,value\na,2024-Q1,1\na,2024-Q2,1\na,2024-Q3,1\n"
                                          "a,2024-Q4,1\na,2025-Q1,1e100\na,2025-Q2,1e100\n");
  // whole span from the same quarter a year before the last value (2024-Q2 to 2025-Q2): 100·(1e100 − 1)
  EXPECT_THAT(big.out, HasSubstr("CAGR 2024-Q2 to 2025-Q2 (whole span, 1 year): +1e+102%"));
  // A projected value (status forecast) is not a CAGR end point: 100, 110, 121, 133.1 then a
  // forecast of 200; both CAGRs end at 2023, +10% by hand (they gave +18.92% and +28.56%).
  const result fc = growth_of("fc.csv", "series,period,value,status\nf,2020,100,\nf,2021,110,\n"
                                        "f,2022,121,\nf,2023,133.1,\nf,2024,200,F\n");
  EXPECT_THAT(fc.out, HasSubstr("CAGR 2020 to 2023 (whole span, 3 years): +10.00%"));
  EXPECT_THAT(fc.out, HasSubstr("CAGR 2021 to 2023 (last three years):"));
  // Quarterly data: the whole span joins the same quarter of different years, so seasonality does
  // not pass for growth. Q1..Q4 = 10, 20, 30, 40 in 2021, each quarter 10% higher a year later,
  // to 2024-Q3: 2021-Q3 (30) to 2024-Q3 (30·1.1³), +10.00% by hand (2021-Q1 to 2024-Q3 gave +70%).
  std::string seasonal = "series,period,value\n";
  for (int t = 0; t < 15; ++t)
    seasonal += "q," + std::to_string(2021 + t / 4) + "-Q" + std::to_string(t % 4 + 1) + "," +
                std::to_string(10.0 * (t % 4 + 1) * std::pow(1.1, t / 4)) + "\n";
  const result sq = growth_of("seasonal_q.csv", seasonal);
  EXPECT_THAT(sq.out, HasSubstr("CAGR 2021-Q3 to 2024-Q3 (whole span, 3 years): +10.00%"));
  // a projected last quarter does not complete the year: 2023-Q1..Q3 observed and Q4 projected
  // still gives the 2023 run-rate, 11 x 4 = 44, 10% above 2022's 40 (the line disappeared)
  const result rq = growth_of("rq.csv", "series,period,value,status\nq,2022-Q1,10,\nq,2022-Q2,10,\n"
                                        "q,2022-Q3,10,\nq,2022-Q4,10,\nq,2023-Q1,11,\nq,2023-Q2,11,\n"
                                        "q,2023-Q3,11,\nq,2023-Q4,50,forecast\n");
  EXPECT_THAT(rq.out, HasSubstr("2023 run-rate (2023-Q1 to 2023-Q3 x 4/3): 44.00, 10.00% above 2022"));
  // a projected quarter is not annualised either: with 2025-Q1 only projected (status F), 2024 is
  // the last year observed, complete, so there is no partial year to annualise (it gave 99 x 4)
  const result pq = growth_of("pq.csv", "series,period,value,status\na,2024-Q1,10,\na,2024-Q2,10,\n"
                                        "a,2024-Q3,10,\na,2024-Q4,10,\na,2025-Q1,99,F\n");
  EXPECT_THAT(pq.out, Not(HasSubstr("run-rate")));
  // a partial last quarter is not annualised as a full one: 2025-Q1 alone, x 4 (it gave 26, "35% below")
  const result qp = growth_of("qp.csv", "series,period,value,status\na,2024-Q1,10,\na,2024-Q2,10,\n"
                                        "a,2024-Q3,10,\na,2024-Q4,10,\na,2025-Q1,10,\n"
                                        "a,2025-Q2,3,partial\n");
  EXPECT_THAT(qp.out, HasSubstr("2025 run-rate (2025-Q1 x 4): 40.00, 0.00% above 2024"));
  // a quarter not published yet ends the run-rate; a gap between observed quarters is said (the
  // run-rate line used to vanish without a word)
  const std::string q1 = "series,period,value\na,2024-Q1,10\na,2024-Q2,10\na,2024-Q3,10\na,2024-Q4,10\na,2025-Q1,11\n";
  const result tm = run("growth --input " + write_temp("tm.csv", q1 + "a,2025-Q2,\n"));
  EXPECT_THAT(tm.out, HasSubstr("2025 run-rate (2025-Q1 x 4): 44.00, 10.00% above 2024"));
  const result tg = run("growth --input " + write_temp("tg.csv", q1 + "a,2025-Q2,\na,2025-Q3,12\n"));
  EXPECT_THAT(tg.out, HasSubstr("2025 run-rate: not formed (annual_run_rate: 2025-Q2 of series 'a' is missing between "
                                "observed periods of 2025)"));
  // a year pre-filled with NA to December still has its run-rate
  std::string g4 = "series,period,value\n";
  for (int mo = 1; mo <= 12; ++mo) g4 += fmt_month(2023, mo) + ",10\n";
  g4 += fmt_month(2024, 1) + ",11\n" + fmt_month(2024, 2) + ",12\n";
  for (int mo = 3; mo <= 12; ++mo) g4 += fmt_month(2024, mo) + ",NA\n";
  const result pre = run("growth --input " + write_temp("g4.csv", g4));
  EXPECT_THAT(pre.out, HasSubstr("2024 run-rate (2024-01 to 2024-02 x 12/2): 138.00, 15.00% above 2023"));
  // only partial end points: neither CAGR (the last-three line gave +34%)
  const result pp = run("growth --input " + write_temp("pp.csv", "series,period,value,status\na,2020,5,partial\na,2021,6,\n"
                                                                 "a,2022,9,partial\n"));
  EXPECT_THAT(pp.out, HasSubstr("CAGR 2020 to 2022 (last three years):       undefined (fewer than two full observations"));
  // a value far below the column's scale is shown, not printed as 0.000; trillions keep their digits
  const result mix = run("show --input " + write_temp("mix.csv", "series,period,value\nt,2020,5000\nt,2021,0.0004\nt,2022,0\n"));
  EXPECT_THAT(mix.out, testing::ContainsRegex("2021 +0\\.0004 "));
  EXPECT_THAT(mix.out, testing::ContainsRegex("2022 +0\\.000 "));
  const result tr = run("show --input " + write_temp("tr.csv", "series,period,value\nw,2022,3412345678901\nw,2023,3593601234567\n"));
  EXPECT_THAT(tr.out, testing::ContainsRegex("2022 +3412345678901 "));
  // control characters from the input are shown as \xNN in messages, not sent to the terminal
  const result esc = run("show --input " + write_temp("esc.csv", "series,period,value\nc\x1b,2020,1\nc\x1b,2020,2\n"));
  EXPECT_EQ(esc.status, 2);
  EXPECT_THAT(esc.out, HasSubstr("duplicate period 2020 in series 'c\\x1b'"));
  // a leading partial year: the windows start at the first full observation, and JSON says so
  const std::string lead = write_temp("leadp.csv", "series,period,value,status\na,2020,30,partial\na,2021,100,\na,2022,110,\n");
  const result lp = run("growth --input " + lead);
  EXPECT_THAT(lp.out, HasSubstr("CAGR 2021 to 2022 (last two years, all the series has): +10.00%"));
  const result lj = run("growth --format json --input " + lead);
  EXPECT_THAT(lj.out, HasSubstr("\"label\": \"last two years, all the series has\""));
  // two values, one partial: the span and why
  const result p2 = run("growth --input " + write_temp("a2p.csv", "series,period,value,status\na,2023,100,\na,2024,110,partial\n"));
  EXPECT_THAT(p2.out, HasSubstr("CAGR 2023 to 2024 (whole span, 1 year): undefined (2024 is a partial period (status partial) "
                                "and 2023 is not)"));
}

TEST(CliSeries, ListsEmbeddedSeries) {
  const result r = run("series");
  ASSERT_EQ(r.status, 0) << r.out;
  for (const char* id : {"vnm_jpn_total", "vnm_jpn_total_q", "vnm_jpn_total_rep_jpn", "vnm_exports_to_jpn",
                         "vnm_imports_from_jpn", "jpn_exports_to_vnm", "jpn_imports_from_vnm"})
    EXPECT_THAT(r.out, HasSubstr(id));
  EXPECT_THAT(r.out, HasSubstr("7 series in embedded Vietnam-Japan data"));
  const result j = run("series --format json");
  ASSERT_EQ(j.status, 0);
  EXPECT_EQ(nlohmann::json::parse(j.out).size(), 7u);
}

TEST(CliShow, PrintsOneSeries) {
  const result r = run("show --series vnm_jpn_total_q");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_THAT(r.out, testing::ContainsRegex("2025-Q1 +12\\.000"));
  const result c = run("show --series vnm_jpn_total --format csv");
  EXPECT_THAT(c.out, HasSubstr("vnm_jpn_total,2021,,USD billions,missing,"));
  EXPECT_THAT(r.out, HasSubstr("USD billions, quarterly; "));
  // A series without a unit: the header line starts with the frequency (it began ", annual").
  const std::string f = write_temp("nounit.csv", "series,period,value\na,2020,1\na,2021,2\n");
  const result u = run("show --input " + f);
  ASSERT_EQ(u.status, 0) << u.out;
  EXPECT_THAT(u.out, HasSubstr("a (a)\nannual; 2020 to 2021 (2 annual observations)\n"));
}

TEST(CliErrors, BadInputExitsTwoWithLocation) {
  const std::string f = write_temp("bad.csv", "series,period,value\nx,2024,1\nx,2025,abc\n");
  const result r = run("growth --input " + f);
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.out, HasSubstr(f + ":3:3: bad number 'abc' in column 'value'"));

  const std::string g = write_temp("badperiod.csv", "series,period,value\nx,2024-13,1\n");
  const result rp = run("show --input " + g);
  EXPECT_EQ(rp.status, 2);
  EXPECT_THAT(rp.out, HasSubstr(g + ":2:2: unknown period form '2024-13'"));

  const result missing = run("growth --input /nonexistent.csv");
  EXPECT_EQ(missing.status, 2);
  EXPECT_THAT(missing.out, HasSubstr("/nonexistent.csv: cannot open the file"));

  const result unknown = run("growth --series nope");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_THAT(unknown.out, HasSubstr("unknown series 'nope'; available: vnm_jpn_total"));

  const result fmt = run("growth --format xml");
  EXPECT_EQ(fmt.status, 2);
  EXPECT_THAT(fmt.out, HasSubstr("--format"));

  const result none = run("");
  EXPECT_EQ(none.status, 2);
}

TEST(CliHelp, EveryCommandHasHelp) {
  for (const char* cmd : {"", "series ", "show ", "growth ", "forecast ", "evaluate ", "backtest "}) {
    const result r = run(std::string(cmd) + "--help");
    EXPECT_EQ(r.status, 0) << cmd;
    EXPECT_THAT(r.out, HasSubstr("--")) << cmd;
  }
  EXPECT_THAT(run("growth --help").out, HasSubstr("--input"));
  EXPECT_THAT(run("--version").out, HasSubstr("0.1.0"));
}

TEST(CliForecast, CsvHasExactlyTheDocumentedColumns) {
  const result r = run("forecast --series vnm_jpn_total_rep_jpn --method ets --horizon 6 --format csv");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_THAT(r.out, testing::StartsWith("series,period,mean,lo80,hi80,lo95,hi95\n"));
  EXPECT_THAT(r.out, HasSubstr("\nvnm_jpn_total_rep_jpn,2021,"));
  EXPECT_THAT(r.out, HasSubstr("\nvnm_jpn_total_rep_jpn,2026,"));
  const result l = run("forecast --series vnm_jpn_total_rep_jpn --horizon 2 --level 90 --format csv");
  EXPECT_THAT(l.out, testing::StartsWith("series,period,mean,lo90,hi90\n"));
}

TEST(CliForecast, DefaultProjectionSaysWhatItUsed) {
  const std::string svg = temp_path("fan.svg");
  const result r = run("forecast --horizon 6 --chart " + svg);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("Model: Auto: median of ETS(A,N,N), Theta, Random walk with drift"));
  EXPECT_THAT(r.out, HasSubstr("status: fell back"));
  EXPECT_THAT(r.out, HasSubstr("Data: uses 2022 to 2024"));
  EXPECT_THAT(r.out, testing::ContainsRegex("2030 +[0-9.]+ +[0-9.]+"));
  std::ifstream f(svg);
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  EXPECT_THAT(text, HasSubstr("</svg>"));
  const result j = run("forecast --horizon 2 --format json");
  const auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc["forecasts"].size(), 2u);
  EXPECT_EQ(doc["forecasts"][0]["period"], "2025");
  EXPECT_EQ(doc["model"]["status"], "fell back");
}

TEST(CliForecast, BadArgumentsExitTwo) {
  EXPECT_EQ(run("forecast --horizon 0").status, 2);
  EXPECT_EQ(run("forecast").status, 2);  // --horizon is required
  const result m = run("forecast --horizon 3 --method nope");
  EXPECT_EQ(m.status, 2);
  EXPECT_THAT(m.out, HasSubstr("unknown method 'nope'"));
  const result lv = run("forecast --horizon 3 --level 80,x");
  EXPECT_EQ(lv.status, 2);
  EXPECT_THAT(lv.out, HasSubstr("--level: 'x' is not a number"));
  const result l2 = run("forecast --horizon 3 --level 120");
  EXPECT_EQ(l2.status, 2);
  EXPECT_THAT(l2.out, HasSubstr("level 120"));
}

// Interval levels name their columns exactly (99.99999 is not rounded to 100), a level given twice
// is an error (its columns would collide), and a hexadecimal level is not a number.
TEST(CliForecast, LevelsNameTheirOwnColumns) {
  const result fine = run("forecast -H 1 --method naive --level 99.99999,80 --format csv");
  EXPECT_EQ(fine.status, 0) << fine.out;
  EXPECT_THAT(fine.out, HasSubstr("series,period,mean,lo99.99999,hi99.99999,lo80,hi80\n"));
  const result twice = run("forecast -H 1 --method naive --level 95,95 --format json");
  EXPECT_EQ(twice.status, 2);
  EXPECT_THAT(twice.out, HasSubstr("--level: 95 is given twice"));
  const result hex = run("forecast -H 1 --method naive --level 0x10");
  EXPECT_EQ(hex.status, 2);
  EXPECT_THAT(hex.out, HasSubstr("--level: '0x10' is not a number"));
  const result comma = run("forecast -H 1 --method naive --level 80,");  // was taken as 80
  EXPECT_EQ(comma.status, 2);
  EXPECT_THAT(comma.out, HasSubstr("--level: '80,' ends with a comma"));
  const result seed = run("forecast -H 1 --method naive --seed 7");  // was ignored: analytic intervals
  EXPECT_EQ(seed.status, 2);
  EXPECT_THAT(seed.out, HasSubstr("--seed goes with --simulate or --bootstrap"));
}

// Forecasts that are not finite numbers are an error naming the step, not inf in the output:
// 1, 1e9, …, 1e90 grow 1e9-fold a year, so logtrend's forecast passes DBL_MAX at step 25
// (10^(90 + 9·25)); data beyond ±1e100 are refused before fitting.
TEST(CliForecast, OverflowingForecastsExitTwo) {
  std::string text = "series,period,value\n";
  for (int t = 0; t <= 10; ++t) text += "x," + std::to_string(2000 + t) + ",1e" + std::to_string(9 * t) + "\n";
  const std::string file = write_temp("explode.csv", text);
  const result ok = run("forecast --input " + file + " --method logtrend -H 24 --level 80 --format csv");
  EXPECT_EQ(ok.status, 0) << ok.out;
  const result over = run("forecast --input " + file + " --method logtrend -H 30 --format csv");
  EXPECT_EQ(over.status, 2) << over.out;
  EXPECT_THAT(over.out, HasSubstr("series 'x', method 'logtrend': no forecasts: the forecasts are not finite numbers (step 2"));
  EXPECT_THAT(over.out, Not(HasSubstr("inf,")));
  const std::string big = write_temp("big.csv", "series,period,value\nx,2000,1e155\nx,2001,3e155\n");
  const result huge = run("forecast --input " + big + " --method naive -H 1");
  EXPECT_EQ(huge.status, 2);
  EXPECT_THAT(huge.out, HasSubstr("method 'naive': the value for 2000 (1e+155) is larger in magnitude than 1e+100"));
}

// Messages a command-line user can act on: what is wrong, in the CLI's terms, and what to do.
TEST(CliForecast, ErrorMessagesSayWhatToDo) {
  const std::string q = write_temp("q.csv", "series,period,value\nq,2008-Q1,10\nq,2008-Q2,12\nq,2008-Q3,11\n"
                                            "q,2008-Q4,14\nq,2009-Q1,11\nq,2009-Q2,13\nq,2009-Q3,12\nq,2009-Q4,15\n");
  const std::string zero = write_temp("zero.csv", "series,period,value\nz,2000,3\nz,2001,0\nz,2002,4\n");
  const std::string two = write_temp("two.csv", "series,period,value\nt,2000,3\nt,2001,5\n");
  struct bad_case {
    std::string args, message;
  };
  const std::vector<bad_case> cases = {
      {"forecast -H 0", "--horizon: must be a whole number of at least 1, not '0'"},
      {"forecast -H 2.5", "--horizon: must be a whole number of at least 1, not '2.5'"},
      {"forecast --input " + zero + " --method logtrend -H 2",
       "method 'logtrend' takes logarithms, but the value for 2001 (0) is not positive"},
      {"forecast --input " + zero + " --method ets:MAdN -H 2",
       "ETS(M,Ad,N) has a multiplicative component, which needs positive data, but the value for 2001 (0) is not "
       "positive; choose additive components (e.g. ets:AAdN)"},
      {"forecast --input " + zero + " --method naive --lambda 0 -H 2",
       "Box-Cox lambda = 0 cannot transform the value for 2001 (0): use positive data or lambda = 1"},
      // positive data whose transform overflows (11^400 > 1.8e308): not a matter of positive data
      {"forecast --input " + q + " --method snaive -H 2 --lambda 400",
       "Box-Cox lambda = 400 cannot transform the value for 2008-Q1 (10): (y^lambda - 1) / lambda is beyond the range "
       "of a double; choose a smaller |lambda|"},
      {"backtest --input " + zero + " --method cagr -H 1",
       "none of the 1 origin(s) could be fitted; the first (last training period 2001): method 'cagr' takes "
       "logarithms, but the value for 2001 (0) is not positive"},
      {"forecast --input " + q + " --method snaive -H 2 --level 80 --bogus",
       "tradecast: error: The following argument was not expected: --bogus\nRun 'tradecast forecast --help'"},
      {"forecast --input " + q + " --method", "tradecast: error: --method: 1 required TEXT missing"},
      {"forecast -H 2 --method naive --simulate",
       "method 'naive' fits no ETS model, so there are no intervals to simulate"},
      // cagr and logtrend refuse a lambda; their bias-adjusted means are drift / trend with lambda 0
      // (the same forecasts: cagr is R's rwf(y, drift = TRUE, lambda = 0)).
      {"forecast -H 2 --method cagr --biasadj",
       "method 'cagr' takes no lambda: its bias-adjusted mean is --method drift --lambda 0 --biasadj"},
      {"forecast -H 2 --method logtrend --biasadj",
       "method 'logtrend' takes no lambda: its bias-adjusted mean is --method trend --lambda 0 --biasadj"},
      {"forecast --series vnm_jpn_total_rep_jpn --method ets -H 7000 --simulate --npaths 8000",
       "npaths = 8000 paths × 7000 step(s) exceed the 50,000,000 simulated values"},
      {"forecast --input " + two + " --method drift -H 2",
       "method 'drift' needs at least 3 observations (two differences to estimate the drift and its variance); the "
       "data have 2"},
      {"", "tradecast: error: A subcommand is required\nRun 'tradecast --help' for the options."},
      {"forecast --input " + q + " --method ets:ANM -H 2", "ETS(A,N,M) is excluded, as in R's ets()"},
      {"forecast --input " + q + " --method ets:ANdN -H 2",
       "method 'ets:ANdN': a damped trend needs a trend (ets:AAdN, or Z to select it); N has none to damp"},
      {"forecast --input " + q + " --method hw-mult --lambda 0 -H 2",
       "ETS(M,A,M) has a multiplicative component, which a Box-Cox transformed series cannot take"},
      {"forecast --input " + q + " --method naive --lambda nan -H 2", "Box-Cox lambda = nan is not a finite number"},
      {"backtest --input " + q + " --method naive -H 1 --threads -1", "--threads: must be a whole number of at least 0"},
  };
  for (const auto& c : cases) {
    const result r = run(c.args);
    EXPECT_EQ(r.status, 2) << c.args << "\n" << r.out;
    EXPECT_THAT(r.out, HasSubstr(c.message)) << c.args;
  }
  // The largest step is still a valid --step (one origin).
  EXPECT_EQ(run("backtest --input " + q + " --method naive -H 1 --step 18446744073709551615").status, 0);
}

// --bridge-gaps: the user's explicit choice to fill the 2021 gap of the default series, by
// geometric interpolation, sqrt(39.61326 · 47.6) = 43.4234 (hand calculation), marked estimated
// and said in the Data line, in CSV's notes and in JSON; the model then uses all 35 years. Never
// with --wide (no interior gaps there).
TEST(CliForecast, BridgeGapsOnRequestOnly) {
  const result t = run("forecast -H 2 --bridge-gaps");
  ASSERT_EQ(t.status, 0) << t.out;
  EXPECT_THAT(t.out, HasSubstr("Data: bridged on request (status estimated, not observations): 2021 (geometric "
                               "interpolation between 2020 and 2022)\n"));
  EXPECT_THAT(t.out, HasSubstr("2021    43.423"));
  EXPECT_THAT(t.out, HasSubstr("estimated"));
  // the forecast is R's median of ets, thetaf and rwf(drift) on the bridged 1990-2024 series
  // (tests/forecast/data/projection_ref.csv, case "bridged": 2030 = 51.2465, 95% 39.7729-63.7237)
  EXPECT_THAT(run("forecast -H 6 --bridge-gaps").out, HasSubstr("2030    51.247  43.548  60.449  39.773  63.724  forecast"));
  const auto j = nlohmann::json::parse(run("forecast -H 2 --bridge-gaps --format json").out);
  EXPECT_THAT(j["data_note"].get<std::string>(), HasSubstr("bridged on request"));
  EXPECT_THAT(run("forecast -H 2 --bridge-gaps --format csv").out,
              HasSubstr("tradecast: note: series 'vnm_jpn_total': bridged on request"));
  // without the flag the gap breaks the run, as before
  EXPECT_THAT(run("forecast -H 2").out, HasSubstr("2021 is missing and is not interpolated"));
  const result nothing = run("forecast --series vnm_jpn_total_rep_jpn -H 2 --bridge-gaps");
  EXPECT_THAT(nothing.out, HasSubstr("Data: nothing to bridge: no missing value lies between two full observations"));
  const result wide = run("forecast --wide " + write_temp("bw.csv", "\"V1\",\"V2\",\"V3\"\n\"a\",1,2\n") +
                          " -H 1 --bridge-gaps");
  EXPECT_EQ(wide.status, 2);
  EXPECT_THAT(wide.out, HasSubstr("--bridge-gaps cannot be used with --wide"));
}

// --all: every series of the input in one parallel run, each exactly as --series gives it alone
// (whose numbers the engine's tests check against R; the reference series' 2030 value is R's median
// of ets, thetaf and rwf(drift), 43.861, projection_ref.csv "stand"), with periods; a series
// without two usable observations is left out with a warning; --bridge-gaps bridges each series
// (the reference series then gives R's 51.247 of the "bridged" case); the result does not depend
// on the thread count; what --all cannot go with is refused.
TEST(CliForecast, AllSeriesOfTheInputAsEachAlone) {
  const auto lines_of = [](const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
      if (!l.starts_with("tradecast:")) out.push_back(l);
    return out;
  };
  const result all = run("forecast --all -H 6 --format csv");
  ASSERT_EQ(all.status, 0) << all.out;
  EXPECT_THAT(all.out, HasSubstr("tradecast: warning: left out: series 'vnm_jpn_total_q' has 1 usable observation(s); "
                                 "forecasting needs at least 2"));
  const std::vector<std::string> rows = lines_of(all.out);
  ASSERT_EQ(rows.size(), 1u + 5 * 6 + 6);  // header, five annual series to 2026, the reference to 2030
  EXPECT_EQ(rows.front(), "series,period,mean,lo80,hi80,lo95,hi95");
  std::size_t matched = 1;
  for (const char* id : {"vnm_jpn_total", "vnm_jpn_total_rep_jpn", "vnm_exports_to_jpn", "vnm_imports_from_jpn",
                         "jpn_exports_to_vnm", "jpn_imports_from_vnm"}) {
    const std::vector<std::string> alone = lines_of(run(std::string("forecast -H 6 --format csv --series ") + id).out);
    ASSERT_EQ(alone.size(), 7u) << id;
    for (std::size_t i = 1; i < alone.size(); ++i) EXPECT_EQ(rows[matched++], alone[i]) << id;
  }
  EXPECT_THAT(rows[6], ::testing::StartsWith("vnm_jpn_total,2030,43.861"));
  EXPECT_EQ(run("forecast --all -H 6 --format csv --threads 1").out, all.out);
  // -o: the same text, written under a temporary name that takes the file's name at the end
  const std::string to = temp_path("all.csv");
  ASSERT_EQ(run("forecast --all -H 6 --format csv -o " + to).status, 0);
  std::ifstream written(to);
  const std::string text((std::istreambuf_iterator<char>(written)), std::istreambuf_iterator<char>());
  std::string expected;
  for (const std::string& l : rows) expected += l + "\n";
  EXPECT_EQ(text, expected);
  EXPECT_FALSE(std::filesystem::exists(to + ".tradecast-partial"));
  const result table = run("forecast --all -H 6");
  EXPECT_THAT(table.out, HasSubstr("6 series from embedded Vietnam-Japan data (1 left out: see the warnings); method auto"));
  EXPECT_THAT(table.out, ::testing::ContainsRegex("vnm_jpn_total +3 +46\\.200 +2030 +45\\.611 +43\\.861 +39\\.242 +50\\.819"));
  std::string json_text;  // without the warnings and notes on stderr
  for (const std::string& l : lines_of(run("forecast --all -H 6 --format json --method theta").out)) json_text += l + "\n";
  const auto j = nlohmann::json::parse(json_text);
  ASSERT_EQ(j.size(), 6u);
  EXPECT_EQ(j[0]["id"], "vnm_jpn_total");
  EXPECT_EQ(j[0]["unit"], "USD billions");
  EXPECT_EQ(j[0]["first_used"], "2022");
  EXPECT_EQ(j[0]["last_used"], "2024");
  EXPECT_THAT(j[0]["data_note"].get<std::string>(), HasSubstr("2021 is missing and is not interpolated"));
  EXPECT_EQ(j[0]["forecasts"][5]["period"], "2030");
  EXPECT_EQ(j[0]["frequency"], "annual");
  EXPECT_EQ(j[1]["forecasts"][0]["period"], "2021");
  const result bridged = run("forecast --all -H 6 --bridge-gaps");
  EXPECT_THAT(bridged.out,
              ::testing::ContainsRegex("vnm_jpn_total +35 +46\\.200 +2030 +[0-9.]+ +51\\.247 +39\\.773 +63\\.724"));
  // the table's notes say what was bridged (and what was not), as --series' Data line does
  EXPECT_THAT(bridged.out, HasSubstr("tradecast: note: series 'vnm_jpn_total': bridged on request (status estimated, "
                                     "not observations): 2021 (geometric interpolation between 2020 and 2022)"));
  EXPECT_THAT(bridged.out, HasSubstr("tradecast: note: series 'vnm_exports_to_jpn': nothing to bridge"));
  // a file without units still has the key, as --series' JSON
  std::string no_unit;
  for (const std::string& l : lines_of(run("forecast --all -H 1 --format json --method naive --input " +
                                           write_temp("nounit.csv", "series,period,value\nx,2001,1\nx,2002,2\n")).out))
    no_unit += l + "\n";
  EXPECT_EQ(nlohmann::json::parse(no_unit)[0]["unit"], "");
  const result header_only = run("forecast --all -H 1 --input " + write_temp("header.csv", "series,period,value\n"));
  EXPECT_EQ(header_only.status, 2);
  EXPECT_THAT(header_only.out, HasSubstr("holds no series"));
  // A series whose forecasts would run past 9999 is left out as forecasting it alone refuses it.
  const result late = run("forecast --method naive -H 2 --format csv --all --input " +
                          write_temp("late.csv", "series,period,value\na,9998,3\na,9999,4\nb,2002,6\nb,2003,7\n"));
  EXPECT_EQ(late.status, 0) << late.out;
  EXPECT_THAT(late.out, HasSubstr("tradecast: warning: left out: series 'a': horizon h = 2: the forecasts after 9999 "
                                  "would run past 9999, the last period tradecast represents"));
  EXPECT_THAT(late.out, HasSubstr("b,2005,7,"));
  // every series left out, whatever the reason: said so
  const result none = run("forecast --method naive -H 20000 --all --input " +
                          write_temp("none.csv", "series,period,value\na,2001,3\na,2002,4\n"));
  EXPECT_EQ(none.status, 2);
  EXPECT_THAT(none.out, HasSubstr("no series could be forecast: every one was left out (see the warnings)"));
  // A value no method can take is named by its period, for the method and for the naive fallback.
  const result huge = run("forecast --method theta -H 2 --all --input " +
                          write_temp("huge.csv", "series,period,value\na,2001,1\na,2002,1e200\na,2003,4\nb,2001,5\n"
                                                 "b,2002,6\nb,2003,7\n"));
  EXPECT_EQ(huge.status, 0) << huge.out;
  EXPECT_THAT(huge.out, HasSubstr("method 'theta': the value for 2002 (1e+200) is larger in magnitude than 1e+100"));
  EXPECT_THAT(huge.out, HasSubstr("naive fallback failed too: method 'naive': the value for 2002 (1e+200)"));
  // also once bridged: the value is named by its period in the bridged series
  const result huge_bridged = run("forecast --method theta -H 2 --all --bridge-gaps --input " +
                                  write_temp("hb.csv", "series,period,value\na,2000,1\na,2001,\na,2002,1e200\n"
                                                       "a,2003,4\n"));
  EXPECT_THAT(huge_bridged.out, HasSubstr("method 'theta': the value for 2002 (1e+200)"));
  for (const auto& [args, what] : std::vector<std::pair<std::string, std::string>>{
           {"--all --series vnm_jpn_total -H 2", "--all and --series are mutually exclusive"},
           {"--all --chart c.svg -H 2", "--chart cannot be used with --all"},
           {"--all --season 4 -H 2", "--season goes with --wide"},
           {"--all", "--horizon (-H) is required"},
           {"--all --wide x.csv -H 2", "--all and --wide are mutually exclusive"}}) {
    const result bad = run("forecast " + args);
    EXPECT_EQ(bad.status, 2) << args;
    EXPECT_THAT(bad.out, HasSubstr(what)) << args;
  }
}

// A model that reproduces the data exactly (a constant series under ets:ANN: R's ets(y, "ANN")
// has loglik Inf, AICc -Inf, sigma2 0) says so in the table instead of leaving out the line; the
// JSON gives the infinite criteria as null.
TEST(CliForecast, ExactFitSaysSo) {
  std::string flat = "series,period,value\n";
  for (int t = 2001; t <= 2015; ++t) flat += "c," + std::to_string(t) + ",5\n";
  const std::string f = write_temp("flat.csv", flat);
  const result t = run("forecast --input " + f + " --method ets:ANN -H 2");
  ASSERT_EQ(t.status, 0) << t.out;
  EXPECT_THAT(t.out, HasSubstr("sigma^2 = 0, log-likelihood = +inf, AICc = -inf: the model reproduces the data exactly"));
  const auto j = nlohmann::json::parse(run("forecast --input " + f + " --method ets:ANN -H 2 --format json").out);
  EXPECT_EQ(j["model"]["loglik"], nullptr);
  EXPECT_EQ(j["model"]["sigma2"], 0.0);
  EXPECT_EQ(j["forecasts"][1]["hi95"], 5.0);
}

// --simulate / --bootstrap: the ETS intervals from sample paths, the same for the same --seed, and
// said so in the table and the JSON; a method without an ETS model is an error.
TEST(CliForecast, SimulatedIntervals) {
  const std::string base = "forecast --series vnm_jpn_total_rep_jpn --method ets -H 3 --format csv";
  const result analytic = run(base);
  const result a = run(base + " --simulate --seed 7");
  const result b = run(base + " --simulate --seed 7");
  const result c = run(base + " --simulate --seed 8");
  const result boot = run(base + " --bootstrap --seed 7 --npaths 3000");
  for (const result* r : {&analytic, &a, &b, &c, &boot}) ASSERT_EQ(r->status, 0) << r->out;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out, c.out);
  EXPECT_NE(a.out, analytic.out);
  EXPECT_NE(boot.out, a.out);
  const result table = run("forecast --series vnm_jpn_total_rep_jpn --method comb -H 3 --bootstrap --seed 9 --npaths 3000");
  EXPECT_EQ(table.status, 0) << table.out;
  EXPECT_THAT(table.out, HasSubstr("Intervals: ETS intervals simulated from 3000 sample paths with errors resampled from "
                                   "the residuals (seed 9)"));
  const result js = run("forecast --series vnm_jpn_total_rep_jpn --method ets -H 2 --simulate --seed 7 --format json");
  ASSERT_EQ(js.status, 0) << js.out;
  const auto doc = nlohmann::json::parse(js.out);
  EXPECT_EQ(doc["intervals"]["simulated"], "normal");
  EXPECT_EQ(doc["intervals"]["npaths"], 5000);
  EXPECT_EQ(doc["intervals"]["seed"], 7);
  // --wide: series i uses seed + i, which the JSON gives per series and the table says once.
  std::string wide = "\"V1\"";
  for (int k = 2; k <= 13; ++k) wide += ",\"V" + std::to_string(k) + "\"";
  wide += "\n\"a\",3,4,6,5,7,8,9,8,10,11,12,12\n\"b\",30,32,31,35,34,36,38,37,40,41,40,43\n";
  const std::string wfile = write_temp("wide_sim.csv", wide);
  const result wj = run("forecast --wide " + wfile + " -H 2 --method ses --simulate --seed 5 --format json");
  ASSERT_EQ(wj.status, 0) << wj.out;
  const auto wdoc = nlohmann::json::parse(wj.out);
  EXPECT_EQ(wdoc[0]["intervals"]["seed"], 5);
  EXPECT_EQ(wdoc[1]["intervals"]["seed"], 6);
  EXPECT_THAT(run("forecast --wide " + wfile + " -H 2 --method ses --simulate --seed 5").out,
              HasSubstr("Intervals: ETS intervals simulated from 5000 sample paths with normal errors (seed 5); series i "
                        "(from 0) uses seed 5 + i"));
  // A multiplicative trend has no analytic intervals: they are always simulated (as in R), so
  // --seed and --npaths apply without --simulate, give the same intervals as with it, and the
  // model line says how they were made. Data: the wide file's series b as a long CSV.
  std::string longb = "series,period,value\n";
  const int bv[] = {30, 32, 31, 35, 34, 36, 38, 37, 40, 41, 40, 43};
  for (int k = 0; k < 12; ++k) longb += "b," + std::to_string(2001 + k) + "," + std::to_string(bv[k]) + "\n";
  const std::string mm = "forecast --input " + write_temp("mmn.csv", longb) + " --method ets:MMN -H 3 --format csv";
  const result m1 = run(mm + " --seed 11 --npaths 2000");
  const result m2 = run(mm + " --seed 11 --npaths 2000 --simulate");
  const result m3 = run(mm + " --seed 12 --npaths 2000");
  for (const result* r : {&m1, &m2, &m3}) ASSERT_EQ(r->status, 0) << r->out;
  EXPECT_EQ(m1.out.substr(m1.out.find("series,")), m2.out.substr(m2.out.find("series,")));
  EXPECT_NE(m1.out.substr(m1.out.find("series,")), m3.out.substr(m3.out.find("series,")));
  EXPECT_THAT(run(mm.substr(0, mm.find(" --format")) + " --seed 11 --npaths 2000").out,
              HasSubstr("intervals simulated from 2000 sample paths with normal errors (seed 11): a multiplicative trend "
                        "has no analytic formula, as in R"));
  // the errors: ErrorMessagesSayWhatToDo
}

// A chart that cannot be written is an error (the disk may be full), not "written".
// A table's decimals follow the magnitude of what it shows (3 from 0.1 up, one more per decade
// below), and values from 1e12 print in 7 significant digits: a series in the ten-thousandths was
// a column of 0.000, one near 1e99 a column of 100-digit numbers. Rounding noise beside values of
// ordinary size (the mean of 0.1, 0.2, -0.3 is 9e-18) still prints as 0.000.
// Periods after the last observation used (missing, partial, projected) are not shown as
// observed history: the forecast starts there, and the fan chart's history ends before it.
TEST(CliForecast, HistoryEndsWithTheLastObservationUsed) {
  const std::string f = write_temp("partial.csv", "series,period,value,status\nx,2000,10,\nx,2001,11,estimated\n"
                                                  "x,2002,12,\nx,2003,13,\nx,2004,3,partial\n");
  const std::string svg = temp_path("partial.svg");
  const result r = run("forecast --input " + f + " --method naive -H 2 --chart " + svg);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("Data: the 1 period(s) after 2003 are not used (2004 is a partial period"));
  EXPECT_THAT(r.out, testing::ContainsRegex("2001 +11\\.000 +estimated"));
  EXPECT_THAT(r.out, testing::ContainsRegex("2003 +13\\.000 +observed\n2004 +13\\.000 .* forecast\n"));
  EXPECT_THAT(r.out, testing::Not(testing::ContainsRegex(" 3\\.000")));  // the partial value
  EXPECT_THAT(r.out, HasSubstr("Fan chart written to"));
  // A trailing missing value: the chart was refused ("the forecast must start after the history").
  const std::string g = write_temp("na_end.csv", "series,period,value\nx,2000,1\nx,2001,2\nx,2002,3\nx,2003,NA\n");
  const result m = run("forecast --input " + g + " --method naive -H 2 --chart " + svg);
  ASSERT_EQ(m.status, 0) << m.out;
  EXPECT_THAT(m.out, testing::ContainsRegex("2002 +3\\.000 +observed\n2003 +3\\.000 .* forecast\n"));
}

// CSV output has no room for the table's Data and Model lines: what was left out and why a model
// fell back go to standard error (they were dropped), for forecast and backtest alike.
TEST(CliForecast, CsvSaysOnStandardErrorWhatTheTableSays) {
  const result r = run("forecast -H 1 --format csv");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("series,period,mean,lo80,hi80,lo95,hi95\nvnm_jpn_total,2025,"));
  EXPECT_THAT(r.out, HasSubstr("tradecast: note: series 'vnm_jpn_total': uses 2022 to 2024 (3 observations): 2021 is "
                               "missing and is not interpolated, so the 31 earlier observation(s) are not used\n"));
  EXPECT_THAT(r.out, HasSubstr("tradecast: note: series 'vnm_jpn_total': Auto: median of"));
  EXPECT_THAT(r.out, HasSubstr("(fell back): "));
  const result b = run("backtest --series vnm_jpn_total_rep_jpn -H 1 --method drift --format csv");
  ASSERT_EQ(b.status, 0) << b.out;
  EXPECT_THAT(b.out, HasSubstr("tradecast: note: origin 2: fit failed: method 'drift' needs at least 3 observations"));
  EXPECT_THAT(b.out, HasSubstr("tradecast: warning: 1 of 29 origin(s) could not be fitted"));
}

// An output that is the input file (or another output) is refused before anything is written:
// -o same.csv --input same.csv replaced the data with its forecasts.
TEST(CliForecast, OutputsNeverOverwriteTheInputOrEachOther) {
  const std::string text = "series,period,value\nx,2000,1\nx,2001,2\nx,2002,4\n";
  const std::string in = write_temp("in.csv", text);
  const result o = run("forecast --input " + in + " -H 1 --method naive -o " + in);
  EXPECT_EQ(o.status, 2);
  EXPECT_THAT(o.out, HasSubstr("--output: '" + in + "' is the file of --input; writing it would destroy the data"));
  const result c = run("forecast --input " + in + " -H 1 --method naive --chart " + in);
  EXPECT_EQ(c.status, 2);
  EXPECT_THAT(c.out, HasSubstr("--chart: '" + in + "' is the file of --input"));
  const std::string out = temp_path("out.csv");
  const result both = run("forecast --input " + in + " -H 1 --method naive -o " + out + " --chart " + out);
  EXPECT_EQ(both.status, 2);
  EXPECT_THAT(both.out, HasSubstr("--output and --chart name the same file"));
  // one file by two paths, through a link to a directory, before it exists
  const std::filesystem::path dir = temp_path("outdir"), link = temp_path("outlink");
  std::filesystem::remove_all(dir);
  std::filesystem::remove(link);
  std::filesystem::create_directory(dir);
  std::filesystem::create_directory_symlink(dir, link);
  const result via_link = run("forecast --input " + in + " -H 1 --method naive -o " + (link / "y.csv").string() +
                              " --chart " + (dir / "y.csv").string());
  EXPECT_EQ(via_link.status, 2);
  EXPECT_THAT(via_link.out, HasSubstr("--output and --chart name the same file"));
  const result b = run("backtest --input " + in + " -H 1 --method naive -o " + in);
  EXPECT_EQ(b.status, 2);
  EXPECT_THAT(b.out, HasSubstr("--output: '" + in + "' is the file of --input"));
  std::ifstream f(in);
  const std::string kept((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  EXPECT_EQ(kept, text);
}

TEST(CliForecast, TablesShowVerySmallAndVeryLargeValues) {
  const std::string small = write_temp("small.csv", "series,period,value\ns,2006,0.00024\ns,2007,0.00026\n");
  const result r = run("forecast --input " + small + " --method naive -H 1");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_THAT(r.out, testing::ContainsRegex("2007 +0\\.000260 +observed"));
  // naive: mean 0.00026; 80% bounds 0.00026 -/+ 1.2816 * 0.00002 (sigma: the one difference).
  EXPECT_THAT(r.out, testing::ContainsRegex("2008 +0\\.000260 +0\\.000234 +0\\.000286 "));
  const std::string big = write_temp("big.csv", "series,period,value\nb,2006,1.6e99\nb,2007,1.7e99\n");
  const result b = run("forecast --input " + big + " --method naive -H 1");
  ASSERT_EQ(b.status, 0) << b.out;
  EXPECT_THAT(b.out, testing::ContainsRegex("2007 +1\\.7e\\+99 +observed"));
  EXPECT_THAT(b.out, testing::ContainsRegex("2008 +1\\.7e\\+99 +1\\.571845e\\+99 "));
  EXPECT_THAT(b.out, testing::Not(HasSubstr("00000000000000")));
  const std::string zero = write_temp("zero.csv", "series,period,value\nz,2000,0.1\nz,2001,0.2\nz,2002,-0.3\n");
  const result z = run("forecast --input " + zero + " --method mean -H 1");
  ASSERT_EQ(z.status, 0) << z.out;
  EXPECT_THAT(z.out, testing::ContainsRegex("2003 +0\\.000 "));
}

TEST(CliForecast, ChartWriteErrorsExitTwo) {
  if (!std::filesystem::exists("/dev/full")) GTEST_FAIL() << "/dev/full is missing on this system";
  const result r = run("forecast -H 2 --chart /dev/full");
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.out, HasSubstr("--chart: error writing '/dev/full'"));
  EXPECT_THAT(r.out, Not(HasSubstr("Fan chart written")));
  EXPECT_TRUE(std::filesystem::is_character_file("/dev/full"));  // written to, never replaced
}

// Output files are written under a temporary name and renamed, except what a rename would
// replace: a device stays a device (-o /dev/null), and a symbolic link stays a link, its target
// getting the output.
TEST(CliForecast, OutputToDevicesAndLinksWritesThroughThem) {
  ASSERT_EQ(run("forecast -H 2 --format csv -o /dev/null").status, 0);
  EXPECT_TRUE(std::filesystem::is_character_file("/dev/null"));
  const std::string target = write_temp("target.csv", "old");
  const std::string link = temp_path("link.csv");
  std::filesystem::remove(link);
  std::filesystem::create_symlink(target, link);
  ASSERT_EQ(run("forecast -H 2 --format csv -o " + link).status, 0);
  EXPECT_TRUE(std::filesystem::is_symlink(link));
  std::ifstream in(target);
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first, "series,period,mean,lo80,hi80,lo95,hi95");
  EXPECT_FALSE(std::filesystem::exists(link + ".tradecast-partial"));
}

// Every method name runs end to end on the embedded annual series reported by Japan (1990–2020);
// seasonal Holt-Winters needs a seasonal period and says so.
TEST(CliForecast, EveryMethodRuns) {
  for (const char* m : {"auto", "ets", "ets:AAdN", "theta", "ses", "holt", "damped", "naive", "snaive", "drift", "mean",
                        "trend", "logtrend", "cagr", "comb", "median:ets+theta+damped", "mean:naive+drift"}) {
    const result r = run(std::string("forecast --series vnm_jpn_total_rep_jpn --horizon 3 --format csv --method ") + m);
    EXPECT_EQ(r.status, 0) << m << ": " << r.out;
    EXPECT_THAT(r.out, HasSubstr("\nvnm_jpn_total_rep_jpn,2023,")) << m;
  }
  const result hw = run("forecast --series vnm_jpn_total_rep_jpn --horizon 3 --method hw-add");
  EXPECT_EQ(hw.status, 2);
  EXPECT_THAT(hw.out, HasSubstr("season"));
}

// cagr on the default series (2022–2024, 47.6 -> 46.2): growth (46.2/47.6)^(1/2) - 1 = -1.481563%,
// so 2025 = 46.2 * 0.98518437 = 45.515518 (hand calculation; R: rwf(y, drift=TRUE, lambda=0)).
TEST(CliForecast, CagrExtrapolatesTheCompoundGrowthRate) {
  const result r = run("forecast --method cagr --horizon 2 --format json");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_NEAR(doc["forecasts"][0]["mean"].get<double>(), 46.2 * std::sqrt(46.2 / 47.6), 1e-9);
  EXPECT_NEAR(doc["forecasts"][1]["mean"].get<double>(), 46.2 * (46.2 / 47.6), 1e-9);
  EXPECT_NEAR(doc["model"]["parameters"]["growth"].get<double>(), -0.01481563, 1e-8);
}

TEST(CliForecast, BoxCoxOptions) {
  const result a = run("forecast --series vnm_jpn_total_rep_jpn --horizon 3 --lambda auto --biasadj --format json");
  ASSERT_EQ(a.status, 0) << a.out;
  const auto doc = nlohmann::json::parse(a.out);
  EXPECT_TRUE(doc["model"]["parameters"].contains("lambda"));
  // which point forecast of the back-transformed distribution is shown, in JSON and the table
  EXPECT_EQ(doc["model"]["point_forecast"], "mean");
  EXPECT_EQ(nlohmann::json::parse(run("forecast --series vnm_jpn_total_rep_jpn -H 3 --lambda 0 --format json").out)["model"]
                                 ["point_forecast"], "median");
  EXPECT_THAT(run("forecast --series vnm_jpn_total_rep_jpn -H 3 --lambda 0").out,
              HasSubstr("Box-Cox: forecasts transformed back as medians (--biasadj gives means)"));
  const result bad = run("forecast --horizon 3 --lambda x");
  EXPECT_EQ(bad.status, 2);
  EXPECT_THAT(bad.out, HasSubstr("--lambda: 'x' is not a number"));
  const result nolambda = run("forecast --horizon 3 --biasadj");
  EXPECT_EQ(nolambda.status, 2);
  EXPECT_THAT(nolambda.out, HasSubstr("--biasadj needs --lambda"));
}

// evaluate on a two-series set, checked by hand. Series a: train 1,2,3,4, test 5,6 (h = 2, m = 1).
// naive: forecasts 4,4 -> sMAPE = (200*1/9 + 200*2/10)/2 = 31.1111%; MASE scale = mean |diff| = 1,
// MASE = (1 + 2)/2 = 1.5. Series b: train 10,10,10,12, test 12,12: naive 12,12 -> sMAPE 0, MASE 0.
// Set: sMAPE 15.5556, MASE 0.75; naive2 = naive for m = 1, so OWA = 1.
TEST(CliEvaluate, ScoresBySetWithOwaAgainstNaive2) {
  const std::string train = write_temp("train.csv", "\"V1\",\"V2\",\"V3\",\"V4\",\"V5\"\n\"a\",1,2,3,4\n\"b\",10,10,10,12\n");
  const std::string test = write_temp("test.csv", "\"V1\",\"V2\",\"V3\"\n\"a\",5,6\n\"b\",12,12\n");
  const result r = run("evaluate --train " + train + " --test " + test + " --horizon 2 --season 1 --method naive,drift --format json");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc.size(), 2u);
  EXPECT_EQ(doc[0]["method"], "naive");
  EXPECT_EQ(doc[0]["series"], 2);
  EXPECT_NEAR(doc[0]["smape"].get<double>(), (200.0 / 9 + 200.0 * 2 / 10) / 4, 1e-9);
  EXPECT_NEAR(doc[0]["mase"].get<double>(), 0.75, 1e-12);
  EXPECT_NEAR(doc[0]["owa"].get<double>(), 1.0, 1e-12);
  EXPECT_EQ(doc[0]["fallbacks"], 0);
  // drift on a: slope 1 -> 5, 6 exact; on b: slope 2/3 -> 12.667, 13.333.
  const double b1 = 12 + 2.0 / 3, b2 = 12 + 4.0 / 3;
  const double smape_b = (200 * (b1 - 12) / (b1 + 12) + 200 * (b2 - 12) / (b2 + 12)) / 2;
  EXPECT_NEAR(doc[1]["smape"].get<double>(), smape_b / 2, 1e-9);
  for (const char* key : {"method", "series", "smape", "mase", "owa", "fallbacks", "seconds", "level", "msis", "coverage"})
    EXPECT_TRUE(doc[1].contains(key)) << key;
  // 95% intervals of naive on a: residuals 1, 1, 1, so sigma = 1 and the bounds are
  // 4 ± 1.959964·sqrt(k): step 1 [2.040036, 5.959964] holds 5, step 2 [1.228192, 6.771808] holds 6.
  // On b: residuals 0, 0, 2, sigma² = 4/3, bounds 12 ± 1.959964·sqrt(4k/3), both hold 12.
  // Interval scores are the widths (scale 1 on a, 2/3 on b): MSIS_a = 1.959964·(1 + sqrt 2) = 4.7318,
  // MSIS_b = 1.959964·2·sqrt(4/3)·(1 + sqrt 2)/2 / (2/3) = 8.1958; set mean 6.4638; coverage 1.
  const double z = 1.959963984540054, msis_a = z * (1 + std::sqrt(2.0)),
               msis_b = z * std::sqrt(4.0 / 3) * (1 + std::sqrt(2.0)) / (2.0 / 3);
  EXPECT_EQ(doc[0]["level"], 95.0);
  EXPECT_NEAR(doc[0]["msis"].get<double>(), (msis_a + msis_b) / 2, 1e-9);
  EXPECT_NEAR(doc[0]["coverage"].get<double>(), 1.0, 1e-12);
  // --level 50: z = 0.6744898; a's step 1 [3.3255, 4.6745] misses 5 by 0.3255 (penalty 2/0.5 = 4 each
  // unit), step 2 [3.0461, 4.9539] misses 6 by 1.0461: coverage 0 on a.
  const result l50 = run("evaluate --train " + train + " --test " + test + " -H 2 -m 1 --method naive --level 50 --format json");
  ASSERT_EQ(l50.status, 0) << l50.out;
  const auto d50 = nlohmann::json::parse(l50.out);
  const double z50 = 0.6744897501960817;
  const double sis_a = (2 * z50 + 4 * (1 - z50)) + (2 * z50 * std::sqrt(2.0) + 4 * (2 - z50 * std::sqrt(2.0)));
  const double msis_b50 = z50 * std::sqrt(4.0 / 3) * (1 + std::sqrt(2.0)) / (2.0 / 3);  // b still covered
  EXPECT_NEAR(d50[0]["msis"].get<double>(), (sis_a / 2 + msis_b50) / 2, 1e-9);
  EXPECT_NEAR(d50[0]["coverage"].get<double>(), 0.5, 1e-12);
  const result bad = run("evaluate --train " + train + " --test " + test + " -H 2 -m 1 --method naive --level 100");
  EXPECT_EQ(bad.status, 2);
  EXPECT_THAT(bad.out, HasSubstr("--level: 100 is outside (0, 100)"));
  // The column is named by the level as given (it was rounded to "cover100", a level refused).
  const result fine = run("evaluate --train " + train + " --test " + test + " -H 2 -m 1 --method naive --level 99.9999999");
  EXPECT_EQ(fine.status, 0) << fine.out;
  EXPECT_THAT(fine.out, HasSubstr(" cover99.9999999 "));
}

// A series with a single training value is forecast by naive without intervals: it is scored on its
// point forecast and named as left out of MSIS and coverage (and of MASE, which needs two values),
// instead of stopping the evaluation. a: train 1, 2, 3, test 4: naive 3 with sigma 1, so the 95%
// interval is 3 ± 1.959964, which holds 4; MSIS = 2·1.959964 / 1. b: train 5, test 6: forecast 5.
// sMAPE = (200/7 + 200/11) / 2 = 23.3766.
TEST(CliEvaluate, SeriesWithoutIntervalIsScoredOnItsPoints) {
  const std::string train = write_temp("train_one.csv", "\"V1\",\"V2\",\"V3\",\"V4\"\n\"a\",1,2,3\n\"b\",5,,\n");
  const std::string test = write_temp("test_one.csv", "\"V1\",\"V2\"\n\"a\",4\n\"b\",6\n");
  const result r = run("evaluate --train " + train + " --test " + test + " -H 1 -m 1 --method naive,theta --threads 1 --format json");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("note: naive: series 'b' is left out of the set mean of MASE (undefined), RMSSE (undefined), "
                               "MSIS (undefined), coverage (undefined): "));
  EXPECT_THAT(r.out, HasSubstr("the forecast has no 95% interval"));
  // Which series fell back, and why, per method.
  EXPECT_THAT(r.out, HasSubstr("warning: naive: 1 of 2 series fell back to naive: b\ntradecast:   reason: method 'naive': "
                               "1 observation(s); forecasting needs at least 2"));
  EXPECT_THAT(r.out, HasSubstr("warning: theta: 1 of 2 series fell back to naive: b"));
  const auto doc = nlohmann::json::parse(r.out.substr(r.out.find('[')));
  EXPECT_NEAR(doc[0]["smape"].get<double>(), (200.0 / 7 + 200.0 / 11) / 2, 1e-9);
  EXPECT_NEAR(doc[0]["mase"].get<double>(), 1.0, 1e-12);
  EXPECT_NEAR(doc[0]["msis"].get<double>(), 2 * 1.959963984540054, 1e-9);
  EXPECT_EQ(doc[0]["fallbacks"], 1);
  EXPECT_EQ(doc[1]["fallbacks"], 1);
}

TEST(CliEvaluate, BadInputNamesTheFile) {
  const std::string train = write_temp("train_bad.csv", "\"V1\",\"V2\",\"V3\"\n\"a\",1,x\n");
  const std::string test = write_temp("test_ok.csv", "\"V1\",\"V2\"\n\"a\",5\n");
  const result r = run("evaluate --train " + train + " --test " + test + " --horizon 1 --season 1 --method naive");
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.out, HasSubstr("train_bad.csv:2:"));
  const result m = run("evaluate --train " + train + " --test " + test + " --horizon 1 --season 1 --method naive,nope");
  EXPECT_EQ(m.status, 2);
  EXPECT_THAT(m.out, HasSubstr("unknown method 'nope'"));
  // Train and test that do not pair up: each error names the file, the line and what was expected.
  const std::string tr2 = write_temp("train2.csv", "\"V1\",\"V2\",\"V3\",\"V4\"\n\"a\",1,2,3\n\"c\",1,2,3\n");
  const std::string te2 = write_temp("test2.csv", "\"V1\",\"V2\",\"V3\"\n\"a\",4,5\n\"b\",3\n");
  const auto eval = [&](const std::string& a, const std::string& b, const std::string& more) {
    return run("evaluate --train " + a + " --test " + b + " --season 1 --method naive " + more);
  };
  const result order = eval(tr2, te2, "-H 1");
  EXPECT_EQ(order.status, 2);
  EXPECT_THAT(order.out, HasSubstr(te2 + ":3:1: series 2 is 'b', but " + tr2 + " has 'c' there (line 3)"));
  const result few = eval(tr2, te2, "-H 3");
  EXPECT_EQ(few.status, 2);
  EXPECT_THAT(few.out, HasSubstr(te2 + ":2:4: series 'a' has 2 test value(s), but the horizon is 3 (--horizon)"));
  const std::string te1 = write_temp("test1.csv", "\"V1\",\"V2\"\n\"a\",4\n");
  const result count = eval(tr2, te1, "-H 1");
  EXPECT_EQ(count.status, 2);
  EXPECT_THAT(count.out, HasSubstr(tr2 + ":3:1: series 'c' has no counterpart in " + te1));
  const std::string info = write_temp("info2.csv", "Series,N,NF,Category,StartYear,StartPeriod\na,5,2,X,1990,1\n"
                                                   "c,20003,20000,X,1990,1\n");
  const result nf = run("forecast --wide " + tr2 + " --info " + info + " --method naive");
  EXPECT_EQ(nf.status, 2);
  EXPECT_THAT(nf.out, HasSubstr(info + ":3: series 'c': NF = 20000 is longer than the 10000 steps tradecast forecasts"));
  const std::string header = write_temp("header.csv", "\"V1\",\"V2\"\n");  // was "per_series is empty"
  const result none = eval(header, header, "-H 1");
  EXPECT_EQ(none.status, 2);
  EXPECT_THAT(none.out, HasSubstr(header + ":2: no series: expected a row per series after the header"));
}

// m = 13 on 6 training values: no series has a MASE scale (it needs more than m values), so
// Naive2 has no set-level MASE and OWA cannot be formed. The other measures are still reported
// (sMAPE of naive2: forecast 6 against 7, 200·1/13), OWA is left empty (JSON null), and one note
// names the methods and says why, by the first series.
TEST(CliEvaluate, UndefinedOwaIsLeftEmptyWithTheReason) {
  const std::string tr = write_temp("train6.csv", "\"V1\",\"V2\",\"V3\",\"V4\",\"V5\",\"V6\",\"V7\"\n\"a\",1,2,3,4,5,6\n");
  const std::string te = write_temp("test1.csv", "\"V1\",\"V2\"\n\"a\",7\n");
  const result o = run("evaluate --train " + tr + " --test " + te + " -H 1 -m 13 --method naive2,theta --threads 1 --format json");
  ASSERT_EQ(o.status, 0) << o.out;
  EXPECT_THAT(o.out, HasSubstr("note: OWA of naive2, theta is undefined (left empty): OWA needs Naive2's set-level MASE, "
                               "which is undefined (no series has a finite, positive one; e.g. series 'a': "));
  const auto doc = nlohmann::json::parse(o.out.substr(o.out.find('[')));
  EXPECT_TRUE(doc[0]["owa"].is_null());
  EXPECT_TRUE(doc[0]["mase"].is_null());
  EXPECT_NEAR(doc[0]["smape"].get<double>(), 200.0 / 13, 1e-9);
  EXPECT_TRUE(doc[1]["owa"].is_null());
  const result table = run("evaluate --train " + tr + " --test " + te + " -H 1 -m 13 --method naive2 --threads 1");
  ASSERT_EQ(table.status, 0) << table.out;
  EXPECT_THAT(table.out, HasSubstr("naive2       1  15.385"));
}

// A series whose measures are not finite is left out of those set means, with one note per method
// naming all of them (and a NaN printed without printf's sign: "nan", never "-nan").
TEST(CliEvaluate, SeriesLeftOutOfSetMeansIsNamedOncePerMethod) {
  const std::string train = write_temp("train_zero.csv", "\"V1\",\"V2\",\"V3\",\"V4\",\"V5\"\n\"a\",1,2,3,4\n\"c\",0,0,0,0\n");
  const std::string test = write_temp("test_zero.csv", "\"V1\",\"V2\",\"V3\"\n\"a\",5,6\n\"c\",0,0\n");
  const result r = run("evaluate --train " + train + " --test " + test + " -H 2 -m 1 --method naive --threads 1");
  ASSERT_EQ(r.status, 0) << r.out;
  // c: forecasts 0, 0 against actuals 0, 0: percentage errors 0/0; in-sample scale 0 with zero errors.
  const std::string note = "naive: series 'c' is left out of the set mean of MPE (undefined), MAPE (undefined), MASE "
                           "(undefined), RMSSE (undefined), MSIS (undefined): actual is 0 at step(s) 1, 2";
  EXPECT_THAT(r.out, HasSubstr("note: " + note));
  EXPECT_THAT(r.out, HasSubstr("note: naive2: series 'c' is left out of the set mean of MPE (undefined)"));
  EXPECT_THAT(r.out, Not(HasSubstr("-nan")));
  std::size_t notes = 0;
  for (std::size_t at = r.out.find("naive: series 'c'"); at != std::string::npos; at = r.out.find("naive: series 'c'", at + 1))
    ++notes;
  EXPECT_EQ(notes, 1u) << r.out;
  // a: forecasts 4, 4 against 5, 6: sMAPE (200·1/9 + 200·2/10) / 2 = 31.111; c's sMAPE terms are
  // 0 (both 0), so the set mean is 15.556. MASE: a's errors 1, 2 over its scale 1 = 1.5; c left out.
  EXPECT_THAT(r.out, testing::ContainsRegex("naive +2 +15\\.556 +1\\.500 +1\\.000"));
}

// Box-Cox bounds without a finite value on the data's scale are shown as unbounded, and the
// forecast is kept: 9 annual values with six zeros, ses with --lambda auto (Guerrero's lambda
// 4.1e-5, R: ses(y, h = 2, lambda = "auto") gives upper bounds Inf and lower bounds -0). The
// table prints -0 as 0.000, never "-0.000"; JSON has null for the unbounded ends.
TEST(CliForecast, UnboundedBoxCoxBoundsAreShownAndSaid) {
  std::string csv = "series,period,value\n";
  const double v[] = {0.8243892055826681, 0, 0.4906544000282228, 0.36952233623563757, 0, 0.5339859686670293, 0, 0, 0};
  for (int i = 0; i < 9; ++i) {
    std::ostringstream value;
    value.precision(17);
    value << v[i];
    csv += "z," + std::to_string(2000 + i) + "," + value.str() + "\n";
  }
  const std::string file = write_temp("zeros.csv", csv);
  const result t = run("forecast --input " + file + " --method ses -H 2 --lambda auto");
  ASSERT_EQ(t.status, 0) << t.out;
  EXPECT_THAT(t.out, HasSubstr("the upper 80% bound at steps 1-2, the upper 95% bound at steps 1-2 are unbounded (inf)"));
  EXPECT_THAT(t.out, HasSubstr("2009    0.000  0.000   inf  0.000   inf  forecast"));
  EXPECT_THAT(t.out, Not(HasSubstr("-0.000")));
  const result j = run("forecast --input " + file + " --method ses -H 2 --lambda auto --format json");
  ASSERT_EQ(j.status, 0) << j.out;
  const auto doc = nlohmann::json::parse(j.out);
  EXPECT_TRUE(doc["forecasts"][0]["hi95"].is_null());
  EXPECT_TRUE(doc["forecasts"][0]["lo95"].is_number());
  // With --wide, a note names the series with unbounded bounds (the table shows inf).
  std::string wide = "\"V1\",\"V2\",\"V3\",\"V4\",\"V5\",\"V6\",\"V7\",\"V8\",\"V9\",\"V10\"\n\"z\"";
  for (const double x : v) {
    std::ostringstream value;
    value.precision(17);
    value << x;
    wide += "," + value.str();
  }
  wide += "\n\"up\",1,2,3,4,5,6,7,8,9\n";
  const result w = run("forecast --wide " + write_temp("zeros_wide.csv", wide) + " --method ses -H 2 --lambda auto --threads 1");
  ASSERT_EQ(w.status, 0) << w.out;
  EXPECT_THAT(w.out, HasSubstr("note: 1 of 2 series have unbounded interval bounds (inf; null in json): the inverse Box-Cox "
                               "transformation has no finite value there (model_message in --format json says which): z\n"));
}

// backtest --level: per step, how often each interval held (the hand case of
// EvalRolling.IntervalCoveragePerStepByHand: y = 1, 2, 3, 4, 5, 7, naive, origins 3 to 5).
TEST(CliBacktest, IntervalCoveragePerStep) {
  const std::string file = write_temp("cover.csv", "series,period,value\ns,2001,1\ns,2002,2\ns,2003,3\ns,2004,4\ns,2005,5\ns,2006,7\n");
  const result t = run("backtest --input " + file + " --method naive -H 2 --first-origin 3 --level 50,80,99");
  ASSERT_EQ(t.status, 0) << t.out;
  EXPECT_THAT(t.out, HasSubstr("cover50  cover80  cover99"));
  EXPECT_THAT(t.out, HasSubstr("0.0%    66.7%   100.0%"));
  const result c = run("backtest --input " + file + " --method naive -H 2 --first-origin 3 --level 50,80,99 --format csv");
  ASSERT_EQ(c.status, 0) << c.out;
  EXPECT_THAT(c.out, HasSubstr("series,step,origins,mae,rmse,smape,mase,mase_origins,cover50,cover80,cover99\n"));
  EXPECT_THAT(c.out, HasSubstr(",3,0,0.6666666666666666,1\n"));
  EXPECT_THAT(c.out, HasSubstr(",2,0,0,1\n"));
  const result j = run("backtest --input " + file + " --method naive -H 1 --first-origin 3 --level 80 --format json");
  ASSERT_EQ(j.status, 0) << j.out;
  const auto doc = nlohmann::json::parse(j.out);
  EXPECT_NEAR(doc["per_step"][0]["coverage"]["80"].get<double>(), 2.0 / 3, 1e-15);
  EXPECT_EQ(doc["per_step"][0]["coverage_origins"]["80"], 3);
  // Without --level the output is as before.
  EXPECT_THAT(run("backtest --input " + file + " --method naive -H 1 --first-origin 3 --format csv").out,
              HasSubstr("series,step,origins,mae,rmse,smape,mase,mase_origins\n"));
  EXPECT_THAT(run("backtest --input " + file + " --method naive -H 1 --level 100").out, HasSubstr("level 100 is outside (0, 100)"));
}

// ---- forecast --wide: every series of a wide-layout file ----

namespace {

// First three series of data/m3/M3-Yearly-train.csv (provenance: tests/cli/data/README.md).
const std::string wide_fixture = std::string(TRADECAST_TEST_DATA_DIR) + "/cli/data/m3_yearly_first3.csv";
const std::string m3_dir = std::string(TRADECAST_SOURCE_DIR) + "/data/m3";
const char* const fixture_ids[] = {"N0001", "N0002", "N0003"};
// The fixture's values as written in the file.
const std::vector<std::vector<std::string>> fixture_values = {
    {"940.66", "1084.86", "1244.98", "1445.02", "1683.17", "2038.15", "2342.52", "2602.45", "2927.87", "3103.96",
     "3360.27", "3807.63", "4387.88", "4936.99"},
    {"1991.05", "2306.4", "2604", "2992.3", "3722.08", "5226.62", "5989.46", "5614.62", "5527", "5389.8", "5384.4",
     "3656.2", "4034.8", "4230"},
    {"1461.57", "1692.5", "2193.82", "2459.68", "3246.8", "4748.86", "5559.46", "5292.42", "5029.4", "4753.6",
     "4344.6", "2897.4", "3256.4", "3525.2"}};

std::string read_text(const std::string& file) {
  std::ifstream f(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream ss(text);
  while (std::getline(ss, item, sep)) out.push_back(item);
  if (!text.empty() && text.back() == sep && sep == ',') out.push_back("");
  return out;
}

// The CSV lines of a file, each split at commas (the fixture's ids need no quoting).
std::vector<std::vector<std::string>> read_csv_rows(const std::string& file) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& line : split(read_text(file), '\n')) rows.push_back(split(line, ','));
  return rows;
}

}  // namespace

// naive repeats each series' last value: N0001 4936.99, N0002 4230, N0003 3525.2 (the last fields
// of the fixture's rows). One row per series per step, series in file order, steps 1..h; the
// intervals are symmetric around the mean.
TEST(CliForecastWide, NaiveRepeatsEachSeriesLastValue) {
  const std::string out = temp_path("wide_naive.csv");
  const result r = run("forecast --wide " + wide_fixture + " --method naive -H 4 --format csv --output " + out);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "");  // no fallback to report, and the forecasts went to --output
  const auto rows = read_csv_rows(out);
  ASSERT_EQ(rows.size(), 1u + 3 * 4);  // header + series x h
  EXPECT_EQ(rows[0], (std::vector<std::string>{"series", "h", "mean", "lo80", "hi80", "lo95", "hi95"}));
  const double last[] = {4936.99, 4230, 3525.2};
  for (std::size_t s = 0; s < 3; ++s) {
    for (std::size_t h = 1; h <= 4; ++h) {
      const auto& row = rows[1 + 4 * s + (h - 1)];
      ASSERT_EQ(row.size(), 7u);
      EXPECT_EQ(row[0], fixture_ids[s]);
      EXPECT_EQ(row[1], std::to_string(h));
      EXPECT_EQ(std::stod(row[2]), last[s]) << row[0] << " h=" << h;
      EXPECT_NEAR(std::stod(row[4]) - last[s], last[s] - std::stod(row[3]), 1e-6);  // hi80 - mean = mean - lo80
      EXPECT_LT(std::stod(row[5]), std::stod(row[3]));                                // lo95 < lo80
      EXPECT_GT(std::stod(row[6]), std::stod(row[4]));                                // hi95 > hi80
    }
  }
}

// drift: last + h * (last - first) / (n - 1), with n = 14 values:
//   N0001: (4936.99 - 940.66) / 13 = 3996.33 / 13 = 307.41    -> 5244.40, 5551.81, 5859.22
//   N0002: (4230 - 1991.05) / 13 = 2238.95 / 13 = 172.226923  -> 4402.226923, 4574.453846, 4746.680769
//   N0003: (3525.2 - 1461.57) / 13 = 2063.63 / 13 = 158.740769 -> 3683.940769, 3842.681538, 4001.422308
TEST(CliForecastWide, DriftMatchesHandCalculation) {
  const result r = run("forecast --wide " + wide_fixture + " --method drift -H 3 --level 90 --format json");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc.size(), 3u);
  const double first[] = {940.66, 1991.05, 1461.57}, last[] = {4936.99, 4230, 3525.2};
  const double expected_n0001[] = {5244.40, 5551.81, 5859.22};
  for (std::size_t s = 0; s < 3; ++s) {
    const auto& e = doc[s];
    EXPECT_EQ(e["id"], fixture_ids[s]);
    EXPECT_EQ(e["observations"], 14);
    EXPECT_EQ(e["h"], 3);
    EXPECT_EQ(e["requested"], "drift");
    EXPECT_EQ(e["method"], "drift");
    EXPECT_EQ(e["model"], "Random walk with drift");
    EXPECT_EQ(e["status"], "ok");
    EXPECT_FALSE(e.contains("message"));
    ASSERT_EQ(e["forecasts"].size(), 3u);
    const double slope = (last[s] - first[s]) / 13;
    for (int h = 1; h <= 3; ++h) {
      const auto& f = e["forecasts"][h - 1];
      EXPECT_EQ(f["h"], h);
      EXPECT_NEAR(f["mean"].get<double>(), last[s] + h * slope, 1e-9);
      EXPECT_LT(f["lo90"].get<double>(), f["mean"].get<double>());
      EXPECT_GT(f["hi90"].get<double>(), f["mean"].get<double>());
      EXPECT_FALSE(f.contains("lo95"));
      if (s == 0) {
        EXPECT_NEAR(f["mean"].get<double>(), expected_n0001[h - 1], 1e-9);
      }
    }
  }
  EXPECT_NEAR(doc[1]["forecasts"][0]["mean"].get<double>(), 4402.226923, 1e-6);
  EXPECT_NEAR(doc[2]["forecasts"][2]["mean"].get<double>(), 4001.422308, 1e-6);
}

// Horizons: NF from --info per series (2, 4, 6 here: 12 rows), or -H for every series, which also
// overrides NF (3 x 5 = 15 rows).
TEST(CliForecastWide, HorizonFromInfoOrOption) {
  const std::string info = write_temp("wide_info.csv",
                                      "Series,N,NF,Category,StartYear,StartPeriod\n"
                                      "N0001,16,2,MICRO,1975,1\nN0002,18,4,MICRO,1975,1\nN0003,20,6,MICRO,1975,1\n");
  const std::string out = temp_path("wide_info_out.csv");
  const result r = run("forecast --wide " + wide_fixture + " --info " + info + " --method naive --format csv -o " + out);
  ASSERT_EQ(r.status, 0) << r.out;
  auto rows = read_csv_rows(out);
  ASSERT_EQ(rows.size(), 1u + 2 + 4 + 6);
  EXPECT_EQ(rows[2][0], "N0001");
  EXPECT_EQ(rows[2][1], "2");
  EXPECT_EQ(rows[3][0], "N0002");
  EXPECT_EQ(rows[12][0], "N0003");
  EXPECT_EQ(rows[12][1], "6");

  const result o = run("forecast --wide " + wide_fixture + " --info " + info + " -H 5 --method naive --format csv -o " + out);
  ASSERT_EQ(o.status, 0) << o.out;
  rows = read_csv_rows(out);
  ASSERT_EQ(rows.size(), 1u + 3 * 5);
  EXPECT_EQ(rows[5][1], "5");

  // An info file that does not cover the set is an error naming the file and line.
  const std::string partial = write_temp("wide_info_partial.csv",
                                         "Series,N,NF,Category,StartYear,StartPeriod\nN0001,16,2,MICRO,1975,1\n");
  const result p = run("forecast --wide " + wide_fixture + " --info " + partial + " --method naive");
  EXPECT_EQ(p.status, 2);
  EXPECT_THAT(p.out, HasSubstr(wide_fixture + ":3:1:"));
  EXPECT_THAT(p.out, HasSubstr("N0002"));
}

// Theta in wide mode gives, for every series, the very numbers of the single-series path (long CSV
// with --input/--series): the same text, field by field, for the mean and the four bounds.
TEST(CliForecastWide, ThetaEqualsSingleSeriesMode) {
  const std::string wide_out = temp_path("wide_theta.csv");
  const result w = run("forecast --wide " + wide_fixture + " --method theta -H 6 --format csv -o " + wide_out);
  ASSERT_EQ(w.status, 0) << w.out;
  const auto wide_rows = read_csv_rows(wide_out);
  ASSERT_EQ(wide_rows.size(), 1u + 3 * 6);

  std::string long_csv = "series,period,value\n";
  for (std::size_t s = 0; s < 3; ++s)
    for (std::size_t t = 0; t < fixture_values[s].size(); ++t)
      long_csv += std::string(fixture_ids[s]) + "," + std::to_string(1975 + t) + "," + fixture_values[s][t] + "\n";
  const std::string long_file = write_temp("wide_theta_long.csv", long_csv);
  for (std::size_t s = 0; s < 3; ++s) {
    const std::string single_out = temp_path("single_theta.csv");
    const result one = run("forecast --input " + long_file + " --series " + fixture_ids[s] +
                           " --method theta -H 6 --format csv --output " + single_out);
    ASSERT_EQ(one.status, 0) << one.out;
    const auto single_rows = read_csv_rows(single_out);
    ASSERT_EQ(single_rows.size(), 1u + 6);
    EXPECT_EQ(single_rows[0], (std::vector<std::string>{"series", "period", "mean", "lo80", "hi80", "lo95", "hi95"}));
    for (std::size_t h = 1; h <= 6; ++h) {
      const auto& a = wide_rows[1 + 6 * s + (h - 1)];
      const auto& b = single_rows[h];
      EXPECT_EQ(a[0], b[0]);
      EXPECT_EQ(b[1], std::to_string(1988 + h));  // 14 values from 1975: the last is 1988
      for (std::size_t c = 2; c < 7; ++c) EXPECT_EQ(a[c], b[c]) << fixture_ids[s] << " h=" << h << " column " << c;
    }
  }
  // A spot value: the theta point forecasts rise by half the drift of the trend line each step.
  EXPECT_GT(std::stod(wide_rows[2][2]), std::stod(wide_rows[1][2]));
}

// Results do not depend on the number of threads: the whole M3 Yearly training set (645 series,
// NF = 6 from the info file) with auto, as CSV (shortest round-trip numbers); the fixture as JSON.
TEST(CliForecastWide, OneAndTwoThreadsGiveIdenticalOutput) {
  const std::string train = m3_dir + "/M3-Yearly-train.csv", info = m3_dir + "/M3-Yearly-info.csv";
  const std::string one = temp_path("wide_threads1.csv"), two = temp_path("wide_threads2.csv");
  const std::string args = "forecast --wide " + train + " --info " + info + " --method auto --format csv";
  const result a = run(args + " --threads 1 -o " + one);
  const result b = run(args + " --threads 2 -o " + two);
  ASSERT_EQ(a.status, 0) << a.out;
  ASSERT_EQ(b.status, 0) << b.out;
  EXPECT_EQ(a.out, b.out);  // the same notes, if any
  const std::string text = read_text(one);
  EXPECT_EQ(text, read_text(two));
  EXPECT_EQ(split(text, '\n').size(), 1u + 645 * 6);
  EXPECT_THAT(text, HasSubstr("\nN0001,1,"));
  EXPECT_THAT(text, HasSubstr("\nN0645,6,"));

  const std::string fixture_args = "forecast --wide " + wide_fixture + " --method ets -H 6 --format json --threads ";
  const result j1 = run(fixture_args + "1"), j2 = run(fixture_args + "2");
  ASSERT_EQ(j1.status, 0) << j1.out;
  EXPECT_EQ(j1.out, j2.out);
  EXPECT_EQ(nlohmann::json::parse(j1.out).size(), 3u);
}

// A series the method cannot forecast falls back to naive: reported on stderr with the count and
// the ids, and in the JSON status; never dropped from the output.
TEST(CliForecastWide, FallbacksAreReported) {
  // hw-add needs seasonal data: with seasonal period 1 every series falls back to naive.
  const std::string out = temp_path("wide_fallback.json");
  const result r = run("forecast --wide " + wide_fixture + " --method hw-add -H 2 --format json -o " + out);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("tradecast: warning: 3 of 3 series fell back to naive: N0001, N0002, N0003\n"));
  EXPECT_THAT(r.out, HasSubstr("reason: method 'hw-add' has a seasonal component"));
  const auto doc = nlohmann::json::parse(read_text(out));
  ASSERT_EQ(doc.size(), 3u);
  const double last[] = {4936.99, 4230, 3525.2};
  for (std::size_t s = 0; s < 3; ++s) {
    EXPECT_EQ(doc[s]["status"], "fell back to naive");
    EXPECT_EQ(doc[s]["requested"], "hw-add");
    EXPECT_EQ(doc[s]["method"], "naive");
    EXPECT_THAT(doc[s]["message"].get<std::string>(), HasSubstr("seasonal period m = 1"));
    EXPECT_EQ(doc[s]["forecasts"][1]["mean"].get<double>(), last[s]);
  }

  // One series of two has a single value: it alone falls back (point forecasts only, no bounds).
  const std::string mixed = write_temp("wide_mixed.csv", "\"V1\",\"V2\",\"V3\",\"V4\"\n\"a\",1,2,4\n\"b\",7,,\n");
  const result m = run("forecast --wide " + mixed + " --method drift -H 2 --format csv");
  ASSERT_EQ(m.status, 0) << m.out;
  EXPECT_THAT(m.out, HasSubstr("tradecast: warning: 1 of 2 series fell back to naive: b\n"));
  EXPECT_THAT(m.out, HasSubstr("1 observation(s); forecasting needs at least 2"));
  EXPECT_THAT(m.out, HasSubstr("\na,1,5.5,"));  // drift on 1,2,4: 4 + 1.5
  EXPECT_THAT(m.out, HasSubstr("\na,2,7,"));
  EXPECT_THAT(m.out, HasSubstr("\nb,1,7,,,,\n"));
  EXPECT_THAT(m.out, HasSubstr("\nb,2,7,,,,\n"));

  // The table says it per series, and counts.
  const result t = run("forecast --wide " + mixed + " --method drift -H 2");
  ASSERT_EQ(t.status, 0) << t.out;
  EXPECT_THAT(t.out, HasSubstr("2 series from " + mixed + "; method drift; seasonal period 1;"));
  EXPECT_THAT(t.out, testing::ContainsRegex("\na +3 +4\\.000 +2 +5\\.500 +7\\.000 .*Random walk with drift +ok\n"));
  EXPECT_THAT(t.out, testing::ContainsRegex("\nb +1 +7\\.000 +2 +7\\.000 +7\\.000 .*fell back to naive\n"));
  EXPECT_THAT(t.out, HasSubstr("ok 1, fell back to naive 1, failed 0."));

  // ets on 4 and 2 values: too short for the full search, the model itself falls back to ETS(A,N,N)
  // (status ok, model_status "fell back"); listed in a note.
  const std::string short_set = write_temp("wide_short.csv", "\"V1\",\"V2\",\"V3\",\"V4\",\"V5\"\n\"a\",1,2,4,3\n\"b\",7,8,,\n");
  const result e = run("forecast --wide " + short_set + " --method ets -H 2 --format json");
  ASSERT_EQ(e.status, 0) << e.out;
  EXPECT_THAT(e.out, HasSubstr("tradecast: note: 2 of 2 series: the model fell back to a simpler one"));
  EXPECT_THAT(e.out, HasSubstr("): a, b\n"));
  EXPECT_THAT(e.out, HasSubstr("\"model_status\": \"fell back\""));
  EXPECT_THAT(e.out, HasSubstr("too little data: n = 4 <= 6"));
}

// The wide layout does not record the frequency: without --season a file named as quarterly or
// monthly data gets a warning naming the period to give (and is still forecast, as annual data).
TEST(CliForecastWide, SeasonNotGivenForAQuarterlyFileIsWarned) {
  const std::string quarterly = temp_path("M3-Quarterly-like.csv");
  std::ofstream(quarterly) << read_text(wide_fixture);
  const result r = run("forecast --wide " + quarterly + " --method naive -H 2 --format csv -o " + temp_path("q_out.csv"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("warning: --season not given, so the series of " + quarterly +
                               " are taken as annual (seasonal period 1), but its name says quarterly: give --season 4"));
  const result given = run("forecast --wide " + quarterly + " --method naive -H 2 -m 4 --format csv -o " + temp_path("q_out.csv"));
  ASSERT_EQ(given.status, 0) << given.out;
  EXPECT_THAT(given.out, Not(HasSubstr("warning")));
  const result annual = run("forecast --wide " + wide_fixture + " --method naive -H 2 --format csv -o " + temp_path("q_out.csv"));
  EXPECT_THAT(annual.out, Not(HasSubstr("warning")));
}

TEST(CliForecastWide, ErrorsExitTwoWithTheReason) {
  const result both = run("forecast --wide " + wide_fixture + " --input " + wide_fixture + " -H 2");
  EXPECT_EQ(both.status, 2);
  EXPECT_THAT(both.out, HasSubstr("--wide and --input/--series are mutually exclusive"));
  const result series = run("forecast --wide " + wide_fixture + " --series vnm_jpn_total -H 2");
  EXPECT_EQ(series.status, 2);
  EXPECT_THAT(series.out, HasSubstr("--wide and --input/--series are mutually exclusive"));

  const result missing = run("forecast --wide /nonexistent/wide.csv -H 2");
  EXPECT_EQ(missing.status, 2);
  EXPECT_THAT(missing.out, HasSubstr("/nonexistent/wide.csv: cannot open the file for reading"));

  const result chart = run("forecast --wide " + wide_fixture + " -H 2 --chart " + temp_path("wide.svg"));
  EXPECT_EQ(chart.status, 2);
  EXPECT_THAT(chart.out, HasSubstr("--chart cannot be used with --wide: a fan chart shows one series"));
  EXPECT_FALSE(std::filesystem::exists(temp_path("wide.svg")));

  const std::string bad = write_temp("wide_bad.csv", "\"V1\",\"V2\",\"V3\",\"V4\"\n\"a\",1,2,3\n\"b\",1,x,3\n");
  const result b = run("forecast --wide " + bad + " -H 2");
  EXPECT_EQ(b.status, 2);
  EXPECT_THAT(b.out, HasSubstr(bad + ":3:3: bad number 'x' in series 'b'"));
  const std::string gap = write_temp("wide_gap.csv", "\"V1\",\"V2\",\"V3\",\"V4\"\n\"a\",1,,3\n");
  const result g = run("forecast --wide " + gap + " -H 2");
  EXPECT_EQ(g.status, 2);
  EXPECT_THAT(g.out, HasSubstr(gap + ":2:3: missing value (empty field) between observations of series 'a'"));

  const result noh = run("forecast --wide " + wide_fixture);
  EXPECT_EQ(noh.status, 2);
  EXPECT_THAT(noh.out, HasSubstr("--horizon (-H) is required with --wide unless --info"));
  const result info = run("forecast --info " + wide_fixture + " -H 2");
  EXPECT_EQ(info.status, 2);
  EXPECT_THAT(info.out, HasSubstr("--info goes with --wide"));
  const result season = run("forecast --season 4 -H 2");
  EXPECT_EQ(season.status, 2);
  EXPECT_THAT(season.out, HasSubstr("--season goes with --wide"));
  const result method = run("forecast --wide " + wide_fixture + " -H 2 --method nope");
  EXPECT_EQ(method.status, 2);
  EXPECT_THAT(method.out, HasSubstr("unknown method 'nope'"));
  const result output = run("forecast --wide " + wide_fixture + " -H 2 -o /nonexistent/dir/out.csv");
  EXPECT_EQ(output.status, 2);
  EXPECT_THAT(output.out, HasSubstr("--output: cannot open '/nonexistent/dir/out.csv' for writing"));
}

// backtest, by hand. y = 5, 7, 6, 9, 11, 10, 13 (annual), naive, h = 2, origins 2, 4, 6 (step 2):
// errors −1, 2 | 2, 1 | 3, – → step 1: MAE (1 + 2 + 3)/3 = 2, RMSE sqrt(14/3); step 2: MAE 1.5 over
// 2 origins. MASE scales: origin 2 |7 − 5| = 2; origin 4 mean(2, 1, 3) = 2; origin 6 1.8 →
// step 1 MASE (0.5 + 1 + 3/1.8)/3. naive estimates nothing, so --no-refit gives the same table.
namespace {
// y = 5, 7, 6, 9, 11, 10, 13, annual 2010-2016, as a long CSV file.
std::string backtest_file() {
  return write_temp("bt.csv", "series,period,value\nx,2010,5\nx,2011,7\nx,2012,6\nx,2013,9\nx,2014,11\nx,2015,10\nx,2016,13\n");
}
}  // namespace

TEST(CliBacktest, NaiveHandCase) {
  const std::string f = backtest_file();
  const result r = run("backtest --input " + f + " --method naive -H 2 --step 2 --format csv");
  ASSERT_EQ(r.status, 0) << r.out;
  std::istringstream lines(r.out);
  std::string header, one, two;
  std::getline(lines, header);
  std::getline(lines, one);
  std::getline(lines, two);
  EXPECT_EQ(header, "series,step,origins,mae,rmse,smape,mase,mase_origins");
  std::vector<double> v1, v2;
  auto fields = [](const std::string& line, std::vector<double>& out) {
    std::stringstream ss(line);
    std::string x;
    std::getline(ss, x, ',');  // series
    while (std::getline(ss, x, ',')) out.push_back(std::stod(x));
  };
  fields(one, v1);
  fields(two, v2);
  ASSERT_EQ(v1.size(), 7u);
  EXPECT_EQ(v1[0], 1);
  EXPECT_EQ(v1[1], 3);
  EXPECT_NEAR(v1[2], 2.0, 1e-12);
  EXPECT_NEAR(v1[3], std::sqrt(14.0 / 3), 1e-12);
  EXPECT_NEAR(v1[5], (0.5 + 1 + 3 / 1.8) / 3, 1e-12);
  EXPECT_EQ(v2[1], 2);
  EXPECT_NEAR(v2[2], 1.5, 1e-12);
  const result same = run("backtest --input " + f + " --method naive -H 2 --step 2 --format csv --no-refit");
  ASSERT_EQ(same.status, 0) << same.out;
  EXPECT_EQ(same.out, r.out);
}

// drift on a moving window of 3: origin i forecasts y_i + (y_i − y_{i−2})/2. Origins 3…6:
// 6.5, 10, 13.5, 10.5 against 9, 11, 10, 13 → errors 2.5, 1, −3.5, 2.5: MAE 2.375,
// RMSE sqrt(25.75/4). The table says what was run.
TEST(CliBacktest, DriftOnAWindowByHand) {
  const std::string f = backtest_file();
  const result r = run("backtest --input " + f + " --method drift -H 1 --window 3 --format json");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["window"], 3);
  ASSERT_EQ(doc["origins"].size(), 4u);
  const double expected[] = {2.5, 1, -3.5, 2.5};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(doc["origins"][i]["train_length"], 3);
    EXPECT_NEAR(doc["origins"][i]["errors"][0].get<double>(), expected[i], 1e-12) << i;
  }
  EXPECT_EQ(doc["origins"][0]["last_period"], "2012");
  EXPECT_NEAR(doc["per_step"][0]["mae"].get<double>(), 2.375, 1e-12);
  EXPECT_NEAR(doc["per_step"][0]["rmse"].get<double>(), std::sqrt(25.75 / 4), 1e-12);
  const result t = run("backtest --input " + f + " --method drift -H 1 --window 3");
  ASSERT_EQ(t.status, 0) << t.out;
  EXPECT_THAT(t.out, HasSubstr("1 step ahead from 4 origin(s), 2012 to 2015, every 1 period(s), window 3; method drift, "
                               "refitted at every origin"));
}

// --no-refit with ETS: one model, fitted at the first origin (2004), re-used at every later one.
TEST(CliBacktest, NoRefitReusesTheFirstModel) {
  const result r = run("backtest --series vnm_jpn_total_rep_jpn --method ets -H 2 --first-origin 15 --no-refit --format json");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["refit"], false);
  ASSERT_EQ(doc["origins"].size(), 16u);  // origins 15 … 30 of 31 observations
  const std::string model = doc["origins"][0]["method"];
  EXPECT_THAT(model, HasSubstr("ETS("));
  for (const auto& o : doc["origins"]) EXPECT_EQ(o["method"], model);
  EXPECT_THAT(doc["origins"][15]["message"].get<std::string>(), HasSubstr("re-used"));
  EXPECT_EQ(doc["origins"][15]["errors"][1], nullptr);  // origin 30: step 2 is beyond the data
  EXPECT_EQ(doc["kept_origin"], 15);
  EXPECT_THAT(run("backtest --series vnm_jpn_total_rep_jpn --method ets -H 1 --first-origin 30 --no-refit").out,
              HasSubstr("fitted once, at origin 30 (2019), the last origin, so nothing is re-used (ETS("));
  EXPECT_THAT(run("backtest --series vnm_jpn_total_rep_jpn --method ets -H 2 --first-origin 15 --no-refit").out,
              HasSubstr("method ets, fitted once, at origin 15 (2004), and re-used at the 15 later origin(s) (" + model + ")"));
  // With three values the one origin (two values) only has R's tiny-data fit, which is not kept:
  // nothing is re-used, and the table and the JSON say so instead of "fitted once and re-used".
  const std::string three = write_temp("three.csv", "series,period,value\na,2001,1\na,2002,2\na,2003,3\n");
  const result t = run("backtest --input " + three + " --method ets -H 1 --no-refit");
  ASSERT_EQ(t.status, 0) << t.out;
  EXPECT_THAT(t.out, HasSubstr("method ets, not re-used: no fit could be kept (each fell back or failed), so every origin "
                               "was fitted"));
  EXPECT_THAT(t.out, HasSubstr("Note: refit = false, but no origin's fit could be kept"));
  const auto tj = nlohmann::json::parse(run("backtest --input " + three + " --method ets -H 1 --no-refit --format json").out);
  EXPECT_EQ(tj["kept_origin"], nullptr);
  // --bridge-gaps as for forecast: the default series' 2021 is bridged, so all 35 years are used
  // (origins 2 to 34: 33), where without it only 2022-2024 are (the gap breaks the run)
  const result br = run("backtest -H 2 --method naive --bridge-gaps");
  ASSERT_EQ(br.status, 0) << br.out;
  EXPECT_THAT(br.out, HasSubstr("from 33 origin(s), 1991 to 2023"));
  EXPECT_THAT(br.out, HasSubstr("Data: bridged on request (status estimated, not observations): 2021"));
}

TEST(CliBacktest, BadArgumentsExitTwoWithTheReason) {
  struct bad_case {
    std::string args, message;
  };
  const std::vector<bad_case> cases = {
      {"backtest --method naive", "--horizon (-H) is required"},
      {"backtest -H 2 --method drift --first-origin 10", "--first-origin 10 leaves no observation to test: series "
                                                         "'vnm_jpn_total' has 3 usable observation(s)"},
      {"backtest --series vnm_jpn_total_rep_jpn -H 2 --method theta --no-refit",
       "--no-refit: method 'theta' cannot be re-applied"},
      {"backtest --series vnm_jpn_total_rep_jpn -H 2 --method naive --window 5 --first-origin 4",
       "first_origin = 4 is smaller than window = 5: the first fit needs a whole window (left unset, the first "
       "origin is the window)"},
      {"backtest --series vnm_jpn_total_rep_jpn -H 2 --method naive --window 1",
       "--window: must be a whole number of at least 2, not '1'"},
      {"backtest --series vnm_jpn_total_rep_jpn -H 2 --method naive --first-origin 1",
       "--first-origin: must be a whole number of at least 2, not '1'"},
      // neither option given: the default first origin, named as such
      {"backtest --input " + write_temp("two.csv", "series,period,value\na,2020,1\na,2021,2\n") + " -H 1 --method naive",
       "the default first origin (2 observations) leaves no observation to test"},
      // the first origin set by --window is named by it (it was named --first-origin)
      {"backtest -H 2 --method naive --window 3", "--window 3 (the first origin is one window) leaves no observation "
                                                  "to test: series 'vnm_jpn_total' has 3 usable observation(s)"},
      {"backtest --series vnm_jpn_total_rep_jpn -H 2 --method nope", "unknown method 'nope'"},
      {"backtest --series vnm_jpn_total_rep_jpn -H 2 --method naive --lambda x", "--lambda: 'x' is not a number"},
      {"backtest --series nope -H 2 --method naive", "nope"},
      // every origin fails: nothing to summarise
      {"backtest --series vnm_jpn_total_rep_jpn -H 2 --method hw-add",
       "method 'hw-add': none of the 29 origin(s) could be fitted; the first (last training period 1991): method "
       "'hw-add' has a seasonal component"},
  };
  for (const auto& c : cases) {
    const result r = run(c.args);
    EXPECT_EQ(r.status, 2) << c.args << "\n" << r.out;
    EXPECT_THAT(r.out, HasSubstr(c.message)) << c.args;
  }
}
