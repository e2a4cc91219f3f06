"""A server that sends header lines without end: the connection is dropped at the cap of
monitor/crawler/downloads.py, nothing more is read, the address is a failed download with why,
and the run goes on."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path
from typing import NamedTuple

import pytest
from twisted.internet.testing import StringTransport
from twisted.web._newclient import Request, ResponseFailed
from twisted.web.http_headers import Headers

from monitor.crawler.downloads import MAX_HEADER_BYTES, MAX_HEADER_LINES, _CappedProtocol
from monitor.crawler.failures import HeadersTooLarge
from tests.conftest import (
    RouteServer,
    harbour_article,
    publish_no_stories,
    run_monitor,
    send_body,
    sitemap,
)

FLOOD = 64 * 1024 * 1024  # what a flooding route sends at most
CAPPED = f"response headers longer than {MAX_HEADER_BYTES:,} bytes: connection dropped"


def answered(*lines: bytes) -> tuple[list, StringTransport]:
    """What a capped connection makes of a response of these lines: its outcome (a list of
    one response or one failure) and its transport."""
    transport = StringTransport()
    protocol = _CappedProtocol(lambda _: None)
    protocol.makeConnection(transport)
    outcome: list = []
    protocol.request(Request(b"GET", b"/", Headers({b"host": [b"x"]}), None)).addBoth(
        outcome.append)
    protocol.dataReceived(b"".join(line + b"\r\n" for line in lines))
    return outcome, transport


def headers_too_large(outcome: list) -> HeadersTooLarge | None:
    failure = outcome[0]
    if not isinstance(getattr(failure, "value", None), ResponseFailed):
        return None
    return next((r.value for r in failure.value.reasons if r.check(HeadersTooLarge)), None)


def test_headers_under_the_cap_are_read_however_long_one_line():
    # Browsers read a line of any length within the block: Twisted alone stops at 16 KiB.
    lines = [b"X-Pad: " + b"a" * 500] * 100 + [b"Set-Cookie: " + b"b" * 100_000]
    outcome, _ = answered(b"HTTP/1.1 200 OK", *lines, b"Content-Length: 0", b"")
    assert outcome[0].code == 200
    assert len(outcome[0].headers.getRawHeaders(b"set-cookie")[0]) == 100_000


def test_a_response_past_the_header_bytes_is_aborted_with_why():
    line = b"X-Pad: " + b"a" * 1000
    outcome, transport = answered(b"HTTP/1.1 200 OK", *[line] * 300)
    assert str(headers_too_large(outcome)) == CAPPED
    assert transport.disconnected  # aborted, not closed politely


def test_one_endless_header_line_is_aborted_at_the_cap():
    outcome, transport = answered(b"HTTP/1.1 200 OK", b"X-Pad: " + b"a" * MAX_HEADER_BYTES)
    assert str(headers_too_large(outcome)) == CAPPED
    assert transport.disconnected


def test_a_response_past_the_header_lines_is_aborted_with_why():
    outcome, transport = answered(b"HTTP/1.1 200 OK", *[b"X: a"] * MAX_HEADER_LINES)
    assert f"more than {MAX_HEADER_LINES} response header lines" in str(
        headers_too_large(outcome))
    assert transport.disconnected


def test_every_crawl_reads_web_pages_with_the_header_cap():
    from monitor.jobs.crawl import crawl_settings

    handlers = crawl_settings("x.db").getdict("DOWNLOAD_HANDLERS")
    assert {handlers["http"], handlers["https"]} == {
        "monitor.crawler.downloads.HeaderCappedDownloadHandler"}


class Flooded(NamedTuple):
    result: subprocess.CompletedProcess
    db: Path
    base: str
    sent: dict[str, int]  # bytes each flooding path managed to send


def flooding(one_line: bool, sent: dict):
    """A route that answers 200 and sends header lines (or one header line) of up to FLOOD
    bytes; what it managed to send, by path, is added up in `sent`."""
    def route(h) -> None:
        h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                      + (b"X-Pad: " if one_line else b""))
        chunk = b"a" * 1_000_000 if one_line else (b"X-Pad: " + b"a" * 1000 + b"\r\n") * 1000
        for _ in range(FLOOD // len(chunk)):
            h.wfile.write(chunk)
            h.wfile.flush()
            sent[h.path] = sent.get(h.path, 0) + len(chunk)
        h.wfile.write((b"\r\n" if one_line else b"") + b"Content-Length: 5\r\n\r\nhello")
    return route


@pytest.fixture(scope="module")
def flooded(tmp_path_factory) -> Flooded:
    """One crawl of an outlet whose robots.txt, one sitemap and two articles flood their
    headers."""
    server = RouteServer()
    base = server.base
    sent: dict[str, int] = {}
    lines, one_line = flooding(False, sent), flooding(True, sent)
    articles = ["/news/1.html", "/news/flood-lines.html", "/news/flood-one-line.html",
                "/news/2.html"]
    server.routes.update({
        "/robots.txt": lines,
        "/sitemap.xml": send_body(sitemap([base + a for a in articles], "urlset"),
                                  "application/xml"),
        "/flood-sitemap.xml": one_line,
        "/news/1.html": send_body(harbour_article(1), "text/html; charset=utf-8"),
        "/news/2.html": send_body(harbour_article(2), "text/html; charset=utf-8"),
        "/news/flood-lines.html": lines,
        "/news/flood-one-line.html": one_line,
    })
    folder = tmp_path_factory.mktemp("flooded")
    outlets = folder / "outlets.toml"
    outlets.write_text(f'[[outlet]]\nname = "Nereth Harbour News"\ndomain = "127.0.0.1"\n'
                       f'sitemaps = ["{base}/sitemap.xml", "{base}/flood-sitemap.xml"]\n')
    db = folder / "m.db"
    try:
        result = run_monitor("crawl", "--outlets", str(outlets), "-s", "DOWNLOAD_DELAY=0",
                             "-s", "AUTOTHROTTLE_ENABLED=False", db=db, check=False, timeout=300)
    finally:
        server.close()
    return Flooded(result, db, base, sent)


def page(db: Path, path: str) -> tuple | None:
    with sqlite3.connect(db) as conn:
        return conn.execute("select status, error from pages where url like ?",
                            (f"%{path}",)).fetchone()


@pytest.mark.slow
def test_the_crawl_finishes_and_counts_the_flooded_addresses_as_errors(flooded):
    result = flooded.result
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Crawl finished: 4 pages" in result.stdout, result.stdout
    assert ", 3 errors" in result.stdout, result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("path", ["/news/flood-lines.html", "/news/flood-one-line.html"])
def test_a_page_flooding_its_headers_is_a_failed_download_with_why(flooded, path):
    assert page(flooded.db, path) == (0, f"HeadersTooLarge: {CAPPED}")


@pytest.mark.slow
def test_the_other_pages_of_the_outlet_are_stored(flooded):
    with sqlite3.connect(flooded.db) as conn:
        titles = {t for (t,) in conn.execute("select title from articles")}
    assert titles == {"Harbour report 1", "Harbour report 2"}


@pytest.mark.slow
def test_a_sitemap_flooding_its_headers_is_a_failed_source(flooded):
    said = f"Nereth Harbour News sitemap {flooded.base}/flood-sitemap.xml (headers too large)"
    assert said in flooded.result.stdout, flooded.result.stdout


@pytest.mark.slow
def test_a_robots_txt_flooding_its_headers_is_crawled_as_if_it_allowed_everything(flooded):
    log = flooded.db.with_suffix(".log").read_text()
    assert f"no robots.txt for {flooded.base} (HeadersTooLarge: {CAPPED})" in log


@pytest.mark.slow
def test_a_flood_is_not_read_past_the_cap(flooded):
    # Once the connection is dropped the server's writes fail, past what the sockets' buffers
    # (a few MB on loopback) took in.
    assert flooded.sent and max(flooded.sent.values()) < FLOOD // 2, flooded.sent


@pytest.mark.slow
def test_a_crawl_through_redis_drops_a_flood_too(redis_url, tmp_path):
    publish_no_stories(redis_url)
    server = RouteServer()
    server.routes["/news/flood.html"] = flooding(False, {})
    outlets = tmp_path / "outlets.toml"
    outlets.write_text(f'[[outlet]]\nname = "Nereth Harbour News"\ndomain = "127.0.0.1"\n'
                       f'urls = ["{server.base}/news/flood.html"]\n')
    db = tmp_path / "m.db"
    try:
        result = run_monitor("crawl", "--outlets", str(outlets), "--redis", redis_url,
                             "-s", "DOWNLOAD_DELAY=0", db=db, check=False, timeout=300)
    finally:
        server.close()
    log = db.with_suffix(".log").read_text()
    assert f"could not fetch {server.base}/news/flood.html: HeadersTooLarge: {CAPPED}" in log, (
        result.stdout + result.stderr + log[-3000:])
