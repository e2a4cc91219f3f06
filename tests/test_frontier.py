"""The shared frontier (`--redis URL`): crawlers share one queue in a real redis-server and
fetch each page once between them; requests travel as JSON; Redis faults end a crawl at once."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import scrapy
from scrapy.utils.request import request_from_dict

from monitor.crawler import requestjson
from tests.conftest import (
    ROOT,
    assert_one_line,
    free_port,
    harbour_site,
    publish_no_stories,
    refused,
    run_monitor,
    send_body,
    start_monitor,
)

PAGES = 300  # articles of the generated site, listed in three sitemaps
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]


@pytest.fixture()
def site(tmp_path):
    """A loopback outlet of PAGES articles behind a sitemap index; yields (server, outlet file)."""
    server, outlets = harbour_site(tmp_path, PAGES)
    yield server, outlets
    server.close()


@pytest.fixture()
def frontier_url(redis_url) -> str:
    """The test's Redis, with the (no) stories a crawler reads as it starts."""
    publish_no_stories(redis_url)
    return redis_url


def _monitor(*args: str, db: Path) -> subprocess.Popen:
    return start_monitor(*args, db=db)


@pytest.mark.slow
def test_two_crawlers_fetch_every_page_exactly_once_between_them(site, frontier_url, tmp_path):
    server, outlets = site
    db = tmp_path / "monitor.db"
    crawlers = [_monitor("crawl", "--outlets", str(outlets), "--redis", frontier_url, *FAST, db=db)
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
def test_crawlers_sharing_a_frontier_store_every_page_once(site, frontier_url, tmp_path):
    _, outlets = site
    db = tmp_path / "monitor.db"
    crawlers = [_monitor("crawl", "--outlets", str(outlets), "--redis", frontier_url, *FAST, db=db)
                for _ in range(2)]
    for c in crawlers:
        c.communicate(timeout=600)
    run_monitor("ingest", "--redis", frontier_url, "--until-idle", db=db)
    import sqlite3

    with sqlite3.connect(db) as conn:
        rows = conn.execute("select count(*), count(distinct url) from articles").fetchone()
    assert rows == (PAGES, PAGES)


@pytest.mark.slow
def test_requests_queued_in_redis_are_json(site, frontier_url, tmp_path):
    import redis

    _, outlets = site
    crawler = _monitor("crawl", "--outlets", str(outlets), "--redis", frontier_url,
                       "-s", "DOWNLOAD_DELAY=0.05", "-s", "AUTOTHROTTLE_ENABLED=False",
                       "-s", "CONCURRENT_REQUESTS=1", db=tmp_path / "monitor.db")
    entry = None
    with redis.Redis.from_url(frontier_url) as client:
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
    took, result = refused("crawl", "--outlets", str(outlets), "--redis", wrong,
                           db=tmp_path / "monitor.db")
    assert took < 20
    assert_one_line(result, "refused the password", hidden="not-the-password")


@pytest.mark.slow
def test_an_unreachable_redis_ends_the_crawl_with_one_line(site, tmp_path):
    _, outlets = site
    took, result = refused("crawl", "--outlets", str(outlets), "--redis",
                           f"redis://:secret@127.0.0.1:{free_port()}/0", db=tmp_path / "monitor.db")
    assert took < 20
    assert_one_line(result, "cannot reach Redis at redis://127.0.0.1:", hidden="secret")


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


@pytest.mark.parametrize("url", [
    "redis//:s3cret-pw@10.0.0.5:6379/0",  # a slash short: no URL at all
    '"redis://:s3cret-pw@10.0.0.5:6379/0"',  # quoted in an environment file read as is
    "redis://:s3cret-pw@10.0.0.5:63x79/0",  # a port that is no number
    "redis://:s3cret-pw@[::1:6379/0",  # a broken IPv6 address
])
def test_a_url_redis_cannot_read_is_shown_without_its_password(url):
    from monitor.crawler import frontier

    with pytest.raises(frontier.RedisUnavailable) as refusal:
        frontier.check(url)
    assert "not a Redis URL" in str(refusal.value)
    assert "s3cret-pw" not in str(refusal.value)
    assert "10.0.0.5" in frontier.shown(url) or "::1" in frontier.shown(url)


@pytest.mark.parametrize("url", ["redis://:/s3cret-pw@10.0.0.5:6379/0",
                                 "redis://:8/s3cret-pw@10.0.0.5:6379/0",
                                 "redis://u:12#s3cret-pw@10.0.0.5/0",
                                 "redis://:s3cret?pw@10.0.0.5:6379/0"])
def test_a_password_holding_a_slash_a_hash_or_a_question_mark_is_not_shown(url):
    from monitor.crawler import frontier

    assert "s3cret" not in frontier.shown(url) and "10.0.0.5" in frontier.shown(url)


@pytest.mark.parametrize("url", ["redis://:pw@127.0.0.1:6379/1x", "redis://:pw@127.0.0.1:6379/db"])
def test_a_database_that_is_no_number_is_refused_not_read_as_database_0(url):
    from monitor.crawler import frontier

    with pytest.raises(frontier.RedisUnavailable, match="must be a number"):
        frontier.check(url)


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


@pytest.mark.slow
def test_a_killed_crawler_keeps_the_others_waiting_no_longer_than_its_heartbeat(
        site, frontier_url, tmp_path):
    _, outlets = site
    slow = ["-s", "DOWNLOAD_DELAY=0.05", "-s", "AUTOTHROTTLE_ENABLED=False",
            "-s", "CONCURRENT_REQUESTS=1", "-s", "MONITOR_REDIS_ALIVE=3"]
    db = tmp_path / "monitor.db"
    killed, survivor = [_monitor("crawl", "--outlets", str(outlets), "--redis", frontier_url,
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
    route_server.routes["/b"] = send_body(b"<html><body>b</body></html>", "text/html")
    result = subprocess.run([sys.executable, "-c", UNENCODABLE_CRAWL, redis_url,
                             route_server.base], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert "RESULT finished 1 1" in result.stdout, result.stderr[-3000:]
    assert "request['meta']['pair'] is a tuple" in result.stderr
