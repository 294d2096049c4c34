#!/usr/bin/env bash
# Regenerates data/vietnam_japan.csv (the embedded data set) from data/source/ and the Vietnam News
# Agency figures below. Run from the repository root: data/make_vietnam_japan.sh
set -euo pipefail
cd "$(dirname "$0")"
dots="IMF Direction of Trade Statistics (DOTS), annual"
vna="Vietnam News Agency (VNA), April 2025 report on the Japanese Prime Minister's visit; a different publication from IMF DOTS"
{
  echo "series,period,value,unit,status,source,note"
  # Columns of the mirror table (US$ millions): year, VN exports to JP (VN-reported, FOB),
  # JP imports from VN (JP-reported, CIF), VN imports from JP (VN-reported, CIF),
  # JP exports to VN (JP-reported, FOB), total as reported by VN, total as reported by JP.
  awk -F, -v dots="$dots" 'NR > 1 && $1 >= 1990 {
    printf "vnm_jpn_total,%s,%.6f,USD billions,,\"%s, as reported by Vietnam\",\n", $1, $6/1000, dots
  }' source/imf_dots_VNM_JPN_bilateral_mirror_annual.csv
  echo "vnm_jpn_total,2021,,USD billions,missing,,\"not in the IMF DOTS extract (ends 2020) nor in the VNA report (starts 2022)\""
  echo "vnm_jpn_total,2022,47.6,USD billions,,\"$vna\","
  echo "vnm_jpn_total,2023,44.98,USD billions,,\"$vna\","
  echo "vnm_jpn_total,2024,46.2,USD billions,,\"$vna\",\"VNA: up 2.7% from 2023\""
  echo "vnm_jpn_total_q,2025-Q1,12,USD billions,,\"$vna\",\"first quarter of 2025, rounded press figure\""
  awk -F, -v dots="$dots" 'NR > 1 && $1 >= 1990 {
    printf "vnm_jpn_total_rep_jpn,%s,%.6f,USD billions,,\"%s, as reported by Japan\",\n", $1, $7/1000, dots
    printf "vnm_exports_to_jpn,%s,%.6f,USD billions,,\"%s, as reported by Vietnam (FOB)\",\n", $1, $2/1000, dots
    printf "vnm_imports_from_jpn,%s,%.6f,USD billions,,\"%s, as reported by Vietnam (CIF)\",\n", $1, $4/1000, dots
    printf "jpn_exports_to_vnm,%s,%.6f,USD billions,,\"%s, as reported by Japan (FOB)\",\n", $1, $5/1000, dots
    printf "jpn_imports_from_vnm,%s,%.6f,USD billions,,\"%s, as reported by Japan (CIF)\",\n", $1, $3/1000, dots
  }' source/imf_dots_VNM_JPN_bilateral_mirror_annual.csv | sort -t, -k1,1 -s
} > vietnam_japan.csv
echo "wrote data/vietnam_japan.csv ($(wc -l < vietnam_japan.csv) lines)"
