// SPDX-License-Identifier: MIT
/// \file io.hpp
/// Reading and writing series.
#pragma once

#include "tradecast/io/csv.hpp"
#include "tradecast/io/wide.hpp"
