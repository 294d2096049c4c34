// SPDX-License-Identifier: MIT
// Box-constrained quasi-Newton minimisation (declared and described in
// tradecast/forecast/detail/box_minimise.hpp).
#include "tradecast/forecast/detail/box_minimise.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <utility>

#include "tradecast/error.hpp"

namespace tradecast::forecast::detail {
namespace {

using vec = Eigen::VectorXd;
using mat = Eigen::MatrixXd;

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double eps = std::numeric_limits<double>::epsilon();

/// Raised inside the search when the objective is not finite (R's optim stops there).
struct not_finite {};

struct problem {
  const box_objective& f;
  vec lower, upper;
  const box_min_options& opt;
  int evaluations = 0;

  double value(const vec& x) {
    ++evaluations;
    const double v = f(std::span<const double>(x.data(), static_cast<std::size_t>(x.size())));
    if (!std::isfinite(v)) throw not_finite{};
    return v;
  }

  /// R's optim gradient for bounded methods: (f(x + h e_i) − f(x − h e_i)) / (2h), each side
  /// cut at the bound (then the divisor is the distance actually used).
  vec gradient(const vec& x) {
    vec g(x.size());
    vec p = x;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      double up = x[i] + opt.ndeps, up_step = opt.ndeps;
      if (up > upper[i]) {
        up = upper[i];
        up_step = up - x[i];
      }
      double down = x[i] - opt.ndeps, down_step = opt.ndeps;
      if (down < lower[i]) {
        down = lower[i];
        down_step = x[i] - down;
      }
      p[i] = up;
      const double f_up = value(p);
      p[i] = down;
      const double f_down = value(p);
      p[i] = x[i];
      g[i] = (f_up - f_down) / (up_step + down_step);
    }
    return g;
  }

  /// The largest projected-gradient component in size (0 when x is stationary in the box).
  [[nodiscard]] double projected_gradient_norm(const vec& x, const vec& g) const {
    double norm = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double gi = g[i] < 0 ? std::max(x[i] - upper[i], g[i]) : std::min(x[i] - lower[i], g[i]);
      norm = std::max(norm, std::abs(gi));
    }
    return norm;
  }
};

/// The generalised Cauchy point: the first minimiser of the quadratic model
/// g·(z − x) + ½(z − x)ᵀB(z − x) along the path P(x − t g), t ≥ 0. `free_at_end` marks the
/// variables the path has not yet pinned to a bound.
vec cauchy_point(const problem& pb, const vec& x, const vec& g, const mat& B, std::vector<bool>& free_at_end) {
  const Eigen::Index n = x.size();
  std::vector<double> brk(static_cast<std::size_t>(n), inf);
  vec d = -g;
  free_at_end.assign(static_cast<std::size_t>(n), true);
  std::vector<Eigen::Index> order;
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto iu = static_cast<std::size_t>(i);
    if (g[i] < 0) brk[iu] = (x[i] - pb.upper[i]) / g[i];
    else if (g[i] > 0) brk[iu] = (x[i] - pb.lower[i]) / g[i];
    if (brk[iu] <= 0) {
      d[i] = 0;
      free_at_end[iu] = false;
    } else if (brk[iu] < inf) {
      order.push_back(i);
    }
  }
  std::sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
    return brk[static_cast<std::size_t>(a)] < brk[static_cast<std::size_t>(b)];
  });
  vec xc = x;
  double t = 0;
  std::size_t k = 0;
  for (;;) {
    if (d.squaredNorm() == 0) break;
    const vec Bd = B * d;
    const double slope = g.dot(d) + (xc - x).dot(Bd);
    const double curvature = d.dot(Bd);
    if (slope >= 0) break;
    const double t_next = k < order.size() ? brk[static_cast<std::size_t>(order[k])] : inf;
    const double dt_min = curvature > 0 ? -slope / curvature : inf;
    if (dt_min < t_next - t) {
      xc += dt_min * d;
      break;
    }
    if (t_next == inf) break;  // unbounded along a direction of negative curvature: cannot happen with B > 0
    xc += (t_next - t) * d;
    t = t_next;
    while (k < order.size() && brk[static_cast<std::size_t>(order[k])] == t_next) {
      const Eigen::Index b = order[k++];
      xc[b] = d[b] > 0 ? pb.upper[b] : pb.lower[b];
      d[b] = 0;
      free_at_end[static_cast<std::size_t>(b)] = false;
    }
  }
  return xc.cwiseMax(pb.lower).cwiseMin(pb.upper);
}

/// Minimises the quadratic model over the variables free at the Cauchy point `xc` (the others
/// stay at their bounds), then shortens that step so that it stays in the box.
vec subspace_minimum(const problem& pb, const vec& x, const vec& g, const mat& B, const vec& xc,
                     const std::vector<bool>& free_vars) {
  std::vector<Eigen::Index> F;
  for (std::size_t i = 0; i < free_vars.size(); ++i)
    if (free_vars[i]) F.push_back(static_cast<Eigen::Index>(i));
  if (F.empty()) return xc;
  const auto nf = static_cast<Eigen::Index>(F.size());
  const vec r = g + B * (xc - x);
  mat BFF(nf, nf);
  vec rF(nf);
  for (Eigen::Index a = 0; a < nf; ++a) {
    rF[a] = r[F[static_cast<std::size_t>(a)]];
    for (Eigen::Index b = 0; b < nf; ++b) BFF(a, b) = B(F[static_cast<std::size_t>(a)], F[static_cast<std::size_t>(b)]);
  }
  const Eigen::LDLT<mat> ldlt(BFF);
  if (ldlt.info() != Eigen::Success) return xc;
  const vec du = ldlt.solve(-rF);
  if (!du.allFinite()) return xc;
  double step = 1;
  for (Eigen::Index a = 0; a < nf; ++a) {
    const Eigen::Index i = F[static_cast<std::size_t>(a)];
    if (du[a] < 0) step = std::min(step, (pb.lower[i] - xc[i]) / du[a]);
    else if (du[a] > 0) step = std::min(step, (pb.upper[i] - xc[i]) / du[a]);
  }
  step = std::max(step, 0.0);
  vec out = xc;
  for (Eigen::Index a = 0; a < nf; ++a) out[F[static_cast<std::size_t>(a)]] += step * du[a];
  return out.cwiseMax(pb.lower).cwiseMin(pb.upper);
}

struct line_point {
  double stp = 0, f = 0, slope = 0;
  vec g;
};

/// A step along d from x (f0, g0) with sufficient decrease and small slope, at most `stpmax`,
/// starting with `stp`: at most 20 trial points. Returns false when none was found.
bool line_search(problem& pb, const vec& x, double f0, const vec& g0, const vec& d, double stp, double stpmax,
                 line_point& out) {
  constexpr double ftol = 1e-3, gtol = 0.9;
  const double slope0 = g0.dot(d);
  line_point lo{0, f0, slope0, g0};
  bool have_hi = false;
  line_point hi;
  stp = std::min(stp, stpmax);
  for (int trial = 0; trial < 20; ++trial) {
    const vec xt = (x + stp * d).cwiseMax(pb.lower).cwiseMin(pb.upper);
    line_point p;
    p.stp = stp;
    p.f = pb.value(xt);
    p.g = pb.gradient(xt);
    p.slope = p.g.dot(d);
    const bool decrease = p.f <= f0 + ftol * stp * slope0;
    if (decrease && std::abs(p.slope) <= gtol * -slope0) {
      out = std::move(p);
      return true;
    }
    if (decrease && p.slope < 0 && stp >= stpmax) {  // the step reaches the box: take it
      out = std::move(p);
      return true;
    }
    if (!decrease || p.f >= lo.f) {  // too far: the minimum lies between lo and this point
      hi = std::move(p);
      have_hi = true;
    } else if (have_hi || p.slope >= 0) {  // a better point: keep the bracket around a minimum
      if (have_hi ? p.slope * (hi.stp - lo.stp) >= 0 : true) hi = std::move(lo);
      lo = std::move(p);
      have_hi = true;
    } else {  // still going down: extrapolate
      const double prev = lo.stp;
      lo = std::move(p);
      stp = std::min(stpmax, lo.stp + 4 * (lo.stp - prev));
      if (stp <= lo.stp) break;
      continue;
    }
    // Minimiser of the cubic through (lo, f, slope) and (hi, f, slope), kept inside the middle
    // 80% of the bracket.
    const double a = lo.stp, b = hi.stp;
    const double width = b - a;
    if (std::abs(width) <= 1e-12 * std::max(1.0, std::abs(b))) break;
    const double d1 = lo.slope + hi.slope - 3 * (lo.f - hi.f) / (a - b);
    const double disc = d1 * d1 - lo.slope * hi.slope;
    double c = a + width / 2;
    if (disc >= 0) {
      const double d2 = std::copysign(std::sqrt(disc), b - a);
      const double denom = hi.slope - lo.slope + 2 * d2;
      if (denom != 0) c = b - (b - a) * (hi.slope + d2 - d1) / denom;
    }
    const double lo_edge = std::min(a + 0.1 * width, a + 0.9 * width), hi_edge = std::max(a + 0.1 * width, a + 0.9 * width);
    if (!std::isfinite(c) || c < lo_edge || c > hi_edge) c = a + width / 2;
    stp = c;
  }
  if (lo.stp > 0) {  // some decrease was found, but not the slope condition: take it
    out = std::move(lo);
    return true;
  }
  return false;
}

}  // namespace

box_min_result box_minimise(const box_objective& f, std::span<const double> start, std::span<const double> lower,
                            std::span<const double> upper, const box_min_options& opt) {
  const std::size_t n = start.size();
  if (lower.size() != n || upper.size() != n)
    throw invalid_argument("box_minimise: start, lower and upper must have the same size");
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(lower[i]) || !std::isfinite(upper[i]) || lower[i] > upper[i])
      throw invalid_argument("box_minimise: bound " + std::to_string(i) + " is not a finite interval");
  problem pb{f, vec(static_cast<Eigen::Index>(n)), vec(static_cast<Eigen::Index>(n)), opt};
  vec x(static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    pb.lower[ii] = lower[i];
    pb.upper[ii] = upper[i];
    x[ii] = std::clamp(start[i], lower[i], upper[i]);
  }
  box_min_result res;
  const auto finish = [&](int code, std::string message) {
    res.x.assign(x.data(), x.data() + x.size());
    res.evaluations = pb.evaluations;
    res.code = code;
    res.message = std::move(message);
    return res;
  };
  double fx = 0;
  vec g;
  try {
    fx = pb.value(x);
    res.f = fx;
    g = pb.gradient(x);
  } catch (const not_finite&) {
    return finish(-1, "the objective is not finite at or next to the starting point");
  }
  if (n == 0 || pb.projected_gradient_norm(x, g) <= opt.pgtol) return finish(0, "the projected gradient is zero");

  std::deque<std::pair<vec, vec>> pairs;
  double theta = 1;
  const auto Nx = static_cast<Eigen::Index>(n);
  try {
    for (;;) {
      mat B = theta * mat::Identity(Nx, Nx);
      for (const auto& [s, y] : pairs) {
        const vec Bs = B * s;
        B += y * y.transpose() / y.dot(s) - Bs * Bs.transpose() / s.dot(Bs);
      }
      std::vector<bool> free_vars;
      const vec xc = cauchy_point(pb, x, g, B, free_vars);
      const vec xbar = subspace_minimum(pb, x, g, B, xc, free_vars);
      const vec d = xbar - x;
      const bool descent = g.dot(d) < 0;
      double stpmax = 1;
      if (res.iterations > 0) {
        stpmax = 1e10;
        for (Eigen::Index i = 0; i < Nx; ++i) {
          if (d[i] < 0) stpmax = std::min(stpmax, std::max(pb.lower[i] - x[i], -inf) / d[i]);
          else if (d[i] > 0) stpmax = std::min(stpmax, (pb.upper[i] - x[i]) / d[i]);
        }
        stpmax = std::max(stpmax, 0.0);
      }
      line_point p;
      if (!descent || !line_search(pb, x, fx, g, d, 1.0, stpmax, p)) {
        if (pairs.empty()) return finish(52, "the line search found no lower point along the steepest descent");
        pairs.clear();  // start again from the steepest descent, as L-BFGS-B does
        theta = 1;
        continue;
      }
      const vec x_new = (x + p.stp * d).cwiseMax(pb.lower).cwiseMin(pb.upper);
      const vec s = x_new - x, y = p.g - g;
      const double f_old = fx;
      x = x_new;
      fx = p.f;
      res.f = fx;
      g = p.g;
      ++res.iterations;
      if (pb.projected_gradient_norm(x, g) <= opt.pgtol) return finish(0, "the projected gradient is zero");
      if (f_old - fx <= opt.factr * eps * std::max({std::abs(f_old), std::abs(fx), 1.0}))
        return finish(0, "the relative reduction of the objective is below factr * epsilon");
      const double sy = s.dot(y), yy = y.dot(y);
      if (sy > eps * yy) {
        pairs.emplace_back(s, y);
        if (static_cast<int>(pairs.size()) > opt.memory) pairs.pop_front();
        theta = yy / sy;
      }
      if (res.iterations >= opt.maxit) return finish(1, "the iteration limit was reached");
    }
  } catch (const not_finite&) {
    return finish(-1, "the objective is not finite at a trial point");
  }
}

}  // namespace tradecast::forecast::detail
