"""What crawlers share through Redis besides the frontier (`--redis URL`): they send each
page's result to the stream `monitor ingest` drains (frontier.RESULTS), and read the stories
and what was fetched before from the keys it keeps (frontier.STORIES, frontier.VALIDATORS).
A crawler with --redis needs no copy of the database.

Entries are JSON, and raw bytes for the packed page and the sketch: never pickle, which would
let anyone who can write to Redis run code in ingest. Imported only with a Redis URL.
"""

from __future__ import annotations

import json
import logging

import redis

from monitor.crawler.frontier import RESULTS, STORIES, VALIDATORS, RedisUnavailable, shown
from monitor.crawler.pipelines import ArticlePipeline

logger = logging.getLogger(__name__)
BLOBS = ("packed", "sketch")  # a page result's bytes: stream fields of their own
SEND_AFTER = 20  # pages sent to the stream in one round trip (or every COMMIT_AFTER seconds)
TOUCH_AFTER = 500  # unchanged pages sent in one entry
PARAMS = {"socket_timeout": 30, "socket_connect_timeout": 10, "retry_on_timeout": True}


def settings(url: str) -> dict:
    """The Scrapy settings that send results to the stream and read what was fetched before
    from Redis at `url` (with `frontier.settings`)."""
    return {"ITEM_PIPELINES": {"monitor.crawler.shared.StreamPipeline": 300},
            "MONITOR_SHARED": True, "REDIS_URL": url}


def client(url: str) -> redis.Redis:
    """A client of the Redis at `url`, answering within PARAMS' timeouts."""
    return redis.Redis.from_url(url, **PARAMS)


def entry(kind: str, data: dict) -> dict[str, bytes | str]:
    """A stream entry: its kind ("page", "unchanged", "run-start", "run-finish"), the data as
    JSON, a page's bytes (BLOBS) as fields of their own."""
    fields: dict[str, bytes | str] = {"kind": kind}
    plain = dict(data)
    for name in BLOBS:
        blob = plain.pop(name, None)
        if blob is not None:
            fields[name] = blob
    fields["data"] = json.dumps(plain, ensure_ascii=False, allow_nan=False)
    return fields


def read_entry(fields: dict[bytes, bytes]) -> tuple[str, dict]:
    """An entry's kind and data as `entry` was given them."""
    kind = fields[b"kind"].decode()
    data = json.loads(fields[b"data"])
    if kind == "page":
        for name in BLOBS:
            data[name] = fields.get(name.encode())
    return kind, data


def send(url: str, kind: str, data: dict) -> None:
    """Send one entry to the results stream (a run's start or end)."""
    try:
        with client(url) as redis_client:
            redis_client.xadd(RESULTS, entry(kind, data))
    except redis.RedisError as e:
        raise RedisUnavailable(f"cannot send the run's {kind} to Redis at {shown(url)}: {e}"
                               ) from None


def read_stories(url: str) -> dict:
    """The stories as ingest published them (`jobs.stories.published_stories`)."""
    try:
        with client(url) as redis_client:
            found = redis_client.get(STORIES)
    except redis.RedisError as e:
        raise RedisUnavailable(f"cannot read the stories from Redis at {shown(url)}: {e}"
                               ) from None
    if found is None:
        # Not `ingest --redis URL`: the README keeps the password off command lines.
        raise RedisUnavailable(f"no stories in Redis at {shown(url)}: start `monitor ingest` "
                               f"(with $MONITOR_REDIS_URL) on the database host first (it "
                               f"publishes them)")
    return json.loads(found)


def publish_stories(redis_client: redis.Redis, published: dict) -> bool:
    """Publish the stories unless that version is there already; whether it was new."""
    current = redis_client.get(STORIES)
    if current is not None and json.loads(current).get("version") == published["version"]:
        return False
    redis_client.set(STORIES, json.dumps(published, ensure_ascii=False))
    return True


def publish_validators(redis_client: redis.Redis, found: dict[str, dict],
                       gone: list[str] = ()) -> None:
    """Keep what was fetched of these pages (`rows.pages_validators`), forget `gone` ones."""
    sending = redis_client.pipeline(transaction=False)
    if found:
        sending.hset(VALIDATORS, mapping={url: json.dumps(known) for url, known in found.items()})
    if gone:
        sending.hdel(VALIDATORS, *gone)
    sending.execute()


class SharedValidators:
    """What was fetched of pages before, read from Redis (what `rows.pages_validators` gives).

    When Redis does not answer (restarting, say), the pages are asked for whole: a conditional
    request only saves work, and failing the request would lose the page for this run.
    """

    def __init__(self, url: str):
        self.client = client(url)

    def __call__(self, urls: list[str]) -> dict[str, dict]:
        try:
            found = self.client.hmget(VALIDATORS, urls)
        except redis.RedisError as e:
            logger.warning("asking for %d pages whole: cannot read what was fetched of them "
                           "before from Redis (%s)", len(urls), e)
            return {}
        return {url: json.loads(known) for url, known in zip(urls, found, strict=True) if known}

    def close(self) -> None:
        self.client.close()


class StreamPipeline(ArticlePipeline):
    """The crawl's pipeline with --redis: each page is read as locally, and its result sent to
    the stream that `monitor ingest` writes into the database; nothing is written here."""

    store_errors = (redis.RedisError,)
    store_name = "Redis"

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = super().from_crawler(crawler)
        pipeline.redis_url = crawler.settings["REDIS_URL"]
        pipeline.run = crawler.settings.get("MONITOR_RUN")  # whose pages: host, pid, start
        return pipeline

    def _open_store(self) -> None:
        self.client = client(self.redis_url)
        self.sending = self.client.pipeline(transaction=False)
        self.unsent = 0

    def _store(self, result: dict) -> None:
        # Counted once sent, as a local crawl counts what it committed.
        self.sending.xadd(RESULTS, entry("page", {**result, "run": self.run}))
        self.unsent += 1
        self._count("monitor/pages")
        if result["article"] is not None:
            self._count("monitor/articles")
        if self.unsent >= SEND_AFTER:
            self._send()

    def _send(self) -> None:
        if self.unsent:
            self.sending.execute()  # no MAXLEN: nothing may be dropped before ingest has it
            self.unsent = 0
        self._committed()

    def _flush_touched(self) -> None:
        if self.touched:
            self.sending.xadd(RESULTS, entry("unchanged", {"urls": self.touched,
                                                           "run": self.run}))
            self.unsent += 1
            self.touched = []
        self._send()

    def _drop_uncommitted(self) -> None:
        self.sending.reset()
        self.unsent = 0

    def _close_store(self) -> None:
        self.client.close()
