"""Registering a story again destroys nothing unless asked (`--replace`)."""

import sqlite3
import textwrap
from datetime import UTC, datetime

import pytest

from monitor.jobs import schedule
from monitor.jobs.demo import SEEDS
from monitor.jobs.seed import add_seed
from monitor.jobs.stories import save_seed
from monitor.steps.claims import read_seed
from monitor.store import rows, schema
from tests.conftest import ROOT, RouteServer, run_monitor
from tests.test_hostile import answer, page

pytestmark = pytest.mark.slow  # runs the CLI in a subprocess

PORT_STRIKE = next(seed for seed in SEEDS if seed.stem == "port-strike")
CONGESTION = next(seed for seed in SEEDS if seed.stem == "congestion-charge")
STRIKE_PAGE = ROOT / "data/demo/site/wire/2025/08/12/calder-bay-dockworkers-strike.html"


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


@pytest.fixture
def crawled_copy(crawled_demo, tmp_path):
    """A copy of the crawled demo's database, one verdict change in its history."""
    db = tmp_path / "m.db"
    with sqlite3.connect(crawled_demo) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
        copy.execute("insert into verdict_changes (story_id, claim_id, article_id, from_version, "
                     "to_version, old_verdict, new_verdict, old_sentence, new_sentence, "
                     "changed_at) select m.story_id, m.claim_id, m.article_id, 1, 2, 'conflict', "
                     "m.verdict, m.sentence, m.sentence, '2025-08-13T09:00:00+00:00' "
                     "from matches m join stories s on s.id = m.story_id join claims c on "
                     "c.id = m.claim_id where s.slug = 'port-strike' order by c.position limit 1")
    return db


def story_history(db) -> tuple[list, list]:
    """The port strike's verdict changes (claim text and all) and when each article became
    coverage."""
    with sqlite3.connect(db) as conn:
        return (conn.execute("select claims.text, v.article_id, v.old_verdict, v.changed_at "
                             "from verdict_changes v join claims on claims.id = v.claim_id "
                             "order by v.id").fetchall(),
                conn.execute("select article_id, covering_since from coverage join stories on "
                             "stories.id = story_id where slug = 'port-strike' and is_coverage "
                             "order by article_id").fetchall())


def test_replace_with_a_new_window_keeps_the_storys_history(crawled_copy):
    before = story_history(crawled_copy)
    run_monitor("seed", "add", str(PORT_STRIKE), "--slug", "port-strike", "--window", "3",
                "--replace", db=crawled_copy)
    assert before[0] and before[1]
    assert story_history(crawled_copy) == before


def test_replace_shows_no_old_coverage_as_new(crawled_copy):
    since = datetime.now(UTC).isoformat(timespec="seconds")
    run_monitor("seed", "add", str(PORT_STRIKE), "--slug", "port-strike", "--window", "3",
                "--replace", db=crawled_copy)
    out = run_monitor("changes", "--story", "port-strike", "--since", since,
                      db=crawled_copy).stdout
    assert out.startswith(f"Nothing new since {since}"), out


def test_replace_with_a_corrected_seed_keeps_the_claims_it_still_makes(crawled_copy, tmp_path):
    history = story_history(crawled_copy)
    with sqlite3.connect(crawled_copy) as conn:
        before = dict(conn.execute("select text, claims.id from claims join stories on "
                                   "stories.id = story_id where slug = 'port-strike'"))
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(PORT_STRIKE.read_text().replace("41 container ships", "43 container "
                                                         "ships"))
    run_monitor("seed", "add", str(corrected), "--slug", "port-strike", "--replace",
                db=crawled_copy)
    with sqlite3.connect(crawled_copy) as conn:
        after = dict(conn.execute("select text, claims.id from claims join stories on "
                                  "stories.id = story_id where slug = 'port-strike'"))
    kept = set(before) & set(after)
    assert len(kept) == len(before) - 1 and len(after) == len(before)
    assert all(before[t] == after[t] for t in kept)
    assert history[0] and story_history(crawled_copy)[0] == history[0]


def test_a_corrected_seed_left_unmatched_is_matched_by_the_next_match(crawled_copy, tmp_path):
    # As if `seed add --replace` were stopped after registering, before matching.
    db = schema.open_db(crawled_copy)
    corrected = PORT_STRIKE.read_text().replace("41 container ships", "43 container ships")
    [story] = [r["id"] for r in db["stories"].rows_where("slug = 'port-strike'")]
    save_seed(db, "port-strike", read_seed(corrected), corrected, "corrected.txt",
              story_id=story)
    due = rows.articles_to_match(db, story)
    db.close()
    assert len(due) == 32
    run_monitor("match", "--story", "port-strike", db=crawled_copy)
    with sqlite3.connect(crawled_copy) as conn:
        assert conn.execute("select count(*) from matches join claims on claims.id = claim_id "
                            "where claims.text like '%43 container ships%'").fetchone()[0] > 0


def test_a_corrected_seed_matched_within_the_second_it_was_registered_is_matched(
        crawled_copy):
    # `seed add --replace` registers, then matches every article: on a small database within
    # the same second, which is all the stored times say. Nothing is left to match, and the
    # report does not say otherwise.
    db = schema.open_db(crawled_copy)
    corrected = PORT_STRIKE.read_text().replace("41 container ships", "43 container ships")
    [story] = [r["id"] for r in db["stories"].rows_where("slug = 'port-strike'")]
    save_seed(db, "port-strike", read_seed(corrected), corrected, "corrected.txt",
              story_id=story)
    with db.conn:  # as a match stored within that second does
        db.execute("update coverage set matched_at = (select max(created_at) from claims "
                   "where story_id = ?) where story_id = ?", [story, story])
    due = rows.articles_to_match(db, story)
    db.close()
    assert due == []
    report = run_monitor("report", "--story", "port-strike", db=crawled_copy).stdout
    assert "not read for this story yet" not in report


def test_conflicts_with_a_corrected_seeds_claim_are_new(crawled_copy, tmp_path):
    since = datetime.now(UTC).isoformat(timespec="seconds")
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(PORT_STRIKE.read_text().replace("41 container ships", "43 container "
                                                         "ships"))
    run_monitor("seed", "add", str(corrected), "--slug", "port-strike", "--replace",
                db=crawled_copy)
    out = run_monitor("changes", "--story", "port-strike", "--since", since,
                      db=crawled_copy).stdout
    assert "new conflicts" in out and "seed “43” vs “41”" in out, out


def test_a_story_with_a_claim_twice_registered_again_keeps_one_claim_each(tmp_path):
    db = schema.open_db(tmp_path / "m.db")
    claim = {"position": 1, "text": "Ships wait.", "kind": "statement", "speaker": None,
             "sentence": "Ships wait.", "numbers": [], "quotes": [], "names": []}
    twice = [claim, {**claim, "position": 2, "text": "Cranes stop."}, {**claim, "position": 3}]
    story = rows.save_story(db, {"slug": "s", "title": "S", "seed_text": "x", "source": "x"},
                            twice)
    rows.save_story(db, {"slug": "s", "title": "S", "seed_text": "x", "source": "x"}, twice,
                    story_id=story)
    assert [(r["id"], r["position"]) for r in db["claims"].rows_where(order_by="id")] == [
        (1, 1), (2, 2), (3, 3)]


def test_a_story_is_not_registered_again_or_removed_under_a_run(crawled_copy):
    with schedule.run_lock(crawled_copy):
        for args in (["seed", "add", str(PORT_STRIKE), "--slug", "port-strike", "--replace"],
                     ["seed", "remove", "port-strike"]):
            result = run_monitor(*args, db=crawled_copy, check=False)
            assert result.returncode == 75
            assert "another run is using" in result.stderr
    with sqlite3.connect(crawled_copy) as conn:
        assert conn.execute("select count(*) from stories where slug = 'port-strike'"
                            ).fetchone() == (1,)


def test_the_same_seed_with_other_line_ends_is_the_same_story(tmp_path):
    db = tmp_path / "m.db"
    run_monitor("seed", "add", str(PORT_STRIKE), "--slug", "port-strike", db=db)
    pasted = tmp_path / "pasted.txt"
    pasted.write_bytes(PORT_STRIKE.read_bytes().replace(b"\n", b"\r\n\r\n") + b"\r\n")
    result = run_monitor("seed", "add", str(pasted), "--slug", "strike", db=db, check=False)
    assert result.returncode != 0 and "this seed is already story 'port-strike'" in result.stderr



@pytest.fixture(scope="module")
def redirecting(route_server):
    """The seed's server, some of whose pages redirect, and an internal stand-in on another
    loopback port that must receive no request; yields both and where each page redirects."""
    internal = RouteServer()
    internal.routes["/secret"] = answer(200, page("TOP SECRET internal page"))
    targets = {"/to-ftp": "ftp://127.0.0.1/story.txt", "/to-internal": f"{internal.base}/secret",
               "/moved": "/story"}
    route_server.routes.update({path: answer(302, b"", {"Location": target})
                                for path, target in targets.items()})
    route_server.routes["/story"] = answer(200, STRIKE_PAGE.read_bytes())
    yield route_server.base, internal, targets
    internal.close()


@pytest.mark.parametrize("path, why", [
    ("/to-ftp", "only http(s) addresses are followed"),
    ("/to-internal", "127.0.0.1 is at a non-public address (127.0.0.1)")],
    ids=["ftp", "internal"])
def test_seed_add_refuses_a_redirect_where_the_crawl_would_not_go(redirecting, tmp_path, path,
                                                                   why):
    base, internal, targets = redirecting
    result = run_monitor("seed", "add", f"{base}{path}", db=tmp_path / "m.db", check=False)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"Error: {base}{path}: redirected to {targets[path]}, not followed: {why}"]
    assert internal.requests == []


def test_seed_add_follows_a_redirect_on_the_seeds_own_server(redirecting, tmp_path):
    base, _, _ = redirecting
    out = run_monitor("seed", "add", f"{base}/moved", "--slug", "moved", db=tmp_path / "m.db")
    assert "Story 'moved': 6 claims" in out.stdout


def test_remove_drops_the_story_and_its_decisions_but_keeps_the_articles(crawled_copy):
    def counts():
        with sqlite3.connect(crawled_copy) as conn:
            return conn.execute(
                "select (select count(*) from stories), (select count(*) from claims), "
                "(select count(*) from coverage), (select count(*) from verdict_changes), "
                "(select count(*) from articles)").fetchone()

    before = counts()
    out = run_monitor("seed", "remove", "port-strike", db=crawled_copy).stdout
    assert out.startswith("Removed story 'port-strike': 10 claims and 32 article decisions")
    stories, claims, decisions, changes, articles = counts()
    assert (stories, claims, changes, articles) == (before[0] - 1, before[1] - 10, 0, before[4])
    assert decisions == before[2] - 32
    listed = run_monitor("seed", "list", db=crawled_copy).stdout
    assert "port-strike" not in listed and "congestion-charge" in listed


def test_removing_an_unknown_story_is_one_line_and_changes_nothing(crawled_copy):
    result = run_monitor("seed", "remove", "no-such-story", db=crawled_copy, check=False)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Error: no story called 'no-such-story'; add one with `monitor seed add`"]


def test_a_speaker_guessed_from_she_said_is_listed_as_a_guess(tmp_path):
    # The sentence before names a man who had not spoken: "she" is a guess, shown as one.
    seed = tmp_path / "seed.txt"
    seed.write_text("Shelters open on the coast\n\n"
                    "\u201cThe power will be back by Friday,\u201d Mara Olsen said.\n\n"
                    "At the shelter in Tarn, Piet Varga charged his phone.\n\n"
                    "\u201cNobody told us anything,\u201d she said.\n", encoding="utf-8")
    out = run_monitor("seed", "add", str(seed), "--slug", "shelters",
                      db=tmp_path / "m.db").stdout
    assert "The power will be back by Friday (Mara Olsen)" in out
    assert "Nobody told us anything (Mara Olsen, guessed)" in out
    assert out.splitlines()[-1].startswith("  guessed: read from a “she said”")


def test_a_hard_wrapped_seed_file_gives_the_claims_of_the_same_text_unwrapped(tmp_path):
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text("\n\n".join(textwrap.fill(p, 72) for p in PORT_STRIKE.read_text()
                                   .splitlines()))
    claims = []
    for source in (PORT_STRIKE, wrapped):
        db = schema.open_db(tmp_path / f"{source.stem}.db")
        add_seed(db, str(source), slug="port-strike")
        claims.append([c["text"] for c in db["claims"].rows_where(order_by="position")])
    assert claims[1] == claims[0] and len(claims[0]) > 5
