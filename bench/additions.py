"""Additions on real text: could a cheap, looser tie keep a claim's rewording out? (issue #17)

    .venv/bin/python bench/additions.py --dbs DIR     # DIR: the eight sets' stores (sets.sh)

Reads the eight real-text sets' stores (first.db ... eighth.db, as `/work/scratch/quotes/sets.sh`
writes them) and prints:

1. the additions per covering article;
2. for the labelled rows the product calls absent, told (partial or better) against absent by
   the label, the closest addition of the article to the claim by each cheap measure: how often
   a cut would tie one, and what share of all additions that cut would tie;
3. the additions read by hand (`realtext_additions_labels.tsv`: rewording, genuine, arguable,
   noise), tied at each cut of each measure; for the non-name word dice a cut chosen with folds
   by story on the random and near draws (each label weighted by the share of additions its
   draw stands for), then scored on the fresh draw, read after the cut was chosen; and the
   fresh-shared draw (six shared content words or more), read after that.

Measures (each the most over the story's claims): fuzz (rapidfuzz token_set_ratio), shared
(content words), dice (of the content words, each weighted by its rarity among the story's
claims; the near draw's), plain (Dice of the content words that are not names: the cut chosen),
p (the same-claim model's probability, where the fuzzy score reaches the candidate cut, 55).
The repo holds no text of these articles; only this bench reads them.
"""

from __future__ import annotations

import argparse
import math
import sqlite3
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, utils

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realtext_heldout as rh  # noqa: E402
import realtext_verdicts as rv  # noqa: E402

from monitor.steps import similarity  # noqa: E402
from monitor.steps.conflicts import THRESHOLDS, claim_words, sentence_words  # noqa: E402
from monitor.steps.text import name_words, stem  # noqa: E402

SETS = {"first": rv.LABELS, "heldout": rh.LABELS, "third": rh.THIRD_LABELS,
        "fourth": rh.FOURTH_LABELS, "fifth": rh.FIFTH_LABELS, "sixth": rh.SIXTH_LABELS,
        "seventh": rh.SEVENTH_LABELS, "eighth": rh.EIGHTH_LABELS}
LABELS = Path(__file__).with_name("realtext_additions_labels.tsv")
TOLD = {"partial", "paraphrase", "verbatim", "reworded quotation"}
GRIDS = {"fuzz": [50, 55, 60, 65, 70], "shared": [2, 3, 4, 5, 6],
         "dice": [0.2, 0.25, 0.3, 0.35, 0.4], "plain": [0.2, 0.25, 0.3, 0.34, 0.4],
         "p": [0.01, 0.1, 0.2, 0.3, 0.5]}
STRATA = [(0.0, 0.22), (0.22, 0.30), (0.30, 9.0)]  # the near draw's, by `dice`


def measures(claims: list[str], sentence: str) -> dict[str, float]:
    """Each cheap measure of a sentence, the most over the claims."""
    df = Counter(w for c in claims for w in claim_words(c)[0])
    weight = {w: math.log((len(claims) + 1) / n) for w, n in df.items()}
    words = sentence_words(sentence)
    plain_words = words - frozenset(map(stem, name_words(sentence)))
    processed = utils.default_process(sentence)
    best = dict.fromkeys(GRIDS, 0.0)
    # P(same claim) as the matcher could read it: only for a fuzzy candidate (score 55 or more)
    p = similarity.model().probability(similarity.pair_features(
        similarity.analyse_all(claims), similarity.analyse_all([sentence] * len(claims))))
    for c, same in zip(claims, p.tolist(), strict=True):
        mine, names = claim_words(c)
        shared = mine & words
        rare = sum(weight[w] for w in shared)
        here = sum(weight.get(w, math.log(len(claims) + 1)) for w in words)
        plain = mine - names
        found = {"fuzz": fuzz.token_set_ratio(utils.default_process(c), processed),
                 "shared": len(shared),
                 "dice": 2 * rare / max(sum(weight[w] for w in mine) + here, 1e-9),
                 "plain": 2 * len(plain & plain_words) / max(len(plain) + len(plain_words), 1)}
        found["p"] = same if found["fuzz"] >= THRESHOLDS.candidate else 0.0
        best = {k: max(v, found[k]) for k, v in best.items()}
    return best


def read(dbs: Path) -> tuple[list[dict], list[tuple[str, bool, dict]], int]:
    """Every addition with its measures; the absent rows' closest additions; covering articles."""
    additions, rows, covering = [], [], 0
    for name, labels in SETS.items():
        db = sqlite3.connect(dbs / f"{name}.db")
        covering += db.execute("select count(*) from coverage where is_coverage = 1").fetchone()[0]
        claims = defaultdict(list)
        for story, text in db.execute("select story_id, text from claims"):
            claims[story].append(text)
        by_article = defaultdict(list)
        for story, slug, article, outlet, sentence in db.execute(
                """select d.story_id, s.slug, d.article_id, o.name, d.sentence from additions d
                join stories s on s.id = d.story_id join articles a on a.id = d.article_id
                join outlets o on o.id = a.outlet_id order by d.id"""):
            by_article[story, article].append(sentence)
            additions.append({"set": name, "story": slug, "article": article, "outlet": outlet,
                              "key": rv.key(sentence),
                              **measures(claims[story], sentence)})
        q = """select s.slug, o.name, c.text, m.verdict, m.story_id, m.article_id from matches m
        join claims c on c.id = m.claim_id join stories s on s.id = m.story_id
        join articles a on a.id = m.article_id join outlets o on o.id = a.outlet_id"""
        found = {(s, o, rv.key(c)): (v, c, sid, aid) for s, o, c, v, sid, aid in db.execute(q)}
        for story, outlet, claim, label in rv.read_labels(labels):
            got = found.get((story, outlet, claim))
            if got is None or got[0] != "absent" or label not in TOLD | {"absent"}:
                continue
            sentences = by_article.get((got[2], got[3]))
            if sentences:
                closest = [measures([got[1]], s) for s in sentences]
                rows.append((f"{name}/{story}", label in TOLD,
                             {k: max(m[k] for m in closest) for k in GRIDS}))
    return additions, rows, covering


def per_article(additions: list[dict], covering: int) -> None:
    counts = list(Counter((a["set"], a["article"]) for a in additions).values())
    print(f"additions {len(additions)} on {len(counts)} of {covering} covering articles; "
          f"per article with any: median {statistics.median(counts)}, "
          f"max {max(counts)}, mean {len(additions) / len(counts):.1f}")


def proxy(additions: list[dict], rows: list[tuple[str, bool, dict]]) -> None:
    told = np.array([t for _, t, _ in rows])
    print(f"\nlabelled rows called absent whose article has additions: told {told.sum()}, "
          f"absent {(~told).sum()}; the closest addition to the claim tied at each cut:")
    for measure, grid in GRIDS.items():
        x = np.array([m[measure] for _, _, m in rows])
        every = np.array([a[measure] for a in additions])
        print(f"  {measure:6} " + "  ".join(
            f">={c}: told {(x[told] >= c).mean():.2f} absent {(x[~told] >= c).mean():.2f} "
            f"all {(every >= c).mean():.2f}" for c in grid))


def read_labels(path: Path = LABELS) -> dict[tuple[str, str, str, str], tuple[str, str]]:
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")][1:]
    return {(s, st, o, k): (label, drawn) for s, st, o, k, label, drawn in rows}


def hand_labels(additions: list[dict]) -> None:
    labels = read_labels()
    read = [(a, *labels[a["set"], a["story"], a["outlet"], a["key"]]) for a in additions
            if (a["set"], a["story"], a["outlet"], a["key"]) in labels]
    print(f"\nadditions read by hand: {len(read)} of {len(labels)} labels found; by draw: "
          f"{dict(Counter((d, lab) for _, lab, d in read))}")
    for measure, grid in GRIDS.items():
        print(f"  {measure:6} " + "  ".join(
            f">={c}: " + "/".join(str(sum(a[measure] >= c and lab == k for a, lab, d in read
                                          if d in ("random", "near")))
                                  for k in ("rewording", "arguable", "genuine"))
            for c in grid) + "   (rewording/arguable/genuine tied, random and near draws)")
    for drawn, measure, cut in (("fresh", "plain", 0.34), ("fresh-shared", "shared", 6)):
        got = Counter(lab for a, lab, d in read if d == drawn and a[measure] >= cut)
        print(f"  the {drawn} draw ({measure} >= {cut}, read after the others): {dict(got)}")
    weight = {}
    for low, high in STRATA:  # each label stands for the additions of its stratum
        stratum = [a for a in additions if low <= a["dice"] < high]
        mine = [a for a, _, d in read if d in ("random", "near") and low <= a["dice"] < high]
        for a in mine:
            weight[id(a)] = len(stratum) / len(mine)
    items = [(a["story"], lab, a["plain"], weight[id(a)]) for a, lab, d in read
             if d in ("random", "near")]
    grid = np.round(np.arange(0.20, 0.56, 0.02), 2).tolist()

    def gain(its: list, cut: float) -> float:  # reworded minus genuine additions tied
        return sum(w * ((lab == "rewording") - (lab == "genuine")) for _, lab, v, w in its
                   if v >= cut)

    held, chosen = 0.0, []
    for story in sorted({s for s, *_ in items}):
        cut = max(grid, key=lambda c: (gain([i for i in items if i[0] != story], c), c))
        chosen.append(cut)
        held += gain([i for i in items if i[0] == story], cut)
    cut = max(grid, key=lambda c: (gain(items, c), c))
    fresh = Counter(lab for a, lab, d in read if d == "fresh" and a["plain"] >= cut)
    print(f"  plain, folds by story: cuts chosen {sorted(set(chosen))}, held-out gain "
          f"(reworded - genuine, weighted) {held:+.0f}; on all: cut {cut}, gain "
          f"{gain(items, cut):+.0f}, ties {sum(a['plain'] >= cut for a in additions)} additions;"
          f" the fresh draw at that cut: {dict(fresh)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dbs", required=True, type=Path)
    args = parser.parse_args()
    additions, rows, covering = read(args.dbs)
    per_article(additions, covering)
    proxy(additions, rows)
    hand_labels(additions)


if __name__ == "__main__":
    main()
