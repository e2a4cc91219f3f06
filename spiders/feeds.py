"""RSS (0.9x, 1.0, 2.0) and Atom feeds: every item link is a candidate article."""

from __future__ import annotations

from collections.abc import Iterable

import scrapy
from lxml import etree
from scrapy.http import Response

from monitor.outlets import Outlet
from spiders.base import OutletSpider

# Feeds come from servers we do not control: no entity expansion, no network, no huge trees.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                          recover=True, load_dtd=False)
_ATOM = "{http://www.w3.org/2005/Atom}"


def feed_links(body: bytes) -> list[str]:
    """The article links of an RSS or Atom document, in feed order."""
    try:
        root = etree.fromstring(body, parser=_PARSER)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    links: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = etree.QName(element).localname
        if tag == "item":  # RSS 0.9x, 1.0 (RDF) and 2.0
            link = _child_text(element, "link") or _guid_link(element)
            if link:
                links.append(link)
        elif element.tag == f"{_ATOM}entry":
            for link in element.iter(f"{_ATOM}link"):
                if link.get("rel", "alternate") == "alternate" and link.get("href"):
                    links.append(link.get("href").strip())
                    break
    return links


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
            yield scrapy.Request(url, callback=self.parse_feed, cb_kwargs={"outlet": outlet})

    def parse_feed(self, response: Response, outlet: Outlet) -> Iterable[scrapy.Request]:
        links = [response.urljoin(link) for link in feed_links(response.body)]
        if not links:
            self.logger.warning("no items in feed %s", response.url)
        yield from self.article_requests(links, outlet)


class FeedsSpider(FeedSource, OutletSpider):
    """Articles linked from the outlets' RSS and Atom feeds."""

    name = "feeds"
    sources = ("feed_requests",)
