// Wide competition layout: values rows padded at the end, info files, joining, writing.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tradecast/error.hpp"
#include "tradecast/io/wide.hpp"

using namespace tradecast;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

// A file in a fresh temporary directory, removed with the object.
class temp_file {
 public:
  temp_file(const std::string& name, const std::string& content) {
    dir_ = std::filesystem::temp_directory_path() /
           ("tradecast_wide_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    path_ = dir_ / name;
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~temp_file() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
    std::filesystem::remove(dir_, ec);
  }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path dir_, path_;
};

template <class F>
void expect_parse_error(F&& f, const std::string& file, std::size_t line, std::size_t column, const std::string& what) {
  try {
    f();
    ADD_FAILURE() << "accepted";
  } catch (const parse_error& e) {
    EXPECT_EQ(e.file(), file) << e.what();
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_EQ(e.column(), column) << e.what();
    EXPECT_THAT(e.what(), HasSubstr(what));
  }
}

void expect_wide_error(const std::string& text, std::size_t line, std::size_t column, const std::string& what) {
  expect_parse_error([&] { (void)io::parse_wide(text, "in.csv"); }, "in.csv", line, column, what);
}

const std::string info_text =
    "\"Series\",\"N\",\"NF\",\"Category\",\"StartYear\",\"StartPeriod\"\n"
    "\"A\",5,2,\"MICRO\",1990,1\n"
    "\"B\",4,2,\"MACRO\",1984,3\n";

}  // namespace

TEST(Wide, RemovesTrailingPaddingOfEmptyFieldsAndNA) {
  const auto rows = io::parse_wide(
      "\"V1\",\"V2\",\"V3\",\"V4\",\"V5\"\n"
      "\"A\",1,2.5,-3e2,4\n"
      "\"B\",10,20,,\n"
      "\"C\",7,NA,NA,NA\n"
      "\"D\", 8 ,9\n");  // shorter than the header: padding is optional; spaces are ignored
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].id, "A");
  EXPECT_THAT(rows[0].values, ElementsAre(1, 2.5, -300, 4));
  EXPECT_THAT(rows[1].values, ElementsAre(10, 20));
  EXPECT_THAT(rows[2].values, ElementsAre(7));
  EXPECT_THAT(rows[3].values, ElementsAre(8, 9));
  EXPECT_EQ(rows[1].line, 3u);
}

TEST(Wide, CrlfAndUnquotedHeaderAccepted) {
  const auto rows = io::parse_wide("V1,V2,V3\r\nx,1,2\r\ny,3,\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[1].values, ElementsAre(3));
}

TEST(Wide, InteriorGapIsAnErrorWithLineAndColumn) {
  expect_wide_error("\"V1\",\"V2\",\"V3\",\"V4\",\"V5\"\n\"A\",1,2,3,4\n\"B\",1,,3,\n", 3, 3,
                    "missing value (empty field) between observations of series 'B'");
  expect_wide_error("\"V1\",\"V2\",\"V3\",\"V4\"\n\"A\",1,NA,3\n", 2, 3, "interior gaps are not allowed");
}

TEST(Wide, BadNumberNamesLineAndColumn) {
  expect_wide_error("\"V1\",\"V2\",\"V3\",\"V4\"\n\"A\",1,2,3\n\"B\",1,2x,3\n", 3, 3, "bad number '2x'");
  expect_wide_error("\"V1\",\"V2\",\"V3\"\n\"A\",1,inf\n", 2, 3, "expected a finite decimal number");
  expect_wide_error("\"V1\",\"V2\",\"V3\"\n\"A\",1,\"1,5\"\n", 2, 3, "bad number '1,5'");
  expect_wide_error("\"V1\",\"V2\",\"V3\"\n\"A\",1,1e400\n", 2, 3,
                    "bad number '1e400' in series 'A': its magnitude is outside the range of a double");
}

TEST(Wide, StructuralErrors) {
  expect_wide_error("", 1, 0, "empty input");
  expect_wide_error("\"V1\",\"V2\"\n", 2, 0, "no series: expected a row per series after the header");
  expect_wide_error("\"V1\",\"V3\"\n", 1, 2, "expected the header field 'V2', found 'V3'");
  expect_wide_error("\"V1\",\"V2\"\n\"A\",1,2\n", 2, 3,
                    "row has 3 fields but the header has 2: expected at most 1 value after the id");
  expect_wide_error("\"V1\",\"V2\"\n\"A\",1\n\"A\",2\n", 3, 1, "duplicate series id 'A' (first on line 2)");
  expect_wide_error("\"V1\",\"V2\"\n\"\",1\n", 2, 1, "expected a series id");
  expect_wide_error("\"V1\",\"V2\",\"V3\"\n\"A\",,\n", 2, 2, "series 'A' has no values");
}

TEST(WideInfo, ParsesColumnsInAnyOrder) {
  const auto info = io::parse_wide_info(
      "nf,Series,Category,N,StartPeriod,StartYear,extra\n"
      "8,\"N0646\",\"MICRO\",44,1,1984,x\n"
      "8,\"N1071\",\"MACRO\",34,9,1984,y\n");
  ASSERT_EQ(info.size(), 2u);
  EXPECT_EQ(info[0].id, "N0646");
  EXPECT_EQ(info[0].n, 44u);
  EXPECT_EQ(info[0].horizon, 8);
  EXPECT_EQ(info[0].category, "MICRO");
  EXPECT_EQ(info[0].start_year, 1984);
  EXPECT_EQ(info[1].start_period, 9);  // as given, not checked against a calendar
  EXPECT_EQ(info[1].line, 3u);
}

TEST(WideInfo, Errors) {
  auto err = [](const std::string& text, std::size_t line, std::size_t column, const std::string& what) {
    expect_parse_error([&] { (void)io::parse_wide_info(text, "info.csv"); }, "info.csv", line, column, what);
  };
  err("Series,N,Category,StartYear,StartPeriod\n", 1, 0, "missing column 'NF'");
  err("Series,N,NF,Category,StartYear,StartPeriod\nA,10,x,MICRO,1990,1\n", 2, 3,
      "bad value 'x' in column 'NF': expected a whole number >= 1");
  err("Series,N,NF,Category,StartYear,StartPeriod\nA,10,0,MICRO,1990,1\n", 2, 3, "column 'NF'");
  err("Series,N,NF,Category,StartYear,StartPeriod\nA,10,2,MICRO,1990\n", 2, 6, "row has 5 fields: expected 6");
  err("Series,N,NF,Category,StartYear,StartPeriod\nA,10,2,MICRO,1990,1\nA,9,2,MICRO,1990,1\n", 3, 1,
      "duplicate series id 'A'");
}

TEST(WideSet, JoinsTrainWithInfo) {
  const temp_file values("train.csv", "\"V1\",\"V2\",\"V3\",\"V4\"\n\"A\",1,2,3\n\"B\",4,5,\n");
  const temp_file info("info.csv", info_text);
  const io::wide_set set = io::read_wide_set(values.path(), info.path(), 4);
  EXPECT_EQ(set.m, 4);
  ASSERT_EQ(set.series.size(), 2u);
  const io::wide_series& b = set.series[1];
  EXPECT_EQ(b.id, "B");
  EXPECT_THAT(b.values, ElementsAre(4, 5));
  EXPECT_EQ(b.horizon, 2);
  EXPECT_EQ(b.m, 4);
  EXPECT_EQ(b.category, "MACRO");
  EXPECT_EQ(b.start_year, 1984);
  EXPECT_EQ(b.start_period, 3);
  EXPECT_EQ(b.n, 4u);
}

TEST(WideSet, JoinsTestWithInfo) {
  const auto rows = io::parse_wide("\"V1\",\"V2\",\"V3\"\n\"B\",1,2\n\"A\",3,4\n");  // any order
  const io::wide_set set = io::join_wide(rows, io::parse_wide_info(info_text), 1, io::wide_part::test);
  ASSERT_EQ(set.series.size(), 2u);
  EXPECT_EQ(set.series[0].id, "B");
  EXPECT_EQ(set.series[1].horizon, 2);
}

TEST(WideSet, WithoutInfoEverySeriesGetsTheHorizon) {
  const io::wide_set set = io::wide_set_of(io::parse_wide("\"V1\",\"V2\",\"V3\"\n\"B\",1,2\n\"A\",3,\n"), 12, 18);
  EXPECT_EQ(set.m, 12);
  ASSERT_EQ(set.series.size(), 2u);
  EXPECT_EQ(set.series[0].id, "B");  // file order
  EXPECT_THAT(set.series[1].values, ElementsAre(3));
  for (const auto& ws : set.series) {
    EXPECT_EQ(ws.horizon, 18);
    EXPECT_EQ(ws.m, 12);
  }
  EXPECT_THROW((void)io::wide_set_of({}, 0, 1), tradecast::invalid_argument);
  EXPECT_THROW((void)io::wide_set_of({}, 1, 0), tradecast::invalid_argument);
}

TEST(WideSet, InfoMismatchesNameFileLineAndColumn) {
  const temp_file info("info.csv", info_text);
  const std::string ip = info.path().string();
  {  // B has one value too many for a training row: N - NF = 2
    const temp_file values("train.csv", "\"V1\",\"V2\",\"V3\",\"V4\"\n\"A\",1,2,3\n\"B\",4,5,6\n");
    const std::string vp = values.path().string();
    expect_parse_error([&] { (void)io::read_wide_set(values.path(), info.path(), 1); }, vp, 3, 5,
                       "series 'B' has 3 values: expected N - NF = 4 - 2 = 2 (" + ip + " line 3)");
  }
  {  // a test row must hold NF values
    const temp_file values("test.csv", "\"V1\",\"V2\",\"V3\"\n\"A\",1,2\n\"B\",4\n");
    expect_parse_error([&] { (void)io::read_wide_set(values.path(), info.path(), 1, io::wide_part::test); },
                       values.path().string(), 3, 3, "series 'B' has 1 values: expected NF = 2");
  }
  {  // a series the info file does not know
    const temp_file values("train.csv", "\"V1\",\"V2\",\"V3\",\"V4\"\n\"A\",1,2,3\n\"C\",4,5\n");
    expect_parse_error([&] { (void)io::read_wide_set(values.path(), info.path(), 1); }, values.path().string(), 3, 1,
                       "series 'C' is not in the info file");
  }
  {  // an info row without values
    const temp_file values("train.csv", "\"V1\",\"V2\",\"V3\",\"V4\"\n\"A\",1,2,3\n");
    expect_parse_error([&] { (void)io::read_wide_set(values.path(), info.path(), 1); }, ip, 3, 1,
                       "series 'B' has no row in");
  }
  // unchecked lengths
  const auto set = io::join_wide(io::parse_wide("V1,V2\nA,1\nB,2\n"), io::parse_wide_info(info_text), 1,
                                 io::wide_part::unchecked);
  EXPECT_EQ(set.series.size(), 2u);
  EXPECT_THROW((void)io::join_wide({}, {}, 0), invalid_argument);
}

TEST(WideSet, MissingFileIsAParseError) {
  expect_parse_error([] { (void)io::read_wide("/nonexistent/tradecast/train.csv"); }, "/nonexistent/tradecast/train.csv",
                     0, 0, "cannot open the file");
  const std::string dir = std::filesystem::temp_directory_path().string();
  expect_parse_error([&] { (void)io::read_wide(dir); }, dir, 0, 0, "is a directory, not a CSV file");
}

TEST(Wide, CompetitionPeriodByName) {
  EXPECT_EQ(io::competition_period("Yearly"), 1);
  EXPECT_EQ(io::competition_period("quarterly"), 4);
  EXPECT_EQ(io::competition_period("MONTHLY"), 12);
  EXPECT_EQ(io::competition_period("Other"), 1);
  EXPECT_THROW((void)io::competition_period("Weekly"), not_found);
}

TEST(Wide, WriterRoundTripsAndPads) {
  const std::vector<io::wide_row> rows = {{"A", {1.5, 0.1, 1e-300}, 0}, {"B \"q\"", {2}, 0}};
  std::ostringstream out;
  io::write_wide(out, rows);
  EXPECT_EQ(out.str(),
            "\"V1\",\"V2\",\"V3\",\"V4\"\n"
            "\"A\",1.5,0.1,1e-300\n"
            "\"B \"\"q\"\"\",2,,\n");
  const auto back = io::parse_wide(out.str());
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].values, rows[0].values);  // exact: shortest round-trip form
  EXPECT_EQ(back[1].id, "B \"q\"");
  EXPECT_THAT(back[1].values, ElementsAre(2));
}

TEST(Wide, WriterWritesNonFiniteAsNA) {
  const std::vector<io::wide_row> rows = {{"A", {1, std::numeric_limits<double>::quiet_NaN()}, 0}};
  std::ostringstream out;
  io::write_wide(out, rows);
  EXPECT_EQ(out.str(), "\"V1\",\"V2\",\"V3\"\n\"A\",1,NA\n");
}

TEST(WideM3, RealFilesHaveTheDocumentedShape) {
  const std::filesystem::path dir = std::filesystem::path(TRADECAST_SOURCE_DIR) / "data" / "m3";
  struct expected_set {
    const char* name;
    std::size_t count;
    int nf;
  };
  for (const expected_set& e : {expected_set{"Yearly", 645, 6}, expected_set{"Quarterly", 756, 8},
                                expected_set{"Monthly", 1428, 18}}) {
    SCOPED_TRACE(e.name);
    const std::string base = std::string("M3-") + e.name;
    const int m = io::competition_period(e.name);
    const io::wide_set train = io::read_wide_set(dir / (base + "-train.csv"), dir / (base + "-info.csv"), m);
    const io::wide_set test =
        io::read_wide_set(dir / (base + "-test.csv"), dir / (base + "-info.csv"), m, io::wide_part::test);
    ASSERT_EQ(train.series.size(), e.count);
    ASSERT_EQ(test.series.size(), e.count);
    for (std::size_t i = 0; i < e.count; ++i) {
      EXPECT_EQ(train.series[i].horizon, e.nf);
      EXPECT_EQ(test.series[i].values.size(), static_cast<std::size_t>(e.nf));
      EXPECT_EQ(train.series[i].values.size() + test.series[i].values.size(), train.series[i].n);
    }
  }
}
