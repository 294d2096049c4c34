// SPDX-License-Identifier: MIT
/// \file chart.hpp
/// Charts: the SVG fan chart of a forecast.
#pragma once

#include "tradecast/chart/fan_chart.hpp"
