"""Run the planned submissions in kernels, ``jobs`` at a time, and stop cleanly on Ctrl-C.

Each submission goes to :func:`runner.execute` (one fresh kernel, within the limits; the one
place a kernel is launched is ``runner._kernel``). Results come back as each finishes, so the
caller can write the gradebook after every one. The question banks must already be in memory
(``banks.snapshot``) before the pool starts: a running submission can change the files.

Ctrl-C, whether it arrives while waiting for a kernel or while the caller writes a result,
sets ``stop``: every running kernel is killed by its watchdog within a fraction of a second,
submissions not yet started are dropped, and :class:`Pool` swallows the interrupt and sets
``interrupted``, so the caller still writes what was graded.
"""
from __future__ import annotations

import concurrent.futures as cf
import threading
from collections.abc import Iterable, Iterator

from beyond_borders.grading import runner
from beyond_borders.grading.submissions import Submission


class Pool:
    """A context manager over a thread pool of ``jobs`` workers, each driving one kernel.

    ``execute`` is :func:`runner.execute`; it can be swapped for a stand-in in tests.
    """

    def __init__(self, jobs: int, limits: runner.Limits, echo=print, execute=runner.execute):
        self.limits, self.echo, self.execute = limits, echo, execute
        self.stop = threading.Event()
        self.interrupted = False
        self._pool = cf.ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="bb-grade")

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, kind, exc, tb) -> bool:
        if kind is not None:  # Ctrl-C, or a failure in the caller: no kernel may outlive it
            self.stop.set()
        if kind is not None and issubclass(kind, KeyboardInterrupt):
            self.interrupted = True
            self.echo("interrupted: stopping the running kernels; graded notebooks are saved")
        self._pool.shutdown(wait=True, cancel_futures=True)
        return self.interrupted

    def _one(self, sub: Submission) -> runner.Run:
        if self.stop.is_set():
            return runner.Run(stopped=True)
        return self.execute(sub.notebook, self.limits, self.stop)

    def results(self, subs: Iterable[Submission]) -> Iterator[tuple[Submission, runner.Run]]:
        """``(submission, run)`` as each finishes; runs cut short by ``stop`` are left out."""
        futures = {self._pool.submit(self._one, s): s for s in subs}
        for fut in cf.as_completed(futures):
            try:
                ran = fut.result()
            except Exception as exc:  # a bug in the grader must not lose the other results
                ran = runner.Run(grader_error=f"{type(exc).__name__}: {exc}"[:300])
            if not ran.stopped:
                yield futures[fut], ran
