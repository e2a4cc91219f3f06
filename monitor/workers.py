"""Worker processes for the CPU-heavy steps (extraction, matching), off Scrapy's reactor.

Workers are forked from a fresh server process that has imported what the command line imports,
once. Forking the crawl's own process is not safe (the reactor runs threads), and spawning each
worker from scratch made every worker import it all again (scrapy, trafilatura, rapidfuzz), for
runs that often have a few dozen pages to read: `bench/workers.py` measures the difference.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.forkserver
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import suppress

# A worker re-runs the main module (`monitor.cli`): with what it imports already imported by the
# server it forks from, that costs milliseconds, not a second. Not `monitor.cli` itself: runpy
# warns when asked to run a module that is already imported.
PRELOAD = ["click", "monitor.jobs", "monitor.pipelines", "monitor.report", "monitor.schedule"]
# For a crawl, the server also loads what extraction loads on its first page (stop-word lists,
# suffix list, language model): once, instead of once in every worker (`bench/workers.py`).
PRELOAD_FOR_READING = [*PRELOAD, "monitor.warm"]


def warm_up(pool: ProcessPoolExecutor) -> None:
    """Start a pool's first worker and wait until it runs; the first worker of a run waits for
    the server's imports, so call this off the reactor."""
    with suppress(Exception):  # a pool that cannot start says so on the first page's own read
        pool.submit(int).result()


def start_server(read_pages: bool = False) -> None:
    """Start the server that workers are forked from, without waiting for it to load: a crawl
    starts it first thing, so that it imports and loads while Scrapy sets up and finds pages.

    Otherwise it starts with the first task of the run's first pool. For `read_pages`, it also
    loads the extractor's data.
    """
    context = _context()
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(PRELOAD_FOR_READING if read_pages else PRELOAD)
        multiprocessing.forkserver.ensure_running()


def worker_pool(workers: int, initializer: Callable | None = None, initargs: tuple = (),
                read_pages: bool = False) -> ProcessPoolExecutor:
    """A pool of `workers` processes forked from the preloaded server (`start_server`)."""
    context = _context()
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(PRELOAD_FOR_READING if read_pages else PRELOAD)
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                               initargs=(initializer, initargs))


def _start_worker(initializer: Callable | None, initargs: tuple) -> None:
    if initializer is not None:
        initializer(*initargs)
    # What a worker starts with (imports, models, stories) lives as long as it does. Frozen, it
    # is no longer walked by every full garbage collection (0.6 ms a page, `bench/crawl_parts.py`),
    # nor copied out of the pages the worker shares with the server it was forked from.
    gc.freeze()


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" not in multiprocessing.get_all_start_methods():  # Windows
        return multiprocessing.get_context("spawn")
    return multiprocessing.get_context("forkserver")
