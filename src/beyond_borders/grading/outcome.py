"""What one submission earned: its status, the problems in words, and the marks (pure).

Everything here turns data into data: a :class:`runner.Run` and the bank loaded before any
submission ran go in, a :class:`Result` and then a gradebook row come out. Nothing runs a
kernel or touches a file, so every rule about statuses can be tested without a kernel.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from beyond_borders.checks.marking import Mark, mark
from beyond_borders.grading import collect
from beyond_borders.grading import gradebook
from beyond_borders.grading import runner
from beyond_borders.grading import submissions

UNGRADED = ("unreadable", "not_a_regular_file", "not_a_notebook", "invalid_notebook",
            "unknown_student", "unknown_lesson", "grader_error",
            "kernel_died", "collection_failed", "missing")
STATUSES = UNGRADED + ("timeout", "errors_in_cells", "output_capped", "ok", "duplicate")


@dataclass
class Result:
    """One graded (or ungradable) submission, before it becomes a gradebook row."""

    sub: submissions.Submission
    status: str
    problems: list[str] = field(default_factory=list)
    marks: list[tuple[dict, Mark]] | None = None
    seconds: float = 0.0
    details: list[str] = field(default_factory=list)  # for the instructor-only log, never feedback
    answers: dict = field(default_factory=dict)  # question id -> collected value (for ``manual``)


def clean(text: str) -> str:
    """One line, without the separator between problems in the gradebook."""
    return " ".join(str(text).split()).replace(gradebook.SEP, " / ")


def _cells(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"cell {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"cells {numbers[0]}–{numbers[-1]}"
    return "cells " + ", ".join(map(str, numbers))


def describe_run(run: runner.Run, limits: runner.Limits) -> list[str]:
    """Human sentences for what went wrong while a notebook ran (pure)."""
    src = lambda n: f" (`{run.sources[n]}`)" if run.sources.get(n) else ""  # noqa: E731
    out = []
    for n, seconds in run.timed_out:
        out.append(f"cell {n}{src(n)} ran over the {seconds:g} s cell limit and was interrupted")
    if run.notebook_limit_at:
        out.append(f"the notebook reached its {limits.notebook_timeout:g} s limit in cell "
                   f"{run.notebook_limit_at}{src(run.notebook_limit_at)}")
    if run.skipped:
        out.append(f"{_cells(run.skipped)} not run: no time left")
    shown = run.errors[:3]
    for n, ename, _ in shown:  # the message is the submission's text: the log keeps it
        out.append(f"cell {n}{src(n)} raised {_name(ename)}")
    if len(run.errors) > len(shown):
        out.append(f"errors in {len(run.errors) - len(shown)} more cells")
    for n, size in run.capped:
        if size < 0:
            out.append(f"cell {n}{src(n)} sent more output at once than the grader accepts; "
                       "it was dropped")
            continue
        out.append(f"cell {n}{src(n)} printed {size / 1e6:.1f} MB, output cut at "
                   f"{limits.max_output_bytes:,} bytes")
    if run.died_at:
        out.append(f"the kernel died in cell {run.died_at}{src(run.died_at)}, so no answers "
                   "could be collected")
    if run.hard_timeout:
        out.append(f"still running {limits.notebook_timeout:g} s after it started and it would "
                   "not stop when interrupted: the kernel was killed and no answers could be "
                   "collected")
    if run.collect_error:
        out.append(f"answers could not be collected: {run.collect_error}")
    if run.grader_error:
        out.append("the grader failed on this notebook (details in the grader's log; re-run "
                   "to retry)")
    return [clean(p) for p in out]


def _name(ename: str) -> str:
    """An exception's class name as a learner may see it: a Python identifier, or "an error"."""
    name = str(ename).rsplit(".", 1)[-1][:60]
    return name if name.isidentifier() else "an error"


def run_details(run: runner.Run) -> list[str]:
    """What the instructor-only log keeps about a run: messages a learner must not be shown."""
    out = [f"cell {n}: {ename}: {evalue}" for n, ename, evalue in run.errors]
    out += [f"{what}: {text}" for what, text in (("collecting answers", run.collect_detail),
                                                  ("grader error", run.grader_error)) if text]
    return out


_MISSING = object()  # no variable for the question


def _mark_one(bank: dict, q: dict, value) -> Mark:
    """The mark for one question; no variable, or a value the collector could not read, is 0."""
    qid, points = q["id"], float(q.get("points", 1))
    if value is _MISSING:
        var = "answer_" + qid.replace(".", "_")
        return Mark(qid, "unanswered", 0.0, points,
                    f"No answer found: after running, the notebook has no variable {var} (was its "
                    "cell deleted or renamed, or did an error stop the notebook before it?).")
    if isinstance(value, collect.Unreadable):
        what = "is too large to read" if value.reason == "too large" else \
            f"is a value of type {value.type_name}, which the grader cannot read"
        return Mark(qid, "invalid", 0.0, points,
                    f"This answer {what}. Use text in quotes, a number, a list, a tuple, a "
                    "dictionary or a date, as the "
                    "question shows.")
    return mark(bank, q, value)



def mark_answers(bank: dict, answers: dict[str, object]) -> tuple[list[tuple[dict, Mark]], list[str]]:
    """Mark every question of ``bank`` from ``{variable name: value}`` (pure; never raises)."""
    by_qid, notes = collect.by_question(answers)
    marks = [(q, _mark_one(bank, q, by_qid.get(q["id"], _MISSING))) for q in bank["questions"]]
    missing = [q["id"] for q in bank["questions"] if q["id"] not in by_qid]
    if missing:
        notes.append(f"no variable for {', '.join(missing)}")
    lesson = int(bank["lesson"])
    extra = sorted((qid for qid in by_qid if qid.split(".")[0] == str(lesson)
                    and qid not in bank["by_id"]), key=gradebook.qid_key)
    if extra:
        notes.append(f"{', '.join('answer_' + q.replace('.', '_') for q in extra)}: no such "
                     f"question in lesson {bank['lesson']} (ignored)")
    return marks, [clean(n) for n in notes]


def _graded_status(sub: submissions.Submission, run: runner.Run) -> str:
    if run.timed_out or run.notebook_limit_at or run.skipped:
        return "timeout"
    if run.errors:
        return "errors_in_cells"
    return "output_capped" if run.capped else "ok"


def _outcome(sub: submissions.Submission, run: runner.Run | None, banks: dict,
             limits: runner.Limits) -> Result:
    problems = [clean(p) for p in sub.problems]
    if sub.status or run is None:
        return Result(sub, sub.status or "grader_error", problems)
    problems += describe_run(run, limits)
    details = run_details(run)
    for failed, status in ((run.grader_error, "grader_error"), (run.died_at, "kernel_died"),
                           (run.hard_timeout, "timeout")):
        if failed:
            return Result(sub, status, problems, seconds=run.seconds, details=details)
    answers, why = collect.decode(run.answers_text) if run.answers_text is not None else ({}, "")
    if why or run.collect_error or run.answers_text is None:
        if why:
            problems.append(clean(f"answers could not be collected: {why}"))
        return Result(sub, "collection_failed", problems, seconds=run.seconds, details=details)
    marks, notes = mark_answers(banks[sub.lesson], answers)
    return Result(sub, _graded_status(sub, run), problems + notes, marks, run.seconds, details,
                  collect.by_question(answers)[0])


def outcome(sub: submissions.Submission, run: runner.Run | None, banks: dict,
            limits: runner.Limits) -> Result:
    """The status, problems and marks of one submission (pure given the run; never raises).

    ``run`` is None for a submission that was not run (its ``status`` says why). A bug in
    marking costs this submission a ``grader_error`` row, never the rest of the class.
    """
    try:
        return _outcome(sub, run, banks, limits)
    except Exception as exc:
        problems = [clean(p) for p in sub.problems]
        problems.append("the grader failed while marking (details in the grader's log; re-run "
                        "to retry)")
        return Result(sub, "grader_error", problems, seconds=run.seconds if run else 0.0,
                      details=[f"marking failed: {type(exc).__name__}: {str(exc)[:500]}"])


def to_row(result: Result, banks: dict) -> dict:
    """The gradebook row of one result (question cells hold points, or a status for 0-point ones)."""
    sub = result.sub
    row = {"student": sub.student, "lesson": sub.lesson, "file": sub.file,
           "status": result.status, "problems": gradebook.SEP.join(result.problems),
           "sha256": sub.sha256, "total": "", "max": ""}
    bank = banks.get(sub.lesson)
    if bank is not None:
        row["max"] = f"{sum(float(q.get('points', 1)) for q in bank['questions']):g}"
    if result.marks is not None:
        for q, m in result.marks:
            row[q["id"]] = f"{m.earned:g}" if m.points else m.status
        row["total"] = f"{round(sum(m.earned for _, m in result.marks), 2):g}"
    return row
