"""The project's Datasette metadata and canned queries, through Datasette's own test client."""

import asyncio
import json
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from datasette.app import Datasette

from monitor.cli import datasette_metadata
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def datasette(crawled_demo):
    return Datasette([str(crawled_demo)], metadata=datasette_metadata(crawled_demo))


async def get_json(ds, path):
    response = await ds.client.get(path)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("query, params", [
    ("story_matrix", "story=trump-cartels"),
    ("left_out", "story=trump-cartels"),
    ("all_conflicts", ""),
    ("articles_per_day", "story=trump-cartels"),
])
def test_canned_query_returns_rows(datasette, query, params):
    data = asyncio.run(get_json(datasette, f"/monitor/{query}.json?{params}&_shape=array"))
    assert len(data) > 0


def test_story_matrix_has_a_verdict_for_every_claim_and_covering_article(datasette):
    rows = asyncio.run(get_json(datasette, "/monitor/story_matrix.json?story=trump-cartels"
                                           "&_shape=array&_size=max"))
    assert {r["verdict"] for r in rows} <= {"verbatim", "paraphrase", "partial", "conflict",
                                            "absent"}
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
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "monitor.cli", "--db", str(crawled_demo),
                               "serve", "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/monitor/conflicts.json"
                                            "?_shape=array", timeout=2) as response:
                    rows = json.loads(response.read())
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError(server.stderr.read().decode())
        assert rows and {"story", "claim", "outlet", "conflicts"} <= set(rows[0])
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_machinery_tables_are_hidden_from_the_table_list(datasette):
    tables = {t["name"]: t["hidden"] for t in asyncio.run(get_json(
        datasette, "/monitor.json"))["tables"]}
    assert tables["articles"] is False
    assert all(tables[name] for name in ("_pending_copies", "_sketches", "_sketch_bands"))
