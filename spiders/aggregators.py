"""Aggregators that find outlets nobody listed: the GDELT DOC 2.0 API and Google News RSS search.

Each is enabled per story (`monitor seed add --aggregator gdelt --aggregator google-news`).
Their addresses are settings (MONITOR_GDELT_URL, MONITOR_GOOGLE_NEWS_URL) so tests can point
them at a local server that answers in the same formats.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable
from urllib.parse import quote

import scrapy
from lxml import etree
from scrapy.http import Response

from monitor.steps.dates import story_window, window_days
from spiders.base import OutletSpider, in_turns
from spiders.feeds import XML_PARSER, CommonSlips

GDELT_URL = "https://api.gdeltproject.org/api/v2/doc/doc"
GOOGLE_NEWS_URL = "https://news.google.com/rss/search"
ENTRIES_PER_TURN = 2000  # entries of an answer read between two turns of the reactor


def gdelt_articles(body: bytes) -> list[dict] | None:
    """The articles of a GDELT DOC 2.0 `mode=artlist&format=json` answer; None when the body
    is not one (GDELT answers its rate limit in plain text, with status 200)."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    articles = data.get("articles")
    if not isinstance(articles, list):
        return []
    return [a for a in articles if isinstance(a, dict) and isinstance(a.get("url"), str)
            and a["url"].strip()]


def google_news_items(body: bytes) -> list[dict] | None:
    """The items of a Google News RSS search: link, date, and the publishing outlet; None
    when the body is not RSS (a consent or error page)."""
    try:
        root = etree.fromstring(CommonSlips().feed(body, last=True), parser=XML_PARSER)
    except etree.XMLSyntaxError:
        return None
    if root is None or etree.QName(root).localname != "rss":
        return None
    items = []
    for item in root.iter("item"):
        source = item.find("source")
        items.append({"link": (item.findtext("link") or "").strip(),
                      "date": item.findtext("pubDate"),
                      "outlet": (source.text or "").strip() if source is not None else None,
                      "outlet_url": source.get("url") if source is not None else None})
    return [i for i in items if i["link"]]


class AggregatorSource:
    """Mixin: asks the aggregators a story enables for articles matching its query."""

    def aggregator_requests(self, story: dict) -> Iterable[scrapy.Request]:
        query = story.get("query")
        if not query:
            return
        settings = self.crawler.settings
        window = story_window(story)
        if "gdelt" in story.get("aggregators", []):
            url = (f"{settings.get('MONITOR_GDELT_URL', GDELT_URL)}?query={quote(query)}"
                   f"&mode=artlist&format=json&maxrecords=250&sort=datedesc")
            if window:
                start, end = window
                url += f"&startdatetime={start:%Y%m%d%H%M%S}&enddatetime={end:%Y%m%d%H%M%S}"
            yield self.source_request(url, self.parse_gdelt, "GDELT",
                                      meta={"allow_offsite": True}, dont_filter=True)
        if "google-news" in story.get("aggregators", []):
            url = (f"{settings.get('MONITOR_GOOGLE_NEWS_URL', GOOGLE_NEWS_URL)}"
                   f"?q={quote(f'{query} when:{window_days(story)}d')}&hl=en-US&gl=US&ceid=US:en")
            yield self.source_request(url, self.parse_google_news, "Google News",
                                      meta={"allow_offsite": True}, dont_filter=True)

    def answer(self, response: Response, found: list[dict] | None, what: str) -> list[dict]:
        """What an aggregator's answer lists; nothing, told as a failed source, when the
        answer is not `what` it should be."""
        if found is None:
            self.source_unread(response, f"not {what}")
            return []
        self.source_read()
        return found

    async def parse_gdelt(self, response: Response) -> AsyncIterator[scrapy.Request]:
        articles = self.answer(response, gdelt_articles(response.body), "a GDELT answer")
        for url, date, domain in await self.newest_of(response, [
                (a["url"], a.get("seendate"), a.get("domain")) for a in articles]):
            for request in self.article_requests([(url, date)], self.outlet_for(url, domain),
                                                 anywhere=True):
                yield request

    async def parse_google_news(self, response: Response) -> AsyncIterator[scrapy.Request]:
        items = self.answer(response, google_news_items(response.body), "a Google News feed")
        for link, date, name, outlet_url in await self.newest_of(response, [
                (i["link"], i["date"], i["outlet"], i["outlet_url"]) for i in items]):
            # The link is Google's redirect; the outlet is the item's <source>.
            for request in self.article_requests(
                    [(link, date)], self.outlet_for(outlet_url or link, name), anywhere=True):
                yield request

    async def newest_of(self, response: Response, entries: list[tuple]) -> list[tuple]:
        """The MONITOR_MAX_ENTRIES newest of an answer's (URL, date, ...) entries; their dates
        are read a few thousand between two turns of the reactor (80,000 take seconds)."""
        newest = self.newest()
        async for entry in in_turns(entries, ENTRIES_PER_TURN):
            newest.add([entry])
        return self.taken(response, newest)


class AggregatorsSpider(AggregatorSource, OutletSpider):
    """Articles found through GDELT and Google News for the stories that enable them."""

    name = "aggregators"
    story_sources = ("aggregator_requests",)
