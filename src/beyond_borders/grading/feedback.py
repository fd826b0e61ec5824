"""Feedback for learners: one Markdown file per student and lesson.

Per question it gives the result, the points, and the words marking gives — the feedback
message, the explanation after a right or partly right answer, the hint after a wrong one —
exactly as ``check`` would show them (:func:`checks.result_from_mark`). It never shows an
accepted answer, the learner's answer, a traceback or test code (nbgrader #917, otter #616), nor
an exception's message (the submission wrote it; it could carry anything the kernel saw):
problems marked ``[instructor]`` stay in the gradebook.

Everything a submission could have chosen — its file name, the student name taken from it, the
problems that quote a cell, a message that echoes an answer — goes through :func:`text`, so
``[x](http://evil)``, ``<script>``, backticks or a newline in a file name are shown, never
followed, run or used to start a new Markdown block. The feedback is read after the deadline,
when nothing can be run again: :func:`after_deadline` takes out "run the cell again" advice
and Python exception names from the messages ``check`` shares with the learner's notebook.
Two students never share a feedback file (:class:`Names`), whatever their names look like
once made file-name-safe.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import PurePath

from beyond_borders.checks.exercise import _LOOK, result_from_mark
from beyond_borders.wording import agree

# The notebook's labels invite another try ("Not yet"); after the deadline there is none.
_FINAL_LABELS = {"incorrect": "Not correct", "unanswered": "Not answered", "incomplete": "Not complete"}
INSTRUCTOR_ONLY = "[instructor] "  # problems that start so are for the gradebook, not the learner

# What a status means, in words for the learner (problems add the details).
STATUS_WORDS = {
    "ok": "Your notebook ran from top to bottom.",
    "errors_in_cells": "Your notebook ran, but some cells stopped with an error; answers set "
                       "in or after those cells may be missing.",
    "output_capped": "Your notebook ran; some output was too long and was cut (this does not "
                     "affect your marks).",
    "timeout": "Your notebook took too long to run, so some cells were stopped.",
    "unknown_student": "The grader could not tell whose notebook this is, so it was not graded.",
    "kernel_died": "Python stopped while running your notebook, so no answers could be read.",
    "collection_failed": "Your notebook ran, but the grader could not read your answers.",
    "unknown_lesson": "The grader could not tell which lesson this notebook belongs to.",
    "invalid_notebook": "This file is not a notebook the grader can open.",
    "not_a_notebook": "Only .ipynb notebooks are graded; this file was not.",
    "unreadable": "The grader could not read this file.",
    "not_a_regular_file": "This is a link or a folder, not a file you wrote: it was not graded. "
                          "Hand in the notebook file itself.",
    "grader_error": "The grader itself failed on this notebook; your instructor will grade it "
                    "again.",
    "duplicate": "You handed in more than one notebook for this lesson; each is marked below "
                 "and your instructor decides which one counts.",
}


def safe(name: str) -> str:
    """A file-name-safe form of a student name or file stem, short enough for any file system
    (a name from notebook metadata can be any length; over 255 bytes the write would fail)."""
    return re.sub(r"[^\w.-]+", "_", name).strip("._")[:80] or "unnamed"


def _digest(value: str, n: int = 8) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:n]


def filename(student: str, lesson: str, file: str) -> str:
    """``alice__lesson_02.md``; an unidentified student is named by the file instead.

    A name that making it safe changed ("a b" -> "a_b") or that has capitals (a file system
    that ignores case would merge "Ali" and "ali") gets a digest of the exact name, so it cannot
    land on the file of a student whose name already was that safe form.
    """
    if student:
        who = safe(student)
        if who != student or who != who.lower():
            who = f"{who[:70]}-{_digest(student)}"
    else:
        stem = safe(file.rsplit("/", 1)[-1].rsplit(".", 1)[0])
        who = f"unidentified__{stem[:60]}-{_digest(file)}"
    return f"{who}__lesson_{safe(lesson) if lesson else 'unknown'}.md"


class Names:
    """The feedback file of each (student, lesson) in one run; two never share one, even when
    a name was chosen to collide with another's digest (the later one gets a number)."""

    def __init__(self):
        self._owner: dict[str, tuple[str, str]] = {}  # casefolded file name -> owner

    def get(self, student: str, lesson: str, file: str) -> str:
        owner = (student or "\0" + file, lesson)
        name = base = filename(student, lesson, file)
        n = 0
        while self._owner.setdefault(name.casefold(), owner) != owner:
            n += 1
            name = f"{base[:-3]}-{n}.md"
        return name


_MD = re.compile(r"([\\`*_\[\]#|~{}<>&])")
_LINKY = re.compile(r"(:)(//)|(www)(\.)|(@)", re.I)


def text(value) -> str:
    """Text a submission chose, safe in Markdown and in the HTML it becomes: one line, HTML and
    Markdown characters backslash-escaped (shown as themselves by CommonMark and mistune
    alike), nothing that autolinks."""
    one = " ".join(str(value).split())
    one = _MD.sub(r"\\\1", one)
    one = _LINKY.sub(lambda m: "".join(g for g in m.groups() if g) .replace(":", ":\u200b")
                     .replace("www", "www\u200b").replace("@", "@\u200b"), one)
    one = re.sub(r"^(\d+)([.)])", r"\1\\\2", one)  # not a numbered list
    return re.sub(r"^([-+=])", r"\\\1", one)  # not a bullet or a heading's underline


_RUN_AGAIN = re.compile(r"\brun (?:(?:the|this|that|your|it|all) )*(?:cells?|it|them)\b|"
                        r"\bShift ?\+ ?Enter\b|\b(?:try|ask) again\b|\bRun All\b", re.I)
_EXC_NAME = re.compile(r"\s*\((?:[A-Za-z_][\w.]*(?:Error|Exception|Warning|Interrupt|Exit))\)")
_SENTENCE = re.compile(r"(?<=[^.][.!?])\s+(?=[A-Z\"“(])")
_INSTEAD = {"unanswered": "No answer to this question was found in the notebook you handed in."}


def after_deadline(message: str, status: str = "") -> str:
    """A ``check`` message as feedback read after the deadline: no advice to run a cell again
    (nothing can be), no Python exception name; a message left empty gets plain words."""
    if status in _INSTEAD and _RUN_AGAIN.search(message or ""):
        return _INSTEAD[status]
    kept = [s for s in _SENTENCE.split(_EXC_NAME.sub("", message or "")) if s and not
            _RUN_AGAIN.search(s)]
    out = " ".join(kept).strip()
    if _RUN_AGAIN.search(out):  # advice inside one sentence ("…: add to it and run the cell")
        out = _RUN_AGAIN.split(out)[0].rstrip(" ,;:—-").rsplit(";", 1)[0].strip() + "."
    return out or _INSTEAD.get(status, "")


def _look(status: str) -> tuple[str, str]:
    icon, label = _LOOK[status][:2]
    return icon, _FINAL_LABELS.get(status, label)


def _pts(x: float) -> str:
    return f"{x:g}"


def _section(entry: dict, bank: dict | None, heading: bool) -> list[str]:
    row, marks = entry["row"], entry.get("marks")
    status = entry["status"]
    problems = [p for p in entry["problems"] if p and not p.startswith(INSTRUCTOR_ONLY)]
    lines = []
    kind = "File" if status == "not_a_notebook" else "Notebook"
    name = text(PurePath(str(row["file"])).name)  # the learner's own file, not the instructor's folders
    if heading:
        lines += [f"## {kind} {name}", ""]
    else:
        lines += [f"{kind}: {name}", ""]
    if row.get("total"):
        lines += [f"**Score: {row['total']} of {row['max']} {agree(float(row['max'] or 0), 'point')}**", ""]
    lines += [STATUS_WORDS.get(status, status), ""]
    if marks:
        lines += ["| Question | Result | Points |", "|---|---|---|"]
        for q, m in marks:
            icon, label = _look(m.status)
            pts = f"{_pts(m.earned)} / {_pts(m.points)}" if m.points else "—"
            name = f"{q['id']} {q.get('short', '')}".strip()
            lines.append(f"| {name} | {icon} {label} | {pts} |")
        lines.append("")
        sub = "###" if heading else "##"
        for q, m in marks:
            r = result_from_mark(q, m)
            icon, label = _look(m.status)
            title = f"{q['id']} — {q['short']}" if q.get("short") else q["id"]
            pts = f" — {_pts(m.earned)} of {_pts(m.points)} {agree(m.points, 'point')}" \
                if m.points else ""
            lines += [f"{sub} {title}", "", f"{icon} **{label}**{pts}", ""]
            for words, prefix in ((after_deadline(r.message, m.status), ""),
                                  (r.explanation, "**Why:** "), (r.hint, "**Hint:** ")):
                if words:
                    lines += [prefix + text(words), ""]
    elif bank is not None and row.get("total"):
        # Graded in an earlier run: the gradebook keeps points, not the messages.
        lines += ["Marked in an earlier run; the detailed messages were in that run's feedback.",
                  "", "| Question | Points |", "|---|---|"]
        for q in bank["questions"]:
            if row.get(q["id"], "") != "":
                lines.append(f"| {q['id']} {q.get('short', '')} | {row[q['id']]} |")
        lines.append("")
    lines += _hand_marked(entry.get("manual") or [])
    if problems:
        lines += ["**Notes from the grader:**", ""]
        lines += [f"- {text(after_deadline(p))}" for p in problems if p]
        lines.append("")
    return lines


def _hand_marked(rows: list[dict]) -> list[str]:
    """The reflections your instructor marked: points and comment (``grading.manual``)."""
    if not rows:
        return []
    lines = ["**Reflections marked by your instructor:**", ""]
    for r in rows:
        title = f"{r['question']} {r.get('prompt', '')}".strip()
        lines.append(f"- {title}: {r['points']} of {r['points_max']} points"
                     + (f" — {r['comment']}" if r.get("comment") else ""))
    return lines + [""]


def render(student: str, lesson: str, bank: dict | None, entries: list[dict]) -> str:
    """The feedback page for one student and lesson.

    ``entries``: one per submitted file, each ``{"row": gradebook row, "status": grading
    status, "problems": [texts], "marks": [(question, Mark)] or None}``.
    """
    title = f"Lesson {lesson}: {bank['title']}" if bank else (f"Lesson {lesson}" if lesson else
                                                              "Unknown lesson")
    lines = [f"# Feedback — {title}", "", f"Student: {text(student) or 'not identified'}", ""]
    notebooks = [e for e in entries if e["status"] != "not_a_notebook"]
    if len(notebooks) > 1:
        lines += [STATUS_WORDS["duplicate"], ""]
    elif len(entries) > 1:
        lines += [f"You handed in {len(entries)} files for this lesson; each is listed below.", ""]
    for entry in entries:
        lines += _section(entry, bank, heading=len(entries) > 1)
    lines.append("These marks come from the instructor's grader; the checks in the notebook "
                 "only ever checked your answers locally.")
    return "\n".join(lines).rstrip() + "\n"
