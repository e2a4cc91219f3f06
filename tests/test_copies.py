"""Syndicated copies: found among stored articles through their sketches, not by comparing all."""

import subprocess
import sys
from dataclasses import asdict

import numpy as np
import pytest

from monitor.jobs.copies import shared_bands, update_copies
from monitor.steps import copies
from monitor.steps.extract import Article, content_hash
from monitor.store import rows, schema

WIRE = (
    "Dockworkers at the port of Calder Bay walked off the job on Tuesday after talks on a new "
    "contract broke down late on Monday night. The union said its members would stay out until "
    "the port authority restored the night-shift bonus it cut in the spring. Shipping lines "
    "warned that dozens of container ships could be left waiting offshore by the end of the "
    "week. The port handles about a fifth of the region's imports, most of them food and fuel. "
    "A spokesman for the authority said it remained open to talks but would not reverse the cut.")
REWRITE = (
    "Calder Bay's port came to a standstill as dockworkers began a strike over pay. Union leaders "
    "blamed the authority for scrapping a night-shift bonus. Shipping firms fear a long queue of "
    "vessels. The authority said it remained open to talks but would not reverse the cut.")


@pytest.mark.slow
def test_a_sketch_is_the_same_in_every_process():
    here = copies.sketch(WIRE)
    there = subprocess.run(
        [sys.executable, "-c", "import sys; from monitor.steps.copies import sketch; "
         "sys.stdout.buffer.write(sketch(sys.stdin.read()))"],
        input=WIRE.encode(), capture_output=True, check=True).stdout
    assert here == there and len(here) == copies.PERMUTATIONS * 8


def test_identical_texts_share_every_band_and_estimate_one():
    a, b = copies.sketch(WIRE), copies.sketch(WIRE)
    assert copies.band_keys(a) == copies.band_keys(b)
    assert copies.estimate(a, b) == 1.0


def test_a_rewrite_that_shares_one_sentence_is_far_from_a_copy():
    assert copies.jaccard(WIRE, REWRITE) < 0.2
    assert copies.estimate(copies.sketch(WIRE), copies.sketch(REWRITE)) < 0.3


def test_the_estimate_follows_the_exact_similarity():
    edited = WIRE.replace("on Tuesday", "on Tuesday morning") + " By our wire service staff."
    exact = copies.jaccard(WIRE, edited)
    assert 0.7 < exact < 0.95
    assert abs(copies.estimate(copies.sketch(WIRE), copies.sketch(edited)) - exact) < 0.15


def test_a_short_text_has_no_sketch():
    assert copies.sketch("Too short to tell") == b""


def save(db, outlet, url, text, published=None):
    with db.conn:
        return rows.save_article(db, asdict(Article(url, url, "t", None, published, "en", text,
                                                     content_hash("t", text), False)), outlet)[0]


def test_copies_are_found_among_stored_articles_and_the_earlier_is_the_original(tmp_path):
    db = schema.open_db(tmp_path / "m.db")
    outlet = rows.save_outlet(db, "Wire", "wire.example")
    original = save(db, outlet, "https://wire.example/a", WIRE, "2025-08-12")
    save(db, outlet, "https://wire.example/b", REWRITE, "2025-08-12")
    copy = save(db, outlet, "https://wire.example/c", WIRE + " Reporting by staff.", "2025-08-13")
    assert update_copies(db) == 3
    assert [(r["article_id"], r["copy_of"]) for r in db["copies"].rows] == [(copy, original)]
    assert db.execute("select count(*) from _pending_copies").fetchone()[0] == 0


def test_a_later_copy_is_matched_against_the_stored_sketch_of_the_original(tmp_path):
    db = schema.open_db(tmp_path / "m.db")
    outlet = rows.save_outlet(db, "Wire", "wire.example")
    original = save(db, outlet, "https://wire.example/a", WIRE, "2025-08-12")
    update_copies(db)
    copy = save(db, outlet, "https://wire.example/late", WIRE, "2025-08-14")
    assert update_copies(db) == 1  # only the new article was searched for
    assert [(r["article_id"], r["copy_of"], r["similarity"]) for r in db["copies"].rows] == [
        (copy, original, 1.0)]


def test_the_search_reads_the_band_keys_of_the_pending_articles_not_every_key(tmp_path):
    db = schema.open_db(tmp_path / "m.db")
    outlet = rows.save_outlet(db, "Wire", "wire.example")
    save(db, outlet, "https://wire.example/a", WIRE)
    run = []
    db.conn.set_trace_callback(run.append)
    rows.pending_bands(db)
    db.conn.set_trace_callback(None)
    # Reading the whole band index is what grows with the database, at every run's end.
    plan = [row[3] for row in db.execute(f"explain query plan {run[-1]}")]
    assert "SCAN _pending_copies" in plan
    assert not any(step.startswith("SCAN _sketch_bands") for step in plan), plan


def test_the_search_reads_only_the_band_keys_another_article_has_too(tmp_path):
    # A key of one article alone ties it to nothing, and most keys are such: 6 rows of 47,994
    # were kept for 3,000 new articles (bench/README.md, 2026-12-03 night).
    db = schema.open_db(tmp_path / "m.db")
    outlet = rows.save_outlet(db, "Wire", "wire.example")
    alone = ("The lighthouse keepers of the northern isles met on Sunday to plan the winter "
             "rota, and agreed that each island would keep two lamps lit through January.")
    texts = [WIRE, WIRE, alone]
    ids = [save(db, outlet, f"https://wire.example/{n}", text) for n, text in enumerate(texts)]
    with db.conn:
        for article_id, text in zip(ids, texts, strict=True):
            sketch = copies.sketch(text)
            rows.save_sketch(db, article_id, sketch, copies.band_keys(sketch))
    assert {article for _, article in rows.pending_bands(db)} == set(ids[:2])


def test_a_changed_text_gets_a_new_sketch(tmp_path):
    db = schema.open_db(tmp_path / "m.db")
    outlet = rows.save_outlet(db, "Wire", "wire.example")
    article = save(db, outlet, "https://wire.example/a", WIRE)
    update_copies(db)
    save(db, outlet, "https://wire.example/a", REWRITE)
    update_copies(db)
    stored = db.execute("select sketch from _sketches where article_id = ?",
                        [article]).fetchone()[0]
    assert stored == copies.sketch(REWRITE)


def test_articles_stored_before_sketches_existed_are_searched_after_the_upgrade(tmp_path):
    path = tmp_path / "old.db"
    old = schema.connect(path)
    schema.ensure_db_shape(old, stop_before="m006_copy_sketches")
    with old.conn:
        for i, text in enumerate([WIRE, REWRITE, WIRE]):
            old.execute("insert into articles (url, text, is_stub, first_seen) "
                        "values (?, ?, 0, ?)", [f"https://old.example/{i}", text, f"2025-08-1{i}"])
    old.close()

    db = schema.open_db(path)
    assert update_copies(db) == 3
    assert [(r["article_id"], r["copy_of"]) for r in db["copies"].rows] == [(3, 1)]


def test_a_text_copied_by_many_outlets_forms_one_group(tmp_path):
    db = schema.open_db(tmp_path / "m.db")
    outlet = rows.save_outlet(db, "Wire", "wire.example")
    original = save(db, outlet, "https://wire.example/a", WIRE, "2025-08-12")
    picked_up = [save(db, outlet, f"https://paper{i}.example/a",
                      f"{WIRE} Reporting by Paper {i} staff.", "2025-08-13") for i in range(40)]
    assert update_copies(db) == 41
    assert db.execute("select distinct copy_of from copies").fetchall() == [(original,)]
    assert sorted(r["article_id"] for r in db["copies"].rows) == picked_up


def test_the_copies_a_user_queries_name_each_copy_and_the_earliest_article(tmp_path):
    db = schema.open_db(tmp_path / "m.db")
    outlet = rows.save_outlet(db, "Wire", "wire.example")
    save(db, outlet, "https://wire.example/a", WIRE, "2025-08-12")
    save(db, outlet, "https://metro.example/a", WIRE + " Metro staff.", "2025-08-13")
    update_copies(db)
    save(db, outlet, "https://daily.example/a", WIRE + " Daily staff.", "2025-08-14")
    update_copies(db)
    found = db.execute("""select copy.url, original.url, similarity from copies
                          join articles copy on copy.id = copies.article_id
                          join articles original on original.id = copies.copy_of
                          order by 1""").fetchall()
    assert [(copy, original) for copy, original, _ in found] == [
        ("https://daily.example/a", "https://wire.example/a"),
        ("https://metro.example/a", "https://wire.example/a")]
    assert all(copies.THRESHOLD <= similarity <= 1 for *_, similarity in found)


def test_an_earlier_copy_found_later_becomes_what_the_group_copies(tmp_path):
    db = schema.open_db(tmp_path / "m.db")
    outlet = rows.save_outlet(db, "Wire", "wire.example")
    first_found = save(db, outlet, "https://metro.example/a", WIRE, "2025-08-13")
    second = save(db, outlet, "https://daily.example/a", WIRE, "2025-08-14")
    update_copies(db)
    earliest = save(db, outlet, "https://wire.example/a", WIRE, "2025-08-12")
    update_copies(db)
    assert [(r["article_id"], r["copy_of"]) for r in db["copies"].rows] == [
        (first_found, earliest), (second, earliest)]


def test_a_copy_whose_text_changes_leaves_its_group(tmp_path):
    db = schema.open_db(tmp_path / "m.db")
    outlet = rows.save_outlet(db, "Wire", "wire.example")
    original = save(db, outlet, "https://wire.example/a", WIRE, "2025-08-12")
    copy = save(db, outlet, "https://metro.example/a", WIRE, "2025-08-13")
    update_copies(db)
    assert [(r["article_id"], r["copy_of"]) for r in db["copies"].rows] == [(copy, original)]
    save(db, outlet, "https://metro.example/a", REWRITE, "2025-08-13")
    update_copies(db)
    assert list(db["copies"].rows) == []


def test_when_the_earliest_article_changes_the_others_stay_a_group(tmp_path):
    db = schema.open_db(tmp_path / "m.db")
    outlet = rows.save_outlet(db, "Wire", "wire.example")
    save(db, outlet, "https://wire.example/a", WIRE, "2025-08-12")
    metro = save(db, outlet, "https://metro.example/a", WIRE, "2025-08-13")
    daily = save(db, outlet, "https://daily.example/a", WIRE, "2025-08-14")
    update_copies(db)
    save(db, outlet, "https://wire.example/a", REWRITE, "2025-08-12")
    update_copies(db)
    assert [(r["article_id"], r["copy_of"]) for r in db["copies"].rows] == [(daily, metro)]


def test_pairs_stored_before_groups_become_one_group_per_text(tmp_path):
    path = tmp_path / "old.db"
    old = schema.connect(path)
    schema.ensure_db_shape(old, stop_before="m013_copy_groups")
    with old.conn:
        for i in range(4):
            old.execute("insert into articles (url, text, is_stub, published) values (?, ?, 0, ?)",
                        [f"https://old.example/{i}", WIRE, f"2025-08-1{i}"])
        old.execute("insert into articles (url, text, is_stub) values ('https://x.example', ?, 0)",
                    [REWRITE])
        # As the search for pairs left them: every later copy of every earlier article.
        old.conn.executemany("insert into copies (article_id, copy_of, similarity) "
                             "values (?, ?, ?)", [(2, 1, 0.9), (3, 1, 0.8), (3, 2, 0.95),
                                                  (4, 3, 1.0)])
    old.close()

    db = schema.open_db(path)
    assert db.execute("select article_id, copy_of, similarity from copies order by 1"
                      ).fetchall() == [(2, 1, 0.9), (3, 1, 0.8), (4, 1, 1.0)]


def test_a_band_key_no_other_article_has_is_not_read_further():
    bands = [(1, 10), (1, 11), (2, 10), (3, 12), (4, 11), (4, 12)]
    assert shared_bands(bands) == [(1, 10), (1, 11), (4, 11), (4, 12)]


def test_a_sketch_is_the_min_hashes_of_a_texts_distinct_word_runs_whatever_their_repeats(
        monkeypatch):
    text = ("The ferry to Port Halden sails at dawn. " * 3
            + "Tolls rise in May, the harbour board said. The ferry to Port Halden sails at dawn.")
    as_read = copies.sketch(text)
    # The same text sketched from its distinct runs, each once.
    runs = copies._runs
    monkeypatch.setattr(copies, "_runs", lambda text: np.unique(runs(text)))
    assert len(copies._runs(text)) < len(runs(text))
    assert as_read and copies.sketch(text) == as_read


def test_monitor_match_sketches_the_articles_it_reads_and_finds_their_copies(tmp_path,
                                                                             monkeypatch):
    from monitor.jobs import match
    from monitor.jobs.seed import add_seed

    db = schema.open_db(tmp_path / "m.db")
    seed = tmp_path / "seed.txt"
    seed.write_text(f"Dockworkers strike at Calder Bay\n\n{WIRE}\n")
    add_seed(db, str(seed), slug="port-strike")
    outlet = rows.save_outlet(db, "Wire", "wire.example")
    texts = [WIRE, REWRITE, "Too short to tell", WIRE + " Reporting by staff.", REWRITE]
    ids = [save(db, outlet, f"https://wire.example/{n}", text, f"2025-08-1{n}")
           for n, text in enumerate(texts)]
    # Chunks of two articles, stored two a transaction: the next chunk is read while one is.
    monkeypatch.setattr(match, "CHUNK", 2)
    monkeypatch.setattr(match, "SAVE_EVERY", 2)
    assert match.match_stories(db, workers=1)["articles"] == len(texts)
    stored = dict(db.execute("select article_id, sketch from _sketches").fetchall())
    assert stored == {i: copies.sketch(text) for i, text in zip(ids, texts, strict=True)}
    assert [(r["article_id"], r["copy_of"]) for r in db["copies"].rows] == [
        (ids[3], ids[0]), (ids[4], ids[1])]
    assert db.execute("select count(*) from coverage").fetchone()[0] == len(texts)


def test_a_sketch_made_before_the_articles_text_changed_is_not_stored(tmp_path):
    db = schema.open_db(tmp_path / "m.db")
    outlet = rows.save_outlet(db, "Wire", "wire.example")
    article = save(db, outlet, "https://wire.example/a", WIRE)
    [read] = rows.articles_by_id(db, [article])
    assert read["unsketched"]
    save(db, outlet, "https://wire.example/a", REWRITE)  # changed while being read
    sketch = copies.sketch(WIRE)
    with db.conn:
        rows.save_sketches(db, [(article, read["content_hash"], sketch, copies.band_keys(sketch))])
    assert db.execute("select count(*) from _sketches").fetchone()[0] == 0
    update_copies(db)
    assert db.execute("select sketch from _sketches").fetchone()[0] == copies.sketch(REWRITE)


def test_monitor_match_stores_its_last_decisions_when_an_article_listed_was_deleted_meanwhile(
        tmp_path, monkeypatch):
    from monitor.jobs import match
    from monitor.jobs.seed import add_seed

    db = schema.open_db(tmp_path / "m.db")
    seed = tmp_path / "seed.txt"
    seed.write_text(f"Dockworkers strike at Calder Bay\n\n{WIRE}\n")
    add_seed(db, str(seed), slug="port-strike")
    outlet = rows.save_outlet(db, "Gazette", "gazette.example")
    # Not coverage: their decisions wait to be stored with the transaction's others.
    ids = [save(db, outlet, f"https://gazette.example/{n}", f"The library in Elm Street "
                f"reopens on day {n} after a roof repair, with longer hours on Saturdays.")
           for n in range(3)]
    reading = rows.articles_by_id

    def one_deleted_once_listed(db, listed):  # as another process removing it would
        with db.conn:
            for table in ("_pending_copies", "versions", "articles"):
                db[table].delete_where("article_id = ?" if table != "articles" else "id = ?",
                                       [ids[0]])
        return reading(db, listed)

    monkeypatch.setattr(rows, "articles_by_id", one_deleted_once_listed)
    match.match_stories(db, workers=1)
    assert [r[0] for r in db.execute("select article_id from coverage order by 1")] == ids[1:]
