#!/usr/bin/env bash
# Renders the HTML reports in headless Chromium and saves screenshots under docs/: the validation report of a media
# dataset (docs/validation-report.png), the evaluate report of a MovieLens twin (docs/evaluation-report.png) and the
# score report of a media dataset with its ground truth (docs/score-report.png).
# Usage: scripts/render-reports.sh [work-dir]     (default out/reports)
# Installs Debian's chromium with apt when it is missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-out/reports}"
if ! command -v chromium > /dev/null; then
  apt-get update -qq && apt-get install -y --no-install-recommends chromium > /dev/null
fi
dotnet build src/RecForge.Cli -c Release > /dev/null
recforge=(dotnet src/RecForge.Cli/bin/Release/net10.0/recforge.dll)
shot() { # html png height
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="1240,$3" \
    --screenshot="$(realpath -m "$2")" "file://$(realpath "$1")" 2> /dev/null
  echo "screenshot: $2"
}

mkdir -p "$work"
[ -f "$work/media/_manifest.json" ] || "${recforge[@]}" generate media --out "$work/media" > /dev/null
"${recforge[@]}" validate "$work/media" --out "$work/media/_report" > /dev/null || true
shot "$work/media/_report/report.html" docs/validation-report.png 3600

D=tests/data/movielens-latest-small
"${recforge[@]}" fit "$D/ratings.csv" --items "$D/movies.csv" --holdout 0.2 --out "$work/twin.yaml" > /dev/null
rm -rf "$work/twin" && "${recforge[@]}" generate "$work/twin.yaml" --out "$work/twin" > /dev/null
"${recforge[@]}" evaluate --real "$D/ratings.csv" --synthetic "$work/twin" --scenario "$work/twin.yaml" --items "$D/movies.csv" \
  --report "$work/eval.html" > /dev/null
shot "$work/eval.html" docs/evaluation-report.png 2600

rm -rf "$work/media-truth" && "${recforge[@]}" generate media --ground-truth --out "$work/media-truth" > /dev/null
"${recforge[@]}" score "$work/media-truth" --report "$work/score.html" > /dev/null
shot "$work/score.html" docs/score-report.png 1500
