"""What a command does from start to end: add a seed, crawl, match, run, ingest, status, the
demo, the schedule. Jobs take callbacks to report progress; they never print."""

from __future__ import annotations

import gc


def collect_less() -> None:
    """Garbage collection for a long job that makes many short-lived objects (a crawl, ingest),
    set by the entry point that owns the process once the job is set up, never at import."""
    # The collector's full passes walked everything imported too: a tenth of a crawl's main
    # process CPU, ~6% of ingest's (bench/README.md).
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
