"""What every spider shares: the outlet file, the stories' time windows, the off-site rule and
the article callback."""

from __future__ import annotations

import asyncio
import heapq
import unicodedata
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from datetime import datetime
from typing import TypeVar

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse

from monitor.crawler import failures
from monitor.crawler.items import PageItem
from monitor.faces.terminal import clean
from monitor.steps.dates import day_as_written, parse_date, story_window
from monitor.steps.extract import is_web_page
from monitor.steps.outlets import Outlet, OutletFileError, load_outlets
from monitor.steps.urls import canonical_url, origin, site

CHUNK = 64 * 1024  # bytes of a feed or sitemap read between two turns of the reactor
# Start requests made between two turns of the reactor: an outlet file listing thousands of
# URLs would otherwise hold it while Scrapy queues them all (bench/start_requests.py).
START_BATCH = 20
T = TypeVar("T")


class OutletSpider(scrapy.Spider):
    """Finds article pages for each outlet in the outlet file; subclasses say where to look.

    Arguments (`-a NAME=VALUE`): `outlets` (the outlet file), `base` (replaces `{base}` in it),
    `outlet` (crawl only the outlet of that name), `query` (a search query to use instead of the
    stories' own). The stories and their time windows are handed over by the crawler's
    `StoriesToCrawl` extension (`use_stories`), and what was fetched before is asked for by its
    `ConditionalRequests` middleware: spiders never open the database.
    """

    sources: tuple[str, ...] = ()  # methods that turn an outlet into requests
    story_sources: tuple[str, ...] = ()  # methods that turn a story into requests

    def __init__(self, outlets: str = "data/outlets.toml", base: str | None = None,
                 outlet: str | None = None, query: str | None = None, **kwargs):
        super().__init__(**kwargs)
        listed = load_outlets(outlets, base)
        self.outlets = [o for o in listed if outlet in (None, o.name)]
        if not self.outlets and outlet is not None:
            # A misspelt name would otherwise crawl nothing and finish as if all were well.
            names = ", ".join(o.name for o in listed)
            raise OutletFileError(f"{outlets}: no outlet named {outlet!r} (its outlets: {names})")
        # Every listed name, crawled or not: no outlet an aggregator names may take one.
        self.listed_names = {_name_key(o.name) for o in listed}
        self.allowed_domains = sorted({o.domain for o in self.outlets})
        self.query = query
        self.stories: list[dict] = []

    @classmethod
    def update_settings(cls, settings):
        super().update_settings(settings)
        contact = settings.get("MONITOR_CONTACT_URL")
        if contact and contact not in settings.get("USER_AGENT", ""):
            settings.set("USER_AGENT", f"media-monitor/0.1 (+{contact})", priority="spider")
        # The run time limit is Scrapy's own, under the name the README documents.
        if settings.getpriority("MONITOR_MAX_RUN") >= (settings.getpriority(
                "CLOSESPIDER_TIMEOUT") or 0):
            settings.set("CLOSESPIDER_TIMEOUT", settings.getfloat("MONITOR_MAX_RUN"),
                         priority=settings.getpriority("MONITOR_MAX_RUN"))

    def use_stories(self, stories: list[dict]) -> None:
        """Crawl for these stories (their crawl settings: slug, query, published, window_days,
        aggregators), each with the `query` argument instead of its own when given."""
        self.stories = stories
        if self.query:
            self.stories = [{**s, "query": self.query} for s in stories] or [
                {"slug": "query", "query": self.query, "aggregators": []}]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        # Scrapy reads start requests one at a time, but reads on without a turn of the reactor
        # while its downloader is busy: every START_BATCH requests, the reactor gets one.
        async for request in in_turns(self._every_start_request(), START_BATCH):
            yield request

    def _every_start_request(self) -> Iterable[scrapy.Request]:
        # Every outlet's requests from each of the spider's sources, then every story's.
        for outlet in self.outlets:
            for source in self.sources:
                yield from getattr(self, source)(outlet)
        for story in self.stories:
            for source in self.story_sources:
                yield from getattr(self, source)(story)

    async def listed_entries(self, reader, response: Response,
                             keep: Callable[[str, str | None], bool], body: bytes | None = None
                             ) -> tuple[list[tuple[str, str | None]], int]:
        """The newest MONITOR_MAX_ENTRIES (URL, date) entries of a feed or sitemap that `keep`
        takes, and how many it listed in all.

        The document is read a piece at a time, the reactor fetching and storing in between, so
        a huge listing neither stalls the crawl nor holds more than the entries kept.
        """
        body = response.body if body is None else body
        newest = self.newest()
        listed = skipped = 0
        async for piece in in_turns(_pieces(reader, body), 1):
            listed += len(piece)
            entries = [(link, date) for url, date in piece
                       if (link := self.absolute(response, url)) is not None]
            kept = [entry for entry in entries if keep(*entry)]
            skipped += len(entries) - len(kept)
            newest.add(kept)
        self.crawler.stats.inc_value("monitor/outside_window", skipped)
        return self.taken(response, newest), listed

    def told_if_not_whole(self, reader, response: Response, listed: int) -> None:
        """A listing that stopped inside an element (cut short), or that ends whole but is
        broken XML before (malformed), is told apart, with what was read of it."""
        source = response.meta["source"]
        if reader.cut_short:
            failures.source_not_whole(
                self.crawler.stats, source, response.url, "cut short",
                f"stops in the middle (cut short?): read the {listed} entries before the cut")
            self.crawler.stats.inc_value("monitor/listings_cut_short")
        elif reader.malformed:
            failures.source_not_whole(
                self.crawler.stats, source, response.url, "malformed XML",
                f"is malformed XML (a broken tag?) but ends whole: read the "
                f"{listed} entries the parser could")
            self.crawler.stats.inc_value("monitor/listings_malformed")

    def told_empty(self, response: Response, reason: str) -> None:
        """A search page that listed no article, named in the run's summary."""
        failures.source_empty(self.crawler.stats, response.meta["source"], response.url, reason)

    def newest(self) -> Newest:
        """What keeps the MONITOR_MAX_ENTRIES newest entries of one listing."""
        return Newest(self.crawler.settings.getint("MONITOR_MAX_ENTRIES"))

    def taken(self, response: Response, newest: Newest) -> list[tuple]:
        """The entries `newest` kept of a listing, told in one line when it dropped some."""
        if newest.dropped:
            self.logger.warning("%s lists %d entries to take; taking the newest %d "
                                "(MONITOR_MAX_ENTRIES)", response.url, newest.seen, newest.limit)
            self.crawler.stats.inc_value("monitor/entries_over_limit", newest.dropped)
        return newest.entries()

    def absolute(self, response: Response, link: str) -> str | None:
        """A listed link read against the listing's address; None, counted, for one that is no
        address at all (a stray bracket in its host): skipped, the rest of the listing kept."""
        try:
            return response.urljoin(link)
        except ValueError:
            self.logger.debug("skipping %s in %s: not an address", link[:200], response.url)
            self.crawler.stats.inc_value("monitor/bad_links")
            return None

    def in_window(self, published: str | datetime | None) -> bool:
        """Whether a listed article's date falls in some story's window (undated ones and
        those with an unreadable date do)."""
        when = published if isinstance(published, datetime) else parse_date(published)
        windows = self._windows()
        return when is None or windows is None or any(
            start <= when <= end for start, end in windows)

    def in_window_or_after(self, modified: str | None) -> bool:
        """Whether something last modified then can hold articles of some story's window."""
        when = parse_date(modified)
        windows = self._windows()
        return when is None or windows is None or any(when >= start for start, _ in windows)

    def _windows(self) -> list[tuple[datetime, datetime]] | None:
        # None when some story (or, with none, every story to come) may be covered at any date.
        windows = [story_window(story) for story in self.stories]
        return None if not windows or None in windows else windows

    def article_requests(self, entries: Iterable[tuple[str, str | None]], outlet: Outlet,
                         anywhere: bool = False) -> Iterable[scrapy.Request]:
        """Requests for candidate articles: on the outlet's site (unless `anywhere`), in window."""
        listed, elsewhere = 0, Counter()
        for url, published in entries:
            url = canonical_url(url)
            listed += 1
            if origin(url) is None:
                self.logger.warning("skipping %s: not a web address", url[:200])
                self.crawler.stats.inc_value("monitor/not_web")
            elif not anywhere and not outlet.owns(url):
                self.logger.debug("skipping %s: not on %s", url, outlet.domain)
                elsewhere[site(url)] += 1
            elif not self.in_window(published):
                self.crawler.stats.inc_value("monitor/outside_window")
            else:
                yield self.article_request(url, outlet, anywhere, published)
        off = elsewhere.total()
        if off and off * 2 >= listed:
            # A domain that does not match where the outlet publishes loses its articles
            # without an error: told, so the outlet file can be put right.
            self.crawler.stats.inc_value("monitor/off_domain", off)
            self.logger.warning(
                "%s: %d of the %d articles listed are not on its domain %s (most on %s), "
                "skipped: is the outlet file's domain right?", outlet.name, off, listed,
                outlet.domain, elsewhere.most_common(1)[0][0])

    def outlet_for(self, url: str, name: str | None = None) -> Outlet:
        """The listed outlet that owns a URL, or an outlet for its site under the name an
        aggregator gave (or the host's), which never is, nor looks like, a listed one's."""
        for outlet in self.outlets:
            if outlet.owns(url):
                return outlet
        found = origin(url)  # None for a URL that is no web address: it will not be fetched
        host = found[1].removeprefix("www.") if found else "unknown"
        name = " ".join(clean(name, lines=False).split())[:100] if isinstance(name, str) else ""
        if not name:
            name = host
        if _name_key(name) in self.listed_names:
            name = f"{name} ({host})"
        return Outlet(name=name, domain=host, listed=False)

    def article_request(self, url: str, outlet: Outlet, anywhere: bool = False,
                        listed: str | datetime | None = None) -> scrapy.Request:
        """A request for an article page, made conditional (ETag, Last-Modified) when the page
        was fetched before by the `ConditionalRequests` downloader middleware. `listed`: the
        date its listing gave it, the article's date when the page has none."""
        return scrapy.Request(url, callback=self.parse_article, errback=self.article_failed,
                              cb_kwargs={"outlet": outlet.as_data()},
                              meta={"handle_httpstatus_list": [304], "allow_offsite": anywhere,
                                    "conditional": True,
                                    "listed_date": publication_day(listed)})

    def article_failed(self, failure) -> Iterable[PageItem]:
        """A page that could not be fetched is recorded with why, and the crawl goes on."""
        request = failure.request
        outlet = Outlet.from_data(request.cb_kwargs["outlet"])
        response = getattr(failure.value, "response", None)
        reason = failures.detail(failure)
        # Under the address the crawl asked for (its redirects' target is in the reason): that
        # is the page the listing gives again next time.
        asked = (request.meta.get("redirect_urls") or [request.url])[0]
        if still_gone(asked, response, request.meta.get("known")):
            # Told once, when it was taken down (`monitor changes`): no error of this run.
            self.logger.info("still taken down: %s (%s)", request.url, reason)
            self.crawler.stats.inc_value(failures.STILL_GONE)
        else:
            self.logger.info("could not fetch %s: %s%s", request.url, reason, _tries(request))
            # A page refused on purpose (robots.txt, the off-site rule, a non-public address)
            # did not fail: it is recorded, not counted.
            if response is not None or not failure.check(IgnoreRequest):  # HttpError too
                self.crawler.stats.inc_value(failures.FAILED_PAGES)
        yield PageItem(url=canonical_url(asked), outlet=outlet.name, domain=outlet.domain,
                       status=response.status if response is not None else 0, error=reason)

    def source_request(self, url: str, callback: Callable, source: str,
                       outlet: Outlet | None = None, **kwargs) -> scrapy.Request:
        """A request for a listing (a feed, a sitemap, a search page, an aggregator), named
        `source` ("Sky News feed") wherever its failure is told."""
        return scrapy.Request(url, callback=callback, errback=self.source_failed,
                              cb_kwargs={"outlet": outlet.as_data()} if outlet else {},
                              meta={**kwargs.pop("meta", {}), "source": source}, **kwargs)

    def source_failed(self, failure) -> None:
        """A listing that could not be fetched, or answered an error status: one failed
        source, and the crawl goes on."""
        request = failure.request
        failures.source_failed(self.crawler.stats, request.meta["source"], request.url,
                               failures.short_reason(failure),
                               failures.detail(failure) + _tries(request))

    def source_unread(self, response: Response, what: str) -> None:
        """A listing fetched that is not what it should be (an HTML page for a feed, say)."""
        kind = response.headers.get("Content-Type", b"").decode(errors="replace")[:100]
        why = f"{what} ({kind})" if kind else what
        failures.source_failed(self.crawler.stats, response.meta["source"], response.url,
                               why, why)

    def source_read(self) -> None:
        """A listing fetched and read."""
        self.crawler.stats.inc_value(failures.READ)

    def parse_article(self, response: Response, outlet: dict) -> Iterable[PageItem]:
        outlet = Outlet.from_data(outlet)
        self.crawler.stats.inc_value(failures.READ)
        if response.status == 304:
            yield PageItem(url=canonical_url(response.url), outlet=outlet.name,
                           domain=outlet.domain, status=304, not_modified=True)
            return
        kind = response.headers.get("Content-Type", b"").decode(errors="replace")[:100]
        if not isinstance(response, TextResponse) or not is_web_page(kind, response.body):
            self.logger.info("skipping %s: not a text page (%s)", response.url, kind)
            self.crawler.stats.inc_value("monitor/not_text")
            yield PageItem(url=canonical_url(response.url), outlet=outlet.name,
                           domain=outlet.domain, status=response.status,
                           error=f"not a web page ({kind or 'no Content-Type'})")
            return
        if response.meta.get("allow_offsite") and outlet.listed and not outlet.owns(response.url):
            # An aggregator's link for a listed outlet that led elsewhere: not that outlet's.
            outlet = self.outlet_for(response.url)
        url = canonical_url(response.url)
        # What was fetched from the URL last time, as the middleware found it when asking for
        # the page (a redirect's target is asked for, and looked up, again).
        asked, known = response.meta.get("known", [None, {}])
        if url != asked:
            known = {}
        # Decoding and extracting happen in the pipeline's worker processes, off the reactor.
        yield PageItem(url=url, outlet=outlet.name, domain=outlet.domain, listed=outlet.listed,
                       status=response.status, body=response.body,
                       encoding=getattr(response, "_declared_encoding", lambda: None)(),
                       etag=_header(response, b"ETag"),
                       last_modified=_header(response, b"Last-Modified"),
                       known_hash=known.get("html_hash"), known_text=known.get("content_hash"),
                       listed_date=response.meta.get("listed_date"))


def still_gone(asked: str, response: Response | None, known: list | None) -> bool:
    """Whether a page that answered `response` was taken down before and still is: it answers
    404 or 410, and what was stored of the address asked for (`known`) says it was gone."""
    url, stored = known or (None, {})
    return (response is not None and response.status in failures.TAKEN_DOWN
            and url == canonical_url(asked) and bool(stored.get("gone_since")))


def publication_day(listed: str | datetime | None) -> str | None:
    """The day (ISO) a listing says an article was published, in the listing's own time zone;
    None for no date, an unreadable one, or a date the page last changed (`Modified`)."""
    if isinstance(listed, datetime):
        return listed.date().isoformat()
    if isinstance(listed, Modified) or parse_date(listed) is None:
        return None
    return day_as_written(listed)


class Modified(str):
    """A listing's date that says when the page last changed (a sitemap's lastmod): good for
    the stories' windows, not the article's publication date."""


async def in_turns(items: Iterable[T], per_turn: int) -> AsyncIterator[T]:
    """`items` one by one, the reactor getting a turn after every `per_turn` of them, so that a
    huge listing neither stalls the crawl's fetching and storing nor waits for them."""
    for n, item in enumerate(items, 1):
        yield item
        if n % per_turn == 0:
            await asyncio.sleep(0)


def _pieces(reader, body: bytes) -> Iterator[list]:
    # The entries of a feed or sitemap that `reader` parses incrementally, CHUNK bytes at a time.
    for start in range(0, len(body), CHUNK):
        yield reader.feed(body[start:start + CHUNK])
    yield reader.close()


class Newest:
    """The `limit` newest of the (URL, date, ...) entries added: dated ones newest first, then
    the undated in the order listed (feeds list their newest first)."""

    def __init__(self, limit: int):
        self.limit = max(limit, 0)
        self.heap: list[tuple[tuple[float, int], tuple]] = []
        self.seen = 0

    def add(self, entries: Iterable[tuple]) -> None:
        for entry in entries:
            when = parse_date(entry[1])
            key = (when.timestamp() if when else float("-inf"), -self.seen)
            self.seen += 1
            if len(self.heap) < self.limit:
                heapq.heappush(self.heap, (key, entry))
            elif self.heap and key > self.heap[0][0]:
                heapq.heapreplace(self.heap, (key, entry))

    @property
    def dropped(self) -> int:
        return self.seen - len(self.heap)

    def entries(self) -> list[tuple]:
        return [entry for _, entry in sorted(self.heap, key=lambda kept: kept[0], reverse=True)]


def _name_key(name: str) -> str:
    # Names compared as a reader sees them: case, width, spacing and invisible characters
    # aside.
    visible = "".join(c for c in unicodedata.normalize("NFKC", clean(name, lines=False))
                      if unicodedata.category(c) not in ("Cf", "Cc"))
    return " ".join(visible.casefold().split())


def _tries(request: scrapy.Request) -> str:
    # Scrapy's retries give up silently (RETRY_GIVE_UP_LOG_LEVEL): the one line says so.
    retries = request.meta.get("retry_times", 0)
    return f" (tried {retries + 1} times)" if retries else ""


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


