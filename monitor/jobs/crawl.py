"""The work behind the commands: register a seed, crawl, match. I/O lives here, not in the steps."""

from __future__ import annotations

import gc
import logging

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from monitor.crawler import frontier
from monitor.crawler.workers import start_server
from monitor.steps.outlets import load_outlets
from monitor.store import rows, schema

logger = logging.getLogger(__name__)


def crawl_settings(db_path: str, overrides: dict[str, str] | None = None) -> Settings:
    """The project's Scrapy settings with the database path and any `-s NAME=VALUE` overrides."""
    settings = Settings()
    settings.setmodule("monitor.crawler.settings", priority="project")
    settings.set("MONITOR_DB", str(db_path), priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def crawl(db_path: str, outlets_path: str, base: str | None = None,
          overrides: dict[str, str] | None = None, log_file: str | None = None,
          redis_url: str | None = None) -> dict:
    """Run the coverage spider once over every outlet, recorded in `crawl_runs` (a damaged
    database file raises `schema.Damaged` first).

    Each new or changed article is matched against the stories as it is stored; syndicated
    copies are looked for at the end. Returns the run's figures: run_id, pages, articles,
    changed, new_articles, new_versions, matched, covering, errors, status ("finished" unless
    the crawl was stopped; "failed" when the database could not store a page, "interrupted"
    when SIGINT or SIGTERM stopped it) and reason (why it failed or stopped, or None).
    With `redis_url`, requests go through the frontier shared with other crawlers
    (monitor/crawler/frontier.py; `frontier.RedisUnavailable` when Redis cannot be used).
    """
    load_outlets(outlets_path, base)  # fail here, with the file's own message, not in Scrapy
    settings = crawl_settings(db_path, overrides)
    if redis_url:
        frontier.check(redis_url)  # before the run is recorded: a Redis down records nothing
        settings.setdict(frontier.settings(redis_url), priority="project")
    db = schema.open_db(db_path)
    # A damaged page would fail the crawl wherever it is read, in Scrapy's callbacks as well as
    # ours: found here, the run stops before it starts and records nothing.
    schema.check_pages(db)
    run_id = rows.start_run(db, log_file)
    # The workers' server loads for a second or more: meanwhile Scrapy sets up and finds pages.
    start_server(read_pages=True)
    before = rows.counts(db)
    process = CrawlerProcess(settings)
    _log_only_what_is_kept()
    crawler = process.create_crawler("coverage")
    process.crawl(crawler, outlets=str(outlets_path), base=base)
    # A crawl keeps thousands of requests alive; the garbage collector's passes over them and
    # over everything imported cost a tenth of the main process's CPU (bench/README.md).
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
    status = "failed"
    try:
        process.start()
        status = _status(crawler.stats.get_stats())
    finally:
        stats = crawler.stats.get_stats() if crawler.stats else {}
        reason = stats.get("monitor/storage_error") or _interruption(stats, status)
        after = rows.counts(db)
        figures = {"pages": stats.get("monitor/pages", 0),
                   "articles": stats.get("monitor/articles", 0),
                   "new_articles": after["articles"] - before["articles"],
                   "new_versions": after["versions"] - before["versions"],
                   "matched": stats.get("monitor/matched", 0),
                   "errors": stats.get("monitor/errors", 0) + stats.get("log_count/ERROR", 0),
                   "status": status, "reason": reason}
        # A stopped run's exit code is final now, and is written with its status: on a full
        # disk a second write may fail where this one got through.
        rows.finish_run(db, run_id, **figures,
                         exit_code=exit_code(status) if status != "finished" else None)
        logger.info("reactor: worst lag %s ms; %s of %s ticks over 100 ms late",
                    stats.get("monitor/reactor_lag_max_ms"),
                    stats.get("monitor/reactor_ticks_late_100ms", 0),
                    stats.get("monitor/reactor_ticks", 0))
    if status == "finished":  # the next run looks at what an unfinished one stored
        rows.update_copies(db)
    return {**figures, "run_id": run_id, "changed": stats.get("monitor/changed", 0),
            "covering": stats.get("monitor/covering", 0)}


def exit_code(status: str) -> int:
    """0 for a finished crawl, 130 (as a shell reports Ctrl-C) for one stopped by a signal,
    1 for any other end (a storage error, a CLOSESPIDER limit)."""
    return {"finished": 0, "interrupted": 130}.get(status, 1)


def _status(stats: dict) -> str:
    # A storage error fails the run whatever else happened; a spider that was never closed
    # (no finish_reason) was stopped by a second SIGINT or SIGTERM, and Scrapy closes it with
    # "shutdown" after the first (Ctrl-C): both are the user's stop, not a finished run.
    if stats.get("monitor/storage_error"):
        return "failed"
    reason = stats.get("finish_reason")
    return "interrupted" if reason in (None, "shutdown") else reason


def _interruption(stats: dict, status: str) -> str | None:
    if status != "interrupted":
        return None
    if stats.get("finish_reason") == "shutdown":
        return "stopped by SIGINT or SIGTERM (Ctrl-C): the pages in hand were stored"
    return "forced shutdown (a second SIGINT or SIGTERM)"


def _log_only_what_is_kept() -> None:
    # Scrapy opens the root logger to every level and leaves the filtering to its handlers: a
    # debug record was made, then dropped, for every page and every item (bench/README.md).
    levels = [handler.level for handler in logging.root.handlers]
    if levels and all(levels):
        logging.getLogger("scrapy").setLevel(min(levels))

