"""Alerts: `monitor changes`, `monitor run --notify` and each story's Atom feed, end to end on
the demo outlets (served by `monitor demo --serve`) with an article edited between two runs."""

from __future__ import annotations

import asyncio
import json
import shlex
import sqlite3
import sys
import time
from contextlib import closing
from dataclasses import asdict
from functools import partial
from pathlib import Path
from xml.etree import ElementTree

import pytest
from datasette.app import Datasette

from monitor.faces import changes
from monitor.jobs.demo import PUBLISHED, SEED
from monitor.jobs.seed import add_seed
from monitor.jobs.stories import load_stories
from monitor.steps.extract import Article
from monitor.steps.match import ArticleMatch, score_article
from monitor.store import results, rows, schema
from tests.conftest import run_monitor
from tests.test_demo_serve import start_demo_server

FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")
WIRE = "wire/2025/08/08/trump-orders-pentagon-to-plan-strikes-on-cartels.html"
ATOM = "{http://www.w3.org/2005/Atom}"
# What a user's notify command does with its input: keep it (here, in a file).
KEEP_STDIN = "import sys; open(sys.argv[1], 'wb').write(sys.stdin.buffer.read())"


def keep_stdin(path) -> str:
    return shlex.join([sys.executable, "-c", KEEP_STDIN, str(path)])


@pytest.fixture(scope="module")
def flipped(tmp_path_factory):
    """Three runs on the demo outlets: the first finds the story (its notify command fails),
    the second finds nothing new, the third finds Continental Wire's article edited so that
    claim 22's 29 drug suspects become 19 (verbatim, then a conflict)."""
    tmp = tmp_path_factory.mktemp("alerts")
    db = tmp / "m.db"
    server = start_demo_server(db)
    try:
        run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", "--published",
                    PUBLISHED["trump-cartels"], db=db)
        first = run_monitor("run", "--outlets", str(server.outlets), *FAST, "--notify",
                            "echo cannot reach the mail server >&2; exit 3", db=db)
        run_monitor("run", "--outlets", str(server.outlets), *FAST, "--notify",
                    keep_stdin(tmp / "second.json"), db=db)
        page = server.site / WIRE
        text = page.read_text(encoding="utf-8")
        assert "extradited 29 drug suspects" in text
        page.write_text(text.replace("extradited 29 drug suspects", "extradited 19 drug suspects"),
                        encoding="utf-8")
        third = run_monitor("run", "--outlets", str(server.outlets), *FAST, "--notify",
                            keep_stdin(tmp / "third.json"), db=db)
    finally:
        server.stop()
    return {"db": db, "tmp": tmp, "first": first, "third": third}


def query(db, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql).fetchall()


@pytest.mark.slow
def test_changes_since_the_run_shows_the_flipped_verdict(flipped):
    out = run_monitor("changes", "--since", "3", db=flipped["db"]).stdout
    assert "changed verdicts (1):" in out
    assert "claim 22 · Continental Wire · verbatim → conflict" in out
    assert "claim 22 · Continental Wire · number: seed “29” vs “19”" in out


@pytest.mark.slow
def test_changes_as_json_lists_the_conflict_the_verdict_and_the_new_version(flipped):
    found = json.loads(run_monitor("changes", "--since", "3", "--json", db=flipped["db"]).stdout)
    assert found["run"] == 3 and found["coverage"] == []
    [verdict] = found["verdicts"]
    assert (verdict["claim"], verdict["outlet"], verdict["old_verdict"],
            verdict["new_verdict"]) == (22, "Continental Wire", "verbatim", "conflict")
    assert "19 drug suspects" in verdict["sentence"] and "29" in verdict["old_sentence"]
    [conflict] = found["conflicts"]
    assert conflict["conflicts"][0]["claim"] == "29"
    assert conflict["conflicts"][0]["article"] == "19"
    [version] = found["versions"]
    assert version["version"] == 2 and version["url"].endswith(WIRE)


@pytest.mark.slow
def test_changes_since_a_time_are_those_since_the_run_that_started_then(flipped):
    [(started,)] = query(flipped["db"], "select started_at from crawl_runs where id = 3")
    by_run = json.loads(run_monitor("changes", "--since", "3", "--json",
                                    db=flipped["db"]).stdout)
    by_time = json.loads(run_monitor("changes", "--since", started, "--json",
                                     db=flipped["db"]).stdout)
    assert {**by_run, "run": None} == by_time and changes.count(by_time) == 3


@pytest.mark.slow
def test_changes_without_since_are_those_of_the_latest_run(flipped):
    latest = run_monitor("changes", db=flipped["db"]).stdout
    assert latest == run_monitor("changes", "--since", "3", db=flipped["db"]).stdout


@pytest.mark.slow
def test_the_first_run_finds_the_story_as_new_coverage(flipped):
    found = json.loads(run_monitor("changes", "--since", "1", "--json", "--story",
                                   "trump-cartels", db=flipped["db"]).stdout)
    assert len(found["coverage"]) == 12


@pytest.mark.slow
def test_notify_gets_the_runs_changes_as_json_on_stdin(flipped):
    given = json.loads((flipped["tmp"] / "third.json").read_text(encoding="utf-8"))
    assert given == json.loads(run_monitor("changes", "--since", "3", "--json",
                                           db=flipped["db"]).stdout)
    assert "Gave 3 changes to the --notify command" in flipped["third"].stdout


@pytest.mark.slow
def test_notify_is_not_run_when_the_run_found_nothing_new(flipped):
    since_second, since_third = (
        json.loads(run_monitor("changes", "--since", run, "--json", db=flipped["db"]).stdout)
        for run in ("2", "3"))
    same = ("since", "run")  # the second run found nothing the third did not
    assert {**since_second, **{k: since_third[k] for k in same}} == since_third
    assert not (flipped["tmp"] / "second.json").exists()


@pytest.mark.slow
def test_a_failing_notify_command_is_told_in_one_line_and_the_run_stands(flipped):
    first = flipped["first"]
    assert first.returncode == 0
    assert ("--notify command failed (exit 3): cannot reach the mail server"
            in first.stderr.splitlines())
    assert first.stderr.count("--notify command failed") == 1  # told once, not again logged
    assert "Traceback" not in first.stderr
    assert query(flipped["db"], "select status, exit_code from crawl_runs where id = 1") == [
        ("finished", 0)]


@pytest.mark.slow
def test_changes_refuses_an_unknown_run_in_one_line(flipped):
    result = run_monitor("changes", "--since", "99", db=flipped["db"], check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: --since 99: no crawl run 99 (see crawl_runs)"


@pytest.mark.slow
def test_the_story_feed_lists_the_flipped_verdict_as_valid_atom(flipped):
    async def get():
        return await Datasette([str(flipped["db"])]).client.get(
            "/m/story_changes.atom?story=trump-cartels")
    response = asyncio.run(get())
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for element in (feed, *feed.iter(f"{ATOM}entry")):
        for tag in ("id", "title", "updated"):
            assert (element.findtext(f"{ATOM}{tag}") or "").strip(), (element.tag, tag)
        assert element.find(f"{ATOM}link").get("href").startswith("http")
    entries = feed.findall(f"{ATOM}entry")
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    [flip] = [e for e in entries if "verbatim → conflict" in e.findtext(f"{ATOM}title")]
    assert flip.findtext(f"{ATOM}title") == ("Verdict changed: claim 22 · Continental Wire · "
                                             "verbatim → conflict")
    assert flip.find(f"{ATOM}link").get("href").endswith(WIRE)
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)  # newest first


def test_a_date_is_read_as_midnight_utc():
    assert changes.parse_time("2025-08-09") == "2025-08-09T00:00:00+00:00"


def test_a_time_with_an_offset_is_read_in_utc():
    assert changes.parse_time("2025-08-09T14:30+02:00") == "2025-08-09T12:30:00+00:00"


def test_a_word_is_neither_a_run_nor_a_time():
    with pytest.raises(ValueError, match="neither a crawl run's id nor a time"):
        changes.parse_time("yesterday")


def test_the_feed_drops_characters_xml_cannot_hold():
    event = {"kind": "coverage", "story": "s", "at": "2025-08-09T00:00:00+00:00",
             "outlet": "Bell\x07 News", "title": "Title\x00", "url": "http://127.0.0.1/a",
             "article_id": 1, **dict.fromkeys(changes.EVENT_COLUMNS[7:])}
    feed = ElementTree.fromstring(changes.atom_feed("t", "http://127.0.0.1/f.atom",
                                                    "http://127.0.0.1/m", [event], "now"))
    assert feed.find(f"{ATOM}entry").findtext(f"{ATOM}title") == "New coverage: Bell News · Title"


def test_an_article_that_becomes_coverage_later_is_new_coverage_from_then(tmp_path):
    db = schema.open_db(tmp_path / "m.db")
    add_seed(db, str(Path(__file__).parents[1] / "data/seeds/port-strike.txt"))
    stories = load_stories(db)
    outlet = rows.save_outlet(db, "Wire", "wire.example")
    article_id, _ = rows.save_article(db, asdict(Article(
        "http://wire.example/a", "http://wire.example/a", "Harbour notes", None, None, "en",
        "Cranes were serviced.", "h1", False)), outlet)
    decide = partial(rows.save_decisions, db, {"id": article_id, "content_hash": "h1"})
    with db.conn:
        decide([stories.decision(0, ArticleMatch(5.0, False, [], [], "unrelated"), True)])
    time.sleep(1.1)  # times are kept to the second
    since = schema.now()
    with db.conn:  # an edit, a re-match: now it covers the story
        decide([stories.decision(0, ArticleMatch(90.0, True, [], [], "coverage"), True)])
    found = changes.changes_since(db, since)
    assert [c["url"] for c in found["coverage"]] == ["http://wire.example/a"]


def test_changes_since_a_run_leave_out_the_last_run_even_when_it_ended_that_second(tmp_path):
    db = schema.open_db(tmp_path / "m.db")
    add_seed(db, str(Path(__file__).parents[1] / "data/seeds/port-strike.txt"))
    stories = load_stories(db)
    outlet = rows.save_outlet(db, "Wire", "wire.example")
    first = rows.start_run(db)
    article_id, _ = rows.save_article(db, asdict(Article(
        "http://wire.example/a", "http://wire.example/a", "Port strike", None, None, "en",
        "Dockers walked out.", "h1", False)), outlet)
    with db.conn:
        rows.save_decisions(db, {"id": article_id, "content_hash": "h1"}, [stories.decision(
            0, ArticleMatch(90.0, True, [], [], "coverage"), True)])
    rows.finish_run(db, first, status="finished")
    second = rows.start_run(db)  # at once: times are kept to the second
    assert [c["url"] for c in changes.changes_since(db, str(first))["coverage"]] == [
        "http://wire.example/a"]
    assert changes.count(changes.changes_since(db, str(second))) == 0


def test_a_correction_to_the_seeds_own_page_is_a_change_saying_how_to_read_it_again(tmp_path):
    db = schema.open_db(tmp_path / "m.db")
    page = tmp_path / "seed.html"
    page.write_text("<html><body><h1>Dockers strike</h1><p>About 3,200 dockworkers at the "
                    "Port of Calder Bay began a 48-hour strike on Tuesday, the union said."
                    "</p></body></html>")
    add_seed(db, str(page), slug="port-strike")
    db["stories"].update(1, {"source": "http://wire.example/strike"})  # as a URL seed has it
    stories = load_stories(db)
    outlet = rows.save_outlet(db, "Wire", "wire.example")

    def crawled(text: str, digest: str) -> None:
        article = Article("http://wire.example/strike", "http://wire.example/strike",
                          "Dockers strike", None, None, "en", text, digest, False)
        article_id, _ = rows.save_article(db, asdict(article), outlet)
        result = stories.decision(0, *score_article(stories.stories[0], article))
        with db.conn:
            rows.save_decisions(db, {"id": article_id, "content_hash": digest}, [result])

    crawled("About 3,200 dockworkers began a 48-hour strike on Tuesday.", "h1")
    time.sleep(1.1)  # times are kept to the second
    since = schema.now()
    crawled("About 2,300 dockworkers began a 48-hour strike on Tuesday.", "h2")
    found = changes.changes_since(db, since)
    assert [(c["url"], c["version"]) for c in found["seed"]] == [
        ("http://wire.example/strike", 2)]
    assert ("the claims are still those registered: `monitor seed add "
            "http://wire.example/strike --slug port-strike --replace` reads them again"
            ) in changes.render_text(found)


def test_verdicts_that_matching_everything_again_changed_are_changes(tmp_path):
    # The conflict an earlier scorer gave, alerted; `monitor match --all` with this one reads
    # the same text as repeating the claim, and says so once.
    from monitor.jobs.match import match_stories

    db = schema.open_db(tmp_path / "m.db")
    page = tmp_path / "seed.txt"
    page.write_text("Dockers strike\n\nAbout 3,200 dockworkers at the Port of Calder Bay "
                    "began a 48-hour strike on Tuesday, the union said.\n")
    add_seed(db, str(page), slug="port-strike")
    stories = load_stories(db)
    outlet = rows.save_outlet(db, "Wire", "wire.example")
    url = "http://wire.example/strike"
    text = ("About 3,200 dockworkers at the Port of Calder Bay began a 48-hour strike on "
            "Tuesday, the union said.")
    article = Article(url, url, "Dockers strike", None, None, "en", text, "h1", False)
    article_id, _ = rows.save_article(db, asdict(article), outlet)
    earlier = Article(**{**asdict(article), "text": text.replace("3,200", "2,300")})
    with db.conn:
        rows.save_decisions(db, {"id": article_id, "content_hash": "h1"}, [
            stories.decision(0, *score_article(stories.stories[0], earlier))])
    assert query(tmp_path / "m.db", "select verdict from matches") == [("conflict",)]
    time.sleep(1.1)  # times are kept to the second
    since = schema.now()

    match_stories(db, everything=True, workers=1)
    [changed] = changes.changes_since(db, since)["verdicts"]
    assert (changed["url"], changed["old_verdict"], changed["new_verdict"]) == (
        url, "conflict", "verbatim")
    assert "conflict → verbatim" in changes.render_text(changes.changes_since(db, since))
    time.sleep(1.1)
    again = schema.now()
    match_stories(db, everything=True, workers=1)  # nothing changed this time
    assert changes.count(changes.changes_since(db, again)) == 0


@pytest.fixture
def wire_story(tmp_path):
    """A database with the port strike, and how to store a fetch of Wire's covering article
    (`fetched(status, url=...)`: with its article when the status is 200); its URL."""
    db = schema.open_db(tmp_path / "m.db")
    add_seed(db, str(Path(__file__).parents[1] / "data/seeds/port-strike.txt"))
    covering = [load_stories(db).decision(0, ArticleMatch(90.0, True, [], [], "coverage"), True)]
    url = "http://wire.example/strike"
    article = asdict(Article(url, url, "Dockers strike", None, None, "en",
                             "Dockers walked out.", "h1", False))

    def fetched(status: int, address: str = url) -> None:
        found = status == 200
        with db.conn:
            results.save_page_result(db, results.page_result(
                address, status, error=None if found else f"HTTP {status}",
                outlet={"name": "Wire", "domain": "wire.example", "listed": True},
                article=article if found else None, decisions=covering if found else None), {})

    return db, fetched, url


def test_a_covering_article_whose_page_answers_404_is_taken_down_once(wire_story):
    db, fetched, url = wire_story

    fetched(200)
    time.sleep(1.1)  # times are kept to the second
    since = schema.now()
    fetched(404)
    [gone] = changes.changes_since(db, since)["gone"]
    assert (gone["url"], gone["answer"]) == (url, "HTTP 404")
    assert "Wire · Dockers strike · the page answers HTTP 404" in changes.render_text(
        changes.changes_since(db, since))
    time.sleep(1.1)
    later = schema.now()
    fetched(404)  # gone still: no news
    assert changes.changes_since(db, later)["gone"] == []
    fetched(200)  # back again
    assert changes.changes_since(db, since)["gone"] == []


def test_an_article_taken_down_while_its_other_address_cannot_be_reached_is_taken_down(
        wire_story):
    db, fetched, url = wire_story
    fetched(200, url + "?page=all")
    fetched(200)
    time.sleep(1.1)  # times are kept to the second
    since = schema.now()
    fetched(0, url + "?page=all")  # the connection refused: the page says nothing of itself
    fetched(410)
    assert [g["url"] for g in changes.changes_since(db, since)["gone"]] == [url]


def test_an_article_still_live_at_its_own_address_is_not_taken_down(wire_story):
    db, fetched, url = wire_story
    since = schema.now()
    fetched(200, url + "?utm_source=feed")  # found through a feed's tracking address
    fetched(200)  # then at its own
    fetched(404, url + "?utm_source=feed")  # the tracking address is dropped
    assert changes.changes_since(db, since)["gone"] == []


@pytest.mark.slow
def test_a_page_taken_down_or_failing_keeps_the_copy_the_crawl_stored(route_server, tmp_path):
    from monitor.jobs.crawl import page_html
    from tests.test_hostile import answer, page

    base = route_server.base
    titles = {"/news/withdrawn": "A story the outlet withdrew",
              "/news/failing": "A story on a server that fails"}
    served = {path: page(title) for path, title in titles.items()}
    feed = "".join(f"<item><link>{base}{path}</link></item>" for path in served)
    route_server.routes["/kept.xml"] = answer(
        200, f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{feed}'
             f"</channel></rss>".encode(), {"Content-Type": "application/rss+xml"})
    outlets = tmp_path / "outlets.toml"
    outlets.write_text(f'[[outlet]]\nname = "T"\ndomain = "127.0.0.1"\n'
                       f'feeds = ["{base}/kept.xml"]\n')
    db = tmp_path / "m.db"
    route_server.routes.update({path: answer(200, body) for path, body in served.items()})
    run_monitor("run", "--outlets", str(outlets), *FAST, db=db)
    route_server.routes.update({"/news/withdrawn": answer(410, b"gone"),
                                "/news/failing": answer(503, b"down")})
    run_monitor("run", "--outlets", str(outlets), *FAST, db=db)

    store = schema.open_db(db)
    for path, status in (("/news/withdrawn", 410), ("/news/failing", 503)):
        assert page_html(store, base + path) == served[path]
        assert query(db, f"select p.status, a.title from pages p join articles a on "
                         f"a.id = p.article_id where p.url = '{base}{path}'") == [
            (status, titles[path])]
    assert query(db, "select count(*) from pages where gone_since is not null") == [(1,)]


def taken_down_feed(route_server, tmp_path, served: bytes, title: str = "t"
                    ) -> tuple[Path, str]:
    """An outlet whose feed (`title`) lists one article page, served as `served`: its outlet
    file, and the page's address."""
    from tests.test_hostile import answer

    url = f"{route_server.base}/news/dockers"
    route_server.routes.update({
        "/dockers.xml": answer(200, f'<?xml version="1.0"?><rss version="2.0"><channel>'
                                    f"<title>{title}</title><item><link>{url}</link></item>"
                                    f"</channel></rss>".encode(),
                               {"Content-Type": "application/rss+xml"}),
        "/news/dockers": answer(200, served)})
    outlets = tmp_path / "outlets.toml"
    outlets.write_text(f'[[outlet]]\nname = "T"\ndomain = "127.0.0.1"\n'
                       f'feeds = ["{route_server.base}/dockers.xml"]\n')
    return outlets, url


@pytest.mark.slow
def test_a_page_still_taken_down_is_no_error_of_later_runs_and_one_back_is_read_again(
        route_server, tmp_path):
    from tests.test_hostile import answer, page

    outlets, _ = taken_down_feed(route_server, tmp_path, page("Dockers strike"))
    db = tmp_path / "m.db"

    def run() -> str:
        return run_monitor("run", "--outlets", str(outlets), *FAST, db=db).stdout

    assert "0 errors" in run()
    route_server.routes["/news/dockers"] = answer(410, b"gone")
    assert "1 error" in run()  # live, then gone: told as an error of that run
    assert "0 errors, 1 still taken down" in run()
    last = run_monitor("status", db=db).stdout.splitlines()[2]
    assert last.endswith("0 errors"), last
    route_server.routes["/news/dockers"] = answer(200, page("Dockers strike deepens"))
    back = run()
    assert "1 new version" in back and "0 errors" in back and "taken down" not in back, back
    assert query(db, "select status, gone_since from pages") == [(200, None)]
    assert query(db, "select title from articles") == [("Dockers strike deepens",)]


@pytest.mark.slow
def test_an_article_replaced_by_a_notice_is_taken_down_and_keeps_its_verdicts(route_server,
                                                                              tmp_path):
    # An outlet withdraws an article and serves "no longer available" at its address (200).
    from monitor.jobs.crawl import page_html
    from tests.test_hostile import answer, page

    served = page("Trump orders military plans against cartels")
    notice = page("Page not found", "<p>This article is no longer available.</p>")
    outlets, url = taken_down_feed(route_server, tmp_path, served)
    db = tmp_path / "m.db"
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", db=db)
    run_monitor("run", "--outlets", str(outlets), *FAST, db=db)
    verdicts = "select claim_id, verdict from matches order by claim_id"
    published = query(db, verdicts)
    assert published and query(db, "select is_coverage from coverage") == [(1,)]

    route_server.routes["/news/dockers"] = answer(200, notice)
    run_monitor("run", "--outlets", str(outlets), *FAST, db=db)
    [gone] = json.loads(run_monitor("changes", "--json", db=db).stdout)["gone"]
    assert gone["answer"] == "HTTP 200 without the article: “Page not found”"
    assert query(db, "select title from articles") == [
        ("Trump orders military plans against cartels",)]
    assert query(db, verdicts) == published
    assert page_html(schema.open_db(db), url) == served

    route_server.routes["/news/dockers"] = answer(200, served)  # put back
    run_monitor("run", "--outlets", str(outlets), *FAST, db=db)
    assert query(db, "select count(*) from pages where gone_since is not null") == [(0,)]
