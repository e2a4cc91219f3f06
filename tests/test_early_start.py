"""A crawl's worker server starts as the `monitor` command starts, beside the command line's
imports, for the commands that read pages and for no other (monitor/__main__.py)."""

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


def test_a_command_that_reads_pages_starts_the_server_and_no_other_does(monkeypatch):
    started = []
    monkeypatch.setattr(workers, "start_server",
                        lambda read_pages=False: started.append(read_pages))
    start_server_for_command(["report"])
    start_server_for_command(["demo", "--serve"])
    assert started == []
    start_server_for_command(["--db", "news.db", "run"])
    assert started == [True]
