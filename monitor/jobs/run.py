"""A run: crawl every outlet once, then match what the crawl did not, one run at a time per
database. The work of `monitor run` and `monitor crawl`, which only print what it says."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import closing, nullcontext

from monitor.faces.terminal import counted
from monitor.jobs import crawl as crawl_job
from monitor.jobs import match as match_job
from monitor.jobs import schedule
from monitor.store import schema

logger = logging.getLogger(__name__)


def run(db_path: str, outlets_path: str, overrides: dict[str, str] | None = None, *,
        log_file: str | None = None, redis_url: str | None = None, catch_up: bool = True,
        say: Callable[[str], None] = logger.info,
        progress: Callable[[int, int], None] | None = None) -> dict:
    """Crawl every outlet once (`crawl.crawl`) and, with `catch_up`, match the articles the
    crawl did not (a story added since), all recorded as one row of `crawl_runs`.

    Owns the process it runs in, as the commands calling it do: it holds the database's run
    lock (`schedule.AlreadyRunning` if another run has it; with `redis_url` the crawl never
    opens the database, and takes no lock), logs to `log_file` too, and tunes garbage
    collection and Scrapy's logging for the crawl. Tells `say` the crawl's summary and what
    was matched. Returns the crawl's figures, matched and covering counting the catch-up, and
    the run's exit_code.
    """
    # With --redis the crawl never opens the database (`monitor ingest` writes it): no lock,
    # and no catch-up here (`monitor match` on the database host does it).
    with nullcontext() if redis_url else schedule.run_lock(db_path):
        if log_file is not None:
            log_file = str(schedule.log_to_file(log_file))
        with crawl_job.crawling(db_path, outlets_path, None, overrides, log_file, redis_url,
                                before_start=crawl_job.tune_process) as figures:
            say(summary(figures, log_file))
            if figures.get("failed_sources"):
                say(failed_sources(figures["failed_sources"]))
            if figures.get("sources_not_whole"):
                say(sources_not_whole(figures["sources_not_whole"]))
            if figures.get("sources_empty"):
                say(sources_empty(figures["sources_empty"]))
            if figures.get("stories") == 0 and figures["status"] == "finished":
                say("No story is registered yet: the articles are stored, and matched once one "
                    "is added (`monitor seed add FILE|URL`)")
            code = crawl_job.exit_code(figures["status"])
            if redis_url:
                if not stopped(figures["status"]):  # Redis gone: nothing is sure to be sent
                    say("Results sent to `monitor ingest`; `monitor match` on the database "
                        "host matches what the crawl could not")
            elif not catch_up:
                if figures["matched"] or figures["status"] == "finished":
                    say(f"Matched {counted(figures['matched'], 'article')} as they were "
                        f"stored: {figures['covering']} cover a story")
            elif not stopped(figures["status"]):
                with closing(schema.open_db(db_path)) as db:
                    later = match_job.match_stories(db, progress=progress)
                figures["matched"] += later["articles"]
                figures["covering"] += later["coverage"]
                say(f"Matched {counted(figures['matched'], 'article')}: "
                    f"{figures['covering']} cover a story")
                figures["exit_code"] = code  # recorded with the run
    return {**figures, "exit_code": code}


def summary(figures: dict, log_file: str | None = None) -> str:
    """A crawl's figures in one line, as the commands print them; with errors, the log file
    that tells each one."""
    why = f" ({figures['reason']})" if figures.get("reason") else ""
    # A recrawl's pages are mostly unchanged: without this, "0 articles" reads as nothing found.
    unchanged = (f" ({figures['unchanged']} unchanged since the last run)"
                 if figures.get("unchanged") else "")
    errors = counted(figures["errors"], "error")
    if figures["errors"] and log_file:
        errors += f" (addresses that failed: see {log_file})"
    if figures.get("still_gone"):
        errors += f", {figures['still_gone']} still taken down"
    if "changed" not in figures:  # a crawl past one machine: ingest counts what it stored
        return (f"Crawl {figures['status']}{why}: {counted(figures['pages'], 'page')}"
                f"{unchanged}, {counted(figures['articles'], 'article')} sent to ingest, "
                f"{errors}")
    return (f"Crawl {figures['status']}{why}: {counted(figures['pages'], 'page')}{unchanged}, "
            f"{counted(figures['articles'], 'article')} ({figures['changed']} new or changed: "
            f"{counted(figures['new_articles'], 'new article')}, "
            f"{counted(figures['new_versions'], 'new version')}), {errors}")


SOURCES_SHOWN = 5  # failed sources named in the summary; the log file has every one


def failed_sources(sources: list[dict]) -> str:
    """The listings that failed, in one line: "2 sources failed: Sky News feed URL (404), ..."."""
    return f"{counted(len(sources), 'source')} failed: {_named(sources)}"


def sources_not_whole(sources: list[dict]) -> str:
    """The listings read that were not whole, in one line: "1 listing cut short or malformed
    (read all the same): Sky News feed URL (malformed XML)"."""
    return (f"{counted(len(sources), 'listing')} cut short or malformed (read all the same): "
            f"{_named(sources)}")


def sources_empty(sources: list[dict]) -> str:
    """The search pages that listed no article, in one line: "1 search page with no link read
    as an article: Kestrel Times search page https://… (no article link)" (perhaps results
    the monitor did not know for links to articles)."""
    return (f"{counted(len(sources), 'search page')} with no link read as an article: "
            f"{_named(sources)}")


def _named(sources: list[dict]) -> str:
    # The first SOURCES_SHOWN by outlet, each with why; the log file has every one.
    by_outlet = sorted(sources, key=lambda s: (s["source"], s["url"]))
    named = [f"{s['source']} {s['url']} ({s['reason']})" for s in by_outlet[:SOURCES_SHOWN]]
    more = f", and {len(sources) - SOURCES_SHOWN} more" if len(sources) > SOURCES_SHOWN else ""
    return ", ".join(named) + more


def stopped(status: str) -> bool:
    """Whether a crawl ended so that matching the backlog now would be wrong."""
    # After a storage error or a forced shutdown, matching the backlog would fail again or
    # keep running against the user's wish: the next run does it.
    return status in ("failed", "interrupted")
