"""What is new since a crawl run or a time: new coverage, new conflicts, changed verdicts, new
versions; as text, as JSON, as an Atom feed, and handed to a user's command.

The store times every event. An article covering a story is new from when it became coverage
(`coverage.covering_since`: its first match, or the edit or re-match that made it coverage);
a conflict is new with its article (or with its claim, registered later from a corrected
seed), or from when an edit or scoring again (`match --all`) turned the claim's verdict into
one (`verdict_changes`); a changed verdict is a `verdict_changes` row; a new version is a
`versions` row after the first, of an article covering the story; a changed seed is a new
version of the seed's own page (its claims stay those registered); a covering article taken
down is its pages answering 404 or 410 (`pages.gone_since`), none of them still live.
`EVENTS_SQL` reads them all, for the `changes` command and for Datasette's `story_changes`
query (its `.atom` feed) alike.
"""

from __future__ import annotations

import json
import re
import subprocess
from datetime import UTC, datetime
from xml.etree import ElementTree

from sqlite_utils import Database

from monitor.faces.report import conflict_label
from monitor.faces.terminal import counted

# One row per event: kind (coverage, conflict, verdict, version), story (slug), at (ISO time,
# UTC), outlet, title, url, article_id, claim (position), claim_text, old_verdict, new_verdict,
# sentence (the outlet's, now; a page taken down: its answer), old_sentence, conflicts (JSON),
# version.
EVENTS_SQL = """
with covering as (
  select coverage.story_id, coverage.article_id, stories.slug as story,
         coalesce(outlets.name, '') as outlet, articles.title, articles.url,
         coalesce(coverage.covering_since, max(coalesce(articles.first_seen, ''),
                                               coalesce(stories.created_at, ''))) as at
  from coverage
  join stories on stories.id = coverage.story_id
  join articles on articles.id = coverage.article_id
  left join outlets on outlets.id = articles.outlet_id
  where coverage.is_coverage = 1 and coverage.kind is not 'seed'
),
events as (
  select 'coverage' as kind, story, at, outlet, title, url, article_id, null as claim,
         null as claim_text, null as old_verdict, null as new_verdict, null as sentence,
         null as old_sentence, null as conflicts, null as version
  from covering
  union all
  select 'conflict', covering.story,
         coalesce((select max(v.changed_at) from verdict_changes as v
                   where v.story_id = matches.story_id and v.claim_id = matches.claim_id
                   and v.article_id = matches.article_id and v.new_verdict = 'conflict'),
                  max(covering.at, coalesce(claims.created_at, ''))),
         covering.outlet, covering.title, covering.url, covering.article_id, claims.position,
         claims.text, null, 'conflict', matches.sentence, null, matches.conflicts, null
  from matches
  join covering on covering.story_id = matches.story_id
       and covering.article_id = matches.article_id
  join claims on claims.id = matches.claim_id
  where matches.verdict = 'conflict'
  union all
  select 'verdict', stories.slug, v.changed_at, coalesce(outlets.name, ''), articles.title,
         articles.url, v.article_id, claims.position, claims.text, v.old_verdict, v.new_verdict,
         v.new_sentence, v.old_sentence, null, v.to_version
  from verdict_changes as v
  join stories on stories.id = v.story_id
  join claims on claims.id = v.claim_id
  join articles on articles.id = v.article_id
  left join outlets on outlets.id = articles.outlet_id
  union all
  select 'version', covering.story, versions.fetched_at, covering.outlet, versions.title,
         covering.url, covering.article_id, null, null, null, null, null, null, null,
         versions.version
  from versions join covering on covering.article_id = versions.article_id
  where versions.version > 1
  union all
  select 'gone', covering.story, min(pages.gone_since), covering.outlet, covering.title,
         covering.url, covering.article_id, null, null, null, null, pages.error, null, null,
         null
  from pages join covering on covering.article_id = pages.article_id
  where pages.gone_since is not null and not exists (
    select 1 from pages as live where live.article_id = pages.article_id
    and live.gone_since is null and live.status between 200 and 399)
  group by covering.story, covering.article_id
  union all
  select 'seed', stories.slug, versions.fetched_at, coalesce(outlets.name, ''),
         versions.title, articles.url, articles.id, null, null, null, null, null, null, null,
         versions.version
  from versions
  join coverage on coverage.article_id = versions.article_id and coverage.kind = 'seed'
  join stories on stories.id = coverage.story_id
  join articles on articles.id = versions.article_id
  left join outlets on outlets.id = articles.outlet_id
  where versions.version > 1
)
"""
EVENT_COLUMNS = ("kind", "story", "at", "outlet", "title", "url", "article_id", "claim",
                 "claim_text", "old_verdict", "new_verdict", "sentence", "old_sentence",
                 "conflicts", "version")
# Datasette's per-story feed (the `story_changes` canned query, `.atom` for the feed itself).
FEED_SQL = (EVENTS_SQL + "select * from events where story = :story "
            "order by at desc, kind, outlet, claim limit 100")
# The JSON's lists, in the order the text shows them.
SECTIONS = {"seed": "seed", "coverage": "coverage", "conflict": "conflicts",
            "verdict": "verdicts", "version": "versions", "gone": "gone"}
HEADINGS = {"seed": "the seed's page changed", "coverage": "new coverage",
            "conflicts": "new conflicts", "verdicts": "changed verdicts",
            "versions": "new versions", "gone": "taken down"}
ENTRY_TITLES = {"seed": "Seed changed", "coverage": "New coverage",
                "conflicts": "New conflict", "verdicts": "Verdict changed",
                "versions": "New version", "gone": "Taken down"}


def parse_time(text: str) -> str:
    """An ISO 8601 date or time (UTC unless it names an offset) as the store writes times."""
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"--since {text!r}: neither a crawl run's id nor a time "
                         f"(2025-08-09 or 2025-08-09T14:30, UTC unless it says +02:00)") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds")


def resolve_since(db: Database, since: str | None) -> tuple[str, int | None]:
    """The time `since` stands for (a crawl run's id: its start; else a time) and the run's id.

    Without `since`, the latest run: what it found.
    """
    if since is None or since.strip().isdigit():
        sql = ("select id, started_at from crawl_runs " +
               ("order by id desc limit 1" if since is None else "where id = ?"))
        row = db.execute(sql, [] if since is None else [int(since)]).fetchone()
        if row is None:
            raise LookupError("no crawl run yet: `monitor run` makes one" if since is None
                              else f"--since {since}: no crawl run {since} (see crawl_runs)")
        return row[1], row[0]
    return parse_time(since), None


def events_since(db: Database, since: str, story: str | None = None) -> list[dict]:
    """Every event at or after `since` (an ISO time), oldest first; of one story if given."""
    return list(db.query(EVENTS_SQL + "select * from events where at >= :since and "
                         "(:story is null or story = :story) "
                         "order by at, kind, story, outlet, claim",
                         {"since": since, "story": story}))


def group(events: list[dict], since: str, run: int | None = None) -> dict:
    """The events as the JSON that `changes --json` prints and `--notify` is given."""
    found: dict = {"since": since, "run": run, **{name: [] for name in SECTIONS.values()}}
    for event in events:
        kind = event["kind"]
        fields = {"story": event["story"], "at": event["at"], "outlet": event["outlet"],
                  "title": event["title"], "url": event["url"]}
        if kind in ("conflict", "verdict"):
            fields |= {"claim": event["claim"], "claim_text": event["claim_text"],
                       "sentence": event["sentence"]}
        if kind == "conflict":
            fields["conflicts"] = json.loads(event["conflicts"] or "[]")
        if kind == "verdict":
            fields |= {"old_verdict": event["old_verdict"], "new_verdict": event["new_verdict"],
                       "old_sentence": event["old_sentence"], "version": event["version"]}
        if kind in ("version", "seed"):
            fields["version"] = event["version"]
        if kind == "gone":  # the page's answer now, in the sentence's place
            fields["answer"] = event["sentence"]
        found[SECTIONS[kind]].append(fields)
    return found


def changes_since(db: Database, since: str | None = None, story: str | None = None) -> dict:
    """What is new since a crawl run's id or a time (default: the latest run), as `group`."""
    when, run = resolve_since(db, since)
    return group(events_since(db, when, story), when, run)


def count(changes: dict) -> int:
    """How many changes `changes` (as `group` makes them) holds."""
    return sum(len(changes[name]) for name in SECTIONS.values())


def describe(section: str, item: dict) -> str:
    """One change in one line, without its story and URL."""
    if section == "coverage":
        return f"{item['outlet']} · {item['title'] or '(no title)'}"
    if section == "versions":
        return f"{item['outlet']} · version {item['version']} · {item['title'] or '(no title)'}"
    if section == "gone":
        return (f"{item['outlet']} · {item['title'] or '(no title)'} · the page answers "
                f"{item['answer']} (still counted as coverage: it was published)")
    if section == "seed":
        return (f"{item['outlet']} · version {item['version']} · {item['title'] or '(no title)'}"
                f" · the claims are still those registered: `monitor seed add {item['url']} "
                f"--slug {item['story']} --replace` reads them again")
    where = f"claim {item['claim']} · {item['outlet']}"
    if section == "verdicts":
        return f"{where} · {item['old_verdict']} → {item['new_verdict']}"
    what = "; ".join(f"{conflict_label(c)}: seed “{c.get('claim')}” vs “{c.get('article')}”"
                     for c in item["conflicts"] if isinstance(c, dict))
    return f"{where} · {what or 'conflict'}"


def render_text(changes: dict) -> str:
    """The changes for a terminal, story by story (the CLI cleans it before printing)."""
    run = f" (crawl run {changes['run']})" if changes["run"] is not None else ""
    if not count(changes):
        return f"Nothing new since {changes['since']}{run}."
    lines = [f"New since {changes['since']}{run}: {counted(count(changes), 'change')}"]
    stories = sorted({item["story"] for name in SECTIONS.values() for item in changes[name]})
    for story in stories:
        lines.append(f"\n{story}")
        for name in SECTIONS.values():
            items = [item for item in changes[name] if item["story"] == story]
            if items:
                lines.append(f"  {HEADINGS[name]} ({len(items)}):")
            for item in items:
                lines += [f"    {describe(name, item)}", f"      {item['url']}"]
    return "\n".join(lines)


def notify(command: str, changes: dict, timeout: float = 300) -> str | None:
    """Run the user's shell `command` with `changes` as JSON on its standard input.

    Returns None when it succeeded, else one line saying why not.
    """
    try:
        done = subprocess.run(command, shell=True, input=json.dumps(changes, ensure_ascii=False),
                              text=True, encoding="utf-8", capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"--notify command gave no answer in {timeout:.0f} s and was stopped"
    except OSError as e:
        return f"--notify command could not start: {e.strerror or e}"
    if done.returncode == 0:
        return None
    said = [line for line in (done.stderr or done.stdout or "").splitlines() if line.strip()]
    return (f"--notify command failed (exit {done.returncode})"
            + (f": {said[-1].strip()}" if said else ""))


# Characters XML 1.0 cannot hold, even escaped: a page's stray control bytes would make the
# whole feed unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
ATOM = "http://www.w3.org/2005/Atom"


def atom_feed(title: str, feed_url: str, page_url: str, events: list[dict],
              updated: str) -> bytes:
    """An Atom feed of `events` (rows of EVENTS_SQL, newest first): one entry each, linking the
    outlet's article. `updated` is used when there are no events."""
    def add(parent, tag: str, text: str | None = None, **attributes) -> ElementTree.Element:
        element = ElementTree.SubElement(parent, tag, attributes)
        if text is not None:
            element.text = _NOT_XML.sub("", str(text))
        return element

    feed = ElementTree.Element("feed", {"xmlns": ATOM})
    add(feed, "id", feed_url)
    add(feed, "title", title)
    add(feed, "updated", max((e["at"] for e in events), default=updated))
    add(add(feed, "author"), "name", "media-monitor")
    add(feed, "link", rel="self", href=feed_url)
    add(feed, "link", rel="alternate", href=page_url)
    for event in events:
        section = SECTIONS[event["kind"]]
        item = group([event], event["at"])[section][0]
        entry = add(feed, "entry")
        key = "-".join(str(event[k]) for k in ("kind", "article_id", "claim", "version", "at")
                       if event[k] is not None)
        add(entry, "id", f"{feed_url}#{key}")
        add(entry, "title", f"{ENTRY_TITLES[section]}: {describe(section, item)}")
        add(entry, "updated", event["at"])
        url = event["url"] or ""
        add(entry, "link", rel="alternate",
            href=_NOT_XML.sub("", url) if url.startswith(("http://", "https://")) else page_url)
        add(entry, "summary", _summary(section, item), type="text")
    return ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)


def _summary(section: str, item: dict) -> str:
    if section == "verdicts":
        return (f"Claim {item['claim']}: {item['claim_text']}\nWas ({item['old_verdict']}): "
                f"{item['old_sentence'] or '—'}\nNow ({item['new_verdict']}, version "
                f"{item['version']}): {item['sentence'] or '—'}")
    if section == "conflicts":
        return (f"Claim {item['claim']}: {item['claim_text']}\n"
                f"{item['outlet']}: {item['sentence']}")
    return f"{item['outlet']}: {item['title'] or '(no title)'}\n{item['url']}"
