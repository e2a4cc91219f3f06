"""The offline demo: a local web server for data/demo/site, and the paths of the demo files."""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
SITE = DEMO / "site"
OUTLETS = DEMO / "outlets.toml"
SEED = DEMO.parent / "seeds" / "trump-cartels.txt"  # the user's seed; the others are ours
SEEDS = [SEED] + sorted(p for p in (DEMO.parent / "seeds").glob("*.txt") if p != SEED)
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
