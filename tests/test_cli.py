"""Bad input gets one clear line and a non-zero exit, never a traceback."""

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest

from monitor.store import schema
from tests.conftest import ROOT, fetch_when_up, free_port, run_monitor

pytestmark = pytest.mark.slow  # runs the CLI in a subprocess


def test_invalid_outlet_file_names_the_file_and_the_problem(tmp_path):
    outlets = tmp_path / "outlets.toml"
    outlets.write_text('[[outlet]]\nname = "No Domain"\nfeeds = ["http://x.test/rss"]\n')
    result = run_monitor("crawl", "--outlets", str(outlets), db=tmp_path / "m.db", check=False)
    assert result.returncode != 0
    assert "outlet #1: `domain` is required" in result.stderr
    assert "Traceback" not in result.stderr


def test_outlet_file_with_broken_toml_gives_the_line(tmp_path):
    outlets = tmp_path / "outlets.toml"
    outlets.write_text('[[outlet]]\nname = "Broken\n')
    result = run_monitor("crawl", "--outlets", str(outlets), db=tmp_path / "m.db", check=False)
    assert result.returncode != 0 and "line 2" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_outlet_file_is_a_clear_error(tmp_path):
    result = run_monitor("crawl", "--outlets", str(tmp_path / "none.toml"),
                         db=tmp_path / "m.db", check=False)
    assert result.returncode != 0 and "cannot read the outlet file" in result.stderr


def test_empty_seed_is_refused(tmp_path):
    seed = tmp_path / "empty.txt"
    seed.write_text("World\n")
    result = run_monitor("seed", "add", str(seed), db=tmp_path / "m.db", check=False)
    assert result.returncode != 0 and "no claims found" in result.stderr


def test_a_refused_first_seed_leaves_no_database_behind(tmp_path):
    result = run_monitor("seed", "add", str(tmp_path / "missing.txt"), db=tmp_path / "m.db",
                         check=False)
    assert result.returncode != 0 and list(tmp_path.iterdir()) == []


def test_binary_seed_is_refused(tmp_path):
    seed = tmp_path / "seed.bin"
    seed.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    result = run_monitor("seed", "add", str(seed), db=tmp_path / "m.db", check=False)
    assert result.returncode != 0 and "UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_story_is_a_clear_error(tmp_path):
    from monitor.store.schema import open_db

    open_db(tmp_path / "m.db").close()
    result = run_monitor("report", "--story", "nope", db=tmp_path / "m.db", check=False)
    assert result.returncode != 0 and "no story called 'nope'" in result.stderr


def test_seed_add_lists_the_claims(seed_text, tmp_path):
    from monitor.jobs.demo import SEED

    result = run_monitor("seed", "add", str(SEED), "--slug", "cartels", db=tmp_path / "m.db")
    assert "Story 'cartels': 23 claims" in result.stdout
    # (her "she" follows a sentence that names her last but opens with "the move": a guess)
    assert "no invasion of Mexico (Claudia Sheinbaum, guessed)" in result.stdout


def test_report_shows_the_matrix_and_conflicts(crawled_demo):
    out = run_monitor("report", "--story", "trump-cartels", db=crawled_demo).stdout
    assert "12 covering articles from 7 outlets" in out and "Story: Trump Moves" in out
    assert "Conflicts (" in out and "twenty-six" in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_pairs_reads_tsv_and_writes_a_decision_per_pair(tmp_path):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(
        "id\tsentence1\tsentence2\n"
        "a\tThe council approved the budget on Monday.\t"
        "On Monday the council approved the budget.\n"
        "b\tThe council approved the budget on Monday.\t"
        "Heavy rain flooded the valley overnight.\n")
    out = run_monitor("pairs", str(pairs)).stdout.splitlines()
    assert out[0] == "id\tscore\tsame"
    rows = {line.split("\t")[0]: line.split("\t") for line in out[1:]}
    assert rows["a"][2] == "1" and rows["b"][2] == "0"
    assert float(rows["a"][1]) > float(rows["b"][1])


def test_pairs_without_header_and_with_a_bad_line(tmp_path):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("1\tOne sentence here.\tAnother sentence there.\nbroken line\n")
    result = run_monitor("pairs", str(pairs), check=False)
    assert result.returncode != 0 and "line 2" in result.stderr


def test_the_starter_outlet_file_loads():
    from monitor.steps.outlets import load_outlets
    from tests.conftest import ROOT

    outlets = load_outlets(ROOT / "data/outlets.toml")
    assert len(outlets) >= 20
    assert all(o.feeds or o.sitemaps for o in outlets)


def test_a_domain_written_as_the_sites_address_is_read_as_its_host(tmp_path):
    from monitor.steps.outlets import load_outlets

    outlets = tmp_path / "outlets.toml"
    outlets.write_text('[[outlet]]\nname = "Tribune"\ndomain = "https://X.example/"\n'
                       'feeds = ["https://x.example/rss"]\n')
    (outlet,) = load_outlets(outlets)
    assert outlet.domain == "x.example"
    assert outlet.owns("https://x.example/world/2025/08/09/story.html")


def test_an_article_url_off_the_outlets_domain_is_refused_with_the_outlet_and_the_url(tmp_path):
    from monitor.steps.outlets import OutletFileError, load_outlets

    outlets = tmp_path / "outlets.toml"
    outlets.write_text('[[outlet]]\nname = "Tribune"\ndomain = "x.example"\n'
                       'feeds = ["https://feeds.y.example/rss"]\n'
                       'urls = ["https://news.x.example/a.html", "https://y.example/b.html"]\n')
    with pytest.raises(OutletFileError) as refused:
        load_outlets(outlets)
    message = str(refused.value)
    assert "(Tribune)" in message and "https://y.example/b.html" in message
    assert "\n" not in message


def test_a_domain_with_a_port_is_refused_with_where_the_port_goes(tmp_path):
    from monitor.steps.outlets import OutletFileError, load_outlets

    outlets = tmp_path / "outlets.toml"
    outlets.write_text('[[outlet]]\nname = "Tribune"\ndomain = "127.0.0.1:8957"\n'
                       'feeds = ["http://127.0.0.1:8957/rss"]\n')
    with pytest.raises(OutletFileError, match="domain = \"127.0.0.1\"; a port belongs in"):
        load_outlets(outlets)


def test_unreachable_seed_url_is_a_clear_error(tmp_path):
    result = run_monitor("seed", "add", "http://127.0.0.1:9/story.html", db=tmp_path / "m.db",
                         check=False)
    assert result.returncode != 0 and "cannot fetch the seed" in result.stderr
    assert "Traceback" not in result.stderr


def test_unwritable_database_path_is_a_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    for args in (["seed", "add", "data/seeds/port-strike.txt"],
                 ["run", "--outlets", "data/demo/outlets.toml"]):
        result = run_monitor(*args, db=blocker / "m.db", check=False)
        assert result.returncode != 0 and "database" in result.stderr, args
        assert "Traceback" not in result.stderr


def test_a_seed_saved_as_a_web_page_is_read_like_the_crawl_reads_pages(tmp_path):
    from tests.conftest import ROOT

    page = ROOT / "data/demo/site/wire/2025/08/12/calder-bay-dockworkers-strike.html"
    out = run_monitor("seed", "add", str(page), "--slug", "strike", db=tmp_path / "m.db").stdout
    assert "Story 'strike': 6 claims" in out
    assert "cookies" not in out and "<p>" not in out


def skip_if_the_demo_port_is_taken() -> None:
    from monitor.jobs.demo import DEMO_PORT

    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", DEMO_PORT)) == 0:
            pytest.skip(f"port {DEMO_PORT} is taken: the demo would use another address")


@pytest.fixture(scope="module")
def demo_twice(tmp_path_factory) -> tuple[str, str]:
    """What `monitor demo` printed the first and the second time over one database."""
    skip_if_the_demo_port_is_taken()
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    return run_monitor("demo", db=db).stdout, run_monitor("demo", db=db).stdout


def test_running_the_demo_twice_recrawls_instead_of_piling_up(demo_twice):
    first, second = demo_twice
    assert "(of 32 articles read)" in first and "(of 32 articles read)" in second
    assert "0 new or changed" in second


def test_a_recrawl_says_its_pages_were_unchanged(demo_twice):
    assert ("Crawl finished: 32 pages (32 unchanged since the last run), 0 articles"
            in demo_twice[1])


def test_after_a_run_the_database_file_alone_holds_everything(tmp_path):
    # A user backs up or shares the .db file: what a run wrote must not stay in its -wal.
    skip_if_the_demo_port_is_taken()
    run_monitor("demo", db=tmp_path / "demo.db")
    (tmp_path / "copy").mkdir()
    copy = shutil.copy(tmp_path / "demo.db", tmp_path / "copy/demo.db")
    report = run_monitor("report", "--story", "port-strike", db=copy).stdout
    assert "(of 32 articles read)" in report


PORT_STRIKE = ROOT / "data/seeds/port-strike.txt"

# Each bad input of issue 19: the arguments, which database, and the one error line expected.
BAD_INPUT = {
    "report --width 0": (["report", "--width", "0"], "story",
                         "Invalid value for '--width': 0 is not in the range x>=40"),
    "report --html into a missing folder": (
        ["report", "--html", "/nonexistent/dir/x.html"], "story",
        "cannot write /nonexistent/dir/x.html: No such file or directory"),
    "pairs on an image": (["pairs", "{tmp}/some.png"], "none",
                          "some.png: not UTF-8 text (byte 0)"),
    "seed add of a missing file": (["seed", "add", "{tmp}/missing.txt"], "new",
                                   "missing.txt: no such file"),
    "seed add with a bad slug": (["seed", "add", str(PORT_STRIKE), "--slug", "bad slug/../x"],
                                 "new", "--slug 'bad slug/../x': use lower-case letters"),
    "seed add with an --url that is no page": (
        ["seed", "add", str(PORT_STRIKE), "--url", "harbour.example/strike"], "new",
        "--url 'harbour.example/strike': not the address of a web page"),
    "report on a missing database": (["report"], "missing", "no database at {tmp}/nodir/m.db"),
    "seed list on a missing database": (["seed", "list"], "missing",
                                        "no database at {tmp}/nodir/m.db"),
    "serve on a missing database": (["serve"], "missing", "no database at {tmp}/nodir/m.db"),
    "match on a missing database": (["match"], "missing", "no database at {tmp}/nodir/m.db"),
    "serve on a port beyond 65535": (["serve", "--port", "99999"], "story",
                                     "Invalid value for '--port': 99999 is not in the range"),
    "crawl with a file: search page": (
        ["crawl", "--outlets", "{tmp}/search.toml"], "new",
        "search.toml: outlet #1 (Evil): `search` is not an http(s) URL: "
        "file:///etc/passwd?{{query}}"),
    "crawl with a domain that is a page": (
        ["crawl", "--outlets", "{tmp}/domain.toml"], "new",
        "domain.toml: outlet #1 (Tribune): `domain` must be a host name such as example.com, "
        "not https://x.example/news"),
    "crawl with a Latin-1 outlet file": (["crawl", "--outlets", "{tmp}/latin1.toml"], "new",
                                         "latin1.toml: not UTF-8 text (byte 22)"),
    "report on a database with no story": (["report"], "empty",
                                            "no story in {tmp}/empty.db yet: register one"),
    "report --html on a database with no story": (
        ["report", "--html", "{tmp}/r.html"], "empty", "no story in {tmp}/empty.db yet"),
    "run with a time limit in hours": (
        ["run", "-s", "MONITOR_MAX_RUN=2h"], "story",
        "-s MONITOR_MAX_RUN=2h: MONITOR_MAX_RUN takes a number (default: 3600)"),
    "run with one and a half requests at once": (
        ["run", "-s", "CONCURRENT_REQUESTS=1.5"], "story",
        "-s CONCURRENT_REQUESTS=1.5: CONCURRENT_REQUESTS takes a whole number (default: 16)"),
    "run taking a feed's newest -5 entries": (
        ["run", "-s", "MONITOR_MAX_ENTRIES=-5"], "story",
        "-s MONITOR_MAX_ENTRIES=-5: MONITOR_MAX_ENTRIES takes a whole number of 0 or more "
        "(default: 2000)"),
    "run with a negative timeout": (
        ["run", "-s", "DOWNLOAD_TIMEOUT=-1"], "story",
        "-s DOWNLOAD_TIMEOUT=-1: DOWNLOAD_TIMEOUT takes a number of 0 or more (default: 30)"),
    "run with robots.txt maybe obeyed": (
        ["run", "-s", "ROBOTSTXT_OBEY=maybe"], "story",
        "-s ROBOTSTXT_OBEY=maybe: ROBOTSTXT_OBEY takes True or False (default: True)"),
}

# The outlet files the cases above read, written by the test.
BAD_OUTLET_FILES = {
    "search.toml": b'[[outlet]]\nname = "Evil"\ndomain = "x.example"\n'
                   b'search = "file:///etc/passwd?{query}"\n',
    "domain.toml": b'[[outlet]]\nname = "Tribune"\ndomain = "https://x.example/news"\n'
                   b'feeds = ["https://x.example/rss"]\n',
    "latin1.toml": '[[outlet]]\nname = "Café"\ndomain = "x.example"\n'.encode("latin-1"),
}


@pytest.fixture(scope="module")
def story_db(tmp_path_factory):
    """A database with the port-strike story registered."""
    db = tmp_path_factory.mktemp("story") / "m.db"
    run_monitor("seed", "add", str(PORT_STRIKE), "--slug", "port-strike", db=db)
    return db


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input_gets_one_line_naming_the_problem(case, story_db, tmp_path):
    args, which, expected = BAD_INPUT[case]
    (tmp_path / "some.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    for name, content in BAD_OUTLET_FILES.items():
        (tmp_path / name).write_bytes(content)
    schema.open_db(tmp_path / "empty.db").close()
    db = {"story": story_db, "new": tmp_path / "m.db", "missing": tmp_path / "nodir" / "m.db",
          "empty": tmp_path / "empty.db", "none": None}[which]
    result = run_monitor(*[a.format(tmp=tmp_path) for a in args], db=db, check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and expected.format(tmp=tmp_path) in errors[0], result.stderr
    assert not (tmp_path / "nodir").exists()  # commands that only read create nothing



def test_a_setting_of_the_wrong_kind_starts_no_run(story_db):
    def runs() -> int:
        with closing(sqlite3.connect(story_db)) as db:
            return db.execute("select count(*) from crawl_runs").fetchone()[0]

    before = runs()
    run_monitor("run", "-s", "DOWNLOAD_DELAY=fast", db=story_db, check=False)
    assert runs() == before



def test_a_run_with_no_story_says_how_to_add_one(outlet_server, tmp_path):
    from tests.conftest import write_outlets

    out = run_monitor("run", "--outlets", str(write_outlets(tmp_path, outlet_server)),
                      "-s", "DOWNLOAD_DELAY=0", db=tmp_path / "m.db").stdout
    assert "No story is registered yet" in out and "monitor seed add" in out


LOG_LINE = "2025-08-09 10:00:00,000 [monitor] INFO: Crawl finished: 3 pages\n"


@pytest.fixture
def one_outlet(tmp_path):
    """An outlet file with one outlet (on a port nobody listens on)."""
    outlets = tmp_path / "outlets.toml"
    outlets.write_text('[[outlet]]\nname = "Local"\ndomain = "127.0.0.1"\n'
                       'urls = ["http://127.0.0.1:9/story.html"]\n')
    return outlets


@pytest.mark.parametrize("command, expected", [
    (["run"], "--db {log}: the log file would be the database file; name the database *.db "
              "(or give --log-file)"),
    (["report"], "cannot read database {log}: file is not a database"),
    (["seed", "add", str(PORT_STRIKE)], "cannot open database {log}: file is not a database")],
    ids=["run", "report", "seed add"])
def test_a_log_file_given_as_the_database_is_refused_and_left_as_it_was(tmp_path, one_outlet,
                                                                         command, expected):
    log = tmp_path / "monitor.log"
    log.write_text(LOG_LINE)
    extra = ["--outlets", str(one_outlet)] if command == ["run"] else []
    result = run_monitor(*command, *extra, db=log, check=False)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [f"Error: {expected.format(log=log)}"]
    assert log.read_text() == LOG_LINE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["monitor.log", "outlets.toml"]


def test_run_refuses_a_new_database_named_like_its_log_file(tmp_path, one_outlet):
    result = run_monitor("run", "--outlets", str(one_outlet), db=tmp_path / "new.log",
                         check=False)
    assert result.returncode != 0 and "the log file would be the database file" in result.stderr
    assert not (tmp_path / "new.log").exists()


@pytest.fixture(scope="module")
def damaged_db(crawled_demo, tmp_path_factory):
    """A copy of the crawled demo database whose `claims` table has a page of random bytes."""
    import random
    import sqlite3

    db = tmp_path_factory.mktemp("damaged") / "m.db"
    with sqlite3.connect(crawled_demo) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
        page_size = copy.execute("pragma page_size").fetchone()[0]
        (root,) = copy.execute("select rootpage from sqlite_master where name = 'claims'"
                               ).fetchone()
    copy.close()
    with open(db, "r+b") as f:  # all but the page's header
        f.seek((root - 1) * page_size + 8)
        f.write(random.Random(16).randbytes(page_size - 8))
    return db


def _counts(db) -> tuple[int, int]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute("select (select count(*) from crawl_runs), "
                            "(select count(*) from pages)").fetchone()


@pytest.mark.parametrize("command", [["report"], ["run"], ["upgrade"]],
                         ids=["report", "run", "upgrade"])
def test_a_damaged_database_gets_one_line_saying_what_to_do(damaged_db, outlet_server,
                                                            tmp_path, command):
    from tests.conftest import write_outlets

    before = _counts(damaged_db)
    extra = ["--outlets", str(write_outlets(tmp_path, outlet_server))] if command == ["run"] \
        else []
    result = run_monitor(*command, *extra, db=damaged_db, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"Error: database {damaged_db} is damaged (")
    assert errors[0].endswith(f"restore it from a backup, or save what can still be read "
                              f"with `sqlite3 {damaged_db} .recover | sqlite3 recovered.db`")
    assert _counts(damaged_db) == before  # `run` recorded no run and stored no page


def test_a_cp1252_seed_file_is_read(tmp_path):
    seed = tmp_path / "seed.txt"
    seed.write_bytes("World\nDockers Walk Out at Calder Bay\nThe union said 1,200 workers "
                     "“stopped work” at dawn on Tuesday, café owners said.\nThe port authority "
                     "said the strike would cost £4 million a day.\n".encode("cp1252"))
    out = run_monitor("seed", "add", str(seed), "--slug", "dockers", db=tmp_path / "m.db").stdout
    assert "Story 'dockers': 2 claims" in out
    assert "“stopped work” at dawn on Tuesday, café owners" in out and "£4 million" in out


def test_seed_list_names_each_storys_aggregators(tmp_path):
    db = tmp_path / "m.db"
    run_monitor("seed", "add", str(PORT_STRIKE), "--slug", "port-strike", "--aggregator",
                "gdelt", "--aggregator", "google-news", db=db)
    run_monitor("seed", "add", str(ROOT / "data/seeds/congestion-charge.txt"), db=db)
    listed = run_monitor("seed", "list", db=db).stdout
    assert "aggregators gdelt, google-news" in listed and "aggregators none" in listed


def test_seed_add_and_seed_list_name_the_seeds_own_page_or_say_how_to_give_it(tmp_path):
    db = tmp_path / "m.db"
    added = run_monitor("seed", "add", str(PORT_STRIKE), "--slug", "port-strike", "--url",
                        "https://harbour.example/2025/08/12/dockers-strike", db=db).stdout
    pasted = run_monitor("seed", "add", str(ROOT / "data/seeds/congestion-charge.txt"),
                         db=db).stdout
    listed = run_monitor("seed", "list", db=db).stdout
    page = "its own page https://harbour.example/2025/08/12/dockers-strike"
    assert page in added and page in listed
    assert "--url" in pasted and listed.count("its own page not given") == 1


def test_db_is_taken_after_the_command_name_too(tmp_path):
    db = tmp_path / "elsewhere.db"
    run_monitor("seed", "add", str(PORT_STRIKE), "--slug", "port-strike", "--db", str(db),
                cwd=tmp_path)
    listed = run_monitor("seed", "list", "--db", str(db), cwd=tmp_path).stdout
    assert listed.startswith("port-strike: Dockworkers Walk Out")
    assert not (tmp_path / "data").exists()  # the default database was not used


def _without_write_rights(command: list[str]) -> subprocess.Popen:
    # Root writes anywhere whatever the modes say: as root, the command runs without the
    # capabilities that override file modes, as any other owner of the files would.
    prefix = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: file modes cannot make a folder "
                        "read-only for this test")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    return subprocess.Popen([*prefix, sys.executable, "-m", "monitor", *command], cwd=ROOT,
                            text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.fixture
def read_only_db(tmp_path):
    """A database with one story, in a read-only folder."""
    db = tmp_path / "ro" / "m.db"
    run_monitor("seed", "add", str(PORT_STRIKE), "--slug", "port-strike", db=db)
    assert not (tmp_path / "ro" / "m.db-shm").exists()  # a reader would have to create it
    db.chmod(0o444)
    db.parent.chmod(0o555)
    yield db
    db.parent.chmod(0o755)


@pytest.mark.parametrize("command, expected", [
    (["report"], "Story: Dockworkers Walk Out at Calder Bay"),
    (["seed", "list"], "port-strike: Dockworkers Walk Out at Calder Bay")])
def test_commands_that_only_read_work_in_a_read_only_folder(read_only_db, command, expected):
    process = _without_write_rights(["--db", str(read_only_db), *command])
    out, errors = process.communicate(timeout=120)
    assert process.returncode == 0, errors
    assert expected in out


def test_serve_works_in_a_read_only_folder(read_only_db):
    port = free_port()
    server = _without_write_rights(["--db", str(read_only_db), "serve", "--port", str(port)])
    try:
        body = fetch_when_up(f"http://127.0.0.1:{port}/m/stories.json?_shape=array")
        if body is None:
            server.terminate()
            raise AssertionError(server.communicate(timeout=10)[1])
        assert [row["slug"] for row in json.loads(body)] == ["port-strike"]
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_status_without_redis_shows_what_the_database_holds_and_its_last_run(crawled_demo):
    out = run_monitor("status", db=crawled_demo).stdout
    with closing(sqlite3.connect(crawled_demo)) as db:
        articles = db.execute("select count(*) from articles").fetchone()[0]
        run_id, pages = db.execute("select id, pages from crawl_runs order by id desc").fetchone()
    assert f"{articles} articles" in out.splitlines()[0]
    assert any(line.strip().startswith(f"#{run_id} ") and "finished" in line
               and f"{pages} pages" in line for line in out.splitlines()), out


def test_status_of_a_database_never_run_says_how_to_start(story_db):
    assert "No run yet: `monitor run`" in run_monitor("status", db=story_db).stdout


def test_extract_of_a_missing_file_says_so_in_one_line(tmp_path):
    result = run_monitor("extract", str(tmp_path / "missing.html"), check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == f"{tmp_path}/missing.html: No such file or directory"


def test_extract_leaves_out_what_the_page_does_not_say(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><p>" + "The council met on Monday to talk about the "
                    "harbour ferry and its fares for next year. " * 5 + "</p></article></body>"
                    "</html>")
    out = run_monitor("extract", str(page)).stdout
    assert "None" not in out and "author:" not in out and "language: en" in out


def test_seed_add_of_a_url_on_a_terminal_says_it_is_fetching(outlet_server, tmp_path):
    from tests.conftest import in_a_terminal

    url = f"{outlet_server}/tribune/world/2025/08/09/pentagon-cartel-plans"
    printed = in_a_terminal("seed", "add", url, db=tmp_path / "m.db")
    assert f"Fetching {url} ..." in printed.splitlines()[0]


def test_serve_on_a_port_in_use_says_so_in_one_line(story_db):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = run_monitor("serve", "--port", str(port), db=story_db, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (f"Error: cannot listen on 127.0.0.1:{port} (Address "
                                     f"already in use): give another with --port")


@pytest.fixture(scope="module")
def two_stories(tmp_path_factory):
    db = tmp_path_factory.mktemp("two") / "m.db"
    run_monitor("seed", "add", str(PORT_STRIKE), "--slug", "port-strike", "--published",
                "2025-08-08", "--window", "1", db=db)
    run_monitor("seed", "add", str(ROOT / "data/seeds/congestion-charge.txt"), db=db)
    return db


def test_a_window_of_one_day_is_listed_as_one_day(two_stories):
    assert "2025-08-08 ±1 day ·" in run_monitor("seed", "list", db=two_stories).stdout


def test_match_over_every_story_says_how_many_cover_a_story(two_stories):
    db = two_stories
    assert run_monitor("match", "--all", db=db).stdout.strip().endswith("cover a story")
    assert run_monitor("match", "--story", "port-strike", db=db).stdout.strip().endswith(
        "cover the story")
