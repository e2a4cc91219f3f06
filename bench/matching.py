"""Matching throughput: 10,000 stored articles of about 30 sentences against a 23-claim story.

    .venv/bin/python bench/matching.py [--articles 10000] [--workers-only]

Articles are built from real news text (the Article Extraction Benchmark's article bodies,
../shared/data/aeb) drawn 30 sentences at a time, with one in a hundred replaced by a demo
article that covers the story (a backlog is mostly other stories). Compares, on the same articles:
the monitor on 2 worker processes and on 1, a plain `cdist` over every pair (no prefilter) and
a per-pair Python loop. --workers-only runs the first line alone (2 worker processes): short runs
of it alternate two commits under the same load better than whole runs do.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import time
from dataclasses import asdict
from itertools import repeat
from pathlib import Path

import numpy as np
from cpu import TreeCPU
from rapidfuzz import fuzz, process, utils

from monitor.jobs.match import score_due, scoring_pool
from monitor.steps.claims import read_seed
from monitor.steps.extract import Article
from monitor.steps.match import Story, seed_profile
from monitor.steps.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
AEB = ROOT.parent / "shared/data/aeb"


def corpus(n: int) -> list[str]:
    bodies = [v["articleBody"] for v in json.loads((AEB / "ground-truth.json").read_text())
              .values()]
    sentences = [s for body in bodies for s in split_sentences(body) if len(s.split()) > 4]
    demo = ROOT / "data/demo.db"
    covering = []
    if demo.exists():
        covering = [t for (t,) in sqlite3.connect(demo).execute(
            "select text from articles join coverage on coverage.article_id = articles.id "
            "where is_coverage = 1")]
    rng = np.random.default_rng(0)
    articles = []
    for i in range(n):
        if covering and i % 100 == 0:  # a backlog is mostly other stories
            articles.append(covering[i // 100 % len(covering)])
        else:
            picked = rng.choice(len(sentences), size=30, replace=False)
            articles.append("\n".join(sentences[j] for j in picked))
    return articles


def timed(label: str, n: int, fn) -> float:
    """Run `fn` on n articles; print articles a second and a CPU-second (every process)."""
    started = time.perf_counter()
    with TreeCPU() as cpu:
        fn()
    elapsed = time.perf_counter() - started
    print(f"  {label:<52} {n / elapsed:>8.0f} articles/s  ({elapsed:.1f} s for {n}; "
          f"{cpu.seconds:.1f} CPU s, {n / cpu.seconds:,.0f} articles a CPU-second)")
    return n / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers-only", action="store_true")
    args = parser.parse_args()
    seed = read_seed((ROOT / "data/seeds/trump-cartels.txt").read_text())
    claims = seed.claims
    texts = corpus(args.articles)
    mean = np.mean([len(split_sentences(t)) for t in texts[:500]])
    print(f"{len(texts)} articles, {mean:.0f} sentences each on average, {len(claims)} claims")

    story = Story("trump-cartels", "en", "", claims,
                  seed_profile(seed.title, seed.body, None))
    articles = [Article("bench", f"bench:{i}", None, None, None, "en", t, "", False)
                for i, t in enumerate(texts)]

    def score(articles: list[Article], workers: int) -> list:
        with scoring_pool(workers, [story]) as pool:
            return list(pool.map(score_due, articles, repeat([0]), chunksize=64))

    timed("monitor, 2 worker processes", len(articles), lambda: score(articles, 2))
    if args.workers_only:
        return
    sample = texts[: len(texts) // 5]
    timed("monitor, 1 process", len(sample), lambda: score(articles[:len(sample)], 1))
    claim_texts = [c.text for c in claims]
    timed("cdist over every pair, token_set_ratio, 1 core", len(sample),
          lambda: [process.cdist(claim_texts, split_sentences(t), scorer=fuzz.token_set_ratio,
                                 processor=utils.default_process, workers=1) for t in sample])
    import tempfile

    from monitor.jobs.match import match_stories

    db = stored(texts, Path(tempfile.mkdtemp()) / "bench.db")
    timed("`monitor match`: the above plus storing every result", len(texts),
          lambda: match_stories(db, "trump-cartels", workers=2))
    small = texts[:300]
    timed("per-pair Python loop, token_set_ratio, 1 core", len(small),
          lambda: [[fuzz.token_set_ratio(c, s, processor=utils.default_process)
                    for c in claim_texts for s in split_sentences(t)] for t in small])


def stored(texts: list[str], path: Path):
    """A database holding the story and the articles, as after a crawl."""
    from monitor.jobs.seed import add_seed
    from monitor.steps.extract import Article, content_hash
    from monitor.store import rows, schema

    db = schema.open_db(path)
    add_seed(db, str(ROOT / "data/seeds/trump-cartels.txt"), "trump-cartels")
    outlet = rows.save_outlet(db, "Bench", "bench.example")
    with db.conn:
        for i, text in enumerate(texts):
            url = f"https://bench.example/{i}"
            text = f"{text}\nReport {i}."
            rows.save_article(db, asdict(Article(url, url, None, None, None, "en", text,
                                                  content_hash(None, text), False)), outlet)
    return db


if __name__ == "__main__":
    main()
