"""One article, one URL: canonical forms of article URLs, and which links look like articles."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url

_AMP_PATH = re.compile(r"(?:/amp(?=/|$)|\.amp(?=\.html?$|$))", re.IGNORECASE)
_NOT_ARTICLES = re.compile(
    r"/(?:tag|tags|topic|topics|author|authors|category|categories|section|search|page|video|"
    r"videos|gallery|photos|live|newsletters?|subscribe|login|account|about|contact|privacy|"
    r"terms)(?:/|$)|\.(?:jpe?g|png|gif|svg|webp|pdf|mp[34]|css|js|xml|rss|zip)$",
    re.IGNORECASE,
)


def canonical_url(url: str) -> str:
    """The form of an article URL we store: tracking parameters, fragments and AMP removed."""
    try:
        url = normalize_url(url.strip(), strict=True)
    except (ValueError, TypeError):
        return url.strip()
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host.startswith("amp."):
        host = host[4:]
    netloc = host if parts.port in (None, 80, 443) else f"{host}:{parts.port}"
    path = _AMP_PATH.sub("", parts.path) or "/"
    return urlunsplit((parts.scheme, netloc, path, parts.query, ""))


def looks_like_article(url: str) -> bool:
    """A link from a search or listing page that is worth fetching as a candidate article."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or _NOT_ARTICLES.search(parts.path):
        return False
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    dated = re.search(r"/(?:19|20)\d\d[/-]", parts.path)
    slug = last.count("-") >= 2 or len(last) >= 25
    numbered = bool(re.search(r"\d{5,}", last))
    return bool(dated or slug or numbered)
