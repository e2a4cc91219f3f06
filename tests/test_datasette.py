"""The project's Datasette metadata and canned queries, through Datasette's own test client."""

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from collections import Counter
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from datasette.app import Datasette
from sqlite_utils import Database

from monitor.faces.cli import is_loopback
from monitor.faces.datasette_plugin import matrix_path, shipped_metadata
from monitor.faces.report import outlet_summary
from monitor.store.rows import story_id
from tests.conftest import ROOT, copy_db, ferry_story, fetch_when_up, free_port

pytestmark = pytest.mark.slow  # serves the crawled demo database


def serve(db, port: int, quiet: bool = False) -> subprocess.Popen:
    """A real `monitor serve` on the database, on a loopback port."""
    out = subprocess.DEVNULL if quiet else subprocess.PIPE
    return subprocess.Popen([sys.executable, "-m", "monitor", "--db", str(db), "serve",
                             "--port", str(port)], cwd=ROOT, stdout=out, stderr=out)

@pytest.fixture(scope="module")
def datasette(crawled_demo):
    # No metadata given: the plugin's hooks supply it, as for `datasette data/monitor.db`.
    return Datasette([str(crawled_demo)])


async def get_json(ds, path):
    response = await ds.client.get(path)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("query, params", [
    ("story_matrix", "story=trump-cartels"),
    ("left_out", "story=trump-cartels"),
    ("all_conflicts", ""),
    ("all_reworded_quotations", ""),
    ("articles_per_day", "story=trump-cartels"),
])
def test_canned_query_returns_rows(datasette, query, params):
    data = asyncio.run(get_json(datasette, f"/monitor/{query}.json?{params}&_shape=array"))
    assert len(data) > 0


def test_story_matrix_has_a_verdict_for_every_claim_and_covering_article(datasette):
    rows = asyncio.run(get_json(datasette, "/monitor/story_matrix.json?story=trump-cartels"
                                           "&_shape=array&_size=max"))
    assert {r["verdict"] for r in rows} <= {"verbatim", "paraphrase", "reworded quotation",
                                            "partial", "conflict", "absent"}
    assert len({r["claim"] for r in rows}) == 23


def test_tables_have_titles_and_descriptions(datasette):
    page = asyncio.run(datasette.client.get("/monitor/matches"))
    assert "One row per claim and covering article" in page.text


def test_plugin_renders_a_story_matrix_as_a_coloured_table(datasette):
    page = asyncio.run(datasette.client.get("/-/monitor/matrix/trump-cartels"))
    assert page.status_code == 200
    assert len(re.findall(r'<td class="cell v-', page.text)) == 23 * 7
    missing = asyncio.run(datasette.client.get("/-/monitor/matrix/no-such-story"))
    assert missing.status_code == 404


def test_plugin_colours_verdict_cells(datasette):
    page = asyncio.run(datasette.client.get("/monitor/matches?verdict=conflict"))
    assert "background:#d1242f" in page.text and "✗ conflict" in page.text


def test_foreign_keys_show_labels_and_tables_have_facets(datasette):
    page = asyncio.run(datasette.client.get("/monitor/articles"))
    assert "Continental Wire" in page.text  # outlet_id shown by the outlet's name
    assert 'data-column="language"' in page.text or "language (" in page.text


def test_monitor_serve_runs_a_real_datasette_on_loopback(crawled_demo):
    port = free_port()
    server = serve(crawled_demo, port)
    try:
        body = fetch_when_up(f"http://127.0.0.1:{port}/monitor/conflicts.json?_shape=array")
        if body is None:
            raise AssertionError(server.stderr.read().decode())
        rows = json.loads(body)
        assert rows and {"story", "claim", "outlet", "conflicts"} <= set(rows[0])
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_machinery_tables_are_hidden_from_the_table_list(datasette):
    tables = {t["name"]: t["hidden"] for t in asyncio.run(get_json(
        datasette, "/monitor.json"))["tables"]}
    assert tables["articles"] is False
    assert all(tables[name] for name in ("_pending_copies", "_sketches", "_sketch_bands",
                                         "_ingested"))


def test_every_match_is_shown_with_its_outlet_name(datasette, crawled_demo):
    rows = asyncio.run(get_json(datasette, "/monitor/outlet_matches.json?_shape=array&_size=max"))
    db = Database(crawled_demo)
    expected = {(r["claim_id"], r["article_id"]): r["name"] for r in db.query(
        "select claim_id, article_id, outlets.name from matches join articles on articles.id = "
        "article_id join outlets on outlets.id = articles.outlet_id")}
    assert {(r["claim_id"], r["article_id"]): r["outlet"] for r in rows} == expected


@pytest.mark.parametrize("story", ["trump-cartels", "port-strike", "congestion-charge"])
def test_left_out_per_outlet_agrees_with_the_report(datasette, crawled_demo, story):
    rows = asyncio.run(get_json(datasette, f"/monitor/left_out.json?story={story}"
                                           "&_shape=array&_size=max"))
    db = Database(crawled_demo)
    report = {r["outlet"]: r["absent"] for r in outlet_summary(db, story_id(db, story)[0])}
    assert Counter(r["outlet"] for r in rows) == {o: n for o, n in report.items() if n}


def test_conflicts_show_both_sentences_with_the_difference_marked(datasette):
    page = asyncio.run(datasette.client.get("/monitor/conflicts?story=trump-cartels"))
    cells = re.findall(r'<td class="col-conflicts[^"]*">(.*?)</td>', page.text, re.S)
    assert cells and all("seed: " in c and "outlet: " in c and "<mark>" in c for c in cells)
    assert "&#34;kind&#34;" not in page.text and '"kind":' not in page.text  # no raw JSON


def test_a_canned_query_without_its_parameter_says_what_to_give_it(datasette):
    page = asyncio.run(datasette.client.get("/monitor/story_matrix"))
    assert "This query needs <strong>story</strong>" in page.text
    assert '<a href="?story=trump-cartels">trump-cartels</a>' in page.text


def test_a_canned_query_with_its_parameter_gives_no_hint(datasette):
    page = asyncio.run(datasette.client.get("/monitor/story_matrix?story=trump-cartels"))
    assert page.status_code == 200 and "This query needs" not in page.text


@pytest.mark.parametrize("path", ["/-/monitor/matrix", "/-/monitor/matrix/"])
def test_the_matrix_folder_leads_to_the_index_that_lists_every_matrix(datasette, path):
    page = asyncio.run(datasette.client.get(path))
    assert page.status_code == 302 and page.headers["location"] == "/"


def test_the_index_links_to_each_story_matrix(datasette):
    page = asyncio.run(datasette.client.get("/"))
    for slug in ("trump-cartels", "port-strike", "congestion-charge"):
        assert f'href="/-/monitor/matrix/{slug}"' in page.text


def test_each_story_row_links_to_its_matrix(datasette):
    page = asyncio.run(datasette.client.get("/monitor/stories"))
    assert page.text.count('href="/-/monitor/matrix/') == 3


def test_the_matrix_page_has_datasette_layout_and_every_conflict(datasette, crawled_demo):
    page = asyncio.run(datasette.client.get("/-/monitor/matrix/trump-cartels"))
    conflicts = Database(crawled_demo).execute(
        "select count(*) from conflicts where story = 'trump-cartels'").fetchone()[0]
    assert '<footer class="ft">' in page.text and "/-/static/app.css" in page.text
    shown, reworded = page.text.split("<h2>Reworded quotations (1)</h2>")
    assert shown.count('<div class="monitor-conflict">') == conflicts > 0
    assert "The Daily Ledger" in reworded and "<mark>completely</mark>" in reworded


def test_the_matrix_page_says_why_each_article_was_counted(datasette, crawled_demo):
    page = asyncio.run(datasette.client.get("/-/monitor/matrix/port-strike"))
    why = page.text.split("<h2>Why these articles</h2>", 1)[1]
    counted = Database(crawled_demo).execute(
        "select url from coverage_decisions where story = 'port-strike' "
        "and kind in ('copy', 'coverage', 'mention')").fetchall()
    assert counted and all(f'href="{url}"' in why for (url,) in counted)
    assert "Quiñones" in why and "3,200" in why


def test_coverage_decisions_show_the_shared_names_amounts_and_words_as_the_seed_writes_them(
        datasette):
    page = asyncio.run(datasette.client.get(
        "/monitor/coverage_decisions?story=port-strike&kind=coverage&_size=max"))
    names = re.findall(r'<td class="col-shared_names[^"]*">(.*?)</td>', page.text, re.S)
    numbers = re.findall(r'<td class="col-shared_numbers[^"]*">(.*?)</td>', page.text, re.S)
    assert any("Quiñones" in cell for cell in names)
    assert any("3,200" in cell for cell in numbers)
    assert not any("quinones" in cell for cell in names)
    terms = re.findall(r'<td class="col-shared_terms[^"]*">(.*?)</td>', page.text, re.S)
    assert terms and not any(re.search(r"\bharbourlin\b|\bstrik\b", cell) for cell in terms)


def test_coverage_decisions_open_most_likely_first(datasette):
    # The near misses a journalist looks for (a covering article not counted) come first.
    page = asyncio.run(datasette.client.get(
        "/monitor/coverage_decisions.json?story=port-strike&_shape=array&_size=max"))
    likelihoods = [row["relevance"] for row in page.json()]
    assert len(set(likelihoods)) > 2 and likelihoods == sorted(likelihoods, reverse=True)


def test_the_matrix_page_links_what_changed_as_a_page_to_read(datasette):
    # The Atom feed is for a feed reader; a browser shows it as XML.
    page = asyncio.run(datasette.client.get("/-/monitor/matrix/trump-cartels"))
    [changed] = re.findall(r'<a href="([^"]+)">what changed</a>', page.text)
    assert changed == "/monitor/story_changes?story=trump-cartels"
    listed = asyncio.run(datasette.client.get(changed))
    shown = re.search(r"returning (\d+) rows", listed.text)
    assert listed.status_code == 200 and shown and int(shown.group(1)) > 0


def test_reworded_quotations_show_both_sentences_and_are_no_conflicts(datasette):
    page = asyncio.run(datasette.client.get("/monitor/reworded_quotations?story=trump-cartels"))
    cells = re.findall(r'<td class="col-notes[^"]*">(.*?)</td>', page.text, re.S)
    assert len(cells) == 1 and "seed: " in cells[0] and "<mark>absolutely</mark>" in cells[0]
    conflicts = asyncio.run(get_json(datasette, "/monitor/conflicts.json?story=trump-cartels"
                                                "&_shape=array&_size=max"))
    assert ("The Daily Ledger", 18) not in {(r["outlet"], r["claim"]) for r in conflicts}


def test_an_unknown_story_gets_datasette_404_page(datasette):
    page = asyncio.run(datasette.client.get("/-/monitor/matrix/no-such-story"))
    assert page.status_code == 404
    assert '<footer class="ft">' in page.text and "No story called" in page.text


def test_the_database_page_does_not_open_on_migrations(datasette):
    tables = {t["name"]: t["hidden"] for t in asyncio.run(get_json(
        datasette, "/monitor.json"))["tables"]}
    assert tables["_sqlite_migrations"] is True


@pytest.fixture(scope="module")
def served(crawled_demo):
    """`monitor serve` on the crawled demo at a free loopback port; yields its base URL."""
    port = free_port()
    server = serve(crawled_demo, port, quiet=True)
    base = f"http://127.0.0.1:{port}"
    try:
        fetch_when_up(f"{base}/-/versions.json")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_matrix_page_in_a_browser_shows_the_heatmap_and_conflicts(browser, served):
    dom, console = browser(f"{served}/-/monitor/matrix/trump-cartels")
    assert len(re.findall(r'<td class="cell v-', dom)) == 23 * 7
    assert "<h2>Conflicts (" in dom and "<mark>" in dom
    assert console == []


def test_the_conflicts_view_in_a_browser_marks_both_sentences(browser, served):
    dom, console = browser(f"{served}/monitor/conflicts?story=trump-cartels")
    assert dom.count('<div class="monitor-conflict">') > 0 and "<mark>" in dom
    assert console == []


def test_the_matrix_page_in_a_browser_links_the_story_feed_and_the_feed_loads(browser, served):
    dom, _ = browser(f"{served}/-/monitor/matrix/trump-cartels")
    [feed] = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"',
                        dom)
    assert f'<a href="{feed}">what changed (Atom feed)</a>' in dom
    shown, console = browser(served + feed.replace("&amp;", "&"))
    assert "Foreign Drug Cartels: what changed&lt;/title&gt;" in shown
    assert shown.count("&lt;entry&gt;") > 0 and console == []


def test_each_story_row_links_to_its_feed(datasette):
    page = asyncio.run(datasette.client.get("/monitor/stories"))
    assert page.text.count('href="/monitor/story_changes.atom?story=') == 3


def test_the_feed_of_an_unknown_story_is_not_found(datasette):
    page = asyncio.run(datasette.client.get("/monitor/story_changes.atom?story=no-such-story"))
    assert page.status_code == 404


def wait_for(url: str, server: subprocess.Popen) -> None:
    if fetch_when_up(url) is None:
        server.terminate()
        raise AssertionError(server.communicate(timeout=10)[1].decode())


def status_with_host(url: str, host: str) -> int:
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


def test_a_database_without_stories_gets_no_canned_queries(tmp_path):
    Database(tmp_path / "other.db")["things"].insert({"a": 1})
    ds = Datasette([str(tmp_path / "other.db")])
    assert asyncio.run(get_json(ds, "/other.json"))["queries"] == []


def test_a_plain_datasette_shows_the_monitor_canned_queries(datasette):
    names = {q["name"] for q in asyncio.run(get_json(datasette, "/monitor.json"))["queries"]}
    assert {"story_matrix", "left_out", "all_conflicts"} <= names


def test_a_request_for_another_host_name_is_refused(datasette):
    page = asyncio.run(datasette.client.get("/monitor", headers={"host": "rebind.example"}))
    assert page.status_code == 421


def test_serve_answers_only_to_its_own_address_and_port(crawled_demo):
    port = free_port()
    server = serve(crawled_demo, port)
    url = f"http://127.0.0.1:{port}/monitor.json"
    try:
        wait_for(url, server)
        assert [status_with_host(url, host) for host in
                (f"127.0.0.1:{port}", f"localhost:{port}", f"rebind.example:{port}",
                 f"localhost:{port + 1}", "localhost", "")] == [200, 200, 421, 421, 421, 421]
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_leaves_no_temporary_files(crawled_demo, tmp_path):
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    server = subprocess.Popen([sys.executable, "-m", "monitor", "--db", str(crawled_demo),
                               "serve", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/monitor/story_matrix.json?story=trump-cartels", server)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert list(tmp_path.iterdir()) == []


def test_serve_warns_when_its_host_is_not_a_loopback_address(tmp_path):
    # A missing database stops serve after the warning, before anything listens.
    result = subprocess.run([sys.executable, "-m", "monitor", "--db", str(tmp_path / "no.db"),
                             "serve", "--host", "0.0.0.0"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert "Warning: serving on 0.0.0.0, not a loopback address" in result.stderr


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True),
    ("localhost", True), ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False),
])
def test_only_loopback_hosts_count_as_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_a_matrix_page_serves_a_slug_that_needs_percent_encoding(crawled_demo, tmp_path):
    db_path = tmp_path / "monitor.db"
    shutil.copy(crawled_demo, db_path)
    slug = "café/2025 cartels?"
    Database(db_path).execute("update stories set slug = ? where slug = 'trump-cartels'", [slug])
    ds = Datasette([str(db_path)])
    page = asyncio.run(ds.client.get(matrix_path(ds, slug)))
    assert page.status_code == 200
    assert "Trump Moves to Use Military Force Against Foreign Drug Cartels" in page.text


@pytest.fixture(scope="module")
def demo_db(crawled_demo, tmp_path_factory):
    """The crawled demo under the README's name, as `datasette data/demo.db` serves it."""
    return copy_db(crawled_demo, tmp_path_factory.mktemp("plain") / "demo.db")


@pytest.fixture(scope="module")
def plain(demo_db):
    # Only the file: what the plugin adds comes through its entry point and hooks.
    return Datasette([str(demo_db)])


def test_the_plugin_is_installed_through_the_datasette_entry_point(plain):
    assert "monitor.faces.datasette_plugin" in {e.value for e in entry_points(group="datasette")}
    [plugin] = asyncio.run(get_json(plain, "/-/plugins.json"))
    assert {"get_metadata", "canned_queries", "register_routes"} <= set(plugin["hooks"])


def test_a_plain_datasette_shows_the_instance_title_and_description(plain):
    page = asyncio.run(plain.client.get("/"))
    assert "<h1>Media monitor</h1>" in page.text
    assert "How outlets covered a story, claim by claim" in page.text


def test_a_plain_datasette_shows_table_titles_and_descriptions_whatever_the_file_is_called(
        plain):
    page = asyncio.run(plain.client.get("/demo/articles"))
    assert "<h1>Articles" in page.text and "One row per article" in page.text


def test_a_plain_datasette_shows_the_shipped_facets(plain):
    shipped = shipped_metadata()["database"]["tables"]
    for table in ("articles", "claims", "matches"):
        data = asyncio.run(get_json(plain, f"/demo/{table}.json"))
        assert list(data["facet_results"]) == shipped[table]["facets"]


def test_a_plain_datasette_lists_the_canned_queries_whatever_the_file_is_called(plain):
    names = {q["name"] for q in asyncio.run(get_json(plain, "/demo.json"))["queries"]}
    assert names == {*shipped_metadata()["database"]["queries"], "story_changes"}


def test_a_plain_datasette_serves_the_matrix_page(plain):
    page = asyncio.run(plain.client.get("/-/monitor/matrix/trump-cartels"))
    assert page.status_code == 200 and len(re.findall(r'<td class="cell v-', page.text)) == 23 * 7


def test_the_datasette_command_alone_serves_the_canned_queries_and_the_matrix(demo_db):
    datasette = Path(sys.executable).with_name("datasette")
    for path, shown in [("/demo/story_matrix.json?story=trump-cartels&_shape=array", '"verdict"'),
                        ("/-/monitor/matrix/trump-cartels", '<td class="cell v-')]:
        result = subprocess.run([str(datasette), str(demo_db), "--get", path],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0 and shown in result.stdout, result.stderr


def test_the_matrix_page_names_the_article_whose_claims_were_not_scored(tmp_path):
    ferry_story(tmp_path / "m.db")
    page = asyncio.run(Datasette([str(tmp_path / "m.db")]).client.get(
        "/-/monitor/matrix/ferry")).text
    not_scored = page.split("<h2>Not scored</h2>", 1)[1].split("<h2>", 1)[0]
    assert "Le Port" in not_scored and "(fr)" in not_scored
    assert "· 8 claims · 1 outlet ·" in " ".join(page.split())
    assert "date: seed “Monday” vs “Wednesday”" in page


def test_the_matrix_page_shows_an_amount_given_rounded_apart_from_the_conflicts(tmp_path):
    db, _ = ferry_story(tmp_path / "m.db")
    sentences = {"seed_sentence": "Fares rose for 29 routes.",
                 "article_sentence": "Fares rose for about 30 routes."}
    db.execute("update matches set verdict = 'partial', notes = ? where claim_id = (select id "
               "from claims where position = 2)",
               [json.dumps([{"kind": "rounded", "claim": "29", "article": "30", **sentences}])])
    page = asyncio.run(Datasette([str(tmp_path / "m.db")]).client.get(
        "/-/monitor/matrix/ferry")).text
    noted = page.split("<h2>Noted differences (1)</h2>", 1)[1]
    assert "about <mark>30</mark> routes" in noted and "Claim 2" in noted
    assert "Claim 2" not in page.split("<h2>Noted differences (1)</h2>", 1)[0].split(
        "<h2>Conflicts")[1]


def test_the_matrix_page_of_a_store_not_upgraded_yet_still_answers(tmp_path):
    db, _ = ferry_story(tmp_path / "m.db")
    db.execute("drop view noted_differences")  # as made before migration m026
    response = asyncio.run(Datasette([str(tmp_path / "m.db")]).client.get(
        "/-/monitor/matrix/ferry"))
    assert response.status_code == 200 and "Noted differences" not in response.text
