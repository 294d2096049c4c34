// Seeds for randomized tests: TRADECAST_TEST_SEED overrides; the seed is always printed so a failure
// can be replayed with TRADECAST_TEST_SEED=<seed>.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include <gtest/gtest.h>

namespace tradecast::test {

inline std::uint64_t test_seed() {
  std::uint64_t seed = 0;
  if (const char* env = std::getenv("TRADECAST_TEST_SEED"); env && *env) {
    seed = std::stoull(env);
  } else {
    seed = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }
  std::cout << "[ seed     ] TRADECAST_TEST_SEED=" << seed << "\n";
  ::testing::Test::RecordProperty("seed", std::to_string(seed));
  return seed;
}

}  // namespace tradecast::test
