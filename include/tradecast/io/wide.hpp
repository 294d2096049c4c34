// SPDX-License-Identifier: MIT
/// \file io/wide.hpp
/// Reading and writing the wide layout of forecasting competitions (M3 as distributed in R's Mcomp
/// and the M3/M4 CSV exports): one series per row.
///
/// ## Values files (`*-train.csv`, `*-test.csv`, forecasts)
/// ```
/// "V1","V2","V3","V4"
/// "N0646",3142.63,3190.5,3300
/// "N0647",1200,1210,,
/// ```
/// - A header row whose fields are exactly `V1`, `V2`, … `Vk` (quoted or not).
/// - Then one row per series: the series id (field 1, usually quoted), then its values in time
///   order. Fields follow RFC 4180 (see parse_csv_records); spaces around a field are ignored.
/// - Rows are padded at the end with empty fields, `NA` or `NaN` up to the header width; padding is
///   optional and removed. A row may not be wider than the header.
/// - A missing value (empty, `NA`, `NaN`) **between** two values is an error naming file, line and
///   column: competition series are consecutive and a gap is never silently closed or filled.
/// - A value must be a finite decimal number (`1e3`, `-2.5`); anything else is an error naming file,
///   line and column. Series ids must be non-empty and unique; each row needs at least one value.
///
/// ## Info files (`*-info.csv`)
/// Columns `Series,N,NF,Category,StartYear,StartPeriod` (names case-insensitive, any order; further
/// columns are ignored). `N` is the total length (training plus holdout, as in M3), `NF` the
/// forecast horizon, `StartYear`/`StartPeriod` the start as given (0 = unknown; they are reported,
/// not checked against a calendar: the M3 file has e.g. quarter 9 for N1071).
///
/// ## Seasonal period
/// Neither file records the seasonal period and it is never guessed from a file name: the caller
/// passes it (`m`), either directly or from the set's name with competition_period("Quarterly").
///
/// ## Joining values and info
/// read_wide_set() pairs every values row with the info row of the same id and checks the lengths:
/// a training row must hold N - NF values, a test row NF values (`wide_part`). Series without info,
/// info without series, and wrong lengths are errors naming file, line and column.
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tradecast::io {

/// One row of a values file.
struct wide_row {
  std::string id{};
  std::vector<double> values{};  ///< trailing padding removed
  std::size_t line = 0;          ///< 1-based line in the file; 0 when built in memory
};

/// Parses a values file held in memory. `name` is used in error messages.
/// \throws parse_error (file, line, column, what was expected) for an empty input, a header without
///   rows, a header field other than `V<column>`, a row wider than the header, an empty or duplicate id, a row without
///   values, a bad or non-finite number, or a missing value between two values.
[[nodiscard]] std::vector<wide_row> parse_wide(std::string_view text, std::string_view name = "<text>");

/// Reads a values file. \throws parse_error as parse_wide(), or when the file cannot be read.
[[nodiscard]] std::vector<wide_row> read_wide(const std::filesystem::path& file);

/// One row of an info file.
struct wide_info {
  std::string id{};        ///< column Series
  std::size_t n = 0;       ///< column N: total length, training plus holdout
  int horizon = 0;         ///< column NF: forecast horizon
  std::string category{};  ///< column Category (MICRO, INDUSTRY, MACRO, FINANCE, DEMOGRAPHIC, OTHER)
  int start_year = 0;      ///< column StartYear, as given (0 = unknown)
  int start_period = 0;    ///< column StartPeriod, as given (0 = unknown)
  std::size_t line = 0;    ///< 1-based line in the info file
};

/// Parses an info file held in memory.
/// \throws parse_error for a missing column, a row with the wrong number of fields, an empty or
///   duplicate id, or a bad integer (N >= 1, NF >= 1, StartYear >= 0, StartPeriod >= 0).
[[nodiscard]] std::vector<wide_info> parse_wide_info(std::string_view text, std::string_view name = "<text>");

/// Reads an info file. \throws parse_error as parse_wide_info(), or when the file cannot be read.
[[nodiscard]] std::vector<wide_info> read_wide_info(const std::filesystem::path& file);

/// Which part of a competition set a values file holds; decides the length check of join_wide().
enum class wide_part {
  train,      ///< N - NF values per series
  test,       ///< NF values per series (the holdout)
  unchecked,  ///< any length (e.g. a file whose info N is not the total length)
};

/// A series of a competition set: its values plus what the info file says about it.
struct wide_series {
  std::string id{};
  std::vector<double> values{};  ///< consecutive observations, oldest first
  int horizon = 0;               ///< NF
  int m = 1;                     ///< seasonal period, from the caller
  std::string category{};
  int start_year = 0;          ///< as in the info file (0 = unknown)
  int start_period = 0;        ///< as in the info file (0 = unknown)
  std::size_t n = 0;           ///< N of the info file (training plus holdout)
  std::size_t line = 0;        ///< 1-based line of its row in the values file (0: built in memory)
  std::size_t info_line = 0;   ///< 1-based line of its row in the info file (0: no info file)
};

/// A competition set: the series in the order of the values file.
struct wide_set {
  std::vector<wide_series> series{};
  int m = 1;
  std::string source{};  ///< the values file's name as messages give it ("" from wide_set_of() without one)
};

/// Pairs values rows with info rows by id (see the file comment). `values_name`/`info_name` are the
/// file names used in error messages. \throws invalid_argument for m < 1; parse_error for a values
///   row without info (values file, its line, column 1), an info row without values (info file, its
///   line, column 1), or a length that disagrees with N and NF (values file, its line, the column
///   after the last value).
[[nodiscard]] wide_set join_wide(std::vector<wide_row> rows, const std::vector<wide_info>& info, int m,
                                 wide_part part = wide_part::train, std::string_view values_name = "<values>",
                                 std::string_view info_name = "<info>");

/// A set from a values file alone (no info file): every series gets seasonal period m and
/// horizon h; `values_name` names the file in messages. \throws invalid_argument for m < 1 or h < 1.
[[nodiscard]] wide_set wide_set_of(std::vector<wide_row> rows, int m, int h, std::string_view values_name = {});

/// Reads a values file and its info file and joins them (join_wide()).
[[nodiscard]] wide_set read_wide_set(const std::filesystem::path& values_file, const std::filesystem::path& info_file,
                                     int m, wide_part part = wide_part::train);

/// The seasonal period of an M-competition set by its name (case-insensitive): Yearly 1,
/// Quarterly 4, Monthly 12, Other 1. The caller names the set; file names are never inspected.
/// \throws not_found for another name, listing the known ones.
[[nodiscard]] int competition_period(std::string_view set_name);

/// Writes rows in the wide layout: header `"V1",…,"Vk"` with k = 1 + the longest row, each id
/// quoted, values in shortest round-trip form, shorter rows padded with empty fields. A non-finite
/// value is written as `NA` (which parse_wide() accepts only as trailing padding).
void write_wide(std::ostream& out, std::span<const wide_row> rows);

}  // namespace tradecast::io
