// SPDX-License-Identifier: MIT
/// \file forecast/detail/linalg.hpp
/// The compiled numerical kernels of the forecast engine (src/forecast/linalg.cpp): the parts that
/// use Eigen's decompositions and Boost.Math's distributions. They are declared here and compiled
/// once into the tradecast library, because instantiating Eigen's eigenvalue and QR solvers costs
/// more than ten seconds of compile time in every translation unit that would include them.
/// Link `tradecast::tradecast` (as for the rest of the library) to use the forecast headers.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace tradecast::forecast::detail {

/// Largest modulus of the roots of the real polynomial Σ c_k z^k (increasing powers,
/// c.back() ≠ 0, degree ≥ 1), from the eigenvalues of its companion matrix (Eigen's real Schur
/// solver); std::nullopt when the eigenvalue iteration does not converge.
[[nodiscard]] std::optional<double> max_root_modulus(std::span<const double> c);

/// Least-squares coefficients b (size k) of y on the n×k design X (column-major), by Eigen's
/// column-pivoted Householder QR (a basic solution when X is rank deficient).
[[nodiscard]] std::vector<double> lsq_colpiv(std::span<const double> X, std::size_t n, std::size_t k,
                                             std::span<const double> y);

/// Residual sums of squares of each of the `count` columns of Z (n × count, column-major)
/// regressed on the n×k design X (column-major), with one column-pivoted QR factorisation of X.
[[nodiscard]] std::vector<double> lsq_rss_columns(std::span<const double> X, std::size_t n, std::size_t k,
                                                  std::span<const double> Z, std::size_t count);

/// Ordinary least squares of x on (1, t), t = 1 … n (n ≥ 2), by Householder QR.
struct time_line_ols {
  double intercept = 0;
  double slope = 0;
  std::array<double, 3> xtx_inv{};  ///< (XᵀX)⁻¹ entries (0,0), (0,1), (1,1)
};
[[nodiscard]] time_line_ols ols_on_time(std::span<const double> x);

/// Standard normal quantile (R's qnorm(p)), p in (0, 1).
[[nodiscard]] double normal_quantile(double p);

/// Student-t quantile with df degrees of freedom (R's qt(p, df)), p in (0, 1), df > 0.
[[nodiscard]] double students_t_quantile(double p, double df);

}  // namespace tradecast::forecast::detail
