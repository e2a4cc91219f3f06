"""Finding coverage over loopback: windows, search, URL lists, aggregators, canonical URLs,
syndicated copies, conditional recrawls, versions and languages."""

import re
import shutil
import sqlite3

import pytest

from monitor.jobs.demo import SEED, SITE, serve_site
from tests.conftest import RouteServer, harbour_article, run_monitor, send_body, write_outlets
from tests.test_hostile import answer

pytestmark = pytest.mark.slow  # crawls the demo site in a subprocess


def rows(db, sql, *params):
    return sqlite3.connect(db).execute(sql, params).fetchall()


def test_articles_outside_every_story_window_are_not_fetched(crawled_demo):
    assert rows(crawled_demo, "select url from articles where url like '%/2025/02/%'") == []
    assert rows(crawled_demo, "select count(*) from pages where url like '%/2025/02/%'") == [(0,)]


def test_an_article_only_in_search_results_is_found(crawled_demo):
    found = rows(crawled_demo, "select outlets.name from articles join outlets on "
                               "outlets.id = outlet_id where url like '%culiacan-violence%'")
    assert found == [("Frontera Report",)]


def test_an_article_only_in_the_url_list_is_found(crawled_demo):
    assert rows(crawled_demo, "select count(*) from articles where url like '%tariff-talks%'") \
        == [(1,)]


def test_amp_and_tracking_links_lead_to_one_row(crawled_demo):
    assert rows(crawled_demo, "select count(*) from articles where url like '%amp%' "
                              "or url like '%utm_%'") == [(0,)]
    assert rows(crawled_demo, "select count(*) from articles where url like "
                              "'%trump-orders-pentagon-to-plan-strikes-on-cartels.html'") == [(1,)]


def test_syndicated_copies_are_kept_apart_and_marked(crawled_demo):
    pairs = rows(crawled_demo, """select copy.url, original.url from copies
                 join articles copy on copy.id = copies.article_id
                 join articles original on original.id = copies.copy_of""")
    assert len(pairs) == 1
    copy, original = pairs[0]
    assert "metro/story/2025-08-13/calder-bay-strike-wire" in copy
    assert "wire/2025/08/12/calder-bay-dockworkers-strike" in original


def test_stories_have_a_query_made_from_the_seed(crawled_demo):
    (query,) = rows(crawled_demo, "select query from stories where slug = 'trump-cartels'")[0]
    assert '"Donald Trump"' in query and "cartels" in query


@pytest.fixture
def editable_site(tmp_path):
    """A copy of the demo site that a test can change, served on 127.0.0.1."""
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    server, base = serve_site(root)
    yield root, base
    server.shutdown()


def crawl(db, outlets, *settings):
    return run_monitor("run", "--outlets", str(outlets), "-s", "DOWNLOAD_DELAY=0",
                       "-s", "AUTOTHROTTLE_ENABLED=False", *settings, db=db)


def test_recrawl_uses_conditional_requests_and_changes_nothing(editable_site, tmp_path):
    root, base = editable_site
    db, outlets = tmp_path / "m.db", write_outlets(tmp_path, base)
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", db=db)
    crawl(db, outlets)
    snapshot = "select * from articles order by id", "select * from versions order by id"
    before = [rows(db, sql) for sql in snapshot] + [rows(db, "select * from matches")]
    out = crawl(db, outlets).stdout
    after = [rows(db, sql) for sql in snapshot] + [rows(db, "select * from matches")]
    assert before == after
    assert "0 new or changed" in out and "Matched 0 articles" in out


def answered_with_validators(body: bytes, etag: str, modified: str | None):
    """A route: 304 to a request that sends its ETag back, else the page with its validators."""
    def route(h):
        unchanged = h.headers.get("If-None-Match") == etag
        h.send_response(304 if unchanged else 200)
        h.send_header("ETag", etag)
        if modified:
            h.send_header("Last-Modified", modified)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", "0" if unchanged else str(len(body)))
        h.end_headers()
        if not unchanged:
            h.wfile.write(body)
    return route


def validators_sent(server, paths) -> dict[str, tuple[str | None, str | None]]:
    return {path: (headers.get("If-None-Match"), headers.get("If-Modified-Since"))
            for _, path, headers in server.requests if path in paths}


def test_a_recrawl_sends_the_validators_of_the_pages_it_fetched_before(route_server, tmp_path):
    base = route_server.base
    articles = SITE / "tribune/world/2025/08/09"
    validators = {"/mexico": ('"m1"', "Sat, 09 Aug 2025 10:00:00 GMT"), "/pentagon": ('"p1"', None)}
    for (path, (etag, modified)), page in zip(validators.items(), [
            "mexico-pushes-back-on-us-military-plan", "pentagon-cartel-plans"], strict=True):
        body = (articles / page).read_bytes().replace(b"{base}", base.encode())
        route_server.routes[path] = answered_with_validators(body, etag, modified)
    db, outlets = tmp_path / "m.db", tmp_path / "outlets.toml"
    outlets.write_text(f'[[outlet]]\nname = "Validators"\ndomain = "127.0.0.1"\n'
                       f'urls = ["{base}/mexico", "{base}/pentagon"]\n')
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", db=db)
    crawl(db, outlets)
    assert validators_sent(route_server, validators) == {path: (None, None)
                                                         for path in validators}
    route_server.requests.clear()
    out = crawl(db, outlets).stdout
    assert validators_sent(route_server, validators) == validators
    assert "0 new or changed" in out


def test_a_redirected_request_asks_with_the_validators_of_where_it_lands(route_server, tmp_path):
    base = route_server.base
    page = SITE / "tribune/world/2025/08/09/mexico-pushes-back-on-us-military-plan"
    route_server.routes["/moved"] = answered_with_validators(
        page.read_bytes().replace(b"{base}", base.encode()), '"moved1"', None)

    def redirect(h):
        h.send_response(301)
        h.send_header("Location", f"{base}/moved")
        h.send_header("Content-Length", "0")
        h.end_headers()

    route_server.routes["/old"] = redirect
    db, outlets = tmp_path / "m.db", tmp_path / "outlets.toml"
    outlets.write_text(f'[[outlet]]\nname = "Moved"\ndomain = "127.0.0.1"\n'
                       f'urls = ["{base}/old"]\n')
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", db=db)
    crawl(db, outlets)
    route_server.requests.clear()
    crawl(db, outlets)
    assert validators_sent(route_server, {"/old", "/moved"}) == {
        "/old": (None, None), "/moved": ('"moved1"', None)}


def test_an_edited_article_becomes_a_new_version_and_its_verdicts_are_compared(
        editable_site, tmp_path):
    root, base = editable_site
    db, outlets = tmp_path / "m.db", write_outlets(tmp_path, base)
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", db=db)
    crawl(db, outlets)
    page = root / "tribune/world/2025/08/09/mexico-pushes-back-on-us-military-plan"
    page.write_text(page.read_text().replace("twenty-six drug suspects", "29 drug suspects"))
    crawl(db, outlets)
    versions = rows(db, "select version from versions join articles on articles.id = "
                        "article_id where url like '%mexico-pushes-back%' order by version")
    assert versions == [(1,), (2,)]
    changes = rows(db, """select claim_text, old_verdict, new_verdict from version_changes
                          where url like '%mexico-pushes-back%'""")
    assert len(changes) == 1
    claim, old, new = changes[0]
    assert "extradited 29" in claim and old == "conflict" and new != "conflict"


AGGREGATED = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"""


def test_aggregators_find_outlets_nobody_listed(editable_site, tmp_path):
    root, base = editable_site
    (root / "elsewhere").mkdir()
    english = ("<p>President Donald Trump has instructed the Pentagon to prepare military action "
               "against Latin American drug cartels that Washington has classified as global "
               "terrorist organisations.</p><p>Mexican President Claudia Sheinbaum said there "
               "would be “no invasion of Mexico.”</p><p>Last month Mexico extradited 29 drug "
               "suspects to the United States.</p>")
    spanish = ("<p>El presidente Donald Trump ordenó al Pentágono preparar acciones militares "
               "contra los cárteles de la droga latinoamericanos. La presidenta de México, "
               "Claudia Sheinbaum, respondió que no habrá ninguna invasión de México y que su "
               "gobierno seguirá cooperando con Washington.</p>")
    (root / "elsewhere/gdelt-story").write_text(AGGREGATED.format(
        lang="en", title="Pentagon to plan action on cartels", body=english))
    (root / "elsewhere/nota-carteles").write_text(AGGREGATED.format(
        lang="es", title="Trump ordena al Pentágono actuar contra los cárteles", body=spanish))
    (root / "gdelt").mkdir()
    (root / "gdelt/doc").write_text('{"articles": [{"url": "{base}/elsewhere/gdelt-story", '
                                    '"title": "x", "seendate": "20250808T200000Z", '
                                    '"domain": "elsewhere.example", "language": "English"}]}')
    (root / "gnews").mkdir()
    (root / "gnews/search").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</title>'
        "<link>{base}/gnews/articles/CBMi123</link><pubDate>Sat, 09 Aug 2025 10:00:00 GMT"
        '</pubDate><source url="https://noticias.example">Noticias Ejemplo</source></item>'
        "</channel></rss>")
    (root / "gnews/articles").mkdir()
    (root / "gnews/articles/CBMi123.redirect").write_text("{base}/elsewhere/nota-carteles")
    outlets = tmp_path / "outlets.toml"
    outlets.write_text('[[outlet]]\nname = "Listed"\ndomain = "localhost"\n'
                       'feeds = ["http://localhost:1/none.xml"]\n')
    db = tmp_path / "m.db"
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", "--published",
                "2025-08-08", "--aggregator", "gdelt", "--aggregator", "google-news", db=db)
    crawl(db, outlets, "-s", f"MONITOR_GDELT_URL={base}/gdelt/doc",
          "-s", f"MONITOR_GOOGLE_NEWS_URL={base}/gnews/search", "-s", "RETRY_TIMES=0")
    found = dict(rows(db, "select outlets.name, articles.language from articles join outlets "
                          "on outlets.id = outlet_id"))
    assert found == {"elsewhere.example": "en", "Noticias Ejemplo": "es"}
    coverage = dict(rows(db, """select articles.language, coverage.scored from coverage
                                join articles on articles.id = article_id
                                where is_coverage = 1"""))
    assert coverage == {"en": 1, "es": 0}  # found in Spanish, but not scored claim by claim
    report = run_monitor("report", db=db).stdout
    assert "1 article in another language (es) found but not scored" in report



@pytest.fixture(scope="module")
def feeds_elsewhere(route_server, tmp_path_factory) -> dict:
    """One crawl of an outlet whose feeds are on another host than its articles, as BBC's are
    on feeds.bbci.co.uk: here `localhost` for a site on `127.0.0.1`. The feed also lists a page
    on its own host and one on another outlet's server, and a second feed redirects to that
    server. Gives the database and what each server was asked for: (Host header, path)."""
    port = route_server.port
    site, feeds = route_server.base, f"http://localhost:{port}"
    other = RouteServer()
    page = send_body(harbour_article(1), "text/html; charset=utf-8")
    for n in range(1, 4):
        route_server.routes[f"/news/{n}.html"] = send_body(harbour_article(n),
                                                           "text/html; charset=utf-8")
    links = [f"{site}/news/2.html", f"{site}/news/3.html", f"{feeds}/news/1.html",
             f"{other.base}/news/1.html"]
    feed = send_body(('<?xml version="1.0"?><rss version="2.0"><channel>' + "".join(
        f"<item><link>{link}</link></item>" for link in links) + "</channel></rss>").encode(),
        "application/rss+xml")
    route_server.routes["/rss/world.xml"] = feed
    route_server.routes["/rss/moved.xml"] = answer(302, b"", {
        "Location": f"{other.base}/rss/world.xml"})
    other.routes.update({"/rss/world.xml": feed, "/news/1.html": page})
    tmp = tmp_path_factory.mktemp("feeds-elsewhere")
    outlets = tmp / "outlets.toml"
    # The article in `urls` names the site's origin, as a loopback outlet's port must be
    # named; the other outlet names the other server's, so that only the off-site rule
    # (not the guard against unnamed loopback addresses) keeps the crawl off it.
    outlets.write_text(f'[[outlet]]\nname = "Nereth Harbour News"\ndomain = "127.0.0.1"\n'
                       f'feeds = ["{feeds}/rss/world.xml", "{feeds}/rss/moved.xml"]\n'
                       f'urls = ["{site}/news/1.html"]\n\n'
                       f'[[outlet]]\nname = "Other Outlet"\ndomain = "127.0.0.1"\n'
                       f'urls = ["{other.base}/elsewhere.html"]\n')
    db = tmp / "m.db"
    route_server.requests.clear()
    try:
        run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", db=db)
        crawl(db, outlets, "-s", "RETRY_TIMES=0")
    finally:
        other.close()
    return {"db": db, "port": port,
            "asked": [(host, path) for host, path, _ in route_server.requests],
            "asked_elsewhere": [path for _, path, _ in other.requests]}


def test_a_feed_on_another_host_than_the_outlets_domain_is_read(feeds_elsewhere):
    assert (f"localhost:{feeds_elsewhere['port']}", "/rss/world.xml") in feeds_elsewhere["asked"]
    found = rows(feeds_elsewhere["db"], "select outlets.name, url from articles "
                                        "join outlets on outlets.id = outlet_id order by url")
    base = f"http://127.0.0.1:{feeds_elsewhere['port']}"
    assert found == [("Nereth Harbour News", f"{base}/news/{n}.html") for n in (1, 2, 3)]


def test_a_feed_host_cannot_lead_the_crawl_to_articles_off_the_outlets_domain(feeds_elsewhere):
    from_feed_host = [path for host, path in feeds_elsewhere["asked"]
                      if host.startswith("localhost")]
    assert "/news/1.html" not in from_feed_host
    assert "/news/1.html" not in feeds_elsewhere["asked_elsewhere"]


def test_a_feed_whose_articles_are_mostly_off_the_domain_is_told(feeds_elsewhere):
    # A wrong domain in the outlet file would lose the outlet's articles without an error.
    log = feeds_elsewhere["db"].with_suffix(".log").read_text()
    assert re.search(r"WARNING: Nereth Harbour News: 2 of the 4 articles listed are not on its "
                     r"domain 127\.0\.0\.1 \(most on (localhost|127\.0\.0\.1):\d+\), skipped: "
                     r"is the outlet file's domain right\?", log), log[-3000:]


def test_a_feed_host_cannot_redirect_the_crawl_to_another_site(feeds_elsewhere):
    moved = (f"localhost:{feeds_elsewhere['port']}", "/rss/moved.xml")
    assert moved in feeds_elsewhere["asked"]
    assert "/rss/world.xml" not in feeds_elsewhere["asked_elsewhere"]


def atom_page(entries: list[tuple[str, str]], older: str | None) -> bytes:
    """A page of a paged Atom feed (RFC 5005): its (link, updated) entries, and the link to its
    older entries."""
    link = f'<link rel="next" href="{older}"/>' if older else ""
    return ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            + link + "".join(f'<entry><title>E</title><link href="{url}"/><updated>{day}'
                             "T09:00:00Z</updated></entry>" for url, day in entries)
            + "</feed>").encode()


@pytest.fixture(scope="module")
def paged_feed(route_server, tmp_path_factory) -> dict:
    """One crawl of an outlet whose Atom feed is paged: its first page lists only articles
    newer than the story's window (the seed's day, 2025-08-08, give or take seven days), the
    second one in it, the third one from before it, and links a fourth."""
    site = route_server.base
    pages = [([(f"{site}/news/9.html", "2025-08-25")], "/feed?page=2"),
             ([(f"{site}/news/2.html", "2025-08-09")], f"{site}/feed/3"),
             ([(f"{site}/news/1.html", "2025-07-01")], f"{site}/feed/4")]
    for n, (entries, older) in enumerate(pages, 1):
        route_server.routes[f"/feed/{n}"] = send_body(atom_page(entries, older),
                                                      "application/atom+xml")
    route_server.routes["/feed"] = send_body(atom_page(*pages[1]), "application/atom+xml")
    route_server.routes["/feed/4"] = send_body(atom_page([], None), "application/atom+xml")
    for n in (1, 2, 9):
        route_server.routes[f"/news/{n}.html"] = send_body(harbour_article(n),
                                                           "text/html; charset=utf-8")
    tmp = tmp_path_factory.mktemp("paged-feed")
    outlets, db = tmp / "outlets.toml", tmp / "m.db"
    outlets.write_text(f'[[outlet]]\nname = "Paged Post"\ndomain = "127.0.0.1"\n'
                       f'feeds = ["{site}/feed/1"]\n')
    route_server.requests.clear()
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", "--published",
                "2025-08-08", db=db)
    crawl(db, outlets, "-s", "RETRY_TIMES=0")
    return {"db": db, "asked": [path for _, path, _ in route_server.requests]}


def test_a_paged_feeds_older_pages_are_read_for_the_storys_window(paged_feed):
    found = rows(paged_feed["db"], "select url from articles")
    assert [url.rsplit("/", 1)[1] for (url,) in found] == ["2.html"]
    assert "/feed" in paged_feed["asked"] and "/feed/3" in paged_feed["asked"]


def test_a_paged_feed_is_read_no_further_back_than_the_story_window(paged_feed):
    assert "/feed/4" not in paged_feed["asked"]
    assert "/news/1.html" not in paged_feed["asked"]
