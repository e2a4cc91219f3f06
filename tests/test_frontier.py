"""The shared frontier (`--redis URL`): crawlers share one queue in a real redis-server and
fetch each page once between them; requests travel as JSON; Redis faults end a crawl at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import scrapy
from scrapy.utils.request import request_from_dict

from monitor.crawler import requestjson
from monitor.jobs import schedule
from tests.conftest import ROOT, RouteServer, free_port, run_monitor

PAGES = 300  # articles of the generated site, listed in three sitemaps
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]


def _article(i: int) -> bytes:
    return (f"<html><head><title>Harbour report {i}</title></head><body><article>"
            f"<h1>Harbour report {i}</h1>"
            f"<p>The harbour authority counted {i} ships waiting outside the port of Nereth on "
            f"the morning of the report, a figure the pilots' union called unprecedented.</p>"
            f"<p>Dock workers said the queue of vessels number {i} would take days to clear, "
            f"and the authority promised an update on the backlog by the end of the week.</p>"
            f"</article></body></html>").encode()


def _send(body: bytes, kind: str):
    def answer(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    return answer


def _sitemap(urls: list[str], tag: str) -> bytes:
    inner = "sitemap" if tag == "sitemapindex" else "url"
    entries = "".join(f"<{inner}><loc>{u}</loc></{inner}>" for u in urls)
    return (f'<?xml version="1.0" encoding="UTF-8"?><{tag} '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</{tag}>').encode()


@pytest.fixture()
def site(tmp_path):
    """A loopback outlet of PAGES articles behind a sitemap index; yields (server, outlet file)."""
    server = RouteServer()
    maps = [f"/sitemap-{n}.xml" for n in range(3)]
    server.routes["/sitemap-index.xml"] = _send(
        _sitemap([server.base + m for m in maps], "sitemapindex"), "application/xml")
    for n, path in enumerate(maps):
        articles = [f"/news/{i}.html" for i in range(n, PAGES, 3)]
        server.routes[path] = _send(_sitemap([server.base + a for a in articles], "urlset"),
                                    "application/xml")
        for a in articles:
            server.routes[a] = _send(_article(int(a.split("/")[-1].split(".")[0])),
                                     "text/html; charset=utf-8")
    outlets = tmp_path / "outlets.toml"
    outlets.write_text(f'[[outlet]]\nname = "Nereth Harbour News"\ndomain = "127.0.0.1"\n'
                       f'sitemaps = ["{server.base}/sitemap-index.xml"]\n')
    yield server, outlets
    server.close()


def _monitor(*args: str, db: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("MONITOR_DB", "MONITOR_REDIS_URL")}
    return subprocess.Popen([sys.executable, "-m", "monitor", "--db", str(db), *args],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


@pytest.mark.slow
def test_two_crawlers_fetch_every_page_exactly_once_between_them(site, redis_url, tmp_path):
    server, outlets = site
    db = tmp_path / "monitor.db"
    crawlers = [_monitor("crawl", "--outlets", str(outlets), "--redis", redis_url, *FAST, db=db)
                for _ in range(2)]
    results = [c.communicate(timeout=600) for c in crawlers]
    assert [c.returncode for c in crawlers] == [0, 0], results
    assert all(", 0 errors" in out for out, _ in results), results
    # Each crawler reads robots.txt itself (Scrapy fetches it outside the scheduler).
    fetched = Counter(path for _, path, _ in server.requests if path != "/robots.txt")
    assert set(fetched) == set(server.routes)
    assert {path: n for path, n in fetched.items() if n != 1} == {}
    pages = [int(out.split("Crawl finished: ")[1].split(" pages")[0]) for out, _ in results]
    assert sum(pages) == PAGES and min(pages) > 0, results


@pytest.mark.slow
def test_crawlers_sharing_a_frontier_store_every_page_once(site, redis_url, tmp_path):
    _, outlets = site
    db = tmp_path / "monitor.db"
    crawlers = [_monitor("crawl", "--outlets", str(outlets), "--redis", redis_url, *FAST, db=db)
                for _ in range(2)]
    for c in crawlers:
        c.communicate(timeout=600)
    import sqlite3

    with sqlite3.connect(db) as conn:
        rows = conn.execute("select count(*), count(distinct url) from articles").fetchone()
    assert rows == (PAGES, PAGES)


@pytest.mark.slow
def test_requests_queued_in_redis_are_json(site, redis_url, tmp_path):
    import redis

    _, outlets = site
    crawler = _monitor("crawl", "--outlets", str(outlets), "--redis", redis_url,
                       "-s", "DOWNLOAD_DELAY=0.05", "-s", "AUTOTHROTTLE_ENABLED=False",
                       "-s", "CONCURRENT_REQUESTS=1", db=tmp_path / "monitor.db")
    entry = None
    with redis.Redis.from_url(redis_url) as client:
        deadline = time.monotonic() + 120
        while entry is None and crawler.poll() is None and time.monotonic() < deadline:
            # The sitemaps' requests come first; an article's is what a crawl queues most.
            entry = next((e for e in client.zrange("monitor:coverage:requests", 0, -1)
                          if b"parse_article" in e), None)
            time.sleep(0.05)
    crawler.communicate(timeout=600)
    assert entry is not None, "no request was seen in the queue"
    request = json.loads(entry)
    assert request["callback"] == "parse_article"
    assert request["cb_kwargs"]["outlet"]["name"] == "Nereth Harbour News"
    assert request["url"].startswith("http://127.0.0.1:")


@pytest.mark.slow
def test_a_wrong_redis_password_ends_the_crawl_with_one_line(site, redis_server, tmp_path):
    _, outlets = site
    wrong = redis_server.url.replace(redis_server.password, "not-the-password")
    started = time.monotonic()
    result = run_monitor("crawl", "--outlets", str(outlets), "--redis", wrong,
                         db=tmp_path / "monitor.db", check=False, timeout=60)
    assert time.monotonic() - started < 20
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "refused the password" in result.stderr
    assert "not-the-password" not in result.stderr


@pytest.mark.slow
def test_an_unreachable_redis_ends_the_crawl_with_one_line(site, tmp_path):
    _, outlets = site
    started = time.monotonic()
    result = run_monitor("crawl", "--outlets", str(outlets), "--redis",
                         f"redis://:secret@127.0.0.1:{free_port()}/0",
                         db=tmp_path / "monitor.db", check=False, timeout=60)
    assert time.monotonic() - started < 20
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "cannot reach Redis at redis://127.0.0.1:" in result.stderr
    assert "secret" not in result.stderr


@pytest.mark.slow
def test_a_crawl_without_redis_imports_no_redis(site, tmp_path):
    _, outlets = site
    probe = ("import sys\nfrom monitor.faces.cli import cli\n"
             "try:\n    cli.main(sys.argv[1:], standalone_mode=False)\n"
             "finally:\n    print('REDIS MODULES', sorted(m for m in sys.modules"
             " if m.split('.')[0] in ('redis', 'scrapy_redis')))\n")
    result = subprocess.run([sys.executable, "-c", probe, "--db", str(tmp_path / "monitor.db"),
                             "crawl", "--outlets", str(outlets), *FAST],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert "Crawl finished" in result.stdout, result.stderr
    assert "REDIS MODULES []" in result.stdout


def test_a_tuple_in_meta_cannot_be_encoded():
    request = scrapy.Request("http://127.0.0.1/a", meta={"known": ("http://127.0.0.1/a", {})})
    with pytest.raises(requestjson.UnencodableRequest, match="tuple"):
        requestjson.dumps(request.to_dict())


def test_a_request_read_back_from_json_is_the_request_sent():
    request = scrapy.Request("http://127.0.0.1/a?b=1", headers={"If-None-Match": '"x\xe9"'},
                             body=b"\x00\xff", meta={"known": ["u", {"etag": "x"}], "depth": 2},
                             cb_kwargs={"outlet": {"name": "A", "urls": []}}, priority=3)
    again = request_from_dict(requestjson.loads(requestjson.dumps(request.to_dict())))
    assert (again.url, again.headers, again.body, again.meta, again.cb_kwargs, again.priority) \
        == (request.url, request.headers, request.body, request.meta, request.cb_kwargs, 3)


def test_crawlers_sharing_a_frontier_share_the_database_lock(tmp_path):
    db = tmp_path / "monitor.db"
    with schedule.run_lock(db, shared=True), schedule.run_lock(db, shared=True):
        pass  # a second shared holder gets in


def test_a_run_is_refused_while_crawlers_share_the_database(tmp_path):
    db = tmp_path / "monitor.db"
    with schedule.run_lock(db, shared=True):
        with pytest.raises(schedule.AlreadyRunning, match="Redis frontier"):
            with schedule.run_lock(db):
                pass


@pytest.mark.slow
def test_a_killed_crawler_keeps_the_others_waiting_no_longer_than_its_heartbeat(
        site, redis_url, tmp_path):
    _, outlets = site
    slow = ["-s", "DOWNLOAD_DELAY=0.05", "-s", "AUTOTHROTTLE_ENABLED=False",
            "-s", "CONCURRENT_REQUESTS=1", "-s", "MONITOR_REDIS_ALIVE=3"]
    db = tmp_path / "monitor.db"
    killed, survivor = [_monitor("crawl", "--outlets", str(outlets), "--redis", redis_url,
                                 *slow, db=db) for _ in range(2)]
    time.sleep(8)  # both are fetching articles by now
    assert killed.poll() is None, "the crawl ended before it could be killed"
    killed.kill()
    killed.communicate()
    out, err = survivor.communicate(timeout=300)
    assert survivor.returncode == 0, err
    assert "Crawl finished" in out


UNENCODABLE_CRAWL = """
import sys
import scrapy
from scrapy.crawler import CrawlerProcess
from monitor.crawler import frontier

class Spider(scrapy.Spider):
    name = "unencodable"

    async def start(self):
        yield scrapy.Request(sys.argv[2] + "/a", meta={"pair": (1, 2)}, callback=self.parse)
        yield scrapy.Request(sys.argv[2] + "/b", callback=self.parse)

    def parse(self, response):
        pass

settings = {**frontier.settings(sys.argv[1]), "ROBOTSTXT_OBEY": False,
            "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor"}
process = CrawlerProcess(settings)
crawler = process.create_crawler(Spider)
process.crawl(crawler)
process.start()
stats = crawler.stats.get_stats()
print("RESULT", stats.get("finish_reason"), stats.get("log_count/ERROR"),
      stats.get("downloader/response_count"))
"""


@pytest.mark.slow
def test_a_request_json_cannot_carry_is_an_error_and_the_crawl_goes_on(redis_url, route_server):
    route_server.routes["/b"] = _send(b"<html><body>b</body></html>", "text/html")
    result = subprocess.run([sys.executable, "-c", UNENCODABLE_CRAWL, redis_url,
                             route_server.base], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert "RESULT finished 1 1" in result.stdout, result.stderr[-3000:]
    assert "request['meta']['pair'] is a tuple" in result.stderr
