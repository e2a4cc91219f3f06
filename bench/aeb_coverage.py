"""Real pages, real crawl: does the monitor find the other outlets' coverage of a story?

The Article Extraction Benchmark's 181 real pages (`../shared/data/aeb`) include several news
stories told by two to four outlets. Every page is served on 127.0.0.1 as an outlet of its own;
one page of each story is registered as a seed (`monitor seed add URL`), one `monitor crawl`
reads all 181 pages, and the coverage each story found is compared with the story's other pages.
Every other page must not be counted. The story groups below were read by hand from the pages.

    .venv/bin/python bench/aeb_coverage.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
AEB = ROOT.parent / "shared/data/aeb"
MONITOR = [sys.executable, "-m", "monitor"]

# Story -> the AEB ids (first 12 characters) of its pages; the first is the seed.
STORIES = {
    "feather-duvet": ["7bb1ca903543", "bd673bd79881", "9eef8162bbb6", "a078b3656adc"],
    "fort-worth-rescue": ["2c46804d9db4", "51d066b0602c"],
    "doobie-tour": ["9cb8224b660f", "ac1bfdd4c510", "35b158918c67"],
    "omar-threat-plea": ["7a457a4f7173", "6ebac05f637e"],
    "assange-case-dropped": ["c7e39ac49fa1", "dc7ccccc1f34"],
    "wework-inquiry": ["06e5123e4ef7", "1ace8c85aaee"],
    "lunar-landers": ["c50845a7158a", "d1c57d7821e5", "42aad16bde92"],
    "meth-campaign": ["776a1c046798", "156770d676ce", "3f65af7b6b98", "c13b9c0e04fb"],
    "plague-china": ["8b1945303082", "ea25dd7edff4", "ba4dfe2d3e81", "432362af0be4"],
    "europa-water": ["14cc2a0ca59c", "686bb170effe", "f344ca5fb36e"],
    "home-depot-results": ["51374560f400", "f8ff621a0b9b"],
}


def pages() -> dict[str, tuple[str, bytes]]:
    """AEB id -> (original host, page bytes)."""
    truth = json.loads((AEB / "ground-truth.json").read_text())
    return {pid: (urlsplit(entry["url"]).hostname or pid,
                  gzip.decompress((AEB / "html" / f"{pid}.html.gz").read_bytes()))
            for pid, entry in truth.items()}


def serve_routes(route) -> ThreadingHTTPServer:
    """A server on 127.0.0.1 answering each GET with `route(path, base)`: (body, content type),
    or None for a 404."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            found = route(self.path, f"http://{self.headers['Host']}")
            if found is None:
                self.send_error(404)
                return
            body, kind = found
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def serve(site: dict[str, tuple[str, bytes]]) -> ThreadingHTTPServer:
    """Each AEB page at /<id>.html."""
    def page(path: str, base: str) -> tuple[bytes, str] | None:
        pid = path.strip("/").removesuffix(".html")
        return (site[pid][1], "text/html; charset=utf-8") if pid in site else None
    return serve_routes(page)


def outlet_file(site: dict, base: str) -> str:
    lines = []
    for pid, (host, _) in sorted(site.items()):
        lines += ["[[outlet]]", f'name = "{host} {pid[:6]}"', 'domain = "127.0.0.1"',
                  f'urls = ["{base}/{pid}.html"]', ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", help="folder for the database and the outlet file")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp())
    work.mkdir(parents=True, exist_ok=True)
    site = pages()
    full = {pid[:12]: pid for pid in site}
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_port}"
    (work / "outlets.toml").write_text(outlet_file(site, base))
    db = str(work / "aeb.db")
    run = dict(check=True, cwd=ROOT, capture_output=True, text=True)
    for slug, ids in STORIES.items():
        subprocess.run([*MONITOR, "--db", db, "seed", "add", f"{base}/{full[ids[0]]}.html",
                        "--slug", slug], **run)
    subprocess.run([*MONITOR, "--db", db, "crawl", "--outlets", str(work / "outlets.toml"),
                    "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                    "-s", "ROBOTSTXT_OBEY=False"], **run)
    report(db, full)
    server.shutdown()


def report(db: str, full: dict[str, str]) -> None:
    import sqlite3

    conn = sqlite3.connect(db)
    found_all = wrong_all = expected_all = 0
    for slug, ids in STORIES.items():
        rows = conn.execute(
            "select articles.source_url, coverage.kind, coverage.relevance from coverage "
            "join stories on stories.id = coverage.story_id "
            "join articles on articles.id = coverage.article_id where stories.slug = ?",
            [slug]).fetchall()
        kinds = {urlsplit(url).path.strip("/").removesuffix(".html")[:12]: (kind, p)
                 for url, kind, p in rows}
        others = ids[1:]
        found = [i for i in others if kinds.get(i, ("?", 0))[0] in ("coverage", "copy")]
        wrong = sorted(i for i, (kind, _) in kinds.items()
                       if kind in ("coverage", "copy") and i not in ids)
        seed_kind = kinds.get(ids[0], ("not read", 0))[0]
        found_all, wrong_all = found_all + len(found), wrong_all + len(wrong)
        expected_all += len(others)
        missed = ", ".join(f"{i} ({kinds.get(i, ('not read', 0))[0]}, "
                           f"{kinds.get(i, ('', 0))[1] or 0:.0f}%)" for i in others
                           if i not in found)
        print(f"{slug:<22} seed page: {seed_kind:<9} other outlets found {len(found)}/"
              f"{len(others)}; other pages counted: {len(wrong)}"
              + (f"; missed {missed}" if missed else "")
              + (f"; wrongly counted {', '.join(wrong)}" if wrong else ""))
    print(f"all stories: {found_all}/{expected_all} of the other outlets' pages found, "
          f"{wrong_all} pages of other stories counted ({len(STORIES)} stories x "
          f"{len(full)} pages)")


if __name__ == "__main__":
    main()
