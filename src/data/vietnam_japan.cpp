// SPDX-License-Identifier: MIT
#include "tradecast/data/vietnam_japan.hpp"

#include <string>

#include "tradecast/error.hpp"
#include "tradecast/io/csv.hpp"

namespace tradecast::detail {
std::string_view embedded_vietnam_japan_csv();
std::string_view embedded_vietnam_japan_series_csv();
}  // namespace tradecast::detail

namespace tradecast::data {
namespace {

trade_flow parse_flow(const std::string& text) {
  if (text == "exports") return trade_flow::exports;
  if (text == "imports") return trade_flow::imports;
  if (text == "total trade") return trade_flow::total_trade;
  if (text == "balance") return trade_flow::balance;
  return trade_flow::other;
}

series_collection load() {
  const series_collection values = io::parse_long_csv(detail::embedded_vietnam_japan_csv(), "data/vietnam_japan.csv");
  const auto records = io::parse_csv_records(detail::embedded_vietnam_japan_series_csv(), "data/vietnam_japan_series.csv");
  series_collection out;
  // Header: id,name,reporter,partner,flow,unit,source,notes
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& f = records[r].fields;
    if (f.size() != 8)
      throw parse_error("data/vietnam_japan_series.csv", records[r].line, 0, "expected 8 fields");
    series s = values.at(f[0]);
    series_metadata& m = s.meta();
    m.name = f[1];
    m.reporter = f[2];
    m.partner = f[3];
    m.flow = parse_flow(f[4]);
    m.unit = unit::parse(f[5]);
    m.source = f[6];
    m.notes = f[7];
    out.add(std::move(s));
  }
  if (out.size() != values.size())
    throw parse_error("data/vietnam_japan_series.csv", 0, 0, "a series of data/vietnam_japan.csv has no metadata row");
  return out;
}

}  // namespace

const series_collection& vietnam_japan() {
  static const series_collection data = load();
  return data;
}

}  // namespace tradecast::data
