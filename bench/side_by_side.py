"""What a crawl's worker does beyond the extraction limit, measured side by side.

    .venv/bin/python bench/side_by_side.py [--rounds 3]

This machine's speed drifts by 10-25% within minutes, more than the difference sought. So the
two are run at the same time, each in a one-worker pool on its own core, over the same real
pages (../shared/data/aeb): the extraction-only limit's work (`extract_article` over the decoded
HTML, in a spawned process, as `bench/crawl.py` measures it) and the crawl's (the pipeline's
`read_page` over the raw bytes, with the story's claims, in a worker forked as the crawl forks
them). Reports each worker's CPU time a page, from /proc.
"""

from __future__ import annotations

import argparse
import gzip
import multiprocessing
import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from crawl import cpu_seconds

from monitor.crawler import pipelines
from monitor.crawler.workers import worker_pool
from monitor.jobs import seed
from monitor.jobs.stories import load_stories
from monitor.store import schema

ROOT = Path(__file__).resolve().parents[1]
AEB = ROOT.parent / "shared/data/aeb"


def _extract(html: str, url: str) -> bool:
    from monitor.steps.extract import extract_article

    return extract_article(html, url) is not None


def drive(pool, work: list[tuple], results: dict, key: str) -> None:
    """Read `work` one page at a time (as the crawl hands them over); CPU ms a page."""
    pid = next(iter(pool._processes))  # a one-worker pool
    before = cpu_seconds(pid)
    for fn, *args in work:
        pool.submit(fn, *args).result()
    results[key] = (cpu_seconds(pid) - before) / len(work) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    html = [gzip.decompress(p.read_bytes()) for p in sorted((AEB / "html").glob("*.html.gz"))]
    db = schema.open_db(Path(tempfile.mkdtemp()) / "bench.db")
    seed.add_seed(db, str(ROOT / "data/seeds/trump-cartels.txt"), None, None, None, None, [])
    stories = load_stories(db).stories
    n = 2 * len(html)
    limit_work = [(_extract, html[i % len(html)].decode("utf-8", "replace"), f"http://x/{i}")
                  for i in range(n)]
    crawl_work = [(pipelines._read_page_against_stories, html[i % len(html)], "utf-8",
                   f"http://x/{i}", None, None) for i in range(n)]
    print(f"{n} pages a round, one page at a time to each worker; CPU a page:")
    for _ in range(rounds):
        limit = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        crawl = worker_pool(1, pipelines._set_up_worker, (stories, pipelines.READ_TIMEOUT))
        for pool, work in ((limit, limit_work), (crawl, crawl_work)):
            for fn, *args in work[:4]:  # started, and their lazy models loaded
                pool.submit(fn, *args).result()
        results: dict[str, float] = {}
        threads = [threading.Thread(target=drive, args=(limit, limit_work, results, "limit")),
                   threading.Thread(target=drive, args=(crawl, crawl_work, results, "crawl"))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        limit.shutdown()
        crawl.shutdown()
        print(f"  limit's extraction {results['limit']:.2f} ms, crawl's read_page "
              f"{results['crawl']:.2f} ms: {results['crawl'] - results['limit']:+.2f} ms")


if __name__ == "__main__":
    main()
