"""What starting a run's worker processes costs: spawned from scratch, or forked from a server.

    .venv/bin/python bench/workers.py

Each trial is a fresh process that imports the command line (as `monitor` does), starts a pool of
two workers, has them read two real pages (../shared/data/aeb) and stops. Reports the time until
both pages are read and the CPU the whole machine used meanwhile (the forked workers are not this
process's children, so their CPU is read from /proc/stat). Kinds: workers spawned; forked from
the server (as `monitor match` has them); forked from a server that also loads the extractor's
data before forking (as the crawl has them).
"""

from __future__ import annotations

import gzip
import multiprocessing
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AEB = ROOT.parent / "shared/data/aeb"


def trial(kind: str) -> float:
    """In a fresh process: seconds until two workers have read one page each."""
    import monitor.faces.cli  # noqa: F401  (what a worker of `monitor` re-imports)
    from monitor.crawler.pipelines import read_page
    from monitor.crawler.workers import worker_pool

    page = gzip.decompress(sorted((AEB / "html").glob("*.html.gz"))[0].read_bytes())
    started = time.perf_counter()
    pool = (ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"))
            if kind == "spawn" else worker_pool(2, read_pages=kind == "reading"))
    reads = [pool.submit(read_page, page, "utf-8", "http://x/", None, None, []) for _ in range(2)]
    for read in reads:
        read.result()
    took = time.perf_counter() - started
    pool.shutdown()
    return took


def machine_cpu() -> float:
    """CPU seconds the whole machine has used (user, nice, system)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:4]
    return sum(map(int, fields)) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--trial":
        print(trial(sys.argv[2]))
        return
    for _ in range(3):
        for kind in ("spawn", "forkserver", "reading"):
            before = machine_cpu()
            out = subprocess.run([sys.executable, __file__, "--trial", kind], cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout
            used = machine_cpu() - before
            print(f"  {kind:<10} two pages read {float(out):.2f} s after the pool was made; "
                  f"machine CPU for the whole trial {used:.2f} s")


if __name__ == "__main__":
    main()
