"""RSS (0.9x, 1.0, 2.0) and Atom feeds: every item link is a candidate article."""

from __future__ import annotations

import html.entities
import re
from collections.abc import AsyncIterator, Iterable

import scrapy
from lxml import etree
from scrapy.http import Response

from monitor.steps.outlets import Outlet
from spiders.base import OutletSpider

# Feeds come from servers we do not control: no entity expansion, no network, no huge trees.
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             recover=True, load_dtd=False)
_ATOM = "{http://www.w3.org/2005/Atom}"
FEED_ROOTS = ("rss", "RDF", "feed")  # RSS 0.9x and 2.0, RSS 1.0, Atom
_DATES = ("pubDate", "date", "published", "updated", "issued", "modified")


def pull_parser() -> etree.XMLPullParser:
    """An XML parser fed piece by piece, as safe as XML_PARSER."""
    return etree.XMLPullParser(events=("end",), resolve_entities=False, no_network=True,
                               huge_tree=False, recover=True, load_dtd=False)


# libxml2's recovery drops a raw `&`, an entity XML does not define (HTML's `&nbsp;`), a
# reference to a character XML forbids (`&#27;`) or a raw control character, with the text
# after it, and from the first such slip on it drops every later `&amp;` of the document too:
# addresses came out as "?id=3p=2". Real feeds and sitemaps make all four slips.
# (XML's own five entities are passed over by the pattern itself: the commonest by far.)
_REFERENCE = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos);)"
                        rb"(?:#([0-9]{1,8});|#x([0-9a-fA-F]{1,8});|([A-Za-z_][\w.-]{0,31});)?")
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# What the end of a piece may be the unfinished beginning of: a reference, a CDATA section's
# start or end.
_UNFINISHED = re.compile(rb"&(?:#[0-9]*|#x[0-9a-fA-F]*|[A-Za-z_][\w.-]{0,31})?$"
                         rb"|<(?:!(?:\[(?:C(?:D(?:A(?:T(?:A)?)?)?)?)?)?)?$|\]\]?$")


class CommonSlips:
    """Mends the slips of an XML listing that lose text (above), fed piece by piece: a raw `&`
    is escaped, an HTML entity becomes its characters, a forbidden character or a byte that is
    not UTF-8 in a UTF-8 document U+FFFD. CDATA sections are text already; documents in UTF-16
    or UTF-32 are passed as they are."""

    def __init__(self):
        self.held = b""  # the end of the last piece, where a reference or marker may go on
        self.in_cdata = False
        self.wide: bool | None = None
        self.utf8 = False

    def feed(self, piece: bytes, last: bool = False) -> bytes:
        data = self.held + piece
        if self.wide is None:
            if not last and len(data) < 200 and b"?>" not in data:
                self.held = data  # the XML declaration, which names the encoding, is not whole
                return b""
            self.wide = data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4]
            self.utf8 = not self.wide and _declared_encoding(data) in ("", "utf-8", "utf8")
        cut = len(data) if last or self.wide else _cut(data, len(data) - 40, self.utf8)
        self.held = data[cut:]
        if self.wide:
            return data[:cut]
        mended = _CONTROL.sub(b" ", data[:cut])
        if self.utf8 and not mended.isascii():
            mended = mended.decode("utf-8", "replace").encode()
        return self._mended(mended)

    def _mended(self, data: bytes) -> bytes:
        out, at = [], 0
        while at < len(data):
            if self.in_cdata:
                end = data.find(b"]]>", at)
                stop = len(data) if end == -1 else end + 3
                out.append(data[at:stop])
                self.in_cdata = end == -1
            else:
                start = data.find(b"<![CDATA[", at)
                stop = len(data) if start == -1 else start + 9
                out.append(_REFERENCE.sub(_reference, data[at:stop]))
                self.in_cdata = start != -1
            at = stop
        return b"".join(out)


def _reference(match: re.Match) -> bytes:
    # A reference as XML reads it: kept when XML defines it, else what it stands for.
    decimal, hexadecimal, name = match.groups()
    if decimal or hexadecimal:
        code = int(decimal, 10) if decimal else int(hexadecimal, 16)
        return match[0] if _xml_character(code) else b"&#xFFFD;"
    if name is None:
        return b"&amp;"
    text = html.entities.html5.get(name.decode() + ";")
    return "".join(f"&#{ord(c)};" for c in text).encode() if text else b"&amp;" + name + b";"


def _xml_character(code: int) -> bool:
    return (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF)


def _cut(data: bytes, cut: int, utf8: bool) -> int:
    # Where to end a piece at or before `cut` so that no reference, CDATA marker or UTF-8
    # character is cut in two.
    cut = max(cut, 0)
    if unfinished := _UNFINISHED.search(data, max(cut - 40, 0), cut):
        cut = unfinished.start()
    for back in range(1, min(cut, 3) + 1) if utf8 else ():
        byte = data[cut - back]
        if byte < 0x80 or byte >= 0xC0:  # ASCII, or the first byte of a character
            lead = byte >= 0xC0 and (2 if byte < 0xE0 else 3 if byte < 0xF0 else 4) > back
            return cut - back if lead else cut
    return cut


def _declared_encoding(start: bytes) -> str:
    # The encoding an XML declaration names, lower-cased; "" when none is named.
    named = re.match(rb"(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([\w.:-]+)", start)
    return named[1].decode().lower() if named else ""


class ListingReader:
    """Reads a listing (a feed, a sitemap) a piece at a time: `feed(chunk)` and `close()` return
    the (URL, date) entries they completed (`_entry`), and read entries are dropped from memory.
    `kind` is the root element's name once known. After `close()`, `cut_short`: the document
    stopped inside an element (cut off in transit or on the server); `malformed`: it ends with
    its root's end tag, but broken XML before it (a broken tag) lost the root's
    end. lxml's recovering parser raises nothing, and only makes the root's end up at close."""

    def __init__(self):
        self.parser = pull_parser()
        self._slips = CommonSlips()
        self.kind = ""
        self.cut_short = self.malformed = False
        self._ended = False
        self._tail = b""  # the document's last bytes, where its root's end tag is

    def feed(self, chunk: bytes, last: bool = False) -> list[tuple[str, str | None]]:
        self.parser.feed(self._slips.feed(chunk, last))
        self._tail = (self._tail + chunk)[-TAIL:]
        return self._entries()

    def close(self) -> list[tuple[str, str | None]]:
        entries = self.feed(b"", last=True)
        ended = self._ended
        try:
            root = self.parser.close()
        except etree.XMLSyntaxError:
            root = None
        entries += self._entries()
        if not self.kind and root is not None and isinstance(root.tag, str):
            self.kind = etree.QName(root).localname
        if not ended:
            self.malformed = ends_with_end_tag(self._tail, self.kind)
            self.cut_short = not self.malformed
        return entries

    def _entries(self) -> list[tuple[str, str | None]]:
        entries: list[tuple[str, str | None]] = []
        for _, element in self.parser.read_events():
            if not isinstance(element.tag, str):
                continue
            if element.getparent() is None:
                self._ended = True
            else:
                entries.extend(self._entry(element))
        return entries

    def _entry(self, element) -> list[tuple[str, str | None]]:
        """The entries an element that just ended holds (most hold none)."""
        raise NotImplementedError


class FeedReader(ListingReader):
    """An RSS or Atom document's item links and their dates; `next_page`, the address of the
    feed's older items when it is paged (RFC 5005's `<atom:link rel="next">`)."""

    def __init__(self):
        super().__init__()
        self.next_page: str | None = None

    def _entry(self, element) -> list[tuple[str, str | None]]:
        if element.tag == f"{_ATOM}link" and element.get("rel") == "next" and etree.QName(
                element.getparent()).localname in ("feed", "channel"):
            self.next_page = (element.get("href") or "").strip() or None
            return []
        if etree.QName(element).localname == "item":  # RSS 0.9x, 1.0 (RDF) and 2.0
            link = _child_text(element, "link") or _guid_link(element) or element.get(
                "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
        elif element.tag == f"{_ATOM}entry":
            link = next((a.get("href").strip() for a in element.iter(f"{_ATOM}link")
                         if a.get("rel", "alternate") == "alternate" and a.get("href")), None)
        else:
            return []
        # A feed passed through FeedBurner links its redirector; the article's own address
        # (on the outlet's domain) is kept beside it.
        link = _child_text(element, "origLink") or link
        found = [(link, _first(element, _DATES))] if link else []
        forget(element)
        return found


TAIL = 1024  # bytes: a root's end tag, and the spaces and comments after it


def ends_with_end_tag(tail: bytes, kind: str) -> bool:
    """Whether a document's last bytes are the end tag of its root `kind` (any prefix), then
    nothing but spaces and comments: it was sent whole."""
    if not kind:
        return False
    return re.search(rb"</(?:[\w.-]+:)?" + re.escape(kind.encode()) +
                     rb"\s*>(?:\s|<!--.*?-->)*\Z", tail, re.DOTALL) is not None


def forget(element) -> None:
    """Drop an element that was read, and its earlier siblings, so a long document's memory
    stays that of one entry."""
    element.clear()
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]


def read_all(reader, body: bytes) -> list[tuple[str, str | None]]:
    """Every entry of a whole document, through a reader (FeedReader, SitemapReader)."""
    return reader.feed(body) + reader.close()


def feed_entries(body: bytes) -> list[tuple[str, str | None]]:
    """The (article link, date) of every item of an RSS or Atom document, in feed order."""
    return read_all(FeedReader(), body)


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
    """Mixin: requests an outlet's feeds and follows their newest item links."""

    def feed_requests(self, outlet: Outlet) -> Iterable[scrapy.Request]:
        for url in outlet.feeds:
            yield self.source_request(url, self.parse_feed, f"{outlet.name} feed", outlet,
                                      dont_filter=True)

    async def parse_feed(self, response: Response, outlet: dict
                         ) -> AsyncIterator[scrapy.Request]:
        outlet = Outlet.from_data(outlet)
        reader = FeedReader()
        past = []  # the dates it lists from before every story's window: its older pages too

        def keep(url: str, date: str | None) -> bool:
            if not self.in_window_or_after(date):
                past.append(date)
            return self.in_window(date)

        entries, listed = await self.listed_entries(reader, response, keep)
        if not listed and reader.kind not in FEED_ROOTS:
            self.source_unread(response, "not a feed")
            return
        self.source_read()
        self.told_if_not_whole(reader, response, listed)
        if not listed:
            self.logger.warning("no items in feed %s", response.url)
            self.crawler.stats.inc_value("monitor/empty_feeds")
        for request in self.article_requests(entries, outlet):
            yield request
        if not past:  # its older pages may still list articles of a story's window
            older = self.older_page(reader, response, outlet)
            if older:
                yield older

    def older_page(self, reader: FeedReader, response: Response, outlet: Outlet
                   ) -> scrapy.Request | None:
        """The request for a paged feed's older items, on a host the outlet may read from, as
        deep as DEPTH_LIMIT still lets the articles it lists be fetched; None when none."""
        url = reader.next_page and self.absolute(response, reader.next_page)
        if (not url or not outlet.may_read_source(url) or response.meta.get("depth", 0) + 2
                > self.crawler.settings.getint("DEPTH_LIMIT")):
            return None
        return self.source_request(url, self.parse_feed, response.meta["source"], outlet)


class FeedsSpider(FeedSource, OutletSpider):
    """Articles linked from the outlets' RSS and Atom feeds."""

    name = "feeds"
    sources = ("feed_requests",)
