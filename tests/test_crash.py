"""Crash safety: a run killed at any moment loses nothing and leaves no duplicates, and
Datasette can read while a crawl writes."""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict

import pytest

from monitor.jobs.demo import SEED
from monitor.steps.extract import Article, content_hash
from monitor.store import rows, schema
from tests.conftest import ROOT, copy_db, run_monitor, write_outlets

pytestmark = pytest.mark.slow  # kills crawls and matching runs in subprocesses

SLOW = ("-s", "DOWNLOAD_DELAY=0.4", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1")
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")


def start(db, *args):
    return subprocess.Popen([sys.executable, "-m", "monitor", "--db", str(db), *args],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def wait_for(db, sql, at_least, process, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if sqlite3.connect(db, timeout=1).execute(sql).fetchone()[0] >= at_least:
                return
        except sqlite3.OperationalError:
            pass  # the table is not there yet
        assert process.poll() is None, "finished before it could be killed"
        time.sleep(0.05)
    raise AssertionError("never got there")


def kill(process):
    os.killpg(process.pid, signal.SIGKILL)  # the crawl and its extraction workers
    process.wait(timeout=30)


def sound(db):
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
    assert conn.execute("pragma foreign_key_check").fetchall() == []
    assert conn.execute("pragma journal_mode").fetchone() == ("wal",)
    return conn


def test_a_crawl_killed_midway_is_completed_by_the_next_run(outlet_server, crawled_story,
                                                            tmp_path):
    db, outlets = tmp_path / "m.db", write_outlets(tmp_path, outlet_server)
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", "--published",
                "2025-08-08", db=db)
    process = start(db, "run", "--outlets", str(outlets), *SLOW)
    wait_for(db, "select count(*) from articles", 5, process)
    kill(process)
    conn = sound(db)
    stored_before = conn.execute("select count(*) from articles").fetchone()[0]

    run_monitor("run", "--outlets", str(outlets), *FAST, db=db)
    reference = crawled_story

    conn = sound(db)
    urls = [u for (u,) in conn.execute("select url from articles")]
    expected = {u for (u,) in sqlite3.connect(reference).execute("select url from articles")}
    assert len(urls) == len(set(urls)) and set(urls) == expected
    assert stored_before < len(expected)
    assert conn.execute("select count(*) from coverage").fetchone()[0] == len(expected)
    assert conn.execute("select status from crawl_runs order by id").fetchall() == [
        ("interrupted",), ("finished",)]
    copies = "select a.url, b.url from copies join articles a on a.id = article_id " \
             "join articles b on b.id = copy_of order by 1"
    assert conn.execute(copies).fetchall() == sqlite3.connect(reference).execute(
        copies).fetchall() != []


def workers_of(pid):
    """The extraction workers under a crawl: its grandchildren (forked from a worker server)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    children = {p for p, parent in parents.items() if parent == pid}
    return [p for p, parent in parents.items() if parent in children]


def test_a_worker_killed_midway_costs_no_article(outlet_server, tmp_path):
    # The kernel's out-of-memory killer, say: the crawl starts new workers and reads every page.
    db, outlets = tmp_path / "m.db", write_outlets(tmp_path, outlet_server)
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", db=db)
    process = start(db, "run", "--outlets", str(outlets), *SLOW)
    wait_for(db, "select count(*) from articles", 3, process)
    os.kill(workers_of(process.pid)[0], signal.SIGKILL)
    assert process.wait(timeout=300) == 0

    reference = tmp_path / "reference.db"
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", db=reference)
    run_monitor("run", "--outlets", str(outlets), *FAST, db=reference)
    conn = sound(db)
    expected = sqlite3.connect(reference).execute("select url from articles").fetchall()
    assert sorted(conn.execute("select url from articles").fetchall()) == sorted(expected)
    assert conn.execute("select count(*) from pages where error is not null and status = 200"
                        ).fetchone() == sqlite3.connect(reference).execute(
        "select count(*) from pages where error is not null and status = 200").fetchone()


def add_articles(db_path, n):
    """Many stored articles (made from the demo texts) so that matching takes a while."""
    db = schema.open_db(db_path)
    texts = [row["text"] for row in db["articles"].rows]
    outlet = db["outlets"].get(1)["id"]
    with db.conn:
        for i in range(n):
            text = f"{texts[i % len(texts)]}\nEdition {i}."
            rows.save_article(db, asdict(Article(
                f"https://copies.example/{i}", f"https://copies.example/{i}", f"copy {i}", None,
                None, "en", text, content_hash(f"copy {i}", text), False)), outlet)
    db.close()


@pytest.fixture(scope="session")
def many_articles(crawled_demo, tmp_path_factory):
    """The crawled demo and 3,000 more articles, not yet matched: built once, and copied by
    each test that matches it."""
    db = tmp_path_factory.mktemp("many") / "m.db"
    sqlite3.connect(crawled_demo).execute(f"vacuum into '{db}'")
    add_articles(db, 3000)
    return db


@pytest.mark.parametrize("kill_after", [0.15, 0.6])
def test_matching_killed_midway_is_finished_by_the_next_run(many_articles, tmp_path, kill_after):
    db = copy_db(many_articles, tmp_path / "m.db")
    total = sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0]
    stories = sqlite3.connect(db).execute("select count(*) from stories").fetchone()[0]
    process = start(db, "match", "--all")
    wait_for(db, "select count(*) from coverage where matched_at > "
                 "(select max(first_seen) from articles)", int(total * kill_after), process)
    kill(process)
    sound(db)

    run_monitor("match", db=db)
    conn = sound(db)
    assert conn.execute("select count(*) from coverage").fetchone()[0] == total * stories
    assert conn.execute("""select count(*) from (select story_id, article_id, count(*) as n
                           from matches group by 1, 2 having n != (select count(*) from claims
                           where claims.story_id = matches.story_id))""").fetchone() == (0,)


def test_matching_whose_worker_dies_stops_with_one_line_and_is_finished_by_the_next_run(
        many_articles, tmp_path):
    db = copy_db(many_articles, tmp_path / "m.db")
    total = sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0]
    stories = sqlite3.connect(db).execute("select count(*) from stories").fetchone()[0]
    process = subprocess.Popen([sys.executable, "-m", "monitor", "--db", str(db), "match",
                                "--all"], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    wait_for(db, "select count(*) from coverage where matched_at > "
                 "(select max(first_seen) from articles)", total // 4, process)
    os.kill(workers_of(process.pid)[0], signal.SIGKILL)
    errors = process.communicate(timeout=120)[1]
    assert process.returncode == 1
    assert "worker process died" in errors and "Traceback" not in errors
    assert len(errors.strip().splitlines()) == 1

    run_monitor("match", db=db)
    assert sound(db).execute("select count(*) from coverage").fetchone()[0] == total * stories


def test_datasette_reads_while_a_crawl_writes(outlet_server, tmp_path):
    db, outlets = tmp_path / "m.db", write_outlets(tmp_path, outlet_server)
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", db=db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = start(db, "serve", "--port", str(port))
    url = f"http://127.0.0.1:{port}/m/articles.json?_shape=array&_col=url"
    try:
        for _ in range(150):  # wait for Datasette to listen
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except urllib.error.URLError:
                time.sleep(0.1)
        crawl = start(db, "run", "--outlets", str(outlets), "-s", "DOWNLOAD_DELAY=0.1",
                      "-s", "AUTOTHROTTLE_ENABLED=False")
        statuses, seen = [], set()
        while crawl.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    statuses.append(response.status)
                    seen.add(len(json.loads(response.read())))
            except urllib.error.HTTPError as e:
                statuses.append(e.code)
        assert crawl.returncode == 0
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
    assert statuses and set(statuses) == {200}
    assert len(seen) > 1  # it saw the table grow
