"""Schema upgrades: each step whole or not at all, never started by a command that only reads."""

import shutil
import socket
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from monitor.store import schema
from tests.conftest import ROOT, run_monitor

pytestmark = pytest.mark.slow  # upgrades 20,000 articles in subprocesses

NAMES = schema.migration_names()
OLD = 2  # the old databases have the first two migrations: the later ones are pending
ARTICLES = 20_000
RELEASE_0_1 = ROOT / "tests" / "fixtures" / "release-0.1.db"  # version 0.1.0 demo, one story

# A subprocess upgrades the database and SIGKILLs itself just before its Nth SQL statement:
# the same statements in the same order on every copy, so the kill lands where the test says,
# whatever the machine's speed.
UPGRADE_KILLED_AT = """
import os, signal, sys
from monitor.store import rows, schema

db = schema.connect(sys.argv[1])
kill_at, seen = int(sys.argv[2]), 0

def trace(sql):
    global seen
    seen += 1
    if seen == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

db.conn.set_trace_callback(trace)
schema.ensure_db_shape(db)
"""


def _old_database(path: Path, articles: int = 10) -> None:
    # Its steps recorded in `_migrations`, as every database made before sqlite-utils'
    # Migrations was.
    db = schema.connect(path)
    schema.ensure_db_shape(db, stop_before=NAMES[OLD])
    with db.conn:
        db.execute("create table _migrations (name text primary key, applied_at text)")
        db.execute("insert into _migrations select name, applied_at from _sqlite_migrations "
                   "order by id")
        db.execute("drop table _sqlite_migrations")
        db.execute("insert into outlets (id, name, domain) values (1, 'Tribune', 'x.example')")
        db.conn.executemany(
            "insert into articles (id, url, outlet_id, title, text, content_hash, is_stub, "
            "first_seen) values (?, ?, 1, ?, ?, ?, 0, '2025-08-01')",
            ((i, f"http://x.example/{i}", f"Story {i}", f"Sentence {i} of a report. " * 25,
              f"hash{i}") for i in range(1, articles + 1)))
        db.conn.executemany(
            "insert into pages (url, article_id, status, html_gz) values (?, ?, 200, ?)",
            ((f"http://x.example/{i}", i, b"\x00" * 200) for i in range(1, articles + 1)))
    db.close()


def _statements(path: Path) -> list[str]:
    db = schema.connect(path)
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    schema.ensure_db_shape(db)
    db.close()
    return seen


@pytest.fixture(scope="module")
def old_db(tmp_path_factory) -> tuple[Path, list[str]]:
    """A database of 20,000 articles from before migration 3, and the SQL its upgrade runs."""
    folder = tmp_path_factory.mktemp("old")
    _old_database(folder / "old.db", ARTICLES)
    shutil.copy(folder / "old.db", folder / "dry.db")
    return folder / "old.db", _statements(folder / "dry.db")


def _kill_points(statements: list[str]) -> dict[str, int]:
    # As the old records are dropped (carried over, nothing committed); for each pending step:
    # halfway through its work, and as it records that it ran (its work done, nothing
    # committed: where a step outside a transaction leaves a half-upgraded file).
    points, step, begun = {}, OLD, 0
    for number, sql in enumerate(statements, 1):
        if sql == "BEGIN IMMEDIATE":
            begun = number
        elif sql == 'DROP TABLE "_migrations"':
            points["records-carried-over"] = begun = number
        elif sql.startswith('INSERT INTO "_sqlite_migrations"') and begun:
            points[f"{NAMES[step]}-midway"] = (begun + number) // 2
            points[f"{NAMES[step]}-recording"] = number
            step, begun = step + 1, 0
    return points


POINTS = ["records-carried-over"] + [f"{name}-{where}" for name in NAMES[OLD:]
                                     for where in ("midway", "recording")]


@pytest.mark.parametrize("point", POINTS)
def test_an_upgrade_killed_at_any_point_is_finished_by_the_next_upgrade(old_db, tmp_path,
                                                                         point):
    path = tmp_path / "m.db"
    shutil.copy(old_db[0], path)
    killed = subprocess.run([sys.executable, "-c", UPGRADE_KILLED_AT, str(path),
                             str(_kill_points(old_db[1])[point])], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert killed.returncode == -9, killed.stderr

    still_old = run_monitor("seed", "list", db=path, check=False)
    assert still_old.returncode != 0 and "monitor upgrade" in still_old.stderr
    assert "Applied" in run_monitor("upgrade", db=path).stdout
    run_monitor("seed", "list", db=path)

    db = sqlite3.connect(path)
    assert db.execute("pragma integrity_check").fetchone() == ("ok",)
    assert _recorded(db) == NAMES
    # The data steps ran exactly once: one first version and one pending search per article.
    assert db.execute("select count(*), count(distinct article_id) from versions"
                      ).fetchone() == (ARTICLES, ARTICLES)
    assert db.execute("select count(*) from _pending_copies").fetchone()[0] == ARTICLES
    assert db.execute("select count(*) from pages where text_hash is null").fetchone()[0] == 0


@pytest.mark.parametrize("command", [["report"], ["seed", "list"], ["serve"]])
def test_commands_that_only_read_refuse_an_old_database_and_leave_it_old(tmp_path, command):
    path = tmp_path / "m.db"
    _old_database(path)
    with socket.socket() as taken:  # were serve to start anyway, it would fail, not hang
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = ["--port", str(taken.getsockname()[1])] if command == ["serve"] else []
        result = run_monitor(*command, *port, db=path, check=False)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"Error: database {path} needs an upgrade ({len(NAMES) - OLD} schema steps): "
        f"run `monitor upgrade` "
        f"(or any command that writes) first"]
    assert _recorded(sqlite3.connect(path), "_migrations") == NAMES[:OLD]


def test_upgrade_applies_the_pending_steps_and_says_which(tmp_path):
    path = tmp_path / "m.db"
    _old_database(path)
    first = run_monitor("upgrade", db=path).stdout
    assert first.strip() == (f"Applied {len(NAMES) - OLD} schema steps: " +
                             ", ".join(NAMES[OLD:]))
    assert run_monitor("upgrade", db=path).stdout.strip() == "The database is up to date."


def test_upgrade_refuses_a_missing_database_and_creates_nothing(tmp_path):
    result = run_monitor("upgrade", db=tmp_path / "none" / "m.db", check=False)
    assert result.returncode != 0 and "no database at" in result.stderr
    assert not (tmp_path / "none").exists()


def test_two_upgrades_at_once_apply_each_step_once_and_both_succeed(old_db, tmp_path):
    path = tmp_path / "m.db"
    shutil.copy(old_db[0], path)
    command = [sys.executable, "-m", "monitor", "--db", str(path), "upgrade"]
    both = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    outputs = [process.communicate(timeout=300) for process in both]
    assert [process.returncode for process in both] == [0, 0], outputs
    applied = [name for out, _ in outputs if out.startswith("Applied")
               for name in out.split(": ", 1)[1].strip().split(", ")]
    assert sorted(applied) == NAMES[OLD:]
    assert _recorded(sqlite3.connect(path)) == NAMES


def test_commands_that_only_read_count_a_release_0_1_databases_steps_from_its_records(tmp_path):
    path = tmp_path / "m.db"
    shutil.copy(RELEASE_0_1, path)
    result = run_monitor("report", db=path, check=False)
    assert result.returncode != 0  # the steps since release 0.1 are pending, and only those
    assert f"needs an upgrade ({len(NAMES) - 12} schema steps)" in result.stderr
    db = sqlite3.connect(path)
    assert _recorded(db, "_migrations") == NAMES[:12]
    assert not db.execute("select 1 from sqlite_master where name = '_sqlite_migrations'"
                          ).fetchone()


def test_a_release_0_1_database_upgrades_in_place_each_step_recorded_once(tmp_path):
    path = tmp_path / "m.db"
    shutil.copy(RELEASE_0_1, path)
    matched = ("select count(*) from coverage join articles on articles.id = article_id "
               "where coverage.content_hash = articles.content_hash")
    with closing(sqlite3.connect(path)) as before:
        [(current,)] = before.execute(matched).fetchall()
    new = NAMES[12:]  # the steps added since release 0.1
    assert run_monitor("upgrade", db=path).stdout.strip() == (
        f"Applied {len(new)} schema steps: {', '.join(new)}" if new
        else "The database is up to date.")
    db = sqlite3.connect(path)
    assert _recorded(db) == NAMES
    assert not db.execute("select 1 from sqlite_master where name = '_migrations'").fetchone()
    assert db.execute("pragma integrity_check").fetchone() == ("ok",)
    assert current and db.execute(matched).fetchone() == (current,)  # nothing to match again
    assert "23 claims" in run_monitor("report", db=path).stdout
    assert "trump-cartels" in run_monitor("seed", "list", db=path).stdout
    assert run_monitor("upgrade", db=path).stdout.strip() == "The database is up to date."


def _recorded(db: sqlite3.Connection, table: str = "_sqlite_migrations") -> list[str]:
    # The steps a database records as applied, in the order applied.
    return [name for (name,) in db.execute(f"select name from {table} order by rowid")]


def test_one_step_pending_is_said_in_the_singular(tmp_path):
    path = tmp_path / "m.db"
    with closing(schema.connect(path)) as db:
        schema.ensure_db_shape(db, stop_before=NAMES[-1])
    assert "needs an upgrade (1 schema step):" in run_monitor("report", db=path,
                                                              check=False).stderr
    assert run_monitor("upgrade", db=path).stdout.strip() == f"Applied 1 schema step: {NAMES[-1]}"
