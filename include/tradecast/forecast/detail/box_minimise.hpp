// SPDX-License-Identifier: MIT
/// \file forecast/detail/box_minimise.hpp
/// Minimisation of a smooth function of a few variables inside a box, by the algorithm of
/// L-BFGS-B (Byrd, Lu, Nocedal & Zhu, "A limited memory algorithm for bound constrained
/// optimization", SIAM J. Sci. Comput. 16, 1995), which R's `optim(method = "L-BFGS-B")` runs and
/// forecast's `HoltWintersZZ()` (the tiny-data fit of `ets()`) calls. Written from the paper for
/// problems of one to a few variables: the quasi-Newton matrix is the limited-memory BFGS matrix
/// (θI updated with the last `memory` correction pairs) held densely; each iteration finds the
/// generalised Cauchy point along the projected steepest-descent path, minimises the quadratic
/// model over the variables still free there (the step truncated to stay in the box), and
/// searches along the resulting direction with Moré and Thuente's line search (sufficient
/// decrease 1e-3, curvature 0.9, interval tolerance 0.1, at most 20 points, never beyond the
/// box; the first iteration's step at most 1). The gradient is R's: central differences of step
/// `ndeps`, one-sided where the step would leave the box. It stops as R does: when the relative
/// reduction of f in an iteration is at most factr·DBL_EPSILON, when the projected gradient is at
/// most `pgtol` (exactly zero by default), or after `maxit` iterations.
///
/// It is not R's code and its iterates need not be R's bit for bit, but on 382 random tiny-data
/// fits it ends where R's does (to 1e-3 in the parameters, 1e-6 in the objective) in every case
/// but one, where R returns a parameter a rounding error outside its bound
/// (tests/forecast/ets_tiny_test.cpp, EtsTiny.RandomSweepEqualsR).
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

namespace tradecast::forecast::detail {

/// Options of box_minimise(); the defaults are those of R's optim() for "L-BFGS-B".
struct box_min_options {
  double ndeps = 1e-3;  ///< finite-difference step of the gradient
  double factr = 1e7;   ///< stop when the relative reduction of f is ≤ factr · DBL_EPSILON
  double pgtol = 0.0;   ///< stop when every projected-gradient component is ≤ pgtol in size
  int maxit = 100;      ///< iterations
  int memory = 5;       ///< correction pairs of the BFGS matrix (R's lmm)
};

/// Outcome of box_minimise().
struct box_min_result {
  std::vector<double> x;  ///< the end point (inside the box)
  double f = 0;           ///< the objective there
  int iterations = 0;
  int evaluations = 0;  ///< objective evaluations, those of the gradients included
  /// R's `convergence`: 0 converged; 1 iteration limit; 52 the line search could not make
  /// progress even from a steepest-descent direction (x is then the last iterate);
  /// -1 the objective was not finite at a point it asked for (R's optim stops with "L-BFGS-B
  /// needs finite values of 'fn'"; x is then the last iterate).
  int code = 0;
  std::string message;  ///< what stopped it
};

/// The objective: f(x) for x of the problem's size.
using box_objective = std::function<double(std::span<const double>)>;

/// Minimises `f` from `start` (moved into the box first) subject to lower ≤ x ≤ upper, every
/// bound finite. \throws invalid_argument when the sizes differ, a bound is not finite or
/// lower > upper.
[[nodiscard]] box_min_result box_minimise(const box_objective& f, std::span<const double> start,
                                          std::span<const double> lower, std::span<const double> upper,
                                          const box_min_options& opt = {});

}  // namespace tradecast::forecast::detail
