# ruff: noqa: E501  (HTML and XML templates read best unwrapped)
"""Render the demo corpus (articles.toml) into static outlet sites under data/demo/site/.

    .venv/bin/python data/demo/make_site.py [FOLDER]

FOLDER (default data/demo) holds articles.toml; its site/ and outlets.toml are written. The
held-out story (data/heldout) is rendered the same way, with only the outlets it uses.

Every outlet gets its own page skeleton with the furniture real sites carry (navigation, cookie
notice, share buttons, related links, reader comments, footer) and its own way of announcing
articles: RSS 0.91, 1.0 and 2.0, Atom, a plain sitemap, a Google News sitemap, a gzip-compressed
sitemap behind a sitemap index. URLs in feeds use {base}, replaced by the demo server's address.
"""

from __future__ import annotations

import gzip
import html
import shutil
import sys
import tomllib
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).parent
SITE = HERE / "site"
BASE = "{base}"

OUTLETS = {
    "wire": {"name": "Continental Wire", "feeds": ["rss2"], "sitemaps": ["plain"],
             "article": "article", "body": "div class=\"article-body\""},
    "tribune": {"name": "Harbor City Tribune", "feeds": ["atom"], "sitemaps": [],
                "article": "main", "body": "section class=\"story\""},
    "ledger": {"name": "The Daily Ledger", "feeds": [], "sitemaps": ["news"],
               "article": "article", "body": "div itemprop=\"articleBody\""},
    "southern": {"name": "Southern Cross Times", "feeds": ["rss2"], "sitemaps": ["index"],
                 "article": "div class=\"page\"", "body": "div class=\"entry-content\""},
    "metro": {"name": "Metro Post", "feeds": ["rss1"], "sitemaps": [],
              "article": "article", "body": "div class=\"content\""},
    "frontera": {"name": "Frontera Report", "feeds": ["atom"], "sitemaps": ["plain"],
                 "article": "main", "body": "div class=\"nota\""},
    "brief": {"name": "Capitol Brief", "feeds": ["rss091"], "sitemaps": [],
              "article": "article", "body": "div class=\"brief-text\""},
}

COMMENTS = [
    ("border_watcher", "Nobody asked for this. There will be no invasion, full stop, and the "
                       "Pentagon knows it."),
    ("mjensen", "Twenty-nine suspects is nothing. They should have sent three hundred."),
    ("lupita_r", "Good reporting, thank you for the context on the designations."),
]


def e(text: str) -> str:
    return html.escape(text, quote=True)


def page(outlet: str, article: dict) -> str:
    o = OUTLETS[outlet]
    tag, attrs = (o["article"].split(" ", 1) + [""])[:2]
    body_tag, body_attrs = (o["body"].split(" ", 1) + [""])[:2]
    paragraphs = "\n".join(f"      <p>{e(line)}</p>" for line in article["body"].strip().splitlines())
    related = article.get("related") or ["Markets close higher on tech rally",
                                         "Ten places to visit this autumn"]
    related_html = "\n".join(f'        <li><a href="/{outlet}/related-{i}.html">{e(t)}</a></li>'
                             for i, t in enumerate(related))
    comments = "\n".join(f'      <div class="comment"><span class="user">{e(u)}</span>'
                         f"<p>{e(c)}</p></div>" for u, c in COMMENTS)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{e(article['title'])} | {e(o['name'])}</title>
  <meta name="author" content="{e(article['author'])}">
  <meta property="og:title" content="{e(article['title'])}">
  <meta property="og:site_name" content="{e(o['name'])}">
  <meta property="article:published_time" content="{article['date']}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="canonical" href="{BASE}/{outlet}/{article['path']}">
</head>
<body>
  <div id="cookie-banner" class="cookie-notice">We use cookies to improve your experience and to
    show you relevant advertising. By continuing you accept our cookie policy.
    <button>Accept all</button> <button>Manage settings</button></div>
  <header class="site-header">
    <a class="logo" href="/{outlet}/">{e(o['name'])}</a>
    <nav><ul><li><a href="/{outlet}/world">World</a></li><li><a href="/{outlet}/politics">Politics</a></li>
      <li><a href="/{outlet}/business">Business</a></li><li><a href="/{outlet}/sport">Sport</a></li>
      <li><a href="/{outlet}/opinion">Opinion</a></li><li><a href="/{outlet}/subscribe">Subscribe</a></li></ul></nav>
  </header>
  <{tag} {attrs}>
    <h1>{e(article['title'])}</h1>
    <p class="byline">By <span class="author">{e(article['author'])}</span> ·
      <time datetime="{article['date']}">{article['date'][:10]}</time></p>
    <div class="share"><a href="#">Share on X</a> <a href="#">Share on Facebook</a>
      <a href="#">Email</a> <a href="#">Copy link</a></div>
    <{body_tag} {body_attrs}>
{paragraphs}
    </{body_tag}>
    <aside class="newsletter">Get the morning briefing in your inbox. <a href="#">Sign up now</a></aside>
  </{tag}>
  <aside class="related"><h2>Related stories</h2>
      <ul>
{related_html}
      </ul>
  </aside>
  <section id="comments" class="comments"><h2>3 comments</h2>
{comments}
  </section>
  <footer class="site-footer"><p>© 2025 {e(o['name'])}. All rights reserved.</p>
    <p><a href="/{outlet}/about">About us</a> · <a href="/{outlet}/privacy">Privacy</a> ·
    <a href="/{outlet}/terms">Terms</a> · <a href="/{outlet}/contact">Contact</a></p></footer>
</body>
</html>
"""


def url(outlet: str, article: dict) -> str:
    return f"{BASE}/{outlet}/{article['path']}"


def rfc822(iso: str) -> str:
    return format_datetime(datetime.fromisoformat(iso.replace("Z", "+00:00")))


def feed_url(outlet: str, article: dict) -> str:
    # Feeds often tag their links for analytics; the crawl must strip that.
    return url(outlet, article) + ("?utm_source=rss&utm_medium=feed" if article.get("utm") else "")


def rss2(outlet: str, articles: list[dict]) -> str:
    items = "\n".join(f"""  <item><title>{e(a['title'])}</title><link>{e(feed_url(outlet, a))}</link>
    <guid isPermaLink="true">{url(outlet, a)}</guid><pubDate>{rfc822(a['date'])}</pubDate>
    <description>{e(a['body'].strip().splitlines()[0])}</description></item>""" for a in articles)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{OUTLETS[outlet]['name']}</title>
  <link>{BASE}/{outlet}/</link><description>Latest news</description>
{items}
</channel></rss>
"""


def rss091(outlet: str, articles: list[dict]) -> str:
    items = "\n".join(f"  <item><title>{e(a['title'])}</title><link>{url(outlet, a)}</link></item>"
                      for a in articles)
    return f"""<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="0.91"><channel><title>{OUTLETS[outlet]['name']}</title><link>{BASE}/{outlet}/</link>
  <description>Briefs</description><language>en</language>
{items}
</channel></rss>
"""


def rss1(outlet: str, articles: list[dict]) -> str:
    seq = "\n".join(f'      <rdf:li rdf:resource="{url(outlet, a)}"/>' for a in articles)
    items = "\n".join(f"""<item rdf:about="{url(outlet, a)}"><title>{e(a['title'])}</title>
  <link>{url(outlet, a)}</link><dc:date>{a['date']}</dc:date></item>""" for a in articles)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="{BASE}/{outlet}/"><title>{OUTLETS[outlet]['name']}</title>
    <link>{BASE}/{outlet}/</link><description>Metro Post</description>
    <items><rdf:Seq>
{seq}
    </rdf:Seq></items>
  </channel>
{items}
</rdf:RDF>
"""


def atom(outlet: str, articles: list[dict]) -> str:
    entries = "\n".join(f"""  <entry><title>{e(a['title'])}</title>
    <link rel="alternate" type="text/html" href="{e(feed_url(outlet, a))}"/>
    <id>{url(outlet, a)}</id><updated>{a['date']}</updated>
    <author><name>{e(a['author'])}</name></author></entry>""" for a in articles)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{OUTLETS[outlet]['name']}</title>
  <link rel="self" href="{BASE}/{outlet}/atom.xml"/><id>{BASE}/{outlet}/</id>
  <updated>2025-08-09T18:00:00Z</updated>
{entries}
</feed>
"""


def urlset(outlet: str, articles: list[dict], news: bool = False) -> str:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    rows = []
    for a in articles:
        extra = (f"<news:news><news:publication><news:name>{OUTLETS[outlet]['name']}</news:name>"
                 f"<news:language>en</news:language></news:publication>"
                 f"<news:publication_date>{a['date']}</news:publication_date>"
                 f"<news:title>{e(a['title'])}</news:title></news:news>") if news else ""
        rows.append(f"  <url><loc>{url(outlet, a)}</loc><lastmod>{a['date']}</lastmod>{extra}</url>")
        if a.get("amp"):  # the AMP version listed too: the crawl must store the article once
            amp = url(outlet, a).replace(".html", ".amp.html")
            rows.append(f"  <url><loc>{amp}</loc><lastmod>{a['date']}</lastmod></url>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>\n'
            + "\n".join(rows) + "\n</urlset>\n")


def search_page(outlet: str, articles: list[dict]) -> str:
    results = "\n".join(f'    <li><a href="/{outlet}/{a["path"]}">{e(a["title"])}</a></li>'
                        for a in articles)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Search | {e(OUTLETS[outlet]['name'])}</title></head>
<body><nav><a href="/{outlet}/">Home</a> <a href="/{outlet}/tag/mexico">Mexico</a>
<a href="/{outlet}/author/jorge-salinas">Jorge Salinas</a> <a href="/{outlet}/search.html?q=x&page=2">Next page</a></nav>
<h1>Search results</h1>
<ol class="results">
{results}
</ol></body></html>
"""


def write_outlet(outlet: str, articles: list[dict], site: Path = SITE) -> dict:
    root = site / outlet
    for a in articles:
        target = root / a["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page(outlet, a), encoding="utf-8")
    entry = {"name": OUTLETS[outlet]["name"], "feeds": [], "sitemaps": [], "urls": []}
    # Most articles are announced in feeds and sitemaps; some only in search results or
    # in the outlet file's URL list, as on real sites.
    found_by_search = [a for a in articles if a.get("announce") == "search"
                       or (a.get("announce") is None and a["date"] >= "2025-08-09")]
    if any(a.get("announce") == "search" for a in articles):
        (root / "search.html").write_text(search_page(outlet, found_by_search))
        entry["search"] = f"{BASE}/{outlet}/search.html?q={{query}}"
    entry["urls"] = [url(outlet, a) for a in articles if a.get("announce") == "urls"]
    articles = [a for a in articles if a.get("announce") is None]
    writers = {"rss2": ("rss.xml", rss2), "rss091": ("rss091.xml", rss091),
               "rss1": ("index.rdf", rss1), "atom": ("atom.xml", atom)}
    for kind in OUTLETS[outlet]["feeds"]:
        name, writer = writers[kind]
        text = writer(outlet, articles)
        (root / name).write_bytes(text.encode("iso-8859-1" if kind == "rss091" else "utf-8",
                                              errors="xmlcharrefreplace"))
        entry["feeds"].append(f"{BASE}/{outlet}/{name}")
    for kind in OUTLETS[outlet]["sitemaps"]:
        if kind == "index":
            (root / "sitemap-2025-08.xml.gz").write_bytes(
                gzip.compress(urlset(outlet, articles).encode(), mtime=0))
            (root / "sitemap_index.xml").write_text(
                '<?xml version="1.0" encoding="UTF-8"?>\n'
                '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                f"  <sitemap><loc>{BASE}/{outlet}/sitemap-2025-08.xml.gz</loc></sitemap>\n"
                "</sitemapindex>\n")
            entry["sitemaps"].append(f"{BASE}/{outlet}/sitemap_index.xml")
        else:
            name = "news-sitemap.xml" if kind == "news" else "sitemap.xml"
            (root / name).write_text(urlset(outlet, articles, news=kind == "news"))
            entry["sitemaps"].append(f"{BASE}/{outlet}/{name}")
    return entry


def main(folder: Path = HERE) -> None:
    articles = tomllib.loads((folder / "articles.toml").read_text(encoding="utf-8"))["article"]
    site = folder / "site"
    if site.exists():
        shutil.rmtree(site)
    served = ("`monitor demo` serves data/demo/site" if folder == HERE else
              f"bench/demo_labels.py --heldout serves data/{folder.name}/site")
    lines = [f"# The {folder.name} outlets. {served} and replaces {{base}}.",
             "# Written by data/demo/make_site.py.", ""]
    for outlet in OUTLETS:
        mine = [a for a in articles if a["outlet"] == outlet]
        if not mine:
            continue
        entry = write_outlet(outlet, mine, site)
        lines += ["[[outlet]]", f'name = "{entry["name"]}"', 'domain = "127.0.0.1"',
                  f"feeds = {entry['feeds']!r}".replace("'", '"'),
                  f"sitemaps = {entry['sitemaps']!r}".replace("'", '"')]
        if entry.get("search"):
            lines.append(f'search = "{entry["search"]}"')
        if entry["urls"]:
            lines.append(f"urls = {entry['urls']!r}".replace("'", '"'))
        lines.append("")
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    (folder / "outlets.toml").write_text("\n".join(lines))


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else HERE)
