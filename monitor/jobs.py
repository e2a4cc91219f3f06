"""The work behind the commands: register a seed, crawl, match. I/O lives here, not in the steps."""

from __future__ import annotations

import gc
import logging
import os
import re
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import charset_normalizer
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from sqlite_utils import Database

from monitor import addresses, frontier, store
from monitor.claims import read_seed
from monitor.dates import parse_date
from monitor.extract import (
    Article,
    TooComplex,
    decode_page,
    detect_language,
    extract_page,
)
from monitor.match import ArticleMatch, Story, score_stories, story_index
from monitor.outlets import load_outlets
from monitor.settings import DOWNLOAD_MAXSIZE, DOWNLOAD_TIMEOUT, REDIRECT_MAX_TIMES, USER_AGENT
from monitor.urls import origin
from monitor.workers import start_server, worker_pool

logger = logging.getLogger(__name__)
MATCH_WORKERS = os.cpu_count() or 1
SAVE_EVERY = 100  # articles a transaction
CHUNK = 2_000  # articles read into memory at a time
POOL_FROM = 300  # articles; below this, starting worker processes costs more than it saves


# A long read is 10,000 words, some 60,000 characters; a seed far longer is not one article, and
# finding claims in 50 MB of text took over ten minutes.
MAX_SEED_CHARACTERS = 200_000

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class StoryExists(ValueError):
    """The story being added is registered already (same slug or same seed text)."""


def add_seed(db: Database, source: str, slug: str | None = None, query: str | None = None,
             published: str | None = None, window_days: int | None = None,
             aggregators: list[str] | None = None, replace: bool = False) -> tuple[int, str]:
    """Register a story from a seed file or URL; returns its id and slug.

    The search query defaults to one made from the seed (`Seed.query`); `published` (the seed's
    date, from the page when the seed is a URL) centres the crawl's time window. A story with
    the same slug or seed text is refused (`StoryExists`) unless `replace`: then it gets the new
    claims, keeps its articles and the settings not given again, and is matched again.
    """
    if slug is not None and not SLUG.fullmatch(slug):
        raise ValueError(f"--slug {slug!r}: use lower-case letters, digits and hyphens "
                         f"(like port-strike)")
    if re.match(r"https?://", source):
        text, page_date = _fetch_seed(source)
        published = published or page_date
    else:
        raw = _read_seed_file(source)
        if re.match(rb"\s*<(?:!doctype html|html|head|body)", raw, re.IGNORECASE):
            text, page_date = _seed_from_html(raw, source)  # a saved web page
            published = published or page_date
        else:
            text = _decode_seed(raw, source)
    if len(text) > MAX_SEED_CHARACTERS:
        raise ValueError(f"{source}: too long for a news article ({len(text):,} characters; "
                         f"the limit is {MAX_SEED_CHARACTERS:,})")
    seed = read_seed(text)
    if not seed.claims:
        raise ValueError(f"{source}: no claims found; is this a news article?")
    if published and parse_date(published) is None:
        raise ValueError(f"--published {published!r}: not a date (use YYYY-MM-DD)")
    same_slug = store.find_story(db, slug=slug or slugify(seed.title) or None)
    same_text = store.find_story(db, seed_text=text)
    existing = same_slug or same_text
    if existing and not replace:
        what = "story {!r} exists" if same_slug else "this seed is already story {!r}"
        raise StoryExists(f"{what.format(existing['slug'])} ({existing['title']}); add "
                          f"--replace to register it again, keeping its articles")
    if same_slug and same_text and same_slug["id"] != same_text["id"]:
        raise StoryExists(f"this seed text is story {same_text['slug']!r} already; "
                          f"story {same_slug['slug']!r} cannot take it too")
    slug = slug or (existing and existing["slug"]) or slugify(seed.title) \
        or slugify(Path(source).stem) or "story"
    given = {"query": query, "published": published, "window_days": window_days,
             "aggregators": aggregators or None}
    if existing:  # what is not given again stays as it was
        given = {name: value for name, value in given.items() if value is not None}
    else:
        given = {**given, "query": query or seed.query(), "aggregators": aggregators or []}
    story = store.save_story(db, slug, seed, text, source, story_id=existing and existing["id"],
                             language=detect_language(seed.body), **given)
    if existing:
        match_stories(db, slug)
    return story, slug


def _read_seed_file(source: str) -> bytes:
    try:
        if Path(source).stat().st_size > DOWNLOAD_MAXSIZE:
            raise ValueError(f"{source}: too big for a seed (over {DOWNLOAD_MAXSIZE:,} bytes, "
                             f"the crawl's page limit)")
        return Path(source).read_bytes()
    except FileNotFoundError:
        raise ValueError(f"{source}: no such file") from None
    except OSError as e:
        raise ValueError(f"{source}: cannot read the seed ({e.strerror})") from None


def _decode_seed(raw: bytes, source: str) -> str:
    # Seeds pasted on Windows are often cp1252; the crawl's page decoder knows those bytes.
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in raw or charset_normalizer.from_bytes(raw[:200_000]).best() is None:
        raise ValueError(f"{source}: not a text file (neither UTF-8 nor another encoding "
                         f"it could be read in)")
    return decode_page(raw, None)


def _fetch_seed(url: str) -> tuple[str, str | None]:
    try:
        html = read_page_source(url)
    except OSError as e:
        raise ValueError(f"{url}: cannot fetch the seed ({e})") from e
    except RefusedRedirect as e:
        raise ValueError(f"{url}: {e}") from None
    return _seed_from_html(html, url)


class RefusedRedirect(ValueError):
    """A page outside a crawl redirected where the crawl would not go."""


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """urllib's redirects, checked as the crawl checks them (monitor/addresses.py): urllib
    itself follows ftp: and goes to any address."""

    max_redirections = REDIRECT_MAX_TIMES

    def __init__(self, allowed: set):
        self.allowed = allowed

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        why = addresses.refusal(newurl, self.allowed)
        if why is not None:
            fp.close()
            raise RefusedRedirect(f"redirected to {newurl[:200]}, not followed: {why}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def read_page_source(source: str) -> bytes:
    """A page's bytes from a file or an http(s) URL (one page, outside a crawl); a redirect is
    followed only where the crawl would follow it (`RefusedRedirect` otherwise)."""
    if not source.startswith(("http://", "https://")):
        return Path(source).read_bytes()
    # The URL the user gave is theirs to fetch, loopback included; where it redirects is not.
    opener = urllib.request.build_opener(_CheckedRedirects({origin(source)}))
    request = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})
    with opener.open(request, timeout=DOWNLOAD_TIMEOUT) as response:
        body = response.read(DOWNLOAD_MAXSIZE + 1)
    if len(body) > DOWNLOAD_MAXSIZE:  # refused, as the crawl refuses it, rather than cut
        raise ValueError(f"{source}: over {DOWNLOAD_MAXSIZE:,} bytes, the crawl's page limit")
    return body


def _seed_from_html(html: bytes, source: str) -> tuple[str, str | None]:
    try:
        article = extract_page(html, source)
    except TooComplex as e:
        raise ValueError(f"{source}: {e}") from None
    if article is None:
        raise ValueError(f"{source}: no article text found on that page")
    return f"{article.title or ''}\n{article.text}", article.published


def slugify(title: str) -> str:
    """A short URL-safe name for a story, from its title."""
    return "-".join(re.findall(r"[a-z0-9]+", title.lower())[:6])


def crawl_settings(db_path: str, overrides: dict[str, str] | None = None) -> Settings:
    """The project's Scrapy settings with the database path and any `-s NAME=VALUE` overrides."""
    settings = Settings()
    settings.setmodule("monitor.settings", priority="project")
    settings.set("MONITOR_DB", str(db_path), priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def crawl(db_path: str, outlets_path: str, base: str | None = None,
          overrides: dict[str, str] | None = None, log_file: str | None = None,
          redis_url: str | None = None) -> dict:
    """Run the coverage spider once over every outlet, recorded in `crawl_runs` (a damaged
    database file raises `store.Damaged` first).

    Each new or changed article is matched against the stories as it is stored; syndicated
    copies are looked for at the end. Returns the run's figures: run_id, pages, articles,
    changed, new_articles, new_versions, matched, covering, errors, status ("finished" unless
    the crawl was stopped; "failed" when the database could not store a page, "interrupted"
    when SIGINT or SIGTERM stopped it) and reason (why it failed or stopped, or None).
    With `redis_url`, requests go through the frontier shared with other crawlers
    (monitor/frontier.py; `frontier.RedisUnavailable` when Redis cannot be used).
    """
    load_outlets(outlets_path, base)  # fail here, with the file's own message, not in Scrapy
    settings = crawl_settings(db_path, overrides)
    if redis_url:
        frontier.check(redis_url)  # before the run is recorded: a Redis down records nothing
        settings.setdict(frontier.settings(redis_url), priority="project")
    db = store.open_db(db_path)
    # A damaged page would fail the crawl wherever it is read, in Scrapy's callbacks as well as
    # ours: found here, the run stops before it starts and records nothing.
    store.check_pages(db)
    run_id = store.start_run(db, log_file)
    # The workers' server loads for a second or more: meanwhile Scrapy sets up and finds pages.
    start_server(read_pages=True)
    before = store.counts(db)
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
        after = store.counts(db)
        figures = {"pages": stats.get("monitor/pages", 0),
                   "articles": stats.get("monitor/articles", 0),
                   "new_articles": after["articles"] - before["articles"],
                   "new_versions": after["versions"] - before["versions"],
                   "matched": stats.get("monitor/matched", 0),
                   "errors": stats.get("monitor/errors", 0) + stats.get("log_count/ERROR", 0),
                   "status": status, "reason": reason}
        # A stopped run's exit code is final now, and is written with its status: on a full
        # disk a second write may fail where this one got through.
        store.finish_run(db, run_id, **figures,
                         exit_code=exit_code(status) if status != "finished" else None)
        logger.info("reactor: worst lag %s ms; %s of %s ticks over 100 ms late",
                    stats.get("monitor/reactor_lag_max_ms"),
                    stats.get("monitor/reactor_ticks_late_100ms", 0),
                    stats.get("monitor/reactor_ticks", 0))
    if status == "finished":  # the next run looks at what an unfinished one stored
        store.update_copies(db)
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


def match_stories(db: Database, slug: str | None = None, everything: bool = False,
                  progress: Callable[[int, int], None] | None = None,
                  workers: int = MATCH_WORKERS) -> dict:
    """Match every article not yet matched in its current version against the stories.

    A crawl matches what it stores as it goes; this catches up on the rest (a story added
    since, an article whose matching failed) or, with `everything`, matches every article again.
    Each article is read once, against all the stories it is due for. Then it looks for
    syndicated copies among articles stored since the last look. Returns how many articles
    were matched and how many of them cover a story.
    """
    stories = store.load_stories(db, slug)
    due: dict[int, list[int]] = {}  # article id -> the stories (positions) it is due for
    for position, story in enumerate(stories):
        for article_id in store.articles_to_match(db, story.id, everything):
            due.setdefault(article_id, []).append(position)
    ids = sorted(due)
    covering = 0
    with scoring_pool(workers if len(ids) >= POOL_FROM else 1, stories) as pool:
        # A chunk of texts at a time: a backlog of any size fits in memory.
        for start in range(0, len(ids), CHUNK):
            articles = store.articles_by_id(db, ids[start:start + CHUNK])
            for done, (article, results) in enumerate(_match_chunk(
                    articles, [due[a["id"]] for a in articles], pool), start + 1):
                # Saved SAVE_EVERY articles a transaction: a crash loses at most one batch.
                store.save_decisions(db, article, [
                    (stories[position].id, stories[position].claim_ids, result, scored)
                    for position, (result, scored) in zip(due[article["id"]], results,
                                                          strict=True)])
                covering += any(result.is_coverage for result, _ in results)
                if done % SAVE_EVERY == 0 or done == len(ids):
                    db.conn.commit()
                if progress:
                    progress(done, len(ids))
    db.conn.commit()
    store.update_copies(db)
    return {"articles": len(ids), "coverage": covering}


def _match_chunk(articles: list[dict], due: list[list[int]], pool) -> Iterator[tuple]:
    yield from zip(articles, pool.map(score_due, map(store.as_article, articles), due,
                                      chunksize=64), strict=True)


# In a worker (or this process, for a small backlog): the stories being matched and their
# index, set once when the worker starts rather than sent with every article.
_stories: list[Story] = []
_index = None


def _set_stories(stories: list[Story]) -> None:
    global _stories, _index
    _stories, _index = stories, story_index(stories) if stories else None


def score_due(article: Article, due: list[int]) -> list[tuple[ArticleMatch, bool]]:
    """An article against the stories (positions among the pool's) it is due for."""
    return score_stories(_stories, article, index=_index, only=due)


class _InProcess:
    """A pool's `map`, in this process: for backlogs too small to pay for starting workers."""

    def map(self, fn, *columns, chunksize: int = 1):
        return map(fn, *columns)


@contextmanager
def scoring_pool(workers: int, stories: list[Story]) -> Iterator:
    """Worker processes for `score_due` against `stories`, or this one."""
    if workers < 2:
        _set_stories(stories)
        try:
            yield _InProcess()
        finally:
            _set_stories([])
        return
    with worker_pool(workers, _set_stories, (stories,)) as pool:
        yield pool
