"""The search query made from a seed (`Seed.query`), on real stories: what a search page that
wants every word of the query would find.

    .venv/bin/python bench/query.py             # every article of ../shared/data/news-events
    .venv/bin/python bench/query.py --seeds 500

Each article in turn is the seed; its query is made as `monitor seed add` makes it. A search
that wants every word (WordPress' search, GDELT, Google News) finds an article when the article's
headline and text hold every word of the query (a quoted name as a phrase), case aside. Printed:
the share of the seed's other articles of the same story it finds (recall), and how many
articles of other stories within ±7 days it finds per seed (what a search page would list
besides; the crawl then decides each).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.steps.claims import read_seed  # noqa: E402
from monitor.steps.dates import DEFAULT_WINDOW_DAYS  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-events"


def terms(query: str) -> list[str]:
    """The words and quoted phrases of a query, lower-cased."""
    return [t.strip('"').lower() for t in re.findall(r'"[^"]+"|\S+', query)]


def finds(query_terms: list[str], text: str) -> bool:
    """Whether a search wanting every term finds a text (terms as whole words)."""
    return all(re.search(rf"\b{re.escape(t)}\b", text) for t in query_terms)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=0, help="how many seeds (0: every article)")
    args = parser.parse_args()
    with gzip.open(DATA / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        articles = [json.loads(line) for line in f]
    texts = [f"{a['title']}\n{a['text']}".lower() for a in articles]
    days = [date.fromisoformat(a["published"]) if a.get("published") else None
            for a in articles]
    seeds = list(range(len(articles)))
    if args.seeds:
        seeds = random.Random(1).sample(seeds, args.seeds)
    found = same = others = empty = 0
    for s in seeds:
        query = read_seed(f"{articles[s]['title']}\n{articles[s]['text']}").query()
        wanted = terms(query)
        empty += not wanted
        for j, a in enumerate(articles):
            if j == s:
                continue
            if a["event"] == articles[s]["event"]:
                same += 1
                found += finds(wanted, texts[j])
            elif days[s] and days[j] and abs((days[s] - days[j]).days) <= DEFAULT_WINDOW_DAYS:
                others += finds(wanted, texts[j])
    print(f"{len(seeds):,} seeds; same-story articles found: {found:,} of {same:,} "
          f"(recall {found / max(same, 1):.3f}); other stories' articles within "
          f"±{DEFAULT_WINDOW_DAYS} days found: {others / len(seeds):.1f} a seed; "
          f"empty queries: {empty}")


if __name__ == "__main__":
    main()
