"""Worker processes for the CPU-heavy steps (extraction, matching), off Scrapy's reactor.

Workers are forked from a fresh server process that has imported what the command line imports,
once. Forking the crawl's own process is not safe (the reactor runs threads), and spawning each
worker from scratch made every worker import it all again (scrapy, trafilatura, rapidfuzz), for
runs that often have a few dozen pages to read: `bench/workers.py` measures the difference.

`monitor match` maps over a `worker_pool`; the crawl hands its pages to an `AsyncPool`, which
the event loop feeds and hears from itself, without the threads a `ProcessPoolExecutor` runs.
"""

from __future__ import annotations

import asyncio
import collections
import gc
import itertools
import multiprocessing
import multiprocessing.connection
import multiprocessing.forkserver
import os
import pickle
import signal
import struct
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from typing import Any

# A worker re-runs the main module (`monitor`'s script, or `monitor/__main__.py`): with what it
# imports already imported by the server it forks from, that costs milliseconds, not a second.
PRELOAD = ["click", "monitor.faces.cli", "monitor.crawler.pipelines"]
# For a crawl, the server also loads what extraction loads on its first page (stop-word lists,
# suffix list, language model): once, instead of once in every worker (`bench/workers.py`). The
# last module preloaded is the server's start, which makes that call (`warm.warm`).
PRELOAD_FOR_READING = [*PRELOAD, "monitor.crawler.reading_server"]


class TooSlow(Exception):
    """A call took longer than its time limit (its worker was stopped)."""


def start_server(read_pages: bool = False) -> None:
    """Start the server that workers are forked from, without waiting for it to load: a crawl
    starts it first thing, so that it imports and loads while Scrapy sets up and finds pages.

    Otherwise it starts with the first task of the run's first pool. For `read_pages`, it also
    loads the extractor's data.
    """
    if _context(read_pages).get_start_method() == "forkserver":
        multiprocessing.forkserver.ensure_running()


# The commands that read pages in workers forked from the server (`start_server_for_command`).
READING_COMMANDS = ("run", "crawl", "demo")


def start_server_for_command(args: list[str]) -> None:
    """Start the server, loading, for a command that reads pages (`reads_pages`): called as
    the `monitor` command starts (`monitor/__main__.py`), before the command line's imports."""
    if reads_pages(args):
        with suppress(Exception):  # the crawl starts it itself then, as it always does
            start_server(read_pages=True)


def reads_pages(args: list[str]) -> bool:
    """Whether `monitor ARGS` runs a command that reads pages in this process (`run`, `crawl`
    or `demo`; not asked for its help, nor `demo --serve`): read as the command line reads it,
    its first argument that is none of the group's options (`--db PATH`) names the command."""
    rest = iter(args)
    for arg in rest:
        if arg == "--db":
            next(rest, None)
        elif not arg.startswith("-"):
            later = list(rest)
            return (arg in READING_COMMANDS and "--help" not in later
                    and not (arg == "demo" and "--serve" in later))
        elif not arg.startswith("--db="):  # --help, --version or a mistake: no command runs
            return False
    return False


def worker_pool(workers: int, initializer: Callable | None = None, initargs: tuple = (),
                read_pages: bool = False) -> ProcessPoolExecutor:
    """A pool of `workers` processes forked from the preloaded server (`start_server`)."""
    return ProcessPoolExecutor(workers, mp_context=_context(read_pages), initializer=_start_worker,
                               initargs=(initializer, initargs))


YOUNG_COLLECTION = 10_000  # objects made, less those freed, between young collections


def _start_worker(initializer: Callable | None, initargs: tuple) -> None:
    if initializer is not None:
        initializer(*initargs)
    # What a worker starts with (imports, models, stories) lives as long as it does. Frozen, it
    # is no longer walked by every full garbage collection (0.6 ms a page, `bench/crawl_parts.py`),
    # nor copied out of the pages the worker shares with the server it was forked from.
    gc.freeze()
    # Reading a page makes tens of thousands of short-lived lists and tuples (coverage's
    # reading of the text, its words and names): at Python's default of a young collection
    # every 700, the collector took 1.0-1.2 ms of a page's 42-47, at 10,000 0.2-0.3
    # (`bench/crawl_parts.py`, bench/README.md). As the crawl's main process (`collect_less`).
    gc.set_threshold(YOUNG_COLLECTION, 10, 10)


def _context(read_pages: bool) -> multiprocessing.context.BaseContext:
    # Forking from the server, told what to preload: for `read_pages`, the extractor's data too.
    if "forkserver" not in multiprocessing.get_all_start_methods():  # Windows
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD_FOR_READING if read_pages else PRELOAD)
    return context


def async_pool(fn: Callable, workers: int, initializer: Callable | None = None,
               initargs: tuple = (), read_pages: bool = False,
               time_limit: float | None = None) -> AsyncPool | ExecutorPool:
    """Worker processes to `await pool.run(*args)` on: an `AsyncPool`, or on Windows (whose
    event loops cannot watch pipes, and which has no hard `time_limit`) an `ExecutorPool`."""
    if os.name == "posix":
        return AsyncPool(fn, workers, initializer, initargs, read_pages, time_limit)
    return ExecutorPool(fn, workers, initializer, initargs, read_pages)


class ExecutorPool:
    """`AsyncPool`'s interface over a `worker_pool`, whose threads carry the calls."""

    def __init__(self, fn: Callable, workers: int, initializer: Callable | None = None,
                 initargs: tuple = (), read_pages: bool = False):
        self.fn = fn
        self.executor = worker_pool(workers, initializer, initargs, read_pages)

    async def run(self, *args: Any) -> Any:
        """`fn(*args)` in a worker; its exception, if it raises one."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, self.fn, *args)

    def close(self, wait: bool = True) -> None:
        """Stop the workers."""
        self.executor.shutdown(wait=wait, cancel_futures=True)


class AsyncPool:
    """Processes that run `fn` on what `await pool.run(*args)` sends them, over one pipe that
    the workers share and one they answer on, both read and written by the running asyncio
    loop: no thread in this process, and a worker that finishes a page takes the next at once.

    When a worker dies, every call under way raises `BrokenProcessPool`; use a new pool. A call
    that runs over `time_limit` seconds raises `TooSlow`: its worker is killed, which breaks the
    pool the same way (whatever a killed worker held, the pipes' framing included, is lost).
    """

    def __init__(self, fn: Callable, workers: int, initializer: Callable | None = None,
                 initargs: tuple = (), read_pages: bool = False,
                 time_limit: float | None = None):
        self.fn, self.workers, self.initializer, self.initargs = fn, workers, initializer, initargs
        self.time_limit = time_limit
        # Each worker's current call and when it started (CLOCK_MONOTONIC is one clock for all
        # processes): written by the worker, read by the watch in this process.
        self.context = _context(read_pages)
        self.calls = self.context.RawArray("d", [-1.0] * 2 * workers)
        self.watch: asyncio.TimerHandle | None = None
        self.processes: list[multiprocessing.process.BaseProcess] = []
        self.waiting: dict[int, asyncio.Future] = {}
        self.tickets = itertools.count()
        self.started: asyncio.Future | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.requests: _WritePipe | None = None
        self.answers: _ReadPipe | None = None
        self.broken = self.closed = False

    async def run(self, *args: Any) -> Any:
        """`fn(*args)` in a worker; its exception, if it raises one."""
        if self.started is None:  # starting waits for the server's imports: not on the loop
            self.started = asyncio.ensure_future(asyncio.to_thread(self._start))
        try:
            ends = await self.started
        except Exception as e:
            self.broken = True
            raise BrokenProcessPool(f"cannot start worker processes: {e!r}") from e
        if self.broken or self.closed:
            raise BrokenProcessPool("a worker process died")
        if self.requests is None:
            self._connect(*ends)
        ticket = next(self.tickets)
        answer = self.loop.create_future()
        self.waiting[ticket] = answer
        message = pickle.dumps((ticket, args), protocol=pickle.HIGHEST_PROTOCOL)
        self.requests.write(struct.pack("!i", len(message)), message)
        return await answer

    def _start(self) -> tuple[int, int]:
        requests, to_workers = os.pipe()
        from_workers, answers = os.pipe()
        _widen(to_workers)
        _widen(answers)
        take = multiprocessing.connection.Connection(requests, writable=False)
        give = multiprocessing.connection.Connection(answers, readable=False)
        # Kept while the pool lives: a worker opens them by name as it starts.
        self.locks = (self.context.Lock(), self.context.Lock())
        try:
            args = (self.fn, take, give, *self.locks, self.initializer, self.initargs, self.calls)
            for slot in range(self.workers):
                process = self.context.Process(target=_serve, args=(*args, slot), daemon=True)
                process.start()
                self.processes.append(process)
        except BaseException:
            os.close(to_workers)
            os.close(from_workers)
            raise
        finally:
            take.close()  # the workers have their own copies
            give.close()
        return to_workers, from_workers

    def _connect(self, to_workers: int, from_workers: int) -> None:
        self.loop = asyncio.get_running_loop()
        self.requests = _WritePipe(self.loop, to_workers)
        self.answers = _ReadPipe(self.loop, from_workers, self._answer, self._lost)
        for process in self.processes:
            self.loop.add_reader(process.sentinel, self._lost)
        if self.time_limit:
            self.watch = self.loop.call_later(1.0, self._check_calls)

    def _check_calls(self) -> None:
        # A worker still on one call past the limit is killed, whatever it is doing; the call
        # fails with TooSlow, the others under way with BrokenProcessPool (`_lost`).
        now = time.monotonic()
        for slot, process in enumerate(self.processes):
            ticket, started = self.calls[2 * slot], self.calls[2 * slot + 1]
            if ticket >= 0 and started > 0 and now - started > self.time_limit:
                answer = self.waiting.pop(int(ticket), None)
                if answer is not None and not answer.done():
                    answer.set_exception(TooSlow(
                        f"reading the page took over {self.time_limit:g} s"))
                process.kill()
        if not self.closed:
            self.watch = self.loop.call_later(1.0, self._check_calls)

    def _answer(self, message: tuple[int, bool, Any]) -> None:
        ticket, ok, value = message
        answer = self.waiting.pop(ticket, None)
        if answer is not None and not answer.done():
            if ok:
                answer.set_result(value)
            else:
                answer.set_exception(value)

    def _lost(self) -> None:
        # A worker died (killed for memory, crashed): what it held is lost, and with it the
        # pipes' framing, so every call under way fails and the pool is done.
        if self.closed:
            return
        self.broken = True
        for answer in self.waiting.values():
            if not answer.done():
                answer.set_exception(BrokenProcessPool("a worker process died"))
        self.waiting.clear()
        self.close(wait=False)

    def close(self, wait: bool = True) -> None:
        """Stop the workers: once they have read what they were sent (`wait`), or at once."""
        if self.closed:
            return
        self.closed = True
        if self.watch is not None:
            self.watch.cancel()
        if self.requests is not None:
            for process in self.processes:
                self.loop.remove_reader(process.sentinel)
            self.requests.close()  # the workers read to the end of the pipe, then stop
            self.answers.close()
        elif (self.started is not None and self.started.done() and not self.started.cancelled()
              and self.started.exception() is None):
            for end in self.started.result():
                os.close(end)
        for process in self.processes:
            process.join(10 if wait else 0)
            if process.is_alive():
                process.kill()
                process.join()
        self.processes = []


class _WritePipe:
    """The writing end of a pipe, written from the event loop without ever blocking it: what
    the pipe cannot take yet waits, uncopied, until the workers have read enough."""

    def __init__(self, loop: asyncio.AbstractEventLoop, fd: int):
        self.loop, self.fd = loop, fd
        os.set_blocking(fd, False)
        self.pending: collections.deque[memoryview] = collections.deque()

    def write(self, *parts: bytes) -> None:
        if self.pending:
            self.pending.extend(map(memoryview, parts))
            return
        try:
            written = os.writev(self.fd, parts)
        except BlockingIOError:
            written = 0
        for part in parts:
            if written < len(part):
                self.pending.append(memoryview(part)[written:])
            written = max(0, written - len(part))
        if self.pending:
            self.loop.add_writer(self.fd, self._flush)

    def _flush(self) -> None:
        while self.pending:
            try:
                written = os.write(self.fd, self.pending[0])
            except BlockingIOError:
                return
            except OSError:  # no worker left to read: the pool hears of it from its sentinels
                self.pending.clear()
                break
            if written < len(self.pending[0]):
                self.pending[0] = self.pending[0][written:]
                return
            self.pending.popleft()
        self.loop.remove_writer(self.fd)

    def close(self) -> None:
        if self.fd < 0:
            return
        self.loop.remove_writer(self.fd)
        if self.pending:  # the rest, blocking: the workers are reading
            with suppress(OSError):
                os.set_blocking(self.fd, True)
                for part in self.pending:
                    os.write(self.fd, part)
        os.close(self.fd)
        self.fd = -1


class _ReadPipe:
    """The reading end of a pipe of length-prefixed pickles, read by the event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop, fd: int, on_message: Callable,
                 on_end: Callable):
        self.loop, self.fd, self.on_message, self.on_end = loop, fd, on_message, on_end
        os.set_blocking(fd, False)
        self.buffer = bytearray()
        loop.add_reader(fd, self._read)

    def _read(self) -> None:
        try:
            data = os.read(self.fd, 1 << 20)
        except BlockingIOError:
            return
        if not data:
            self.close()
            self.on_end()
            return
        self.buffer += data
        done = 0
        with memoryview(self.buffer) as view:
            while len(view) - done >= 4:
                size = struct.unpack_from("!i", view, done)[0]
                if len(view) - done - 4 < size:
                    break
                self.on_message(pickle.loads(view[done + 4:done + 4 + size]))
                done += 4 + size
        del self.buffer[:done]

    def close(self) -> None:
        if self.fd >= 0:
            self.loop.remove_reader(self.fd)
            os.close(self.fd)
            self.fd = -1


def _widen(fd: int) -> None:
    # A page (170 KB on average) goes through a pipe in one write, not three 64 KB ones.
    with suppress(AttributeError, OSError):
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)


def _serve(fn: Callable, requests, answers, take, give, initializer: Callable | None,
           initargs: tuple, calls, slot: int) -> None:
    # A worker: take a call from the shared pipe, answer it, until the pipe is closed. Ctrl-C
    # is for the crawl's process, which stops the crawl and then its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _start_worker(initializer, initargs)
    while True:
        with take:
            try:
                message = requests.recv_bytes()
            except (EOFError, OSError):  # the pool is closed, or its process is gone
                return
        ticket, args = pickle.loads(message)
        # When first, then which: the pool never reads a new ticket with an old start.
        calls[2 * slot + 1] = time.monotonic()
        calls[2 * slot] = ticket
        try:
            outcome = (ticket, True, fn(*args))
        except Exception as e:
            outcome = (ticket, False, e)
        calls[2 * slot] = -1.0
        try:
            message = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as e:  # an answer that cannot travel
            message = pickle.dumps((ticket, False, RuntimeError(repr(e))))
        with give:
            try:
                answers.send_bytes(message)
            except OSError:  # nobody left to answer
                return
