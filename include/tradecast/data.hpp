// SPDX-License-Identifier: MIT
/// \file data.hpp
/// Embedded reference data.
#pragma once

#include "tradecast/data/vietnam_japan.hpp"
