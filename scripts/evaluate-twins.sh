#!/usr/bin/env bash
# Fits MovieLens latest-small with three seeds, generates three twins of each and evaluates every twin against the
# real log (the table "Twins fitted with --holdout 0.2" in docs/evaluation.md). Extra arguments go to `fit`,
# e.g. scripts/evaluate-twins.sh --sharpness 24. About 25 s a twin on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
data=tests/data/movielens-latest-small
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/RecForge.Cli -c Release -v quiet -nologo >/dev/null
cli=(dotnet src/RecForge.Cli/bin/Release/net10.0/recforge.dll)
printf '%-6s %-6s %9s %8s %8s %8s %6s %8s %7s %6s\n' fit twin fidelity pop knn ease order dcr copied auc
for fit in 42 7 11; do
  "${cli[@]}" fit "$data/ratings.csv" --items "$data/movies.csv" --holdout 0.2 --seed "$fit" --out "$work/twin.yaml" "$@" >/dev/null
  for twin in 42 1 2; do
    rm -rf "$work/out"
    "${cli[@]}" generate "$work/twin.yaml" --out "$work/out" --seed "$twin" >/dev/null 2>&1
    "${cli[@]}" evaluate --real "$data/ratings.csv" --synthetic "$work/out" --scenario "$work/twin.yaml" --items "$data/movies.csv" \
      --report "$work/eval.html" >/dev/null
    python3 - "$work/eval.json" "$fit" "$twin" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
u = {x["model"]: x["ndcg_ratio"] for x in r["report"]["utility"]}
p = r["report"]["privacy"]
print(f'{sys.argv[2]:<6} {sys.argv[3]:<6} {r["fidelity_overall"]:9.3f} {u["most_popular"]:8.3f} {u["item_knn"]:8.3f} {u["ease"]:8.3f} '
      f'{"yes" if r["same_model_order"] else "no":>6} {p["dcr_ratio"]:8.3f} {p["copied_share"]:7.2%} {p["membership_auc"]:6.3f}')
PY
  done
done
