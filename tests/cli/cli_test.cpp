// Runs the tradecast executable and checks its output and exit status.
#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

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

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("tradecast_cli_test_" + name);
  std::ofstream(path) << text;
  return path.string();
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
  EXPECT_THAT(r.out, testing::StartsWith("series,period,value,yoy_percent,status,note\n"));
  EXPECT_THAT(r.out, HasSubstr("vnm_jpn_total,2023,44.98,-5.5042016806722"));
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
  for (const char* cmd : {"", "series ", "show ", "growth ", "forecast ", "evaluate "}) {
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
  const std::string svg = (std::filesystem::temp_directory_path() / "tradecast_cli_test_fan.svg").string();
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
  for (const char* key : {"method", "series", "smape", "mase", "owa", "fallbacks", "seconds"}) EXPECT_TRUE(doc[1].contains(key)) << key;
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
}
