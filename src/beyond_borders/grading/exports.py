"""The gradebook in the column layouts Canvas and Moodle import (``grade --export LAYOUT FILE``).

One row per student, one column per lesson (an assignment in the platform), the lesson's
``total`` rounded to the nearest half point (platforms take whole or half points well; a
hand mark is already whole or half). A student is named as the grader names them, from the
submitted file's name, so name the files by the platform's login; or, better, grade with
``--roster`` and export with it, so each row carries the roster's ids (below).

* ``canvas``: ``Student, ID, SIS User ID, SIS Login ID, Section, <assignment>...``, then a
  ``Points Possible`` row; the student's name goes in ``Student`` and ``SIS Login ID``
  (Canvas matches on the ID columns). An assignment column named like an existing
  assignment, ``Lesson 02 (1234)``, updates it; any other name creates a new assignment.
* ``moodle``: ``Username, <grade item>...``; in Moodle's CSV import map ``Username`` to
  *username* and each lesson column to its grade item.

With a roster (``--roster``), Canvas gets ``Student`` = name, ``ID`` = ``canvas_id``, ``SIS User
ID`` = ``student_id`` and ``SIS Login ID`` = ``login`` (else ``student_id``); Moodle gets
``Username`` (``login``, else ``student_id``), ``ID number`` (``student_id``), ``Email address``
and ``Full name``, so it can be mapped on whichever the site uses. Every learner on the roster
gets a row; one with no notebook gets an empty cell.

A cell is empty when the lesson was not graded for that student, or when they handed in
several notebooks for it (``duplicate``: you decide which counts; the export says so).
"""
from __future__ import annotations

from collections import defaultdict

from beyond_borders.grading import gradebook
from beyond_borders.grading.gradebook import half

LAYOUTS = ("canvas", "moodle")
CANVAS_HEAD = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_HEAD = ["Username"]
MOODLE_ROSTER_HEAD = ["Username", "ID number", "Email address", "Full name"]


def assignment(lesson: str, banks: dict) -> str:
    bank = banks.get(lesson)
    return f"Lesson {lesson}: {bank['title']}" if bank else f"Lesson {lesson}"


def scores(rows: list[dict]) -> tuple[dict, dict, list[str]]:
    """``({student: {lesson: points}}, {lesson: max}, warnings)`` from gradebook rows."""
    by_pair = defaultdict(list)
    maxima, warnings = {}, []
    for row in rows:
        if row.get("student") and row.get("lesson"):
            by_pair[(row["student"], row["lesson"])].append(row)
            if row.get("max"):
                maxima[row["lesson"]] = row["max"]
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for (student, lesson), group in sorted(by_pair.items()):
        graded = [r for r in group if r.get("total", "") != ""]
        out[student]  # every student gets a row, even with nothing graded yet
        if len(graded) > 1 or any(r.get("status") == "duplicate" for r in group):
            warnings.append(f"{student}, lesson {lesson}: several notebooks; left empty "
                            "(remove the one that should not count and re-run grade)")
        elif graded:
            out[student][lesson] = half(float(graded[0]["total"]))
    return out, maxima, warnings


def _who(layout: str, student: str, learner) -> dict:
    """The identity columns of one student: from the roster when there is one."""
    if learner is None:
        return {"Student": student, "SIS Login ID": student} if layout == "canvas" else \
            {"Username": student}
    if layout == "canvas":
        return {"Student": learner.name, "ID": learner.canvas_id,
                "SIS User ID": learner.student_id, "SIS Login ID": learner.login or learner.student_id}
    return {"Username": learner.login or learner.student_id, "ID number": learner.student_id,
            "Email address": learner.email, "Full name": learner.name}


def table(layout: str, rows: list[dict], banks: dict,
          roster=None) -> tuple[list[str], list[dict], list[str]]:
    """``(header, rows, warnings)`` of the export in ``layout``; with a ``roster``
    (``roster.Roster``) students are named by its ids, and only its learners are exported."""
    points, maxima, warnings = scores(rows)
    learners = roster.by_id() if roster is not None else {}
    if roster is not None:
        strangers = sorted(s for s in points if s not in learners)
        if strangers:
            warnings.append(f"not on the roster, so left out: {', '.join(strangers)}")
        points = {s: points.get(s, {}) for s in learners}
    lessons = sorted({r["lesson"] for r in rows if r.get("lesson") and r.get("student")})
    names = [assignment(lesson, banks) for lesson in lessons]
    head = CANVAS_HEAD if layout == "canvas" else MOODLE_ROSTER_HEAD if roster else MOODLE_HEAD
    out = [{"Student": "Points Possible",
            **{n: half(float(maxima[lesson])) for n, lesson in zip(names, lessons)
               if lesson in maxima}}] if layout == "canvas" else []
    out += [{**_who(layout, s, learners.get(s)),
             **{n: got.get(lesson, "") for n, lesson in zip(names, lessons)}}
            for s, got in sorted(points.items(), key=lambda p: p[0].casefold())]
    return head + names, out, warnings


def export(layout: str, gradebook_path, target, banks: dict, roster=None) -> tuple[int, list[str]]:
    """Write the export of the gradebook at ``gradebook_path``; ``(students, warnings)``."""
    rows, header = gradebook.read(gradebook_path)
    if not header:
        raise gradebook.GradebookError(f"no gradebook at {gradebook_path}: run grade first")
    head, out, warnings = table(layout, rows, banks, roster)
    gradebook.write(target, out, head)
    return sum(1 for r in out if r.get("Student") != "Points Possible"), warnings
