#!/usr/bin/env bash
# Fits MovieLens latest-small with three seeds, generates three twins of each and evaluates every twin against the
# real log (the table "Twins fitted with --holdout 0.2" in docs/evaluation.md). Extra arguments go to `fit`,
# e.g. scripts/evaluate-twins.sh --sharpness 24. FITS="42" and TWINS="42 1 2" choose the seeds; SCALE=10 generates
# each twin at ten times the log's users; IMPLICIT=1 fits the log with ratings as play weights and no time column;
# CHOICE="preference: 0.65, popularity: 0, exploration: 0.35" replaces the twin's choice mix after the fit (the
# measurements of "Taste-independent picks" in docs/evaluation.md).
# About 25 s a twin on 2 cores at the log's size.
set -euo pipefail
cd "$(dirname "$0")/.."
data=tests/data/movielens-latest-small
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/RecForge.Cli -c Release -v quiet -nologo >/dev/null
cli=(dotnet src/RecForge.Cli/bin/Release/net10.0/recforge.dll)
log="$data/ratings.csv"
columns=(--items "$data/movies.csv")
if [[ "${IMPLICIT:-0}" == 1 ]]; then
  python3 - "$log" "$work/plays.csv" <<'PY'
import csv, sys
rows = csv.DictReader(open(sys.argv[1]))
out = csv.writer(open(sys.argv[2], "w", newline=""))
out.writerow(["userId", "movieId", "plays"])
for r in rows:
    out.writerow([r["userId"], r["movieId"], int(float(r["rating"]) * 2)])
PY
  log="$work/plays.csv"
  columns=(--weight plays)
fi
size=()
if [[ -n "${SCALE:-}" ]]; then size=(--users $((610 * SCALE))); fi
printf '%-5s %-5s %8s %6s %6s %6s %6s %5s %6s %6s %8s %8s %6s\n' fit twin fidelity pop knn als ease tau dcr auc coverage rare popks
for fit in ${FITS:-42 7 11}; do
  "${cli[@]}" fit "$log" "${columns[@]}" --holdout 0.2 --seed "$fit" --out "$work/twin.yaml" "$@" >/dev/null
  if [[ -n "${CHOICE:-}" ]]; then
    sed -i "s/choice: { preference: 1, popularity: 0, exploration: 0,/choice: { ${CHOICE},/" "$work/twin.yaml"
    grep -qF "choice: { ${CHOICE}," "$work/twin.yaml" || { echo "evaluate-twins.sh: CHOICE did not replace the twin's choice mix" >&2; exit 2; }
  fi
  for twin in ${TWINS:-42 1 2}; do
    rm -rf "$work/out"
    "${cli[@]}" generate "$work/twin.yaml" --out "$work/out" --seed "$twin" "${size[@]}" >/dev/null 2>&1
    "${cli[@]}" evaluate --real "$log" --synthetic "$work/out" --scenario "$work/twin.yaml" "${columns[@]}" \
      --report "$work/eval.html" >/dev/null
    python3 - "$work/eval.json" "$fit" "$twin" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
u = {x["model"]: x["ndcg_ratio"] for x in r["report"]["utility"]}
p = r["report"]["privacy"]
t = r["report"]["long_tail"]
f = next((x["score"] for x in r["report"]["fidelity"] if x["name"] == "popularity_per_item"), float("nan"))
print(f'{sys.argv[2]:<5} {sys.argv[3]:<5} {r["fidelity_overall"]:8.3f} {u["most_popular"]:6.3f} {u["item_knn"]:6.3f} {u["als"]:6.3f} {u["ease"]:6.3f} '
      f'{r["kendall_tau"]:5.2f} {p["dcr_ratio"]:6.3f} {p["membership_auc"]:6.3f} {t["synthetic_coverage"]:8.1%} {t["synthetic_rare"]:8.1%} {f:6.3f}'
      f'   (real coverage {t["real_coverage"]:.1%}, rare {t["real_rare"]:.1%}; copied {p["copied_share"]:.2%})')
PY
  done
done
