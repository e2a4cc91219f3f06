"""A crawl's worker server starts as the `monitor` command starts, beside the command line's
imports, for the commands that read pages and for no other (monitor/crawler/early_start.py)."""

import pytest

from monitor.crawler import workers
from monitor.crawler.workers import reads_pages, start_server_for_command


@pytest.mark.parametrize("args", [
    ["run", "--outlets", "data/outlets.toml"],
    ["crawl", "-s", "DOWNLOAD_DELAY=1"],
    ["demo"],
    ["--db", "run.db", "crawl"],  # a database named like a command
    ["--db=data/x.db", "run"],
    ["run", "--db", "data/x.db"],
])
def test_the_commands_that_read_pages_are_known_from_the_command_line(args):
    assert reads_pages(args)


@pytest.mark.parametrize("args", [
    [], ["report"], ["match"], ["seed", "add", "run"], ["schedule", "--every", "1h"],
    ["demo", "--serve"], ["run", "--help"], ["--help"], ["--version", "run"], ["--db"],
    ["-x", "run"],
])
def test_no_other_command_line_reads_pages(args):
    assert not reads_pages(args)


def test_only_the_monitor_command_s_own_process_starts_the_server_early(monkeypatch):
    started = []
    monkeypatch.setattr(workers, "start_server",
                        lambda read_pages=False: started.append(read_pages))
    start_server_for_command(["/usr/bin/pytest", "-k", "run"])  # another program
    start_server_for_command(["-c"])  # the worker server itself, importing the command line
    start_server_for_command(["/srv/.venv/bin/monitor", "report"])
    assert started == []
    start_server_for_command(["/srv/.venv/bin/monitor", "--db", "news.db", "run"])
    start_server_for_command(["/srv/monitor/__main__.py", "crawl"])
    assert started == [True, True]
