"""Explicit article URLs from the outlet file."""

from __future__ import annotations

from collections.abc import Iterable

import scrapy

from monitor.steps.outlets import Outlet
from spiders.base import OutletSpider


class UrlSource:
    """Mixin: requests the article URLs an outlet entry lists (whatever their date)."""

    def url_requests(self, outlet: Outlet) -> Iterable[scrapy.Request]:
        return self.article_requests([(url, None) for url in outlet.urls], outlet)


class UrlsSpider(UrlSource, OutletSpider):
    """The article URLs listed in the outlet file."""

    name = "urls"
    sources = ("url_requests",)
