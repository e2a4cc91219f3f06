"""Running from cron: one run at a time, every run recorded and logged, a schedule loop."""

import sqlite3
import subprocess
import sys

import pytest

from monitor.demo import SEED
from monitor.schedule import AlreadyRunning, parse_interval, run_lock
from tests.conftest import ROOT, run_monitor, write_outlets

FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")


@pytest.fixture
def setup(outlet_server, tmp_path):
    db = tmp_path / "m.db"
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", db=db)
    return db, write_outlets(tmp_path, outlet_server)


def test_a_run_is_recorded_with_its_figures(setup):
    db, outlets = setup
    run_monitor("run", "--outlets", str(outlets), *FAST, db=db)
    (run,) = sqlite3.connect(db).execute(
        "select status, pages, new_articles, new_versions, matched, exit_code, finished_at "
        "from crawl_runs").fetchall()
    status, pages, new_articles, new_versions, matched, exit_code, finished = run
    assert (status, new_versions, exit_code) == ("finished", 0, 0)
    assert pages >= new_articles > 20 and matched == new_articles and finished


def test_runs_are_logged_to_a_file_too(setup):
    db, outlets = setup
    run_monitor("run", "--outlets", str(outlets), *FAST, db=db)
    log = db.with_suffix(".log").read_text()
    assert "Crawl finished" in log and "[scrapy" in log and "Matched" in log


def test_a_second_run_while_one_holds_the_database_exits_at_once(setup):
    db, outlets = setup
    with run_lock(db):
        result = run_monitor("run", "--outlets", str(outlets), db=db, check=False)
    assert result.returncode == 75
    assert "another run is using" in result.stderr and "Traceback" not in result.stderr
    assert sqlite3.connect(db).execute("select count(*) from crawl_runs").fetchone() == (0,)


def test_the_lock_is_released_after_a_run(tmp_path):
    db = tmp_path / "m.db"
    with run_lock(db):
        with pytest.raises(AlreadyRunning):
            with run_lock(db):
                pass
    with run_lock(db):
        pass


def test_a_crawl_that_does_not_finish_exits_non_zero(setup):
    db, outlets = setup
    result = run_monitor("run", "--outlets", str(outlets), "-s", "CLOSESPIDER_PAGECOUNT=2",
                         db=db, check=False)
    assert result.returncode == 1
    status, exit_code = sqlite3.connect(db).execute(
        "select status, exit_code from crawl_runs").fetchone()
    assert status == "closespider_pagecount" and exit_code == 1


def test_schedule_runs_again_and_again(setup):
    db, outlets = setup
    result = subprocess.run([sys.executable, "-m", "monitor.cli", "--db", str(db), "schedule",
                             "--every", "1s", "--runs", "2", "--outlets", str(outlets)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert sqlite3.connect(db).execute("select count(*) from crawl_runs").fetchone() == (2,)


@pytest.mark.parametrize("text, seconds", [("90s", 90), ("30m", 1800), ("1h", 3600),
                                           ("2d", 172800)])
def test_intervals(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "1", "0h", "soon", "1w"])
def test_bad_intervals_are_refused(text):
    with pytest.raises(ValueError):
        parse_interval(text)


def test_progress_goes_to_plain_log_lines_when_not_on_a_terminal(setup):
    db, outlets = setup
    run_monitor("crawl", "--outlets", str(outlets), *FAST, "-s", "DOWNLOAD_DELAY=0.05",
                "-s", "MONITOR_PROGRESS_INTERVAL=0.2", db=db)
    log = db.with_suffix(".log").read_text()
    assert "progress: fetched" in log and "extracted" in log and "cover a story" in log


def test_scrapy_debug_lines_show_when_asked_for(setup):
    db, outlets = setup
    quiet = run_monitor("crawl", "--outlets", str(outlets), *FAST, db=db)
    asked = run_monitor("crawl", "--outlets", str(outlets), *FAST, "-s", "LOG_LEVEL=DEBUG",
                        db=db)
    assert "DEBUG: Crawled (" not in quiet.stderr
    assert "DEBUG: Crawled (" in asked.stderr
