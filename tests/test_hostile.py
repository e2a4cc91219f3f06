"""Hostile and broken servers: the crawl goes on, nothing bad gets in, the database stays sound.

One crawl (module fixture) over a loopback server that answers every path badly in its own way;
each test checks one case.
"""

import gzip
import json
import sqlite3
import time
import zlib

import pytest

from monitor.jobs.demo import SEED
from tests.conftest import RouteServer, run_monitor

pytestmark = pytest.mark.slow  # crawls hostile pages served on loopback

ARTICLE = """<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>
<nav><a href="/">Home</a></nav><article><h1>{title}</h1>{body}</article>
<footer>© Hostile Times</footer></body></html>"""
PARAGRAPHS = "".join(
    f"<p>{s}</p>" for s in [
        "President Donald Trump has instructed the Pentagon to prepare military action against "
        "Latin American drug cartels that Washington has classified as global terrorist "
        "organisations.",
        "Mexican President Claudia Sheinbaum said there would be “no invasion of Mexico.”",
        "Just last month, her administration extradited 29 drug suspects to the United States.",
        "Officials in both capitals said talks on security cooperation would continue.",
    ])


def page(title: str, body: str = PARAGRAPHS, meta: str = "") -> bytes:
    return ARTICLE.format(title=title, body=body, meta=meta).encode()


def answer(status: int, body: bytes = b"", headers: dict | None = None):
    def route(h):
        h.send_response(status)
        for name, value in (headers or {"Content-Type": "text/html; charset=utf-8"}).items():
            h.send_header(name, value)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
    return route


def never_ends(h):
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    for _ in range(40):  # bounded: 20 s at most, the crawl gives up after 3
        h.wfile.write(b"<p>.")
        h.wfile.flush()
        time.sleep(0.5)


def too_big(h):
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(64 * 1024 * 1024))
    h.end_headers()
    chunk = b"x" * 65536
    for _ in range(160):  # 10 MB at most, then stop
        h.wfile.write(chunk)


def endless_redirects(h):
    n = int(h.path.partition("n=")[2] or 0)
    answer(302, b"", {"Location": f"/redirect-loop?n={n + 1}"})(h)


def flaky():
    calls = {"n": 0}

    def route(h):
        calls["n"] += 1
        if calls["n"] <= 2:
            return answer(503, b"busy")(h)
        return answer(200, page("Flaky but fine"))(h)
    return route


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>{base}/laughs-&lol9;</link></item></channel></rss>"""


def never_answers(h):
    time.sleep(8)  # bounded: the crawl gives up after 3 s


SILENT_PAGES = [f"/silent-{n}" for n in range(12)]


@pytest.fixture(scope="module")
def silent_site():
    """Another site on loopback whose pages never answer (it stopped answering)."""
    server = RouteServer()
    server.routes.update({path: never_answers for path in SILENT_PAGES})
    yield server
    server.close()


@pytest.fixture(scope="module")
def hostile(route_server, silent_site, tmp_path_factory):
    """Serve every hostile case, crawl them all once, return (db, server, crawl result)."""
    base = route_server.base
    secret = tmp_path_factory.mktemp("secret") / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    landing = f"http://localhost:{route_server.port}/landing"
    cases = {
        "/good-article": answer(200, page("A good article")),
        "/gzip-bomb": answer(200, gzip.compress(b"\0" * 200_000_000, 9),
                             {"Content-Type": "text/html", "Content-Encoding": "gzip"}),
        "/deflate-bomb": answer(200, zlib.compress(b"\0" * 200_000_000, 9),
                                {"Content-Type": "text/html", "Content-Encoding": "deflate"}),
        "/too-big": too_big,
        "/never-ends": never_ends,
        "/redirect-loop": endless_redirects,
        "/redirect-away": answer(302, b"", {"Location": landing,
                                            "Set-Cookie": "session=abc123; Path=/"}),
        "/landing": answer(200, page("Landing elsewhere")),
        "/flaky": flaky(),
        "/gone": answer(404, b"not here"),
        "/broken-server": answer(500, b"oops"),
        "/octet-html": answer(200, page("Served as bytes"),
                              {"Content-Type": "application/octet-stream"}),
        "/no-type": answer(200, page("Served without a type"), {}),
        "/report.pdf": answer(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n",
                              {"Content-Type": "application/pdf"}),
        "/photo.jpg": answer(200, b"\xff\xd8\xff\xe0" + b"\0" * 2000,
                             {"Content-Type": "image/jpeg"}),
        "/cp1252-as-utf8": answer(200, page("Quotes déclarées", PARAGRAPHS + "<p>Le café de "
                                            "la señora Peña abrió en 1998, “dijo” ella.</p>"
                                            ).decode().encode("cp1252"),
                                  {"Content-Type": "text/html; charset=utf-8"}),
        "/undeclared-latin": answer(200, page("Sin declarar", PARAGRAPHS + "<p>El niño comió "
                                              "piñata en Querétaro y Mazatlán.</p>"
                                              ).decode().encode("cp1252"),
                                    {"Content-Type": "text/html"}),
        "/malformed": answer(200, b"<html><body><div><p>President Donald Trump has instructed "
                                  b"the Pentagon to prepare military action against Latin "
                                  b"American drug cartels.<p>Mexican President Claudia "
                                  b"Sheinbaum said there would be no invasion of Mexico.</div>"
                                  b"</span></table><p>Talks on security will continue next week "
                                  b"in the capital, officials from both countries said.<div"),
        "/empty": answer(200, b""),
        # 5 MB of links: trafilatura takes tens of seconds over it, more than the limit below.
        "/slow-to-read": answer(200, b"<html><body>" + b"<a href='/x'>link text</a> " * 200_000
                                + b"</body></html>"),
        "/moved": answer(200, b'<html><head><META HTTP-EQUIV="Refresh" CONTENT="0; '
                              b'URL=/moved-here"></head><body></body></html>'),
        "/moved-here": answer(200, page("Arrived by meta refresh")),
        "/paywall": answer(200, page("Subscribers only", "<p>President Donald Trump has "
                                     "instructed the Pentagon to act.</p><p>Subscribe to "
                                     "continue reading.</p>")),
        "/feed.xml": answer(200, f"""<?xml version="1.0"?><rss version="2.0"><channel>
            <item><link>file://{secret}</link></item>
            <item><link>data:text/html,&lt;p&gt;injected&lt;/p&gt;</link></item>
            <item><link>{base}/good-article</link></item></channel></rss>""".encode(),
                            {"Content-Type": "application/rss+xml"}),
        "/xxe.xml": answer(200, f"""<?xml version="1.0"?><!DOCTYPE r [
            <!ENTITY x SYSTEM "file://{secret}">]><rss version="2.0"><channel>
            <item><link>{base}/xxe-&x;</link></item></channel></rss>""".encode(),
                           {"Content-Type": "application/rss+xml"}),
        "/laughs.xml": answer(200, BILLION_LAUGHS.replace(b"{base}", base.encode()),
                              {"Content-Type": "application/rss+xml"}),
        "/xxe-sitemap.xml": answer(200, f"""<?xml version="1.0"?><!DOCTYPE r [
            <!ENTITY x SYSTEM "file://{secret}">]>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <url><loc>{base}/sitemap-&x;</loc></url></urlset>""".encode(),
                                   {"Content-Type": "application/xml"}),
    }
    route_server.routes.update(cases)
    articles = [p for p in cases if not p.endswith(".xml") and p not in ("/landing",
                                                                          "/moved-here")]
    tmp = tmp_path_factory.mktemp("hostile")
    outlets = tmp / "outlets.toml"
    outlets.write_text(
        '[[outlet]]\nname = "Hostile Times"\ndomain = "127.0.0.1"\n'
        f'feeds = ["{base}/feed.xml", "{base}/xxe.xml", "{base}/laughs.xml"]\n'
        f'sitemaps = ["{base}/xxe-sitemap.xml"]\n'
        f"urls = {json.dumps([base + p for p in articles])}\n"
        '[[outlet]]\nname = "Silent Post"\ndomain = "127.0.0.1"\n'
        f"urls = {json.dumps([silent_site.base + p for p in SILENT_PAGES])}\n")
    db = tmp / "m.db"
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", db=db)
    result = run_monitor(
        "run", "--outlets", str(outlets), "-s", "DOWNLOAD_DELAY=0", "-s", "DOWNLOAD_TIMEOUT=3",
        "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=2", "-s", "MONITOR_READ_TIMEOUT=3",
        "-s", "MONITOR_MAX_ELEMENTS=10000000",  # /slow-to-read is to be read, not refused
        "-s", 'DEFAULT_REQUEST_HEADERS={"Authorization": "Bearer s3cret"}', db=db, check=False)
    return db, route_server, result, secret


def q(db, sql, *params):
    return sqlite3.connect(db).execute(sql, params).fetchall()


def article(db, path):
    rows = q(db, "select title, text, is_stub from articles where url like ?", f"%{path}")
    return rows[0] if rows else None


def page_error(db, path):
    rows = q(db, "select status, error from pages where url like ?", f"%{path}")
    return rows[0] if rows else None


def test_the_run_finishes_and_the_database_is_sound(hostile):
    db, _, result, _ = hostile
    assert result.returncode == 0, result.stderr[-3000:]
    assert q(db, "pragma integrity_check") == [("ok",)]
    assert q(db, "pragma foreign_key_check") == []


def test_good_pages_among_bad_ones_are_stored(hostile):
    db = hostile[0]
    assert article(db, "/good-article")[0] == "A good article"


@pytest.mark.parametrize("path", ["/gzip-bomb", "/deflate-bomb", "/too-big"])
def test_bombs_and_oversized_pages_are_refused(hostile, path):
    db = hostile[0]
    assert article(db, path) is None
    status, error = page_error(db, path)
    assert error  # recorded with why


def test_a_response_that_never_ends_times_out(hostile):
    db = hostile[0]
    assert article(db, "/never-ends") is None
    assert "Timeout" in page_error(db, "/never-ends")[1] or "timed out" in page_error(
        db, "/never-ends")[1].lower()


def test_a_site_that_stopped_answering_is_not_asked_again(hostile, silent_site):
    asked = [path for _, path, _ in silent_site.requests if path in SILENT_PAGES]
    # Without the give-up each of its 12 pages is asked 3 times (retries): 36 requests.
    assert asked and len(asked) <= len(SILENT_PAGES)


def test_pages_of_a_site_given_up_are_recorded_as_failed_for_the_next_run(hostile,
                                                                          silent_site):
    db = hostile[0]
    errors = [page_error(db, path) for path in SILENT_PAGES]
    assert all(error is not None and error[1] for error in errors)
    assert any("not asked again in this run" in error[1] for error in errors)


def test_a_site_given_up_is_told_once(hostile, silent_site):
    told = hostile[2].stderr.count(f"{silent_site.base} stopped answering")
    assert told == 1, hostile[2].stderr[-3000:]


def test_a_redirect_loop_is_given_up(hostile):
    db, server = hostile[:2]
    assert article(db, "/redirect-loop") is None
    hits = [r for r in server.requests if r[1] == "/redirect-loop"]
    assert 1 < len(hits) <= 10  # REDIRECT_MAX_TIMES, then it gives up
    assert page_error(db, "/redirect-loop")[1]


def test_redirects_to_another_site_carry_no_cookie_or_authorization(hostile):
    db, server = hostile[:2]
    sent_home = [r[2] for r in server.requests if r[1] == "/good-article"]
    assert sent_home and sent_home[0].get("Authorization") == "Bearer s3cret"
    for host, _path, headers in server.requests:
        if host.startswith("localhost"):
            assert "Authorization" not in headers and "Cookie" not in headers
    assert article(db, "/landing") is None  # the crawl stays on the outlet's site


def test_a_redirect_off_the_site_is_recorded_as_refused_under_the_page_asked_for(hostile):
    db = hostile[0]
    status, error = page_error(db, "/redirect-away")
    assert status == 0 and "offsite" in error and "localhost" in error


def test_server_errors_are_retried(hostile):
    db, server = hostile[:2]
    assert len([r for r in server.requests if r[1] == "/flaky"]) == 3
    assert article(db, "/flaky")[0] == "Flaky but fine"
    assert len([r for r in server.requests if r[1] == "/broken-server"]) == 3


@pytest.mark.parametrize("path, status", [("/gone", 404), ("/broken-server", 500)])
def test_error_pages_are_recorded_not_stored(hostile, path, status):
    db = hostile[0]
    assert article(db, path) is None
    assert page_error(db, path) == (status, f"HTTP {status}")


@pytest.mark.parametrize("path", ["/octet-html", "/no-type"])
def test_html_with_a_wrong_or_missing_content_type_is_still_read(hostile, path):
    assert article(hostile[0], path) is not None


@pytest.mark.parametrize("path", ["/report.pdf", "/photo.jpg"])
def test_pdfs_and_images_are_not_articles(hostile, path):
    db = hostile[0]
    assert article(db, path) is None
    assert "not a web page" in page_error(db, path)[1]


def test_cp1252_declared_as_utf8_is_read_right(hostile):
    text = article(hostile[0], "/cp1252-as-utf8")[1]
    assert "café de la señora Peña" in text and "“dijo”" in text and "\ufffd" not in text


def test_the_raw_page_is_kept_byte_for_byte_as_served(hostile):
    from monitor.jobs.crawl import page_html
    from monitor.store.schema import open_db

    db = open_db(hostile[0])
    url = next(r["url"] for r in db.query("select url from pages where url like ?",
                                         ["%/cp1252-as-utf8"]))
    served = page("Quotes déclarées", PARAGRAPHS + "<p>Le café de la señora Peña abrió en "
                  "1998, “dijo” ella.</p>").decode().encode("cp1252")
    assert page_html(db, url) == served


def test_undeclared_encoding_is_detected(hostile):
    text = article(hostile[0], "/undeclared-latin")[1]
    assert "niño comió piñata en Querétaro y Mazatlán" in text


def test_malformed_html_is_read(hostile):
    assert "Claudia Sheinbaum" in article(hostile[0], "/malformed")[1]


def test_a_meta_refresh_is_followed(hostile):
    assert article(hostile[0], "/moved-here")[0] == "Arrived by meta refresh"


def test_an_empty_page_is_recorded_but_not_an_article(hostile):
    db = hostile[0]
    assert article(db, "/empty") is None
    assert page_error(db, "/empty")[1] == "no article text found"


def test_a_page_too_slow_to_read_is_given_up_and_recorded(hostile):
    db = hostile[0]
    assert article(db, "/slow-to-read") is None
    status, error = page_error(db, "/slow-to-read")
    assert status == 200 and error == "reading the page took over 3 s"


def test_paywall_stub_is_stored_flagged_and_not_matched(hostile):
    db = hostile[0]
    title, text, is_stub = article(db, "/paywall")
    assert is_stub == 1
    assert q(db, "select is_coverage from coverage join articles on articles.id = article_id "
                 "where url like '%/paywall'") == [(0,)]
    assert q(db, "select count(*) from matches join articles on articles.id = article_id "
                 "where url like '%/paywall'") == [(0,)]


def test_feed_links_to_local_files_and_data_urls_fetch_nothing(hostile):
    db, _, _, secret = hostile
    assert q(db, "select count(*) from pages where url like 'file:%' or url like 'data:%'") \
        == [(0,)]
    assert article(db, "/good-article") is not None  # the feed's good link was followed


def test_external_entities_are_neither_fetched_nor_expanded(hostile):
    db, server, _, secret = hostile
    dump = "\n".join(str(row) for table in ("articles", "pages", "crawl_runs")
                     for row in q(db, f"select * from {table}"))
    assert "TOP-SECRET" not in dump
    assert not any("TOP-SECRET" in path for _, path, _ in server.requests)


def test_entity_expansion_is_not_performed(hostile):
    db, server = hostile[:2]
    assert not any("lollollol" in path for _, path, _ in server.requests)
    assert q(db, "select max(length(url)) from pages")[0][0] < 1000


def test_crawl_settings_are_safe_for_unattended_runs():
    from monitor.jobs.crawl import crawl_settings

    settings = crawl_settings("x.db")
    assert settings.getbool("TELNETCONSOLE_ENABLED") is False
    assert settings.getbool("REMOTE_CONTROL_ENABLED") is False
    assert settings.getdict("EXTENSIONS")["scrapy.extensions.telnet.TelnetConsole"] is None
    assert settings.getdict("EXTENSIONS")["scrapy.extensions.remote_control.RemoteControl"] is None
    assert all(settings.getdict("DOWNLOAD_HANDLERS")[scheme] is None
               for scheme in ("file", "data", "s3", "ftp"))
    assert settings.getbool("ROBOTSTXT_OBEY") is True
    assert 0 < settings.getint("DOWNLOAD_WARNSIZE") < settings.getint("DOWNLOAD_MAXSIZE") \
        <= 16 * 1024 * 1024
    assert 0 < settings.getint("DOWNLOAD_TIMEOUT") <= 60
    assert "+http" in settings.get("USER_AGENT")  # a contact URL


def slow(seconds: float, route):
    def answer_late(h):
        time.sleep(seconds)
        route(h)
    return answer_late


def test_an_article_redirecting_to_another_outlets_article_leaves_that_outlet_its_own(
        route_server, tmp_path):
    # A's article redirects to B's; B's feed, slower, lists it: refused for A, it must not
    # count as already seen when B asks for it.
    base, port = route_server.base, route_server.port
    b_article = f"http://localhost:{port}/b/strike-second-week"
    route_server.routes.update({
        "/a-feed.xml": answer(200, f'<?xml version="1.0"?><rss version="2.0"><channel><item>'
                                   f'<link>{base}/a/strike-syndicated</link></item></channel>'
                                   f'</rss>'.encode(), {"Content-Type": "application/rss+xml"}),
        "/b-feed.xml": slow(2, answer(200, f'<?xml version="1.0"?><rss version="2.0"><channel>'
                                           f'<item><link>{b_article}</link></item></channel>'
                                           f'</rss>'.encode(),
                                      {"Content-Type": "application/rss+xml"})),
        "/a/strike-syndicated": answer(301, b"", {"Location": b_article}),
        "/b/strike-second-week": answer(200, page("Strike enters its second week")),
    })
    outlets = tmp_path / "outlets.toml"
    outlets.write_text(f'[[outlet]]\nname = "A"\ndomain = "127.0.0.1"\n'
                       f'feeds = ["{base}/a-feed.xml"]\n\n[[outlet]]\nname = "B"\n'
                       f'domain = "localhost"\nfeeds = ["http://localhost:{port}/b-feed.xml"]\n')
    db = tmp_path / "m.db"
    run_monitor("run", "--outlets", str(outlets), "-s", "DOWNLOAD_DELAY=0", "-s",
                "AUTOTHROTTLE_ENABLED=False", "-s",
                f"MONITOR_ALLOW_ORIGINS=http://localhost:{port}", db=db)
    stored = q(db, "select outlets.name, articles.title from articles join outlets on "
                   "outlets.id = articles.outlet_id")
    assert stored == [("B", "Strike enters its second week")]
