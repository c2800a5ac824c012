#!/usr/bin/env bash
# Project01 next to the Python stack, on the same files and the same machine, each figure a ratio measured in this run.
#   benchmarks/run.sh          indicators over a 500-symbol × 5,000-bar panel, 3 alternating runs each (median)
#   benchmarks/run.sh --quick  the same on 100 symbols, one run each: a few minutes
# Prints a table and the line "indicators speedup vs pandas: <ratio>x" (compute only); writes benchmarks/results/latest.json.
set -euo pipefail
cd "$(dirname "$0")/.."
./eng/bootstrap.sh bench

symbols=500; runs=3
if [ "${1:-}" = --quick ]; then symbols=100; runs=1; fi
days=5000
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "building p01 (Release)…" >&2
dotnet build Project01.Cli/Project01.Cli.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >&2
p01=(dotnet Project01.Cli/bin/Release/net10.0/p01.dll)
python=/usr/bin/python3

"${p01[@]}" bench panel --symbols "$symbols" --days "$days" --output "$work/panel.csv" >/dev/null
# Equal work first: both write the 12 columns and they must agree.
"${p01[@]}" bench indicators --input "$work/panel.csv" --output "$work/ours.csv" >/dev/null
"$python" benchmarks/peers/indicators.py "$work/panel.csv" "$work/peer.csv" >/dev/null
"$python" benchmarks/peers/compare_indicators.py "$work/ours.csv" "$work/peer.csv" >&2

for run in $(seq "$runs"); do
  echo "run $run of $runs…" >&2
  "${p01[@]}" bench indicators --input "$work/panel.csv" --output "$work/ours.csv" >> "$work/ours.jsonl"
  "$python" benchmarks/peers/indicators.py "$work/panel.csv" "$work/peer.csv" >> "$work/peer.jsonl"
done

mkdir -p benchmarks/results
"$python" - "$work/ours.jsonl" "$work/peer.jsonl" "$symbols" "$days" <<'PY'
import json, os, statistics, sys
ours = [json.loads(l) for l in open(sys.argv[1])]
peer = [json.loads(l) for l in open(sys.argv[2])]
def median(runs, key): return statistics.median(r[key] for r in runs)
rows = ours[0]["rows"]
table = []
threads = ours[0]["threads"]
for name, key, peer_key in [("indicators, compute only", "compute_seconds", "compute_seconds"),
                            (f"  same, Project01 on {threads} cores", "parallel_compute_seconds", "compute_seconds"),
                            ("indicators, CSV to CSV", "csv_to_csv_seconds", "csv_to_csv_seconds")]:
    a, b = median(ours, key), median(peer, peer_key)
    table.append({"benchmark": name, "project01_seconds": a, "peer_seconds": b, "ratio": round(b / a, 2),
                  "project01_rows_per_second": round(rows / a), "peer_rows_per_second": round(rows / b)})
memory = {"project01_peak_rss_mib": max(r["peak_rss_mib"] for r in ours), "peer_peak_rss_mib": max(r["peak_rss_mib"] for r in peer)}
result = {"panel": {"symbols": int(sys.argv[3]), "bars_per_symbol": int(sys.argv[4]), "rows": rows, "synthetic": True},
          "runs": len(ours), "peer": peer[0]["tool"], "cores": os.cpu_count(), "results": table, **memory}
json.dump(result, open("benchmarks/results/latest.json", "w"), indent=2)
print(f"{'benchmark':28} {'Project01 s':>12} {'pandas s':>10} {'ratio':>7} {'Project01 rows/s':>17} {'pandas rows/s':>14}")
for r in table:
    print(f"{r['benchmark']:28} {r['project01_seconds']:12.3f} {r['peer_seconds']:10.3f} {r['ratio']:6.2f}x {r['project01_rows_per_second']:17,} {r['peer_rows_per_second']:14,}")
print(f"peak memory: Project01 {memory['project01_peak_rss_mib']} MiB, pandas {memory['peer_peak_rss_mib']} MiB ({rows:,} rows, {result['panel']['symbols']} symbols, synthetic timing panel)")
print(f"indicators speedup vs pandas: {table[0]['ratio']}x")  # one thread each: the like-for-like figure
PY
