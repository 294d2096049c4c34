// SPDX-License-Identifier: MIT
// `tradecast growth`: year-on-year growth table, CAGR over the whole span and the last three years,
// and the run-rate of a partial year (labelled as a run-rate, never as a growth rate).
#include <iostream>
#include <limits>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "tradecast/growth.hpp"
#include "tradecast/io/csv.hpp"

namespace tradecast::cli {
namespace {

struct run_rate_line {
  growth::run_rate rr;
  growth::rate vs;
  std::string not_formed;  ///< why the partial year has no run-rate ("" when it has one)
};

/// The partial year after (or at the end of) `s`: from a sub-annual companion series with the same
/// reporter, partner, flow and unit, or from `s` itself when it is sub-annual.
std::optional<run_rate_line> find_run_rate(const series_collection& data, const series& s) {
  if (s.empty()) return std::nullopt;
  if (s.freq() != frequency::annual) {
    // The year of the last observed value; complete when that value is its year's last period, in
    // full (periods still missing at the end of the file, pre-filled NA, and projections with
    // status forecast do not make a year complete).
    std::size_t last = s.size();
    while (last > 0 && (s.is_missing(last - 1) || s.status(last - 1) == obs_status::forecast)) --last;
    if (last == 0) return std::nullopt;
    const period lp = s.period_at(last - 1);
    const int year = lp.year();
    if (lp == period::of(s.freq(), year, periods_per_year(s.freq())) && s.status(last - 1) != obs_status::partial)
      return std::nullopt;
    try {
      auto rr = growth::annual_run_rate(s, year);
      try {
        return run_rate_line{rr, growth::run_rate_vs_year(rr, growth::aggregate(s, frequency::annual)), {}};
      } catch (const error& e) {  // the annual sums overflow, or reach past the year 9999
        growth::rate vs;
        vs.reason = std::string("the annual values cannot be formed: ") + e.what();
        return run_rate_line{rr, vs, {}};
      }
    } catch (const error& e) {  // the partial year has a gap, or its run-rate overflows: said
      run_rate_line none;
      none.rr.year = year;
      none.rr.label = std::to_string(year) + " run-rate";
      none.not_formed = e.what();
      return none;
    }
  }
  const auto& m = s.meta();
  if (m.reporter.empty()) return std::nullopt;
  for (const series& c : data) {
    const auto& cm = c.meta();
    if (c.empty() || c.freq() == frequency::annual || cm.reporter != m.reporter || cm.partner != m.partner ||
        cm.flow != m.flow || !(cm.unit == m.unit))
      continue;
    const int year = c.end().year();
    if (year != s.end().year() + 1) continue;
    try {
      auto rr = growth::annual_run_rate(c, year);
      return run_rate_line{rr, growth::run_rate_vs_year(rr, s), {}};
    } catch (const error&) {
      continue;
    }
  }
  return std::nullopt;
}

std::string rate_text(const growth::rate& r) {
  return r.defined() ? signed_percent(r.value, 2) : "undefined (" + r.reason + ")";
}

nlohmann::ordered_json rate_json(const growth::rate& r) {
  nlohmann::ordered_json j;
  j["from"] = r.from.to_string();
  j["to"] = r.to.to_string();
  j["years"] = r.years;
  j["percent"] = r.defined() ? nlohmann::ordered_json(r.value) : nlohmann::ordered_json(nullptr);
  if (!r.defined()) j["reason"] = r.reason;
  j["convention"] = r.convention;
  return j;
}

int run_growth(const input_options& o) {
  const loaded_input in = load_input(o);
  const series& s = select_series(in, o);
  if (s.count_present() < 2)
    throw invalid_argument("series '" + s.id() + "' has " + std::to_string(s.count_present()) +
                           " observation(s) with a value: growth needs at least two");
  const series yoy = growth::year_on_year(s);
  growth::rate whole;
  bool whole_formed = true;
  try {
    whole = growth::cagr(s);
  } catch (const invalid_argument&) {  // e.g. two values, one of them a partial period: say why
    whole_formed = false;
    whole = growth::cagr(s, s.start(), s.end());
    if (whole.defined() || whole.reason.empty()) {
      whole.value = std::numeric_limits<double>::quiet_NaN();
      whole.reason = periods_per_year(s.freq()) > 1
                         ? "no two full observations with a value a whole number of years apart (the same period of "
                           "the year; partial periods and forecasts are not end points)"
                         : "fewer than two full observations with a value (partial periods and forecasts are not end points)";
    }
  }
  // The last three years: three calendar years of data, ending with the CAGR's last observation and
  // starting at the same period of the year two years before it (2022 to 2024; 2023-Q1 to
  // 2025-Q1), or as many whole years as the series has.
  const int ppy = periods_per_year(s.freq());
  const std::int64_t years_back = std::min<std::int64_t>(2, (whole.to - whole.from) / ppy);
  const period first3 = years_back > 0 ? whole.to - years_back * ppy : whole.from;
  growth::rate last3 = growth::cagr(s, first3, whole.to);
  if (!whole_formed) {  // no two full end points anywhere: none in the window either
    last3.value = std::numeric_limits<double>::quiet_NaN();
    last3.reason = whole.reason;
  }
  const std::string last3_label = years_back == 2   ? "last three years"
                                  : years_back == 1 ? "last two years, all the series has"
                                                    : "less than a year, all the series has";
  // Each observation's note: its own (a reason it is missing, a source remark), then the growth
  // rate's when that says something else.
  const auto note_of = [&](std::size_t i) {
    const std::string* own = s.note(i);
    const std::string* rate = yoy.note(i);
    std::string n = own ? *own : std::string();
    if (rate && !s.is_missing(i)) n += (n.empty() ? "" : "; ") + *rate;
    return n;
  };
  const auto rr = find_run_rate(in.data, s);
  const std::string unit = s.meta().unit.label();
  // The CAGR and run-rate lines under the table (to standard error as notes with CSV output);
  // a run-rate's remark stands on its own line under the table, in parentheses in a note.
  std::vector<std::string> summary;
  const std::string run_rate_remark = "a run-rate annualises a partial year; it is not a growth rate";
  bool remark = false;
  summary.push_back(fmt::format("CAGR {} to {} (whole span, {:g} year{}): {}", whole.from.to_string(), whole.to.to_string(),
                                whole.years, whole.years == 1 ? "" : "s", rate_text(whole)));
  summary.push_back(fmt::format("CAGR {} to {} ({}):{:>{}}{}", last3.from.to_string(), last3.to.to_string(), last3_label, "",
                                std::max<int>(1, 23 - static_cast<int>(last3_label.size())), rate_text(last3)));
  if (rr && !rr->not_formed.empty()) {
    summary.push_back(fmt::format("{}: not formed ({})", rr->rr.label, rr->not_formed));
  } else if (rr) {
    std::string line = fmt::format("{}: {}{}", rr->rr.label,
                                   table_number(rr->rr.value, style_for(std::span<const double>(&rr->rr.value, 1), 2)),
                                   unit.empty() ? "" : " " + unit);
    if (rr->vs.defined())
      line += fmt::format(", {}% {} {}", fixed(std::abs(rr->vs.value), 2), rr->vs.value >= 0 ? "above" : "below",
                          rr->vs.from.to_string());
    else
      line += fmt::format("; against the year before: undefined ({})", rr->vs.reason);
    summary.push_back(line);
    remark = true;
  }

  if (o.format == "json") {
    nlohmann::ordered_json j;
    j["series"] = metadata_json(s);
    j["convention"] = "year-on-year growth in percent: 100*(Y_t/Y_{t-k} - 1), k = periods per year";
    auto& obs = j["observations"] = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < s.size(); ++i) {
      nlohmann::ordered_json r;
      r["period"] = s.period_at(i).to_string();
      r["value"] = s.is_missing(i) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s[i]);
      r["yoy_percent"] = yoy.is_missing(i) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(yoy[i]);
      r["status"] = std::string(to_string(s.status(i)));
      r["source"] = s.source(i);
      if (const std::string n = note_of(i); !n.empty()) r["note"] = n;
      obs.push_back(std::move(r));
    }
    j["cagr_whole_span"] = rate_json(whole);
    j["cagr_last_three_years"] = rate_json(last3);
    j["cagr_last_three_years"]["label"] = last3_label;  // says when the series is shorter
    if (rr && !rr->not_formed.empty()) {
      j["run_rate"] = {{"year", rr->rr.year}, {"value", nullptr}, {"reason", rr->not_formed}};
    } else if (rr) {
      nlohmann::ordered_json r;
      r["year"] = rr->rr.year;
      r["first"] = rr->rr.first.to_string();
      r["last"] = rr->rr.last.to_string();
      r["periods_observed"] = rr->rr.periods_observed;
      r["periods_per_year"] = rr->rr.periods_per_year;
      r["value"] = rr->rr.value;
      r["label"] = rr->rr.label;
      r["vs_previous_year"] = rate_json(rr->vs);
      j["run_rate"] = std::move(r);
    }
    std::cout << json_text(j) << "\n";
    return 0;
  }
  if (o.format == "csv") {
    std::cout << "series,period,value,yoy_percent,status,source,note\n";
    for (std::size_t i = 0; i < s.size(); ++i)
      std::cout << io::csv_quote(s.id()) << ',' << s.period_at(i).to_string() << ',' << exact(s[i]) << ','
                << exact(yoy[i]) << ',' << (s.is_missing(i) ? "missing" : std::string(to_string(s.status(i)))) << ','
                << io::csv_quote(s.is_missing(i) ? std::string() : s.source(i)) << ',' << io::csv_quote(note_of(i)) << "\n";
    for (const std::string& line : summary) std::cerr << "tradecast: note: " << line << "\n";
    if (remark) std::cerr << "tradecast: note: (" << run_rate_remark << ")\n";
    return 0;
  }

  // Sources as numbered footnotes.
  std::vector<std::string> sources;
  auto source_ref = [&](const std::string& src) -> std::string {
    if (src.empty()) return "";
    for (std::size_t k = 0; k < sources.size(); ++k)
      if (sources[k] == src) return "[" + std::to_string(k + 1) + "]";
    sources.push_back(src);
    return "[" + std::to_string(sources.size()) + "]";
  };
  std::cout << fmt::format("{} ({})\n{}{}, {}\n\n", s.meta().name, s.id(), unit.empty() ? "" : unit + ", ",
                           to_string(s.freq()), s.span_text());
  table t{{"period", "value", "yoy %", "status", "src", "note"}, {false, true, true, false, false, false}, {}};
  const number_style style = style_for(s.values());
  for (std::size_t i = 0; i < s.size(); ++i) {
    t.rows.push_back({s.period_at(i).to_string(), s.is_missing(i) ? "n/a" : table_number(s[i], style),
                      yoy.is_missing(i) ? "" : signed_percent(yoy[i], 2),
                      s.status(i) == obs_status::normal ? "" : std::string(to_string(s.status(i))),
                      s.is_missing(i) ? "" : source_ref(s.source(i)), note_of(i)});
  }
  std::cout << t.render() << "\n";
  for (const std::string& line : summary) std::cout << line << "\n";
  if (remark) std::cout << "  (" << run_rate_remark << ")\n";
  std::cout << "\nGrowth: year-on-year, 100*(Y_t/Y_t-1year - 1); CAGR: end-point compound annual rate.\n";
  if (!sources.empty()) {
    std::cout << "Sources:\n";
    for (std::size_t k = 0; k < sources.size(); ++k) std::cout << fmt::format("  [{}] {}\n", k + 1, sources[k]);
  }
  return 0;
}

}  // namespace

void add_growth_command(CLI::App& app, runner& run) {
  auto opts = std::make_shared<input_options>();
  auto* cmd = app.add_subcommand(
      "growth", "Year-on-year growth table with the CAGR over the whole span and over the last three years");
  add_input_options(*cmd, *opts, true);
  cmd->callback([opts, &run] { run = [opts] { return run_growth(*opts); }; });
}

}  // namespace tradecast::cli
