#!/usr/bin/env bash
# Benchmark: `recforge load postgres` (binary COPY from Parquet) against the server's own ingest ceiling — a
# server-side `COPY … FROM '<file>.csv'` of the same rows into the same table definition, which has no client,
# no network and no Parquet decoding. Starts a throwaway cluster (Debian's postgresql) on a free loopback port and
# removes it afterwards. Prints a table of medians over --repeat runs.
# Usage: bench/postgres-load.sh [interactions (default 1000000)] [repeat (default 3)]
set -euo pipefail
cd "$(dirname "$0")/.."
interactions=${1:-1000000}
repeat=${2:-3}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d /tmp/recforge-pgbench.XXXXXX)
chmod 755 "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$bin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/RecForge.Cli -c Release -v q >/dev/null
recforge="dotnet src/RecForge.Cli/bin/Release/net10.0/recforge.dll"
$recforge generate media --out "$work/data" --interactions "$interactions" --users $((interactions / 50)) >/dev/null

mkdir -p "$work/pg"
[ "$(id -u)" -eq 0 ] && chown postgres "$work/pg"
as_pg "$bin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 >/dev/null
as_pg "$bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w start -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1 -c max_wal_size=4GB" >/dev/null
conn="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
psql() { "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAt "$@"; }

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A rates peaks
for run in $(seq 1 "$repeat"); do
  /usr/bin/time -f "%M" -o "$work/time" $recforge load postgres "$work/data" --connection "$conn" --drop-existing > "$work/load.out" 2>/dev/null
  peak=$(( $(cat "$work/time") / 1024 ))
  while read -r table rate; do
    rates[$table]+="$rate "
    peaks[$table]+="$peak "
  done < <(sed -nE 's/^ +([a-z_]+) +[0-9,]+ rows in +[0-9.]+ s \( *([0-9,]+) rows\/s\).*/\1 \2/p' "$work/load.out" | tr -d ',')
done

# Peer: the same rows as CSV, loaded by the server itself into an identical empty table.
for table in interactions media; do
  psql -c "COPY $table TO '$work/pg/$table.csv' (FORMAT csv)"
  psql -c "DROP TABLE IF EXISTS peer_$table; CREATE TABLE peer_$table (LIKE $table)"
  for run in $(seq 1 "$repeat"); do
    psql -c "TRUNCATE peer_$table"
    start=$(date +%s.%N)
    psql -c "COPY peer_$table FROM '$work/pg/$table.csv' (FORMAT csv)"
    end=$(date +%s.%N)
    rows=$(psql -c "SELECT count(*) FROM peer_$table")
    rates[peer_$table]+="$(awk -v r="$rows" -v a="$start" -v b="$end" 'BEGIN {printf "%.0f", r / (b - a)}') "
  done
done

echo "| table | rows | loader | rows/s (median of $repeat) | MB/s | peak MB | RecForge/server COPY |"
echo "|---|---:|---|---:|---:|---:|---:|"
for table in interactions media; do
  rows=$(psql -c "SELECT count(*) FROM $table")
  bytes=$(psql -c "SELECT pg_table_size('$table')")
  ours=$(echo "${rates[$table]}" | tr ' ' '\n' | grep . | median)
  peer=$(echo "${rates[peer_$table]}" | tr ' ' '\n' | grep . | median)
  peak=$(echo "${peaks[$table]}" | tr ' ' '\n' | grep . | median)
  mbs() { awk -v r="$1" -v n="$rows" -v b="$bytes" 'BEGIN {printf "%.1f", r * b / n / 1048576}'; }
  ratio=$(awk -v a="$ours" -v b="$peer" 'BEGIN {printf "%.2fx", a / b}')
  echo "| $table | $rows | recforge load postgres (binary COPY) | $ours | $(mbs "$ours") | $peak | $ratio |"
  echo "| $table | $rows | server-side COPY FROM csv | $peer | $(mbs "$peer") | n/a |  |"
done

# pgvector: PGlite (WebAssembly PostgreSQL with the real extension) through its socket server, one run: rows go as
# multi-row INSERT (PGlite's socket server has no COPY FROM STDIN) and the catalogue gets vector(1024) + HNSW.
if [ -d tests/pglite/node_modules ]; then
  (cd tests/pglite && exec node serve.mjs 0 > "$work/pglite.out") &
  node_pid=$!
  for _ in $(seq 1 120); do grep -q READY "$work/pglite.out" 2>/dev/null && break; sleep 0.5; done
  pglite_port=$(sed -n 's/READY 127.0.0.1://p' "$work/pglite.out")
  /usr/bin/time -f "%M" -o "$work/time" $recforge load postgres "$work/data" --connection "Host=127.0.0.1;Port=$pglite_port;Username=postgres;Database=postgres;SSL Mode=Disable;Command Timeout=0" > "$work/pglite-load.out"
  peak=$(( $(cat "$work/time") / 1024 ))
  sed -nE 's/^ +([a-z_]+) +([0-9,]+) rows in +[0-9.]+ s \( *([0-9,]+) rows\/s\), keys and indexes ([0-9.]+) s.*/| \1 | \2 | recforge load postgres -> PGlite + pgvector (INSERT) | \3 | | '"$peak"' | index build \4 s |/p' "$work/pglite-load.out" | tr -d ','
  pkill -TERM -P "$node_pid" 2>/dev/null || true
  kill "$node_pid" 2>/dev/null || true
fi
