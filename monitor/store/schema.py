"""The SQLite file: opening it, telling its damage from other errors, and its schema's steps.

Table and column names are the public contract (README.md, "Tables"): people write SQL against
them in Datasette. Schema changes are small steps in one `sqlite_utils.Migrations` set, recorded
in `_sqlite_migrations`, so a database file kept for months upgrades itself when opened.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database, Migrations

DEFAULT_DB = "data/monitor.db"  # where every command, and a plain `scrapy crawl`, finds it

# Each step is a function named m0NN_what, registered with `@migrations()`, applied in the
# order defined here.
migrations = Migrations("monitor")

# Where version 0.1.0 recorded the steps applied (name, applied_at): carried over into
# `_sqlite_migrations` by the first command that writes.
LEGACY_RECORDS = "_migrations"


class Reserve:
    """A little disk space kept next to the database while a run goes on, and given back when
    the disk is full, so that the run can still record how it ended."""

    def __init__(self, db_path: str, size: int = 128 * 1024):
        self.path = Path(f"{db_path}.reserve")
        try:
            self.path.write_bytes(bytes(size))
        except OSError:  # no room even for this (or a read-only folder): nothing kept
            self.path.unlink(missing_ok=True)

    def write(self, write: Callable[[], None]) -> None:
        """Call `write`; if the disk was full, give the space back and call it once more."""
        try:
            write()
        except sqlite3.OperationalError as e:
            # The storage error that filled the disk may have filled it with the write-ahead
            # log's committed pages, which cannot be moved into the full file: the run's last
            # write then finds no room either, and the run would stay "running" for ever.
            if "full" not in str(e) or not self.path.exists():
                raise
            self.path.unlink()
            write()
        finally:
            self.path.unlink(missing_ok=True)


def now() -> str:
    """The current time as an ISO string in UTC, as every timestamp column stores it."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_db(path: str | Path) -> Database:
    """Open (creating if needed) a monitor database in WAL mode, upgraded to the current schema."""
    db = connect(path)
    ensure_db_shape(db)
    return db


def connect(path: str | Path) -> Database:
    """Open (creating if needed) a database for writing, as it is: no upgrade."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(path)
    # First: switching a new file to WAL needs a moment alone with it, and without a busy
    # timeout a second process starting at the same time fails with "database is locked".
    db.execute("PRAGMA busy_timeout=10000")
    # A new file's pages (before WAL makes the file; an existing one keeps its own): an
    # article's text then fits in its row's page, not a chain of 4 KiB overflow pages, and
    # commits and checkpoints write fewer, larger pages (bench/README.md).
    db.execute(f"PRAGMA page_size={PAGE_SIZE}")
    db.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL survives any crash of the program; only a power cut can lose the
    # last commits, never consistency.
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    return db


PAGE_SIZE = 16384  # bytes, for a new database file (SQLite's default: 4,096)
WRITER_CACHE_KIB = 65536  # the page cache of the one process writing past one machine


def cache_for_writer(db: Database) -> None:
    """Give this connection a page cache of WRITER_CACHE_KIB (SQLite's default: 2 MiB), and
    its temporary tables in memory."""
    # Each article adds to the full-text index's segments, its b-trees and the versions: with
    # the default cache, ingest reads back the pages it has just written (20% of its CPU).
    db.execute(f"PRAGMA cache_size=-{WRITER_CACHE_KIB}")
    # A statement inserting many rows into a table with triggers (the articles, for their
    # full-text index) first copies its rows into a temporary table: 2.5 MB a batch of 500
    # news articles, written to a file and read back (12 MB and 8 MB over 3,000) with this
    # build's default (file). In memory: the same rows, no file (bench/README.md, 2026-12-03
    # night).
    db.execute("PRAGMA temp_store=MEMORY")


class MissingDatabase(LookupError):
    """There is no database file at the path a read-only command was given."""


class OutOfDate(RuntimeError):
    """The database has migrations to apply, and read-only commands never apply them."""


def check_exists(path: str | Path) -> None:
    """MissingDatabase when there is no database file at `path` (a typo in --db, say)."""
    if not Path(path).is_file():
        raise MissingDatabase(f"no database at {path}: `monitor seed add` creates one "
                              f"(or give another with --db)")


def open_readonly(path: str | Path) -> Database:
    """Open an existing, up-to-date monitor database for reading only; creates nothing."""
    path = Path(path)
    check_exists(path)
    uri = path.resolve().as_uri()
    try:
        db = _probe(sqlite3.connect(f"{uri}?mode=ro", uri=True))
    except sqlite3.OperationalError:
        # In a read-only folder SQLite cannot create the WAL index (-shm) a reader needs; nobody
        # can write there either, so the file may be read as it is.
        db = _probe(sqlite3.connect(f"{uri}?immutable=1", uri=True))
    waiting = pending_migrations(db)
    if waiting:
        db.close()
        steps = f"{len(waiting)} schema step{'s' * (len(waiting) != 1)}"  # the store knows no faces
        raise OutOfDate(f"database {path} needs an upgrade ({steps}): run "
                        f"`monitor upgrade` (or any command that writes) first")
    return db


class Damaged(sqlite3.DatabaseError):
    """SQLite found pages of the database file damaged (a disk fault, a copy cut short)."""


def is_damaged(error: BaseException) -> bool:
    """Whether an error says the database file is damaged, not merely busy, full or read-only."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF  # extended codes carry it in the low byte
    return isinstance(error, Damaged) or code == sqlite3.SQLITE_CORRUPT


def check_pages(db: Database) -> None:
    """Raise `Damaged` when SQLite finds a damaged page (PRAGMA quick_check reads every page:
    a fraction of a second per GB), so that a crawl never starts storing into such a file."""
    try:
        found = [row[0] for row in db.execute("PRAGMA quick_check(1)")]
    except sqlite3.DatabaseError as e:  # some damage stops the check itself
        if not is_damaged(e):
            raise
        found = [str(e)]
    if found != ["ok"]:
        raise Damaged(" ".join(found[0].replace("*** in database main ***", "").split()))


def _probe(conn: sqlite3.Connection) -> Database:
    # Opening is lazy: reading the schema is what fails on a missing -shm or a non-database file.
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("select count(*) from sqlite_master").fetchone()
    return Database(conn)


def migration_names() -> list[str]:
    """The names of every schema step, in the order they are applied."""
    # Migrations keeps its list private; what an empty database has pending is all of it.
    with Database(memory=True) as empty:
        return [step.name for step in migrations.pending(empty)]


def pending_migrations(db: Database) -> list[str]:
    """The names of the steps this database has not had yet (reads only)."""
    done = set()
    if db[LEGACY_RECORDS].exists():  # not carried over yet: a command that only read it
        done = {name for (name,) in db.execute(f"select name from {LEGACY_RECORDS}")}
    return [step.name for step in migrations.pending(db) if step.name not in done]


def ensure_db_shape(db: Database, stop_before: str | None = None) -> list[str]:
    """Apply the steps this database has not had yet (only those before `stop_before`, if
    given), each in one transaction with its record; returns their names."""
    if not db[LEGACY_RECORDS].exists() and _next_step(db, stop_before)[0] is None:
        return []  # up to date: no write lock taken
    applied = []
    while name := _apply_next(db, stop_before):
        applied.append(name)
    return applied


def _next_step(db: Database, stop_before: str | None) -> tuple[str | None, list[str]]:
    # The next step to apply (None if there is none before `stop_before`), and those after it.
    names = migration_names()
    allowed = names[:names.index(stop_before)] if stop_before else names
    pending = pending_migrations(db)
    if not pending or pending[0] not in allowed:
        return None, pending
    return pending[0], pending[1:]


def _apply_next(db: Database, stop_before: str | None) -> str | None:
    # Migrations.apply looks for pending steps before any transaction, then runs each in
    # db.atomic(), a deferred BEGIN: two commands upgrading at once both find a step pending,
    # and the second fails ("database is locked", or the step run again hits "duplicate column"
    # and is rolled back). So the write lock is taken first and apply() looks under it; its
    # atomic() then nests as a savepoint, committed together with the record by our COMMIT.
    # One step a lock: apply() stops before the first of the steps after it.
    with _write_lock(db):
        _carry_over_legacy_records(db)
        step, later = _next_step(db, stop_before)
        if step is not None:
            migrations.apply(db, stop_before=later)
    return step


def _carry_over_legacy_records(db: Database) -> None:
    # In the same transaction as the drop, so a kill leaves the records in one table or the
    # other; in the order applied (the rowid), as Migrations.applied lists them.
    if not db[LEGACY_RECORDS].exists():
        return
    migrations.ensure_migrations_table(db)
    db.execute(f"insert or ignore into {migrations.migrations_table} (migration_set, name, "
               f"applied_at) select ?, name, applied_at from {LEGACY_RECORDS} order by rowid",
               [migrations.name])
    db[LEGACY_RECORDS].drop()


@contextmanager
def _write_lock(db: Database) -> Iterator[None]:
    # Not db.atomic(): its BEGIN is deferred, and takes the write lock only at the first write,
    # after the look. IMMEDIATE waits (up to the busy timeout) for the lock before looking.
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


@migrations()
def m001_initial(db: Database) -> None:
    db["stories"].create({"id": int, "slug": str, "title": str, "seed_text": str, "source": str,
                          "created_at": str}, pk="id", not_null={"slug"})
    db["stories"].create_index(["slug"], unique=True)
    db["claims"].create({"id": int, "story_id": int, "position": int, "text": str, "kind": str,
                         "speaker": str, "sentence": str, "numbers": str, "quotes": str,
                         "names": str}, pk="id", foreign_keys=[("story_id", "stories")])
    db["claims"].create_index(["story_id", "position"], unique=True)
    db["outlets"].create({"id": int, "name": str, "domain": str}, pk="id")
    db["outlets"].create_index(["name"], unique=True)
    db["articles"].create({
        "id": int, "url": str, "outlet_id": int, "title": str, "author": str, "published": str,
        "language": str, "text": str, "content_hash": str, "is_stub": int, "source_url": str,
        "first_seen": str, "last_seen": str}, pk="id", foreign_keys=[("outlet_id", "outlets")])
    db["articles"].create_index(["url"], unique=True)
    db["pages"].create({"url": str, "article_id": int, "status": int, "fetched_at": str,
                        "etag": str, "last_modified": str, "html_gz": bytes, "error": str},
                       pk="url", foreign_keys=[("article_id", "articles")])
    db["coverage"].create({"story_id": int, "article_id": int, "relevance": float,
                           "is_coverage": int, "content_hash": str, "matched_at": str},
                          pk=("story_id", "article_id"),
                          foreign_keys=[("story_id", "stories"), ("article_id", "articles")])
    db["matches"].create({"story_id": int, "claim_id": int, "article_id": int, "sentence": str,
                          "score": float, "verdict": str, "conflicts": str, "scorer": str},
                         pk=("story_id", "claim_id", "article_id"),
                         foreign_keys=[("story_id", "stories"), ("claim_id", "claims"),
                                       ("article_id", "articles")])
    db["additions"].create({"id": int, "story_id": int, "article_id": int, "sentence": str},
                           pk="id", foreign_keys=[("story_id", "stories"),
                                                  ("article_id", "articles")])
    db["additions"].create_index(["story_id", "article_id"])
    db["crawl_runs"].create({"id": int, "started_at": str, "finished_at": str, "pages": int,
                             "articles": int, "errors": int, "status": str}, pk="id")
    db["articles"].enable_fts(["title", "text"], create_triggers=True)


@migrations()
def m002_views(db: Database) -> None:
    db.create_view("coverage_matrix", """
        select stories.slug as story, claims.position as claim, claims.kind,
               claims.text as claim_text, outlets.name as outlet, articles.id as article_id,
               articles.url, matches.verdict, matches.score, matches.sentence, matches.conflicts
        from matches
        join stories on stories.id = matches.story_id
        join claims on claims.id = matches.claim_id
        join articles on articles.id = matches.article_id
        join outlets on outlets.id = articles.outlet_id
        join coverage on coverage.story_id = matches.story_id
             and coverage.article_id = matches.article_id
        where coverage.is_coverage = 1""", replace=True)
    db.create_view("conflicts", """
        select story, claim, claim_text, outlet, url, sentence, conflicts
        from coverage_matrix where verdict = 'conflict'""", replace=True)


@migrations()
def m003_discovery(db: Database) -> None:
    db["stories"].add_column("query", str)
    db["stories"].add_column("language", str)
    db["stories"].add_column("published", str)
    db["stories"].add_column("window_days", int)
    db["stories"].add_column("aggregators", str)
    db["pages"].add_column("html_hash", str)
    db["coverage"].add_column("scored", int)
    db["versions"].create({"id": int, "article_id": int, "version": int, "title": str,
                           "text": str, "content_hash": str, "fetched_at": str}, pk="id",
                          foreign_keys=[("article_id", "articles")])
    db["versions"].create_index(["article_id", "version"], unique=True)
    db["verdict_changes"].create({
        "id": int, "story_id": int, "claim_id": int, "article_id": int, "from_version": int,
        "to_version": int, "old_verdict": str, "new_verdict": str, "old_sentence": str,
        "new_sentence": str, "changed_at": str}, pk="id",
        foreign_keys=[("story_id", "stories"), ("claim_id", "claims"),
                      ("article_id", "articles")])
    db["copies"].create({"article_id": int, "copy_of": int, "similarity": float}, pk=(
        "article_id", "copy_of"), foreign_keys=[("article_id", "articles"),
                                               ("copy_of", "articles")])
    # Every article stored before versions existed is its own first version.
    db.execute("""insert into versions (article_id, version, title, text, content_hash,
                  fetched_at) select id, 1, title, text, content_hash, first_seen
                  from articles""")
    db.create_view("version_changes", """
        select stories.slug as story, claims.position as claim, claims.text as claim_text,
               outlets.name as outlet, articles.url, verdict_changes.from_version,
               verdict_changes.to_version, verdict_changes.old_verdict,
               verdict_changes.new_verdict, verdict_changes.old_sentence,
               verdict_changes.new_sentence, verdict_changes.changed_at
        from verdict_changes
        join stories on stories.id = verdict_changes.story_id
        join claims on claims.id = verdict_changes.claim_id
        join articles on articles.id = verdict_changes.article_id
        join outlets on outlets.id = articles.outlet_id""", replace=True)


@migrations()
def m004_run_figures(db: Database) -> None:
    for column in ("new_articles", "new_versions", "matched", "exit_code"):
        db["crawl_runs"].add_column(column, int)
    db["crawl_runs"].add_column("log_file", str)


@migrations()
def m005_raw_pages_zstd(db: Database) -> None:
    # New raw pages are zstd-compressed (as small as gzip, seven times faster to write); rows
    # stored before keep their gzip bytes in html_gz, and `jobs.crawl.page_html` reads either.
    db["pages"].add_column("html_zst", bytes)


@migrations()
def m006_copy_sketches(db: Database) -> None:
    # Articles stored or changed since the last search for syndicated copies; a crawl killed
    # before its search leaves them here for the next run.
    db["_pending_copies"].create({"article_id": int}, pk="article_id")
    # Each article's MinHash sketch and its LSH band keys (monitor/steps/copies.py): a new article
    # is compared with the few that share a band, not with every stored one.
    # Without rowids: one b-tree each, written once for every article a crawl stores.
    db.execute("create table _sketches (article_id integer primary key, sketch blob)")
    db.execute("create table _sketch_bands (key integer, article_id integer, "
               "primary key (key, article_id)) without rowid")
    # Articles stored before: sketched and searched once, at the next run.
    db.execute("insert into _pending_copies (article_id) select id from articles")


@migrations()
def m007_recrawl_lookups(db: Database) -> None:
    # A recrawl looks up every listed page before asking for it: from one small index, not
    # from the page rows (with their raw HTML) and the articles (with their text).
    db["pages"].add_column("text_hash", str)
    db.execute("update pages set text_hash = (select content_hash from articles "
               "where articles.id = pages.article_id)")
    db.execute("create index pages_recrawl on pages "
               "(url, status, etag, last_modified, html_hash, text_hash)")
    db.execute("create index articles_url_text_hash on articles (url, content_hash)")


@migrations()
def m008_coverage_kinds(db: Database) -> None:
    # What each article is to each story (seed, copy, coverage, mention, unrelated) and why.
    db["coverage"].add_column("kind", str)
    db["coverage"].add_column("evidence", str)
    db.execute("update coverage set kind = case when is_coverage then 'coverage' "
               "else 'unrelated' end")
    db.create_view("coverage_decisions", """
        select stories.slug as story, outlets.name as outlet, articles.title, articles.url,
               coverage.kind, coverage.relevance, coverage.is_coverage,
               json_extract(coverage.evidence, '$.names') as shared_names,
               json_extract(coverage.evidence, '$.numbers') as shared_numbers,
               json_extract(coverage.evidence, '$.terms') as shared_terms,
               json_extract(coverage.evidence, '$.claims') as claims_carried,
               json_extract(coverage.evidence, '$.days_apart') as days_apart,
               coverage.article_id, coverage.story_id
        from coverage join stories on stories.id = coverage.story_id
        join articles on articles.id = coverage.article_id
        left join outlets on outlets.id = articles.outlet_id""", replace=True)


@migrations()
def m009_outlet_views(db: Database) -> None:
    # Datasette answers "who" directly: every match with its outlet's name, and what each
    # outlet left out. An outlet leaves a claim out when none of its covering articles carries
    # it, as the report counts it (report.outlet_summary), not per article.
    db.create_view("outlet_matches", """
        select stories.slug as story, outlets.name as outlet, claims.position as claim,
               claims.kind, claims.text as claim_text, matches.verdict, matches.score,
               matches.sentence, matches.conflicts, articles.title, articles.url,
               matches.story_id, matches.claim_id, matches.article_id
        from matches
        join stories on stories.id = matches.story_id
        join claims on claims.id = matches.claim_id
        join articles on articles.id = matches.article_id
        join outlets on outlets.id = articles.outlet_id""", replace=True)
    db.create_view("claims_left_out", """
        select stories.slug as story, covering.outlet, claims.position as claim, claims.kind,
               claims.text as claim_text
        from (select distinct story, outlet from coverage_matrix) as covering
        join stories on stories.slug = covering.story
        join claims on claims.story_id = stories.id
        where not exists (select 1 from coverage_matrix as m where m.story = covering.story
                          and m.outlet = covering.outlet and m.claim = claims.position
                          and m.verdict != 'absent')""", replace=True)


@migrations()
def m010_run_reasons(db: Database) -> None:
    # Why a run failed or was interrupted ("database or disk is full"): the status alone
    # does not tell the user what to fix.
    db["crawl_runs"].add_column("reason", str)


@migrations()
def m011_match_notes(db: Database) -> None:
    # What a supporting sentence says only loosely (a rounded amount: "about 30" for 29):
    # not a conflict, but worth a look.
    db["matches"].add_column("notes", str)


@migrations()
def m012_covering_since(db: Database) -> None:
    # When an article became coverage of a story: on its first match, or when an edit, a
    # re-match or a story registered again turned it into coverage (`monitor changes`).
    db["coverage"].add_column("covering_since", str)
    db.execute("update coverage set covering_since = (select max(coalesce(articles.first_seen, "
               "''), coalesce(stories.created_at, '')) from articles, stories where "
               "articles.id = coverage.article_id and stories.id = coverage.story_id) "
               "where is_coverage = 1")


@migrations()
def m013_copy_groups(db: Database) -> None:
    # Syndicated copies as groups, one per text: every member's row names the group's earliest
    # article (`copy_of`), so a new article is compared with one article per group, not with
    # every copy. Pairs stored before become groups: those linked by a pair are one group.
    pairs = list(db.execute("select article_id, copy_of, similarity from copies"))
    group = {}
    for a, b, _ in pairs:
        group.setdefault(a, a), group.setdefault(b, b)
        ra, rb = _root(group, a), _root(group, b)
        group[max(ra, rb)] = min(ra, rb)
    when = {i: w for i, w in db.execute(
        "select id, coalesce(published, first_seen, '') from articles where id in "
        "(select value from json_each(?))", [json.dumps(sorted(group))])}
    members: dict[int, list[int]] = {}
    for article in group:
        members.setdefault(_root(group, article), []).append(article)
    similarity = {(a, b): s for a, b, s in pairs}
    best: dict[int, float] = {}  # a member's highest similarity, when it was no pair's copy
    for a, b, s in pairs:
        best[a], best[b] = max(best.get(a, 0.0), s), max(best.get(b, 0.0), s)
    rows = []
    for ids in members.values():
        first = min(ids, key=lambda i: (when.get(i, ""), i))
        rows += [(i, first, similarity.get((i, first), best[i])) for i in ids if i != first]
    db.execute("drop table copies")
    db["copies"].create({"article_id": int, "copy_of": int, "similarity": float},
                        pk="article_id", foreign_keys=[("article_id", "articles"),
                                                      ("copy_of", "articles")])
    db["copies"].insert_all([dict(zip(("article_id", "copy_of", "similarity"), r, strict=True))
                             for r in rows])
    db.execute("create index copies_copy_of on copies (copy_of)")
    # An article's band keys are deleted with its old sketch without recomputing them.
    db.execute("create index _sketch_bands_article on _sketch_bands (article_id)")


def _root(group: dict[int, int], article: int) -> int:
    while group[article] != article:
        article = group[article]
    return article


@migrations()
def m014_crawlers_and_ingest(db: Database) -> None:
    # Past one machine, many crawlers run at once: which host and process did a run.
    db["crawl_runs"].add_column("host", str)
    db["crawl_runs"].add_column("pid", int)
    # The last entry of each Redis stream that `monitor ingest` committed, written in the same
    # transaction as the entry's rows: an entry delivered again is recognised and skipped.
    db["_ingested"].create({"stream": str, "last_id": str}, pk="stream")


@migrations()
def m015_reworded_quotations(db: Database) -> None:
    # The claims' quotations outlets gave in other words that say nothing else (two
    # translations of one statement): shown with both sentences (in `notes`), never among the
    # conflicts, which count contradictions.
    db.create_view("reworded_quotations", """
        select stories.slug as story, claims.position as claim, claims.text as claim_text,
               outlets.name as outlet, articles.url, matches.sentence, matches.notes
        from matches
        join stories on stories.id = matches.story_id
        join claims on claims.id = matches.claim_id
        join articles on articles.id = matches.article_id
        join outlets on outlets.id = articles.outlet_id
        join coverage on coverage.story_id = matches.story_id
             and coverage.article_id = matches.article_id
        where coverage.is_coverage = 1 and matches.verdict = 'reworded quotation'""",
                   replace=True)


@migrations()
def m016_headline_in_content_hash(db: Database) -> None:
    # An article's fingerprint now covers its headline (a changed headline alone is a new
    # version). Every stored fingerprint is computed again, and the matches, pages and versions
    # made from an article's current one follow it: nothing is matched or versioned again.
    db.conn.create_function("_content_hash", 2, _headline_and_text_hash, deterministic=True)
    for table, column in (("coverage", "content_hash"), ("pages", "text_hash")):
        db.execute(f"update {table} set {column} = (select _content_hash(title, text) from "
                   f"articles where articles.id = {table}.article_id) where {column} = (select "
                   f"content_hash from articles where articles.id = {table}.article_id)")
    db.execute("update versions set content_hash = _content_hash(title, text)")
    # Not through the full-text index's update trigger: it would index every text again for a
    # column it does not hold (twice the time, and a write-ahead log the size of the file).
    trigger = db.execute("select sql from sqlite_master where type = 'trigger' and "
                         "name = 'articles_au'").fetchone()
    if trigger:
        db.execute("drop trigger articles_au")
    db.execute("update articles set content_hash = _content_hash(title, text)")
    if trigger:
        db.execute(trigger[0])


def _headline_and_text_hash(title: str | None, text: str | None) -> str:
    # `extract.content_hash` as it was when m016 was written, frozen here: a schema step must
    # compute the same whatever the code becomes (test_store checks they still agree).
    words = " ".join((title or "").split()) + "\n" + " ".join((text or "").split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


@migrations()
def m017_decisions_scored(db: Database) -> None:
    # Whether an article's claims were compared with the seed's (not when it is in another
    # language) and its language: "no claim carried" and "not compared" read apart.
    db.create_view("coverage_decisions", """
        select stories.slug as story, outlets.name as outlet, articles.title, articles.url,
               coverage.kind, coverage.relevance, coverage.is_coverage, coverage.scored,
               articles.language,
               json_extract(coverage.evidence, '$.names') as shared_names,
               json_extract(coverage.evidence, '$.numbers') as shared_numbers,
               json_extract(coverage.evidence, '$.terms') as shared_terms,
               json_extract(coverage.evidence, '$.claims') as claims_carried,
               json_extract(coverage.evidence, '$.days_apart') as days_apart,
               coverage.article_id, coverage.story_id
        from coverage join stories on stories.id = coverage.story_id
        join articles on articles.id = coverage.article_id
        left join outlets on outlets.id = articles.outlet_id""", replace=True)


@migrations()
def m018_pages_gone_since(db: Database) -> None:
    # When an article's page first answered 404 or 410 (taken down), kept across the runs
    # that find it gone again.
    db["pages"].add_column("gone_since", str)


@migrations()
def m019_claims_created_at(db: Database) -> None:
    # When each claim was registered: articles matched before a claim registered again (a
    # corrected seed) are matched again, and its conflicts are news from then.
    db["claims"].add_column("created_at", str)


@migrations()
def m020_crawl_runs_warnings(db: Database) -> None:
    # How many listings a run read that were cut short or malformed: no errors, but a user
    # reading `monitor status` after cron's runs must see them.
    db["crawl_runs"].add_column("warnings", int)


# What a user clicks in Datasette, on a year of runs (tens of thousands of articles, hundreds of
# thousands of matches, an article × story decision each): each page must read only what it
# shows, since Datasette stops any SQL after a second (bench/datasette_pages.py).
CLICKED_INDEXES = {
    # The conflicts and reworded quotations, the verdict facet: the few rows of one verdict.
    "matches_verdict": "matches (verdict, story_id)",
    # An article's rows in each table (its row page counts them; a re-match replaces them).
    "matches_article": "matches (article_id, story_id)",
    "coverage_article": "coverage (article_id)",
    "additions_article": "additions (article_id)",
    "pages_article": "pages (article_id)",
    "verdict_changes_article": "verdict_changes (article_id)",
    # A story's covering articles (or its copies, mentions) without reading every decision.
    "coverage_story_kind": "coverage (story_id, is_coverage, kind, scored)",
    # An outlet's articles, and the articles' facets, without reading their text.
    "articles_outlet": "articles (outlet_id, language, is_stub)",
    # The pages taken down (a story's matrix page says which articles were): `gone_since`
    # comes after the raw page in each row, so without it every raw page would be read.
    "pages_gone": "pages (article_id, gone_since, error) where gone_since is not null",
    # The newest articles first (a click on the column's heading).
    "articles_published": "articles (published)",
}


@migrations()
def m021_indexes_for_datasette(db: Database) -> None:
    for name, on in CLICKED_INDEXES.items():
        db.execute(f"create index if not exists {name} on {on}")
    # Left out, per story and outlet: one pass over the story's matches grouped by outlet and
    # claim, not a search of every match for each outlet and claim. A Datasette filter on
    # story or outlet reaches the grouping (its columns are grouped on), so one story's rows
    # are read from its own matches. The same rows as m009's definition.
    db.create_view("claims_left_out", """
        select story, outlet, claim, kind, claim_text from (
            select stories.slug as story, outlets.name as outlet, claims.position as claim,
                   claims.kind as kind, claims.text as claim_text,
                   max(matches.verdict != 'absent') as carried
            from stories
            join coverage on coverage.story_id = stories.id and coverage.is_coverage = 1
            join articles on articles.id = coverage.article_id
            join outlets on outlets.id = articles.outlet_id
            join claims on claims.story_id = stories.id
            left join matches on matches.story_id = stories.id
                 and matches.claim_id = claims.id and matches.article_id = coverage.article_id
            -- an article whose claims were scored: it has matches (coverage_matrix's rows)
            where exists (select 1 from matches as scored where scored.article_id =
                          coverage.article_id and scored.story_id = coverage.story_id)
            group by stories.slug, outlets.name, claims.position)
        where not coalesce(carried, 0)""", replace=True)


@migrations()
def m022_additions_by_sentence(db: Database) -> None:
    # A line that becomes an outlet's boilerplate leaves the additions of the outlet's earlier
    # pages: found by its words, not by reading every addition of every story (storing each
    # article of an outlet with a standing credit line read them all: a year's 52,000 did
    # slow every store).
    db.execute("create index if not exists additions_sentence on additions (sentence)")


FTS_HASH_BYTES = 8 * 1024 * 1024  # the full-text index's terms kept in memory (FTS5's: 1 MiB)


@migrations()
def m023_full_text_terms_in_memory(db: Database) -> None:
    # FTS5 writes the terms it holds to a new segment on disk whenever they pass its `hashsize`,
    # and its merges then rewrite the segments: a batch of 500 news articles passed 1 MiB a few
    # times. With 8 MiB it writes one segment a batch, whose terms merge less often; the index
    # holds the same, and searches find the same (bench/README.md, 2026-12-03 evening). An
    # FTS5 setting is a row of `articles_fts_config`, read by every connection that writes.
    db.execute("insert into articles_fts (articles_fts, rank) values ('hashsize', ?)",
               [FTS_HASH_BYTES])


FTS_AUTOMERGE = 16  # segments of a level the full-text index lets gather before merging (FTS5's: 4)


@migrations()
def m024_full_text_merges_less_often(db: Database) -> None:
    # FTS5 merges a level's segments into one of the next level once `automerge` of them
    # gather: with 4, each article's terms were written again about log4 of the batches stored
    # times; with 16 (FTS5's largest), about half as often. Indexing 3,000 news articles took
    # 24% fewer instructions (14-19% less CPU), 15,000 14% less CPU. Searches read more,
    # smaller segments (15 against 6 at 15,000 articles), each within a millisecond or two of
    # before, and find the same (bench/README.md, 2026-12-03 night). A row of
    # `articles_fts_config`, as m023's.
    db.execute("insert into articles_fts (articles_fts, rank) values ('automerge', ?)",
               [FTS_AUTOMERGE])


@migrations()
def m025_claims_speaker_guessed(db: Database) -> None:
    # A claim's speaker read from a "she said" that the sentence before ties to no one is a
    # guess, shown but never counted against another name (steps/claims.py, `People.guessed`).
    # Stories registered before keep 0 (null) until registered again.
    db["claims"].add_column("speaker_guessed", int)


def _noted_differences_view(db: Database, kinds: tuple[str, ...]) -> None:
    """The view of the differences noted of `kinds` on covering articles, each row's notes
    only those (as each migration that adds a kind makes it again)."""
    listed = "(" + ", ".join(f"'{kind}'" for kind in kinds) + ")"
    db.create_view("noted_differences", f"""
        select stories.slug as story, claims.position as claim, claims.text as claim_text,
               outlets.name as outlet, articles.url, matches.verdict, matches.sentence,
               (select json_group_array(json(value)) from json_each(matches.notes)
                where json_extract(value, '$.kind') in {listed})
               as notes
        from matches
        join stories on stories.id = matches.story_id
        join claims on claims.id = matches.claim_id
        join articles on articles.id = matches.article_id
        join outlets on outlets.id = articles.outlet_id
        join coverage on coverage.story_id = matches.story_id
             and coverage.article_id = matches.article_id
        where coverage.is_coverage = 1 and exists (
            select 1 from json_each(matches.notes)
            where json_extract(json_each.value, '$.kind') in {listed})""", replace=True)


@migrations()
def m026_noted_differences(db: Database) -> None:
    # Differences noted but not counted as conflicts that a fact-checker still wants to see:
    # an amount given rounded ("about 30" for 29), the claim's words given to an organisation
    # for its named speaker. (Another amount or another day is another thing, not a
    # difference; reworded quotations have their own view.)
    _noted_differences_view(db, ("rounded", "another speaker"))


@migrations()
def m027_noted_bounds(db: Database) -> None:
    # Two bounds of one side that differ ("at least 290" against "at least 210") are noted as
    # another bound: neither contradicts the other, but a fact-checker wants to see both.
    _noted_differences_view(db, ("rounded", "another bound", "another speaker"))
