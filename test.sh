#!/usr/bin/env bash
# Runs the RecForge test suite. Installs what the tests need when it is missing, then `dotnet test`.
# Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is required (https://dotnet.microsoft.com/download)" >&2
  exit 2
fi

dotnet restore RecForge.slnx
dotnet build RecForge.slnx -c Release --no-restore
dotnet test RecForge.slnx -c Release --no-build --logger "console;verbosity=normal" "$@"
