// SPDX-License-Identifier: MIT
/// \file chart/fan_chart.hpp
/// An SVG fan chart of a forecast: the history, the forecast mean and one shaded band per
/// prediction-interval level, with labelled axes (periods and units) and a title naming the series
/// and the model. Self-contained SVG 1.1, viewable in any browser.
#pragma once

#include <cstddef>
#include <string>

#include "tradecast/core/series.hpp"
#include "tradecast/error.hpp"
#include "tradecast/forecast/result.hpp"

namespace tradecast::chart {

struct fan_chart_options {
  int width = 960;
  int height = 540;
  std::string title{};         ///< default: "<series name>: <model> forecast"
  std::size_t history = 0;     ///< how many of the last history periods to draw (0 = all)
};

/// Renders the fan chart as an SVG document.
/// \throws invalid_argument when the history is empty, of another frequency than the forecast, or
///   when the forecast does not start after the history's last period.
[[nodiscard]] std::string fan_chart_svg(const series& history, const forecast::forecast_result& fc,
                                        const fan_chart_options& opt = {});

}  // namespace tradecast::chart
