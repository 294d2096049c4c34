// SPDX-License-Identifier: MIT
/// \file growth/index.hpp
/// Indices to a base period (= 100) and re-referencing an index to a reference year.
#pragma once

#include <limits>
#include <string>

#include "tradecast/core/series.hpp"
#include "tradecast/error.hpp"

namespace tradecast::growth {

namespace detail {
inline series scaled(const series& s, double factor, const std::string& suffix) {
  series_metadata m = s.meta();
  m.name = (m.name.empty() ? m.id : m.name) + suffix;
  m.unit = unit::of("index");
  series out(m, s.start());
  for (std::size_t i = 0; i < s.size(); ++i) out.append_from(s, i);
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!s.is_missing(i)) out.set(i, s[i] * factor, s.status(i), s.note(i) ? *s.note(i) : std::string());
  return out;
}
}  // namespace detail

/// Index to a base period: I_t = 100·Y_t / Y_base. Missing values stay missing.
/// \throws invalid_argument when `base` is outside the series, missing, or zero.
[[nodiscard]] inline series index(const series& s, period base) {
  const auto i = s.index_of(base);
  if (!i) throw invalid_argument("index: base period " + base.to_string() + " is outside series '" + s.id() + "' (" + s.span_text() + ")");
  if (s.is_missing(*i)) throw invalid_argument("index: base period " + base.to_string() + " of series '" + s.id() + "' is missing");
  if (s[*i] == 0) throw invalid_argument("index: base value at " + base.to_string() + " is zero");
  return detail::scaled(s, 100.0 / s[*i], ", index " + base.to_string() + " = 100");
}

/// Re-references an index to a reference year: I'_t = 100·I_t / mean(I over the periods of that
/// year) (OECD Data and Metadata Reporting Handbook; "re-referencing" in ABS/ONS terms).
/// \throws invalid_argument when a period of the reference year is outside the series or missing,
///   or when the mean is zero.
[[nodiscard]] inline series rebase(const series& idx, int reference_year) {
  const period first = period::annual(reference_year).first_in(idx.freq());
  const int k = periods_per_year(idx.freq());
  double sum = 0;
  for (int j = 0; j < k; ++j) {
    const period p = first + j;
    const auto i = idx.index_of(p);
    if (!i) throw invalid_argument("rebase: " + p.to_string() + " of reference year " + std::to_string(reference_year) + " is outside series '" + idx.id() + "' (" + idx.span_text() + ")");
    if (idx.is_missing(*i)) throw invalid_argument("rebase: " + p.to_string() + " of reference year " + std::to_string(reference_year) + " is missing");
    sum += idx[*i];
  }
  if (sum == 0) throw invalid_argument("rebase: the mean over " + std::to_string(reference_year) + " is zero");
  return detail::scaled(idx, 100.0 * k / sum, ", index " + std::to_string(reference_year) + " = 100");
}

}  // namespace tradecast::growth
