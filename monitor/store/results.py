"""A crawled page's result as plain data, and the one function that writes it: used by a local
crawl's pipeline and by `monitor ingest`, which writes what crawlers on other machines sent.

A result is a dict: url, status, etag, last_modified, error, html_hash, text_hash, packed (the
raw page, `extract.pack_page`), outlet (name, domain, listed), article (the fields of
`extract.Article`, or None), sketch and bands (`copies.sketch`, `copies.band_keys`), decisions
([story id, result row] each, as `rows.save_decisions` takes them).
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby

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
    article_id = None
    article = result["article"]
    if _without_article(result) and rows.save_page_withdrawn(db, result["url"],
                                                             _answer(result)):
        return figures
    outlet_id = _outlet_id(db, result["outlet"], outlet_ids)
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


def _without_article(result: dict) -> bool:
    """A page read whole that gives no article, or only a stub: a notice where an article
    stood ("this page is no longer available"), or a paywall's teaser."""
    article = result["article"]
    return result["packed"] is not None and (article is None or bool(article["is_stub"]))


def _answer(result: dict) -> str:
    title = (result["article"] or {}).get("title")
    return f"HTTP {result['status']} without the article" + (f": “{title}”" if title else "")


def _outlet_id(db: Database, outlet: dict | None, outlet_ids: dict[tuple, int]) -> int | None:
    if outlet is None:  # only a page read whole has its outlet recorded
        return None
    key = (outlet["name"], outlet["domain"], bool(outlet["listed"]))
    if key not in outlet_ids:
        outlet_ids[key] = rows.save_outlet(db, *key)
    return outlet_ids[key]


def save_page_results(db: Database, found: list[dict], outlet_ids: dict[tuple, int],
                      count_new: bool = False) -> list[Counter]:
    """Write pages as `save_page_result` one after another would (the same rows and ids), the
    runs of new articles without claims to score in a few statements a table. No commit.

    Returns each page's figures, as `save_page_result` does.
    """
    known = set(rows.stored_articles(db, [r["article"]["url"] for r in found if r["article"]]))
    new = []
    for result in found:
        article = result["article"]
        # Scored coverage looks for boilerplate among the outlet's stored articles: those
        # stored before it, and no later ones, as when written one by one.
        new.append(article is not None and article["url"] not in known
                   and not any(row["is_coverage"] and row["scored"]
                               for _, row in result["decisions"]))
        if article is not None:
            known.add(article["url"])  # a later page of this URL changes its article
    figures = []
    for is_new, together in groupby(zip(found, new, strict=True), key=lambda pair: pair[1]):
        some = [result for result, _ in together]
        if is_new:
            figures += _save_new(db, some, outlet_ids, count_new)
        else:
            figures += [save_page_result(db, r, outlet_ids, count_new) for r in some]
    return figures


def _save_new(db: Database, found: list[dict], outlet_ids: dict[tuple, int],
              count_new: bool) -> list[Counter]:
    # Pages whose articles are new, none scored as coverage: what save_page_result stores.
    outlets = [_outlet_id(db, r["outlet"], outlet_ids) for r in found]
    ids = rows.save_new_articles(db, [(r["article"], outlet_id, r["sketch"], r["bands"])
                                      for r, outlet_id in zip(found, outlets, strict=True)])
    rows.save_new_decisions(db, [
        ({"id": i, "content_hash": r["article"]["content_hash"]}, [tuple(d) for d in
                                                                   r["decisions"]])
        for i, r in zip(ids, found, strict=True) if r["decisions"]])
    rows.save_pages(db, [(r["url"], i, r["status"], r["etag"], r["last_modified"],
                          r["html_hash"], r["text_hash"], r["packed"], r["error"])
                         for i, r in zip(ids, found, strict=True)])
    return [_new_figures(r["decisions"], count_new) for r in found]


def _new_figures(decisions: list, count_new: bool) -> Counter:
    # What save_page_result counts of a new article: its first version.
    figures = Counter(articles=1, changed=1)
    if count_new:
        figures["new_articles"] += 1
    if decisions:
        figures["matched"] += 1
        figures["covering"] += int(any(row["is_coverage"] for _, row in decisions))
    return figures
