"""Every Datasette page a user clicks on a big monitor database, timed (warm medians).

    .venv/bin/python bench/datasette_pages.py /tmp/big.db [--repeats 3] [--only SUBSTRING]
        [--out /tmp/pages.tsv] [--browser] [--plain]

Requests, through Datasette's own test client with the monitor's plugin (what `monitor serve`
shows, with Datasette's default 1 s limit on any SQL): every table and view page with the
facets the metadata configures, their JSON and CSV, the views filtered by a story (as the
matrix page's links and the facets give them), a facet clicked, every canned query with a
story, the full-text search, a row page of each table, the index, the database page and the
plugin's matrix page of a story. Each is asked once to warm the cache, then --repeats times;
prints the median, the status and what went wrong (an SQL time-out, facets that timed out, a
count given up). --browser also opens the plugin's pages in headless Chromium from a real
`monitor serve` (the time includes starting the browser). --out writes the table as TSV, so
that two runs (before and after a change) can be compared.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from datasette.app import Datasette

from monitor.faces.datasette_plugin import SETTINGS, shipped_metadata

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-quic"]

TABLES = ["stories", "claims", "outlets", "articles", "pages", "coverage", "matches",
          "additions", "crawl_runs", "versions", "verdict_changes", "copies"]
VIEWS = ["coverage_matrix", "conflicts", "reworded_quotations", "claims_left_out",
         "coverage_decisions", "outlet_matches", "version_changes"]
# The story asked for: one of the first (a seventh of the way through the ids).
STORY_SQL = "select slug from stories order by id limit 1 offset (select count(*) / 7 from stories)"
QUERIES = ["story_matrix", "left_out", "all_conflicts", "all_reworded_quotations",
           "changed_between_versions", "articles_per_day", "story_changes"]


def pages(db: str, path: Path) -> list[str]:
    """The paths a user clicks, with a real story, outlet, article and search word."""
    conn = sqlite3.connect(path)
    story = conn.execute(STORY_SQL).fetchone()[0]
    outlet = conn.execute("select name from outlets order by id limit 1 offset 10").fetchone()[0]
    article = conn.execute("select article_id from matches where story_id = (select id from "
                           "stories where slug = ?) limit 1", [story]).fetchone()[0]
    word = conn.execute("select title from articles where id = ?", [article]).fetchone()[0]
    word = max(word.split(), key=len).strip(".,:;'\"")
    q = f"story={story}"
    found = ["/", f"/{db}"]
    for table in TABLES + VIEWS:
        found += [f"/{db}/{table}", f"/{db}/{table}.json", f"/{db}/{table}.csv"]
    for view in ("coverage_matrix", "conflicts", "claims_left_out", "coverage_decisions",
                 "outlet_matches", "version_changes", "reworded_quotations"):
        found += [f"/{db}/{view}?{q}", f"/{db}/{view}.csv?{q}&_stream=on"]
    found += [f"/{db}/coverage_matrix?{q}&outlet={outlet}",
              f"/{db}/outlet_matches?{q}&outlet={outlet}&verdict=conflict",
              f"/{db}/coverage_decisions?{q}&kind=coverage",
              f"/{db}/matches?story_id=6", f"/{db}/coverage?story_id=6&is_coverage=1",
              f"/{db}/matches?verdict=conflict", f"/{db}/articles?outlet_id=11",
              f"/{db}/articles?_search={word}", f"/{db}/articles.json?_search={word}",
              f"/{db}/articles?_sort_desc=published",
              f"/{db}/stories/6", f"/{db}/articles/{article}", f"/{db}/outlets/11",
              f"/{db}/claims/{conn.execute('select min(id) from claims').fetchone()[0]}"]
    for query in QUERIES:
        needs = query not in ("all_conflicts", "all_reworded_quotations")
        found += [f"/{db}/{query}" + (f"?{q}" if needs else ""),
                  f"/{db}/{query}.csv" + (f"?{q}&_stream=on" if needs else "?_stream=on")]
    found += [f"/{db}/story_changes.atom?{q}", f"/-/monitor/matrix/{story}"]
    return found


async def timed(ds: Datasette, path: str, repeats: int) -> tuple[float, int, str, str]:
    """Median seconds of `repeats` warm requests, the status, what went wrong and a digest of
    the rows (JSON and CSV pages; "" for others)."""
    await ds.client.get(path)
    times, response = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        response = await ds.client.get(path)
        times.append(time.perf_counter() - started)
    return (statistics.median(times), response.status_code, trouble(path, response),
            digest(path, response.text))


def digest(path: str, text: str) -> str:
    """The rows a JSON or CSV page gave, in any order (a view's rows have none), digested."""
    kind = path.split("?")[0].rsplit(".", 1)[-1]
    if kind == "csv":
        lines = sorted(text.splitlines())
    elif kind == "json":
        try:
            body = json.loads(text)
        except ValueError:
            return "not JSON"
        found = body.get("rows", body) if isinstance(body, dict) else body
        lines = sorted(json.dumps(row) for row in found)
    else:
        return ""
    return f"{len(lines)} rows {hashlib.sha256(repr(lines).encode()).hexdigest()[:12]}"


def trouble(path: str, response) -> str:
    """What a user would see go wrong on the page: an error, facets or a count given up."""
    text = response.text
    said = []
    if "SQL query took too long" in text or "OperationalError('interrupted')" in text:
        said.append("SQL time-out")
    if path.split("?")[0].endswith(".json"):
        try:
            body = json.loads(text)
        except ValueError:
            return "not JSON"
        if isinstance(body, dict):
            if body.get("facets_timed_out"):
                said.append("facets timed out: " + ",".join(body["facets_timed_out"]))
            if "filtered_table_rows_count" in body and body["filtered_table_rows_count"] is None:
                said.append("no count")
    return "; ".join(said)


async def measure(path: Path, repeats: int, only: str | None, plain: bool) -> list[tuple]:
    # As `monitor serve` runs it (--plain: as `datasette FILE` does, the settings left alone).
    ds = Datasette([str(path)], settings=None if plain else SETTINGS)
    db = path.stem
    found = []
    for page in pages(db, path):
        if only and only not in page:
            continue
        seconds, status, wrong, rows = await timed(ds, page, repeats)
        if page.split("?")[0].endswith(tuple(f"/{db}/{p}" for p in TABLES + VIEWS)) \
                and "_search" not in page:
            json_page = page.replace("?", ".json?", 1) if "?" in page else page + ".json"
            body = (await ds.client.get(json_page)).json()
            # The JSON leaves out the facets that gave up (the HTML page shows none of them).
            table = page.split("?")[0].rsplit("/", 1)[-1].removesuffix(".json")
            shipped = shipped_metadata()["database"]["tables"].get(table, {}).get("facets", [])
            missing = [f for f in shipped if f not in body.get("facet_results", {})]
            if missing:
                wrong = "; ".join(filter(None, [wrong, "facets gave up: " + ",".join(missing)]))
        found.append((page, seconds, status, wrong, rows))
        flag = "SLOW " if seconds > 1 else "slow " if seconds > 0.2 else "     "
        print(f"{flag}{seconds * 1000:8.0f} ms  {status}  {page}  {wrong}", flush=True)
    return found


def in_browser(path: Path, story: str) -> None:
    """The plugin's pages from a real `monitor serve`, rendered by headless Chromium."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        print("chromium is not installed: --browser skipped")
        return
    port = 8765 + 17
    monitor = Path(sys.executable).with_name("monitor")
    server = subprocess.Popen([str(monitor), "--db", str(path), "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        for page in ["/", f"/-/monitor/matrix/{story}", f"/{path.stem}/story_matrix?story={story}"]:
            with tempfile.TemporaryDirectory() as profile:
                started = time.perf_counter()
                result = subprocess.run([executable, *CHROMIUM_FLAGS,
                                         f"--user-data-dir={profile}", "--dump-dom",
                                         base + page], capture_output=True, text=True,
                                        timeout=120)
                seconds = time.perf_counter() - started
            print(f"chromium {seconds * 1000:8.0f} ms  {page}  {len(result.stdout):,} characters "
                  f"of DOM{'; SQL time-out' if 'took too long' in result.stdout else ''}")
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--browser", action="store_true")
    parser.add_argument("--plain", action="store_true")
    args = parser.parse_args()
    found = asyncio.run(measure(args.db, args.repeats, args.only, args.plain))
    over = [f for f in found if f[1] > 1 or f[2] >= 400 or f[3]]
    print(f"\n{len(found)} pages; over 1 s or failing: {len(over)}; "
          f"over 200 ms: {sum(f[1] > 0.2 for f in found)}")
    if args.out:
        args.out.write_text("".join(f"{p}\t{s * 1000:.0f}\t{c}\t{w}\t{r}\n"
                                    for p, s, c, w, r in found))
    if args.browser:
        story = sqlite3.connect(args.db).execute(STORY_SQL).fetchone()[0]
        in_browser(args.db, story)


if __name__ == "__main__":
    main()
