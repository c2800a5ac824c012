#!/usr/bin/env bash
# Project01 next to the Python stack, on the same files and the same machine, each figure a ratio measured in this run.
#   benchmarks/run.sh          indicators over a 500-symbol × 5,000-bar panel, 3 alternating runs each (median)
#   benchmarks/run.sh --quick  the same on 100 symbols, one run each: a few minutes
#   Then gradient boosting on the panel's price features (vol5 labels): fit and batch scoring, Project01 (XGBoost C API,
#   LightGBM, the serving side's tree kernel) against xgboost and scikit-learn on the same rows, same settings.
# Prints tables and the line "indicators speedup vs pandas: <ratio>x" (compute only); writes benchmarks/results/latest.json.
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

# Gradient boosting: the same rounds, depth, learning rate and minimum child weight on both sides, one thread each.
gbm=(100 6 0.1 50)
for run in $(seq "$runs"); do
  echo "gradient boosting, run $run of $runs…" >&2
  "${p01[@]}" bench gbm --input "$work/panel.csv" --dataset "$work/gbm" --rounds "${gbm[0]}" --depth "${gbm[1]}" \
    --eta "${gbm[2]}" --min-child-weight "${gbm[3]}" >> "$work/ours-gbm.jsonl"
  "$python" benchmarks/peers/gbm.py "$work/gbm" "${gbm[@]}" >> "$work/peer-gbm.jsonl"
done

mkdir -p benchmarks/results
"$python" - "$work/ours.jsonl" "$work/peer.jsonl" "$symbols" "$days" "$work/ours-gbm.jsonl" "$work/peer-gbm.jsonl" <<'PY'
import json, os, statistics, sys
ours = [json.loads(l) for l in open(sys.argv[1])]
peer = [json.loads(l) for l in open(sys.argv[2])]
def median(runs, key): return statistics.median(r[key] for r in runs)
rows = ours[0]["rows"]
table = []
threads = ours[0]["threads"]
for name, key, peer_key in [("indicators, compute only", "compute_seconds", "compute_seconds"),
                            ("indicators, first pass (allocates outputs)", "first_pass_seconds", "first_pass_seconds"),
                            (f"  same, Project01 on {threads} cores", "parallel_compute_seconds", "compute_seconds"),
                            ("indicators, CSV to CSV", "csv_to_csv_seconds", "csv_to_csv_seconds")]:
    a, b = median(ours, key), median(peer, peer_key)
    table.append({"benchmark": name, "project01_seconds": a, "peer_seconds": b, "ratio": round(b / a, 2),
                  "project01_rows_per_second": round(rows / a), "peer_rows_per_second": round(rows / b)})
memory = {"project01_peak_rss_mib": max(r["peak_rss_mib"] for r in ours), "peer_peak_rss_mib": max(r["peak_rss_mib"] for r in peer)}

# Gradient boosting: medians over runs of each model's fit seconds and scoring rows/s; RMSE is the same every run.
ours_gbm = [json.loads(l) for l in open(sys.argv[5])]
peer_gbm = [json.loads(l) for l in open(sys.argv[6])]
def model(runs, name): return [next(m for m in r["models"] if m["model"] == name) for r in runs]
def fit(runs, name): return statistics.median(m["fit_seconds"] for m in model(runs, name))
def rate(runs, name, runtime): return statistics.median(m["predict_rows_per_second"][runtime] for m in model(runs, name))
def rmse(runs, name): return model(runs, name)[0]["test_rmse"]
threads_key = next(k for k in ours_gbm[0]["models"][0]["predict_rows_per_second"] if k.endswith("_threads"))
peer_fit = fit(peer_gbm, "xgboost")
gbm_fit = [{"benchmark": f"fit, {name}", "project01_seconds": fit(ours_gbm, name), "peer_seconds": peer_fit, "peer": "xgboost",
            "ratio": round(peer_fit / fit(ours_gbm, name), 2), "project01_test_rmse": rmse(ours_gbm, name), "peer_test_rmse": rmse(peer_gbm, "xgboost")}
           for name in ("xgboost", "lightgbm")]
gbm_fit.append({"benchmark": "fit, sklearn HistGradientBoosting (peer only)", "peer_seconds": fit(peer_gbm, "sklearn-hgb"),
                "peer_test_rmse": rmse(peer_gbm, "sklearn-hgb")})
inplace = rate(peer_gbm, "xgboost", "inplace_predict")
gbm_predict = [{"benchmark": f"score xgboost model, {label}", "project01_rows_per_second": rate(ours_gbm, "xgboost", key),
                "peer_rows_per_second": inplace, "ratio": round(rate(ours_gbm, "xgboost", key) / inplace, 2)}
               for label, key in [("Project01 served path (tree kernel)", "project01"), ("tree kernel, node walk", "project01_node_walk"),
                                  ("ONNX Runtime", "onnxruntime"), ("XGBoost C API (DMatrix)", "xgboost"),
                                  (f"served path on {os.cpu_count()} cores", threads_key)]]
gbm_predict += [{"benchmark": f"score lightgbm model, {label}", "project01_rows_per_second": rate(ours_gbm, "lightgbm", key)}
                for label, key in [("Project01 served path (tree kernel)", "project01"), ("tree kernel, node walk", "project01_node_walk"),
                                   ("ONNX Runtime", "onnxruntime"), ("ML.NET", "mlnet")]]
gbm_predict.append({"benchmark": "score sklearn model (peer only)", "peer_rows_per_second": rate(peer_gbm, "sklearn-hgb", "predict")})
g0 = ours_gbm[0]
gbm = {"train_rows": g0["train_rows"], "test_rows": g0["test_rows"], "features": g0["features"], "rounds": g0["rounds"],
       "max_depth": g0["max_depth"], "eta": g0["eta"], "min_child_weight": g0["min_child_weight"], "peer": peer_gbm[0]["tool"],
       "fit": gbm_fit, "predict": gbm_predict, "max_onnx_difference": max(r["max_onnx_difference"] for r in ours_gbm),
       "project01_peak_rss_mib": max(r["peak_rss_mib"] for r in ours_gbm), "peer_peak_rss_mib": max(r["peak_rss_mib"] for r in peer_gbm)}

result = {"panel": {"symbols": int(sys.argv[3]), "bars_per_symbol": int(sys.argv[4]), "rows": rows, "synthetic": True},
          "runs": len(ours), "peer": peer[0]["tool"], "cores": os.cpu_count(), "results": table, **memory, "gradient_boosting": gbm}
json.dump(result, open("benchmarks/results/latest.json", "w"), indent=2)
print(f"{'benchmark':28} {'Project01 s':>12} {'pandas s':>10} {'ratio':>7} {'Project01 rows/s':>17} {'pandas rows/s':>14}")
for r in table:
    print(f"{r['benchmark']:28} {r['project01_seconds']:12.3f} {r['peer_seconds']:10.3f} {r['ratio']:6.2f}x {r['project01_rows_per_second']:17,} {r['peer_rows_per_second']:14,}")
print(f"peak memory: Project01 {memory['project01_peak_rss_mib']} MiB, pandas {memory['peer_peak_rss_mib']} MiB ({rows:,} rows, {result['panel']['symbols']} symbols, synthetic timing panel)")
print()
print(f"gradient boosting: {gbm['train_rows']:,} train / {gbm['test_rows']:,} test rows, {gbm['features']} features, vol5; "
      f"{gbm['rounds']} rounds, depth {gbm['max_depth']}, eta {gbm['eta']}, one thread; peer {gbm['peer']}")
print(f"{'fit':46} {'Project01 s':>12} {'peer s':>8} {'ratio':>7} {'RMSE Project01':>15} {'RMSE peer':>10}")
for r in gbm_fit:
    ours_s = f"{r['project01_seconds']:12.2f}" if "project01_seconds" in r else f"{'':12}"
    ratio = f"{r['ratio']:6.2f}x" if "ratio" in r else f"{'':7}"
    ours_rmse = f"{r['project01_test_rmse']:15.6f}" if "project01_test_rmse" in r else f"{'':15}"
    print(f"{r['benchmark']:46} {ours_s} {r['peer_seconds']:8.2f} {ratio} {ours_rmse} {r['peer_test_rmse']:10.6f}")
print(f"{'batch scoring, rows/s (peer: xgboost inplace_predict)':57} {'Project01':>10} {'peer':>10} {'ratio':>7}")
for r in gbm_predict:
    ours_r = f"{r['project01_rows_per_second']:10,.0f}" if "project01_rows_per_second" in r else f"{'':10}"
    peer_r = f"{r['peer_rows_per_second']:10,.0f}" if "peer_rows_per_second" in r else f"{'':10}"
    ratio = f"{r['ratio']:6.2f}x" if "ratio" in r else ""
    print(f"{r['benchmark']:57} {ours_r} {peer_r} {ratio}")
print(f"peak memory: Project01 {gbm['project01_peak_rss_mib']} MiB, peer {gbm['peer_peak_rss_mib']} MiB; "
      f"ONNX vs native points differ by at most {gbm['max_onnx_difference']:.1e}")
print(f"gbm scoring speedup vs xgboost inplace_predict: {gbm_predict[0]['ratio']}x")
print(f"indicators speedup vs pandas: {table[0]['ratio']}x")  # one thread each: the like-for-like figure
PY
