// SPDX-License-Identifier: MIT
/// \file core.hpp
/// The data model: frequencies, periods, units, series and collections.
#pragma once

#include "tradecast/core/bridge.hpp"
#include "tradecast/core/collection.hpp"
#include "tradecast/core/frequency.hpp"
#include "tradecast/core/parallel.hpp"
#include "tradecast/core/period.hpp"
#include "tradecast/core/series.hpp"
#include "tradecast/core/unit.hpp"
#include "tradecast/error.hpp"
#include "tradecast/version.hpp"
