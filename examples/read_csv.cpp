// Reads a user's long CSV file (series,period,value,...) and prints each series' latest
// year-on-year growth. Bad input is reported with file, line and column.
#include <cstdio>
#include <exception>

#include <tradecast/core.hpp>
#include <tradecast/growth.hpp>
#include <tradecast/io.hpp>

int main(int argc, char** argv) {
  using namespace tradecast;
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE.csv\n", argv[0]);
    return 2;
  }
  try {
    const series_collection data = io::read_long_csv(argv[1]);
    for (const series& s : data) {
      const series yoy = growth::year_on_year(s);
      const std::size_t last = s.size() - 1;
      const period now = s.period_at(last);
      const period before = now - periods_per_year(s.freq());
      std::printf("%s: %s, %s -> %s: ", s.id().c_str(), s.span_text().c_str(), before.to_string().c_str(),
                  now.to_string().c_str());
      if (yoy.is_missing(last))
        std::printf("n/a (%s)\n", yoy.note(last)->c_str());
      else
        std::printf("%+.2f%%\n", yoy[last]);
    }
  } catch (const parse_error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  return 0;
}
