#!/usr/bin/env bash
# Runs the whole platform on the bundled real data: installs what is missing, builds, starts the AppHost
# (Postgres, Redis, Kafka, ingest, features, training, inference, dashboard) and prints the URLs.
# Infrastructure: containers when Docker/Podman answers, else local executables; force with --Infra:Mode=executables.
set -euo pipefail
cd "$(dirname "$0")"
./eng/bootstrap.sh run
echo "[run] building (Release)..." >&2
dotnet build Project01.AppHost/Project01.AppHost.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:15080}"
export ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL="${ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL:-http://localhost:19080}"
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="${ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL:-http://localhost:20080}"
# No https development certificate is assumed (CI and fresh machines have none): plain http on loopback.
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
cd Project01.AppHost
exec dotnet bin/Release/net10.0/Project01.AppHost.dll "$@"
