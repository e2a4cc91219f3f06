"""Datasette plugin shipped with the monitor: verdicts in colour, and a story's matrix page.

- Every `verdict` cell (matches, coverage_matrix, conflicts, ...) is shown in its colour.
- `/-/monitor/matrix/<story slug>` renders the story's coverage matrix as a coloured table,
  from the first database Datasette serves that has the story.
"""

from __future__ import annotations

from datasette import Response, hookimpl
from markupsafe import Markup, escape
from sqlite_utils import Database

from monitor.html_report import COLOURS, render_matrix_page
from monitor.report import SYMBOLS


@hookimpl
def render_cell(value, column):
    if column in ("verdict", "old_verdict", "new_verdict") and value in COLOURS:
        colour = "#fff" if value in ("verbatim", "conflict") else "#1f2328"
        return Markup(f'<span style="background:{COLOURS[value]};color:{colour};padding:0 .4em;'
                      f'border-radius:3px">{escape(SYMBOLS[value])} {escape(value)}</span>')
    return None


@hookimpl
def register_routes():
    return [(r"^/-/monitor/matrix/(?P<story>[^/]+)$", matrix_page)]


async def matrix_page(datasette, request):
    slug = request.url_vars["story"]
    for database in datasette.databases.values():
        if database.is_memory:
            continue
        page = await database.execute_fn(lambda conn: render_matrix_page(Database(conn), slug))
        if page is not None:
            return Response.html(page)
    return Response.html(f"<h1>No story called {escape(slug)}</h1>", status=404)
