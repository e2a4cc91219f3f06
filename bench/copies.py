"""What finding syndicated copies at the end of a crawl costs as groups of copies grow.

    .venv/bin/python bench/copies.py [--pages 500 2000 8000] [--texts 182]

For each size, a fresh database in a temporary folder holds that many new articles, about 182
texts with as many copies each as the size allows (3, 11 and 44 at 500, 2,000 and 8,000 pages:
a wire story picked up by more and more outlets), each copy with a byline of its own. Articles,
sketches and band keys are written as a crawl writes them (the sketches made beforehand, as the
crawl's workers make them); the figure is the CPU time of the search alone, as `monitor crawl`
runs it at its end, then again after 10% more copies arrive (a second run).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from monitor.steps import copies
from monitor.store import schema

try:
    from monitor.jobs.copies import update_copies
except ImportError:  # before copies were kept as groups: the same search, in the store
    from monitor.store.rows import update_copies

TEXTS = 182  # texts in every database: the copies a text has grow with the pages
WORDS = 300  # words a text


def build(path: Path, pages: int, first: int = 0, rng: random.Random | None = None,
          texts: list[str] | None = None, kinds: int = TEXTS) -> list[str]:
    """Store `pages` new articles, copies of `kinds` texts, pending a search; returns the texts."""
    rng = rng or random.Random(1)
    vocabulary = [f"w{i}" for i in range(20_000)]
    texts = texts or [" ".join(rng.choices(vocabulary, k=WORDS)) for _ in range(kinds)]
    db = sqlite3.connect(path)
    with db:
        for n in range(first, first + pages):
            text = f"{texts[n % len(texts)]} Reporting by outlet {n} staff."
            day = 1 + n // len(texts) % 28
            article = db.execute(
                "insert into articles (url, outlet_id, text, content_hash, is_stub, published, "
                "first_seen) values (?, null, ?, ?, 0, ?, ?)",
                [f"https://outlet{n}.example/a", text, str(n), f"2025-08-{day:02}",
                 "2025-09-01"]).lastrowid
            sketch = copies.sketch(text)
            db.execute("insert into _sketches (article_id, sketch) values (?, ?)",
                       [article, sketch])
            db.executemany("insert into _sketch_bands (key, article_id) values (?, ?)",
                           [(key, article) for key in copies.band_keys(sketch)])
            db.execute("insert into _pending_copies (article_id) values (?)", [article])
    db.close()
    return texts


def search(path: Path) -> tuple[float, int]:
    """CPU seconds of one search for copies, and the `copies` rows after it."""
    db = schema.open_db(path)
    started = time.process_time()
    update_copies(db)
    took = time.process_time() - started
    rows = db.execute("select count(*) from copies").fetchone()[0]
    db.close()
    return took, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[500, 2_000, 8_000])
    parser.add_argument("--texts", type=int, default=TEXTS, help="texts copied (default 182)")
    args = parser.parse_args()
    print("| pages | copies a text | first search (s) | copies rows | 10% more, searched (s) | "
          "copies rows |")
    print("|---|---|---|---|---|---|")
    for pages in args.pages:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "copies.db"
            schema.open_db(path).close()
            rng = random.Random(1)
            texts = build(path, pages, rng=rng, kinds=args.texts)
            first, rows = search(path)
            build(path, pages // 10, first=pages, rng=rng, texts=texts)
            second, more = search(path)
        print(f"| {pages:,} | {pages / args.texts:.0f} | {first:.2f} | {rows:,} | {second:.2f} | "
              f"{more:,} |")


if __name__ == "__main__":
    main()
