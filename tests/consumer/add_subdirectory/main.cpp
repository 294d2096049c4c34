#include <cstdio>

#include <tradecast/data.hpp>
#include <tradecast/growth.hpp>
#include <tradecast/version.hpp>

int main() {
  const auto& s = tradecast::data::vietnam_japan().at("vnm_jpn_total");
  const auto yoy = tradecast::growth::year_on_year(s);
  std::printf("tradecast %s: vnm_jpn_total 2023 yoy %.6f\n", tradecast::version_string,
              yoy.value_at(tradecast::period::annual(2023)));
  return 0;
}
