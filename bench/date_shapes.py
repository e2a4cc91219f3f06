"""Other shapes of the date evidence than exp(-days/2), refitted on the same decisions and folds.

A one-off measure for issue #15 (branch `days48`): over the evidence `bench/coverage.py --cache
PREFIX` kept, the `days_close` column is replaced (gentler decays, indicators by days apart) or
products of the date with other evidence are added, and the same folds by story are scored in
three orders, with what is found and counted at each number of days apart.

    .venv/bin/python bench/coverage.py --seeds 300 --cache /tmp/cov      # the evidence, once
    .venv/bin/python bench/date_shapes.py --cache /tmp/cov [--only base,exp4,x_claims_best]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import coverage as bench  # noqa: E402  (bench/coverage.py)

from monitor.steps import coverage  # noqa: E402

BASE_F = coverage.FEATURES
BASE_I = coverage.INTERACTIONS
DC = BASE_F.index("days_close")


def days_of(decided, articles) -> np.ndarray:
    """Days between publications (-1 when one is undated)."""
    pub = [date.fromisoformat(a["published"][:10]) if a["published"] else None
           for a in articles]
    out = np.full(len(decided), -1.0)
    for k, d in enumerate(decided):
        a, b = pub[d.seed], pub[d.article]
        if a and b:
            out[k] = abs((a - b).days)
    return out


def variant(name: str, x: np.ndarray, days: np.ndarray):
    """The evidence, its column names and its products for a variant: "exp4" exp(-days/4),
    "inv" 1/(1+days), "ind" same day / one / two days apart, "x_A+B" days_close times A and B,
    "grace" exp(-max(days-1, 0)/2), "gapx_A" a gap column (1 - exp(-days/2) if dated) and its
    product with A."""
    dated = days >= 0
    d = np.where(dated, days, 0)
    cols = list(BASE_F)
    inter = list(BASE_I)
    x = x.copy()

    def replace(values):
        x[:, DC] = np.where(dated, values, 0.0)

    if name == "base":
        pass
    elif name == "exp4":
        replace(np.exp(-d / 4))
    elif name == "exp3":
        replace(np.exp(-d / 3))
    elif name == "exp6":
        replace(np.exp(-d / 6))
    elif name == "exp5":
        replace(np.exp(-d / 5))
    elif name == "grace":  # a day apart counted as the same day (time zones, late editions)
        replace(np.exp(-np.maximum(d - 1, 0) / 2))
    elif name == "inv":
        replace(1 / (1 + d))
    elif name == "ind":  # same day, 1, 2 (3+ and undated are the reference / own column)
        replace((d == 0).astype(float))
        cols[DC] = "day0"
        extra = np.c_[dated & (d == 1), dated & (d == 2)].astype(float)
        x = np.c_[x, extra]
        cols += ["day1", "day2"]
    elif name == "ind3":  # indicators 0,1,2,3+
        replace((d == 0).astype(float))
        cols[DC] = "day0"
        extra = np.c_[dated & (d == 1), dated & (d == 2), dated & (d >= 3)].astype(float)
        x = np.c_[x, extra]
        cols += ["day1", "day2", "day3p"]
    elif name.startswith("x_"):  # base + products of days_close with evidence
        for f in name[2:].split("+"):
            inter.append(("days_close", f))
    elif name.startswith("exp4x_"):
        replace(np.exp(-d / 4))
        for f in name[6:].split("+"):
            inter.append(("days_close", f))
    elif name.startswith("gapx_"):  # gap = dated * (1 - days_close) as its own feature
        gap = np.where(dated, 1 - np.exp(-d / 2), 0.0)
        x = np.c_[x, gap]
        cols += ["gap"]
        for f in name[5:].split("+"):
            inter.append(("gap", f))
    else:
        raise ValueError(name)
    return x, tuple(cols), tuple(inter)


def per_gap(decided, decision, days) -> dict[str, tuple[int, int, int]]:
    """Found, counted of another story and missed, by days apart ("und": one undated)."""
    y = np.array([d.label for d in decided])
    out = {}
    for g, keep in (("0", days == 0), ("1", days == 1), ("2", days == 2),
                    ("3+", days >= 3), ("und", days < 0)):
        tp = int((decision & y & keep).sum())
        fp = int((decision & ~y & keep).sum())
        fn = int((~decision & y & keep).sum())
        out[g] = (tp, fp, fn)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", required=True)
    ap.add_argument("--fold-seeds", default="7,1,2")
    ap.add_argument("--only", default="base,ind,ind3,exp4,exp3,inv,x_body_cosine,"
                    "x_claims_best,x_title_cosine,x_body_cosine+claims_best+title_cosine")
    args = ap.parse_args()
    articles = bench.load()
    saved = np.load(f"{args.cache}-window.npz")
    decided = [bench.Decided(int(s), int(j), x, bool(y)) for s, j, x, y in zip(
        saved["seeds"], saved["articles"], saved["features"], saved["labels"], strict=True)]
    x0 = np.array([d.features for d in decided])
    days = days_of(decided, articles)
    # The days recovered from the dates agree with the cached feature.
    dc = x0[:, DC]
    assert np.allclose(dc, np.where(days >= 0, np.exp(-np.maximum(days, 0) / 2), 0)), "days"
    for fold_seed in map(int, args.fold_seeds.split(",")):
        bench.FOLD_ORDER = fold_seed
        for name in args.only.split(","):
            start = time.perf_counter()
            x, cols, inter = variant(name, x0, days)
            coverage.FEATURES, coverage.INTERACTIONS = cols, inter
            try:
                dd = [bench.Decided(d.seed, d.article, row, d.label)
                      for d, row in zip(decided, x, strict=True)]
                r = bench.cross_validate(articles, dd)
                decision = r[:, 1].astype(bool)
                s = bench.scores(dd, decision)
            finally:
                coverage.FEATURES, coverage.INTERACTIONS = BASE_F, BASE_I
            g = per_gap(decided, decision, days)
            gaps = "; ".join(f"{k}: {tp}/{tp + fn} found, {fp} other" for k, (tp, fp, fn)
                             in g.items())
            print(f"R({fold_seed}) {name}: P {s['precision']:.3f} R {s['recall']:.3f} "
                  f"F1 {s['f1']:.3f} seedP {s['seed_precision']:.3f} seedR "
                  f"{s['seed_recall']:.3f} | {gaps} [{time.perf_counter() - start:.0f}s]",
                  flush=True)


if __name__ == "__main__":
    main()
