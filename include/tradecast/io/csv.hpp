// SPDX-License-Identifier: MIT
/// \file io/csv.hpp
/// Reading and writing the long CSV layout: one observation per row.
///
/// Header (column names case-insensitive, any order): `series,period,value` required;
/// `unit`, `status`, `source`, `note` optional. Fields follow RFC 4180 (quotes, embedded commas).
/// - `period`: any form period::parse accepts (2024, 2025-Q1, 2025Q1, 2025-03, 2025-M03, 2025M3).
/// - `value`: a decimal number; empty, `NA`, `NaN` or `.` is an explicit missing value.
/// - `unit`: a label unit::parse accepts ("USD billions"); one unit per series.
/// - `status`: a name or SDMX letter parse_obs_status accepts.
/// Rows of a series may come in any order. Periods between a series' first and last row that have no
/// row are kept as missing observations with the note "absent from input" (never silently skipped).
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "tradecast/core/collection.hpp"

namespace tradecast::io {

/// One CSV record: its 1-based starting line and its fields (unquoted, untrimmed).
struct csv_record {
  std::size_t line = 0;
  std::vector<std::string> fields{};
};

/// Splits CSV text into records (RFC 4180: quoted fields may hold commas, doubled quotes and line
/// breaks; CRLF and a UTF-8 byte order mark are accepted; blank lines are skipped).
/// \throws parse_error for an unterminated quote or text after a closing quote.
[[nodiscard]] std::vector<csv_record> parse_csv_records(std::string_view text, std::string_view name = "<text>");

/// parse_csv_records() one record at a time: `fn` receives each record as it is read (and may move
/// its fields away), so that a reader converting records never holds the text of all of them.
/// \throws parse_error as parse_csv_records(), and whatever `fn` throws.
void for_each_csv_record(std::string_view text, std::string_view name, const std::function<void(csv_record&)>& fn);

/// Reads a whole field as a finite decimal number (a leading '+' allowed) into x. Returns an empty
/// string, or what is wrong for an error message: "expected a finite decimal number", or that the
/// magnitude is outside the range of a double (about 4.9e-324 to 1.8e308).
[[nodiscard]] std::string parse_decimal(std::string_view field, double& x);

/// A field as error messages quote it: control characters (a NUL byte would end the message
/// where it is printed) written as \xNN.
[[nodiscard]] std::string printable(std::string_view field);

/// The whole content of a text file (the long and the wide readers).
/// \throws parse_error naming the file when it is a directory or cannot be opened or read.
[[nodiscard]] std::string read_text_file(const std::filesystem::path& file);

/// Parses long CSV text. `name` is used in error messages (a file name, or e.g. "<stdin>").
/// \throws parse_error naming the file, line and column and what was expected: unknown or missing
///   column, wrong field count, bad number, unknown period form, duplicate period, mixed frequencies
///   or units in one series, unknown status, a status that contradicts the value.
[[nodiscard]] series_collection parse_long_csv(std::string_view text, std::string_view name = "<text>");

/// Reads a long CSV file. \throws parse_error as parse_long_csv, or when the file cannot be read.
[[nodiscard]] series_collection read_long_csv(const std::filesystem::path& file);

/// Writes the collection in the long layout with all optional columns
/// (`series,period,value,unit,status,source,note`); missing values are written as empty fields.
void write_long_csv(std::ostream& out, const series_collection& data);

/// Quotes a CSV field when it contains a comma, quote or line break (RFC 4180).
[[nodiscard]] std::string csv_quote(std::string_view field);

}  // namespace tradecast::io
