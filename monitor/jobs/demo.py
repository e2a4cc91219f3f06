"""The offline demo: a local web server for data/demo/site, the paths of the demo files, and the
whole job run on them (`monitor demo`)."""

from __future__ import annotations

import gzip
import hashlib
import logging
import mimetypes
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sqlite_utils import Database

from monitor.faces.terminal import counted
from monitor.jobs.crawl import crawl, tune_process
from monitor.jobs.match import match_stories
from monitor.jobs.run import summary
from monitor.jobs.seed import add_seed
from monitor.jobs.stories import stored_claims
from monitor.store import schema

logger = logging.getLogger(__name__)

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
SITE = DEMO / "site"
OUTLETS = DEMO / "outlets.toml"
SEED = DEMO.parent / "seeds" / "trump-cartels.txt"  # the user's seed; the others are ours
SEEDS = [SEED] + sorted(p for p in (DEMO.parent / "seeds").glob("*.txt") if p != SEED)
# Fast and quiet: the demo's terminal is for its report.
CRAWL_SETTINGS = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "LOG_LEVEL": "WARNING"}
# The demo seeds' dates: the crawl fetches what feeds and sitemaps date within a week of them.
PUBLISHED = {"trump-cartels": "2025-08-08", "port-strike": "2025-08-12",
             "congestion-charge": "2025-08-11"}


class _SiteHandler(SimpleHTTPRequestHandler):
    """Static files with `{base}` replaced by this server's address, and ETags for recrawls."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        redirect = path.with_name(path.name + ".redirect")
        if redirect.is_file():  # stands in for a redirecting link (an aggregator's, say)
            self.send_response(302)
            self.send_header("Location", redirect.read_text().strip().replace(
                "{base}", f"http://{self.headers.get('Host', '127.0.0.1')}"))
            self.end_headers()
            return
        if not path.is_file():
            return super().do_GET()
        base = f"http://{self.headers.get('Host', '127.0.0.1')}".encode()
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.compress(gzip.decompress(data).replace(b"{base}", base), mtime=0)
        else:
            data = data.replace(b"{base}", base)
        etag = '"' + hashlib.sha1(data).hexdigest() + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(data)

    # Article URLs often have no extension; serve those as HTML, as news sites do.
    def guess_type(self, path):
        guessed = mimetypes.guess_type(str(path))[0]
        if str(path).endswith(".gz"):
            return "application/x-gzip"
        return guessed or "text/html; charset=utf-8"

    def log_message(self, format, *args):  # keep the demo's terminal for the report
        pass


DEMO_PORT = 8765  # the same address every time, so a second demo run recrawls, not re-adds


def serve_site(root: Path = SITE, port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Serve a folder on 127.0.0.1 (`port`, or a free one when 0 or taken) in a thread."""
    handler = partial(_SiteHandler, directory=str(root))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError:
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def serve_copy(folder: Path, port: int = DEMO_PORT) -> tuple[ThreadingHTTPServer, str, Path]:
    """Serve a copy of the demo site from `folder` (so its pages can be edited to try a
    recrawl) and write the outlet file for it, `{base}` filled in; returns the server, its
    address and the outlet file."""
    site = folder / "site"
    shutil.copytree(SITE, site)
    server, base = serve_site(site, port)
    outlets = folder / "outlets.toml"
    outlets.write_text(OUTLETS.read_text(encoding="utf-8").replace("{base}", base),
                       encoding="utf-8")
    return server, base, outlets


@contextmanager
def serving_copy(port: int = DEMO_PORT) -> Iterator[tuple[str, Path, Path]]:
    """`serve_copy` in a temporary folder for the length of the block, which it is given the
    address, the outlet file and the copy of the site; the server and the copy go with it."""
    with tempfile.TemporaryDirectory(prefix="monitor-demo-") as folder:
        server, base, outlets = serve_copy(Path(folder), port)
        try:
            yield base, outlets, Path(folder) / "site"
        finally:
            server.shutdown()
            server.server_close()


def demo(db_path: str, say: Callable[[str], None] = logger.info) -> list[int]:
    """The whole job offline: serve the demo site, register the demo seeds, crawl the site and
    match; returns the stories' ids (for their reports). Tells `say` what it does.

    Owns the process it runs in, as `monitor demo` does: it tunes garbage collection and
    Scrapy's logging for the crawl, and Scrapy's reactor cannot run twice in one process.
    """
    with closing(schema.open_db(db_path)) as db:
        return _demo(db, db_path, say)


def _demo(db: Database, db_path: str, say: Callable[[str], None]) -> list[int]:
    server, base = serve_site(port=DEMO_PORT)
    try:
        say(f"Serving the demo outlets at {base}")
        stories = []
        for seed_file in SEEDS:
            story, slug = add_seed(db, str(seed_file), seed_file.stem,
                                   published=PUBLISHED.get(seed_file.stem), replace=True)
            stories.append(story)
            say(f"Story {slug!r}: {len(stored_claims(db, story))} claims from "
                f"data/seeds/{seed_file.name}")
        crawled = crawl(db_path, str(OUTLETS), base, CRAWL_SETTINGS, before_start=tune_process)
        say(summary(crawled))
    finally:
        server.shutdown()
    later = match_stories(db)  # what the crawl stored before a story was registered
    say(f"Matched {counted(crawled['matched'] + later['articles'], 'article')}: "
        f"{crawled['covering'] + later['coverage']} cover a story\n")
    return stories
