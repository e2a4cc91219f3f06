"""How the monitor stands: from the database (`monitor status`: what it holds and the last
runs), or, for a crawl past one machine, from Redis alone (`monitor status --redis URL`: the
shared queue, the crawlers at it, and what ingest has yet to store).

Like monitor/crawler/frontier.py, this imports redis only when called.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from monitor.crawler import frontier
from monitor.store import rows

SPIDER = "coverage"  # the spider `monitor crawl` and `monitor run` share a frontier for
RECENT = 60  # seconds: a crawler heard from within this long is shown


def local_status(db: Database, path: str | Path, runs: int = 5) -> dict:
    """What the database at `path` holds (stories, outlets, articles, its size on disk) and
    its last `runs` runs, newest first, as plain data."""
    files = [Path(path), Path(f"{path}-wal")]  # what a run wrote may still be in its log
    size = sum(f.stat().st_size for f in files if f.exists())
    return {"database": str(path), "bytes": size, **rows.totals(db),
            "runs": rows.latest_runs(db, runs)}


def status(url: str) -> dict:
    """The shared crawl's figures at `url`, as plain data (`frontier.RedisUnavailable` when
    Redis cannot be used). A stream or group that does not exist yet counts as empty."""
    import redis  # here, not at the top: see the module's docstring

    frontier.check(url)  # a wrong password or a Redis down: its one-line message
    timeouts = {"socket_connect_timeout": frontier.CHECK_TIMEOUT,
                "socket_timeout": frontier.CHECK_TIMEOUT}
    client = redis.Redis.from_url(url, decode_responses=True, **timeouts)
    # Entries carry a page's raw bytes, which are no text: they are read undecoded.
    entries = redis.Redis.from_url(url, **timeouts)
    try:
        with client, entries:
            return {"redis": frontier.shown(url), **_frontier(client),
                    **_results(client, entries), "ingest_writer": _writer(client)}
    except redis.RedisError as e:
        raise frontier.RedisUnavailable(
            f"cannot read the crawl's state from Redis at {frontier.shown(url)}: {e}") from None


def _frontier(client) -> dict:
    name = {"spider": SPIDER}
    with client.pipeline() as pipe:  # one transaction: the figures of one moment
        pipe.zcard(frontier.QUEUE % name)
        pipe.scard(frontier.DUPEFILTER % name)
        pipe.smembers(frontier.CRAWLERS % name)
        pipe.smembers(frontier.IDLE % name)
        queued, seen, members, idle = pipe.execute()
    return {"queued_requests": queued, "seen_requests": seen,
            "crawlers": _crawlers(client, sorted(members), idle)}


def _writer(client) -> dict | None:
    """The ingest at work, from the lease it holds (monitor/jobs/ingest.py): its host,
    process id and database, and whether it is known gone (killed on this host, its lease
    not run out yet); None when none holds it."""
    holder = frontier.ingest_holder(client)
    return {**holder._asdict(), "gone": holder.gone()} if holder else None


def _crawlers(client, members: list[str], idle: set[str]) -> list[dict]:
    """The crawlers heard from in the last minute: their id (host:pid), whether they are idle
    (waiting for the others' pages), and how long ago their last heartbeat was."""
    alive = [frontier.ALIVE % {"spider": SPIDER} + member for member in members]
    with client.pipeline() as pipe:
        for key in alive:
            pipe.get(key)  # the key's lifetime (redis_scheduler.py)
            pipe.pttl(key)
        answers = pipe.execute()
    found = []
    for member, lifetime, left_ms in zip(members, answers[::2], answers[1::2], strict=True):
        if lifetime is None or left_ms < 0:  # expired: killed, or its host is gone
            continue
        heard = max(0.0, int(lifetime) - left_ms / 1000)
        if heard <= RECENT:
            # A crawler says it is alive four times a lifetime: one silent for half of it
            # is likely gone (killed), and is dropped from the run when the key expires.
            found.append({"name": member, "idle": member in idle,
                          "heard_seconds_ago": round(heard, 1),
                          "silent": heard > int(lifetime) / 2})
    return found


def _results(client, entries) -> dict:
    """The results stream's length, what ingest's consumer group has not been given yet and
    has not acknowledged yet, the age of the oldest entry waiting, and the ingest processes.
    `entries` is a client that leaves answers undecoded, for the entries themselves."""
    stream = frontier.RESULTS
    length = client.xlen(stream)  # 0 for a stream that does not exist
    groups = client.xinfo_groups(stream) if client.exists(stream) else []
    group = next((g for g in groups if g["name"] == frontier.INGEST_GROUP), None)
    if group is None:  # ingest never started: everything is waiting
        oldest = _first_id(entries, stream, "-")
        waiting, pending, consumers = length, 0, []
    else:
        waiting = group.get("lag")
        if waiting is None:  # Redis cannot tell (entries deleted in the range): count them
            waiting = _count_after(entries, stream, group["last-delivered-id"])
        pending = group["pending"]
        oldest = _oldest_waiting(client, entries, stream, group["last-delivered-id"],
                                 pending)
        consumers = [{"name": c["name"], "not_acknowledged": c["pending"],
                      "idle_seconds": round(c["idle"] / 1000, 1)}
                     for c in client.xinfo_consumers(stream, frontier.INGEST_GROUP)]
    return {"stream_entries": length, "not_delivered": waiting, "not_acknowledged": pending,
            "ingest_lag_seconds": _age(client, oldest), "ingest": consumers}


def _oldest_waiting(client, entries, stream: str, delivered: str, pending: int) -> str | None:
    """The id of the oldest entry not acknowledged yet: delivered but pending, or the first
    not delivered."""
    ids = []
    if pending:
        ids.append(client.xpending(stream, frontier.INGEST_GROUP)["min"])
    after = _first_id(entries, stream, f"({delivered}")
    if after:
        ids.append(after)
    return min(ids, key=_id_parts, default=None)


def _first_id(entries, stream: str, start: str) -> str | None:
    """The id of the first entry from `start` on (undecoded client: a page's bytes)."""
    first = entries.xrange(stream, min=start, count=1)
    return first[0][0].decode() if first else None


def _count_after(client, stream: str, delivered: str, batch: int = 10_000) -> int:
    count, start = 0, f"({delivered}"
    while entries := client.xrange(stream, min=start, count=batch):
        count += len(entries)
        start = f"({entries[-1][0].decode()}"
    return count


def _age(client, entry_id: str | None) -> float:
    """Seconds since Redis added the entry (its id is Redis' clock in ms): 0 for none. Redis'
    own clock is the one to compare with, not this machine's."""
    if entry_id is None:
        return 0.0
    seconds, micros = client.time()
    return round(max(0.0, seconds + micros / 1e6 - _id_parts(entry_id)[0] / 1000), 1)


def _id_parts(entry_id: str) -> tuple[int, int]:
    ms, _, seq = entry_id.partition("-")
    return int(ms), int(seq or 0)
