// SPDX-License-Identifier: MIT
/// \file core/frequency.hpp
/// Observation frequencies of trade series: annual, quarterly, monthly.
#pragma once

#include <string>
#include <string_view>

#include "tradecast/error.hpp"

namespace tradecast {

/// How often a series is observed. Every frequency divides a calendar year evenly.
enum class frequency { annual, quarterly, monthly };

/// Number of periods in a year: 1, 4 or 12. This is also the seasonal period m of forecasting models.
[[nodiscard]] constexpr int periods_per_year(frequency f) noexcept {
  switch (f) {
    case frequency::annual: return 1;
    case frequency::quarterly: return 4;
    case frequency::monthly: return 12;
  }
  return 1;
}

/// "annual", "quarterly" or "monthly".
[[nodiscard]] constexpr std::string_view to_string(frequency f) noexcept {
  switch (f) {
    case frequency::annual: return "annual";
    case frequency::quarterly: return "quarterly";
    case frequency::monthly: return "monthly";
  }
  return "annual";
}

/// True when `coarse` is observed less often than `fine` (annual is coarser than quarterly).
[[nodiscard]] constexpr bool is_coarser(frequency coarse, frequency fine) noexcept {
  return periods_per_year(coarse) < periods_per_year(fine);
}

/// Parses a frequency name: annual/yearly/A/Y, quarterly/Q, monthly/M (case-insensitive).
/// \throws invalid_argument quoting the text when it is none of these.
[[nodiscard]] inline frequency parse_frequency(std::string_view text) {
  std::string t;
  for (char c : text) t += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (t == "annual" || t == "yearly" || t == "a" || t == "y") return frequency::annual;
  if (t == "quarterly" || t == "q") return frequency::quarterly;
  if (t == "monthly" || t == "m") return frequency::monthly;
  throw invalid_argument("unknown frequency '" + std::string(text) +
                         "': expected annual, quarterly or monthly");
}

}  // namespace tradecast
