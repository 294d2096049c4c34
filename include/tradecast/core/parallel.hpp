// SPDX-License-Identifier: MIT
/// \file core/parallel.hpp
/// The one parallel loop of the library (OpenMP, compiled in src/core/parallel.cpp): batch
/// forecasting and rolling-origin evaluation run their independent pieces through it.
#pragma once

#include <cstddef>
#include <functional>

namespace tradecast {

/// Runs body(i) for i = 0 … count − 1 on up to `threads` threads (0 = all available; never more
/// than `count`), dynamically scheduled one index at a time, and returns the number of threads
/// used (1 without OpenMP). `body` must be safe to call concurrently for different indices; the
/// order of the calls is unspecified. An exception thrown by a call is caught, the remaining calls
/// still run, and the first exception caught is rethrown once all have finished.
/// \throws invalid_argument for threads < 0.
int parallel_for(std::size_t count, int threads, const std::function<void(std::size_t)>& body);

}  // namespace tradecast
