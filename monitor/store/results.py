"""A crawled page's result as plain data, and the one function that writes it: used by a local
crawl's pipeline and by `monitor ingest`, which writes what crawlers on other machines sent.

A result is a dict: url, status, etag, last_modified, error, html_hash, text_hash, packed (the
raw page, `extract.pack_page`), outlet (name, domain, listed), article (the fields of
`extract.Article`, or None), sketch and bands (`copies.sketch`, `copies.band_keys`), decisions
([story id, result row] each, as `rows.save_decisions` takes them).
"""

from __future__ import annotations

from collections import Counter

from sqlite_utils import Database

from monitor.store import rows


def page_result(url: str, status: int, *, packed: bytes | None = None,
                etag: str | None = None, last_modified: str | None = None,
                error: str | None = None, html_hash: str | None = None,
                outlet: dict | None = None, article: dict | None = None,
                sketch: bytes | None = None, bands: list[int] | None = None,
                decisions: list | None = None) -> dict:
    """A page's result, with every field present (None or empty when the page has none)."""
    return {"url": url, "status": status, "etag": etag, "last_modified": last_modified,
            "error": error, "html_hash": html_hash,
            "text_hash": article["content_hash"] if article else None, "packed": packed,
            "outlet": outlet, "article": article, "sketch": sketch, "bands": bands or [],
            "decisions": decisions or []}


def save_page_result(db: Database, result: dict, outlet_ids: dict[tuple, int],
                     count_new: bool = False) -> Counter:
    """Write a page, its article and its verdicts (no commit: the caller's transaction holds
    them). `outlet_ids` caches outlets' ids by (name, domain, listed) between calls.

    Returns the figures it adds to a run: articles, changed, matched, covering; with
    `count_new`, new_articles and new_versions too (one more lookup for each changed article).
    """
    figures: Counter[str] = Counter()
    article_id = outlet_id = None
    if result["outlet"] is not None:  # a page read whole: its outlet is recorded
        outlet = result["outlet"]
        key = (outlet["name"], outlet["domain"], bool(outlet["listed"]))
        if key not in outlet_ids:
            outlet_ids[key] = rows.save_outlet(db, *key)
        outlet_id = outlet_ids[key]
    article = result["article"]
    if article is not None:
        article_id, changed = rows.save_article(db, article, outlet_id, result["sketch"],
                                                result["bands"])
        figures["articles"] += 1
        figures["changed"] += int(changed)
        if changed and count_new:
            first = rows.latest_version(db, article["url"]) == 1
            figures["new_articles" if first else "new_versions"] += 1
        if changed and result["decisions"]:
            rows.save_decisions(db, {"id": article_id, "content_hash": article["content_hash"]},
                                [tuple(d) for d in result["decisions"]])
            figures["matched"] += 1
            figures["covering"] += int(any(row["is_coverage"]
                                           for _, row in result["decisions"]))
    rows.save_page(db, result["url"], result["status"], result["packed"], article_id,
                   result["etag"], result["last_modified"], error=result["error"],
                   html_hash=result["html_hash"], text_hash=result["text_hash"])
    return figures
