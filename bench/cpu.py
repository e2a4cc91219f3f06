"""CPU time of this process and every process it starts, worker processes included.

The matching workers are forked from multiprocessing's fork server, not from the bench, so
`resource.RUSAGE_CHILDREN` never sees them: their CPU time is read from /proc while they run
(every 0.1 s, so a worker's last tenth of a second may be missed; workers are idle by then;
new processes are looked for every second: walking /proc costs a few milliseconds). The meter's
own thread costs about 0.5% of a core, counted in the bench's process.
On a machine shared with other work, CPU time an article moves far less than articles a second.
"""

from __future__ import annotations

import os
import threading
from types import TracebackType

from crawl import cpu_seconds, descendants


class TreeCPU:
    """`with TreeCPU() as cpu: ...`, then `cpu.seconds`: user + system CPU seconds of this
    process and its descendants spent inside the block."""

    def __init__(self, every: float = 0.1, look_every: int = 10):
        self.every, self.look_every, self.seconds = every, look_every, 0.0
        self._seen: dict[int, float] = {}
        self._start: dict[int, float] = {}
        self._stop = threading.Event()

    def _sample(self, look: bool = True) -> None:
        for pid in descendants(os.getpid()) if look else list(self._seen):
            self._seen[pid] = cpu_seconds(pid) or self._seen.get(pid, 0.0)

    def _run(self) -> None:
        ticks = 0
        while not self._stop.wait(self.every):
            ticks += 1
            self._sample(look=ticks % self.look_every == 0)

    def __enter__(self) -> TreeCPU:
        self._sample()
        self._start = dict(self._seen)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, kind: type | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        # A process alive before the block (the fork server, reused) counts from its start.
        self.seconds = sum(cpu - self._start.get(pid, 0.0) for pid, cpu in self._seen.items())
