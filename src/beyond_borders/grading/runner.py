"""Run one submitted notebook in a fresh kernel, within limits, and bring its answers back.

Limits, and why each is enforced here rather than trusted to the notebook:

* **per cell** (``cell_timeout``): a cell still running is interrupted (like the stop button)
  and the next cell runs, so one endless loop does not cost the answers in later cells;
* **per notebook** (``notebook_timeout``, counted from the moment the kernel is ready): each
  cell may only use what is left; when nothing is left the remaining cells are skipped and the
  answers collected so far are still graded;
* **hard stop**: a kernel that ignores interrupts is killed ``grace`` seconds after the
  notebook limit (the answers are then lost: status ``timeout`` without a total);
* **output** (``max_output_bytes`` per cell): outputs past the cap are dropped as they arrive,
  so a cell printing many small messages cannot fill the grader's memory; one message larger
  than :func:`message_cap` is refused by ZeroMQ before it is read (``grading/kernel.py``);
* a cell that raises does not stop the run (``allow_errors``); a kernel that dies is reported.

After the learner's cells, the cell from :func:`collect.collector_source` writes the answers
to a file in a private temporary folder; its text is returned for the grader to decode. The
kernel runs in a new empty folder, with its stdout/stderr sent to /dev/null, inside the
bubblewrap sandbox of :mod:`sandbox` unless the instructor chose ``--no-sandbox``.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from nbclient.exceptions import CellTimeoutError, DeadKernelError

from beyond_borders.grading import collect
from beyond_borders.grading.kernel import GraderKernelManager

_QUIET = logging.getLogger("beyond_borders.grading.runner.nbclient")
_QUIET.addHandler(logging.NullHandler())
_QUIET.propagate = False


@dataclass(frozen=True)
class Limits:
    cell_timeout: float = 30
    notebook_timeout: float = 300
    max_output_bytes: int = 1_000_000
    startup_timeout: float = 60
    kernel: str = "python3"

    @property
    def grace(self) -> float:
        """Time left for the collection cell and for an interrupted cell to stop."""
        return min(10.0, max(3.0, self.cell_timeout))


def message_cap(limits: Limits) -> int:
    """The largest message the grader accepts from a kernel: room for a full cell of output
    (with JSON escaping) and for a widget's state, far below what hurts the grader."""
    return max(16_000_000, 4 * limits.max_output_bytes)


@dataclass
class Run:
    """What happened while one notebook ran (cells are numbered from 1, as a reader counts)."""

    answers_text: str | None = None  # the collector's file, if it was written
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (cell, ename, evalue)
    timed_out: list[tuple[int, float]] = field(default_factory=list)  # (cell, seconds allowed)
    notebook_limit_at: int | None = None  # the cell the notebook limit stopped
    skipped: list[int] = field(default_factory=list)  # cells not run: no time left
    capped: list[tuple[int, int]] = field(default_factory=list)  # (cell, bytes; -1: refused)
    died_at: int | None = None  # the cell during which the kernel died
    hard_timeout: bool = False  # killed: it ignored interrupts past the notebook limit
    stopped: bool = False  # the grader was interrupted (Ctrl-C)
    collect_error: str = ""  # why the answers could not be collected (no submission text)
    collect_detail: str = ""  # the collecting cell's error message: for the instructor's log
    grader_error: str = ""  # a failure of the grader or kernel start, not of the notebook
    seconds: float = 0.0
    sources: dict[int, str] = field(default_factory=dict)  # first line of cells named above


def _size(content: dict) -> int:
    if "text" in content:
        return len(content.get("text") or "")
    data = content.get("data") or {}
    return sum(len(v) if isinstance(v, str) else len(str(v)) for v in data.values()) + \
        len(content.get("evalue", "") or "") + sum(len(t) for t in content.get("traceback", []) or [])


class _Client(NotebookClient):
    """nbclient with an output cap, a record of timeouts and no widget-state bookkeeping."""

    def __init__(self, nb, max_output_bytes: int, **kw):
        super().__init__(nb, **kw)
        self.max_output_bytes = max_output_bytes
        self.budget = 30.0
        self.current = 0
        self.out_bytes: dict[int, int] = {}
        self.cut: set[int] = set()
        self.timeouts: set[int] = set()
        self.replies: dict[int, dict] = {}
        self.on_cell_executed = self._remember_reply

    def _remember_reply(self, cell, cell_index, execute_reply):
        self.replies[cell_index] = (execute_reply or {}).get("content", {})

    def error_of(self, cell, index) -> tuple[str, str] | None:
        """(ename, evalue) if the cell failed: from the kernel's reply, else from its outputs."""
        reply = self.replies.get(index, {})
        if reply.get("status") == "error":
            return str(reply.get("ename", "error")), str(reply.get("evalue", ""))
        for out in cell.outputs:
            if out.get("output_type") == "error":
                return str(out.get("ename", "")), str(out.get("evalue", ""))
        return None

    async def _async_handle_timeout(self, timeout, cell=None):
        self.timeouts.add(self.current)
        return await super()._async_handle_timeout(timeout, cell)

    def output(self, outs, msg, display_id, cell_index):
        used = self.out_bytes.get(cell_index, 0) + _size(msg.get("content", {}))
        self.out_bytes[cell_index] = used
        if used > self.max_output_bytes:
            if cell_index not in self.cut:
                self.cut.add(cell_index)
                outs.append(nbformat.v4.new_output(
                    "stream", name="stderr", text=f"[output cut at {self.max_output_bytes} bytes]"))
            if msg.get("msg_type") == "error":  # keep which error it was, without the bulk
                c = msg["content"]
                outs.append(nbformat.v4.new_output("error", ename=str(c.get("ename", ""))[:200],
                                                   evalue=str(c.get("evalue", ""))[:500], traceback=[]))
            return None
        return super().output(outs, msg, display_id, cell_index)

    def handle_comm_msg(self, outs, msg, cell_index):
        """Widget state is not needed to grade; keeping it would only cost memory."""
        return None


def _first_line(source: str) -> str:
    line = next((s.strip() for s in source.splitlines() if s.strip()), "")
    return line if len(line) <= 50 else line[:47] + "..."


def _with_collector(nb, answers_path: Path):
    """A copy of ``nb`` with the answer-collecting cell appended, and the learner's cell count."""
    cells = list(nb.cells)
    out = nbformat.v4.new_notebook(metadata=nb.metadata)
    out.cells = cells + [nbformat.v4.new_code_cell(collect.collector_source(str(answers_path)))]
    return out, len(cells)


@contextlib.asynccontextmanager
async def _kernel(nb, limits: Limits, workdir: Path, cwd: Path, sandbox):
    """A client whose fresh kernel is running in ``cwd``; the kernel is shut down on leaving.

    This is the one place a submission's kernel is launched: :class:`GraderKernelManager`
    decides the launch command, inside ``sandbox`` (None: unsandboxed, ``--no-sandbox``).
    """
    km = GraderKernelManager(kernel_name=limits.kernel)
    km.prepare(sandbox, message_cap(limits), workdir, cwd)
    client = _Client(nb, limits.max_output_bytes, kernel_name=limits.kernel, allow_errors=True,
                     km=km, interrupt_on_timeout=True, raise_on_iopub_timeout=True, timeout_func=lambda cell: client.budget,
                     startup_timeout=int(limits.startup_timeout), shutdown_kernel="immediate",
                     record_timing=False, log=_QUIET, resources={"metadata": {"path": str(cwd)}})
    async with client.async_setup_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
        yield client


class _Watchdog:
    """Kills the kernel when the grader is stopped, or when it ignores interrupts too long."""

    def __init__(self):
        self.why = ""  # "stopped" or "timeout" once it has killed the kernel

    async def watch(self, client, stop: threading.Event, hard_deadline: float) -> None:
        loop = asyncio.get_running_loop()
        while not self.why:
            await asyncio.sleep(0.1)
            self.why = "stopped" if stop.is_set() else ("timeout" if loop.time() > hard_deadline else "")
        try:
            await client.km.shutdown_kernel(now=True)
        except Exception:  # already gone
            pass


def _note(client: _Client, cell, index: int, collecting: bool, limits: Limits, run: Run) -> None:
    """Record in ``run`` what went wrong in one executed cell: a timeout, an error, cut output."""
    number = index + 1
    if number in client.timeouts:
        if collecting:
            run.collect_error = "collecting the answers timed out"
        elif client.budget < limits.cell_timeout:
            run.notebook_limit_at = number
        else:
            run.timed_out.append((number, limits.cell_timeout))
        run.sources.setdefault(number, _first_line(cell.source))
    elif (err := client.error_of(cell, index)) is not None:
        ename, evalue = err[0][:100], " ".join(err[1].split())[:160]
        if collecting:
            run.collect_error = "the answer-collecting cell failed"
            run.collect_detail = f"{ename}: {evalue}"
        elif "raises-exception" not in cell.metadata.get("tags", []):
            run.errors.append((number, ename, evalue))
            run.sources.setdefault(number, _first_line(cell.source))
    if index in client.cut:
        run.capped.append((number, client.out_bytes.get(index, 0)))
        run.sources.setdefault(number, _first_line(cell.source))


def _reconnect_output(client: _Client) -> None:
    """A fresh output socket after ZeroMQ refused a message and dropped the old connection;
    without it the output of every later cell would be lost too, and each would wait for it."""
    kc = client.kc
    try:
        kc.iopub_channel.stop()
    finally:
        kc._iopub_channel = None
    kc.iopub_channel.start()


async def _run_cells(client: _Client, nb, n_student: int, limits: Limits, run: Run,
                     deadline: float) -> None:
    """Each code cell in turn, within what is left of the notebook's time; then the collector."""
    loop = asyncio.get_running_loop()
    for index, cell in enumerate(nb.cells):
        number, collecting = index + 1, index == n_student
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        left = deadline - loop.time()
        if collecting:
            client.budget = limits.grace
        elif left < 0.5:
            run.skipped.append(number)
            continue
        else:
            client.budget = min(limits.cell_timeout, left)
        client.current = number
        try:
            await client.async_execute_cell(cell, index, execution_count=number)
        except CellTimeoutError:  # the reply came, its output did not: a refused message
            client.cut.add(index)
            client.out_bytes[index] = -1
            _reconnect_output(client)
        except DeadKernelError:
            if collecting:
                run.collect_error = "the kernel died while the answers were collected"
            run.died_at = None if collecting else number
            run.sources.setdefault(number, _first_line(cell.source))
            break
        _note(client, cell, index, collecting, limits, run)
        cell.outputs = []  # nothing downstream needs them; free the memory now


def _read_answers(path: Path, run: Run) -> None:
    if path.exists():
        if path.stat().st_size > collect.MAX_FILE_BYTES:
            run.collect_error = "the answers file is too large"
        else:
            run.answers_text = path.read_text(encoding="utf-8", errors="replace")


def _settle(run: Run, killed: str) -> None:
    """The final word on a run the watchdog may have cut short (``killed``: why, or "")."""
    if killed and run.answers_text is None:  # killed before the answers came back
        run.hard_timeout, run.stopped = killed == "timeout", killed == "stopped"
        run.died_at, run.collect_error, run.answers_text = None, "", None
    if run.answers_text is None and not run.collect_error and run.died_at is None \
            and not run.hard_timeout and not run.stopped:
        run.collect_error = "the answer-collecting cell wrote no file"


async def _run(nb, limits: Limits, stop: threading.Event, run: Run, workdir: Path,
               sandbox) -> None:
    answers_path = workdir / f"{secrets.token_hex(16)}.json"
    cwd = workdir / "work"
    cwd.mkdir()
    nb, n_student = _with_collector(nb, answers_path)
    dog = _Watchdog()
    async with _kernel(nb, limits, workdir, cwd, sandbox) as client:
        loop = asyncio.get_running_loop()
        start = loop.time()
        deadline = start + limits.notebook_timeout
        watching = asyncio.ensure_future(dog.watch(client, stop, deadline + limits.grace + 2))
        try:
            await _run_cells(client, nb, n_student, limits, run, deadline)
            _read_answers(answers_path, run)
        finally:
            watching.cancel()
            run.seconds = loop.time() - start
    _settle(run, dog.why)


def execute(nb, limits: Limits, stop: threading.Event | None = None, sandbox=None) -> Run:
    """Run ``nb`` (a clean copy; see ``submissions``) and return what happened. Never raises.

    ``sandbox``: a :class:`sandbox.Sandbox` to run the kernel in, or None (``--no-sandbox``).
    """
    run = Run()
    stop = stop or threading.Event()
    t0 = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="bb-grade-") as tmp:
            asyncio.run(_run(nb, limits, stop, run, Path(tmp), sandbox))
    except Exception as exc:  # kernel would not start, zmq trouble, ...: the grader's problem
        if not (run.hard_timeout or run.stopped):
            run.grader_error = f"{type(exc).__name__}: {exc}"[:300]
    run.seconds = time.perf_counter() - t0
    return run
