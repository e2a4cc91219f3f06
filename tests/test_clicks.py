"""What a user clicks in Datasette stays answerable on a year of data: the views and the pages'
queries read one story's rows through an index, not every row (bench/datasette_pages.py times
them on a big database; here the query plans and the rows, on a small one)."""

import asyncio
import json

import pytest
from datasette.app import Datasette

from monitor.store import schema
from tests.conftest import ferry_story

# claims_left_out as m009 defined it: the rows the faster definition must give.
LEFT_OUT_AT_FIRST = """
    select stories.slug as story, covering.outlet, claims.position as claim, claims.kind,
           claims.text as claim_text
    from (select distinct story, outlet from coverage_matrix) as covering
    join stories on stories.slug = covering.story
    join claims on claims.story_id = stories.id
    where not exists (select 1 from coverage_matrix as m where m.story = covering.story
                      and m.outlet = covering.outlet and m.claim = claims.position
                      and m.verdict != 'absent')"""


@pytest.fixture()
def ferry(tmp_path):
    """The ferry story, with a second Bay Times article carrying claim 2 (an outlet leaves out
    what none of its articles carries), a ninth claim registered after every match, and a
    second story with its own covering article."""
    db, story = ferry_story(tmp_path / "m.db")
    bay = db.execute("select id from outlets where name = 'Bay Times'").fetchone()[0]
    second = db["articles"].insert({"outlet_id": bay, "url": "https://bay.example/ferry-2",
                                    "title": "Fares again", "language": "en",
                                    "text": "More on the fares."}).last_pk
    db["coverage"].insert({"story_id": story, "article_id": second, "kind": "coverage",
                           "is_coverage": 1, "scored": 1, "relevance": 80.0})
    for position, claim in db.execute("select position, id from claims where story_id = ?",
                                      [story]).fetchall():
        db["matches"].insert({"story_id": story, "claim_id": claim, "article_id": second,
                              "verdict": "paraphrase" if position == 2 else "absent",
                              "sentence": "Claim two, told again." if position == 2 else None})
    db["claims"].insert({"story_id": story, "position": 9, "kind": "quote",
                         "text": "“Ninth,” she said."})
    other = db["stories"].insert({"slug": "bridge", "title": "Bridge closes"}).last_pk
    claim = db["claims"].insert({"story_id": other, "position": 1, "kind": "statement",
                                 "text": "The bridge closes."}).last_pk
    db["coverage"].insert({"story_id": other, "article_id": second, "kind": "coverage",
                           "is_coverage": 1, "scored": 1, "relevance": 70.0})
    db["matches"].insert({"story_id": other, "claim_id": claim, "article_id": second,
                          "verdict": "absent"})
    db.conn.commit()
    return db


def plan(db, sql: str, params=()) -> str:
    """SQLite's query plan for `sql`, one step a line."""
    return "\n".join(row[3] for row in db.execute(f"explain query plan {sql}", params))


def test_claims_left_out_gives_the_rows_of_its_first_definition(ferry):
    rows = sorted(ferry.execute("select * from claims_left_out").fetchall())
    assert rows == sorted(ferry.execute(LEFT_OUT_AT_FIRST).fetchall())
    # Bay Times carries claims 1 (a conflict) and 2 (its second article): the rest are left
    # out, the ninth claim too; Le Port's claims were never scored and the copy has no matches.
    assert [(r[0], r[1], r[2]) for r in rows] == [("bridge", "Bay Times", 1)] + [
        ("ferry", "Bay Times", p) for p in range(3, 10)]


def test_claims_left_out_of_one_story_reads_only_that_storys_rows(ferry):
    found = plan(ferry, "select * from claims_left_out where story = ? order by outlet, claim",
                 ["ferry"])
    assert "SCAN" not in found.replace("SCAN (subquery", "")
    assert "SEARCH coverage USING INDEX coverage_story_kind (story_id=? AND is_coverage=?)" \
        in found


def test_all_conflicts_reads_the_conflicts_only(ferry):
    found = plan(ferry, "select story, claim, claim_text, outlet, sentence, conflicts, url "
                        "from conflicts order by story, claim, outlet")
    assert "SEARCH matches USING INDEX matches_verdict (verdict=?)" in found
    assert "SCAN" not in found


@pytest.mark.parametrize("table, column", [
    ("matches", "article_id"), ("coverage", "article_id"), ("additions", "article_id"),
    ("pages", "article_id"), ("verdict_changes", "article_id"), ("articles", "outlet_id")])
def test_a_row_page_counts_the_rows_that_point_at_it_through_an_index(ferry, table, column):
    # Datasette's row page of an article (an outlet) counts its rows in every table.
    found = plan(ferry, f"select count(*) from {table} where {column} = ?", [1])
    assert found.startswith(f"SEARCH {table} USING COVERING INDEX")


@pytest.mark.parametrize("column", ["outlet_id", "language", "is_stub"])
def test_the_articles_facets_do_not_read_the_articles_text(ferry, column):
    found = plan(ferry, f"select {column}, count(*) from articles group by {column}")
    assert "USING COVERING INDEX articles_outlet" in found


def test_one_storys_covering_articles_are_found_without_its_other_decisions(ferry):
    found = plan(ferry, "select article_id from coverage where story_id = ? and is_coverage = 1",
                 [1])
    assert "coverage_story_kind (story_id=? AND is_coverage=?)" in found


def test_the_left_out_query_answers_with_the_outlets_left_out(ferry, tmp_path):
    ferry.close()
    page = asyncio.run(Datasette([str(tmp_path / "m.db")]).client.get(
        "/m/left_out.json?story=ferry&_shape=array"))
    assert page.status_code == 200
    assert [(r["outlet"], r["claim"]) for r in json.loads(page.text)] == [
        ("Bay Times", p) for p in range(3, 10)]


def test_the_new_schema_step_is_recorded(ferry):
    assert "m021_indexes_for_datasette" in {
        name for (name,) in ferry.execute("select name from _sqlite_migrations")}
    assert schema.pending_migrations(ferry) == []


def test_monitor_serve_runs_datasette_without_suggested_facets():
    from monitor.faces.cli import serve_arguments

    arguments = serve_arguments("m.db", "127.0.0.1", 8001)
    assert arguments[:2] == ["serve", "m.db"]
    assert ["--setting", "suggest_facets", "off"] == arguments[-3:]


def test_a_table_page_with_the_serve_settings_suggests_no_facets_and_keeps_the_shipped_ones(
        ferry, tmp_path):
    from monitor.faces.datasette_plugin import SETTINGS

    ferry.close()
    page = asyncio.run(Datasette([str(tmp_path / "m.db")], settings=SETTINGS).client.get(
        "/m/coverage.json"))
    assert page.json()["suggested_facets"] == []
    assert set(page.json()["facet_results"]) == {"kind", "is_coverage", "scored", "story_id"}


def test_the_newest_articles_are_listed_without_sorting_every_article(ferry):
    found = plan(ferry, "select id, title from articles order by published desc limit 101")
    assert found == "SCAN articles USING INDEX articles_published"


def test_the_pages_taken_down_are_found_without_reading_the_raw_pages(ferry):
    from monitor.faces.report import taken_down

    article = ferry.execute("select id from articles limit 1").fetchone()[0]
    ferry["pages"].insert({"url": "https://bay.example/gone", "article_id": article,
                           "status": 410, "error": "HTTP 410", "html_zst": b"x" * 50_000,
                           "gone_since": "2026-03-04T00:00:00+00:00"})
    assert taken_down(ferry) == {article: "found taken down (HTTP 410) on 2026-03-04"}
    found = plan(ferry, "select article_id, min(gone_since) as since, error from pages as gone "
                        "where gone_since is not null group by article_id")
    assert found == "SCAN gone USING COVERING INDEX pages_gone"
