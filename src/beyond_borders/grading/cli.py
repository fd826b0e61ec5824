"""``beyond-borders grade``: its arguments, the call to :func:`grade.grade`, the summary printed.

``cli.py`` at the package root only dispatches: it calls :func:`add_arguments` on the
``grade`` subparser and :func:`run_cli` with the parsed arguments.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter, defaultdict

from beyond_borders.grading import gradebook
from beyond_borders.grading import manual
from beyond_borders.grading import roster as roster_mod
from beyond_borders.grading import runner
from beyond_borders.grading.sandbox import SandboxUnavailable
from beyond_borders.grading.grade import Report, grade
from beyond_borders.grading.outcome import STATUSES
from beyond_borders.wording import plural


def summary(report: Report, out, feedback_dir) -> str:
    """The table printed at the end: statuses and, per lesson, how the marks came out."""
    files = {r.sub.file for r in report.results} | {r["file"] for r in report.kept}
    mine = [r for r in report.rows if r["file"] in files or r["status"] == "missing"]
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
        files = sum(1 for r in group if r["file"])  # a missing row has none
        lines.append(f"{lesson:<8}{files:>6}{len(totals):>8}{mean:>8}"
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
  khansara[_late]_12345_67890_02_....ipynb       a Canvas bulk download (lastfirst, user id)
  Sara Khan_12345_assignsubmission_file_/02_...  a Moodle download (folder or file prefix)
  <folder>/<student>/02_....ipynb                one folder per student in a folder given
with --roster the name must match one learner (student_id, login, e-mail, name, canvas_id);
a notebook nobody can be matched to is unknown_student: reported, never graded.
(the notebook's own metadata never decides who it is; a disagreement is noted in problems)
the lesson comes from the notebook metadata beyond_borders.lesson (exercise notebooks carry
it), else from the NN_ prefix of the file name.

statuses: ok, errors_in_cells, output_capped, timeout, unknown_student, collection_failed,
kernel_died, grader_error, unknown_lesson, invalid_notebook, not_a_notebook, missing,
not_a_regular_file (a link or folder: never followed), unreadable, duplicate (see problems for details; duplicates end with "Graded as <status>").

Answers are marked in the grader with the package's question bank, never in the notebook.
Re-running skips unchanged notebooks (same sha256) whose rows the grader's private record
(.<gradebook>-state.json) confirms. Each kernel runs in a bubblewrap sandbox: no network, no
view of your files or the other kernels, no answers in its copy of the package, limits on
memory, processes, files and CPU. Without bubblewrap, grade refuses; --no-sandbox runs
submissions with your user's rights (recorded in every row). Exception messages and grader
failures go to the instructor-only log .<gradebook>-details.log, never to feedback.

reflections: every run writes <gradebook>-reflections.csv (student, lesson, file, question,
prompt, status, words, text, points_max, rubric, points, comment, text_sha256). Fill in points
and comment, then: beyond-borders grade --merge-marks FILE --out gradebook.csv --feedback DIR
(checked row by row; nothing merged if any row is wrong). Marks are kept while the text is
unchanged. exports: --export canvas FILE or --export moodle FILE (one row per student, one
column per lesson, half points), after grading or merging, or alone.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Run each submitted notebook in a fresh kernel, mark its answer_*\n"
                          "variables outside it, write a gradebook CSV and Markdown feedback.")
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("submissions", nargs="*", metavar="SUBMISSIONS",
                        help="notebooks or folders of submissions (searched recursively)")
    parser.add_argument("--merge-marks", metavar="FILE",
                        help="grade nothing: merge the points and comments of a marked "
                             "<gradebook>-reflections.csv into --out and --feedback")
    parser.add_argument("--export", nargs=2, metavar=("LAYOUT", "FILE"),
                        help="also write the gradebook as FILE in a layout a learning platform "
                             "imports: canvas or moodle (alone, it grades nothing)")
    parser.add_argument("--roster", metavar="CSV",
                        help="the class list (student_id, name; optional login, email, "
                             "canvas_id): only its learners are graded, under their student_id; "
                             "each gets a row per lesson, 'missing' if nothing was handed in")
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
    parser.add_argument("--sandbox", choices=["bwrap", "none"], default="bwrap",
                        help="bwrap (default): each kernel in a bubblewrap sandbox; none: with "
                             "your rights, only where bubblewrap cannot run (every row says so)")
    parser.add_argument("--no-sandbox", dest="sandbox", action="store_const", const="none",
                        help="the same as --sandbox none: grade without the sandbox, on purpose")


def merge_cli(args) -> int:
    """``--merge-marks``: check the marks file, merge it, say what changed (never a traceback)."""
    from beyond_borders.grading.merge import merge_marks
    try:
        count, written = merge_marks(args.merge_marks, args.out, args.feedback)
    except (gradebook.GradebookError, manual.MarksError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"merged {plural(count, 'mark')} into {args.out}; "
          f"{plural(len(written), 'feedback file')} rewritten in {args.feedback}/")
    return 0


def load_roster(args):
    """``(roster or None, exit code or None)``: a bad roster is a clear message, no traceback."""
    if not getattr(args, "roster", None):
        return None, None
    try:
        return roster_mod.load(args.roster), None
    except roster_mod.RosterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None, 2


def export_cli(args, roster=None) -> int:
    """``--export LAYOUT FILE``: the gradebook at --out, in a platform's layout."""
    from beyond_borders.grading import banks, exports
    layout, target = args.export
    if layout not in exports.LAYOUTS:
        print(f"--export: layout {layout!r} is not one of {', '.join(exports.LAYOUTS)}",
              file=sys.stderr)
        return 2
    from pathlib import Path
    if Path(target).resolve() in (Path(args.out).resolve(), manual.path_for(args.out).resolve()):
        print(f"--export: {target} is the gradebook or its reflections file; give another FILE",
              file=sys.stderr)
        return 2
    try:
        n, warnings = exports.export(layout, args.out, target, banks.snapshot().banks, roster)
    except gradebook.GradebookError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc.filename or target}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    for w in warnings:
        print(f"WARNING: {w}")
    print(f"{layout} export: {plural(n, 'student')} in {target}")
    return 0


def run_cli(args) -> int:
    """Grade, or merge hand marks, or neither; then export if asked (only after success)."""
    export = getattr(args, "export", None)
    roster, failed = load_roster(args)
    if failed:
        return failed
    if getattr(args, "merge_marks", None):
        if args.submissions:
            print("--merge-marks grades nothing: give it without SUBMISSIONS", file=sys.stderr)
            return 2
        code = merge_cli(args)
    elif args.submissions:
        code = grade_cli(args, roster)
    elif export:
        code = 0
    else:
        print("give the SUBMISSIONS to grade (notebooks or folders), --merge-marks FILE or "
              "--export LAYOUT FILE", file=sys.stderr)
        return 2
    return export_cli(args, roster) if export and code == 0 else code


def grade_cli(args, roster=None) -> int:
    if args.jobs < 1 or args.cell_timeout <= 0 or args.notebook_timeout <= 0 or args.max_output_bytes < 0:
        print("--jobs, --cell-timeout and --notebook-timeout must be positive", file=sys.stderr)
        return 2
    limits = runner.Limits(cell_timeout=args.cell_timeout, notebook_timeout=args.notebook_timeout,
                           max_output_bytes=args.max_output_bytes)
    try:
        report = grade(args.submissions, args.out, args.feedback, args.jobs, limits, args.force,
                       sandbox=args.sandbox == "bwrap", roster=roster)
    except (gradebook.GradebookError, manual.MarksError, SandboxUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(summary(report, args.out, args.feedback))
    if not report.found:
        print("no submissions found", file=sys.stderr)
        return 1
    return 130 if report.interrupted else 0
