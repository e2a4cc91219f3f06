"""The work behind the commands: register a seed, crawl, match. I/O lives here, not in the steps."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from sqlite_utils import Database

from monitor import store
from monitor.claims import Claim, read_seed
from monitor.copies import find_copies
from monitor.dates import parse_date
from monitor.extract import detect_language, extract_page
from monitor.match import THRESHOLDS, ArticleMatch, match_article
from monitor.outlets import load_outlets

logger = logging.getLogger(__name__)
MATCH_WORKERS = os.cpu_count() or 1
SAVE_EVERY = 100  # articles a transaction
POOL_FROM = 300  # articles; below this, starting worker processes costs more than it saves


def add_seed(db: Database, source: str, slug: str | None = None, query: str | None = None,
             published: str | None = None, window_days: int | None = None,
             aggregators: list[str] | None = None) -> tuple[int, str]:
    """Register a story from a seed file or URL; returns its id and slug.

    The search query defaults to one made from the seed (`Seed.query`); `published` (the seed's
    date, from the page when the seed is a URL) centres the crawl's time window.
    """
    if re.match(r"https?://", source):
        text, page_date = _fetch_seed(source)
        published = published or page_date
    else:
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise ValueError(f"{source}: cannot read the seed as UTF-8 text ({e})") from e
        if re.match(r"\s*<(?:!doctype html|html|head|body)", text, re.IGNORECASE):
            text, page_date = _seed_from_html(text.encode(), source)  # a saved web page
            published = published or page_date
    seed = read_seed(text)
    if not seed.claims:
        raise ValueError(f"{source}: no claims found; is this a news article?")
    if published and parse_date(published) is None:
        raise ValueError(f"--published {published!r}: not a date (use YYYY-MM-DD)")
    slug = slug or slugify(seed.title) or Path(source).stem
    settings = {"query": query or seed.query(), "language": detect_language(seed.body),
                "published": published, "window_days": window_days,
                "aggregators": aggregators or []}
    return store.save_story(db, slug, seed, text, source, **settings), slug


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
        return response.read(DOWNLOAD_MAXSIZE)


def _seed_from_html(html: bytes, source: str) -> tuple[str, str | None]:
    article = extract_page(html, source)
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

    Returns the run's figures: run_id, pages, articles, changed, new_articles, new_versions,
    errors, status ("finished" unless the crawl was stopped or failed).
    """
    load_outlets(outlets_path, base)  # fail here, with the file's own message, not in Scrapy
    db = store.open_db(db_path)
    run_id = store.start_run(db, log_file)
    before = store.counts(db)
    process = CrawlerProcess(crawl_settings(db_path, overrides))
    crawler = process.create_crawler("coverage")
    process.crawl(crawler, outlets=str(outlets_path), base=base)
    status = "failed"
    try:
        process.start()
        status = crawler.stats.get_value("finish_reason", "finished")
    finally:
        stats = crawler.stats.get_stats() if crawler.stats else {}
        after = store.counts(db)
        figures = {"pages": stats.get("monitor/pages", 0),
                   "articles": stats.get("monitor/articles", 0),
                   "new_articles": after["articles"] - before["articles"],
                   "new_versions": after["versions"] - before["versions"],
                   "errors": stats.get("monitor/errors", 0) + stats.get("log_count/ERROR", 0),
                   "status": status}
        store.finish_run(db, run_id, **figures)
        logger.info("reactor: worst lag %s ms; %s of %s ticks over 100 ms late",
                    stats.get("monitor/reactor_lag_max_ms"),
                    stats.get("monitor/reactor_ticks_late_100ms", 0),
                    stats.get("monitor/reactor_ticks", 0))
    return {**figures, "run_id": run_id, "changed": stats.get("monitor/changed", 0)}


def stored_claims(db: Database, story: int) -> list[Claim]:
    """A story's claims as the matcher takes them."""
    return [Claim(position=r["position"], text=r["text"], kind=r["kind"], sentence=r["sentence"],
                  speaker=r["speaker"], numbers=json.loads(r["numbers"] or "[]"),
                  quotes=json.loads(r["quotes"] or "[]"), names=json.loads(r["names"] or "[]"))
            for r in db["claims"].rows_where("story_id = ?", [story], order_by="position")]


def match_stories(db: Database, slug: str | None = None, everything: bool = False,
                  progress: Callable[[int, int], None] | None = None,
                  workers: int = MATCH_WORKERS) -> dict:
    """Match every article not yet matched in its current version against the stories.

    Articles in another language than the story's are stored and counted as found when they
    name the story's people and places, but their claims are not scored.
    """
    figures = {"articles": 0, "coverage": 0, "other_language": 0}
    matched_ids: set[int] = set()
    for story in store.story_id(db, slug):
        row = db["stories"].get(story)
        claims = stored_claims(db, story)
        claim_ids = {c["position"]: c["id"] for c in db["claims"].rows_where(
            "story_id = ?", [story])}
        todo = list(store.articles_to_match(db, story, everything))
        scored = [not (row["language"] and a["language"] and a["language"] != row["language"])
                  for a in todo]
        texts = [a["text"] if ok and not a["is_stub"] else "" for a, ok in zip(
            todo, scored, strict=True)]
        results = _match_many(claims, texts, workers)
        batch = 0
        for done, (article, ok, result) in enumerate(zip(todo, scored, results, strict=True), 1):
            if not ok:
                result = names_match(row["query"] or "", article["text"])
                figures["other_language"] += int(result.is_coverage)
            store.save_match(db, story, article, result, claim_ids, scored=ok)
            matched_ids.add(article["id"])
            figures["articles"] += 1
            figures["coverage"] += int(result.is_coverage)
            batch += 1
            if batch == SAVE_EVERY or done == len(todo):
                db.conn.commit()  # a crash loses at most one batch, never half an article
                batch = 0
            if progress:
                progress(done, len(todo))
    if matched_ids:
        store.save_copies(db, find_copies(list(db.query(
            "select id, text, published, first_seen from articles where is_stub = 0")),
            new=matched_ids))
    return figures


def _match_many(claims: list[Claim], texts: list[str], workers: int) -> Iterator[ArticleMatch]:
    """match_article over many texts, in a process pool when there are enough to pay for one."""
    if workers < 2 or len(texts) < POOL_FROM:
        return (match_article(claims, text, THRESHOLDS) for text in texts)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    results = pool.map(partial(match_article, claims), texts, chunksize=64)
    pool.shutdown(wait=False)  # the map's iterator keeps the pool's work going
    return results


def _fold(text: str) -> str:
    # México is Mexico: names are compared without accents or case.
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def names_match(query: str, text: str) -> ArticleMatch:
    """Coverage in another language: does the article name most of the story's query names?"""
    names = [n.strip('"') for n in re.findall(r'"[^"]+"|\S+', query) if n[0].isupper()
             or n.startswith('"')]
    folded = _fold(text)
    found = sum(1 for n in names if _fold(n) in folded)
    relevance = 100.0 * found / max(len(names), 1)
    return ArticleMatch(relevance, bool(names) and relevance >= 50, [], [])
