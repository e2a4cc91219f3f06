"""Real pages as a user meets them: AEB pages as seeds, other AEB pages as outlets' feeds.

Six pages of the Article Extraction Benchmark (`../shared/data/aeb`), of different sites and
shapes, are registered with `monitor seed add URL` as a user would a real article; the pages
covering their stories and 40 others are served on 127.0.0.1 as outlets, half through an RSS
feed and half through a sitemap; one `monitor run`; then the claims of each seed are printed
with their number, for reading against the page by hand (the counts in bench/README.md).

    .venv/bin/python bench/aeb_seeds.py [--keep DIR] [--serve]

`--serve` keeps the outlets up after the run (Ctrl-C stops them), to try `report` or `serve`.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from aeb_coverage import MONITOR, ROOT, pages, serve_routes  # noqa: E402

# Seed -> its AEB id (first 12 characters): a page with photo captions and a video player, a
# tabloid page with "read more" lists, a science page, a short wire report, a long feature with
# a byline, and a live blog of timed entries.
SEEDS = {
    "assange-bbc": "c7e39ac49fa1",
    "plague-sun": "8b1945303082",
    "europa-sciencealert": "14cc2a0ca59c",
    "omar-nbc": "7a457a4f7173",
    "duvet-forbes": "a078b3656adc",
    "latest-sfgate": "5caf91b8a442",
}
# Pages that cover the seeds' stories (bench/aeb_coverage.py's groups): always outlets.
COVERING = ["dc7ccccc1f34", "ea25dd7edff4", "ba4dfe2d3e81", "432362af0be4", "686bb170effe",
            "f344ca5fb36e", "6ebac05f637e", "7bb1ca903543", "bd673bd79881", "9eef8162bbb6"]
OTHERS = 40  # other pages, every fourth of the sorted ids, as outlets


def outlet_ids(site: dict) -> list[str]:
    """The AEB ids served as outlets: the covering pages and OTHERS more."""
    full = {pid[:12]: pid for pid in site}
    seeds = set(SEEDS.values())
    rest = [p[:12] for p in sorted(site) if p[:12] not in seeds and p[:12] not in COVERING]
    return [full[i] for i in COVERING + rest[::4][:OTHERS]]


def serve(site: dict, outlets: list[str]) -> ThreadingHTTPServer:
    """Pages at /<id>.html, each outlet's feed at /feed/<id>.xml and sitemap at /map/<id>.xml."""
    def listing(kind: str, pid: str, base: str) -> bytes:
        url = f"{base}/{pid}.html"
        if kind == "feed":
            return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{pid[:6]}</title>'
                    f"<item><title>{pid[:6]}</title><link>{url}</link></item></channel></rss>"
                    ).encode()
        return ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/'
                f'0.9"><url><loc>{url}</loc></url></urlset>').encode()

    def route(path: str, base: str) -> tuple[bytes, str] | None:
        parts = path.strip("/").split("/")
        if len(parts) == 2 and parts[0] in ("feed", "map"):
            pid = parts[1].removesuffix(".xml")
            return (listing(parts[0], pid, base), "application/xml") if pid in outlets else None
        pid = parts[-1].removesuffix(".html")
        return (site[pid][1], "text/html; charset=utf-8") if pid in site else None

    return serve_routes(route)


def outlet_file(site: dict, outlets: list[str], base: str) -> str:
    """Every other outlet through its feed, the rest through their sitemaps."""
    lines, hosts = [], [site[pid][0] for pid in outlets]
    for n, pid in enumerate(outlets):
        name = site[pid][0] if hosts.count(site[pid][0]) == 1 else f"{site[pid][0]} {pid[:4]}"
        how = f'feeds = ["{base}/feed/{pid}.xml"]' if n % 2 == 0 else \
            f'sitemaps = ["{base}/map/{pid}.xml"]'
        lines += ["[[outlet]]", f'name = "{name}"', 'domain = "127.0.0.1"', how, ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", help="folder for the database and the outlet file")
    parser.add_argument("--serve", action="store_true", help="keep the outlets up after")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp())
    work.mkdir(parents=True, exist_ok=True)
    site = pages()
    full = {pid[:12]: pid for pid in site}
    outlets = outlet_ids(site)
    server = serve(site, outlets)
    base = f"http://127.0.0.1:{server.server_port}"
    (work / "outlets.toml").write_text(outlet_file(site, outlets, base))
    db = str(work / "seeds.db")
    run = dict(check=True, cwd=ROOT, capture_output=True, text=True)
    for slug, pid in SEEDS.items():
        subprocess.run([*MONITOR, "--db", db, "seed", "add", f"{base}/{full[pid]}.html",
                        "--slug", slug], **run)
    subprocess.run([*MONITOR, "--db", db, "run", "--outlets", str(work / "outlets.toml"),
                    "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                    "-s", "ROBOTSTXT_OBEY=False"], **run)
    show_claims(db)
    print(f"database {db}; outlets {work / 'outlets.toml'}; {len(outlets)} outlets")
    if args.serve:
        print(f"serving on {base}; Ctrl-C stops")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    server.shutdown()


def show_claims(db: str) -> None:
    """Each seed's claims, numbered, for reading against its page."""
    conn = sqlite3.connect(db)
    for slug, in conn.execute("select slug from stories order by id"):
        rows = conn.execute("select position, kind, text from claims join stories on "
                            "stories.id = story_id where slug = ? order by position", [slug])
        print(f"== {slug}")
        for position, kind, text in rows:
            print(f"{position:>3} {kind[0]} {text}")


if __name__ == "__main__":
    main()
