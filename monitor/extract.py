"""Page HTML to article: body text and metadata, with trafilatura.

The only module that imports trafilatura. `monitor extract` and the crawl both call
`extract_article`, with the same `EXTRACTION` settings, so what users see is what gets stored.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

import trafilatura
from trafilatura.settings import Extractor

# Comments and reader replies are not the article; tables often carry the figures a claim cites.
EXTRACTION = {"output_format": "python", "comments": False, "tables": True, "with_metadata": True,
              "precision": False, "recall": False}
MIN_WORDS = 40  # below this, a page is a stub (paywall, teaser, error page), kept but not matched


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

    def as_dict(self) -> dict:
        return asdict(self)


def extract_article(html: str | bytes, source: str) -> Article | None:
    """Read a page's article body and metadata; None when the page has no article text."""
    document = trafilatura.bare_extraction(html, url=source, options=_options(source))
    if document is None or not (document.text or "").strip():
        return None
    text = document.text.strip()
    return Article(
        source=source,
        url=document.url or source,
        title=document.title,
        author=document.author,
        published=document.date,
        language=document.language,
        text=text,
        content_hash=content_hash(text),
        is_stub=len(text.split()) < MIN_WORDS,
    )


def _options(source: str) -> Extractor:
    # An Extractor carries the page's URL, so each page gets its own from the shared settings.
    return Extractor(**EXTRACTION, url=source)


def content_hash(text: str) -> str:
    """A stable fingerprint of article text, blind to whitespace changes."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()
