// SPDX-License-Identifier: MIT
// Subcommands of the tradecast tool. Each adds itself to the app and sets `run` when selected.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace tradecast::cli {

using runner = std::function<int()>;

void add_series_command(CLI::App& app, runner& run);
void add_show_command(CLI::App& app, runner& run);
void add_growth_command(CLI::App& app, runner& run);
void add_forecast_command(CLI::App& app, runner& run);
void add_evaluate_command(CLI::App& app, runner& run);
void add_backtest_command(CLI::App& app, runner& run);

}  // namespace tradecast::cli
