// Compiled (never run) with -Wall -Wextra -Werror by the test "header.designated_initializers":
// a user who writes a public aggregate with C++20 designated initializers, naming only the fields
// they care about, must not get -Wmissing-field-initializers (part of -Wextra) for the others.
// GCC warns for every omitted member without a default member initializer, so each member of a
// public struct carries one ("{}" where the type's own default is meant). One designator per
// struct checks all of that struct's other members; a new public struct belongs here too.
#include <tradecast/batch.hpp>
#include <tradecast/chart.hpp>
#include <tradecast/core.hpp>
#include <tradecast/data.hpp>
#include <tradecast/eval.hpp>
#include <tradecast/forecast.hpp>
#include <tradecast/growth.hpp>
#include <tradecast/io.hpp>

namespace tc = tradecast;
namespace fc = tradecast::forecast;

int main() {
  const double y[] = {1, 2, 3};
  [[maybe_unused]] tc::batch::batch_input a1{.id = "a"};
  [[maybe_unused]] tc::batch::series_result a2{.id = "a"};
  [[maybe_unused]] tc::batch::batch_result a3{.series = {}};
  [[maybe_unused]] tc::batch::batch_options a4{.threads = 1};
  [[maybe_unused]] tc::chart::fan_chart_options a5{.width = 800};
  [[maybe_unused]] tc::bridged_gap a6{.first = tc::period::annual(2020)};
  [[maybe_unused]] tc::bridged_series a7{.gaps = {}};
  [[maybe_unused]] tc::series_metadata a8{.id = "vnm_jpn_total"};
  [[maybe_unused]] tc::unit a9{.measure = "USD"};
  [[maybe_unused]] tc::eval::interval_bounds b1{.level = 80};
  [[maybe_unused]] tc::eval::accuracy b2{.me = 0};
  [[maybe_unused]] tc::eval::scale_pair b3{.mean_abs = 1};
  [[maybe_unused]] tc::eval::excluded_value b4{.measure = "MASE"};
  [[maybe_unused]] tc::eval::set_accuracy b5{.series = 1};
  [[maybe_unused]] tc::eval::naive2_result b6{.model = {}};
  [[maybe_unused]] tc::eval::rolling_options b7{.h = 2};
  [[maybe_unused]] tc::eval::origin_forecast b8{.origin = 1};
  [[maybe_unused]] tc::eval::step_accuracy b9{.step = 1};
  [[maybe_unused]] tc::eval::rolling_result c1{.origins = {}};
  [[maybe_unused]] fc::method_spec c2{.name = "ets"};
  [[maybe_unused]] fc::forecast_options c3{.levels = {90}};
  [[maybe_unused]] fc::model_forecast c4{.model = {}};
  [[maybe_unused]] fc::forecast_job c5{.y = y};
  [[maybe_unused]] fc::forecast_outcome c6{.result = {}};
  [[maybe_unused]] fc::reusable_fit c7{.spec = {}};
  [[maybe_unused]] fc::usable_span c8{.first = 0};
  [[maybe_unused]] fc::ets_spec c9{.error = 'A'};
  [[maybe_unused]] fc::ets_candidate d1{.method = "ETS(A,N,N)"};
  [[maybe_unused]] fc::ets_fit d2{.error = 'A'};
  [[maybe_unused]] fc::ets_forecast_options d3{.simulate = true};
  [[maybe_unused]] fc::ets_series_job d4{.y = y};
  [[maybe_unused]] fc::ets_series_fits d5{.fits = {}};
  [[maybe_unused]] fc::prediction_interval d6{.level = 80};
  [[maybe_unused]] fc::forecast_values d7{.mean = {1.0}};
  [[maybe_unused]] fc::model_info d8{.method = "Naive method"};
  [[maybe_unused]] fc::forecast_result d9{.meta = {}};
  [[maybe_unused]] fc::seasonality_options e1{.critical_value = 1.96};
  [[maybe_unused]] fc::seasonality_test e2{.seasonal = true};
  [[maybe_unused]] fc::seasonal_adjustment e3{.m = 4};
  [[maybe_unused]] fc::simple_fit e4{.method = fc::simple_method::naive};
  [[maybe_unused]] fc::theta_spec e5{.alpha = 0.5};
  [[maybe_unused]] fc::theta_fit e6{.n = 3};
  [[maybe_unused]] tc::growth::run_rate e7{.value = 1};
  [[maybe_unused]] tc::growth::rate e8{.value = 1};
  [[maybe_unused]] tc::io::csv_record e9{.line = 1};
  [[maybe_unused]] tc::io::wide_row f1{.id = "N0001"};
  [[maybe_unused]] tc::io::wide_info f2{.id = "N0001"};
  [[maybe_unused]] tc::io::wide_series f3{.id = "N0001"};
  [[maybe_unused]] tc::io::wide_set f4{.series = {}};
  // The README's examples (compiled here; the unit tests run the same calls).
  const tc::series& s = tc::data::vietnam_japan().at("vnm_jpn_total");
  const auto fit = fc::fit_series(s, "auto");
  [[maybe_unused]] auto to2030 = fit.forecast(6);
  [[maybe_unused]] auto fan = fit.forecast(10, {.levels = {50, 80, 95, 99}});
  [[maybe_unused]] auto empty_braces = fit.forecast(6, {});  // not ambiguous: the options at their defaults
  [[maybe_unused]] fc::forecast_options g1{.levels = {90}, .lambda = 0.0};
  [[maybe_unused]] fc::ets_spec g2{.error = 'M', .trend = 'A', .damped = true};
  return 0;
}
