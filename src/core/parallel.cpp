// SPDX-License-Identifier: MIT
#include "tradecast/core/parallel.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <string>

#if defined(_OPENMP)
#include <omp.h>
#endif

#include "tradecast/error.hpp"

namespace tradecast {

int parallel_for(std::size_t count, int threads, const std::function<void(std::size_t)>& body) {
  if (threads < 0) throw invalid_argument("threads = " + std::to_string(threads) + " must be at least 0 (0 = all available)");
  int used = 1;
#if defined(_OPENMP)
  used = threads > 0 ? threads : omp_get_max_threads();
#endif
  used = std::max(1, std::min<int>(used, static_cast<int>(std::max<std::size_t>(count, 1))));
  std::exception_ptr first_error;  // exceptions may not leave an OpenMP region
  std::mutex error_mutex;
  const auto n = static_cast<std::ptrdiff_t>(count);
#if defined(_OPENMP)
#pragma omp parallel for schedule(dynamic, 1) num_threads(used)
#endif
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    try {
      body(static_cast<std::size_t>(i));
    } catch (...) {
      const std::lock_guard<std::mutex> lock(error_mutex);
      if (!first_error) first_error = std::current_exception();
    }
  }
  if (first_error) std::rethrow_exception(first_error);
  return used;
}

}  // namespace tradecast
