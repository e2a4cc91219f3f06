"""Conflicts shown over real coverage: each news-events story's first article as the seed, its
other articles matched claim by claim; how many conflicts the matcher shows, by kind, and,
against a saved run of another tree, every match whose verdict, conflicts or notes changed.

    PYTHONPATH=. .venv/bin/python bench/conflicts.py --save /tmp/after.json
    PYTHONPATH=OTHER_TREE .venv/bin/python bench/conflicts.py --save /tmp/before.json
    .venv/bin/python bench/conflicts.py --compare /tmp/before.json /tmp/after.json [--show 40]

Reads ../shared/data/news-events/articles.jsonl.gz (research use: nothing of it is printed but
the changed claims' and conflicts' first words with --show, for reading by hand). About a minute
on one core for the 1,389 stories (66,688 matches at stop 50).
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections import Counter
from pathlib import Path

from monitor.steps.claims import read_seed
from monitor.steps.extract import without_page_furniture
from monitor.steps.match import match_article

ARTICLES = Path(__file__).resolve().parents[2] / "shared/data/news-events/articles.jsonl.gz"


def stories() -> dict[str, list[dict]]:
    """Each story's articles, in the file's order, their texts as extraction leaves them."""
    found: dict[str, list[dict]] = {}
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as f:
        for article in map(json.loads, f):
            article["text"] = without_page_furniture(article["text"])
            found.setdefault(article["event"], []).append(article)
    return found


def matches(by_story: dict[str, list[dict]]) -> list[dict]:
    """Every claim of each story's first article against each of its other articles."""
    rows = []
    for story in sorted(by_story):
        seed, *others = by_story[story]
        claims = read_seed(f"{seed['title']}\n\n{seed['text']}").claims
        texts = {c.position: c.text for c in claims}
        for article in others:
            for m in match_article(claims, article["text"]).matches:
                rows.append({"story": story, "article": article["id"],
                             "claim": texts[m.claim_position], "verdict": m.verdict,
                             "sentence": m.sentence, "score": m.score,
                             "conflicts": m.conflicts, "notes": m.notes})
    return rows


def conflict_kinds(rows: list[dict]) -> Counter:
    return Counter(c["kind"] for r in rows for c in r["conflicts"] or ())


def compare(before: list[dict], after: list[dict], show: int) -> None:
    """Counts of both runs, and the matches whose verdict, conflicts or notes changed."""
    def key(r):
        return r["story"], r["article"], r["claim"]
    old = {key(r): r for r in before}
    changed = [(old[key(r)], r) for r in after if key(r) in old and any(
        old[key(r)][k] != r[k] for k in ("verdict", "conflicts", "notes"))]
    for name, rows in (("before", before), ("after", after)):
        kinds = conflict_kinds(rows)
        print(f"{name}: {len(rows):,} matches, {sum(kinds.values())} conflicts {dict(kinds)}")
    print(f"changed: {len(changed)} matches ({len(after) - len(old)} more rows)")
    for a, b in changed[:show]:
        what = [(c["kind"], c.get("claim"), c.get("article")) for c in b["conflicts"] or ()]
        print(f"  {a['story']} {a['verdict']} -> {b['verdict']} {what} | {b['claim'][:60]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--save", help="match the stories and save every match here")
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--show", type=int, default=20, help="changed matches to print")
    args = parser.parse_args()
    if args.compare:
        before, after = (json.loads(Path(p).read_text()) for p in args.compare)
        compare(before, after, args.show)
        return
    started = time.process_time()
    rows = matches(stories())
    kinds = conflict_kinds(rows)
    print(f"{len(rows):,} matches, {sum(kinds.values())} conflicts {dict(kinds)}; "
          f"{time.process_time() - started:.0f} CPU s")
    if args.save:
        Path(args.save).write_text(json.dumps(rows))


if __name__ == "__main__":
    main()
