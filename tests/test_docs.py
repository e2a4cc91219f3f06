"""The README documents every command and table users rely on."""

import re

import pytest

from monitor.faces.cli import cli
from tests.conftest import ROOT, run_monitor

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands(group, prefix=""):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}"


@pytest.mark.parametrize("command", sorted(commands(cli)))
def test_every_command_is_in_the_readme(command):
    assert re.search(rf"monitor {command}\b", README), f"`monitor {command}` is not documented"


def command(name: str):
    found = cli
    for part in name.split():
        found = found.commands[part]
    return found


@pytest.mark.parametrize("name", sorted(commands(cli)))
def test_every_option_of_a_command_is_in_its_row_of_the_readme(name):
    # The commands table is where a user looks up what a command takes (`--outlets` for
    # `schedule`, say); --db is said once for all of them.
    row = next(line for line in README.splitlines() if line.startswith(f"| `monitor {name}"))
    usage = re.split(r"(?<!\\)\|", row)[1]
    missing = [p.opts[0] for p in command(name).params if p.opts[0].startswith("-")
               and p.name != "db" and not any(re.search(rf"{re.escape(o)}\b", usage)
                                              for o in p.opts)]
    assert missing == [], f"`monitor {name}` in the README lacks {missing}"


@pytest.mark.parametrize("table", ["stories", "claims", "outlets", "articles", "coverage",
                                   "matches", "additions", "crawl_runs", "pages"])
def test_every_table_is_in_the_readme(table):
    assert f"`{table}`" in README


def test_the_two_commands_come_first():
    first_code = README.split("```")[1]
    assert "make demo" in first_code and "make test" in first_code


def readme_demo_output() -> list[list[str]]:
    """The README's demo output block as runs of lines, split where it has a "..." line."""
    block = re.search(r"<!-- demo output:.*?-->\n```\n(.*?)```\n<!-- /demo output -->", README,
                      re.S)
    assert block, "the README has no demo output block between its markers"
    runs: list[list[str]] = [[]]
    for line in block.group(1).splitlines():
        if line.strip() == "...":
            runs.append([])
        else:
            runs[-1].append(line.rstrip())
    return [run for run in runs if run]


@pytest.mark.slow
def test_the_readme_shows_what_the_demo_prints(tmp_path):
    printed = run_monitor("demo", db=tmp_path / "demo.db").stdout
    # The demo serves its outlets on port 8765, or on a free port when that one is taken.
    lines = [re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:8765", line).rstrip()
             for line in printed.splitlines()]
    at = 0
    for run in readme_demo_output():
        found = next((i for i in range(at, len(lines)) if lines[i:i + len(run)] == run), None)
        assert found is not None, f"the demo does not print, after line {at}:\n" + "\n".join(run)
        at = found + len(run)


def test_the_readme_links_the_security_policy():
    assert "(SECURITY.md)" in README and (ROOT / "SECURITY.md").is_file()


def test_every_file_the_security_policy_names_exists():
    named = re.findall(r"`((?:monitor|spiders)/[\w/]+\.py)`", (ROOT / "SECURITY.md").read_text())
    assert named and all((ROOT / path).is_file() for path in named)


ROOMS = ("monitor/steps", "monitor/store", "monitor/crawler", "spiders", "monitor/jobs",
         "monitor/faces")


@pytest.mark.parametrize("room", ROOMS)
def test_the_readme_names_every_module_of_each_room_and_no_other(room):
    # README's "Where things are": the room's paragraph names its modules (`name.py`, or
    # `name/` for a package); its own __init__.py is the room itself.
    paragraph = re.search(rf"^- \*\*`{room}/`\*\*:(.*?)(?=^- \*\*|^$)", README,
                          re.S | re.M).group(1)
    named = set(re.findall(r"`([\w/]+(?:\.py|/))`", paragraph))
    folder = ROOT / room
    modules = {str(p.relative_to(folder)).removesuffix("__init__.py") for p in folder.rglob("*.py")
               if p != folder / "__init__.py"}
    assert named == modules


def test_every_column_of_a_table_is_in_its_row_of_the_readme(tmp_path):
    # The Tables section is what people read to write their own SQL: a column added by a
    # migration (crawl_runs' exit_code, coverage's covering_since) must be named there too.
    from monitor.store.schema import open_db

    db = open_db(tmp_path / "m.db")
    tables = README.split("\n## Tables\n", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `(\w+)` \| (.*) \|$", tables, re.M))
    missing = {table: [c for c in db[table].columns_dict if not re.search(rf"\b{c}\b", row)]
               for table, row in rows.items()}
    assert len(rows) >= 12 and {t: c for t, c in missing.items() if c} == {}
