"""Registering a story again destroys nothing unless asked (`--replace`)."""

import sqlite3

from monitor.demo import SEEDS
from tests.conftest import run_monitor

PORT_STRIKE = next(seed for seed in SEEDS if seed.stem == "port-strike")
CONGESTION = next(seed for seed in SEEDS if seed.stem == "congestion-charge")


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
