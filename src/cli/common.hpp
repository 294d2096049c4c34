// SPDX-License-Identifier: MIT
// Shared pieces of the command-line tool: input selection, output formats, table layout.
#pragma once

#include <fstream>
#include <iostream>
#include <span>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "tradecast/core.hpp"
#include "tradecast/io/wide.hpp"

namespace tradecast::batch {
struct batch_result;
}

namespace tradecast::forecast {
struct forecast_options;
}

namespace tradecast::cli {

/// Exit status for bad input data or arguments.
inline constexpr int exit_bad_input = 2;

/// Options shared by the data commands.
struct input_options {
  std::string input;   ///< --input FILE ("" = embedded data)
  std::string series;  ///< --series ID ("" = the default series)
  std::string format = "table";
};

/// Adds --input, --series (when `with_series`) and --format to a subcommand.
void add_input_options(CLI::App& cmd, input_options& o, bool with_series);

/// The collection named by --input (or the embedded data) and a description of where it came from.
struct loaded_input {
  series_collection data;
  std::string origin;  ///< "embedded Vietnam-Japan data" or the file name
  bool embedded = true;
};
[[nodiscard]] loaded_input load_input(const input_options& o);

/// The series named by --series, or the default: the embedded default series, or the first series
/// of the user's file.
[[nodiscard]] const series& select_series(const loaded_input& in, const input_options& o);

/// A table printed with aligned columns; `right[i]` right-aligns column i.
struct table {
  std::vector<std::string> header;
  std::vector<bool> right;
  std::vector<std::vector<std::string>> rows;
  [[nodiscard]] std::string render() const;
};

/// A named file of the command line ("--output", path); an empty path is none.
using named_file = std::pair<std::string, std::string>;
/// \throws invalid_argument when an output file is one of the inputs (writing it would destroy
/// the data) or two outputs are the same file (one would overwrite the other).
void check_output_files(const std::vector<named_file>& outputs, const std::vector<named_file>& inputs);

/// The horizons NF an info file gives `set` are within forecast::max_horizon. \throws parse_error
/// naming the info file and the series' line. (A --horizon is checked by the option's parser.)
void check_horizons(const io::wide_set& set, const std::string& info);

/// Number formatting: fixed with `digits` decimals; "" for NaN; a value that rounds to zero
/// prints as 0, not -0. From 1e15 in magnitude (where digits would be binary noise or a hundred
/// of them) 7 significant digits instead ("4.2e+90").
[[nodiscard]] std::string fixed(double v, int digits);

/// How a table prints the numbers of one column or series: `digits` decimals chosen from the
/// largest magnitude `scale` (three significant digits there: 3 decimals from 0.1 up, one more
/// per decade below, at most 15; none from 1e12 up, where a double holds the integer digits and
/// decimals would be noise).
struct number_style {
  int digits = 3;
  double scale = 0;
};
/// The style of the finite values in `values` (NaN ignored), with at least `least` decimals below 1e12.
[[nodiscard]] number_style style_for(std::span<const double> values, int least = 3);
/// `v` in `style`: fixed with its decimals, except a nonzero value those decimals would print as
/// 0 (0.0004 beside 5000, 1.5e-18 in a series of such values), which gets 4 significant digits
/// unless it is rounding noise of the column (below 1e-12 of its scale, e.g. 9e-18 beside 0.3).
[[nodiscard]] std::string table_number(double v, const number_style& style);
/// Signed percentage "+2.71%" / "-5.50%"; "" for NaN.
[[nodiscard]] std::string signed_percent(double v, int digits = 2);
/// Shortest round-trip representation, for CSV.
[[nodiscard]] std::string exact(double v);

/// Applies --lambda TEXT (a number, or "auto" for Guerrero's method; "" = none) to `fo`.
/// \throws invalid_argument naming --lambda when TEXT is neither.
void apply_lambda_option(const std::string& text, forecast::forecast_options& fo);

/// --level LIST: comma-separated percentages such as 80,95 (decimal numbers; each once).
/// \throws invalid_argument naming --level. The range (0, 100) is checked by the library.
[[nodiscard]] std::vector<double> parse_levels(const std::string& text);
/// A level as written in column names (lo95, cover99.5): the shortest text that reads back as it.
[[nodiscard]] std::string level_name(double l);

/// JSON output as text, indented by two: bytes of a file that are not UTF-8 (a Latin-1 id, say)
/// become U+FFFD instead of failing the whole output.
[[nodiscard]] std::string json_text(const nlohmann::ordered_json& j);

/// A number for JSON output: null when not finite.
[[nodiscard]] nlohmann::ordered_json json_number(double x);

/// A CLI11 check that the value is a whole number of at least `least` (1 for counts such as
/// --horizon, 0 for --threads), with a short message ("must be a whole number of at least 1, not
/// '0'") instead of CLI11's range over the whole double type.
CLI::Validator whole_at_least(unsigned long long least);

/// Writes `text` to `file` (standard output when `file` is empty) through an output_sink.
/// \throws invalid_argument naming `option` (e.g. "--chart") when the file cannot be opened or
///   written in full.
void write_file(const std::string& option, const std::string& file, const std::string& text);

/// write_file("--output", file, text).
void write_output(const std::string& file, const std::string& text);

/// Output written as it is formatted, so that outputs as large as a whole batch's forecasts are
/// never held in memory: FILE (given by `option`, e.g. --output), or standard output when `file`
/// is empty. A new or regular file is written beside it under a temporary name and takes its name
/// in close(), so a run that fails part-way leaves no partial output (the temporary file is
/// removed); a device, pipe or symbolic link (`-o /dev/null`) is written in place, never replaced.
class output_sink {
 public:
  output_sink(std::string option, const std::string& file);
  ~output_sink();
  output_sink(const output_sink&) = delete;
  output_sink& operator=(const output_sink&) = delete;
  [[nodiscard]] std::ostream& stream() noexcept { return file_.empty() ? std::cout : out_; }
  /// \throws invalid_argument naming --output (error for standard output) when a write failed.
  void close();

 private:
  std::string option_, file_, temp_;
  std::ofstream out_;
  bool closed_ = false;
};

/// Reports on stderr every series of a batch that did not get the requested method (fallbacks
/// and failures, grouped by reason) and every series whose model fell back to a simpler one;
/// `label` (e.g. "ets: ") starts each line's text.
void report_batch_statuses(const batch::batch_result& r, const std::string& label = "");

/// Series metadata as JSON.
[[nodiscard]] nlohmann::ordered_json metadata_json(const series& s);

}  // namespace tradecast::cli
