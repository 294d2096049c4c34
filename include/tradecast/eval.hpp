// SPDX-License-Identifier: MIT
/// \file eval.hpp
/// Forecast evaluation: accuracy measures (R's accuracy(), M4/M5 measures, set level, OWA), the M4
/// Naive2 benchmark and rolling-origin evaluation (R's tsCV).
#pragma once

#include "tradecast/eval/metrics.hpp"
#include "tradecast/eval/naive2.hpp"
#include "tradecast/eval/rolling.hpp"
