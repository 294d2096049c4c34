// SPDX-License-Identifier: MIT
/// \file growth/contributions.hpp
/// Contributions of components to the growth of their total.
#pragma once

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "tradecast/core/collection.hpp"
#include "tradecast/error.hpp"

namespace tradecast::growth {

/// Contribution of each component to the growth of the total Y = Σ_i A_i, in percentage points
/// (INSEE definition c1207; ABS ASNA ch. 6): c_i,t = 100·(A_i,t − A_i,t−lag) / Y_{t−lag}. The
/// contributions sum to the total's growth 100·(Y_t/Y_{t−lag} − 1). Use lag = periods per year for
/// year-on-year contributions of sub-annual data. The result covers the span common to all
/// components; ids are "<component id>:contribution". An observation is missing (with the reason)
/// when any component is missing at t or t−lag, or when Y_{t−lag} is zero.
/// \throws invalid_argument for no components, lag < 1, mixed frequencies, or no common span.
[[nodiscard]] inline series_collection contributions(const std::vector<series>& components, int lag = 1) {
  if (components.empty()) throw invalid_argument("contributions: no components given");
  if (lag < 1) throw invalid_argument("contributions: lag " + std::to_string(lag) + " must be at least 1");
  const frequency f = components.front().freq();
  period lo = components.front().start(), hi = components.front().start();
  bool first = true;
  for (const series& c : components) {
    if (c.freq() != f)
      throw invalid_argument("contributions: component '" + c.id() + "' is " + std::string(to_string(c.freq())) +
                             " but '" + components.front().id() + "' is " + std::string(to_string(f)));
    if (c.empty()) throw invalid_argument("contributions: component '" + c.id() + "' is empty");
    lo = first ? c.start() : std::max(lo, c.start());
    hi = first ? c.end() : std::min(hi, c.end());
    first = false;
  }
  if (hi < lo) throw invalid_argument("contributions: the components have no period in common");
  const double nan = std::numeric_limits<double>::quiet_NaN();
  series_collection out;
  for (const series& c : components) {
    series_metadata m = c.meta();
    m.id += ":contribution";
    m.name = (c.meta().name.empty() ? c.id() : c.meta().name) + ", contribution to growth (percentage points)";
    m.unit = unit::of("percentage points");
    series r(m, lo);
    for (period t = lo; t <= hi; t = t.next()) {
      const period b = t - lag;
      std::string why;
      double total_base = 0;
      for (const series& k : components) {
        const auto it = k.index_of(t), ib = k.index_of(b);
        if (!ib) { why = t.to_string() + ": no observation " + std::to_string(lag) + " period(s) earlier in '" + k.id() + "'"; break; }
        if (k.is_missing(*it) || k.is_missing(*ib)) { why = t.to_string() + ": '" + k.id() + "' is missing at " + (k.is_missing(*it) ? t : b).to_string(); break; }
        total_base += k[*ib];
      }
      if (why.empty() && total_base == 0) why = t.to_string() + ": the total at " + b.to_string() + " is zero";
      if (!why.empty()) {
        r.push_back(nan, obs_status::missing, {}, why);
        continue;
      }
      r.push_back(100.0 * (c.value_at(t) - c.value_at(b)) / total_base);
    }
    out.add(std::move(r));
  }
  return out;
}

}  // namespace tradecast::growth
