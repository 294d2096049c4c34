// SPDX-License-Identifier: MIT
/// \file core/unit.hpp
/// Units of measure of a trade series: measure (currency code, "percent", "index", ...), decimal scale
/// (units, thousands, millions, billions) and price basis (current or constant prices).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tradecast/error.hpp"

namespace tradecast {

/// Whether values are in current prices or in constant prices of a base year.
enum class price_basis { current, constant };

/// A unit such as "USD billions" or "USD millions constant 2015 prices".
struct unit {
  /// What is measured: an ISO 4217 currency code ("USD"), or a word such as "percent", "index",
  /// "tonnes". Empty when unknown.
  std::string measure{};
  /// Power of ten of the scale (SDMX UNIT_MULT): 0 units, 3 thousands, 6 millions, 9 billions.
  int scale = 0;
  price_basis prices = price_basis::current;
  /// Base year of constant prices, when known.
  std::optional<int> base_year{};

  /// A unit with only a measure ("percent", "index"), scale 0, current prices.
  [[nodiscard]] static unit of(std::string measure_name) {
    unit u;
    u.measure = std::move(measure_name);
    return u;
  }

  /// "USD billions", "USD millions, constant 2015 prices", "percent". Round-trips through parse().
  [[nodiscard]] std::string label() const {
    std::string out = measure;
    static constexpr const char* scales[] = {"", "thousands", "millions", "billions", "trillions"};
    if (scale != 0) {
      const bool named = scale > 0 && scale % 3 == 0 && scale <= 12;
      if (!out.empty()) out += ' ';
      out += named ? std::string(scales[scale / 3]) : "x1e" + std::to_string(scale);
    }
    if (prices == price_basis::constant) {
      out += out.empty() ? "constant " : ", constant ";
      if (base_year) out += std::to_string(*base_year) + " ";
      out += "prices";
    }
    return out;
  }

  /// Parses a unit label: scale words (thousand(s), k, th, million(s), mn, mio, billion(s), bn,
  /// bln, trillion(s), tn, each also with a trailing dot, and x1eN) and a price basis ("current" or
  /// "constant", then an optional base year and "prices") wherever they stand; every other word,
  /// in order, is the measure: "USD billions", "million USD", "thousand tonnes", "thousand units",
  /// "Mio. EUR", "% of GDP", "index 2015=100", "USD millions, constant 2015 prices". "current" and
  /// "constant" are a price basis only when followed by a year, "price(s)" or nothing ("current
  /// account USD" is a measure). Commas and tabs separate words. The empty text is the unknown unit.
  /// A year right after "constant" is its base year; any other year is part of the measure
  /// ("index 2015", "current prices, index 2015").
  /// \throws parse_error when two scale words ("thousand million") or two price bases are given.
  [[nodiscard]] static unit parse(std::string_view text) {
    unit u;
    std::vector<std::string> words;
    std::string w;
    for (char c : text) {
      if (c == ' ' || c == ',' || c == '\t') {
        if (!w.empty()) words.push_back(std::move(w));
        w.clear();
      } else {
        w += c;
      }
    }
    if (!w.empty()) words.push_back(std::move(w));
    const auto lower = [](const std::string& word) {
      std::string lw;
      for (char c : word) lw += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      return lw;
    };
    const auto is_year = [](const std::string& lw) {
      return lw.size() == 4 && lw.find_first_not_of("0123456789") == std::string::npos;
    };
    // Scale words first, wherever they stand; then the price basis and the measure among the
    // other words, in order (so "constant thousand prices" is constant prices in thousands).
    std::string scale_word;
    std::vector<std::string> rest;
    for (const std::string& word : words) {
      const int sc = scale_of_(lower(word));
      if (sc < 0) {
        rest.push_back(word);
        continue;
      }
      if (!scale_word.empty())
        throw parse_error("", 0, 0,
                          "unit '" + std::string(text) + "': two scales, '" + scale_word + "' and '" + word +
                              "'; give one (e.g. 'USD billions')");
      u.scale = sc;
      scale_word = word;
    }
    std::string basis_word;
    for (std::size_t i = 0; i < rest.size(); ++i) {
      const std::string lw = lower(rest[i]);
      const std::string next = i + 1 < rest.size() ? lower(rest[i + 1]) : std::string();
      const bool price_next = next == "prices" || next == "price";
      // "current" before "prices" or at the end; "constant" also before a base year.
      if ((lw == "current" && (next.empty() || price_next)) ||
          (lw == "constant" && (next.empty() || price_next || is_year(next)))) {
        if (!basis_word.empty())
          throw parse_error("", 0, 0,
                            "unit '" + std::string(text) + "': two price bases, '" + basis_word + "' and '" + rest[i] + "'");
        basis_word = rest[i];
        u.prices = lw == "constant" ? price_basis::constant : price_basis::current;
        if (lw == "constant" && is_year(next)) u.base_year = std::stoi(next), ++i;
        if (i + 1 < rest.size() && (lower(rest[i + 1]) == "prices" || lower(rest[i + 1]) == "price")) ++i;
        continue;
      }
      u.measure += (u.measure.empty() ? "" : " ") + rest[i];
    }
    return u;
  }

  friend bool operator==(const unit&, const unit&) = default;

 private:
  static int scale_of_(std::string lw) {
    if (lw.size() > 1 && lw.back() == '.') lw.pop_back();  // abbreviations: "Mio.", "bn.", "th."
    if (lw == "thousand" || lw == "thousands" || lw == "k" || lw == "th") return 3;
    if (lw == "million" || lw == "millions" || lw == "mn" || lw == "mio") return 6;
    if (lw == "billion" || lw == "billions" || lw == "bn" || lw == "bln") return 9;
    if (lw == "trillion" || lw == "trillions" || lw == "tn") return 12;
    if (lw.size() > 3 && lw.rfind("x1e", 0) == 0 &&
        lw.find_first_not_of("0123456789-", 3) == std::string::npos) {
      try {
        return std::stoi(lw.substr(3));
      } catch (const std::exception&) {
        return -1;
      }
    }
    return -1;
  }
};

}  // namespace tradecast
