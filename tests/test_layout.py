"""The rooms of the code and what each may import (README.md, "Where things are")."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# What a module of each room may import from the project. `monitor.faces.terminal` is the one
# face the others write through: every line that reaches the user's terminal is cleaned there.
ALLOWED = {
    "monitor.steps": {"monitor.steps"},
    "monitor.store": {"monitor.store"},
    "monitor.crawler": {"monitor.steps", "monitor.store", "monitor.crawler",
                        "monitor.faces.terminal"},
    "monitor.jobs": {"monitor.steps", "monitor.store", "monitor.crawler", "monitor.jobs",
                     "monitor.faces.terminal"},
    "monitor.faces": {"monitor", "spiders"},
    "spiders": {"monitor.steps", "monitor.crawler", "monitor.faces.terminal", "spiders"},
}
# Libraries that make a room something else: the steps read and compare plain data, the store
# is SQLite and nothing more.
FORBIDDEN = {
    "monitor.steps": {"scrapy", "twisted", "sqlite3", "sqlite_utils", "datasette", "click",
                      "redis", "scrapy_redis"},
    "monitor.store": {"scrapy", "twisted", "datasette", "click", "redis", "scrapy_redis"},
    "spiders": {"sqlite3", "sqlite_utils", "datasette"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def room_of(module: str) -> str | None:
    return next((room for room in sorted(ALLOWED, key=len, reverse=True)
                 if module == room or module.startswith(room + ".")), None)


def imports_of(path: Path, module: str | None = None) -> list[str]:
    """Every module `path` imports, at its top or inside a function; a relative import by the
    absolute name it stands for in `module` (the module `path` is, by default)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, path, module)
            if base:
                found.append(base)
            found += [f"{base}.{alias.name}" if base else alias.name for alias in node.names]
    return found


def _absolute(node: ast.ImportFrom, path: Path, module: str | None) -> str:
    # `from ..store import rows` in monitor.steps.text names monitor.store: judged as written,
    # it would name `store` and pass as no module of ours.
    if not node.level:
        return node.module or ""
    parts = (module or module_name(path)).split(".")
    package = parts if path.name == "__init__.py" else parts[:-1]
    base = package[:len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def within(name: str, prefixes: set[str]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


MODULES = sorted(p for folder in ("monitor", "spiders") for p in (ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_each_module_imports_only_what_its_room_may(path):
    module = module_name(path)
    room = room_of(module)
    if room is None:  # monitor/__init__.py, monitor/__main__.py: the package's doors
        return
    project = [name for name in imports_of(path) if within(name, {"monitor", "spiders"})]
    # `from monitor.steps import match` names monitor.steps and monitor.steps.match: judge the
    # longest name of each import only.
    wrong = [name for name in project if not within(name, ALLOWED[room])
             and not any(other.startswith(name + ".") for other in project)]
    assert wrong == [], f"{module} ({room}) imports {wrong}"
    libraries = {name.split(".")[0] for name in imports_of(path)}
    assert libraries & FORBIDDEN.get(room, set()) == set()


def test_every_module_is_in_a_room():
    homeless = [module_name(p) for p in MODULES if room_of(module_name(p)) is None]
    assert sorted(homeless) == ["monitor", "monitor.__main__"]


def test_a_step_that_imported_the_store_would_be_caught(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from monitor.store import rows\n    import sqlite3\n")
    assert imports_of(bad) == ["monitor.store", "monitor.store.rows", "sqlite3"]
    assert not within("monitor.store.rows", ALLOWED["monitor.steps"])


def test_a_relative_import_of_the_store_from_a_step_would_be_caught(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from ..store import rows\nfrom . import text\n")
    assert imports_of(bad, "monitor.steps.bad") == [
        "monitor.store", "monitor.store.rows", "monitor.steps", "monitor.steps.text"]
    assert not within("monitor.store.rows", ALLOWED["monitor.steps"])


def _setuptools() -> dict:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def test_pyproject_lists_every_package_of_the_rooms():
    packages = {module_name(p) for folder in ("monitor", "spiders")
                for p in (ROOT / folder).rglob("__init__.py")}
    assert set(_setuptools()["packages"]) == packages


def test_every_data_file_pattern_pyproject_ships_matches_a_file():
    empty = [f"{package}: {pattern}"
             for package, patterns in _setuptools()["package-data"].items()
             for pattern in patterns
             if not list((ROOT / package.replace(".", "/")).glob(pattern))]
    assert empty == []
