// SPDX-License-Identifier: MIT
/// \file forecast/detail/nelder_mead.hpp
/// Nelder–Mead direct search with the exact behaviour of R's `nmmin` (J. C. Nash, *Compact
/// Numerical Methods for Computers*, 1990, Algorithm 19), which R's `optim(method = "Nelder-Mead")`
/// and forecast's `ets()` use. Implemented from the published algorithm description; the vertex
/// order, the tie-breaking comparisons, the single initial step length and the evaluation count are
/// kept identical so that optimisation paths (which often end at the evaluation limit) agree with R.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace tradecast::forecast::detail {

/// What the searches score a point whose objective is not finite (nmmin(), nmmin_machine).
inline constexpr double nm_big = std::numeric_limits<double>::max();

/// An objective value as the searches compare it: non-finite values become nm_big.
[[nodiscard]] inline double nm_score(double v) noexcept { return std::isfinite(v) ? v : nm_big; }

/// Outcome of nmmin().
struct nmmin_result {
  double fmin = std::numeric_limits<double>::infinity();  ///< objective at the returned point
  int fncount = 0;  ///< number of objective evaluations (R's `fncount`)
  /// 0 = converged; 1 = evaluation limit (`maxit`) reached; 10 = the simplex could not be shrunk
  /// further (degenerate); 2 = the objective was not finite at the starting point (R: error).
  int fail = 0;
};

/// Reusable storage for nmmin() so that repeated optimisations do not allocate.
struct nmmin_workspace {
  std::vector<double> simplex;  ///< (n + 1) x (n + 2), column j = vertex j, last column = centroid
  std::vector<double> trial;    ///< the point being evaluated
  void resize(std::size_t n) {
    if (simplex.size() < (n + 1) * (n + 2)) simplex.resize((n + 1) * (n + 2));
    if (trial.size() < n) trial.resize(n);
  }
};

/// Options of nmmin(); the defaults are those `ets()` passes.
struct nmmin_options {
  double abstol = -std::numeric_limits<double>::infinity();
  double intol = 1.490116119384765625e-08;  ///< sqrt(DBL_EPSILON)
  double reflect = 1.0;                     ///< alpha
  double contract = 0.5;                    ///< beta
  double expand = 2.0;                      ///< gamma
  int maxit = 2000;                         ///< maximum number of evaluations (+1, as in R)
};

/// Centroid of the simplex without vertex `h` into column `c` of P (column-major, n1 rows):
/// per coordinate −P_h + P_0 + … + P_n in R's summation order. Coordinates are summed four at a
/// time in registers (each coordinate's additions stay in R's order, so the rounding is R's).
inline void nm_centroid(double* P, std::size_t n, std::size_t n1, std::size_t h, std::size_t c) noexcept {
  double* out = P + c * n1;  // the centroid column is none of the vertices
  const double* ph = P + h * n1;
  const double dn = static_cast<double>(n);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    double a0 = -ph[i], a1 = -ph[i + 1], a2 = -ph[i + 2], a3 = -ph[i + 3];
    for (std::size_t j = 0; j < n1; ++j) {
      const double* pj = P + j * n1 + i;
      a0 += pj[0];
      a1 += pj[1];
      a2 += pj[2];
      a3 += pj[3];
    }
    out[i] = a0 / dn;
    out[i + 1] = a1 / dn;
    out[i + 2] = a2 / dn;
    out[i + 3] = a3 / dn;
  }
  for (; i < n; ++i) {
    double a = -ph[i];
    for (std::size_t j = 0; j < n1; ++j) a += P[j * n1 + i];
    out[i] = a / dn;
  }
}

/// R's search for the best (L, value VL) and worst (H, value VH) vertices, 1-based, starting from
/// the previous best L: vertex j ≠ L (L as updated so far) becomes the best when its value is below
/// VL and the worst when above VH. Written without branches (the outcomes are unpredictable).
inline void nm_best_worst(const double* P, std::size_t n1, std::size_t& L, double& VL, std::size_t& H,
                          double& VH) noexcept {
  VL = P[(L - 1) * n1 + n1 - 1];
  VH = VL;
  H = L;
  for (std::size_t j = 1; j <= n1; ++j) {
    const double fj = P[(j - 1) * n1 + n1 - 1];
    const bool other = j != L;
    const bool lower = other && fj < VL;
    const bool higher = other && fj > VH;
    L = lower ? j : L;
    VL = lower ? fj : VL;
    H = higher ? j : H;
    VH = higher ? fj : VH;
  }
}

/// Minimises `f` (callable as `double f(std::span<const double>)`) starting from `x`; on return `x`
/// holds the best vertex. Non-finite objective values are scored nm_big (the largest double, nm_score()):
/// worse than every finite value. R's nmmin uses 1e35, which is not: ETS's mean-squared-error
/// criteria (ses, holt, hw, Theta) exceed it on data beyond about 3e17, and R's search then walks
/// out of the admissible region, whose points (+Inf) it scores 1e35 (docs/r-differences.md). For
/// any objective whose finite values stay below 1e35, the two constants give the same path: only
/// the order of the values matters.
///
/// The algorithm: an initial simplex of x and n points each displaced along one coordinate by a
/// common step `max_i 0.1·|x_i|` (0.1 if x = 0); then reflection (coefficient 1), expansion (2) when
/// the reflected point is the best so far, otherwise contraction (0.5) toward the centroid, and a
/// shrink toward the best vertex when the contraction fails and reflection did not improve the
/// worst. Stops when the spread of the vertex values is at most intol·(|f(x0)| + intol) or after
/// `maxit` evaluations.
template <class F>
nmmin_result nmmin(std::span<double> x, F&& f, const nmmin_options& opt, nmmin_workspace& ws) {
  const std::size_t n = x.size();
  nmmin_result res;
  if (opt.maxit <= 0) {
    res.fmin = f(std::span<const double>(x.data(), n));
    res.fncount = 0;
    res.fail = 0;
    return res;
  }
  ws.resize(n);
  const std::size_t n1 = n + 1;
  const std::size_t C = n + 2;  // 1-based column index of the centroid
  double* P = ws.simplex.data();
  // P[i][j] (0-based row i in 0..n, column j in 0..n+1), stored column-major.
  auto at = [P, n1](std::size_t i, std::size_t j) -> double& { return P[j * n1 + i]; };
  double* B = ws.trial.data();
  for (std::size_t i = 0; i < n; ++i) B[i] = x[i];
  auto eval = [&](const double* p) { return nm_score(f(std::span<const double>(p, n))); };

  double fv = f(std::span<const double>(B, n));
  if (!std::isfinite(fv)) {
    res.fail = 2;
    res.fmin = fv;
    res.fncount = 1;
    return res;
  }
  int funcount = 1;
  const double convtol = opt.intol * (std::fabs(fv) + opt.intol);
  at(n1 - 1, 0) = fv;
  for (std::size_t i = 0; i < n; ++i) at(i, 0) = B[i];
  std::size_t L = 1;
  double size = 0.0;
  double step = 0.0;
  for (std::size_t i = 0; i < n; ++i)
    if (0.1 * std::fabs(B[i]) > step) step = 0.1 * std::fabs(B[i]);
  if (step == 0.0) step = 0.1;
  for (std::size_t j = 2; j <= n1; ++j) {
    for (std::size_t i = 0; i < n; ++i) at(i, j - 1) = B[i];
    double trystep = step;
    while (at(j - 2, j - 1) == B[j - 2]) {
      at(j - 2, j - 1) = B[j - 2] + trystep;
      trystep *= 10;
    }
    size += trystep;
  }
  double oldsize = size;
  bool calcvert = true;
  int fail = 0;
  do {
    if (calcvert) {
      for (std::size_t j = 0; j < n1; ++j) {
        if (j + 1 != L) {
          for (std::size_t i = 0; i < n; ++i) B[i] = at(i, j);
          at(n1 - 1, j) = eval(B);
          ++funcount;
        }
      }
      calcvert = false;
    }
    double VL = 0, VH = 0;
    std::size_t H = 0;
    nm_best_worst(P, n1, L, VL, H, VH);
    if (VH <= VL + convtol || VL <= opt.abstol) break;

    // Centroid of all vertices but H: per coordinate −P_H + P_0 + … + P_n (R's summation order),
    // accumulated vertex by vertex so that the coordinates vectorise.
    nm_centroid(P, n, n1, H - 1, C - 1);
    for (std::size_t i = 0; i < n; ++i)
      B[i] = (1.0 + opt.reflect) * at(i, C - 1) - opt.reflect * at(i, H - 1);
    fv = eval(B);
    ++funcount;
    const double VR = fv;
    if (VR < VL) {
      at(n1 - 1, C - 1) = fv;
      for (std::size_t i = 0; i < n; ++i) {
        const double e = opt.expand * B[i] + (1 - opt.expand) * at(i, C - 1);
        at(i, C - 1) = B[i];
        B[i] = e;
      }
      fv = eval(B);
      ++funcount;
      if (fv < VR) {
        for (std::size_t i = 0; i < n; ++i) at(i, H - 1) = B[i];
        at(n1 - 1, H - 1) = fv;
      } else {
        for (std::size_t i = 0; i < n; ++i) at(i, H - 1) = at(i, C - 1);
        at(n1 - 1, H - 1) = VR;
      }
    } else {
      if (VR < VH) {
        for (std::size_t i = 0; i < n; ++i) at(i, H - 1) = B[i];
        at(n1 - 1, H - 1) = VR;
      }
      for (std::size_t i = 0; i < n; ++i)
        B[i] = (1 - opt.contract) * at(i, H - 1) + opt.contract * at(i, C - 1);
      fv = eval(B);
      ++funcount;
      if (fv < at(n1 - 1, H - 1)) {
        for (std::size_t i = 0; i < n; ++i) at(i, H - 1) = B[i];
        at(n1 - 1, H - 1) = fv;
      } else if (VR >= VH) {
        calcvert = true;
        size = 0.0;
        for (std::size_t j = 0; j < n1; ++j) {
          if (j + 1 != L) {
            for (std::size_t i = 0; i < n; ++i) {
              at(i, j) = opt.contract * (at(i, j) - at(i, L - 1)) + at(i, L - 1);
              size += std::fabs(at(i, j) - at(i, L - 1));
            }
          }
        }
        if (size < oldsize) {
          oldsize = size;
        } else {
          fail = 10;
          break;
        }
      }
    }
  } while (funcount <= opt.maxit);

  res.fmin = at(n1 - 1, L - 1);
  for (std::size_t i = 0; i < n; ++i) x[i] = at(i, L - 1);
  if (funcount > opt.maxit) fail = 1;
  res.fail = fail;
  res.fncount = funcount;
  return res;
}

/// nmmin() as a resumable state machine: the caller asks for the points to evaluate
/// (request_count(), request()), evaluates them however it likes (e.g. many optimisations at
/// once, interleaved for instruction-level parallelism) and hands the values back (feed()).
/// The sequence of simplexes, the evaluation count and the result are exactly those of nmmin().
///
/// In speculative mode an iteration requests the reflection, the expansion and both possible
/// contraction points at once (4 points, of which nmmin would evaluate 2); only the ones nmmin
/// evaluates are counted. The objective must be a pure function of the point.
class nmmin_machine {
 public:
  /// Starts a minimisation from `x0`.
  void begin(std::span<const double> x0, const nmmin_options& opt) {
    opt_ = opt;
    n_ = x0.size();
    n1_ = n_ + 1;
    P_.assign((n_ + 1) * (n_ + 2), 0.0);
    req_.assign(std::max<std::size_t>(n_, 4) * n_, 0.0);
    B_.assign(n_, 0.0);
    best_.assign(x0.begin(), x0.end());
    for (std::size_t i = 0; i < n_; ++i) req_[i] = x0[i];
    nreq_ = 1;
    phase_ = phase::f0;
    funcount_ = 0;
    fail_ = 0;
    done_ = false;
  }
  /// Whether the minimisation has ended (result() and best() are then valid).
  [[nodiscard]] bool done() const noexcept { return done_; }
  /// Number of points to evaluate next.
  [[nodiscard]] std::size_t request_count() const noexcept { return done_ ? 0 : nreq_; }
  /// Point `i` of the current request (n values).
  [[nodiscard]] std::span<const double> request(std::size_t i) const noexcept {
    return {req_.data() + i * n_, n_};
  }
  /// Whether the next iteration requests its points speculatively (see the class comment).
  void set_speculative(bool on) noexcept { speculative_ = on; }
  /// The objective values of all requested points, in request order.
  void feed(const double* v) {
    switch (phase_) {
      case phase::f0: on_f0(v[0]); break;
      case phase::vertices: on_vertices(v); break;
      case phase::reflect: on_reflect(v[0]); break;
      case phase::expand: on_expand(v[0]); break;
      case phase::contract: on_contract(v[0]); break;
      case phase::spec: on_spec(v); break;
    }
  }
  [[nodiscard]] nmmin_result result() const noexcept { return res_; }
  /// The best vertex (valid when done()).
  [[nodiscard]] std::span<const double> best() const noexcept { return best_; }

 private:
  enum class phase { f0, vertices, reflect, expand, contract, spec };
  void centroid(double* P, std::size_t n, std::size_t n1, std::size_t h, std::size_t c) noexcept {
    nm_centroid(P, n, n1, h, c);
  }
  double& at(std::size_t i, std::size_t j) noexcept { return P_[j * n1_ + i]; }
  double* req(std::size_t k) noexcept { return req_.data() + k * n_; }

  void on_f0(double f) {
    if (opt_.maxit <= 0) {
      res_ = {f, 0, 0};
      done_ = true;
      return;
    }
    if (!std::isfinite(f)) {
      res_ = {f, 1, 2};
      done_ = true;
      return;
    }
    funcount_ = 1;
    convtol_ = opt_.intol * (std::fabs(f) + opt_.intol);
    at(n1_ - 1, 0) = f;
    for (std::size_t i = 0; i < n_; ++i) at(i, 0) = best_[i];
    L_ = 1;
    double size = 0.0, step = 0.0;
    for (std::size_t i = 0; i < n_; ++i)
      if (0.1 * std::fabs(best_[i]) > step) step = 0.1 * std::fabs(best_[i]);
    if (step == 0.0) step = 0.1;
    for (std::size_t j = 2; j <= n1_; ++j) {
      for (std::size_t i = 0; i < n_; ++i) at(i, j - 1) = best_[i];
      double trystep = step;
      while (at(j - 2, j - 1) == best_[j - 2]) {
        at(j - 2, j - 1) = best_[j - 2] + trystep;
        trystep *= 10;
      }
      size += trystep;
    }
    oldsize_ = size;
    calcvert_ = true;
    loop_top();
  }
  void loop_top() {
    if (calcvert_) {
      std::size_t k = 0;
      for (std::size_t j = 0; j < n1_; ++j) {
        if (j + 1 != L_) {
          for (std::size_t i = 0; i < n_; ++i) req(k)[i] = at(i, j);
          ++k;
        }
      }
      nreq_ = k;
      phase_ = phase::vertices;
      return;
    }
    iterate();
  }
  void on_vertices(const double* v) {
    std::size_t k = 0;
    for (std::size_t j = 0; j < n1_; ++j) {
      if (j + 1 != L_) {
        at(n1_ - 1, j) = nm_score(v[k++]);
        ++funcount_;
      }
    }
    calcvert_ = false;
    iterate();
  }
  void iterate() {
    nm_best_worst(P_.data(), n1_, L_, VL_, H_, VH_);
    if (VH_ <= VL_ + convtol_ || VL_ <= opt_.abstol) {
      finish();
      return;
    }
    const std::size_t C = n_ + 2;
    centroid(P_.data(), n_, n1_, H_ - 1, C - 1);
    for (std::size_t i = 0; i < n_; ++i) B_[i] = (1.0 + opt_.reflect) * at(i, C - 1) - opt_.reflect * at(i, H_ - 1);
    for (std::size_t i = 0; i < n_; ++i) req(0)[i] = B_[i];
    if (speculative_) {
      for (std::size_t i = 0; i < n_; ++i) {
        req(1)[i] = opt_.expand * B_[i] + (1 - opt_.expand) * at(i, C - 1);
        req(2)[i] = (1 - opt_.contract) * B_[i] + opt_.contract * at(i, C - 1);
        req(3)[i] = (1 - opt_.contract) * at(i, H_ - 1) + opt_.contract * at(i, C - 1);
      }
      nreq_ = 4;
      phase_ = phase::spec;
    } else {
      nreq_ = 1;
      phase_ = phase::reflect;
    }
  }
  // Reflection evaluated and better than the best vertex: the expansion point is next.
  void prepare_expand() {
    const std::size_t C = n_ + 2;
    at(n1_ - 1, C - 1) = VR_;
    for (std::size_t i = 0; i < n_; ++i) {
      const double e = opt_.expand * B_[i] + (1 - opt_.expand) * at(i, C - 1);
      at(i, C - 1) = B_[i];
      B_[i] = e;
    }
  }
  void apply_expand(double fE) {
    const std::size_t C = n_ + 2;
    if (fE < VR_) {
      for (std::size_t i = 0; i < n_; ++i) at(i, H_ - 1) = B_[i];
      at(n1_ - 1, H_ - 1) = fE;
    } else {
      for (std::size_t i = 0; i < n_; ++i) at(i, H_ - 1) = at(i, C - 1);
      at(n1_ - 1, H_ - 1) = VR_;
    }
  }
  // Reflection not better than the best vertex: maybe replace the worst, then contract.
  void prepare_contract() {
    const std::size_t C = n_ + 2;
    if (VR_ < VH_) {
      for (std::size_t i = 0; i < n_; ++i) at(i, H_ - 1) = B_[i];
      at(n1_ - 1, H_ - 1) = VR_;
    }
    for (std::size_t i = 0; i < n_; ++i) B_[i] = (1 - opt_.contract) * at(i, H_ - 1) + opt_.contract * at(i, C - 1);
  }
  void apply_contract(double fC) {
    if (fC < at(n1_ - 1, H_ - 1)) {
      for (std::size_t i = 0; i < n_; ++i) at(i, H_ - 1) = B_[i];
      at(n1_ - 1, H_ - 1) = fC;
    } else if (VR_ >= VH_) {
      calcvert_ = true;
      double size = 0.0;
      for (std::size_t j = 0; j < n1_; ++j) {
        if (j + 1 != L_) {
          for (std::size_t i = 0; i < n_; ++i) {
            at(i, j) = opt_.contract * (at(i, j) - at(i, L_ - 1)) + at(i, L_ - 1);
            size += std::fabs(at(i, j) - at(i, L_ - 1));
          }
        }
      }
      if (size < oldsize_) {
        oldsize_ = size;
      } else {
        fail_ = 10;
        finish();
        return;
      }
    }
  }
  void end_iteration() {
    if (done_) return;
    if (funcount_ <= opt_.maxit)
      loop_top();
    else
      finish();
  }
  void on_reflect(double f) {
    VR_ = nm_score(f);
    ++funcount_;
    if (VR_ < VL_) {
      prepare_expand();
      for (std::size_t i = 0; i < n_; ++i) req(0)[i] = B_[i];
      nreq_ = 1;
      phase_ = phase::expand;
    } else {
      prepare_contract();
      for (std::size_t i = 0; i < n_; ++i) req(0)[i] = B_[i];
      nreq_ = 1;
      phase_ = phase::contract;
    }
  }
  void on_expand(double f) {
    ++funcount_;
    apply_expand(nm_score(f));
    end_iteration();
  }
  void on_contract(double f) {
    ++funcount_;
    apply_contract(nm_score(f));
    end_iteration();
  }
  void on_spec(const double* v) {
    VR_ = nm_score(v[0]);
    ++funcount_;
    if (VR_ < VL_) {
      prepare_expand();
      ++funcount_;
      apply_expand(nm_score(v[1]));
    } else {
      const bool replaced = VR_ < VH_;
      prepare_contract();
      ++funcount_;
      apply_contract(nm_score(v[replaced ? 2 : 3]));
    }
    end_iteration();
  }
  void finish() {
    res_.fmin = at(n1_ - 1, L_ - 1);
    for (std::size_t i = 0; i < n_; ++i) best_[i] = at(i, L_ - 1);
    if (funcount_ > opt_.maxit) fail_ = 1;
    res_.fail = fail_;
    res_.fncount = funcount_;
    done_ = true;
  }

  nmmin_options opt_;
  std::size_t n_ = 0, n1_ = 0, nreq_ = 0, L_ = 1, H_ = 1;
  std::vector<double> P_, req_, B_, best_;
  double convtol_ = 0, oldsize_ = 0, VL_ = 0, VH_ = 0, VR_ = 0;
  int funcount_ = 0, fail_ = 0;
  bool calcvert_ = false, done_ = false, speculative_ = false;
  phase phase_ = phase::f0;
  nmmin_result res_;
};

}  // namespace tradecast::forecast::detail
