// SPDX-License-Identifier: MIT
/// \file core/bridge.hpp
/// Bridging interior gaps, on request only: the library never interpolates by itself (a missing
/// period breaks the run of data a model uses). bridge_gaps() fills each run of missing values
/// that lies between two full observations, marks the filled values `estimated` with a note
/// saying how, and reports what it did, so that the choice stays visible in every output.
#pragma once

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "tradecast/core/series.hpp"
#include "tradecast/error.hpp"

namespace tradecast {

/// What bridge_gaps() filled: one entry per bridged run of missing periods.
struct bridged_gap {
  period first{}, last{};    ///< the missing periods filled
  period before{}, after{};  ///< the observations they were interpolated between
  bool geometric = true;     ///< geometric (constant growth) or, with a value <= 0 at an end, linear
};

/// The result of bridge_gaps(): the series with its interior gaps filled, and what was filled.
struct bridged_series {
  series data{};
  std::vector<bridged_gap> gaps{};
  /// "2021 (geometric interpolation between 2020 and 2022)", one clause per gap, or "".
  [[nodiscard]] std::string summary() const {
    std::string out;
    for (const bridged_gap& g : gaps) {
      out += (out.empty() ? "" : ", ") + g.first.to_string() + (g.first == g.last ? "" : " to " + g.last.to_string()) + " (" +
             (g.geometric ? "geometric" : "linear") + " interpolation between " + g.before.to_string() + " and " +
             g.after.to_string() + ")";
    }
    return out;
  }
  /// The note for a data description: "bridged on request (status estimated, not observations):
  /// " and summary(), or that there was nothing to bridge.
  [[nodiscard]] std::string note() const {
    return gaps.empty() ? std::string("nothing to bridge: no missing value lies between two full observations")
                        : "bridged on request (status estimated, not observations): " + summary();
  }
};

/// Fills every run of missing values that has a full observation (present, not `partial`, not
/// `forecast`) on both sides. Between a and b, k steps apart, the j-th value is a·(b/a)^(j/k)
/// (constant growth, the usual assumption for trade values) when a and b are both positive, and
/// a + (b − a)·j/k otherwise. Filled values get status `estimated` and a note naming the method and
/// the two ends. Leading and trailing missing values, and gaps next to a partial period or a
/// projection, are left as they are.
[[nodiscard]] inline bridged_series bridge_gaps(const series& s) {
  bridged_series out{s, {}};
  std::size_t i = 0;
  while (i < s.size()) {
    if (!s.is_missing(i)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && s.is_missing(j)) ++j;  // [i, j) is a run of missing values
    if (i > 0 && j < s.size() && s.is_full(i - 1) && s.is_full(j)) {
      const double a = s[i - 1], b = s[j];
      const bool geometric = a > 0 && b > 0;
      const auto k = static_cast<double>(j - i + 1);
      const std::string how = std::string(geometric ? "geometric" : "linear") + " interpolation between " +
                              s.period_at(i - 1).to_string() + " and " + s.period_at(j).to_string() +
                              " (bridged on request; not an observation)";
      for (std::size_t t = i; t < j; ++t) {
        const double f = static_cast<double>(t - i + 1) / k;
        const double v = geometric ? a * std::pow(b / a, f) : a + (b - a) * f;
        if (!std::isfinite(v))
          throw invalid_argument("bridge_gaps: series '" + s.id() + "': the value bridged at " + s.period_at(t).to_string() +
                                 " is not a finite number (" + how + ")");
        out.data.set(t, v, obs_status::estimated, how);
      }
      out.gaps.push_back({s.period_at(i), s.period_at(j - 1), s.period_at(i - 1), s.period_at(j), geometric});
    }
    i = j;
  }
  return out;
}

}  // namespace tradecast
