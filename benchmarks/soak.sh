#!/usr/bin/env bash
# The soak benchmark: the integration suite's soak test (real AppHost, executables mode) for 5 minutes instead of CI's
# 30 s. Writes artifacts/soak.json (requests, p50/p99 per route, errors, resident memory of each service before/after).
#   benchmarks/soak.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
export P01_SOAK_SECONDS="${1:-300}" ASPIRE_ALLOW_UNSECURED_TRANSPORT=true DOTNET_ENVIRONMENT=Development
dotnet build tests/Project01.IntegrationTests -nologo -v quiet -clp:ErrorsOnly
dotnet test --project tests/Project01.IntegrationTests --no-build -- --filter-class "*SoakTests"
cat artifacts/soak.json
