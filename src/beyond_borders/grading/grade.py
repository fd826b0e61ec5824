"""The instructor's grader: run each submission in a fresh kernel, mark its answers outside it.

    beyond-borders grade SUBMISSIONS... --out gradebook.csv --feedback feedback/ --jobs 2
                   [--cell-timeout 30] [--notebook-timeout 300] [--max-output-bytes N] [--force]

SUBMISSIONS are notebooks or folders (searched recursively). Whose notebook it is comes from
the file name ``<student>__02_the_january_2024_strikes.ipynb`` (two underscores), else from a
folder per student ``<folder>/<student>/02_....ipynb``, else from the notebook metadata
``beyond_borders.student``. The lesson comes from the metadata ``beyond_borders.lesson``,
else from the file name's ``NN_`` prefix (noted in ``problems``). See ``submissions``.

How a grade is made, and why it cannot be faked from inside the notebook:

1. The grader loads the sealed question banks into memory *before* any submission runs.
2. Each notebook runs in a fresh kernel (``runner``): cell and notebook time limits, capped
   output, errors do not stop the run.
3. An appended cell writes the ``answer_<lesson>_<n>`` variables, as plain data only, to a
   file at a random path (``collect``).
4. The grader reads that file and marks every answer with ``marking.mark`` against its own
   copy of the bank. Outputs are never read, so printing "Correct", redefining ``check`` or
   editing the question bank inside the kernel changes nothing; a bank file changed on disk
   during grading is put back and reported.

Outputs: the gradebook CSV (``gradebook``; written atomically after every submission, so an
interrupted run loses nothing), one Markdown feedback file per student and lesson
(``feedback``), a line per submission and a summary table. A re-run skips a notebook whose
sha256, student and lesson match an earlier row and keeps that row; ``--force`` regrades.

Statuses (the first that applies; every problem is listed in ``problems``):

=================  ===============================================================  ======
status             meaning                                                          total
=================  ===============================================================  ======
unreadable         the file could not be read (missing, not a regular file)         empty
not_a_notebook     not an .ipynb file                                               empty
invalid_notebook   not JSON, not UTF-8, not a notebook, or over 50 MB                empty
unknown_lesson     no lesson in metadata or name, or no question bank for it        empty
grader_error       the kernel would not start or the grader failed (always retried)  empty
kernel_died        the kernel died (e.g. ``os._exit``, out of memory)                empty
timeout            killed: it ignored interrupts past the notebook limit             empty
collection_failed  the answers could not be collected after the run                 empty
unknown_student    graded, but no student name was found                            yes
timeout            graded; a cell was interrupted or the notebook limit was reached  yes
errors_in_cells    graded; some cells raised errors                                 yes
output_capped      graded; some output was over --max-output-bytes and was cut      yes
ok                 graded; ran cleanly                                               yes
duplicate          one of several notebooks for one student and lesson, each         either
                   graded; ``problems`` ends with "Graded as <status>"
=================  ===============================================================  ======
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import copy
import os
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from beyond_borders.checks import bank as qbank
from beyond_borders.grading import collect
from beyond_borders.grading import feedback
from beyond_borders.grading import gradebook
from beyond_borders.grading import runner
from beyond_borders.grading import submissions
from beyond_borders.checks.marking import Mark, mark

UNGRADED = ("unreadable", "not_a_notebook", "invalid_notebook", "unknown_lesson", "grader_error",
            "kernel_died", "collection_failed")
STATUSES = UNGRADED + ("timeout", "unknown_student", "errors_in_cells", "output_capped", "ok",
                       "duplicate")


@dataclass
class Result:
    """One graded (or ungradable) submission, before it becomes a gradebook row."""

    sub: submissions.Submission
    status: str
    problems: list[str] = field(default_factory=list)
    marks: list[tuple[dict, Mark]] | None = None
    seconds: float = 0.0


def _clean(text: str) -> str:
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
    for n, ename, evalue in shown:
        out.append(f"cell {n}{src(n)} raised {ename}" + (f": {evalue}" if evalue else ""))
    if len(run.errors) > len(shown):
        out.append(f"errors in {len(run.errors) - len(shown)} more cells")
    for n, size in run.capped:
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
        out.append(f"the grader failed: {run.grader_error} (re-run to retry)")
    return [_clean(p) for p in out]


def mark_answers(bank: dict, answers: dict[str, object]) -> tuple[list[tuple[dict, Mark]], list[str]]:
    """Mark every question of ``bank`` from ``{variable name: value}`` (pure; never raises)."""
    by_qid, notes = collect.by_question(answers)
    marks, missing = [], []
    for q in bank["questions"]:
        qid, points = q["id"], float(q.get("points", 1))
        var = "answer_" + qid.replace(".", "_")
        if qid not in by_qid:
            missing.append(qid)
            m = Mark(qid, "unanswered", 0.0, points,
                     f"No answer found: after running, the notebook has no variable {var} (was its "
                     "cell deleted or renamed, or did an error stop the notebook before it?).")
        elif isinstance(by_qid[qid], collect.Unreadable):
            u = by_qid[qid]
            what = "is too large to read" if u.reason == "too large" else \
                f"is a value of type {u.type_name}, which the grader cannot read"
            m = Mark(qid, "invalid", 0.0, points,
                     f"This answer {what}. Use text in quotes, a number, a list or a date, as the "
                     "question shows.")
        else:
            m = mark(bank, q, by_qid[qid])
        marks.append((q, m))
    if missing:
        notes.append(f"no variable for {', '.join(missing)}")
    lesson = int(bank["lesson"])
    extra = sorted((qid for qid in by_qid if qid.split(".")[0] == str(lesson)
                    and qid not in bank["by_id"]), key=gradebook.qid_key)
    if extra:
        notes.append(f"{', '.join('answer_' + q.replace('.', '_') for q in extra)}: no such "
                     f"question in lesson {bank['lesson']} (ignored)")
    return marks, [_clean(n) for n in notes]


def outcome(sub: submissions.Submission, run: runner.Run | None, banks: dict,
            limits: runner.Limits) -> Result:
    """The status, problems and marks of one submission (pure given the run)."""
    problems = [_clean(p) for p in sub.problems]
    if sub.status or run is None:
        return Result(sub, sub.status or "grader_error", problems)
    problems += describe_run(run, limits)
    if run.grader_error:
        return Result(sub, "grader_error", problems, seconds=run.seconds)
    if run.died_at:
        return Result(sub, "kernel_died", problems, seconds=run.seconds)
    if run.hard_timeout:
        return Result(sub, "timeout", problems, seconds=run.seconds)
    answers, why = collect.decode(run.answers_text) if run.answers_text is not None else ({}, "")
    if why or run.collect_error or run.answers_text is None:
        if why:
            problems.append(_clean(f"answers could not be collected: {why}"))
        return Result(sub, "collection_failed", problems, seconds=run.seconds)
    marks, notes = mark_answers(banks[sub.lesson], answers)
    problems += notes
    if not sub.student:
        status = "unknown_student"
    elif run.timed_out or run.notebook_limit_at or run.skipped:
        status = "timeout"
    elif run.errors:
        status = "errors_in_cells"
    elif run.capped:
        status = "output_capped"
    else:
        status = "ok"
    return Result(sub, status, problems, marks, run.seconds)


def to_row(result: Result, banks: dict) -> dict:
    sub = result.sub
    row = {"student": sub.student, "lesson": sub.lesson, "file": sub.file,
           "status": result.status, "problems": gradebook.SEP.join(result.problems), "sha256": sub.sha256,
           "total": "", "max": ""}
    bank = banks.get(sub.lesson)
    if bank is not None:
        row["max"] = f"{sum(float(q.get('points', 1)) for q in bank['questions']):g}"
    if result.marks is not None:
        for q, m in result.marks:
            row[q["id"]] = f"{m.earned:g}" if m.points else m.status
        row["total"] = f"{round(sum(m.earned for _, m in result.marks), 2):g}"
    return row


def snapshot_banks() -> tuple[dict[str, dict], dict[Path, bytes], list[str]]:
    """Every lesson's bank, copied into memory before any submission runs, and the files' bytes."""
    banks, files, warnings = {}, {}, []
    for lesson in qbank.lessons():
        path = Path(qbank.QUESTION_DIR) / f"{lesson}.json"
        try:
            files[path] = path.read_bytes()
            qbank.load_lesson.cache_clear()
            banks[lesson] = copy.deepcopy(qbank.load_lesson(lesson))
        except (OSError, ValueError, KeyError) as exc:
            warnings.append(f"question bank {path.name} cannot be read ({exc}); lesson {lesson} "
                            "is treated as unknown")
    return banks, files, warnings


def restore_banks(files: dict[Path, bytes]) -> list[str]:
    """Put back any bank file a submission changed on disk; say which."""
    changed = []
    for path, data in files.items():
        try:
            same = path.read_bytes() == data
        except OSError:
            same = False
        if not same:
            path.write_bytes(data)
            qbank.load_lesson.cache_clear()
            changed.append(path.name)
    return changed


@dataclass
class Report:
    rows: list[dict]  # the whole gradebook as written
    results: list[Result]  # what this run graded
    kept: list[dict]  # earlier rows kept for unchanged submissions
    seconds: float
    warnings: list[str]
    found: int = 0  # files found in SUBMISSIONS
    interrupted: bool = False


def _inside(file: str, folders: list[Path]) -> bool:
    p = Path(os.path.abspath(file))
    return any(p.is_relative_to(f) for f in folders)


class _Feedback:
    """Writes one feedback file per student and lesson, from new results or gradebook rows."""

    def __init__(self, folder: Path, banks: dict):
        self.folder, self.banks = Path(folder), banks
        self.details: dict[str, Result] = {}

    def write_for(self, rows: list[dict], row: dict) -> Path:
        """(Re)write the file of ``row``'s student and lesson, with all their notebooks."""
        student, lesson = row["student"], row["lesson"]
        group = [r for r in rows if r["student"] == student and r["lesson"] == lesson] \
            if student else [row]  # an unidentified student: one file per submitted file
        entries = []
        for r in group:
            res = self.details.get(r["file"])
            status, problems = gradebook.base_of(r)
            entries.append({"row": r, "status": status,
                            "problems": res.problems if res else [p for p in problems.split(gradebook.SEP) if p],
                            "marks": res.marks if res else None})
        path = self.folder / feedback.filename(student, lesson, row["file"])
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(feedback.render(student, lesson, self.banks.get(lesson), entries),
                       encoding="utf-8")
        os.replace(tmp, path)
        return path


def _line(i: int, n: int, row: dict, status: str, note: str = "", seconds: float = 0.0) -> str:
    score = f"{row['total']}/{row['max']}" if row.get("total") else "—"
    took = f"{seconds:5.1f} s" if seconds else " " * 7
    text = f"[{i:>{len(str(n))}}/{n}] {status:<17} {score:>9} {took}  {row['student'] or '?':<14} " \
           f"{row['lesson'] or '--':<3} {row['file']}"
    if note:
        text += f"  — {note[:160]}"
    return text


def grade(paths, out="gradebook.csv", feedback_dir="feedback", jobs: int = 2,
          limits: runner.Limits = runner.Limits(), force: bool = False, echo=print) -> Report:
    """Grade ``paths`` into ``out`` and ``feedback_dir``; see the module docstring."""
    t0 = time.perf_counter()
    out, feedback_dir = Path(out), Path(feedback_dir)
    banks, bank_files, warnings = snapshot_banks()
    for w in warnings:
        echo(f"warning: {w}")
    earlier, header = gradebook.read(out)
    found = submissions.find(paths, exclude=[out, feedback_dir])
    subs = [submissions.read(path, folders, set(banks)) for path, folders in found]

    rows: dict[str, dict] = {r["file"]: r for r in gradebook.finalise(earlier)}
    before = {f: r["status"] for f, r in rows.items()}
    folders = [Path(os.path.abspath(p)) for p in paths if Path(p).is_dir()]
    seen_files = {s.file for s in subs}
    for f in [f for f in rows if f not in seen_files and _inside(f, folders) and not Path(f).exists()]:
        echo(f"removed row for {f}: the file is no longer in the folder")
        del rows[f]

    # Unchanged submissions keep their row (matched by path, or by content if it moved).
    kept, todo, used = [], [], set()
    by_identity = defaultdict(list)
    for r in rows.values():
        by_identity[(r["sha256"], r["student"], r["lesson"])].append(r)
    for sub in subs:
        match = None
        if not force and sub.sha256:
            r = rows.get(sub.file)
            if r and r["sha256"] == sub.sha256 and gradebook.base_of(r)[0] != "grader_error":
                match = r
            else:
                match = next((r for r in by_identity[(sub.sha256, sub.student, sub.lesson)]
                              if r["file"] not in used and r["file"] not in seen_files
                              and not Path(r["file"]).exists()  # moved, not copied
                              and gradebook.base_of(r)[0] != "grader_error"), None)
                if match:
                    del rows[match["file"]]
                    match["file"] = sub.file
                    rows[sub.file] = match
        if match:
            used.add(match["file"])
            kept.append(match)
        else:
            todo.append(sub)

    n = len(subs)
    echo(f"grading {len(todo)} of {n} submissions ({len(kept)} unchanged) with {jobs} kernel"
         f"{'s' if jobs != 1 else ''} at a time")
    fb = _Feedback(feedback_dir, banks)
    results: list[Result] = []
    extra = [c for c in header if c not in gradebook.HEAD + gradebook.TAIL
             and not gradebook.QID.match(c)]
    counter = {"i": 0}

    def save() -> list[dict]:
        final = gradebook.finalise(rows.values())
        lessons = {r["lesson"] for r in final}
        qids = [q["id"] for lesson in sorted(lessons & set(banks)) for q in banks[lesson]["questions"]]
        gradebook.write(out, final, gradebook.columns(final, qids, extra))
        return final

    def record(result: Result) -> None:
        counter["i"] += 1
        row = to_row(result, banks)
        rows[row["file"]] = row
        results.append(result)
        fb.details[row["file"]] = result
        changed = restore_banks(bank_files)
        if changed:
            msg = (f"question bank {', '.join(changed)} was changed on disk while "
                   f"{row['file']} (or a notebook running beside it) ran; the grader put it back "
                   "and graded with the copy loaded before any submission ran")
            warnings.append(msg)
            echo(f"WARNING: {msg}")
        final = save()
        fb.write_for(final, next(r for r in final if r["file"] == row["file"]))
        note = gradebook.SEP.join(result.problems)
        echo(_line(counter["i"], n, row, result.status, note, result.seconds))

    for row in kept:
        counter["i"] += 1
        echo(_line(counter["i"], n, row, "unchanged", "kept from the gradebook"))
    for sub in todo:
        if sub.status:
            record(outcome(sub, None, banks, limits))
    runnable = [s for s in todo if not s.status]
    stop = threading.Event()
    interrupted = False
    pool = cf.ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="bb-grade")
    try:
        futures = {pool.submit(_execute, s.notebook, limits, stop): s for s in runnable}
        for fut in cf.as_completed(futures):
            try:
                run = fut.result()
            except Exception as exc:  # a bug in the grader must not lose the other results
                run = runner.Run(grader_error=f"{type(exc).__name__}: {exc}"[:300])
            if not run.stopped:
                record(outcome(futures[fut], run, banks, limits))
    except KeyboardInterrupt:
        interrupted = True
        stop.set()
        echo("interrupted: stopping the running kernels; graded notebooks are saved")
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

    final = save()
    # Feedback for groups whose status changed (a duplicate appeared or went) or is missing.
    for row in final:
        path = feedback_dir / feedback.filename(row["student"], row["lesson"], row["file"])
        if row["file"] in fb.details:
            continue
        if before.get(row["file"]) != row["status"] or not path.exists():
            fb.write_for(final, row)
    changed = restore_banks(bank_files)
    if changed:
        warnings.append(f"question bank {', '.join(changed)} was changed on disk; put back")
    return Report(final, results, kept, time.perf_counter() - t0, warnings, n, interrupted)


def _execute(nb, limits, stop):
    if stop.is_set():
        return runner.Run(stopped=True)
    return runner.execute(nb, limits, stop)


def summary(report: Report, out, feedback_dir) -> str:
    """The table printed at the end: statuses and, per lesson, how the marks came out."""
    files = {r.sub.file for r in report.results} | {r["file"] for r in report.kept}
    mine = [r for r in report.rows if r["file"] in files]
    ran = sum(1 for r in report.results if r.seconds)
    lines = ["", f"{len(report.results)} checked ({ran} run in a kernel), {len(report.kept)} "
                 f"unchanged, in {report.seconds:.1f} s", "", f"{'status':<18}{'count':>6}"]
    counts = Counter(r["status"] for r in mine)
    for status in STATUSES:
        if counts.get(status):
            lines.append(f"{status:<18}{counts[status]:>6}")
    lines.append(f"{'all':<18}{len(mine):>6}")
    by_lesson = defaultdict(list)
    for r in mine:
        by_lesson[r["lesson"] or "--"].append(r)
    lines += ["", f"{'lesson':<8}{'files':>6}{'marked':>8}{'mean':>8}{'of':>6}"]
    for lesson in sorted(by_lesson):
        group = by_lesson[lesson]
        totals = [float(r["total"]) for r in group if r.get("total")]
        mean = f"{sum(totals) / len(totals):.1f}" if totals else "—"
        lines.append(f"{lesson:<8}{len(group):>6}{len(totals):>8}{mean:>8}"
                     f"{next((r['max'] for r in group if r.get('max')), '—'):>6}")
    lines += ["", f"gradebook: {out}", f"feedback:  {feedback_dir}/"]
    for w in report.warnings:
        lines.append(f"WARNING: {w}")
    if report.interrupted:
        lines.append("interrupted: re-run the same command to grade the rest")
    return "\n".join(lines)


EPILOG = """\
naming (whose notebook; the first that applies):
  <student>__02_the_january_2024_strikes.ipynb   student name, two underscores, lesson file
  <folder>/<student>/02_....ipynb                one folder per student in a folder given
  notebook metadata beyond_borders.student       set by the student or the LMS export
the lesson comes from the notebook metadata beyond_borders.lesson (exercise notebooks carry
it), else from the NN_ prefix of the file name.

statuses: ok, errors_in_cells, output_capped, timeout, unknown_student, collection_failed,
kernel_died, grader_error, unknown_lesson, invalid_notebook, not_a_notebook, unreadable,
duplicate (see problems for details; duplicates end with "Graded as <status>").

Answers are marked in the grader with the package's question bank, never in the notebook.
Re-running skips unchanged notebooks (same sha256) and keeps their rows. Submissions run
with your user's rights: this is not a sandbox.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Run each submitted notebook in a fresh kernel, mark its answer_*\n"
                          "variables outside it, write a gradebook CSV and Markdown feedback.")
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("submissions", nargs="+", metavar="SUBMISSIONS",
                        help="notebooks or folders of submissions (searched recursively)")
    parser.add_argument("--out", default="gradebook.csv", help="gradebook CSV (default: %(default)s)")
    parser.add_argument("--feedback", default="feedback", metavar="FOLDER",
                        help="folder for one Markdown file per student and lesson (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="kernels running at once (default: %(default)s)")
    parser.add_argument("--cell-timeout", type=float, default=30,
                        help="seconds before a cell is interrupted (default: %(default)s)")
    parser.add_argument("--notebook-timeout", type=float, default=300,
                        help="seconds for the whole notebook, from kernel start (default: %(default)s)")
    parser.add_argument("--max-output-bytes", type=int, default=1_000_000, metavar="N",
                        help="output kept per cell; more is cut (default: %(default)s)")
    parser.add_argument("--force", action="store_true",
                        help="regrade every notebook, even unchanged ones")


def run_cli(args) -> int:
    if args.jobs < 1 or args.cell_timeout <= 0 or args.notebook_timeout <= 0 or args.max_output_bytes < 0:
        print("--jobs, --cell-timeout and --notebook-timeout must be positive", file=sys.stderr)
        return 2
    limits = runner.Limits(cell_timeout=args.cell_timeout, notebook_timeout=args.notebook_timeout,
                           max_output_bytes=args.max_output_bytes)
    try:
        report = grade(args.submissions, args.out, args.feedback, args.jobs, limits, args.force)
    except gradebook.GradebookError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(summary(report, args.out, args.feedback))
    if not report.found:
        print("no submissions found", file=sys.stderr)
        return 1
    return 130 if report.interrupted else 0
