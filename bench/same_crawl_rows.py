"""Whether two crawls of `bench/crawl.py`'s site stored the same rows, whatever order pages came in.

    .venv/bin/python bench/same_crawl_rows.py BEFORE.db AFTER.db

Each database is a `monitor run` over the same pages (`bench/crawl.py`'s outlet), by two trees
of the project, say. Pages arrive in another order in every crawl (32 in flight), so ids
differ: every row is compared with its article ids read as the articles' URLs, the outlet's
port (each run serves on its own) left out, and without when it was written (*_at, *_seen,
*_since columns, a run's row). Syndicated copies are compared as groups: which copy of a group
stands as the first depends on which arrived first. A story is compared without the path of
the seed file it was added from (each tree adds its own copy).
"""

from __future__ import annotations

import argparse
import re
import sqlite3

WHEN = ("_at", "_seen", "_since")
LEFT_OUT = {"crawl_runs", "sqlite_sequence", "_pending_copies", "copies"}
PORT = re.compile(r"127\.0\.0\.1:\d+")


def _plain(value: object) -> object:
    return PORT.sub("127.0.0.1:PORT", value) if isinstance(value, str) else value


def stored(path: str) -> dict[str, list[tuple]]:
    """Every table's rows as compared (see the docstring), sorted."""
    conn = sqlite3.connect(path)
    urls = {i: _plain(url) for i, url in conn.execute("select id, url from articles")}
    found: dict[str, list[tuple]] = {}
    for (name,) in conn.execute("select name from sqlite_master where type = 'table' and "
                                "sql not like 'create virtual%' and name not like '%fts%'"):
        if name in LEFT_OUT:
            continue
        columns = [c[1] for c in conn.execute(f"pragma table_info('{name}')")
                   if not c[1].endswith(WHEN) and c[1] not in ("id", "run_id")
                   and not (name == "stories" and c[1] == "source")]
        listed = ", ".join(f'"{c}"' for c in columns)
        found[name] = sorted((tuple(urls.get(v) if c == "article_id" else _plain(v)
                                    for c, v in zip(columns, row, strict=True))
                              for row in conn.execute(f'select {listed} from "{name}"')),
                             key=repr)
    found["full-text index"] = sorted(map(tuple, conn.execute(
        "select title, text from articles_fts")), key=repr)
    groups: dict[str, set[str]] = {}
    for copy, first in conn.execute("select article_id, copy_of from copies"):
        groups.setdefault(urls[first], {urls[first]}).add(urls[copy])
    found["copies (as groups)"] = sorted(sorted(group) for group in groups.values())
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    args = parser.parse_args()
    before, after = stored(args.before), stored(args.after)
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name, []), after.get(name, [])
        print(f"  {'same' if a == b else 'DIFFERENT':9} {name}: {len(a)} / {len(b)} rows")
    print("every row the same" if before == after else "rows differ")


if __name__ == "__main__":
    main()
