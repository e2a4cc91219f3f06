"""A uniform random sample of the rules' unlabelled absents on covering articles (issue #17).

    .venv/bin/python bench/absent_sample.py --dbs DIR [--size 150] [--show] [--score]
    .venv/bin/python bench/absent_sample.py --dbs DIR --seed 46 [--show] [--score]

Reads the databases of the first six real-text sets in DIR (first.db ... sixth.db, as
`partial_model.py` reads them; the seventh is left out), decides every covering article again
with today's rules, and lists every (claim, covering article) pair whose verdict is absent and
which no label file labels (story, outlet, claim key). Draws `--size` of them with
`random.Random(45)` (sorted first, so the draw does not hang on the order of the databases).
--show prints each drawn pair's claim with its article's whole text, grouped by article, to
read by hand (never copied into the repo); each claim also says whether some sentence shares two
of its content words ("near") or none does ("far"). --score reads
`partial_model.SAMPLE_LABELS` and prints the share told, with Wilson intervals, by set.
`--seed S` (not 45) draws a further sample with `random.Random(S)` from the same pairs less the
first sample's (`partial_model.SAMPLE_LABELS`); --score then reads `partial_model.SAMPLE2_LABELS`.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import partial_model as pm  # noqa: E402
import realtext_verdicts  # noqa: E402

from monitor.steps.conflicts import claim_words, sentence_words  # noqa: E402
from monitor.steps.text import split_sentences  # noqa: E402

SIX = [name for name in pm.SETS if name != pm.UNSEEN]
FIRST_SEED = 45
TOLD = ("verbatim", "paraphrase", "reworded quotation", "partial", "conflict")
Absent = tuple[str, str, str, str, str, str, int]  # set, story, outlet, claim key, claim,
# article text, most content words one sentence shares with the claim


def absents(name: str, path: Path, labelled: set[pm.Key]) -> list[Absent]:
    """The rules' absents on covering articles of one set's database that carry no label."""
    found, text, sentence_sets = [], None, []
    for key, claim, m, article in pm.covering_matches(path):
        if m.verdict != "absent" or key in labelled:
            continue
        if article is not text:
            text, sentence_sets = article, [sentence_words(s) for s in split_sentences(article)]
        words = claim_words(claim.text)[0]
        shared = max((len(words & s) for s in sentence_sets), default=0)
        found.append((name, *key, claim.text, article, shared))
    return found


wilson = pm.wilson


def show(drawn: list[Absent]) -> None:
    by_article: dict[tuple[str, str, str], list[Absent]] = {}
    for a in drawn:
        by_article.setdefault(a[:3], []).append(a)
    for (name, story, outlet), items in sorted(by_article.items()):
        print(f"\n======== {name} {story} {outlet} ({len(items)} claims)")
        for a in items:
            print(f"  CLAIM {a[3]} [{'near' if a[6] >= 2 else 'far'} {a[6]}]: {a[4]}")
        print("  ARTICLE:")
        for s in split_sentences(items[0][5]):
            print("   |", s)


def score(every: list[Absent], path: Path) -> None:
    """The labelled sample's shares told. The sample was drawn under the rules of its day: a
    pair that today's rules (or a fresh crawl) no longer call absent keeps its label, and is
    only left out of the near/far split, which reads today's sentences."""
    labels = pm.read_sample_labels(path)
    near = {a[1:4]: a[6] >= 2 for a in every if a[1:4] in labels}
    if len(near) < len(labels):
        print(f"{len(labels) - len(near)} of the {len(labels)} labelled pairs are not absent "
              "today (rules or crawl changed since the draw): near/far left unsaid for them")
    for group in [*SIX, "all"]:
        got = [v for v, s, _ in labels.values() if group in ("all", s)]
        told = sum(v in TOLD for v in got)
        low, high = wilson(told, len(got))
        print(f"{group:8} told {told}/{len(got)} = {told / max(len(got), 1):.2f} "
              f"(95% Wilson {low:.2f}-{high:.2f}) {dict(Counter(got))}")
    sure = [v for v, _, kind in labels.values() if "arguable" not in kind]
    told = sum(v in TOLD for v in sure)
    print(f"arguable calls aside: told {told}/{len(sure)}; arguable: "
          f"{dict(Counter(v for v, _, kind in labels.values() if 'arguable' in kind))}")
    print("kinds of the told:", dict(Counter(kind.split(",")[0] for v, _, kind in
                                             labels.values() if v in TOLD)))
    for side in (True, False):
        got = [v for k, (v, _, _) in labels.items() if near.get(k) is side]
        print(f"{'near (a sentence shares 2+ content words)' if side else 'far (none does)'}: "
              f"{len(got)}, told {sum(v in TOLD for v in got)}")


def agreement(first: dict[pm.Key, tuple[str, str, str]],
              second: dict[pm.Key, tuple[str, str, str]]) -> None:
    """The two samples' shares told, all labels and arguable calls aside, with the z of
    their difference (two proportions, pooled)."""
    for name, keep in (("all labels", lambda kind: True),
                       ("arguable calls aside", lambda kind: "arguable" not in kind)):
        counts = [(sum(v in TOLD for v, _, kind in s.values() if keep(kind)),
                   sum(keep(kind) for _, _, kind in s.values())) for s in (first, second)]
        (k1, n1), (k2, n2) = counts
        pooled = (k1 + k2) / (n1 + n2)
        z = (k2 / n2 - k1 / n1) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        low, high = wilson(k1 + k2, n1 + n2)
        print(f"{name}: first {k1}/{n1} = {k1 / n1:.2f}, second {k2}/{n2} = {k2 / n2:.2f}; "
              f"z {z:+.2f}; both {k1 + k2}/{n1 + n2} = {pooled:.2f} "
              f"(95% Wilson {low:.2f}-{high:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dbs", default="/tmp/realtext-dbs")
    parser.add_argument("--size", type=int, default=150)
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--score", action="store_true")
    parser.add_argument("--seed", type=int, default=FIRST_SEED,
                        help="another seed draws from the pairs less the first sample's")
    args = parser.parse_args()
    labelled = {(s, o, c) for _, path in pm.SETS.values()
                for s, o, c, _ in realtext_verdicts.read_labels(path)}
    every = sorted(a for name in SIX for a in absents(name, Path(args.dbs) / f"{name}.db",
                                                      labelled))
    if args.seed != FIRST_SEED:  # a second sample: none of the first's pairs again
        first = pm.read_sample_labels()
        every = [a for a in every if a[1:4] not in first]
    drawn = random.Random(args.seed).sample(every, args.size)
    print(f"unlabelled absents on covering articles, six sets: {len(every)} "
          f"{dict(Counter(a[0] for a in every))} (seed {args.seed}); "
          "near (a sentence shares 2+ content words) "
          f"{sum(a[6] >= 2 for a in every)}\ndrawn {len(drawn)} "
          f"{dict(Counter(a[0] for a in drawn))}; near {sum(a[6] >= 2 for a in drawn)}")
    if args.show:
        show(drawn)
    if args.score:
        score(every, pm.SAMPLE_LABELS if args.seed == FIRST_SEED else pm.SAMPLE2_LABELS)
        if args.seed != FIRST_SEED:
            agreement(pm.read_sample_labels(), pm.read_sample_labels(pm.SAMPLE2_LABELS))


if __name__ == "__main__":
    main()
