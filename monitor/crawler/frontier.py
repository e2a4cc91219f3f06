"""The shared crawl frontier in Redis (`--redis URL`): scrapy-redis' scheduler and duplicate
filter, so that many crawler processes share one queue and fetch each URL once in a run.

Only a crawl given a Redis URL imports redis (in `check`, and Scrapy's scheduler,
monitor/crawler/redis_scheduler.py): single-machine crawls never do.
"""

from __future__ import annotations

import os
import socket
from typing import NamedTuple
from urllib.parse import urlsplit, urlunsplit

KEY = "monitor:%(spider)s"
# A run's keys (each `% {"spider": name}`): the queue and seen requests (scrapy-redis'), and
# the crawlers of the run, those idle, each one's alive key (this prefix and its id) and the
# requests that cannot be filtered but are sent once a run (monitor/crawler/redis_scheduler.py).
QUEUE = f"{KEY}:requests"
DUPEFILTER = f"{KEY}:dupefilter"
CRAWLERS = f"{KEY}:crawlers"
IDLE = f"{KEY}:idle"
ALIVE = f"{KEY}:alive:"
SENT = f"{KEY}:sent"
# Past one machine, crawlers send what they read to this stream, and `monitor ingest`, the one
# process that writes the SQLite file, drains it as this consumer group.
RESULTS = "monitor:results"
INGEST_GROUP = "ingest"
# Held by the one `monitor ingest` at work (its host:pid:database), so that a second one,
# started by mistake on another database, cannot take a share of the results.
INGEST_LEASE = "monitor:ingest"
# What crawlers read (monitor/crawler/shared.py): the stories as ingest published them, and
# what was fetched of each page before (url -> JSON of `rows.pages_validators`).
STORIES = "monitor:stories"
VALIDATORS = "monitor:validators"
CHECK_TIMEOUT = 5  # seconds: a Redis that does not answer in that long is reported down


class RedisUnavailable(RuntimeError):
    """Redis cannot be used: unreachable, wrong password, or not answering."""


def settings(url: str) -> dict:
    """The Scrapy settings that crawl through the shared frontier at `url`."""
    return {
        "SCHEDULER": "monitor.crawler.redis_scheduler.SharedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_SERIALIZER": "monitor.crawler.requestjson",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": QUEUE,
        "SCHEDULER_DUPEFILTER_KEY": DUPEFILTER,
        # The last crawler out clears the run (SharedScheduler), not each one as it closes.
        "SCHEDULER_PERSIST": True,
        "REDIS_URL": url,
        "REDIS_PARAMS": {"socket_timeout": 30, "socket_connect_timeout": 10,
                         "retry_on_timeout": True},
    }


class IngestHolder(NamedTuple):
    """The ingest holding the lease (INGEST_LEASE, whose value is "host:pid:database")."""

    host: str
    pid: str
    database: str

    def gone(self) -> bool:
        """Whether it was a process of this host that no longer runs (killed): its lease
        outlives it for up to a minute. A process of another host is never known gone."""
        if self.host != socket.gethostname():
            return False
        try:
            os.kill(int(self.pid), 0)
        except (ValueError, ProcessLookupError):
            return True
        except PermissionError:  # another user's process, running
            return False
        return False


def ingest_holder(client) -> IngestHolder | None:
    """The ingest that holds the lease, or None."""
    held = client.get(INGEST_LEASE)
    if not held:
        return None
    if isinstance(held, bytes):
        held = held.decode(errors="replace")
    return IngestHolder(*(held.split(":", 2) + ["", ""])[:3])


def shown(url: str) -> str:
    """The URL without its password, fit for a message or a log line."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a port that is no number, a broken IPv6 address
        parts, port = None, None
    if parts is None or not parts.netloc or ("@" in url and "@" not in parts.netloc):
        # Not read as a URL (no "//", quotes around it), or a password holding "/", "?" or
        # "#" that cut it short: whatever stands before an "@" may be the password, so only
        # what follows the last one is shown.
        return "…@" + url.rpartition("@")[2] if "@" in url else url
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if port:
        netloc += f":{port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _database(url: str) -> str:
    """What a redis:// URL gives after its port ("" for none, or no such URL)."""
    try:
        path = urlsplit(url).path if url.startswith(("redis://", "rediss://")) else ""
    except ValueError:  # told by redis-py's own reading of it
        return ""
    return path.strip("/")


def check(url: str) -> None:
    """Connect and authenticate once, so a crawl never starts against a Redis it cannot use."""
    import redis  # here, not at the top: see the module's docstring

    database = _database(url)
    if database and not database.isdigit():
        # redis-py would take database 0 for it, silently: another one than the crawlers'.
        raise RedisUnavailable(f"--redis {shown(url)}: the database after the port must be a "
                               f"number (redis://:PASSWORD@HOST:PORT/0)")
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=CHECK_TIMEOUT,
                                      socket_timeout=CHECK_TIMEOUT)
    except ValueError as e:  # its message may quote the URL: only its first words are shown
        reason = str(e).replace(url, shown(url))
        raise RedisUnavailable(f"--redis {shown(url)}: not a Redis URL ({reason})") from None
    try:
        client.ping()
    except redis.AuthenticationError:
        if not urlsplit(url).password:
            raise RedisUnavailable(f"Redis at {shown(url)} needs a password: give it in the URL "
                                   f"(redis://:PASSWORD@HOST:PORT/DB)") from None
        raise RedisUnavailable(f"Redis at {shown(url)} refused the password (check the "
                               f"password in the URL)") from None
    except redis.ResponseError as e:  # no password given where one is required, say
        raise RedisUnavailable(f"Redis at {shown(url)} refused us: {e}") from None
    except redis.RedisError as e:
        raise RedisUnavailable(f"cannot reach Redis at {shown(url)}: {e}") from None
    finally:
        client.close()
