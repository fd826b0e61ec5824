"""How fast the grader gets through a class, against the floor of just running the notebooks.

The floor, plainly: the least any grader must do — start a fresh Python kernel for each
notebook, run its cells, shut the kernel down — with nbclient and nothing else: no sandbox, no
time limits, no answers collected, nothing marked, nothing written. The goal is grading in the
sandbox within 1.3x the floor for 100 submissions with 2 jobs (``--n 100 --jobs 2``).

Makes N submissions (default 100) from the lesson 02 exercise notebook
(``exercises/02_the_january_2024_strikes.ipynb``; any other generated exercise if that one is
missing), with the answers filled in different ways: all right, all left as ``...``, all
wrong, a seeded mix, right but in other forms (numpy numbers, tuples, dates, "A)"), and a mix
with a cell that raises. Then it times

* the floor: the same notebooks executed with nbclient and nothing else, 1 and 2 at a time;
* ``grading.grade`` with ``--jobs 1`` and ``--jobs 2`` (a fresh gradebook each time), in the
  bubblewrap sandbox (the default) and with ``--sandbox none``: the difference is the sandbox's
  cost (one package copy per run, one bwrap per kernel);
* a re-run over the unchanged submissions (everything skipped; no sandbox is opened);
* the sandbox's one-off cost per grading run: the verdict-free package copy and the trial
  kernel that proves bwrap works (paid once per run, whatever the number of notebooks; here
  once per block, so the grader's figure above carries it ``N / block`` times).

Floor and grader alternate every ``--block`` notebooks, so a change in the machine's load
(other jobs) hits both alike; the load average is printed at the start and the end.

Not a test: it prints figures and asserts nothing.

    python benchmarks/grader_throughput.py [--n 100] [--jobs 1 2]
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import copy
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from beyond_borders.checks import bank
from beyond_borders.grading import grade as grading
from beyond_borders.grading import runner

ROOT = Path(__file__).resolve().parents[1]
ANSWER_LINE = re.compile(r"^(\s*)(answer_(\d+)_(\d+))\s*=\s*\.\.\..*$", re.M)


def source_notebook() -> Path:
    preferred = ROOT / "exercises" / "02_the_january_2024_strikes.ipynb"
    if preferred.exists():
        return preferred
    found = sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))
    if not found:
        sys.exit("no exercise notebook in exercises/: run `beyond-borders build-exercises` first")
    return found[0]


def ensure_bank(lesson: str, tmp: Path) -> dict:
    """The plain key (for right and wrong answers); seal it into a temporary bank if none is shipped."""
    key_path = ROOT / "instructors" / "answer_keys" / f"{lesson}.json"
    key = json.loads(key_path.read_text(encoding="utf-8")) if key_path.exists() else None
    if lesson not in bank.lessons():
        if key is None:
            sys.exit(f"lesson {lesson} has neither a question bank nor an answer key")
        qdir = tmp / "questions"
        qdir.mkdir()
        (qdir / f"{lesson}.json").write_text(json.dumps(bank.seal(key)), encoding="utf-8")
        bank.QUESTION_DIR = qdir
        bank.load_lesson.cache_clear()
        print(f"(no shipped bank for lesson {lesson}: sealed {key_path.name} into a temporary folder)")
    return key or {"questions": []}


def right(q):
    return q.get("answer")


def wrong(q):
    t, a = q["type"], q.get("answer")
    if t == "single_choice":
        return next(k for k in q["options"] if k != a)
    if t == "multiple_choice":
        return [k for k in q["options"] if k not in a][:1]
    if t == "ordering":
        return list(reversed(a))
    if t == "numeric":
        return a + 1000
    if t == "date":
        return "1999-01-01"
    if t == "text":
        return "something else"
    return "too short"


def other_form(q):
    """The right answer written differently: what careful marking must still accept."""
    t, a = q["type"], q.get("answer")
    if t == "single_choice":
        return f"np.str_({(a.upper() + ')')!r})"
    if t == "multiple_choice":
        return repr(tuple(a))
    if t == "ordering":
        return repr(tuple(a))
    if t == "numeric":
        return f"np.int64({int(a)})" if float(a).is_integer() else f"np.float64({a!r})"
    if t == "date":
        return f"pd.Timestamp({a!r})"
    if t == "text":
        return repr(str(a).upper())
    return repr(" ".join(["word"] * 80))


def filled(nb, key: dict, style: str, rng: random.Random):
    qs = {q["id"]: q for q in key["questions"]}
    nb = copy.deepcopy(nb)

    def value(m):
        qid = f"{int(m.group(3))}.{int(m.group(4))}"
        q = qs.get(qid)
        if q is None or style == "blank":
            return m.group(0)
        if style == "other_form":
            code = other_form(q)
        else:
            pick = {"right": right, "wrong": wrong}.get(style) or rng.choice([right, wrong, lambda q: ...])
            a = pick(q)
            if q["type"] == "open" and pick is right:
                a = " ".join(["word"] * 80)
            code = "..." if a is Ellipsis else repr(a)
        return f"{m.group(1)}{m.group(2)} = {code}"

    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = ANSWER_LINE.sub(value, cell.source)
            cell.outputs, cell.execution_count = [], None
    if style == "other_form":
        nb.cells.insert(0, nbformat.v4.new_code_cell("import numpy as np\nimport pandas as pd"))
    if style == "mixed_with_error":
        nb.cells.insert(len(nb.cells) // 2, nbformat.v4.new_code_cell("undefined_name + 1"))
    return nb


STYLES = ["right", "blank", "wrong", "mixed", "other_form", "mixed_with_error"]


def make_submissions(src: Path, key: dict, n: int, folder: Path) -> list[Path]:
    nb = nbformat.read(str(src), as_version=4)
    rng = random.Random(2024)
    paths = []
    for i in range(n):
        style = STYLES[i % len(STYLES)]
        path = folder / f"student{i:03d}__{src.name}"
        nbformat.write(filled(nb, key, style, rng), str(path))
        paths.append(path)
    return paths


def floor(paths: list[Path], jobs: int) -> float:
    """Execute each notebook with plain nbclient: no limits, no collection, no marking.

    The kernel is started and stopped as the grader does (output to /dev/null, immediate
    shutdown), so the difference is the grading itself.
    """
    def run(path):
        nb = nbformat.read(str(path), as_version=4)
        NotebookClient(nb, kernel_name="python3", allow_errors=True, timeout=300,
                       shutdown_kernel="immediate",
                       resources={"metadata": {"path": str(path.parent)}}).execute(
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    t0 = time.perf_counter()
    with cf.ThreadPoolExecutor(jobs) as pool:
        list(pool.map(run, paths))
    return time.perf_counter() - t0


def sandbox_setup(times: int = 3) -> tuple[float, float]:
    """Seconds for the package copy and for the trial kernel, the best of ``times``."""
    from beyond_borders.grading import sandbox
    copy_s, probe_s = [], []
    for _ in range(times):
        t0 = time.perf_counter()
        box = sandbox.Sandbox()
        t1 = time.perf_counter()
        why = box.problem()
        t2 = time.perf_counter()
        box.close()
        if why:
            sys.exit(f"the sandbox cannot run here: {why}")
        copy_s.append(t1 - t0)
        probe_s.append(t2 - t1)
    return min(copy_s), min(probe_s)


def loadavg() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100, help="number of submissions (default 100)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--block", type=int, default=10,
                    help="floor and grader alternate every BLOCK notebooks, so a change in machine "
                         "load hits both alike (default 10)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bb-bench-") as tmp:
        tmp = Path(tmp)
        src = source_notebook()
        lesson = src.name[:2]
        key = ensure_bank(lesson, tmp)
        subs = tmp / "subs"
        subs.mkdir()
        paths = make_submissions(src, key, args.n, subs)
        print(f"grader throughput: {args.n} submissions of {src.relative_to(ROOT)} "
              f"({', '.join(STYLES)})")
        print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}; "
              f"load average at start {loadavg()}")
        floor(paths[:1], 1)  # warm up the disk cache and the kernel's imports
        limits = runner.Limits()
        blocks = [paths[i:i + args.block] for i in range(0, len(paths), args.block)]
        cwd = os.getcwd()
        os.chdir(tmp)
        rows = []
        try:
            for jobs in args.jobs:
                t_floor = t_grade = t_bare = 0.0
                statuses, totals = Counter(), Counter()
                for b, block in enumerate(blocks):
                    t_floor += floor(block, jobs)
                    report = grading.grade(block, tmp / f"gb_j{jobs}_{b}.csv", tmp / f"fb_j{jobs}",
                                           jobs, limits, echo=lambda *a: None)
                    t_grade += report.seconds
                    statuses.update(r["status"] for r in report.rows)
                    totals.update(r["total"] for r in report.rows)
                    t_bare += grading.grade(block, tmp / f"gbn_j{jobs}_{b}.csv", tmp / f"fbn_j{jobs}",
                                            jobs, limits, echo=lambda *a: None,
                                            sandbox=False).seconds
                rows.append((f"floor: nbclient only, {jobs} at a time", t_floor, None))
                rows.append((f"grade --jobs {jobs} (sandbox)", t_grade, t_grade / t_floor))
                rows.append((f"grade --jobs {jobs} --sandbox none", t_bare, t_bare / t_floor))
            t0 = time.perf_counter()
            for b, block in enumerate(blocks):
                grading.grade(block, tmp / f"gb_j{args.jobs[-1]}_{b}.csv", tmp / f"fb_j{args.jobs[-1]}",
                              args.jobs[-1], limits, echo=lambda *a: None)
            rows.append(("re-run, all unchanged", time.perf_counter() - t0, None))
        finally:
            os.chdir(cwd)
        copy_s, probe_s = sandbox_setup()
        print(f"{'run':<34}{'total s':>9}{'s / notebook':>14}{'vs floor':>10}")
        for name, seconds, ratio in rows:
            print(f"{name:<34}{seconds:>9.1f}{seconds / args.n:>14.3f}"
                  f"{(f'{ratio:.2f}x' if ratio else ''):>10}")
        print(f"sandbox setup, once per grading run: package copy {copy_s:.2f} s, trial kernel "
              f"{probe_s:.2f} s (this benchmark grades in {len(blocks)} runs of {args.block})")
        print(f"load average at end {loadavg()}")
        print(f"statuses: {dict(statuses)}; totals: "
              + ", ".join(f"{t or '—'}: {c}" for t, c in sorted(totals.items(), key=lambda x: -x[1])))


if __name__ == "__main__":
    main()
