"""The SQLite file itself: schema upgrades and what stays readable across them."""

import gzip
import json
import sqlite3
from dataclasses import asdict
from pathlib import Path

import pytest

from monitor.jobs.crawl import page_html
from monitor.jobs.seed import StoryExists, add_seed, slugify
from monitor.jobs.stories import load_stories, result_row, save_seed, stored_claims
from monitor.steps.claims import read_seed
from monitor.steps.extract import Article, content_hash, pack_page
from monitor.steps.match import ArticleMatch, score_article
from monitor.steps.verdicts import ClaimMatch
from monitor.store import results, rows, schema
from monitor.store.rows import Batch, save_page
from monitor.store.schema import migration_names, open_db


def test_a_database_upgrades_itself_and_records_each_step(tmp_path):
    path = tmp_path / "m.db"
    open_db(path).close()
    applied = [name for (name,) in sqlite3.connect(path).execute(
        "select name from _sqlite_migrations order by id")]
    assert applied == migration_names()
    open_db(path).close()  # opening again applies nothing twice
    assert sqlite3.connect(path).execute("select count(*) from _sqlite_migrations"
                                         ).fetchone()[0] == len(migration_names())


def test_a_new_database_has_large_pages_and_an_existing_one_keeps_its_own(tmp_path):
    # Made before 16 KiB pages: SQLite's default page size, and rows already in it.
    old = sqlite3.connect(tmp_path / "old.db")
    old.execute("create table kept (text)")
    old.execute("insert into kept values ('a text stored before')")
    old.commit()
    old.close()
    db = open_db(tmp_path / "old.db")
    assert db.execute("pragma page_size").fetchone()[0] == 4096
    assert [r[0] for r in db.execute("select text from kept")] == ["a text stored before"]
    assert open_db(tmp_path / "new.db").execute("pragma page_size").fetchone()[0] == 16384


def test_raw_pages_stored_as_gzip_before_zstd_still_read_back(tmp_path):
    db = open_db(tmp_path / "m.db")
    raw = "<html><body><p>Café con leche, 29 sospechosos.</p></body></html>".encode("cp1252")
    with db.conn:
        db.execute("insert into pages (url, status, html_gz) values (?, 200, ?)",
                   ["http://old.example/a", gzip.compress(raw)])
    assert page_html(db, "http://old.example/a") == raw


def test_a_refetched_page_replaces_its_old_raw_bytes(tmp_path):
    db = open_db(tmp_path / "m.db")
    with db.conn:
        db.execute("insert into pages (url, status, html_gz) values (?, 200, ?)",
                   ["http://old.example/a", gzip.compress(b"<p>old</p>")])
    with db.conn:
        save_page(db, "http://old.example/a", 200, pack_page(b"<p>new</p>"), None)
    assert page_html(db, "http://old.example/a") == b"<p>new</p>"
    assert db.execute("select html_gz from pages").fetchone()[0] is None


def test_a_page_without_raw_bytes_reads_as_none(tmp_path):
    db = open_db(tmp_path / "m.db")
    with db.conn:
        save_page(db, "http://x.example/gone", 404, None, None, error="HTTP 404")
    assert page_html(db, "http://x.example/gone") is None
    assert page_html(db, "http://x.example/never-fetched") is None


def test_a_page_that_fails_midway_leaves_nothing_and_its_batch_keeps_the_rest(tmp_path):
    db = open_db(tmp_path / "m.db")
    batch = Batch(db, pages=10)
    with batch.page():
        save_page(db, "http://x.example/first", 200, None, None)
    with pytest.raises(RuntimeError), batch.page():
        save_page(db, "http://x.example/broken", 200, None, None)
        raise RuntimeError("the disk filled up halfway through this page")
    with batch.page():
        save_page(db, "http://x.example/third", 200, None, None)
    batch.commit()
    urls = [u for (u,) in sqlite3.connect(tmp_path / "m.db").execute(
        "select url from pages order by url")]
    assert urls == ["http://x.example/first", "http://x.example/third"]


def test_a_batch_is_committed_when_full(tmp_path):
    db = open_db(tmp_path / "m.db")
    batch = Batch(db, pages=2)
    for i in range(3):
        with batch.page():
            save_page(db, f"http://x.example/{i}", 200, None, None)
    seen = sqlite3.connect(tmp_path / "m.db").execute("select count(*) from pages").fetchone()
    assert seen == (2,)  # the third waits for the next commit


def test_an_upgraded_database_keeps_what_a_recrawl_compares(tmp_path):
    path = tmp_path / "old.db"
    old = schema.connect(path)
    schema.ensure_db_shape(old, stop_before="m007_recrawl_lookups")
    with old.conn:
        article = old.execute("insert into articles (url, text, content_hash) values "
                              "('http://x.example/a', 'Text.', 'texthash')").lastrowid
        old.execute("insert into pages (url, article_id, status, etag, html_hash) values "
                    "('http://x.example/a', ?, 200, '\"v1\"', 'pagehash')", [article])
    old.close()

    assert rows.pages_validators(open_db(path), ["http://x.example/a"]) == {
        "http://x.example/a": {"etag": '"v1"', "last_modified": None, "html_hash": "pagehash",
                               "content_hash": content_hash(None, "Text.")}}


def test_a_page_taken_down_is_known_gone_without_its_old_validators(tmp_path):
    db = open_db(tmp_path / "m.db")
    with db.conn:
        article = db.execute("insert into articles (url, text, content_hash) values "
                             "('http://x.example/a', 'Text.', 'texthash')").lastrowid
        db.execute("insert into pages (url, article_id, status, etag, html_hash) values "
                   "('http://x.example/a', ?, 200, '\"v1\"', 'pagehash')", [article])
        rows.save_page(db, "http://x.example/a", 410, None, None, error="HTTP 410")
        rows.save_page(db, "http://x.example/never", 404, None, None, error="HTTP 404")
    urls = ["http://x.example/a", "http://x.example/never"]
    [since] = db.execute("select gone_since from pages where gone_since is not null").fetchone()
    gone = {"http://x.example/a": {"gone_since": since}}
    # Asked for whole (no ETag), so a page put back is read again; one never live is no news.
    assert rows.pages_validators(db, urls) == gone
    assert [found for found in rows.every_page_validators(db) if found] == [gone]


def test_an_edited_headline_alone_is_a_new_version(tmp_path):
    db = open_db(tmp_path / "m.db")
    outlet = rows.save_outlet(db, "Wire", "wire.example")
    text = "Dockworkers stayed out for a second day."
    first = Article("http://wire.example/a", "http://wire.example/a", "Strike goes on", None,
                    None, "en", text, content_hash("Strike goes on", text), False)
    edited = Article(**{**asdict(first), "title": "Strike deepens",
                        "content_hash": content_hash("Strike deepens", text)})
    with db.conn:
        article_id, _ = rows.save_article(db, asdict(first), outlet)
    with db.conn:
        assert rows.save_article(db, asdict(edited), outlet) == (article_id, True)
    assert [(v["version"], v["title"]) for v in db["versions"].rows] == [
        (1, "Strike goes on"), (2, "Strike deepens")]


def test_an_upgrade_that_fingerprints_headlines_matches_and_versions_nothing_again(tmp_path):
    path = tmp_path / "old.db"
    old = schema.connect(path)
    schema.ensure_db_shape(old, stop_before="m016_headline_in_content_hash")
    with old.conn:  # fingerprints of the text alone, as they were stored before
        old.execute("insert into stories (id, slug) values (1, 's')")
        for n, title in enumerate(["Strike goes on", None], 1):
            text = f"Dockworkers stayed out for day {n}."
            old.execute("insert into articles (id, url, title, text, content_hash) values "
                        "(?, ?, ?, ?, ?)", [n, f"http://x.example/{n}", title, text, f"old{n}"])
            old.execute("insert into versions (article_id, version, title, text, content_hash) "
                        "values (?, 1, ?, ?, ?)", [n, title, text, f"old{n}"])
            old.execute("insert into pages (url, article_id, status, text_hash) values "
                        "(?, ?, 200, ?)", [f"http://x.example/{n}", n, f"old{n}"])
        old.execute("insert into coverage (story_id, article_id, content_hash) values "
                    "(1, 1, 'old1'), (1, 2, 'a text matched before an edit')")
    old.close()

    db = open_db(path)
    now = {n: content_hash(title, f"Dockworkers stayed out for day {n}.")
           for n, title in [(1, "Strike goes on"), (2, None)]}
    assert dict(db.execute("select id, content_hash from articles").fetchall()) == now
    assert dict(db.execute("select article_id, content_hash from versions").fetchall()) == now
    assert dict(db.execute("select article_id, text_hash from pages").fetchall()) == now
    # Matched against the current text: nothing to match again; the other one still is.
    assert db.execute("select article_id, content_hash from coverage order by article_id"
                      ).fetchall() == [(1, now[1]), (2, "a text matched before an edit")]


def test_an_article_that_no_longer_covers_a_story_keeps_no_verdicts_for_it(tmp_path):
    db = open_db(tmp_path / "m.db")
    add_seed(db, str(Path(__file__).parents[1] / "data/seeds/port-strike.txt"))
    stories = load_stories(db)
    outlet = rows.save_outlet(db, "Wire", "wire.example")
    article_id, _ = rows.save_article(db, asdict(Article(
        "http://wire.example/a", "http://wire.example/a", "Strike", None, None, "en",
        "Dockers strike.", "h1", False)), outlet)
    row = {"id": article_id, "content_hash": "h1"}
    covering = ArticleMatch(90.0, True, [ClaimMatch(1, "Dockers strike.", 95.0, "verbatim")],
                            ["An addition of six words or more."], "coverage")
    with db.conn:
        rows.save_decisions(db, row, [stories.decision(0, covering, True)])
    assert db.execute("select count(*) from matches").fetchone()[0] == 1
    with db.conn:
        rows.save_decisions(db, row, [stories.decision(
            0, ArticleMatch(3.0, False, [], [], "unrelated"), True)])
    assert db.execute("select count(*) from matches").fetchone()[0] == 0
    assert db.execute("select count(*) from additions").fetchone()[0] == 0
    assert db.execute("select kind, is_coverage from coverage").fetchall() == [("unrelated", 0)]


def _coverage_stored(tmp_path, name: str, together: bool) -> list[tuple]:
    """Two stories' decisions on two articles, the first article decided twice, stored one
    article at a time or kept for one `insert_coverage` at the end."""
    db = open_db(tmp_path / name)
    for seed in ("port-strike", "congestion-charge"):
        add_seed(db, str(Path(__file__).parents[1] / f"data/seeds/{seed}.txt"))
    stories = load_stories(db)
    outlet = rows.save_outlet(db, "Wire", "wire.example")
    later = [] if together else None
    for i, relevance in ((1, 3.0), (2, 4.0), (1, 5.0)):
        article_id, _ = rows.save_article(db, asdict(Article(
            f"http://wire.example/{i}", f"http://wire.example/{i}", "Other news", None, None,
            "en", f"Other news, number {i}.", f"h{i}", False)), outlet)
        unrelated = ArticleMatch(relevance, False, [], [], "unrelated")
        rows.save_decisions(db, {"id": article_id, "content_hash": f"h{i}"},
                            [stories.decision(s, unrelated, False) for s in (1, 0)], later)
    if together:
        rows.insert_coverage(db, later)
    db.conn.commit()
    return db.execute("select story_id, article_id, relevance from coverage "
                      "order by story_id, article_id").fetchall()


def test_coverage_rows_kept_to_store_together_are_stored_as_one_article_at_a_time(tmp_path):
    # `monitor match` stores a transaction's rows in key order: many times cheaper than an
    # article's rows for 100 stories scattered over the table's story-first key.
    assert _coverage_stored(tmp_path, "together.db", True) == _coverage_stored(
        tmp_path, "one-by-one.db", False)
    assert [row[2] for row in _coverage_stored(tmp_path, "again.db", True)] == [5.0, 4.0] * 2


def _matched(tmp_path, seed_text: str, *article_texts: str):
    """A database with one story and one outlet's covering articles matched against it."""
    from monitor.steps.match import match_article

    db = open_db(tmp_path / "m.db")
    seed = read_seed(seed_text)
    with db.conn:
        story = save_seed(db, "s", seed, seed_text, "seed.txt")
        outlet = rows.save_outlet(db, "Example Tribune", "example.com")
        claim_ids = {c["position"]: c["id"] for c in db["claims"].rows_where("story_id = ?",
                                                                              [story])}
        for i, text in enumerate(article_texts):
            article_id = db.execute("insert into articles (url, outlet_id, text, content_hash) "
                                    "values (?, ?, ?, 'h')",
                                    [f"http://example.com/{i}", outlet, text]).lastrowid
            result = match_article(seed.claims, text)
            result.is_coverage = True
            rows.save_match(db, story, {"id": article_id, "content_hash": "h"},
                            result_row(result, claim_ids, True))
    return db


def test_a_rounded_amount_is_stored_as_a_note(tmp_path):
    db = _matched(tmp_path, "Rescuers said 29 people were pulled from the river on Sunday.\n",
                  "Rescuers said about 30 people were pulled from the river on Sunday.")
    (notes,) = [json.loads(n) for (n,) in db.execute("select notes from matches")]
    assert [(n["kind"], n["claim"], n["article"]) for n in notes] == [("rounded", "29", "30")]


def test_a_line_on_several_pages_of_an_outlet_is_no_addition(tmp_path):
    footer = "Reporting for the Example Tribune was supported by a regional media fund."
    seed = "Rescuers said 29 people were pulled from the river on Sunday.\n"
    db = _matched(tmp_path, seed, *[
        f"Rescuers said 29 people were pulled from the river on Sunday. {extra} {footer}"
        for extra in ("Divers searched the banks until dusk on Sunday evening.",
                      "The bridge stayed closed to traffic for most of the weekend.",
                      "Local schools reopened on Monday after the weekend floods.")])
    added = {s for (s,) in db.execute("select sentence from additions")}
    assert footer not in added
    assert "Divers searched the banks until dusk on Sunday evening." in added


def test_a_line_that_becomes_boilerplate_leaves_earlier_additions_through_an_index(tmp_path):
    db = _matched(tmp_path, "Rescuers said 29 people were pulled from the river on Sunday.\n",
                  "Rescuers said 29 people were pulled from the river on Sunday.")
    plan = [row[3] for row in db.execute(f"explain query plan {rows.FORGET_BOILERPLATE}",
                                          ["A standing credit line.", 1])]
    assert plan[0] == "SEARCH additions USING INDEX additions_sentence (sentence=?)"


def test_a_lines_pages_are_searched_in_the_full_text_index_not_page_by_page(tmp_path):
    # With an index on articles' outlets, SQLite took the outlet's pages first and ran the
    # phrase query once for each of them: seconds a line for an outlet of thousands of pages.
    db = _matched(tmp_path, "Rescuers said 29 people were pulled from the river on Sunday.\n",
                  "Rescuers said 29 people were pulled from the river on Sunday.")
    plan = [row[3] for row in db.execute(f"explain query plan {rows.BOILERPLATE_PAGES_QUERY}",
                                          ['"a standing credit line"', 1, 3])]
    assert plan[0].startswith("SCAN articles_fts VIRTUAL TABLE")


def test_a_line_whose_words_other_pages_carry_in_another_order_is_an_addition(tmp_path):
    # The rare words are looked up first, then the line itself: two pages with the same words
    # in another order do not make it the outlet's boilerplate.
    line = "Volunteers from Harwick rebuilt the footbridge near the old mill."
    shuffled = "The old mill near Harwick footbridge rebuilt volunteers from the."
    seed = "Rescuers said 29 people were pulled from the river on Sunday.\n"
    db = _matched(tmp_path, seed,
                  *[f"Rescuers said 29 people were pulled from the river on Sunday. {shuffled}"
                    for _ in range(2)],
                  f"Rescuers said 29 people were pulled from the river on Sunday. {line}")
    added = {s for (s,) in db.execute("select sentence from additions")}
    assert line in added


def test_a_runs_last_write_that_finds_the_disk_full_is_written_once_the_reserve_is_freed(
        tmp_path):
    db_path = tmp_path / "m.db"
    reserve = schema.Reserve(str(db_path))
    assert reserve.path.stat().st_size > 0
    tries = []

    def finish() -> None:
        tries.append(reserve.path.exists())
        if len(tries) == 1:
            raise sqlite3.OperationalError("database or disk is full")

    reserve.write(finish)
    assert tries == [True, False]  # written again only once the space was given back
    assert not reserve.path.exists()


def test_a_runs_last_write_failing_otherwise_is_not_written_again(tmp_path):
    reserve = schema.Reserve(str(tmp_path / "m.db"))
    tries = []

    def finish() -> None:
        tries.append(1)
        raise sqlite3.OperationalError("database is locked")

    with pytest.raises(sqlite3.OperationalError, match="locked"):
        reserve.write(finish)
    assert tries == [1] and not reserve.path.exists()


def _page(i: int, text: str, decisions: list, url: str | None = None, **changes) -> dict:
    article = asdict(Article(url or f"http://x.example/{i}", url or f"http://x.example/{i}",
                             f"Title {i}", None, None, "en", text, f"hash-{text}", False))
    return {**results.page_result(f"http://x.example/{i}", 200, packed=pack_page(b"<p>x</p>"),
                                  html_hash=f"html-{i}", article=article, sketch=bytes(16),
                                  bands=[i, i + 100], decisions=decisions,
                                  outlet={"name": "Outlet", "domain": "x.example",
                                          "listed": True}), **changes}


def _every_row(db) -> dict[str, list]:
    # Every table's rows with their rowids, but when they were written; the full-text index
    # by what it holds.
    found = {}
    for (name,) in db.execute("select name from sqlite_master where type = 'table' and "
                              "name not like 'articles_fts%' and name != '_sketch_bands'"):
        columns = [c[1] for c in db.execute(f"pragma table_info('{name}')")
                   if not c[1].endswith(("_at", "_seen", "_since"))]
        found[name] = db.execute(f"select rowid, {', '.join(columns)} from {name} "
                                 "order by rowid").fetchall()
    found["_sketch_bands"] = db.execute("select * from _sketch_bands order by 1, 2").fetchall()
    db.execute("create virtual table temp.places using fts5vocab(main, articles_fts, instance)")
    found["fts"] = db.execute("select * from temp.places order by 1, 2, 3, 4").fetchall()
    return found


def _written_both_ways(tmp_path, found: list[dict], before) -> list[tuple[dict, list]]:
    """Every row and the figures after writing `found` together, then one by one, each into a
    database of its own that `before` prepared."""
    written = []
    for together in (True, False):
        db = open_db(tmp_path / f"{together}.db")
        with db.conn:
            before(db)
        with db.conn:
            figures = (results.save_page_results(db, found, {}, count_new=True) if together
                       else [results.save_page_result(db, r, {}, count_new=True) for r in found])
        written.append((_every_row(db), figures))
    return written


def test_pages_written_together_store_the_rows_written_one_by_one(tmp_path):
    unrelated = {"relevance": 0.1, "is_coverage": False, "kind": "unrelated",
                 "evidence": {"terms": ["harbour"]}, "scored": True, "matches": [],
                 "additions": []}
    found = [
        _page(1, "Dockers stop work at the harbour.", [(1, unrelated)]),
        _page(8, "Cranes stand still.", [(1, unrelated)]),
        _page(9, "Ships wait offshore.", []),
        _page(2, "A page with a credit line.", [(1, {
            **unrelated, "is_coverage": True, "kind": "coverage", "additions": ["Credit line."],
            "matches": [{"claim_id": 1, "sentence": "Dockers stop.", "score": 0.9,
                         "verdict": "verbatim", "conflicts": None, "notes": None,
                         "scorer": "test"}]})]),
        _page(3, "Unscored coverage.", [(1, {**unrelated, "is_coverage": True,
                                            "scored": False})]),
        _page(5, "No sketch.", [], sketch=None, bands=[]),
        _page(4, "The first page's text, changed.", [], url="http://x.example/1"),
        {**results.page_result("http://x.example/6", 404, error="HTTP 404")},
        _page(7, "Another outlet's name.", [], outlet={"name": "Outlet",
                                                       "domain": "y.example", "listed": False}),
    ]
    def with_a_story(db):
        db.execute("insert into stories (id, slug) values (1, 'strike')")
        db.execute("insert into claims (id, story_id, position, text) values (1, 1, 0, 'x')")

    (together, figures), (one_by_one, figures_one_by_one) = _written_both_ways(
        tmp_path, found, with_a_story)
    assert together == one_by_one
    assert figures == figures_one_by_one


def test_pages_written_together_over_stored_articles_store_the_rows_written_one_by_one(
        tmp_path):
    earlier = [_page(1, "Dockers stop work.", []), _page(2, "Cranes stand still.", [])]
    later = [
        _page(3, "Ships wait offshore.", []),
        _page(1, "Dockers stop work.", []),  # stored before, unchanged
        _page(4, "A new page.", []),
        _page(2, "Cranes stand still, and rust.", []),  # stored before, changed
        _page(5, "Another new page.", []),
    ]
    def with_earlier_pages(db):
        for page in earlier:
            results.save_page_result(db, page, {}, count_new=True)

    (together, figures), (one_by_one, figures_one_by_one) = _written_both_ways(
        tmp_path, later, with_earlier_pages)
    assert together == one_by_one
    assert figures == figures_one_by_one
    assert len(together["articles"]) == 5 and len(together["versions"]) == 6


def test_new_pages_written_together_run_no_statement_a_row_that_may_undo_rows(tmp_path):
    # Such a statement (`insert … select`, `insert or replace`: rows that may be undone on a
    # foreign key's failure) has SQLite copy each page it changes into a statement journal
    # first, 16 KiB a row when run once a row (bench/README.md, 2026-12-03 evening).
    db = open_db(tmp_path / "m.db")
    db.execute("insert into stories (id, slug) values (1, 'strike')")
    unrelated = {"relevance": 0.1, "is_coverage": False, "kind": "unrelated",
                 "evidence": {"terms": ["harbour"]}, "scored": True, "matches": [],
                 "additions": []}
    found = [_page(i, f"Page {i} of the strike.", [(1, unrelated)]) for i in range(1, 41)]
    run = []
    db.conn.set_trace_callback(run.append)
    with db.conn:
        results.save_page_results(db, found, {}, count_new=True)
    db.conn.set_trace_callback(None)
    undoing = [sql for sql in run if sql.lower().startswith("insert")
               and (" or replace " in sql.lower() or " select " in sql.lower())]
    assert len(undoing) <= 2  # pages, coverage: a statement each for the batch
    assert db.execute("select count(*) from versions where version = 1").fetchone()[0] == 40


def test_the_full_text_index_keeps_a_batchs_terms_in_memory_until_it_commits(tmp_path):
    # FTS5 writes its terms to a new segment each time they pass its hashsize (1 MiB by
    # default), then merges the segments: a batch of 500 news articles passed it a few times.
    db = open_db(tmp_path / "m.db")
    setting = db.execute("select v from articles_fts_config where k = 'hashsize'").fetchone()
    assert setting == (schema.FTS_HASH_BYTES,) and schema.FTS_HASH_BYTES >= 8 * 1024 * 1024


def test_the_full_text_index_merges_its_segments_sixteen_at_a_time(tmp_path):
    # FTS5 merges a level's segments once `automerge` of them gather (4 by default): each
    # article's terms were rewritten about twice as often as with 16 (bench/README.md,
    # 2026-12-03 night).
    db = open_db(tmp_path / "m.db")
    setting = db.execute("select v from articles_fts_config where k = 'automerge'").fetchone()
    assert setting == (16,)


def test_the_writer_keeps_the_temporary_table_of_a_many_row_insert_in_memory(tmp_path):
    # A batch's articles go in one statement, whose rows SQLite first copies to a temporary
    # table (the table has triggers): 2.5 MB a batch of news articles, written to a file and
    # read back with this build's default (bench/README.md, 2026-12-03 night).
    db = open_db(tmp_path / "m.db")
    schema.cache_for_writer(db)
    assert db.execute("pragma temp_store").fetchone() == (2,)  # MEMORY


def test_a_story_named_from_its_headline_keeps_a_figure_whole():
    assert slugify("63 hurt after 6.2 quake shakes Arden valley") == (
        "63-hurt-after-6-2-quake-shakes")


def test_a_story_named_from_its_headline_ends_on_a_word_not_a_figure_cut_from_its_count():
    assert slugify("Regulator to fine Vexa for $2 billion over privacy") == (
        "regulator-to-fine-vexa")


def test_a_story_named_from_a_headline_ending_on_a_figure_keeps_it():
    # Two tolls of one quake are two stories, not one slug.
    assert slugify("Arden quake toll rises to 2,300") == "arden-quake-toll-rises-to-2-300"


def test_a_story_named_from_its_headline_spells_its_letters_plainly():
    headline = "\u0141\u00f3d\u017a and \u00c6r\u00f8: Stra\u00dfe of \u00c9cole Z\u00fcrich"
    assert slugify(headline) == "lodz-and-aero-strasse-of-ecole"


def test_a_corrected_seed_replaces_its_story_named_by_an_older_rule(tmp_path):
    db = open_db(tmp_path / "m.db")
    seed = Path(__file__).parents[1] / "data/seeds/port-strike.txt"
    story, _ = add_seed(db, str(seed))
    db["stories"].update(story, {"slug": "dockworkers-walk-out-at-2"})  # as an older rule named it
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(seed.read_text().replace("Tuesday", "Wednesday", 1))
    with pytest.raises(StoryExists):
        add_seed(db, str(corrected))
    assert add_seed(db, str(corrected), replace=True) == (
        story, "dockworkers-walk-out-at-2")
    assert db["stories"].count == 1


def test_a_guessed_speaker_is_stored_and_read_back_as_guessed(tmp_path):
    text = ("Ferry Plan\nGovernor Ida Lund opened the quay on Monday.\n"
            "The ferry company has bought two boats for the crossing.\n"
            "“The ferry will run all winter from the eastern quay,” she said.\n")
    db = open_db(tmp_path / "m.db")
    with db.conn:
        story = save_seed(db, "s", read_seed(text), text, "seed.txt")
    quote = next(c for c in stored_claims(db, story) if c.kind == "quote")
    assert (quote.speaker, quote.speaker_guessed) == ("Ida Lund", True)


SAVED_SEED = ("<html><head>{link}<title>Dockers strike at Calder Bay</title></head><body><article>"
              "<h1>Dockers strike at Calder Bay</h1><p>About 3,200 dockworkers at the Port of "
              "Calder Bay began a 48-hour strike on Tuesday after talks over pay broke down, the "
              "union said.</p><p>The port operator said the strike would cost the regional "
              "economy about $90 million a day.</p></article></body></html>")
SEED_ADDRESS = "https://harbour.example/2025/08/12/dockers-strike"


def test_a_seed_saved_from_the_web_is_its_own_page_when_the_crawl_meets_it(tmp_path):
    page = tmp_path / "seed.html"
    page.write_text(SAVED_SEED.format(link=f'<link rel="canonical" href="{SEED_ADDRESS}">'))
    db = open_db(tmp_path / "m.db")
    add_seed(db, str(page), slug="port-strike")
    story = load_stories(db).stories[0]
    text = "\n".join(p.split("</p>")[0] for p in SAVED_SEED.split("<p>")[1:])
    crawled = Article(SEED_ADDRESS, SEED_ADDRESS, "Dockers strike at Calder Bay", None,
                      "2025-08-12", "en", text, "h1", False)  # the same page, crawled
    result, _ = score_article(story, crawled)
    assert (result.kind, result.is_coverage) == ("seed", False)


def _source_of_saved_seed(tmp_path, head: str) -> tuple[str, str]:
    """The story's source once a page saved with `head` in its <head> is added as a seed,
    and the page's own path."""
    page = tmp_path / "seed.html"
    page.write_text(SAVED_SEED.format(link=head))
    db = open_db(tmp_path / "m.db")
    add_seed(db, str(page), slug="port-strike")
    return db["stories"].get(1)["source"], str(page)


def test_a_saved_seed_naming_no_address_of_its_own_keeps_its_file_as_source(tmp_path):
    source, page = _source_of_saved_seed(tmp_path, "")
    assert source == page


@pytest.mark.parametrize("head", ['<base href="https://harbour.example/">',
                                  '<link rel="alternate" hreflang="x-default" '
                                  'href="https://harbour.example/">'])
def test_a_saved_seed_taking_its_sites_home_from_a_base_or_language_link_keeps_its_file(
        tmp_path, head):
    source, page = _source_of_saved_seed(tmp_path, head)
    assert source == page


def test_a_saved_seed_naming_its_address_as_og_url_is_its_own_page(tmp_path):
    head = f'<meta property="og:url" content="{SEED_ADDRESS}">'
    assert _source_of_saved_seed(tmp_path, head)[0] == SEED_ADDRESS


@pytest.mark.parametrize("head", [
    f'<link rel="canonical" href="https://harbour.example/"><meta property="og:url" '
    f'content="{SEED_ADDRESS}">',
    f'<link rel="canonical" href="{SEED_ADDRESS.removeprefix("https:")}">',
    f'<link rel="Canonical nofollow" href="{SEED_ADDRESS}">',
    f'<meta name="og:url" content="{SEED_ADDRESS}">'])
def test_a_saved_seed_finds_its_own_page_past_a_home_page_or_an_unusual_spelling(
        tmp_path, head):
    assert _source_of_saved_seed(tmp_path, head)[0] == SEED_ADDRESS


def test_a_saved_seed_whose_canonical_address_is_a_query_is_its_own_page(tmp_path):
    head = '<link rel="canonical" href="https://harbour.example/?p=4512">'
    assert _source_of_saved_seed(tmp_path, head)[0] == "https://harbour.example/?p=4512"


def test_a_saved_seed_whose_canonical_address_is_its_home_page_with_tracking_keeps_its_file(
        tmp_path):
    head = '<link rel="canonical" href="https://harbour.example/?utm_source=feed">'
    source, page = _source_of_saved_seed(tmp_path, head)
    assert source == page


PASTED_SEED = ("Dockers strike at Calder Bay\n\nAbout 3,200 dockworkers at the Port of Calder Bay "
               "began a 48-hour strike on Tuesday after talks over pay broke down, the union "
               "said.\n\nThe port operator said the strike would cost the regional economy about "
               "$90 million a day.\n")


def test_a_pasted_seed_given_its_address_is_its_own_page_when_the_crawl_meets_it(tmp_path):
    pasted = tmp_path / "seed.txt"
    pasted.write_text(PASTED_SEED)
    db = open_db(tmp_path / "m.db")
    add_seed(db, str(pasted), slug="port-strike", url=SEED_ADDRESS + "?utm_source=feed")
    story = load_stories(db).stories[0]
    crawled = Article(SEED_ADDRESS, SEED_ADDRESS, "Dockers strike at Calder Bay", None,
                      "2025-08-12", "en", PASTED_SEED.split("\n\n", 1)[1], "h1", False)
    result, _ = score_article(story, crawled)
    assert (result.kind, result.is_coverage) == ("seed", False)


@pytest.mark.parametrize("url", ["harbour.example/2025/08/12/dockers-strike",
                                 "ftp://harbour.example/strike", "https://harbour.example/"])
def test_a_pasted_seeds_address_that_is_no_page_on_the_web_is_refused(tmp_path, url):
    pasted = tmp_path / "seed.txt"
    pasted.write_text(PASTED_SEED)
    with pytest.raises(ValueError, match="--url"):
        add_seed(open_db(tmp_path / "m.db"), str(pasted), slug="port-strike", url=url)


def test_a_pasted_seed_registered_again_without_its_address_keeps_it(tmp_path):
    pasted = tmp_path / "seed.txt"
    pasted.write_text(PASTED_SEED)
    db = open_db(tmp_path / "m.db")
    add_seed(db, str(pasted), slug="port-strike", url=SEED_ADDRESS)
    pasted.write_text(PASTED_SEED.replace("48-hour", "72-hour"))
    add_seed(db, str(pasted), slug="port-strike", replace=True)
    assert db["stories"].get(1)["source"] == SEED_ADDRESS


def test_an_address_given_for_a_seed_fetched_from_a_url_is_refused_before_fetching(tmp_path):
    with pytest.raises(ValueError, match="--url is for a seed file"):
        add_seed(open_db(tmp_path / "m.db"), "http://127.0.0.1:9/nowhere", url=SEED_ADDRESS)


def test_a_pasted_seeds_address_holding_a_control_character_is_refused(tmp_path):
    pasted = tmp_path / "seed.txt"
    pasted.write_text(PASTED_SEED)
    with pytest.raises(ValueError, match="--url"):
        add_seed(open_db(tmp_path / "m.db"), str(pasted), url="https://harbour.example/a\x1b[2Jb")
