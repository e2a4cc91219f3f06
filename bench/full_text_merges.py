"""What FTS5's `automerge` costs ingest, and what it gives searches: the full-text index alone.

    .venv/bin/python bench/full_text_merges.py [--articles 3000] [--rounds 8] [--automerge 4 16]

The real news texts (../shared/data/news-events, read at run time) go into the `articles`
table of a fresh monitor database (its trigger fills `articles_fts`), 500 a statement and a
transaction, as `monitor ingest` writes a batch; once with each `automerge` setting, the
settings alternated round by round. Prints each setting's median CPU time (this thread's),
the index's segments at the end, and the time of a few searches over it (the least of five),
with the rows each finds, which must be the same for every setting.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from ingest import real_texts

from monitor.store import schema

SEARCHES = ['"the government said"', "strike", '"prime minister"', "police AND protest",
            '"according to"']
BATCH = 500


def fill(path: Path, texts: list[str], articles: int, automerge: int) -> float:
    """CPU seconds to store `articles` texts in turn (with their own URLs) at `automerge`."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("pragma synchronous=normal")
    db.execute("pragma cache_size=-65536")  # as ingest's (schema.cache_for_writer)
    db.execute("insert into articles_fts (articles_fts, rank) values ('automerge', ?)",
               [automerge])
    started = time.thread_time()
    for start in range(0, articles, BATCH):
        some = range(start, min(start + BATCH, articles))
        db.execute("begin immediate")
        db.execute("insert into articles (url, title, text) values "
                   + ", ".join(["(?, 'Report', ?)"] * len(some)),
                   [value for i in some for value in (f"u{i}", texts[i % len(texts)])])
        db.execute("commit")
    took = time.thread_time() - started
    db.close()
    return took


def searched(path: Path) -> tuple[int, list[tuple[str, int, float]]]:
    """The index's segments, and each search's rows and least time of five (ms)."""
    db = sqlite3.connect(path)
    segments = db.execute("select count(distinct segid) from articles_fts_idx").fetchone()[0]
    found = []
    for query in SEARCHES:
        times = []
        for _ in range(5):
            started = time.perf_counter()
            rows = db.execute("select count(*) from articles_fts where articles_fts match ?",
                              [query]).fetchone()[0]
            times.append(time.perf_counter() - started)
        found.append((query, rows, min(times) * 1000))
    db.close()
    return segments, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--automerge", type=int, nargs="+", default=[4, 16])
    args = parser.parse_args()
    texts = real_texts()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        seeded = folder / "seeded.db"
        schema.open_db(seeded).close()
        took: dict[int, list[float]] = {n: [] for n in args.automerge}
        for round_ in range(args.rounds):
            for n in args.automerge if round_ % 2 == 0 else args.automerge[::-1]:
                shutil.copy(seeded, folder / f"{n}.db")
                took[n].append(fill(folder / f"{n}.db", texts, args.articles, n))
        first = args.automerge[0]
        for n in args.automerge:
            ratio = statistics.median(a / b for a, b in zip(took[n], took[first], strict=True))
            segments, found = searched(folder / f"{n}.db")
            print(f"automerge {n}: {statistics.median(took[n]):.3f} s CPU (median of "
                  f"{args.rounds}; {ratio:.2f} of automerge {first}'s, median of the rounds' "
                  f"ratios), {segments} segments; "
                  + "; ".join(f"{q} {rows} rows {ms:.2f} ms" for q, rows, ms in found))


if __name__ == "__main__":
    main()
