"""Sitemaps, sitemap indexes and Google News sitemaps, gzip-compressed or not."""

from __future__ import annotations

from collections.abc import Iterable

import scrapy
from scrapy.http import Response
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from monitor.outlets import Outlet
from spiders.base import OutletSpider


def sitemap_entries(body: bytes, max_size: int = 50 * 1024 * 1024) -> tuple[str, list[str]]:
    """The type of a sitemap document ('urlset' or 'sitemapindex') and the URLs it lists."""
    if body[:2] == b"\x1f\x8b":
        body = gunzip(body, max_size=max_size)
    try:
        sitemap = Sitemap(body)  # Scrapy's parser: no entity expansion, no network access
    except Exception:  # malformed XML from a server we do not control
        return "", []
    return sitemap.type, [entry["loc"] for entry in sitemap if entry.get("loc")]


class SitemapSource:
    """Mixin: requests an outlet's sitemaps, descends indexes, follows article URLs."""

    def sitemap_requests(self, outlet: Outlet) -> Iterable[scrapy.Request]:
        for url in outlet.sitemaps:
            yield scrapy.Request(url, callback=self.parse_sitemap, cb_kwargs={"outlet": outlet})

    def parse_sitemap(self, response: Response, outlet: Outlet) -> Iterable[scrapy.Request]:
        kind, urls = sitemap_entries(response.body)
        if kind == "sitemapindex":
            for url in urls:
                if outlet.owns(url):
                    yield scrapy.Request(url, callback=self.parse_sitemap,
                                         cb_kwargs={"outlet": outlet})
        elif kind == "urlset":
            yield from self.article_requests(urls, outlet)
        else:
            self.logger.warning("not a sitemap: %s", response.url)


class SitemapsSpider(SitemapSource, OutletSpider):
    """Articles listed in the outlets' sitemaps and news sitemaps."""

    name = "sitemaps"
    sources = ("sitemap_requests",)
