"""`monitor status --redis URL`: the shared queue, the crawlers heard from, and what ingest has yet
to store, read from a real redis-server filled the way the crawlers and ingest fill it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import pytest

from monitor.crawler import frontier, shared
from monitor.jobs import status
from tests.conftest import (
    ROOT,
    RouteServer,
    assert_one_line,
    free_port,
    publish_no_stories,
    refused,
    run_monitor,
    send_body,
    start_monitor,
)

PAGES = 40


def _client(url: str):
    import redis

    return redis.Redis.from_url(url, decode_responses=True)


def _add_results(client, count: int, seconds_ago: float = 0) -> list[str]:
    """Results in the stream as crawlers send them, added `seconds_ago` by Redis' clock."""
    now, micros = client.time()
    first = int((now + micros / 1e6 - seconds_ago) * 1000)
    return [client.xadd(frontier.RESULTS, {"kind": "page", "url": f"http://127.0.0.1/{i}"},
                        id=f"{first}-{i}") for i in range(count)]


def _ingest_reads(client, count: int) -> list[str]:
    """What ingest does before it stores anything: join its group and be given entries."""
    read = client.xreadgroup(frontier.INGEST_GROUP, "ingest-host:7", {frontier.RESULTS: ">"},
                             count=count)
    return [entry_id for entry_id, _ in read[0][1]]


@pytest.mark.slow
def test_an_empty_redis_shows_nothing_queued_and_nothing_waiting(redis_url):
    figures = status.status(redis_url)
    assert {k: v for k, v in figures.items() if k != "redis"} == {
        "queued_requests": 0, "seen_requests": 0, "crawlers": [], "stream_entries": 0,
        "not_delivered": 0, "not_acknowledged": 0, "ingest_lag_seconds": 0.0, "ingest": [],
        "ingest_writer": None}


@pytest.mark.slow
def test_results_sent_before_ingest_ever_started_are_all_waiting(redis_url):
    with _client(redis_url) as client:
        _add_results(client, 5, seconds_ago=30)
    figures = status.status(redis_url)
    assert (figures["stream_entries"], figures["not_delivered"], figures["not_acknowledged"]) \
        == (5, 5, 0)


@pytest.mark.slow
def test_results_given_to_ingest_but_not_acknowledged_are_counted_apart(redis_url):
    with _client(redis_url) as client:
        _add_results(client, 10)
        client.xgroup_create(frontier.RESULTS, frontier.INGEST_GROUP, id="0")
        given = _ingest_reads(client, 6)
        client.xack(frontier.RESULTS, frontier.INGEST_GROUP, *given[:4])
    figures = status.status(redis_url)
    assert (figures["not_delivered"], figures["not_acknowledged"]) == (4, 2)
    assert [(c["name"], c["not_acknowledged"]) for c in figures["ingest"]] \
        == [("ingest-host:7", 2)]


@pytest.mark.slow
def test_the_ingest_lag_is_the_age_of_the_oldest_result_not_acknowledged(redis_url):
    with _client(redis_url) as client:
        _add_results(client, 3, seconds_ago=120)  # the first given to ingest, one left pending
        _add_results(client, 3, seconds_ago=10)
        client.xgroup_create(frontier.RESULTS, frontier.INGEST_GROUP, id="0")
        given = _ingest_reads(client, 3)
        client.xack(frontier.RESULTS, frontier.INGEST_GROUP, *given[:2])
    lag = status.status(redis_url)["ingest_lag_seconds"]
    assert 120 <= lag < 120 + 60  # this test's own slowness can only add to it


@pytest.mark.slow
def test_the_ingest_lag_is_zero_once_every_result_is_acknowledged(redis_url):
    with _client(redis_url) as client:
        _add_results(client, 3, seconds_ago=60)
        client.xgroup_create(frontier.RESULTS, frontier.INGEST_GROUP, id="0")
        client.xack(frontier.RESULTS, frontier.INGEST_GROUP, *_ingest_reads(client, 3))
    figures = status.status(redis_url)
    assert (figures["stream_entries"], figures["not_delivered"], figures["not_acknowledged"],
            figures["ingest_lag_seconds"]) == (3, 0, 0, 0.0)


def _add_pages(url: str, count: int) -> None:
    """Pages as crawlers send them: each with the raw page's bytes, which are no UTF-8."""
    from monitor.crawler import shared

    with shared.client(url) as client:
        for i in range(count):
            client.xadd(frontier.RESULTS, shared.entry("page", {
                "url": f"http://127.0.0.1/{i}", "packed": b"\x28\xb5\x2f\xfd raw page"}))


@pytest.mark.slow
def test_pages_sent_before_ingest_ever_started_are_counted_from_their_bytes(redis_url):
    _add_pages(redis_url, 3)
    figures = status.status(redis_url)
    assert (figures["stream_entries"], figures["not_delivered"]) == (3, 3)


@pytest.mark.slow
def test_pages_waiting_after_what_ingest_was_given_are_counted_and_aged(redis_url):
    # Ingest stopped (or killed) after reading the first pages: `status` is what tells it.
    _add_pages(redis_url, 2)
    import redis

    with redis.Redis.from_url(redis_url) as client:  # as ingest reads: bytes, undecoded
        client.xgroup_create(frontier.RESULTS, frontier.INGEST_GROUP, id="0")
        client.xack(frontier.RESULTS, frontier.INGEST_GROUP, *_ingest_reads(client, 1))
    _add_pages(redis_url, 2)
    result = run_monitor("status", "--redis", redis_url, timeout=60)
    assert "Results: 4 in the stream, 3 not yet given to ingest" in result.stdout
    assert "Ingest lag: " in result.stdout


def _join(client, crawler: str, heartbeat: int) -> None:
    """A crawler joins the frontier as the scheduler makes it, its heartbeat key lasting
    `heartbeat` seconds."""
    from monitor.crawler import redis_scheduler

    name = {"spider": status.SPIDER}
    keys = [frontier.CRAWLERS % name, frontier.IDLE % name, frontier.QUEUE % name,
            frontier.DUPEFILTER % name, frontier.SENT % name]
    client.eval(redis_scheduler._JOIN, len(keys), *keys, crawler, frontier.ALIVE % name,
                heartbeat)


@pytest.mark.slow
def test_a_crawler_whose_heartbeat_expired_is_not_listed(redis_url):
    alive = frontier.ALIVE % {"spider": status.SPIDER}
    with _client(redis_url) as client:
        # Two crawlers join; one is then not heard from again.
        _join(client, "alive-host:1", 60)
        _join(client, "killed-host:2", 1)
        deadline = time.monotonic() + 30
        while client.exists(alive + "killed-host:2"):
            assert time.monotonic() < deadline, "the alive key never expired"
            time.sleep(0.1)
    assert [c["name"] for c in status.status(redis_url)["crawlers"]] == ["alive-host:1"]


@pytest.mark.slow
def test_a_crawler_silent_for_half_its_heartbeat_span_is_shown_as_likely_gone(redis_url):
    with _client(redis_url) as client:
        for crawler in ("alive-host:1", "killed-host:2"):
            _join(client, crawler, 60)
        # killed-host:2 last said it was alive 40 s ago (its key has 20 s of 60 left).
        client.pexpire(frontier.ALIVE % {"spider": status.SPIDER} + "killed-host:2", 20_000)
    lines = run_monitor("status", "--redis", redis_url, timeout=60).stdout.splitlines()
    killed = next(line for line in lines if "killed-host:2" in line)
    alive = next(line for line in lines if "alive-host:1" in line)
    assert "(silent since: killed, or its host lost?)" in killed
    assert "silent" not in alive


def _article(i: int) -> bytes:
    return (f"<html><head><title>Ferry timetable {i}</title></head><body><article>"
            f"<h1>Ferry timetable {i}</h1><p>The island council said the ferry number {i} would "
            f"sail twice a day from the spring, after a winter of single crossings.</p>"
            f"</article></body></html>").encode()


@pytest.fixture(scope="module")
def seen_during_a_crawl(redis_server, tmp_path_factory):
    """`status` while a real crawler works through a slow loopback outlet of PAGES articles;
    yields (figures, the crawler's process id)."""
    server = RouteServer()
    urls = [f"{server.base}/news/{i}.html" for i in range(PAGES)]
    for i, url in enumerate(urls):
        server.routes[url.removeprefix(server.base)] = send_body(_article(i), "text/html")
    server.routes["/sitemap.xml"] = send_body(
        ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
         + "".join(f"<url><loc>{u}</loc></url>" for u in urls) + "</urlset>").encode(),
        "application/xml")
    tmp = tmp_path_factory.mktemp("status")
    outlets = tmp / "outlets.toml"
    outlets.write_text(f'[[outlet]]\nname = "Island Ferries"\ndomain = "127.0.0.1"\n'
                       f'sitemaps = ["{server.base}/sitemap.xml"]\n')
    with _client(redis_server.url) as client:
        client.flushall()
    publish_no_stories(redis_server.url)  # what ingest publishes: crawlers read it as they start
    env = {k: v for k, v in os.environ.items() if k not in ("MONITOR_DB", "MONITOR_REDIS_URL")}
    crawler = subprocess.Popen(
        [sys.executable, "-m", "monitor", "--db", str(tmp / "monitor.db"), "crawl", "--outlets",
         str(outlets), "--redis", redis_server.url, "-s", "DOWNLOAD_DELAY=0.2",
         "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    figures = None
    try:
        deadline = time.monotonic() + 120
        while crawler.poll() is None and time.monotonic() < deadline:
            figures = status.status(redis_server.url)
            # The sitemap's own request is queued unfiltered (a start request): wait for the
            # article requests it leads to, which pass the duplicate filter.
            if figures["crawlers"] and figures["queued_requests"] and figures["seen_requests"]:
                break
            time.sleep(0.1)
    finally:
        crawler.kill()
        _, err = crawler.communicate()
        server.close()
    assert figures and figures["crawlers"], f"the crawler was never seen at work:\n{err}"
    yield figures, crawler.pid


@pytest.mark.slow
def test_a_crawler_at_work_is_listed_by_its_host_and_process(seen_during_a_crawl):
    figures, pid = seen_during_a_crawl
    assert [(c["name"], c["idle"]) for c in figures["crawlers"]] \
        == [(f"{socket.gethostname()}:{pid}", False)]
    assert 0 <= figures["crawlers"][0]["heard_seconds_ago"] <= status.RECENT


@pytest.mark.slow
def test_the_requests_a_crawl_queued_and_saw_are_counted(seen_during_a_crawl):
    figures, _ = seen_during_a_crawl
    # The sitemap's article requests, less those fetched already; each was seen once.
    assert 0 < figures["queued_requests"] <= figures["seen_requests"] <= PAGES + 1


@pytest.mark.slow
def test_status_json_is_one_object_with_every_figure(redis_url, tmp_path):
    with _client(redis_url) as client:
        _add_results(client, 2)
    result = run_monitor("status", "--redis", redis_url, "--json", timeout=60)
    figures = json.loads(result.stdout)
    assert (figures["stream_entries"], figures["not_delivered"]) == (2, 2)
    assert figures["redis"] == frontier.shown(redis_url)


@pytest.mark.slow
def test_status_says_what_is_waiting_for_ingest(redis_url):
    with _client(redis_url) as client:
        _add_results(client, 3)
        client.xgroup_create(frontier.RESULTS, frontier.INGEST_GROUP, id="0")
        _ingest_reads(client, 1)
    out = run_monitor("status", "--redis", redis_url, timeout=60).stdout
    assert "Results: 3 in the stream, 2 not yet given to ingest, 1 given but not yet stored" \
        in out
    assert "ingest-host:7  1 results in hand" in out


@pytest.mark.slow
def test_status_says_whether_an_ingest_is_at_work_and_where_it_writes(redis_url, tmp_path):
    # Ingest's consumer stays in the group when ingest stops: its lease is what tells.
    out = run_monitor("status", "--redis", redis_url, timeout=60).stdout
    assert "Ingest: none running (start `monitor ingest` on the database host)" in out
    ingest = start_monitor("ingest", "--redis", redis_url, db=tmp_path / "m.db")
    try:
        deadline = time.monotonic() + 60
        while not status.status(redis_url)["ingest_writer"]:
            assert time.monotonic() < deadline and ingest.poll() is None, "ingest never began"
            time.sleep(0.1)
        out = run_monitor("status", "--redis", redis_url, timeout=60).stdout
    finally:
        ingest.terminate()
        ingest.communicate(timeout=60)
    assert (f"Ingest: running on {socket.gethostname()} (process {ingest.pid}), writing "
            f"{tmp_path / 'm.db'}") in out
    assert status.status(redis_url)["ingest_writer"] is None


@pytest.mark.slow
def test_status_on_the_ingest_host_says_an_ingest_killed_there_is_not_running(redis_url):
    killed = subprocess.Popen([sys.executable, "-c", "pass"])
    killed.wait()
    with shared.client(redis_url) as client:  # the lease it left, not yet run out
        client.set(frontier.INGEST_LEASE, f"{socket.gethostname()}:{killed.pid}:/srv/m.db",
                   px=60_000)
    out = run_monitor("status", "--redis", redis_url, timeout=60).stdout
    assert f"Ingest: none running (the one on {socket.gethostname()} (process {killed.pid}) " \
        "was killed" in out


@pytest.mark.slow
def test_status_with_a_wrong_password_is_one_line_and_fails(redis_server):
    wrong = redis_server.url.replace(redis_server.password, "not-the-password")
    took, result = refused("status", "--redis", wrong)
    assert took < 20
    assert_one_line(result, "refused the password", hidden="not-the-password")


@pytest.mark.slow
def test_status_without_the_password_a_redis_needs_says_to_give_it(redis_server):
    bare = redis_server.url.replace(f":{redis_server.password}@", "")
    took, result = refused("status", "--redis", bare)
    assert took < 20
    assert_one_line(result, "needs a password: give it in the URL", hidden=redis_server.password)


@pytest.mark.slow
def test_status_of_an_unreachable_redis_is_one_line_and_fails():
    took, result = refused("status", "--redis", f"redis://:secret@127.0.0.1:{free_port()}/0")
    assert took < 20
    assert_one_line(result, "cannot reach Redis at redis://127.0.0.1:", hidden="secret")
