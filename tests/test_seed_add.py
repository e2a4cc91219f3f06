"""Registering a story again destroys nothing unless asked (`--replace`)."""

import sqlite3

import pytest

from monitor.jobs.demo import SEEDS
from tests.conftest import ROOT, RouteServer, run_monitor
from tests.test_hostile import answer, page

pytestmark = pytest.mark.slow  # runs the CLI in a subprocess

PORT_STRIKE = next(seed for seed in SEEDS if seed.stem == "port-strike")
CONGESTION = next(seed for seed in SEEDS if seed.stem == "congestion-charge")
STRIKE_PAGE = ROOT / "data/demo/site/wire/2025/08/12/calder-bay-dockworkers-strike.html"


def test_adding_a_slug_that_exists_is_refused_naming_the_story(tmp_path):
    db = tmp_path / "m.db"
    run_monitor("seed", "add", str(PORT_STRIKE), "--slug", "port-strike", db=db)
    result = run_monitor("seed", "add", str(CONGESTION), "--slug", "port-strike", db=db,
                         check=False)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Error: story 'port-strike' exists (Dockworkers Walk Out at Calder Bay, Stranding "
        "Ships); add --replace to register it again, keeping its articles"]
    titles = [t for (t,) in sqlite3.connect(db).execute("select title from stories")]
    assert titles == ["Dockworkers Walk Out at Calder Bay, Stranding Ships"]


def test_adding_a_seed_that_is_already_a_story_is_refused_naming_the_story(tmp_path):
    db = tmp_path / "m.db"
    run_monitor("seed", "add", str(PORT_STRIKE), "--slug", "port-strike", db=db)
    result = run_monitor("seed", "add", str(PORT_STRIKE), db=db, check=False)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Error: this seed is already story 'port-strike' (Dockworkers Walk Out at Calder Bay, "
        "Stranding Ships); add --replace to register it again, keeping its articles"]
    assert sqlite3.connect(db).execute("select count(*) from stories").fetchone() == (1,)


def test_replace_keeps_the_articles_and_matches_them_again(crawled_demo, tmp_path):
    db = tmp_path / "m.db"
    with sqlite3.connect(crawled_demo) as source, sqlite3.connect(db) as copy:
        source.backup(copy)

    def figures():
        with sqlite3.connect(db) as conn:
            return conn.execute(
                "select (select count(*) from matches where story_id = s.id), "
                "(select sum(is_coverage) from coverage where story_id = s.id), "
                "(select count(*) from articles), s.published "
                "from stories s where slug = 'port-strike'").fetchone()

    before = figures()
    out = run_monitor("seed", "add", str(PORT_STRIKE), "--slug", "port-strike", "--replace",
                      db=db).stdout
    assert before[0] > 0 and before[1] > 0 and before[3] is not None
    assert figures() == before
    assert f"{before[1]} cover the story" in out


def test_the_same_seed_with_other_line_ends_is_the_same_story(tmp_path):
    db = tmp_path / "m.db"
    run_monitor("seed", "add", str(PORT_STRIKE), "--slug", "port-strike", db=db)
    pasted = tmp_path / "pasted.txt"
    pasted.write_bytes(PORT_STRIKE.read_bytes().replace(b"\n", b"\r\n\r\n") + b"\r\n")
    result = run_monitor("seed", "add", str(pasted), "--slug", "strike", db=db, check=False)
    assert result.returncode != 0 and "this seed is already story 'port-strike'" in result.stderr



@pytest.fixture(scope="module")
def redirecting(route_server):
    """The seed's server, some of whose pages redirect, and an internal stand-in on another
    loopback port that must receive no request; yields both and where each page redirects."""
    internal = RouteServer()
    internal.routes["/secret"] = answer(200, page("TOP SECRET internal page"))
    targets = {"/to-ftp": "ftp://127.0.0.1/story.txt", "/to-internal": f"{internal.base}/secret",
               "/moved": "/story"}
    route_server.routes.update({path: answer(302, b"", {"Location": target})
                                for path, target in targets.items()})
    route_server.routes["/story"] = answer(200, STRIKE_PAGE.read_bytes())
    yield route_server.base, internal, targets
    internal.close()


@pytest.mark.parametrize("path, why", [
    ("/to-ftp", "only http(s) addresses are followed"),
    ("/to-internal", "127.0.0.1 is at a non-public address (127.0.0.1)")],
    ids=["ftp", "internal"])
def test_seed_add_refuses_a_redirect_where_the_crawl_would_not_go(redirecting, tmp_path, path,
                                                                   why):
    base, internal, targets = redirecting
    result = run_monitor("seed", "add", f"{base}{path}", db=tmp_path / "m.db", check=False)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"Error: {base}{path}: redirected to {targets[path]}, not followed: {why}"]
    assert internal.requests == []


def test_seed_add_follows_a_redirect_on_the_seeds_own_server(redirecting, tmp_path):
    base, _, _ = redirecting
    out = run_monitor("seed", "add", f"{base}/moved", "--slug", "moved", db=tmp_path / "m.db")
    assert "Story 'moved': 6 claims" in out.stdout
