"""Shared fixtures: the local outlet server, the monitor CLI in a subprocess, a crawled demo;
and the guard that keeps slow tests out of `make test-fast`."""

from __future__ import annotations

import multiprocessing.process
import os
import pty
import shutil
import socket
import socketserver
import sqlite3
import subprocess
import sys
import time
import urllib.request
from contextlib import closing
from pathlib import Path

import pytest

from monitor.jobs.demo import OUTLETS, PUBLISHED, SEED, SEEDS, SITE, serve_site
from monitor.jobs.evaluate import load_all_labels, load_labels
from monitor.steps.claims import read_seed
from monitor.steps.match import match_article
from monitor.steps.verdicts import judge

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "data" / "demo" / "labels"

# A test that starts a server, a subprocess or worker processes, crawls, or builds a large
# database or input is marked `@pytest.mark.slow`, so that `make test-fast` (`pytest -m
# "not slow"`) stays under 30 s. Using one of these fixtures, even through another, needs it.
SLOW_FIXTURES = {"outlet_server", "route_server", "redis_server", "browser", "crawled_demo"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse the whole run while a test uses a slow fixture without the slow mark."""
    unmarked = [f"{item.nodeid} (uses {', '.join(sorted(slow))})" for item in items
                if (slow := SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())))
                and item.get_closest_marker("slow") is None]
    if unmarked:
        raise pytest.UsageError("these tests need @pytest.mark.slow:\n  " + "\n  ".join(unmarked))


_running: list[pytest.Item] = []  # the test being set up, run or torn down


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    """Keep the test being run at hand for the guard below."""
    _running.append(item)
    try:
        return (yield)
    finally:
        _running.pop()


def _refuse_unless_slow(what: str) -> None:
    item = _running[-1] if _running else None
    if item is not None and item.get_closest_marker("slow") is None:
        raise RuntimeError(f"{item.nodeid} {what}: mark it @pytest.mark.slow")


@pytest.fixture(scope="session", autouse=True)
def _fast_tests_start_no_process_and_no_server():
    """Fail a test not marked slow the moment it (or a fixture of its) starts a subprocess, a
    worker process or a server: `run_monitor`, `RouteServer` or a helper of its own, which no
    fixture name shows."""
    popen, activate = subprocess.Popen.__init__, socketserver.TCPServer.server_activate
    start = multiprocessing.process.BaseProcess.start

    def guarded_popen(self, *args, **kwargs):
        _refuse_unless_slow("starts a subprocess")
        popen(self, *args, **kwargs)

    def guarded_activate(self):
        _refuse_unless_slow("starts a server")
        activate(self)

    def guarded_start(self):
        _refuse_unless_slow("starts a worker process")
        start(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(subprocess.Popen, "__init__", guarded_popen)
        patch.setattr(socketserver.TCPServer, "server_activate", guarded_activate)
        patch.setattr(multiprocessing.process.BaseProcess, "start", guarded_start)
        yield


@pytest.fixture(scope="session")
def outlet_server():
    """The demo outlets served on 127.0.0.1 at a free port; yields the base URL."""
    server, base = serve_site(SITE)
    yield base
    server.shutdown()


def run_monitor(*args: str, db: Path | None = None, check: bool = True,
                cwd: Path = ROOT, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the `monitor` CLI in its own process (Scrapy's reactor cannot restart in ours)."""
    command = [sys.executable, "-m", "monitor"]
    if db is not None:
        command += ["--db", str(db)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("MONITOR_DB", None)
    result = subprocess.run(command + list(args), capture_output=True, text=True, cwd=cwd,
                            env=env, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"monitor {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def start_in_a_terminal(*args: str, db: Path) -> tuple[int, int]:
    """Start the monitor CLI on a pseudo-terminal, as a user at a shell would: its process id
    (the leader of its process group) and the terminal's file descriptor."""
    command = [sys.executable, "-m", "monitor", "--db", str(db), *args]
    pid, fd = pty.fork()
    if pid == 0:  # the child: its stdin, stdout and stderr are the terminal
        os.chdir(ROOT)
        env = {**os.environ, "COLUMNS": "200"}
        env.pop("MONITOR_DB", None)
        os.execve(sys.executable, command, env)
    return pid, fd


def read_terminal(fd: int, into: bytearray) -> None:
    """Add to `into` all a terminal shows until its program closes it."""
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            return
        if not data:
            return
        into.extend(data)


def in_a_terminal(*args: str, db: Path, exit_code: int = 0) -> str:
    """Run the monitor CLI on a pseudo-terminal, as a user at a shell would; returns all it
    printed there (stdout and stderr share the terminal), once it exited with `exit_code`."""
    pid, fd = start_in_a_terminal(*args, db=db)
    out = bytearray()
    read_terminal(fd, out)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == exit_code, out.decode(errors="replace")
    return out.decode("utf-8", errors="replace").replace("\r\n", "\n")


def refused(*args: str, db: Path | None = None) -> tuple[float, subprocess.CompletedProcess]:
    """Run a `monitor` command that is expected to fail: how long it took, and its result."""
    started = time.monotonic()
    result = run_monitor(*args, db=db, check=False, timeout=60)
    return time.monotonic() - started, result


def assert_one_line(result: subprocess.CompletedProcess, says: str,
                    hidden: str | None = None) -> None:
    """The command failed with one line on stderr that says `says`, and never `hidden`."""
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert says in result.stderr
    if hidden is not None:
        assert hidden not in result.stderr


def copy_db(source: Path, target: Path) -> Path:
    """A copy of a database that a test may change: the file alone, once its write-ahead log
    is folded in (much cheaper than building the database again)."""
    with closing(sqlite3.connect(source)) as conn:
        busy, logged, moved = conn.execute("pragma wal_checkpoint(full)").fetchone()
    assert not busy and logged == moved, f"{source} is being written: cannot copy it whole"
    shutil.copy(source, target)
    return target


def write_outlets(tmp_path: Path, base: str) -> Path:
    """The demo outlet file with `{base}` filled in, as a user would write it."""
    path = tmp_path / "outlets.toml"
    path.write_text(OUTLETS.read_text().replace("{base}", base))
    return path


class RouteServer:
    """A loopback HTTP server whose paths are answered by test-supplied functions.

    `routes` maps a path to `fn(handler)`, which writes the whole response itself; every
    request is logged as (host header, path, headers) in `requests`.
    """

    def __init__(self):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.routes: dict = {}
        self.requests: list[tuple[str, str, dict]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                path = self.path.split("?")[0]
                server.requests.append((self.headers.get("Host", ""), path, dict(self.headers)))
                route = server.routes.get(path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                try:
                    route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the crawler hung up, as it should on hostile answers

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


@pytest.fixture(scope="module")
def route_server():
    """A loopback server with programmable answers (see RouteServer)."""
    server = RouteServer()
    yield server
    server.close()


@pytest.fixture(scope="session")
def crawled_demo(outlet_server, tmp_path_factory) -> Path:
    """A database after `seed add` and `crawl` (which matches as it stores) over the demo
    outlets, with fast settings."""
    tmp = tmp_path_factory.mktemp("demo")
    db = tmp / "monitor.db"
    outlets = write_outlets(tmp, outlet_server)
    for seed in SEEDS:
        run_monitor("seed", "add", str(seed), "--slug", seed.stem,
                    "--published", PUBLISHED[seed.stem], db=db)
    run_monitor("crawl", "--outlets", str(outlets), "-s", "DOWNLOAD_DELAY=0",
                "-s", "AUTOTHROTTLE_ENABLED=False", db=db)
    return db


@pytest.fixture(scope="session")
def crawled_story(outlet_server, tmp_path_factory) -> Path:
    """A database after one uninterrupted `run` over the demo outlets for the main story
    (trump-cartels, published 2025-08-08): what a run that was stopped must end up with."""
    tmp = tmp_path_factory.mktemp("story")
    db = tmp / "reference.db"
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", "--published",
                PUBLISHED["trump-cartels"], db=db)
    run_monitor("run", "--outlets", str(write_outlets(tmp, outlet_server)), "-s",
                "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", db=db)
    return db


@pytest.fixture(scope="session")
def labels() -> dict:
    """The demo corpus labels of the main story (trump-cartels)."""
    return load_labels(LABELS / "trump-cartels.toml")


@pytest.fixture(scope="session")
def all_labels() -> list[dict]:
    """The labels of every demo story."""
    return load_all_labels(LABELS)


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article the user gave us, as given."""
    return SEED.read_text(encoding="utf-8")


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-quic", "--enable-logging=stderr", "--v=0"]


@pytest.fixture(scope="session")
def browser():
    """Render a local page in headless Chromium: returns (DOM after scripts ran, console lines)."""
    import shutil
    import tempfile

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.skip("chromium is not installed (CI installs Debian's chromium package)")

    def render(path: Path | str) -> tuple[str, list[str]]:
        # A file, or the URL of a page a test serves on 127.0.0.1.
        url = path if isinstance(path, str) else path.resolve().as_uri()
        with tempfile.TemporaryDirectory() as profile:
            result = subprocess.run([executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                                     "--dump-dom", url],
                                    capture_output=True, text=True, timeout=120)
        # The page's own console lines: Chromium's internal pages log too ("Slow network is
        # detected", source: chrome://resources/…) when the machine is busy.
        console = [line for line in result.stderr.splitlines()
                   if ":CONSOLE" in line and "source: chrome://" not in line]
        return result.stdout, console

    return render


def free_port() -> int:
    """A loopback port nobody listens on (for a server the test starts)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch_when_up(url: str, tries: int = 100) -> bytes | None:
    """The body at `url` once a server starting up answers it (None if it never does)."""
    for _ in range(tries):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            time.sleep(0.2)
    return None


class RedisServer:
    """A real `redis-server` on a free 127.0.0.1 port with a password, in its own folder;
    without persistence unless `persist` (then RDB snapshots and the append-only file)."""

    def __init__(self, executable: str, folder: Path, persist: bool = False):
        self.executable, self.folder, self.persist = executable, folder, persist
        self.port = free_port()
        self.password = "test-" + os.urandom(8).hex()
        self.url = f"redis://:{self.password}@127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        persistence = (["--appendonly", "yes"] if self.persist
                       else ["--save", "", "--appendonly", "no"])
        self.process = subprocess.Popen(
            [self.executable, "--port", str(self.port), "--bind", "127.0.0.1",
             "--requirepass", self.password, "--dir", str(self.folder), *persistence],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited with {self.process.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(f"AUTH {self.password}\r\nPING\r\n".encode())
                    answer = b""
                    while b"\r\n" not in answer.partition(b"\r\n")[2]:  # two replies
                        answer += s.recv(100) or b"\r\n\r\n"
                    if b"+PONG" in answer:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("redis-server did not answer within 10 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """A password-protected redis-server for the session (the Debian package; .ci/run
    installs it): skipped, with the reason, where it is missing."""
    import shutil

    executable = shutil.which("redis-server")
    if executable is None:
        pytest.skip("redis-server is not installed (CI installs Debian's redis-server package)")
    server = RedisServer(executable, tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture()
def redis_url(redis_server) -> str:
    """The session's Redis, emptied for this test."""
    import redis

    with redis.Redis.from_url(redis_server.url) as client:
        client.flushall()
    return redis_server.url


def publish_no_stories(url: str) -> None:
    """What `monitor ingest` publishes for a database without stories: crawlers with --redis
    need the stories published before they start."""
    from monitor.crawler import shared

    with shared.client(url) as client:
        shared.publish_stories(client, {"version": "none", "stories": [], "windows": []})


def start_monitor(*args: str, db: Path) -> subprocess.Popen:
    """The `monitor` CLI started in its own process, its output captured as text."""
    env = {k: v for k, v in os.environ.items() if k not in ("MONITOR_DB", "MONITOR_REDIS_URL")}
    return subprocess.Popen([sys.executable, "-m", "monitor", "--db", str(db), *args],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def harbour_article(i: int) -> bytes:
    """A generated news page, number `i` (written by us)."""
    return (f"<html><head><title>Harbour report {i}</title></head><body><article>"
            f"<h1>Harbour report {i}</h1>"
            f"<p>The harbour authority counted {i} ships waiting outside the port of Nereth on "
            f"the morning of the report, a figure the pilots' union called unprecedented.</p>"
            f"<p>Dock workers said the queue of vessels number {i} would take days to clear, "
            f"and the authority promised an update on the backlog by the end of the week.</p>"
            f"</article></body></html>").encode()


def send_body(body: bytes, kind: str):
    """A route that answers 200 with `body` as `kind`."""
    def answer(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    return answer


def sitemap(urls: list[str], tag: str) -> bytes:
    """A sitemap (`urlset`) or sitemap index (`sitemapindex`) listing `urls`."""
    inner = "sitemap" if tag == "sitemapindex" else "url"
    entries = "".join(f"<{inner}><loc>{u}</loc></{inner}>" for u in urls)
    return (f'<?xml version="1.0" encoding="UTF-8"?><{tag} '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</{tag}>').encode()


def harbour_site(folder: Path, pages: int) -> tuple[RouteServer, Path]:
    """A loopback outlet of `pages` articles behind a sitemap index of three sitemaps; returns
    the server (close it) and the outlet file."""
    server = RouteServer()
    maps = [f"/sitemap-{n}.xml" for n in range(3)]
    server.routes["/sitemap-index.xml"] = send_body(
        sitemap([server.base + m for m in maps], "sitemapindex"), "application/xml")
    for n, path in enumerate(maps):
        articles = [f"/news/{i}.html" for i in range(n, pages, 3)]
        server.routes[path] = send_body(sitemap([server.base + a for a in articles], "urlset"),
                                        "application/xml")
        for a in articles:
            server.routes[a] = send_body(harbour_article(int(a.split("/")[-1].split(".")[0])),
                                         "text/html; charset=utf-8")
    outlets = folder / "outlets.toml"
    outlets.write_text(f'[[outlet]]\nname = "Nereth Harbour News"\ndomain = "127.0.0.1"\n'
                       f'sitemaps = ["{server.base}/sitemap-index.xml"]\n')
    return server, outlets


# A feed's links name a host holding CSI 2 J (8-bit: clear the screen) and a right-to-left
# override, both characters XML allows, so the feed's reader keeps them. Two of its three
# links are off the outlet's domain, which the crawl warns about, naming the host.
HOSTILE_HOST_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><link>{base}/fine</link></item>
<item><link>http://ne&#x9b;2Jws&#x202e;.example/1</link></item>
<item><link>http://ne&#x9b;2Jws&#x202e;.example/2</link></item>
</channel></rss>"""


@pytest.fixture
def hostile_host(route_server, tmp_path):
    """A database and an outlet whose feed names a host with terminal controls in it."""
    from tests.test_hostile import answer, page

    route_server.routes.update({
        "/hostile-host.xml": answer(200, HOSTILE_HOST_FEED.format(base=route_server.base)
                                    .encode(), {"Content-Type": "application/rss+xml"}),
        "/fine": answer(200, page("A fine article"))})
    outlets = tmp_path / "outlets.toml"
    outlets.write_text('[[outlet]]\nname = "T"\ndomain = "127.0.0.1"\n'
                       f'feeds = ["{route_server.base}/hostile-host.xml"]\n')
    db = tmp_path / "m.db"
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", db=db)
    return db, outlets


# A weekday the seed gives and an outlet contradicts: a date conflict, stored as an amount.
WEEKDAY_CONFLICT = {"kind": "number", "claim": "Monday", "article": "Wednesday",
                    "unit": "weekday"}


def stretches_searched(monkeypatch, module, name: str) -> list[int]:
    """The lengths of text the compiled pattern `module.name` is asked to search, one per
    call (`search(string, pos, endpos)`): how a reader of hostile text is shown linear."""
    searched, pattern = [], getattr(module, name)

    class Spy:
        def search(self, string, pos, endpos):
            searched.append(endpos - pos)
            return pattern.search(string, pos, endpos)

    monkeypatch.setattr(module, name, Spy())
    return searched


def ferry_story(path: Path) -> tuple:
    """A small database (written here, no crawl) for one story, "ferry", of 8 claims: its
    seed (Harbour Post), a syndicated copy of it (Wire Service, stored first, the same day)
    carrying 7 claims, an article in French whose claims were not scored (Le Port), and one
    covering article (Bay Times) carrying claim 1 with a weekday in conflict. Returns the
    database and the story's id."""
    import json

    from monitor.store import schema

    db = schema.open_db(path)
    story = db["stories"].insert({"slug": "ferry", "title": "Ferry fares rise",
                                  "language": "en", "created_at": "2025-08-01T00:00:00+00:00"}
                                 ).last_pk
    claims = [db["claims"].insert({"story_id": story, "position": p, "kind": "statement",
                                   "text": f"Ferry claim number {p} on Monday."}).last_pk
              for p in range(1, 9)]
    articles = {}
    for name, day, language in (("Wire Service", "02", "en"), ("Harbour Post", "02", "en"),
                                ("Le Port", "02", "fr"), ("Bay Times", "03", "en")):
        outlet = db["outlets"].insert({"name": name, "domain": f"{name[:3].lower()}.example"}
                                      ).last_pk
        articles[name] = db["articles"].insert({
            "outlet_id": outlet, "url": f"https://{name[:3].lower()}.example/ferry",
            "title": f"{name} on the ferry fares", "language": language,
            "text": f"{name} writes its own words about the fares " * 3,
            "published": f"2025-08-{day}", "first_seen": "2025-08-04T00:00:00+00:00"}).last_pk
    decisions = {"Harbour Post": ("seed", 0, 0, []), "Wire Service": ("copy", 1, 1, [1, 2, 3, 4,
                                                                                   5, 6, 7]),
                 "Le Port": ("coverage", 1, 0, []), "Bay Times": ("coverage", 1, 1, [1])}
    for name, (kind, covering, scored, carried) in decisions.items():
        db["coverage"].insert({"story_id": story, "article_id": articles[name], "kind": kind,
                               "is_coverage": covering, "scored": scored, "relevance": 90.0,
                               "evidence": json.dumps({"claims": carried, "days_apart": 1}),
                               "covering_since": "2025-08-04T00:00:00+00:00"})
    db["copies"].insert({"article_id": articles["Wire Service"],
                         "copy_of": articles["Harbour Post"], "similarity": 1.0})
    for position, claim in enumerate(claims, 1):
        conflict = position == 1
        db["matches"].insert({
            "story_id": story, "claim_id": claim, "article_id": articles["Bay Times"],
            "verdict": "conflict" if conflict else "absent",
            "sentence": "The fares rose on Wednesday." if conflict else None,
            "conflicts": json.dumps([WEEKDAY_CONFLICT]) if conflict else None})
    return db, story


# The hand-written port seed and the helpers that test_match, test_verdicts and test_conflicts
# share: a claim of ours, a sentence's verdict on it, what differs.
PORT_SEED = """Officials Report On The Port
The port authority said on Monday that 40 containers of stolen copper were seized in March.
Harbour master Lena Fischer said the thieves were “organised, patient and well funded.”
The authority did not say who owned the copper.
"""


@pytest.fixture(scope="module")
def claims():
    return {c.text[:20]: c for c in read_seed(PORT_SEED).claims}


def claim(claims, start):
    return next(c for text, c in claims.items() if text.startswith(start))


def what_differs(m, found=None):
    """Each conflict (or note) without the two whole sentences stored with it."""
    return [{k: d[k] for k in ("kind", "claim", "article")} for d in (found or m.conflicts)]


def verdict(c, sentence, speaker=None):
    from rapidfuzz import fuzz, utils
    score = fuzz.token_set_ratio(c.text, sentence, processor=utils.default_process)
    return judge(c, sentence, score, speaker)


def first_claim(text: str):
    return read_seed("A Story Of Our Own\n" + text).claims[0]


def seed_quote(text: str):
    """The first quotation claim of a seed's text (its first line the headline)."""
    return next(c for c in read_seed(text).claims if c.kind == "quote")


MINISTER = """Minister Rejects Foreign Troops
Foreign minister Ana Ruiz spoke after the summit in Valdora on Thursday.
“We will not accept foreign soldiers on our soil, and we have said so at every meeting,” Ruiz said.
“We sent 40 inspectors to the border last month,” she added.
"""


def minister_says(article_sentence: str):
    """The verdicts of the MINISTER seed's claims on an article that quotes her in one sentence."""
    seed = read_seed(MINISTER)
    article = "Foreign minister Ana Ruiz spoke in Valdora on Thursday. " + article_sentence
    return match_article(seed.claims, article).matches
