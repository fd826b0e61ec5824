"""Exports a learning platform imports: the exact Canvas and Moodle layouts, half points."""
from __future__ import annotations

import contextlib
import io

import pytest

from beyond_borders import cli
from beyond_borders.grading import exports, gradebook
from tests.test_grading import KEY, KEY3, course, loaded, read_rows

BANKS = {"02": loaded(KEY), "03": loaded(KEY3)}


def rows():
    def r(student, lesson, file, total, status="ok", mx="5"):
        return {"student": student, "lesson": lesson, "file": file, "total": total, "max": mx,
                "status": status, "problems": "", "sha256": file}
    return [r("amy", "02", "a2", "3.25"), r("amy", "03", "a3", "1", mx="1"),
            r("bo", "02", "b2", "4.7"), r("bo", "03", "b3", "", status="kernel_died", mx="1"),
            r("cy", "02", "c2a", "2", status="duplicate"), r("cy", "02", "c2b", "5", status="duplicate"),
            r("", "02", "anon", "5", status="unknown_student")]


def export_cli(tmp_path, layout):
    gradebook.write(tmp_path / "gb.csv", rows(), gradebook.columns(rows()))
    buf = io.StringIO()
    with course(tmp_path), contextlib.redirect_stdout(buf):
        code = cli.main(["grade", "--out", "gb.csv", "--export", layout, "out.csv"])
    return code, buf.getvalue()


def test_canvas_layout_header_points_possible_and_a_row(tmp_path):
    code, printed = export_cli(tmp_path, "canvas")
    assert code == 0 and "canvas export: 3 students in out.csv" in printed
    assert "cy, lesson 02: several notebooks; left empty" in printed
    text = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert text[0] == ("Student,ID,SIS User ID,SIS Login ID,Section,"
                       "Lesson 02: Test strikes,Lesson 03: Test militancy")
    assert text[1] == "Points Possible,,,,,5,1"
    assert text[2:] == ["amy,,,amy,,3.5,1", "bo,,,bo,,4.5,", "cy,,,cy,,,"]


def test_moodle_layout_header_and_a_row(tmp_path):
    code, _ = export_cli(tmp_path, "moodle")
    assert code == 0
    got = read_rows(tmp_path / "out.csv")
    assert list(got[0]) == ["Username", "Lesson 02: Test strikes", "Lesson 03: Test militancy"]
    assert got[0] == {"Username": "amy", "Lesson 02: Test strikes": "3.5",
                      "Lesson 03: Test militancy": "1"}
    assert [r["Username"] for r in got] == ["amy", "bo", "cy"]


@pytest.mark.parametrize("value, want", [(3.2, "3"), (3.25, "3.5"), (3.74, "3.5"), (3.75, "4"),
                                         (0, "0"), (12, "12")])
def test_points_are_whole_or_half(value, want):
    assert exports.half(value) == want


def test_an_unknown_layout_or_the_gradebook_as_target_is_refused(tmp_path):
    gradebook.write(tmp_path / "gb.csv", rows(), gradebook.columns(rows()))
    err = io.StringIO()
    with course(tmp_path), contextlib.redirect_stderr(err):
        assert cli.main(["grade", "--out", "gb.csv", "--export", "blackboard", "x.csv"]) == 2
        assert cli.main(["grade", "--out", "gb.csv", "--export", "canvas", "gb.csv"]) == 2
        assert cli.main(["grade", "--out", "none.csv", "--export", "canvas", "x.csv"]) == 2
    assert "'blackboard' is not one of canvas, moodle" in err.getvalue()
    assert "is the gradebook" in err.getvalue() and "no gradebook at none.csv" in err.getvalue()
    assert read_rows(tmp_path / "gb.csv")[0]["student"] == "amy"
