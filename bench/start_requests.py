"""How long the reactor stalls while a crawl makes its start requests: an outlet file listing
8,000 article URLs of a server on 127.0.0.1 (100 an outlet), none fetched before, then all of
them (every page in the database with its ETag: each asked for conditionally, answered 304).

    .venv/bin/python bench/start_requests.py [--urls 8000] [--per-outlet 100] [--code DIR]

Each crawl stops after its first 300 answers (the start is what is measured) and reports its
worst reactor lag (`monitor/reactor_lag_max_ms`, from 50 ms ticks). `--code DIR` runs the
monitor of another checkout (for a before/after: `git archive COMMIT | tar -x -C DIR`) with this
one's Python.
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crawl import answer_requests

ROOT = Path(__file__).resolve().parents[1]
LIFTED = ["-s", "ROBOTSTXT_OBEY=False", "-s", "AUTOTHROTTLE_ENABLED=False",
          "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS=32",
          "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32", "-s", "LOG_LEVEL=INFO",
          "-s", "CLOSESPIDER_PAGECOUNT=300"]  # the start is what is measured
PAGE = ("<html><head><title>Story {i}</title></head><body><article><h1>Story {i}</h1>"
        + "<p>The port authority said on Tuesday that the strike by dockers had closed the "
          "harbour for a third day, and that ships were waiting offshore for berths.</p>" * 4
        + "</article></body></html>")


def serve(port_file: str) -> None:
    """/p/<i> is a small article page with an ETag; a request sending it back gets a 304."""

    def respond(head: bytes) -> bytes:
        lines = head.split(b"\r\n")
        i = lines[0].split(b" ")[1].rsplit(b"/", 1)[-1]
        etag = b'"' + i + b'"'
        if any(line.lower() == b"if-none-match: " + etag for line in lines[1:]):
            return b"HTTP/1.1 304 Not Modified\r\nETag: " + etag + b"\r\nContent-Length: 0\r\n\r\n"
        body = PAGE.format(i=i.decode()).encode()
        return (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
                + str(len(body)).encode() + b"\r\nETag: " + etag + b"\r\n\r\n" + body)

    answer_requests(respond, port_file)


def crawl(code: Path, db: Path, outlets: Path) -> tuple[float, str, int]:
    """Run `monitor crawl` from a checkout until it has CLOSESPIDER_PAGECOUNT answers; returns
    its seconds, its reactor log line and how many of the answers were 304s."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "monitor", "--db", str(db), "crawl",
                             "--outlets", str(outlets), *LIFTED], cwd=code,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    log = db.with_suffix(".log").read_text()
    reactor = [line.split("reactor: ", 1)[1] for line in log.splitlines() if "reactor: " in line]
    if not reactor:
        raise SystemExit(result.stdout + result.stderr)
    not_modified = re.findall(r"'downloader/response_status_count/304': (\d+)", log)
    return seconds, reactor[-1], int(not_modified[-1]) if not_modified else 0


def known(code: Path, db: Path, urls: list[str]) -> None:
    """A database where every URL was fetched before, with its ETag (as the server makes it)."""
    subprocess.run([sys.executable, "-c", "import sys; from monitor.store import schema; "
                    "schema.open_db(sys.argv[1]).close()", str(db)], cwd=code, check=True)
    with sqlite3.connect(db) as conn:
        conn.executemany("insert into pages (url, status, etag, html_hash, text_hash, fetched_at)"
                         " values (?, 200, ?, 'html', 'text', '2025-01-01T00:00:00')",
                         [(url, f'"{url.rsplit("/", 1)[-1]}"') for url in urls])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--urls", type=int, default=8000)
    parser.add_argument("--per-outlet", type=int, default=100)
    parser.add_argument("--code", type=Path, default=ROOT)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    port_file = tmp / "port"
    server = multiprocessing.get_context("spawn").Process(target=serve, args=(str(port_file),),
                                                          daemon=True)
    server.start()
    while not port_file.exists() or not port_file.read_text():
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port_file.read_text()}"
    urls = [f"{base}/p/{i}" for i in range(args.urls)]
    outlets = tmp / "outlets.toml"
    # Every request carries its outlet, URL list and all: one outlet of 8,000 URLs would cost
    # each request 90 ms (`Outlet.as_data`, the off-site check's `Outlet.origins`).
    step = args.per_outlet
    outlets.write_text("".join(
        f'[[outlet]]\nname = "Bench {i}"\ndomain = "127.0.0.1"\nurls = [{listed}]\n\n'
        for i, listed in enumerate(", ".join(f'"{url}"' for url in urls[start:start + step])
                                   for start in range(0, len(urls), step))))
    known(args.code, tmp / "known.db", urls)
    print(f"{args.urls} listed URLs ({step} an outlet) on {base}, the monitor of {args.code}")
    try:
        for name, db in (("none fetched before", tmp / "new.db"),
                         ("all fetched before", tmp / "known.db")):
            seconds, reactor, not_modified = crawl(args.code, db, outlets)
            print(f"  {name}: {seconds:.1f} s, {not_modified} answers 304; reactor: {reactor}")
    finally:
        server.terminate()
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
