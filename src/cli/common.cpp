// SPDX-License-Identifier: MIT
#include "common.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "tradecast/batch/batch.hpp"
#include "tradecast/data/vietnam_japan.hpp"
#include "tradecast/forecast/engine.hpp"
#include "tradecast/io/csv.hpp"

namespace tradecast::cli {

namespace {
// An option given with an empty value ("--input $F" with F unset) is an error, not the default.
CLI::Validator not_empty(const std::string& what) {
  return CLI::Validator(
      [what](std::string& text) -> std::string {
        return text.empty() ? "is empty: expected " + what + " (leave the option out for the default)" : std::string();
      },
      "");
}
}  // namespace

void add_input_options(CLI::App& cmd, input_options& o, bool with_series) {
  cmd.add_option("--input", o.input,
                 "Long CSV file (header series,period,value[,unit,status,source,note]); default: the "
                 "embedded Vietnam-Japan data")
      ->check(not_empty("a file name"));
  if (with_series)
    cmd.add_option("--series", o.series, "Series id; default: vnm_jpn_total, or the first series of --input")
        ->check(not_empty("a series id"));
  cmd.add_option("--format", o.format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->default_val("table");
}

void apply_lambda_option(const std::string& text, forecast::forecast_options& fo) {
  if (text == "auto") {
    fo.lambda_auto = true;
  } else if (!text.empty()) {
    try {
      std::size_t used = 0;
      fo.lambda = std::stod(text, &used);
      if (used != text.size()) throw std::invalid_argument(text);
    } catch (const std::exception&) {
      throw invalid_argument("--lambda: '" + text + "' is not a number; expected a Box-Cox parameter such as 0 or 0.5, or auto");
    }
  }
}

nlohmann::ordered_json json_number(double x) {
  return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr);
}

CLI::Validator whole_at_least(unsigned long long least) {
  return CLI::Validator(
      [least](std::string& text) -> std::string {
        unsigned long long v = 0;  // no sign, up to the largest unsigned value (--step); "-1" fails
        const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        const bool ok = ec == std::errc() && p == text.data() + text.size() && v >= least;
        return ok ? std::string() : "must be a whole number of at least " + std::to_string(least) + ", not '" + text + "'";
      },
      "INT>=" + std::to_string(least));
}

void write_file(const std::string& option, const std::string& file, const std::string& text) {
  output_sink sink(option, file);
  sink.stream() << text;
  sink.close();
}

void check_output_files(const std::vector<named_file>& outputs, const std::vector<named_file>& inputs) {
  // Where a path leads: symbolic links followed (also a link to a file not made yet, and
  // directories reached through links), so that two spellings of one file compare equal.
  const auto resolved = [](const std::string& p) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path path = fs::absolute(p, ec);
    for (int hops = 0; hops < 40 && fs::is_symlink(fs::symlink_status(path, ec)); ++hops) {
      const fs::path target = fs::read_symlink(path, ec);
      if (ec) break;
      path = target.is_absolute() ? target : path.parent_path() / target;
    }
    const fs::path canon = fs::weakly_canonical(path, ec);
    return ec ? path.lexically_normal() : canon;
  };
  const auto same = [&](const std::string& a, const std::string& b) {
    if (a.empty() || b.empty()) return false;
    std::error_code ec;
    const bool eq = std::filesystem::equivalent(a, b, ec);
    return (!ec && eq) || resolved(a) == resolved(b);
  };
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    for (const auto& [option, path] : inputs)
      if (same(outputs[i].second, path))
        throw invalid_argument(outputs[i].first + ": '" + outputs[i].second + "' is the file of " + option +
                               "; writing it would destroy the data: choose another file");
    for (std::size_t j = 0; j < i; ++j)
      if (same(outputs[i].second, outputs[j].second))
        throw invalid_argument(outputs[j].first + " and " + outputs[i].first + " name the same file '" +
                               outputs[i].second + "': one would overwrite the other");
  }
}

void write_output(const std::string& file, const std::string& text) { write_file("--output", file, text); }

std::string json_text(const nlohmann::ordered_json& j) {
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

output_sink::output_sink(std::string option, const std::string& file) : option_(std::move(option)), file_(file) {
  if (file_.empty()) return;
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status link = fs::symlink_status(file_, ec);
  if (fs::exists(link)) {  // an existing file must be writable (not only replaceable)
    std::ofstream probe(file_, std::ios::binary | std::ios::app);
    if (!probe || fs::is_directory(file_, ec)) throw invalid_argument(option_ + ": cannot open '" + file_ + "' for writing");
  }
  // A new or regular file is written under a temporary name and renamed; anything else (a device
  // such as /dev/null, a pipe, a symbolic link, which a rename would replace) is written in place.
  const bool replace = !fs::exists(link) || fs::is_regular_file(link);
  if (replace) temp_ = file_ + ".tradecast-partial";
  out_.open(replace ? temp_ : file_, std::ios::binary | std::ios::trunc);
  if (!out_) throw invalid_argument(option_ + ": cannot open '" + file_ + "' for writing");
}

output_sink::~output_sink() {
  if (!temp_.empty() && !closed_) {
    out_.close();
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
  }
}

void output_sink::close() {
  closed_ = true;
  if (file_.empty()) {
    std::cout << std::flush;
    if (!std::cout) throw error("error writing to standard output");
    return;
  }
  out_.close();
  std::error_code ec;
  if (out_ && !temp_.empty()) std::filesystem::rename(temp_, file_, ec);
  if (!out_ || ec) {
    if (!temp_.empty()) std::filesystem::remove(temp_, ec);
    throw invalid_argument(option_ + ": error writing '" + file_ + "' (disk full?)");
  }
}

loaded_input load_input(const input_options& o) {
  if (o.input.empty()) return {data::vietnam_japan(), "embedded Vietnam-Japan data", true};
  return {io::read_long_csv(o.input), o.input, false};
}

const series& select_series(const loaded_input& in, const input_options& o) {
  if (!o.series.empty()) return in.data.at(o.series);
  if (in.embedded) return in.data.at(data::default_series_id);
  if (in.data.empty()) throw not_found(in.origin + " holds no series");
  return in.data[0];
}

std::string table::render() const {
  std::vector<std::size_t> width(header.size(), 0);
  auto cells = [](const std::string& s) {
    // Display width: count UTF-8 code points, not bytes.
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  };
  for (std::size_t c = 0; c < header.size(); ++c) width[c] = cells(header[c]);
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size() && c < width.size(); ++c) width[c] = std::max(width[c], cells(r[c]));
  auto line = [&](const std::vector<std::string>& r) {
    std::string out;
    for (std::size_t c = 0; c < width.size(); ++c) {
      const std::string& s = c < r.size() ? r[c] : std::string();
      const std::string pad(width[c] - cells(s), ' ');
      const bool last = c + 1 == width.size();
      if (c > 0) out += "  ";
      if (c < right.size() && right[c])
        out += pad + s;
      else
        out += last ? s : s + pad;
    }
    return out + "\n";
  };
  std::string out = line(header);
  std::size_t total = 0;
  for (auto w : width) total += w;
  out += std::string(total + 2 * (width.size() - 1), '-') + "\n";
  for (const auto& r : rows) out += line(r);
  return out;
}

void check_horizons(const io::wide_set& set, const std::string& info) {
  for (const io::wide_series& ws : set.series)
    if (ws.info_line > 0 && ws.horizon > forecast::max_horizon)
      throw parse_error(info, ws.info_line, 0,
                        "series '" + ws.id + "': NF = " + std::to_string(ws.horizon) + " is longer than the " +
                            std::to_string(forecast::max_horizon) + " steps tradecast forecasts");
}

namespace {
// From this magnitude numbers print in 7 significant digits (fixed digits would be binary noise,
// or a hundred of them).
constexpr double significant_from = 1e15;
}  // namespace

std::string fixed(double v, int digits) {
  if (std::isnan(v)) return {};
  if (std::isfinite(v) && std::abs(v) >= significant_from) return fmt::format("{:.7g}", v);
  std::string out = fmt::format("{:.{}f}", v, digits);
  // A negative value that rounds to zero ("-0.000", e.g. R's −0 lower bounds) prints as zero.
  if (out.front() == '-' && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);
  return out;
}

number_style style_for(std::span<const double> values, int least) {
  number_style st;
  for (double v : values)
    if (std::isfinite(v)) st.scale = std::max(st.scale, std::abs(v));
  st.digits = least;
  if (st.scale >= 1e12) st.digits = 0;
  else if (st.scale > 0) st.digits = std::clamp(2 - static_cast<int>(std::floor(std::log10(st.scale))), least, 15);
  return st;
}

std::string table_number(double v, const number_style& st) {
  if (std::isnan(v)) return {};
  const double a = std::abs(v);
  if (std::isfinite(v) && a > 0 && a < 0.5 * std::pow(10.0, -st.digits) && !(a < 1e-12 * st.scale))
    return fmt::format("{:.4g}", v);
  return fixed(v, st.digits);
}

std::string signed_percent(double v, int digits) {
  if (std::isnan(v)) return {};
  if (std::isfinite(v) && std::abs(v) >= significant_from) return fmt::format("{:+.7g}%", v);
  return fmt::format("{:+.{}f}%", v, digits);
}

std::string exact(double v) {
  if (std::isnan(v)) return {};
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  return std::string(buf, p);
}

nlohmann::ordered_json metadata_json(const series& s) {
  const auto& m = s.meta();
  nlohmann::ordered_json j;
  j["id"] = m.id;
  j["name"] = m.name;
  j["frequency"] = std::string(to_string(s.freq()));
  j["start"] = s.empty() ? nullptr : nlohmann::ordered_json(s.start().to_string());
  j["end"] = s.empty() ? nullptr : nlohmann::ordered_json(s.end().to_string());
  j["observations"] = s.size();
  j["missing"] = s.size() - s.count_present();
  j["reporter"] = m.reporter;
  j["partner"] = m.partner;
  j["flow"] = std::string(to_string(m.flow));
  j["unit"] = m.unit.label();
  j["source"] = m.source;
  j["notes"] = m.notes;
  return j;
}

// --level LIST: decimal numbers, each once.
std::vector<double> parse_levels(const std::string& text) {
  std::vector<double> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    double v = 0;  // decimal only (std::stod would also take hexadecimal, "0x10" = 16)
    const auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
    if (item.empty() || ec != std::errc() || ptr != item.data() + item.size())
      throw invalid_argument("--level: '" + item + "' is not a number; expected a list such as 80,95");
    out.push_back(v);
  }
  if (!text.empty() && text.back() == ',')  // getline() gives no empty last item
    throw invalid_argument("--level: '" + text + "' ends with a comma; expected a list such as 80,95");
  if (out.empty()) throw invalid_argument("--level: expected a list such as 80,95");
  for (std::size_t i = 0; i < out.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (out[j] == out[i])
        throw invalid_argument(fmt::format("--level: {} is given twice (each level names its own columns)", out[i]));
  return out;
}

// The level as written in column names (lo95, hi99.5): the shortest text that reads back as it.
std::string level_name(double l) { return fmt::format("{}", l); }

namespace {
std::string id_list(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}
}  // namespace

void report_batch_statuses(const batch::batch_result& r, const std::string& label) {
  const std::size_t n = r.series.size();
  for (const auto status : {batch::series_status::fell_back, batch::series_status::failed}) {
    std::vector<std::string> ids;
    std::vector<std::pair<std::string, std::vector<std::string>>> reasons;  // message -> ids, first-seen order
    for (const auto& sr : r.series) {
      if (sr.status != status) continue;
      ids.push_back(sr.id);
      auto it = std::find_if(reasons.begin(), reasons.end(), [&](const auto& g) { return g.first == sr.message; });
      if (it == reasons.end()) reasons.push_back({sr.message, {sr.id}});
      else it->second.push_back(sr.id);
    }
    if (ids.empty()) continue;
    std::cerr << fmt::format("tradecast: warning: {}{} of {} series {}{}: {}\n", label, ids.size(), n, batch::to_string(status),
                             status == batch::series_status::failed ? " (no forecasts: empty in csv, null in json)" : "",
                             id_list(ids));
    if (reasons.size() == 1)
      std::cerr << "tradecast:   reason: " << reasons.front().first << "\n";
    else
      for (const auto& [message, group] : reasons) std::cerr << "tradecast:   " << id_list(group) << ": " << message << "\n";
  }
  std::vector<std::string> unbounded;  // Box-Cox bounds without a finite value (the status says which)
  for (const auto& sr : r.series) {
    if (sr.status != batch::series_status::ok) continue;
    bool any = false;
    for (const auto& b : sr.values.intervals)
      for (const auto* side : {&b.lower, &b.upper})
        for (double x : *side) any = any || std::isinf(x);
    if (any) unbounded.push_back(sr.id);
  }
  if (!unbounded.empty())
    std::cerr << fmt::format("tradecast: note: {}{} of {} series have unbounded interval bounds (inf; null in json): the "
                             "inverse Box-Cox transformation has no finite value there (model_message in --format json "
                             "says which): {}\n",
                             label, unbounded.size(), n, id_list(unbounded));
  std::vector<std::string> simpler;
  for (const auto& sr : r.series)
    if (sr.status == batch::series_status::ok && sr.model.status == forecast::fit_status::fell_back) simpler.push_back(sr.id);
  if (!simpler.empty())
    std::cerr << fmt::format("tradecast: note: {}{} of {} series: the model fell back to a simpler one{}: {}\n", label,
                             simpler.size(), n, label.empty() ? " (reasons: model_message in --format json)" : "",
                             id_list(simpler));
}


}  // namespace tradecast::cli
