"""Listings that used to cost a crawl: a feed or a GDELT answer with one bad entry keeps its
other entries, and a search page of 50,000 article links neither holds the crawl nor queues
more than MONITOR_MAX_ENTRIES of them."""

import json
import re
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from monitor.jobs.demo import SEED
from tests.conftest import RouteServer, run_monitor
from tests.test_hostile import answer, page

pytestmark = pytest.mark.slow  # crawls listings served on loopback

FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=0")
RSS = {"Content-Type": "application/rss+xml"}
LINKS = 50_000
GDELT_ARTICLES = 5_000


def rss(items: str) -> bytes:
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()


def search_page() -> bytes:
    return ("<html><body>" + "".join(f'<a href="/n/story-number-{i}">{i}</a>'
                                     for i in range(LINKS)) + "</body></html>").encode()


def gdelt_answer(base: str) -> bytes:
    """GDELT_ARTICLES articles seen a minute apart from 6 August 2025, the oldest first."""
    first = datetime(2025, 8, 6, tzinfo=UTC)
    return json.dumps({"articles": [
        {"url": f"{base}/g/story-number-{i}",
         "seendate": f"{first + timedelta(minutes=i):%Y%m%dT%H%M%SZ}"}
        for i in range(GDELT_ARTICLES)]}).encode()


@pytest.fixture(scope="module")
def server():
    server = RouteServer()
    base = server.base
    server.routes.update({
        "/dated.xml": answer(200, rss(
            f"<item><link>{base}/good-1</link><pubDate>Fri, 08 Aug 2025 10:00:00 +0000</pubDate>"
            f"</item><item><link>{base}/good-2</link><pubDate>20251399T999999Z</pubDate></item>"),
            RSS),
        "/linked.xml": answer(200, rss(f"<item><link>{base}/good-3</link></item>"
                                       "<item><link>http://a]b.example/x</link></item>"), RSS),
        "/gdelt": answer(200, json.dumps({"articles": [
            {"url": 12345}, {"url": "http://a]b.example/y", "domain": "a]b.example"},
            {"url": f"{base}/good-4", "seendate": "20251399T999999Z"}]}).encode(),
            {"Content-Type": "application/json"}),
        "/search": answer(200, search_page()),
        "/gdelt-many": answer(200, gdelt_answer(base), {"Content-Type": "application/json"}),
        **{f"/good-{n}": answer(200, page(f"Good article {n}")) for n in range(1, 5)},
    })
    yield server
    server.close()


def crawl(server: RouteServer, tmp_path, outlet: str, *settings: str, aggregator: str = ""):
    """`monitor run` over one outlet on the server: the result, the run's (status, exit code),
    the URLs of the pages stored and the paths the server was asked for."""
    db = tmp_path / "m.db"
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", "--published",
                "2025-08-08", *(["--aggregator", aggregator] if aggregator else []), db=db)
    outlets = tmp_path / "outlets.toml"
    outlets.write_text(f'[[outlet]]\nname = "Listing Times"\ndomain = "127.0.0.1"\n{outlet}\n')
    server.requests.clear()
    result = run_monitor("run", "--outlets", str(outlets), *FAST, *settings, db=db,
                         check=False, timeout=300)
    connection = sqlite3.connect(db)
    run = connection.execute("select status, exit_code from crawl_runs").fetchone()
    stored = {url.rsplit("/", 1)[1] for url, in connection.execute("select url from pages")}
    return result, run, stored, [path for _, path, _ in server.requests]


@pytest.fixture(scope="module")
def bad_entries(server, tmp_path_factory):
    """One run over two feeds, one with a date that does not exist and one with a link that is
    no address, and a GDELT answer with a url that is a number and one that is no address."""
    base = server.base
    return crawl(server, tmp_path_factory.mktemp("bad"),
                 f'feeds = ["{base}/dated.xml", "{base}/linked.xml"]',
                 "-s", f"MONITOR_GDELT_URL={base}/gdelt", aggregator="gdelt")


def test_a_feed_with_one_bad_date_or_one_bad_link_keeps_and_stores_its_other_entries(
        bad_entries):
    _, _, stored, _ = bad_entries
    assert {"good-1", "good-2", "good-3"} <= stored  # good-2 read as undated


def test_a_gdelt_answer_with_bad_urls_keeps_the_articles_listed_after_them(bad_entries):
    _, _, stored, _ = bad_entries
    assert "good-4" in stored


def test_a_run_whose_listings_hold_bad_entries_finishes_without_a_traceback(bad_entries):
    result, run, _, _ = bad_entries
    assert (result.returncode, run) == (0, ("finished", 0)), result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.fixture(scope="module")
def huge_search(server, tmp_path_factory):
    """One run over a search page of 50,000 article links, taking 50 of them, within a run
    limit that only a crawl held for a minute or more would reach."""
    tmp = tmp_path_factory.mktemp("search")
    found = crawl(server, tmp, f'search = "{server.base}/search?q={{query}}"',
                  "-s", "MONITOR_MAX_ENTRIES=50", "-s", "MONITOR_MAX_RUN=120")
    return (*found, (tmp / "m.log").read_text())


def test_a_search_page_of_50000_links_gives_its_first_max_entries_and_says_so(huge_search):
    result, _, _, paths, _ = huge_search
    assert sorted(p for p in paths if p.startswith("/n/")) == sorted(
        f"/n/story-number-{i}" for i in range(50))
    assert "lists 50000 entries to take; taking the newest 50 (MONITOR_MAX_ENTRIES)" \
        in result.stderr


def test_a_search_page_of_50000_links_does_not_hold_the_crawl(huge_search):
    result, run, _, _, log = huge_search
    assert (result.returncode, run) == (0, ("finished", 0)), result.stderr
    # Generous: reading the page in one go held the reactor for 15 s and more.
    lag = float(re.search(r"worst lag ([\d.]+) ms", log).group(1))
    assert lag < 10_000


def test_a_gdelt_answer_of_5000_articles_gives_its_newest_max_entries(server, tmp_path):
    result, run, _, paths = crawl(server, tmp_path, "", "-s", "MONITOR_MAX_ENTRIES=20",
                                  "-s", f"MONITOR_GDELT_URL={server.base}/gdelt-many",
                                  aggregator="gdelt")
    assert (result.returncode, run) == (0, ("finished", 0)), result.stderr
    assert sorted(p for p in paths if p.startswith("/g/")) == sorted(
        f"/g/story-number-{i}" for i in range(GDELT_ARTICLES - 20, GDELT_ARTICLES))
    assert "lists 5000 entries to take; taking the newest 20 (MONITOR_MAX_ENTRIES)" \
        in result.stderr


def test_an_undated_page_takes_the_date_its_feed_gave_it(server, tmp_path):
    crawl(server, tmp_path, f'feeds = ["{server.base}/dated.xml"]')
    published = dict(sqlite3.connect(tmp_path / "m.db").execute(
        "select url, published from articles"))
    assert published == {f"{server.base}/good-1": "2025-08-08",  # the feed's pubDate
                         f"{server.base}/good-2": None}  # a date that does not exist: none


# A search page as outlets write them: navigation links of a word or two, and results whose
# links carry no date and a short slug or an id (`/news/articles/c8x2k4`), or are live pages,
# each under its headline.
RESULTS_PAGE = b"""<html><body><nav><a href="/news">News</a> <a href="/sport">Sport</a>
<a href="/weather">Weather</a></nav><h1>Results</h1><ul>
<li><a href="/news/articles/c8x2k4">Pentagon told to plan strikes on cartels</a></li>
<li><a href="/news/cartels">Mexico rejects any US military action on its soil</a></li>
<li><a href="/world/live/cartel-plans">Live: reactions to the Pentagon cartel order</a></li>
</ul></body></html>"""


@pytest.fixture(scope="module")
def results_page(server, tmp_path_factory):
    server.routes.update({"/results": answer(200, RESULTS_PAGE), **{
        path: answer(200, page(f"Result {path}")) for path in (
            "/news/articles/c8x2k4", "/news/cartels", "/world/live/cartel-plans", "/news",
            "/sport", "/weather")}})
    return crawl(server, tmp_path_factory.mktemp("results"),
                 f'search = "{server.base}/results?q={{query}}"')


def test_search_results_under_a_headline_are_fetched_whatever_their_address(results_page):
    _, run, _, asked = results_page
    assert run == ("finished", 0)
    assert {"/news/articles/c8x2k4", "/news/cartels", "/world/live/cartel-plans"} <= set(asked)
    assert not {"/news", "/sport", "/weather"} & set(asked)  # navigation is not a result


def test_a_search_page_with_results_is_not_named_as_listing_nothing(results_page):
    result, _, _, _ = results_page
    assert "no link read as an article" not in result.stdout


def test_a_search_page_listing_no_article_is_named_after_the_run(server, tmp_path):
    # A search page whose layout changed lists nothing as quietly as one that found nothing:
    # a user who is not told concludes that the outlet never covered the story.
    server.routes["/no-results"] = answer(200, b"<html><body><nav><a href='/news'>News</a>"
                                               b"</nav><p>No results.</p></body></html>")
    result, run, _, _ = crawl(server, tmp_path,
                              f'search = "{server.base}/no-results?q={{query}}"')
    assert run == ("finished", 0)
    (line,) = [line for line in result.stdout.splitlines() if "read as an article" in line]
    assert line.startswith(f"1 search page with no link read as an article: Listing Times "
                           f"search page "
                           f"{server.base}/no-results?q=")
    assert line.endswith(" (no article link)")
