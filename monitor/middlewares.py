"""Downloader middleware: Scrapy's own, made cheaper where every page pays for it."""

from __future__ import annotations

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMetaRefresh
from scrapy.http import Response

# Scrapy looks for a refresh in a page's first 4,096 characters: at most 4 bytes each.
_HEAD = 4 * 4096
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def may_refresh(body: bytes) -> bool:
    """Whether a page's first bytes could hold a <meta http-equiv="refresh"> at all."""
    head = body[:_HEAD]
    return b"refresh" in head.lower() or head.startswith(_UTF16_BOMS)


class MetaRefreshMiddleware(ScrapyMetaRefresh):
    """Follows meta-refresh redirects as Scrapy's does, but decodes only the pages whose first
    bytes mention a refresh: Scrapy decodes every whole page to look (bench/README.md)."""

    def process_response(self, request, response: Response, spider=None):
        if not may_refresh(response.body):
            return response
        # Scrapy before 2.14 passes the spider; later versions deprecate it.
        return super().process_response(request, response, *([spider] if spider else []))
