// SPDX-License-Identifier: MIT
/// \file core/series.hpp
/// A time series of one frequency with explicit missing values, per-observation status and source,
/// and trade metadata (reporter, partner, flow, unit).
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tradecast/core/frequency.hpp"
#include "tradecast/core/period.hpp"
#include "tradecast/core/unit.hpp"
#include "tradecast/error.hpp"

namespace tradecast {

/// Status of one observation (after SDMX CL_OBS_STATUS, plus `partial` for an incomplete period).
enum class obs_status : std::uint8_t {
  normal,       ///< A: a regular observation
  estimated,    ///< E: an estimate of the compiler (e.g. IMF DOTS flag "e")
  provisional,  ///< P: preliminary figure, subject to revision
  partial,      ///< covers only part of its period (e.g. a year with one quarter observed)
  forecast,     ///< F: a projection, not an observation
  missing,      ///< M: no value; the series carries the reason as a note
};

/// Lower-case name: "normal", "estimated", "provisional", "partial", "forecast", "missing".
[[nodiscard]] constexpr std::string_view to_string(obs_status s) noexcept {
  switch (s) {
    case obs_status::normal: return "normal";
    case obs_status::estimated: return "estimated";
    case obs_status::provisional: return "provisional";
    case obs_status::partial: return "partial";
    case obs_status::forecast: return "forecast";
    case obs_status::missing: return "missing";
  }
  return "normal";
}

/// Parses a status name (as printed by to_string) or an SDMX OBS_STATUS letter (A, E, P, F, M),
/// case-insensitive; the empty text is `normal`. \throws parse_error quoting the text.
[[nodiscard]] inline obs_status parse_obs_status(std::string_view text) {
  std::string t;
  for (char c : text) t += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (t.empty() || t == "normal" || t == "a") return obs_status::normal;
  if (t == "estimated" || t == "e") return obs_status::estimated;
  if (t == "provisional" || t == "p") return obs_status::provisional;
  if (t == "partial") return obs_status::partial;
  if (t == "forecast" || t == "f") return obs_status::forecast;
  if (t == "missing" || t == "m") return obs_status::missing;
  throw parse_error("", 0, 0,
                    "unknown status '" + std::string(text) +
                        "': expected normal, estimated, provisional, partial, forecast, missing "
                        "or an SDMX letter A, E, P, F, M");
}

/// Direction of a trade flow.
enum class trade_flow { exports, imports, total_trade, balance, other };

[[nodiscard]] constexpr std::string_view to_string(trade_flow f) noexcept {
  switch (f) {
    case trade_flow::exports: return "exports";
    case trade_flow::imports: return "imports";
    case trade_flow::total_trade: return "total trade";
    case trade_flow::balance: return "balance";
    case trade_flow::other: return "other";
  }
  return "other";
}

/// Descriptive metadata of a series.
struct series_metadata {
  std::string id{};        ///< unique key within a collection, e.g. "vnm_jpn_total"
  std::string name{};      ///< human-readable title
  std::string reporter{};  ///< reporting country (ISO3 or name)
  std::string partner{};   ///< partner country
  trade_flow flow = trade_flow::other;
  tradecast::unit unit{};
  std::string source{};  ///< default source of every observation
  std::string notes{};
};

/// Values at consecutive periods of one frequency. Missing observations are explicit: their value is
/// NaN, their status is `obs_status::missing`, and a note says why. Nothing is ever dropped or
/// interpolated silently. Each observation also has a status and, when it differs from the series'
/// source, its own source.
class series {
 public:
  series() = default;

  /// A series starting at `start`; NaN values become missing observations ("missing in input").
  series(series_metadata meta, period start, std::vector<double> values = {})
      : meta_(std::move(meta)), start_(start) {
    values_.reserve(values.size());
    for (double v : values) push_back(v);
  }

  [[nodiscard]] const series_metadata& meta() const noexcept { return meta_; }
  [[nodiscard]] series_metadata& meta() noexcept { return meta_; }
  [[nodiscard]] const std::string& id() const noexcept { return meta_.id; }

  [[nodiscard]] frequency freq() const noexcept { return start_.freq(); }
  [[nodiscard]] std::size_t size() const noexcept { return values_.size(); }
  [[nodiscard]] bool empty() const noexcept { return values_.empty(); }
  /// First period. Defined even for an empty series (where the next push_back goes).
  [[nodiscard]] period start() const noexcept { return start_; }
  /// Last period. \throws invalid_argument for an empty series.
  [[nodiscard]] period end() const {
    if (empty()) throw invalid_argument("series '" + id() + "' is empty: it has no last period");
    return start_ + static_cast<std::int64_t>(size() - 1);
  }
  /// Period of observation `i`.
  [[nodiscard]] period period_at(std::size_t i) const { return start_ + static_cast<std::int64_t>(i); }
  /// Index of period `p`, or nullopt when outside the series or of another frequency.
  [[nodiscard]] std::optional<std::size_t> index_of(period p) const noexcept {
    if (p.freq() != freq()) return std::nullopt;
    const std::int64_t d = p.ordinal() - start_.ordinal();
    if (d < 0 || d >= static_cast<std::int64_t>(size())) return std::nullopt;
    return static_cast<std::size_t>(d);
  }
  /// Index of `p`. \throws not_found naming the series and its span when `p` is outside it.
  [[nodiscard]] std::size_t require_index(period p) const {
    if (auto i = index_of(p)) return *i;
    throw not_found("period " + p.to_string() + " is not in series '" + id() + "' (" + span_text() + ")");
  }

  /// Value of observation `i` (NaN when missing).
  [[nodiscard]] double operator[](std::size_t i) const { return values_.at(i); }
  [[nodiscard]] double value(std::size_t i) const { return values_.at(i); }
  /// Value at period `p`. \throws not_found when `p` is outside the series.
  [[nodiscard]] double value_at(period p) const { return values_[require_index(p)]; }
  [[nodiscard]] bool is_missing(std::size_t i) const { return status_.at(i) == obs_status::missing; }
  [[nodiscard]] obs_status status(std::size_t i) const { return status_.at(i); }
  /// Whether observation i is a full observation: a value that is neither a partial period nor a
  /// projection (status forecast), so a growth end point, a run-rate period or a bridge end.
  [[nodiscard]] bool is_full(std::size_t i) const {
    const obs_status st = status_.at(i);
    return st != obs_status::missing && st != obs_status::partial && st != obs_status::forecast;
  }
  /// Contiguous values, NaN where missing (for numerical code).
  [[nodiscard]] std::span<const double> values() const noexcept { return values_; }
  /// Number of non-missing observations.
  [[nodiscard]] std::size_t count_present() const noexcept {
    std::size_t n = 0;
    for (auto s : status_) n += s != obs_status::missing;
    return n;
  }

  /// Source of observation `i`: its own if set, otherwise the series' source.
  [[nodiscard]] const std::string& source(std::size_t i) const {
    const auto k = source_idx_.at(i);
    return k == 0 ? meta_.source : sources_[k - 1];
  }
  /// Note of observation `i` (e.g. why it is missing), or nullptr.
  [[nodiscard]] const std::string* note(std::size_t i) const {
    auto it = notes_.find(i);
    return it == notes_.end() ? nullptr : &it->second;
  }

  /// Appends an observation at end()+1. A NaN value is stored as missing (status `missing`, note
  /// "missing in input" unless `note` is given); a finite value cannot have status `missing`.
  /// \throws invalid_argument for an infinite value or a finite value marked missing.
  void push_back(double v, obs_status s = obs_status::normal, std::string_view source = {},
                 std::string_view note = {}) {
    const std::size_t i = values_.size();
    values_.push_back(0.0);
    status_.push_back(obs_status::normal);
    source_idx_.push_back(0);
    try {
      set(i, v, s, note);
      set_source(i, source);
    } catch (...) {
      values_.pop_back();
      status_.pop_back();
      source_idx_.pop_back();
      notes_.erase(i);
      throw;
    }
  }

  /// Replaces observation `i` (same rules as push_back).
  void set(std::size_t i, double v, obs_status s = obs_status::normal, std::string_view note = {}) {
    check_index_(i);
    if (std::isinf(v))
      throw invalid_argument("series '" + id() + "', " + period_at(i).to_string() +
                             ": value is infinite; use NaN for a missing value");
    if (std::isnan(v) || s == obs_status::missing) {
      if (!std::isnan(v))
        throw invalid_argument("series '" + id() + "', " + period_at(i).to_string() +
                               ": a present value cannot have status 'missing'");
      values_[i] = std::numeric_limits<double>::quiet_NaN();
      status_[i] = obs_status::missing;
      notes_[i] = note.empty() ? std::string("missing in input") : std::string(note);
      return;
    }
    values_[i] = v;
    status_[i] = s;
    if (note.empty())
      notes_.erase(i);
    else
      notes_[i] = std::string(note);
  }
  /// Marks observation `i` missing with the reason `why`.
  void set_missing(std::size_t i, std::string_view why) {
    set(i, std::numeric_limits<double>::quiet_NaN(), obs_status::missing, why);
  }
  /// Changes the status of a present observation. \throws invalid_argument for `missing` (use
  /// set_missing) or when observation `i` is missing.
  void set_status(std::size_t i, obs_status s) {
    check_index_(i);
    if (s == obs_status::missing || status_[i] == obs_status::missing)
      throw invalid_argument("series '" + id() + "', " + period_at(i).to_string() +
                             ": use set() or set_missing() to change whether a value is missing");
    status_[i] = s;
  }
  /// Sets the source of observation `i` (the empty text means: the series' source).
  void set_source(std::size_t i, std::string_view src) {
    check_index_(i);
    if (src.empty() || src == meta_.source) {
      source_idx_[i] = 0;
      return;
    }
    for (std::size_t k = 0; k < sources_.size(); ++k)
      if (sources_[k] == src) {
        source_idx_[i] = static_cast<std::uint32_t>(k + 1);
        return;
      }
    sources_.emplace_back(src);
    source_idx_[i] = static_cast<std::uint32_t>(sources_.size());
  }
  /// Attaches a note to observation `i` (replacing any note; empty removes it). The note of a
  /// missing observation is its reason and cannot be removed.
  void set_note(std::size_t i, std::string_view text) {
    check_index_(i);
    if (text.empty()) {
      if (status_[i] != obs_status::missing) notes_.erase(i);
      return;
    }
    notes_[i] = std::string(text);
  }

  /// Observations from `from` to `to` inclusive, with their status, sources and notes.
  /// \throws not_found when either end is outside the series; invalid_argument when to < from.
  [[nodiscard]] series slice(period from, period to) const {
    const std::size_t a = require_index(from), b = require_index(to);
    if (b < a)
      throw invalid_argument("slice of '" + id() + "': end " + to.to_string() + " is before start " +
                             from.to_string());
    series out(meta_, from);
    for (std::size_t i = a; i <= b; ++i) out.copy_observation_(*this, i);
    return out;
  }

  /// "2022 to 2024 (3 annual observations)".
  [[nodiscard]] std::string span_text() const {
    if (empty()) return "empty, " + std::string(to_string(freq()));
    // "1990 to 2024 (35 annual periods, 34 with a value)"; "(4 quarterly observations)" when none is missing
    const std::size_t present = count_present();
    const std::string f(to_string(freq()));
    if (present == size())
      return start_.to_string() + " to " + end().to_string() + " (" + std::to_string(size()) + " " + f + " observation" +
             (size() == 1 ? "" : "s") + ")";
    return start_.to_string() + " to " + end().to_string() + " (" + std::to_string(size()) + " " + f + " period" +
           (size() == 1 ? "" : "s") + ", " + std::to_string(present) + " with a value)";
  }

  /// Appends observation `i` of `other` (value, status, source and note) at the end of this series.
  void append_from(const series& other, std::size_t i) { copy_observation_(other, i); }

 private:
  void check_index_(std::size_t i) const {
    if (i >= values_.size())
      throw invalid_argument("observation index " + std::to_string(i) + " is outside series '" + id() +
                             "' of " + std::to_string(values_.size()) + " observations");
  }
  void copy_observation_(const series& other, std::size_t i) {
    const std::string* n = other.note(i);
    push_back(other.values_[i], other.status_[i], other.source(i), n ? std::string_view(*n) : std::string_view{});
  }

  series_metadata meta_;
  period start_;
  std::vector<double> values_;
  std::vector<obs_status> status_;
  std::vector<std::uint32_t> source_idx_;  // 0 = meta_.source, k = sources_[k-1]
  std::vector<std::string> sources_;
  std::map<std::size_t, std::string> notes_;
};

}  // namespace tradecast
