"""Honest exits: a storage error fails the run (non-zero, with the reason, the counts printed
being the counts stored), a forced shutdown is recorded interrupted (non-zero), and the next
run completes with nothing lost or stored twice."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from monitor.jobs.demo import SEED, SITE, _SiteHandler
from tests.conftest import (
    ROOT,
    read_terminal,
    run_monitor,
    start_in_a_terminal,
    write_outlets,
)

pytestmark = pytest.mark.slow  # stops crawls in subprocesses

FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")
SEED_ARGS = ("seed", "add", str(SEED), "--slug", "trump-cartels", "--published", "2025-08-08")
SERVED_FREELY = 8  # article requests answered before the slow server holds the rest


def listing(path: str) -> bool:
    """Feeds, sitemaps, search pages and robots.txt: what leads to the articles."""
    path = path.split("?")[0]
    return path.endswith((".xml", ".gz", ".rdf", "/robots.txt")) or "search" in path


class SlowSite:
    """The demo site on 127.0.0.1, answering the first few article pages, then holding every
    further one until `release()`: a crawl that is still downloading when it is signalled."""

    def __init__(self):
        self.held = threading.Event()
        self.articles = 0
        lock = threading.Lock()
        site = self

        class Handler(_SiteHandler):
            def do_GET(self):
                if not listing(self.path):
                    with lock:
                        site.articles += 1
                        wait = site.articles > SERVED_FREELY
                    if wait:
                        site.held.wait(120)
                super().do_GET()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(SITE)))
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def release(self):
        self.held.set()

    def close(self):
        self.release()
        self.httpd.shutdown()


@pytest.fixture(scope="module")
def expected_paths(crawled_story) -> set[str]:
    """The article paths one uninterrupted run over the demo site stores."""
    return set(article_paths(crawled_story))


def query(db: Path, sql: str) -> list[tuple]:
    # Closed at once: an open connection would keep the small disk from being unmounted.
    with closing(sqlite3.connect(db, timeout=1)) as conn:
        return conn.execute(sql).fetchall()


def article_paths(db: Path) -> list[str]:
    return [urlsplit(url).path for (url,) in query(db, "select url from articles")]


def runs(db: Path) -> list[tuple]:
    return query(db, "select status, exit_code, reason from crawl_runs order by id")


def wait_until(condition, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, "the crawl ended before it could be signalled"
        assert time.monotonic() < deadline, "never got there"
        time.sleep(0.05)


def stored_articles(db: Path) -> int:
    try:
        return query(db, "select count(*) from articles")[0][0]
    except sqlite3.OperationalError:
        return 0  # not created yet, or locked for a moment


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_second_signal_is_recorded_interrupted_and_the_next_run_stores_every_page_once(
        expected_paths, tmp_path, signum):
    site = SlowSite()
    try:
        db, log = tmp_path / "m.db", tmp_path / "run.log"
        outlets = write_outlets(tmp_path, site.base)
        run_monitor(*SEED_ARGS, db=db)
        process = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--db", str(db), "run", "--outlets",
             str(outlets), "--log-file", str(log), *FAST],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True)
        # Some pages stored, the rest held by the server: then the signal, and again once the
        # first is being handled (two at once would arrive as one).
        wait_until(lambda: stored_articles(db) > 0, process)
        os.kill(process.pid, signum)
        wait_until(lambda: "shutting down gracefully" in log.read_text(), process)
        os.kill(process.pid, signum)
        output, _ = process.communicate(timeout=120)

        assert process.returncode == 130, output
        assert runs(db) == [("interrupted", 130, "forced shutdown (a second SIGINT or SIGTERM)")]
        stored_before = stored_articles(db)
        site.release()
        run_monitor("run", "--outlets", str(outlets), *FAST, db=db)
    finally:
        site.close()
    paths = article_paths(db)
    assert 0 < stored_before < len(expected_paths)
    assert len(paths) == len(set(paths)) and set(paths) == expected_paths
    assert [status for status, _, _ in runs(db)] == ["interrupted", "finished"]


def test_one_ctrl_c_stops_the_run_cleanly_recorded_interrupted_with_exit_130(tmp_path):
    site = SlowSite()
    try:
        db, log = tmp_path / "m.db", tmp_path / "run.log"
        run_monitor(*SEED_ARGS, db=db)
        process = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--db", str(db), "run", "--outlets",
             str(write_outlets(tmp_path, site.base)), "--log-file", str(log), *FAST],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True)
        wait_until(lambda: stored_articles(db) > 0, process)
        # As a terminal sends Ctrl-C: to the whole process group, workers included. Then the
        # pages in flight are answered, as a live server would: the crawl stops once they are.
        os.killpg(process.pid, signal.SIGINT)
        wait_until(lambda: "shutting down gracefully" in log.read_text(), process)
        site.release()
        output, _ = process.communicate(timeout=120)
    finally:
        site.close()

    assert process.returncode == 130, output
    assert "Traceback" not in output and "Crawl interrupted" in output
    assert runs(db) == [("interrupted", 130, "stopped by SIGINT or SIGTERM (Ctrl-C): the pages "
                                             "in hand were stored")]
    assert stored_articles(db) >= 1


def test_on_a_terminal_the_first_ctrl_c_says_the_run_is_stopping(tmp_path):
    site = SlowSite()
    printed = bytearray()
    try:
        db = tmp_path / "m.db"
        run_monitor(*SEED_ARGS, db=db)
        pid, terminal = start_in_a_terminal(
            "run", "--outlets", str(write_outlets(tmp_path, site.base)), *FAST, db=db)
        reading = threading.Thread(target=read_terminal, args=(terminal, printed), daemon=True)
        reading.start()
        deadline = time.monotonic() + 120
        while stored_articles(db) == 0 or b"cover a story" not in printed:
            assert time.monotonic() < deadline, printed.decode(errors="replace")
            time.sleep(0.05)
        os.killpg(pid, signal.SIGINT)  # as Ctrl-C on a terminal: to the whole group
        while b"Stopping" not in printed:  # said while the held pages are still in flight
            assert time.monotonic() < deadline, printed.decode(errors="replace")
            time.sleep(0.05)
        site.release()
        _, status = os.waitpid(pid, 0)
        reading.join(10)
        os.close(terminal)
    finally:
        site.close()
    assert os.waitstatus_to_exitcode(status) == 130
    assert printed.count(b"Stopping once the pages being fetched have arrived") == 1


@pytest.fixture
def small_disk(tmp_path):
    """A tmpfs mounted at a folder (root only); yields a function that sets its size."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs to fill (needs root): {mounted.stderr.strip()}")

    def resize(size: int) -> None:
        subprocess.run(["mount", "-o", f"remount,size={size}", str(disk)], check=True)

    yield disk, resize
    subprocess.run(["umount", "--lazy", str(disk)], check=True)


def test_a_full_disk_fails_the_run_with_the_reason_and_the_next_run_stores_every_page_once(
        expected_paths, outlet_server, small_disk, tmp_path):
    disk, resize = small_disk
    db, outlets = disk / "m.db", write_outlets(tmp_path, outlet_server)
    run_monitor(*SEED_ARGS, db=db)
    used = sum(path.stat().st_size for path in disk.iterdir())
    # The demo crawl adds some 290 KB to the database, and its WAL index takes 32 KB: with
    # this room it cannot finish, whatever its commits' timing (how much it stores first can).
    resize(used + 300_000)
    log = ("--log-file", str(tmp_path / "run.log"))  # off the full disk: logging still works

    failed = run_monitor("run", "--outlets", str(outlets), *log, *FAST, db=db, check=False)

    assert failed.returncode == 1, failed.stdout + failed.stderr
    [(status, exit_code, reason)] = runs(db)
    assert (status, exit_code) == ("failed", 1) and "database or disk is full" in reason
    printed = re.search(r"Crawl failed \(storage error: database or disk is full\): (\d+) pages, "
                        r"(\d+) articles", failed.stdout)
    assert printed, failed.stdout
    [stored] = query(db, "select count(*), count(article_id) from pages")
    assert tuple(map(int, printed.groups())) == stored
    assert query(db, "select pages, articles from crawl_runs") == [stored]
    resize(64 * 2**20)  # space freed: the next run takes up where this one stopped
    run_monitor("run", "--outlets", str(outlets), *log, *FAST, db=db)
    paths = article_paths(db)
    assert stored[1] < len(expected_paths)
    assert len(paths) == len(set(paths)) and set(paths) == expected_paths
    assert [status for status, _, _ in runs(db)] == ["failed", "finished"]
