"""The crawl's one pipeline: read each page off the reactor (extract, match), then store it."""

from __future__ import annotations

import logging
import signal
import sqlite3
from collections import Counter
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field

from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from monitor.crawler.items import PageItem
from monitor.crawler.workers import AsyncPool, ExecutorPool, TooSlow, async_pool
from monitor.faces.terminal import error_line
from monitor.steps import copies
from monitor.steps.coverage import StoryIndex
from monitor.steps.extract import (
    MAX_ELEMENTS,
    Article,
    TooComplex,
    extract_page,
    html_hash,
    pack_page,
)
from monitor.steps.match import ArticleMatch, Story, score_stories, story_index
from monitor.store import results, rows, schema

logger = logging.getLogger(__name__)


def stop_crawl(crawler, stats, failure: str) -> None:
    """Stop the crawl on an error no later page would escape (the database, Redis): one line
    in the log, the first such reason kept for the run's record, the spider closed as failed."""
    logger.error("stopping the crawl: %s", failure)
    if not stats.get_value("monitor/storage_error"):
        stats.set_value("monitor/storage_error", failure)
    if crawler is not None and crawler.engine is not None:
        deferred_from_coro(crawler.engine.close_spider_async(reason="failed"))
COMMIT_AFTER = 1.0  # seconds
# Pages' results wait in the crawl's process until this many are read (or COMMIT_AFTER has
# passed), then are written together, table by table (`results.save_page_results`), and
# committed: the full-text index takes a run of new articles in one statement for 0.18 ms an
# article against 0.44 one by one, and a page's own savepoint costs more (bench/README.md,
# 2026-12-04). On two cores each millisecond of this process is taken from extraction.
WRITE_AFTER = 50  # pages
# An 8 MB page (the download limit) of plain paragraphs takes 24 s to read here, 5 MB of links
# 41 s (`bench/slow_pages.py`); a page built to be slow could hold a worker for ever. A timer
# signal in the worker gives up at this limit when it can; the crawl's process kills a worker
# still on the page KILL_AFTER seconds later (a signal cannot interrupt one long libxml2 call).
READ_TIMEOUT = 60.0  # seconds
KILL_AFTER = 2.0  # seconds


@dataclass
class PageRead:
    """What a worker made of a page."""

    html_hash: str
    unchanged: bool  # the same bytes as at the last fetch: nothing else was done
    article: Article | None = None
    packed: bytes | None = None  # the raw page, compressed for storing
    sketch: bytes | None = None  # the article's copies.sketch, to find syndicated copies
    bands: list[int] = field(default_factory=list)  # the sketch's copies.band_keys
    # (result, claims scored) for each story, in order; empty when the text is unchanged
    scores: list[tuple[ArticleMatch, bool]] = field(default_factory=list)
    match_error: str | None = None  # why matching failed (the article is kept all the same)


def read_page(body: bytes, encoding: str | None, url: str, known_hash: str | None,
              known_text: str | None, stories: list[Story],
              max_elements: int = MAX_ELEMENTS, index: StoryIndex | None = None,
              listed_date: str | None = None) -> PageRead:
    """In a worker process: hash the raw page; unless unchanged, extract it, compress it, and
    match and sketch its article.

    `known_hash` and `known_text` are the hashes of the raw page and of its article text at the
    last fetch: an unchanged page is not read again, an unchanged text is not matched again.
    `index` is the stories' (`story_index`), built once per worker. `listed_date` is the date
    the feed or sitemap that listed the page gave it: the article's, when the page has none.
    """
    digest = html_hash(body)
    if digest == known_hash:
        return PageRead(digest, True)
    packed = pack_page(body)  # first, while the page is still in the processor's caches
    read = PageRead(digest, False, extract_page(body, url, encoding, max_elements), packed)
    article = read.article
    if article is not None and article.published is None and listed_date:
        article.published = listed_date
    if article is not None and article.content_hash != known_text:
        read.sketch, read.bands = ((None, []) if article.is_stub
                                   else copies.sketch_with_bands(article.text))
        try:
            read.scores = [_kept(*scored) for scored in score_stories(stories, article,
                                                                      index=index)]
        except Exception as e:  # a matching bug must not cost the article: `monitor match`
            read.match_error = repr(e)  # will try it again, and show the error
    return read


def _kept(result: ArticleMatch, scored: bool) -> tuple[ArticleMatch, bool]:
    # Only covering articles have their claims' verdicts stored: the others' need not travel
    # back to the crawl's process, which has to unpickle everything a worker sends.
    if result.is_coverage and scored:
        return result, scored
    return ArticleMatch(result.relevance, result.is_coverage, [], [], result.kind,
                        result.evidence), scored


# In a worker: the crawl's stories and limits, sent once when the worker starts rather than
# with every page.
_stories: list[Story] = []
_index: StoryIndex | None = None
_time_limit = READ_TIMEOUT
_max_elements = MAX_ELEMENTS


def _set_up_worker(stories: list[Story], time_limit: float, max_elements: int) -> None:
    global _stories, _index, _time_limit, _max_elements
    _stories, _time_limit, _max_elements = stories, time_limit, max_elements
    _index = story_index(stories) if stories else None


def _read_page_against_stories(body: bytes, encoding: str | None, url: str,
                               known_hash: str | None, known_text: str | None,
                               listed_date: str | None = None) -> PageRead:
    with _timeout(_time_limit):
        return read_page(body, encoding, url, known_hash, known_text, _stories, _max_elements,
                         _index, listed_date)


@contextmanager
def _timeout(seconds: float) -> Iterator[None]:
    # A worker runs pages on its main thread, where a timer signal can interrupt the extractor.
    if not hasattr(signal, "setitimer"):  # Windows has no timer signals: no time limit there
        yield
        return

    def give_up(signum, frame):
        raise TooSlow(f"reading the page took over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class ArticlePipeline:
    """Extracts and matches pages in a process pool (never on Scrapy's reactor), stores them."""

    # What a failed write raises: no later page can be stored either (`_fail`).
    store_errors: tuple[type[Exception], ...] = (sqlite3.Error,)
    store_name = "storage"

    def __init__(self, db_path: str, workers: int, stats, time_limit: float = READ_TIMEOUT,
                 max_elements: int = MAX_ELEMENTS, crawler=None, stories=None):
        self.crawler = crawler  # to stop the crawl when the database fails
        # The stories to match against, with their row ids (`jobs.stories.Stories`): read by
        # the crawl job, which hands them over in the MONITOR_STORIES setting. None: none.
        self.stories = stories
        self.db_path = db_path
        self.workers = workers
        self.stats = stats
        self.time_limit = time_limit
        self.max_elements = max_elements

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(settings["MONITOR_DB"],
                   settings.getint("MONITOR_EXTRACT_WORKERS", 2), crawler.stats,
                   settings.getfloat("MONITOR_READ_TIMEOUT", READ_TIMEOUT),
                   settings.getint("MONITOR_MAX_ELEMENTS", MAX_ELEMENTS), crawler,
                   settings.get("MONITOR_STORIES"))

    def open_spider(self, spider=None):
        self._open_store()
        self.touched: list[str] = []  # unchanged pages, recorded as fetched in batches
        # Results of pages read, not written yet: written and committed together (`_send`).
        # Nothing marks a page done before its rows are committed (the next run asks for a
        # page it has no row of whole), so a crash loses only what the next run reads again.
        self.waiting: list[dict] = []
        # Worker processes start at the first page to extract: a recrawl that finds nothing
        # changed forks none (the server they are forked from starts with the crawl).
        self.pool = self._new_pool()
        # Figures of what is written but not committed yet: the crawl's stats count only what
        # was committed, so a run stopped by a storage error reports what it really stored.
        self.pending: Counter[str] = Counter()
        self.failure: str | None = None  # the storage error that stopped the crawl
        # Closed by a forced shutdown while pages were still being read: those pages finish
        # reading after the database is closed, and are fetched again by the next run.
        self.closed = False
        self.committer = task.LoopingCall(self._commit)
        self.committer.start(COMMIT_AFTER, now=False)
        # A second SIGINT or SIGTERM stops the reactor without closing the spider: the pages
        # written so far (each whole) are committed then, and the write lock let go.
        from twisted.internet import reactor  # the one Scrapy installed: imported late

        self.on_shutdown = reactor.addSystemEventTrigger("before", "shutdown", self._abandon)

    def _open_store(self) -> None:
        self.db = schema.open_db(self.db_path)
        self.outlet_ids: dict[tuple, int] = {}
        # Pages are written and committed in batches, at least every COMMIT_AFTER seconds:
        # what Datasette shows lags the crawl by no more than that.
        self.batch = rows.Batch(self.db, on_commit=self._committed)

    def _new_pool(self) -> AsyncPool | ExecutorPool:
        return async_pool(_read_page_against_stories, self.workers, _set_up_worker,
                          (self.stories.stories if self.stories else [], self.time_limit,
                           self.max_elements),
                          read_pages=True, time_limit=self.time_limit + KILL_AFTER)

    def _flush_touched(self) -> None:
        self._write_waiting()
        rows.touch_pages(self.db, self.touched)  # commits the batch's pages too
        self.touched = []
        self._committed()

    def _count(self, name: str, n: int = 1) -> None:
        self.pending[name] += n

    def _committed(self) -> None:
        for name, n in self.pending.items():
            self.stats.inc_value(name, n)
        self.pending.clear()

    def _commit(self) -> None:
        if self.failure is None:
            try:
                self._send()
            except self.store_errors as e:
                self._fail(e)

    def _send(self) -> None:
        """Write the pages waiting and commit them."""
        self._write_waiting()
        self.batch.commit()

    def _write_waiting(self) -> None:
        """Write the pages waiting, together (no commit); their figures counted when committed.
        A page that cannot be written for any reason but the store's (a bug, say) is told,
        counted in the run's errors and left for the next run, without costing the others."""
        waiting, self.waiting = self.waiting, []
        if not waiting:
            return
        try:
            with self._written():  # all of them, or (on an exception) none
                figures = results.save_page_results(self.db, waiting, self.outlet_ids)
        except self.store_errors:
            raise
        except Exception:
            figures = [self._write_alone(result) for result in waiting]
        for found in figures:
            if found is not None:
                self._count("monitor/pages")
                for name, n in found.items():
                    self._count(f"monitor/{name}", n)

    @contextmanager
    def _written(self) -> Iterator[None]:
        """One savepoint for what is written in it; on an exception, an outlet it added is
        rolled back with it and forgotten."""
        try:
            with self.batch.page():
                yield
        except Exception:
            self.outlet_ids.clear()
            raise

    def _write_alone(self, result: dict) -> Counter | None:
        try:
            with self._written():
                return results.save_page_result(self.db, result, self.outlet_ids)
        except self.store_errors:
            raise
        except Exception as e:
            logger.error("could not store %s (the next run reads it again): %s",
                         result["url"], error_line(e))
            self.stats.inc_value("monitor/errors")
            return None

    def _fail(self, error: Exception) -> None:
        # Disk full, read-only, I/O error, a corrupt page: no later page can be stored either,
        # so the crawl stops and is recorded failed. What was not committed is dropped whole;
        # the next run fetches those pages again.
        if self.failure is not None:
            return
        self.failure = f"{self.store_name} error: {error}"
        self.pending.clear()
        self.touched = []
        self.waiting = []
        self._drop_uncommitted()
        stop_crawl(self.crawler, self.stats, self.failure)

    def _drop_uncommitted(self) -> None:
        try:
            self.db.conn.rollback()
        except sqlite3.Error:
            pass  # SQLite may have rolled it back itself
        self.batch.uncommitted = 0

    def close_spider(self, spider=None):
        from twisted.internet import reactor

        reactor.removeSystemEventTrigger(self.on_shutdown)
        self._close(wait=True)

    def _abandon(self) -> None:
        logger.warning("forced shutdown: committing the pages read so far")
        self._close(wait=False)

    def _close(self, wait: bool) -> None:
        if self.committer.running:
            self.committer.stop()
        self._commit()
        if self.failure is None:
            try:
                self._flush_touched()
            except self.store_errors as e:
                self._fail(e)
        self.pool.close(wait=wait)
        self.closed = True
        self._close_store()

    def _close_store(self) -> None:
        self.db.close()

    @property
    def storing(self) -> bool:
        """False once a storage error or a forced shutdown has stopped the writes."""
        return self.failure is None and not self.closed

    async def process_item(self, item: PageItem, spider=None) -> PageItem:
        if not self.storing:  # the crawl is stopping: store nothing more
            return item
        try:
            return await self._process(item)
        except self.store_errors as e:
            self._fail(e)
            return item

    async def _process(self, item: PageItem) -> PageItem:
        if item.error:
            self._store(results.page_result(item.url, item.status, error=item.error))
            return item
        if item.not_modified:
            return self._unchanged(item)
        try:
            read = await self._read(item)
        except (TooSlow, TooComplex) as e:  # not read again until it changes: no better then
            if not self.storing:  # the database failed or closed while the page was read
                return item
            if isinstance(e, TooSlow):  # stopped by its own timer, or killed a little later
                e = TooSlow(f"reading the page took over {self.time_limit:g} s")
            # A failed page is told in the log file (INFO) and counted, never in cron's mail.
            logger.info("gave up on %s: %s", item.url, e)
            self.stats.inc_value("monitor/errors")
            self._store(results.page_result(item.url, item.status, etag=item.etag,
                                            last_modified=item.last_modified, error=str(e),
                                            html_hash=html_hash(item.body)))
            return item
        except Exception as e:  # a page that crashes the extractor must not stop the crawl
            if not self.storing:
                return item
            logger.info("extraction failed for %s: %r", item.url, e)
            self.stats.inc_value("monitor/errors")
            # No validators: the next run fetches it whole, tries again.
            self._store(results.page_result(item.url, item.status, error=repr(e)))
            return item
        if not self.storing:  # the database failed or closed while the page was read
            return item
        if read.unchanged:
            return self._unchanged(item)
        self._store(self._result(item, read))  # the page, its article and its matches
        item.body = b""  # stored compressed; Scrapy need not hold the page any longer
        return item

    def _result(self, item: PageItem, read: PageRead) -> dict:
        article = read.article
        if read.match_error:
            logger.info("matching failed for %s: %s", article.url, read.match_error)
            self.stats.inc_value("monitor/errors")
        return results.page_result(
            item.url, item.status, packed=read.packed, etag=item.etag,
            last_modified=item.last_modified,
            error=None if article else "no article text found", html_hash=read.html_hash,
            outlet={"name": item.outlet, "domain": item.domain, "listed": item.listed},
            # Its fields are strings, booleans or None: a shallow copy is what asdict makes,
            # without asdict's deep copy field by field.
            article=vars(article).copy() if article else None, sketch=read.sketch,
            bands=read.bands, decisions=[
                self.stories.decision(position, result, scored)
                for position, (result, scored) in enumerate(read.scores)])

    def _store(self, result: dict) -> None:
        """Keep a page's result to write with the next batch (`_send`)."""
        self.waiting.append(result)
        if len(self.waiting) >= WRITE_AFTER:
            self._send()

    async def _read(self, item: PageItem) -> PageRead:
        pool = self.pool
        try:
            return await self._read_in(pool, item)
        except BrokenProcessPool:
            self._replace_pool(pool)
        return await self._read_in(self.pool, item)  # if it breaks these too, it fails alone

    @staticmethod
    async def _read_in(pool: AsyncPool | ExecutorPool, item: PageItem) -> PageRead:
        # Hashing, decoding, extraction, matching and compression all happen in the worker:
        # the reactor only moves bytes and writes rows.
        return await pool.run(item.body, item.encoding, item.url, item.known_hash,
                              item.known_text, item.listed_date)

    def _replace_pool(self, broken) -> None:
        # A worker died (killed for memory, or crashed on a page) and took the pool with it:
        # new workers read the pages the dead pool held, each page once more at most.
        if self.pool is broken:
            logger.warning("an extraction worker died; starting new ones")
            self.stats.inc_value("monitor/worker_restarts")
            broken.close(wait=False)
            self.pool = self._new_pool()

    def _unchanged(self, item: PageItem) -> PageItem:
        # Unchanged since the last crawl: nothing to extract, store or match again.
        self._count("monitor/pages")  # stored when the touched pages are
        self.touched.append(item.url)
        if len(self.touched) >= 500:
            self._flush_touched()
        self.stats.inc_value("monitor/unchanged")
        item.body = b""
        return item
