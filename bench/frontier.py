"""The shared frontier's cost: pages/s of one crawler through Redis against the local path, and
of two crawler processes against one, over the same site on 127.0.0.1.

    .venv/bin/python bench/frontier.py [--pages 2000] [--rounds 2] [--small]

The site is bench/crawl.py's (the AEB's 181 real pages under N URLs in one sitemap, from its
own process), or with `--small` one small generated article a URL (extraction costs little, so
what Scrapy and Redis cost a page shows). Redis is a `redis-server` the bench starts on a free
127.0.0.1 port with a password and the append-only file on, as the README sets one up.

Each round runs, on a fresh copy of one seeded database: `monitor crawl` (the local path), one
`monitor crawl --redis`, then two `monitor crawl --redis` together. Through Redis, the crawlers
never open the database: `monitor ingest` writes it, started on it (and on an emptied Redis)
before them, as the service it is, and stopped with SIGTERM once it has stored every entry they
sent. Each reports its seconds until all is stored (and until the crawlers ended), pages/s (the
N pages over the seconds until all is stored) and the CPU a page of the crawlers' main
processes, their worker processes, redis-server and ingest.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import redis
from crawl import LIFTED, answer_requests, cpu_seconds, descendants, seeded_site, serve

from monitor.crawler import frontier

ROOT = Path(__file__).resolve().parents[1]
SMALL = ("<html><head><title>Tide table {i}</title></head><body><article><h1>Tide table {i}</h1>"
         + "<p>The harbour master said on Tuesday that the spring tides would close the lower "
           "quay for a third morning, and that ferries would berth at the north pier.</p>" * 4
         + "</article></body></html>")


def serve_small(n: int, port_file: str) -> None:
    """/p/<i>.html is a small article page; /sitemap.xml lists all n."""
    def answer(body: bytes, kind: bytes) -> bytes:
        return (b"HTTP/1.1 200 OK\r\nContent-Type: " + kind + b"\r\nContent-Length: "
                + str(len(body)).encode() + b"\r\n\r\n" + body)

    def respond(head: bytes) -> bytes:
        path = head.split(b" ", 2)[1]
        if path == b"/sitemap.xml":
            host = next(line.split(b":", 1)[1].strip() for line in head.split(b"\r\n")
                        if line.lower().startswith(b"host:"))
            return answer(("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/"
                           "schemas/sitemap/0.9'>" + "".join(
                               f"<url><loc>http://{host.decode()}/p/{i}.html</loc></url>"
                               for i in range(n)) + "</urlset>").encode(), b"application/xml")
        i = path.rsplit(b"/", 1)[-1].split(b".")[0].decode()
        return answer(SMALL.format(i=i).encode(), b"text/html; charset=utf-8")

    answer_requests(respond, port_file)


def start_redis(folder: Path, appendonly: bool = True) -> tuple[subprocess.Popen, str]:
    """A password-protected redis-server on a free loopback port; its URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    password = os.urandom(8).hex()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--requirepass", password,
         "--dir", str(folder), "--save", "", "--appendonly", "yes" if appendonly else "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://:{password}@127.0.0.1:{port}/0"
    for _ in range(100):
        try:
            redis.Redis.from_url(url).ping()
            return process, url
        except redis.ConnectionError:
            time.sleep(0.1)
    raise SystemExit("redis-server did not start")


def start_ingest(db: Path, redis_url: str, log: Path) -> subprocess.Popen:
    """`monitor ingest` writing `db`, running until SIGTERM, once it has published the stories
    (a crawler with --redis reads them as it starts). Redis is emptied first: each way starts
    from an empty frontier and results stream, as from its fresh database."""
    client = redis.Redis.from_url(redis_url)
    client.flushall()
    with log.open("ab") as output:
        process = subprocess.Popen([sys.executable, "-m", "monitor", "--db", str(db), "ingest",
                                    "--redis", redis_url], cwd=ROOT, stdout=output,
                                   stderr=subprocess.STDOUT)
    while not client.exists(frontier.STORIES):
        if process.poll() is not None:
            raise SystemExit(log.read_text())
        time.sleep(0.05)
    return process


def drained(redis_url: str) -> bool:
    """Whether ingest has stored and acknowledged every entry of the results stream."""
    client = redis.Redis.from_url(redis_url)
    group = client.xinfo_groups(frontier.RESULTS)[0]
    return group["lag"] == 0 and group["pending"] == 0


def crawl(db: Path, outlets: Path, crawlers: int, redis_url: str | None,
          redis_pid: int | None, log: Path) -> dict:
    """`crawlers` `monitor crawl` processes at once (with --redis, and `monitor ingest` writing
    `db`); the seconds until they end and until all is stored, and CPU seconds."""
    args = ["crawl", "--outlets", str(outlets), *LIFTED,
            *(["--redis", redis_url] if redis_url else [])]
    ingest = start_ingest(db, redis_url, log) if redis_url else None
    ingest_before = cpu_seconds(ingest.pid) if ingest else 0.0
    redis_before = cpu_seconds(redis_pid) if redis_pid else 0.0
    started = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, "-m", "monitor", "--db", str(db), *args],
                                  cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                 for _ in range(crawlers)]
    cpu: dict[int, float] = {}
    while any(p.poll() is None for p in processes):
        for p in processes:
            cpu.update({pid: cpu_seconds(pid) or cpu.get(pid, 0.0)
                        for pid in descendants(p.pid)})
        time.sleep(0.2)
    crawled = time.perf_counter() - started
    for p in processes:
        output = p.stdout.read().decode()
        if p.returncode != 0:
            raise SystemExit(output)
    ingest_cpu = 0.0
    if ingest:
        while not drained(redis_url):
            time.sleep(0.05)
        ingest_cpu = cpu_seconds(ingest.pid) - ingest_before  # read before it exits
        ingest.send_signal(signal.SIGTERM)
        if ingest.wait() != 0:
            raise SystemExit(log.read_text())
    seconds = time.perf_counter() - started
    main_cpu = sum(cpu.get(p.pid, 0.0) for p in processes)
    return {"seconds": seconds, "crawled": crawled, "main_cpu": main_cpu,
            "workers_cpu": sum(cpu.values()) - main_cpu, "ingest_cpu": ingest_cpu,
            "redis_cpu": cpu_seconds(redis_pid) - redis_before if redis_pid else 0.0}


def stored(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from articles").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--small", action="store_true", help="small generated pages")
    args = parser.parse_args()
    n = args.pages
    tmp, server, base, outlets, seeded = seeded_site(n, serve_small if args.small else serve)
    (tmp / "redis").mkdir()
    redis_server, url = start_redis(tmp / "redis")
    kind = "small generated pages" if args.small else "AEB pages served again and again"
    print(f"{n} pages ({kind}) on {base}; load average {os.getloadavg()[0]:.1f} at the start")
    ways = [("local path, 1 crawler", 1, None), ("through Redis, 1 crawler", 1, url),
            ("through Redis, 2 crawlers", 2, url)]
    try:
        for round_ in range(1, args.rounds + 1):
            for name, crawlers, redis_url in ways:
                db = tmp / f"round{round_}-{crawlers}-{bool(redis_url)}.db"
                shutil.copy(seeded, db)
                figures = crawl(db, outlets, crawlers, redis_url,
                                redis_server.pid if redis_url else None, tmp / "ingest.log")
                articles = stored(db)
                through = (f"crawlers done in {figures['crawled']:.1f} s, "
                           if redis_url else "")
                print(f"  round {round_}, {name}: {through}all stored in "
                      f"{figures['seconds']:.1f} s, {n / figures['seconds']:.1f} pages/s "
                      f"({articles} articles stored); CPU a page: main "
                      f"{figures['main_cpu'] / n * 1000:.2f} ms, workers "
                      f"{figures['workers_cpu'] / n * 1000:.2f} ms, redis-server "
                      f"{figures['redis_cpu'] / n * 1000:.3f} ms, ingest "
                      f"{figures['ingest_cpu'] / n * 1000:.2f} ms; load average "
                      f"{os.getloadavg()[0]:.1f}", flush=True)
    finally:
        redis_server.terminate()
        server.terminate()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
