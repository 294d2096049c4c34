// Year-on-year growth of the embedded Vietnam-Japan total trade, with the 2022-2024 CAGR.
// Uses only the installed API: find_package(tradecast) + tradecast::tradecast.
#include <cstdio>

#include <tradecast/core.hpp>
#include <tradecast/data.hpp>
#include <tradecast/growth.hpp>

int main() {
  using namespace tradecast;
  const series& total = data::vietnam_japan().at("vnm_jpn_total");
  const series yoy = growth::year_on_year(total);

  std::printf("%s (%s)\n", total.meta().name.c_str(), total.meta().unit.label().c_str());
  for (std::size_t i = 0; i < total.size(); ++i) {
    if (total.period_at(i).year() < 2019) continue;
    if (total.is_missing(i)) {
      std::printf("%s  %8s  %s\n", total.period_at(i).to_string().c_str(), "n/a", total.note(i)->c_str());
      continue;
    }
    std::printf("%s  %8.3f  ", total.period_at(i).to_string().c_str(), total[i]);
    if (yoy.is_missing(i))
      std::printf("(%s)\n", yoy.note(i)->c_str());
    else
      std::printf("%+.2f%%\n", yoy[i]);
  }
  const growth::rate c = growth::cagr(total, period::annual(2022), period::annual(2024));
  std::printf("CAGR %s-%s: %+.2f%%\n", c.from.to_string().c_str(), c.to.to_string().c_str(), c.value);
  return 0;
}
