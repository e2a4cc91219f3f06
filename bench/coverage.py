"""Same story? The coverage decision measured on real journalism, and fitted on it.

Over `../shared/data/news-events/` (real stories, 2-3 outlets each): each sampled article in turn
is the seed, and every other article published within the story's window (±7 days, undated
ones included; `--no-window` for all) is decided. Folds by story: the model scoring a seed was
fitted on other stories only. Prints pooled precision, recall and F1, per-seed means, the cost
per decision, and examples of the errors by kind.

    .venv/bin/python bench/coverage.py                 # 300 seeds, 5 folds by story
    .venv/bin/python bench/coverage.py --fit           # then fit on all and write the model
    .venv/bin/python bench/coverage.py --seeds 0       # every article as a seed
    .venv/bin/python bench/coverage.py --cache /tmp/cov --read 40   # errors by date, and 40
                                                       # "counted, other story" to read by hand
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.steps import coverage  # noqa: E402
from monitor.steps.claims import read_seed  # noqa: E402
from monitor.steps.dates import DEFAULT_WINDOW_DAYS  # noqa: E402
from monitor.steps.extract import without_page_furniture  # noqa: E402
from monitor.steps.match import match_article  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-events"


@dataclass
class Decided:
    seed: int
    article: int
    features: np.ndarray
    label: bool


def load() -> list[dict]:
    """The articles, their texts as the product's extraction leaves them (link cards out)."""
    with gzip.open(DATA / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    for row in rows:
        row["text"] = without_page_furniture(row["text"])
    return rows


def candidates(articles: list[dict], profiles: list[coverage.Profile], seed: int,
               window: bool) -> list[int]:
    """Every other article in the seed's window (undated ones included)."""
    centre = profiles[seed].published
    out = []
    for j, p in enumerate(profiles):
        if j == seed:
            continue
        if window and centre and p.published and abs(
                (p.published - centre).days) > DEFAULT_WINDOW_DAYS:
            continue
        out.append(j)
    return out


def with_claims(ev: coverage.Evidence, seed_claims: list, repeated: frozenset,
                article: coverage.Weighed, text: str) -> tuple[coverage.Evidence, bool]:
    """The evidence with the claims compared, as `match.score_stories` does: where the cheap
    evidence leaves the story plausible, or the article repeats a claim of the seed in part;
    and whether they were compared."""
    if coverage.worth_claims(coverage.as_row(ev))[0] or coverage.repeats(
            repeated, article.profile.in_order):
        carried = coverage.claims_carried(match_article(seed_claims, text), seed_claims)
        return coverage.with_claims(ev, carried), True
    return ev, False


def decide_all(articles: list[dict], weighed: list[coverage.Weighed], seeds: list[int],
               window: bool) -> tuple[list[Decided], float, float]:
    """Evidence for every (seed, candidate) pair; seconds spent on evidence and on claims."""
    out: list[Decided] = []
    spent = claims_spent = 0.0
    compared = dropped = 0
    profiles = [w.profile for w in weighed]
    for n, s in enumerate(seeds):
        seed_claims = read_seed(f"{articles[s]['title']}\n{articles[s]['text']}").claims
        repeated = coverage.repeated_runs(seed_claims)
        for j in candidates(articles, profiles, s, window):
            start = time.perf_counter()
            ev = coverage.evidence(weighed[s], weighed[j])
            middle = time.perf_counter()
            ev, was_compared = with_claims(ev, seed_claims, repeated, weighed[j],
                                           articles[j]["text"])
            compared += was_compared
            dropped += not was_compared and articles[s]["event"] == articles[j]["event"]
            end = time.perf_counter()
            spent += middle - start
            claims_spent += end - middle
            out.append(Decided(s, j, coverage.as_row(ev)[0],
                               articles[s]["event"] == articles[j]["event"]))
        if n % 50 == 49:
            print(f"  {n + 1}/{len(seeds)} seeds, {len(out):,} decisions", file=sys.stderr)
    print(f"  claims compared for {compared:,} of {len(out):,} decisions; covering articles "
          f"not compared: {dropped}")
    return out, spent, claims_spent


# The order the stories are shuffled in before they are dealt to folds (bench/date_shapes.py and
# bench/event_days.py try others: a figure that holds in one order only is noise).
FOLD_ORDER = 7


def folds_of(articles: list[dict], k: int) -> dict[str, int]:
    """Each story's fold: the stories shuffled in `FOLD_ORDER`, then dealt round."""
    events = sorted({a["event"] for a in articles})
    random.Random(FOLD_ORDER).shuffle(events)
    return {e: i % k for i, e in enumerate(events)}


def best_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The probability cut with the best F1 on these decisions."""
    order = np.argsort(-p)
    tp = np.cumsum(y[order])
    precision = tp / np.arange(1, len(p) + 1)
    recall = tp / max(y.sum(), 1)
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-9)
    return float(p[order][int(np.argmax(f1))])


def cross_validate(articles: list[dict], decided: list[Decided], k: int = 5,
                   l2: float = 1.0) -> np.ndarray:
    """Each decision's P(coverage) from a model fitted on the other folds' stories, and the
    decision at that model's own best threshold."""
    fold = folds_of(articles, k)
    x = np.array([d.features for d in decided])
    y = np.array([d.label for d in decided], dtype=float)
    of = np.array([fold[articles[d.seed]["event"]] for d in decided])
    # A fold is kept apart from the stories of its seeds and of its candidates.
    other = np.array([fold[articles[d.article]["event"]] for d in decided])
    p = np.zeros(len(decided))
    decision = np.zeros(len(decided), dtype=bool)
    for f in range(k):
        train = (of != f) & (other != f)
        m = coverage.fit(x[train], y[train], l2)
        m.threshold = best_threshold(m.probability(x[train]), y[train])
        test = of == f
        p[test] = m.probability(x[test])
        decision[test] = p[test] >= m.threshold
    return np.c_[p, decision]


def scores(decided: list[Decided], decision: np.ndarray) -> dict:
    y = np.array([d.label for d in decided])
    tp = int((decision & y).sum())
    fp = int((decision & ~y).sum())
    fn = int((~decision & y).sum())
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    per_seed = defaultdict(lambda: [0, 0, 0])
    for d, chosen in zip(decided, decision.tolist(), strict=True):
        row = per_seed[d.seed]
        row[0] += chosen and d.label
        row[1] += chosen
        row[2] += d.label
    seed_p = np.mean([r[0] / r[1] if r[1] else 1.0 for r in per_seed.values()])
    seed_r = np.mean([r[0] / r[2] if r[2] else 1.0 for r in per_seed.values()])
    return {"decisions": len(decided), "positives": int(y.sum()), "tp": tp, "fp": fp, "fn": fn,
            "precision": precision, "recall": recall,
            "f1": 2 * precision * recall / max(precision + recall, 1e-9),
            "seed_precision": float(seed_p), "seed_recall": float(seed_r)}


def show(name: str, s: dict) -> None:
    print(f"{name}: {s['decisions']:,} decisions, {s['positives']} covering; "
          f"precision {s['precision']:.3f}, recall {s['recall']:.3f}, F1 {s['f1']:.3f} "
          f"(per seed: precision {s['seed_precision']:.3f}, recall {s['seed_recall']:.3f})")


def errors(articles: list[dict], decided: list[Decided], decision: np.ndarray,
           p: np.ndarray, n: int = 5) -> None:
    """The most confident errors of each kind, by headline (for reading, not for the repo)."""
    for kind, wrong in (("counted, other story", decision & ~np.array([d.label for d in decided])),
                        ("missed coverage", ~decision & np.array([d.label for d in decided]))):
        idx = np.flatnonzero(wrong)
        idx = idx[np.argsort(-p[idx] if kind.startswith("counted") else p[idx])][:n]
        print(f"  {kind}:")
        for i in idx.tolist():
            d = decided[i]
            a, b = articles[d.seed], articles[d.article]
            feats = ", ".join(f"{f}={v:.2f}" for f, v in zip(coverage.FEATURES, d.features,
                                                             strict=True) if v)
            print(f"    p={p[i]:.2f} {a['published']} {a['title'][:60]!r} ~ {b['published']} "
                  f"{b['title'][:60]!r}\n      {feats}")


def by_date(decided: list[Decided], decision: np.ndarray) -> None:
    """Precision and recall where both articles are dated, and where one is not."""
    undated = np.array([d.features[coverage.FEATURES.index("undated")] > 0 for d in decided])
    for name, part in (("both dated", ~undated), ("one undated", undated)):
        s = scores([d for d, keep in zip(decided, part, strict=True) if keep], decision[part])
        print(f"  {name}: {s['decisions']:,} decisions, {s['positives']} covering; precision "
              f"{s['precision']:.3f}, recall {s['recall']:.3f} ({s['fn']} missed)")


def to_read(articles: list[dict], decided: list[Decided], decision: np.ndarray, n: int) -> None:
    """A random sample of the articles counted for another story, with both stories' titles as
    AllSides gives them (for judging by hand whether they are the same event; not in the repo)."""
    wrong = [i for i, (d, chosen) in enumerate(zip(decided, decision.tolist(), strict=True))
             if chosen and not d.label]
    for i in random.Random(5).sample(wrong, min(n, len(wrong))):
        a, b = articles[decided[i].seed], articles[decided[i].article]
        print(f"  {a['published']} {a['event_title'][:80]!r}\n"
              f"  {b['published']} {b['event_title'][:80]!r}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=300, help="seeds sampled (0: every article)")
    parser.add_argument("--no-window", action="store_true", help="also decide with no window")
    parser.add_argument("--fit", action="store_true", help="fit on all and write the model")
    parser.add_argument("--l2", type=float, default=1.0, help="L2 penalty")
    parser.add_argument("--cache", help="keep the evidence in files named so between runs")
    parser.add_argument("--read", type=int, default=0, help="print this many articles counted "
                        "for another story, at random, with both stories' titles")
    parser.add_argument("--blend", type=float, help="weigh words by the articles' document "
                        "frequencies too, with this many articles' worth of wordfreq")
    args = parser.parse_args()

    articles = load()
    start = time.perf_counter()
    rarity = coverage.Rarity()
    if args.blend is not None:  # rarity from the articles themselves, as a crawl would count it
        documents = Counter(term for a in articles for term in set(
            coverage.profile(a["title"], a["text"]).terms))
        rarity = coverage.Rarity(documents=documents, total=len(articles), blend=args.blend)
    weighed = [coverage.weigh(coverage.profile(a["title"], a["text"], a["published"]), rarity)
               for a in articles]
    read = (time.perf_counter() - start) / len(articles)
    seeds = list(range(len(articles)))
    if args.seeds:
        seeds = sorted(random.Random(1).sample(seeds, args.seeds))
    windows = [True, False] if args.no_window else [True]
    for window in windows:
        cache = Path(f"{args.cache}-{'window' if window else 'all'}.npz") if args.cache else None
        if cache and cache.exists():
            saved = np.load(cache)
            decided = [Decided(int(s), int(j), x, bool(y)) for s, j, x, y in zip(
                saved["seeds"], saved["articles"], saved["features"], saved["labels"],
                strict=True)]
            spent, claims_spent = float(saved["spent"]), float(saved["claims_spent"])
        else:
            decided, spent, claims_spent = decide_all(articles, weighed, seeds, window)
        if cache and not cache.exists():
            np.savez(cache, seeds=[d.seed for d in decided], articles=[d.article for d in decided],
                     features=np.array([d.features for d in decided]),
                     labels=[d.label for d in decided], spent=spent, claims_spent=claims_spent)
        p, decision = (lambda r: (r[:, 0], r[:, 1].astype(bool)))(
            cross_validate(articles, decided, l2=args.l2))
        label = "within ±7 days" if window else "no window"
        show(f"{len(seeds)} seeds, {label}, 5 folds by story", scores(decided, decision))
        print(f"  cost: reading an article {1000 * read:.2f} ms once; evidence "
              f"{1e3 * spent / len(decided):.3f} ms and claims "
              f"{1e3 * claims_spent / len(decided):.3f} ms a decision (one core)")
        if window:
            errors(articles, decided, decision, p)
            by_date(decided, decision)
            if args.read:
                to_read(articles, decided, decision, args.read)
            if args.fit:
                x = np.array([d.features for d in decided])
                y = np.array([d.label for d in decided], dtype=float)
                m = coverage.fit(x, y, args.l2)
                m.threshold = best_threshold(m.probability(x), y)
                coverage.MODEL_FILE.write_text(json.dumps(m.to_json(), indent=1) + "\n")
                print(f"wrote {coverage.MODEL_FILE} (threshold {m.threshold:.3f})")


if __name__ == "__main__":
    main()
