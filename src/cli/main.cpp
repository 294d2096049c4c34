// SPDX-License-Identifier: MIT
// tradecast: command-line front end of the library.
#include <exception>
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "tradecast/error.hpp"
#include "tradecast/version.hpp"

namespace {
// A message as printed: control characters from the input (an escape sequence in a series id or
// unit, say) written as \xNN rather than sent to the terminal; line breaks and tabs kept.
std::string shown(const char* what) {
  std::string out;
  for (const char* p = what; *p; ++p) {
    const auto u = static_cast<unsigned char>(*p);
    if ((u < 0x20 && *p != '\n' && *p != '\t') || u == 0x7f) out += fmt::format("\\x{:02x}", u);
    else out += *p;
  }
  return out;
}
}  // namespace

int main(int argc, char** argv) {
  using namespace tradecast::cli;
  CLI::App app{"tradecast: trade-statistics analytics and forecasting.\n"
               "Commands other than evaluate read the embedded Vietnam-Japan data unless --input FILE is given.",
               "tradecast"};
  app.set_version_flag("--version", std::string(tradecast::version_string));
  app.require_subcommand(1);
  // CLI11's own errors (an unknown option, a missing value) in the form of every other error.
  app.failure_message([](const CLI::App* a, const CLI::Error& e) {
    std::string help = "tradecast --help";
    for (const CLI::App* sub : a->get_subcommands()) help = "tradecast " + sub->get_name() + " --help";
    return fmt::format("tradecast: error: {}\nRun '{}' for the options.\n", e.what(), help);
  });
  runner run;
  add_series_command(app, run);
  add_show_command(app, run);
  add_growth_command(app, run);
  add_forecast_command(app, run);
  add_evaluate_command(app, run);
  add_backtest_command(app, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_bad_input;
  }
  try {
    return run();
  } catch (const tradecast::parse_error& e) {
    std::cerr << "tradecast: error: " << shown(e.what()) << "\n";
    return exit_bad_input;
  } catch (const tradecast::error& e) {
    std::cerr << "tradecast: error: " << shown(e.what()) << "\n";
    return exit_bad_input;
  } catch (const std::exception& e) {
    std::cerr << "tradecast: internal error: " << shown(e.what()) << "\n";
    return 1;
  }
}
