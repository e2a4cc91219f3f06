"""A real Scrapy crawl of the demo outlets over loopback, scored against the labels."""

import sqlite3

import pytest

from monitor.jobs.evaluate import coverage_outcomes, verdict_outcomes
from monitor.store.schema import open_db
from tests.conftest import run_monitor

pytestmark = pytest.mark.slow  # reads the crawled demo database (a real crawl in a subprocess)


@pytest.fixture(scope="module")
def db(crawled_demo):
    return open_db(crawled_demo)


def test_every_article_in_a_story_window_is_stored_once(db):
    import tomllib

    from tests.conftest import ROOT

    corpus = tomllib.loads((ROOT / "data/demo/articles.toml").read_text())["article"]
    in_window = [a for a in corpus if a["date"] >= "2025-08-01"]  # the stories are from August
    urls = [row["url"] for row in db["articles"].rows]
    assert len(urls) == len(set(urls)) == len(in_window) < len(corpus)


def test_articles_belong_to_the_outlet_that_listed_them(db):
    rows = db.query("select outlets.name, articles.url from articles join outlets "
                    "on outlets.id = articles.outlet_id")
    prefixes = {"Continental Wire": "/wire/", "Harbor City Tribune": "/tribune/",
                "The Daily Ledger": "/ledger/", "Southern Cross Times": "/southern/",
                "Metro Post": "/metro/", "Frontera Report": "/frontera/",
                "Capitol Brief": "/brief/"}
    for row in rows:
        assert prefixes[row["name"]] in row["url"]


@pytest.mark.parametrize("story", ["trump-cartels", "port-strike", "congestion-charge"])
def test_coverage_is_the_labelled_coverage(db, all_labels, story):
    labels = next(labels for labels in all_labels if labels["story"] == story)
    outcomes = coverage_outcomes(db, labels)
    assert sum(expected for _, expected, _ in outcomes) >= 3
    wrong = [(path, expected) for path, expected, found in outcomes if expected != found]
    assert wrong == []


def test_page_furniture_is_not_stored_as_article_text(db):
    for row in db["articles"].rows:
        for boilerplate in ("We use cookies", "Share on Facebook", "All rights reserved",
                            "Sign up now", "border_watcher"):
            assert boilerplate not in row["text"], (boilerplate, row["url"])


@pytest.mark.parametrize("path, claim, expected", [
    ("wire/2025/08/08/trump-orders-pentagon-to-plan-strikes-on-cartels.html", "c1", "verbatim"),
    ("wire/2025/08/08/trump-orders-pentagon-to-plan-strikes-on-cartels.html", "c23", "absent"),
    ("tribune/world/2025/08/09/mexico-pushes-back-on-us-military-plan", "c22", "conflict:number"),
    ("tribune/world/2025/08/09/mexico-pushes-back-on-us-military-plan", "c13", "conflict:number"),
    ("frontera/2025/08/09/us-terror-list-cartels-military", "c12", "conflict:number"),
    ("ledger/news/sheinbaum-rules-out-invasion-20250809", "c18", "reworded quotation"),
    ("southern/americas/us-cartels-military-order.html", "c18", "conflict:speaker"),
    ("brief/briefs/0809-white-house-confirms.html", "c8", "conflict:negation"),
    ("frontera/2025/08/09/sheinbaum-sovereignty-cooperation", "c20", "verbatim"),
    ("tribune/world/2025/08/09/pentagon-cartel-plans", "c1", "paraphrase"),
    ("tribune/world/2025/08/09/pentagon-cartel-plans", "c14", "absent"),
])
def test_named_claim_verdicts_match_the_labels(db, labels, path, claim, expected):
    outcome = next(o for o in verdict_outcomes(db, labels) if o.path == path and o.claim == claim)
    assert outcome.expected == expected  # the parameter restates the label file
    assert outcome.correct, f"{path} {claim}: expected {expected}, got {outcome.verdict}"


@pytest.mark.parametrize("story, path, claim, expected", [
    ("port-strike", "tribune/business/2025/08/13/port-strike-ships-wait", "p1", "conflict:number"),
    ("port-strike", "wire/2025/08/12/calder-bay-dockworkers-strike.html", "p4", "verbatim"),
    ("port-strike", "wire/2025/08/12/calder-bay-dockworkers-strike.html", "p9", "absent"),
    ("congestion-charge", "brief/briefs/0811-northhaven-charge.html", "q2", "conflict:number"),
    ("congestion-charge", "brief/briefs/0811-northhaven-charge.html", "q6", "verbatim"),
    ("congestion-charge", "southern/cities/northhaven-congestion-charge-explained.html", "q7",
     "verbatim"),
])
def test_other_seed_stories_get_their_verdicts(db, all_labels, story, path, claim, expected):
    labels = next(labels for labels in all_labels if labels["story"] == story)
    outcome = next(o for o in verdict_outcomes(db, labels) if o.path == path and o.claim == claim)
    assert outcome.expected == expected
    assert outcome.correct, f"{path} {claim}: expected {expected}, got {outcome.verdict}"


def test_most_labelled_verdicts_are_right(db, all_labels):
    outcomes = [o for labels in all_labels for o in verdict_outcomes(db, labels)]
    accuracy = sum(o.correct for o in outcomes) / len(outcomes)
    assert accuracy >= 0.85, f"verdict accuracy {accuracy:.3f}"


def test_covering_articles_have_one_match_row_per_claim(db):
    for row in db.query("""select matches.story_id, article_id, count(*) as n,
                                  (select count(*) from claims
                                   where claims.story_id = matches.story_id) as claims
                           from matches group by matches.story_id, article_id"""):
        assert row["n"] == row["claims"]


def test_what_an_outlet_added_is_stored(db):
    added = [r["sentence"] for r in db.query(
        "select sentence from additions join articles on articles.id = additions.article_id "
        "where articles.url like '%cartel-designations-explained%'")]
    assert any(s.startswith("Legal scholars said") for s in added)
    assert any(s.startswith("A recent survey") for s in added)
    assert not any("Cartel of the Suns" in s for s in added)  # that one supports a claim


def test_the_crawl_matches_every_article_against_every_story_as_it_stores_it(crawled_demo,
                                                                             tmp_path):
    db = tmp_path / "m.db"
    sqlite3.connect(crawled_demo).execute(f"vacuum into '{db}'")
    conn = sqlite3.connect(db)
    articles, stories, coverage = conn.execute(
        "select (select count(*) from articles), (select count(*) from stories), "
        "(select count(*) from coverage)").fetchone()
    assert coverage == articles * stories > 0
    assert "Matched 0 articles" in run_monitor("match", db=db).stdout  # nothing left to do


def test_a_story_added_after_the_crawl_is_matched_by_monitor_match(crawled_demo, tmp_path):
    from monitor.jobs.demo import SEEDS

    db = tmp_path / "m.db"
    sqlite3.connect(crawled_demo).execute(f"vacuum into '{db}'")

    def covering(slug):
        return {url for (url,) in sqlite3.connect(db).execute(
            "select url from coverage join articles on articles.id = article_id join stories "
            "on stories.id = story_id where is_coverage = 1 and slug = ?", [slug])}

    crawled = covering("port-strike")
    with sqlite3.connect(db) as conn:  # as if the story had been added after the crawl
        story = "(select id from stories where slug = 'port-strike')"
        for table in ("matches", "coverage", "additions", "verdict_changes", "claims"):
            conn.execute(f"delete from {table} where story_id = {story}")
        conn.execute("delete from stories where slug = 'port-strike'")
    port_strike = next(s for s in SEEDS if s.stem == "port-strike")
    run_monitor("seed", "add", str(port_strike), "--slug", "port-strike-again", db=db)
    run_monitor("match", "--story", "port-strike-again", db=db)
    assert covering("port-strike-again") == crawled != set()


def test_syndicated_copies_are_found_by_the_crawl(crawled_demo):
    copies = sqlite3.connect(crawled_demo).execute(
        "select count(*) from copies").fetchone()[0]
    pending = sqlite3.connect(crawled_demo).execute(
        "select count(*) from _pending_copies").fetchone()[0]
    assert copies >= 1 and pending == 0


def test_a_second_crawl_of_an_unchanged_site_changes_no_article(crawled_demo, outlet_server,
                                                                tmp_path):
    from tests.conftest import copy_db, write_outlets

    db = copy_db(crawled_demo, tmp_path / "m.db")  # the session's crawl stays as it was
    before = sqlite3.connect(db).execute(
        "select id, content_hash, first_seen from articles order by id").fetchall()
    outlets = write_outlets(tmp_path, outlet_server)
    result = run_monitor("run", "--outlets", str(outlets), "-s", "DOWNLOAD_DELAY=0",
                         db=db)
    after = sqlite3.connect(db).execute(
        "select id, content_hash, first_seen from articles order by id").fetchall()
    assert before == after
    assert "0 new or changed" in result.stdout
    assert "Matched 0 articles" in result.stdout


def test_every_crawl_is_recorded(crawled_demo):
    runs = sqlite3.connect(crawled_demo).execute(
        "select status, pages, articles from crawl_runs").fetchall()
    assert runs and runs[0][0] == "finished" and runs[0][1] >= 22
