"""Sitemaps, sitemap indexes and Google News sitemaps, gzip-compressed or not."""

from __future__ import annotations

from collections.abc import Iterable

import scrapy
from lxml import etree
from scrapy.http import Response
from scrapy.utils.gz import gunzip

from monitor.outlets import Outlet
from spiders.base import OutletSpider
from spiders.feeds import XML_PARSER


def sitemap_entries(body: bytes, max_size: int = 50 * 1024 * 1024
                    ) -> tuple[str, list[tuple[str, str | None]]]:
    """The kind of a sitemap ('urlset' or 'sitemapindex') and its (URL, date) entries.

    The date is the Google News publication date when there is one, else `lastmod`.
    """
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip(body, max_size=max_size)
        except (OSError, ValueError):  # truncated, corrupt or over the size limit
            return "", []
    try:
        root = etree.fromstring(body, parser=XML_PARSER)
    except etree.XMLSyntaxError:
        return "", []
    if root is None:
        return "", []
    kind = etree.QName(root).localname
    entries = []
    for entry in root:
        if not isinstance(entry.tag, str):
            continue
        fields = {etree.QName(e).localname: (e.text or "").strip() for e in entry.iter()
                  if isinstance(e.tag, str)}
        if fields.get("loc"):
            entries.append((fields["loc"], fields.get("publication_date") or fields.get(
                "lastmod") or None))
    return kind, entries


class SitemapSource:
    """Mixin: requests an outlet's sitemaps, descends indexes, follows article URLs."""

    def sitemap_requests(self, outlet: Outlet) -> Iterable[scrapy.Request]:
        for url in outlet.sitemaps:
            yield scrapy.Request(url, callback=self.parse_sitemap, cb_kwargs={"outlet": outlet},
                                 dont_filter=True)

    def parse_sitemap(self, response: Response, outlet: Outlet) -> Iterable[scrapy.Request]:
        kind, entries = sitemap_entries(response.body,
                                        self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
        if kind == "sitemapindex":
            for url, lastmod in entries:
                # An index entry changed before the window opened holds no article in it.
                if outlet.owns(url) and self.in_window_or_after(lastmod):
                    yield scrapy.Request(url, callback=self.parse_sitemap,
                                         cb_kwargs={"outlet": outlet})
        elif kind == "urlset":
            yield from self.article_requests(entries, outlet)
        else:
            self.logger.warning("not a sitemap: %s", response.url)
            self.crawler.stats.inc_value("monitor/bad_sitemaps")


class SitemapsSpider(SitemapSource, OutletSpider):
    """Articles listed in the outlets' sitemaps and news sitemaps."""

    name = "sitemaps"
    sources = ("sitemap_requests",)
