#!/usr/bin/env bash
# Installs what Project01 needs beyond the .NET SDK, and says what it installs. Idempotent: present packages are skipped.
#   eng/bootstrap.sh run   — infrastructure binaries for executables mode (skipped when a container runtime answers)
#   eng/bootstrap.sh test  — the same, always (tests run in executables mode), plus Chromium for the browser tests
#   eng/bootstrap.sh bench — the same as test, plus Debian's pandas, scikit-learn and xgboost for benchmarks/run.sh's peers, and wrk
set -euo pipefail
purpose="${1:-run}"
log() { printf '[bootstrap] %s\n' "$*" >&2; }

if ! command -v dotnet >/dev/null 2>&1; then
  log "the .NET SDK is required (https://dot.net/download); install it first"; exit 1
fi

container_runtime=""
if [ "$purpose" = run ]; then
  for rt in docker podman; do
    if command -v "$rt" >/dev/null 2>&1 && timeout 8 "$rt" info >/dev/null 2>&1; then container_runtime="$rt"; break; fi
  done
fi

wanted=()
if [ -z "$container_runtime" ]; then
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || wanted+=(postgresql-15)
  command -v redis-server >/dev/null 2>&1 || wanted+=(redis-server)
else
  log "$container_runtime is running: Postgres, Redis and Kafka will run as containers"
fi
# LightGBM's native library links OpenMP.
ldconfig -p 2>/dev/null | grep -q 'libgomp.so.1' || wanted+=(libgomp1)
# XGBoost models call its C API (Project01.Modeling loads libxgboost.so.0); Debian's package, for run and test alike.
ldconfig -p 2>/dev/null | grep -q 'libxgboost.so' || ls /usr/lib/*/libxgboost.so* >/dev/null 2>&1 || wanted+=(libxgboost0)
if [ "$purpose" = test ] || [ "$purpose" = bench ]; then
  command -v chromium >/dev/null 2>&1 || wanted+=(chromium)
fi
if [ "$purpose" = bench ]; then
  # The system interpreter, not a pyenv or venv one: the peer must use the packaged pandas.
  /usr/bin/python3 -c 'import pandas' >/dev/null 2>&1 || wanted+=(python3-pandas)
  /usr/bin/python3 -c 'import sklearn, threadpoolctl' >/dev/null 2>&1 || wanted+=(python3-sklearn)
  /usr/bin/python3 -c 'import xgboost' >/dev/null 2>&1 || wanted+=(python3-xgboost)
  # A lean HTTP load generator beside p01 bench http, to tell the server's tail from the client's (benchmarks/http/).
  command -v wrk >/dev/null 2>&1 || wanted+=(wrk)
fi

if [ ${#wanted[@]} -eq 0 ]; then
  log "nothing to install"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  log "missing: ${wanted[*]}; this script installs with apt-get (Debian/Ubuntu). Install them another way, or start Docker."
  exit 1
fi
sudo=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { log "need root or sudo to install: ${wanted[*]}"; exit 1; }
  sudo=(sudo)
fi
log "installing with apt-get: ${wanted[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >&2
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${wanted[@]}" >&2
# The package starts system-wide services we do not use (Project01 runs its own on other ports); stop them quietly.
for svc in postgresql redis-server; do
  if command -v systemctl >/dev/null 2>&1 && "${sudo[@]}" systemctl is-active --quiet "$svc" 2>/dev/null; then
    "${sudo[@]}" systemctl stop "$svc" >/dev/null 2>&1 || true
  elif command -v service >/dev/null 2>&1; then
    "${sudo[@]}" service "$svc" stop >/dev/null 2>&1 || true
  fi
done
log "installed: ${wanted[*]}"
