"""A whole class at once on the hub: N learners log in together, click the week's nbgitpuller
link and run the week's notebooks; the hub's memory is sampled meanwhile. Shared by
benchmarks/hub_class.py (figures) and tests/hub/ (behaviour), so both exercise one path."""
import asyncio
import math
import threading
from dataclasses import dataclass, field
from pathlib import Path

from learner import Learner
from run_hub import descendants

WEEK_2 = ("lessons/02_the_january_2024_strikes.ipynb", "exercises/02_the_january_2024_strikes.ipynb")


@dataclass
class Attendance:
    """One learner's session: each notebook's cell runs, or the error that stopped it."""
    name: str
    runs: dict = field(default_factory=dict)
    kernel_waits: dict = field(default_factory=dict)  # notebook -> seconds until its kernel was ready
    problems: dict = field(default_factory=dict)

    def failed(self, notebook):
        cells = self.runs.get(notebook)
        return cells is None or any(c.errors or c.status != "ok" for c in cells)


async def attend(hub, name, notebooks, timeout=600):
    """Everything one learner does in class; never raises (a failure is recorded instead)."""
    seat = Attendance(name)
    learner = Learner(hub.url, name, hub.password, timeout)
    folder = hub.repo_url.rstrip("/").split("/")[-1]
    try:
        await learner.log_in()
        await learner.click(hub.link(notebooks[0]))
    except Exception as exc:  # noqa: BLE001 - reported per learner, the class goes on
        seat.problems["pull"] = f"{type(exc).__name__}: {exc}"
        return seat
    for notebook in notebooks:
        try:
            seat.runs[notebook] = await learner.run_notebook(f"{folder}/{notebook}")
        except Exception as exc:  # noqa: BLE001
            seat.problems[notebook] = f"{type(exc).__name__}: {exc}"
    seat.kernel_waits = {nb.split("/", 1)[-1]: s for nb, s in learner.kernel_waits.items()}
    return seat


async def _class(hub, names, notebooks):
    return await asyncio.gather(*(attend(hub, name, notebooks) for name in names))


def run_class(hub, learners, notebooks=WEEK_2):
    """All learners at once; returns one `Attendance` per learner."""
    names = [f"learner{i:03d}" for i in range(1, learners + 1)]
    return asyncio.run(_class(hub, names, notebooks))


class MemorySampler(threading.Thread):
    """Peak memory of the hub and everything under it (proxy, servers, kernels), summed as PSS
    (shared pages split between the processes sharing them, so nothing is counted twice)."""

    def __init__(self, hub, every=0.5):
        super().__init__(daemon=True)
        self.hub, self.every, self.peak = hub, every, 0
        self._done = threading.Event()

    def sample(self):
        pids = [self.hub.process.pid, *descendants(self.hub.process.pid)]
        self.hub.seen.update(pids[1:])
        total = 0
        for pid in pids:
            try:
                text = Path(f"/proc/{pid}/smaps_rollup").read_text()
            except OSError:
                continue
            total += sum(int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:")) * 1024
        self.peak = max(self.peak, total)

    def run(self):
        while not self._done.wait(self.every):
            self.sample()

    def stop(self):
        self._done.set()
        self.join()
        self.sample()


def p95(values):
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] if ordered else float("nan")


def latency_breakdown(seats):
    """Where the time goes, in milliseconds: opening a notebook until its kernel is ready (the
    kernel starts, with the course loaded, before it answers), a notebook's first cell apart from
    the rest."""
    def spread(values):
        ordered = sorted(values)
        return f"median {ordered[len(ordered) // 2] * 1000:.0f} ms, p95 {p95(ordered) * 1000:.0f} ms"
    waits = [w for s in seats for w in s.kernel_waits.values()]
    first = [cells[0].seconds for s in seats for cells in s.runs.values() if cells]
    rest = [c.seconds for s in seats for cells in s.runs.values() for c in cells[1:]]
    if not (waits and first and rest):
        return "no cells ran"
    return (f"kernel ready after opening a notebook: {spread(waits)}; "
            f"first cells: {spread(first)}; other cells: {spread(rest)}")


def summary(seats, notebooks, peak_bytes):
    """The benchmark's one closing line."""
    ran = sum(1 for s in seats for nb in notebooks if nb in s.runs)
    failed = sum(1 for s in seats for nb in notebooks if s.failed(nb))
    latencies = [c.seconds for s in seats for cells in s.runs.values() for c in cells]
    return (f"learners: {len(seats)}, notebooks run: {ran}, failed: {failed}, "
            f"p95 cell latency: {p95(latencies) * 1000:.0f} ms, peak memory: {peak_bytes / 2**30:.2f} GiB")
