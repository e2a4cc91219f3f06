"""Which servers a crawl may reach: none on a non-public address unless the user named it.

Aggregators, feeds, sitemaps, pages and their redirects all name URLs, and any of them can
name `http://169.254.169.254/`, `http://10.0.0.1/` or another port of 127.0.0.1. A request
goes out only when its origin (scheme, host, port) is one the user named (an outlet's feeds,
sitemaps, search page or URLs in the outlet file, an aggregator's address setting, or
MONITOR_ALLOW_ORIGINS), or when its host is on a public address.

Two checks, one on each side of the name lookup:

- `AddressGuard`, a downloader middleware, checks every request before it is sent: start
  requests, followed links, redirects, meta refreshes and Scrapy's own robots.txt requests
  all pass through downloader middlewares. A refused request fails with `IgnoreRequest`
  (an article's is recorded in `pages.error`), and each refused origin is logged once.
- `PublicAddressResolver`, the reactor's resolver (TWISTED_DNS_RESOLVER), answers a lookup
  made to connect only with a public address, or any address for a host the user named.

DNS rebinding: a name server can answer a public address when a request is checked and an
internal one when it connects. The guard looks names up through the reactor's resolver,
which caches the answer (Scrapy's DNS cache, no expiry) that the connection then uses, and
the resolver itself refuses non-public answers for hosts nobody named, so a second, different
answer cannot get through either. What remains possible:
- a host the user named is let through the resolver whatever it answers, so on one of its
  ports nobody named, only the cache holds the check and the connection to the same answer:
  not with DNSCACHE_ENABLED=False, nor once DNSCACHE_SIZE other names have pushed it out;
- behind an HTTP proxy (`http_proxy`, the `proxy` meta key) the proxy resolves names itself:
  the guard checks its own lookup, which the proxy's need not match;
- with another TWISTED_DNS_RESOLVER or download handler, only the guard's lookup is checked,
  not the connection's (the guard logs that the resolver is not this one).
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterable
from ipaddress import IPv4Address, ip_address, ip_network

from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.error import DNSLookupError

from monitor.steps.urls import STANDARD_PORTS, origin

logger = logging.getLogger(__name__)
Origin = tuple[str, str, int]
_NAT64 = ip_network("64:ff9b::/96")


def is_public(address) -> bool:
    """Whether an IP address is one anybody on the internet can reach: not loopback, private,
    link-local, shared (CGNAT), multicast, reserved or unspecified, nor an IPv6 address that
    carries such an IPv4 address (IPv4-mapped, 6to4, NAT64)."""
    try:
        ip = ip_address(address)
    except ValueError:
        return False
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour or (
            IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None)
        if embedded is not None:
            return is_public(embedded)
        if ip.is_site_local:
            return False
    return ip.is_global and not (ip.is_multicast or ip.is_private or ip.is_reserved
                                 or ip.is_loopback or ip.is_link_local or ip.is_unspecified)


def parse_origins(values: Iterable[str], where: str) -> set[Origin]:
    """The origins of a list of URLs (`http://127.0.0.1:8080`); a bad one is said and skipped."""
    found = set()
    for value in values:
        named = origin(value)
        if named is None:
            logger.warning("%s: not an http(s) origin, ignored: %r", where, value[:200])
        else:
            found.add(named)
    return found


def refusal(url: str, allowed: set[Origin]) -> str | None:
    """Why a fetch outside a crawl (`seed add`, `extract`) must not follow a redirect to `url`,
    or None: the crawl's rule, for urllib. Only http(s), and no non-public address unless the
    origin is in `allowed`. The connection looks the name up again: see DNS rebinding above."""
    named = origin(url)
    if named is None:
        return "only http(s) addresses are followed"
    if named in allowed:
        return None
    host = named[1]
    try:
        addresses = [str(ip_address(host))]
    except ValueError:
        try:
            addresses = [info[4][0] for info in socket.getaddrinfo(host, named[2],
                                                                   type=socket.SOCK_STREAM)]
        except OSError:
            return None  # no such name: the fetch fails on its own
    for address in addresses:
        if not is_public(address):
            return f"{host} is at a non-public address ({address})"
    return None


class NonPublicAddress(DNSLookupError):
    """A host nobody named resolves to a non-public address."""

    def __init__(self, host: str, address: str):
        super().__init__(f"{host} is at a non-public address ({address})")
        self.address = address


class PublicAddressResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, answering only public addresses for hosts not in
    `named_hosts` (which `AddressGuard` fills in from the origins the user named)."""

    named_hosts: frozenset[str] = frozenset()

    def getHostByName(self, name: str, timeout=()):  # noqa: N802 (Twisted's name)
        resolved = super().getHostByName(name, timeout)
        resolved.addCallback(self._checked, name)
        return resolved

    def _checked(self, address: str, name: str) -> str:
        if is_public(address) or name.lower() in self.named_hosts:
            return address
        raise NonPublicAddress(name, address)


class AddressGuard:
    """Refuses every request to a non-public address whose origin the user did not name."""

    def __init__(self, crawler, allowed: set[Origin]):
        self.crawler = crawler
        self.allowed = set(allowed)
        self.refused: set[Origin] = set()
        self.named_hosts: frozenset[str] = frozenset()
        self.connections_checked = False  # whether the reactor's resolver is ours
        self.resolver_set = False

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        allowed = parse_origins(settings.getlist("MONITOR_ALLOW_ORIGINS"),
                                "MONITOR_ALLOW_ORIGINS")
        # The aggregators' addresses are the user's too (tests point them at loopback).
        for name in ("MONITOR_GDELT_URL", "MONITOR_GOOGLE_NEWS_URL"):
            if settings.get(name):
                allowed |= parse_origins([settings.get(name)], name)
        guard = cls(crawler, allowed)
        crawler.signals.connect(guard.spider_opened, signal=signals.spider_opened)
        return guard

    def spider_opened(self, spider) -> None:
        # The origins of the outlet file: the user's own choice, loopback test outlets included.
        for outlet in getattr(spider, "outlets", []):
            self.allowed |= outlet.origins

    async def process_request(self, request, spider=None) -> None:
        self._share_named_hosts()
        if urlparse_cached(request).scheme not in STANDARD_PORTS:
            return  # no handler fetches other schemes (DOWNLOAD_HANDLERS)
        named = origin(request.url)
        if named is None:
            self._refuse(request, None, "not a valid http(s) address")
        if named in self.allowed:
            return
        host = named[1]
        try:
            address = ip_address(host)
        except ValueError:
            address = await self._resolve(host)
            if address is None and self.connections_checked and host not in self.named_hosts:
                return  # unresolvable now: the connection's own lookup is checked
            if address is None:
                self._refuse(request, named, f"{host} could not be looked up to be checked")
        if not is_public(address):
            self._refuse(request, named, f"{host} is at a non-public address ({address})")

    async def _resolve(self, host: str) -> str | None:
        from twisted.internet import reactor

        try:
            return await maybe_deferred_to_future(reactor.resolve(host))
        except NonPublicAddress as e:
            return e.address
        except OSError:  # DNSLookupError: no such name, or a timeout; not ours to report
            return None

    def _refuse(self, request, named: Origin | None, why: str) -> None:
        self.crawler.stats.inc_value("monitor/refused_non_public")
        if named is not None and named not in self.refused:
            self.refused.add(named)
            scheme, host, port = named
            logger.warning("refused %s: %s, and %s://%s:%d is not in the outlet file or "
                           "MONITOR_ALLOW_ORIGINS", request.url[:200], why, scheme,
                           f"[{host}]" if ":" in host else host, port)
        raise IgnoreRequest(f"refused: {why}")

    def _share_named_hosts(self) -> None:
        # The resolver is installed when the reactor starts, after this middleware was made.
        if self.resolver_set:
            return
        from twisted.internet import reactor

        self.named_hosts = frozenset(host for _, host, _ in self.allowed)
        resolver = getattr(reactor, "resolver", None)
        self.connections_checked = isinstance(resolver, PublicAddressResolver)
        if self.connections_checked:
            resolver.named_hosts = self.named_hosts
        else:
            logger.info("TWISTED_DNS_RESOLVER is not %s: connections are not checked, only "
                        "requests", PublicAddressResolver.__name__)
        self.resolver_set = True
