// SPDX-License-Identifier: MIT
/// \file version.hpp
/// The library version: the single source of truth, parsed by CMake.
#pragma once

#define TRADECAST_VERSION_MAJOR 0
#define TRADECAST_VERSION_MINOR 1
#define TRADECAST_VERSION_PATCH 0

/// Encoded as MAJOR*10000 + MINOR*100 + PATCH (0.1.0 -> 100).
#define TRADECAST_VERSION (TRADECAST_VERSION_MAJOR * 10000 + TRADECAST_VERSION_MINOR * 100 + TRADECAST_VERSION_PATCH)

namespace tradecast {
/// The version as text, e.g. "0.1.0".
inline constexpr const char* version_string = "0.1.0";
}  // namespace tradecast
