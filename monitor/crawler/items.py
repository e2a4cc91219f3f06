"""What spiders hand to the pipeline: a fetched article page and the outlet that led to it."""

from dataclasses import dataclass, field


@dataclass
class PageItem:
    """A fetched page, before extraction."""

    url: str
    outlet: str
    domain: str
    status: int
    listed: bool = True  # the outlet is in the outlet file (not one an aggregator named)
    body: bytes = field(default=b"", repr=False)  # the raw page; logs show its URL, not this
    encoding: str | None = None  # as the server or the page declared it
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # the server answered 304 to a conditional request
    known_hash: str | None = None  # the raw page's hash when it was last fetched
    known_text: str | None = None  # the hash of its article text then
    listed_date: str | None = None  # the date its feed or sitemap gave it (ISO), if any
    error: str | None = None  # why the page could not be fetched or read
