"""The gradebook in the column layouts Canvas and Moodle import (``grade --export LAYOUT FILE``).

One row per student, one column per lesson (an assignment in the platform), the lesson's
``total`` rounded to the nearest half point (platforms take whole or half points well; a
hand mark is already whole or half). A student is named as the grader names them, from the
submitted file's name, so name the files by the platform's login.

* ``canvas``: ``Student, ID, SIS User ID, SIS Login ID, Section, <assignment>...``, then a
  ``Points Possible`` row; the student's name goes in ``Student`` and ``SIS Login ID``
  (Canvas matches on the ID columns). An assignment column named like an existing
  assignment, ``Lesson 02 (1234)``, updates it; any other name creates a new assignment.
* ``moodle``: ``Username, <grade item>...``; in Moodle's CSV import map ``Username`` to
  *username* and each lesson column to its grade item.

A cell is empty when the lesson was not graded for that student, or when they handed in
several notebooks for it (``duplicate``: you decide which counts; the export says so).
"""
from __future__ import annotations

import math
from collections import defaultdict

from beyond_borders.grading import gradebook

LAYOUTS = ("canvas", "moodle")
CANVAS_HEAD = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_HEAD = ["Username"]


def half(value: float) -> str:
    """Rounded to the nearest half point, half-way cases up: 3.25 -> 3.5, 3.2 -> 3."""
    return f"{math.floor(value * 2 + 0.5) / 2:g}"


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


def table(layout: str, rows: list[dict], banks: dict) -> tuple[list[str], list[dict], list[str]]:
    """``(header, rows, warnings)`` of the export in ``layout``."""
    points, maxima, warnings = scores(rows)
    lessons = sorted({r["lesson"] for r in rows if r.get("lesson") and r.get("student")})
    names = [assignment(lesson, banks) for lesson in lessons]
    if layout == "canvas":
        header = CANVAS_HEAD + names
        out = [{"Student": "Points Possible",
                **{n: half(float(maxima[lesson])) for n, lesson in zip(names, lessons)
                   if lesson in maxima}}]
        out += [{"Student": s, "SIS Login ID": s,
                 **{n: got.get(lesson, "") for n, lesson in zip(names, lessons)}}
                for s, got in sorted(points.items(), key=lambda p: p[0].casefold())]
        return header, out, warnings
    header = MOODLE_HEAD + names
    out = [{"Username": s, **{n: got.get(lesson, "") for n, lesson in zip(names, lessons)}}
           for s, got in sorted(points.items(), key=lambda p: p[0].casefold())]
    return header, out, warnings


def export(layout: str, gradebook_path, target, banks: dict) -> tuple[int, list[str]]:
    """Write the export of the gradebook at ``gradebook_path``; ``(students, warnings)``."""
    rows, header = gradebook.read(gradebook_path)
    if not header:
        raise gradebook.GradebookError(f"no gradebook at {gradebook_path}: run grade first")
    head, out, warnings = table(layout, rows, banks)
    gradebook.write(target, out, head)
    return sum(1 for r in out if r.get("Student") != "Points Possible"), warnings
