// SPDX-License-Identifier: MIT
/// \file forecast/result.hpp
/// A forecast attached to its series: periods, units and the model that produced it.
#pragma once

#include <string>
#include <vector>

#include "tradecast/core/period.hpp"
#include "tradecast/core/series.hpp"
#include "tradecast/forecast/model.hpp"

namespace tradecast::forecast {

/// Forecasts of one series: the model, the point forecasts and intervals, and the periods they
/// belong to. The unit and the other metadata are the series'.
struct forecast_result {
  series_metadata meta{};  ///< of the forecast series (id, name, unit, ...)
  period first{};          ///< first forecast period (the one after the last observation used)
  std::vector<double> levels{};
  forecast_values values{};
  model_info model{};
  std::string data_note{};  ///< which observations were used when not all were, and why

  [[nodiscard]] int horizon() const noexcept { return static_cast<int>(values.mean.size()); }
  /// Period of forecast step i (0-based).
  [[nodiscard]] period period_at(std::size_t i) const { return first + static_cast<std::int64_t>(i); }

  /// The point forecasts as a series with status `forecast` (source: the method name).
  [[nodiscard]] series mean_series() const {
    series_metadata m = meta;
    m.name = meta.name + ", forecast (" + model.method + ")";
    m.source = model.method;
    series out(m, first);
    for (double v : values.mean) out.push_back(v, std::isnan(v) ? obs_status::missing : obs_status::forecast);
    return out;
  }
};

}  // namespace tradecast::forecast
