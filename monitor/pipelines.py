"""The crawl's one pipeline: extract each page off the reactor, then store it."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from monitor import store
from monitor.extract import Article, extract_page
from monitor.items import PageItem

logger = logging.getLogger(__name__)


@dataclass
class PageRead:
    """What a worker made of a page."""

    html_hash: str
    unchanged: bool  # the same bytes as at the last fetch: nothing else was done
    article: Article | None = None
    packed: bytes | None = None  # the raw page, compressed for storing


def read_page(body: bytes, encoding: str | None, url: str, known_hash: str | None) -> PageRead:
    """In a worker process: hash the raw page; unless unchanged, extract it and compress it."""
    digest = store.html_hash(body)
    if digest == known_hash:
        return PageRead(digest, True)
    return PageRead(digest, False, extract_page(body, url, encoding), store.pack_page(body))


class ArticlePipeline:
    """Runs trafilatura in a process pool (never on Scrapy's reactor) and saves each article."""

    def __init__(self, db_path: str, workers: int, stats):
        self.db_path = db_path
        self.workers = workers
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(settings.get("MONITOR_DB", "data/monitor.db"),
                   settings.getint("MONITOR_EXTRACT_WORKERS", 2), crawler.stats)

    def open_spider(self, spider=None):
        self.db = store.open_db(self.db_path)
        self.outlet_ids: dict[str, int] = {}
        self.touched: list[str] = []  # unchanged pages, recorded as fetched in batches
        self.pool: ProcessPoolExecutor | None = None  # started at the first page to extract

    def _flush_touched(self) -> None:
        store.touch_pages(self.db, self.touched)
        self.touched = []

    def close_spider(self, spider=None):
        self._flush_touched()
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        self.db.close()

    async def process_item(self, item: PageItem, spider=None) -> PageItem:
        self.stats.inc_value("monitor/pages")
        if item.error:
            store.save_page(self.db, item.url, item.status, None, None, error=item.error)
            self.stats.inc_value("monitor/failed_pages")
            return item
        if item.not_modified:
            return self._unchanged(item)
        loop = asyncio.get_running_loop()
        if self.pool is None:
            # spawn: forking a process that runs the reactor's threads is not safe.
            self.pool = ProcessPoolExecutor(self.workers,
                                            mp_context=multiprocessing.get_context("spawn"))
        try:
            # Hashing, decoding, extraction and compression all happen in the worker: the
            # reactor only moves bytes and writes rows.
            read = await loop.run_in_executor(self.pool, read_page, item.body, item.encoding,
                                              item.url, item.known_hash)
        except Exception as e:  # a page that crashes the extractor must not stop the crawl
            logger.warning("extraction failed for %s: %r", item.url, e)
            self.stats.inc_value("monitor/errors")
            store.save_page(self.db, item.url, item.status, None, None,
                            item.etag, item.last_modified, error=repr(e))
            return item
        if read.unchanged:
            return self._unchanged(item)
        article, packed, digest = read.article, read.packed, read.html_hash
        article_id = None
        if article is not None:
            outlet_id = self._outlet_id(item)
            article_id, changed = store.save_article(self.db, article, outlet_id)
            self.stats.inc_value("monitor/articles")
            self.stats.inc_value("monitor/changed", int(changed))
        store.save_page(self.db, item.url, item.status, packed, article_id,
                        item.etag, item.last_modified,
                        error=None if article else "no article text found", html_hash=digest)
        item.body = b""  # stored compressed; Scrapy need not hold the page any longer
        return item

    def _unchanged(self, item: PageItem) -> PageItem:
        # Unchanged since the last crawl: nothing to extract, store or match again.
        self.touched.append(item.url)
        if len(self.touched) >= 500:
            self._flush_touched()
        self.stats.inc_value("monitor/unchanged")
        item.body = b""
        return item

    def _outlet_id(self, item: PageItem) -> int:
        if item.outlet not in self.outlet_ids:
            self.outlet_ids[item.outlet] = store.save_outlet(self.db, item.outlet, item.domain)
        return self.outlet_ids[item.outlet]
