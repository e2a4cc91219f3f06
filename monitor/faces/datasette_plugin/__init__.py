"""Datasette plugin shipped with the monitor: verdicts in colour, conflicts marked, matrix pages.

- Every `verdict` cell (matches, coverage_matrix, conflicts, ...) is shown in its colour.
- Every `conflicts` and `notes` cell (a reworded quotation, a rounded amount) shows the seed's
  sentence over the outlet's, the differing words marked.
- The names, amounts and rare words a coverage decision shares with its seed (`shared_names`,
  `shared_numbers`, `shared_terms`, keyed "quinones", "3200", "incom") are shown as the seed
  writes them ("Quiñones", "3,200", "income"); the JSON gives the keys.
- A story's slug links to its matrix page, `/-/monitor/matrix/<story slug>`: the coloured
  claims × outlets table, each conflict, reworded quotation and difference noted (an amount
  rounded), inside Datasette's own layout (templates/).
- The index lists the stories with links to their matrix pages; a canned query opened without
  its parameter says what to give it.
- Each story has an Atom feed of what changed (`story_changes.atom?story=<slug>`, our own
  `.atom` renderer over `monitor.faces.changes`), linked from its matrix page and its row.
- Titles, descriptions and canned queries come from `monitor/faces/metadata.json` through
  Datasette's `get_metadata` and `canned_queries` hooks, so `datasette data/monitor.db` shows
  them too and `monitor serve` writes no metadata file.
- A request whose `Host` is not the address the server answers on (or a loopback name with its
  port) gets 421: a web page cannot read the database through DNS rebinding.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape
from sqlite_utils import Database

from monitor.faces import changes
from monitor.faces.html_report import COLOURS, conflict_html, conflict_kinds, matrix_parts
from monitor.faces.report import (
    SYMBOLS,
    names_as_written,
    numbers_as_written,
    seed_spellings,
    terms_as_written,
)
from monitor.store.schema import now

METADATA = Path(__file__).parent.with_name("metadata.json")
# Names a browser on this machine uses for a loopback server; any other name (an attacker's
# domain that resolves to 127.0.0.1, say) is refused.
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})

# Datasette settings `monitor serve` gives. No suggested facets: on every table and view page
# Datasette would try a facet on each column in turn, each given 50 ms; on a year of runs (a
# million decisions) they all give up, and cost a second a page before it shows (suggesting
# nothing). A column is still faceted from its menu, and the shipped facets stay.
SETTINGS = {"suggest_facets": False}

# What each canned query parameter is, said on the query's page when it is left empty.
PARAMETERS = {"story": "the slug of a story (the stories table's `slug` column)"}


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if column in ("verdict", "old_verdict", "new_verdict") and value in COLOURS:
        colour = "#fff" if value in ("verbatim", "reworded quotation", "conflict") else "#1f2328"
        return Markup(f'<span style="background:{COLOURS[value]};color:{colour};padding:0 .4em;'
                      f'border-radius:3px">{escape(SYMBOLS[value])} {escape(value)}</span>')
    if column in ("conflicts", "notes") and value:
        return _conflict_cell(row, value)
    if column in ("shared_names", "shared_numbers", "shared_terms") and value \
            and "story_id" in row.keys():
        return _as_the_seed_writes(datasette.get_database(database), row["story_id"], column,
                                   value)
    is_slug = column == "slug" if table == "stories" else column == "story"
    if is_slug and isinstance(value, str) and value:
        feed = feed_path(datasette, database, value) if table == "stories" else None
        return Markup(f'{escape(value)} <a href="{escape(matrix_path(datasette, value))}">'
                      f"matrix</a>" + (f' · <a href="{escape(feed)}">changes feed</a>'
                                       if feed else ""))
    return None


def _conflict_cell(row, value: str) -> Markup | None:
    # A view or query with the claim and the outlet's sentence shows both sentences;
    # `matches` (ids only) shows what differs.
    try:
        if "claim_text" in row.keys() and "sentence" in row.keys():
            return Markup(conflict_html(row["claim_text"], row["sentence"], value))
        return Markup(conflict_kinds(value))
    except (ValueError, TypeError, KeyError):
        return None  # not a conflict list the monitor wrote: shown as it is


async def _as_the_seed_writes(database, story: int, column: str, value: str) -> str | None:
    # A decision keys the names and amounts it shares ("quinones", "3200"): they are shown
    # as the seed writes them ("Quiñones", "3,200"); the JSON keeps the keys.
    try:
        shared = json.loads(value)
    except ValueError:
        return None
    if not isinstance(shared, list) or not all(isinstance(word, str) for word in shared):
        return None
    names, seed_text = await database.execute_fn(
        lambda conn: seed_spellings(Database(conn), story))
    if column == "shared_names":
        return ", ".join(names_as_written(shared, names))
    return ", ".join(numbers_as_written(shared, seed_text) if column == "shared_numbers"
                     else terms_as_written(shared, seed_text))


def matrix_path(datasette, slug: str) -> str:
    """The path of a story's matrix page (under Datasette's base_url)."""
    return datasette.urls.path(f"/-/monitor/matrix/{quote(slug, safe='')}")


def feed_path(datasette, database: str, slug: str) -> str:
    """The path of a story's Atom feed of changes (under Datasette's base_url)."""
    return datasette.urls.path(f"/{quote(database, safe='')}/story_changes.atom"
                               f"?story={quote(slug, safe='')}")


@hookimpl
def register_output_renderer(datasette):
    return {"extension": "atom", "render": render_atom, "can_render": can_render_atom}


def can_render_atom(columns) -> bool:
    # Rows of monitor.faces.changes.EVENTS_SQL: the `story_changes` query.
    return set(changes.EVENT_COLUMNS) <= set(columns)


async def render_atom(datasette, request, database, columns, rows):
    if not can_render_atom(columns):
        return None  # Datasette answers 404
    slug = request.args.get("story") or ""
    found = await datasette.get_database(database).execute(
        "select title from stories where slug = ?", [slug])
    if found.first() is None:
        return None  # no such story: Datasette's 404
    title = found.first()["title"] or slug
    page = datasette.absolute_url(request, matrix_path(datasette, slug))
    body = changes.atom_feed(f"{title}: what changed", str(request.url), page,
                             [dict(zip(columns, row, strict=True)) for row in rows],
                             updated=now())
    return {"body": body, "content_type": "application/atom+xml; charset=utf-8"}


@hookimpl
def register_routes():
    return [(r"^/-/monitor/matrix/(?P<story>[^/]+)$", matrix_page),
            (r"^/-/monitor/matrix/?$", matrices)]


async def matrices(datasette, request):
    # A story's matrix page, cut to its folder: the index lists every story's matrix.
    return Response.redirect(datasette.urls.instance())


async def matrix_page(datasette, request):
    # Datasette routes on the raw path, so a slug that needed %-encoding arrives encoded.
    slug = unquote(request.url_vars["story"])
    for name, database in datasette.databases.items():
        if database.is_memory or name.startswith("_"):
            continue
        parts = await database.execute_fn(lambda conn: matrix_parts(Database(conn), slug))
        if parts is not None:
            return Response.html(await datasette.render_template(
                "monitor_matrix.html", {**parts, "database": name,
                                        "feed": feed_path(datasette, name, slug),
                                        "heatmap": Markup(parts["heatmap"]),
                                        "css": Markup(parts["css"]),
                                        "unscored": Markup(parts["unscored"]),
                                        "why": Markup(parts["why"]),
                                        **{key: [{**c, "html": Markup(c["html"])}
                                                 for c in parts[key]]
                                           for key in ("conflicts", "reworded", "noted")}},
                request=request))
    raise NotFound(f"No story called {slug!r}")


@hookimpl
def extra_template_vars(template, database, request, datasette):
    async def stories():
        return {"monitor_stories": await _stories(datasette, database),
                "monitor_parameters": PARAMETERS}
    if template in ("index.html", "query.html"):
        return stories
    return None


async def _stories(datasette, only: str | None) -> list[dict]:
    """(database, slug, title, matrix link) of every story in the served databases."""
    found = []
    for name, database in datasette.databases.items():
        if database.is_memory or name.startswith("_") or (only and name != only):
            continue
        if "stories" not in await database.table_names():
            continue
        for row in (await database.execute("select slug, title from stories order by slug")):
            found.append({"database": name, "slug": row["slug"], "title": row["title"],
                          "href": matrix_path(datasette, row["slug"])})
    return found


@cache
def shipped_metadata() -> dict:
    """monitor/faces/metadata.json: the instance's title and description, one database's tables
    and queries."""
    return json.loads(METADATA.read_text(encoding="utf-8"))


def _file_databases(datasette) -> list[str]:
    return [name for name, db in datasette.databases.items()
            if not db.is_memory and not name.startswith("_")]


@hookimpl
def get_metadata(datasette, key, database, table):
    # Table titles for tables a database lacks are never shown, so every file database gets them;
    # the queries come from `canned_queries`, which can look at the database first. A copy:
    # Datasette merges other metadata into what the hook returns.
    shipped = shipped_metadata()
    return copy.deepcopy({"title": shipped["title"], "description": shipped["description"],
                          "databases": {name: {"tables": shipped["database"]["tables"]}
                                        for name in _file_databases(datasette)}})


@hookimpl
def canned_queries(datasette, database):
    async def queries():
        db = datasette.databases.get(database)
        if db is None or db.is_memory or "stories" not in await db.table_names():
            return {}  # not a monitor database: its queries would fail
        return {**shipped_metadata()["database"]["queries"], "story_changes": STORY_CHANGES}
    return queries


# The SQL is monitor.faces.changes', which `monitor changes` reads too: one definition of "new".
STORY_CHANGES = {
    "title": "What changed in a story",
    "description": "For one story (give its slug), newest first: new coverage, new conflicts, "
                   "changed verdicts and new versions of its articles. Subscribe to it in a "
                   "feed reader: the .atom link below.",
    "sql": changes.FEED_SQL}


@hookimpl
def asgi_wrapper(datasette):
    return host_checked


def host_checked(app):
    """`app`, answering 421 to a request whose Host header names another server."""
    async def checked(scope, receive, send):
        if scope["type"] in ("http", "websocket") and not host_allowed(scope):
            await send({"type": "http.response.start", "status": 421,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
            await send({"type": "http.response.body",
                        "body": b"421 Misdirected Request: this server answers only to its own "
                                b"address (DNS rebinding defence)\n"})
            return
        await app(scope, receive, send)
    return checked


def host_allowed(scope: dict) -> bool:
    """Whether the Host header is a loopback name or the address the connection came in on,
    with the port the server listens on."""
    bound_host, bound_port = scope.get("server") or (None, None)
    host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
    try:
        parts = urlsplit(f"//{host}")
        name, port = parts.hostname, parts.port
    except ValueError:
        return False
    if not name or name not in LOOPBACK_NAMES | {str(bound_host).strip("[]").lower()}:
        return False
    # No port in the server's scope (a Unix socket, Datasette's in-process client): nothing to
    # compare; otherwise the port must be the server's (absent only for the default port).
    return bound_port is None or port == bound_port or (port is None and bound_port == 80)
