"""Outlet search pages: the outlet's `search` URL filled with each story's query."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from urllib.parse import quote_plus

import scrapy
from scrapy.http import Response, TextResponse

from monitor.steps.outlets import Outlet
from monitor.steps.urls import canonical_url, looks_like_article
from spiders.base import OutletSpider, in_turns

# Links of a search page read between two turns of the reactor: a page of 8 MB can hold
# 300,000 links, seconds of work in all.
LINKS_PER_TURN = 2000


def result_link(url: str, outlet: Outlet, text: str = "") -> str | None:
    """The canonical URL of a search result's link (an absolute URL, its words `text`) when it
    looks like an article on the outlet's own site; None otherwise."""
    url = canonical_url(url)
    return url if outlet.owns(url) and looks_like_article(url, text) else None


class SearchSource:
    """Mixin: queries each outlet's search page with every story's query."""

    def search_requests(self, outlet: Outlet) -> Iterable[scrapy.Request]:
        if not outlet.search:
            return
        for query in dict.fromkeys(s["query"] for s in self.stories if s.get("query")):
            url = outlet.search.replace("{query}", quote_plus(query))
            yield self.source_request(url, self.parse_search, f"{outlet.name} search page",
                                      outlet, dont_filter=True)

    async def parse_search(self, response: Response, outlet: dict
                           ) -> AsyncIterator[scrapy.Request]:
        outlet = Outlet.from_data(outlet)
        if not isinstance(response, TextResponse):
            self.source_unread(response, "not a web page")
            return
        self.source_read()
        # The first MONITOR_MAX_ENTRIES article links, each once, in the page's order. The
        # parsed page's links are visited lazily (parsel's selectors would be made all at once).
        newest, seen = self.newest(), {canonical_url(response.url)}
        async for anchor in in_turns(response.selector.root.iter("a"), LINKS_PER_TURN):
            href = anchor.get("href")
            url = href and self.absolute(response, href)
            link = url and result_link(url, outlet, " ".join(anchor.itertext()))
            if link and link not in seen:
                seen.add(link)
                newest.add([(link, None)])
        if len(seen) == 1:
            self.told_empty(response, "no article link")
        for request in self.article_requests(self.taken(response, newest), outlet):
            yield request


class SearchSpider(SearchSource, OutletSpider):
    """Articles found through the outlets' own search pages (`-a query=...` to override)."""

    name = "search"
    sources = ("search_requests",)
