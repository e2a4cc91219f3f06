"""`monitor ingest`: past one machine, the one process that writes the database.

It drains the stream crawlers send their results to (frontier.RESULTS) as the consumer group
frontier.INGEST_GROUP, a batch of entries in one transaction that also records the batch's
last entry id (`rows.set_ingested`), and acknowledges the entries only once committed: an
entry delivered again (ingest killed between its commit and its acknowledgement) is skipped.
For the crawlers it publishes the stories and keeps what was fetched of each page in Redis.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import closing, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from sqlite_utils import Database

from monitor.crawler import frontier, shared
from monitor.jobs.copies import update_copies
from monitor.jobs.schedule import AlreadyRunning
from monitor.jobs.stories import published_stories, story_versions
from monitor.store import results, rows, schema

logger = logging.getLogger(__name__)
# One ingest per database: a restarted one reads its own unacknowledged entries again.
CONSUMER = "writer"
BATCH = 500  # entries written in one transaction
WAIT = 1.0  # seconds a read waits for new entries before ingest looks up again
# Seconds Redis may be gone (restarted, say) before ingest gives up on it; redis-py's own
# retries cover the first few.
RECONNECT_FOR = 60.0
# A crawler's run still marked running is taken for lost (killed, its machine gone) once it
# is this old and its crawler no longer says it is alive in the frontier.
LOST_AFTER = 300.0  # seconds
LOOK_FOR_LOST_EVERY = 10.0  # seconds
# Seconds the one ingest's lease lasts unless renewed (a quarter of it at most between two
# renewals): how long an ingest killed keeps the next one waiting.
LEASE_FOR = 60.0
# What an entry that can never be written raises (a malformed entry, rows it contradicts).
UNWRITABLE = (ValueError, KeyError, TypeError, AttributeError, sqlite3.IntegrityError)


def ingest(db_path: str, redis_url: str, until_idle: bool = False, batch: int = BATCH,
           say: Callable[[str], None] = logger.info,
           before_start: Callable[[], None] | None = None) -> dict:
    """Write what crawlers sent into the database until SIGINT or SIGTERM (the batch in hand
    is finished and committed first), or with `until_idle` until the stream is drained;
    `batch` entries at most in one transaction. `before_start` is called once ingest is set
    up, before the first entry is read (`jobs.collect_less`).

    Raises `frontier.RedisUnavailable` when Redis cannot be used. Returns its figures: entries,
    pages, articles, skipped (delivered again, or unreadable), runs (finished).
    """
    frontier.check(redis_url)
    client = shared.client(redis_url)
    try:
        with _stopped_by_signals() as stopping, _the_one_ingest(client, db_path) as lease:
            with closing(schema.open_db(db_path)) as db, \
                    closing(Ingest(db, client, say, batch, lease)) as writer:
                schema.cache_for_writer(db)
                if not until_idle:  # a service: its log says where it writes from and to
                    say(f"Writing what crawlers send to {frontier.shown(redis_url)} into "
                        f"{db_path} (Ctrl-C or SIGTERM to stop)")
                if before_start is not None:
                    before_start()
                return writer.drain(until_idle, stopping)
    except shared.redis.RedisError as e:
        raise frontier.RedisUnavailable(f"lost Redis at {frontier.shown(redis_url)}: {e}"
                                        ) from None
    finally:
        client.close()


@contextmanager
def _the_one_ingest(client, db_path: str) -> Iterator[Lease]:
    """Hold the lease of the one ingest of this Redis while it runs (AlreadyRunning when
    another holds it). The lease of an ingest of this host and database that was killed (its
    process gone) is taken over at once; one of another host holds until it runs out."""
    host, database = socket.gethostname(), str(Path(db_path).resolve())
    me = f"{host}:{os.getpid()}:{database}"
    lease = Lease(client.lock(frontier.INGEST_LEASE, timeout=LEASE_FOR, thread_local=False))
    holder = frontier.ingest_holder(client)
    if holder is not None and holder.database == database and holder.gone():
        try:
            lease.lock.do_release(":".join(holder))
            logger.warning("took over the lease of the ingest before this one (process %s, "
                           "killed?)", holder.pid)
        except shared.redis.exceptions.LockNotOwnedError:
            pass  # another took it meanwhile: refused below
    if not lease.lock.acquire(token=me, blocking=False):
        other = frontier.ingest_holder(client) or frontier.IngestHolder("", "", "")
        raise AlreadyRunning(f"another `monitor ingest` writes what crawlers send to this Redis "
                             f"({other.host}, process {other.pid}, database {other.database}): "
                             f"only one may; stop it first (or wait a minute if it was killed)")
    try:
        yield lease
    finally:
        try:
            lease.lock.release()
        except (shared.redis.RedisError, shared.redis.exceptions.LockError):
            pass  # run out, or Redis gone: it expires by itself


class Lease:
    """The one ingest's lease (a redis-py Lock), renewed as ingest goes."""

    def __init__(self, lock):
        self.lock, self.renewed = lock, time.monotonic()

    def renew(self) -> None:
        """Renew the lease if a quarter of it went by; AlreadyRunning when it was lost to
        another ingest (this one stalled longer than the lease)."""
        if time.monotonic() - self.renewed < LEASE_FOR / 4:
            return
        try:
            self.lock.reacquire()
        except shared.redis.exceptions.LockNotOwnedError:
            # Run out (or Redis restarted without its data): taken again if nobody has it.
            if not self.lock.acquire(token=self.lock.local.token, blocking=False):
                raise AlreadyRunning("another `monitor ingest` took over this Redis while this "
                                     "one was stalled: this one stops") from None
        self.renewed = time.monotonic()


@contextmanager
def _stopped_by_signals() -> Iterator[Callable[[], bool]]:
    stop = []
    previous = {s: signal.signal(s, lambda *_: stop.append(True))
                for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield lambda: bool(stop)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


class Entry(NamedTuple):
    """A stream entry as read: its id, its fields, and its kind and data decoded
    (`shared.read_entry`), or None when they cannot be (writing it raises what that raised)."""

    id: str
    fields: dict
    decoded: tuple[str, dict] | None


class _ReadAhead:
    """Reads the next batch of entries in a thread of its own while this one is written:
    SQLite lets go of the GIL as it writes, and Redis answers from its own process. What is
    read ahead is delivered to ingest's consumer, not acknowledged: until its batch is
    committed, it is read again from "0" after a restart, like any entry read."""

    def __init__(self, read: Callable[[str, bool], list[Entry]]):
        self.read = read
        self.reading = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-read")
        self.pending: Future | None = None
        self.was_ahead = False  # whether the last answer was read while a batch was written

    def start(self, after: str, wait: bool) -> None:
        """Start reading the entries after `after`; with `wait`, waiting for new ones."""
        self.pending = self.reading.submit(self.read, after, wait)

    def next(self, after: str) -> list[Entry]:
        """The entries after `after`: those read ahead if a read was started, else read now."""
        pending, self.pending = self.pending, None
        self.was_ahead = pending is not None
        return pending.result() if pending is not None else self.read(after, True)

    def forget(self) -> None:
        """Wait for a read started to end, and leave what it read (read again from "0")."""
        pending, self.pending = self.pending, None
        if pending is not None:
            wait([pending])

    def close(self) -> None:
        self.forget()
        self.reading.shutdown()


class Ingest:
    """The writer: one database, one Redis client."""

    def __init__(self, db: Database, client, say: Callable[[str], None], batch: int = BATCH,
                 lease: Lease | None = None):
        self.db, self.client, self.say, self.batch = db, client, say, batch
        self.lease = lease
        self.outlet_ids: dict[tuple, int] = {}
        self.runs: dict[tuple, int] = {}  # (host, pid, started_at) -> crawl_runs.id
        self.figures: Counter[str] = Counter()
        self.versions: dict[str, str] = {}  # the published stories' versions, by id
        self.version: str | None = None  # the version of them all
        self.looked_for_lost = 0.0  # time.monotonic() of the last look
        self.ahead = _ReadAhead(self._read)

    def close(self) -> None:
        """Wait for a read started ahead to end, and end its thread."""
        self.ahead.close()

    def drain(self, until_idle: bool, stopping: Callable[[], bool]) -> dict:
        """Publish what crawlers read, then write entries until stopped or drained."""
        self._create_group()
        self._forget_stored()
        self._publish_stories()
        if not self.client.exists(frontier.VALIDATORS):  # a new Redis, or one that lost them
            for found in rows.every_page_validators(self.db):
                shared.publish_validators(self.client, found)
        # Entries delivered to this consumer before it was stopped or killed come first.
        after, lost_since = "0", None
        while not stopping():
            try:
                if self.lease is not None:
                    self.lease.renew()
                entries = self.ahead.next(after)
                if after != ">" and not entries:
                    after = ">"  # nothing left of before: on to new entries
                    continue
                if entries:
                    if after != ">":
                        after = entries[-1].id
                    # Drained until idle, a read ahead that waited would only delay the end:
                    # the answer "nothing" is asked again below anyway.
                    self.ahead.start(after, wait=not until_idle)
                    self._write(entries)
                elif until_idle and self.ahead.was_ahead:
                    continue  # "nothing" was said while the last batch was written: ask now
                elif until_idle:
                    self._mark_lost_runs()
                    break
                else:
                    self._publish_stories()
                    self._mark_lost_runs(every=LOOK_FOR_LOST_EVERY)
                if lost_since is not None:  # said it was gone: says it is back
                    logger.warning("Redis is back after %.0f s", time.monotonic() - lost_since)
                lost_since = None
            except shared.redis.ResponseError as e:
                if not str(e).startswith(("NOGROUP", "UNBLOCKED")):
                    raise
                # A Redis restarted without its data: what crawlers send from now on is read.
                logger.warning("the stream or its group is gone (Redis restarted without its "
                               "data?): making them again")
                self.ahead.forget()
                self._create_group()
                after = "0"
            except (shared.redis.ConnectionError, shared.redis.TimeoutError) as e:
                if lost_since is None:  # told once an outage, not once a second
                    logger.warning("Redis is gone (%s): trying again for %d s", e, RECONNECT_FOR)
                    lost_since = time.monotonic()
                if time.monotonic() - lost_since > RECONNECT_FOR:
                    raise
                self.ahead.forget()
                time.sleep(1)
                after = "0"  # what was read but not acknowledged is read again
        return dict(self.figures)

    def _mark_lost_runs(self, every: float = 0.0) -> None:
        """Record interrupted the runs whose crawler died without saying so."""
        if time.monotonic() - self.looked_for_lost < every:
            return
        self.looked_for_lost = time.monotonic()
        since = datetime.now(UTC) - timedelta(seconds=LOST_AFTER)
        alive = frontier.KEY % {"spider": "coverage"} + ":alive:%s:%s"
        for run in rows.crawlers_running(self.db, since.isoformat(timespec="seconds")):
            if not self.client.exists(alive % (run["host"], run["pid"])):
                with self.db.atomic():
                    rows.finish_run(self.db, run["id"], status="interrupted", reason=(
                        "the crawler stopped without saying so (killed, or its machine lost)"))
                logger.warning("run %s of %s (pid %s) is lost", run["id"], run["host"],
                               run["pid"])

    def _forget_stored(self) -> None:
        """Delete the entries acknowledged before (by an ingest that kept them, or killed
        between its acknowledgement and its deletion): all those before the oldest entry not
        acknowledged yet."""
        group = next(g for g in self.client.xinfo_groups(frontier.RESULTS)
                     if g["name"].decode() == frontier.INGEST_GROUP)
        ms, _, seq = group["last-delivered-id"].decode().partition("-")
        oldest = f"{ms}-{int(seq) + 1}"  # the first id not delivered yet
        if group["pending"]:
            oldest = self.client.xpending(frontier.RESULTS, frontier.INGEST_GROUP)["min"]
            oldest = oldest.decode() if isinstance(oldest, bytes) else oldest
        self.client.xtrim(frontier.RESULTS, minid=oldest, approximate=False)

    def _create_group(self) -> None:
        try:
            self.client.xgroup_create(frontier.RESULTS, frontier.INGEST_GROUP, id="0",
                                      mkstream=True)
        except shared.redis.ResponseError as e:
            if "BUSYGROUP" not in str(e):  # the group is there already: that is fine
                raise

    def _read(self, after: str, wait: bool) -> list[Entry]:
        """Up to a batch of the entries after `after` (">": those not delivered yet), decoded;
        with `wait`, new entries are waited for up to WAIT seconds."""
        answer = self.client.xreadgroup(frontier.INGEST_GROUP, CONSUMER,
                                        {frontier.RESULTS: after}, count=self.batch,
                                        block=int(WAIT * 1000) if wait and after == ">" else None)
        return [Entry(i.decode(), fields, _decoded(fields))
                for i, fields in (answer[0][1] if answer else [])]

    def _publish_stories(self, check: bool = True) -> None:
        """Publish the stories if they changed; with `check`, also if Redis lost them."""
        published = published_stories(self.db)
        if not check and published["version"] == self.version:
            return
        self.versions, self.version = story_versions(published), published["version"]
        if shared.publish_stories(self.client, published):
            logger.info("published %d stories (version %s)", len(published["stories"]),
                        published["version"])

    def _write(self, entries: list[Entry]) -> None:
        """Write a batch of entries in one transaction, then acknowledge them."""
        # Verdicts on a story registered again since are not kept: read it first.
        self._publish_stories(check=False)
        done = rows.ingested(self.db, frontier.RESULTS)
        fresh = [e for e in entries if done is None or _order(e.id) > _order(done)]
        self.figures["skipped"] += len(entries) - len(fresh)
        pages, finished = [], []
        if fresh:
            try:
                pages, finished = self._write_batch(fresh, alone=False)
            except UNWRITABLE:
                # The batch again, each entry in a savepoint of its own (dearer: the full-text
                # index writes its pending terms at each), the ones that cannot be written
                # passed over. Ids cached by the batch rolled back are gone with it.
                self.runs, self.outlet_ids = {}, {}
                pages, finished = self._write_batch(fresh, alone=True)
        self._acknowledge([e.id for e in entries])
        self.figures["entries"] += len(fresh)
        if pages:
            found = rows.pages_validators(self.db, pages)
            shared.publish_validators(self.client, found, [u for u in pages if u not in found])
        # Copies are searched once a run has finished, as a local run does.
        if any(run.get("status") == "finished" for run in finished):
            update_copies(self.db)
        self.figures["runs"] += len(finished)
        if finished:
            for run in finished:
                self.say(f"Run of {run['host']} (pid {run['pid']}) {run.get('status')}: "
                         f"{run.get('pages', 0)} pages")

    def _acknowledge(self, ids: list[str]) -> None:
        """Acknowledge entries committed, and delete them: the stream holds every page's raw
        bytes, and a Redis that keeps them all fills up (`noeviction`: then it refuses the
        crawlers' writes). Killed between commit and here, they are read again and skipped."""
        with self.client.pipeline() as both:  # MULTI: acknowledged and deleted together
            both.xack(frontier.RESULTS, frontier.INGEST_GROUP, *ids)
            both.xdel(frontier.RESULTS, *ids)
            both.execute()

    def _write_batch(self, fresh: list, alone: bool) -> tuple[list, list]:
        """Write entries in one transaction and commit it; returns the pages' URLs and the runs
        finished. With `alone`, an entry that cannot be written is told and passed over;
        without, it rolls the batch back and its error is raised."""
        pages, finished, per_run, figures = [], [], {}, Counter()
        batch = rows.Batch(self.db, pages=len(fresh) + 1)
        # Together: the pages between two other entries are written table by table.
        for some in [fresh] if not alone else [[entry] for entry in fresh]:
            try:
                with batch.page(alone):
                    # Alone, each entry is decoded again: the batch's pass may have changed it.
                    self._write_entries([e.decoded if not alone and e.decoded else
                                         shared.read_entry(e.fields) for e in some],
                                        pages, finished, per_run, figures)
            except UNWRITABLE as e:
                if not alone:
                    batch.rollback()
                    raise
                # An entry that cannot be written never will be: told, and passed over.
                logger.error("stream entry %s not written: %r", some[0].id, e)
                figures["skipped"] += 1
                # Ids it may have cached are rolled back with it.
                self.runs, self.outlet_ids = {}, {}
        with batch.page():
            for run_id, found in per_run.items():
                rows.add_run_figures(self.db, run_id, found)
            rows.set_ingested(self.db, frontier.RESULTS, fresh[-1].id)
        if self.lease is not None:  # a batch that outlasted the lease, taken meanwhile by
            try:  # another ingest, is that one's to write: this one stops without it
                self.lease.renew()
            except AlreadyRunning:
                batch.rollback()
                raise
        batch.commit()
        self.figures.update(figures)
        return pages, finished

    def _write_entries(self, entries: list, pages: list, finished: list, per_run: dict,
                       figures: Counter) -> None:
        """Write entries (kind, data each) in their order, each run of pages together."""
        waiting = []  # (run id, page result)
        for kind, data in entries:
            if kind == "page":
                kept = data["run"].get("stories", {})
                # Verdicts on a story whose claims changed since the crawler read it would
                # name claims that are gone: the article is left for `monitor match`.
                data["decisions"] = [d for d in data["decisions"]
                                     if kept.get(str(d[0])) == self.versions.get(str(d[0]))]
                waiting.append((self._run_id(data["run"]), data))
                continue
            self._write_pages(waiting, pages, per_run, figures)
            waiting = []
            self._write_other(kind, data, finished, figures)
        self._write_pages(waiting, pages, per_run, figures)

    def _write_pages(self, waiting: list, pages: list, per_run: dict, figures: Counter) -> None:
        found = results.save_page_results(self.db, [data for _, data in waiting],
                                          self.outlet_ids, count_new=True)
        for (run_id, data), counted in zip(waiting, found, strict=True):
            per_run.setdefault(run_id, Counter()).update(counted)
            figures["pages"] += 1
            figures["articles"] += counted["articles"]
            pages.append(data["url"])

    def _write_other(self, kind: str, data: dict, finished: list, figures: Counter) -> None:
        if kind == "unchanged":
            rows.touch_pages(self.db, data["urls"], commit=False)
            figures["pages"] += len(data["urls"])
        elif kind == "run-start":
            self._run_id(data)
        elif kind == "run-finish":
            rows.finish_run(self.db, self._run_id(data), **{
                name: data[name] for name in ("pages", "errors", "warnings", "status",
                                              "reason", "exit_code") if name in data})
            finished.append(data)
        else:
            raise ValueError(f"unknown kind of entry {kind!r}")

    def _run_id(self, run: dict) -> int:
        key = (run["host"], run["pid"], run["started_at"])
        if key not in self.runs:
            self.runs[key] = rows.record_run(self.db, run)
        return self.runs[key]


def _decoded(fields: dict) -> tuple[str, dict] | None:
    try:
        return shared.read_entry(fields)
    except UNWRITABLE:  # told when its batch is written, where any unwritable entry is
        return None


def _order(entry_id: str) -> tuple[int, int]:
    milliseconds, sequence = entry_id.split("-")
    return int(milliseconds), int(sequence)

