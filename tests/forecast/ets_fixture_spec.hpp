// SPDX-License-Identifier: MIT
// Test helper: turns the `spec` column of the ETS reference fixtures (the R arguments of ets(),
// with ';' for ',') into an ets_spec.
#pragma once

#include <array>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "tradecast/forecast/ets.hpp"

namespace tradecast::test {

inline std::string trim(std::string s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '"')) s.erase(s.begin());
  while (!s.empty() && (s.back() == ' ' || s.back() == '"')) s.pop_back();
  return s;
}

/// Parses e.g. `model = "MAM"; damped = FALSE; lower = c(0.1; 1e-4; 1e-4; 0.8)`; "auto" → {}.
inline forecast::ets_spec parse_ets_spec(const std::string& text) {
  forecast::ets_spec spec;
  if (text == "auto") return spec;
  std::vector<std::string> parts;
  std::string cur;
  int depth = 0;
  for (char c : text) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ';' && depth == 0) {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(cur);
  auto vec4 = [](std::string v) {
    std::array<double, 4> out{};
    v = v.substr(v.find('(') + 1);
    v = v.substr(0, v.find(')'));
    std::size_t i = 0, pos = 0;
    while (i < 4) {
      const std::size_t next = v.find(';', pos);
      out[i++] = std::strtod(v.substr(pos, next - pos).c_str(), nullptr);
      if (next == std::string::npos) break;
      pos = next + 1;
    }
    return out;
  };
  for (const std::string& p : parts) {
    const std::size_t eq = p.find('=');
    if (eq == std::string::npos) throw std::runtime_error("bad spec part " + p);
    const std::string key = trim(p.substr(0, eq));
    const std::string val = trim(p.substr(eq + 1));
    const bool truth = val == "TRUE";
    if (key == "model") {
      spec.error = val[0];
      spec.trend = val[1];
      spec.season = val[2];
    } else if (key == "damped") {
      spec.damped = truth;
    } else if (key == "alpha") {
      spec.alpha = std::strtod(val.c_str(), nullptr);
    } else if (key == "beta") {
      spec.beta = std::strtod(val.c_str(), nullptr);
    } else if (key == "gamma") {
      spec.gamma = std::strtod(val.c_str(), nullptr);
    } else if (key == "phi") {
      spec.phi = std::strtod(val.c_str(), nullptr);
    } else if (key == "opt.crit") {
      spec.opt_crit = val == "mse" ? forecast::ets_opt_crit::mse
                      : val == "amse" ? forecast::ets_opt_crit::amse
                      : val == "sigma" ? forecast::ets_opt_crit::sigma
                      : val == "mae" ? forecast::ets_opt_crit::mae
                                     : forecast::ets_opt_crit::lik;
    } else if (key == "bounds") {
      spec.bounds = val == "usual" ? forecast::ets_bounds::usual
                    : val == "admissible" ? forecast::ets_bounds::admissible
                                          : forecast::ets_bounds::both;
    } else if (key == "ic") {
      spec.criterion = val == "aic" ? forecast::ets_ic::aic : val == "bic" ? forecast::ets_ic::bic : forecast::ets_ic::aicc;
    } else if (key == "additive.only") {
      spec.additive_only = truth;
    } else if (key == "allow.multiplicative.trend") {
      spec.allow_multiplicative_trend = truth;
    } else if (key == "lower") {
      spec.lower = vec4(val);
    } else if (key == "upper") {
      spec.upper = vec4(val);
    } else {
      throw std::runtime_error("unknown spec key " + key);
    }
  }
  return spec;
}

}  // namespace tradecast::test
