#!/usr/bin/env bash
# Line counts of the C# source files under src/ (obj/ and bin/ excluded): files, median, 90th percentile, largest.
# Usage: scripts/source-sizes.sh [folder]
set -euo pipefail
cd "$(dirname "$0")/.."
find "${1:-src}" -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' -print0 | xargs -0 wc -l | grep -v ' total$' \
  | awk '{print $1}' | sort -n \
  | awk '{a[NR] = $1} END {printf "files %d, median %d, p90 %d, max %d\n", NR, a[int((NR + 1) / 2)], a[int(NR * 0.9 + 0.5)], a[NR]}'
