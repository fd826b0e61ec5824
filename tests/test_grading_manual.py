"""Reflections marked by hand: exported with their text, marks merged, kept across re-grades.

The end-to-end test grades three small notebooks in real kernels (test banks of
``test_grading``); the rest needs no kernel.
"""
from __future__ import annotations

import contextlib
import csv
import io
from pathlib import Path

import pytest

from beyond_borders import cli
from beyond_borders.checks.marking import Mark
from beyond_borders.grading import collect, manual, outcome
from beyond_borders.grading.submissions import Submission
from tests.test_grading import KEY, RIGHT, course, grade_cli, loaded, notebook, read_rows, save

BANK = loaded(KEY)
REFLECTION = "Pakistan answered\nwith \"precision\" strikes, and it's contested."


def result(answers, *cells, file="amy__02_x.ipynb", student="amy"):
    sub = Submission(path=Path(file), file=file, student=student, lesson="02", sha256="s",
                     notebook=notebook(*cells))
    marks = [(q, Mark(q["id"], "recorded", 0.0, 0.0, "")) for q in BANK["questions"]]
    return outcome.Result(sub, "ok", [], marks, answers=answers)


def write_marks(path: Path, rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def merge_cli(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["grade", "--merge-marks", *args])
    return code, out.getvalue(), err.getvalue()


# ------------------------------------------------------------------------- what is exported

@pytest.mark.parametrize("value", [collect.Unreadable("str", "too large"), None, ...,
                                   collect.Unreadable("MyText")])
def test_a_reflection_the_grader_cannot_read_is_exported_as_typed(value):
    cell = "%%reflection 2.5\n" + REFLECTION
    (row,) = manual.rows_for(result({"2.5": value}, cell), BANK)
    assert row["text"] == REFLECTION
    assert row["status"] == manual.TO_MARK and row["words"] == "8"
    assert (row["question"], row["prompt"], row["points"], row["comment"]) == ("2.5", "reflection", "", "")
    assert row["points_max"] == "2" and "at least 5 words" in row["rubric"]


def test_an_unreadable_value_without_a_cell_says_what_it_was_not_unanswered():
    (row,) = manual.rows_for(result({"2.5": collect.Unreadable("Thing")}), BANK)
    assert "Thing" in row["text"] and row["status"] == manual.TO_MARK
    (row,) = manual.rows_for(result({}), BANK)
    assert (row["text"], row["status"]) == ("", manual.EMPTY)


def test_the_rubric_is_the_keys_explanation_read_from_the_sealed_bank():
    bank = loaded(dict(KEY, questions=[dict(q, explanation="RUBRIC-EXPLAINED")
                                       if q["type"] == "open" else q for q in KEY["questions"]]))
    assert "RUBRIC-EXPLAINED" not in str(bank)  # sealed: obscured
    (row,) = manual.rows_for(result({"2.5": "text"}), bank)
    assert row["rubric"] == "asks for at least 5 words; RUBRIC-EXPLAINED"


def test_the_collected_string_wins_and_a_rubric_in_the_bank_is_used():
    bank = loaded(dict(KEY, questions=[dict(q, rubric="R: two sources", rubric_points=4)
                                       if q["type"] == "open" else q for q in KEY["questions"]]))
    (row,) = manual.rows_for(result({"2.5": "typed as a string"}, "%%reflection 2.5\nother"), bank)
    assert (row["text"], row["rubric"], row["points_max"]) == ("typed as a string", "R: two sources", "4")


def test_a_mark_survives_the_same_text_and_is_flagged_when_the_text_changed():
    old = manual.rows_for(result({"2.5": REFLECTION}), BANK)
    old = [dict(old[0], points="1.5", comment="good", status=manual.MARKED)]
    same = manual.update(old, [result({"2.5": REFLECTION})], {"02": BANK}, {"amy__02_x.ipynb"})
    assert (same[0]["points"], same[0]["comment"], same[0]["status"]) == ("1.5", "good", manual.MARKED)
    changed = manual.update(old, [result({"2.5": REFLECTION + " More."})], {"02": BANK},
                            {"amy__02_x.ipynb"})
    assert (changed[0]["points"], changed[0]["status"]) == ("", manual.CHANGED)
    assert "earlier mark 1.5" in changed[0]["comment"]
    kept = manual.update(old, [], {"02": BANK}, {"amy__02_x.ipynb"})
    assert kept == old
    assert manual.update(old, [], {"02": BANK}, set()) == []  # the file went


def test_marks_go_into_totals_and_maxima_and_applying_twice_changes_nothing():
    rows = [{"student": "amy", "lesson": "02", "file": "a", "2.1": "1", "2.2": "0", "2.3": "2",
             "2.4": "0.5", "2.5": "recorded", "total": "3.5", "max": "5"},
            {"student": "bo", "lesson": "02", "file": "b", "2.1": "0", "2.2": "0", "2.3": "0",
             "2.4": "0", "2.5": "recorded", "total": "0", "max": "5"},
            {"student": "cy", "lesson": "03", "file": "c", "3.1": "1", "total": "1", "max": "1"}]
    marks = [{"file": "a", "lesson": "02", "question": "2.5", "points": "1.5", "points_max": "2",
              "status": manual.MARKED},
             {"file": "b", "lesson": "02", "question": "2.5", "points": "", "points_max": "2",
              "status": manual.TO_MARK}]
    once = manual.apply(rows, marks, {"02": BANK})
    assert [(r.get("2.5"), r["total"], r["max"]) for r in once] == [
        ("1.5", "5", "7"), ("recorded", "0", "7"), (None, "1", "1")]
    assert manual.apply(once, marks, {"02": BANK}) == once
    assert manual.apply(once, [], {"02": BANK})[0]["2.5"] == "1.5"  # no marks: the lesson is left alone
    typed = [dict(marks[0], status=manual.TO_MARK), dict(marks[1], points="9", status=manual.MARKED)]
    assert manual.apply(rows, typed, {"02": BANK}) == rows  # not merged, or out of range: not counted


# ------------------------------------------------------------------------- the file handed back

def current_rows():
    return [manual.rows_for(result({"2.5": REFLECTION}, file=f"{s}__02_x.ipynb", student=s), BANK)[0]
            for s in ("amy", "bo")]


@pytest.mark.parametrize("change, message", [
    ({"student": "zed"}, "row 2 (zed, 2.5): no student 'zed'"),
    ({"question": "2.9"}, "row 2 (amy, 2.9): lesson '02' has no reflection '2.9'"),
    ({"points": "2.5"}, "row 2 (amy, 2.5): points 2.5 is outside 0–2"),
    ({"points": "-1"}, "row 2 (amy, 2.5): points -1 is outside 0–2"),
    ({"points": "good"}, "row 2 (amy, 2.5): points 'good' is not a number"),
    ({"points": "nan"}, "row 2 (amy, 2.5): points 'nan' is not a number"),
    ({"text_sha256": "0" * 64}, "row 2 (amy, 2.5): the text changed"),
])
def test_a_bad_row_is_named_and_nothing_is_merged(tmp_path, change, message):
    rows = current_rows()
    write_marks(tmp_path / "m.csv", [dict(rows[0], **change), dict(rows[1], points="2")])
    with pytest.raises(manual.MarksError) as err:
        manual.merged(rows, tmp_path / "m.csv")
    assert message in str(err.value) and "nothing merged, 1 problem" in str(err.value)


def test_good_marks_merge_and_a_file_without_columns_is_refused(tmp_path):
    rows = current_rows()
    write_marks(tmp_path / "m.csv", [dict(rows[0], points="1.5", comment="clear"), rows[1]])
    new, count = manual.merged(rows, tmp_path / "m.csv")
    assert count == 1
    assert [(r["points"], r["comment"], r["status"]) for r in new] == [
        ("1.5", "clear", manual.MARKED), ("", "", manual.TO_MARK)]
    (tmp_path / "bad.csv").write_text("who,score\namy,1\n", encoding="utf-8")
    with pytest.raises(manual.MarksError, match="no student, lesson, question, points column"):
        manual.merged(rows, tmp_path / "bad.csv")


# ------------------------------------------------------------------------- grade, mark, re-grade

def test_grade_mark_merge_and_regrade(tmp_path):
    with course(tmp_path):
        subs = tmp_path / "in"
        save(subs / "amy__02_a.ipynb", notebook(RIGHT.rsplit("\n", 1)[0], "answer_2_5 = 42",
                                                "%%capture\n" + "x = 1"))
        save(subs / "bo__02_b.ipynb", notebook(RIGHT))
        code, _ = grade_cli("in", "--out", "gb.csv", "--feedback", "fb")
        assert code == 0
        exported = {r["student"]: r for r in read_rows("gb-reflections.csv")}
        assert exported["amy"]["text"] == "42" and exported["amy"]["status"] == manual.TO_MARK
        assert exported["bo"]["text"] == "one two three four five six"
        assert list(read_rows("gb-reflections.csv")[0]) == manual.COLUMNS

        marks = [dict(exported["amy"], points="x"), dict(exported["bo"], points="2")]
        write_marks(tmp_path / "marked.csv", marks)
        code, out, err = merge_cli("marked.csv", "--out", "gb.csv", "--feedback", "fb")
        assert code == 2 and "row 2 (amy, 2.5): points 'x' is not a number" in err
        assert "Traceback" not in err and read_rows("gb.csv")[1]["total"] == "5"

        marks[0]["points"] = "0.5"
        marks[1]["comment"] = "Well argued."
        write_marks(tmp_path / "marked.csv", marks)
        code, out, err = merge_cli("marked.csv", "--out", "gb.csv", "--feedback", "fb")
        assert code == 0, err
        assert "merged 2 marks" in out
        book = {r["student"]: r for r in read_rows("gb.csv")}
        assert [(book[s]["2.5"], book[s]["total"], book[s]["max"]) for s in ("amy", "bo")] == [
            ("0.5", "5.5", "7"), ("2", "7", "7")]
        fb = (tmp_path / "fb" / "bo__lesson_02.md").read_text(encoding="utf-8")
        assert "2.5 reflection: 2 of 2 points — Well argued." in fb

        code, _ = grade_cli("in", "--out", "gb.csv", "--feedback", "fb")  # unchanged: rows kept
        assert {r["student"]: r["total"] for r in read_rows("gb.csv")} == {"amy": "5.5", "bo": "7"}
        save(subs / "bo__02_b.ipynb", notebook(RIGHT.replace("six", "six seven")))
        code, _ = grade_cli("in", "--out", "gb.csv", "--feedback", "fb", "--force")
        assert code == 0
        again = {r["student"]: r for r in read_rows("gb-reflections.csv")}
        assert (again["amy"]["points"], again["amy"]["status"]) == ("0.5", manual.MARKED)
        assert (again["bo"]["points"], again["bo"]["status"]) == ("", manual.CHANGED)
        assert {r["student"]: r["total"] for r in read_rows("gb.csv")} == {"amy": "5.5", "bo": "5"}
