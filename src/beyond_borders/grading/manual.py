"""Reflections marked by hand: the file an instructor marks, and the marks it brings back.

Reflections (open questions) are recorded by the grader, never marked by it. Like nbgrader's
manual grading, but with a CSV instead of a database: ``grade`` writes every reflection to
``<gradebook>-reflections.csv`` (:func:`path_for`) with the question's label, its rubric, the
points available and the student's text exactly as typed; the instructor fills ``points`` and
``comment`` in a spreadsheet and hands the file back with ``grade --merge-marks`` (``merge``).

That file is also where the marks are kept. A later ``grade`` keeps a mark while the text is
the same (same ``text_sha256``); when the text changed, the mark is cleared, the row says
``re-mark: text changed`` and the earlier mark stays readable in ``comment``.

The text comes from the collected ``answer_N_M`` when it is a string, else from the notebook's
own ``%%reflection N.M`` cell, so a reflection the grader could not read as a value is still
exported as written, never called "not answered".
"""
from __future__ import annotations

import csv
import hashlib
import io
import math
from pathlib import Path

from beyond_borders.checks import bank as qbank
from beyond_borders.checks import reflection
from beyond_borders.grading import collect
from beyond_borders.grading import gradebook
from beyond_borders.wording import plural

COLUMNS = ["student", "lesson", "file", "question", "prompt", "status", "words", "text",
           "points_max", "rubric", "points", "comment", "text_sha256"]
DEFAULT_POINTS = 2.0  # points a reflection is worth when its question names none
TO_MARK, MARKED, CHANGED, EMPTY = "to mark", "marked", "re-mark: text changed", "unanswered"


class MarksError(ValueError):
    """The marks file handed back cannot be merged; the message names every bad row."""


def path_for(out) -> Path:
    """``gradebook.csv`` -> ``gradebook-reflections.csv``, beside the gradebook."""
    out = Path(out)
    return out.with_name(f"{out.stem}-reflections.csv")


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_reflection(q: dict) -> bool:
    return q.get("type") == "open"


def points_max(q: dict) -> float:
    """Points a reflection is worth: the question's ``rubric_points``, else :data:`DEFAULT_POINTS`."""
    try:
        value = float(q.get("rubric_points", DEFAULT_POINTS))
    except (TypeError, ValueError):
        return DEFAULT_POINTS
    return value if math.isfinite(value) and value > 0 else DEFAULT_POINTS


def rubric(q: dict) -> str:
    """What the marker goes by: the question's ``rubric`` if it has one, else its word range and
    the key's explanation (kept obscured in the sealed bank, read in clear here)."""
    if q.get("rubric"):
        return str(q["rubric"])
    lo, hi = q.get("min_words", 30), q.get("max_words")
    words = f"{lo}–{hi} words" if hi else f"at least {lo} words"
    why = qbank.explanation(q) or "compare with the model answer in the solutions"
    return f"asks for {words}; {why}"


def cell_text(notebook, qid: str) -> str | None:
    """The body of the notebook's ``%%reflection <qid>`` cell as typed, or None if it has none."""
    for cell in getattr(notebook, "cells", None) or []:
        source = cell.get("source", "") if isinstance(cell, dict) else ""
        first, _, body = str(source).partition("\n")
        parts = first.split()
        if len(parts) == 2 and parts[0] == "%%reflection" and \
                reflection.variable(parts[1]) == reflection.variable(qid):
            text = reflection.answer_of(body + "\n")
            return "" if text is ... else text
    return None


def raw_text(notebook, qid: str, value) -> str:
    """The reflection's text: the collected string, else the cell as typed, else what was there."""
    if isinstance(value, str):
        return value
    typed = cell_text(notebook, qid)
    if typed is not None and (typed.strip() or value is None or value is ...):
        return typed
    if isinstance(value, collect.Unreadable):
        return f"[a value of type {value.type_name} the grader cannot read]"
    if value is None or value is ...:
        return ""
    return str(value)


def rows_for(result, bank: dict) -> list[dict]:
    """One row per reflection of a graded result (none for a file whose answers were not read)."""
    if result.marks is None:
        return []
    sub = result.sub
    answers = getattr(result, "answers", {}) or {}
    out = []
    for q in bank["questions"]:
        if not is_reflection(q):
            continue
        text = raw_text(sub.notebook, q["id"], answers.get(q["id"]))
        out.append({"student": sub.student, "lesson": sub.lesson, "file": sub.file,
                    "question": q["id"], "prompt": q.get("short", ""),
                    "status": TO_MARK if text.strip() else EMPTY,
                    "words": str(reflection.words(text)), "text": text,
                    "points_max": f"{points_max(q):g}", "rubric": rubric(q), "points": "",
                    "comment": "", "text_sha256": sha(text)})
    return out


def carry_over(new: dict, old: dict | None) -> dict:
    """``new`` with the mark of ``old`` when the text is the same; flagged when it changed."""
    if not old or not (old.get("points") or old.get("comment")):
        return new
    if old.get("text_sha256") == new["text_sha256"]:
        return {**new, "points": old.get("points", ""), "comment": old.get("comment", ""),
                "status": old.get("status") or new["status"]}
    earlier = f"earlier mark {old.get('points') or '—'} was for a different text"
    comment = "; ".join(c for c in (earlier, old.get("comment", "")) if c)
    return {**new, "status": CHANGED, "comment": comment}


def read(path) -> list[dict]:
    """The reflections file as rows (``[]`` if there is none)."""
    rows, _ = _read_csv(path)
    return rows


def _read_csv(path) -> tuple[list[dict], list[str]]:
    """``(rows, header)``: a spreadsheet's BOM and stray spaces go, the text is kept as typed."""
    path = Path(path)
    if not path.exists():
        return [], []
    try:
        table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise MarksError(f"{path}: cannot read it as a CSV file ({exc})") from exc
    if not table:
        return [], []
    header = [h.strip() for h in table[0]]
    keep = lambda k, v: gradebook._cell_in(v if k == "text" else v.strip())  # noqa: E731
    return [{k: keep(k, v) for k, v in zip(header, line)} for line in table[1:]], header


def write(path, rows: list[dict]) -> None:
    rows = sorted(rows, key=lambda r: (r["lesson"], r["student"].casefold(), r["file"],
                                       gradebook.qid_key(r["question"])))
    gradebook.write(path, rows, COLUMNS)


def update(kept: list[dict], results, banks: dict, files: set[str]) -> list[dict]:
    """The reflections file after a run: rows of ``results`` (marks carried over), earlier rows
    of files still in the gradebook (``files``), nothing of files that went."""
    regraded = {r.sub.file for r in results}
    by_file = {(r["file"], r["question"]): r for r in kept}
    by_who = {(r["student"], r["lesson"], r["question"]): r for r in kept
              if r["student"] and r["file"] not in files}
    out = [r for r in kept if r["file"] in files and r["file"] not in regraded]
    for result in results:
        bank = banks.get(result.sub.lesson)
        for new in rows_for(result, bank) if bank else []:
            old = by_file.get((new["file"], new["question"])) or \
                by_who.get((new["student"], new["lesson"], new["question"]))
            out.append(carry_over(new, old))
    return out


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _check_row(n: int, row: dict, known: dict) -> tuple[tuple, str, str] | str:
    """``(key, points, comment)`` for a valid row of a marks file, else the error for row ``n``."""
    who = f"row {n} ({row.get('student') or '?'}, {row.get('question') or '?'})"
    matches = [k for k in known if k[0] == row.get("student", "") and k[1] == row.get("lesson", "")
               and k[3] == row.get("question", "") and row.get("file", k[2]) in ("", k[2])]
    if not any(k[0] == row.get("student", "") for k in known):
        return f"{who}: no student {row.get('student', '')!r} in the reflections file"
    if not matches:
        return (f"{who}: lesson {row.get('lesson', '')!r} has no reflection "
                f"{row.get('question', '')!r} for this student")
    if len(matches) > 1:
        return f"{who}: the student handed in several notebooks; keep the file column to say which"
    key = matches[0]
    base = known[key]
    if row.get("text_sha256") and row["text_sha256"] != base["text_sha256"]:
        return f"{who}: the text changed since this file was written; mark the current file"
    points = row.get("points", "")
    if points == "":
        return key, "", row.get("comment", "")
    value = _number(points)
    top = float(base["points_max"])
    if value is None:
        return f"{who}: points {points!r} is not a number"
    if not 0 <= value <= top:
        return f"{who}: points {points} is outside 0–{top:g}"
    return key, f"{value:g}", row.get("comment", "")


def merged(current: list[dict], path) -> tuple[list[dict], int]:
    """The reflections rows with the marks of the file at ``path``, and how many marks it set.

    Raises :class:`MarksError` naming every bad row; nothing is merged then.
    """
    rows, header = _read_csv(path)
    if not header:
        raise MarksError(f"{path}: no such file, or it is empty")
    missing = [c for c in ("student", "lesson", "question", "points") if c not in header]
    if missing:
        raise MarksError(f"{path}: no {', '.join(missing)} column (keep the header as written)")
    known = {(r["student"], r["lesson"], r["file"], r["question"]): r for r in current}
    errors, marks, seen = [], {}, set()
    for n, row in enumerate(rows, start=2):  # row 1 is the header, as a spreadsheet numbers it
        if not any(v.strip() for v in row.values()):
            continue
        got = _check_row(n, row, known)
        if isinstance(got, str):
            errors.append(got)
        elif got[0] in seen:
            errors.append(f"row {n}: {got[0][0]}, {got[0][3]} is given twice")
        else:
            seen.add(got[0])
            if got[1] != "" or got[2]:
                marks[got[0]] = got[1:]
    if errors:
        raise MarksError(f"{path}: nothing merged, {plural(len(errors), 'problem')}:\n  "
                         + "\n  ".join(errors[:50]))
    out = []
    for key, row in known.items():
        if key in marks:
            points, comment = marks[key]
            status = MARKED if points != "" else row["status"]
            row = {**row, "points": points or row["points"], "comment": comment, "status": status}
        out.append(row)
    return out, sum(1 for p, _ in marks.values() if p != "")


def _in_range(row: dict) -> bool:
    value, top = _number(row.get("points", "")), _number(row.get("points_max", ""))
    return value is not None and top is not None and 0 <= value <= top


def apply(rows: list[dict], reflections: list[dict], banks: dict) -> list[dict]:
    """Gradebook rows with the hand marks in (pure, and the same however often it is applied).

    Only rows ``--merge-marks`` checked count (status ``marked``): points typed into the file
    but not merged yet wait for the merge. A marked reflection's cell holds its points; ``total`` is the automatic points plus the
    hand marks; ``max`` counts the reflections of every lesson in which anything is marked, so
    that one lesson's maximum is the same for every student.
    """
    marked = {(r["file"], r["question"]): _number(r["points"]) for r in reflections
              if r.get("status") == MARKED and _in_range(r)}  # only what --merge-marks checked
    lessons = {r["lesson"] for r in reflections if (r["file"], r["question"]) in marked}
    out = []
    for row in rows:
        bank = banks.get(row.get("lesson", ""))
        if bank is None or row.get("lesson") not in lessons:
            out.append(row)
            continue
        row = dict(row)
        auto = [q for q in bank["questions"] if not is_reflection(q)]
        hand = [q for q in bank["questions"] if is_reflection(q)]
        for q in hand:
            if (row["file"], q["id"]) in marked:
                row[q["id"]] = f"{marked[(row['file'], q['id'])]:g}"
            elif _number(row.get(q["id"], "")) is not None:
                row[q["id"]] = "recorded"
        if row.get("total", "") != "":
            earned = sum(_number(row.get(q["id"], "")) or 0.0 for q in auto)
            earned += sum(marked.get((row["file"], q["id"]), 0.0) for q in hand)
            row["total"] = f"{round(earned, 2):g}"
        top = sum(float(q.get("points", 1)) for q in auto) + sum(points_max(q) for q in hand)
        row["max"] = f"{top:g}"
        out.append(row)
    return out


def for_feedback(reflections: list[dict], file: str) -> list[dict]:
    """The marked or commented reflections of one file, for the learner's feedback."""
    return [r for r in reflections if r["file"] == file and r["status"] == MARKED]
