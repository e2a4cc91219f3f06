"""`monitor demo --serve`: the demo outlets stay up for the user's own runs until Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import urllib.request
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from monitor.jobs.demo import PUBLISHED, SEED
from tests.conftest import ROOT, run_monitor

pytestmark = pytest.mark.slow  # runs `monitor demo --serve` in a subprocess

FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")


@dataclass
class DemoServer:
    process: subprocess.Popen
    base: str
    outlets: Path
    site: Path
    printed: str

    def stop(self, signum: int = signal.SIGINT) -> tuple[int, str]:
        """Send `signum` (Ctrl-C by default); returns the exit code and what it printed after."""
        os.kill(self.process.pid, signum)
        rest, _ = self.process.communicate(timeout=30)
        return self.process.returncode, rest


def start_demo_server(db: Path) -> DemoServer:
    """`monitor demo --serve` on a free port, once it has printed where everything is."""
    process = subprocess.Popen(
        [sys.executable, "-m", "monitor", "--db", str(db), "demo", "--serve", "--port", "0"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines = []
    while not any(line.startswith("  .venv/bin/monitor") and "schedule" in line
                  for line in lines):
        line = process.stdout.readline()
        if not line:
            raise AssertionError("demo --serve ended:\n" + "".join(lines))
        lines.append(line)
    printed = "".join(lines)
    base = re.search(r"at (http://127\.0\.0\.1:\d+)", printed).group(1)
    outlets = Path(re.search(r"Outlet file: (\S+)", printed).group(1))
    site = Path(re.search(r"Pages: (\S+)", printed).group(1))
    return DemoServer(process, base, outlets, site, printed)


@pytest.fixture
def demo_server(tmp_path):
    server = start_demo_server(tmp_path / "m.db")
    yield server
    if server.process.poll() is None:
        server.stop()  # as a user would: the copy of the site goes with it


def test_the_outlet_file_it_prints_names_its_address_with_no_placeholder(demo_server):
    text = demo_server.outlets.read_text(encoding="utf-8")
    assert "{base}" not in text and f'"{demo_server.base}/' in text


def test_monitor_run_crawls_the_demo_outlets_it_serves(demo_server, tmp_path):
    db = tmp_path / "m.db"
    run_monitor("seed", "add", str(SEED), "--slug", "trump-cartels", "--published",
                PUBLISHED["trump-cartels"], db=db)
    out = run_monitor("run", "--outlets", str(demo_server.outlets), *FAST, db=db).stdout
    assert "Crawl finished" in out
    with closing(sqlite3.connect(db)) as conn:
        [(covering,)] = conn.execute("select count(*) from coverage join stories on "
                                     "stories.id = story_id where slug = 'trump-cartels' "
                                     "and is_coverage = 1")
    assert covering == 12  # as in the README's demo: 12 covering articles from 7 outlets


def test_the_commands_it_suggests_name_the_outlet_file_and_the_database(demo_server, tmp_path):
    assert f"--db {tmp_path / 'm.db'} run --outlets {demo_server.outlets}" in demo_server.printed
    assert "seed add data/seeds/trump-cartels.txt --slug trump-cartels --published 2025-08-08" \
        in demo_server.printed


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl-C", "SIGTERM"])
def test_ctrl_c_stops_it_cleanly_and_removes_its_copy_of_the_site(demo_server, signum):
    code, rest = demo_server.stop(signum)
    assert code == 0 and "Traceback" not in rest and "Stopped" in rest
    assert not demo_server.site.exists() and not demo_server.outlets.exists()
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{demo_server.base}/robots.txt", timeout=2)
