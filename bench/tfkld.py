"""TF-KLD (Ji & Eisenstein 2013) on the news sentence pairs, measured inductively.

    python -m venv /tmp/side && /tmp/side/bin/pip install scikit-learn
    PYTHONPATH=.:.venv/lib/python3.11/site-packages OPENBLAS_NUM_THREADS=1 \
        /tmp/side/bin/python bench/tfkld.py [--seeds 0 1 2] [--dims 100] [--alpha 2]
        [--min-count 3] [--cross-fit 3] [--news 40000] [--transductive] [--nmf] [--l2 100]

Per fold of `bench/pairs.py`'s 10-fold CV (fold order `default_rng(seed)`; 0 is pairs.py's), on
the training part only: each unigram and bigram of `text`'s stems weighted by the KL divergence
between P(in the other sentence | in one) in same and in different pairs (`alpha` pseudo-counts
towards each class's overall rate; features in fewer than `min-count` training pairs dropped);
the training sentences' weighted binary matrix factored (truncated SVD, or NMF); the held-out
sentences projected on it. A pair is then [v1+v2, |v1-v2|] and the vectors' cosine: figures for
the cosine's best cut, a logistic model on [v1+v2, |v1-v2|], the cosine as a 21st feature of the
shipped model (expanded), the latent pair features beside the shipped expanded ones, and the
authors' released classifier (a linear SVM, C 0.2, on the raw [v1+v2, |v1-v2|]).
`--cross-fit K`: the training pairs' own vectors come from fits on the other K-1 inner folds (their
own labels otherwise leak into them through the weights). `--news N`: N unlabelled sentences of
`news-events` added to the factorisation. `--transductive`: the held-out sentences factored too,
as the paper did. `--unweighted`: a control, every feature weighing 1. scikit-learn and scipy
are not dependencies of the project: a side virtualenv.
The figures and what they mean are in bench/README.md, "(a) Same claim or not".
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.decomposition import NMF, TruncatedSVD
from sklearn.svm import LinearSVC

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pairs import MRPC, best_threshold, figures, load_pairs  # noqa: E402

from monitor.steps import similarity  # noqa: E402
from monitor.steps import text as reading  # noqa: E402

TRANSDUCTIVE = False
UNWEIGHTED = False
NMF_SOLVER = False
NEWS = MRPC.parents[1] / "news-events/articles.jsonl.gz"


def terms(sentence: str) -> set[str]:
    stems = [reading.stem(t) for t in reading.words(sentence)]
    return set(stems) | {f"{x} {y}" for x, y in zip(stems, stems[1:])}  # noqa: B905


def news_sentences(limit: int) -> set[frozenset[str]]:
    """Unlabelled sentences of real news articles, for the factorisation only."""
    out: set[frozenset[str]] = set()
    with gzip.open(NEWS, "rt", encoding="utf-8") as f:
        for line in f:
            for sentence in reading.split_sentences(json.loads(line)["text"]):
                if len(out) >= limit:
                    return out
                if 5 <= len(sentence.split()) <= 60:
                    out.add(frozenset(terms(sentence)))
    return out


def kld_weights(ta: list[set[str]], tb: list[set[str]], y: np.ndarray,
                alpha: float) -> dict[str, float]:
    """KL(p || q) per feature, p and q the chance that a feature of one sentence is in the other,
    in same and in different pairs (both directions counted), smoothed by `alpha`."""
    seen = [Counter(), Counter()]
    both = [Counter(), Counter()]
    for a, b, label in zip(ta, tb, y, strict=True):
        k = int(label)
        for f in a:
            seen[k][f] += 1
        for f in b:
            seen[k][f] += 1
        for f in a & b:
            both[k][f] += 2
    # Smoothed towards each class's rate over all features: `alpha` pseudo-counts.
    p0 = sum(both[1].values()) / max(sum(seen[1].values()), 1)
    q0 = sum(both[0].values()) / max(sum(seen[0].values()), 1)
    weights = {}
    for f in set(seen[0]) | set(seen[1]):
        p = (both[1][f] + alpha * p0) / (seen[1][f] + alpha)
        q = (both[0][f] + alpha * q0) / (seen[0][f] + alpha)
        weights[f] = p * np.log(p / q) + (1 - p) * np.log((1 - p) / (1 - q))
    return weights


def matrix(sets: list[set[str]], index: dict[str, int], w: np.ndarray) -> sparse.csr_matrix:
    rows, cols = [], []
    for i, s in enumerate(sets):
        for f in s:
            j = index.get(f)
            if j is not None:
                rows.append(i)
                cols.append(j)
    m = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sets), len(index)))
    return m @ sparse.diags(w)


def latent(ta, tb, y, train, dims, alpha, min_count, extra=None):
    """Latent vectors of every sentence of every pair, fitted on the training pairs only."""
    weights = kld_weights([ta[i] for i in train], [tb[i] for i in train], y[train], alpha)
    counts = Counter(f for i in train for f in ta[i] | tb[i])
    vocab = sorted(f for f in weights if counts[f] >= min_count)
    index = {f: j for j, f in enumerate(vocab)}
    w = np.array([weights[f] for f in vocab]) if not UNWEIGHTED else np.ones(len(vocab))
    fit_sets = {frozenset(ta[i]) for i in train} | {frozenset(tb[i]) for i in train}
    if extra:
        fit_sets |= extra
    if TRANSDUCTIVE:  # as the paper: every sentence factored, held-out ones too (no labels)
        fit_sets |= {frozenset(s) for s in ta} | {frozenset(s) for s in tb}
    if NMF_SOLVER:
        factor = NMF(dims, init="nndsvd", random_state=0, max_iter=200)
    else:
        factor = TruncatedSVD(dims, random_state=0, algorithm="randomized", n_iter=5)
    factor.fit(matrix([set(s) for s in fit_sets], index, w))
    return (factor.transform(matrix(ta, index, w)), factor.transform(matrix(tb, index, w)),
            len(vocab))


def pair_latent(va: np.ndarray, vb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    cos = (va * vb).sum(1) / (np.linalg.norm(va, axis=1) * np.linalg.norm(vb, axis=1) + 1e-9)
    return np.hstack([va + vb, np.abs(va - vb)]), cos


def logistic(x_train, y_train, x_test, l2):
    mean, scale, w = similarity.fit_logistic(x_train, y_train, l2)
    def p(x):
        return 1 / (1 + np.exp(-(np.hstack([(x - mean) / scale, np.ones((len(x), 1))]) @ w)))
    return p(x_train), p(x_test)


def run(seed, a, b, ta, tb, y, base, dims, alpha, min_count, l2s, extra=None, cross_fit=0):
    order = np.random.default_rng(seed).permutation(len(y))
    results: dict[str, list] = {}

    def add(name, train_scores, test_scores, train, test):
        t = best_threshold(train_scores, y[train])
        results.setdefault(name, []).append(figures(test_scores >= t, y[test].astype(bool)))

    for test in np.array_split(order, 10):
        train = np.setdiff1d(order, test)
        va, vb, _ = latent(ta, tb, y, train, dims, alpha, min_count, extra)
        if cross_fit:
            # The training pairs' own vectors would carry their labels (through the weights):
            # each training pair is described by a fit on the other inner folds instead.
            inner = np.array_split(np.random.default_rng(seed).permutation(train), cross_fit)
            for part in inner:
                ia, ib, _ = latent(ta, tb, y, np.setdiff1d(train, part), dims, alpha, min_count,
                                   extra)
                va[part], vb[part] = ia[part], ib[part]
        pl, cos = pair_latent(va, vb)
        add("latent cosine alone", cos[train], cos[test], train, test)
        for l2 in l2s:
            add(f"[v1+v2,|v1-v2|] logistic l2={l2}", *logistic(pl[train], y[train], pl[test], l2),
                train, test)
        svc = LinearSVC(C=0.2, loss="hinge", dual=True, max_iter=20000).fit(pl[train], y[train])
        add("[v1+v2,|v1-v2|] raw, linear SVM C=0.2 (the paper's code)",
            svc.decision_function(pl[train]), svc.decision_function(pl[test]), train, test)
        m = similarity.fit(base[train], y[train])
        add("shipped model alone", m.probability(base[train]), m.probability(base[test]),
            train, test)
        with_cos = np.column_stack([base, cos])
        x = similarity.expand(with_cos)
        add("twenty + cosine (expanded)", *logistic(x[train], y[train], x[test], 1.0), train, test)
        both = np.hstack([similarity.expand(base), pl])
        add("expanded twenty + [v1+v2,|v1-v2|] l2=100",
            *logistic(both[train], y[train], both[test], 100.0), train, test)
    return {k: np.mean(v, axis=0) for k, v in results.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--dims", type=int, nargs="+", default=[100])
    parser.add_argument("--alpha", type=float, default=2.0)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--news", type=int, default=0, help="unlabelled news sentences added")
    parser.add_argument("--cross-fit", type=int, default=0,
                        help="inner folds for the training pairs' own vectors (0: none)")
    parser.add_argument("--l2", type=float, nargs="+", default=[100.0])
    parser.add_argument("--transductive", action="store_true")
    parser.add_argument("--nmf", action="store_true")
    parser.add_argument("--unweighted", action="store_true", help="control: no KLD weights")
    args = parser.parse_args()
    global TRANSDUCTIVE, NMF_SOLVER, UNWEIGHTED
    TRANSDUCTIVE, NMF_SOLVER, UNWEIGHTED = args.transductive, args.nmf, args.unweighted
    a, b, y = load_pairs(MRPC)
    ta, tb = [terms(s) for s in a], [terms(s) for s in b]
    base = similarity.pair_features(similarity.analyse_all(a), similarity.analyse_all(b))
    extra = news_sentences(args.news) if args.news else None
    for dims in args.dims:
        for seed in args.seeds:
            print(f"dims {dims}, alpha {args.alpha}, min count {args.min_count}, news sentences "
                  f"{args.news}, cross-fit {args.cross_fit}, transductive {args.transductive}, "
                  f"NMF {args.nmf}, unweighted {args.unweighted}, fold order default_rng({seed})",
                  flush=True)
            for name, f in run(seed, a, b, ta, tb, y, base, dims, args.alpha, args.min_count,
                               args.l2, extra, args.cross_fit).items():
                print(f"  {name:<48} accuracy {f[0]:.3f}  precision {f[1]:.3f}  "
                      f"recall {f[2]:.3f}  F1 {f[3]:.3f}", flush=True)


if __name__ == "__main__":
    main()
