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
  std::string measure;
  /// Power of ten of the scale (SDMX UNIT_MULT): 0 units, 3 thousands, 6 millions, 9 billions.
  int scale = 0;
  price_basis prices = price_basis::current;
  /// Base year of constant prices, when known.
  std::optional<int> base_year;

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
      out += ", constant ";
      if (base_year) out += std::to_string(*base_year) + " ";
      out += "prices";
    }
    return out;
  }

  /// Parses a unit label: a measure followed by optional scale words (units, thousand(s), k,
  /// million(s), mn, m, billion(s), bn, trillion(s), tn, x1eN) and price words (current, constant,
  /// a base year, prices). Commas are ignored. The empty text is the unknown unit.
  /// \throws parse_error quoting the word that is not understood.
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
    bool constant_seen = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
      std::string lw;
      for (char c : words[i]) lw += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      if (i == 0 && scale_of_(lw) < 0 && lw != "current" && lw != "constant") {
        u.measure = words[i];
        continue;
      }
      if (const int s = scale_of_(lw); s >= 0) {
        u.scale = s;
      } else if (lw == "current") {
        u.prices = price_basis::current;
      } else if (lw == "constant") {
        u.prices = price_basis::constant;
        constant_seen = true;
      } else if (lw == "prices" || lw == "price") {
      } else if (constant_seen && lw.size() == 4 && lw.find_first_not_of("0123456789") == std::string::npos) {
        u.base_year = std::stoi(lw);
      } else {
        throw parse_error("", 0, 0,
                          "unit '" + std::string(text) + "': word '" + words[i] +
                              "' is not a scale (thousands, millions, billions, ...) or price basis "
                              "(current, constant [year] prices)");
      }
    }
    return u;
  }

  friend bool operator==(const unit&, const unit&) = default;

 private:
  static int scale_of_(const std::string& lw) {
    if (lw == "units" || lw == "unit" || lw == "ones") return 0;
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
