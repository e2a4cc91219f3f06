"""Datasette plugin shipped with the monitor: verdicts in colour, conflicts marked, matrix pages.

- Every `verdict` cell (matches, coverage_matrix, conflicts, ...) is shown in its colour.
- Every `conflicts` cell shows the seed's sentence over the outlet's, the differing words marked.
- A story's slug links to its matrix page, `/-/monitor/matrix/<story slug>`: the coloured
  claims × outlets table and each conflict, inside Datasette's own layout (templates/).
- The index lists the stories with links to their matrix pages; a canned query opened without
  its parameter says what to give it.
"""

from __future__ import annotations

from urllib.parse import quote

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape
from sqlite_utils import Database

from monitor.html_report import COLOURS, conflict_html, conflict_kinds, matrix_parts
from monitor.report import SYMBOLS

# What each canned query parameter is, said on the query's page when it is left empty.
PARAMETERS = {"story": "the slug of a story (the stories table's `slug` column)"}


@hookimpl
def render_cell(row, value, column, table, datasette):
    if column in ("verdict", "old_verdict", "new_verdict") and value in COLOURS:
        colour = "#fff" if value in ("verbatim", "conflict") else "#1f2328"
        return Markup(f'<span style="background:{COLOURS[value]};color:{colour};padding:0 .4em;'
                      f'border-radius:3px">{escape(SYMBOLS[value])} {escape(value)}</span>')
    if column == "conflicts" and value:
        return _conflict_cell(row, value)
    is_slug = column == "slug" if table == "stories" else column == "story"
    if is_slug and isinstance(value, str) and value:
        return Markup(f'{escape(value)} <a href="{escape(matrix_path(datasette, value))}">'
                      f"matrix</a>")
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


def matrix_path(datasette, slug: str) -> str:
    """The path of a story's matrix page (under Datasette's base_url)."""
    return datasette.urls.path(f"/-/monitor/matrix/{quote(slug, safe='')}")


@hookimpl
def register_routes():
    return [(r"^/-/monitor/matrix/(?P<story>[^/]+)$", matrix_page)]


async def matrix_page(datasette, request):
    slug = request.url_vars["story"]
    for name, database in datasette.databases.items():
        if database.is_memory or name.startswith("_"):
            continue
        parts = await database.execute_fn(lambda conn: matrix_parts(Database(conn), slug))
        if parts is not None:
            return Response.html(await datasette.render_template(
                "monitor_matrix.html", {**parts, "database": name,
                                        "heatmap": Markup(parts["heatmap"]),
                                        "css": Markup(parts["css"]),
                                        "conflicts": [{**c, "html": Markup(c["html"])}
                                                      for c in parts["conflicts"]]},
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
