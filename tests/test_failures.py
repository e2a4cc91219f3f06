"""Addresses that fail: each is one line in the log file and one error of the run, never a
traceback on a terminal or in cron's mail; the summary names the listings that failed, and a
run that could fetch nothing says so and fails."""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

import pytest

from tests.conftest import in_a_terminal, run_monitor, send_body

pytestmark = pytest.mark.slow  # crawls in subprocesses

FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")
# `.invalid` never resolves (RFC 2606): every address of this outlet fails at once, as they
# all do with no network.
UNREACHABLE = """[[outlet]]
name = "Nowhere News"
domain = "nowhere.invalid"
feeds = ["https://nowhere.invalid/feed.xml"]
sitemaps = ["https://nowhere.invalid/sitemap.xml"]
urls = ["https://nowhere.invalid/news/a.html"]
"""
UNREACHABLE_URLS = ("https://nowhere.invalid/feed.xml", "https://nowhere.invalid/sitemap.xml",
                    "https://nowhere.invalid/news/a.html")
ARTICLE = (b"<html><head><title>Port strike ends</title></head><body><article>"
           b"<h1>Port strike ends</h1><p>Dock workers at the port of Nereth voted on Monday to "
           b"end a strike that had held up forty ships for nine days.</p><p>The union said the "
           b"agreement raised wages by six percent over two years.</p></article></body></html>")


def runs(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("select status, exit_code, errors, reason from crawl_runs").fetchall()


@pytest.fixture(scope="module")
def unreachable(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unreachable")
    (folder / "outlets.toml").write_text(UNREACHABLE)
    return folder


@pytest.fixture(scope="module")
def on_a_terminal(unreachable):
    """`monitor run` on a terminal over an outlet that cannot be reached: what it printed."""
    started = time.monotonic()
    printed = in_a_terminal("run", "--outlets", str(unreachable / "outlets.toml"), *FAST,
                            db=unreachable / "tty.db", exit_code=1)
    assert time.monotonic() - started < 120  # the unresolvable host fails, never hangs
    return printed


@pytest.fixture(scope="module")
def under_cron(unreachable):
    """The same `monitor run` with its output piped, as cron runs it: the result and the db."""
    db = unreachable / "cron.db"
    return run_monitor("run", "--outlets", str(unreachable / "outlets.toml"), *FAST, db=db,
                       check=False), db


def test_on_a_terminal_failed_addresses_show_only_the_progress_line_and_the_summary(
        on_a_terminal):
    lines = [line.split("\r")[-1] for line in on_a_terminal.split("\n") if line.strip()]
    assert len(lines) == 3, on_a_terminal
    assert "pages/s" in lines[0] and "3 errors" in lines[0]
    assert lines[1].startswith("Crawl failed (nothing could be fetched")
    assert lines[2].startswith("2 sources failed: Nowhere News feed "
                               "https://nowhere.invalid/feed.xml (host not found)")


def test_on_a_terminal_the_summary_says_where_the_failures_are_told(on_a_terminal, unreachable):
    assert f"3 errors (addresses that failed: see {unreachable / 'tty.log'})" in on_a_terminal


def test_under_cron_a_failed_source_is_one_line_without_a_traceback(under_cron):
    result, _ = under_cron
    assert "Traceback" not in result.stderr + result.stdout
    *sources, page = UNREACHABLE_URLS
    for url in sources:
        told = [line for line in result.stderr.splitlines()
                if url in line and "could not" in line]
        assert len(told) == 1, result.stderr
    # Failed pages may be hundreds: counted in the summary, told in the log file alone.
    assert page not in result.stderr
    assert "robotstxt] ERROR" not in result.stderr and "Gave up retrying" not in result.stderr


def test_a_failed_download_is_one_line_in_the_log_file_naming_the_address_and_why(under_cron):
    _, db = under_cron
    log = db.with_suffix(".log").read_text()
    assert "Traceback" not in log
    for url in UNREACHABLE_URLS:
        [line] = [line for line in log.splitlines() if url in line and "could not" in line]
        assert "DNS lookup failed" in line
    assert re.search(r"no robots.txt for https://nowhere.invalid \(.*DNS lookup failed", log)


def test_a_run_that_could_fetch_nothing_exits_1_recorded_failed_saying_why(under_cron):
    result, db = under_cron
    assert result.returncode == 1, result.stdout + result.stderr
    [(status, exit_code, errors, reason)] = runs(db)
    assert (status, exit_code, errors) == ("failed", 1, 3)
    assert reason.startswith("nothing could be fetched")
    assert result.stdout.startswith(f"Crawl failed ({reason}): ")


@pytest.fixture(scope="module")
def failing_listings(route_server, tmp_path_factory):
    """A run over an outlet whose feed moved (it answers a web page), whose sitemap is gone
    (404) and whose robots.txt times out; its other feed lists a good page and a missing one,
    a third lists nothing today, a fourth is cut short after its first item, and a fifth has a
    tag left open in its title but ends whole. Returns the run's result and database."""
    base = route_server.base
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Nereth</title>'
            f'<item><link>{base}/news/port-strike-ends</link></item>'
            f'<item><link>{base}/news/missing</link></item></channel></rss>').encode()
    route_server.routes.update({
        "/robots.txt": lambda h: time.sleep(3),  # longer than DOWNLOAD_TIMEOUT
        "/feed.xml": send_body(feed, "application/rss+xml"),
        "/quiet-feed.xml": send_body(b'<?xml version="1.0"?><rss version="2.0"><channel>'
                                     b'<title>Nereth late edition</title></channel></rss>',
                                     "application/rss+xml"),
        "/cut-feed.xml": send_body(feed[:feed.index(b"<item>", 100) + 12], "application/rss+xml"),
        "/broken-feed.xml": send_body(feed.replace(b"<title>", b"<title><b>"),
                                      "application/rss+xml"),
        "/moved-feed.xml": send_body(b"<html><body><h1>We have moved</h1></body></html>",
                                     "text/html; charset=utf-8"),
        "/news/port-strike-ends": send_body(ARTICLE, "text/html; charset=utf-8"),
    })
    folder = tmp_path_factory.mktemp("listings")
    outlets = folder / "outlets.toml"
    outlets.write_text(f'[[outlet]]\nname = "Nereth Daily"\ndomain = "127.0.0.1"\n'
                       f'feeds = ["{base}/feed.xml", "{base}/moved-feed.xml", '
                       f'"{base}/quiet-feed.xml", "{base}/cut-feed.xml", '
                       f'"{base}/broken-feed.xml"]\n'
                       f'sitemaps = ["{base}/gone-sitemap.xml"]\n')
    db = folder / "m.db"
    result = run_monitor("run", "--outlets", str(outlets), *FAST, "-s", "DOWNLOAD_TIMEOUT=1",
                         db=db, check=False)
    return result, db, base


def test_a_run_with_failed_addresses_that_read_others_finishes(failing_listings):
    result, db, _ = failing_listings
    assert result.returncode == 0, result.stdout + result.stderr
    assert [run[:2] for run in runs(db)] == [("finished", 0)]


def test_errors_count_each_failed_address_once(failing_listings):
    # The moved feed, the gone sitemap and the missing page; robots.txt timing out is none.
    result, db, _ = failing_listings
    [(_, _, errors, _)] = runs(db)
    assert errors == 3
    assert re.search(r"Crawl finished: .*, 3 errors \(addresses that failed: see ",
                     result.stdout), result.stdout


def test_a_feed_that_answers_a_web_page_is_a_failed_source(failing_listings):
    result, _, base = failing_listings
    assert (f"Nereth Daily feed {base}/moved-feed.xml (not a feed (text/html; charset=utf-8))"
            in result.stdout)


def test_a_feed_listing_nothing_today_is_no_failed_source(failing_listings):
    result, _, base = failing_listings
    assert "quiet-feed.xml" not in result.stdout


def test_a_feed_cut_short_is_read_up_to_the_cut_and_said_so(failing_listings):
    result, _, base = failing_listings
    assert (f"feed {base}/cut-feed.xml stops in the middle (cut short?): read the 1 entries "
            "before the cut") in result.stdout + result.stderr, result.stderr


def test_a_feed_malformed_but_whole_is_said_so_and_not_taken_for_cut_short(failing_listings):
    result, _, base = failing_listings
    assert (f"Nereth Daily feed {base}/broken-feed.xml is malformed XML (a broken tag?) "
            "but ends whole: read the 2 entries the parser could") in result.stderr
    assert "broken-feed.xml stops in the middle" not in result.stdout + result.stderr


def test_feeds_cut_short_or_malformed_are_named_after_the_run_and_shown_in_status(
        failing_listings):
    # Read all the same, so no errors; but a user who reads only cron's summary or
    # `monitor status` must learn of them.
    result, db, base = failing_listings
    assert result.stdout.splitlines()[2] == (
        f"2 listings cut short or malformed (read all the same): Nereth Daily feed "
        f"{base}/broken-feed.xml (malformed XML), Nereth Daily feed {base}/cut-feed.xml "
        f"(cut short)")
    last = run_monitor("status", db=db).stdout.splitlines()[2]
    assert last.endswith("3 errors, 2 listings cut short or malformed"), last


def test_a_sitemap_that_answers_404_is_a_failed_source(failing_listings):
    result, _, base = failing_listings
    assert f"Nereth Daily sitemap {base}/gone-sitemap.xml (404)" in result.stdout


def test_the_failed_sources_are_one_line_after_the_summary(failing_listings):
    result, _, _ = failing_listings
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Crawl finished:")
    assert lines[1].startswith("2 sources failed: Nereth Daily ")


def test_a_robots_txt_that_timed_out_is_one_line_and_no_error(failing_listings):
    result, db, base = failing_listings
    log = db.with_suffix(".log").read_text()
    assert "Traceback" not in log + result.stderr
    told = [line for line in log.splitlines() if "robots.txt" in line]
    assert len(told) == 1 and f"no robots.txt for {base}" in told[0], told


def test_a_crawl_that_fetched_nothing_does_not_claim_to_have_matched(unreachable):
    result = run_monitor("crawl", "--outlets", str(unreachable / "outlets.toml"), *FAST,
                         db=unreachable / "crawl.db", check=False)
    assert result.returncode == 1 and result.stdout.startswith("Crawl failed")
    assert "Matched" not in result.stdout


@pytest.fixture(scope="module")
def large_pages(route_server, tmp_path_factory) -> tuple[Path, Path]:
    """An outlet whose feed lists three articles: a fine one, a large one (2.5 MB of script,
    as a page carrying its app's state is) and one of more tags than anyone's article."""
    folder = tmp_path_factory.mktemp("large")
    script = "<script>var state = '" + "x" * 2_500_000 + "';</script>"
    pages = {"/fine.html": ARTICLE,
             "/large.html": ARTICLE.replace(b"</body>", script.encode() + b"</body>"),
             "/tags.html": ARTICLE.replace(b"</article>", b"<i>x</i>" * 61_000 + b"</article>")}
    items = "".join(f"<item><link>{route_server.base}{path}</link></item>" for path in pages)
    route_server.routes["/large-feed.xml"] = send_body(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}'
        "</channel></rss>".encode(), "application/rss+xml")
    for path, body in pages.items():
        route_server.routes[path] = send_body(body, "text/html; charset=utf-8")
    outlets = folder / "outlets.toml"
    outlets.write_text(f'[[outlet]]\nname = "Large Pages"\ndomain = "127.0.0.1"\n'
                       f'feeds = ["{route_server.base}/large-feed.xml"]\n')
    return folder / "large.db", outlets


def test_under_cron_pages_too_large_or_too_complex_are_told_in_the_log_file_alone(large_pages):
    # Cron mails whatever a run prints: a page over the warning size, or refused for its tags,
    # is a page like any other failed one, counted in the summary and told in the log file.
    db, outlets = large_pages
    result = run_monitor("run", "--outlets", str(outlets), *FAST, db=db)
    assert result.stderr == ""
    assert "1 error" in result.stdout
    log = db.with_suffix(".log").read_text()
    assert "larger than download warn size" in log and "too many elements" in log
