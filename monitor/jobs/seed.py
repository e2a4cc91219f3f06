"""The work behind the commands: register a seed, crawl, match. I/O lives here, not in the steps."""

from __future__ import annotations

import http.client
import logging
import os
import queue
import re
import threading
import time
import unicodedata
import urllib.error
import urllib.request
from pathlib import Path

import charset_normalizer
from sqlite_utils import Database

from monitor.crawler import addresses
from monitor.crawler.settings import (
    DOWNLOAD_MAXSIZE,
    DOWNLOAD_TIMEOUT,
    REDIRECT_MAX_TIMES,
    USER_AGENT,
)
from monitor.faces.terminal import clean, error_line
from monitor.jobs.match import match_stories
from monitor.jobs.stories import save_seed
from monitor.steps.claims import read_seed, unwrapped
from monitor.steps.dates import parse_date
from monitor.steps.extract import (
    TooComplex,
    declared_address,
    decode_page,
    detect_language,
    extract_page,
    page_address,
)
from monitor.steps.text import STOPWORDS
from monitor.steps.urls import origin
from monitor.store import rows

logger = logging.getLogger(__name__)
MATCH_WORKERS = os.cpu_count() or 1
SAVE_EVERY = 100  # articles a transaction
CHUNK = 2_000  # articles read into memory at a time
POOL_FROM = 300  # articles; below this, starting worker processes costs more than it saves


# A long read is 10,000 words, some 60,000 characters; a seed far longer is not one article, and
# finding claims in 50 MB of text took over ten minutes.
MAX_SEED_CHARACTERS = 200_000

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class StoryExists(ValueError):
    """The story being added is registered already (same slug, headline or seed text)."""


def add_seed(db: Database, source: str, slug: str | None = None, query: str | None = None,
             published: str | None = None, window_days: int | None = None,
             aggregators: list[str] | None = None, replace: bool = False,
             url: str | None = None) -> tuple[int, str]:
    """Register a story from a seed file or URL; returns its id and slug.

    The search query defaults to one made from the seed (`Seed.query`); `published` (the seed's
    date, from the page when the seed is a URL) centres the crawl's time window. A story with
    the same slug (or headline, when no slug is given) or seed text is refused (`StoryExists`)
    unless `replace`: then it gets the new claims, keeps its articles, history and the settings
    not given again, and is matched again. `url` says where a seed file's text is published:
    the crawl then knows that page as the seed's own, never coverage.
    """
    if slug is not None and not SLUG.fullmatch(slug):
        raise ValueError(f"--slug {slug!r}: use lower-case letters, digits and hyphens "
                         f"(like port-strike)")
    pasted_address = _pasted_seeds_address(source, url) if url is not None else None
    text, page_date, address = _seed_text(source)
    address = pasted_address or address
    published = published or page_date
    if len(text) > MAX_SEED_CHARACTERS:
        raise ValueError(f"{source}: too long for a news article ({len(text):,} characters; "
                         f"the limit is {MAX_SEED_CHARACTERS:,})")
    seed = read_seed(text)
    for note in seed.notes:  # (a seed of thousands of claims: the rest left unread)
        logger.warning("%s: %s", source, note)
    if not seed.claims:
        raise ValueError(f"{source}: no claims found; is this a news article?")
    if published and parse_date(published) is None:
        raise ValueError(f"--published {published!r}: not a date (use YYYY-MM-DD)")
    existing = _story_replaced(db, slug or slugify(seed.title) or None, text, replace,
                               title=None if slug else seed.title)
    slug = slug or (existing and existing["slug"]) or slugify(seed.title) \
        or slugify(Path(source).stem) or "story"
    given = {"query": query, "published": published, "window_days": window_days,
             "aggregators": aggregators or None}
    if existing:  # what is not given again stays as it was
        given = {name: value for name, value in given.items() if value is not None}
        kept = db["stories"].get(existing["id"])["source"] or ""
        if url is None and not _on_the_web(address) and _on_the_web(kept):
            address = kept  # a corrected seed file: its page's address (`--url`) kept
    else:
        given = {**given, "query": query or seed.query(), "aggregators": aggregators or []}
    story = save_seed(db, slug, seed, text, address, story_id=existing and existing["id"],
                      language=detect_language(seed.body), **given)
    if existing:  # every article again: the claims and settings may have changed
        match_stories(db, slug, everything=True)
    return story, slug


def _on_the_web(source: str) -> bool:
    """Whether a seed's source (or a story's stored one) is a web address, not a file."""
    return re.match(r"https?://", source) is not None


def _seed_text(source: str) -> tuple[str, str | None, str]:
    """The seed's text, the date a web page gives, and where the seed is: its URL, or for a
    saved page the address it declares for itself (its canonical link or og:url), else the
    file."""
    if _on_the_web(source):
        return (*_fetch_seed(source), source)
    raw = _read_seed_file(source)
    if re.match(rb"\s*<(?:!doctype html|html|head|body)", raw, re.IGNORECASE):
        text, published = _seed_from_html(raw, source)  # a saved web page
        # The crawl then knows the seed's own page when it meets it: not a copy counted.
        return text, published, declared_address(raw) or source
    return unwrapped(_decode_seed(raw, source)), None, source


def _pasted_seeds_address(source: str, url: str) -> str:
    """The address a seed file's text is published at, as the crawl will store that page."""
    if _on_the_web(source):
        raise ValueError("--url is for a seed file; a seed fetched from a URL is its own page")
    address = page_address(url.strip())
    if address is None or clean(url.strip()) != url.strip():  # (a control character in it)
        raise ValueError(f"--url {url!r}: not the address of a web page "
                         f"(like https://example.com/2025/08/the-story.html)")
    return address


def _story_replaced(db: Database, slug: str | None, text: str, replace: bool,
                    title: str | None = None) -> dict | None:
    """The story a seed registers again (the same slug, headline or text), or None for a new
    one; refused (`StoryExists`) unless `replace`, and when slug and text are two stories'."""
    same_slug = rows.find_story(db, slug=slug)
    # A slug made from the headline: the story may have been named by another version's rule
    # (before figures were kept whole), and a corrected seed keeps its headline.
    same_text = rows.find_story(db, seed_text=text) or (
        title and rows.find_story(db, title=title)) or None
    existing = same_slug or same_text
    if existing and not replace:
        what = "story {!r} exists" if same_slug else "this seed is already story {!r}"
        raise StoryExists(f"{what.format(existing['slug'])} ({existing['title']}); add "
                          f"--replace to register it again, keeping its articles")
    if same_slug and same_text and same_slug["id"] != same_text["id"]:
        raise StoryExists(f"this seed text is story {same_text['slug']!r} already; "
                          f"story {same_slug['slug']!r} cannot take it too")
    return existing


def _read_seed_file(source: str) -> bytes:
    try:
        if Path(source).stat().st_size > DOWNLOAD_MAXSIZE:
            raise ValueError(f"{source}: too big for a seed (over {DOWNLOAD_MAXSIZE:,} bytes, "
                             f"the crawl's page limit)")
        return Path(source).read_bytes()
    except FileNotFoundError:
        raise ValueError(f"{source}: no such file") from None
    except OSError as e:
        raise ValueError(f"{source}: cannot read the seed ({e.strerror})") from None


def _decode_seed(raw: bytes, source: str) -> str:
    # Seeds pasted on Windows are often cp1252; the crawl's page decoder knows those bytes.
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in raw or charset_normalizer.from_bytes(raw[:200_000]).best() is None:
        raise ValueError(f"{source}: not a text file (neither UTF-8 nor another encoding "
                         f"it could be read in)")
    return decode_page(raw, None)


def _fetch_seed(url: str) -> tuple[str, str | None]:
    try:
        html = read_page_source(url)
    except FetchError as e:
        raise ValueError(f"{url}: cannot fetch the seed ({e})") from None
    except RefusedRedirect as e:
        raise ValueError(f"{url}: {e}") from None
    return _seed_from_html(html, url)


class RefusedRedirect(ValueError):
    """A page outside a crawl redirected where the crawl would not go."""


class FetchError(ValueError):
    """A page outside a crawl could not be fetched; the message says why, in one line."""


TOO_SLOW = "gave no complete answer within {:g} s"


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """urllib's redirects, checked as the crawl checks them (monitor/crawler/addresses.py): urllib
    itself follows ftp: and goes to any address."""

    max_redirections = REDIRECT_MAX_TIMES

    def __init__(self, allowed: set):
        self.allowed = allowed

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        why = addresses.refusal(newurl, self.allowed)
        if why is not None:
            fp.close()
            raise RefusedRedirect(f"redirected to {newurl[:200]}, not followed: {why}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def read_page_source(source: str, seconds: float = DOWNLOAD_TIMEOUT) -> bytes:
    """A page's bytes from a file or an http(s) URL (one page, outside a crawl).

    A redirect is followed only where the crawl would follow it (`RefusedRedirect` otherwise);
    an answer that fails, or is not complete within `seconds`, is a `FetchError`.
    """
    if not source.startswith(("http://", "https://")):
        return Path(source).read_bytes()
    # urllib's timeout bounds each read, not the whole answer (connecting, headers, body): a
    # server sending a byte now and then would hold the command for ever. So the fetch runs in a
    # thread, given up at the deadline as the crawl gives up; a daemon, it cannot keep the
    # command from ending.
    answer: queue.SimpleQueue = queue.SimpleQueue()
    threading.Thread(target=_fetch_into, args=(answer, source, seconds), daemon=True).start()
    try:
        body, error = answer.get(timeout=seconds)
    except queue.Empty:
        raise FetchError(TOO_SLOW.format(seconds)) from None
    if error is not None:
        raise error
    return body


def _fetch_into(answer: queue.SimpleQueue, url: str, seconds: float) -> None:
    try:
        answer.put((_download(url, seconds), None))
    except (OSError, http.client.HTTPException) as e:  # a bad status line raises the latter
        answer.put((None, FetchError(_one_line(e))))
    except Exception as e:  # raised again in the thread that asked
        answer.put((None, e))


def _download(url: str, seconds: float) -> bytes:
    deadline = time.monotonic() + seconds
    # The URL the user gave is theirs to fetch, loopback included; where it redirects is not.
    opener = urllib.request.build_opener(_CheckedRedirects({origin(url)}))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    body = bytearray()
    with opener.open(request, timeout=DOWNLOAD_TIMEOUT) as response:
        while chunk := response.read1(65_536):
            body += chunk
            if len(body) > DOWNLOAD_MAXSIZE:  # refused, as the crawl refuses it, rather than cut
                raise FetchError(f"over {DOWNLOAD_MAXSIZE:,} bytes, the crawl's page limit")
            if time.monotonic() > deadline:  # given up by the caller too: read no more
                raise FetchError(TOO_SLOW.format(seconds))
    return bytes(body)


def _one_line(error: Exception) -> str:
    """Why a fetch failed: urllib's errors say it themselves ("HTTP Error 404: Not Found");
    others need their kind ("BadStatusLine: " and the line the server sent)."""
    if isinstance(error, urllib.error.URLError):
        return " ".join(str(error).split())[:500]
    return error_line(error)


def _seed_from_html(html: bytes, source: str) -> tuple[str, str | None]:
    """A web page's headline and text, and its date."""
    try:
        article = extract_page(html, source)
    except TooComplex as e:
        raise ValueError(f"{source}: {e}") from None
    if article is None:
        raise ValueError(f"{source}: no article text found on that page")
    return f"{article.title or ''}\n{article.text}", article.published


# Letters that no accent stripping spells plainly.
_PLAIN_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "ł": "l",
                                "Ł": "l", "đ": "d", "Đ": "d", "þ": "th", "Þ": "th", "œ": "oe",
                                "Œ": "oe"})


def slugify(title: str) -> str:
    """A short URL-safe name for a story, from its title's first six words ("6.2" one of them),
    not ending on a little word or on a number cut from what it counts ("…-facebook-for-5")."""
    # Spelt in plain letters, a slug reads in any shell and URL ("zurich", not "z-rich").
    plain = unicodedata.normalize("NFKD", title.translate(_PLAIN_LETTERS))
    found = re.findall(r"[a-z0-9]+(?:[.,:][0-9]+)*",
                       plain.encode("ascii", "ignore").decode().lower())
    words = found[:6]
    cut = len(found) > len(words)
    while len(words) > 1 and (words[-1] in STOPWORDS or cut and words[-1][0].isdigit()):
        words.pop()
    return "-".join(re.sub(r"\W", "-", w) for w in words)

