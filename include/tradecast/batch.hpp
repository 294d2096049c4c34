// SPDX-License-Identifier: MIT
/// \file batch.hpp
/// Forecasting many series in parallel.
#pragma once

#include "tradecast/batch/batch.hpp"
