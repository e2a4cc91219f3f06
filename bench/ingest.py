"""How fast `monitor ingest` writes what crawlers send: articles a second.

    .venv/bin/python bench/ingest.py [--articles 5000] [--words 600] [--english | --real]
                                     [--rounds 1] [--before TREE] [--profile FILE]

A password-protected redis-server of its own (on a free 127.0.0.1 port, no persistence) gets
one crawler's run: its start, N page results as a crawler sends them (the raw page packed,
the article, its sketch and band keys, a decision for one registered story), and its end.
`monitor ingest --until-idle` then writes them into a fresh database; the figure is N over its
wall time less that of the same command over an empty stream (start-up: imports, opening the
database, publishing the stories), and N over its CPU time less the start-up's (the figure a
loaded machine distorts least). The search for copies at the run's end is included.

With `--rounds N`, the same stream is written N times, each into a copy of the database as it
was before the first (its consumer group set back to the start), each round's start-up timed
after it over the database it wrote (nothing left to read): a line a round, then the medians,
which the start-up's own spread (a second or so of imports and Redis' one-second wait) moves
less than one round's figure. With `--before TREE` (another tree of the project, e.g. `git
archive COMMIT | tar -x -C TREE`), each round is written by that tree's `monitor ingest` first,
then by this one's, so the two are compared moments apart on a machine whose speed changes
(each round's pair, the medians of each, and the median of the rounds' ratios).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import redis
import wordfreq
from frontier import start_redis

from monitor.crawler import frontier, shared
from monitor.jobs.seed import add_seed
from monitor.jobs.stories import published_stories, story_versions
from monitor.steps import copies
from monitor.steps.extract import Article, html_hash, pack_page
from monitor.store import results, schema

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared/data/news-events/articles.jsonl.gz"
SENT = "bench:results-sent"  # the stream as sent, copied back before each round


def real_texts() -> list[str]:
    """The bodies of the news-events' 3,277 real articles (822 words on average), the texts a
    crawl of news stores."""
    with gzip.open(REAL, "rt", encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]


def page_results(n: int, words: int, story: tuple[int, str], english: bool = False,
                 real: list[str] | None = None) -> list[dict]:
    """N page results as a crawler sends them, each with a text of its own: words drawn
    evenly from 20,000 made-up ones, or with `english` from English's 20,000 commonest as
    often as English uses them (wordfreq), so a text repeats words as news does; or the
    `real` texts in turn."""
    rng = random.Random(1)
    vocabulary = [f"word{i}" for i in range(20_000)]
    weights = None
    if english:
        vocabulary = wordfreq.top_n_list("en", 20_000)
        weights = list(itertools.accumulate(wordfreq.word_frequency(w, "en")
                                            for w in vocabulary))
    run = {"host": "bench", "pid": 1, "started_at": schema.now(), "log_file": None,
           "stories": {str(story[0]): story[1]}}
    found = []
    for i in range(n):
        url = f"http://outlet.example/news/{i}.html"
        text = (real[i % len(real)] if real else
                " ".join(rng.choices(vocabulary, cum_weights=weights, k=words)))
        html = (f"<html><head><title>Report {i}</title></head><body><article><p>{text}</p>"
                f"</article>{'<div class=nav>menu</div>' * 200}</body></html>").encode()
        sketch = copies.sketch(text)
        article = Article(url, url, f"Report {i}", None, "2026-01-02", "en", text,
                          html_hash(text.encode()), False)
        decision = [story[0], {"relevance": 0.01, "is_coverage": False, "kind": "unrelated",
                               "evidence": {"terms": ["word1"]}, "scored": True,
                               "matches": [], "additions": []}]
        found.append({**results.page_result(
            url, 200, packed=pack_page(html), html_hash=html_hash(html),
            outlet={"name": f"Outlet {i % 50}", "domain": f"outlet{i % 50}.example",
                    "listed": True},
            article=asdict(article), sketch=sketch, bands=copies.band_keys(sketch),
            decisions=[decision]), "run": run})
    return found


def send(url: str, found: list[dict]) -> None:
    client = redis.Redis.from_url(url)
    run = found[0]["run"]
    sending = client.pipeline(transaction=False)
    sending.xadd(frontier.RESULTS, shared.entry("run-start", run))
    for n, result in enumerate(found, 1):
        sending.xadd(frontier.RESULTS, shared.entry("page", result))
        if n % 500 == 0:
            sending.execute()
    sending.xadd(frontier.RESULTS, shared.entry("run-finish", {
        **run, "pages": len(found), "errors": 0, "status": "finished"}))
    sending.execute()


def timed_ingest(db: Path, url: str, profile: str | None = None,
                 tree: Path = ROOT) -> tuple[float, float]:
    """The wall time and CPU time (user + system) of `monitor ingest --until-idle`, the `tree`'s
    (python -m puts its working folder first on the path); with `profile`, run under cProfile,
    its figures written to that file."""
    profiling = ["-m", "cProfile", "-o", profile] if profile else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, *profiling, "-m", "monitor", "--db", str(db), "ingest",
                    "--redis", url, "--until-idle"], cwd=tree, check=True,
                   stdout=subprocess.DEVNULL)
    took = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return took, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def measured(seeded: Path, db: Path, url: str, args: argparse.Namespace,
             tree: Path = ROOT) -> tuple[float, float]:
    """One round: the `tree`'s ingest writes the whole stream into a copy of `seeded`, then
    its start-up is timed over what it wrote. Prints the round's line; returns articles/s and
    articles a CPU-second."""
    shutil.copy(seeded, db)
    client = redis.Redis.from_url(url)  # ingest deletes what it stored: the stream sent again
    client.copy(SENT, frontier.RESULTS, replace=True)
    client.xgroup_setid(frontier.RESULTS, frontier.INGEST_GROUP, "0")
    took, cpu = timed_ingest(db, url, args.profile, tree)
    idle, idle_cpu = timed_ingest(db, url, tree=tree)  # nothing left to read: the start-up
    rate, rate_cpu = args.articles / (took - idle), args.articles / (cpu - idle_cpu)
    control = full_text_control(args.texts)
    print(f"{'before: ' if tree != ROOT else ''}ingest took {took:.2f} s ({cpu:.2f} s CPU), "
          f"start-up {idle:.2f} s ({idle_cpu:.2f} s CPU); {rate:,.0f} articles/s, "
          f"{rate_cpu:,.0f} articles a CPU-second; control {control:,.0f} a CPU-second")
    return rate, rate_cpu


def full_text_control(texts: list[str]) -> float:
    """The control: articles a CPU-second that SQLite's full-text index alone takes over the
    same texts in a fresh file (FTS5 by trigger, as the articles table has it, 500 a
    transaction, 100 a statement). Ingest's largest single cost, with no Python around it: it
    tells this machine's speed at the moment (which moves about 2x within an hour here)
    from a change in ingest."""
    with tempfile.TemporaryDirectory() as folder:
        db = sqlite3.connect(Path(folder) / "control.db", isolation_level=None)
        db.execute("pragma journal_mode=wal")
        db.execute("pragma synchronous=normal")
        db.execute("create table a (id integer primary key, title text, text text)")
        db.execute("create virtual table a_fts using fts5(title, text, content=a)")
        db.execute("create trigger a_ai after insert on a begin insert into a_fts "
                   "(rowid, title, text) values (new.id, new.title, new.text); end")
        started = time.process_time()
        for start in range(0, len(texts), 500):
            db.execute("begin immediate")
            for at in range(start, min(start + 500, len(texts)), 100):
                some = texts[at:min(at + 100, start + 500)]
                # Many rows a statement, as ingest writes them: FTS5 writes its pending terms
                # at each statement's end.
                db.execute("insert into a (title, text) values "
                           + ", ".join(["('Report', ?)"] * len(some)), some)
            db.execute("commit")
        took = time.process_time() - started
        db.close()
    return len(texts) / took


def medians(name: str, rates: list[tuple[float, float]]) -> None:
    print(f"{name}median of {len(rates)}: {statistics.median(r[0] for r in rates):,.0f} "
          f"articles/s, {statistics.median(r[1] for r in rates):,.0f} articles a CPU-second")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--words", type=int, default=600)
    texts = parser.add_mutually_exclusive_group()
    texts.add_argument("--english", action="store_true",
                       help="texts of English words as often as English uses them")
    texts.add_argument("--real", action="store_true",
                       help="the texts of real news articles (../shared/data/news-events; "
                            "--words is then theirs)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="write the stream this many times (see above)")
    parser.add_argument("--before", type=Path, metavar="TREE",
                        help="another tree of the project, each round written by it too")
    parser.add_argument("--profile", metavar="FILE",
                        help="run the measured ingest under cProfile, its figures to FILE "
                             "(python -m pstats FILE reads them); its times are then longer")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        server, url = start_redis(folder, appendonly=False)
        try:
            db = folder / "monitor.db"
            seeding = schema.open_db(db)
            story_id, _ = add_seed(seeding, str(ROOT / "data/seeds/port-strike.txt"))
            version = story_versions(published_stories(seeding))[str(story_id)]
            seeding.close()  # the last connection: the file is whole, to be copied
            real = real_texts() if args.real else None
            if real and args.articles > len(real):  # copies would index and compare as such
                parser.error(f"--real has {len(real):,} texts: --articles {len(real)} at most")
            found = page_results(args.articles, args.words, (story_id, version), args.english,
                                 real)
            args.texts = [r["article"]["text"] for r in found]  # for the control
            timed_ingest(db, url)  # publishes the stories, makes the group
            send(url, found)
            redis.Redis.from_url(url).copy(frontier.RESULTS, SENT, replace=True)
            size = redis.Redis.from_url(url).memory_usage(frontier.RESULTS) or 0
            kind = ("real news texts" if args.real else
                    f"{args.words} {'English words' if args.english else 'words'}")
            print(f"{args.articles} articles of {kind} "
                  f"({size / args.articles / 1024:.1f} KiB an entry in Redis):")
            shutil.copy(db, folder / "seeded.db")
            rates, before = [], []
            for n in range(args.rounds):
                if args.before:
                    before.append(measured(folder / "seeded.db", folder / f"before{n}.db", url,
                                           args, args.before.resolve()))
                rates.append(measured(folder / "seeded.db", folder / f"round{n}.db", url, args))
            if before:
                medians("before: ", before)
                pairs = list(zip(rates, before, strict=True))
                print("after over before, median of the rounds' ratios: " + ", ".join(
                    f"{statistics.median(a[k] / b[k] for a, b in pairs):.2f} {unit}"
                    for k, unit in ((0, "a second"), (1, "a CPU-second"))))
            if args.rounds > 1 or before:
                medians("after: " if before else "", rates)
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
