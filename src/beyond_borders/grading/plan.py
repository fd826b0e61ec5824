"""What a grading run will do, decided before any kernel starts: the :class:`Plan`.

:func:`make` finds and reads the submitted files and the gradebook of an earlier run, then
:func:`match` decides, for each file, whether its earlier row still holds. A re-run keeps the
row, if the grader's private record confirms it (``state``), of a notebook whose sha256, student and lesson are unchanged (found by path, or by content
if the file was moved, not copied); ``force`` regrades everything. A row whose file is gone
from a folder that was given again is dropped. A ``grader_error`` row is never kept.

Reading is guarded file by file: whatever one file does to the reader, it becomes a
``grader_error`` row and the rest of the class is still planned.
"""
from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from beyond_borders.grading import gradebook
from beyond_borders.grading import state
from beyond_borders.grading import submissions
from beyond_borders.grading.submissions import Submission


@dataclass
class Plan:
    """What to run, what to keep and what to report, as plain data."""

    subs: list[Submission]  # every file found, read, in the order found
    todo: list[Submission] = field(default_factory=list)  # to grade in this run
    kept: list[dict] = field(default_factory=list)  # earlier rows kept (a moved file's renamed)
    rows: dict[str, dict] = field(default_factory=dict)  # the gradebook to start from, by file
    removed: list[str] = field(default_factory=list)  # rows dropped: their file is gone
    before: dict[str, str] = field(default_factory=dict)  # each earlier row's status, by file
    extra: list[str] = field(default_factory=list)  # columns an instructor added by hand

    @property
    def unrunnable(self) -> list[Submission]:
        """To record without a kernel: the file cannot run (its ``status`` says why)."""
        return [s for s in self.todo if s.status]

    @property
    def runnable(self) -> list[Submission]:
        return [s for s in self.todo if not s.status]


def read_safely(path: Path, folders: tuple[str, ...], lessons, roster=None) -> Submission:
    """:func:`submissions.read`, but a failure of the reader is this file's row, not a crash."""
    try:
        return submissions.read(path, folders, lessons, roster)
    except Exception as exc:  # a grader bug, or a file that defeats the reader in a new way
        student, lesson, _ = submissions.identify(path.name, folders, {}, roster)
        why = f"the grader failed while reading this file ({type(exc).__name__})"
        return Submission(path=path, file=submissions.shown_path(path), student=student,
                          lesson=lesson, status="grader_error",
                          problems=[why + " (re-run to retry)"])


def make(paths, out: Path, feedback_dir: Path, lessons, force: bool = False,
         roster=None, exclude=()) -> Plan:
    """Read the gradebook at ``out`` and every file under ``paths`` (not the grader's own
    output) and match them. ``lessons``: the lessons that have a question bank; ``roster``:
    the class list names the students (``roster.Roster``), or None."""
    earlier, header = gradebook.read(out)
    found = submissions.find(paths, exclude=[out, feedback_dir, state.state_path(out),
                                             state.log_path(out), *exclude])
    subs = [read_safely(path, folders, lessons, roster) for path, folders in found]
    given = [Path(os.path.abspath(p)) for p in paths if Path(p).is_dir()]
    extra = [c for c in header if c not in gradebook.HEAD + gradebook.TAIL
             and not gradebook.QID.match(c)]
    return match(subs, earlier, given, force, extra, trusted=state.confirmed(out, earlier))


def _inside(file: str, folders: list[Path]) -> bool:
    p = Path(os.path.abspath(file))
    return any(p.is_relative_to(f) for f in folders)


def _reusable(row: dict | None, sub: Submission, trusted) -> bool:
    return bool(row) and row["sha256"] == sub.sha256 and row["student"] == sub.student \
        and row["lesson"] == sub.lesson and gradebook.base_of(row)[0] != "grader_error" \
        and (trusted is None or row["file"] in trusted)


def _moved_from(sub: Submission, candidates: list[dict], seen: set[str], trusted) -> dict | None:
    """An earlier row of the same content, student and lesson whose file has gone (a move)."""
    return next((r for r in candidates if r["file"] not in seen and not Path(r["file"]).exists()
                 and gradebook.base_of(r)[0] != "grader_error"
                 and (trusted is None or r["file"] in trusted)), None)


def match(subs: list[Submission], earlier: list[dict], folders=(), force: bool = False,
          extra=(), trusted: set[str] | None = None) -> Plan:
    """Decide, for each read submission, whether to grade it or keep its earlier row.

    ``folders``: the folders given to the grader (absolute); an earlier row for a file under
    one of them that no longer exists is removed. ``trusted``: the files whose earlier row the
    grader's record confirms (``state.confirmed``); None trusts every row.
    """
    plan = Plan(subs, extra=list(extra))
    plan.rows = {r["file"]: r for r in gradebook.finalise(earlier)
                 if r.get("status") != gradebook.MISSING}  # made afresh from the roster
    plan.before = {f: r["status"] for f, r in plan.rows.items()}
    seen = {s.file for s in subs}
    plan.removed = [f for f in plan.rows
                    if f not in seen and _inside(f, list(folders)) and not Path(f).exists()]
    for f in plan.removed:
        del plan.rows[f]
    by_identity = defaultdict(list)
    for r in plan.rows.values():
        by_identity[(r["sha256"], r["student"], r["lesson"])].append(r)
    for sub in subs:
        row = None
        if not force and sub.sha256:
            row = plan.rows.get(sub.file)
            if not _reusable(row, sub, trusted):
                row = _moved_from(sub, by_identity[(sub.sha256, sub.student, sub.lesson)], seen,
                                  trusted)
                if row:
                    del plan.rows[row["file"]]
                    row["file"] = sub.file
                    plan.rows[sub.file] = row
        if row:
            plan.kept.append(row)
        else:
            plan.todo.append(sub)
    return plan
