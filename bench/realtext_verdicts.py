"""Verdicts on real journalism: 8 stories of ../shared/data/news-events, served offline.

    .venv/bin/python bench/realtext_verdicts.py [--db PATH [--rematch]] [--show]
    .venv/bin/python bench/realtext_verdicts.py --serve    # keep the outlets up for the CLI

Builds a site of every article of the 8 stories (one folder and feed per outlet) in a temporary
folder, serves it on 127.0.0.1, registers each story's seed article by its URL, crawls every
outlet and matches, into a temporary database (or reads --db when it exists). Then scores the
verdicts against bench/realtext_labels.tsv (--rematch: the stored articles matched again with
the code as it is, no crawl): story, outlet, claim (a hash of its text, `key`)
and the right verdict. --serve builds and serves the site and prints the `monitor` commands that
register the seeds and crawl it, so the product is run as a user runs it (then --db scores it).
The repo holds no text of these articles; only this bench reads them.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import json
import re
import tempfile
import threading
import unicodedata
from collections import Counter
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

from monitor.store.schema import open_db

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared/data/news-events/articles.jsonl.gz"
LABELS = Path(__file__).with_name("realtext_labels.tsv")
QUIET_CRAWL = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "LOG_LEVEL": "WARNING"}
# Each story and the outlet whose article is its seed: chosen for numbers, counts, courts,
# quotations, money.
STORIES = {
    "as0750": "USA Today", "as0506": "USA Today", "as0723": "Reuters", "as0951": "The Guardian",
    "as1204": "CNN", "as0491": "Reuters", "as1335": "Reuters", "as0944": "CNBC",
}


def key(claim: str) -> str:
    """A claim's label key: 12 hex digits of the SHA-1 of its text, case, quotes and spaces
    aside (the labels never hold the text)."""
    text = unicodedata.normalize("NFKC", claim).lower()
    text = re.sub("[\u2018\u2019]", "'", re.sub("[\u201c\u201d]", '"', text))
    return hashlib.sha1(" ".join(text.split()).encode()).hexdigest()[:12]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _page(a: dict, base: str, path: str) -> str:
    e = html.escape
    paragraphs = "\n".join(f"<p>{e(p.strip())}</p>" for p in a["text"].split("\n\n")
                           if p.strip())
    # An undated article (the data has some) has no date on its page either.
    dated = (f'<meta property="article:published_time" content="{a["published"]}T12:00:00Z">'
             if a["published"] else "")
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{e(a['title'])}</title><meta property="og:title" content="{e(a['title'])}">
{dated}
<link rel="canonical" href="{base}/{path}"></head><body>
<nav><a href="/">Home</a></nav><article><h1>{e(a['title'])}</h1>
<p class="byline">{e(a['outlet'])}</p>
{paragraphs}
</article><footer>About us</footer></body></html>"""


def _date(day: str) -> str:
    return format_datetime(datetime.fromisoformat(day + "T12:00:00").replace(tzinfo=UTC))


def build_site(site: Path, base: str, stories: dict[str, str] = STORIES,
               ) -> tuple[Path, list[tuple[str, str, str]]]:
    """Write the stories' articles, a feed per outlet and the outlet file; returns the outlet
    file and the seeds (story, URL, published). `stories`: story -> its seed's outlet."""
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as lines:
        chosen = [a for a in map(json.loads, lines) if a["event"] in stories]
    by_outlet: dict[str, list[tuple[dict, str]]] = {}
    seeds = []
    for a in chosen:
        path = f"{_slug(a['outlet'])}/{a['event']}-{a['id']}.html"
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(_page(a, base, path), encoding="utf-8")
        by_outlet.setdefault(a["outlet"], []).append((a, path))
        if a["outlet"] == stories[a["event"]]:
            seeds.append((a["event"], f"{base}/{path}", a["published"]))
    outlets = []
    for outlet, items in by_outlet.items():
        folder = _slug(outlet)
        entries = "".join(
            f"<item><title>{html.escape(a['title'])}</title><link>{base}/{path}</link>"
            f"<pubDate>{_date(a['published'])}</pubDate></item>" for a, path in items)
        (site / folder / "rss.xml").write_text(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>{html.escape(outlet)}'
            f"</title>{entries}</channel></rss>", encoding="utf-8")
        outlets.append(f'[[outlet]]\nname = "{outlet}"\ndomain = "127.0.0.1"\n'
                       f'feeds = ["{base}/{folder}/rss.xml"]\n')
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    outlet_file = site.parent / "outlets.toml"
    outlet_file.write_text("\n".join(outlets), encoding="utf-8")
    assert len(seeds) == len(stories), seeds
    return outlet_file, seeds


def run(db_path: str, stories: dict[str, str] = STORIES) -> None:
    """Build and serve the site, register the seeds, crawl and match into db_path."""
    from monitor.jobs import crawl, demo, match, seed

    site = Path(tempfile.mkdtemp()) / "site"
    site.mkdir()
    server, base = demo.serve_site(site)
    try:
        outlets, seeds = build_site(site, base, stories)
        db = open_db(db_path)
        for story, url, published in sorted(seeds):
            seed.add_seed(db, url, story, published=published)
        crawl.crawl(db_path, str(outlets), base, QUIET_CRAWL)
        match.match_stories(db)
    finally:
        server.shutdown()


def verdicts(db_path: str) -> dict[tuple[str, str, str], tuple[str, str, str | None]]:
    """(story, outlet, claim key) -> (verdict, claim, sentence) for every match."""
    q = """select s.slug, o.name, c.text, m.verdict, m.sentence from matches m
    join claims c on c.id = m.claim_id join stories s on s.id = m.story_id
    join articles a on a.id = m.article_id join outlets o on o.id = a.outlet_id"""
    return {(story, outlet, key(claim)): (verdict, claim, sentence)
            for story, outlet, claim, verdict, sentence in open_db(db_path).execute(q)}


def read_labels(path: Path = LABELS) -> list[tuple[str, str, str, str]]:
    rows = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8")
            .splitlines() if line.strip() and not line.startswith("#")]
    return [tuple(r) for r in rows[1:]]  # type: ignore[misc]


def score(found: dict, labels: list[tuple[str, str, str, str]], show: bool = False) -> None:
    right, total, gone = Counter(), Counter(), 0
    errors: Counter = Counter()
    for story, outlet, claim, verdict in labels:
        got = found.get((story, outlet, claim))
        if got is None:
            gone += 1
            continue
        total[story] += 1
        if got[0] == verdict:
            right[story] += 1
            continue
        errors[f"{verdict} called {got[0]}"] += 1
        if show:
            print(f"{story} {outlet} {claim}: {verdict} called {got[0]}\n  claim: {got[1]}\n"
                  f"  sentence: {got[2]}")
    n, r = sum(total.values()), sum(right.values())
    print(f"verdicts right: {r}/{n} = {r / max(n, 1):.3f}; labels whose claim is gone: {gone}")
    for story in sorted(total):
        print(f"  {story}: {right[story]}/{total[story]}")
    print("wrong, by kind:")
    for kind, count in errors.most_common():
        print(f"  {count:3} {kind}")


def serve(stories: dict[str, str]) -> None:
    """Build and serve the site until Ctrl-C, printing the commands a user runs on it."""
    from monitor.jobs import demo

    site = Path(tempfile.mkdtemp()) / "site"
    site.mkdir()
    server, base = demo.serve_site(site)
    outlets, seeds = build_site(site, base, stories)
    for story, url, published in sorted(seeds):
        print(f"monitor --db DB seed add {url} --slug {story} --published {published}")
    print(f"monitor --db DB run --outlets {outlets}\nmonitor --db DB report\n"
          "Ctrl-C stops the outlets.", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


def main(sets: dict[str, tuple[dict[str, str], Path]] | None = None) -> None:
    """The command: crawl (or rematch) into a database, then score it against the labels of
    the chosen set (`sets`: name -> its stories and labels; the first is the default)."""
    sets = sets or {"first": (STORIES, LABELS)}
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--set", choices=list(sets), default=next(iter(sets)),
                        help="which stories and labels")
    parser.add_argument("--show", action="store_true", help="list every wrong verdict")
    parser.add_argument("--serve", action="store_true",
                        help="serve the outlets and print the commands to crawl them")
    parser.add_argument("--rematch", action="store_true",
                        help="match the --db's articles again (`monitor match --all`)")
    args = parser.parse_args()
    stories, labels = sets[args.set]
    if args.serve:
        return serve(stories)
    db_path = args.db or str(Path(tempfile.mkdtemp()) / "realtext.db")
    if not Path(db_path).exists():
        run(db_path, stories)
    elif args.rematch:
        from monitor.jobs import match

        match.match_stories(open_db(db_path), everything=True)
    score(verdicts(db_path), read_labels(labels), args.show)


if __name__ == "__main__":
    main()
