"""Running from cron: one run at a time, every run recorded and logged, a schedule loop."""

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.jobs.demo import SEED
from monitor.jobs.schedule import AlreadyRunning, parse_interval, run_lock
from tests.conftest import ROOT, in_a_terminal, run_monitor, write_outlets

FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")


@pytest.fixture
def setup(outlet_server, tmp_path):
    db = tmp_path / "m.db"
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", db=db)
    return db, write_outlets(tmp_path, outlet_server)


@pytest.mark.slow
def test_a_run_is_recorded_with_its_figures(setup):
    db, outlets = setup
    run_monitor("run", "--outlets", str(outlets), *FAST, db=db)
    (run,) = sqlite3.connect(db).execute(
        "select status, pages, new_articles, new_versions, matched, exit_code, finished_at "
        "from crawl_runs").fetchall()
    status, pages, new_articles, new_versions, matched, exit_code, finished = run
    assert (status, new_versions, exit_code) == ("finished", 0, 0)
    assert pages >= new_articles > 20 and matched == new_articles and finished


@pytest.mark.slow
def test_runs_are_logged_to_a_file_too(setup):
    db, outlets = setup
    run_monitor("run", "--outlets", str(outlets), *FAST, db=db)
    log = db.with_suffix(".log").read_text()
    assert "Crawl finished" in log and "[scrapy" in log and "Matched" in log


@pytest.mark.slow
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


@pytest.mark.slow
def test_a_crawl_that_does_not_finish_exits_non_zero(setup):
    db, outlets = setup
    result = run_monitor("run", "--outlets", str(outlets), "-s", "CLOSESPIDER_PAGECOUNT=2",
                         db=db, check=False)
    assert result.returncode == 1
    status, exit_code = sqlite3.connect(db).execute(
        "select status, exit_code from crawl_runs").fetchone()
    assert status == "closespider_pagecount" and exit_code == 1


@pytest.mark.slow
def test_under_cron_a_run_that_went_well_prints_its_summary_alone(setup):
    # Cron mails whatever a job prints: Scrapy's start-up lines and stats would be every mail.
    db, outlets = setup
    result = run_monitor("run", "--outlets", str(outlets), *FAST, db=db)
    assert result.stderr == ""
    assert result.stdout.startswith("Crawl finished: ") and len(result.stdout.splitlines()) == 2


@pytest.mark.slow
def test_schedule_runs_again_and_again(setup):
    db, outlets = setup
    result = subprocess.run([sys.executable, "-m", "monitor", "--db", str(db), "schedule",
                             "--every", "1s", "--runs", "2", "--outlets", str(outlets)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert sqlite3.connect(db).execute("select count(*) from crawl_runs").fetchone() == (2,)
    assert result.stdout.count("Next run at ") == 1  # between the two, not after the last


@pytest.mark.slow
def test_schedule_gives_each_run_its_settings_and_log_file(setup, tmp_path):
    db, outlets = setup
    log = tmp_path / "runs.log"
    result = run_monitor("schedule", "--every", "1s", "--runs", "2", "--outlets", str(outlets),
                         "-s", "CLOSESPIDER_PAGECOUNT=2", "--log-file", str(log), db=db)
    assert "every 1s, 2 times" in result.stdout
    assert sqlite3.connect(db).execute("select status from crawl_runs").fetchall() == [
        ("closespider_pagecount",)] * 2
    assert log.read_text().count("Crawl closespider_pagecount") == 2


@pytest.mark.slow
def test_schedule_refuses_a_wrong_setting_before_any_run(tmp_path):
    result = run_monitor("schedule", "--every", "1h", "-s", "MONITOR_MAX_RUN=2h",
                         db=tmp_path / "m.db", check=False)
    assert result.returncode == 1 and "MONITOR_MAX_RUN takes a number" in result.stderr
    assert "Running" not in result.stdout and not (tmp_path / "m.db").exists()


@pytest.mark.parametrize("text, seconds", [("90s", 90), ("30m", 1800), ("1h", 3600),
                                           ("2d", 172800)])
def test_intervals(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "1", "0h", "soon", "1w"])
def test_bad_intervals_are_refused(text):
    with pytest.raises(ValueError):
        parse_interval(text)


@pytest.mark.slow
def test_progress_goes_to_plain_log_lines_when_not_on_a_terminal(setup):
    db, outlets = setup
    run_monitor("crawl", "--outlets", str(outlets), *FAST, "-s", "DOWNLOAD_DELAY=0.05",
                "-s", "MONITOR_PROGRESS_INTERVAL=0.2", db=db)
    log = db.with_suffix(".log").read_text()
    assert re.search(r"progress: \d+ pages · \d+ articles .* cover a story", log)


@pytest.mark.slow
def test_scrapy_debug_lines_show_when_asked_for(setup):
    db, outlets = setup
    quiet = run_monitor("crawl", "--outlets", str(outlets), *FAST, db=db)
    asked = run_monitor("crawl", "--outlets", str(outlets), *FAST, "-s", "LOG_LEVEL=DEBUG",
                        db=db)
    assert "DEBUG: Crawled (" not in quiet.stderr
    assert "DEBUG: Crawled (" in asked.stderr


@pytest.fixture
def on_a_terminal(setup):
    """A `monitor run` on a terminal: what it printed, and its database."""
    db, outlets = setup
    return in_a_terminal("run", "--outlets", str(outlets), *FAST, db=db), db


@pytest.mark.slow
def test_on_a_terminal_a_run_prints_one_progress_line_and_one_summary(on_a_terminal):
    printed, _ = on_a_terminal
    lines = [line for line in printed.split("\n") if line.strip()]
    assert len(lines) == 3, printed
    assert "cover a story" in lines[0] and "pages/s" in lines[0]
    assert lines[1].startswith("Crawl finished:") and lines[2].startswith("Matched ")


@pytest.mark.slow
def test_on_a_terminal_scrapy_start_up_lines_go_to_the_log_file_only(on_a_terminal):
    printed, db = on_a_terminal
    log = db.with_suffix(".log").read_text()
    assert "Enabled extensions" in log and "Dumping Scrapy stats" in log
    assert "Enabled extensions" not in printed and "[scrapy" not in printed


@pytest.mark.slow
def test_progress_ends_with_the_counts_of_the_summary_and_the_stored_run(on_a_terminal):
    printed, db = on_a_terminal
    last = printed.split("\n")[0].split("\r")[-1]
    progress = re.search(r"(\d+) pages · (\d+) articles \((\d+) new or changed\) · \d+ cover "
                         r"a story · (\d+) errors", last).groups()
    summary = re.search(r"Crawl finished: (\d+) pages, (\d+) articles \((\d+) new or changed"
                        r".*\), (\d+) errors", printed).groups()
    stored = sqlite3.connect(db).execute("select pages, articles, new_articles + new_versions, "
                                         "errors from crawl_runs").fetchone()
    assert tuple(map(int, progress)) == tuple(map(int, summary)) == stored
    assert stored[0] > 20


@pytest.mark.slow
def test_verbose_shows_scrapy_lines_on_the_terminal(setup):
    db, outlets = setup
    printed = in_a_terminal("crawl", "-v", "--outlets", str(outlets), *FAST, db=db)
    assert "[scrapy.middleware] INFO: Enabled extensions" in printed


@pytest.mark.slow
def test_under_cron_a_log_line_naming_a_hostile_host_reaches_stderr_cleaned(hostile_host):
    db, outlets = hostile_host
    result = run_monitor("run", "--outlets", str(outlets), *FAST, db=db)
    assert "not on its domain" in result.stderr and "news.example" in result.stderr
    assert "\x9b" not in result.stderr and "\u202e" not in result.stderr


@pytest.mark.slow
def test_on_a_terminal_with_verbose_a_log_line_naming_a_hostile_host_is_cleaned(hostile_host):
    db, outlets = hostile_host
    printed = in_a_terminal("run", "-v", "--outlets", str(outlets), *FAST, db=db)
    assert "not on its domain" in printed and "news.example" in printed
    assert "\x9b" not in printed and "\x1b" not in printed and "\u202e" not in printed


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (a full disk)")
def test_a_log_file_on_a_full_disk_is_told_in_one_line_not_a_traceback_per_line(setup):
    db, outlets = setup
    result = run_monitor("run", "--outlets", str(outlets), *FAST, "--log-file", "/dev/full",
                         db=db)
    assert result.stderr == ("cannot write the log file /dev/full (OSError: [Errno 28] No "
                             "space left on device): log lines are lost\n")
    assert result.stdout.startswith("Crawl finished: ")
