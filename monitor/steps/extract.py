"""Page HTML to article: body text and metadata, with trafilatura.

The only module that imports trafilatura. `monitor extract`, seeds saved as pages and the crawl
all call `extract_page`, with the same `EXTRACTION` settings, so what users see is what gets
stored.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import charset_normalizer
import cssselect
import htmldate
import lxml.etree
import lxml.html
import numpy as np
import py3langid
import trafilatura
import zstandard
from trafilatura.settings import Extractor
from w3lib.encoding import html_body_declared_encoding

from monitor.steps.dates import writes_day
from monitor.steps.text import ESCAPE_SEQUENCES, MONTHS, WEEKDAYS, is_abbreviation
from monitor.steps.urls import canonical_url, same_site

# Comments and reader replies are not the article; tables often carry the figures a claim cites.
EXTRACTION = {"output_format": "python", "comments": False, "tables": True, "with_metadata": True,
              "precision": False, "recall": False}
# Page furniture that trafilatura keeps on some short pages: share bars and social buttons.
PRUNE = ["//*[contains(concat(' ', normalize-space(@class), ' '), ' share ') or "
         "contains(@class, 'share-') or contains(@class, 'social') or "
         "contains(@class, 'sharing') or contains(@class, 'byline')]"]
# A news page has a few thousand elements; a page of hundreds of thousands holds the extractor
# for minutes in one libxml2 call (400,000 `<p>`: 32 s here, 513 s on a loaded machine), so it is
# refused before trafilatura sees it. Counting '<' over-counts a little (comments, scripts): cheap.
MAX_ELEMENTS = 60_000
MIN_WORDS = 25  # below this, a page is a stub (paywall, teaser, error page), kept but not matched


@dataclass
class Article:
    """What the crawl stores for one page."""

    source: str  # the URL or file the page came from
    url: str  # canonical URL when the page declares one
    title: str | None
    author: str | None
    published: str | None  # ISO date
    language: str | None
    text: str
    content_hash: str
    is_stub: bool


def extract_article(html: str | bytes, source: str) -> Article | None:
    """Read a page's article body and metadata; None when the page has no article text."""
    if isinstance(html, str) and ("\x1b" in html or "\x9b" in html):
        # Whole, before the parser drops their ESC and leaves "[2J" and the like in the text.
        html = ESCAPE_SEQUENCES.sub("", html)
    document = trafilatura.bare_extraction(html, url=source, options=_options(source),
                                           prune_xpath=PRUNE)
    if document is None or not (document.text or "").strip():
        return None
    text = without_page_furniture(document.text.strip())
    return Article(
        source=source,
        url=_canonical(document.url, source),
        title=document.title,
        author=clean_author(document.author),
        published=_published(document.date, html, source, text),
        language=detect_language(text) or document.language,
        text=text,
        content_hash=content_hash(document.title, text),
        is_stub=len(text.split()) < MIN_WORDS or paywalled_part_missing(html),
    )


def without_page_furniture(text: str) -> str:
    """The article text without the page's furniture that extraction leaves in it: link cards
    (`without_link_cards`) and lines of furniture (`without_furniture_lines`)."""
    return without_furniture_lines(without_link_cards(text))


# A line of page furniture, whole: a labelled link to another story ("SEE ALSO: <headline>",
# "Read more: …", "Related: …", "WATCH: …", "Full Coverage: …", or the label alone), a picture's
# label with its caption or credit ("FILE PHOTO: …", "Photo: <credit>", "Image copyright <credit>
# Image caption …", "Media caption …"), a media player's notice ("Media playback is unsupported
# on your device"), a video card ("JUST WATCHED <headline> Replay More Videos …"), a photo
# gallery ("Photos: … Hide Caption 1 of 9 …") or a transcript's direction ("(APPLAUSE)"). Over
# the 3,277 real texts of ../shared/data/news-events: 981 such lines, 478 articles, 34 outlets.
# A label is read only at a line's start and followed by a colon: "see also" in a sentence is prose.
_LINK_LINE = re.compile(
    # (in brackets, or a list's item: "[Read more: …]", "(MORE: …)", "- Photos: …")
    r"(?:[\[(]|[-*\u2022][ \t]+)?"
    r"(?:(?:(?:see|read)(?: (?:also|more))?|watch|more|related|full coverage|go deeper"
    r"|you (?:may|might) also like|(?:file )?photos?|videos?)[ \t]*:"
    r"|file photo[ \t]+[-\u2013\u2014])", re.IGNORECASE)
_FURNITURE_LINE = re.compile(
    r"(?:Image|Media|Video) (?:copyright|caption|source)\b"
    r"|Media playback is (?:unsupported|not supported) on your device\b"
    # a video player's button, then its blurb (USA Today's network: 55 lines of the data set)
    r"|CLOSE(?:[ \t]+[A-Z\"\u201c']|[ \t]*$)"
    r"|\([A-Z][A-Z ,.'-]{1,60}\)[ \t]*$")
# A video card or a gallery, whatever its length: its own markers open and close it.
_PLAYER_LINE = re.compile(r"(?i:just watched\b.*\breplay more videos\b)"
                          r"|(?i:photos?\s*:.*\bhide caption \d+ of \d+\b)")
# A labelled link's headline, or a picture's caption, fits in this; a longer line after a label
# is read as a paragraph that happens to open with one, and kept.
LINK_LINE_WORDS = 60
# An embedded post names its author's handle: its "WATCH:" or "MORE:" is the post's own words.
_EMBEDDED_POST = re.compile(r"\(@\w{1,30}\)")


def without_furniture_lines(text: str) -> str:
    """The text without the lines that are page furniture in every reading
    (`is_furniture_line`, `_in_capitals`): what they say is another story's headline, a
    caption or a notice."""
    lines = text.split("\n")
    # (a post in capitals keeps its words when the line after it names its author's handle)
    capitals = [_in_capitals(line) and not _EMBEDDED_POST.search(_next_line(lines, i))
                for i, line in enumerate(lines)]
    # A text mostly in capitals (a wire's old style) is prose written so: all of it kept.
    words = sum(len(line.split()) for line, c in zip(lines, capitals, strict=True) if c)
    if words * 2 > len(text.split()):
        capitals = [False] * len(lines)
    kept = [line for line, c in zip(lines, capitals, strict=True)
            if not c and not is_furniture_line(line)]
    if len(kept) == len(lines):
        return text
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


# A line in capitals of several words is a link to another story set so ("SENATOR SAYS TALKS
# WILL RESUME", 849 lines of 314 of the 3,277 real texts of ../shared/data/news-events, 146 of
# them read as claims of the seed) or a heading, not a sentence of the article: its words and
# names are the other story's. An embedded post in capitals names its author's handle: kept.
CAPITALS_LINE_WORDS = 4
CAPITALS_LINE_LETTERS = 15


def _in_capitals(line: str) -> bool:
    """Whether a line is written in capitals: several words, nearly no lower-case letter."""
    if len(line.split(None, CAPITALS_LINE_WORDS - 1)) < CAPITALS_LINE_WORDS:
        return False
    upper = sum(map(str.isupper, line))
    return (upper >= CAPITALS_LINE_LETTERS and sum(map(str.islower, line)) * 10 <= upper
            and not _EMBEDDED_POST.search(line))


def _next_line(lines: list[str], i: int) -> str:
    """The first line after the i-th with words on it ("" if none)."""
    return next((line for line in lines[i + 1:i + 4] if line.strip()), "")


def is_furniture_line(line: str) -> bool:
    """A line of page furniture, whole (`without_furniture_lines`)."""
    line = line.strip()
    if _EMBEDDED_POST.search(line):
        return False  # a post's own words: "WATCH: … — Ana Ruiz (@AnaRuiz) May 1, 2020"
    if _PLAYER_LINE.match(line):
        return True
    if len(line.split(None, LINK_LINE_WORDS)) > LINK_LINE_WORDS:
        return False  # a paragraph that happens to open with a label
    return bool(_FURNITURE_LINE.match(line) or _LINK_LINE.match(line))


# A link card run into the text where a name is shown: "Sen. Ada Lund Ada Marie LundLund
# pushes port bill Senate passes … MORE (D-Nova) said". The name, then the person's full name
# (glued to) the headlines of other stories and "MORE" (how The Hill's pages read: 908 of them
# in its 288 articles of ../shared/data/news-events). Those headlines are other stories' words,
# names and quotations: left in, the article shares them with stories it does not cover.
_MORE = re.compile(r"(?:\b|(?<=[a-z]))MORE\b(?!:)")
_GLUED = re.compile(r"(?<!\bMc)(?<!\bMac)(?<!\bDe)(?<!\bDi)(?<!\bLa)(?<!\bLe)"
                    r"(?<=[a-z])(?=[A-Z0-9])")
_TOKEN = re.compile(r"\S+")
_TOKEN_EDGES = "()[]:,;.\"'\u201c\u201d\u2018\u2019"
_SUFFIXES = frozenset({"Jr", "Sr"})
_PARTICLES = frozenset({"de", "del", "della", "da", "di", "du", "van", "von", "der", "den",
                        "la", "le", "bin", "al", "el", "ibn"})
# A sentence's end, which a card's headlines do not have: a word (not an abbreviation, but
# "voted no." ends one) and its full stop before the next sentence. (A headline may end on a
# question mark.)
_SENTENCE_END = re.compile(r"\b([A-Za-z][a-z]+)\.(?=([\"\u201d\u2019)]*\s+[A-Z\"\u201c]))")
CARD_CHARS = 700  # a card's full name and headlines fit in this, before its "MORE"


def without_link_cards(text: str) -> str:
    """The text without the link cards run into it after a person's name (`_MORE`)."""
    if "MORE" not in text:
        return text
    kept, last, after_more = [], 0, 0
    for more in _MORE.finditer(text):
        start = _card_start(text, max(after_more, more.start() - CARD_CHARS), more.start())
        after_more = more.end()
        if start is not None:
            kept.append(text[last:start])
            last = more.end()
    kept.append(text[last:])
    return "".join(kept)


def _card_start(text: str, start: int, end: int) -> int | None:
    """Where a card ending at `end` starts: right after the shown name, whose family name ends
    the full name after it, glued to the first headline or to "MORE" ("Joe Biden Joe
    BidenTrump …", "Ted Cruz Rafael (Ted) Edward CruzMORE"), with only headlines (no sentence's
    end, no new line) from there to "MORE". Without the glue, capitals that repeat a name are
    prose or a chant ("Ana Ruiz Ana Ruiz will back the MORE Act"), and are kept."""
    line = text.rfind("\n", start, end) + 1 or start
    if not _GLUED.search(text, line, end) and not text[end - 1:end].isalpha():
        return None  # no glue at all: most lines, read no further
    ends = [m.end(2) for m in _SENTENCE_END.finditer(text, line, end)
            if not is_abbreviation(m.group(1)) or m.group(1) == "no"]
    words = list(_words(text, line, end))
    for j, (word, _, at) in enumerate(words):
        to_more = at == end
        if not (to_more or text[at:at + 1].isalnum()) or word in _PARTICLES:
            continue  # glued: "LundAda", "LundMORE"; not "(Tom)", "Lund Ada"
        i = next((i for i in range(j - 2, max(-1, j - 7), -1) if words[i][0] == word), None)
        if i is None or not _full_name(words, i, j, text):
            continue
        if (ends and ends[-1] > at) or not to_more and len(words) - j < 3:
            continue
        # the shown name's suffix is the shown name's: "Donald Trump Jr. Donald (Don) …"
        return words[i + 1][2] + 1 if words[i + 1][0] in _SUFFIXES else words[i][2]
    return None


def _full_name(words: list[tuple[str, int, int]], i: int, j: int, text: str) -> bool:
    """Whether the words after `i` up to `j` read as a full name right after a shown one: name
    words (capitalised, initials, particles), a space apart, the shown family name only last."""
    for k in range(i + 1, j + 1):
        word = words[k][0]
        if not (word[:1].isupper() or word in _PARTICLES) or word == words[i][0] and k < j:
            return False
        between = text[words[k - 1][2]:words[k][1]].strip("() ")
        if between and not (between == "." and (len(words[k - 1][0]) == 1
                                                 or words[k - 1][0] in _SUFFIXES)):
            return False  # a comma, a full stop: "New York, New York", "The Hague. The court"
    return True


def _words(text: str, start: int, end: int) -> Iterator[tuple[str, int, int]]:
    """Each word between `start` and `end`, where it starts and ends: words glued without a
    space ("LundLund") read apart, edges' punctuation left off."""
    for token in _TOKEN.finditer(text, start, end):
        raw = token.group(0)
        cuts = [0, *(g.start() for g in _GLUED.finditer(raw)), len(raw)]
        for a, b in itertools.pairwise(cuts):
            word = raw[a:b].strip(_TOKEN_EDGES)
            if word:
                at = token.start() + raw.index(word, a)
                yield word, at, at + len(word)


# What a byline's date leaves behind once trafilatura has dropped its digits ("Ann Lee
# November", "Ann Lee Monday; November"), with the word that led in the date.
_DATE_WORDS = frozenset([*MONTHS, *WEEKDAYS, "published", "updated", "posted"])
_LEADING_WORDS = re.compile(r"^(?:analysis|opinion|commentary|review|reporting)\s+by\s+",
                            re.IGNORECASE)
_DESCRIBED = re.compile(r"\s+is\s+(?:a|an|the)\s.*$", re.IGNORECASE)  # "Ann Lee is a reporter…"
# A job title given as an author of its own after the name ("Ann Lee; AP Sports Writer").
_ROLE = re.compile(r"^(?:[\w.&'-]+\s+){0,3}(?:writer|reporter|correspondent|columnist|contributor|"
                   r"editor(?:-at-large)?)s?$", re.IGNORECASE)


def clean_author(author: str | None) -> str | None:
    """The people a page names as its authors, without what its byline had around them: the
    date's words, "Analysis by", a job title after the name, "… is a reporter for …"."""
    names: list[str] = []
    for i, part in enumerate((author or "").split(";")):
        tokens = _DESCRIBED.sub("", _LEADING_WORDS.sub("", part.strip())).split()
        dated = [t.lower().strip(".,") in _DATE_WORDS for t in tokens]
        while len(tokens) > 2 and dated[len(tokens) - 1]:  # "Theresa May" stays whole
            tokens.pop()
        name = " ".join(tokens)
        # A first part is kept whole: it may be a name ("June Carter Cash; Staff Writer").
        if name and not (i and (_ROLE.match(name) or all(dated))):
            names.append(name)
    return "; ".join(names) or None


# schema.org's paywall markup, as search engines ask news sites to give it: the page (JSON-LD)
# says it is not free and names its paywalled part with a CSS selector.
# Looked for with `in` first (a regex over a whole page costs milliseconds a page): schema.org's
# names are case-sensitive, and most pages that carry the mark say they are free.
_NOT_FREE = re.compile(r"isAccessibleForFree\W{0,8}(?i:false)")
_NOT_FREE_BYTES = re.compile(rb"isAccessibleForFree\W{0,8}(?i:false)")


def paywalled_part_missing(html: str | bytes) -> bool:
    """Whether the page declares a paywalled part (isAccessibleForFree false, with its CSS
    selector) and holds a stub's few words in it: the teaser of an article behind a paywall."""
    binary = isinstance(html, bytes)
    if (b"isAccessibleForFree" if binary else "isAccessibleForFree") not in html or not (
            _NOT_FREE_BYTES if binary else _NOT_FREE).search(html):
        return False  # nearly every page: no second parse
    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return False
    selectors = [part.get("cssSelector") for data in _json_ld(tree) for thing in _things(data)
                 if _not_free(thing) for part in _parts(thing) if _not_free(part)]
    # Without a selector the page does not say where its locked text is: its length decides.
    selectors = [s for s in selectors if isinstance(s, str) and s.strip()]
    if not selectors:
        return False
    try:
        locked = [element for s in selectors for element in tree.cssselect(s)]
    except (cssselect.SelectorError, lxml.etree.XPathError):  # one it cannot read ("svg|a")
        return False
    return sum(len(element.text_content().split()) for element in locked) < MIN_WORDS


def _json_ld(tree) -> Iterator[object]:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            yield json.loads(script.text_content())
        except (ValueError, RecursionError):  # not JSON, or nested past Python's stack
            continue


def _things(data: object) -> Iterator[dict]:
    """Every object of a JSON-LD document: lists and `@graph`s walked."""
    if isinstance(data, list):
        for item in data:
            yield from _things(item)
    elif isinstance(data, dict):
        yield data
        yield from _things(data.get("@graph"))


def _parts(thing: dict) -> list:
    parts = thing.get("hasPart")
    return [p for p in (parts if isinstance(parts, list) else [parts]) if isinstance(p, dict)]


def _not_free(thing: dict) -> bool:
    return str(thing.get("isAccessibleForFree", "")).strip().lower() in ("false", "0", "no")


def _published(found: str | None, html: str | bytes, source: str, text: str) -> str | None:
    """The page's publication date, or None when all there is is a bare year in its text (a
    footer's "Copyright 2026", "the largest since 2019"), which the extensive search gives as
    1 January of that year, or a date that the article's own text reports (a law's, a photo's,
    a quoted post's): an undated article is decided as one, a made-up date misleads (serving
    real articles with no date of their own, 2 of the 8 dates read so were 18 days and three
    years off their stories, shown as days apart)."""
    if not found:
        return None
    from_text = found.endswith("-01-01") or writes_day(text, found)
    # The date the page's own markup gives (its metadata, its byline), if any.
    return htmldate.find_date(html, extensive_search=False, original_date=True,
                              url=source) if from_text else found


class TooComplex(ValueError):
    """A page with more elements than anyone's article (MAX_ELEMENTS), refused unread."""


def check_elements(body: bytes, limit: int = MAX_ELEMENTS) -> None:
    """Refuse (`TooComplex`) a page with more than `limit` tags, counted as '<' characters."""
    if len(body) <= limit:  # fewer bytes than the limit: fewer tags too
        return
    # Counted by NumPy: a third of the time of `bytes.count`, whose loop takes a byte at a time.
    tags = int(np.count_nonzero(np.frombuffer(body, dtype=np.uint8) == ord("<")))
    if tags > limit:
        raise TooComplex(f"too many elements to read ({tags:,} tags; the limit is {limit:,})")


def extract_page(body: bytes, source: str, declared: str | None = None,
                 max_elements: int = MAX_ELEMENTS) -> Article | None:
    """Read a page from its raw bytes: decode them (`decode_page`), then extract the article.

    `declared` is the encoding the server declared; without one, the page's own `<meta charset>`.
    A page of over `max_elements` tags raises `TooComplex`.
    """
    check_elements(body, max_elements)
    declared = declared or html_body_declared_encoding(body)
    return extract_article(decode_page(body, declared), source)


# Written for `load_resources`: short enough to send trafilatura to its fallback extractor.
_SAMPLE_PAGE = b"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Council approves new bridge</title><meta name="author" content="A. Writer">
<meta property="article:published_time" content="2026-01-02"></head><body>
<nav><a href="/">Home</a></nav><article><h1>Council approves new bridge</h1>
<p>The city council voted on Tuesday to build a new bridge over the river, the mayor said.</p>
<p>Work is due to start next spring and to cost about 40 million euros, the plan says.</p>
</article><footer>Copyright</footer></body></html>"""


def load_resources() -> None:
    """Load what extraction loads on its first page: justext's stop-word lists, the public
    suffix list and the language model."""
    extract_page(_SAMPLE_PAGE, "https://news.example.com/2026/01/02/bridge")


def _options(source: str) -> Extractor:
    # An Extractor carries the page's URL, so each page gets its own from the shared settings.
    return Extractor(**EXTRACTION, url=source)


# What WHATWG reads as windows-1252 (the labels latin1, ascii, iso-8859-1 and friends).
_WINDOWS_1252 = ("cp1252", "latin_1", "ascii")
# How much messier than the detector's best guess cp1252 may read and still be preferred: the
# guesses it makes over cp1252 on short Western texts are a few hundredths better at most,
# while cp1252 read into Polish or Cyrillic bytes is messier than the detector keeps (0.2).
_CP1252_MARGIN = 0.1
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_UNKNOWN_TYPES = ("", "application/octet-stream", "binary/octet-stream", "text/plain")


def is_web_page(content_type: str, body: bytes) -> bool:
    """HTML by its Content-Type, or by its first bytes when the type is missing or generic."""
    kind = content_type.split(";")[0].strip().lower()
    if kind in _HTML_TYPES:
        return True
    if kind not in _UNKNOWN_TYPES:
        return False  # PDFs, images, video, feeds...
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<p", b"<div",
                            b"<article"))


def decode_page(body: bytes, declared: str | None) -> str:
    """Page bytes as text: the declared encoding when the bytes fit it, else a detected one.

    Servers often declare UTF-8 for cp1252 text, or declare nothing at all.
    """
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                return body.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
    head = body[:200_000]
    best = charset_normalizer.from_bytes(head).best()
    if best is None or not best.encoding or best.encoding in _WINDOWS_1252:
        return body.decode("cp1252", errors="replace")
    if _prefers_cp1252(head, best):
        return body.decode("cp1252", errors="replace")
    return body.decode(best.encoding, errors="replace")


def _prefers_cp1252(head: bytes, best: charset_normalizer.CharsetMatch) -> bool:
    """Whether undeclared bytes are read as Windows-1252 rather than the detector's guess: over
    a guess in Latin letters, unless cp1252 reads clearly messier."""
    # Browsers read unlabelled Western pages as windows-1252 (WHATWG), and on short texts the
    # detector ranks a Latin neighbour (cp1250, cp775, cp852) a hair above it, which turns
    # “café” into ōcafķö. A guess in another script (Cyrillic, Greek, Hebrew, CJK) is kept.
    if not _mostly_latin(str(best)):
        return False
    try:
        head.decode("cp1252")
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined: not cp1252 text
        return False
    cp1252 = charset_normalizer.from_bytes(head, cp_isolation=["cp1252"]).best()
    return cp1252 is not None and cp1252.chaos <= best.chaos + _CP1252_MARGIN


def _mostly_latin(text: str) -> bool:
    """Whether most of a text's letters beyond ASCII are Latin ones (é, ł, ş; not б, λ, 字)."""
    letters = [c for c in text if c > "\x7f" and c.isalpha()]
    latin = sum(unicodedata.name(c, "").startswith("LATIN") for c in letters)
    return latin * 2 >= len(letters)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of a text's language, from its words (py3langid's bundled model)."""
    if len(text.split()) < 5:
        return None
    return py3langid.classify(text[:5000])[0]


def _canonical(declared: str | None, source: str) -> str:
    # A page may only name a canonical URL on its own site (scheme, host and port, see
    # `same_site`): a hostile page must not be able to overwrite another outlet's article,
    # or another server's on the same host, by claiming its URL.
    if declared and same_site(declared, source):
        return canonical_url(declared)
    return canonical_url(source) if urlsplit(source).scheme in ("http", "https") else source


def declared_address(html: bytes) -> str | None:
    """The web address a page says it is published at, as a page saved to a file keeps it:
    its canonical link, else its `og:url`; None when neither is a web address of a page (a
    site's home page is none). (Not trafilatura's reading, which falls back on a `<base>` or
    a language version's link: the site's home page.)"""
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None
    canonical = [link.get("href") for link in tree.iter("link")
                 if "canonical" in (link.get("rel") or "").lower().split()]
    og_url = [meta.get("content") for meta in tree.iter("meta")
              if (meta.get("property") or meta.get("name") or "").strip().lower() == "og:url"]
    for found in (*canonical, *og_url):
        address = (found or "").strip()
        if address.startswith("//"):  # scheme-relative: as the page was most likely served
            address = "https:" + address
        if stored := page_address(address):
            return stored
    return None


def page_address(address: str) -> str | None:
    """`address` as the crawl stores it (`canonical_url`) when it is a web page's: http or
    https, a host, and a path or query once tracking is stripped ("/?p=4512" is a page,
    "/?utm_source=feed" the site's home); else None."""
    try:
        parts = urlsplit(address)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        stored = canonical_url(address)
        kept = urlsplit(stored)
    except ValueError:  # "http://[broken": no address
        return None
    return stored if kept.path.strip("/") or kept.query else None


def content_hash(title: str | None, text: str) -> str:
    """A stable fingerprint of an article's headline and text, blind to whitespace changes: a
    changed headline alone is a new version, as a changed text is."""
    words = " ".join((title or "").split()) + "\n" + " ".join(text.split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def html_hash(html: bytes) -> str:
    """A fingerprint of a page's raw bytes: equal hashes need no re-extraction."""
    return hashlib.sha256(html).hexdigest()


def pack_page(html: bytes) -> bytes:
    """A raw page compressed for the `pages.html_zst` column.

    zstd level 3: on real news pages as small as gzip level 6 in a seventh of the time, and this
    runs for every page a crawl fetches.
    """
    return _compressor().compress(html)


_COMPRESSORS = threading.local()  # a compressor is not to be shared between threads


def _compressor() -> zstandard.ZstdCompressor:
    # One a thread, made once rather than a page (the same bytes out: one-shot frames with the
    # same parameters).
    found = getattr(_COMPRESSORS, "zstd", None)
    if found is None:
        found = _COMPRESSORS.zstd = zstandard.ZstdCompressor(level=3)
    return found


def unpack_page(html_zst: bytes | None, html_gz: bytes | None = None) -> bytes | None:
    """A raw page back from the `pages` columns that hold it (None if neither does)."""
    if html_zst:
        return zstandard.ZstdDecompressor().decompress(html_zst)
    # Pages stored before m005 are gzip-compressed in html_gz.
    return gzip.decompress(html_gz) if html_gz else None
