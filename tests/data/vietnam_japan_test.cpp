#include <cmath>

#include <gtest/gtest.h>

#include "tradecast/data/vietnam_japan.hpp"

using namespace tradecast;

TEST(EmbeddedData, DefaultSeriesCombinesDotsAndVna) {
  const series& s = data::vietnam_japan().at(data::default_series_id);
  EXPECT_EQ(s.start(), period::annual(1990));
  EXPECT_EQ(s.end(), period::annual(2024));
  EXPECT_EQ(s.meta().unit.label(), "USD billions");
  EXPECT_EQ(s.meta().flow, trade_flow::total_trade);
  EXPECT_EQ(s.meta().reporter, "VNM");
  // IMF DOTS, reported by Vietnam: 39,873.856 and 39,613.260 US$ millions.
  EXPECT_DOUBLE_EQ(s.value_at(period::annual(2019)), 39.873856);
  EXPECT_DOUBLE_EQ(s.value_at(period::annual(2020)), 39.613260);
  EXPECT_DOUBLE_EQ(s.value_at(period::annual(1990)), 0.509292);
  // 2021 is in neither source and stays missing, with the reason.
  const std::size_t i2021 = *s.index_of(period::annual(2021));
  EXPECT_TRUE(s.is_missing(i2021));
  EXPECT_NE(s.note(i2021)->find("not in the IMF DOTS extract"), std::string::npos);
  // Vietnam News Agency figures, from a different publication.
  EXPECT_DOUBLE_EQ(s.value_at(period::annual(2022)), 47.6);
  EXPECT_DOUBLE_EQ(s.value_at(period::annual(2023)), 44.98);
  EXPECT_DOUBLE_EQ(s.value_at(period::annual(2024)), 46.2);
  EXPECT_NE(s.source(*s.index_of(period::annual(2022))).find("Vietnam News Agency"), std::string::npos);
  EXPECT_NE(s.source(*s.index_of(period::annual(2020))).find("IMF Direction of Trade Statistics"), std::string::npos);
  EXPECT_EQ(s.count_present(), 34u);  // 1990-2020 and 2022-2024
}

TEST(EmbeddedData, QuarterAndFlows) {
  const auto& c = data::vietnam_japan();
  const series& q = c.at("vnm_jpn_total_q");
  EXPECT_EQ(q.freq(), frequency::quarterly);
  EXPECT_EQ(q.start(), period::quarterly(2025, 1));
  EXPECT_EQ(q.size(), 1u);
  EXPECT_DOUBLE_EQ(q[0], 12.0);
  // Mirror flows 2019 (US$ millions in DOTS): VN->JP 20,333.609 (VN, FOB), 22,476.199 (JP, CIF).
  EXPECT_DOUBLE_EQ(c.at("vnm_exports_to_jpn").value_at(period::annual(2019)), 20.333609);
  EXPECT_DOUBLE_EQ(c.at("jpn_imports_from_vnm").value_at(period::annual(2019)), 22.476199);
  EXPECT_DOUBLE_EQ(c.at("vnm_imports_from_jpn").value_at(period::annual(2020)), 20.344911);
  EXPECT_DOUBLE_EQ(c.at("jpn_exports_to_vnm").value_at(period::annual(2020)), 17.034601);
  EXPECT_EQ(c.at("jpn_exports_to_vnm").meta().reporter, "JPN");
  // The two flows reported by Vietnam add up to its reported total (DOTS, 2020: 39,613.260).
  const double sum = c.at("vnm_exports_to_jpn").value_at(period::annual(2020)) +
                     c.at("vnm_imports_from_jpn").value_at(period::annual(2020));
  EXPECT_NEAR(sum, c.at("vnm_jpn_total").value_at(period::annual(2020)), 1e-6);
  EXPECT_EQ(c.size(), 7u);
  for (const series& s : c) EXPECT_FALSE(s.meta().name.empty()) << s.id();
}
