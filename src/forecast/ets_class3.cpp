// SPDX-License-Identifier: MIT
// Class-3 ETS forecast moments (declared in tradecast/forecast/detail/ets_forecast.hpp).
#include <Eigen/Dense>

#include "tradecast/forecast/detail/ets_forecast.hpp"

namespace tradecast::forecast::detail {
namespace {

/// Kronecker product.
Eigen::MatrixXd ets_kron(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  Eigen::MatrixXd out(a.rows() * b.rows(), a.cols() * b.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j) out.block(i * b.rows(), j * b.cols(), b.rows(), b.cols()) = a(i, j) * b;
  return out;
}

}  // namespace

ets_moments ets_class3(const ets_forecast_input& in, int h) {
  const Eigen::Index m = in.m;
  const Eigen::Index p1 = in.trend == ets_none ? 1 : 2;
  const double s2 = in.sigma2;
  Eigen::MatrixXd H1 = Eigen::MatrixXd::Ones(1, p1);
  Eigen::MatrixXd H2 = Eigen::MatrixXd::Zero(1, m);
  H2(0, m - 1) = 1;
  Eigen::MatrixXd F1(p1, p1), G1(p1, p1);
  if (p1 == 1) {
    F1(0, 0) = 1;
    G1(0, 0) = in.par.alpha;
  } else {
    F1 << 1, 1, 0, (in.damped ? in.par.phi : 1.0);
    G1 << in.par.alpha, in.par.alpha, in.par.beta, in.par.beta;
  }
  Eigen::MatrixXd F2 = Eigen::MatrixXd::Zero(m, m);
  F2(0, m - 1) = 1;
  for (Eigen::Index k = 1; k < m; ++k) F2(k, k - 1) = 1;
  Eigen::MatrixXd G2 = Eigen::MatrixXd::Zero(m, m);
  G2(0, m - 1) = in.par.gamma;
  Eigen::MatrixXd Mh(p1, m);
  for (Eigen::Index i = 0; i < p1; ++i)
    for (Eigen::Index j = 0; j < m; ++j)
      Mh(i, j) = in.last_state[static_cast<std::size_t>(i)] * in.last_state[static_cast<std::size_t>(p1 + j)];
  const Eigen::Index q = p1 * m;
  Eigen::MatrixXd Vh = Eigen::MatrixXd::Zero(q, q);
  const Eigen::MatrixXd H21 = ets_kron(H2, H1);
  const Eigen::MatrixXd F21 = ets_kron(F2, F1);
  const Eigen::MatrixXd G21 = ets_kron(G2, G1);
  const Eigen::MatrixXd K = ets_kron(G2, F1) + ets_kron(F2, G1);
  ets_moments out;
  out.mean.resize(static_cast<std::size_t>(h));
  out.var.resize(static_cast<std::size_t>(h));
  for (int i = 0; i < h; ++i) {
    const double mu = (H1 * Mh * H2.transpose())(0, 0);
    out.mean[static_cast<std::size_t>(i)] = mu;
    out.var[static_cast<std::size_t>(i)] = (1 + s2) * (H21 * Vh * H21.transpose())(0, 0) + s2 * mu * mu;
    const Eigen::Map<const Eigen::VectorXd> v(Mh.data(), q);  // vec(Mh), column-major
    const Eigen::MatrixXd vv = v * v.transpose();
    const Eigen::MatrixXd FV = F21 * Vh;
    const Eigen::MatrixXd GV = G21 * Vh;
    Eigen::MatrixXd Vn = FV * F21.transpose() +
                         s2 * (FV * G21.transpose() + GV * F21.transpose() + K * (Vh + vv) * K.transpose() +
                               s2 * G21 * (3 * Vh + 2 * vv) * G21.transpose());
    Eigen::MatrixXd Mn = F1 * Mh * F2.transpose() + G1 * Mh * G2.transpose() * s2;
    Vh = std::move(Vn);
    Mh = std::move(Mn);
  }
  return out;
}

}  // namespace tradecast::forecast::detail
