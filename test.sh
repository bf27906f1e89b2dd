#!/usr/bin/env bash
# Runs the RecForge test suite. Installs what the tests need when it is missing, then `dotnet test`.
# Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is required (https://dotnet.microsoft.com/download)" >&2
  exit 2
fi

# Real servers for the connector tests: Debian's PostgreSQL (a throwaway cluster per test class) and PGlite with
# pgvector served by node (tests/pglite). Installed only when missing.
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "test.sh: the tests need ${missing[*]} (apt-get install ${missing[*]}); run as root to install them" >&2
    exit 2
  fi
fi
if [ ! -d tests/pglite/node_modules ]; then
  (cd tests/pglite && npm ci --no-audit --no-fund --loglevel=error)
fi

dotnet restore RecForge.slnx
dotnet build RecForge.slnx -c Release --no-restore

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test RecForge.slnx -c Release --no-build --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?

# One plain summary line over all test projects.
passed=$( (grep -E '^\s+Passed: [0-9]+' "$log" || true) | awk '{s += $2} END {print s + 0}')
failed=$( (grep -E '^\s+Failed: [0-9]+' "$log" || true) | awk '{s += $2} END {print s + 0}')
echo "tests: $passed passed, $failed failed"
exit "$status"
