"""Every run ends: sitemap indexes followed to a depth limit, a cap on the entries taken from one
feed or sitemap (the newest), a run time limit, and huge listings read a piece at a time. Limits
that hold: pages of too many elements refused unread, a worker stuck on a page killed.

The servers generate what they list: an index that always names the next one, a feed of 235,000
items, pages of a million `<p>` and of 100,000 nested `<div>`.
"""

import sqlite3

import pytest

from monitor.crawler.settings import DEPTH_LIMIT
from monitor.jobs.demo import SEED
from spiders.base import Newest
from spiders.feeds import FeedReader
from tests.conftest import RouteServer, run_monitor
from tests.test_hostile import answer, page

FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=0")
HUGE = 235_000
DATED = [f"/dated-{day}" for day in (3, 9, 1, 7, 5)]  # listed after the undated ones


class EndlessRoutes(dict):
    """Routes that also answer /chain/N.xml, for every N, with an index naming /chain/N+1.xml."""

    def get(self, path, default=None):
        if path.startswith("/chain/") and path.endswith(".xml"):
            n = int(path.removeprefix("/chain/").removesuffix(".xml"))
            return answer(200, (
                '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                f'sitemap/0.9"><sitemap><loc>{self.base}/chain/{n + 1}.xml</loc></sitemap>'
                "</sitemapindex>").encode(), {"Content-Type": "application/xml"})
        return super().get(path, default)


MANY_P = b"<html><body>" + b"<p>x" * 1_000_000 + b"</body></html>"  # 80 s to read
DEEP = b"<html><body>" + b"<div>" * 100_000 + b"deep text" + b"</div>" * 100_000 + b"</body>"


def huge_feed() -> bytes:
    undated = b"".join(b"<item><link>/u/%d</link></item>" % i for i in range(HUGE))
    dated = "".join(f"<item><link>{path}</link><pubDate>2025-08-0{path[-1]}T12:00:00Z</pubDate>"
                    f"</item>" for path in DATED).encode()
    return (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Everything</title>'
            + undated + dated + b"</channel></rss>")


@pytest.fixture(scope="module")
def server():
    server = RouteServer()
    server.routes = EndlessRoutes(server.routes)
    server.routes.base = server.base
    server.routes["/huge.xml"] = answer(200, huge_feed(), {"Content-Type": "application/rss+xml"})
    server.routes["/many-p"] = answer(200, MANY_P)
    server.routes["/deep"] = answer(200, DEEP)
    yield server
    server.close()


@pytest.fixture
def crawl(server, tmp_path):
    """Run `monitor run` over one outlet with the given feeds and sitemaps; returns the
    result, the run's row and the paths the server was asked for."""
    db = tmp_path / "m.db"
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", db=db)

    def run(feeds=(), sitemaps=(), *settings, urls=(), timeout=300):
        outlets = tmp_path / "outlets.toml"
        outlets.write_text(f"""
[[outlet]]
name = "Endless Times"
domain = "127.0.0.1"
feeds = {[server.base + f for f in feeds]}
sitemaps = {[server.base + s for s in sitemaps]}
urls = {[server.base + u for u in urls]}
""")
        server.requests.clear()
        result = run_monitor("run", "--outlets", str(outlets), *FAST, *settings, db=db,
                             check=False, timeout=timeout)
        connection = sqlite3.connect(db)
        row = connection.execute(
            "select status, exit_code, finished_at from crawl_runs order by id desc").fetchone()
        run.errors = dict(connection.execute("select url, error from pages"))
        return result, row, [path for _, path, _ in server.requests]
    return run


@pytest.mark.slow
def test_an_endless_sitemap_index_chain_is_followed_to_the_depth_limit_and_the_run_finishes(
        crawl):
    result, (status, exit_code, finished), paths = crawl((), ["/chain/0.xml"],
                                                         "-s", "MONITOR_MAX_RUN=120")
    assert (result.returncode, status, exit_code) == (0, "finished", 0), result.stderr
    assert sorted(p for p in paths if p.startswith("/chain/")) == sorted(
        f"/chain/{n}.xml" for n in range(DEPTH_LIMIT + 1))


@pytest.mark.slow
def test_a_run_over_its_time_limit_is_stopped_recorded_and_exits_non_zero(crawl):
    # No depth limit: only the run time limit can end this one.
    result, (status, exit_code, finished), paths = crawl(
        (), ["/chain/0.xml"], "-s", "DEPTH_LIMIT=0", "-s", "MONITOR_MAX_RUN=3")
    assert result.returncode == 1
    assert (status, exit_code) == ("closespider_timeout", 1) and finished
    assert "Crawl closespider_timeout" in result.stdout


@pytest.mark.slow
def test_a_235k_item_feed_gives_only_its_newest_entries_and_the_run_finishes(crawl):
    result, (status, exit_code, _), paths = crawl(["/huge.xml"], (),
                                                  "-s", "MONITOR_MAX_ENTRIES=20")
    assert (result.returncode, status) == (0, "finished"), result.stderr
    articles = [p for p in paths if p.startswith(("/u/", "/dated-"))]
    assert sorted(articles) == sorted(DATED + [f"/u/{i}" for i in range(15)])
    assert "taking the newest 20 (MONITOR_MAX_ENTRIES)" in result.stderr


@pytest.mark.slow
def test_pages_of_too_many_elements_are_refused_unread_and_recorded(crawl):
    # Read, these would take minutes: refused, the run ends in seconds (bounded by the timeout).
    result, (status, _, _), _ = crawl((), (), urls=["/many-p", "/deep"], timeout=60)
    assert status == "finished", result.stderr
    errors = {url.rsplit("/", 1)[1]: error for url, error in crawl.errors.items()}
    assert errors["many-p"] == "too many elements to read (1,000,004 tags; the limit is 60,000)"
    assert errors["deep"] == "too many elements to read (200,003 tags; the limit is 60,000)"


@pytest.mark.slow
def test_a_worker_stuck_on_a_page_past_the_read_limit_is_killed_and_the_page_recorded(crawl):
    # No element limit: the page reaches trafilatura, which would hold its worker for over a
    # minute in calls no signal interrupts; the run must end within the read limit plus seconds.
    result, (status, _, _), _ = crawl((), (), "-s", "MONITOR_MAX_ELEMENTS=100000000",
                                      "-s", "MONITOR_READ_TIMEOUT=2", urls=["/many-p"],
                                      timeout=45)
    assert status == "finished", result.stderr
    (error,) = crawl.errors.values()
    assert error == "reading the page took over 2 s"


def test_newest_entries_come_dated_newest_first_then_undated_in_listed_order():
    newest = Newest(4)
    newest.add([("a", None), ("b", "2025-08-01"), ("c", None), ("d", "2025-08-03"),
                ("e", "2025-07-01"), ("f", None)])
    assert newest.entries() == [("d", "2025-08-03"), ("b", "2025-08-01"),
                                ("e", "2025-07-01"), ("a", None)]
    assert newest.dropped == 2


@pytest.mark.slow  # 235,000 items
def test_a_feed_read_in_pieces_gives_every_item_once():
    body, reader, found = huge_feed(), FeedReader(), []
    for start in range(0, len(body), 4096):
        found += reader.feed(body[start:start + 4096])
    found += reader.close()
    assert len(found) == HUGE + len(DATED) == len(set(found))


@pytest.mark.slow
def test_a_seed_too_long_for_an_article_is_refused_with_one_line(tmp_path):
    seed = tmp_path / "long.txt"
    seed.write_text(SEED.read_text(encoding="utf-8") * 80, encoding="utf-8")
    result = run_monitor("seed", "add", str(seed), db=tmp_path / "m.db", check=False, timeout=60)
    assert result.returncode != 0
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {seed}: too long for a news article (")
    assert line.endswith("characters; the limit is 200,000)")


@pytest.mark.slow
def test_a_seed_page_of_too_many_elements_is_refused_with_one_line(tmp_path):
    seed = tmp_path / "many.html"
    seed.write_bytes(MANY_P)
    result = run_monitor("seed", "add", str(seed), db=tmp_path / "m.db", check=False, timeout=60)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"Error: {seed}: too many elements to read (1,000,004 tags; the limit is 60,000)"]


@pytest.mark.slow
def test_extract_refuses_a_page_of_too_many_elements_as_the_crawl_does(tmp_path):
    page = tmp_path / "deep.html"
    page.write_bytes(DEEP)
    result = run_monitor("extract", str(page), check=False, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"{page}: too many elements to read (200,003 tags; the limit is 60,000)"]


@pytest.mark.slow
def test_a_robots_txt_is_read_to_its_first_500_kb(tmp_path):
    # 1.3 MB of rules: the first forbids /private/, the last (past 500 KB) everything. Parsed
    # whole, it would hold the crawl's event loop at every URL checked.
    rules = b"".join(b"Disallow: /nothing-%d/*.html\n" % i for i in range(50_000))
    server = RouteServer()
    try:
        server.routes["/robots.txt"] = answer(
            200, b"User-agent: *\nDisallow: /private/\n" + rules + b"Disallow: /\n",
            {"Content-Type": "text/plain"})
        server.routes["/article"] = answer(200, page("Read all the same"))
        server.routes["/private/article"] = answer(200, page("Not to be read"))
        outlets = tmp_path / "outlets.toml"
        outlets.write_text(f'[[outlet]]\nname = "Rules"\ndomain = "127.0.0.1"\n'
                           f'urls = ["{server.base}/article", "{server.base}/private/article"]\n')
        db = tmp_path / "m.db"
        run_monitor("run", "--outlets", str(outlets), *FAST, db=db)
    finally:
        server.close()
    with sqlite3.connect(db) as connection:
        assert connection.execute("select title from articles").fetchall() == [
            ("Read all the same",)]
    assert "/private/article" not in [path for _, path, _ in server.requests]
