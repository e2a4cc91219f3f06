"""Matching with many stories: 100 real stories over 8,000 stored articles (`monitor match`).

    .venv/bin/python bench/many_stories.py [--stories 100] [--articles 8000] [--check 300]
    .venv/bin/python bench/many_stories.py --check 0 --digest    # to compare two commits' rows

Stories: one article of each of 100 stories of ../shared/data/news-events (sample fixed by
`random.Random(1)`), registered as seeds with their dates. Articles: every other article of
the data set (3,177 real articles of the same beat and weeks), then mixes of 30 sentences of the
Article Extraction Benchmark's pages to make up the count (a backlog is mostly other stories).
Times `monitor match` (`jobs.match_stories` on 2 worker processes, every decision stored) and,
on the first --check real articles, compares its decisions with matching one story at a time.
`--digest` prints a digest of every stored row (coverage, matches, additions, copies; not the
times), the same for two commits that store the same.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import sqlite3
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np
from cpu import TreeCPU

from monitor.jobs.match import match_stories
from monitor.jobs.seed import add_seed
from monitor.jobs.stories import load_stories
from monitor.steps.extract import Article, content_hash, without_page_furniture
from monitor.steps.match import score_article
from monitor.steps.text import split_sentences
from monitor.store import rows, schema

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared/data"


def stories_and_articles(n_stories: int, n_articles: int) -> tuple[list[dict], list[dict]]:
    with gzip.open(DATA / "news-events/articles.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    for row in rows:  # as the product's extraction leaves the text
        row["text"] = without_page_furniture(row["text"])
    by_event: dict[str, list[dict]] = {}
    for row in rows:
        by_event.setdefault(row["event"], []).append(row)
    events = sorted(by_event)
    random.Random(1).shuffle(events)
    seeds = [by_event[e][0] for e in events[:n_stories]]
    chosen = {s["id"] for s in seeds}
    articles = [r for r in rows if r["id"] not in chosen][:n_articles]
    bodies = [v["articleBody"] for v in json.loads((DATA / "aeb/ground-truth.json").read_text())
              .values()]
    sentences = [s for body in bodies for s in split_sentences(body) if len(s.split()) > 4]
    rng = np.random.default_rng(0)
    while len(articles) < n_articles:
        picked = rng.choice(len(sentences), size=30, replace=False)
        articles.append({"id": f"mix{len(articles)}", "title": None, "published": None,
                         "text": "\n".join(sentences[j] for j in picked)})
    return seeds, articles


def stored(seeds: list[dict], articles: list[dict], folder: Path):
    """A database holding the stories and the articles, as after a crawl."""
    db = schema.open_db(folder / "bench.db")
    for n, seed in enumerate(seeds):
        path = folder / f"seed{n}.txt"
        path.write_text(f"{seed['title']}\n\n{seed['text']}")
        add_seed(db, str(path), f"story-{n}", published=(seed["published"] or "")[:10] or None)
    outlet = rows.save_outlet(db, "Bench", "bench.example")
    with db.conn:
        for article in articles:
            url = f"https://bench.example/{article['id']}"
            rows.save_article(db, asdict(as_article(article, url)), outlet)
    return db


def as_article(row: dict, url: str = "https://bench.example/a") -> Article:
    published = (row["published"] or "")[:10] or None
    return Article(url, url, row["title"], None, published, "en", row["text"],
                   content_hash(row["title"], row["text"]), False)


def one_story_at_a_time(db, articles: list[dict]) -> list[str]:
    """Every (story, article) kind, each article matched against one story at a time."""
    stories = load_stories(db).stories
    return [score_article(story, as_article(row))[0].kind
            for row in articles for story in stories]


DIGESTED = {"coverage": "story_id, article_id, relevance, is_coverage, kind, evidence, scored, "
                         "content_hash",
            "matches": "story_id, claim_id, article_id, sentence, score, verdict, conflicts, "
                       "scorer, notes",
            "additions": "story_id, article_id, id, sentence",
            "copies": "article_id, copy_of, similarity"}


def print_digests(path: Path) -> None:
    """How many rows each table stores and a digest of them, in key order."""
    conn = sqlite3.connect(path)
    for table, columns in DIGESTED.items():
        digest, count = hashlib.sha256(), 0
        for row in conn.execute(f"select {columns} from {table} order by 1, 2, 3"):
            digest.update(repr(row).encode())
            count += 1
        print(f"  {table}: {count:,} rows, digest {digest.hexdigest()[:16]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=100)
    parser.add_argument("--articles", type=int, default=8_000)
    parser.add_argument("--check", type=int, default=300)
    parser.add_argument("--digest", action="store_true")
    args = parser.parse_args()
    seeds, articles = stories_and_articles(args.stories, args.articles)
    folder = Path(tempfile.mkdtemp())
    db = stored(seeds, articles, folder)
    print(f"{args.stories} stories, {len(articles)} articles "
          f"({sum(not str(a['id']).startswith('mix') for a in articles)} real)")
    started, main_cpu = time.perf_counter(), time.process_time()
    with TreeCPU() as cpu:
        figures = match_stories(db, workers=2)
    elapsed, main_cpu = time.perf_counter() - started, time.process_time() - main_cpu
    print(f"  `monitor match`, 2 worker processes: {len(articles) / elapsed:,.0f} articles/s "
          f"({elapsed:.1f} s; {figures['coverage']} articles cover a story)")
    print(f"  CPU time, every process: {cpu.seconds:.1f} s, "
          f"{len(articles) / cpu.seconds:,.0f} articles a CPU-second; the storing process "
          f"{main_cpu:.1f} s")
    compared = sqlite3.connect(folder / "bench.db").execute(
        "select count(*), sum(evidence not like '%ruled_out%') from coverage").fetchone()
    print(f"  decisions stored: {compared[0]:,}; claims compared for {compared[1]:,}")
    if args.digest:
        print_digests(folder / "bench.db")
    check = articles[:args.check]
    by_index = [kind for (kind,) in sqlite3.connect(folder / "bench.db").execute(
        "select kind from coverage join articles on articles.id = coverage.article_id "
        "order by articles.id, coverage.story_id limit ?", [len(check) * args.stories])]
    alone = one_story_at_a_time(db, check)
    differ = sum(a != b for a, b in zip(by_index, alone, strict=True))
    print(f"  the same decisions as one story at a time: {len(alone) - differ:,} of {len(alone):,}")


if __name__ == "__main__":
    main()
