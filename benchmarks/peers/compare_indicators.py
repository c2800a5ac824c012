"""Checks that two indicator outputs (Project01's and pandas') hold the same numbers, so the timing compares equal work.
Usage: compare_indicators.py OURS.csv PEERS.csv  (exit 1 with the worst cell when they differ beyond 1e-6 relative)."""
import sys

import numpy as np
import pandas as pd

ours = pd.read_csv(sys.argv[1]).set_index(["symbol", "date"]).sort_index()
peer = pd.read_csv(sys.argv[2]).set_index(["symbol", "date"]).sort_index()
worst = (0.0, "")
for column in ours.columns:
    a, b = ours[column].to_numpy(), peer[column].to_numpy()
    if not np.array_equal(np.isnan(a), np.isnan(b)):
        print(f"{column}: defined on different rows ({np.isnan(a).sum()} vs {np.isnan(b).sum()} empty)")
        sys.exit(1)
    defined = ~np.isnan(a)
    scale = np.maximum(np.abs(a[defined]), 1.0)
    error = np.max(np.abs(a[defined] - b[defined]) / scale) if defined.any() else 0.0
    if error > worst[0]:
        worst = (error, column)
print(f"same numbers: worst relative difference {worst[0]:.2e} ({worst[1] or 'none'})")
sys.exit(0 if worst[0] <= 1e-6 else 1)
