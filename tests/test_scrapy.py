"""Scrapy conventions: `scrapy list` and `scrapy crawl NAME -a ...` from the repository root."""

import asyncio
import sqlite3
import subprocess
import sys
import tomllib

import pytest

from monitor.jobs.demo import OUTLETS
from tests.conftest import ROOT


def scrapy(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, **kwargs)


@pytest.mark.slow
def test_scrapy_list_names_every_way_of_finding_coverage():
    result = scrapy("list")
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) >= {"coverage", "feeds", "sitemaps", "urls"}


@pytest.mark.slow
def test_scrapy_crawl_feeds_stores_articles(outlet_server, tmp_path):
    db = tmp_path / "feeds.db"
    result = scrapy("crawl", "feeds", "-a", f"outlets={OUTLETS}", "-a", f"base={outlet_server}",
                    "-a", "outlet=Metro Post", "-s", f"MONITOR_DB={db}", "-s", "DOWNLOAD_DELAY=0")
    assert result.returncode == 0, result.stderr
    urls = [r[0] for r in sqlite3.connect(db).execute("select url from articles")]
    corpus = tomllib.loads((ROOT / "data/demo/articles.toml").read_text())["article"]
    assert len(urls) == sum(a["outlet"] == "metro" for a in corpus)
    assert all("/metro/" in u for u in urls)


@pytest.mark.slow
def test_scrapy_crawl_cleans_a_hostile_host_in_its_log_lines(hostile_host, tmp_path):
    db, outlets = hostile_host
    result = scrapy("crawl", "feeds", "-a", f"outlets={outlets}", "-s", f"MONITOR_DB={db}",
                    "-s", "DOWNLOAD_DELAY=0")
    assert "not on its domain" in result.stderr and "news.example" in result.stderr
    assert "\x9b" not in result.stderr and "\u202e" not in result.stderr


def test_only_pages_that_mention_a_refresh_are_searched_for_one():
    from monitor.crawler.middlewares import may_refresh

    assert may_refresh(b'<html><head><meta http-equiv="REFRESH" content="0;url=/x">')
    assert may_refresh('<html><meta http-equiv="refresh">'.encode("utf-16"))
    assert not may_refresh(b"<html><head><title>News</title></head><body>" + b"x" * 50_000)
    assert not may_refresh(b"<html><head><script>feed.refresh(60)</script></head><body>")


def test_every_feed_and_sitemap_of_the_starter_outlet_file_passes_the_offsite_rule(tmp_path):
    # BBC, Sky News and El País serve their feeds from another host than their articles'.
    from scrapy.utils.test import get_crawler

    from monitor.crawler import settings
    from monitor.crawler.middlewares import OffsiteMiddleware
    from spiders.coverage import CoverageSpider

    project = {name: value for name, value in vars(settings).items() if name.isupper()}
    crawler = get_crawler(CoverageSpider, {**project, "MONITOR_DB": str(tmp_path / "m.db")})
    spider = CoverageSpider.from_crawler(crawler, outlets=str(ROOT / "data/outlets.toml"))
    offsite = OffsiteMiddleware.from_crawler(crawler)

    async def requests():
        return [request async for request in spider.start()]

    refused = [r.url for r in asyncio.run(requests()) if not offsite.should_follow(r, spider)]
    assert refused == []


def test_a_spider_makes_its_requests_without_opening_the_database(tmp_path):
    # The database is the crawler's components' (stories, conditional requests, the pipeline).
    from scrapy.utils.test import get_crawler

    from monitor.crawler import settings
    from spiders.coverage import CoverageSpider

    db = tmp_path / "monitor.db"
    project = {name: value for name, value in vars(settings).items() if name.isupper()}
    crawler = get_crawler(CoverageSpider, {**project, "MONITOR_DB": str(db)})
    spider = CoverageSpider.from_crawler(crawler, outlets=str(OUTLETS), base="http://127.0.0.1:9")

    async def requests():
        return [request.url async for request in spider.start()]

    urls = asyncio.run(requests())
    outlets = tomllib.loads(OUTLETS.read_text())["outlet"]
    assert len(urls) == sum(len(o.get(k, [])) for o in outlets for k in ("feeds", "sitemaps",
                                                                          "urls"))
    assert not db.exists()


def test_a_spider_asked_for_an_outlet_the_file_does_not_list_says_so(tmp_path):
    # `scrapy crawl feeds -a outlet=NAME` with a misspelt name crawled nothing, quietly.
    from monitor.steps.outlets import OutletFileError
    from spiders.feeds import FeedsSpider

    with pytest.raises(OutletFileError, match="no outlet named 'Harbour City Tribune'"):
        FeedsSpider(outlets=str(OUTLETS), base="http://127.0.0.1:9",
                    outlet="Harbour City Tribune")


def test_articles_listed_on_another_port_of_the_domain_are_told_with_that_port(tmp_path,
                                                                                caplog):
    # "not on its domain 127.0.0.1 (most on 127.0.0.1)" named the outlet's own host.
    from scrapy.utils.test import get_crawler

    from monitor.crawler import settings
    from spiders.feeds import FeedsSpider

    project = {name: value for name, value in vars(settings).items() if name.isupper()}
    crawler = get_crawler(FeedsSpider, {**project, "MONITOR_DB": str(tmp_path / "m.db")})
    spider = FeedsSpider.from_crawler(crawler, outlets=str(OUTLETS), base="http://127.0.0.1:8765")
    outlet = spider.outlets[0]
    listed = [(f"http://127.0.0.1:8899/news/{n}.html", None) for n in range(3)]
    assert list(spider.article_requests(listed, outlet)) == []
    assert "not on its domain 127.0.0.1 (most on 127.0.0.1:8899)" in caplog.text
