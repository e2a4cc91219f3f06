"""Running unattended: one run at a time, a log file, and a schedule for people without cron."""

from __future__ import annotations

import fcntl
import logging
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from monitor.faces.terminal import cleaned, echo, error_line

logger = logging.getLogger(__name__)


class AlreadyRunning(RuntimeError):
    """Another run holds the lock on this database."""


@contextmanager
def run_lock(db_path: str | Path) -> Iterator[None]:
    """Hold `<db>.lock` for the length of a run; a second run fails at once, never waits."""
    path = Path(f"{db_path}.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise AlreadyRunning(f"another run is using {db_path} ({holder}); "
                                 f"this one exits without doing anything") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


class _LogFile(logging.FileHandler):
    """A log file that says once, in one line, that it cannot be written (a full disk), where
    Python's logging would print a traceback for each line lost, and cron mail them all."""

    told = False

    def handleError(self, record: logging.LogRecord) -> None:
        if not self.told:
            self.told = True
            echo(f"cannot write the log file {self.baseFilename} "
                 f"({error_line(sys.exc_info()[1])}): log lines are lost", err=True)


def log_to_file(path: str | Path) -> Path:
    """Send every log record (Scrapy's included) to a file too, appending."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = _LogFile(path, encoding="utf-8")
    handler.setLevel(logging.INFO)  # Scrapy lets DEBUG records through the root logger
    handler.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(cleaned(handler))  # its lines quote what servers sent
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return path


def parse_interval(text: str) -> int:
    """Seconds in an interval written as 90s, 30m, 1h or 1d."""
    m = re.fullmatch(r"\s*(\d+)\s*([smhd])\s*", text.lower())
    if not m or int(m.group(1)) == 0:
        raise ValueError(f"{text!r}: write an interval as 90s, 30m, 1h or 1d")
    return int(m.group(1)) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


def every(seconds: int, job: Callable[[], int], runs: int | None = None,
          sleep: Callable[[float], None] = time.sleep,
          waiting: Callable[[float], None] | None = None) -> None:
    """Call `job` now and then every `seconds` (from each start), `runs` times or forever;
    `waiting` is told how many seconds each wait for the next will take."""
    done = 0
    while runs is None or done < runs:
        started = time.monotonic()
        code = job()
        done += 1
        logger.info("run %d ended with exit code %d", done, code)
        if runs is not None and done >= runs:
            return
        wait = max(0.0, seconds - (time.monotonic() - started))
        if waiting is not None:
            waiting(wait)
        sleep(wait)


def run_in_subprocess(args: list[str]) -> int:
    """`monitor ARGS` in a fresh process (Scrapy's reactor cannot restart in this one)."""
    return subprocess.call([sys.executable, "-m", "monitor", *args])
