// SPDX-License-Identifier: MIT
#include "tradecast/io/csv.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <system_error>
#include <unordered_map>
#include <vector>

#include "tradecast/error.hpp"

namespace tradecast::io {
namespace {

using row = csv_record;

/// RFC 4180 tokenizer: quoted fields may hold commas, doubled quotes and line breaks.
class tokenizer {
 public:
  tokenizer(std::string_view text, std::string_view name) : text_(text), name_(name) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // UTF-8 byte order mark
  }

  /// Next non-blank record, or nullopt at the end.
  std::optional<row> next() {
    while (pos_ < text_.size()) {
      row r;
      r.line = line_;
      std::string field;
      bool quoted = false, was_quoted = false;
      const std::size_t start_line = line_;
      bool end_of_record = false;
      while (!end_of_record) {
        if (pos_ >= text_.size()) {
          if (quoted)
            throw parse_error(std::string(name_), start_line, r.fields.size() + 1,
                              "unterminated quoted field (opened on this line)");
          break;
        }
        const char c = text_[pos_++];
        if (quoted) {
          if (c == '"') {
            if (pos_ < text_.size() && text_[pos_] == '"') {
              field += '"';
              ++pos_;
            } else {
              quoted = false;
            }
          } else {
            if (c == '\n') ++line_;
            field += c;
          }
          continue;
        }
        switch (c) {
          case '"':
            if (!field.empty() || was_quoted)
              throw parse_error(std::string(name_), line_, r.fields.size() + 1,
                                "a quote inside an unquoted field: quote the whole field and double "
                                "inner quotes");
            quoted = was_quoted = true;
            break;
          case ',':
            r.fields.push_back(std::move(field));
            field.clear();
            was_quoted = false;
            break;
          case '\r':  // a line ending \r\n (or a final \r); a carriage return elsewhere is an error
            if (pos_ < text_.size() && text_[pos_] != '\n')
              throw parse_error(std::string(name_), line_, r.fields.size() + 1,
                                "a carriage return (\\r) inside an unquoted field: lines end with \\n or \\r\\n; "
                                "quote a field that contains line breaks");
            break;
          case '\n':
            ++line_;
            end_of_record = true;
            break;
          default:
            if (was_quoted && c != ' ' && c != '\t')
              throw parse_error(std::string(name_), line_, r.fields.size() + 1,
                                "text after the closing quote of a quoted field");
            if (!was_quoted) field += c;
        }
      }
      r.fields.push_back(std::move(field));
      const bool blank = r.fields.size() == 1 && trim(r.fields[0]).empty();
      if (!blank) return r;
    }
    return std::nullopt;
  }

  static std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  }

 private:
  std::string_view text_;
  std::string_view name_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_missing_token(std::string_view v) {
  const std::string l = lower(v);
  return l.empty() || l == "na" || l == "nan" || l == "." || l == "#n/a";
}

struct observation_in {
  period p;
  double value;
  obs_status status;
  std::string source;
  std::string note;
  std::size_t line;
};

struct series_in {
  std::string id;
  std::optional<unit> u;
  std::size_t unit_line = 0;
  std::vector<observation_in> obs;
};

}  // namespace

std::string printable(std::string_view field) {
  std::string out;
  for (const char c : field) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      constexpr char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += c;
    }
  }
  return out;
}

std::string parse_decimal(std::string_view field, double& x) {
  const char* b = field.data();
  const char* e = field.data() + field.size();
  if (b != e && *b == '+') {
    ++b;
    if (b != e && (*b == '-' || *b == '+')) return "expected a finite decimal number";  // "+-5"
  }
  const auto [ptr, ec] = std::from_chars(b, e, x);
  if (ptr != e || b == e) return "expected a finite decimal number";
  if (ec == std::errc::result_out_of_range)
    return "its magnitude is outside the range of a double (about 4.9e-324 to 1.8e308); rescale the data";
  if (ec != std::errc() || !std::isfinite(x)) return "expected a finite decimal number";
  return {};
}

void for_each_csv_record(std::string_view text, std::string_view name, const std::function<void(csv_record&)>& fn) {
  tokenizer tok(text, name);
  while (auto r = tok.next()) fn(*r);
}

std::vector<csv_record> parse_csv_records(std::string_view text, std::string_view name) {
  std::vector<csv_record> out;
  for_each_csv_record(text, name, [&](csv_record& r) { out.push_back(std::move(r)); });
  return out;
}

std::string csv_quote(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

series_collection parse_long_csv(std::string_view text, std::string_view name) {
  const std::string file(name);
  tokenizer tok(text, name);
  auto header = tok.next();
  if (!header) throw parse_error(file, 1, 0, "empty input: expected a header line 'series,period,value'");

  enum col { c_series, c_period, c_value, c_unit, c_status, c_source, c_note, n_cols };
  static constexpr const char* names[n_cols] = {"series", "period", "value", "unit", "status", "source", "note"};
  int where[n_cols];
  std::fill(std::begin(where), std::end(where), -1);
  for (std::size_t i = 0; i < header->fields.size(); ++i) {
    const std::string h = lower(tokenizer::trim(header->fields[i]));
    int k = -1;
    for (int j = 0; j < n_cols; ++j)
      if (h == names[j]) k = j;
    if (k < 0)
      throw parse_error(file, header->line, i + 1,
                        "unknown column '" + header->fields[i] +
                            "': expected series, period, value and optionally unit, status, source, note");
    if (where[k] >= 0)
      throw parse_error(file, header->line, i + 1, "column '" + std::string(names[k]) + "' appears twice");
    where[k] = static_cast<int>(i);
  }
  for (int k : {c_series, c_period, c_value})
    if (where[k] < 0)
      throw parse_error(file, header->line, 0,
                        "missing column '" + std::string(names[k]) + "': the header must name series, period, value");

  std::vector<series_in> found;
  std::unordered_map<std::string, std::size_t> by_id;
  const std::size_t width = header->fields.size();

  while (auto r = tok.next()) {
    if (r->fields.size() != width)  // the column: the first extra field, or where a missing one would start
      throw parse_error(file, r->line, std::min(r->fields.size(), width) + 1,
                        "expected " + std::to_string(width) + " fields as in the header, found " +
                            std::to_string(r->fields.size()) +
                            (r->fields.size() <= width ? ""
                             : std::all_of(r->fields.begin() + static_cast<std::ptrdiff_t>(width), r->fields.end(),
                                           [](const std::string& f) { return tokenizer::trim(f).empty(); })
                                 ? " (a trailing comma?)"
                                 : " (a field holding a comma must be quoted)"));
    auto field = [&](int k) -> std::string_view {
      return where[k] < 0 ? std::string_view{} : tokenizer::trim(r->fields[static_cast<std::size_t>(where[k])]);
    };
    auto column = [&](int k) { return static_cast<std::size_t>(where[k]) + 1; };

    const std::string id(field(c_series));
    if (id.empty()) throw parse_error(file, r->line, column(c_series), "empty series id");

    observation_in o;
    o.line = r->line;
    try {
      o.p = period::parse(field(c_period));
    } catch (const parse_error& e) {
      throw parse_error(file, r->line, column(c_period), printable(e.detail()));
    }

    const std::string_view v = field(c_value);
    if (is_missing_token(v)) {
      o.value = std::numeric_limits<double>::quiet_NaN();
    } else {
      double x = 0;
      if (const std::string why = parse_decimal(v, x); !why.empty())
        throw parse_error(file, r->line, column(c_value),
                          "bad number '" + printable(v) + "' in column 'value': " + why +
                              (why.starts_with("expected") ? ", or empty/NA for a missing value" : ""));
      o.value = x;
    }

    o.status = std::isnan(o.value) ? obs_status::missing : obs_status::normal;
    if (where[c_status] >= 0 && !field(c_status).empty()) {
      obs_status s;
      try {
        s = parse_obs_status(field(c_status));
      } catch (const parse_error& e) {
        throw parse_error(file, r->line, column(c_status), printable(e.detail()));
      }
      if (s == obs_status::missing && !std::isnan(o.value))
        throw parse_error(file, r->line, column(c_status),
                          "status 'missing' on a row with the value " + std::string(v) +
                              ": leave the value empty or change the status");
      if (s != obs_status::missing && std::isnan(o.value))
        throw parse_error(file, r->line, column(c_value),
                          "no value on a row with status '" + std::string(field(c_status)) +
                              "': give a value or mark the row missing");
      o.status = s;
    }
    o.source = std::string(field(c_source));
    o.note = std::string(field(c_note));

    auto [it, inserted] = by_id.try_emplace(id, found.size());
    if (inserted) found.push_back(series_in{id, std::nullopt, 0, {}});
    series_in& s = found[it->second];

    if (where[c_unit] >= 0) {
      unit u;
      try {
        u = unit::parse(field(c_unit));
      } catch (const parse_error& e) {
        throw parse_error(file, r->line, column(c_unit), printable(e.detail()));
      }
      if (!s.u) {
        s.u = u;
        s.unit_line = r->line;
      } else if (!(*s.u == u)) {
        throw parse_error(file, r->line, column(c_unit),
                          "series '" + id + "' changes unit from '" + s.u->label() + "' (line " +
                              std::to_string(s.unit_line) + ") to '" + u.label() + "': one unit per series");
      }
    }
    if (!s.obs.empty() && s.obs.front().p.freq() != o.p.freq())
      throw parse_error(file, r->line, column(c_period),
                        "series '" + id + "' mixes frequencies: " + o.p.to_string() + " is " +
                            std::string(to_string(o.p.freq())) + " but line " + std::to_string(s.obs.front().line) +
                            " has the " + std::string(to_string(s.obs.front().p.freq())) + " period " +
                            s.obs.front().p.to_string() + "; put each frequency in its own series");
    s.obs.push_back(std::move(o));
  }

  series_collection out;
  for (auto& s : found) {
    std::stable_sort(s.obs.begin(), s.obs.end(),
                     [](const observation_in& a, const observation_in& b) { return a.p < b.p; });
    for (std::size_t i = 1; i < s.obs.size(); ++i)
      if (s.obs[i].p == s.obs[i - 1].p)
        throw parse_error(file, s.obs[i].line, static_cast<std::size_t>(where[c_period]) + 1,
                          "duplicate period " + s.obs[i].p.to_string() + " in series '" + s.id +
                              "' (first given on line " + std::to_string(s.obs[i - 1].line) + ")");
    series_metadata meta;
    meta.id = s.id;
    meta.name = s.id;
    if (s.u) meta.unit = *s.u;
    series ser(std::move(meta), s.obs.front().p);
    period expected = s.obs.front().p;
    for (const auto& o : s.obs) {
      while (expected < o.p) {
        ser.push_back(std::numeric_limits<double>::quiet_NaN(), obs_status::missing, {}, "absent from input");
        expected = expected.next();
      }
      std::string note = o.note;
      if (o.status == obs_status::missing && note.empty())
        note = "missing in input (" + file + " line " + std::to_string(o.line) + ")";
      ser.push_back(o.value, o.status, o.source, note);
      if (&o != &s.obs.back()) expected = expected.next();  // none after the last (it may be 9999)
    }
    std::vector<observation_in>().swap(s.obs);  // freed as each series is built: one copy of the rows at a time
    out.add(std::move(ser));
  }
  return out;
}

std::string read_text_file(const std::filesystem::path& file) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) throw parse_error(file.string(), 0, 0, "is a directory, not a CSV file");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw parse_error(file.string(), 0, 0, "cannot open the file for reading");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw parse_error(file.string(), 0, 0, "read error");
  return std::move(buf).str();  // the buffer itself, not a copy (a second copy of the file)
}

series_collection read_long_csv(const std::filesystem::path& file) {
  return parse_long_csv(read_text_file(file), file.string());
}

void write_long_csv(std::ostream& out, const series_collection& data) {
  out << "series,period,value,unit,status,source,note\n";
  char buf[64];
  for (const series& s : data) {
    const std::string u = csv_quote(s.meta().unit.label());
    for (std::size_t i = 0; i < s.size(); ++i) {
      out << csv_quote(s.id()) << ',' << s.period_at(i).to_string() << ',';
      if (!s.is_missing(i)) {
        auto [p, ec] = std::to_chars(buf, buf + sizeof buf, s[i]);
        (void)ec;
        out << std::string_view(buf, static_cast<std::size_t>(p - buf));
      }
      const std::string* n = s.note(i);
      out << ',' << u << ',' << (s.status(i) == obs_status::normal ? "" : std::string(to_string(s.status(i))))
          << ',' << csv_quote(s.source(i)) << ',' << (n ? csv_quote(*n) : std::string()) << '\n';
    }
  }
}

}  // namespace tradecast::io
