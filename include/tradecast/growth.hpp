// SPDX-License-Identifier: MIT
/// \file growth.hpp
/// Growth analytics: rates, CAGR, indices, contributions, cumulative sums, aggregation, run-rates.
#pragma once

#include "tradecast/growth/aggregate.hpp"
#include "tradecast/growth/cagr.hpp"
#include "tradecast/growth/contributions.hpp"
#include "tradecast/growth/cumulative.hpp"
#include "tradecast/growth/index.hpp"
#include "tradecast/growth/rates.hpp"
