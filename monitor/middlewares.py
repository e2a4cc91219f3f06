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
