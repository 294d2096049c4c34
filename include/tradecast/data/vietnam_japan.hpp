// SPDX-License-Identifier: MIT
/// \file data/vietnam_japan.hpp
/// The embedded reference data set: Vietnam-Japan bilateral trade.
///
/// Series (all USD billions, current prices):
/// - `vnm_jpn_total` (the default): total trade as reported by Vietnam, 1990-2020 from IMF DOTS,
///   2021 missing, 2022-2024 from the Vietnam News Agency (47.6, 44.98, 46.2).
/// - `vnm_jpn_total_q`: quarterly, only 2025-Q1 = 12 (Vietnam News Agency).
/// - `vnm_jpn_total_rep_jpn`: total trade as reported by Japan, 1990-2020 (IMF DOTS).
/// - `vnm_exports_to_jpn`, `vnm_imports_from_jpn` (reported by Vietnam), `jpn_exports_to_vnm`,
///   `jpn_imports_from_vnm` (reported by Japan), 1990-2020 (IMF DOTS).
/// Every observation carries its source. See data/README.md for the provenance.
#pragma once

#include <string_view>

#include "tradecast/core/collection.hpp"

namespace tradecast::data {

/// Id of the series every command uses when none is given.
inline constexpr std::string_view default_series_id = "vnm_jpn_total";

/// The embedded Vietnam-Japan collection, parsed on first use (thread-safe) and shared.
[[nodiscard]] const series_collection& vietnam_japan();

}  // namespace tradecast::data
