"""``beyond-borders grade --merge-marks FILE``: hand marks of reflections into gradebook and feedback.

Nothing runs: the marks file is checked row by row (``manual.merged``; one bad row and nothing
changes), then the reflections file, the gradebook (totals and maxima, ``manual.apply``), the
grader's record of it and the feedback of every student with a marked reflection are rewritten.
"""
from __future__ import annotations

from pathlib import Path

from beyond_borders.grading import banks as qbanks
from beyond_borders.grading import gradebook
from beyond_borders.grading import manual
from beyond_borders.grading import state
from beyond_borders.grading import write


def merge_marks(marks_file, out="gradebook.csv", feedback_dir="feedback") -> tuple[int, list[str]]:
    """``(marks set, feedback files written)``; raises ``manual.MarksError`` or
    ``gradebook.GradebookError`` with a message for the instructor."""
    out = Path(out)
    rows, header = gradebook.read(out)
    if not header:
        raise gradebook.GradebookError(f"no gradebook at {out}: run grade first (or give --out)")
    current = manual.read(manual.path_for(out))
    if not current:
        raise manual.MarksError(f"no reflections to mark in {manual.path_for(out)}: run grade first")
    reflections, count = manual.merged(current, marks_file)
    snap = qbanks.snapshot()
    final = gradebook.halve_totals(manual.apply(rows, reflections, snap.banks))
    manual.write(manual.path_for(out), reflections)
    gradebook.write(out, final, header)
    state.save(out, final)
    fb = write.Feedback(Path(feedback_dir), snap.banks)
    fb.reflections = reflections
    done, written = set(), []
    for row in final:
        who = (row["student"], row["lesson"]) if row["student"] else (row["file"],)
        if who in done or not manual.for_feedback(reflections, row["file"]):
            continue
        done.add(who)
        written.append(str(fb.write_for(final, row)))
    return count, written
