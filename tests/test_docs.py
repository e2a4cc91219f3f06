"""The README documents every command and table users rely on."""

import re

import pytest

from monitor.cli import cli
from tests.conftest import ROOT

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


@pytest.mark.parametrize("table", ["stories", "claims", "outlets", "articles", "coverage",
                                   "matches", "additions", "crawl_runs", "pages"])
def test_every_table_is_in_the_readme(table):
    assert f"`{table}`" in README


def test_the_two_commands_come_first():
    first_code = README.split("```")[1]
    assert "make demo" in first_code and "make test" in first_code
