// Damaged input files: seeded random byte edits of valid long and wide files. Every copy either
// parses or throws parse_error naming the file and a line of it: never another exception, a crash
// or (in the sanitizer build, which runs these tests) a memory error.
#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tradecast/error.hpp"
#include "tradecast/io/csv.hpp"
#include "tradecast/io/wide.hpp"

using namespace tradecast;

namespace {

// `count` copies of `text`, each with one to four edits: a byte replaced by any byte, a byte
// deleted, or one of , " \n \r NUL inserted.
std::vector<std::string> damaged_copies(const std::string& text, unsigned seed, int count) {
  std::mt19937 rng(seed);
  const char inserts[] = {',', '"', '\n', '\r', '\0'};
  std::vector<std::string> out;
  for (int k = 0; k < count; ++k) {
    std::string t = text;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !t.empty(); ++e) {
      const std::size_t at = rng() % t.size();
      switch (rng() % 3) {
        case 0: t[at] = static_cast<char>(rng() % 256); break;
        case 1: t.erase(at, 1); break;
        default: t.insert(at, 1, inserts[rng() % sizeof(inserts)]);
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

// Runs `parse` on every damaged copy of `text`: it parses (`check` then looks at the result) or
// throws parse_error for `file` at a line of the copy. Both outcomes must occur often.
template <class Parse>
void expect_parsed_or_located(const std::string& text, const std::string& file, unsigned seed, Parse parse) {
  int parsed = 0, refused = 0;
  for (const std::string& t : damaged_copies(text, seed, 3000)) {
    const auto lines = 1 + static_cast<std::size_t>(std::count(t.begin(), t.end(), '\n'));
    try {
      parse(t);
      ++parsed;
    } catch (const parse_error& e) {
      EXPECT_EQ(e.file(), file);
      EXPECT_GE(e.line(), 1u) << e.what();
      EXPECT_LE(e.line(), lines) << e.what();
      ++refused;
    }
  }
  EXPECT_GT(parsed, 100) << file;  // the edits are neither all harmless nor all fatal
  EXPECT_GT(refused, 100) << file;
}

}  // namespace

TEST(DamagedInput, WideValuesFile) {
  const std::string values = "\"V1\",\"V2\",\"V3\",\"V4\",\"V5\"\n\"N1\",1.5,2,3.25,4\n\"N2\",10,20,,\n\"N 3\",-1e3,2e-3,NA,\n";
  expect_parsed_or_located(values, "v.csv", 20251130, [](const std::string& t) {
    for (const io::wide_row& row : io::parse_wide(t, "v.csv"))
      for (double x : row.values) EXPECT_TRUE(std::isfinite(x)) << t;
  });
}

TEST(DamagedInput, WideInfoFile) {
  const std::string info = "\"Series\",\"N\",\"NF\",\"Category\",\"StartYear\",\"StartPeriod\"\n"
                           "\"N1\",4,2,\"MICRO\",1990,1\n\"N2\",2,6,\"MACRO\",1975,1\n";
  expect_parsed_or_located(info, "i.csv", 20251201, [](const std::string& t) {
    for (const io::wide_info& r : io::parse_wide_info(t, "i.csv")) EXPECT_GE(r.horizon, 1) << t;
  });
}

TEST(DamagedInput, LongCsvFile) {
  const std::string text =
      "series,period,value,unit,status,source,note\n"
      "vnm_jpn,2022,47.6,USD billions,,VNA,\n"
      "vnm_jpn,2023,44.98,USD billions,provisional,VNA,\"revised, April\"\n"
      "vnm_jpn,2024,,USD billions,missing,,not yet\n"
      "q,2025-Q1,12,USD billions,partial,VNA,\n";
  expect_parsed_or_located(text, "long.csv", 20251202, [](const std::string& t) {
    const series_collection c = io::parse_long_csv(t, "long.csv");
    for (const series& s : c)
      for (std::size_t i = 0; i < s.size(); ++i)
        if (!s.is_missing(i)) {
          EXPECT_TRUE(std::isfinite(s[i])) << t;
        }
  });
}
