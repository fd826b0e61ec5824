"""The gradebook CSV: one row per submitted file, written atomically, kept across runs.

Columns: ``student, lesson, file``, one column per question id (the union over every lesson
in the file, in lesson/question order), ``total, max, status, problems, sha256``. Columns an
instructor added by hand are kept, after ``sha256``.

A question cell holds the points earned (``0.5``); for a question worth no points (an open
reflection) it holds the marking status (``recorded``, ``unanswered``, ``invalid``). It is empty
when the submission could not be marked, or when the question belongs to another lesson.

``status`` of a row is its grading status, except that two or more rows for one student and
lesson are all ``duplicate``; their ``problems`` then end with "Graded as <status>", so the
grading status comes back once the extra file is removed (see :func:`finalise`).
"""
from __future__ import annotations

import csv
import math
import os
import re
import tempfile
from collections import defaultdict
from pathlib import Path

HEAD = ["student", "lesson", "file"]
TAIL = ["total", "max", "status", "problems", "sha256"]
QID = re.compile(r"^\d+\.\d+$")
SEP = " | "  # between problems in one cell
MISSING = "missing"  # a learner on the roster with no notebook for a lesson: a row, no file
_DUP = re.compile(r"^duplicate: .*? Graded as ([a-z_]+)(?: \| (.*))?$", re.S)


class GradebookError(ValueError):
    """The file at --out exists but is not a gradebook this grader can safely rewrite."""


def qid_key(qid: str) -> tuple[int, ...]:
    return tuple(int(p) for p in qid.split("."))


def columns(rows, qids=(), extra=()) -> list[str]:
    """The header: fixed columns around the sorted union of question ids."""
    found = set(qids)
    for row in rows:
        found.update(k for k in row if QID.match(k))
    keep = [c for c in extra if c not in HEAD + TAIL and not QID.match(c)]
    return HEAD + sorted(found, key=qid_key) + TAIL + keep


def read(path) -> tuple[list[dict], list[str]]:
    """``(rows, header)`` of an existing gradebook; ``([], [])`` if there is none."""
    path = Path(path)
    if not path.exists():
        return [], []
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            header = list(reader.fieldnames or [])
            rows = [{k: _cell_in(v or "") for k, v in row.items() if k is not None} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise GradebookError(f"{path}: cannot read it as a gradebook ({exc})") from exc
    missing = [c for c in HEAD + TAIL if c not in header]
    if header and missing:
        raise GradebookError(f"{path} exists but is not a gradebook (no {', '.join(missing)} "
                             "column); choose another --out or move the file")
    return rows, header


_FORMULA = tuple("=+-@\t\r")


def _cell_out(value) -> str:
    """Text a spreadsheet will not run as a formula (a file or student name is the student's)."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(_FORMULA) else value


def _cell_in(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA) else value


def write(path, rows, header) -> None:
    """Write every row at once: a temporary file in the same folder, then ``os.replace``.

    A crash or Ctrl-C leaves either the old gradebook or the new one, never half of one.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore", restval="")
            w.writeheader()
            w.writerows({k: _cell_out(v) for k, v in row.items()} for row in rows)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def base_of(row: dict) -> tuple[str, str]:
    """The grading status and problems of a row, without any duplicate marking."""
    if row.get("status") == "duplicate":
        m = _DUP.match(row.get("problems", ""))
        if m:
            return m.group(1), m.group(2) or ""
        return "ok", row.get("problems", "")
    return row.get("status", ""), row.get("problems", "")


def sort_key(row: dict):
    return (row.get("lesson", ""), row.get("student", "").casefold(), row.get("file", ""))


def finalise(rows) -> list[dict]:
    """New rows, sorted, with every student/lesson pair that has several notebooks marked.

    Pure: the same rows give the same result, so it is applied afresh on every write.
    """
    out = []
    groups = defaultdict(list)
    for row in rows:
        status, problems = base_of(row)
        new = {**row, "status": status, "problems": problems}
        out.append(new)
        if new.get("student") and new.get("lesson") and status != "not_a_notebook":
            groups[(new["student"], new["lesson"])].append(new)
    for (student, lesson), group in groups.items():
        if len(group) < 2:
            continue
        for row in group:
            others = ", ".join(o["file"] for o in group if o is not row)
            text = (f"duplicate: {student} has {len(group)} notebooks for lesson {lesson} (also "
                    f"{others}); each is graded here — remove the file that should not count and "
                    f"re-run. Graded as {row['status']}")
            row["problems"] = text + (SEP + row["problems"] if row["problems"] else "")
            row["status"] = "duplicate"
    return sorted(out, key=sort_key)


def half(value: float) -> str:
    """Rounded to the nearest half point, half-way cases up: 3.25 -> 3.5, 3.2 -> 3 (learning
    platforms take whole or half points; partial credit can give thirds)."""
    return f"{math.floor(value * 2 + 0.5) / 2:g}"


def halve_totals(rows: list[dict]) -> list[dict]:
    """Every ``total`` in whole or half points (the question cells keep the exact points)."""
    out = []
    for row in rows:
        try:
            total = float(row.get("total") or "")
        except ValueError:
            out.append(row)
            continue
        out.append({**row, "total": half(total)})
    return out


def with_missing(rows: list[dict], student_ids, maxima: dict[str, str]) -> list[dict]:
    """``rows`` plus a ``missing`` row for each learner on the roster (``student_ids``) who
    handed in nothing for a lesson someone was graded on (``maxima``: lesson -> max points)."""
    have = {(r.get("student"), r.get("lesson")) for r in rows}
    extra = [{"student": sid, "lesson": lesson, "file": "", "total": "", "sha256": "",
              "max": maxima[lesson], "status": MISSING,
              "problems": "no notebook handed in for this lesson"}
             for lesson in sorted(maxima) for sid in student_ids if (sid, lesson) not in have]
    return sorted(list(rows) + extra, key=sort_key)
