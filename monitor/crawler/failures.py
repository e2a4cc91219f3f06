"""What failed in a crawl, by address: each listing (feed, sitemap, search page, aggregator)
or article page that could not be fetched or read is one line in the log, never a traceback,
and counted once in the run's errors."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.statscollectors import StatsCollector
from twisted.python.failure import Failure

from monitor.faces.terminal import error_line
from monitor.store import rows

logger = logging.getLogger(__name__)

# The stats a crawl counts its failures and successes in.
FAILED_SOURCES = "monitor/failed_sources"  # [{"source", "url", "reason"}], one per listing
FAILED_PAGES = "monitor/failed_pages"
READ = "monitor/read"  # listings and pages fetched and read
OTHER_ERRORS = "monitor/errors"  # pages fetched that could not be read or matched
NOT_WHOLE = "monitor/listings_not_whole"  # [{"source", "url", "reason"}]: read, cut or broken
EMPTY = "monitor/listings_empty"  # [{"source", "url", "reason"}]: search pages listing nothing
STILL_GONE = "monitor/still_gone"  # pages taken down before a run that still are: no error
TAKEN_DOWN = rows.TAKEN_DOWN  # the statuses of a page taken down, for the spiders


class HeadersTooLarge(Exception):
    """A response whose headers passed the cap of monitor/crawler/downloads.py. Not a Scrapy
    download error, so not retried: the server would send them again."""


class SiteNotAnswering(Exception):
    """A request not sent: its site let several requests in a row time out in this run
    (monitor/crawler/middlewares.py's `UnresponsiveSites`). Not retried; the next run asks."""


_SHORT = ((SiteNotAnswering, "site not answering"),
          (CannotResolveHostError, "host not found"),
          (DownloadConnectionRefusedError, "connection refused"),
          (DownloadTimeoutError, "timed out"),
          (ResponseDataLossError, "answer cut short"),
          (HeadersTooLarge, "headers too large"),
          (DownloadFailedError, "download failed"))


def detail(failure: Failure) -> str:
    """Why a request failed, whole, on one line: the HTTP status, or the error's message."""
    response = getattr(failure.value, "response", None)
    if response is not None:
        return f"HTTP {response.status}"
    return error_line(failure.value)


def short_reason(failure: Failure) -> str:
    """Why a request failed, in a few words for the run's summary."""
    response = getattr(failure.value, "response", None)
    if response is not None:
        return str(response.status)
    if failure.check(DownloadCancelledError):
        # Scrapy cancels a download past DOWNLOAD_MAXSIZE with this one error, saying so.
        return "too large" if "max size" in failure.getErrorMessage() else "cancelled"
    if failure.check(IgnoreRequest):
        return failure.getErrorMessage()[:100] or "refused"
    for error, words in _SHORT:
        if failure.check(error):
            return words
    return failure.type.__name__


def source_failed(stats: StatsCollector, source: str, url: str, reason: str,
                  detail: str) -> None:
    """A listing that could not be fetched or read: one line in the log, one failed source."""
    logger.warning("could not read %s %s: %s", source, url, detail)
    stats.set_value(FAILED_SOURCES, [*stats.get_value(FAILED_SOURCES, []),
                                     {"source": source, "url": url, "reason": reason}])


def source_not_whole(stats: StatsCollector, source: str, url: str, reason: str,
                     detail: str) -> None:
    """A listing read that is not whole XML (cut short, or malformed): one line in the log,
    one listing named in the run's summary. No error: what it lists was read."""
    logger.warning("%s %s %s", source, url, detail)
    stats.set_value(NOT_WHOLE, [*stats.get_value(NOT_WHOLE, []),
                                {"source": source, "url": url, "reason": reason}])


def source_empty(stats: StatsCollector, source: str, url: str, reason: str) -> None:
    """A search page that lists no article: one line in the log, one listing named in the
    run's summary. No error: an outlet may have nothing on a story, but a search page whose
    layout changed, or a query its search engine reads otherwise, looks the same, and a user
    left untold concludes that nobody covered it. (A feed or news sitemap with nothing today
    is an outlet's quiet day: logged only.)"""
    logger.warning("%s %s lists no article (%s)", source, url, reason)
    stats.set_value(EMPTY, [*stats.get_value(EMPTY, []),
                            {"source": source, "url": url, "reason": reason}])


def error_count(stats: dict) -> int:
    """The run's errors: every address that failed, counted once (listings and pages)."""
    return (len(stats.get(FAILED_SOURCES, [])) + stats.get(FAILED_PAGES, 0)
            + stats.get(OTHER_ERRORS, 0) + stats.get("spider_exceptions/count", 0))


def nothing_read(stats: dict) -> bool:
    """Whether every address the crawl tried failed (no network, say)."""
    return error_count(stats) > 0 and not stats.get(READ, 0)


class RobotsTxtFailures(logging.Filter):
    """Scrapy's robots.txt middleware logs a robots.txt it could not fetch as an error with a
    traceback, under the page that asked: it is one line here, as Scrapy then crawls the site
    as if it allowed everything (the page's own failure, if any, is counted with the page)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.args, dict) and "request" in record.args:
            request = record.args["request"]
            error = record.exc_info[1]
            record.msg = "no robots.txt for %s (%s): crawling it as if it allowed everything"
            site = urlsplit(request.url)
            record.args = (f"{site.scheme}://{site.netloc}", error_line(error))
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


class PageNotices(logging.Filter):
    """Scrapy's download handler warns of one page's size (over DOWNLOAD_WARNSIZE, over
    DOWNLOAD_MAXSIZE) or of its data lost: an INFO line here, as every failed page is, so it
    stays in the log file and out of cron's mail (the page's failure, if any, is counted)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING:
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


class FailureLog:
    """A Scrapy extension: for the crawl's length, robots.txt failures are one line
    (`RobotsTxtFailures`) and the download handler's notices on one page are INFO lines
    (`PageNotices`)."""

    LOGGER = "scrapy.downloadermiddlewares.robotstxt"
    DOWNLOADS = "scrapy.core.downloader.handlers.http11"

    def __init__(self):
        self.filter = RobotsTxtFailures()
        self.pages = PageNotices()
        logging.getLogger(self.LOGGER).addFilter(self.filter)
        logging.getLogger(self.DOWNLOADS).addFilter(self.pages)

    @classmethod
    def from_crawler(cls, crawler) -> FailureLog:
        extension = cls()
        crawler.signals.connect(extension.stop, signal=signals.engine_stopped)
        return extension

    def stop(self) -> None:
        logging.getLogger(self.LOGGER).removeFilter(self.filter)
        logging.getLogger(self.DOWNLOADS).removeFilter(self.pages)
