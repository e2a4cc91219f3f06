"""Same claim or not, on real news sentence pairs (MRPC training part), by 10-fold cross-validation.

    .venv/bin/python bench/pairs.py [--mrpc PATH] [--write-model]

Reports held-out folds only: the decision threshold is chosen on each fold's training part.
`--write-model` then fits on all pairs and writes monitor/steps/pair_model.json, the model that
`monitor pairs` and the matcher use.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process, utils

from monitor.steps import similarity, verdicts

ROOT = Path(__file__).resolve().parents[1]
MRPC = ROOT.parent / "shared/data/mrpc/msr_paraphrase_train.txt"


def load_pairs(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    a, b, y = [], [], []
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if len(row) >= 5:
                y.append(int(row[0]))
                a.append(row[3])
                b.append(row[4])
    return a, b, np.array(y, dtype=float)


def best_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    candidates = np.unique(np.round(scores, 3))
    return float(max(candidates, key=lambda t: ((scores >= t) == y).mean()))


def figures(predicted: np.ndarray, y: np.ndarray) -> np.ndarray:
    tp = float(np.sum(predicted & (y == 1)))
    precision = tp / max(predicted.sum(), 1)
    recall = tp / max((y == 1).sum(), 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return np.array([(predicted == y).mean(), precision, recall, f1])


def cross_validate(features: np.ndarray, y: np.ndarray, folds: int = 10, model=True,
                   pairs=None):
    """Mean held-out figures; with `pairs` (a, b), the whole `monitor pairs` decision is run."""
    order = np.random.default_rng(0).permutation(len(y))
    results = []
    for test in np.array_split(order, folds):
        train = np.setdiff1d(order, test)
        if pairs is not None:
            m = similarity.fit(features[train], y[train])
            m.threshold = best_threshold(m.probability(features[train]), y[train])
            decided = verdicts.decide_pairs([pairs[0][i] for i in test],
                                            [pairs[1][i] for i in test], model=m)
            results.append(figures(np.array([s for _, s in decided]), y[test].astype(bool)))
            continue
        if model:
            m = similarity.fit(features[train], y[train])
            train_scores, test_scores = m.probability(features[train]), m.probability(
                features[test])
        else:  # a single score column: only the threshold is learned
            train_scores, test_scores = features[train, 0], features[test, 0]
        threshold = best_threshold(train_scores, y[train])
        results.append(figures(test_scores >= threshold, y[test].astype(bool)))
    return np.mean(results, axis=0)


def report(name: str, f: np.ndarray) -> None:
    print(f"  {name:<44} accuracy {f[0]:.3f}  precision {f[1]:.3f}  recall {f[2]:.3f}  "
          f"F1 {f[3]:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mrpc", default=str(MRPC))
    parser.add_argument("--write-model", action="store_true")
    args = parser.parse_args()
    a, b, y = load_pairs(Path(args.mrpc))
    print(f"{len(y)} pairs, {y.mean():.3f} labelled the same; 10-fold CV, held-out folds only")

    started = time.perf_counter()
    features = similarity.pair_features(similarity.analyse_all(a), similarity.analyse_all(b))
    feature_time = time.perf_counter() - started

    report("always 'same'", figures(np.ones(len(y), bool), y.astype(bool)))
    for scorer in (fuzz.token_sort_ratio, fuzz.token_set_ratio):
        scores = process.cpdist(a, b, scorer=scorer, processor=utils.default_process)
        report(f"{scorer.__name__} threshold", cross_validate(scores[:, None], y, model=False))
    dice = features[:, similarity.FEATURES.index("dice")]
    report("word overlap (Dice) threshold", cross_validate(dice[:, None], y, model=False))
    report("similarity model alone", cross_validate(features, y))
    report("`monitor pairs` (the matcher's decision)", cross_validate(features, y, pairs=(a, b)))

    m = similarity.fit(features, y)
    m.threshold = best_threshold(m.probability(features), y)
    started = time.perf_counter()
    similarity.model.cache_clear()
    fresh_a = [s + " " for s in a]
    decided = m.probability(similarity.pair_features(similarity.analyse_all(fresh_a),
                                                     similarity.analyse_all(b)))
    decision_time = time.perf_counter() - started
    assert len(decided) == len(y)
    started = time.perf_counter()
    verdicts.decide_pairs(a, b, model=m)  # the model just fitted: the shipped one may be older
    pairs_time = time.perf_counter() - started
    print(f"cost a pair on one core: model decision {decision_time / len(y) * 1e6:.1f} µs "
          f"(analysis of both sentences, features, model; first pass with cold caches "
          f"{feature_time / len(y) * 1e6:.1f} µs); whole `monitor pairs` decision "
          f"{pairs_time / len(y) * 1e6:.1f} µs")
    if args.write_model:
        similarity.MODEL_FILE.write_text(json.dumps(m.to_json()))
        print(f"wrote {similarity.MODEL_FILE.relative_to(ROOT)} (threshold {m.threshold:.3f})")


if __name__ == "__main__":
    main()
