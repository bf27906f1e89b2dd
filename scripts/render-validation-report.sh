#!/usr/bin/env bash
# Renders the validation report of a media dataset in headless Chromium and saves a screenshot.
# Usage: scripts/render-validation-report.sh [dataset-dir] [screenshot.png]
# Installs Debian's chromium with apt when it is missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
dataset="${1:-out/media}"
shot="${2:-docs/validation-report.png}"
if ! command -v chromium > /dev/null; then
  apt-get update -qq && apt-get install -y --no-install-recommends chromium > /dev/null
fi
dotnet build src/RecForge.Cli -c Release > /dev/null
recforge=(dotnet src/RecForge.Cli/bin/Release/net10.0/recforge.dll)
[ -f "$dataset/_manifest.json" ] || "${recforge[@]}" generate media --out "$dataset" > /dev/null
"${recforge[@]}" validate "$dataset" --out "$dataset/_report" || true
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1240,3300 \
  --screenshot="$(realpath -m "$shot")" "file://$(realpath "$dataset/_report/report.html")" 2> /dev/null
echo "screenshot: $shot"
