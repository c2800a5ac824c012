#!/usr/bin/env bash
# Runs every test (unit, functional, integration with the real AppHost in executables mode, browser), installing what
# they need first. Ends with the line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
./eng/bootstrap.sh test || exit 1
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true DOTNET_ENVIRONMENT=Development
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build Project01.sln -nologo -v quiet -clp:ErrorsOnly >"$log" 2>&1
build_rc=$?
cat "$log"
if [ "$build_rc" -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
dotnet test --solution Project01.sln --no-build --no-progress 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# The counts of the run summary that Microsoft.Testing.Platform prints last.
read -r total failed succeeded skipped < <(awk '
  /^Test run summary/ { in_summary = 1 }
  in_summary && /^[[:space:]]*total:/     { t = $2 }
  in_summary && /^[[:space:]]*failed:/    { f = $2 }
  in_summary && /^[[:space:]]*succeeded:/ { s = $2 }
  in_summary && /^[[:space:]]*skipped:/   { k = $2 }
  END { print t+0, f+0, s+0, k+0 }' "$log")
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a crashed test host counts as a failure
echo "$succeeded passed, $failed failed, $skipped skipped"
exit "$rc"
