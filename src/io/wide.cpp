// SPDX-License-Identifier: MIT
#include "tradecast/io/wide.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <ostream>
#include <unordered_map>
#include <utility>

#include "tradecast/error.hpp"
#include "tradecast/io/csv.hpp"

namespace tradecast::io {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_missing(std::string_view s) { return s.empty() || s == "NA" || s == "NaN"; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool parse_int(std::string_view v, long long& x) {
  if (v.empty()) return false;
  const char* b = v.data();
  const char* e = v.data() + v.size();
  if (*b == '+') ++b;
  auto [ptr, ec] = std::from_chars(b, e, x);
  return ec == std::errc() && ptr == e;
}

}  // namespace

std::vector<wide_row> parse_wide(std::string_view text, std::string_view name) {
  const std::string file(name);
  // Record by record (for_each_csv_record): each row's text is converted as it is read, so the
  // reader holds the file's text and the numbers, never the text of every field at once.
  std::size_t width = 0, header_line = 0;
  std::vector<wide_row> rows;
  std::unordered_map<std::string, std::size_t> seen;  // id -> line
  for_each_csv_record(text, name, [&](csv_record& rec) {
    if (width == 0) {  // the header
      const csv_record& header = rec;
      for (std::size_t k = 0; k < header.fields.size(); ++k) {
        const std::string expected = "V" + std::to_string(k + 1);
        if (trim(header.fields[k]) != expected)
          throw parse_error(file, header.line, k + 1,
                            "expected the header field '" + expected + "', found '" + header.fields[k] +
                                "' (the wide layout's header is \"V1\",\"V2\",...: the id column, then one per value)");
      }
      if (header.fields.size() < 2)
        throw parse_error(file, header.line, header.fields.size() + 1,
                          "expected at least two header fields \"V1\",\"V2\" (the id and one value)");
      width = header.fields.size();
      header_line = header.line;
      return;
    }
    const std::size_t line = rec.line;
    if (rec.fields.size() > width)
      throw parse_error(file, line, width + 1,
                        "row has " + std::to_string(rec.fields.size()) + " fields but the header has " +
                            std::to_string(width) + ": expected at most " + std::to_string(width - 1) + (width == 2 ? " value" : " values") +
                            " after the id");
    wide_row row;
    row.line = line;
    row.id = std::string(trim(rec.fields[0]));
    if (row.id.empty()) throw parse_error(file, line, 1, "expected a series id, found an empty field");
    if (auto [it, fresh] = seen.emplace(row.id, line); !fresh)
      throw parse_error(file, line, 1,
                        "duplicate series id '" + row.id + "' (first on line " + std::to_string(it->second) + ")");
    // The last present value; everything after it is padding.
    std::size_t end = rec.fields.size();
    while (end > 1 && is_missing(trim(rec.fields[end - 1]))) --end;
    if (end == 1)
      throw parse_error(file, line, 2, "series '" + row.id + "' has no values: expected at least one number after the id");
    row.values.reserve(end - 1);
    for (std::size_t k = 1; k < end; ++k) {
      const std::string_view v = trim(rec.fields[k]);
      if (is_missing(v))
        throw parse_error(file, line, k + 1,
                          "missing value (" + (v.empty() ? std::string("empty field") : "'" + std::string(v) + "'") +
                              ") between observations of series '" + row.id +
                              "': expected a number; wide rows may be padded only at the end (interior gaps are "
                              "not allowed)");
      double x = 0;
      if (const std::string why = parse_decimal(v, x); !why.empty())
        throw parse_error(file, line, k + 1, "bad number '" + printable(v) + "' in series '" + row.id + "': " + why);
      row.values.push_back(x);
    }
    rows.push_back(std::move(row));
  });
  if (width == 0) throw parse_error(file, 1, 0, "empty input: expected a header row \"V1\",\"V2\",...");
  if (rows.empty())
    throw parse_error(file, header_line + 1, 0,
                      "no series: expected a row per series after the header (id, then values)");
  return rows;
}

std::vector<wide_row> read_wide(const std::filesystem::path& file) {
  return parse_wide(read_text_file(file), file.string());
}

std::vector<wide_info> parse_wide_info(std::string_view text, std::string_view name) {
  const std::string file(name);
  static constexpr std::array<std::string_view, 6> names = {"Series", "N", "NF", "Category", "StartYear", "StartPeriod"};
  std::array<std::size_t, names.size()> where{};
  std::size_t width = 0;  // the header's field count; 0 until it is read
  std::vector<wide_info> out;
  std::unordered_map<std::string, std::size_t> seen;
  for_each_csv_record(text, name, [&](csv_record& rec) {
    if (width == 0) {  // the header
      for (std::size_t c = 0; c < names.size(); ++c) {
        const auto it = std::find_if(rec.fields.begin(), rec.fields.end(),
                                     [&](const std::string& f) { return iequals(trim(f), names[c]); });
        if (it == rec.fields.end())
          throw parse_error(file, rec.line, 0,
                            "missing column '" + std::string(names[c]) +
                                "': expected the columns Series,N,NF,Category,StartYear,StartPeriod");
        where[c] = static_cast<std::size_t>(it - rec.fields.begin());
      }
      width = rec.fields.size();
      return;
    }
    if (rec.fields.size() != width)
      throw parse_error(file, rec.line, std::min(rec.fields.size(), width) + 1,
                        "row has " + std::to_string(rec.fields.size()) + " fields: expected " +
                            std::to_string(width) + " as in the header");
    auto integer = [&](std::size_t c, long long min) {
      const std::string_view v = trim(rec.fields[where[c]]);
      long long x = 0;
      if (!parse_int(v, x) || x < min || x > 1'000'000'000)
        throw parse_error(file, rec.line, where[c] + 1,
                          "bad value '" + std::string(v) + "' in column '" + std::string(names[c]) +
                              "': expected a whole number >= " + std::to_string(min));
      return x;
    };
    wide_info info;
    info.line = rec.line;
    info.id = std::string(trim(rec.fields[where[0]]));
    if (info.id.empty()) throw parse_error(file, rec.line, where[0] + 1, "expected a series id, found an empty field");
    if (auto [it, fresh] = seen.emplace(info.id, rec.line); !fresh)
      throw parse_error(file, rec.line, where[0] + 1,
                        "duplicate series id '" + info.id + "' (first on line " + std::to_string(it->second) + ")");
    info.n = static_cast<std::size_t>(integer(1, 1));
    info.horizon = static_cast<int>(integer(2, 1));
    info.category = std::string(trim(rec.fields[where[3]]));
    info.start_year = static_cast<int>(integer(4, 0));
    info.start_period = static_cast<int>(integer(5, 0));
    out.push_back(std::move(info));
  });
  if (width == 0)
    throw parse_error(file, 1, 0, "empty input: expected a header row Series,N,NF,Category,StartYear,StartPeriod");
  return out;
}

std::vector<wide_info> read_wide_info(const std::filesystem::path& file) {
  return parse_wide_info(read_text_file(file), file.string());
}

wide_set wide_set_of(std::vector<wide_row> rows, int m, int h, std::string_view values_name) {
  if (m < 1) throw invalid_argument("seasonal period m = " + std::to_string(m) + " must be at least 1");
  if (h < 1) throw invalid_argument("horizon h = " + std::to_string(h) + " must be at least 1");
  wide_set set;
  set.m = m;
  set.source = values_name;
  set.series.reserve(rows.size());
  for (wide_row& row : rows) {
    wide_series ws;
    ws.id = std::move(row.id);
    ws.values = std::move(row.values);
    ws.horizon = h;
    ws.m = m;
    ws.line = row.line;
    set.series.push_back(std::move(ws));
  }
  return set;
}

wide_set join_wide(std::vector<wide_row> rows, const std::vector<wide_info>& info, int m, wide_part part,
                   std::string_view values_name, std::string_view info_name) {
  if (m < 1) throw invalid_argument("seasonal period m = " + std::to_string(m) + " must be at least 1");
  std::unordered_map<std::string_view, const wide_info*> by_id;
  by_id.reserve(info.size());
  for (const wide_info& i : info) by_id.emplace(i.id, &i);

  std::unordered_map<std::string_view, bool> used;
  wide_set set;
  set.m = m;
  set.source = values_name;
  set.series.reserve(rows.size());
  for (wide_row& row : rows) {
    const auto it = by_id.find(row.id);
    if (it == by_id.end())
      throw parse_error(std::string(values_name), row.line, 1,
                        "series '" + row.id + "' is not in the info file " + std::string(info_name) +
                            ": expected an info row for every series");
    const wide_info& i = *it->second;
    used.emplace(i.id, true);
    const std::size_t hf = static_cast<std::size_t>(i.horizon);
    std::size_t expected = row.values.size();
    std::string rule;
    if (part == wide_part::train) {
      if (i.n <= hf)
        throw parse_error(std::string(info_name), i.line, 0,
                          "series '" + i.id + "': N = " + std::to_string(i.n) + " must exceed NF = " +
                              std::to_string(i.horizon) + " (N counts training and holdout values)");
      expected = i.n - hf;
      rule = "N - NF = " + std::to_string(i.n) + " - " + std::to_string(i.horizon) + " = " + std::to_string(expected);
    } else if (part == wide_part::test) {
      expected = hf;
      rule = "NF = " + std::to_string(i.horizon);
    }
    if (row.values.size() != expected)
      throw parse_error(std::string(values_name), row.line, row.values.size() + 2,
                        "series '" + row.id + "' has " + std::to_string(row.values.size()) + " values: expected " +
                            rule + " (" + std::string(info_name) + " line " + std::to_string(i.line) + ")");
    wide_series s;
    s.id = std::move(row.id);
    s.values = std::move(row.values);
    s.horizon = i.horizon;
    s.m = m;
    s.category = i.category;
    s.start_year = i.start_year;
    s.start_period = i.start_period;
    s.n = i.n;
    s.line = row.line;
    s.info_line = i.line;
    set.series.push_back(std::move(s));
  }
  for (const wide_info& i : info)
    if (!used.contains(i.id))
      throw parse_error(std::string(info_name), i.line, 1,
                        "series '" + i.id + "' has no row in " + std::string(values_name) +
                            ": expected the same series in both files");
  return set;
}

wide_set read_wide_set(const std::filesystem::path& values_file, const std::filesystem::path& info_file, int m,
                       wide_part part) {
  if (m < 1) throw invalid_argument("seasonal period m = " + std::to_string(m) + " must be at least 1");
  return join_wide(read_wide(values_file), read_wide_info(info_file), m, part, values_file.string(),
                   info_file.string());
}

int competition_period(std::string_view set_name) {
  static constexpr std::pair<std::string_view, int> known[] = {
      {"Yearly", 1}, {"Quarterly", 4}, {"Monthly", 12}, {"Other", 1}};
  for (const auto& [n, m] : known)
    if (iequals(trim(set_name), n)) return m;
  throw not_found("unknown competition set '" + std::string(set_name) +
                  "': known sets are Yearly (m = 1), Quarterly (4), Monthly (12), Other (1)");
}

void write_wide(std::ostream& out, std::span<const wide_row> rows) {
  std::size_t longest = 1;
  for (const wide_row& r : rows) longest = std::max(longest, r.values.size());
  for (std::size_t k = 0; k <= longest; ++k) out << (k ? "," : "") << "\"V" << (k + 1) << '"';
  out << '\n';
  for (const wide_row& r : rows) {
    out << '"';
    for (char c : r.id) out << (c == '"' ? "\"\"" : std::string(1, c));
    out << '"';
    for (double x : r.values) {
      out << ',';
      if (!std::isfinite(x)) {
        out << "NA";
        continue;
      }
      char buf[64];
      auto [p, ec] = std::to_chars(buf, buf + sizeof buf, x);
      out.write(buf, p - buf);
    }
    for (std::size_t k = r.values.size(); k < longest; ++k) out << ',';
    out << '\n';
  }
}

}  // namespace tradecast::io
