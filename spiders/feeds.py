"""RSS (0.9x, 1.0, 2.0) and Atom feeds: every item link is a candidate article."""

from __future__ import annotations

from collections.abc import Iterable

import scrapy
from lxml import etree
from scrapy.http import Response

from monitor.outlets import Outlet
from spiders.base import OutletSpider

# Feeds come from servers we do not control: no entity expansion, no network, no huge trees.
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             recover=True, load_dtd=False)
_ATOM = "{http://www.w3.org/2005/Atom}"
_DATES = ("pubDate", "date", "published", "updated", "issued", "modified")


def feed_entries(body: bytes) -> list[tuple[str, str | None]]:
    """The (article link, date) of every item of an RSS or Atom document, in feed order."""
    try:
        root = etree.fromstring(body, parser=XML_PARSER)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    entries: list[tuple[str, str | None]] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).localname == "item":  # RSS 0.9x, 1.0 (RDF) and 2.0
            link = _child_text(element, "link") or _guid_link(element) or element.get(
                "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
            if link:
                entries.append((link, _first(element, _DATES)))
        elif element.tag == f"{_ATOM}entry":
            for link in element.iter(f"{_ATOM}link"):
                if link.get("rel", "alternate") == "alternate" and link.get("href"):
                    entries.append((link.get("href").strip(), _first(element, _DATES)))
                    break
    return entries


def _first(element, names: tuple[str, ...]) -> str | None:
    for name in names:
        if (text := _child_text(element, name)) is not None:
            return text
    return None


def _child_text(element, name: str) -> str | None:
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname == name and child.text:
            return child.text.strip()
    return None


def _guid_link(element) -> str | None:
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname == "guid":
            text = (child.text or "").strip()
            if child.get("isPermaLink", "true") == "true" and text.startswith("http"):
                return text
    return None


class FeedSource:
    """Mixin: requests an outlet's feeds and follows their item links."""

    def feed_requests(self, outlet: Outlet) -> Iterable[scrapy.Request]:
        for url in outlet.feeds:
            yield scrapy.Request(url, callback=self.parse_feed, cb_kwargs={"outlet": outlet},
                                 dont_filter=True)

    def parse_feed(self, response: Response, outlet: Outlet) -> Iterable[scrapy.Request]:
        entries = [(response.urljoin(link), date) for link, date in feed_entries(response.body)]
        if not entries:
            self.logger.warning("no items in feed %s", response.url)
            self.crawler.stats.inc_value("monitor/empty_feeds")
        yield from self.article_requests(entries, outlet)


class FeedsSpider(FeedSource, OutletSpider):
    """Articles linked from the outlets' RSS and Atom feeds."""

    name = "feeds"
    sources = ("feed_requests",)
