#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tradecast/io/csv.hpp"

using namespace tradecast;
using ::testing::HasSubstr;

namespace {

// Expects parse_long_csv(text) to fail at `line`:`column` with a message containing `what`.
void expect_error(const std::string& text, std::size_t line, std::size_t column, const std::string& what) {
  try {
    (void)io::parse_long_csv(text, "in.csv");
    ADD_FAILURE() << "accepted:\n" << text;
  } catch (const parse_error& e) {
    EXPECT_EQ(e.file(), "in.csv");
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_EQ(e.column(), column) << e.what();
    EXPECT_THAT(e.what(), HasSubstr(what));
  }
}

}  // namespace

TEST(LongCsv, ReadsSeriesWithOptionalColumns) {
  const auto c = io::parse_long_csv(
      "series,period,value,unit,status,source\n"
      "vnjp,2022,47.6,USD billions,,VNA\n"
      "vnjp,2023,44.98,USD billions,P,VNA\n"
      "q,2025-Q1,12,USD billions,,\"VNA, April 2025\"\n");
  ASSERT_EQ(c.size(), 2u);
  const series& s = c.at("vnjp");
  EXPECT_EQ(s.freq(), frequency::annual);
  EXPECT_EQ(s.start(), period::annual(2022));
  EXPECT_DOUBLE_EQ(s[1], 44.98);
  EXPECT_EQ(s.status(1), obs_status::provisional);
  EXPECT_EQ(s.source(0), "VNA");
  EXPECT_EQ(s.meta().unit.scale, 9);
  EXPECT_EQ(c.at("q").source(0), "VNA, April 2025");
}

TEST(LongCsv, ColumnsInAnyOrderAndCaseCrlfBom) {
  const auto c = io::parse_long_csv("\xEF\xBB\xBFValue,Period,SERIES\r\n1.5,2025M1,x\r\n2.5,2025-M02,x\r\n\r\n");
  const series& s = c.at("x");
  EXPECT_EQ(s.freq(), frequency::monthly);
  EXPECT_EQ(s.size(), 2u);
  EXPECT_DOUBLE_EQ(s[1], 2.5);
}

TEST(LongCsv, SortsRowsAndKeepsGapsAsMissing) {
  const auto c = io::parse_long_csv(
      "series,period,value\n"
      "x,2024,3\n"
      "x,2020,1\n"
      "x,2022,NA\n",
      "in.csv");
  const series& s = c.at("x");
  ASSERT_EQ(s.size(), 5u);  // 2020..2024
  EXPECT_DOUBLE_EQ(s[0], 1.0);
  EXPECT_TRUE(s.is_missing(1));
  EXPECT_EQ(*s.note(1), "absent from input");
  EXPECT_TRUE(s.is_missing(2));
  EXPECT_EQ(*s.note(2), "missing in input (in.csv line 4)");
  EXPECT_TRUE(s.is_missing(3));
  EXPECT_DOUBLE_EQ(s[4], 3.0);
}

TEST(LongCsv, MissingValueSpellings) {
  const auto c = io::parse_long_csv("series,period,value,note\nx,2020,,withheld\nx,2021,NaN,\nx,2022,.,\nx,2023,#N/A,\n", "in.csv");
  const series& s = c.at("x");
  EXPECT_EQ(s.count_present(), 0u);
  EXPECT_EQ(*s.note(0), "withheld");
}

TEST(LongCsv, ErrorsNameFileLineColumnAndExpectation) {
  expect_error("series,period,value\nx,2024,12.5x\n", 2, 3, "bad number '12.5x' in column 'value'");
  expect_error("series,period,value\nx,2024,1e999\n", 2, 3,
               "bad number '1e999' in column 'value': its magnitude is outside the range of a double");
  expect_error("series,period,value\nx,2024,-2e-999\n", 2, 3, "bad number '-2e-999' in column 'value': its magnitude");
  expect_error("series,period,value\nx,2024,inf\n", 2, 3,
               "bad number 'inf' in column 'value': expected a finite decimal number, or empty/NA for a missing value");
  expect_error("series,period,value\nx,2024,+\n", 2, 3, "bad number '+' in column 'value': expected a finite decimal");
  // control characters shown, not cutting the message where it is printed
  expect_error(std::string("series,period,value\nx,\"2024\0\",1\n", 32), 2, 2, "'2024\\x00'");
  expect_error(std::string("series,period,value\nx,2024,1\0\n", 30), 2, 3, "bad number '1\\x00' in column 'value': expected");
  expect_error("series,period,value\nx,2024-Q5,1\n", 2, 2, "unknown period form '2024-Q5'");
  expect_error("series,period,value\nx,2024,1\nx,2023,1\nx,2024,2\n", 4, 2,
               "duplicate period 2024 in series 'x' (first given on line 2)");
  expect_error("series,period,value\nx,2024,1\nx,2025-Q1,1\n", 3, 2,
               "series 'x' mixes frequencies: 2025-Q1 is quarterly but line 2 has the annual period 2024");
  expect_error("series,period,value\nx,2024\n", 2, 3, "expected 3 fields as in the header, found 2");
  expect_error("series,period,value\nx,2024,1,5\n", 2, 4,
               "expected 3 fields as in the header, found 4 (a field holding a comma must be quoted)");
  expect_error("series,period,value\nx,2024,1,\n", 2, 4, "expected 3 fields as in the header, found 4 (a trailing comma?)");
  expect_error("series,period,amount\n", 1, 3, "unknown column 'amount'");
  expect_error("series,value\n", 1, 0, "missing column 'period'");
  expect_error("series,period,value,status\nx,2024,1,Z\n", 2, 4, "unknown status 'Z'");
  expect_error("series,period,value,status\nx,2024,1,missing\n", 2, 4, "status 'missing' on a row with the value 1");
  expect_error("series,period,value,status\nx,2024,,E\n", 2, 3, "no value on a row with status 'E'");
  expect_error("series,period,value,unit\nx,2024,1,USD bn\nx,2025,1,USD mn\n", 3, 4,
               "series 'x' changes unit from 'USD billions' (line 2) to 'USD millions'");
  expect_error("series,period,value\n,2024,1\n", 2, 1, "empty series id");
  expect_error("series,period,value\nx,2024,\"1\n", 2, 3, "unterminated quoted field");
  expect_error("", 1, 0, "empty input");
  // A carriage return ends a line only before \n: inside a field it would glue "1\r5" into 15.
  expect_error("series,period,value\nx,2024,1\r5\n", 2, 3, "a carriage return (\\r) inside an unquoted field");
  expect_error("series,period,value\rx,2024,1\r", 1, 3, "a carriage return (\\r) inside an unquoted field");
}

// Year 9999 is the last the library represents; a series may end there.
TEST(LongCsv, SeriesMayEndInTheLastRepresentableYear) {
  const auto c = io::parse_long_csv("series,period,value\nx,9998,1\nx,9999,2\nq,9999-Q4,3\n");
  EXPECT_EQ(c.at("x").end().to_string(), "9999");
  EXPECT_EQ(c.at("x")[1], 2.0);
  EXPECT_EQ(c.at("q").end().to_string(), "9999-Q4");
}

TEST(LongCsv, FileErrorsNameTheFile) {
  try {
    (void)io::read_long_csv("/nonexistent/trade.csv");
    ADD_FAILURE();
  } catch (const parse_error& e) {
    EXPECT_STREQ(e.what(), "/nonexistent/trade.csv: cannot open the file for reading");
  }
  const std::string dir = std::filesystem::temp_directory_path().string();
  try {
    (void)io::read_long_csv(dir);
    ADD_FAILURE();
  } catch (const parse_error& e) {
    EXPECT_EQ(std::string(e.what()), dir + ": is a directory, not a CSV file");
  }
}

TEST(LongCsv, WriteThenReadRoundTrips) {
  const auto c = io::parse_long_csv(
      "series,period,value,unit,status,source,note\n"
      "a,2022-Q1,1.25,USD millions,,\"src, with comma\",\n"
      "a,2022-Q2,,USD millions,missing,,\"withheld \"\"confidential\"\"\"\n"
      "a,2022-Q3,0.1,USD millions,estimated,IMF,\n");
  std::ostringstream out;
  io::write_long_csv(out, c);
  const auto back = io::parse_long_csv(out.str(), "roundtrip");
  const series& a = c.at("a");
  const series& b = back.at("a");
  ASSERT_EQ(b.size(), a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a.is_missing(i), b.is_missing(i));
    if (!a.is_missing(i)) {
      EXPECT_EQ(a[i], b[i]);  // exact: shortest round-trip formatting
    }
    EXPECT_EQ(a.status(i), b.status(i));
    EXPECT_EQ(a.source(i), b.source(i));
  }
  EXPECT_EQ(*b.note(1), "withheld \"confidential\"");
  EXPECT_EQ(b.meta().unit, a.meta().unit);
}

// for_each_csv_record() hands over the records parse_csv_records() returns, one at a time and in
// order (quoted commas, doubled quotes and a quoted line break included; blank lines skipped),
// stops at an error of the text at the record where it is, and passes on what the callback throws.
TEST(CsvRecords, OneAtATimeAsParsedWhole) {
  const std::string text = "a,b\n\n\"x,1\",\"say \"\"hi\"\"\"\n\"two\nlines\",3\nlast,4";
  const std::vector<io::csv_record> whole = io::parse_csv_records(text, "r.csv");
  ASSERT_EQ(whole.size(), 4u);
  EXPECT_EQ(whole[1].fields, (std::vector<std::string>{"x,1", "say \"hi\""}));
  EXPECT_EQ(whole[2].fields, (std::vector<std::string>{"two\nlines", "3"}));
  EXPECT_EQ(whole[3].line, 6u);
  std::vector<io::csv_record> seen;
  io::for_each_csv_record(text, "r.csv", [&](io::csv_record& r) { seen.push_back(std::move(r)); });
  ASSERT_EQ(seen.size(), whole.size());
  for (std::size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].line, whole[i].line);
    EXPECT_EQ(seen[i].fields, whole[i].fields);
  }
  std::size_t before_error = 0;
  try {
    io::for_each_csv_record("a\nb\n\"open\n", "bad.csv", [&](io::csv_record&) { ++before_error; });
    ADD_FAILURE() << "accepted an unterminated quote";
  } catch (const parse_error& e) {
    EXPECT_EQ(e.line(), 3u);
    EXPECT_THAT(e.what(), HasSubstr("unterminated quoted field"));
  }
  EXPECT_EQ(before_error, 2u);
  std::size_t calls = 0;
  EXPECT_THROW(io::for_each_csv_record(text, "r.csv",
                                       [&](io::csv_record&) {
                                         if (++calls == 2) throw std::runtime_error("stop");
                                       }),
               std::runtime_error);
  EXPECT_EQ(calls, 2u);
}
