"""A crawl: the coverage spider once over every outlet, recorded as a row of `crawl_runs`.

Nothing here changes the process it runs in for good, but for the root log handler any
Scrapy crawl installs (ours, in place of Scrapy's): `tune_process` is for the entry point that
owns it (`run.run`, `demo.demo`) to call.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.log import TopLevelFormatter
from sqlite_utils import Database

from monitor.crawler import failures, frontier
from monitor.crawler.workers import start_server
from monitor.faces.terminal import cleaned
from monitor.jobs import collect_less
from monitor.jobs.copies import update_copies
from monitor.jobs.stories import load_stories, stories_from_published, story_versions
from monitor.steps.extract import unpack_page
from monitor.steps.outlets import load_outlets
from monitor.store import rows, schema

logger = logging.getLogger(__name__)


class SettingError(ValueError):
    """A `-s NAME=VALUE` whose value is not of the setting's kind."""


# Settings read as any number though their defaults are whole (Scrapy's getfloat), or whose
# defaults live in the code that reads them; the others are read as their defaults' kind.
_FLOATS = {"CLOSESPIDER_TIMEOUT", "DNS_TIMEOUT", "DOWNLOAD_TIMEOUT", "MONITOR_MAX_RUN",
           "MONITOR_READ_TIMEOUT", "MONITOR_PROGRESS_INTERVAL"}
_INTS = {"MONITOR_MAX_ELEMENTS", "MONITOR_REDIS_ALIVE"}
_KINDS = {bool: "True or False", int: "a whole number", float: "a number"}
# Counts, sizes and durations: a negative one would be read as nonsense or as "none" (a
# sitemap's newest -5 entries are none), not refused. Scrapy's priorities may be negative.
_COUNTS = {"CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "CONCURRENT_ITEMS",
           "DOWNLOAD_DELAY", "DOWNLOAD_TIMEOUT", "DOWNLOAD_MAXSIZE", "DOWNLOAD_WARNSIZE",
           "DNS_TIMEOUT", "RETRY_TIMES", "DEPTH_LIMIT", "REDIRECT_MAX_TIMES",
           "CLOSESPIDER_TIMEOUT", "AUTOTHROTTLE_START_DELAY", "AUTOTHROTTLE_MAX_DELAY"}


def crawl_settings(db_path: str, overrides: dict[str, str] | None = None) -> Settings:
    """The project's Scrapy settings with the database path and any `-s NAME=VALUE` overrides.

    Raises SettingError for a value that is not of its setting's kind (a number, True or
    False): before the run starts, not as a traceback from inside Scrapy."""
    settings = Settings()
    settings.setmodule("monitor.crawler.settings", priority="project")
    settings.set("MONITOR_DB", str(db_path), priority="cmdline")
    for name, value in (overrides or {}).items():
        _check_kind(name, value, settings.get(name))
        settings.set(name, value, priority="cmdline")
    return settings


def _check_kind(name: str, value: str, default: object) -> None:
    if isinstance(default, bool):
        kind = bool
    elif name in _FLOATS or isinstance(default, float):
        kind = float
    elif name in _INTS or isinstance(default, int):
        kind = int
    else:
        return
    probe = Settings({name: value})
    shown = f" (default: {default})" if default is not None else ""
    try:  # read as Scrapy will read it
        number = {bool: probe.getbool, int: probe.getint, float: probe.getfloat}[kind](name)
    except ValueError:
        raise SettingError(f"-s {name}={value}: {name} takes {_KINDS[kind]}{shown}") from None
    if kind is not bool and number < 0 and (name.startswith("MONITOR_") or name in _COUNTS):
        raise SettingError(f"-s {name}={value}: {name} takes {_KINDS[kind]} of 0 or more{shown}")


def crawl(db_path: str, outlets_path: str, base: str | None = None,
          overrides: dict[str, str] | None = None, log_file: str | None = None,
          redis_url: str | None = None,
          before_start: Callable[[], None] | None = None) -> dict:
    """Run the coverage spider once over every outlet, recorded in `crawl_runs` (a damaged
    database file raises `schema.Damaged` first).

    Each new or changed article is matched against the stories as it is stored; syndicated
    copies are looked for at the end. Returns the run's figures: run_id, pages, articles,
    changed, new_articles, new_versions, matched, covering, errors (the addresses that could
    not be fetched or read, each once), failed_sources (the listings among them: source, url,
    reason), still_gone (pages taken down before that still are: no errors), warnings and
    sources_not_whole (the listings read that were cut short or malformed), status
    ("finished" unless the crawl was stopped; "failed" when the database could not store a
    page or nothing could be fetched, "interrupted" when SIGINT or SIGTERM stopped it) and
    reason (why it failed or stopped, or None).
    With `redis_url`, requests go through the frontier shared with other crawlers
    (monitor/crawler/frontier.py; `frontier.RedisUnavailable` when Redis cannot be used), and
    the results go to `monitor ingest` (monitor/crawler/shared.py): the database is never
    opened, and the figures are what was sent (run_id None; pages, articles, errors, status,
    reason).
    `before_start` is called once the crawl is set up, just before it starts (`tune_process`).
    """
    with crawling(db_path, outlets_path, base, overrides, log_file, redis_url,
                  before_start) as figures:
        return figures


@contextmanager
def crawling(db_path: str, outlets_path: str, base: str | None = None,
             overrides: dict[str, str] | None = None, log_file: str | None = None,
             redis_url: str | None = None,
             before_start: Callable[[], None] | None = None) -> Iterator[dict]:
    """`crawl` as a block, which starts once the crawl has ended: the run is recorded finished
    as the block ends, once, with its figures as the block left them (`monitor run` adds what
    it matched after the crawl, and its `exit_code`)."""
    load_outlets(outlets_path, base)  # fail here, with the file's own message, not in Scrapy
    settings = crawl_settings(db_path, overrides)
    if redis_url:
        with _crawling_shared(settings, outlets_path, base, log_file, redis_url,
                              before_start) as figures:
            yield figures
        return
    with closing(schema.open_db(db_path)) as db:
        yield from _crawling_here(db, db_path, settings, outlets_path, base, log_file,
                                  before_start)


def _crawling_here(db: Database, db_path: str, settings: Settings, outlets_path: str,
                   base: str | None, log_file: str | None,
                   before_start: Callable[[], None] | None) -> Iterator[dict]:
    # The workers' server loads for a second or more, and the first page read waits for it:
    # started first, it loads while this process checks the database, reads the stories (0.13
    # s for one seed), sets Scrapy up and finds pages (bench/README.md, crawlshare4).
    start_server(read_pages=True)
    # A damaged page would fail the crawl wherever it is read, in Scrapy's callbacks as well as
    # ours: found here, the run stops before it starts and records nothing.
    schema.check_pages(db)
    figures = {"run_id": rows.start_run(db, log_file, socket.gethostname(), os.getpid()),
               "status": "failed"}
    reserve = schema.Reserve(db_path)
    # Read once here; the pipeline matches each page against them in its workers.
    stories = load_stories(db)
    settings.set("MONITOR_STORIES", stories, priority="cmdline")
    figures["stories"] = len(stories.stories)
    before = rows.counts(db)
    crawler = None
    try:
        try:
            process, crawler = _coverage_crawl(settings, outlets_path, base, before_start)
            process.start()
            figures["status"] = _status(crawler.stats.get_stats())
        finally:
            stats = crawler.stats.get_stats() if crawler and crawler.stats else {}
            figures.update(_figures(db, stats, before, figures["status"]))
        yield figures
    finally:
        # One write, with the status and the exit code: on a full disk a second write may fail
        # where a first got through.
        code = exit_code(figures["status"]) if figures["status"] != "finished" else None
        reserve.write(lambda: rows.finish_run(
            db, figures["run_id"], exit_code=figures.get("exit_code", code),
            **{name: figures[name] for name in RECORDED if name in figures}))
    if figures["status"] == "finished":  # the next run looks at what an unfinished one stored
        update_copies(db)


@contextmanager
def _crawling_shared(settings: Settings, outlets_path: str, base: str | None,
                     log_file: str | None, redis_url: str,
                     before_start: Callable[[], None] | None) -> Iterator[dict]:
    """`crawling` past one machine: the frontier, the stories and what was fetched before come
    from Redis, and every result goes to the stream `monitor ingest` writes into the database,
    the run's start and end with them. The database is never opened here."""
    from monitor.crawler import shared  # imports redis: only with --redis

    frontier.check(redis_url)  # before the run is sent: a Redis down records nothing
    published = shared.read_stories(redis_url)
    settings.setdict(frontier.settings(redis_url), priority="project")
    settings.setdict(shared.settings(redis_url), priority="project")
    # Each page's result names its run, and the stories' versions it was matched against.
    run = {"host": socket.gethostname(), "pid": os.getpid(), "started_at": schema.now(),
           "log_file": log_file, "stories": story_versions(published)}
    settings.set("MONITOR_RUN", run, priority="cmdline")
    settings.set("MONITOR_STORIES", stories_from_published(published), priority="cmdline")
    settings.set("MONITOR_STORY_WINDOWS", published["windows"], priority="cmdline")
    shared.send(redis_url, "run-start", run)
    figures = {"run_id": None, "status": "failed"}
    start_server(read_pages=True)
    crawler = None
    try:
        try:  # a crawler that cannot be set up still sends its run's end
            process, crawler = _coverage_crawl(settings, outlets_path, base, before_start)
            process.start()
            figures["status"] = _status(crawler.stats.get_stats())
        finally:
            stats = crawler.stats.get_stats() if crawler and crawler.stats else {}
            figures.update(_crawler_figures(stats, figures["status"]))
        yield figures
    finally:
        code = exit_code(figures["status"]) if figures["status"] != "finished" else None
        # Ingest counts the articles it stored; the crawler, what it fetched and sent.
        shared.send(redis_url, "run-finish", {
            **run, "exit_code": figures.get("exit_code", code),
            **{name: figures[name] for name in ("pages", "errors", "warnings", "status", "reason")
               if name in figures}})


def _coverage_crawl(settings: Settings, outlets_path: str, base: str | None,
                    before_start: Callable[[], None] | None) -> tuple[CrawlerProcess, object]:
    """The coverage spider set up over the outlets, ready for `process.start()`."""
    _log_as_scrapy_would(settings)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler("coverage")
    process.crawl(crawler, outlets=str(outlets_path), base=base)
    if before_start is not None:
        before_start()
    return process, crawler


def _log_as_scrapy_would(settings: Settings) -> None:
    """Install the root log handler Scrapy would for `settings` (standard error, or LOG_FILE;
    LOG_LEVEL, LOG_FORMAT...), in place of Scrapy's, writing cleaned lines."""
    # Log lines quote what servers sent (URLs, reasons, names). Scrapy's own handler cannot be
    # cleaned in place: it installs a new one as the crawl starts, after our extensions are
    # built. Told to install none, it leaves this one alone, whenever it sets up its logging.
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    if settings.get("LOG_FILE"):
        handler = logging.FileHandler(
            settings["LOG_FILE"], "a" if settings.getbool("LOG_FILE_APPEND") else "w",
            encoding=settings["LOG_ENCODING"])
    elif settings.getbool("LOG_ENABLED"):
        handler = logging.StreamHandler()
    else:
        handler = logging.NullHandler()  # nor Python's last resort, which writes raw lines
    handler.setFormatter(logging.Formatter(settings["LOG_FORMAT"], settings["LOG_DATEFORMAT"]))
    handler.setLevel(settings["LOG_LEVEL"])
    if settings.getbool("LOG_SHORT_NAMES"):
        handler.addFilter(TopLevelFormatter(["scrapy"]))
    handler.set_name(_ROOT_HANDLER)
    root = logging.getLogger()
    for old in [old for old in root.handlers if old.name == _ROOT_HANDLER]:
        root.removeHandler(old)  # an earlier crawl's
        old.close()
    root.addHandler(cleaned(handler))
    root.setLevel(logging.NOTSET)  # as Scrapy leaves it: the handlers choose


_ROOT_HANDLER = "monitor crawl"

NOTHING_READ = ("nothing could be fetched: every address failed, the network down or every source "
                "refused or gone; the log file tells each")

# What `crawl_runs` keeps of a run's figures (with its exit code).
RECORDED = ("pages", "articles", "new_articles", "new_versions", "matched", "errors", "warnings",
            "status",
            "reason")


def _figures(db: Database, stats: dict, before: dict[str, int], status: str) -> dict:
    after = rows.counts(db)
    logger.info("reactor: worst lag %s ms; %s of %s ticks over 100 ms late",
                stats.get("monitor/reactor_lag_max_ms"),
                stats.get("monitor/reactor_ticks_late_100ms", 0),
                stats.get("monitor/reactor_ticks", 0))
    return {**_crawler_figures(stats, status),
            "changed": stats.get("monitor/changed", 0),
            "new_articles": after["articles"] - before["articles"],
            "new_versions": after["versions"] - before["versions"],
            "matched": stats.get("monitor/matched", 0),
            "covering": stats.get("monitor/covering", 0)}


def _crawler_figures(stats: dict, status: str) -> dict:
    """What a crawler itself knows of its run, from Scrapy's stats: the same with --redis."""
    return {"pages": stats.get("monitor/pages", 0),
            "unchanged": stats.get("monitor/unchanged", 0),  # answered 304 Not Modified
            "articles": stats.get("monitor/articles", 0),
            "errors": failures.error_count(stats),
            # Taken down at an earlier run (`monitor changes` told it then), and still.
            "still_gone": stats.get(failures.STILL_GONE, 0),
            "failed_sources": stats.get(failures.FAILED_SOURCES, []),
            # Listings read that were cut short or malformed: no error, but told after the run.
            "warnings": len(stats.get(failures.NOT_WHOLE, [])),
            "sources_not_whole": stats.get(failures.NOT_WHOLE, []),
            # Search pages that listed no article: told, since one whose layout changed lists
            # nothing as quietly as one that found nothing.
            "sources_empty": stats.get(failures.EMPTY, []),
            "reason": (stats.get("monitor/storage_error") or _interruption(stats, status)
                       or (NOTHING_READ if _read_nothing(stats) else None))}


def page_html(db: Database, url: str) -> bytes | None:
    """The raw page a crawl last fetched from `url`, as the server sent it (None if none was
    kept)."""
    return unpack_page(*rows.packed_page(db, url))


def tune_process() -> None:
    """Garbage collection and logging for a crawl, set by the entry point that owns the process
    (never at import, never by `crawl` itself) once the crawl is set up: `crawl(before_start=)`.
    """
    collect_less()  # a crawl keeps thousands of requests alive
    # Scrapy opens the root logger to every level and leaves the filtering to its handlers: a
    # debug record was made, then dropped, for every page and every item (bench/README.md).
    levels = [handler.level for handler in logging.root.handlers]
    if levels and all(levels):
        logging.getLogger("scrapy").setLevel(min(levels))


def exit_code(status: str) -> int:
    """0 for a finished crawl, 130 (as a shell reports Ctrl-C) for one stopped by a signal,
    1 for any other end (a storage error, a CLOSESPIDER limit)."""
    return {"finished": 0, "interrupted": 130}.get(status, 1)


def _status(stats: dict) -> str:
    # A storage error fails the run whatever else happened; a spider that was never closed
    # (no finish_reason) was stopped by a second SIGINT or SIGTERM, and Scrapy closes it with
    # "shutdown" after the first (Ctrl-C): both are the user's stop, not a finished run. A
    # crawl that could fetch nothing (no network, say) failed too: it must not look done.
    if stats.get("monitor/storage_error"):
        return "failed"
    reason = stats.get("finish_reason")
    if reason in (None, "shutdown"):
        return "interrupted"
    return "failed" if _read_nothing(stats) else reason


def _read_nothing(stats: dict) -> bool:
    return stats.get("finish_reason") == "finished" and failures.nothing_read(stats)


def _interruption(stats: dict, status: str) -> str | None:
    if status != "interrupted":
        return None
    if stats.get("finish_reason") == "shutdown":
        return "stopped by SIGINT or SIGTERM (Ctrl-C): the pages in hand were stored"
    return "forced shutdown (a second SIGINT or SIGTERM)"
