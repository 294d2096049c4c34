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

/// The interval of uncertainty of the line search: its best end x (the lowest modified function
/// so far), its other end y, and whether a minimiser is known to lie between them.
struct mt_interval {
  double stx = 0, fx = 0, dx = 0;
  double sty = 0, fy = 0, dy = 0;
  bool bracketed = false;
};

/// The safeguarded step of Moré & Thuente ("Line search algorithms with guaranteed sufficient
/// decrease", ACM TOMS 20, 1994, section 4): a trial step from cubic and quadratic models of the
/// function on the interval, by the four cases of the paper, and the interval updated with the
/// new point (stp, fp, dp).
double mt_step(mt_interval& I, double stp, double fp, double dp, double stpmin, double stpmax) {
  const double sgnd = dp * (I.dx / std::abs(I.dx));
  const auto cubic_gamma = [](double theta, double a, double b, bool clamp_zero) {
    const double s = std::max({std::abs(theta), std::abs(a), std::abs(b)});
    const double r = (theta / s) * (theta / s) - (a / s) * (b / s);
    return s * std::sqrt(clamp_zero ? std::max(0.0, r) : r);
  };
  double stpf = 0;
  if (fp > I.fx) {  // case 1: a higher function value; the minimum is bracketed
    const double theta = 3 * (I.fx - fp) / (stp - I.stx) + I.dx + dp;
    double gamma = cubic_gamma(theta, I.dx, dp, false);
    if (stp < I.stx) gamma = -gamma;
    const double p = (gamma - I.dx) + theta, q = ((gamma - I.dx) + gamma) + dp;
    const double stpc = I.stx + (p / q) * (stp - I.stx);
    const double stpq = I.stx + ((I.dx / ((I.fx - fp) / (stp - I.stx) + I.dx)) / 2) * (stp - I.stx);
    stpf = std::abs(stpc - I.stx) < std::abs(stpq - I.stx) ? stpc : stpc + (stpq - stpc) / 2;
    I.bracketed = true;
  } else if (sgnd < 0) {  // case 2: lower, and the derivatives have opposite signs
    const double theta = 3 * (I.fx - fp) / (stp - I.stx) + I.dx + dp;
    double gamma = cubic_gamma(theta, I.dx, dp, false);
    if (stp > I.stx) gamma = -gamma;
    const double p = (gamma - dp) + theta, q = ((gamma - dp) + gamma) + I.dx;
    const double stpc = stp + (p / q) * (I.stx - stp);
    const double stpq = stp + (dp / (dp - I.dx)) * (I.stx - stp);
    stpf = std::abs(stpc - stp) > std::abs(stpq - stp) ? stpc : stpq;
    I.bracketed = true;
  } else if (std::abs(dp) < std::abs(I.dx)) {  // case 3: lower, same sign, smaller slope
    const double theta = 3 * (I.fx - fp) / (stp - I.stx) + I.dx + dp;
    double gamma = cubic_gamma(theta, I.dx, dp, true);
    if (stp > I.stx) gamma = -gamma;
    const double p = (gamma - dp) + theta, q = (gamma + (I.dx - dp)) + gamma;
    const double r = p / q;
    double stpc;
    if (r < 0 && gamma != 0) stpc = stp + r * (I.stx - stp);
    else stpc = stp > I.stx ? stpmax : stpmin;
    const double stpq = stp + (dp / (dp - I.dx)) * (I.stx - stp);
    if (I.bracketed) {
      stpf = std::abs(stpc - stp) < std::abs(stpq - stp) ? stpc : stpq;
      stpf = stp > I.stx ? std::min(stp + 0.66 * (I.sty - stp), stpf) : std::max(stp + 0.66 * (I.sty - stp), stpf);
    } else {
      stpf = std::abs(stpc - stp) > std::abs(stpq - stp) ? stpc : stpq;
      stpf = std::max(stpmin, std::min(stpmax, stpf));
    }
  } else {  // case 4: lower, same sign, the slope does not decrease
    if (I.bracketed) {
      const double theta = 3 * (fp - I.fy) / (I.sty - stp) + I.dy + dp;
      double gamma = cubic_gamma(theta, I.dy, dp, false);
      if (stp > I.sty) gamma = -gamma;
      const double p = (gamma - dp) + theta, q = ((gamma - dp) + gamma) + I.dy;
      stpf = stp + (p / q) * (I.sty - stp);
    } else {
      stpf = stp > I.stx ? stpmax : stpmin;
    }
  }
  if (fp > I.fx) {
    I.sty = stp, I.fy = fp, I.dy = dp;
  } else {
    if (sgnd < 0) I.sty = I.stx, I.fy = I.fx, I.dy = I.dx;
    I.stx = stp, I.fx = fp, I.dx = dp;
  }
  return stpf;
}

/// Moré–Thuente's search for a step along d from x (f0, g0) with sufficient decrease (ftol =
/// 1e-3) and small slope (gtol = 0.9) in [0, stpmax], starting at `stp`; L-BFGS-B's settings (xtol
/// 0.1, at most 20 points). Returns false when 20 points gave no step to take.
bool line_search(problem& pb, const vec& x, double f0, const vec& g0, const vec& d, double stp, double stpmax,
                 line_point& out) {
  constexpr double ftol = 1e-3, gtol = 0.9, xtol = 0.1, xtrapl = 1.1, xtrapu = 4.0;
  const double stpmin = 0;
  const double ginit = g0.dot(d), gtest = ftol * ginit;
  stp = std::min(stp, stpmax);
  mt_interval I;
  I.fx = I.fy = f0;
  I.dx = I.dy = ginit;
  bool stage1 = true;
  double width = stpmax - stpmin, width1 = 2 * width;
  double stmin = 0, stmax = stp + xtrapu * stp;
  for (int trial = 0; trial < 20; ++trial) {
    const vec xt = (x + stp * d).cwiseMax(pb.lower).cwiseMin(pb.upper);
    line_point p;
    p.stp = stp;
    p.f = pb.value(xt);
    p.g = pb.gradient(xt);
    p.slope = p.g.dot(d);
    const double ftest = f0 + stp * gtest;
    if (stage1 && p.f <= ftest && p.slope >= 0) stage1 = false;
    // The point is taken when both conditions hold, and, as L-BFGS-B does after the search's
    // warnings, when the interval can shrink no further (rounding errors, xtol: the point is then
    // the best one found) or the step is at stpmax going down or at stpmin.
    const bool converged = p.f <= ftest && std::abs(p.slope) <= gtol * -ginit;
    const bool warning = (I.bracketed && (stp <= stmin || stp >= stmax)) ||
                         (I.bracketed && stmax - stmin <= xtol * stmax) ||
                         (stp == stpmax && p.f <= ftest && p.slope <= gtest) ||
                         (stp == stpmin && (p.f > ftest || p.slope >= gtest));
    if (converged || warning) {
      out = std::move(p);
      return true;
    }
    if (stage1 && p.f <= I.fx && p.f > ftest) {
      // The modified function ψ(stp) = f(stp) − f0 − stp·gtest until a point of ψ ≤ 0 with ψ' ≥ 0.
      mt_interval M = I;
      M.fx -= M.stx * gtest, M.fy -= M.sty * gtest, M.dx -= gtest, M.dy -= gtest;
      stp = mt_step(M, stp, p.f - stp * gtest, p.slope - gtest, stmin, stmax);
      I.stx = M.stx, I.sty = M.sty, I.bracketed = M.bracketed;
      I.fx = M.fx + M.stx * gtest, I.fy = M.fy + M.sty * gtest, I.dx = M.dx + gtest, I.dy = M.dy + gtest;
    } else {
      stp = mt_step(I, stp, p.f, p.slope, stmin, stmax);
    }
    if (I.bracketed) {
      if (std::abs(I.sty - I.stx) >= 0.66 * width1) stp = I.stx + 0.5 * (I.sty - I.stx);
      width1 = width;
      width = std::abs(I.sty - I.stx);
      stmin = std::min(I.stx, I.sty);
      stmax = std::max(I.stx, I.sty);
    } else {
      stmin = stp + xtrapl * (stp - I.stx);
      stmax = stp + xtrapu * (stp - I.stx);
    }
    stp = std::max(stpmin, std::min(stpmax, stp));
    if ((I.bracketed && (stp <= stmin || stp >= stmax)) || (I.bracketed && stmax - stmin <= xtol * stmax)) stp = I.stx;
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
          if (d[i] < 0) stpmax = std::min(stpmax, (pb.lower[i] - x[i]) / d[i]);
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
      const double g_old_d = g.dot(d);
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
      if (sy > eps * -p.stp * g_old_d) {  // L-BFGS-B skips pairs without enough curvature
        pairs.emplace_back(s, y);
        if (static_cast<int>(pairs.size()) > opt.memory) pairs.pop_front();
        theta = yy / sy;
      }
      // R stops when the iteration after the maxit-th begins, before testing it: not converged in maxit.
      if (res.iterations >= opt.maxit) return finish(1, "the iteration limit was reached");
    }
  } catch (const not_finite&) {
    return finish(-1, "the objective is not finite at a trial point");
  }
}

}  // namespace tradecast::forecast::detail
