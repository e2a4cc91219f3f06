"""One article, one URL: canonical forms of article URLs, and which links look like articles."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url

_AMP_PATH = re.compile(r"(?:/amp(?=/|$)|\.amp(?=\.html?$|$))", re.IGNORECASE)
_NOT_ARTICLES = re.compile(
    r"/(?:tag|tags|topic|topics|author|authors|category|categories|section|search|page|video|"
    r"videos|gallery|photos|newsletters?|subscribe|login|account|about|contact|privacy|"
    r"terms)(?:/|$)|/live/?$|\.(?:jpe?g|png|gif|svg|webp|pdf|mp[34]|css|js|xml|rss|zip)$",
    re.IGNORECASE,
)
# A link's text of this many words reads as a headline: navigation says "News", "Sport",
# "World news"; a search result is listed under its article's headline.
HEADLINE_WORDS = 4


STANDARD_PORTS = {"http": 80, "https": 443}
# A crawl reads each page's URL several times over (its request, the middleware that records
# it, the page's item; an outlet's checks of a request and of its answer): the answers of the
# pure functions below are kept for the URLs of the pages in flight, not worked out again
# (12 and 7 µs a call here: about 0.05 ms a page of the crawl's main process, bench/README.md).
URLS_REMEMBERED = 4096


def origin(url: str) -> tuple[str, str, int] | None:
    """The (scheme, host, port) of an http(s) URL, the port filled in when the URL leaves it
    out; None for other schemes and for URLs without a host or with a bad port."""
    # Not a string (a setting's value read from JSON, say): no URL, and nothing to remember.
    return _origin(url) if isinstance(url, str) else None


@lru_cache(maxsize=URLS_REMEMBERED)
def _origin(url: str) -> tuple[str, str, int] | None:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except (ValueError, AttributeError):
        return None
    scheme = parts.scheme.lower()
    if scheme not in STANDARD_PORTS or not parts.hostname:
        return None
    return scheme, parts.hostname, STANDARD_PORTS[scheme] if port is None else port


def on_standard_port(url: str) -> bool:
    """Whether an http(s) URL is on its scheme's own port (80 for http, 443 for https)."""
    found = origin(url)
    return found is not None and found[2] == STANDARD_PORTS[found[0]]


def site(url: str) -> str:
    """An http(s) URL's host, with its port when not the standard one: another port is another
    site, so a warning that names only the host would name the outlet's own ("127.0.0.1")."""
    _, host, port = origin(url)
    return host if on_standard_port(url) else f"{host}:{port}"


def same_site(url: str, other: str) -> bool:
    """Whether two URLs are on one site: the same scheme, host and port, or the same host on
    the standard ports (a page fetched over http may name its https address).

    Another port of the same host is another server, and may be one nobody should reach.
    """
    a, b = origin(url), origin(other)
    if a is None or b is None:
        return False
    return a == b or (a[1] == b[1] and on_standard_port(url) and on_standard_port(other))


@lru_cache(maxsize=URLS_REMEMBERED)
def canonical_url(url: str) -> str:
    """The form of an article URL we store: tracking parameters, fragments and AMP removed."""
    try:
        url = normalize_url(url.strip(), strict=True)
        parts = urlsplit(url)
        port = parts.port
    except (ValueError, TypeError):
        return url.strip()
    host = parts.hostname or ""
    if host.startswith("amp."):
        host = host[4:]
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address
    # Only the scheme's own port goes without saying: http://host:443/ is not http://host/.
    netloc = host if port in (None, STANDARD_PORTS.get(parts.scheme)) else f"{host}:{port}"
    path = _AMP_PATH.sub("", parts.path) or "/"
    return urlunsplit((parts.scheme, netloc, path, parts.query, ""))


def looks_like_article(url: str, text: str = "") -> bool:
    """A link from a search or listing page that is worth fetching as a candidate article: its
    address looks like an article's, or its `text` (the link's words) like a headline."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or _NOT_ARTICLES.search(parts.path):
        return False
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    dated = re.search(r"/(?:19|20)\d\d[/-]", parts.path)
    slug = last.count("-") >= 2 or len(last) >= 25
    numbered = bool(re.search(r"\d{5,}", last))
    headline = len(text.split()) >= HEADLINE_WORDS and parts.path.strip("/") != ""
    return bool(dated or slug or numbered or headline)
