"""One self-contained HTML page per story: heatmap, conflicts, reworded quotations, additions,
timeline.

Everything that comes from a page is escaped; links are kept only when they are http(s).
No external resources: the page opens from a file, offline, and can be mailed around.
"""

from __future__ import annotations

import difflib
import html
import json
from urllib.parse import urlsplit

from sqlite_utils import Database

from monitor.faces.report import (
    NOTED,
    REWORDED,
    SYMBOLS,
    claims_named,
    closest_not_counted,
    conflict_label,
    counted_decisions,
    decision_counts,
    marked_sentences,
    no_outlet_scored,
    noted_rows,
    outlet_summary,
    story_matrix,
    taken_down,
    unscored,
    unscored_note,
    why_unscored,
)
from monitor.faces.terminal import counted
from monitor.steps.copies import SHINGLE, shared_runs, shingles

COLOURS = {"verbatim": "#1a7f37", "paraphrase": "#6cc070", "reworded quotation": "#2f81f7",
           "partial": "#f2cc60", "conflict": "#d1242f", "absent": "#eaeef2"}
# The page loads nothing from anywhere: only its own inline style and script run.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
# An article is a likely copy of an earlier one when at least a third of its runs of SHINGLE
# words are the earlier one's (and at least 12): long shared quotations alone are not copying.
# On real coverage of one story by other outlets (news-events, 4,774 ordered pairs), 12 shared
# runs alone marked 41% of the pairs; a third of the article's runs marks 0.6%.
LIKELY_COPY_RUNS = 12
LIKELY_COPY_SHARE = 1 / 3


def e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def link(url: str | None, text: str) -> str:
    if url and urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{e(url)}" rel="noopener noreferrer">{e(text)}</a>'
    return e(text)


def highlight(ours: str, theirs: str) -> tuple[str, str]:
    """Both sides of a conflict with the words that differ marked."""
    a, b = ours.split(), theirs.split()
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        chunk_a, chunk_b = e(" ".join(a[i1:i2])), e(" ".join(b[j1:j2]))
        if op == "equal":
            left.append(chunk_a)
            right.append(chunk_b)
        else:
            if chunk_a:
                left.append(f"<mark>{chunk_a}</mark>")
            if chunk_b:
                right.append(f"<mark>{chunk_b}</mark>")
    return " ".join(left), " ".join(right)


def verdict_class(verdict: str) -> str:
    """The CSS class of a verdict's colour ("reworded quotation" is `v-reworded-quotation`)."""
    return "v-" + verdict.replace(" ", "-")


def render_html(db: Database, story: int) -> str:
    """The story's report as one HTML page."""
    row = db["stories"].get(story)
    claims, outlets, cells = story_matrix(db, story)
    sentences = _sentences(db, row["slug"])
    parts = [_head(row["title"]),
             f"<h1>{e(row['title'])}</h1><p class=meta>Story <code>{e(row['slug'])}</code> · "
             f"{counted(len(claims), 'claim')} · {counted(len(outlets), 'outlet')}</p>",
             _heatmap(claims, outlets, cells, sentences, _history(db, row["slug"])),
             unscored_html(db, story),
             _summary(db, story), _why(db, story),
             _conflicts(db, row["slug"]), *_notes(db, row["slug"]), _additions(db, story),
             _timeline(db, story),
             "</main></body></html>"]
    return "\n".join(parts)


def matrix_parts(db: Database, slug: str) -> dict | None:
    """A story's heatmap, conflicts, reworded quotations, differences noted and why each article
    was counted, as HTML parts (for the Datasette plugin's page, which wraps them in
    Datasette's layout); None when there is no such story."""
    rows = list(db["stories"].rows_where("slug = ?", [slug])) if db["stories"].exists() else []
    if not rows:
        return None
    claims, outlets, cells = story_matrix(db, rows[0]["id"])
    conflicts = [{**r, "html": conflict_html(r["claim_text"], r["sentence"], r["conflicts"])}
                 for r in db.query("select claim, claim_text, outlet, url, sentence, conflicts "
                                   "from conflicts where story = ? order by claim, outlet",
                                   [slug])]
    reworded, noted = ([{**r, "html": conflict_html(r["claim_text"], r["sentence"], r["notes"]),
                         "named": claims_named(r).capitalize()}
                        for r in noted_rows(db, slug, view, kinds)]
                       for view, kinds in (REWORDED, NOTED))
    return {"title": rows[0]["title"], "slug": slug, "claims": counted(len(claims), "claim"),
            "outlets": counted(len(outlets), "outlet"), "css": matrix_css(),
            "unscored": unscored_html(db, rows[0]["id"]), "why": _why(db, rows[0]["id"]),
            "heatmap": _heatmap(claims, outlets, cells, _sentences(db, slug),
                                _history(db, slug)),
            "conflicts": conflicts, "reworded": reworded, "noted": noted}


def unscored_html(db: Database, story: int) -> str:
    """The covering articles in other languages or behind a paywall, whose claims were not
    compared (so they are not in the heatmap), each linked; "" when there are none."""
    articles = unscored(db, story)
    if not articles:
        return ""
    items = "".join(f"<li>{e(a['outlet'])} · {link(a['url'], a['title'] or a['url'])} "
                    f"({e(why_unscored(a))}): claims not scored</li>" for a in articles)
    return (f'<h2>Not scored</h2><p class="meta">{e(unscored_note(articles).capitalize())}: '
            f"their claims were not compared with the seed's, so they are not in the table "
            f'above.</p><ul class="monitor-unscored">{items}</ul>')


def conflict_html(claim_text: str, sentence: str | None, conflicts: str | None) -> str:
    """A conflict (or a note: a reworded quotation, a rounded amount) as the seed's sentence
    over the outlet's, what differs marked (the amounts, names or words that changed), with
    what differs (a number, a quotation, ...)."""
    stored = json.loads(conflicts or "[]")
    if stored and "seed_sentence" in stored[0]:
        ours, theirs = (marked_html(s) for s in marked_sentences(stored[0]))
    else:  # stored before conflicts kept their sentences
        ours, theirs = highlight(claim_text or "", sentence or "")
    return (f'<div class="monitor-conflict"><div>seed: {ours}</div><div>outlet: {theirs}</div>'
            f'<div class="monitor-kinds">{conflict_kinds(conflicts)}</div></div>')


def marked_html(segments: list[tuple[str, bool]]) -> str:
    """Pieces of a sentence as escaped HTML, what differs in <mark>."""
    return "".join(f"<mark>{e(text)}</mark>" if marked else e(text) for text, marked in segments)


def conflict_kinds(conflicts: str | None) -> str:
    """What differs in a conflict (its stored JSON), as HTML: `number: seed “29” vs “26”`."""
    return "; ".join(f"{e(conflict_label(c))}: seed “{e(c['claim'])}” vs “{e(c['article'])}”"
                     # Whole sentences (a flipped negation) are already shown above them.
                     if len(str(c["claim"])) <= 60 else e(conflict_label(c))
                     for c in json.loads(conflicts or "[]"))


def matrix_css() -> str:
    """The heatmap's and the marked conflicts' styles, without the page's own."""
    colours = "".join(f".{verdict_class(v)}{{background:{c}}}" for v, c in COLOURS.items())
    return (".heatmap{border-collapse:collapse} .heatmap td,.heatmap th{border:1px solid "
            "#d0d7de;padding:.25rem .4rem}"
            ".heatmap th.outlet{writing-mode:vertical-rl;transform:rotate(180deg);"
            "font-weight:500} .heatmap td.cell{width:1.6rem;text-align:center;cursor:pointer;"
            "color:#fff} .heatmap td.claim{max-width:34rem} .quote{font-style:italic}"
            "#detail{min-height:3rem;padding:.5rem;border-left:4px solid #d0d7de;margin:.5rem 0}"
            ".monitor-conflict mark{background:#ffd8b5} .monitor-kinds{color:#59636e}"
            + colours)


def _sentences(db: Database, slug: str) -> dict[tuple[int, str], str]:
    """{(claim position, outlet): the outlet's sentence} for a story's matrix."""
    return {(r["claim"], r["outlet"]): r["sentence"] for r in db.query(
        "select claim, outlet, sentence from coverage_matrix where story = ? and sentence "
        "is not null", [slug])}


def _history(db: Database, slug: str) -> dict[tuple[int, str], str]:
    """{(claim position, outlet): how its verdict changed, when} for the cells an edited
    article changed: "conflict → paraphrase on 2026-03-03 09:10 UTC (version 2)"."""
    history: dict[tuple[int, str], list[str]] = {}
    for r in db.query("select claim, outlet, old_verdict, new_verdict, to_version, changed_at "
                      "from version_changes where story = ? order by changed_at, url", [slug]):
        when = str(r["changed_at"])[:16].replace("T", " ")
        history.setdefault((r["claim"], r["outlet"]), []).append(
            f"{r['old_verdict']} → {r['new_verdict']} on {when} UTC (version {r['to_version']})")
    return {cell: "; ".join(changes) for cell, changes in history.items()}


def _head(title: str) -> str:
    css = "".join(f".{verdict_class(v)}{{background:{c}}}" for v, c in COLOURS.items())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} · media monitor</title>
<style>
body{{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1f2328;background:#fff}}
main{{max-width:1200px;margin:auto;padding:1rem 2rem}} h2{{margin-top:2rem}}
table{{border-collapse:collapse}} td,th{{border:1px solid #d0d7de;padding:.25rem .4rem}}
.heatmap th.outlet{{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:500}}
.heatmap td.cell{{width:1.6rem;text-align:center;cursor:pointer;color:#fff}}
.heatmap td.claim{{max-width:34rem}} .quote{{font-style:italic}}
mark{{background:#ffd8b5}} .meta{{color:#59636e}} {css}
#detail{{min-height:3rem;padding:.5rem;border-left:4px solid #d0d7de;margin:.5rem 0}}
</style></head><body><main>"""


def _heatmap(claims, outlets, cells, sentences, history) -> str:
    head = "".join(f'<th class="outlet">{e(o)}</th>' for o in outlets)
    rows = []
    for c in claims:
        text = f"“{c['text']}”" if c["kind"] == "quote" else c["text"]
        tds = []
        for o in outlets:
            verdict = cells.get((c["position"], o), "absent")
            sentence = sentences.get((c["position"], o), "")
            # A verdict an edited article changed is marked, with when, in its title.
            changed = history.get((c["position"], o), "")
            tds.append(f'<td class="cell {verdict_class(verdict)}" '
                       f'title="{e(verdict + (f"; changed: {changed}" if changed else ""))}" '
                       f'data-outlet="{e(o)}" data-verdict="{e(verdict)}" '
                       f'data-changed="{e(changed)}" data-sentence="{e(sentence)}">'
                       f'{e(SYMBOLS[verdict])}{"*" if changed else ""}</td>')
        rows.append(f'<tr><td>{c["position"]}</td><td class="claim {e(c["kind"])}">{e(text)}'
                    f"</td>{''.join(tds)}</tr>")
    legend = " ".join(f'<span class="{verdict_class(v)}" style="padding:0 .4rem;color:#fff">'
                      f"{e(SYMBOLS[v])}</span> {v}" for v in COLOURS) + " · * changed by an edit"
    script = """<script>
document.querySelectorAll('td.cell').forEach(function (cell) {
  cell.addEventListener('click', function () {
    var d = document.getElementById('detail');
    d.textContent = cell.dataset.outlet + ' (' + cell.dataset.verdict + '): ' +
      (cell.dataset.sentence || 'no sentence supports this claim') +
      (cell.dataset.changed ? ' Changed: ' + cell.dataset.changed + '.' : '');
  });
});
</script>"""
    return (f"<h2>Claims × outlets</h2><p>{legend}</p><p id=detail>Click a cell to see the "
            f"outlet's sentence.</p><table class=heatmap><thead><tr><th>#</th><th>claim</th>"
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{script}")


def _summary(db: Database, story: int) -> str:
    summary = outlet_summary(db, story)
    if not summary:
        return f"<h2>Per outlet</h2><p>{e(no_outlet_scored(db, story))}</p>"
    rows = "".join(f"<tr><td>{e(r['outlet'])}</td><td>{r['verbatim']}</td>"
                   f"<td>{r['reworded']}</td><td>{r['partial']}</td><td>{r['absent']}</td>"
                   f"<td>{r['conflict']}</td></tr>" for r in summary)
    return ("<h2>Per outlet</h2><table><tr><th>outlet</th><th>repeated</th><th>reworded</th>"
            f"<th>partly</th><th>left out</th><th>contradicted</th></tr>{rows}</table>")


def _why(db: Database, story: int) -> str:
    """Why each article was counted (as the terminal report says it), its headline linked,
    so that a surprising decision can be checked."""
    rows = "".join(f"<tr><td>{e(r['kind'])}</td><td>{r['relevance'] or 0:.0f}%</td>"
                   f"<td>{e(r['outlet'])}</td><td>{link(r['url'], r['title'] or r['url'])}</td>"
                   f"<td>{e(r['why'])}</td></tr>" for r in counted_decisions(db, story))
    misses = "; ".join(f"{r['relevance']:.0f}% {e(r['outlet'])} · "
                       f"{link(r['url'], r['title'] or r['url'])}"
                       for r in closest_not_counted(db, story))
    if not rows and not misses:
        return ""
    table = (f"<table><tr><th>kind</th><th>likelihood</th><th>outlet</th><th>article</th>"
             f"<th>why</th></tr>{rows}</table>" if rows else "")
    return (f'<h2>Why these articles</h2><p class="meta">Of the articles read: '
            f"{e(decision_counts(db, story))}.</p>{table}"
            + (f'<p class="meta">Closest not counted: {misses}</p>' if misses else ""))


def _conflicts(db: Database, slug: str) -> str:
    items = []
    for r in db.query("select claim, claim_text, outlet, url, sentence, conflicts from "
                      "conflicts where story = ? order by claim, outlet", [slug]):
        # One item a claim and article (a number and the quotation holding it are one).
        found = json.loads(r["conflicts"])
        c = next((c for c in found if "seed_sentence" in c), found[0])
        if "seed_sentence" in c:
            ours, theirs = (marked_html(s) for s in marked_sentences(c))
        else:  # stored before conflicts kept their sentences
            ours, theirs = highlight(str(c["claim"]), str(c["article"]))
        kinds = "; ".join(dict.fromkeys(conflict_label(c) for c in found))
        items.append(f"<li><b>Claim {r['claim']}</b> · {e(r['outlet'])} · {e(kinds)}"
                     f"<br>seed: {ours}<br>{link(r['url'], 'outlet')}: {theirs}</li>")
    body = f"<ul>{''.join(items)}</ul>" if items else "<p>No conflicts.</p>"
    return f"<h2>Conflicts</h2>{body}"


def _notes(db: Database, slug: str) -> list[str]:
    """The story's reworded quotations and other differences noted, as HTML sections."""
    return [_noted(db, slug, "Reworded quotations", "The same quotation in other words that say "
                   "nothing else (two translations of one statement): not counted as "
                   "conflicts.", *REWORDED),
            _noted(db, slug, "Noted differences", "An amount given rounded or another "
                   "bound of one side, or the claim's words given to an organisation for its "
                   "named speaker: not counted as conflicts.", *NOTED)]


def _noted(db: Database, slug: str, title: str, explained: str, view: str,
           kinds: tuple[str, ...]) -> str:
    """A story's notes of `kinds` (reworded quotations, amounts rounded...): shown with both
    sentences, not counted as conflicts; "" when there are none."""
    items = []
    for r in noted_rows(db, slug, view, kinds):
        for c in json.loads(r["notes"]):
            ours, theirs = (marked_html(s) for s in marked_sentences(c))
            items.append(f"<li><b>{e(claims_named(r).capitalize())}</b> · {e(r['outlet'])} · "
                         f"{e(conflict_label(c))}<br>seed: {ours}"
                         f"<br>{link(r['url'], 'outlet')}: {theirs}</li>")
    if not items:
        return ""
    return f"<h2>{e(title)}</h2><p class=meta>{e(explained)}</p><ul>{''.join(items)}</ul>"


def _additions(db: Database, story: int) -> str:
    groups: dict[str, list[str]] = {}
    for r in db.query("""select outlets.name as outlet, additions.sentence from additions
                         join articles on articles.id = additions.article_id
                         join outlets on outlets.id = articles.outlet_id
                         where additions.story_id = ? order by outlets.name, additions.id""",
                      [story]):
        groups.setdefault(r["outlet"], []).append(r["sentence"])
    if not groups:
        return "<h2>What outlets added</h2><p>Nothing beyond the seed's claims.</p>"
    sections = "".join(f"<h3>{e(o)}</h3><ul>{''.join(f'<li>{e(s)}</li>' for s in ss[:12])}</ul>"
                       for o, ss in groups.items())
    return f"<h2>What outlets added</h2>{sections}"


def _timeline(db: Database, story: int) -> str:
    """The seed and its covering articles (copies of it included) in the order published."""
    # `published` keeps the day only (the extractor's date format): within a day the seed
    # comes first, then each original before its copies.
    articles = list(db.query("""
        select articles.id, articles.url, articles.title, articles.text, outlets.name as outlet,
               coalesce(articles.published, articles.first_seen) as at,
               coverage.kind = 'seed' as is_seed, articles.language,
               coverage.is_coverage = 1 and coverage.scored = 0 as unscored, articles.is_stub,
               (select copy_of from copies where copies.article_id = articles.id) as copy_of
        from coverage join articles on articles.id = coverage.article_id
        join outlets on outlets.id = articles.outlet_id
        where coverage.story_id = ? and (coverage.is_coverage = 1 or coverage.kind = 'seed')
        order by at, is_seed desc, copy_of is not null, articles.id""", [story]))
    gone = taken_down(db)
    runs = {a["id"]: shingles(a["text"]) for a in articles}
    names = {a["id"]: a["outlet"] for a in articles}
    items = []
    for i, a in enumerate(articles):
        note = " — the seed" if a["is_seed"] else ""
        if a["copy_of"] in names and names[a["copy_of"]] == a["outlet"]:
            note = " — the same text as its own earlier article, at another address"
        elif a["copy_of"] in names:
            note = f" — syndicated copy of {e(names[a['copy_of']])}"
        elif not a["is_seed"]:
            earlier = [(shared_runs(runs[a["id"]], runs[b["id"]]), b) for b in articles[:i]]
            shared, source = max(earlier, key=lambda x: x[0], default=(0, None))
            own = len(runs[a["id"]])
            if shared >= max(LIKELY_COPY_RUNS, LIKELY_COPY_SHARE * own):
                note = (f" — likely copies {e(source['outlet'])} ({shared} of its {own} runs "
                        f"of {SHINGLE} words)")
        if a["unscored"]:
            note += f" — {e(why_unscored(a))}: claims not scored"
        if a["id"] in gone:  # its link answers an error now: the reader is told first
            note += f" — {e(gone[a['id']])}"
        items.append(f"<li><time>{e(a['at'])}</time> · {e(a['outlet'])} · "
                     f"{link(a['url'], a['title'] or a['url'])}{note}</li>")
    return f"<h2>Who published first</h2><ol>{''.join(items)}</ol>"
