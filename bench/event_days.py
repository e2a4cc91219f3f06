"""Would the days an article's events happened on tell adjacent developments of one affair apart?

A one-off measure for issue #15 (branch `eventday`): over the evidence `bench/coverage.py
--cache PREFIX` kept (the same decisions), each article's event days are read (weekdays,
dates and "yesterday"/"today" resolved against its publication date), features comparing an
article's days with its seed's are added to the evidence matrix, and the same folds by story
are scored with and without them.

    .venv/bin/python bench/coverage.py --seeds 300 --cache /tmp/ed-cov     # the evidence, once
    .venv/bin/python bench/event_days.py --cache /tmp/ed-cov                # with and without
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import coverage as bench  # noqa: E402  (bench/coverage.py)

from monitor.steps import coverage  # noqa: E402
from monitor.steps import text as reading  # noqa: E402

# A weekday, a month with a day number before or after it, or a day named relative to the
# publication date: each found by one pass of one regex, then read by `text.numbers`.
_DAY_WORD = re.compile(
    r"(?:\b\d{1,2}\s+)?\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march"
    r"|april|may|june|july|august|september|october|november|december)\b(?:\s+\d{1,2}\b(?:,?\s+(?:19|20)\d\d\b)?)?"
    r"|(?<!USA )\b(?:yesterday|today|tonight|Yesterday|Today|Tonight)\b", re.IGNORECASE)
_RELATIVE = {"yesterday": -1, "today": 0, "tonight": 0}
# numbers' weekday values are the weekdays' index in alphabetical order.
_CALENDAR = {name: i for i, name in enumerate(
    "monday tuesday wednesday thursday friday saturday sunday".split())}
_WEEKDAY_INDEX = {i: _CALENDAR[w] for i, w in enumerate(sorted(reading.WEEKDAYS))}


def _named(snippet: str) -> tuple[tuple[str, int], ...]:
    """What one snippet names: ("rel", offset), ("weekday", calendar index), ("date", m*100+d)."""
    lowered = snippet.lower()
    if lowered in _RELATIVE:
        return (("rel", _RELATIVE[lowered]),)
    out = []
    found = reading.numbers(snippet)
    year = next((int(n.value) for n in found if n.unit == "year-date"), 0)
    for n in found:
        if n.unit == "weekday":
            out.append(("weekday", _WEEKDAY_INDEX[int(n.value)]))
        elif n.unit == "date":
            out.append(("date", year * 10_000 + int(n.value)))
    return tuple(out)


_NAMED = reading.Memo(_named, 100_000)


def event_days(body: str, published: date | None, relative: bool = True,
               recent: int = 0) -> tuple[frozenset[int], frozenset[int]]:
    """The days an article names: as ordinals (resolved against its publication date; empty
    when undated) and as month*100+day (explicit dates, and the resolved days). With `recent`,
    only the dates from `recent` days before publication to the day after are kept."""
    ordinals: set[int] = set()
    month_days: set[int] = set()
    for m in _DAY_WORD.finditer(body):
        for kind, value in _NAMED[m.group(0)]:
            if kind == "date":
                year, month_day = divmod(value, 10_000)
                month, day = divmod(month_day, 100)
                if not 1 <= day <= 31:
                    continue
                month_days.add(month_day)
                if published:
                    resolved = _nearest(published, month, day, year)
                    if resolved:
                        ordinals.add(resolved.toordinal())
            elif published and (kind == "weekday" or relative):
                back = (published.weekday() - value) % 7 if kind == "weekday" else -value
                ordinals.add(published.toordinal() - back)
    if recent and published:
        today = published.toordinal()
        ordinals = {o for o in ordinals if today - recent <= o <= today + 1}
        month_days = set()
    month_days |= {date.fromordinal(o).month * 100 + date.fromordinal(o).day for o in ordinals}
    return frozenset(ordinals), frozenset(month_days)


def _nearest(published: date, month: int, day: int, year: int = 0) -> date | None:
    """The date `month`/`day` of `year`, or of the year that puts it nearest `published`."""
    best = None
    years = (year,) if year else (published.year - 1, published.year, published.year + 1)
    for y in years:
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((d - published).days) < abs((best - published).days):
            best = d
    return best


NEW = ("days_both", "days_shared", "days_later", "days_latest_close", "days_seed_shared",
       "days_same_latest", "days_same_latest_x_body", "days_later_x_body")


def day_features(seed: tuple, article: tuple, body: float, dated_only: bool = False
                 ) -> list[float]:
    """Both name days; the share of the article's days the seed names; the article names a day
    after the seed's latest; exp(-|gap of the latest days|/2); the share of the seed's days the
    article names."""
    (s_ord, s_md), (a_ord, a_md) = seed, article
    both_dated = bool(s_ord) and bool(a_ord)
    if dated_only and not both_dated:
        return [0.0] * len(NEW)
    s, a = (s_ord, a_ord) if both_dated else (s_md, a_md)
    if not s or not a:
        return [0.0] * len(NEW)
    shared = len(s & a)
    later = max(a) > max(s)
    gap = abs(max(a) - max(s)) if both_dated else (0 if max(a) == max(s) else 3)
    same = float(max(a) == max(s))
    return [1.0, shared / len(a), float(later), float(np.exp(-gap / 2)), shared / len(s),
            same, same * body, later * body]


def score_with(articles, decided, extra: np.ndarray | None, names: tuple[str, ...]) -> dict:
    """Cross-validated scores with `extra` columns appended to the evidence (named `names`)."""
    saved = coverage.FEATURES
    try:
        if extra is not None:
            coverage.FEATURES = saved + names
            decided = [bench.Decided(d.seed, d.article, np.r_[d.features, e], d.label)
                       for d, e in zip(decided, extra, strict=True)]
        r = bench.cross_validate(articles, decided)
        s = bench.scores(decided, r[:, 1].astype(bool))
        undated = np.array([d.features[saved.index("undated")] > 0 for d in decided])
        for part, keep in (("dated", ~undated), ("undated", undated)):
            sub = bench.scores([d for d, k in zip(decided, keep, strict=True) if k],
                               r[keep, 1].astype(bool))
            s[part] = sub
        return s
    finally:
        coverage.FEATURES = saved


def by_gap(articles, decided, days, published) -> None:
    """Among dated pairs decided by main's evidence (order Random(7)): right, counted of another
    story, missed, by the days between publications and whether both name the same latest day."""
    r = bench.cross_validate(articles, decided)
    chosen = r[:, 1].astype(bool)
    for kind, wanted in (("right", (True, True)), ("counted, other story", (True, False)),
                         ("missed", (False, True))):
        table: Counter = Counter()
        for d, c in zip(decided, chosen.tolist(), strict=True):
            if (c, d.label) != wanted or not (published[d.seed] and published[d.article]):
                continue
            gap = abs((published[d.article] - published[d.seed]).days)
            s, a = days[d.seed][0], days[d.article][0]
            table[gap, "same" if s and a and max(s) == max(a) else "other/none"] += 1
        print(f"  {kind}: " + ", ".join(f"{g} days apart, {same} latest day: {n}"
                                        for (g, same), n in sorted(table.items()) if g <= 2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", required=True, help="bench/coverage.py --cache PREFIX")
    parser.add_argument("--fold-seeds", default="7", help="fold orders, e.g. 7,1,2")
    parser.add_argument("--sets", default="all", help="feature subsets, e.g. 0-1,0-1-2")
    parser.add_argument("--recent", type=int, default=0, help="keep only the days from this "
                        "many before publication to the day after (explicit dates of undated "
                        "articles kept)")
    parser.add_argument("--dated-only", action="store_true", help="day features only where "
                        "both articles are dated (0 otherwise)")
    parser.add_argument("--by-gap", action="store_true", help="only the dated errors by the "
                        "publications' gap and whether the latest days named agree")
    parser.add_argument("--no-relative", action="store_true", help="no yesterday/today")
    args = parser.parse_args()

    articles = bench.load()
    published = [coverage._day(a["published"]) if a["published"] else None for a in articles]
    start = time.process_time()
    days = [event_days(a["text"], p, not args.no_relative, args.recent)
            for a, p in zip(articles, published, strict=True)]
    read = (time.process_time() - start) / len(articles)
    print(f"reading an article's days: {1e3 * read:.3f} ms CPU (first pass, memo empty)")
    start = time.process_time()
    for a, p in zip(articles, published, strict=True):
        event_days(a["text"], p, not args.no_relative)
    print(f"  again (memo full): {1e3 * (time.process_time() - start) / len(articles):.3f} ms")
    named = sum(bool(o or m) for o, m in days)
    print(f"articles naming a day: {named} of {len(articles)}; undated naming an explicit "
          f"date: {sum(bool(m) for (o, m), p in zip(days, published, strict=True) if not p)} "
          f"of {sum(p is None for p in published)}")

    saved = np.load(f"{args.cache}-window.npz")
    decided = [bench.Decided(int(s), int(j), x, bool(y)) for s, j, x, y in zip(
        saved["seeds"], saved["articles"], saved["features"], saved["labels"], strict=True)]
    if args.by_gap:
        by_gap(articles, decided, days, published)
        return
    start = time.process_time()
    body = coverage.FEATURES.index("body_cosine")
    extra = np.array([day_features(days[d.seed], days[d.article], d.features[body],
                                   args.dated_only)
                      for d in decided])
    per = (time.process_time() - start) / len(decided)
    print(f"{len(decided):,} decisions; day features {1e6 * per:.2f} µs CPU a decision")
    y = np.array([d.label for d in decided])
    for i, name in enumerate(NEW):
        col = extra[:, i]
        print(f"  {name}: nonzero {int((col > 0).sum()):,}; mean covering {col[y].mean():.3f}, "
              f"others {col[~y].mean():.3f}")

    subsets = ([[0, 1], [0, 1, 2], [0, 1, 2, 3], [0, 1, 2, 3, 4], [0, 2, 3], [0, 1, 4]]
               if args.sets == "all" else
               [[int(i) for i in s.split("-")] for s in args.sets.split(",")])
    original = bench.FOLD_ORDER
    for fold_seed in map(int, args.fold_seeds.split(",")):
        bench.FOLD_ORDER = fold_seed
        rows = [("main's evidence", score_with(articles, decided, None, ()))]
        for subset in subsets:
            names = tuple(NEW[i] for i in subset)
            rows.append(("+ " + ", ".join(names), score_with(articles, decided, extra[:, subset],
                                                             names)))
        print(f"\nfolds by story, order Random({fold_seed}):")
        for name, s in rows:
            print(f"  {name}: P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} "
                  f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']}); per seed P "
                  f"{s['seed_precision']:.3f} R {s['seed_recall']:.3f}; dated F1 "
                  f"{s['dated']['f1']:.3f}, undated F1 {s['undated']['f1']:.3f}")
    bench.FOLD_ORDER = original


if __name__ == "__main__":
    main()
