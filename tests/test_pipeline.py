"""What the crawl's workers make of one page (`read_page`), without Scrapy, and how the crawl's
process stores what they made."""

import asyncio
import logging
import sqlite3

from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.reactor import install_reactor, is_reactor_installed
from scrapy.utils.test import get_crawler

from monitor.crawler.items import PageItem
from monitor.crawler.pipelines import ArticlePipeline, read_page
from monitor.steps.extract import html_hash
from monitor.steps.match import Story
from monitor.store import schema

PAGE = ("<html><head><title>Port strike</title></head><body><article><h1>Port strike</h1>"
        + "".join(f"<p>Dockworkers at the port of Calder Bay stayed out for the {n} day in a row "
                  f"as talks on a new contract stalled again.</p>" for n in ("first", "second"))
        + "</article></body></html>").encode()


def test_an_unchanged_page_is_neither_extracted_nor_matched():
    read = read_page(PAGE, "utf-8", "http://x.example/a", html_hash(PAGE), None, [])
    assert read.unchanged and read.article is None and read.scores == []


def test_an_unchanged_text_is_not_matched_again():
    first = read_page(PAGE, "utf-8", "http://x.example/a", None, None, [])
    again = read_page(PAGE + b"<!-- a new ad slot -->", "utf-8", "http://x.example/a",
                      first.html_hash, first.article.content_hash,
                      [Story("s", "en", "", [])])
    assert again.article is not None and again.scores == [] and again.sketch is None


def test_an_edited_headline_alone_is_matched_again():
    page = PAGE.replace(b"<h1>Port strike</h1>", b"")  # the headline in the head alone
    first = read_page(page, "utf-8", "http://x.example/a", None, None, [])
    edited = page.replace(b"<title>Port strike", b"<title>Port strike deepens")
    again = read_page(edited, "utf-8", "http://x.example/a", first.html_hash,
                      first.article.content_hash, [Story("s", "en", "", [])])
    assert again.article.text == first.article.text
    assert (first.article.title, again.article.title) == ("Port strike", "Port strike deepens")
    assert again.article.content_hash != first.article.content_hash and len(again.scores) == 1


def test_a_page_whose_matching_fails_keeps_its_article_and_says_why():
    broken = Story("broken", "en", "", None)  # no claims list: the matcher raises
    read = read_page(PAGE, "utf-8", "http://x.example/a", None, None, [broken])
    assert read.article.title == "Port strike"
    assert read.packed and read.sketch and "TypeError" in read.match_error


def test_an_undated_page_takes_the_date_its_listing_gave_it():
    read = read_page(PAGE, "utf-8", "http://x.example/a", None, None, [],
                     listed_date="2025-08-12")
    assert read.article.published == "2025-08-12"


def test_a_pages_own_date_wins_over_its_listings():
    dated = PAGE.replace(b"<head>", b'<head><meta property="article:published_time" '
                                    b'content="2025-08-10T09:00:00Z">')
    read = read_page(dated, "utf-8", "http://x.example/a", None, None, [],
                     listed_date="2025-08-12")
    assert read.article.published == "2025-08-10"


def test_a_page_that_cannot_be_stored_is_told_and_costs_no_other_page_of_its_batch(
        tmp_path, caplog):
    # Pages are written together (results.save_page_results): one page that cannot be (here a
    # URL SQLite cannot encode; in life, a bug) must not take the rest of its batch with it.
    db = tmp_path / "m.db"
    schema.open_db(db).close()
    if not is_reactor_installed():  # the crawl's, as Scrapy installs it (not Twisted's default)
        install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
    crawler = get_crawler()
    stats = MemoryStatsCollector(crawler)
    pipeline = ArticlePipeline(str(db), 1, stats, crawler=crawler)
    pipeline.open_spider()
    for url in ("http://x.example/a", "http://x.example/\udc80", "http://x.example/c"):
        item = PageItem(url, "X", "x.example", 500, error="HTTP 500")
        asyncio.run(pipeline.process_item(item))
    pipeline.close_spider()

    stored = sqlite3.connect(db).execute("select url from pages order by url").fetchall()
    assert stored == [("http://x.example/a",), ("http://x.example/c",)]
    assert (stats.get_value("monitor/pages"), stats.get_value("monitor/errors")) == (2, 1)
    [told] = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert "could not store http://x.example/" in told and "UnicodeEncodeError" in told
