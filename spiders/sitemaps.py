"""Sitemaps, sitemap indexes and Google News sitemaps, gzip-compressed or not."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable

import scrapy
from lxml import etree
from scrapy.http import Response
from scrapy.utils.gz import gunzip

from monitor.steps.outlets import Outlet
from spiders.base import Modified, OutletSpider
from spiders.feeds import ListingReader, forget, read_all


class SitemapReader(ListingReader):
    """A sitemap's or sitemap index's entries: the (URL, date) of each, the date the Google News
    publication date, else `lastmod`; `kind` is 'urlset' or 'sitemapindex' once known."""

    def _entry(self, entry) -> list[tuple[str, str | None]]:
        parent = entry.getparent()
        if parent.getparent() is not None:
            return []  # only the root's children are entries
        self.kind = self.kind or etree.QName(parent).localname
        fields = {etree.QName(e).localname: (e.text or "").strip() for e in entry.iter()
                  if isinstance(e.tag, str)}
        forget(entry)
        if not fields.get("loc"):
            return []
        modified = fields.get("lastmod")
        return [(fields["loc"], fields.get("publication_date")
                 or (Modified(modified) if modified else None))]


def gunzipped(body: bytes, max_size: int = 50 * 1024 * 1024) -> bytes | None:
    """A gzip-compressed sitemap's bytes (others as they are); None when corrupt or too big."""
    if body[:2] != b"\x1f\x8b":
        return body
    try:
        return gunzip(body, max_size=max_size)
    except (OSError, ValueError):  # truncated, corrupt or over the size limit
        return None


def sitemap_entries(body: bytes, max_size: int = 50 * 1024 * 1024
                    ) -> tuple[str, list[tuple[str, str | None]]]:
    """The kind of a sitemap ('urlset' or 'sitemapindex') and its (URL, date) entries.

    The date is the Google News publication date when there is one, else `lastmod`.
    """
    body = gunzipped(body, max_size)
    if body is None:
        return "", []
    reader = SitemapReader()
    entries = read_all(reader, body)
    return reader.kind, entries


class SitemapSource:
    """Mixin: requests an outlet's sitemaps, descends indexes, follows the newest article URLs.

    How deep indexes go is bounded by Scrapy's DEPTH_LIMIT (monitor/crawler/settings.py)."""

    def sitemap_requests(self, outlet: Outlet) -> Iterable[scrapy.Request]:
        for url in outlet.sitemaps:
            yield self.source_request(url, self.parse_sitemap, f"{outlet.name} sitemap", outlet,
                                      dont_filter=True)

    async def parse_sitemap(self, response: Response, outlet: dict
                            ) -> AsyncIterator[scrapy.Request]:
        outlet = Outlet.from_data(outlet)
        body = gunzipped(response.body, self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
        reader = SitemapReader()
        # Which entries are worth taking depends on the kind, known from the first entry on.
        # An index entry changed before the window opened holds no article in it. An index's
        # sitemaps may be where the user listed it (a CDN's host), but nowhere else.
        entries, listed = await self.listed_entries(reader, response, lambda url, date: (
            outlet.may_read_source(url) and self.in_window_or_after(date)
            if reader.kind == "sitemapindex" else self.in_window(date)), body=body or b"")
        if reader.kind not in ("sitemapindex", "urlset"):
            self.source_unread(response, "not a sitemap")
            self.crawler.stats.inc_value("monitor/bad_sitemaps")
            return
        self.source_read()
        self.told_if_not_whole(reader, response, listed)
        if reader.kind == "sitemapindex":
            for url, _ in entries:
                yield self.source_request(url, self.parse_sitemap, f"{outlet.name} sitemap",
                                          outlet)
        else:
            for request in self.article_requests(entries, outlet):
                yield request


class SitemapsSpider(SitemapSource, OutletSpider):
    """Articles listed in the outlets' sitemaps and news sitemaps."""

    name = "sitemaps"
    sources = ("sitemap_requests",)
