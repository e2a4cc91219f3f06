"""Downloader middleware: Scrapy's own, made cheaper where every page pays for it, an
off-site rule that holds for every request, conditional requests for the pages fetched
before, and no more waiting on a site that stopped answering."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable

from scrapy import signals
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware as ScrapyOffsite
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMetaRefresh
from scrapy.exceptions import DownloadTimeoutError, IgnoreRequest
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.robotstxt import ProtegoRobotParser
from scrapy.utils.httpobj import urlparse_cached

from monitor.crawler.failures import SiteNotAnswering
from monitor.steps.outlets import Outlet
from monitor.steps.urls import canonical_url
from monitor.store import rows, schema

# Scrapy looks for a refresh in a page's first 4,096 characters: at most 4 bytes each.
_HEAD = 4 * 4096
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

logger = logging.getLogger(__name__)


def may_refresh(body: bytes) -> bool:
    """Whether a page's first bytes could hold a <meta http-equiv="refresh"> at all."""
    head = body[:_HEAD]
    if head.startswith(_UTF16_BOMS):
        return True
    head = head.lower()
    # Pages often say "refresh" in their scripts; a refresh tag also says http-equiv.
    return b"refresh" in head and b"http-equiv" in head


class MetaRefreshMiddleware(ScrapyMetaRefresh):
    """Follows meta-refresh redirects as Scrapy's does, but reads only the first bytes of the
    pages that could hold one: Scrapy decodes every whole page to look (bench/README.md)."""

    def process_response(self, request, response: Response, spider=None):
        if not may_refresh(response.body):
            return response
        # Decoded, a cut multi-byte character at the end only becomes a replacement character.
        head = response.replace(body=response.body[:_HEAD])
        # Scrapy before 2.14 passes the spider; later versions deprecate it.
        followed = super().process_response(request, head, *([spider] if spider else []))
        return response if followed is head else followed


class OffsiteMiddleware(ScrapyOffsite):
    """Scrapy's off-site rule, made to hold for every request an outlet's source leads to.

    Scrapy lets through every request with `dont_filter` (which feed, sitemap and search
    requests need, and which a redirect or a retry copies): here only `allow_offsite`
    (aggregator results) lets a request leave its site. A request made for an outlet (its
    `outlet` callback argument) stays on that outlet's site, port included (`Outlet.owns`),
    except that one for a feed, sitemap or search page (meta `source`, which its redirects
    copy) may also reach the hosts the outlet file lists them on (`Outlet.may_read_source`);
    other requests stay on the spider's `allowed_domains`. Scrapy's own robots.txt requests are
    let through, so that the robots.txt of every site fetched, aggregator-found ones and
    redirect targets included, is read and obeyed. `AddressGuard` checks them all the same.
    """

    def request_scheduled(self, request, spider) -> None:
        # Scrapy also filters a request as it is scheduled, where a refusal runs no errback: a
        # redirect off the site vanished without a trace. Refused in process_request instead,
        # where its errback records it; until then the duplicate filter must not count its URL
        # as seen, or the outlet whose own address it is would never fetch it.
        if not self._follows(request):
            request.dont_filter = True

    def process_request(self, request, spider=None) -> None:
        if self._follows(request):
            return
        self.stats.inc_value("offsite/filtered")
        raise IgnoreRequest(f"Filtered offsite request to {urlparse_cached(request).netloc!r}")

    def _follows(self, request) -> bool:
        return bool(request.meta.get("allow_offsite") or _for_robots_txt(request)
                    or self.should_follow(request, self.crawler.spider))

    def should_follow(self, request, spider) -> bool:
        outlet = request.cb_kwargs.get("outlet")
        if isinstance(outlet, dict):  # plain data, so that requests can travel as JSON
            outlet = Outlet.from_data(outlet)
            if request.meta.get("source"):
                return outlet.may_read_source(request.url)
            return outlet.owns(request.url)
        return super().should_follow(request, spider)


class RobotsTxtStart(ProtegoRobotParser):
    """Scrapy's robots.txt parser (Protego) given the first MONITOR_ROBOTS_TXT_MAXSIZE bytes of
    a robots.txt, to its last whole line, as Google reads one: parsing hundreds of thousands of
    rules, and checking every URL against them, would hold the crawl's event loop for seconds."""

    @classmethod
    def from_crawler(cls, crawler, robotstxt_body: bytes):
        limit = crawler.settings.getint("MONITOR_ROBOTS_TXT_MAXSIZE") if crawler else 0
        if limit and len(robotstxt_body) > limit:
            robotstxt_body = robotstxt_body[:robotstxt_body.rfind(b"\n", 0, limit) + 1]
        return super().from_crawler(crawler, robotstxt_body)


def _for_robots_txt(request) -> bool:
    # What RobotsTxtMiddleware sends (and its redirects, which copy meta and callback).
    return bool(request.meta.get("dont_obey_robotstxt")) and request.callback is NO_CALLBACK


class ConditionalRequests:
    """Asks again for a page fetched before only if it changed (If-None-Match, If-Modified-Since
    from its stored ETag and Last-Modified), as Scrapy's HTTP cache does for its copies.

    Acts on the requests whose meta says `conditional` (the spiders' article requests), and
    leaves in their meta `known`: [URL, what was stored of it] (`rows.pages_validators`), which
    the spider hands the pipeline to skip what has not changed; a 304 reaches the spider, which
    records the page unchanged. The requests that reach the downloader in one turn of the
    reactor are looked up in one query, not one each. With --redis (MONITOR_SHARED) they are
    read from Redis, where `monitor ingest` keeps them, not from the database.
    """

    def __init__(self, db_path: str, redis_url: str | None = None):
        self.db_path = db_path
        self.redis_url = redis_url
        # Opened at the first lookup: a crawl of feeds alone never needs it.
        self.lookup: Callable[[list[str]], dict[str, dict]] | None = None
        self.waiting: dict[str, list[asyncio.Future]] = {}

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        middleware = cls(settings["MONITOR_DB"], settings["REDIS_URL"]
                         if settings.getbool("MONITOR_SHARED") else None)
        crawler.signals.connect(middleware.closed, signal=signals.spider_closed)
        return middleware

    def _open(self) -> Callable[[list[str]], dict[str, dict]]:
        if self.redis_url:
            from monitor.crawler.shared import SharedValidators  # imports redis: only with it

            return SharedValidators(self.redis_url)
        return _StoredValidators(self.db_path)

    async def process_request(self, request, spider=None) -> None:
        if not request.meta.get("conditional"):
            return
        url = canonical_url(request.url)
        known = await self.known(url)
        request.meta["known"] = [url, known]
        # A redirect's request comes with the validators of the page it was redirected from.
        for header, key in (("If-None-Match", "etag"), ("If-Modified-Since", "last_modified")):
            if known.get(key):
                request.headers[header] = known[key]
            else:
                request.headers.pop(header, None)

    def known(self, url: str) -> asyncio.Future:
        """What was stored of `url` at its last fetch, looked up with the other URLs asked for
        before the reactor's next turn."""
        loop = asyncio.get_running_loop()
        if not self.waiting:
            loop.call_soon(self._look_up)
        future = loop.create_future()
        self.waiting.setdefault(url, []).append(future)
        return future

    def _look_up(self) -> None:
        waiting, self.waiting = self.waiting, {}
        try:
            if self.lookup is None:
                self.lookup = self._open()
            found = self.lookup(list(waiting))
        except Exception as e:  # each request fails with it, as its own lookup would have
            for futures in waiting.values():
                for future in futures:
                    if not future.done():  # a request cancelled meanwhile waits for nothing
                        future.set_exception(e)
            return
        for url, futures in waiting.items():
            for future in futures:
                if not future.done():
                    future.set_result(found.get(url, {}))

    def closed(self, spider) -> None:
        if self.lookup is not None:
            self.lookup.close()


class _StoredValidators:
    """What was fetched of pages before, read from the database (`rows.pages_validators`)."""

    def __init__(self, db_path: str):
        self.db = schema.open_db(db_path)

    def __call__(self, urls: list[str]) -> dict[str, dict]:
        return rows.pages_validators(self.db, urls)

    def close(self) -> None:
        self.db.close()


class UnresponsiveSites:
    """A site (scheme, host and port) that lets MONITOR_SITE_TIMEOUTS requests in a row time
    out (its robots.txt aside), no answer between, is not asked again in this run: its other
    requests fail at once with `SiteNotAnswering`, and the next run asks again. Without it a
    site that stopped answering holds a run for DOWNLOAD_TIMEOUT × (RETRY_TIMES + 1) a page,
    while the pages of a site that answers slowly (any answer) are still waited for.
    """

    def __init__(self, limit: int):
        self.limit = limit
        self.timeouts: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getint("MONITOR_SITE_TIMEOUTS"))

    def process_request(self, request, spider=None) -> None:
        site = _site(request)
        if self.limit and self.timeouts[site] >= self.limit:
            raise SiteNotAnswering(f"{site} let {self.timeouts[site]} requests in a row time out:"
                                   " not asked again in this run")

    def process_response(self, request, response: Response, spider=None) -> Response:
        self.timeouts.pop(_site(request), None)
        return response

    def process_exception(self, request, exception: Exception, spider=None) -> None:
        # A robots.txt that times out is crawled past as if it allowed everything (Scrapy's
        # rule): some sites answer their pages and not it, so it tells nothing of them.
        if isinstance(exception, DownloadTimeoutError) and not _for_robots_txt(request):
            site = _site(request)
            self.timeouts[site] += 1
            if self.timeouts[site] == self.limit:
                logger.warning("%s stopped answering (%d requests in a row timed out): its other "
                               "pages are left for the next run", site, self.limit)


def _site(request) -> str:
    url = urlparse_cached(request)
    return f"{url.scheme}://{url.netloc}"
