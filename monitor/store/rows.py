"""Reading and writing the database's rows: plain rows in (dicts, tuples, lists, bytes), plain
rows out, for the crawl, the matcher and the reports (the schema is schema.py's). What the rows
mean to the matcher (stories, articles, copies) is the callers' side: monitor/jobs/."""

from __future__ import annotations

import itertools
import json
import operator
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlite_utils import Database

from monitor.store.schema import now


def save_story(db: Database, story: dict, claims: list[dict],
               story_id: int | None = None) -> int:
    """Register a story and its claims; with `story_id`, that story is registered again: new
    text and given settings, and its claims as `_claims_again` keeps them, to be matched again.

    `story` has slug, title, seed_text, source and any crawl settings: query, language,
    published, window_days, aggregators (a list of aggregator names). Each claim has position,
    text, kind, speaker, sentence, numbers, quotes and names (the last three lists), and
    perhaps speaker_guessed.
    """
    story = dict(story)
    if "aggregators" in story:
        story["aggregators"] = json.dumps(story["aggregators"] or [])
    with db.atomic():
        if story_id is not None:
            db["stories"].update(story_id, story)
            claims = _claims_again(db, story_id, claims)
        else:
            story_id = db["stories"].insert({**story, "created_at": now()}).last_pk
        registered = now()
        for claim in claims:
            row = {"story_id": story_id, "position": claim["position"], "text": claim["text"],
                   "kind": claim["kind"], "speaker": claim["speaker"],
                   "speaker_guessed": int(claim.get("speaker_guessed", False)),
                   "sentence": claim["sentence"],
                   **{name: json.dumps(claim[name]) for name in _CLAIM_LISTS}}
            if claim.get("id") is None:
                db["claims"].insert({**row, "created_at": registered})
            else:
                db["claims"].update(claim["id"], row)
        if any(claim.get("id") is None for claim in claims):
            # Matched before its new claims, whatever the second (times are to the second):
            # `articles_to_match` gives these articles until they are matched again.
            db.execute("update coverage set matched_at = '' where story_id = ?", [story_id])
    return story_id


def _claims_again(db: Database, story_id: int, claims: list[dict]) -> list[dict]:
    """A story's new claims, each that it had before (same kind and words) with its old id.

    The claims it no longer has go, with their matches and verdict history; the rest keep
    theirs, and the story's coverage stays, so that registering it again (a new window, a
    corrected seed) neither loses its history nor shows old coverage as new.
    """
    old: dict[tuple, list[int]] = {}
    for r in db["claims"].rows_where("story_id = ?", [story_id], order_by="position"):
        old.setdefault((r["kind"], r["text"]), []).append(r["id"])
    again = [{**c, "id": ids.pop(0) if (ids := old.get((c["kind"], c["text"]))) else None}
             for c in claims]
    gone = json.dumps([i for ids in old.values() for i in ids])
    for table, column in (("matches", "claim_id"), ("verdict_changes", "claim_id"),
                          ("claims", "id")):
        db.execute(f"delete from {table} where {column} in (select value from json_each(?))",
                   [gone])
    # Out of the way of the positions they move to (one claim a position).
    db.execute("update claims set position = -id where story_id = ?", [story_id])
    return again


def remove_story(db: Database, slug: str) -> dict:
    """Remove a story with its claims and every decision on it (its articles stay): how many
    claims and decisions went. `LookupError` for an unknown slug."""
    story_id = story_rows(db, slug)[0]["id"]
    gone = {"claims": db["claims"].count_where("story_id = ?", [story_id]),
            "decisions": db["coverage"].count_where("story_id = ?", [story_id])}
    with db.atomic():
        for table in ("verdict_changes", "matches", "additions", "coverage", "claims"):
            db.execute(f"delete from {table} where story_id = ?", [story_id])
        db.execute("delete from stories where id = ?", [story_id])
    return gone


_CLAIM_LISTS = ("numbers", "quotes", "names")  # stored as JSON


def story_rows(db: Database, slug: str | None = None) -> list[dict]:
    """One story by slug, or every story (`LookupError` for an unknown slug)."""
    found = [dict(row) for row in db["stories"].rows_where(
        None if slug is None else "slug = ?", None if slug is None else [slug], order_by="id")]
    if slug is not None and not found:
        raise LookupError(f"no story called {slug!r}; add one with `monitor seed add`")
    return found


def claim_rows(db: Database, story_id: int) -> list[dict]:
    """A story's claims in order, their lists (numbers, quotes, names) read from JSON."""
    return [{**row, **{name: json.loads(row[name] or "[]") for name in _CLAIM_LISTS}}
            for row in db["claims"].rows_where("story_id = ?", [story_id], order_by="position")]


def find_story(db: Database, slug: str | None = None, seed_text: str | None = None,
               title: str | None = None) -> dict | None:
    """The story with this slug, this headline, or this seed text whatever its spacing (None
    if none)."""
    if slug is not None or title is not None:
        column, value = ("slug", slug) if slug is not None else ("title", title)
        rows = list(db.query(f"select id, slug, title from stories where {column} = ?",
                             [value]))
        return rows[0] if rows else None
    if seed_text is None:
        return None
    # The same article pasted again differs in line ends and blank lines, not in words.
    words = seed_text.split()
    return next(({"id": r["id"], "slug": r["slug"], "title": r["title"]} for r in db.query(
        "select id, slug, title, seed_text from stories") if r["seed_text"].split() == words),
        None)


def save_outlet(db: Database, name: str, domain: str, listed: bool = True) -> int:
    """The id of an outlet, created or updated by name.

    A name an aggregator gave (`listed` false) never moves an outlet of that name to its
    domain: on another domain, it is stored as "name (domain)".
    """
    rows = list(db["outlets"].rows_where("name = ?", [name]))
    if rows:
        if rows[0]["domain"] == domain:
            return rows[0]["id"]
        if not listed:
            return save_outlet(db, f"{name} ({domain})", domain, listed=False)
        db["outlets"].update(rows[0]["id"], {"domain": domain})
        return rows[0]["id"]
    return db["outlets"].insert({"name": name, "domain": domain}).last_pk


def save_article(db: Database, article: dict, outlet_id: int, sketch: bytes | None = None,
                 bands: list[int] | None = None) -> tuple[int, bool]:
    """Store an extracted article once per canonical URL, keeping every version of its headline
    and text.

    `article` has the fields of `extract.Article` (source, url, title, author, published,
    language, text, content_hash, is_stub). `sketch` and its `bands` (`copies.sketch`,
    `copies.band_keys`) when the caller has them, else the search for copies makes them.
    Returns the article's id and whether it is new or changed (then it needs matching).
    Plain SQL, no commit: the caller wraps the page's rows in one transaction.
    """
    seen = now()
    row = db.execute("select id, content_hash from articles indexed by articles_url_text_hash "
                     "where url = ?", [article["url"]]).fetchone()
    if row and row[1] == article["content_hash"]:
        return row[0], False
    fields = [outlet_id, article["title"], article["author"], article["published"],
              article["language"], article["text"], article["content_hash"],
              int(article["is_stub"]), article["source"], seen]
    if row:
        article_id = row[0]
        db.execute("update articles set outlet_id = ?, title = ?, author = ?, published = ?, "
                   "language = ?, text = ?, content_hash = ?, is_stub = ?, source_url = ?, "
                   "last_seen = ? where id = ?", [*fields, article_id])
    else:
        article_id = db.execute(
            "insert into articles (outlet_id, title, author, published, language, text, "
            "content_hash, is_stub, source_url, last_seen, url, first_seen) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [*fields, article["url"], seen]).lastrowid
    version = _last_versions(db, article_id, article_id).get(article_id, 0) + 1
    db.execute(_VERSION, _version_row(article_id, version, article, seen))
    save_sketch(db, article_id, sketch, bands or [], replacing=row is not None)
    db.execute(_PENDING, [article_id])
    return article_id, True


# A row's values, not `insert … select`: SQLite runs a statement that may write several rows
# and then fail (a select's rows, an `or replace`, with a foreign key to check) with a statement
# journal, into which it first copies each page the statement changes. Run once a row, that is
# a 16 KiB page or more copied for every row: a third of the cost of a batch's versions, pages
# and coverage rows (bench/README.md, 2026-12-03 evening).
_VERSION = ("insert into versions (article_id, version, title, text, content_hash, fetched_at) "
            "values (?, ?, ?, ?, ?, ?)")
_PENDING = "insert or ignore into _pending_copies (article_id) values (?)"
_ARTICLE_COLUMNS = ("id, outlet_id, title, author, published, language, text, content_hash, "
                    "is_stub, source_url, last_seen, url, first_seen")


def _version_row(article_id: int, version: int, article: dict, seen: str) -> tuple:
    return (article_id, version, article["title"], article["text"], article["content_hash"],
            seen)


def _last_versions(db: Database, first: int, last: int) -> dict[int, int]:
    """The last version number of the articles with ids from `first` to `last`, by id (those
    with versions)."""
    return dict(db.execute("select article_id, max(version) from versions where article_id "
                           "between ? and ? group by article_id", [first, last]))


def insert_rows(db: Database, insert: str, rows: list[tuple]) -> None:
    """Run `insert` (`insert … into table (columns)`) for these rows in order, a statement for
    many: the same rows as one statement a row, with one statement journal a statement (see
    _VERSION) rather than one a row."""
    if not rows:
        return
    width = len(rows[0])
    # Under SQLite's limit of variables a statement (999 before 3.32).
    per = min(1000, db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width)
    values = "(" + ", ".join("?" * width) + ")"
    for start in range(0, len(rows), per):
        some = rows[start:start + per]
        db.execute(f"{insert} values {', '.join([values] * len(some))}",
                   list(itertools.chain.from_iterable(some)))


def stored_articles(db: Database, urls: list[str]) -> dict[str, tuple[int, str]]:
    """The id and text hash of the articles stored at these URLs, by URL."""
    found = {}
    for start in range(0, len(urls), LOOKUPS_A_QUERY):
        some = urls[start:start + LOOKUPS_A_QUERY]
        found.update((url, (article_id, text_hash)) for url, article_id, text_hash in db.execute(
            "select url, id, content_hash from articles indexed by articles_url_text_hash "
            f"where url in ({', '.join('?' * len(some))})", some))
    return found


def save_new_articles(db: Database, new: list[tuple[dict, int | None, bytes | None, list[int]]]
                      ) -> list[int]:
    """Store articles at URLs not stored yet, (article, outlet id, sketch, bands) each, as
    `save_article` one after another would (the same ids and rows, one time of writing for
    all), a few statements for all. Their ids; no commit. Only inside the caller's write
    transaction (`Batch`'s BEGIN IMMEDIATE): the ids are worked out before the insert."""
    seen = now()
    # The ids SQLite would give them one by one: one more than the largest.
    first = db.execute("select coalesce(max(id), 0) + 1 from articles").fetchone()[0]
    ids = list(range(first, first + len(new)))
    numbered = list(zip(ids, new, strict=True))
    # One statement for many rows: FTS5 (the trigger) keeps their terms in memory together,
    # where a statement each writes the terms pending to disk at each (its statement
    # savepoint), to be merged later: 0.44 against 0.18 ms an article of English words in a
    # one-off timing, under load.
    insert_rows(db, f"insert into articles ({_ARTICLE_COLUMNS})", [
        (article_id, outlet_id, a["title"], a["author"], a["published"], a["language"],
         a["text"], a["content_hash"], int(a["is_stub"]), a["source"], seen, a["url"], seen)
        for article_id, (a, outlet_id, *_) in numbered])
    last = _last_versions(db, ids[0], ids[-1]) if ids else {}
    db.conn.executemany(_VERSION, [_version_row(i, last.get(i, 0) + 1, a, seen)
                                   for i, (a, *_) in numbered])
    _insert_sketches(db, [(i, sketch, bands or []) for i, (_, _, sketch, bands) in numbered
                          if sketch is not None])
    db.conn.executemany(_PENDING, [(i,) for i in ids])
    return ids


def save_sketch(db: Database, article_id: int, sketch: bytes | None, bands: list[int],
                replacing: bool = True) -> None:
    """Replace an article's sketch and its band keys (None: no sketch yet). No commit."""
    # A changed text's old sketch is gone either way; without a new one, the search makes it.
    if replacing:
        db.execute("delete from _sketch_bands where article_id = ?", [article_id])
        db.execute("delete from _sketches where article_id = ?", [article_id])
    if sketch is not None:
        _insert_sketches(db, [(article_id, sketch, bands)])


def _insert_sketches(db: Database, sketched: list[tuple[int, bytes, list[int]]]) -> None:
    """Store (article id, sketch, band keys) of articles that have none, in two statements."""
    db.conn.executemany("insert into _sketches (article_id, sketch) values (?, ?)",
                        [(article_id, sketch) for article_id, sketch, _ in sketched])
    db.conn.executemany("insert into _sketch_bands (key, article_id) values (?, ?)",
                        [(key, article_id) for article_id, _, bands in sketched for key in bands])


class Batch:
    """Writes a crawl's pages in batched transactions, each page's rows all or nothing.

    A commit for every page cost a third of the crawl's SQLite time (and a full-text index
    segment per article). A crash loses at most one batch, which the next run fetches again.
    """

    def __init__(self, db: Database, pages: int = 20,
                 on_commit: Callable[[], None] | None = None):
        self.db = db
        self.pages = pages
        self.uncommitted = 0
        # Told after each commit: what a crawl reports as stored is what was committed.
        self.on_commit = on_commit

    @contextmanager
    def page(self, alone: bool = True) -> Iterator[None]:
        """One page's rows: kept whole, or (on an exception) not at all. With `alone` false,
        no savepoint of its own: an exception leaves the caller to roll the batch back."""
        if not self.db.conn.in_transaction:
            # IMMEDIATE, not db.atomic()'s deferred BEGIN: the write lock is taken (waiting up
            # to the busy timeout) before the page's first read. A deferred transaction that
            # read before another crawler sharing the database committed cannot then write:
            # "database is locked" at once.
            self.db.execute("begin immediate")
        if alone:
            with self.db.atomic():  # inside the batch's transaction: a savepoint
                yield
        else:
            yield
        self.uncommitted += 1
        if self.uncommitted >= self.pages:
            self.commit()

    def rollback(self) -> None:
        """Undo the pages written since the last commit."""
        if self.db.conn.in_transaction:
            self.db.conn.rollback()
        self.uncommitted = 0

    def commit(self) -> None:
        """Commit the pages written so far."""
        if self.db.conn.in_transaction:
            self.db.conn.commit()
        self.uncommitted = 0
        if self.on_commit:
            self.on_commit()


LOOKUPS_A_QUERY = 500  # under SQLite's limit of variables a statement
VALIDATORS = ("etag", "last_modified", "html_hash", "content_hash")  # what a recrawl compares


def pages_validators(db: Database, urls: list[str]) -> dict[str, dict]:
    """What was fetched from each URL last time, by URL: its ETag, Last-Modified, HTML hash and
    article text hash, so a recrawl asks only for changes and neither extracts nor matches what
    has not changed; for an article's page taken down (404, 410), only `gone_since`, so that it
    is asked for whole and a page still gone is not news. Other pages are left out."""
    found, down = {}, []
    for start in range(0, len(urls), LOOKUPS_A_QUERY):
        some = urls[start:start + LOOKUPS_A_QUERY]
        for url, status, *row in db.execute(
                "select url, status, etag, last_modified, html_hash, text_hash from pages "
                f"indexed by pages_recrawl where url in ({', '.join('?' * len(some))}) and "
                f"status in (200, {', '.join(map(str, TAKEN_DOWN))})", some):
            if status == 200:
                found[url] = dict(zip(VALIDATORS, row, strict=True))
            else:
                down.append(url)
    found.update(_gone_since(db, down))
    return found


def _gone_since(db: Database, urls: list[str]) -> dict[str, dict]:
    # Read from the rows of the few pages the index says answered 404 or 410: their
    # gone_since sits after the raw page kept, past the index.
    found = {}
    for start in range(0, len(urls), LOOKUPS_A_QUERY):
        some = urls[start:start + LOOKUPS_A_QUERY]
        found.update((url, {"gone_since": since}) for url, since in db.execute(
            f"select url, gone_since from pages where url in ({', '.join('?' * len(some))}) "
            "and gone_since is not null", some))
    return found


def touch_pages(db: Database, urls: list[str], commit: bool = True) -> None:
    """Record that pages were fetched again and had not changed; with `commit`, commits."""
    if not commit:  # within the caller's transaction (ingest's batch)
        db.conn.executemany("update pages set fetched_at = ? where url = ?",
                            [(now(), url) for url in urls])
        return
    # Not db.atomic(): this commits the crawl's open batch too (pipelines._flush_touched).
    with db.conn:
        db.conn.executemany("update pages set fetched_at = ? where url = ?",
                            [(now(), url) for url in urls])


def save_page(db: Database, url: str, status: int, packed: bytes | None,
              article_id: int | None, etag: str | None = None, last_modified: str | None = None,
              error: str | None = None, html_hash: str | None = None,
              text_hash: str | None = None) -> None:
    """Keep the raw page (compressed by `extract.pack_page`) to re-extract it without a refetch,
    with what a recrawl compares: validators, the raw page's hash, its article text's hash.
    A page of an article that now fails (answers 404 or 410: gone since then; or an error)
    stays that article's, with the last raw page it gave.

    No commit: the caller wraps the page's rows in one transaction.
    """
    if article_id is None and packed is None and status != 200:
        # The copy of a page taken down is the evidence a reader checks; a failed fetch only
        # says how the page answers now (its validators are asked for at status 200 only).
        kept = db.execute("update pages set status = ?, fetched_at = ?, error = ?, gone_since "
                          "= case when ? then coalesce(gone_since, ?) end where url = ? and "
                          "article_id is not null",
                          [status, now(), error, status in TAKEN_DOWN, now(), url])
        if kept.rowcount:
            return
    db.execute(_PAGE, [url, article_id, status, now(), etag, last_modified, html_hash,
                       text_hash, packed, error, None])


def save_page_withdrawn(db: Database, url: str, answer: str) -> bool:
    """Record that the page of a stored article (not a stub) now gives no article, or a stub:
    taken down, as a 404 would be. The article keeps its text, verdicts and last raw page; the
    page keeps no validators, so the next run reads it whole. False if it held no such article.
    No commit."""
    # A published article replaced by a notice (or a paywall's teaser) is still what the outlet
    # published: its verdicts stand, as they do for a page that answers 410.
    return bool(db.execute(
        "update pages set fetched_at = ?, error = ?, gone_since = coalesce(gone_since, ?), "
        "etag = null, last_modified = null, html_hash = null, text_hash = null where url = ? "
        "and article_id in (select id from articles where not is_stub)",
        [now(), answer, now(), url]).rowcount)


TAKEN_DOWN = (404, 410)  # an article's page answering these is gone
_PAGE_INTO = ("insert or replace into pages (url, article_id, status, fetched_at, etag, "
              "last_modified, html_hash, text_hash, html_zst, error, gone_since)")
_PAGE = f"{_PAGE_INTO} values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


def save_pages(db: Database, pages: list[tuple]) -> None:
    """Save several pages as `save_page` does, each (url, article_id, status, etag,
    last_modified, html_hash, text_hash, packed, error). No commit."""
    fetched = now()
    insert_rows(db, _PAGE_INTO, [(url, article_id, status, fetched, *rest, None)
                                 for url, article_id, status, *rest in pages])


def packed_page(db: Database, url: str) -> tuple[bytes | None, bytes | None]:
    """The compressed columns (html_zst, html_gz) of the page last fetched from `url`."""
    row = db.execute("select html_zst, html_gz from pages where url = ?", [url]).fetchone()
    return (row[0], row[1]) if row else (None, None)


def story_id(db: Database, slug: str | None) -> list[int]:
    """The ids of one story by slug, or of every story when slug is None."""
    if slug is None:
        return [row["id"] for row in db["stories"].rows]
    rows = list(db["stories"].rows_where("slug = ?", [slug]))
    if not rows:
        raise LookupError(f"no story called {slug!r}; add one with `monitor seed add`")
    return [rows[0]["id"]]


def articles_to_match(db: Database, story: int, everything: bool = False) -> list[int]:
    """The ids of the articles whose current text has not been matched against the story's
    current claims yet (a claim registered since, by `seed add --replace`, included).

    Read from the (url, content_hash) index: the articles' text is not read to find them.
    """
    newest_claim = db.execute("select max(created_at) from claims where story_id = ?",
                              [story]).fetchone()[0]
    return [article_id for (article_id,) in db.execute(
        "select articles.id from articles indexed by articles_url_text_hash "
        "left join coverage on coverage.article_id = articles.id and coverage.story_id = ? "
        "where ? or coverage.content_hash is null "
        "or coverage.content_hash != articles.content_hash or coverage.matched_at < ? "
        "order by articles.id", [story, int(everything), newest_claim])]


def articles_by_id(db: Database, ids: list[int]) -> list[dict]:
    """Article rows as the matcher reads them: id, url, source_url, title, published, text,
    content_hash, is_stub, language, and unsketched (1 for an article `unsketched_pending`
    gives, which the search for copies will need a sketch of, else 0)."""
    return list(db.query("select id, url, source_url, title, published, text, content_hash, "
                         f"is_stub, language, ({_UNSKETCHED} and exists (select 1 from "
                         "_pending_copies where _pending_copies.article_id = articles.id)) "
                         "as unsketched "
                         "from articles where id in (select value from json_each(?)) order by id",
                         [json.dumps(ids)]))


def save_decisions(db: Database, article: dict, decisions: list[tuple[int, dict]],
                   later: list[tuple] | None = None) -> None:
    """Replace an article's coverage, matches and additions for several stories: (story id,
    result) each, the result as `save_match` takes it. Plain SQL, no commit, as `save_match`.

    An article covers few of the stories it is matched against: the rest are stored in a few
    statements for all, not a few each; with `later`, their coverage rows are added to it, for
    `insert_coverage` to store with other articles' before the commit.
    """
    found = [d for d in decisions if d[1]["is_coverage"] and d[1]["scored"]]
    rest = [d for d in decisions if not (d[1]["is_coverage"] and d[1]["scored"])]
    save_coverage(db, article, found, coverage_rows(article, row_values(rest)), later)


def save_coverage(db: Database, article: dict, found: list[tuple[int, dict]],
                  rest: list[tuple], later: list[tuple] | None = None) -> None:
    """`save_decisions` with the stories the article covers, claims scored, as (story id,
    result) and the rest as their coverage rows already made (`coverage_rows`)."""
    for story, result in found:
        save_match(db, story, article, result)
    if not rest:
        return
    # The article's covered stories, few if any, kept if among the rest: one look-up in the
    # article's index, without a JSON list of the rest's 100 story ids to encode and read.
    restated = {row[0] for row in rest}
    was_coverage = [(story, article["id"]) for (story,) in db.execute(
        "select story_id from coverage where article_id = ? and is_coverage = 1",
        [article["id"]]) if story in restated]
    for table in ("matches", "additions"):  # only covering articles have them stored
        db.conn.executemany(f"delete from {table} where story_id = ? and article_id = ?",
                            was_coverage)
    if later is None:
        insert_coverage(db, rest)
    else:
        later.extend(rest)


def insert_coverage(db: Database, coverage_rows: list[tuple]) -> None:
    """Store coverage rows (`coverage_rows`), replacing those of the same story and article.

    In key order: the table's key and its story index start with the story, so an article's
    rows for 100 stories land in 100 places of each, and rows of many articles sorted land
    together (600,000 rows of 100 stories: 3.4 CPU s in batches of 100 articles sorted,
    25.7 one article at a time; bench/README.md, 2026-12-04)."""
    insert_rows(db, _COVERAGE_INTO, sorted(coverage_rows, key=_STORY_ARTICLE))


_STORY_ARTICLE = operator.itemgetter(0, 1)  # a coverage row's key, (story, article)
_COVERAGE_INTO = ("insert or replace into coverage (story_id, article_id, relevance, "
                  "is_coverage, kind, evidence, scored, content_hash, matched_at)")


def coverage_rows(article: dict, values: list[tuple[int, tuple]],
                  matched_at: str | None = None) -> list[tuple]:
    """The coverage rows of an article's results against stories, from each story's id and
    its row's values (relevance, is_coverage, kind, evidence as stored, scored: `row_values`,
    or made in a worker of `monitor match`, `stories.coverage_values`)."""
    # 100 rows an article, most of the storing process's own work: the article's values
    # looked up once.
    article_id, content_hash = article["id"], article["content_hash"]
    matched_at = matched_at or now()
    return [(story, article_id, *row, content_hash, matched_at) for story, row in values]


def row_values(decisions: list[tuple[int, dict]]) -> list[tuple[int, tuple]]:
    """Each story's id and its result's coverage row values (`coverage_rows`), from results
    as `save_match` takes them."""
    return [(story, (r["relevance"], int(r["is_coverage"]), r["kind"], _json(r["evidence"]),
                     int(r["scored"])))
            for story, r in decisions]


def save_new_decisions(db: Database, decided: list[tuple[dict, list[tuple[int, dict]]]]
                       ) -> None:
    """Store the decisions on articles just stored (`save_new_articles`), none of them
    coverage with scored claims: (article id and content_hash, decisions) each, as
    `save_decisions` would. No commit."""
    # A new article has no coverage, matches nor additions to replace yet (their foreign keys).
    matched_at = now()
    insert_coverage(db, [row for article, decisions in decided
                         for row in coverage_rows(article, row_values(decisions), matched_at)])


def _json(value) -> str | None:
    # Text is JSON already (`as_json`, in a worker).
    return value if isinstance(value, str) else as_json(value)


def as_json(value) -> str | None:
    """A JSON column's text as stored (None for nothing)."""
    return json.dumps(value) if value else None


def save_match(db: Database, story: int, article: dict, result: dict) -> None:
    """Replace an article's coverage, matches and additions for a story.

    `result` has relevance, is_coverage, kind, evidence, scored (whether its claims were
    scored), matches (claim_id, sentence, score, verdict, conflicts, notes, scorer each) and
    additions (sentences). Plain SQL, no commit: the caller commits a batch of articles at a
    time (a crawl's `Batch`, `monitor match` every hundred), so a crash leaves each batch
    either saved whole or not at all. When the article had been matched before, in an earlier
    version or the same one scored again (`monitor match --all`, a seed registered again),
    every claim whose verdict changed is recorded in `verdict_changes`.
    """
    key = (story, article["id"])
    matched = db.execute("select content_hash, covering_since from coverage where story_id = ? "
                         "and article_id = ?", key).fetchone()
    since = None
    if result["is_coverage"]:
        since = (matched and matched[1]) or now()
    before = {}
    if matched is not None:
        before = {claim: (verdict, sentence) for claim, verdict, sentence in db.execute(
            "select claim_id, verdict, sentence from matches where story_id = ? and "
            "article_id = ?", key)}
        for table in ("matches", "additions"):
            db.execute(f"delete from {table} where story_id = ? and article_id = ?", key)
    db.execute("insert or replace into coverage (story_id, article_id, relevance, is_coverage, "
               "kind, evidence, scored, content_hash, matched_at, covering_since) "
               "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [*key, result["relevance"], int(result["is_coverage"]), result["kind"],
                _json(result["evidence"]), int(result["scored"]), article["content_hash"], now(),
                since])
    if not result["is_coverage"] or not result["scored"]:
        return
    rows = [(story, m["claim_id"], article["id"], m["sentence"], m["score"], m["verdict"],
             _json(m["conflicts"]), m["scorer"], _json(m["notes"])) for m in result["matches"]]
    db.conn.executemany("insert into matches (story_id, claim_id, article_id, sentence, score, "
                        "verdict, conflicts, scorer, notes) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        rows)
    db.conn.executemany("insert into additions (story_id, article_id, sentence) "
                        "values (?, ?, ?)",
                        [(*key, s) for s in _not_boilerplate(db, article["id"],
                                                             result["additions"])])
    if before:
        _save_verdict_changes(db, story, article["id"], before, rows,
                              edited=matched[0] != article["content_hash"])


BOILERPLATE_PAGES = 3  # a line on this many pages of one outlet is the outlet's, not news
# A line's longest words, looked up together before its phrase is (`_on_other_pages`).
LOOKUP_WORDS = 5


# A line that became boilerplate, out of the additions of its outlet's pages (the article's).
FORGET_BOILERPLATE = ("delete from additions where sentence = ? and article_id in "
                      "(select id from articles where outlet_id = "
                      "(select outlet_id from articles where id = ?))")


def _not_boilerplate(db: Database, article_id: int, sentences: list[str]) -> list[str]:
    """The sentences that are not boilerplate: lines that BOILERPLATE_PAGES or more pages of the
    article's outlet carry ("Reporting by ...", a standing credit). A line that just became
    boilerplate leaves the additions of the outlet's earlier pages too."""
    kept = []
    for sentence in sentences:
        words = sentence.replace('"', " ").split()
        if not _on_other_pages(db, words, article_id):
            kept.append(sentence)
            continue
        # A phrase query: the line's words in its order, on other pages of the outlet. The
        # full-text index is read first (`cross join` fixes SQLite's order): with the index on
        # articles' outlets (m021) the planner started from the outlet's pages and ran the
        # phrase query once for each, seconds a line for an outlet of thousands of pages.
        phrase = '"' + " ".join(words) + '"'
        pages = [row[0] for row in db.execute(
            BOILERPLATE_PAGES_QUERY, [phrase, article_id, BOILERPLATE_PAGES])]
        if len(set(pages) | {article_id}) < BOILERPLATE_PAGES:
            kept.append(sentence)
        else:
            db.execute(FORGET_BOILERPLATE, [sentence, article_id])
    return kept


# Up to BOILERPLATE_PAGES pages of an article's outlet that carry a phrase.
BOILERPLATE_PAGES_QUERY = (
    "select articles.id from articles_fts cross join articles "
    "on articles.rowid = articles_fts.rowid where articles_fts match ? "
    "and articles.outlet_id = (select outlet_id from articles where id = ?) limit ?")


def _on_other_pages(db: Database, words: list[str], article_id: int) -> bool:
    """Whether enough other pages (of any outlet) carry a line's LOOKUP_WORDS longest words for
    it to be boilerplate: a page with the line has them. A phrase query reads the positions of
    its every word, "the" too (1-3 ms a line); rare words' few pages are read in a tenth of it."""
    # Only words with a letter or digit: FTS5 makes at least one token of each.
    longest = sorted((w for w in words if any(map(str.isalnum, w))), key=len,
                     reverse=True)[:LOOKUP_WORDS]
    if not longest:
        return True
    others = db.execute("select rowid from articles_fts where articles_fts match ? "
                        "and rowid != ? limit ?",
                        [" ".join(f'"{w}"' for w in longest), article_id,
                         BOILERPLATE_PAGES - 1]).fetchall()
    return len(others) >= BOILERPLATE_PAGES - 1


def _save_verdict_changes(db: Database, story: int, article_id: int, before: dict,
                          rows: list[tuple], edited: bool) -> None:
    versions = [v for (v,) in db.execute("select version from versions where article_id = ? "
                                         "order by version desc limit 2", [article_id])]
    if len(versions) < (2 if edited else 1):
        return
    # The same text scored again changes from its version to itself; a claim it was not
    # scored on before (registered since) is no change of it.
    since = versions[1] if edited else versions[0]
    changed = [(story, claim, article_id, since, versions[0],
                before.get(claim, ("absent", None))[0], verdict,
                before.get(claim, ("absent", None))[1], sentence, now())
               for _, claim, _, sentence, _, verdict, *_ in rows
               if (edited or claim in before)
               and before.get(claim, ("absent", None))[0] != verdict]
    db.conn.executemany("insert into verdict_changes (story_id, claim_id, article_id, "
                        "from_version, to_version, old_verdict, new_verdict, old_sentence, "
                        "new_sentence, changed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        changed)


def save_sketches(db: Database, sketched: list[tuple[int, str, bytes, list[int]]]) -> None:
    """Store the sketches of articles `unsketched_pending` gives, (article id, content hash of
    the text sketched, sketch, bands) each: one whose text changed or that got a sketch since
    is left as it is. No commit."""
    _insert_sketches(db, [
        (article_id, sketch, bands) for article_id, text_hash, sketch, bands in sketched
        if db.execute("select 1 from articles where id = ? and content_hash = ? and not exists "
                      "(select 1 from _sketches where article_id = ?)",
                      [article_id, text_hash, article_id]).fetchone()])


def pending_copies(db: Database) -> list[tuple[int, bytes | None]]:
    """The articles stored or changed since the last search for copies, with their sketches."""
    return list(db.execute("select _pending_copies.article_id, sketch from _pending_copies "
                           "left join _sketches using (article_id) order by article_id"))


# An article that a search for copies would need a sketch of, once pending: not a stub, none
# stored.
_UNSKETCHED = ("articles.is_stub = 0 and not exists (select 1 from _sketches "
               "where _sketches.article_id = articles.id)")


def unsketched_pending(db: Database) -> list[tuple[int, str]]:
    """Pending articles (not stubs) without a sketch: stored outside a crawl or before sketches
    existed. Their ids and texts."""
    # From the pending ones (a few), not from every article stored.
    return list(db.execute("select articles.id, articles.text from _pending_copies join "
                           "articles on articles.id = _pending_copies.article_id "
                           f"where {_UNSKETCHED}"))


def pending_bands(db: Database) -> list[tuple[int, int]]:
    """(band key, article id) for the band keys of the articles pending a search for copies
    that another article has too, and every article having one of them; an article in a group
    of copies is given as its group's earliest (`copy_of`), so a group is read once whatever
    its size."""
    # CROSS JOIN: the pending articles first, then their keys by the article index. Left to
    # itself SQLite read the whole index instead (every band key of the database) at each
    # run's end: 0.41 against 0.11 s CPU for 3,000 pending among 200,000 articles.
    # A key no other article has ties its article to nothing, and most keys are such: left
    # out here by a look at the key's index, not read, sorted for DISTINCT and counted in
    # Python (3,000 new articles: 6 rows of 47,994 kept, 0.11 → 0.04 s; bench/README.md).
    return list(db.execute(
        "select distinct key, coalesce(copy_of, _sketch_bands.article_id) from _sketch_bands "
        "left join copies on copies.article_id = _sketch_bands.article_id where key in "
        "(select key from _pending_copies cross join _sketch_bands as mine indexed by "
        "_sketch_bands_article using (article_id) where exists (select 1 from _sketch_bands "
        "as other where other.key = mine.key and other.article_id != mine.article_id))"))


def copy_candidates(db: Database, ids: list[int]) -> list[dict]:
    """Sketched articles as the search for copies reads them: id, sketch, published,
    first_seen, and group (the `copy_of` of its group, None when it is in none)."""
    return list(db.query(
        "select articles.id, sketch, published, first_seen, coalesce("
        "(select copy_of from copies where copies.article_id = articles.id), "
        "(select copy_of from copies where copies.copy_of = articles.id limit 1)) as \"group\" "
        "from articles join _sketches on _sketches.article_id = articles.id "
        "where articles.id in (select value from json_each(?))", [json.dumps(ids)]))


def article_text(db: Database, article_id: int) -> str:
    """An article's current text."""
    return db.execute("select text from articles where id = ?", [article_id]).fetchone()[0]


def in_copy_groups(db: Database, ids: list[int]) -> list[int]:
    """Those of these articles that belong to a group of copies."""
    return [i for (i,) in db.execute(
        "select value from json_each(?) where exists (select 1 from copies where "
        "article_id = value) or exists (select 1 from copies where copy_of = value)",
        [json.dumps(ids)])]


def copy_group_members(db: Database, group: int) -> list[dict]:
    """The members of a group of copies other than its earliest: id, published, first_seen,
    similarity."""
    return list(db.query("select articles.id, published, first_seen, similarity from copies "
                         "join articles on articles.id = copies.article_id "
                         "where copy_of = ?", [group]))


def leave_copy_group(db: Database, article_id: int, earliest: int | None = None) -> None:
    """Take an article out of its group of copies; when it was the group's earliest, the
    others now copy `earliest` (one of them). No commit."""
    db.execute("delete from copies where article_id = ?", [article_id])
    if earliest is not None:
        db.execute("delete from copies where article_id = ?", [earliest])
        db.execute("update copies set copy_of = ? where copy_of = ?", [earliest, article_id])
    db.execute("delete from copies where copy_of = ?", [article_id])


def save_copy_groups(db: Database, renamed: dict[int, int],
                     links: list[tuple[int, int, float]], searched: list[int]) -> None:
    """Write what a search for copies found, in one transaction: groups whose earliest article
    changed (old id -> new), (article, copy_of, similarity) rows, the articles searched for."""
    with db.atomic():
        db.conn.executemany("update copies set copy_of = ? where copy_of = ?",
                            [(new, old) for old, new in renamed.items()])
        db.conn.executemany("insert or replace into copies (article_id, copy_of, similarity) "
                            "values (?, ?, ?)", links)
        db.conn.executemany("delete from _pending_copies where article_id = ?",
                            [(a,) for a in searched])


def story_list(db: Database) -> list[dict]:
    """Every story by slug: slug, title, published, window_days, query, aggregators (JSON),
    source (the seed's file or address) and claims (how many)."""
    return list(db.query("select slug, title, published, window_days, query, aggregators, source, "
                         "(select count(*) from claims where story_id = stories.id) as claims "
                         "from stories order by slug"))


def coverage_counts(db: Database, story: int) -> tuple[int, int]:
    """How many articles were matched against a story, and how many of them cover it."""
    return tuple(db.execute("select count(*), coalesce(sum(is_coverage), 0) from coverage "
                            "where story_id = ?", [story]).fetchone())


def stories_to_crawl(db: Database) -> list[dict]:
    """Each story's crawl settings: slug, query, published, window_days, aggregators."""
    return [{**row, "aggregators": json.loads(row["aggregators"] or "[]")} for row in db.query(
        "select slug, query, language, published, window_days, aggregators from stories")]


def start_run(db: Database, log_file: str | None = None, host: str | None = None,
              pid: int | None = None) -> int:
    """Record the start of a run by the crawler `pid` on `host` (the caller holds the run
    lock, so no other run is going).

    A run still marked running was stopped without a chance to say so: it is marked interrupted.
    """
    db.execute("update crawl_runs set status = 'interrupted' where status = 'running'")
    db.conn.commit()
    return db["crawl_runs"].insert({"started_at": _second_after_last_run(db), "pages": 0,
                                    "articles": 0,
                                    "errors": 0, "status": "running", "log_file": log_file,
                                    "host": host, "pid": pid}).last_pk


def _second_after_last_run(db: Database) -> str:
    """Now, or the next second when the last run ended in this one: times are kept to the
    second, and `changes --since RUN` takes the events from the run's start on."""
    last = db.execute("select max(finished_at) from crawl_runs").fetchone()[0]
    started = now()
    if started == last:
        time.sleep(1 - datetime.now(UTC).microsecond / 1e6)
        started = now()
    return started


def record_run(db: Database, run: dict) -> int:
    """The id of a crawler's run as it sent it (host, pid, started_at, log_file), recorded
    running if it was not yet. Crawlers sharing a Redis frontier run together: no lock, and
    no other run is marked interrupted. No commit."""
    key = [run["host"], run["pid"], run["started_at"]]
    found = db.execute("select id from crawl_runs where host = ? and pid = ? and started_at = ?",
                       key).fetchone()
    if found:
        return found[0]
    return db.execute("insert into crawl_runs (host, pid, started_at, log_file, pages, "
                      "articles, errors, new_articles, new_versions, matched, status) "
                      "values (?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 'running')",
                      [*key, run.get("log_file")]).lastrowid


def crawlers_running(db: Database, started_before: str) -> list[dict]:
    """The runs of crawlers on other machines still marked running that started before a time:
    id, host, pid."""
    return list(db.query("select id, host, pid from crawl_runs where status = 'running' and "
                         "host is not null and started_at < ?", [started_before]))


def latest_runs(db: Database, limit: int) -> list[dict]:
    """The last runs recorded, newest first: every column of `crawl_runs`."""
    return list(db.query("select * from crawl_runs order by id desc limit ?", [limit]))


def totals(db: Database) -> dict[str, int]:
    """How many stories, outlets and articles the database holds."""
    return {table: db[table].count for table in ("stories", "outlets", "articles")}


def finish_run(db: Database, run_id: int, **figures) -> None:
    """Record how a run ended: pages, articles, new_articles, new_versions, errors, status..."""
    db["crawl_runs"].update(run_id, {"finished_at": now(), **figures})


def counts(db: Database) -> dict[str, int]:
    """How many articles and later versions the database holds (to measure a run)."""
    return {"articles": db["articles"].count,
            "versions": db.execute("select count(*) from versions where version > 1"
                                   ).fetchone()[0]}


def add_run_figures(db: Database, run_id: int, figures: dict[str, int]) -> None:
    """Add to a run's figures (articles, new_articles, new_versions, matched) what was stored
    of it since: past one machine, ingest counts them as it writes. No commit."""
    db.execute("update crawl_runs set articles = coalesce(articles, 0) + ?, "
               "new_articles = coalesce(new_articles, 0) + ?, "
               "new_versions = coalesce(new_versions, 0) + ?, "
               "matched = coalesce(matched, 0) + ? where id = ?",
               [figures.get(name, 0) for name in ("articles", "new_articles", "new_versions",
                                                   "matched")] + [run_id])


def ingested(db: Database, stream: str) -> str | None:
    """The id of the last entry of a Redis stream whose rows were committed (None: none)."""
    row = db.execute("select last_id from _ingested where stream = ?", [stream]).fetchone()
    return row[0] if row else None


def set_ingested(db: Database, stream: str, last_id: str) -> None:
    """Record the last entry of a stream written, in the transaction that wrote it. No commit."""
    db.execute("insert or replace into _ingested (stream, last_id) values (?, ?)",
               [stream, last_id])


def every_page_validators(db: Database, chunk: int = 5000) -> Iterator[dict[str, dict]]:
    """What `pages_validators` gives, for every page fetched whole or taken down, `chunk`
    pages at a time."""
    cursor = db.execute("select url, etag, last_modified, html_hash, text_hash from pages "
                        "indexed by pages_recrawl where status = 200")
    while some := cursor.fetchmany(chunk):
        yield {url: dict(zip(VALIDATORS, row, strict=True)) for url, *row in some}
    cursor = db.execute("select url from pages indexed by pages_recrawl where status in "
                        f"({', '.join(map(str, TAKEN_DOWN))})")
    while some := cursor.fetchmany(chunk):
        yield _gone_since(db, [url for (url,) in some])


def latest_version(db: Database, url: str) -> int:
    """The number of the current version of the article at `url` (1: its first text)."""
    return db.execute("select max(version) from versions where article_id = "
                      "(select id from articles where url = ?)", [url]).fetchone()[0] or 0
