"""Downloader middleware: Scrapy's own, made cheaper where every page pays for it, and an
off-site rule that holds for every request."""

from __future__ import annotations

from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware as ScrapyOffsite
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMetaRefresh
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.httpobj import urlparse_cached

from monitor.steps.outlets import Outlet

# Scrapy looks for a refresh in a page's first 4,096 characters: at most 4 bytes each.
_HEAD = 4 * 4096
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def may_refresh(body: bytes) -> bool:
    """Whether a page's first bytes could hold a <meta http-equiv="refresh"> at all."""
    head = body[:_HEAD]
    if head.startswith(_UTF16_BOMS):
        return True
    head = head.lower()
    # Pages often say "refresh" in their scripts; a refresh tag also says http-equiv.
    return b"refresh" in head and b"http-equiv" in head


class MetaRefreshMiddleware(ScrapyMetaRefresh):
    """Follows meta-refresh redirects as Scrapy's does, but reads only the first bytes of the
    pages that could hold one: Scrapy decodes every whole page to look (bench/README.md)."""

    def process_response(self, request, response: Response, spider=None):
        if not may_refresh(response.body):
            return response
        # Decoded, a cut multi-byte character at the end only becomes a replacement character.
        head = response.replace(body=response.body[:_HEAD])
        # Scrapy before 2.14 passes the spider; later versions deprecate it.
        followed = super().process_response(request, head, *([spider] if spider else []))
        return response if followed is head else followed


class OffsiteMiddleware(ScrapyOffsite):
    """Scrapy's off-site rule, made to hold for every request an outlet's source leads to.

    Scrapy lets through every request with `dont_filter` (which feed, sitemap and search
    requests need, and which a redirect or a retry copies): here only `allow_offsite`
    (aggregator results) lets a request leave its site. A request made for an outlet (its
    `outlet` callback argument) stays on that outlet's site, port included (`Outlet.owns`);
    other requests on the spider's `allowed_domains`. Scrapy's own robots.txt requests are
    let through, so that the robots.txt of every site fetched, aggregator-found ones and
    redirect targets included, is read and obeyed. `AddressGuard` checks them all the same.
    """

    def process_request(self, request, spider=None) -> None:
        if (request.meta.get("allow_offsite") or _for_robots_txt(request)
                or self.should_follow(request, self.crawler.spider)):
            return
        self.stats.inc_value("offsite/filtered")
        raise IgnoreRequest(f"Filtered offsite request to {urlparse_cached(request).netloc!r}")

    def should_follow(self, request, spider) -> bool:
        outlet = request.cb_kwargs.get("outlet")
        if isinstance(outlet, dict):  # plain data, so that requests can travel as JSON
            return Outlet(**outlet).owns(request.url)
        return super().should_follow(request, spider)


def _for_robots_txt(request) -> bool:
    # What RobotsTxtMiddleware sends (and its redirects, which copy meta and callback).
    return bool(request.meta.get("dont_obey_robotstxt")) and request.callback is NO_CALLBACK
