"""Outlet search pages: the outlet's `search` URL filled with each story's query."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote_plus

import scrapy
from scrapy.http import Response, TextResponse

from monitor.steps.outlets import Outlet
from monitor.steps.urls import canonical_url, looks_like_article
from spiders.base import OutletSpider


def result_links(response: TextResponse, outlet: Outlet) -> list[str]:
    """Links of a search results page that look like articles on the outlet's own site."""
    found = []
    for href in response.css("a::attr(href)").getall():
        url = canonical_url(response.urljoin(href))
        if outlet.owns(url) and looks_like_article(url) and url not in found:
            found.append(url)
    return found


class SearchSource:
    """Mixin: queries each outlet's search page with every story's query."""

    def search_requests(self, outlet: Outlet) -> Iterable[scrapy.Request]:
        if not outlet.search:
            return
        for query in dict.fromkeys(s["query"] for s in self.stories if s.get("query")):
            url = outlet.search.replace("{query}", quote_plus(query))
            yield self.source_request(url, self.parse_search, f"{outlet.name} search page",
                                      outlet, dont_filter=True)

    def parse_search(self, response: Response, outlet: dict) -> Iterable[scrapy.Request]:
        outlet = Outlet.from_data(outlet)
        if not isinstance(response, TextResponse):
            self.source_unread(response, "not a web page")
            return
        self.source_read()
        links = [link for link in result_links(response, outlet)
                 if link != canonical_url(response.url)]
        yield from self.article_requests([(link, None) for link in links], outlet)


class SearchSpider(SearchSource, OutletSpider):
    """Articles found through the outlets' own search pages (`-a query=...` to override)."""

    name = "search"
    sources = ("search_requests",)
