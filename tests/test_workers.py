"""The crawl's worker processes: an `AsyncPool`, fed and heard from on the event loop, and the
`ExecutorPool` that stands in for it where event loops cannot watch pipes (Windows)."""

import asyncio
import os
import signal
import subprocess
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from monitor.crawler.workers import AsyncPool, ExecutorPool, TooSlow
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # starts worker processes

KINDS = pytest.mark.parametrize("kind", [AsyncPool, ExecutorPool])


def double(x):
    return 2 * x


def pid_after(seconds, done=None):
    time.sleep(seconds)
    if done:
        Path(done).touch()
    return os.getpid()


def refuse(text):
    raise ValueError(f"cannot read {text}")


def big(n):
    return b"x" * n


def run(coroutine):
    return asyncio.run(coroutine)


@KINDS
def test_every_call_gets_its_own_answer(kind):
    async def calls():
        pool = kind(double, 2)
        try:
            return await asyncio.gather(*(pool.run(i) for i in range(50)))
        finally:
            pool.close()

    assert run(calls()) == [2 * i for i in range(50)]


@KINDS
def test_answers_larger_than_a_pipe_arrive_whole(kind):
    async def calls():
        pool = kind(big, 2)
        try:
            return await asyncio.gather(*(pool.run(n) for n in (3_000_000, 10, 2_500_000)))
        finally:
            pool.close()

    assert [len(answer) for answer in run(calls())] == [3_000_000, 10, 2_500_000]


@KINDS
def test_a_free_worker_takes_the_next_call(kind):
    async def calls():
        pool = kind(pid_after, 2)
        try:
            return await asyncio.gather(*(pool.run(0.3) for _ in range(4)))
        finally:
            pool.close()

    assert len(set(run(calls()))) == 2


@KINDS
def test_an_exception_in_a_worker_reaches_the_caller_and_the_pool_goes_on(kind):
    async def calls():
        pool = kind(refuse, 1)
        try:
            with pytest.raises(ValueError, match="cannot read this"):
                await pool.run("this")
            return await pool.run("that")
        finally:
            pool.close()

    with pytest.raises(ValueError, match="cannot read that"):
        run(calls())


@KINDS
def test_a_worker_killed_breaks_the_calls_under_way_and_the_pool(kind, tmp_path):
    done = [tmp_path / f"call {i} done" for i in range(3)]

    async def calls():
        pool = kind(pid_after, 2)
        try:
            first = await pool.run(0)
            under_way = [asyncio.ensure_future(pool.run(30, str(d))) for d in done]
            await asyncio.sleep(0.5)
            os.kill(first, signal.SIGKILL)
            results = await asyncio.gather(*under_way, return_exceptions=True)
            with pytest.raises(BrokenProcessPool):
                await pool.run(0)
            return results
        finally:
            pool.close()

    results = run(calls())
    assert all(isinstance(r, BrokenProcessPool) for r in results)
    assert not any(d.exists() for d in done)  # nobody waited for the other worker's call


@KINDS
def test_closing_stops_the_workers(kind):
    async def calls():
        pool = kind(pid_after, 2)
        pids = await asyncio.gather(pool.run(0.2), pool.run(0.2))
        pool.close()
        return pids

    for pid in run(calls()):
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def stuck(seconds):
    # Deaf to the timer signal, as one long libxml2 call is: only a kill ends it.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGTERM})
    time.sleep(seconds)
    return "finished"


def test_a_call_over_the_time_limit_is_killed_with_its_worker():
    async def calls():
        pool = AsyncPool(stuck, 1, time_limit=1)
        try:
            # Bounded: the call would take 120 s; its limit is 1 s, checked every second.
            with pytest.raises(TooSlow):
                await asyncio.wait_for(pool.run(120), timeout=30)
            (worker,) = pool.processes
            worker.join(10)
            return worker.exitcode
        finally:
            pool.close(wait=False)

    assert run(calls()) == -signal.SIGKILL


def test_calls_within_the_time_limit_are_answered():
    async def calls():
        pool = AsyncPool(pid_after, 2, time_limit=5)
        try:
            return await asyncio.gather(*(pool.run(0.5) for _ in range(4)))
        finally:
            pool.close()

    assert len(set(run(calls()))) <= 2


def language_model_loaded(_=None):
    import py3langid.langid

    return py3langid.langid.IDENTIFIER is not None


def in_a_fresh_crawl_worker(check: str) -> subprocess.CompletedProcess:
    """What `check` (a function of this module) answers in a crawl's first worker, in a fresh
    process: the server is started once per process, with the first pool's preload."""
    script = ("from monitor.crawler.workers import worker_pool\n"
              f"from tests.test_workers import {check}\n"
              "with worker_pool(1, read_pages=True) as pool:\n"
              f"    print(pool.submit({check}).result())\n")
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_a_crawl_s_workers_start_with_the_extractor_s_data_loaded_by_their_server():
    result = in_a_fresh_crawl_worker("language_model_loaded")
    assert result.stdout.split() == ["True"], result.stderr


def word_frequencies_loaded(_=None):
    from monitor.steps import coverage

    return coverage._frequencies.cache_info().currsize > 0


def test_a_crawl_s_workers_start_with_the_word_frequencies_loaded_by_their_server():
    # Stemming wordfreq's list for the first article's weights took each worker 0.2-0.3 s of
    # CPU a run (bench/README.md); the server does it once for all of them.
    result = in_a_fresh_crawl_worker("word_frequencies_loaded")
    assert result.stdout.split() == ["True"], result.stderr


def collector_threshold(_=None):
    import gc

    return gc.get_threshold()[0]


@KINDS
def test_workers_collect_garbage_as_seldom_as_the_crawl_s_own_process(kind):
    # At Python's default (a young collection every 700 objects) the collector took a fortieth
    # of a worker's time reading pages (bench/README.md).
    async def call():
        pool = kind(collector_threshold, 1)
        try:
            return await pool.run()
        finally:
            pool.close()

    assert run(call()) == 10_000


def test_importing_the_library_loads_nothing_and_tunes_nothing_process_wide():
    # The garbage collector and Scrapy's logger are the process owner's: `monitor run` and the
    # worker initialiser set them, never an import.
    script = ("import gc, logging\n"
              "threshold = gc.get_threshold()\n"
              "import monitor.faces.cli, monitor.jobs.demo, monitor.crawler.warm\n"
              "from tests.test_workers import language_model_loaded\n"
              "print(gc.get_threshold() == threshold, gc.get_freeze_count(),\n"
              "      logging.getLogger('scrapy').level, language_model_loaded())\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.split() == ["True", "0", "0", "False"], result.stderr
