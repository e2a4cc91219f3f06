"""The work behind the commands: register a seed, crawl, match. I/O lives here, not in the steps."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from sqlite_utils import Database

from monitor import store
from monitor.claims import Claim, read_seed
from monitor.extract import extract_article
from monitor.match import THRESHOLDS, match_article
from monitor.outlets import load_outlets

logger = logging.getLogger(__name__)


def add_seed(db: Database, source: str, slug: str | None = None) -> tuple[int, str]:
    """Register a story from a seed file or URL; returns its id and slug."""
    if re.match(r"https?://", source):
        text = _fetch_seed(source)
    else:
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise ValueError(f"{source}: cannot read the seed as UTF-8 text ({e})") from e
    seed = read_seed(text)
    if not seed.claims:
        raise ValueError(f"{source}: no claims found; is this a news article?")
    slug = slug or slugify(seed.title) or Path(source).stem
    return store.save_story(db, slug, seed, text, source), slug


def _fetch_seed(url: str) -> str:
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "media-monitor/0.1"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            html = response.read(8 * 1024 * 1024)
    except OSError as e:
        raise ValueError(f"{url}: cannot fetch the seed ({e})") from e
    article = extract_article(html, url)
    if article is None:
        raise ValueError(f"{url}: no article text found on that page")
    return f"{article.title or ''}\n{article.text}"


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
          overrides: dict[str, str] | None = None) -> dict:
    """Run the coverage spider once over every outlet; returns the crawl's figures."""
    load_outlets(outlets_path, base)  # fail here, with the file's own message, not in Scrapy
    db = store.open_db(db_path)
    run_id = store.start_run(db)
    process = CrawlerProcess(crawl_settings(db_path, overrides))
    crawler = process.create_crawler("coverage")
    process.crawl(crawler, outlets=str(outlets_path), base=base)
    status = "failed"
    try:
        process.start()
        status = crawler.stats.get_value("finish_reason", "finished")
    finally:
        stats = crawler.stats.get_stats() if crawler.stats else {}
        figures = {"pages": stats.get("monitor/pages", 0),
                   "articles": stats.get("monitor/articles", 0),
                   "changed": stats.get("monitor/changed", 0),
                   "errors": stats.get("monitor/errors", 0)
                   + stats.get("log_count/ERROR", 0)}
        store.finish_run(db, run_id, figures["pages"], figures["articles"], figures["errors"],
                         status)
    return {**figures, "status": status}


def stored_claims(db: Database, story: int) -> list[Claim]:
    """A story's claims as the matcher takes them."""
    return [Claim(position=r["position"], text=r["text"], kind=r["kind"], sentence=r["sentence"],
                  speaker=r["speaker"], numbers=json.loads(r["numbers"] or "[]"),
                  quotes=json.loads(r["quotes"] or "[]"), names=json.loads(r["names"] or "[]"))
            for r in db["claims"].rows_where("story_id = ?", [story], order_by="position")]


def match_stories(db: Database, slug: str | None = None, everything: bool = False) -> dict:
    """Match every article not yet matched in its current version against the stories."""
    figures = {"articles": 0, "coverage": 0}
    for story in store.story_id(db, slug):
        claims = stored_claims(db, story)
        claim_ids = {r["position"]: r["id"] for r in db["claims"].rows_where(
            "story_id = ?", [story])}
        for article in list(store.articles_to_match(db, story, everything)):
            result = match_article([] if article["is_stub"] else claims, article["text"],
                                   THRESHOLDS)
            store.save_match(db, story, article, result, claim_ids)
            figures["articles"] += 1
            figures["coverage"] += int(result.is_coverage)
    return figures
