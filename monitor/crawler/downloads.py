"""Scrapy's HTTP/1.1 download handler with a cap on the size of a response's headers.

DOWNLOAD_MAXSIZE counts only the body: Twisted's parser keeps every header line a server sends,
so a server sending header lines without end grew a crawl's memory without bound. Here a
response whose status and header lines pass MAX_HEADER_BYTES or MAX_HEADER_LINES has its
connection aborted (nothing more is read) and its request fails with `HeadersTooLarge`, a
failed download like any other. Browsers cap the whole header block the same way (256 KiB in
Chrome), not each line, so one long line may take all of it.

The hook is the one Scrapy's handler uses itself to parse leniently: the connection pool's
protocol factory, whose protocol swaps the class of the parser it makes for each request.
It is set through DOWNLOAD_HANDLERS (settings.py), so every request of a crawl, local or
through Redis, is read by it: articles, feeds, sitemaps, robots.txt, aggregators.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.core.downloader.handlers.http11 import (
    HTTP11DownloadHandler,
    _LenientHTTP11ClientFactory,
    _LenientHTTP11ClientProtocol,
    _LenientHTTPClientParser,
)
from scrapy.exceptions import DownloadFailedError
from scrapy.http import Response
from twisted.python.failure import Failure

from monitor.crawler.failures import HeadersTooLarge

MAX_HEADER_BYTES = 256 * 1024
MAX_HEADER_LINES = 500


class _CappedParser(_LenientHTTPClientParser):
    """Counts the lines before the body (1xx responses' too) and stops past the cap."""

    MAX_LENGTH = MAX_HEADER_BYTES  # Twisted's 16 KiB per line would cut a line browsers read
    _header_bytes = 0  # class defaults: the parser is made before its class is swapped
    _header_lines = 0

    def lineReceived(self, line: bytes) -> None:  # noqa: N802 (Twisted's name)
        self._header_bytes += len(line) + 1  # its "\n" too
        self._header_lines += 1
        if self._header_bytes > MAX_HEADER_BYTES:
            raise HeadersTooLarge(f"response headers longer than {MAX_HEADER_BYTES:,} bytes: "
                                  "connection dropped")
        if self._header_lines > MAX_HEADER_LINES:
            raise HeadersTooLarge(f"more than {MAX_HEADER_LINES} response header lines: "
                                  "connection dropped")
        super().lineReceived(line)

    def lineLengthExceeded(self, line: bytes) -> None:  # noqa: N802 (Twisted's name)
        # One line with no end in sight; Twisted would only close, giving no reason.
        raise HeadersTooLarge(f"response headers longer than {MAX_HEADER_BYTES:,} bytes: "
                              "connection dropped")


class _CappedProtocol(_LenientHTTP11ClientProtocol):
    """Reads each response with `_CappedParser`, and aborts the connection past its cap."""

    def request(self, request):
        finished = super().request(request)
        self._parser.__class__ = _CappedParser  # as Scrapy does: no state of its own to set up
        return finished

    def _giveUp(self, reason: Failure) -> None:  # noqa: N802 (Twisted's name)
        # Twisted gives up on a parser's error with loseConnection, which over TLS keeps
        # reading until the server closes: abort, so nothing more is read.
        if reason.check(HeadersTooLarge):
            self.transport.abortConnection()
        super()._giveUp(reason)


class _CappedFactory(_LenientHTTP11ClientFactory):
    def buildProtocol(self, addr) -> _CappedProtocol:  # noqa: N802 (Twisted's name)
        return _CappedProtocol(self._quiescentCallback)


class HeaderCappedDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler whose requests fail with `HeadersTooLarge` past the cap."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self._pool._factory = _CappedFactory

    async def download_request(self, request: Request) -> Response:
        try:
            return await super().download_request(request)
        except DownloadFailedError as error:
            # Scrapy wraps Twisted's ResponseFailed, which holds our error among its reasons.
            reasons = getattr(error.__cause__, "reasons", [])
            too_large = next((r.value for r in reasons if r.check(HeadersTooLarge)), None)
            if too_large is None:
                raise
            raise too_large from None
