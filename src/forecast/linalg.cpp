// SPDX-License-Identifier: MIT
#include "tradecast/forecast/detail/linalg.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

namespace tradecast::forecast::detail {
namespace {

Eigen::Map<const Eigen::MatrixXd> as_matrix(std::span<const double> X, std::size_t n, std::size_t k) {
  return {X.data(), static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(k)};
}

}  // namespace

std::optional<double> max_root_modulus(std::span<const double> c) {
  const std::size_t deg = c.size() - 1;
  const auto N = static_cast<Eigen::Index>(deg);
  Eigen::MatrixXd comp = Eigen::MatrixXd::Zero(N, N);
  for (Eigen::Index i = 1; i < N; ++i) comp(i, i - 1) = 1.0;
  for (Eigen::Index i = 0; i < N; ++i) comp(i, N - 1) = -c[static_cast<std::size_t>(i)] / c[deg];
  const Eigen::EigenSolver<Eigen::MatrixXd> es(comp, false);
  if (es.info() != Eigen::Success) return std::nullopt;
  double mx = 0;
  for (Eigen::Index i = 0; i < N; ++i) mx = std::max(mx, std::abs(es.eigenvalues()[i]));
  return mx;
}

std::vector<double> lsq_colpiv(std::span<const double> X, std::size_t n, std::size_t k, std::span<const double> y) {
  const Eigen::Map<const Eigen::VectorXd> Y(y.data(), static_cast<Eigen::Index>(n));
  const Eigen::VectorXd coef = as_matrix(X, n, k).colPivHouseholderQr().solve(Y);
  return {coef.data(), coef.data() + coef.size()};
}

std::vector<double> lsq_rss_columns(std::span<const double> X, std::size_t n, std::size_t k,
                                    std::span<const double> Z, std::size_t count) {
  const auto A = as_matrix(X, n, k);
  const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(A);
  std::vector<double> out(count);
  for (std::size_t j = 0; j < count; ++j) {
    const Eigen::Map<const Eigen::VectorXd> z(Z.data() + j * n, static_cast<Eigen::Index>(n));
    const Eigen::VectorXd resid = z - A * qr.solve(z);
    out[j] = resid.squaredNorm();
  }
  return out;
}

time_line_ols ols_on_time(std::span<const double> x) {
  const auto n = static_cast<Eigen::Index>(x.size());
  Eigen::MatrixXd X(n, 2);
  Eigen::VectorXd yv(n);
  for (Eigen::Index t = 0; t < n; ++t) {
    X(t, 0) = 1.0;
    X(t, 1) = static_cast<double>(t + 1);
    yv(t) = x[static_cast<std::size_t>(t)];
  }
  const Eigen::HouseholderQR<Eigen::MatrixXd> qr(X);
  const Eigen::Vector2d beta = qr.solve(yv);
  const Eigen::Matrix2d r = qr.matrixQR().topLeftCorner(2, 2).triangularView<Eigen::Upper>();
  const Eigen::Matrix2d rinv = r.inverse();
  const Eigen::Matrix2d v = rinv * rinv.transpose();
  return {beta(0), beta(1), {v(0, 0), v(0, 1), v(1, 1)}};
}

double normal_quantile(double p) { return boost::math::quantile(boost::math::normal_distribution<double>(), p); }

double students_t_quantile(double p, double df) {
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
}

}  // namespace tradecast::forecast::detail
