"""Rosters and platform downloads: who a file belongs to, checked against the class list.

The pure parts (the roster's checks, the Canvas and Moodle names, matching) need no kernel;
one grading run of a small class (a Canvas download, a Moodle download, a stray folder, a
learner who handed in nothing) checks the gradebook, the exports and the feedback end to end.
"""
from __future__ import annotations

import csv

import markdown_it
import mistune
import pytest

from beyond_borders.grading import lms_names, roster, submissions
from tests.test_grading import RIGHT, WRONG, course, grade_cli, notebook, read_rows, save

ROSTER = """student_id,name,login,email,canvas_id
S001,Sara Khan,skhan,sara.khan@uni.example,12345
S002,Bilal Ahmed,bahmed,,23456
S003,Amina Rahimi,arahimi,amina@uni.example,
S004,Omid Karimi,okarimi,,
"""


def learners(text=ROSTER):
    return roster.parse(text, "roster.csv")


# ------------------------------------------------------------------ the roster where it enters

@pytest.mark.parametrize("text, words", [
    ("id,full name\nS1,Sara\n", ["needs the columns student_id, name", "'id', 'full name'"]),
    ("student_id,name\nS1,Sara\n,Bilal\nS3,\n", ["line 3: student_id is empty", "line 4: name is empty"]),
    ("student_id,name\nS1,Sara\ns1,Bilal\n", ["line 3: student_id 's1' is also on line 2"]),
    ("student_id,name,canvas_id\nS1,Sara,12a\n", ["line 2: canvas_id '12a' is not a number"]),
    ("student_id,name,login\nS1,Sara,x\nS2,Bilal,X\n", ["line 3: login 'X' is also on line 2"]),
    ("student_id,name\nS/1,Sara\n", ["line 2: student_id 'S/1' must be printable"]),
    ("student_id,name\n", ["lists no learners"]),
])
def test_a_bad_roster_is_refused_with_the_rows_named(text, words):
    with pytest.raises(roster.RosterError) as exc:
        roster.parse(text, "roster.csv")
    message = str(exc.value)
    assert message.startswith("roster.csv")
    for w in words:
        assert w in message


def test_a_roster_as_spreadsheets_save_it(tmp_path):
    """A BOM, columns in another order and case, blank lines and extra columns are fine."""
    path = tmp_path / "r.csv"
    path.write_bytes("\ufeffName,Student_ID,Section\nSara Khan,S001,A\n,,\nBilal  Ahmed,S002,B\n".encode())
    got = roster.load(path)
    assert [(x.student_id, x.name) for x in got.learners] == [("S001", "Sara Khan"), ("S002", "Bilal Ahmed")]
    (tmp_path / "latin.csv").write_bytes("student_id,name\nS1,Jos\xe9\n".encode("latin-1"))
    with pytest.raises(roster.RosterError, match="not UTF-8"):
        roster.load(tmp_path / "latin.csv")
    with pytest.raises(roster.RosterError, match="cannot read the roster"):
        roster.load(tmp_path / "absent.csv")


def test_the_command_line_says_what_is_wrong_with_a_roster_without_a_traceback(tmp_path, capsys):
    (tmp_path / "r.csv").write_text("student_id,name\nS1,Sara\nS1,Bilal\n", encoding="utf-8")
    (tmp_path / "subs").mkdir()
    code, out = grade_cli(str(tmp_path / "subs"), "--roster", str(tmp_path / "r.csv"),
                          "--out", str(tmp_path / "gb.csv"))
    err = capsys.readouterr().err
    assert code == 2 and "line 3: student_id 'S1' is also on line 2" in err
    assert "Traceback" not in err + out and not (tmp_path / "gb.csv").exists()


# ------------------------------------------------------------- the platforms' download names

@pytest.mark.parametrize("name, folders, want", [
    ("khansara_12345_67890_02_the_january_2024_strikes.ipynb", (),
     ("canvas", "khansara", "12345", False, "02_the_january_2024_strikes.ipynb")),
    ("khansara_late_12345_67890_02_x.ipynb", (), ("canvas", "khansara", "12345", True, "02_x.ipynb")),
    ("khansara_LATE_12345_67890_02_x-1.ipynb", (), ("canvas", "khansara", "12345", True, "02_x-1.ipynb")),
    ("02_x.ipynb", ("Sara Khan_998_assignsubmission_file_",),
     ("moodle", "Sara Khan", "998", False, "02_x.ipynb")),
    ("02_x.ipynb", ("week2", "Sara Khan_998_assignsubmission_file_"),  # a folder further down
     ("moodle", "Sara Khan", "998", False, "02_x.ipynb")),
    ("Bilal Ahmed_1002_assignsubmission_file_02_x.ipynb", (),
     ("moodle", "Bilal Ahmed", "1002", False, "02_x.ipynb")),
    ("sara.k__02_x.ipynb", ("ignored",), ("file", "sara.k", "", False, "02_x.ipynb")),
    ("02_x.ipynb", ("amina",), ("folder", "amina", "", False, "02_x.ipynb")),
])
def test_canvas_and_moodle_download_names_are_read(name, folders, want):
    claim, rest = lms_names.claim_for(name, folders)
    assert (claim.how, claim.name, claim.lms_id, claim.late, rest) == want


def test_names_that_are_not_a_platform_pattern_stay_what_they_were():
    assert lms_names.claim_for("02_the_january_2024_strikes.ipynb", ()) == (
        None, "02_the_january_2024_strikes.ipynb")
    assert submissions.lesson_from_name(lms_names.claim_for("khansara_1_2_07_x-2.ipynb", ())[1]) == "07"


@pytest.mark.parametrize("name, folders, student", [
    ("khansara_12345_67890_02_x.ipynb", (), "S001"),  # Canvas user id
    ("ahmedbilal_99999_1_02_x.ipynb", (), "S002"),  # Canvas lastfirst when the id is not known
    ("02_x.ipynb", ("Amina Rahimi_77_assignsubmission_file_",), "S003"),  # Moodle full name
    ("okarimi__02_x.ipynb", (), "S004"),  # login
    ("amina__02_x.ipynb", (), "S003"),  # e-mail before the @
    ("s001__02_x.ipynb", (), "S001"),  # the id, in any case
    ("02_x.ipynb", ("late",), ""),  # a folder that is nobody: never a student
    ("Participant_5_assignsubmission_file_02_x.ipynb", (), ""),  # Moodle blind marking
])
def test_a_name_counts_only_when_it_matches_one_learner(name, folders, student):
    got, _, problems = submissions.identify(name, folders, {}, learners())
    assert got == student
    assert bool(problems) == (not student)  # a name that matches nobody is said, and why


def test_two_learners_with_one_name_are_never_guessed():
    two = learners(ROSTER + "S005,Sara Khan,skhan2,,\n")
    got, _, problems = submissions.identify("Sara Khan_3_assignsubmission_file_02_x.ipynb", (), {}, two)
    assert got == "" and "matches 2 learners on the roster (S001, S005)" in problems[0]


def test_metadata_is_reported_only_when_it_disagrees():
    r = learners()
    agree = submissions.identify("khansara_12345_1_02_x.ipynb", (), {"student": "sara khan"}, r)
    assert agree[0] == "S001" and agree[2] == []
    other = submissions.identify("khansara_12345_1_02_x.ipynb", (), {"student": "Bilal Ahmed"}, r)
    assert other[0] == "S001" and "names student 'Bilal Ahmed', graded as 'S001'" in other[2][0]


# ----------------------------------------------------------------- one class, end to end

def _class(subs):
    n = lambda name, *code, **kw: save(subs / name, notebook(*code, **kw))  # noqa: E731
    n("khansara_12345_67890_02_the_january_2024_strikes.ipynb", RIGHT)
    n("khansara_late_12345_67891_02_the_january_2024_strikes-1.ipynb", WRONG)  # Sara again
    n("Bilal Ahmed_1002_assignsubmission_file_/02_the_january_2024_strikes.ipynb", RIGHT,
      meta={"student": "Amina Rahimi"})
    n("late/02_the_january_2024_strikes.ipynb", RIGHT)  # whose? nobody's: not graded
    n("okarimi__02_x.ipynb", 'answer_2_1 = "a"\nanswer_2_2 = 9.4\nanswer_2_3 = ["a", "b", "c"]')


def test_a_class_graded_with_a_roster(tmp_path):
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    with course(tmp_path):
        _class(tmp_path / "subs")
        code, out = grade_cli("subs", "--roster", "roster.csv", "--out", "gb.csv",
                              "--feedback", "fb", "--jobs", "2", "--export", "canvas", "canvas.csv")
        assert code == 0, out
        rows = read_rows("gb.csv")
        by = {(r["student"], r["file"]): r for r in rows}
        sara = [r for r in rows if r["student"] == "S001"]
        assert len(sara) == 2 and {r["status"] for r in sara} == {"duplicate"}
        assert any("Canvas marked this submission late" in r["problems"] for r in sara)
        bilal = by[("S002", "subs/Bilal Ahmed_1002_assignsubmission_file_/02_the_january_2024_strikes.ipynb")]
        assert (bilal["status"], bilal["total"]) == ("ok", "5")
        assert "metadata names student 'Amina Rahimi', graded as 'S002'" in bilal["problems"]
        stray = by[("", "subs/late/02_the_january_2024_strikes.ipynb")]
        assert (stray["status"], stray["total"], stray["2.1"]) == ("unknown_student", "", "")
        assert "'late' (from the folder) is not on the roster roster.csv" in stray["problems"]
        amina = by[("S003", "")]
        assert (amina["status"], amina["lesson"], amina["total"], amina["max"]) == ("missing", "02", "", "5")
        omid = by[("S004", "subs/okarimi__02_x.ipynb")]
        assert float(omid["total"]) * 2 == int(float(omid["total"]) * 2)  # whole or half points
        assert not any(r["student"] == "late" for r in rows)
        with open("canvas.csv", newline="", encoding="utf-8") as fh:
            canvas = list(csv.DictReader(fh))
        assert [(r["Student"], r["ID"], r["SIS User ID"], r["SIS Login ID"]) for r in canvas[1:]] == [
            ("Sara Khan", "12345", "S001", "skhan"), ("Bilal Ahmed", "23456", "S002", "bahmed"),
            ("Amina Rahimi", "", "S003", "arahimi"), ("Omid Karimi", "", "S004", "okarimi")]
        lesson = next(k for k in canvas[0] if k.startswith("Lesson 02"))
        assert [r[lesson] for r in canvas[1:]] == ["", "5", "", omid["total"]]
        code, _ = grade_cli("--roster", "roster.csv", "--out", "gb.csv", "--export", "moodle", "m.csv")
        with open("m.csv", newline="", encoding="utf-8") as fh:
            moodle = list(csv.DictReader(fh))
        assert code == 0 and [(r["Username"], r["ID number"], r["Full name"]) for r in moodle][:2] == [
            ("skhan", "S001", "Sara Khan"), ("bahmed", "S002", "Bilal Ahmed")]
        # A re-run keeps everything, missing rows included, and grades nothing again.
        code, out = grade_cli("subs", "--roster", "roster.csv", "--out", "gb.csv", "--feedback", "fb")
        assert code == 0 and "grading 0 of 5 submissions (5 unchanged)" in out
        assert read_rows("gb.csv") == rows


HOSTILE = "[x](http:evil) <script>alert(1)<\\script> `tick` www.evil.example \n# heading"


def test_feedback_files_never_collide_and_never_carry_markup_or_run_again_advice(tmp_path):
    names = ["a b", "a_b", "Ali", "ali", HOSTILE]
    with course(tmp_path):
        for who in names:
            save(tmp_path / "subs" / f"{who}__02_x.ipynb",
                 notebook('answer_2_1 = "a"\nanswer_2_2 = ...\nanswer_2_4 = "31/31/2024"\nanswer_2_5 = "too short"',
                          "import os\nraise ValueError('SECRET ' + os.getcwd())"))
        code, out = grade_cli("subs", "--out", "gb.csv", "--feedback", "fb", "--jobs", "2")
        assert code == 0, out
        files = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "fb").iterdir()}
    assert len(files) == len(names)  # five students, five files: none overwrote another
    for who in names:
        mine = [t for t in files.values() if t.startswith(f"# Feedback") and
                f"Student: {__import__('beyond_borders.grading.feedback', fromlist=['x']).text(who)}\n" in t]
        assert len(mine) == 1, who
    text = "".join(files.values())
    assert "<script>" not in text and "\n# heading" not in text
    for page in files.values():  # rendered as a learner's viewer would: nothing live
        for html in (markdown_it.MarkdownIt("commonmark").render(page),
                     mistune.create_markdown(plugins=["url", "strikethrough", "table"])(page)):
            assert "<script" not in html and "<a " not in html and "<code>" not in html
            assert html.count("<h1>") == 1
        if "tick" in page:
            assert "&lt;script&gt;alert(1)&lt;\\script&gt; `tick`" in html  # shown as typed
    for advice in ("run the cell", "Run All", "Shift", "try again", "Traceback", "SECRET",
                   "Not yet", "Not answered yet"):
        assert advice.lower() not in text.lower()
    assert "No answer to this question was found in the notebook you handed in." in text
    assert "raised ValueError" in text  # the error's name and cell are for the learner; its text is not


def test_the_progress_line_never_sends_a_file_names_control_characters_to_the_terminal():
    from beyond_borders.grading import write
    row = {"student": "eve\x1b[2J", "lesson": "02", "file": "subs/eve\x1b[2J\n__02_x.ipynb", "total": ""}
    line = write.progress_line(1, 1, row, "ok", "note\x07")
    assert "\x1b" not in line and "\n" not in line and "\x07" not in line
    assert "eve\\x1b[2J\\n__02_x.ipynb" in line


def test_totals_are_whole_or_half_points_and_missing_rows_fill_the_roster():
    from beyond_borders.grading import gradebook
    rows = [{"student": "S1", "lesson": "02", "file": "a", "total": "3.33", "max": "5"},
            {"student": "S1", "lesson": "03", "file": "b", "total": "0.25", "max": "1"},
            {"student": "", "lesson": "02", "file": "c", "total": "", "max": "5"}]
    halved = gradebook.halve_totals(rows)
    assert [r["total"] for r in halved] == ["3.5", "0.5", ""]
    full = gradebook.with_missing(halved, ["S1", "S2"], {"02": "5", "03": "1"})
    missing = [(r["student"], r["lesson"], r["max"]) for r in full if r.get("status") == gradebook.MISSING]
    assert missing == [("S2", "02", "5"), ("S2", "03", "1")]
