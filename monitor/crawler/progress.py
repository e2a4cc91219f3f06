"""Crawl progress: a live line on a terminal, a plain log line now and then under cron."""

from __future__ import annotations

import logging
import shutil
import signal
import sys
import time
from functools import partial

from scrapy import signals
from twisted.internet import task

from monitor.crawler.failures import error_count
from monitor.faces.terminal import cleaned, echo

logger = logging.getLogger(__name__)


class CrawlProgress:
    """A Scrapy extension showing pages stored, articles, coverage found, errors and the rate."""

    def __init__(self, stats, interval: float, tty: bool):
        self.stats = stats
        self.interval = interval
        self.tty = tty
        self.loop: task.LoopingCall | None = None
        self.started = time.monotonic()
        self.told_stops = False
        self.crawler = None  # set by from_crawler
        self.wrapped: dict[int, tuple] = {}  # signal -> (Scrapy's handler, ours around it)

    @classmethod
    def from_crawler(cls, crawler):
        tty = sys.stderr.isatty()
        extension = cls(crawler.stats, 0.5 if tty else
                        crawler.settings.getfloat("MONITOR_PROGRESS_INTERVAL", 30.0), tty)
        extension.crawler = crawler
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def line(self) -> str:
        return progress_line(self.stats.get_stats(), time.monotonic() - self.started)

    def show(self) -> None:
        if self.tty:
            self.tell_stops()
            echo(_fit(f"  {self.line()}   "), err=True, nl=False, overwrite=True)
        else:
            logger.info("progress: %s", self.line())

    def opened(self, spider) -> None:
        # `monitor` commands log through their own cleaned handler; under `scrapy crawl`,
        # Scrapy's own, installed once the extensions were made, is cleaned here, before the
        # first line a server could put words in.
        for handler in logging.getLogger().handlers:
            cleaned(handler)
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.show)
        self.loop.start(self.interval, now=False)
        # How late a 50 ms tick runs tells whether anything blocks the reactor.
        self.last_tick = time.monotonic()
        self.lag = task.LoopingCall(self.tick)
        self.lag.start(0.05, now=False)

    def tell_stops(self) -> None:
        """On a terminal, say at the first Ctrl-C that the crawl is stopping (Scrapy says it
        only in its log: the line would go on as if nothing happened while the requests in
        flight end). Set from the running reactor, once Scrapy's own handlers are in place."""
        if self.told_stops:
            return
        self.told_stops = True
        if self.crawler is None or not self.crawler.crawling:
            return  # a stop began already: Scrapy's handlers now force it, nothing to add
        for signum in (signal.SIGINT, signal.SIGTERM):
            scrapy_stops = signal.getsignal(signum)
            if callable(scrapy_stops):
                self.wrapped[signum] = (scrapy_stops, partial(self.stop, scrapy_stops))
                signal.signal(signum, self.wrapped[signum][1])

    def stop(self, scrapy_stops, signum, frame) -> None:
        """Scrapy's handler first (it puts its own in place of this one for a second signal,
        which stops at once), then the line, written from the reactor: written here, it could
        interrupt a write to the same stream."""
        from twisted.internet import reactor  # the one Scrapy installed, running by now

        scrapy_stops(signum, frame)
        reactor.callFromThread(self.say_stopping, signum)

    def say_stopping(self, signum: int) -> None:
        again = "Ctrl-C" if signum == signal.SIGINT else "SIGTERM"
        echo(_fit(f"  Stopping once the pages being fetched have arrived ({again} again: at "
                  "once)"), err=True, overwrite=True)

    def untell_stops(self) -> None:
        # After the crawl (a run's matching) Scrapy's handlers apply again, as without this.
        for signum, (scrapy_stops, ours) in self.wrapped.items():
            if signal.getsignal(signum) is ours:
                signal.signal(signum, scrapy_stops)

    def tick(self) -> None:
        now = time.monotonic()
        lag_ms = max(0.0, (now - self.last_tick - 0.05) * 1000)
        self.last_tick = now
        self.stats.max_value("monitor/reactor_lag_max_ms", round(lag_ms, 1))
        self.stats.inc_value("monitor/reactor_ticks")
        if lag_ms > 100:
            self.stats.inc_value("monitor/reactor_ticks_late_100ms")

    def closed(self, spider, reason) -> None:
        self.untell_stops()
        for loop in (self.loop, getattr(self, "lag", None)):
            if loop and loop.running:
                loop.stop()
        if self.tty:
            echo(_fit(f"  {self.line()}   "), err=True, overwrite=True)


def _fit(line: str) -> str:
    # Wider than the terminal, the line would wrap, and "\r" could not start it over.
    return line[:shutil.get_terminal_size().columns - 1]


def progress_line(stats: dict, seconds: float) -> str:
    """The crawl so far, counted as the run's summary and `crawl_runs` count it (jobs.crawl)."""
    pages = stats.get("monitor/pages", 0)
    errors = error_count(stats)
    return (f"{pages} pages · {stats.get('monitor/articles', 0)} articles "
            f"({stats.get('monitor/changed', 0)} new or changed) · "
            f"{stats.get('monitor/covering', 0)} cover a story · {errors} errors · "
            f"{pages / max(seconds, 0.001):.1f} pages/s")
