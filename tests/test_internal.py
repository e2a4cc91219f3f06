"""No request to an internal address, robots.txt everywhere, and nothing from a server that can
reach the terminal or take a listed outlet's name.

One crawl (module fixture) over four loopback servers:
- the listed outlet, named in the outlet file, which also answers as GDELT and Google News;
- an "internal" server on another port, standing in for 169.254.169.254, 10.0.0.1 or an admin
  port, that every path below tries to reach: it must receive no request at all;
- a site an aggregator finds (allowed by MONITOR_ALLOW_ORIGINS, as any loopback site must be);
- a site an aggregator finds whose robots.txt disallows everything.
"""

import io
import json
import logging
import sqlite3

import pytest

from monitor.crawler.addresses import is_public, parse_origins
from monitor.faces.terminal import clean, json_line
from monitor.jobs.demo import SEED
from monitor.steps.outlets import Outlet
from monitor.steps.urls import canonical_url, same_site
from tests.conftest import RouteServer, run_monitor
from tests.test_hostile import answer, page

RSS = "application/rss+xml"
XML = "application/xml"
HOSTILE_NAME = "\x1b]0;pwned\x07\x1b[2J\x1b[31mEvil \x9b1mOutlet\x1b[0m\u202e"
HOSTILE_TITLE = "\x1b]2;owned\x07Pentagon told \x1b[2Jto plan strikes on \x1b[5mcartels now"


def refresh_to(url: str):
    return answer(200, f'<html><head><meta http-equiv="refresh" content="0; url={url}">'
                       f"</head><body></body></html>".encode())


def xml(body: str, kind: str = XML):
    return answer(200, f'<?xml version="1.0"?>{body}'.encode(), {"Content-Type": kind})


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    outlet, internal, elsewhere, robots = (RouteServer() for _ in range(4))
    base, secret = outlet.base, internal.base
    other_host = f"http://localhost:{internal.port}"  # the internal port under another name
    internal.routes.update({path: answer(200, page("TOP SECRET internal page"))
                            for path in ("/", "/robots.txt", "/feed.xml", "/sitemap.xml",
                                         "/search", "/item", "/child.xml", "/listed",
                                         "/result-2025-08-09-story", "/redirected",
                                         "/refreshed", "/gdelt-entry", "/gnews-entry")})
    outlet.routes.update({
        "/feed.xml": xml(f"""<rss version="2.0"><channel>
            <item><link>{base}/good-article</link></item>
            <item><link>{secret}/item</link></item>
            <item><link>{other_host}/item</link></item></channel></rss>""", RSS),
        "/good-article": answer(200, page("The listed outlet's own article")),
        "/feed-redirect.xml": answer(302, b"", {"Location": f"{secret}/feed.xml"}),
        "/feed-away.xml": answer(302, b"", {"Location": f"{other_host}/feed.xml"}),
        "/feed-refresh.xml": refresh_to(f"{secret}/feed.xml"),
        "/sitemap-index.xml": xml(f"""<sitemapindex
            xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <sitemap><loc>{secret}/child.xml</loc></sitemap>
            <sitemap><loc>{base}/urls.xml</loc></sitemap></sitemapindex>"""),
        "/urls.xml": xml(f"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <url><loc>{secret}/listed</loc></url>
            <url><loc>{base}/sitemap-article</loc></url></urlset>"""),
        "/sitemap-article": answer(200, page("Listed in the sitemap")),
        "/sitemap-redirect.xml": answer(302, b"", {"Location": f"{secret}/sitemap.xml"}),
        "/sitemap-refresh.xml": refresh_to(f"{other_host}/sitemap.xml"),
        "/search": answer(302, b"", {"Location": f"{secret}/search"}),
        "/search-refresh": refresh_to(f"{secret}/search"),
        "/search-results": answer(200, f"""<html><body>
            <a href="{secret}/result-2025-08-09-story">internal</a>
            <a href="/world/2025/08/09/a-search-result-story">ours</a></body></html>""".encode()),
        "/world/2025/08/09/a-search-result-story": answer(200, page("Found by search")),
        "/canonical-elsewhere": answer(200, page(
            "Claims another port", meta=f'<link rel="canonical" href="{secret}/canonical">')),
        "/gdelt": answer(200, json.dumps({"articles": [
            {"url": f"{secret}/gdelt-entry", "domain": "internal"},
            {"url": f"{other_host}/gdelt-entry", "domain": "localhost"},
            {"url": f"http://[::ffff:127.0.0.1]:{internal.port}/gdelt-entry"},
            {"url": "http://169.254.169.254/latest/meta-data/iam", "domain": "metadata"},
            {"url": "http://10.0.0.1/admin", "domain": "router"},
            {"url": f"{elsewhere.base}/to-internal", "domain": "redirector"},
            {"url": f"{elsewhere.base}/refresh-to-internal", "domain": "refresher"},
            {"url": f"{elsewhere.base}/hostile-name", "domain": HOSTILE_NAME},
            {"url": f"{elsewhere.base}/takes-a-listed-name", "domain": "Listed Times"},
            {"url": f"{robots.base}/disallowed", "domain": "robots.example"},
            {"url": f"{elsewhere.base}/to-disallowed", "domain": "redirector"},
        ]}).encode(), {"Content-Type": "application/json"}),
        "/gnews": xml(f"""<rss version="2.0"><channel>
            <item><link>{elsewhere.base}/impostor</link>
            <source url="https://impostor.example">Listed Times</source></item>
            <item><link>{elsewhere.base}/claims-listed-site</link>
            <source url="{base}">Listed Times</source></item>
            <item><link>{secret}/gnews-entry</link>
            <source url="https://news.example">News</source></item></channel></rss>""", RSS),
    })
    elsewhere.routes.update({
        "/to-internal": answer(302, b"", {"Location": f"{secret}/redirected"}),
        "/refresh-to-internal": refresh_to(f"{secret}/refreshed"),
        "/hostile-name": answer(200, page("An outlet with a hostile name")),
        "/takes-a-listed-name": answer(200, page("Says it is the listed outlet")),
        "/impostor": answer(200, page("An impostor's story")),
        "/claims-listed-site": answer(200, page("Not on the listed site")),
        "/to-disallowed": answer(302, b"", {"Location": f"{robots.base}/disallowed-by-redirect"}),
    })
    robots.routes.update({
        "/robots.txt": answer(200, b"User-agent: *\nDisallow: /\n", {"Content-Type": "text/plain"}),
        "/disallowed": answer(200, page("Robots said no")),
        "/disallowed-by-redirect": answer(200, page("Robots said no here too")),
    })
    tmp = tmp_path_factory.mktemp("internal")
    outlets = tmp / "outlets.toml"
    outlets.write_text(f"""
[[outlet]]
name = "Listed Times"
domain = "127.0.0.1"
feeds = ["{base}/feed.xml", "{base}/feed-redirect.xml", "{base}/feed-away.xml",
         "{base}/feed-refresh.xml"]
sitemaps = ["{base}/sitemap-index.xml", "{base}/sitemap-redirect.xml",
            "{base}/sitemap-refresh.xml"]
search = "{base}/search?q={{query}}"
urls = ["{base}/canonical-elsewhere"]

[[outlet]]
name = "Second Listed"
domain = "127.0.0.1"
search = "{base}/search-results?q={{query}}"

[[outlet]]
name = "Third Listed"
domain = "127.0.0.1"
search = "{base}/search-refresh?q={{query}}"
""")
    seed = tmp / "seed.txt"
    seed.write_text(HOSTILE_TITLE + "\n" + SEED.read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp / "m.db"
    run_monitor("seed", "add", str(seed), "--slug", "trump-cartels", "--aggregator", "gdelt",
                "--aggregator", "google-news", db=db)
    result = run_monitor(
        "run", "--outlets", str(outlets), "-s", "DOWNLOAD_DELAY=0", "-s", "RETRY_TIMES=0",
        "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_TIMEOUT=5",
        "-s", f"MONITOR_GDELT_URL={base}/gdelt", "-s", f"MONITOR_GOOGLE_NEWS_URL={base}/gnews",
        "-s", f"MONITOR_ALLOW_ORIGINS={elsewhere.base},{robots.base}", db=db, check=False)
    yield {"db": db, "result": result, "outlet": outlet, "internal": internal,
           "elsewhere": elsewhere, "robots": robots}
    for server in (outlet, internal, elsewhere, robots):
        server.close()


def q(db, sql, *params):
    return sqlite3.connect(db).execute(sql, params).fetchall()


def stored(db, path):
    """The outlet each article whose URL ends with `path` is stored under."""
    return [r[0] for r in q(db, "select outlets.name from articles join outlets on "
                                "outlets.id = outlet_id where url like ?", f"%{path}")]


@pytest.mark.slow
def test_the_run_finishes(crawl):
    assert crawl["result"].returncode == 0, crawl["result"].stderr[-3000:]


@pytest.mark.slow
def test_the_internal_server_receives_no_request(crawl):
    print("PATHS", sorted((h, p) for h, p, _ in crawl["internal"].requests))
    assert crawl["internal"].requests == []
    dump = "\n".join(str(row) for table in ("articles", "pages")
                     for row in q(crawl["db"], f"select * from {table}"))
    assert "TOP SECRET" not in dump


@pytest.mark.slow
def test_the_listed_outlet_still_works(crawl):
    db = crawl["db"]
    assert stored(db, "/good-article") == ["Listed Times"]
    assert stored(db, "/sitemap-article") == ["Listed Times"]
    assert stored(db, "/a-search-result-story") == ["Second Listed"]


@pytest.mark.slow
@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/iam",
                                 "http://10.0.0.1/admin", "{secret}/gdelt-entry",
                                 "{other}/gdelt-entry", "{mapped}/gdelt-entry",
                                 "{secret}/gnews-entry"])
def test_aggregator_entries_for_internal_addresses_are_refused_and_recorded(crawl, url):
    port = crawl["internal"].port
    url = canonical_url(url.format(secret=f"http://127.0.0.1:{port}",
                                   other=f"http://localhost:{port}",
                                   mapped=f"http://[::ffff:127.0.0.1]:{port}"))
    ((error,),) = q(crawl["db"], "select error from pages where url = ?", url)
    assert "non-public address" in error


@pytest.mark.slow
def test_an_aggregator_found_site_cannot_redirect_or_refresh_to_an_internal_address(crawl):
    requested = [path for _, path, _ in crawl["elsewhere"].requests]
    assert "/to-internal" in requested and "/refresh-to-internal" in requested
    assert crawl["internal"].requests == []


@pytest.mark.slow
def test_an_aggregator_found_site_with_a_hostile_name_is_stored_under_a_clean_one(crawl):
    assert stored(crawl["db"], "/hostile-name") == [clean(HOSTILE_NAME, lines=False).strip()]


@pytest.mark.slow
def test_robots_txt_of_aggregator_found_sites_and_redirect_targets_is_obeyed(crawl):
    assert [path for _, path, _ in crawl["robots"].requests] == ["/robots.txt"]
    errors = [r[0] for r in q(crawl["db"], "select error from pages where url like ?",
                              f"{crawl['robots'].base}%")]
    assert errors and all("robots.txt" in e for e in errors)


@pytest.mark.slow
def test_canonical_url_on_another_port_is_not_taken(crawl):
    db, base = crawl["db"], crawl["outlet"].base
    assert q(db, "select url from articles where title = 'Claims another port'") == [
        (f"{base}/canonical-elsewhere",)]


@pytest.mark.slow
def test_an_aggregator_name_never_takes_a_listed_outlet(crawl):
    db = crawl["db"]
    assert q(db, "select domain from outlets where name = 'Listed Times'") == [("127.0.0.1",)]
    for path in ("/impostor", "/takes-a-listed-name", "/claims-listed-site"):
        (name,) = stored(db, path)
        assert name != "Listed Times"
    assert stored(db, "/impostor") == ["Listed Times (impostor.example)"]
    listed = q(db, "select url from articles join outlets on outlets.id = outlet_id "
                   "where outlets.name = 'Listed Times'")
    assert listed and all(url.startswith(crawl["outlet"].base) for (url,) in listed)


@pytest.mark.slow
def test_the_report_prints_hostile_names_and_titles_clean(crawl, tmp_path):
    # Names are cleaned when an aggregator gives them; a database written before was not.
    db = tmp_path / "raw-names.db"
    with sqlite3.connect(crawl["db"]) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
        copy.execute("update outlets set name = ? where name = 'Evil Outlet'", [HOSTILE_NAME])
    out = run_monitor("report", db=db).stdout
    assert "Evil Outlet" in out and "Evil 1mOutlet" not in out
    assert "Pentagon told to plan strikes on cartels now" in out
    for control in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert control not in out
    listing = run_monitor("seed", "list", db=db).stdout
    assert "Pentagon told to plan" in listing and "\x1b" not in listing


# ------------------------------------------------------------------ the rules, without a crawl

@pytest.mark.parametrize("address, public", [
    ("8.8.8.8", True), ("2606:4700::1111", True), ("::ffff:8.8.8.8", True),
    ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False),
    ("224.0.0.1", False), ("240.0.0.1", False), ("255.255.255.255", False),
    ("::1", False), ("::", False), ("fe80::1", False), ("fc00::1", False), ("fec0::1", False),
    ("ff02::1", False), ("::ffff:127.0.0.1", False), ("::ffff:169.254.169.254", False),
    ("2002:7f00:1::1", False), ("64:ff9b::a00:1", False), ("not an address", False)])
def test_which_addresses_are_public(address, public):
    assert is_public(address) is public


def test_the_resolver_answers_non_public_addresses_only_for_named_hosts():
    from monitor.crawler.addresses import NonPublicAddress, PublicAddressResolver

    resolver = PublicAddressResolver(reactor=None, cache_size=0, timeout=1)
    assert resolver._checked("93.184.215.14", "example.com") == "93.184.215.14"
    with pytest.raises(NonPublicAddress):  # rebound to loopback between check and connect
        resolver._checked("127.0.0.1", "example.com")
    resolver.named_hosts = frozenset({"localhost"})
    assert resolver._checked("127.0.0.1", "localhost") == "127.0.0.1"


def test_an_outlet_owns_its_named_origins_and_the_standard_ports_of_its_domain():
    outlet = Outlet("Local", "127.0.0.1", feeds=["http://127.0.0.1:8080/feed.xml"])
    assert outlet.owns("http://127.0.0.1:8080/a")
    assert not outlet.owns("http://127.0.0.1:8081/a")
    assert not outlet.owns("https://127.0.0.1:8080/a")
    site = Outlet("Site", "example.com", feeds=["https://example.com/feed"])
    assert site.owns("https://www.example.com/a") and site.owns("http://example.com/a")
    assert not site.owns("https://example.com:8443/a")
    assert not site.owns("http://example.com:443/a")


def test_a_request_carries_what_its_outlet_owns_and_not_its_list_of_urls():
    urls = [f"http://127.0.0.1:8080/{n}.html" for n in range(8_000)]
    outlet = Outlet("Local", "127.0.0.1", urls=urls, feeds=["http://127.0.0.1:8081/feed.xml"])
    data = json.loads(json.dumps(outlet.as_data()))  # as a request travels through Redis
    carried = Outlet.from_data(data)
    assert len(json.dumps(data)) < 200
    assert (carried.name, carried.domain, carried.listed) == ("Local", "127.0.0.1", True)
    assert carried.owns("http://127.0.0.1:8080/new.html")
    assert carried.owns("http://127.0.0.1:8081/other.html")
    assert not carried.owns("http://127.0.0.1:8082/a")


def test_a_listed_feeds_own_host_may_be_read_but_owns_no_article():
    outlet = Outlet("Wire", "example.com", feeds=["https://feeds.example.net/world.xml"])
    assert outlet.may_read_source("https://feeds.example.net/world.xml")
    assert outlet.may_read_source("http://feeds.example.net/moved.xml")  # the standard ports
    assert outlet.may_read_source("https://www.example.com/feed.xml")  # the outlet's own site
    assert not outlet.may_read_source("https://feeds.example.net:8443/world.xml")
    assert not outlet.may_read_source("https://cdn.feeds.example.net/world.xml")
    assert not outlet.may_read_source("https://example.net/world.xml")
    assert not outlet.owns("https://feeds.example.net/2025/08/09/story.html")


def test_a_request_carries_the_origins_of_its_outlets_sources():
    outlet = Outlet("Wire", "example.com", sitemaps=["https://cdn.example.net/news.xml"],
                    search="https://search.example.org/?q={query}")
    carried = Outlet.from_data(json.loads(json.dumps(outlet.as_data())))
    assert carried.may_read_source("https://cdn.example.net/news-2.xml")
    assert carried.may_read_source("https://search.example.org/?q=cartels")
    assert not carried.may_read_source("https://example.net/news.xml")


def test_a_canonical_url_keeps_a_port_that_is_not_the_schemes_own():
    assert canonical_url("http://example.com:443/a") == "http://example.com:443/a"
    assert canonical_url("https://example.com:443/a") == "https://example.com/a"
    assert canonical_url("http://[::1]:8080/a") == "http://[::1]:8080/a"
    assert not same_site("http://example.com:8080/a", "http://example.com/b")
    assert same_site("http://example.com/a", "https://example.com/b")


def test_clean_removes_escape_sequences_and_controls():
    assert clean("a\x1b]0;title\x07b\x1b[2J\x1b[1;31mc\x9b0m\x1bcd\re\x00") == "abcde"
    assert clean("line\ttab\nnext") == "line\ttab\nnext"
    assert clean("line\ttab\nnext", lines=False) == "line tab next"
    assert clean("\u202eevil\u2066") == "evil"
    # An unterminated string loses its introducer, not the rest of the text.
    assert clean("x\x1b]0;no end\nreport goes on") == "x0;no end\nreport goes on"
    assert clean("Ünïcödé — “quotes”") == "Ünïcödé — “quotes”"


def test_log_lines_are_cleaned_tracebacks_included():
    import io
    import logging

    from monitor.faces.terminal import cleaned

    stream = io.StringIO()
    log = logging.getLogger("test_internal.clean")
    log.propagate = False
    log.addHandler(cleaned(cleaned(logging.StreamHandler(stream))))  # twice is once
    try:
        raise ValueError("\x1b]0;title\x07bad")
    except ValueError:
        log.exception("fetched %s", "http://x.example/\x1b[2J")
    written = stream.getvalue()
    assert "\x1b" not in written and "\x07" not in written
    assert "fetched http://x.example/" in written and "ValueError: bad" in written


def _log_through(handler) -> None:
    from monitor.faces.terminal import cleaned

    log = logging.getLogger(f"test_internal.{type(handler).__name__}")
    log.propagate = False
    log.addHandler(cleaned(handler))
    try:
        raise KeyError("in our own code")
    except KeyError:
        log.exception("spider error processing %s", "http://x.example/a")
    handler.close()
    log.removeHandler(handler)


def test_a_terminal_or_a_pipe_gets_an_error_in_one_line_without_its_traceback():
    stream = io.StringIO()
    _log_through(logging.StreamHandler(stream))
    assert stream.getvalue() == ("spider error processing http://x.example/a "
                                 "(KeyError: 'in our own code')\n")


def test_the_log_file_keeps_an_errors_traceback(tmp_path):
    _log_through(logging.FileHandler(tmp_path / "m.log"))
    written = (tmp_path / "m.log").read_text()
    assert "Traceback (most recent call last)" in written and "KeyError" in written


def test_why_a_download_failed_is_said_in_a_few_words():
    from scrapy.exceptions import CannotResolveHostError, IgnoreRequest
    from twisted.python.failure import Failure

    from monitor.crawler.failures import detail, short_reason

    failure = Failure(CannotResolveHostError("DNS lookup failed: no results for nowhere.invalid"))
    assert short_reason(failure) == "host not found"
    assert detail(failure) == ("CannotResolveHostError: DNS lookup failed: no results for "
                               "nowhere.invalid")
    assert short_reason(Failure(IgnoreRequest("Forbidden by robots.txt"))) == \
        "Forbidden by robots.txt"


def test_the_failed_sources_line_names_the_first_few_by_outlet_and_counts_the_rest():
    from monitor.jobs.run import SOURCES_SHOWN, failed_sources

    sources = [{"source": f"Outlet {n} feed", "url": f"https://o{n}.example/rss",
                "reason": "404"} for n in reversed(range(SOURCES_SHOWN + 2))]
    line = failed_sources(sources)
    assert line.startswith(f"{SOURCES_SHOWN + 2} sources failed: Outlet 0 feed "
                           f"https://o0.example/rss (404), Outlet 1 feed ")
    assert line.endswith(", and 2 more") and "\n" not in line


def test_json_output_escapes_what_json_leaves_raw():
    line = json_line({"title": "a\x1b[2J\x9bb\u202ec"})
    assert json.loads(line) == {"title": "a\x1b[2J\x9bb\u202ec"}
    assert clean(line) == line


def test_a_summary_of_one_page_says_one_page_not_one_pages():
    from monitor.jobs.run import summary

    line = summary({"status": "finished", "pages": 1, "articles": 1, "changed": 1,
                    "new_articles": 1, "new_versions": 0, "errors": 1})
    assert line == ("Crawl finished: 1 page, 1 article (1 new or changed: 1 new article, "
                    "0 new versions), 1 error")


def test_an_allowed_origin_given_as_a_list_is_warned_of_and_ignored(caplog):
    # A setting read from JSON may hold a list where a URL should be: said, never a crash.
    found = parse_origins(["http://127.0.0.1:8080", ["http://127.0.0.1:9090"]], "allowed")
    assert found == {("http", "127.0.0.1", 8080)}
    assert "not an http(s) origin, ignored" in caplog.text
