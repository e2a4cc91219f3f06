"""Same story, end to end: who else covered it, found by the product's crawl on real journalism.

    .venv/bin/python bench/realtext_coverage.py [--keep DIR] [--per-story 80] [--show]

Six stories of ../shared/data/news-events (none read by bench/realtext_verdicts.py or
bench/realtext_heldout.py), of different kinds. For each, one article is the seed; its other
articles and a few hundred distractors from the same beat and days (articles of other stories
within ±7 days of the seed, or undated, that share most of its names and rare words) are
rendered as pages (headline, date in meta tags, body) and served on 127.0.0.1 as their outlets,
half through an RSS feed and half through a news sitemap. As a user: `monitor seed add URL`,
`monitor run`, `monitor report`, then the `coverage_decisions` view is read. Scored: the story's
other articles are coverage, every distractor is not (AllSides' grouping, label noise included).

The same pairs are decided again directly from the texts, as bench/coverage.py decides them
(the shipped model, evidence from the data set's title, body and date): every disagreement is a
difference between what the product read from the page and what the data set holds, and is
printed with the evidence that differs (no article text is printed: headlines are, for reading).
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import coverage as on_texts  # noqa: E402  (bench/coverage.py)
from realtext_verdicts import ARTICLES, _date, _page, _slug  # noqa: E402

from monitor.jobs import demo  # noqa: E402
from monitor.steps import coverage  # noqa: E402
from monitor.steps.claims import read_seed  # noqa: E402
from monitor.steps.dates import DEFAULT_WINDOW_DAYS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MONITOR = [sys.executable, "-m", "monitor"]
CRAWL = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s",
         "ROBOTSTXT_OBEY=False"]
# Story -> the outlet of its seed: a child's death in custody, a newsroom shooting, a tariff
# retaliation, a Supreme Court ruling, an attack abroad, a day's record of virus cases.
STORIES = {
    "as0651": "USA Today", "as0415": "The Hill", "as0786": "Reuters", "as1342": "The Hill",
    "as0066": "NPR", "as1346": "Politico",
}
UNDATED = 20  # of each story's distractors, the undated ones most like its seed


def load() -> list[dict]:
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def chosen(articles: list[dict], per_story: int) -> tuple[dict[str, int], list[int]]:
    """Each story's seed (by index) and the articles served: the stories' own and, for each
    story, the `per_story` of other stories most like its seed (names and body by rarity)
    published within the window, or undated (UNDATED of them)."""
    rarity = coverage.rarity()
    weighed = {}

    def w(i: int) -> coverage.Weighed:
        if i not in weighed:
            a = articles[i]
            weighed[i] = coverage.weigh(coverage.profile(a["title"], a["text"], a["published"]),
                                        rarity)
        return weighed[i]

    seeds = {a["event"]: i for i, a in enumerate(articles)
             if STORIES.get(a["event"]) == a["outlet"]}
    served = {i for i, a in enumerate(articles) if a["event"] in STORIES}
    for s in seeds.values():
        day = w(s).profile.published
        near = [i for i, a in enumerate(articles) if a["event"] not in STORIES and (
            not a["published"] or abs((coverage._day(a["published"]) - day).days)
            <= DEFAULT_WINDOW_DAYS)]
        like = sorted(near, key=lambda i: -(
            coverage.evidence(w(s), w(i)).features["names_shared"]
            + coverage._dot(w(s).body, w(i).body)))
        undated = [i for i in like if not articles[i]["published"]][:UNDATED]
        dated = [i for i in like if articles[i]["published"]][:per_story - len(undated)]
        served.update(undated + dated)
    return seeds, sorted(served)


def dressed(page: str, a: dict, related: list[tuple[str, str]]) -> str:
    """A page of bench/realtext_verdicts.py dressed as outlets' pages are: a byline with the
    date written out, share buttons, an advertisement between paragraphs, a list of the
    outlet's other headlines after the article, a footer with the copyright."""
    when = (f'<time datetime="{a["published"]}T12:00:00Z">'
            f'{coverage._day(a["published"]):%B %-d, %Y}</time>' if a["published"] else "")
    links = "".join(f'<li><a href="{url}">{html.escape(title)}</a></li>'
                    for title, url in related)
    page = page.replace('<p class="byline">', f'<p class="byline">By Staff Writer {when} | ', 1)
    page = page.replace('<p class="byline">', '<div class="share"><a href="#">Share</a> '
                        '<a href="#">Tweet</a> <a href="#">Email</a></div><p class="byline">', 1)
    paragraphs = page.split("</p>\n<p>")
    if len(paragraphs) > 4:
        paragraphs[3] += '</p>\n<div class="ad">Advertisement</div>\n<p>'
        page = "</p>\n<p>".join(paragraphs).replace("<p></p>\n<p>", "<p>")
    return page.replace("</article>", f'</article><aside class="related"><h2>More from '
                        f'{html.escape(a["outlet"])}</h2><ul>{links}</ul></aside>', 1).replace(
        "<footer>About us</footer>", f"<footer>&copy; {html.escape(a['outlet'])}. All rights "
        "reserved. <a href='/privacy'>Privacy</a></footer>", 1)


def build(site: Path, base: str, articles: list[dict], served: list[int],
          plain: bool = False) -> dict[int, str]:
    """Each served article's page (`dressed` unless `plain`), and a feed or sitemap per outlet
    (alternately); returns the URL of each article and writes the outlet file beside it."""
    urls, by_outlet = {}, {}
    for i in served:
        a = articles[i]
        urls[i] = f"{base}/{_slug(a['outlet'])}/{a['id']}.html"
        by_outlet.setdefault(a["outlet"], []).append(i)
    for i in served:
        a = articles[i]
        path = urls[i].removeprefix(base + "/")
        page = _page(a, base, path)
        if not plain:  # the outlet's three other articles listed nearest
            others = [j for j in by_outlet[a["outlet"]] if j != i][:3]
            page = dressed(page, a, [(articles[j]["title"], urls[j]) for j in others])
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(page, encoding="utf-8")
    outlets = []
    for n, (outlet, items) in enumerate(sorted(by_outlet.items())):
        folder = _slug(outlet)
        if n % 2 == 0:
            (site / folder / "rss.xml").write_text(_feed(outlet, items, articles, urls),
                                                   encoding="utf-8")
            how = f'feeds = ["{base}/{folder}/rss.xml"]'
        else:
            (site / folder / "sitemap.xml").write_text(_sitemap(items, articles, urls),
                                                       encoding="utf-8")
            how = f'sitemaps = ["{base}/{folder}/sitemap.xml"]'
        outlets.append(f'[[outlet]]\nname = "{outlet}"\ndomain = "127.0.0.1"\n{how}\n')
    (site.parent / "outlets.toml").write_text("\n".join(outlets), encoding="utf-8")
    return urls


def _feed(outlet: str, items: list[int], articles: list[dict], urls: dict[int, str]) -> str:
    entries = "".join(
        f"<item><title>{html.escape(articles[i]['title'])}</title><link>{urls[i]}</link>"
        + (f"<pubDate>{_date(articles[i]['published'])}</pubDate>"
           if articles[i]["published"] else "") + "</item>" for i in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{html.escape(outlet)}'
            f"</title>{entries}</channel></rss>")


def _sitemap(items: list[int], articles: list[dict], urls: dict[int, str]) -> str:
    entries = "".join(
        f"<url><loc>{urls[i]}</loc>"
        + (f"<news:news><news:publication_date>{articles[i]['published']}"
           f"</news:publication_date><news:title>{html.escape(articles[i]['title'])}"
           f"</news:title></news:news>" if articles[i]["published"] else "") + "</url>"
        for i in items)
    return ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"{entries}</urlset>")


def run(work: Path, articles: list[dict], seeds: dict[str, int], served: list[int],
        plain: bool = False) -> tuple[str, dict[int, str]]:
    """Serve the site, register the seeds by URL, `monitor run`, `monitor report` (kept in
    report.txt); returns the database and the articles' URLs."""
    site = work / "site"
    site.mkdir(parents=True, exist_ok=True)
    server, base = demo.serve_site(site)
    db = str(work / "events.db")
    go = dict(check=True, cwd=ROOT, capture_output=True, text=True)
    try:
        urls = build(site, base, articles, served, plain)
        for event, s in sorted(seeds.items()):
            subprocess.run([*MONITOR, "--db", db, "seed", "add", urls[s], "--slug", event],
                           **go)
        subprocess.run([*MONITOR, "--db", db, "run", "--outlets", str(work / "outlets.toml"),
                        *CRAWL], **go)
    finally:
        server.shutdown()
    report = subprocess.run([*MONITOR, "--db", db, "report", "--width", "120"], **go).stdout
    (work / "report.txt").write_text(report, encoding="utf-8")
    return db, urls


def end_to_end(db: str, urls: dict[int, str]) -> dict[tuple[str, int], dict]:
    """(story, article index) -> its row of `coverage_decisions`, with the evidence stored."""
    by_url = {u: i for i, u in urls.items()}
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    found = {}
    for row in conn.execute("select d.*, c.evidence, a.title as read_title, a.published, "
                            "a.text from coverage_decisions d join coverage c on "
                            "c.story_id = d.story_id and c.article_id = d.article_id "
                            "join articles a on a.id = d.article_id"):
        if row["url"] in by_url:
            found[(row["story"], by_url[row["url"]])] = dict(row)
    return found


def on_the_texts(articles: list[dict], seeds: dict[str, int], served: list[int]
                 ) -> dict[tuple[str, int], tuple[coverage.Decision, dict]]:
    """The same pairs decided from the data set's texts, as bench/coverage.py decides them."""
    rarity = coverage.rarity()
    weighed = {i: coverage.weigh(coverage.profile(articles[i]["title"], articles[i]["text"],
                                                  articles[i]["published"]), rarity)
               for i in served}
    out = {}
    for event, s in seeds.items():
        claims = read_seed(f"{articles[s]['title']}\n{articles[s]['text']}").claims
        repeated = coverage.repeated_runs(claims)
        for j in served:
            if j == s:
                continue
            ev = coverage.evidence(weighed[s], weighed[j])
            ev, _ = on_texts.with_claims(ev, claims, repeated, weighed[j], articles[j]["text"])
            out[(event, j)] = (coverage.decide(ev), ev.features)
    return out


def score(name: str, decided: dict[tuple[str, int], bool], articles: list[dict]) -> None:
    tp = sum(v and articles[j]["event"] == e for (e, j), v in decided.items())
    fp = sum(v and articles[j]["event"] != e for (e, j), v in decided.items())
    fn = sum(not v and articles[j]["event"] == e for (e, j), v in decided.items())
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"{name}: {len(decided):,} decisions, {tp + fn} covering; found {tp}, other stories "
          f"counted {fp}, missed {fn}: precision {p:.3f}, recall {r:.3f}, "
          f"F1 {2 * p * r / max(p + r, 1e-9):.3f}")


def reading(articles: list[dict], e2e: dict) -> None:
    """How the pages were read against the data set: dates, headlines, body lines added or
    lost (counts only)."""
    read = {j: row for (_, j), row in e2e.items()}
    dates = Counter()
    titles = added = lost = 0
    for j, row in read.items():
        a = articles[j]
        got = (row["published"] or "")[:10] or None
        dates["same" if got == a["published"] else "read, undated in the data" if
              not a["published"] else "none read" if not got else "other"] += 1
        titles += row["read_title"] != a["title"]
        mine = {" ".join(p.split()) for p in a["text"].split("\n\n") if p.strip()}
        theirs = {" ".join(p.split()) for p in (row["text"] or "").split("\n") if p.strip()}
        added += len(theirs - mine)
        lost += len(mine - theirs)
    print(f"pages read: {len(read)}; dates {dict(dates)}; headlines read otherwise: {titles}; "
          f"body paragraphs not in the data set's text: {added}, of its text not read: {lost}")


def compare(articles: list[dict], seeds: dict[str, int], e2e: dict, texts: dict,
            show: bool) -> None:
    """Both ways' figures on the same pairs, and every pair they decide differently."""
    pairs = sorted(texts)
    seed_kinds = Counter(e2e.get((e, s), {}).get("kind", "not read") for e, s in seeds.items())
    print(f"seed pages: {dict(seed_kinds)}")
    reading(articles, e2e)
    unread = [p for p in pairs if p not in e2e]
    print(f"pairs: {len(pairs):,}; not decided end to end (page not read): {len(unread)}")
    score("end to end (monitor run)", {p: bool(e2e[p]["is_coverage"]) for p in pairs
                                       if p in e2e}, articles)
    score("model on the texts (bench/coverage.py)", {p: texts[p][0].is_coverage
                                                     for p in pairs}, articles)
    kinds = Counter((texts[p][0].kind, e2e[p]["kind"]) for p in pairs if p in e2e)
    print("kinds, texts -> end to end: " + ", ".join(
        f"{a}->{b} {n}" for (a, b), n in sorted(kinds.items())))
    differ = [p for p in pairs if p in e2e and texts[p][0].kind != e2e[p]["kind"]]
    print(f"decided differently: {len(differ)}")
    for e, j in differ:
        row, (dec, feats) = e2e[(e, j)], texts[(e, j)]
        stored = json.loads(row["evidence"] or "{}").get("features", {})
        moved = ", ".join(f"{f} {feats[f]:.2f}->{stored[f]:.2f}" for f in coverage.FEATURES
                          if f in stored and abs(stored[f] - feats[f]) > 0.02)
        a = articles[j]
        truth = "same story" if a["event"] == e else "other story"
        print(f"  {e} {a['outlet']} ({truth}): texts {dec.kind} {100 * dec.probability:.1f}%, "
              f"end to end {row['kind']} {row['relevance']}%; {moved or 'no feature moved'}")
        if show:
            print(f"    date {a['published']} -> {row['published']}; title "
                  f"{'same' if row['read_title'] == a['title'] else 'differs'}; body "
                  f"{len(a['text'])} -> {len(row['text'] or '')} characters")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", help="folder for the site, database and report")
    parser.add_argument("--per-story", type=int, default=80, help="distractors a story")
    parser.add_argument("--plain", action="store_true", help="pages as "
                        "bench/realtext_verdicts.py writes them, not dressed as outlets' pages")
    parser.add_argument("--show", action="store_true", help="dates, titles and lengths of "
                        "the pairs decided differently")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp())
    articles = load()
    seeds, served = chosen(articles, args.per_story)
    print(f"{len(seeds)} stories, {len(served)} articles served")
    db = str(work / "events.db")
    if Path(db).exists():  # read again, no crawl
        urls = {int(u.rsplit("#", 1)[-1]): u.split("#")[0]
                for u in (work / "urls.txt").read_text().split()}
    else:
        db, urls = run(work, articles, seeds, served, args.plain)
        (work / "urls.txt").write_text("\n".join(f"{u}#{i}" for i, u in urls.items()))
    compare(articles, seeds, end_to_end(db, urls), on_the_texts(articles, seeds, served),
            args.show)
    print(f"database {db}; report {work / 'report.txt'}")


if __name__ == "__main__":
    main()
