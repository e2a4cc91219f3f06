"""The outlet file (`data/outlets.toml`): which outlets to watch and where they publish."""

from __future__ import annotations

import ipaddress
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

from monitor.steps.urls import STANDARD_PORTS, origin

SOURCES = ("feeds", "sitemaps", "urls")
Origin = tuple[str, str, int]


class OutletFileError(ValueError):
    """The outlet file cannot be used; the message says where and why."""


@dataclass
class Outlet:
    """One outlet and the places its coverage can be found."""

    name: str
    domain: str
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    search: str | None = None
    urls: list[str] = field(default_factory=list)
    listed: bool = True  # False for an outlet an aggregator named: it never displaces a listed one

    @cached_property
    def origins(self) -> frozenset[Origin]:
        """The (scheme, host, port) of every URL the outlet file gives for this outlet."""
        return _origins((*self.feeds, *self.sitemaps, *self.urls,
                         *([self.search] if self.search else [])))

    @cached_property
    def source_origins(self) -> frozenset[Origin]:
        """The (scheme, host, port) of the feeds, sitemaps and search page the outlet file
        lists for this outlet, on its domain or not (feeds are often on a feeds. or CDN host)."""
        return _origins((*self.feeds, *self.sitemaps, *([self.search] if self.search else [])))

    def as_data(self) -> dict:
        """What a request carries of its outlet (`from_data` makes it again): plain JSON, so
        requests can travel through Redis, and only what says which URLs the outlet owns, so a
        request does not carry the outlet's list of URLs (8,000 of them cost 15 ms a request)."""
        return {"name": self.name, "domain": self.domain, "listed": self.listed,
                "origins": sorted(map(list, self.origins)),
                "sources": sorted(map(list, self.source_origins))}

    @classmethod
    def from_data(cls, data: dict) -> Outlet:
        """The outlet a request carries (`as_data`): its name, domain, listing and origins."""
        outlet = cls(data["name"], data["domain"], listed=data["listed"])
        outlet.__dict__["origins"] = frozenset(map(tuple, data["origins"]))  # the cached value
        # A request queued in Redis by a crawler of an earlier version carries no sources.
        outlet.__dict__["source_origins"] = frozenset(map(tuple, data.get("sources", [])))
        return outlet

    def owns(self, url: str) -> bool:
        """True when a URL is on this outlet's site: on its domain or a subdomain of it, and
        either at an origin (scheme, host, port) the outlet file names for it or on the
        standard port of http or https. Another port of the same host is another server."""
        found = origin(url)
        if found is None or not on_domain(found[1], self.domain):
            return False
        return found in self.origins or found[2] == STANDARD_PORTS[found[0]]

    def may_read_source(self, url: str) -> bool:
        """True when a feed, sitemap or search request (or its redirect) may fetch a URL: one
        the outlet owns, or one on the host of a source the outlet file lists for it."""
        # The user named that host, so it is fetched, at the source's origin or on a standard
        # port, but not its subdomains; the articles a source lists must still be on the
        # outlet's own site (`owns`), so a feed host cannot send the crawl anywhere else.
        if self.owns(url):
            return True
        found = origin(url)
        return found is not None and (found in self.source_origins or (
            found[2] == STANDARD_PORTS[found[0]]
            and any(found[1] == source[1] for source in self.source_origins)))


def on_domain(host: str, domain: str) -> bool:
    """Whether a host is a domain or one of its subdomains (`www.example.com` of `example.com`)."""
    return host == domain or host.endswith("." + domain)


def _origins(urls) -> frozenset[Origin]:
    return frozenset(o for o in map(origin, urls) if o is not None)


def load_outlets(path: str | Path, base: str | None = None) -> list[Outlet]:
    """Read and check an outlet file; `{base}` in URLs becomes `base` (the demo's local server)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise OutletFileError(f"{path}: cannot read the outlet file ({e.strerror})") from e
    except UnicodeDecodeError as e:  # TOML is UTF-8 by definition: no guessing
        raise OutletFileError(f"{path}: not UTF-8 text (byte {e.start}); save the outlet file "
                              f"as UTF-8") from e
    if base is not None:
        text = text.replace("{base}", base)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise OutletFileError(f"{path}: {e}") from e
    entries = data.get("outlet")
    if not isinstance(entries, list) or not entries:
        raise OutletFileError(f"{path}: no [[outlet]] tables found")
    outlets = [_outlet(path, i, entry) for i, entry in enumerate(entries, 1)]
    names = [o.name for o in outlets]
    if len(set(names)) != len(names):
        raise OutletFileError(f"{path}: outlet names must be unique")
    return outlets


def _outlet(path: Path, index: int, entry: dict) -> Outlet:
    where = f"{path}: outlet #{index}"
    for key in ("name", "domain"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise OutletFileError(f"{where}: `{key}` is required and must be a string")
    where = f"{where} ({entry['name']})"
    unknown = set(entry) - {"name", "domain", "search", "verified", "language", *SOURCES}
    if unknown:
        raise OutletFileError(f"{where}: unknown keys {sorted(unknown)}")
    domain = _domain(where, entry["domain"])
    for key in SOURCES:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(u, str) for u in value):
            raise OutletFileError(f"{where}: `{key}` must be a list of URLs")
        for url in value:
            found = origin(url)
            if found is None:
                raise OutletFileError(f"{where}: `{key}` has a URL that is not http(s): {url}")
            # Feeds and sitemaps may be on any host; an article is the outlet's only on its
            # site, and one skipped at crawl time would be a silent loss.
            if key == "urls" and not on_domain(found[1], domain):
                raise OutletFileError(f"{where}: `urls` has an article that is not on its "
                                      f"domain {domain}: {url}")
    search = entry.get("search")
    if search is not None:
        # The template is fetched as it is, once per story: file:, ftp: or a typo must stop here.
        if not isinstance(search, str) or origin(search) is None:
            raise OutletFileError(f"{where}: `search` is not an http(s) URL: {search}")
        if "{query}" not in search:
            raise OutletFileError(f"{where}: `search` needs a {{query}} placeholder")
    return Outlet(name=entry["name"].strip(), domain=domain,
                  feeds=entry.get("feeds", []), sitemaps=entry.get("sitemaps", []),
                  search=search, urls=entry.get("urls", []))


def _domain(where: str, value: str) -> str:
    """The host that `domain` names: `example.com`, also when written as the site's address
    (`https://example.com/`); anything more (a path, a query) is refused, not guessed at."""
    value = value.strip().lower()
    if "://" in value:
        parts = urlsplit(value)
        if (origin(value) is not None and not parts.username and parts.path in ("", "/")
                and not parts.query and not parts.fragment):
            return parts.hostname
    elif _is_ip(value):  # an IPv6 address has colons of its own
        return value.strip("[]")
    elif value and not any(c in value for c in "/?#@: \t"):
        return value
    host, colon, port = value.rpartition(":")
    hint = (f" (domain = \"{host}\"; a port belongs in the feeds', sitemaps' or urls' "
            "addresses)") if colon and port.isdigit() and "/" not in value else ""
    raise OutletFileError(f"{where}: `domain` must be a host name such as example.com, "
                          f"not {value}{hint}")


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value.strip("[]"))
    except ValueError:
        return False
    return True
