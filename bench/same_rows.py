"""Whether two versions of `monitor ingest` store the same rows from the same stream.

    .venv/bin/python bench/same_rows.py --before /tmp/before-ingest [--articles 3000] [--mixed]

`--before` is another tree of the project (`git archive COMMIT | tar -x -C DIR`); this
worktree is the other. A redis-server of its own gets the same stream twice, each time with
the same entry ids: bench/ingest.py's run (N new articles of 600 words, a decision each), or
with `--mixed` a run that also has what a crawl meets besides (an article changed within a
batch and across batches, a page fetched twice, unchanged pages, pages without an article,
an unlisted outlet's name, articles without a sketch or decisions, scored coverage whose
additions are an outlet's boilerplate, verdicts on a story changed since the crawl began).
Each tree's `monitor ingest --until-idle` writes it into a copy of one seeded database, and
every row of every table is compared, leaving out when it was written (the *_at, *_seen and
*_since columns). The full-text index is compared by what it holds (every term's every
place: fts5vocab's instances, the documents' sizes and totals), as its segments on disk
depend on how its inserts were grouped, which search never sees.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import redis
from frontier import start_redis
from ingest import page_results

from monitor.crawler import frontier, shared
from monitor.jobs.seed import add_seed
from monitor.jobs.stories import published_stories, story_versions
from monitor.store import schema

ROOT = Path(__file__).resolve().parent.parent
WHEN = ("_at", "_seen", "_since")  # columns of when a row was written
FTS_SEGMENTS = {"articles_fts_data", "articles_fts_idx"}  # compared by what they hold


def mixed(found: list[dict], story: int, claim: int) -> list[tuple[str, dict]]:
    """The run's entries with what a crawl meets besides new articles (see the docstring)."""
    run = found[0]["run"]
    entries = [("run-start", run)]
    boilerplate = "Reporting by the newsroom desk of this outlet"
    for i, result in enumerate(found):
        result = copy.deepcopy(result)
        decision = result["decisions"][0][1]
        if i % 7 == 3:  # scored coverage, with a line the outlet's pages share
            decision.update(is_coverage=True, kind="coverage", relevance=0.9, additions=[
                boilerplate, f"A line of page {i} alone"], matches=[{
                    "claim_id": claim, "sentence": f"sentence {i}", "score": 0.9,
                    "verdict": "verbatim", "conflicts": None, "notes": None,
                    "scorer": "bench"}])
        elif i % 11 == 5:  # coverage that could not be scored
            decision.update(is_coverage=True, kind="coverage", scored=False)
        if i % 13 == 4:
            result["decisions"] = []
        if i % 17 == 6:  # a story changed since: its verdicts are left for `monitor match`
            result["run"] = {**run, "stories": {str(story): "an old version"}}
        if i % 19 == 7:
            result["sketch"], result["bands"] = None, []
        if i % 23 == 8:  # an aggregator's name for an outlet on another domain
            result["outlet"] = {**result["outlet"], "domain": "elsewhere.example",
                                "listed": False}
        if i % 29 == 9:  # the canonical URL is the page before's: its text changed
            result["article"]["url"] = found[i - 1]["article"]["url"]
        entries.append(("page", result))
        if i % 31 == 10:  # fetched again soon after, its text changed
            again = copy.deepcopy(result)
            again["article"]["text"] += " An update."
            again["article"]["content_hash"] += "-2"
            again["text_hash"] = again["article"]["content_hash"]
            entries.append(("page", again))
        if i % 37 == 11:  # the same page again, the same text
            entries.append(("page", copy.deepcopy(result)))
        if i % 41 == 12:
            entries.append(("page", {**result, "status": 404, "error": "HTTP 404",
                                     "article": None, "outlet": None, "packed": None,
                                     "url": result["url"] + "?gone", "sketch": None,
                                     "bands": [], "decisions": []}))
        if i % 43 == 13:
            entries.append(("unchanged", {"urls": [found[j]["url"] for j in range(0, i, 5)]}))
        if i % 47 == 14 and i > 600:  # an article of a batch before, changed
            again = copy.deepcopy(found[i - 600])
            again["article"]["text"] = again["article"]["text"][::-1]
            again["article"]["content_hash"] += "-late"
            entries.append(("page", again))
    entries.append(("run-finish", {**run, "pages": len(found), "errors": 0,
                                   "status": "finished"}))
    return entries


def send(url: str, entries: list[tuple[str, dict]]) -> None:
    """The entries into an empty stream, with the same ids each time."""
    client = redis.Redis.from_url(url)
    client.flushall()
    sending = client.pipeline(transaction=False)
    for n, (kind, data) in enumerate(entries, 1):
        sending.xadd(frontier.RESULTS, shared.entry(kind, data), id=f"1-{n}")
    sending.execute()


def ingest(tree: Path, db: Path, url: str) -> None:
    # python -m puts its working folder first on the path: the tree's `monitor` is the one run.
    subprocess.run([sys.executable, "-m", "monitor", "--db", str(db), "ingest", "--redis", url,
                    "--until-idle"], cwd=tree, check=True, stdout=subprocess.DEVNULL)


def tables(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows (with their rowids), but when they were written."""
    conn = sqlite3.connect(db)
    found = {"schema": conn.execute("select type, name, sql from sqlite_master "
                                    "order by name").fetchall()}
    for (name,) in conn.execute("select name from sqlite_master where type = 'table' and "
                                "sql not like 'create virtual%' order by name"):
        if name in FTS_SEGMENTS:
            continue
        columns = [c[1] for c in conn.execute(f"pragma table_info('{name}')")
                   if not c[1].endswith(WHEN)]
        rowid = "without rowid" not in conn.execute(
            "select lower(sql) from sqlite_master where name = ?", [name]).fetchone()[0]
        listed = ", ".join(f'"{c}"' for c in columns)
        found[name] = conn.execute(f'select {"rowid, " if rowid else ""}{listed} from "{name}" '
                                   f"order by {'rowid' if rowid else listed}").fetchall()
    conn.execute("create virtual table temp.places using fts5vocab(main, articles_fts, "
                 "instance)")
    found["fts instances"] = conn.execute("select * from temp.places "
                                          "order by term, doc, col, offset").fetchall()
    found["fts totals"] = conn.execute("select block from articles_fts_data where id = 1"
                                       ).fetchall()
    conn.execute("insert into articles_fts (articles_fts) values ('integrity-check')")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="the other tree")
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--mixed", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        server, url = start_redis(folder, appendonly=False)
        try:
            seeded = folder / "seeded.db"
            db = schema.open_db(seeded)
            story, _ = add_seed(db, str(ROOT / "data/seeds/port-strike.txt"))
            claim = db.execute("select min(id) from claims").fetchone()[0]
            version = story_versions(published_stories(db))[str(story)]
            db.close()
            found = page_results(args.articles, 600, (story, version))
            entries = (mixed(found, story, claim) if args.mixed
                       else [("run-start", found[0]["run"]), *[("page", r) for r in found],
                             ("run-finish", {**found[0]["run"], "pages": len(found),
                                             "errors": 0, "status": "finished"})])
            stored = {}
            for name, tree in (("before", args.before.resolve()), ("after", ROOT)):
                shutil.copy(seeded, folder / f"{name}.db")
                send(url, entries)
                ingest(tree, folder / f"{name}.db", url)
                stored[name] = tables(folder / f"{name}.db")
        finally:
            server.terminate()
            server.wait()
    before, after = stored["before"], stored["after"]
    differ = [name for name in sorted(set(before) | set(after))
              if before.get(name) != after.get(name)]
    print(f"{len(entries)} entries; rows compared: " + ", ".join(
        f"{name} {len(rows)}" for name, rows in sorted(after.items()) if rows))
    print("the same rows in every table" if not differ else f"DIFFERENT: {', '.join(differ)}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
