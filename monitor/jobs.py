"""The work behind the commands: register a seed, crawl, match. I/O lives here, not in the steps."""

from __future__ import annotations

import gc
import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import repeat
from pathlib import Path

import charset_normalizer
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from sqlite_utils import Database

from monitor import store
from monitor.claims import read_seed
from monitor.dates import parse_date
from monitor.extract import TooComplex, decode_page, detect_language, extract_page
from monitor.match import Story, score_article
from monitor.outlets import load_outlets
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
    from monitor.settings import DOWNLOAD_MAXSIZE

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
    return _seed_from_html(html, url)


def read_page_source(source: str) -> bytes:
    """A page's bytes from a file or an http(s) URL (one page, outside a crawl)."""
    if not source.startswith(("http://", "https://")):
        return Path(source).read_bytes()
    import urllib.request

    from monitor.settings import DOWNLOAD_MAXSIZE, DOWNLOAD_TIMEOUT, USER_AGENT

    request = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT) as response:
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
          overrides: dict[str, str] | None = None, log_file: str | None = None) -> dict:
    """Run the coverage spider once over every outlet, recorded in `crawl_runs`.

    Each new or changed article is matched against the stories as it is stored; syndicated
    copies are looked for at the end. Returns the run's figures: run_id, pages, articles,
    changed, new_articles, new_versions, matched, covering, errors, status ("finished" unless
    the crawl was stopped; "failed" when the database could not store a page, "interrupted"
    when SIGINT or SIGTERM stopped it) and reason (why it failed or stopped, or None).
    """
    load_outlets(outlets_path, base)  # fail here, with the file's own message, not in Scrapy
    db = store.open_db(db_path)
    run_id = store.start_run(db, log_file)
    # The workers' server loads for a second or more: meanwhile Scrapy sets up and finds pages.
    start_server(read_pages=True)
    before = store.counts(db)
    process = CrawlerProcess(crawl_settings(db_path, overrides))
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
        store.finish_run(db, run_id, **figures)
        logger.info("reactor: worst lag %s ms; %s of %s ticks over 100 ms late",
                    stats.get("monitor/reactor_lag_max_ms"),
                    stats.get("monitor/reactor_ticks_late_100ms", 0),
                    stats.get("monitor/reactor_ticks", 0))
    if status == "finished":  # the next run looks at what an unfinished one stored
        store.update_copies(db)
    return {**figures, "run_id": run_id, "changed": stats.get("monitor/changed", 0),
            "covering": stats.get("monitor/covering", 0)}


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
    Then it looks for syndicated copies among articles stored since the last look. Returns
    how many articles were matched and how many of them cover a story.
    """
    stories = store.load_stories(db, slug)
    todo = {story.id: store.articles_to_match(db, story.id, everything) for story in stories}
    total = sum(map(len, todo.values()))
    matched: set[int] = set()
    covering: set[int] = set()
    with scoring_pool(workers if total >= POOL_FROM else 1) as pool:
        for story in stories:
            ids = todo[story.id]
            # A chunk of texts at a time: a backlog of any size fits in memory.
            chunks = (ids[start:start + CHUNK] for start in range(0, len(ids), CHUNK))
            results = (r for chunk in chunks for r in _match_chunk(db, story, chunk, pool))
            for done, (article_id, is_coverage) in enumerate(results, 1):
                matched.add(article_id)
                if is_coverage:
                    covering.add(article_id)
                if progress:
                    progress(done, len(ids))
    store.update_copies(db)
    return {"articles": len(matched), "coverage": len(covering)}


def _match_chunk(db: Database, story: Story, ids: list[int], pool) -> Iterator[tuple[int, bool]]:
    # Saved SAVE_EVERY articles a transaction: a crash loses at most one batch.
    articles = store.articles_by_id(db, ids)
    results = pool.map(score_article, repeat(story), map(store.as_article, articles),
                       chunksize=64)
    for done, (article, (result, scored)) in enumerate(zip(articles, results, strict=True), 1):
        store.save_match(db, story.id, article, result, story.claim_ids, scored)
        if done % SAVE_EVERY == 0 or done == len(articles):
            db.conn.commit()
        yield article["id"], result.is_coverage


class _InProcess:
    """A pool's `map`, in this process: for backlogs too small to pay for starting workers."""

    def map(self, fn, *columns, chunksize: int = 1):
        return map(fn, *columns)


@contextmanager
def scoring_pool(workers: int) -> Iterator:
    """Worker processes for `score_article`, or this one."""
    if workers < 2:
        yield _InProcess()
        return
    with worker_pool(workers) as pool:
        yield pool
