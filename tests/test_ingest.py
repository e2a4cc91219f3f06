"""Past one machine: crawlers send their results through a Redis stream, `monitor ingest` is the
one writer of the database; an entry delivered twice is stored once, and a crawler, ingest or
Redis killed mid-run loses nothing."""

from __future__ import annotations

import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

import pytest

from monitor.crawler import frontier, shared
from monitor.jobs import ingest as ingest_job
from monitor.jobs.demo import PUBLISHED, SEED
from monitor.jobs.seed import add_seed
from monitor.jobs.stories import load_stories, published_stories, stories_from_published
from monitor.steps.extract import Article, pack_page
from monitor.store import results, rows, schema
from tests.conftest import (
    ROOT,
    RedisServer,
    assert_one_line,
    free_port,
    harbour_site,
    refused,
    run_monitor,
    start_monitor,
    write_outlets,
)

RUN = {"host": "crawler-1", "pid": 4242, "started_at": "2026-01-02T03:04:05+00:00",
       "log_file": None, "stories": {}}
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]


def _result(i: int, text: str = "first text") -> dict:
    url = f"http://127.0.0.1/news/{i}.html"
    article = Article(url, url, f"Report {i}", None, None, "en", f"{text} of report {i}",
                      f"hash-{text}-{i}", False)
    return results.page_result(url, 200, packed=pack_page(f"<p>{i}</p>".encode()),
                               html_hash=f"html-{text}-{i}",
                               outlet={"name": "Nereth Harbour News", "domain": "127.0.0.1",
                                       "listed": True},
                               article=asdict(article))


def _query(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_a_stream_entry_is_json_with_the_page_bytes_kept_as_they_are():
    result = {**_result(1), "sketch": b"\x00\xff sketch"}
    fields = shared.entry("page", result)
    assert set(fields) == {"kind", "data", "packed", "sketch"}
    kind, data = shared.read_entry({k.encode(): v if isinstance(v, bytes) else v.encode()
                                    for k, v in fields.items()})
    assert (kind, data) == ("page", result)


def test_a_result_written_twice_is_one_page_one_article_one_version(tmp_path):
    db = schema.open_db(tmp_path / "m.db")
    for _ in range(2):
        with db.atomic():
            results.save_page_result(db, _result(1), {})
    assert [db[t].count for t in ("pages", "articles", "versions", "outlets")] == [1, 1, 1, 1]


def test_a_crawler_matches_against_the_stories_as_the_database_has_them(tmp_path):
    db = schema.open_db(tmp_path / "m.db")
    add_seed(db, str(SEED), "trump-cartels", published=PUBLISHED["trump-cartels"])
    assert stories_from_published(published_stories(db)) == load_stories(db)


def test_a_story_added_gives_the_stories_a_new_version_and_keeps_the_others(tmp_path):
    db = schema.open_db(tmp_path / "m.db")
    add_seed(db, str(SEED), "trump-cartels")
    before = published_stories(db)
    add_seed(db, str(ROOT / "data/seeds/port-strike.txt"), "port-strike")
    after = published_stories(db)
    assert before["version"] != after["version"]
    assert after["stories"][0]["version"] == before["stories"][0]["version"]
    assert [w["slug"] for w in after["windows"]] == ["trump-cartels", "port-strike"]


def test_a_run_with_redis_refuses_notify_which_needs_the_database(tmp_path):
    from click.testing import CliRunner

    from monitor.faces.cli import cli

    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "m.db"), "run", "--redis",
                                      "redis://:pw@127.0.0.1:1/0", "--notify", "cat"])
    assert result.exit_code == 1
    assert "--notify reads the run's changes from the database" in result.output
    assert not (tmp_path / "m.db").exists()


def test_ingest_without_a_redis_says_which_variable_to_set(tmp_path):
    from click.testing import CliRunner

    from monitor.faces.cli import cli

    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "m.db"), "ingest"],
                                env={"MONITOR_REDIS_URL": None})
    assert result.exit_code == 1
    assert result.output == ("Error: ingest needs the Redis the crawlers send to: set "
                             "MONITOR_REDIS_URL=redis://:PASSWORD@HOST:PORT/DB in its "
                             "environment, or give --redis URL\n")


def _send(url: str, entries: list[tuple[str, dict]]) -> list[bytes]:
    with shared.client(url) as client:
        return [client.xadd(frontier.RESULTS, shared.entry(kind, data))
                for kind, data in entries]


def _a_run(pages: int) -> list[tuple[str, dict]]:
    return [("run-start", RUN), *[("page", {**_result(i), "run": RUN}) for i in range(pages)],
            ("run-finish", {**RUN, "pages": pages, "errors": 0, "status": "finished"})]


@pytest.mark.slow
def test_ingest_stores_a_run_sent_through_the_stream(redis_url, tmp_path):
    db = tmp_path / "m.db"
    _send(redis_url, _a_run(30))
    figures = ingest_job.ingest(str(db), redis_url, until_idle=True)
    assert (figures["pages"], figures["articles"], figures["runs"]) == (30, 30, 1)
    assert _query(db, "select host, pid, status, pages, articles, new_articles, new_versions "
                      "from crawl_runs") == [("crawler-1", 4242, "finished", 30, 30, 30, 0)]
    assert _query(db, "select count(*), count(html_zst) from pages") == [(30, 30)]


@pytest.mark.slow
def test_ingest_until_idle_stores_what_arrives_while_a_long_batch_is_written(
        redis_url, tmp_path, monkeypatch):
    import threading

    db = tmp_path / "m.db"
    run = _a_run(3)
    _send(redis_url, run[:2])
    write = ingest_job.Ingest._write

    def slow_write(self, entries):  # a batch longer than a read's wait: a slow disk, say
        if not getattr(self, "sent_late", False):
            self.sent_late = True
            threading.Timer(1.5, _send, [redis_url, run[2:]]).start()
            time.sleep(2.5)
        write(self, entries)

    monkeypatch.setattr(ingest_job.Ingest, "_write", slow_write)
    figures = ingest_job.ingest(str(db), redis_url, until_idle=True)
    assert (figures["pages"], figures["runs"]) == (3, 1)
    assert _query(db, "select status, pages from crawl_runs") == [("finished", 3)]


@pytest.mark.slow
def test_an_entry_delivered_again_after_its_commit_is_not_stored_twice(
        redis_url, tmp_path, monkeypatch):
    db = tmp_path / "m.db"
    sent = _send(redis_url, _a_run(30))
    with monkeypatch.context() as killed:  # as if ingest died before acknowledging them
        killed.setattr(ingest_job.Ingest, "_acknowledge", lambda self, ids: None)
        ingest_job.ingest(str(db), redis_url, until_idle=True)
    figures = ingest_job.ingest(str(db), redis_url, until_idle=True)
    assert figures.get("entries", 0) == 0 and figures["skipped"] == len(sent)
    assert _query(db, "select count(*), sum(articles), sum(new_articles) from crawl_runs") == [
        (1, 30, 30)]
    assert _query(db, "select count(*) from versions") == [(30,)]


@pytest.mark.slow
def test_ingest_acknowledges_what_it_committed_and_records_the_last_entry(redis_url, tmp_path):
    db = tmp_path / "m.db"
    sent = _send(redis_url, _a_run(5))
    ingest_job.ingest(str(db), redis_url, until_idle=True)
    with shared.client(redis_url) as client:
        pending = client.xpending(frontier.RESULTS, frontier.INGEST_GROUP)["pending"]
    assert pending == 0
    assert _query(db, "select stream, last_id from _ingested") == [
        (frontier.RESULTS, sent[-1].decode())]


@pytest.mark.slow
def test_ingest_deletes_what_it_stored_so_redis_does_not_fill_up(redis_url, tmp_path):
    # Each entry holds a raw page: kept after it is stored, they would fill Redis' memory.
    db = tmp_path / "m.db"
    _send(redis_url, _a_run(30))
    ingest_job.ingest(str(db), redis_url, until_idle=True)
    with shared.client(redis_url) as client:
        assert client.xlen(frontier.RESULTS) == 0
    assert _query(db, "select count(*) from pages") == [(30,)]


@pytest.mark.slow
def test_an_unreadable_entry_is_passed_over_and_the_others_stored(redis_url, tmp_path):
    db = tmp_path / "m.db"
    with shared.client(redis_url) as client:
        client.xadd(frontier.RESULTS, {"kind": "page", "data": "{not json"})
    _send(redis_url, _a_run(3))
    figures = ingest_job.ingest(str(db), redis_url, until_idle=True)
    assert (figures["skipped"], figures["pages"]) == (1, 3)


@pytest.mark.slow
def test_an_entry_failing_half_written_leaves_no_row_and_the_others_are_counted_once(
        redis_url, tmp_path):
    db = tmp_path / "m.db"
    broken = {**_result(9), "run": RUN, "outlet": {"name": "Half Written News",
                                                   "domain": "half.example", "listed": True}}
    del broken["article"]["text"]  # its outlet is written before the article fails
    run = _a_run(3)
    _send(redis_url, [*run[:2], ("page", broken), *run[2:]])
    figures = ingest_job.ingest(str(db), redis_url, until_idle=True)
    assert (figures["skipped"], figures["pages"], figures["articles"]) == (1, 3, 3)
    assert _query(db, "select name from outlets") == [("Nereth Harbour News",)]
    assert _query(db, "select pages, articles, new_articles from crawl_runs") == [(3, 3, 3)]
    assert _query(db, "select count(*) from pages") == [(3,)]


@pytest.mark.slow
def test_ingest_deletes_at_start_what_was_acknowledged_before_and_keeps_the_rest(
        redis_url, tmp_path):
    # What an ingest that kept stored entries (before it deleted them) left behind.
    db = tmp_path / "m.db"
    _send(redis_url, _a_run(4)[:3])
    with shared.client(redis_url) as client:
        client.xgroup_create(frontier.RESULTS, frontier.INGEST_GROUP, id="0")
        read = client.xreadgroup(frontier.INGEST_GROUP, ingest_job.CONSUMER,
                                 {frontier.RESULTS: ">"}, count=3)
        client.xack(frontier.RESULTS, frontier.INGEST_GROUP, *[i for i, _ in read[0][1][:2]])
    _send(redis_url, _a_run(4)[3:])
    figures = ingest_job.ingest(str(db), redis_url, until_idle=True)
    # The one delivered but not acknowledged, and those sent since, are stored.
    assert (figures["pages"], figures["runs"]) == (3, 1)
    with shared.client(redis_url) as client:
        assert client.xlen(frontier.RESULTS) == 0


@pytest.mark.slow
def test_a_second_ingest_on_another_database_is_refused_with_one_line(
        redis_server, redis_url, tmp_path):
    # Else both take a share of the results, each database missing the other's.
    first = start_monitor("ingest", "--redis", redis_url, db=tmp_path / "a.db")
    try:
        _wait_for(lambda: (tmp_path / "a.db").exists(), seconds=60)
        took, result = refused("ingest", "--redis", redis_url, db=tmp_path / "b.db")
    finally:
        out, _ = _stop(first)
    # The one at work says where it writes from and to (for its service's log).
    assert f"Writing what crawlers send to {frontier.shown(redis_url)} into {tmp_path}" in out
    assert redis_server.password not in out
    assert took < 20 and result.returncode == 75
    assert_one_line(result, f"process {first.pid}, database {tmp_path / 'a.db'}",
                    hidden=redis_server.password)
    assert not (tmp_path / "b.db").exists()


@pytest.mark.slow
def test_a_batch_that_outlasted_its_lease_taken_by_another_ingest_is_not_committed(
        redis_url, tmp_path, monkeypatch):
    from monitor.jobs.schedule import AlreadyRunning

    db = tmp_path / "m.db"
    _send(redis_url, _a_run(3))
    write = ingest_job.Ingest._write_entries

    def outlasting_the_lease(self, *args):
        write(self, *args)
        with shared.client(redis_url) as client:  # meanwhile another ingest took the lease
            client.set(frontier.INGEST_LEASE, "other-host:1:/elsewhere.db")
        self.lease.renewed -= ingest_job.LEASE_FOR

    monkeypatch.setattr(ingest_job.Ingest, "_write_entries", outlasting_the_lease)
    with pytest.raises(AlreadyRunning):
        ingest_job.ingest(str(db), redis_url, until_idle=True)
    assert _query(db, "select count(*) from pages") == [(0,)]
    with shared.client(redis_url) as client:
        assert client.xlen(frontier.RESULTS) == 5  # all left for the other ingest


@pytest.mark.slow
def test_ingest_restarted_after_a_kill_takes_over_the_lease_it_left_and_lets_go(
        redis_url, tmp_path):
    db = tmp_path / "m.db"
    with shared.client(redis_url) as client:  # what an ingest killed on this host leaves
        client.set(frontier.INGEST_LEASE, f"{socket.gethostname()}:{_a_dead_pid()}:"
                   f"{db.resolve()}", px=600_000)
    _send(redis_url, _a_run(3))
    figures = ingest_job.ingest(str(db), redis_url, until_idle=True)
    assert figures["pages"] == 3
    with shared.client(redis_url) as client:
        assert not client.exists(frontier.INGEST_LEASE)


@pytest.mark.slow
def test_a_second_ingest_on_the_same_database_is_refused_at_once_while_the_first_runs(
        redis_server, redis_url, tmp_path):
    db = tmp_path / "m.db"
    first = start_monitor("ingest", "--redis", redis_url, db=db)
    try:
        _wait_for(lambda: db.exists(), seconds=60)
        took, result = refused("ingest", "--redis", redis_url, db=db)
    finally:
        _stop(first)
    # Not after waiting a minute for the first one's lease to run out.
    assert took < 20 and result.returncode == 75
    assert_one_line(result, f"process {first.pid}, database {db}", hidden=redis_server.password)


def _a_dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.mark.slow
def test_ingest_keeps_what_was_fetched_of_each_page_in_redis(redis_url, tmp_path):
    db = tmp_path / "m.db"
    _send(redis_url, _a_run(3))
    ingest_job.ingest(str(db), redis_url, until_idle=True)
    urls = [_result(i)["url"] for i in range(3)]
    stored = rows.pages_validators(schema.open_db(db), urls)
    assert shared.SharedValidators(redis_url)(urls) == stored
    assert stored[urls[0]]["html_hash"] == "html-first text-0"


@pytest.mark.slow
def test_ingest_fills_redis_with_what_the_database_fetched_before(redis_url, tmp_path):
    db = tmp_path / "m.db"
    _send(redis_url, _a_run(3))
    ingest_job.ingest(str(db), redis_url, until_idle=True)
    with shared.client(redis_url) as client:
        client.flushall()  # a new Redis: nothing but the database knows the pages
    ingest_job.ingest(str(db), redis_url, until_idle=True)
    assert len(shared.SharedValidators(redis_url)([_result(i)["url"] for i in range(3)])) == 3


@pytest.mark.slow
def test_verdicts_on_a_story_changed_since_the_crawl_began_are_left_for_match(
        redis_url, tmp_path):
    db = tmp_path / "m.db"
    story_id, _ = add_seed(schema.open_db(db), str(SEED), "trump-cartels")
    decision = [story_id, {"relevance": 0.1, "is_coverage": False, "kind": "unrelated",
                           "evidence": {}, "scored": True, "matches": [], "additions": []}]
    old = {**RUN, "stories": {str(story_id): "an older version"}}
    _send(redis_url, [("page", {**_result(1), "decisions": [decision], "run": old})])
    ingest_job.ingest(str(db), redis_url, until_idle=True)
    assert _query(db, "select count(*) from coverage") == [(0,)]
    assert _query(db, "select count(*) from articles") == [(1,)]


@pytest.mark.slow
def test_ingest_goes_on_when_redis_comes_back_without_its_data(redis_url, tmp_path):
    db = tmp_path / "m.db"
    run_monitor("ingest", "--redis", redis_url, "--until-idle", db=db)  # the database
    ingest = start_monitor("ingest", "--redis", redis_url, db=db)
    _send(redis_url, [("page", {**_result(1), "run": RUN})])
    _wait_for(lambda: _query(db, "select count(*) from pages") == [(1,)])
    with shared.client(redis_url) as client:
        client.flushall()  # the stream and its group are gone
    _send(redis_url, [("page", {**_result(2), "run": RUN})])
    _wait_for(lambda: _query(db, "select count(*) from pages") == [(2,)])
    _stop(ingest)


@pytest.mark.slow
def test_a_run_whose_crawler_died_without_a_word_is_recorded_interrupted(redis_url, tmp_path):
    db = tmp_path / "m.db"
    lost = {**RUN, "started_at": "2026-01-01T00:00:00+00:00"}
    alive = {**lost, "pid": 4343}
    with shared.client(redis_url) as client:  # as its crawler's frontier heartbeat says
        client.set(f"monitor:coverage:alive:{alive['host']}:{alive['pid']}", 1)
    _send(redis_url, [("run-start", lost), ("run-start", alive)])
    ingest_job.ingest(str(db), redis_url, until_idle=True)
    assert _query(db, "select pid, status from crawl_runs order by pid") == [
        (4242, "interrupted"), (4343, "running")]


@pytest.mark.slow
def test_a_lost_run_is_told_on_stderr_with_its_crawlers_name_cleaned(redis_url, tmp_path):
    # `monitor ingest` sets up no log handler: Python's last resort writes its warnings.
    lost = {**RUN, "host": "crawler\x1b]0;owned\x07\u202e-1",
            "started_at": "2026-01-01T00:00:00+00:00"}
    _send(redis_url, [("run-start", lost)])
    result = run_monitor("ingest", "--redis", redis_url, "--until-idle", db=tmp_path / "m.db")
    assert "of crawler-1 (pid 4242) is lost" in result.stderr
    assert not any(c in result.stderr for c in "\x1b\x07\u202e")


def test_pages_are_asked_for_whole_when_redis_does_not_answer():
    lookup = shared.SharedValidators(f"redis://:secret@127.0.0.1:{free_port()}/0")
    assert lookup(["http://127.0.0.1/news/1.html"]) == {}


def _ingest_fails(url: str, tmp_path: Path) -> tuple[float, object]:
    return refused("ingest", "--redis", url, "--until-idle", db=tmp_path / "m.db")


@pytest.mark.slow
def test_ingest_with_a_wrong_redis_password_ends_with_one_line(redis_server, tmp_path):
    wrong = redis_server.url.replace(redis_server.password, "not-the-password")
    took, result = _ingest_fails(wrong, tmp_path)
    assert took < 20
    assert_one_line(result, "refused the password", hidden="not-the-password")


@pytest.mark.slow
def test_ingest_with_an_unreachable_redis_ends_with_one_line(tmp_path):
    took, result = _ingest_fails(f"redis://:secret@127.0.0.1:{free_port()}/0", tmp_path)
    assert took < 20
    assert_one_line(result, "cannot reach Redis at redis://127.0.0.1:", hidden="secret")


@pytest.mark.slow
def test_a_crawler_without_stories_published_ends_with_one_line(redis_url, tmp_path):
    outlets = tmp_path / "outlets.toml"
    outlets.write_text('[[outlet]]\nname = "A"\ndomain = "127.0.0.1"\n'
                       'urls = ["http://127.0.0.1:9/a"]\n')
    result = run_monitor("crawl", "--outlets", str(outlets), "--redis", redis_url,
                         db=tmp_path / "none.db", check=False, timeout=60)
    assert_one_line(result, "no stories in Redis")


@pytest.mark.slow
def test_a_crawler_without_stories_says_to_start_ingest_without_the_url_on_its_command_line(
        redis_url):
    with pytest.raises(shared.RedisUnavailable) as raised:
        shared.read_stories(redis_url)
    assert "start `monitor ingest` (with $MONITOR_REDIS_URL)" in str(raised.value)
    assert "--redis URL" not in str(raised.value)


def _coverage(db: Path) -> list[tuple]:
    return sorted(_query(db, "select stories.slug, articles.url, coverage.kind, "
                             "round(coverage.relevance, 6), (select group_concat(verdict) from "
                             "(select verdict from matches where matches.article_id = "
                             "articles.id order by claim_id)) from coverage "
                             "join stories on stories.id = story_id "
                             "join articles on articles.id = article_id"))


@pytest.mark.slow
def test_a_crawler_with_no_database_stores_through_ingest_what_a_local_run_stores(
        crawled_story, outlet_server, redis_url, tmp_path):
    db = tmp_path / "ingest" / "monitor.db"
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", "--published",
                PUBLISHED["trump-cartels"], db=db)
    run_monitor("ingest", "--redis", redis_url, "--until-idle", db=db)  # publishes the story
    crawler_db = tmp_path / "crawler" / "monitor.db"
    run_monitor("crawl", "--outlets", str(write_outlets(tmp_path, outlet_server)), "--redis",
                redis_url, *FAST, db=crawler_db)
    assert not crawler_db.exists()
    run_monitor("ingest", "--redis", redis_url, "--until-idle", db=db)
    run_monitor("match", db=db)
    found = _coverage(db)
    assert "coverage" in {kind for _, _, kind, _, _ in found}
    assert found == _coverage(crawled_story)
    assert _query(db, "select status, host is not null, pid is not null from crawl_runs") == [
        ("finished", 1, 1)]


@pytest.mark.slow
def test_a_page_still_taken_down_is_no_error_of_a_crawl_through_redis(
        route_server, redis_url, tmp_path):
    from tests.test_alerts import taken_down_feed
    from tests.test_hostile import answer, page

    outlets, _ = taken_down_feed(route_server, tmp_path, page("Dockers strike"))
    db = tmp_path / "ingest" / "monitor.db"

    def run() -> str:
        crawled = run_monitor("run", "--outlets", str(outlets), "--redis", redis_url, *FAST,
                              db=tmp_path / "crawler" / "monitor.db").stdout
        run_monitor("ingest", "--redis", redis_url, "--until-idle", db=db)
        return crawled

    run_monitor("ingest", "--redis", redis_url, "--until-idle", db=db)  # publishes the stories
    assert "0 errors" in run()
    route_server.routes["/news/dockers"] = answer(410, b"gone")
    assert "1 error" in run()  # live, then gone: told as an error of that run
    assert "0 errors, 1 still taken down" in run()
    assert _query(db, "select errors from crawl_runs order by id") == [(0,), (1,), (0,)]
    route_server.routes["/news/dockers"] = answer(200, page("Dockers strike deepens"))
    back = run()
    assert "1 article sent" in back and "0 errors" in back and "taken down" not in back, back
    assert _query(db, "select status, gone_since from pages") == [(200, None)]
    assert _query(db, "select title from articles") == [("Dockers strike deepens",)]


@pytest.mark.slow
def test_a_feed_malformed_through_redis_is_in_the_run_ingest_records(
        route_server, redis_url, tmp_path):
    from tests.test_alerts import taken_down_feed
    from tests.test_hostile import page

    outlets, _ = taken_down_feed(route_server, tmp_path, page("Dockers strike"), "<b>Q and A")
    db = tmp_path / "ingest" / "monitor.db"
    run_monitor("ingest", "--redis", redis_url, "--until-idle", db=db)  # publishes the stories
    crawled = run_monitor("run", "--outlets", str(outlets), "--redis", redis_url, *FAST,
                          db=tmp_path / "crawler" / "monitor.db").stdout
    run_monitor("ingest", "--redis", redis_url, "--until-idle", db=db)
    assert "1 listing cut short or malformed (read all the same): T feed " in crawled
    assert _query(db, "select errors, warnings from crawl_runs") == [(0, 1)]
    assert "0 errors, 1 listing cut short or malformed" in run_monitor("status", db=db).stdout


# Faults with real processes: two crawlers and one ingest over an outlet of PAGES pages.
PAGES = 1000
STEADY = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
          "-s", "MONITOR_REDIS_ALIVE=3"]


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    """One loopback outlet of PAGES articles for the fault tests; yields its outlet file."""
    server, outlets = harbour_site(tmp_path_factory.mktemp("big_site"), PAGES)
    yield outlets
    server.close()


def _wait_for(condition, seconds: float = 120, poll: float = 0.1) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(poll)


def _results_sent(url: str) -> int:
    """How many results crawlers sent (ingest deletes those it stored)."""
    with shared.client(url) as client:
        if not client.exists(frontier.RESULTS):
            return 0
        return client.xinfo_stream(frontier.RESULTS)["entries-added"]


def _stored_once(db: Path) -> None:
    assert _query(db, "select count(*), count(distinct url) from pages") == [(PAGES, PAGES)]
    assert _query(db, "select count(*) from articles") == [(PAGES,)]
    assert _query(db, "select count(*) from versions") == [(PAGES,)]
    assert _query(db, "pragma integrity_check") == [("ok",)]


def _crawl(outlets: Path, url: str, tmp_path: Path, *extra: str):
    return start_monitor("crawl", "--outlets", str(outlets), "--redis", url, *STEADY, *extra,
                         db=tmp_path / "crawler" / "none.db")


def _stop(process) -> tuple[str, str]:
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out, err


@pytest.mark.slow
def test_a_crawler_killed_mid_run_then_the_next_run_store_every_page_once(
        big_site, redis_url, tmp_path):
    db = tmp_path / "monitor.db"
    run_monitor("ingest", "--redis", redis_url, "--until-idle", db=db)
    ingest = start_monitor("ingest", "--redis", redis_url, db=db)
    killed, survivor = _crawl(big_site, redis_url, tmp_path), _crawl(big_site, redis_url,
                                                                     tmp_path)
    _wait_for(lambda: _results_sent(redis_url) > 100)
    assert killed.poll() is None, "the crawl ended before it could be killed"
    killed.kill()
    killed.communicate()
    out, err = survivor.communicate(timeout=600)
    assert survivor.returncode == 0, err
    nxt = _crawl(big_site, redis_url, tmp_path)
    out, err = nxt.communicate(timeout=600)
    assert nxt.returncode == 0, err
    _wait_for(lambda: _query(db, "select count(*) from crawl_runs where status = 'finished'")
              == [(2,)])
    _stop(ingest)
    _stored_once(db)
    # Every new article was counted once, in one of the three runs.
    assert _query(db, "select count(*), sum(new_articles) from crawl_runs") == [(3, PAGES)]


@pytest.mark.slow
def test_ingest_killed_mid_drain_then_restarted_loses_nothing_and_stores_nothing_twice(
        big_site, redis_url, tmp_path):
    db = tmp_path / "monitor.db"
    run_monitor("ingest", "--redis", redis_url, "--until-idle", db=db)
    crawler = _crawl(big_site, redis_url, tmp_path)
    crawler.communicate(timeout=600)
    assert crawler.returncode == 0
    ingest = start_monitor("ingest", "--redis", redis_url, "--batch", "50", db=db)
    _wait_for(lambda: _query(db, "select count(*) from pages")[0][0] > 0, poll=0.01)
    ingest.send_signal(signal.SIGSTOP)  # where it is, perhaps inside a transaction
    ingest.kill()
    ingest.communicate()
    stored = _query(db, "select count(*) from pages")[0][0]
    assert 0 < stored < PAGES, "ingest was not killed mid-drain"
    run_monitor("ingest", "--redis", redis_url, "--until-idle", db=db)
    _stored_once(db)
    assert _query(db, "select status, pages, articles, new_articles from crawl_runs") == [
        ("finished", PAGES, PAGES, PAGES)]


@pytest.fixture()
def persistent_redis(tmp_path):
    """A redis-server of its own, with the append-only file on, for a test that restarts it."""
    import shutil

    executable = shutil.which("redis-server")
    if executable is None:
        pytest.skip("redis-server is not installed (CI installs Debian's redis-server package)")
    server = RedisServer(executable, tmp_path, persist=True)
    server.start()
    yield server
    server.stop()


def _ingest_and_a_crawler_under_way(site: Path, url: str, db: Path, tmp_path: Path):
    """Ingest and one crawler started, once the crawler has sent a hundred results."""
    run_monitor("ingest", "--redis", url, "--until-idle", db=db)
    ingest = start_monitor("ingest", "--redis", url, db=db)
    crawler = _crawl(site, url, tmp_path)
    _wait_for(lambda: _results_sent(url) > 100)
    return ingest, crawler


@pytest.mark.slow
def test_redis_restarted_mid_run_then_the_next_run_complete_the_crawl(
        big_site, persistent_redis, tmp_path):
    url, db = persistent_redis.url, tmp_path / "monitor.db"
    ingest, crawler = _ingest_and_a_crawler_under_way(big_site, url, db, tmp_path)
    persistent_redis.stop()
    persistent_redis.start()
    out, err = crawler.communicate(timeout=600)
    # It resumes, or it stops with one line and is recorded failed: never stuck.
    assert crawler.returncode in (0, 1), err
    nxt = _crawl(big_site, url, tmp_path)
    out, err = nxt.communicate(timeout=600)
    assert nxt.returncode == 0, err
    _wait_for(lambda: _query(db, f"select count(*) from crawl_runs where status = 'finished' "
                                 f"and pid = {nxt.pid}") == [(1,)])
    _, err = _stop(ingest)
    if "Redis is gone" in err:  # told it was gone, told it is back
        assert "Redis is back after" in err, err
    _stored_once(db)


@pytest.mark.slow
def test_redis_gone_for_good_mid_run_stops_the_crawler_and_then_ingest_each_saying_why(
        big_site, persistent_redis, tmp_path):
    url, db = persistent_redis.url, tmp_path / "monitor.db"
    ingest, crawler = _ingest_and_a_crawler_under_way(big_site, url, db, tmp_path)
    persistent_redis.stop()
    out, err = crawler.communicate(timeout=60)  # it stops; it does not wait for Redis
    assert crawler.returncode == 1
    assert "Crawl failed (Redis error: " in out
    assert "Results sent to `monitor ingest`" not in out
    assert "Traceback" not in err, err
    out, err = ingest.communicate(timeout=300)
    assert ingest.returncode == 1
    told = err.strip().splitlines()
    assert len(told) == 2 and "Redis is gone (" in told[0], err  # once, while it tries again
    assert told[1].startswith("Error: lost Redis at ")
