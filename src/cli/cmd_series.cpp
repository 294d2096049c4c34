// SPDX-License-Identifier: MIT
// `tradecast series` (list the series) and `tradecast show` (print one series).
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "tradecast/io/csv.hpp"

namespace tradecast::cli {

void add_series_command(CLI::App& app, runner& run) {
  auto opts = std::make_shared<input_options>();
  auto* cmd = app.add_subcommand("series", "List the available series with their metadata");
  add_input_options(*cmd, *opts, false);
  cmd->callback([opts, &run] {
    run = [opts] {
      const loaded_input in = load_input(*opts);
      if (opts->format == "json") {
        nlohmann::ordered_json j = nlohmann::ordered_json::array();
        for (const series& s : in.data) j.push_back(metadata_json(s));
        std::cout << json_text(j) << "\n";
        return 0;
      }
      if (opts->format == "csv") {
        std::cout << "id,frequency,start,end,observations,missing,unit,reporter,partner,flow,name\n";
        for (const series& s : in.data)
          std::cout << io::csv_quote(s.id()) << ',' << to_string(s.freq()) << ',' << s.start().to_string() << ','
                    << s.end().to_string() << ',' << s.size() << ',' << s.size() - s.count_present() << ','
                    << io::csv_quote(s.meta().unit.label()) << ',' << io::csv_quote(s.meta().reporter) << ','
                    << io::csv_quote(s.meta().partner) << ',' << to_string(s.meta().flow) << ','
                    << io::csv_quote(s.meta().name) << "\n";
        return 0;
      }
      table t{{"id", "frequency", "span", "periods", "missing", "unit", "name"},
              {false, false, false, true, true, false, false},
              {}};
      for (const series& s : in.data)
        t.rows.push_back({s.id(), std::string(to_string(s.freq())),
                          s.start().to_string() + " to " + s.end().to_string(), std::to_string(s.size()),
                          std::to_string(s.size() - s.count_present()), s.meta().unit.label(), s.meta().name});
      std::cout << fmt::format("{} series in {}\n\n", in.data.size(), in.origin) << t.render();
      return 0;
    };
  });
}

void add_show_command(CLI::App& app, runner& run) {
  auto opts = std::make_shared<input_options>();
  auto* cmd = app.add_subcommand("show", "Print one series: values, status, source and notes");
  add_input_options(*cmd, *opts, true);
  cmd->callback([opts, &run] {
    run = [opts] {
      const loaded_input in = load_input(*opts);
      const series& s = select_series(in, *opts);
      if (opts->format == "json") {
        nlohmann::ordered_json j;
        j["series"] = metadata_json(s);
        auto& obs = j["observations"] = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < s.size(); ++i) {
          nlohmann::ordered_json o;
          o["period"] = s.period_at(i).to_string();
          o["value"] = s.is_missing(i) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s[i]);
          o["status"] = std::string(to_string(s.status(i)));
          o["source"] = s.source(i);
          if (const std::string* n = s.note(i)) o["note"] = *n;
          obs.push_back(std::move(o));
        }
        std::cout << json_text(j) << "\n";
        return 0;
      }
      if (opts->format == "csv") {
        series_collection one;
        one.add(s);
        io::write_long_csv(std::cout, one);
        return 0;
      }
      const std::string unit = s.meta().unit.label();
      std::cout << fmt::format("{} ({})\n{}{}; {}\n", s.meta().name, s.id(), unit.empty() ? "" : unit + ", ",
                               to_string(s.freq()), s.span_text());
      if (!s.meta().notes.empty()) std::cout << s.meta().notes << "\n";
      std::cout << "\n";
      table t{{"period", "value", "status", "source", "note"}, {false, true, false, false, false}, {}};
      const number_style style = style_for(s.values());
      for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string* n = s.note(i);
        t.rows.push_back({s.period_at(i).to_string(), s.is_missing(i) ? "n/a" : table_number(s[i], style),
                          std::string(to_string(s.status(i))), s.source(i), n ? *n : ""});
      }
      std::cout << t.render();
      return 0;
    };
  });
}

}  // namespace tradecast::cli
