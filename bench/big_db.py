"""A year of a scheduled monitor in one SQLite file, built through the product's storing code.

    .venv/bin/python bench/big_db.py --out /tmp/big.db [--stories 40] [--articles 40000]
        [--outlets 300] [--covering 0.2] [--edits 3000]

Stories: one article of each of --stories stories of ../shared/data/news-events (sample fixed
by `random.Random(1)`), registered with `add_seed`, their dates spread over a year. Articles
(`rows.save_article`, with their pages: `rows.save_pages`), over --outlets outlets and the
year: a share --covering of them retell a story within three days of its seed (most of its
sentences, some reworded, a few with an amount changed, and six sentences of other news),
the rest are the data set's other articles and mixes of 30 sentences of the Article
Extraction Benchmark's pages. Then `monitor match` (`jobs.match_stories`, 2 worker processes)
decides every article against every story and stores the decisions, matches and additions;
--edits covering articles are then edited (a new version: a sentence dropped, an amount
changed) and matched again, which records their verdict changes; a run of the crawl every six
hours is recorded in `crawl_runs`. Never written into the repository: give a path under /tmp.
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import time
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path

from many_stories import stories_and_articles

from monitor.jobs.match import match_stories
from monitor.jobs.seed import add_seed
from monitor.steps.extract import Article, content_hash, pack_page
from monitor.steps.text import split_sentences
from monitor.store import rows, schema

START = date(2025, 12, 1)  # the first day of the year of runs


def reworded(sentence: str, rng: random.Random) -> str:
    """The sentence as another outlet might tell it: a word dropped or two swapped, or an
    amount changed (a conflict)."""
    words = sentence.split()
    roll = rng.random()
    if roll < 0.06 and re.search(r"\d", sentence):
        return re.sub(r"\d", lambda m: str((int(m.group()) + 3) % 10), sentence, count=1)
    if roll < 0.25 and len(words) > 6:
        del words[rng.randrange(1, len(words) - 1)]
    elif roll < 0.4 and len(words) > 6:
        i = rng.randrange(1, len(words) - 2)
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def retelling(seed: dict, filler: list[str], rng: random.Random) -> tuple[str, str]:
    """A covering article's headline and text: most of the seed's sentences, some reworded,
    between six sentences of other news."""
    told = [reworded(s, rng) for s in split_sentences(seed["text"]) if rng.random() < 0.75]
    other = rng.sample(filler, 6)
    text = told[:3] + other[:3] + told[3:] + other[3:]
    return reworded(seed["title"], rng), "\n".join(text)


def day(days: int) -> str:
    return (START + timedelta(days=days)).isoformat()


def store_articles(db, seeds: list[dict], others: list[dict], filler: list[str],
                   args: argparse.Namespace, rng: random.Random) -> list[dict]:
    """Store the articles and their pages; returns the covering ones as stored."""
    outlets = [rows.save_outlet(db, f"Outlet {n:03d}", f"outlet{n:03d}.example")
               for n in range(args.outlets)]
    told = []
    with db.conn:
        for n in range(args.articles):
            outlet = rng.randrange(args.outlets)
            retells = rng.random() < args.covering
            if retells:
                story = rng.randrange(len(seeds))
                title, text = retelling(seeds[story], filler, rng)
                published = day(story * 365 // len(seeds) + rng.randint(-1, 3))
            else:
                row = others[n % len(others)]
                title, text = row["title"], f"{row['text']}\nReport {n}."
                published = day(rng.randrange(365))
            url = f"https://outlet{outlet:03d}.example/news/{n}"
            article = asdict(Article(url, url, title, None, published, "en", text,
                                     content_hash(title, text), False))
            article_id, _ = rows.save_article(db, article, outlets[outlet])
            store_page(db, article_id, article)
            if retells:
                told.append(article)
    return told


def store_page(db, article_id: int, article: dict) -> None:
    html = f"<html><title>{article['title']}</title><body><p>{article['text']}</p></body></html>"
    rows.save_pages(db, [(article["url"], article_id, 200, None, None, None,
                          article["content_hash"], pack_page(html.encode()), None)])


def edit(articles: list[dict], n: int, rng: random.Random) -> list[dict]:
    """New versions of n of the articles: a sentence dropped and one reworded."""
    edited = []
    for article in rng.sample(articles, min(n, len(articles))):
        sentences = article["text"].split("\n")
        del sentences[rng.randrange(len(sentences))]
        i = rng.randrange(len(sentences))
        sentences[i] = reworded(sentences[i], rng)
        text = "\n".join(sentences)
        edited.append({**article, "text": text,
                       "content_hash": content_hash(article["title"], text)})
    return edited


def record_runs(db, n_days: int) -> None:
    """A run every six hours over the year, as `crawl_runs` keeps them."""
    with db.conn:
        for k in range(n_days * 4):
            started = f"{day(k // 4)}T{6 * (k % 4):02d}:00:00+00:00"
            run = rows.record_run(db, {"host": "monitor-1", "pid": 1000 + k,
                                       "started_at": started})
            db["crawl_runs"].update(run, {"finished_at": started.replace(":00:00", ":07:00"),
                                          "status": "finished", "pages": 400, "articles": 110,
                                          "errors": k % 7, "warnings": k % 3})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--stories", type=int, default=40)
    parser.add_argument("--articles", type=int, default=40_000)
    parser.add_argument("--outlets", type=int, default=300)
    parser.add_argument("--covering", type=float, default=0.2)
    parser.add_argument("--edits", type=int, default=3_000)
    args = parser.parse_args()
    if args.out.exists():
        parser.error(f"{args.out} exists: give a new path")
    seeds, others = stories_and_articles(args.stories, 6_000)
    # Other news between a retelling's sentences, from a pool large enough that a sentence is
    # rarely on two pages of one outlet (which would make it the outlet's boilerplate).
    filler = [s for row in others if not str(row["id"]).startswith("mix")
              for s in split_sentences(row["text"]) if len(s.split()) > 6]
    rng = random.Random(7)
    db = schema.open_db(args.out)
    started = time.perf_counter()
    for n, seed in enumerate(seeds):
        path = args.out.with_name(f"{args.out.stem}-seed{n}.txt")
        path.write_text(f"{seed['title']}\n\n{seed['text']}")
        add_seed(db, str(path), f"story-{n:02d}", published=day(n * 365 // len(seeds)))
        path.unlink()
    told = store_articles(db, seeds, others, filler, args, rng)
    print(f"stored {args.articles:,} articles ({len(told):,} retelling a story) "
          f"in {time.perf_counter() - started:.0f} s")
    figures = match_stories(db, workers=2)
    print(f"matched: {figures} at {time.perf_counter() - started:.0f} s")
    with db.conn:
        for article in edit(told, args.edits, rng):
            article_id, _ = rows.save_article(db, article, db.execute(
                "select outlet_id from articles where url = ?", [article["url"]]).fetchone()[0])
            store_page(db, article_id, article)
    figures = match_stories(db, workers=2)
    record_runs(db, 365)
    db.execute("pragma wal_checkpoint(truncate)")
    print(f"edited and matched again: {figures} at {time.perf_counter() - started:.0f} s")
    conn = sqlite3.connect(args.out)
    for table in ("stories", "claims", "outlets", "articles", "versions", "pages", "coverage",
                  "matches", "additions", "verdict_changes", "copies", "crawl_runs"):
        print(f"  {table}: {conn.execute(f'select count(*) from {table}').fetchone()[0]:,}")
    print(f"  file: {args.out.stat().st_size / 2**20:,.0f} MiB")


if __name__ == "__main__":
    main()
