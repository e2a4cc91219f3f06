"""The coverage matrix, the conflicts and the reworded quotations of a story, for the terminal."""

from __future__ import annotations

import difflib
import json
import re
import textwrap
from functools import lru_cache

from sqlite_utils import Database

from monitor.faces.terminal import clean, counted
from monitor.steps import coverage, text
from monitor.store import rows

SYMBOLS = {"verbatim": "=", "paraphrase": "~", "reworded quotation": "≈", "partial": "½",
           "conflict": "✗", "absent": "·"}
LEGEND = "= verbatim  ~ paraphrase  ≈ reworded quotation  ½ partial  ✗ conflict  · absent"
# Best verdict first when an outlet has several covering articles.
_ORDER = ["conflict", "reworded quotation", "verbatim", "paraphrase", "partial", "absent"]


def story_matrix(db: Database, story: int) -> tuple[list[dict], list[str], dict]:
    """Claims, outlets and {(claim position, outlet): verdict} for the covering articles."""
    claims = list(db["claims"].rows_where("story_id = ?", [story], order_by="position"))
    cells: dict[tuple[int, str], str] = {}
    for row in db.query("select claim, outlet, verdict from coverage_matrix where story = "
                        "(select slug from stories where id = ?)", [story]):
        key = (row["claim"], row["outlet"])
        if key not in cells or _ORDER.index(row["verdict"]) < _ORDER.index(cells[key]):
            cells[key] = row["verdict"]
    outlets = sorted({outlet for _, outlet in cells})
    return claims, outlets, cells


# The units of amounts that are dates (text.Number): their conflicts are told as dates.
DATE_UNITS = {"month", "date", "weekday", "year-date"}


def conflict_label(conflict: dict) -> str:
    """What a conflict is about, in the reader's words: number, date, quotation, speaker..."""
    # The one place that names a conflict: the terminal and HTML reports, Datasette's cells and
    # matrix page, `monitor changes` and its Atom feed all call this.
    kind = conflict.get("kind")
    if kind == "number" and conflict.get("unit") in DATE_UNITS:
        return "date"
    return {"quote": "quotation"}.get(kind, str(kind))


def render_report(db: Database, story: int, width: int = 100) -> str:
    """The story's matrix (claims × outlets), its conflicts and reworded quotations, in at most
    `width` columns."""
    story_row = db["stories"].get(story)
    claims, outlets, cells = story_matrix(db, story)
    found = db.execute("select count(*), sum(is_coverage and coalesce(scored, 1)) "
                       "from coverage where story_id = ?", [story]).fetchone()
    lines = [f"Story: {story_row['title']}  [{story_row['slug']}]",
             f"{counted(found[1] or 0, 'covering article')} from {counted(len(outlets), 'outlet')} "
             f"(of {counted(found[0], 'article')} read){unscored_note(unscored(db, story), '; ')}; "
             f"{counted(len(claims), 'claim')}."]
    waiting = len(rows.articles_to_match(db, story))
    if waiting:  # stored before the story was added, or changed since: the next run reads them
        lines.append(f"{waiting} stored articles not read for this story yet: `monitor match "
                     f"--story {story_row['slug']}` reads them now.")
    lines.append("")
    lines += [f"  {chr(65 + i)}  {clean(name, lines=False)}" for i, name in enumerate(outlets)]
    header = "    ".join(chr(65 + i) for i in range(len(outlets)))
    text_width = max(width - 6 - 5 * len(outlets), 20)
    lines += ["", f"{'#':>3}  {'claim':<{text_width}} {header}"]
    for claim in claims:
        text = ("“" + claim["text"] + "”") if claim["kind"] == "quote" else claim["text"]
        row = "    ".join(SYMBOLS[cells.get((claim["position"], o), "absent")] for o in outlets)
        lines.append(f"{claim['position']:>3}  {_clip(text, text_width):<{text_width}} {row}")
    lines += ["", LEGEND, "", render_summary(db, story), "", _decisions(db, story, width), "",
              _conflicts(db, story, width)]
    for part in (_reworded(db, story, width), _noted(db, story, width)):
        if part:  # each only when there is one
            lines += ["", part]
    return "\n".join(lines)


def unscored(db: Database, story: int) -> list[dict]:
    """The covering articles whose claims were not compared with the seed's (in another
    language, or a paywall's teaser): outlet, title, url, language, is_stub."""
    return list(db.query("select outlets.name as outlet, articles.title, articles.url, "
                         "articles.language, articles.is_stub from coverage "
                         "join articles on articles.id = coverage.article_id "
                         "left join outlets on outlets.id = articles.outlet_id "
                         "where story_id = ? and is_coverage = 1 and scored = 0 "
                         "order by outlets.name, articles.id", [story]))


def unscored_note(articles: list[dict], before: str = "") -> str:
    """How many covering articles in other languages, or behind a paywall, were found but not
    scored; "" if none."""
    foreign = [a for a in articles if not a.get("is_stub")]
    stubs = len(articles) - len(foreign)
    found = []
    if foreign:
        languages = ", ".join(sorted({a["language"] or "unknown" for a in foreign}))
        elsewhere = "another language" if len(foreign) == 1 else "other languages"
        found.append(f"{counted(len(foreign), 'article')} in {elsewhere} ({languages})")
    if stubs:
        found.append(f"{stubs} too short to read (a paywall's teaser)")
    return f"{before}{' and '.join(found)} found but not scored" if found else ""


def why_unscored(article: dict) -> str:
    """Why a covering article's claims were not compared with the seed's."""
    if article.get("is_stub"):
        return "too short to read: a paywall's teaser"
    return f"other language: {article.get('language') or 'unknown'}"


def _decisions(db: Database, story: int, width: int) -> str:
    """Each counted article and why (names and numbers shared, claims carried, days apart),
    and how many were the seed, mentions or unrelated."""
    lines = [f"Why these articles ({decision_counts(db, story) or 'none read'}):"]
    for row in counted_decisions(db, story):
        # The headline tells apart two articles of one outlet.
        title = _short(row["title"] or "(no title)")
        line = (f"{row['kind']:<8} {row['relevance'] or 0:>3.0f}% {row['outlet']} · {title}: "
                f"{row['why']}")
        lines += textwrap.wrap(line, width, subsequent_indent="               ")
    misses = "; ".join(f"{r['relevance']:.0f}% {r['outlet']} · {_short(r['title'] or r['url'])}"
                       for r in closest_not_counted(db, story))
    if misses:
        lines += textwrap.wrap(f"Closest not counted: {misses}", width,
                               subsequent_indent="               ")
    return "\n".join(lines)


def _short(title: str, width: int = 60) -> str:
    title = " ".join(title.split())
    return title if len(title) <= width else title[:width - 1] + "…"


# An article not counted that the model gave this likelihood or more is worth a look: the
# coverage a journalist would otherwise never learn was missed.
NEAR_MISS = 10
NEAR_MISSES_SHOWN = 3


def closest_not_counted(db: Database, story: int) -> list[dict]:
    """The unrelated articles most likely to cover the story after all (`NEAR_MISS` or more),
    most likely first: what to check when coverage seems missing."""
    return list(db.query(
        "select outlet, title, url, relevance from coverage_decisions where story_id = ? "
        "and kind = 'unrelated' and relevance >= ? order by relevance desc, outlet limit ?",
        [story, NEAR_MISS, NEAR_MISSES_SHOWN]))


def decision_counts(db: Database, story: int) -> str:
    """How many articles read for a story were of each kind ("1 copy, 4 coverage, ...")."""
    kinds = dict(db.execute("select kind, count(*) from coverage where story_id = ? "
                            "group by kind", [story]).fetchall())
    return ", ".join(f"{kinds[k]} {k}" for k in ("seed", "copy", "coverage", "mention",
                                                 "unrelated") if kinds.get(k))


def counted_decisions(db: Database, story: int) -> list[dict]:
    """The copies, coverage and mentions of a story, most likely first, each with `why` in
    words: the names and amounts it shares with the seed (as the seed writes them), the
    claims it carries, the days between them, and whether it was taken down."""
    seed_names, seed_text = seed_spellings(db, story)
    gone = taken_down(db)
    decisions = []
    for row in db.query("select outlet, title, kind, relevance, shared_names, shared_numbers, "
                        "claims_carried, days_apart, url, scored, language, article_id, "
                        "(select is_stub "
                        "from articles where articles.id = article_id) as is_stub "
                        "from coverage_decisions "
                        "where story_id = ? and kind in ('copy', 'coverage', 'mention') "
                        "order by kind != 'copy', kind != 'coverage', relevance desc, outlet",
                        [story]):
        names = names_as_written(json.loads(row["shared_names"] or "[]"), seed_names)[:4]
        numbers = numbers_as_written(json.loads(row["shared_numbers"] or "[]")[:3], seed_text)
        days = row["days_apart"]
        row["why"] = "; ".join(part for part in (
            f"names {', '.join(names)}" if names else "",
            f"numbers {', '.join(numbers)}" if numbers else "",
            _claims_carried(json.loads(row["claims_carried"] or "[]"), row),
            "undated" if days is None else f"{counted(days, 'day')} apart",
            gone.get(row["article_id"], "")) if part)
        decisions.append(row)
    return decisions


def taken_down(db: Database) -> dict[int, str]:
    """{article id: "found taken down (HTTP 410) on 2026-03-04"} for the articles whose pages
    answer 404 or 410, none of them still live (what `monitor changes` tells once)."""
    return {row["article_id"]: f"found taken down ({row['error']}) on {str(row['since'])[:10]}"
            for row in db.query(
                "select article_id, min(gone_since) as since, error from pages as gone "
                "where gone_since is not null and not exists (select 1 from pages as live "
                "where live.article_id = gone.article_id and live.gone_since is null and "
                "live.status between 200 and 399) group by article_id")}


def _claims_carried(claims: list[int], decision: dict, shown: int = 6) -> str:
    """The claims an article tells whole (the first `shown` positions, and how many more), or
    why none: its claims were not compared when it is in another language than the seed's or
    a paywall's teaser."""
    if decision["scored"] == 0 and decision["kind"] != "seed":
        return f"claims not scored ({why_unscored(decision)})"
    if not claims:
        return "no claim told whole"
    # "claims 1, 2 told whole", not "2 claims (1, 2)": a count beside numbers in brackets read as
    # a count of something else; the matrix's parts (½) are not among them.
    more = f", and {len(claims) - shown} more" if len(claims) > shown else ""
    label = "claim" if len(claims) == 1 else "claims"
    return f"{label} {', '.join(map(str, claims[:shown]))}{more} told whole"


def names_as_written(shared: list[str], seed_names: list[str]) -> list[str]:
    """The shared name words (as the coverage decision reads them: "aragua", "de") shown as the
    seed writes its names: a name whose every word is shared whole ("Tren de Aragua"), a word
    that is only part of one as the seed spells it ("Kelly"), but its connecting words ("de")."""
    whole = [(name, set(text.words_of_name(name))) for name in dict.fromkeys(seed_names)]
    spelled = {text.words_of_name(word): word for name in seed_names for word in name.split()}
    every = set(shared)
    shown: list[str] = []
    covered: set[str] = set()
    for word in shared:
        if word in covered:
            continue
        named = [(name, words) for name, words in whole if word in words and words <= every]
        spelling = spelled.get((word,), word)
        if named:
            name, words = max(named, key=lambda pair: len(pair[1]))
            shown.append(name)
            covered |= words
        elif not spelling[0].islower() or (word,) not in spelled:  # "de" alone says nothing
            shown.append(spelling)
        covered.add(word)
    return shown


def seed_spellings(db: Database, story: int) -> tuple[list[str], str]:
    """A story's names as its claims and its seed write them, and its seed's text: what
    `names_as_written` and `numbers_as_written` spell a decision's shared words with."""
    names = [name for (found,) in db.execute(
        "select names from claims where story_id = ? order by position", [story])
        for name in json.loads(found or "[]")]
    found = db.execute("select seed_text from stories where id = ?", [story]).fetchone()
    seed_text = (found[0] if found else None) or ""
    return names + capitalised_words(seed_text), seed_text


def capitalised_words(seed_text: str) -> list[str]:
    """The seed's capitalised words as written, without the punctuation around them or a
    possessive: the spellings of name words that no claim names ("Quiñones", "Pentagon")."""
    found = (_POSSESSIVE.sub("", part.strip(_AROUND)) for part in seed_text.split())
    return [word for word in found if word[:1].isupper()]


_AROUND = ".,;:!?\"'()[]“”‘’«»—–-"
_POSSESSIVE = re.compile(r"['’]s$")


def numbers_as_written(shared: list[str], seed_text: str) -> list[str]:
    """The amounts a decision shares (kept in full digits: "3200", "90000000") as the seed
    writes them ("3,200", "$90 million"), else with their thousands set apart."""
    written = _amounts_written(seed_text)
    return [written.get(key) or _grouped(key) for key in shared]


def terms_as_written(shared: list[str], seed_text: str) -> list[str]:
    """The rare words a decision shares (kept as stems: "incom", "thr") as the seed writes
    them ("income", "three"): its first spelling in lower case, else its first."""
    written = _terms_written(seed_text)
    return [written.get(term, term) for term in shared]


# A report, or a Datasette page of decisions, spells every row's words with one seed: its
# spellings are read once, not once a row (reading its amounts takes milliseconds).
@lru_cache(maxsize=16)
def _amounts_written(seed_text: str) -> dict[str, str]:
    written: dict[str, str] = {}
    for sentence in text.split_sentences(seed_text):
        # Amounts in words ("two decades": 20 years) are not among the decisions' amounts,
        # which are read from digits (`text.amounts_in_digits`).
        # Times of day are hours ("2 p.m." is 14), no amount a decision shares.
        for number in filter(lambda n: any(map(str.isdigit, n.text))
                             and not n.unit.startswith("clock"), text.numbers(sentence)):
            for value in (number.value, number.high):
                if value is not None:
                    written.setdefault(coverage.plain_number(value), number.text)
    return written


@lru_cache(maxsize=16)
def _terms_written(seed_text: str) -> dict[str, str]:
    written: dict[str, str] = {}
    for part in seed_text.split():
        word = _POSSESSIVE.sub("", part.strip(_AROUND))
        terms = text.content_terms(word)
        if len(terms) == 1 and (terms[0] not in written or (
                written[terms[0]][:1].isupper() and word[:1].islower())):
            written[terms[0]] = word
    return written


def _grouped(digits: str) -> str:
    whole, point, fraction = digits.partition(".")
    return f"{int(whole):,}{point}{fraction}" if whole.lstrip("-").isdigit() else digits


def _conflicts(db: Database, story: int, width: int) -> str:
    rows = list(db.query("select claim, outlet, url, conflicts from conflicts where story = "
                         "(select slug from stories where id = ?) order by claim, outlet",
                         [story]))
    if not rows:
        return "No conflicts."
    return "\n".join([f"Conflicts ({len(rows)}):",
                      *_differences(rows, "conflicts", width)])


def _reworded(db: Database, story: int, width: int) -> str:
    """The claims' quotations that outlets gave in other words saying nothing else (two
    translations of one statement): shown, not counted as contradictions; "" when none."""
    rows = noted_rows(db, db["stories"].get(story)["slug"], *REWORDED)
    if not rows:
        return ""
    return "\n".join([f"Reworded quotations ({len(rows)}, not counted as conflicts):",
                      *_differences(rows, "notes", width)])


# The notes shown apart from the conflicts, each view with the kinds of note it shows: the
# quotations reworded, and the differences noted but not counted (an amount rounded, another
# bound of one side, the claim's words given to an organisation for its named speaker).
REWORDED = ("reworded_quotations", ("reworded quotation",))
NOTED = ("noted_differences", ("rounded", "another bound", "another speaker"))


def noted_rows(db: Database, slug: str, view: str, kinds: tuple[str, ...]) -> list[dict]:
    """A story's rows of a view of notes (claim, claim_text, outlet, url, sentence, notes),
    each row's notes (JSON) only those of `kinds`."""
    if view not in db.view_names():
        return []  # a store not upgraded yet, read by a plain Datasette
    rows = db.query(f"select claim, claim_text, outlet, url, sentence, notes from [{view}] "
                    "where story = ? order by claim, outlet", [slug])
    # A statement and the quotation it holds are two claims by design: an outlet's sentence
    # that gives the quotation in other words is one note for both, listed once ("claims 16,
    # 17"), not once a claim.
    shown: dict[tuple, dict] = {}
    for r in rows:
        notes = json.dumps([c for c in json.loads(r["notes"]) if c["kind"] in kinds])
        same = shown.get((r["outlet"], r["url"], r["sentence"], notes))
        if same is not None:
            same["claims"].append(r["claim"])
            continue
        shown[r["outlet"], r["url"], r["sentence"], notes] = {**r, "notes": notes,
                                                              "claims": [r["claim"]]}
    return list(shown.values())


def claims_named(row: dict) -> str:
    """"claim 16", or "claims 16, 17" for a note that several claims share (`noted_rows`)."""
    claims = row.get("claims") or [row["claim"]]
    return (f"claims {', '.join(map(str, claims))}" if len(claims) > 1
            else f"claim {claims[0]}")


def _noted(db: Database, story: int, width: int) -> str:
    """The differences noted but not counted as conflicts (an amount rounded, another bound,
    the speaker an organisation), with both sentences; "" when none."""
    rows = noted_rows(db, db["stories"].get(story)["slug"], *NOTED)
    if not rows:
        return ""
    return "\n".join([f"Noted, not counted as conflicts ({len(rows)}):",
                      *_differences(rows, "notes", width)])


def _differences(rows: list[dict], column: str, width: int) -> list[str]:
    """Each row's differences (its `column` of JSON), both whole sentences below, what
    differs in [brackets]."""
    lines: list[str] = []
    for row in rows:
        found = json.loads(row[column])
        # One entry a claim and article, as the header counts them: what differs (a number
        # and the quotation holding it, say) on one line, both sentences once.
        what = "; ".join(conflict_label(c) if c["kind"] in _WORDED and "seed_sentence" in c
                         else f"{conflict_label(c)}: seed “{c['claim']}” vs “{c['article']}”"
                         for c in found)  # worded differences are marked below
        line = f"{claims_named(row)} · {row['outlet']} · {what}"
        lines += textwrap.wrap(clean(line, lines=False), width, subsequent_indent="      ")
        shown = next((c for c in found if "seed_sentence" in c), None)
        if shown is not None:
            seed, article = marked_sentences(shown)
            for label, segments in (("seed:   ", seed), ("outlet: ", article)):
                lines += textwrap.wrap(clean(label + _bracketed(segments), lines=False),
                                       width,
                                       initial_indent="      ",
                                       subsequent_indent="              ")
        lines.append(f"      {row['url']}")
    return lines


Segments = list[tuple[str, bool]]  # pieces of a sentence, and whether each is what differs
# Differences in wording, marked word by word (the others are amounts or names as written).
_WORDED = ("quote", "negation", "reworded quotation")


def marked_sentences(conflict: dict) -> tuple[Segments, Segments]:
    """Both whole sentences of a conflict cut into pieces, what differs marked: the amounts
    or names as written, or the words of a quotation or sentence that changed."""
    ours, theirs = str(conflict["claim"]), str(conflict["article"])
    if conflict["kind"] in _WORDED:
        mine, other = word_diff(ours, theirs)
    else:
        mine, other = [(ours, True)], [(theirs, True)]
    return (_within(conflict.get("seed_sentence") or ours, ours, mine),
            _within(conflict.get("article_sentence") or theirs, theirs, other))


def word_diff(ours: str, theirs: str) -> tuple[Segments, Segments]:
    """Two texts cut into pieces, the words that differ between them marked."""
    a, b = ours.split(), theirs.split()
    left: Segments = []
    right: Segments = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        for side, chunk in ((left, a[i1:i2]), (right, b[j1:j2])):
            if chunk:
                side.append((" ".join(chunk), op != "equal"))
    return _spaced(left), _spaced(right)


def _spaced(segments: Segments) -> Segments:
    out: Segments = []
    for i, segment in enumerate(segments):
        if i:
            out.append((" ", False))
        out.append(segment)
    return out


def _within(sentence: str, part: str, segments: Segments) -> Segments:
    """The sentence with `part` (found as written, else its last word: a surname) replaced by
    its marked pieces; the sentence unmarked when `part` is not in it."""
    if sentence == part:
        return segments
    for piece, pieces in ((part, segments), (part.split()[-1] if part.split() else "",
                                             [(part.split()[-1], True)] if part else [])):
        at = _whole(sentence, piece) if piece else -1
        if at >= 0:
            return [(sentence[:at], False), *pieces, (sentence[at + len(piece):], False)]
    return [(sentence, False)]


def _whole(sentence: str, piece: str) -> int:
    """Where `piece` stands whole in the sentence ("30" not inside "2030", "Lund" not inside
    "Lundberg"), else where it stands at all; -1 when nowhere."""
    edge = (r"(?<!\w)" if piece[:1].isalnum() else "") + re.escape(piece) + (
        r"(?!\w)" if piece[-1:].isalnum() else "")
    found = re.search(edge, sentence)
    return found.start() if found else sentence.find(piece)


def _bracketed(segments: Segments) -> str:
    return "".join(f"[{text}]" if marked else text for text, marked in segments)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------- the per-outlet summary

def outlet_summary(db: Database, story: int) -> list[dict]:
    """Per outlet: how many claims were repeated, reworded (a reworded quotation among them),
    partly told, left out, contradicted."""
    claims, outlets, cells = story_matrix(db, story)
    summary = []
    for outlet in outlets:
        verdicts = [cells.get((c["position"], outlet), "absent") for c in claims]
        counts = {v: verdicts.count(v) for v in SYMBOLS}
        counts["reworded"] = counts["paraphrase"] + counts["reworded quotation"]
        summary.append({"outlet": outlet, **counts})
    return summary


def no_outlet_scored(db: Database, story: int) -> str:
    """What the per-outlet summary says when no outlet's claims were scored: none covers the
    story, or those that do are in another language or a paywall's teaser."""
    if not db.execute("select count(*) from coverage where story_id = ? and is_coverage",
                      [story]).fetchone()[0]:
        return "No article read so far covers this story."
    # the claims are compared only in the seed's language, and not in a stub
    return "No outlet covered this story in its language yet (or only in a paywall's teaser)."


def render_summary(db: Database, story: int) -> str:
    """The per-outlet counts as a terminal table."""
    rows = [{**r, "outlet": clean(r["outlet"], lines=False)} for r in outlet_summary(db, story)]
    if not rows:
        return no_outlet_scored(db, story)
    name_width = min(max(len(r["outlet"]) for r in rows), 40)
    lines = [f"{'outlet':<{name_width}}  repeated  reworded  partly  left out  contradicted"]
    for r in rows:
        lines.append(f"{_clip(r['outlet'], name_width):<{name_width}}  {r['verbatim']:>8}  "
                     f"{r['reworded']:>8}  {r['partial']:>6}  {r['absent']:>8}  "
                     f"{r['conflict']:>12}")
    return "\n".join(lines)
