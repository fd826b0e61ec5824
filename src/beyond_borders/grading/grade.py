"""The instructor's grader: run each submission in a fresh kernel, mark its answers outside it.

    beyond-borders grade SUBMISSIONS... --out gradebook.csv --feedback feedback/ --jobs 2
                   [--cell-timeout 30] [--notebook-timeout 300] [--max-output-bytes N] [--force]
                   [--roster roster.csv]

SUBMISSIONS are notebooks or folders (searched recursively). Whose notebook it is comes from
the file name ``<student>__02_the_january_2024_strikes.ipynb`` (two underscores) or a Canvas or
Moodle bulk-download name (``lms_names``), else from a folder per student
``<folder>/<student>/02_....ipynb``; with a roster (``roster``) the name must match one learner,
whose ``student_id`` is used. A notebook nobody can be matched to is reported, never graded.
The notebook metadata never decides (a disagreement is noted). The lesson comes from the metadata ``beyond_borders.lesson``,
else from the file name's ``NN_`` prefix (noted in ``problems``). See ``submissions``.

How a grade is made (``grade`` is plan -> run -> write):

1. ``banks``: the grader loads the sealed question banks into memory *before* any submission
   runs.
2. ``plan``: find and read the submissions, match them against the earlier gradebook.
3. ``run``: each notebook runs in a fresh kernel (``runner``): cell and notebook time limits,
   capped output, errors do not stop the run. An appended cell writes the
   ``answer_<lesson>_<n>`` variables, as plain data only, to a file at a random path
   (``collect``).
4. ``outcome`` and ``write``: the grader marks every answer with ``marking.mark`` against its
   own copy of the bank, then writes the gradebook row and the feedback.

What this protects against, and what it does not. Outputs are never read and marking happens
outside the kernel, so *tampering inside the kernel* (printing "Correct", redefining ``check``,
editing the question bank; a bank file changed on disk is put back and reported) changes
nothing. It does not keep the answers secret: the sealed bank ships with the package and can
be solved offline (not inside the grading kernel, whose copy has no answers), so full marks
can be had without knowing the answers.
Each kernel runs in a bubblewrap sandbox (``sandbox``): no network, no view of the grader,
the other kernels or the instructor's files, a package copy without answers, nothing that
survives the kernel, limits on memory, processes, files and CPU. If it cannot start, ``grade``
refuses (:class:`sandbox.SandboxUnavailable` names the fix) unless ``sandbox=False``
(``--no-sandbox``), which every row then records in ``problems``.

Outputs: the gradebook CSV (``gradebook``; written atomically after every submission, so an
interrupted run loses nothing), one Markdown feedback file per student and lesson
(``feedback``), every reflection's text for marking by hand in ``<gradebook>-reflections.csv``
(``manual``; marks come back with ``--merge-marks``, ``merge``), a line per submission and a
summary table (``grading.cli``). ``exports`` writes the Canvas and Moodle layouts. A re-run skips a
notebook whose sha256, student and lesson match an earlier row and keeps that row, if the
grader's private record confirms the row (``state``); ``--force`` regrades. One file can
never stop the class: whatever it does to the reader or the marking becomes its own
``grader_error`` row. A submission's error messages go only to the instructor-only log.

Statuses (the first that applies; every problem is listed in ``problems``):

==================  ===============================================================  ======
status              meaning                                                          total
==================  ===============================================================  ======
unreadable          the file could not be read (missing, no permission)              empty
not_a_regular_file  a symbolic link, a linked folder or a device: never followed     empty
not_a_notebook      not an .ipynb file                                               empty
invalid_notebook    not JSON (or nested too deeply), not UTF-8, not a notebook, or     empty
                    over 50 MB
unknown_student     whose it is cannot be told (or not on the roster): not run        empty
unknown_lesson      no lesson in metadata or name, or no question bank for it        empty
grader_error        the kernel would not start or the grader failed (always retried)  empty
kernel_died         the kernel died (e.g. ``os._exit``, out of memory)                empty
timeout             killed: it ignored interrupts past the notebook limit             empty
collection_failed   the answers could not be collected after the run                 empty
missing             (with a roster) a learner with no notebook for a graded lesson   empty
timeout             graded; a cell was interrupted or the notebook limit was reached  yes
errors_in_cells     graded; some cells raised errors                                 yes
output_capped       graded; some output was over --max-output-bytes and was cut      yes
ok                  graded; ran cleanly                                               yes
duplicate           one of several notebooks for one student and lesson, each         either
                    graded; ``problems`` ends with "Graded as <status>"
==================  ===============================================================  ======
"""
from __future__ import annotations

import contextlib
import functools
import time
from dataclasses import dataclass
from pathlib import Path

from beyond_borders.grading import banks
from beyond_borders.grading import plan
from beyond_borders.grading import run
from beyond_borders.grading import runner
from beyond_borders.grading import sandbox as sandboxing
from beyond_borders.grading import write
from beyond_borders.grading.outcome import Result, outcome


@dataclass
class Report:
    rows: list[dict]  # the whole gradebook as written
    results: list[Result]  # what this run graded
    kept: list[dict]  # earlier rows kept for unchanged submissions
    seconds: float
    warnings: list[str]
    found: int = 0  # files found in SUBMISSIONS
    interrupted: bool = False


def grade(paths, out="gradebook.csv", feedback_dir="feedback", jobs: int = 2,
          limits: runner.Limits = runner.Limits(), force: bool = False, echo=print,
          sandbox: bool = True, roster=None) -> Report:
    """Grade ``paths`` into ``out`` and ``feedback_dir``: plan, run, write (module docstring).

    Raises ``gradebook.GradebookError`` if ``out`` exists but is not a gradebook, and
    ``sandbox.SandboxUnavailable`` if ``sandbox`` is on and bubblewrap cannot run here.
    ``roster``: a ``roster.Roster`` (the class list) or None.
    """
    t0 = time.perf_counter()
    out, feedback_dir = Path(out), Path(feedback_dir)
    snap = banks.snapshot()  # before any submission runs
    for w in snap.warnings:
        echo(f"warning: {w}")
    planned = plan.make(paths, out, feedback_dir, set(snap.banks), force, roster,
                        exclude=[roster.path] if roster is not None else [])
    if sandbox:
        sandboxing.check_tools()
    with contextlib.ExitStack() as stack:
        # Opened once per run (one package copy, one trial kernel) and only when a notebook
        # will run: a re-run over unchanged files costs no sandbox at all.
        box = stack.enter_context(sandboxing.open_sandbox()) if sandbox and planned.runnable \
            else None
        if not sandbox:
            echo(f"warning: {write.UNSANDBOXED}")
        return _grade(planned, snap, out, feedback_dir, jobs, limits, echo, box, t0, roster,
                      sandboxed=sandbox)


def _grade(planned: plan.Plan, snap: banks.Snapshot, out: Path, feedback_dir: Path, jobs: int,
           limits: runner.Limits, echo, box, t0: float, roster=None,
           sandboxed: bool = True) -> Report:
    book = write.Book(out, feedback_dir, snap, planned, echo, sandboxed=sandboxed,
                      roster=roster)
    book.start(jobs)
    execute = functools.partial(runner.execute, sandbox=box)
    with run.Pool(jobs, limits, echo, execute) as pool:
        for sub in planned.unrunnable:
            book.record(outcome(sub, None, snap.banks, limits))
        for sub, ran in pool.results(planned.runnable):
            book.record(outcome(sub, ran, snap.banks, limits))
    rows = book.finish()
    return Report(rows, book.results, planned.kept, time.perf_counter() - t0, book.warnings,
                  len(planned.subs), pool.interrupted)
