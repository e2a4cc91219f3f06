"""The project's Datasette metadata and canned queries, through Datasette's own test client."""

import pytest
from datasette.app import Datasette

from monitor.cli import datasette_metadata


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
])
def test_canned_query_returns_rows(datasette, query, params):
    import asyncio

    data = asyncio.run(get_json(datasette, f"/monitor/{query}.json?{params}&_shape=array"))
    assert len(data) > 0


def test_story_matrix_has_a_verdict_for_every_claim_and_covering_article(datasette):
    import asyncio

    rows = asyncio.run(get_json(datasette, "/monitor/story_matrix.json?story=trump-cartels"
                                           "&_shape=array&_size=max"))
    assert {r["verdict"] for r in rows} <= {"verbatim", "paraphrase", "partial", "conflict",
                                            "absent"}
    assert len({r["claim"] for r in rows}) == 23


def test_tables_have_titles_and_descriptions(datasette):
    import asyncio

    page = asyncio.run(datasette.client.get("/monitor/matches"))
    assert "One row per claim and covering article" in page.text
