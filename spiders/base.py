"""What every spider shares: the outlet file, the off-site rule, and the article callback."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable

import scrapy
from scrapy.http import Response, TextResponse

from monitor.items import PageItem
from monitor.outlets import Outlet, load_outlets


class OutletSpider(scrapy.Spider):
    """Finds article pages for each outlet in the outlet file; subclasses say where to look.

    Arguments (`-a NAME=VALUE`): `outlets` (the outlet file), `base` (replaces `{base}` in it),
    `outlet` (crawl only the outlet of that name).
    """

    sources: tuple[str, ...] = ()  # names of methods that turn an outlet into requests

    def __init__(self, outlets: str = "data/outlets.toml", base: str | None = None,
                 outlet: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.outlets = [o for o in load_outlets(outlets, base) if outlet in (None, o.name)]
        self.allowed_domains = sorted({o.domain for o in self.outlets})

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for outlet in self.outlets:
            for source in self.sources:
                for request in getattr(self, source)(outlet):
                    yield request

    def article_requests(self, urls: Iterable[str], outlet: Outlet) -> Iterable[scrapy.Request]:
        """Requests for candidate article pages that lie on the outlet's own site."""
        for url in urls:
            if outlet.owns(url):
                yield scrapy.Request(url, callback=self.parse_article, cb_kwargs={"outlet": outlet})
            else:
                self.logger.debug("skipping %s: not on %s", url, outlet.domain)

    def parse_article(self, response: Response, outlet: Outlet) -> Iterable[PageItem]:
        if not isinstance(response, TextResponse):
            self.logger.info("skipping %s: not a text page (%s)", response.url,
                             response.headers.get("Content-Type", b"").decode(errors="replace"))
            return
        yield PageItem(url=response.url, outlet=outlet.name, domain=outlet.domain,
                       status=response.status, html=response.text,
                       etag=_header(response, b"ETag"),
                       last_modified=_header(response, b"Last-Modified"))


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
