// SPDX-License-Identifier: MIT
/// \file forecast.hpp
/// Forecasting: ETS, Theta, simple methods, combinations, Box-Cox, prediction intervals, and the
/// engine that runs any of them by name on a series.
#pragma once

#include "tradecast/forecast/boxcox.hpp"
#include "tradecast/forecast/engine.hpp"
#include "tradecast/forecast/ets.hpp"
#include "tradecast/forecast/model.hpp"
#include "tradecast/forecast/result.hpp"
#include "tradecast/forecast/seasonality.hpp"
#include "tradecast/forecast/simple.hpp"
#include "tradecast/forecast/theta.hpp"
