"""The Python peer of `p01 bench gbm`: the same gradient boosting on the same rows, with xgboost and scikit-learn.

Reads the train.csv/test.csv that `p01 bench gbm --dataset DIR` wrote (23 price features, vol5 label, float32), fits
XGBoost (hist, squared error) and scikit-learn's HistGradientBoostingRegressor with the same rounds, depth, learning
rate, minimum child weight / leaf size, L2 1, one thread and base score the mean label, and batch-scores the test rows
(xgboost's inplace_predict; sklearn's predict): the best of three timed passes after one untimed. Prints one JSON object.
Usage: gbm.py DIR ROUNDS DEPTH ETA MIN_CHILD_WEIGHT
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd
import sklearn
import xgboost as xgb
from sklearn.ensemble import HistGradientBoostingRegressor
from threadpoolctl import threadpool_limits


def rows_per_second(rows, score):
    score()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        score()
        best = min(best, time.perf_counter() - start)
    return rows / best


def rmse(p, y):
    return float(np.sqrt(np.mean((p.astype(np.float64) - y) ** 2)))


def main():
    folder, rounds, depth, eta, min_child = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
    train = pd.read_csv(f"{folder}/train.csv", dtype=np.float32)
    test = pd.read_csv(f"{folder}/test.csv", dtype=np.float32)
    x_train, y_train = train.drop(columns="label").to_numpy(), train["label"].to_numpy()
    x_test, y_test = test.drop(columns="label").to_numpy(), test["label"].to_numpy().astype(np.float64)
    base = float(np.mean(y_train.astype(np.float64)))
    models = []

    start = time.perf_counter()
    booster = xgb.train({"objective": "reg:squarederror", "tree_method": "hist", "nthread": 1, "seed": 0, "max_depth": depth,
                         "eta": eta, "min_child_weight": min_child, "lambda": 1, "subsample": 1, "base_score": base, "verbosity": 0},
                        xgb.DMatrix(x_train, label=y_train, nthread=1), rounds)
    fit = time.perf_counter() - start
    points = booster.inplace_predict(x_test)
    models.append({"model": "xgboost", "fit_seconds": round(fit, 3), "test_rmse": rmse(points, y_test),
                   "predict_rows_per_second": {"inplace_predict": round(rows_per_second(len(x_test), lambda: booster.inplace_predict(x_test)))}})

    with threadpool_limits(1):
        start = time.perf_counter()
        hgb = HistGradientBoostingRegressor(max_iter=rounds, max_depth=depth, max_leaf_nodes=None, learning_rate=eta,
                                            min_samples_leaf=int(min_child), l2_regularization=1.0, early_stopping=False,
                                            random_state=0).fit(x_train, y_train)
        fit = time.perf_counter() - start
        models.append({"model": "sklearn-hgb", "fit_seconds": round(fit, 3), "test_rmse": rmse(hgb.predict(x_test), y_test),
                       "predict_rows_per_second": {"predict": round(rows_per_second(len(x_test), lambda: hgb.predict(x_test)))}})

    print(json.dumps({"tool": f"xgboost {xgb.__version__}, scikit-learn {sklearn.__version__}", "train_rows": len(x_train),
                      "test_rows": len(x_test), "models": models,
                      "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))


if __name__ == "__main__":
    main()
