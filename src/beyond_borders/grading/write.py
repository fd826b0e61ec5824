"""Write what a run found: gradebook rows, feedback files, the banks put back, a line each.

:class:`Book` holds the gradebook as it stands during one run. :meth:`Book.record` adds one
result and at once rewrites the gradebook (atomically, see ``gradebook.write``) and that
student's feedback, so a run stopped at any point leaves a valid gradebook with every result
so far. :meth:`Book.finish` writes the gradebook once more and the feedback of groups whose
status changed without being graded now (a duplicate appeared or went).
"""
from __future__ import annotations

import os
from pathlib import Path

from beyond_borders.grading import banks as qbanks
from beyond_borders.grading import feedback
from beyond_borders.grading import gradebook
from beyond_borders.grading import manual
from beyond_borders.grading import state
from beyond_borders.grading.outcome import Result, to_row
from beyond_borders.grading.plan import Plan
from beyond_borders.wording import plural

INSTRUCTOR = feedback.INSTRUCTOR_ONLY  # a problem that starts so stays out of learner feedback
UNSANDBOXED = ("graded with --no-sandbox: the notebook ran with the grader's rights, network "
               "and files; a hostile one could have read answers or changed other rows")
_COPY = INSTRUCTOR + "identical file (same sha256) handed in as "


def mark_copies(rows: list[dict]) -> list[dict]:
    """Note in ``problems`` every row whose file is byte-identical to another student's (a free
    copying signal); notes from an earlier write are replaced, so this is pure."""
    by_sha: dict[str, list[dict]] = {}
    for row in rows:
        parts = [p for p in (row.get("problems") or "").split(gradebook.SEP)
                 if p and not p.startswith(_COPY)]
        row["problems"] = gradebook.SEP.join(parts)
        if row.get("sha256"):
            by_sha.setdefault(row["sha256"], []).append(row)
    for group in by_sha.values():
        for row in group:
            others = [o for o in group if o.get("student") != row.get("student")]
            if others:
                note = _COPY + ", ".join(f"{o['file']} ({o.get('student') or '?'})" for o in others)
                row["problems"] = gradebook.SEP.join(p for p in (row["problems"], note) if p)
    return rows


class Feedback:
    """Writes one feedback file per student and lesson, from new results or gradebook rows."""

    def __init__(self, folder: Path, banks: dict):
        self.folder, self.banks = Path(folder), banks
        self.details: dict[str, Result] = {}  # file -> this run's result (with its messages)
        self.reflections: list[dict] = []  # rows of the reflections file, with the hand marks
        self.names = feedback.Names()  # one file name per student and lesson, never shared

    def path_for(self, row: dict) -> Path:
        return self.folder / self.names.get(row["student"], row["lesson"], row["file"])

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
                            "problems": res.problems if res else
                            [p for p in problems.split(gradebook.SEP) if p],
                            "marks": res.marks if res else None,
                            "manual": manual.for_feedback(self.reflections, r["file"])})
        path = self.path_for(row)
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(feedback.render(student, lesson, self.banks.get(lesson), entries),
                       encoding="utf-8")
        os.replace(tmp, path)
        return path


def printable(text: str) -> str:
    """A file or student name for the terminal: control characters (a newline, an escape
    sequence that would rewrite the screen) shown as escapes, never sent to it."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))


def progress_line(i: int, n: int, row: dict, status: str, note: str = "",
                  seconds: float = 0.0) -> str:
    """``[ 3/22] ok   5/5   2.1 s  alice   02 subs/alice__02_x.ipynb  — problems``"""
    score = f"{row['total']}/{row['max']}" if row.get("total") else "—"
    took = f"{seconds:5.1f} s" if seconds else " " * 7
    text = f"[{i:>{len(str(n))}}/{n}] {status:<17} {score:>9} {took}  " \
           f"{printable(row['student']) or '?':<14} {row['lesson'] or '--':<3} {printable(row['file'])}"
    if note:
        text += f"  — {printable(note[:160])}"
    return text


class Book:
    """The gradebook and feedback of one run (see the module docstring)."""

    def __init__(self, out: Path, feedback_dir: Path, snap: qbanks.Snapshot, plan: Plan,
                 echo=print, sandboxed: bool = True, roster=None):
        self.out, self.plan, self.echo = Path(out), plan, echo
        self.sandboxed, self.roster = sandboxed, roster
        self.banks, self.bank_files = snap.banks, snap.files
        self.warnings = list(snap.warnings)
        self.rows = dict(plan.rows)  # file -> row: the gradebook as it stands
        self.results: list[Result] = []  # what this run graded
        self.feedback = Feedback(feedback_dir, snap.banks)
        self.marks_path = manual.path_for(out)
        self.earlier_marks = manual.read(self.marks_path)  # raises MarksError if unreadable
        self.done = 0  # lines printed, for [i/n]

    def start(self, jobs: int) -> None:
        """Say what the plan removed and will grade, and list the rows it keeps."""
        for f in self.plan.removed:
            self.echo(f"removed row for {f}: the file is no longer in the folder")
        n, todo, kept = len(self.plan.subs), len(self.plan.todo), len(self.plan.kept)
        self.echo(f"grading {todo} of {n} submissions ({kept} unchanged) with "
                  f"{plural(jobs, 'kernel')} at a time")
        for row in self.plan.kept:
            self._line(row, "unchanged", "kept from the gradebook")

    def _line(self, row: dict, status: str, note: str = "", seconds: float = 0.0) -> None:
        self.done += 1
        self.echo(progress_line(self.done, len(self.plan.subs), row, status, note, seconds))

    def save(self) -> list[dict]:
        """Write the whole gradebook now; the rows as written."""
        final = mark_copies(gradebook.finalise(self.rows.values()))
        marks = manual.update(self.earlier_marks, self.results, self.banks,
                              {r["file"] for r in final})
        final = gradebook.halve_totals(manual.apply(final, marks, self.banks))
        if self.roster is not None:
            final = gradebook.with_missing(final, [x.student_id for x in self.roster.learners],
                                           self._maxima(final))
        self.feedback.reflections = marks
        if marks or self.marks_path.exists():
            manual.write(self.marks_path, marks)
        lessons = {r["lesson"] for r in final}
        qids = [q["id"] for lesson in sorted(lessons & set(self.banks))
                for q in self.banks[lesson]["questions"]]
        gradebook.write(self.out, final, gradebook.columns(final, qids, self.plan.extra))
        state.save(self.out, final)
        return final

    def _maxima(self, rows: list[dict]) -> dict[str, str]:
        """Each graded lesson's maximum, from its rows (hand marks can raise it) or its bank."""
        out = {}
        for r in rows:
            if r.get("student") and r.get("lesson") in self.banks:
                out[r["lesson"]] = r.get("max") or out.get(r["lesson"], "")
        return out

    def _restore_banks(self, after: str) -> None:
        changed = qbanks.restore(self.bank_files)
        if changed:
            msg = (f"question bank {', '.join(changed)} was changed on disk while {after} ran; "
                   "the grader put it back and graded with the copy loaded before any "
                   "submission ran")
            self.warnings.append(msg)
            self.echo(f"WARNING: {msg}")

    def _write_feedback(self, final: list[dict], row: dict) -> None:
        try:
            self.feedback.write_for(final, row)
        except OSError as exc:  # one student's file must not stop the class
            msg = f"feedback for {row['file']} could not be written: {exc.strerror or exc}"
            self.warnings.append(msg)
            self.echo(f"WARNING: {msg}")

    def record(self, result: Result) -> None:
        """Add one result: gradebook and that student's feedback rewritten, a line printed."""
        if not self.sandboxed and result.seconds:
            result.problems.append(INSTRUCTOR + UNSANDBOXED)
        state.log(self.out, result.sub.file, result.details)
        row = to_row(result, self.banks)
        self.rows[row["file"]] = row
        self.results.append(result)
        self.feedback.details[row["file"]] = result
        self._restore_banks(f"{row['file']} (or a notebook running beside it)")
        final = self.save()
        self._write_feedback(final, next(r for r in final if r["file"] == row["file"]))
        self._line(row, result.status, gradebook.SEP.join(result.problems), result.seconds)

    def finish(self) -> list[dict]:
        """The last write: gradebook, feedback whose group changed or is missing, banks."""
        final = self.save()
        for row in final:
            if row["file"] in self.feedback.details or row["status"] == gradebook.MISSING:
                continue
            if self.plan.before.get(row["file"]) != row["status"] \
                    or not self.feedback.path_for(row).exists():
                self._write_feedback(final, row)
        changed = qbanks.restore(self.bank_files)
        if changed:
            self.warnings.append(f"question bank {', '.join(changed)} was changed on disk; put back")
        return final
