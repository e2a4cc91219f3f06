"""What a crawled page costs, part by part, on one core: the breakdown behind `bench/crawl.py`.

    .venv/bin/python bench/crawl_parts.py

Over the Article Extraction Benchmark's 181 real pages (../shared/data/aeb, 170 KB on average):
the worker's parts (extraction, hashing, zstd, the copy sketch, matching against the 23 claims of
`trump-cartels`, and the garbage collector's share, with and without freezing what the process
started with, as `monitor.crawler.workers` does), the main process's SQLite writes for a page
(with and without the full-text index), and handing a page to a worker
process and taking its result back.
CPU time a page, the best of 3 passes (the garbage collector's share: wall time, one pass).
"""

from __future__ import annotations

import asyncio
import gc
import gzip
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from crawl import cpu_seconds

from monitor.crawler.pipelines import read_page
from monitor.crawler.workers import AsyncPool, worker_pool
from monitor.jobs import seed
from monitor.jobs.stories import load_stories
from monitor.steps import copies
from monitor.steps.extract import extract_page, html_hash, pack_page
from monitor.steps.match import score_stories, story_index
from monitor.store import rows, schema

ROOT = Path(__file__).resolve().parents[1]
AEB = ROOT.parent / "shared/data/aeb"


def per_page(label: str, pages: int, work: Callable[[], object], passes: int = 3) -> None:
    best = min(_cpu_of(work) for _ in range(passes))
    print(f"  {label:<58} {best / pages * 1000:6.2f} ms a page")


def _cpu_of(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def save_all(db_path: Path, reads: list, full_text: bool, repeats: int = 10) -> float:
    """CPU seconds a page to store `reads` as the crawl's pipeline does (20 pages a commit)."""
    db = schema.open_db(db_path)
    if not full_text:
        for (trigger,) in db.execute("select name from sqlite_master where type = 'trigger' "
                                     "and tbl_name = 'articles'").fetchall():
            db.execute(f"drop trigger [{trigger}]")
    stories = load_stories(db)
    outlet = rows.save_outlet(db, "Bench", "127.0.0.1")
    db.conn.commit()
    batch = rows.Batch(db)
    started = time.process_time()
    for copy in range(repeats):
        for i, read in enumerate(reads):
            url = f"http://127.0.0.1/{copy}/{i}.html"
            read.article.url = url
            with batch.page():
                article_id, _ = rows.save_article(db, asdict(read.article), outlet,
                                                  read.sketch, read.bands)
                for position, (result, scored) in enumerate(read.scores):
                    story_id, row = stories.decision(position, result, scored)
                    rows.save_match(db, story_id, {"id": article_id,
                                                   "content_hash": read.article.content_hash},
                                    row)
                rows.save_page(db, url, 200, read.packed, article_id, html_hash=read.html_hash,
                                text_hash=read.article.content_hash)
    batch.commit()
    return (time.process_time() - started) / (repeats * len(reads))


def _collecting(html: list[bytes], urls: list[str], story, frozen: bool) -> float:
    """In a fresh crawl worker (`worker_pool`, which freezes what a worker starts with): seconds
    a page the garbage collector runs while `read_page` reads every page twice."""
    with worker_pool(1, read_pages=True) as pool:
        return pool.submit(_collecting_in_worker, html, urls, story, frozen).result()


def _collecting_in_worker(html: list[bytes], urls: list[str], story, frozen: bool) -> float:
    if not frozen:
        gc.unfreeze()
    spent, started = [0.0], [0.0]

    def clock(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            spent[0] += time.perf_counter() - started[0]

    gc.callbacks.append(clock)
    index = story_index([story])
    for _ in range(2):
        for page, url in zip(html, urls, strict=True):
            read_page(page, "utf-8", url, None, None, [story], index=index)
    return spent[0] / (2 * len(html))


def _echo(body: bytes, *args) -> tuple[bytes, str]:
    # As big as a read page's result: the compressed page and the article text.
    return body[:35_000], body[35_000:40_000].decode("latin-1")


async def _hand_off(body: bytes, n: int) -> tuple[float, float]:
    # As the crawl hands pages over: an AsyncPool of 2 workers, 32 pages in flight.
    pool = AsyncPool(_echo, 2)
    await asyncio.gather(*(pool.run(body) for _ in range(4)))
    workers = [process.pid for process in pool.processes]
    before = sum(map(cpu_seconds, workers))
    started = time.process_time()
    limit = asyncio.Semaphore(32)

    async def one() -> None:
        async with limit:
            await pool.run(body, "utf-8", "http://x/", None, None)

    await asyncio.gather(*(one() for _ in range(n)))
    main = time.process_time() - started
    spent = sum(map(cpu_seconds, workers)) - before
    pool.close()
    return main / n, spent / n


def main() -> None:
    html = [gzip.decompress(p.read_bytes()) for p in sorted((AEB / "html").glob("*.html.gz"))]
    db_path = Path(tempfile.mkdtemp()) / "parts.db"
    db = schema.open_db(db_path)
    seed.add_seed(db, str(ROOT / "data/seeds/trump-cartels.txt"), None, None, None, None, [])
    story = load_stories(db).stories[0]
    db.close()
    index = story_index([story])  # as a crawl's worker does: once, not a page
    n = len(html)
    urls = [f"http://127.0.0.1/{i}.html" for i in range(n)]
    articles = [extract_page(page, url, "utf-8") for page, url in zip(html, urls, strict=True)]
    texts = [a for a in articles if a is not None]
    print(f"{n} pages, {sum(map(len, html)) / n / 1024:.0f} KB on average, one core")
    print("in a worker")
    per_page("extraction (`extract_page`: decoding, trafilatura, language)", n,
             lambda: [extract_page(p, u, "utf-8") for p, u in zip(html, urls, strict=True)])
    per_page("hash of the raw page", n, lambda: [html_hash(p) for p in html])
    per_page("zstd of the raw page", n, lambda: [pack_page(p) for p in html])
    per_page("copy sketch", n, lambda: [copies.sketch(a.text) for a in texts if not a.is_stub])
    per_page("matching against 23 claims", n,
             lambda: [score_stories([story], a, index=index) for a in texts])
    per_page("all of `read_page` (the above)", n,
             lambda: [read_page(p, "utf-8", u, None, None, [story], index=index)
                      for p, u in zip(html, urls, strict=True)])
    reads = [read_page(p, "utf-8", u, None, None, [story], index=index)
             for p, u in zip(html, urls, strict=True)]
    reads = [r for r in reads if r.article is not None]
    for frozen in (False, True):
        label = ("garbage collection in a fresh worker" if not frozen else
                 "... with what the worker started with frozen (as now)")
        print(f"  {label:<58} {_collecting(html, urls, story, frozen) * 1000:6.2f} ms a page")
    print("in the main process")
    for full_text in (True, False):
        copy = Path(tempfile.mkdtemp()) / "parts.db"
        copy.write_bytes(db_path.read_bytes())
        label = ("SQLite: page, article, versions, sketch, verdicts" if full_text
                 else "... the same without the full-text index")
        print(f"  {label:<58} {save_all(copy, reads, full_text) * 1000:6.2f} ms a page")
    body = html[0] * (170_000 // len(html[0]) + 1)
    main_cpu, worker_cpu = asyncio.run(_hand_off(body[:170_000], 5000))
    print(f"  {'hand-off of a 170 KB page to a worker and back: main':<58} "
          f"{main_cpu * 1000:6.2f} ms a page")
    print(f"  {'... and the worker':<58} {worker_cpu * 1000:6.2f} ms a page")


if __name__ == "__main__":
    main()
