"""The verdicts' thresholds (`conflicts.Thresholds`) fitted on the real-text sets, folds by story.

    .venv/bin/python bench/thresholds.py [--dbs DIR] [--folds N] [--show-unlabelled N]
                                         [--only NAME,...]

Reads (or first builds, each by its real-text bench's crawl, in a process of its own) one
database per set in DIR: first.db (`realtext_verdicts.py`), heldout.db, third.db, fourth.db
(`realtext_heldout.py --set ...`). Every stored article is decided again against the stored
claims (`match.score_stories`, as `monitor match --all` does) with each setting of a small grid
of thresholds, and its verdicts scored against the four label files (bench/realtext_*labels.tsv).

The values are chosen by cross-validation with folds by story: the 31 stories are cut into
folds (leave-one-story-out by default), and for each fold a coordinate-wise search over the
grid, started at today's values, picks the setting that gets most labels right on the other
folds' stories; the held-out fold is then scored with that setting. Printed: the held-out
folds' figure against today's values on the same labels, per set and per story, the setting
chosen on all stories and its in-sample figure; first, each value of the grid alone from today's.

The labels cover every non-absent verdict of each set's first run and the absent ones that
looked likely, so a lower cut makes verdicts on pairs with no label. They are never counted
right: each figure says how many there are, and a second cross-validation counts every one of
them wrong (a bound: chosen and scored so). `--show-unlabelled N` prints N of them for the
values chosen on all (claim and sentence, to be read by a person; never copied into the repo).
`--only` searches those values of the grid alone, the others kept at today's.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from collections import Counter
from dataclasses import asdict, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realtext_heldout  # noqa: E402
import realtext_verdicts  # noqa: E402

from monitor.jobs.stories import as_article, load_stories  # noqa: E402
from monitor.steps.conflicts import THRESHOLDS, Thresholds  # noqa: E402
from monitor.steps.match import score_stories, story_index  # noqa: E402
from monitor.store import rows  # noqa: E402
from monitor.store.schema import open_db  # noqa: E402

SETS = {
    "first": (realtext_verdicts.STORIES, realtext_verdicts.LABELS),
    "heldout": (realtext_heldout.STORIES, realtext_heldout.LABELS),
    "third": (realtext_heldout.THIRD, realtext_heldout.THIRD_LABELS),
    "fourth": (realtext_heldout.FOURTH, realtext_heldout.FOURTH_LABELS),
}
# `--all-sets`: the eight sets, as `partial_model.py` and `/work/scratch/quotes/sets.sh` read them.
MORE_SETS = {
    "fifth": (realtext_heldout.FIFTH, realtext_heldout.FIFTH_LABELS),
    "sixth": (realtext_heldout.SIXTH, realtext_heldout.SIXTH_LABELS),
    "seventh": (realtext_heldout.SEVENTH, realtext_heldout.SEVENTH_LABELS),
    "eighth": (realtext_heldout.EIGHTH, realtext_heldout.EIGHTH_LABELS),
}
# A few values each side of today's (the candidate cut is a whole fuzzy score).
GRID: dict[str, tuple[float, ...]] = {
    "candidate": (45.0, 48.0, 50.0, 52.0, 55.0, 58.0),
    "partial_cover": (0.15, 0.2, 0.25, 0.3),
    "part_of_clause": (0.25, 0.3, 0.34, 0.4, 0.5),
    "paraphrase": (60.0, 65.0, 70.0, 75.0),
    "contains": (0.7, 0.75, 0.8, 0.9),
    # today's is the same-claim model's own threshold; 101 is never (the owners rule alone)
    "clause_same": (101.0, 90.0, 70.0, THRESHOLDS.clause_same, 30.0, 20.0, 10.0, 5.0),
    # one clause of a long claim told again (`verdicts.tells_a_clause`); over 1 is never
    "clause_told": (0.3, 0.4, 0.5, 0.6, 0.75, 1.0, 2.0),
    "clause_words": (2, 3, 4, 5, 6),
}
Key = tuple[str, str, str]  # story, outlet, claim key
Found = dict[Key, tuple[str, str, str | None]]  # -> verdict, claim, sentence


class Corpus:
    """The four sets' stored stories and articles, decided again with any thresholds."""

    def __init__(self, folder: Path) -> None:
        self.sets = []
        for name in SETS:
            path = folder / f"{name}.db"
            if not path.exists():  # one crawl a process: Scrapy's reactor does not restart
                script = "realtext_verdicts.py" if name == "first" else "realtext_heldout.py"
                subprocess.run([sys.executable, str(Path(__file__).with_name(script)),
                                "--db", str(path), *(["--set", name] if name != "first"
                                                     else [])], check=True)
            db = open_db(str(path))
            loaded = load_stories(db)
            outlets = dict(db.execute("select a.id, o.name from articles a "
                                      "join outlets o on o.id = a.outlet_id").fetchall())
            articles = rows.articles_by_id(db, sorted(outlets))
            self.sets.append((loaded.stories, story_index(loaded.stories),
                              [(outlets[a["id"]], as_article(a)) for a in articles]))
        self.labels = {(s, o, c): v for _, labels in SETS.values()
                       for s, o, c, v in realtext_verdicts.read_labels(labels)}
        self.set_of = {story: name for name, (stories, _) in SETS.items() for story in stories}
        self._memo: dict[Thresholds, Found] = {}

    def decide(self, t: Thresholds) -> Found:
        """Every covering article's verdicts with thresholds `t` (remembered)."""
        if t not in self._memo:
            found: Found = {}
            for stories, index, articles in self.sets:
                for outlet, article in articles:
                    for story, (result, scored) in zip(stories, score_stories(
                            stories, article, index=index, t=t), strict=True):
                        if not (result.is_coverage and scored):
                            continue  # stored without verdicts, as `monitor match` does
                        text = {c.position: c.text for c in story.claims}
                        for m in result.matches:
                            claim = text[m.claim_position]
                            found[(story.slug, outlet, realtext_verdicts.key(claim))] = (
                                m.verdict, claim, m.sentence)
            self._memo[t] = found
        return self._memo[t]

    def right(self, t: Thresholds, stories: set[str]) -> Counter:
        """Labels right per story, among `stories`; a label whose pair is not decided (its
        claim gone, its article no longer coverage) is left out, as the benches do."""
        found = self.decide(t)
        return Counter(s for (s, o, c), v in self.labels.items()
                       if s in stories and (s, o, c) in found and found[(s, o, c)][0] == v)

    def judged(self, t: Thresholds, stories: set[str]) -> Counter:
        found = self.decide(t)
        return Counter(s for key in self.labels if (s := key[0]) in stories and key in found)

    def unlabelled(self, t: Thresholds, stories: set[str] | None = None) -> list[Key]:
        """Pairs (of `stories`, or all) not absent with `t` that carry no label and were absent
        with today's values: verdicts nobody read."""
        found, before = self.decide(t), self.decide(THRESHOLDS)
        return [k for k, (v, _, _) in found.items() if v != "absent" and k not in self.labels
                and before.get(k, ("absent",))[0] == "absent"
                and (stories is None or k[0] in stories)]

    def worth(self, t: Thresholds, stories: set[str], penalise: bool) -> int:
        """What the search maximises: labels right, less (with `penalise`) each new verdict on
        a pair with no label, counted wrong."""
        return self.right(t, stories).total() - (len(self.unlabelled(t, stories)) if penalise
                                                 else 0)


def search(corpus: Corpus, stories: set[str], penalise: bool = False) -> Thresholds:
    """Coordinate-wise search over GRID from today's values, most labels right on `stories`
    (`Corpus.worth`; ties keep the value nearer today's)."""
    t = THRESHOLDS
    for _ in range(3):
        moved = False
        for name, values in GRID.items():
            now = getattr(t, name)
            ranked = sorted(values, key=lambda v: (-corpus.worth(
                replace(t, **{name: v}), stories, penalise), abs(v - now) / now))
            if ranked[0] != now:
                t, moved = replace(t, **{name: ranked[0]}), True
        if not moved:
            break
    return t


def folds(stories: list[str], n: int | None) -> list[set[str]]:
    """Leave-one-story-out, or n folds of stories dealt in a fixed shuffled order."""
    if not n:
        return [{s} for s in stories]
    order = sorted(stories)
    random.Random(17).shuffle(order)
    return [set(order[i::n]) for i in range(n)]


def changed(t: Thresholds) -> str:
    today = asdict(THRESHOLDS)
    return ", ".join(f"{k} {today[k]:g} -> {v:g}" for k, v in asdict(t).items()
                     if v != today[k]) or "today's values"


def by_set(corpus: Corpus, counts: Counter) -> list[int]:
    """Counts per story summed per set, in SETS' order, and the total."""
    sums = [sum(n for s, n in counts.items() if corpus.set_of[s] == name) for name in SETS]
    return [*sums, sum(sums)]


def sweep(corpus: Corpus) -> None:
    """One value at a time from today's: labels right per set, and new unlabelled verdicts."""
    everyone = set(corpus.set_of)
    print("one value at a time (labels right: " + ", ".join(SETS) + ", all; new unlabelled)")
    for name, values in GRID.items():
        for v in values:
            t = replace(THRESHOLDS, **{name: v})
            right = by_set(corpus, corpus.right(t, everyone))
            print(f"  {name:14} {v:5g}  {' '.join(f'{n:3}' for n in right)}"
                  f"  {len(corpus.unlabelled(t)):3}")


def cross_validate(corpus: Corpus, n_folds: int, penalise: bool) -> Thresholds:
    """Held-out folds' figures of the values chosen on the other stories, against today's."""
    everyone = sorted(corpus.set_of)
    held, unread = Counter(), Counter()
    print(f"\nfolds by story{', new unlabelled verdicts counted wrong' if penalise else ''}: "
          "the values chosen on the other stories")
    for fold in folds(everyone, n_folds):
        t = search(corpus, set(everyone) - fold, penalise)
        held.update(corpus.right(t, fold))
        unread.update(k[0] for k in corpus.unlabelled(t, fold))
        print(f"  {' '.join(sorted(fold))}: {changed(t)}")
    today = corpus.right(THRESHOLDS, set(everyone))
    chosen = search(corpus, set(everyone), penalise)
    fitted = corpus.right(chosen, set(everyone))
    new = Counter(k[0] for k in corpus.unlabelled(chosen))
    judged = by_set(corpus, corpus.judged(THRESHOLDS, set(everyone)))
    print("set       today  held-out folds (new unlabelled)  chosen on all, in sample (new "
          "unlabelled)")
    for name, n, a, b, u, c, v in zip([*SETS, "all"], judged, by_set(corpus, today),
                                      by_set(corpus, held), by_set(corpus, unread),
                                      by_set(corpus, fitted), by_set(corpus, new), strict=True):
        print(f"{name:8} {a:3}/{n}  {b:3}/{n} ({u:2})                    {c:3}/{n} ({v:2})")
    gains = {s: held[s] - today[s] for s in everyone}
    print("held-out gain by story:", " ".join(f"{s} {g:+d}" for s, g in sorted(gains.items())
                                               if g))
    print(f"  stories better {sum(g > 0 for g in gains.values())}, worse "
          f"{sum(g < 0 for g in gains.values())}; gain {sum(gains.values()):+d}, without its "
          f"best story {sum(gains.values()) - max(gains.values(), default=0):+d}")
    print(f"chosen on all: {changed(chosen)}")
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dbs", default="/tmp/realtext-dbs",
                        help="folder of first.db, heldout.db, third.db, fourth.db")
    parser.add_argument("--folds", type=int, default=0, help="folds of stories (0: one a story)")
    parser.add_argument("--show-unlabelled", type=int, default=0, metavar="N")
    parser.add_argument("--only", help="names of the grid's values to search, comma-separated")
    parser.add_argument("--grid", action="append", default=[], metavar="NAME=V,V,...",
                        help="search these values of NAME instead of the grid's")
    parser.add_argument("--all-sets", action="store_true",
                        help="the eight sets (fifth.db ... eighth.db too), not the first four")
    args = parser.parse_args()
    if args.all_sets:
        SETS.update(MORE_SETS)
    for given in args.grid:
        name, values = given.split("=")
        if name not in GRID:
            parser.error(f"--grid: no such value in the grid: {name}")
        GRID[name] = tuple(type(getattr(THRESHOLDS, name))(v) for v in values.split(","))
    if args.only:
        if unknown := set(args.only.split(",")) - set(GRID):
            parser.error(f"--only: no such value in the grid: {', '.join(sorted(unknown))}")
        for name in set(GRID) - set(args.only.split(",")):
            del GRID[name]
    folder = Path(args.dbs)
    folder.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(folder)
    sweep(corpus)
    chosen = cross_validate(corpus, args.folds, penalise=False)
    cross_validate(corpus, args.folds, penalise=True)
    new = corpus.unlabelled(chosen)
    print(f"\n{len(new)} new verdicts on unlabelled pairs with the values chosen on all "
          f"(labels only): {dict(Counter(corpus.decide(chosen)[k][0] for k in new))}")
    for k in random.Random(4).sample(new, min(args.show_unlabelled, len(new))):
        verdict, claim, sentence = corpus.decide(chosen)[k]
        print(f"\n{' '.join(k)}: {verdict}\n  claim:    {claim}\n  sentence: {sentence}")


if __name__ == "__main__":
    main()
