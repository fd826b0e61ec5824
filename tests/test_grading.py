"""The grader: hostile submissions of every kind give exact rows, and nothing fakes a grade.

One run grades a class of 24 small files (built here with nbformat) against test banks sealed
with ``bank.seal`` and monkeypatched in; the other tests need no kernel, except the re-run test
(three small notebooks).
"""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from beyond_borders import cli
from beyond_borders.checks import bank
from beyond_borders.grading import collect, feedback, gradebook, submissions
from beyond_borders.grading import outcome
from beyond_borders.checks.marking import Mark

KEY = {
    "lesson": "02", "title": "Test strikes", "salt": "grading-test",
    "questions": [
        {"id": "2.1", "type": "single_choice", "short": "target", "points": 1,
         "options": {"a": "Panjgur", "b": "Saravan", "c": "Quetta"}, "answer": "a",
         "feedback": {"b": "Saravan is in Iran."}, "explanation": "EXPLAIN-1", "hint": "HINT-1"},
        {"id": "2.2", "type": "numeric", "short": "toll", "points": 1, "answer": 9,
         "explanation": "EXPLAIN-2", "hint": "HINT-2"},
        {"id": "2.3", "type": "multiple_choice", "short": "steps", "points": 2,
         "options": {"a": "A", "b": "B", "c": "C", "d": "D"}, "answer": ["a", "c"],
         "explanation": "EXPLAIN-3", "hint": "HINT-3"},
        {"id": "2.4", "type": "date", "short": "date", "points": 1, "answer": "2024-01-16",
         "partial": "month"},
        {"id": "2.5", "type": "open", "short": "reflection", "min_words": 5},
    ],
}
KEY3 = {"lesson": "03", "title": "Test militancy", "salt": "grading-test-3",
        "questions": [{"id": "3.1", "type": "text", "short": "group", "points": 1,
                       "answer": "Jaish al-Adl", "explanation": "EXPLAIN-31", "hint": "HINT-31"}]}
FORGED = dict(KEY, questions=[dict(q, answer=a) for q, a in zip(
    KEY["questions"], ["b", 7, ["b"], "2023-05-05", None])])

RIGHT = ('answer_2_1 = "a"\nanswer_2_2 = 9\nanswer_2_3 = ["a", "c"]\nanswer_2_4 = "2024-01-16"\n'
         'answer_2_5 = "one two three four five six"')
WRONG = 'answer_2_1 = "b"\nanswer_2_2 = 7\nanswer_2_3 = ["b"]\nanswer_2_4 = "2023-05-05"\nanswer_2_5 = ...'
ALL_RIGHT = {"2.1": "1", "2.2": "1", "2.3": "2", "2.4": "1", "2.5": "recorded", "total": "5"}
ALL_WRONG = {"2.1": "0", "2.2": "0", "2.3": "0", "2.4": "0", "2.5": "unanswered", "total": "0"}
NOT_MARKED = {"2.1": "", "2.2": "", "2.3": "", "2.4": "", "2.5": "", "total": ""}


def loaded(key):
    b = bank.seal(key)
    b["by_id"] = {q["id"]: q for q in b["questions"]}
    return b


def notebook(*code, lesson="02", meta=None):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# An exercise")] + [nbformat.v4.new_code_cell(c) for c in code]
    if lesson is not None:
        nb.metadata["beyond_borders"] = {"lesson": lesson, "kind": "exercise", **(meta or {})}
    return nb


def save(path: Path, nb) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


@contextlib.contextmanager
def course(tmp: Path):
    """A question folder holding the sealed test banks, with the package pointed at it."""
    qdir = tmp / "questions"
    qdir.mkdir()
    for key in (KEY, KEY3):
        (qdir / f"{key['lesson']}.json").write_text(json.dumps(bank.seal(key), indent=1), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(bank, "QUESTION_DIR", qdir)
        mp.chdir(tmp)
        bank.load_lesson.cache_clear()
        try:
            yield qdir
        finally:
            bank.load_lesson.cache_clear()


def grade_cli(*args) -> tuple[int, str]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = cli.main(["grade", *args])
    return code, buf.getvalue()


def read_rows(path="gradebook.csv"):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# --------------------------------------------------------------------- one run, many hostile files

def build_submissions(subs: Path, qdir: Path) -> None:
    n = lambda name, *code, **kw: save(subs / name, notebook(*code, **kw))  # noqa: E731
    n("alice__02_the_january_2024_strikes.ipynb", RIGHT,
      "from beyond_borders import check\ncheck('2.1', answer_2_1)")
    n("bob/02_the_january_2024_strikes.ipynb", 'answer_2_1 = "a"', "1/0",
      'answer_2_2 = 9\nanswer_2_3 = ["a"]\nanswer_2_4 = "2024-01-20"\nanswer_2_5 = ...')
    n("carol__02_x.ipynb", "while True: pass", RIGHT)
    n("dan__02_x.ipynb", RIGHT, "import os\nos._exit(1)")
    n("erin__02_x.ipynb", RIGHT, 'print("x" * 300_000)')
    (subs / "fay__02_x.ipynb").write_text('{"cells": [', encoding="utf-8")
    (subs / "fay__02_notes.txt").write_text("my answers are in the notebook", encoding="utf-8")
    (subs / "gail__02_y.ipynb").write_text('{"hello": "world"}', encoding="utf-8")
    n("gus__42_unknown.ipynb", RIGHT, lesson="42")
    n("hana__02_the_january_2024_strikes.ipynb", RIGHT, lesson=None)
    n("ivan/02_a.ipynb", RIGHT)
    n("ivan__02_b.ipynb", WRONG)
    # Tampering: each answers wrongly and then tries to look right.
    n("jon__02_x.ipynb", WRONG, "from beyond_borders.checks import exercise as checks, marking\n"
      "import beyond_borders\n"
      "def check(*args, **kwargs):\n    return '✔ 2.1: Correct — 1/1 point'\n"
      "marking.mark = lambda *a, **k: marking.Mark('2.1', 'correct', 1.0, 1.0)\n"
      "checks.mark = marking.mark\nbeyond_borders.check = check\nprint(check('2.1', answer_2_1))")
    n("kim__02_x.ipynb", WRONG, "for q in ['2.1', '2.2', '2.3', '2.4']:\n"
      "    print(f'✔ {q}: Correct — 1/1 point')\n"
      "from IPython.display import HTML\nHTML('<b>Correct</b> 5/5')")
    forged = json.dumps(bank.seal(FORGED))
    n("lee__02_x.ipynb", WRONG, f"open({str(qdir / '02.json')!r}, 'w').write({forged!r})",
      "import beyond_borders.checks.bank as b\ntry:\n    b.load_lesson('02')['questions'].clear()\n"
      "except KeyError:\n    pass\nb.QUESTION_DIR = b.QUESTION_DIR.parent / 'nowhere'")
    n("mia__02_x.ipynb", "import numpy as np, pandas as pd\nanswer_2_1 = object()\n"
      "answer_2_2 = np.int64(9)\nanswer_2_3 = ('a', 'c')\nanswer_2_4 = pd.Timestamp('2024-01-16')\n"
      "answer_2_5 = {'a set'}\nlist = str = type = json = None  # shadowed builtins")
    n("ned__02_x.ipynb", 'answer_2_1 = "a"',
      "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    time.sleep(0.01)")
    os.symlink(subs / "nowhere.ipynb", subs / "olga__02_x.ipynb")
    n("02_the_january_2024_strikes.ipynb", RIGHT)
    n("pat__02_x.ipynb", 'answer_2_1 = "a"\nanswer_2_99 = 1')
    n("quinn_submission.ipynb", RIGHT, meta={"student": "quinn"})
    n("rita__03_x.ipynb", 'answer_3_1 = "jaish al adl"', lesson="03")
    # 200 KB of nested "[": the JSON parser gives up with RecursionError (it once aborted the run).
    (subs / "zed__02_x.ipynb").write_text('{"cells": [' + "[" * 200_000, encoding="utf-8")
    (subs / ".ipynb_checkpoints").mkdir()
    save(subs / ".ipynb_checkpoints" / "alice__02_x-checkpoint.ipynb", notebook(WRONG))


def grade_a_class(tmp: Path) -> dict:
    with course(tmp) as qdir:
        before = (qdir / "02.json").read_bytes()
        build_submissions(tmp / "subs", qdir)
        code, out = grade_cli("subs", "--out", "gradebook.csv", "--feedback", "feedback",
                              "--jobs", "2", "--cell-timeout", "3", "--notebook-timeout", "8",
                              "--max-output-bytes", "100000")
        rows = {r["file"]: r for r in read_rows(tmp / "gradebook.csv")}
        return {"tmp": tmp, "code": code, "out": out, "rows": rows, "qdir": qdir, "bank_before": before,
               "feedback": {p.name: p.read_text(encoding="utf-8") for p in (tmp / "feedback").iterdir()}}


CASES = {
    "subs/alice__02_the_january_2024_strikes.ipynb": ("alice", "02", "ok", ALL_RIGHT, ""),
    "subs/bob/02_the_january_2024_strikes.ipynb": (
        "bob", "02", "errors_in_cells",
        {"2.1": "1", "2.2": "1", "2.3": "1", "2.4": "0.5", "2.5": "unanswered", "total": "3.5"},
        "cell 3 (`1/0`) raised ZeroDivisionError"),
    "subs/carol__02_x.ipynb": ("carol", "02", "timeout", ALL_RIGHT,
                               "cell 2 (`while True: pass`) ran over the 3 s cell limit and was interrupted"),
    "subs/dan__02_x.ipynb": ("dan", "02", "kernel_died", NOT_MARKED,
                             "the kernel died in cell 3 (`import os`), so no answers could be collected"),
    "subs/erin__02_x.ipynb": ("erin", "02", "output_capped", ALL_RIGHT,
                              "cell 3 (`print(\"x\" * 300_000)`) printed 0.3 MB, output cut at 100,000 bytes"),
    "subs/fay__02_x.ipynb": ("fay", "02", "invalid_notebook", NOT_MARKED,
                             "not valid JSON (line 1, column 12): the file may be cut short or edited "
                             "outside Jupyter"),
    "subs/gail__02_y.ipynb": ("gail", "02", "invalid_notebook", NOT_MARKED,
                             "valid JSON, but not a Jupyter notebook (no list of cells)"),
    "subs/fay__02_notes.txt": ("fay", "02", "not_a_notebook", NOT_MARKED,
                               "not a notebook (.txt): only .ipynb files are graded"),
    "subs/gus__42_unknown.ipynb": ("gus", "42", "unknown_lesson", NOT_MARKED,
                                   "no question bank for lesson 42 (lessons with questions: 02, 03)"),
    "subs/hana__02_the_january_2024_strikes.ipynb": (
        "hana", "02", "ok", ALL_RIGHT,
        "lesson 02 taken from the file name: the notebook metadata has no beyond_borders.lesson"),
    "subs/jon__02_x.ipynb": ("jon", "02", "ok", ALL_WRONG, ""),
    "subs/kim__02_x.ipynb": ("kim", "02", "ok", ALL_WRONG, ""),
    "subs/mia__02_x.ipynb": ("mia", "02", "ok",
                             {"2.1": "0", "2.2": "1", "2.3": "2", "2.4": "1", "2.5": "invalid", "total": "4"}, ""),
    "subs/ned__02_x.ipynb": ("ned", "02", "timeout", NOT_MARKED,
                             "still running 8 s after it started and it would not stop when interrupted: "
                             "the kernel was killed and no answers could be collected"),
    "subs/olga__02_x.ipynb": ("olga", "02", "not_a_regular_file", NOT_MARKED,
                              "a symbolic link: only regular files are read, so it was not graded"),
    "subs/02_the_january_2024_strikes.ipynb": (  # reported, never graded under anyone's name
        "", "02", "unknown_student", NOT_MARKED,
        "student not identified, so it was not graded: name the file <student>__NN_....ipynb or "
        "put it in a folder <student>/"),
    "subs/pat__02_x.ipynb": (
        "pat", "02", "ok", {"2.1": "1", "2.2": "0", "2.3": "0", "2.4": "0", "2.5": "unanswered", "total": "1"},
        "no variable for 2.2, 2.3, 2.4, 2.5 | answer_2_99: no such question in lesson 02 (ignored)"),
    "subs/quinn_submission.ipynb": (  # the metadata is the learner's to write: never trusted
        "", "02", "unknown_student", NOT_MARKED,
        "the notebook metadata names student 'quinn', which is not used: only the file name or "
        "folder identifies a student | student not identified, so it was not graded: name the "
        "file <student>__NN_....ipynb or put it in a folder <student>/"),
    "subs/zed__02_x.ipynb": ("zed", "02", "invalid_notebook", NOT_MARKED,
                             "not a notebook: its JSON is nested too deeply to read"),
}


def check_each_row(graded):
    bad = []
    for file, (student, lesson, status, cells, problems) in CASES.items():
        row = graded["rows"][file]
        want = {"student": student, "lesson": lesson, "status": status, **cells, "problems": problems,
                "max": "5" if lesson == "02" else "", "3.1": ""}
        got = {k: row[k] for k in want}
        if got != want:
            bad.append(f"{file}:\n  got  {got}\n  want {want}")
    assert not bad, "\n".join(bad)


def check_the_whole_gradebook(graded):
    rows = graded["rows"]
    assert graded["code"] == 0
    assert len(rows) == len(CASES) + 4  # + the two duplicates, lee and the lesson 03 notebook
    header = next(csv.reader(open(graded["tmp"] / "gradebook.csv", encoding="utf-8")))
    assert header == ["student", "lesson", "file", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1",
                      "total", "max", "status", "problems", "sha256"]
    rita = rows["subs/rita__03_x.ipynb"]
    assert (rita["status"], rita["3.1"], rita["total"], rita["max"], rita["2.1"]) == ("ok", "1", "1", "1", "")
    assert not any("checkpoint" in f for f in rows)  # hidden folders are skipped
    import hashlib
    alice = graded["tmp"] / "subs/alice__02_the_january_2024_strikes.ipynb"
    assert rows[str(alice.relative_to(graded["tmp"]))]["sha256"] == hashlib.sha256(alice.read_bytes()).hexdigest()
    assert rows["subs/olga__02_x.ipynb"]["sha256"] == ""
    assert not list(graded["tmp"].glob(".gradebook.csv.*"))  # no temporary file left behind


def check_duplicates_are_both_reported_and_graded(graded):
    a, b = graded["rows"]["subs/ivan/02_a.ipynb"], graded["rows"]["subs/ivan__02_b.ipynb"]
    assert a["status"] == b["status"] == "duplicate"
    assert (a["total"], b["total"]) == ("5", "0")
    assert a["problems"] == ("duplicate: ivan has 2 notebooks for lesson 02 (also subs/ivan__02_b.ipynb); "
                             "each is graded here — remove the file that should not count and re-run. "
                             "Graded as ok")
    text = graded["feedback"]["ivan__lesson_02.md"]
    assert "## Notebook " + feedback.text("02_a.ipynb") in text and "## Notebook " + feedback.text("ivan__02_b.ipynb") in text
    assert "more than one notebook" in text


def check_tampering_inside_the_kernel_changes_nothing(graded):
    for who in ("jon", "kim", "lee"):
        assert graded["rows"][f"subs/{who}__02_x.ipynb"]["total"] == "0"
    # lee tried to overwrite the grader's bank file: the sandbox does not even show it.
    assert (graded["qdir"] / "02.json").read_bytes() == graded["bank_before"]
    lee = graded["rows"]["subs/lee__02_x.ipynb"]
    assert (lee["status"], lee["total"]) == ("errors_in_cells", "0")
    assert "raised FileNotFoundError" in lee["problems"]
    assert "WARNING: question bank" not in graded["out"]


def check_feedback_gives_messages_and_points_never_answers(graded):
    fb = graded["feedback"]
    alice = fb["alice__lesson_02.md"]
    assert alice.startswith("# Feedback — Lesson 02: Test strikes\n\nStudent: alice\n")
    assert "**Score: 5 of 5 points**" in alice
    assert "| 2.3 steps | ✔ Correct | 2 / 2 |" in alice
    assert "**Why:** EXPLAIN-1" in alice and "HINT-1" not in alice
    assert "✎ **Reflection recorded**" in alice
    ivan_b = fb["ivan__lesson_02.md"].split("## Notebook " + feedback.text("ivan__02_b.ipynb"))[1]
    assert "✘ **Not correct** — 0 of 1 point" in ivan_b and "Saravan is in Iran." in ivan_b
    assert "**Hint:** HINT-1" in ivan_b and "EXPLAIN-1" not in ivan_b
    assert "Panjgur" not in ivan_b  # the accepted option's text is never shown
    mia = fb["mia__lesson_02.md"]
    assert "This answer is a value of type object, which the grader cannot read." in mia
    bob = fb["bob__lesson_02.md"]
    assert "- cell 3 (\\`1/0\\`) raised ZeroDivisionError\n" in bob
    assert "division by zero" not in bob  # the message is the submission's text: log only
    assert "cell 3: ZeroDivisionError: division by zero" in \
        (graded["tmp"] / ".gradebook-details.log").read_text(encoding="utf-8")
    assert "Traceback" not in "".join(fb.values())
    assert "This is a link or a folder" in fb["olga__lesson_02.md"]
    assert "Python stopped while running your notebook" in fb["dan__lesson_02.md"]
    assert any(f.startswith("unidentified__02_the_january_2024_strikes-") for f in fb)
    assert "gus__lesson_42.md" in fb and "fay__lesson_02.md" in fb
    fay = fb["fay__lesson_02.md"]
    assert "## File " + feedback.text("fay__02_notes.txt") in fay and "## Notebook " + feedback.text("fay__02_x.ipynb") in fay
    assert "You handed in 2 files for this lesson" in fay and "more than one notebook" not in fay
    assert "Only .ipynb notebooks are graded" in fay and "This file is not a notebook" in fay


def check_printed_lines_and_summary(graded):
    out = graded["out"]
    assert "grading 23 of 23 submissions (0 unchanged) with 2 kernels at a time" in out
    assert any(line.startswith("[") and "ok" in line and "5/5" in line and "alice" in line
               for line in out.splitlines())
    summary = out[out.index("status  "):]
    assert "duplicate              2" in summary and "timeout                2" in summary
    assert "all                   23" in summary
    assert "gradebook: gradebook.csv" in out


def test_a_class_of_hostile_submissions(tmp_path):
    """One grading run (kernels are the slow part), then every check; all failures are listed.

    Kept as one test so that pytest-xdist never runs the class twice on two workers.
    """
    graded = grade_a_class(tmp_path)
    failures = []
    for check in (check_each_row, check_the_whole_gradebook,
                  check_duplicates_are_both_reported_and_graded,
                  check_tampering_inside_the_kernel_changes_nothing,
                  check_feedback_gives_messages_and_points_never_answers,
                  check_printed_lines_and_summary):
        try:
            check(graded)
        except AssertionError as exc:
            failures.append(f"{check.__name__}: {exc}")
    assert not failures, "\n\n".join(failures)


# --------------------------------------------------------------------------- re-runs

def test_rerun_skips_unchanged_keeps_rows_and_follows_changes(tmp_path):
    with course(tmp_path):
        subs = tmp_path / "subs"
        save(subs / "amy__02_x.ipynb", notebook(RIGHT))
        save(subs / "amy__02_copy.ipynb", notebook(WRONG))
        args = ["subs", "--out", "gb.csv", "--feedback", "fb", "--jobs", "2", "--cell-timeout", "5"]
        assert grade_cli(*args)[0] == 0
        first = read_rows("gb.csv")
        assert [r["status"] for r in first] == ["duplicate", "duplicate"]
        # Unchanged: nothing runs, the rows stay byte for byte; moving the folder changes nothing.
        code, out = grade_cli(*args)
        assert "grading 0 of 2 submissions (2 unchanged)" in out and read_rows("gb.csv") == first
        os.rename(subs, tmp_path / "moved")
        code, out = grade_cli("moved", *args[1:])
        assert "grading 0 of 2 submissions (2 unchanged)" in out
        assert sorted(r["file"] for r in read_rows("gb.csv")) == ["moved/amy__02_copy.ipynb", "moved/amy__02_x.ipynb"]
        # The extra file is removed: its row goes, and the other is no longer a duplicate.
        os.remove(tmp_path / "moved" / "amy__02_copy.ipynb")
        save(tmp_path / "moved" / "amy__02_x.ipynb", notebook(WRONG))
        code, out = grade_cli("moved", *args[1:])
        assert "grading 1 of 1 submissions (0 unchanged)" in out
        assert "removed row for moved/amy__02_copy.ipynb" in out
        (row,) = read_rows("gb.csv")
        assert (row["status"], row["total"], row["problems"]) == ("ok", "0", "")
        assert "Not correct" in (tmp_path / "fb" / "amy__lesson_02.md").read_text(encoding="utf-8")


def test_an_earlier_row_of_another_batch_is_kept(tmp_path):
    with course(tmp_path):
        gradebook.write("gb.csv", [{"student": "zoe", "lesson": "03", "file": "old/zoe__03.ipynb",
                                    "3.1": "1", "total": "1", "max": "1", "status": "ok",
                                    "problems": "", "sha256": "abc", "comment": "late"}],
                        ["student", "lesson", "file", "3.1", "total", "max", "status", "problems",
                         "sha256", "comment"])
        (tmp_path / "notes.txt").write_text("not a notebook", encoding="utf-8")
        code, out = grade_cli("notes.txt", "--out", "gb.csv", "--feedback", "fb")
        rows = read_rows("gb.csv")
        assert [(r["file"], r["status"]) for r in rows] == [("notes.txt", "not_a_notebook"),
                                                           ("old/zoe__03.ipynb", "ok")]
        assert rows[1]["comment"] == "late" and rows[1]["3.1"] == "1"


def test_own_output_is_not_graded_and_spreadsheet_formulas_are_defused(tmp_path):
    with course(tmp_path):
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "=HYPERLINK(1)__02_notes.txt").write_text("x", encoding="utf-8")
        for _ in range(2):  # the second run must not pick up gb.csv or fb/ as submissions
            code, out = grade_cli("in", "--out", "in/gb.csv", "--feedback", "in/fb")
        (row,) = read_rows("in/gb.csv")
        assert row["student"] == "'=HYPERLINK(1)" and row["status"] == "not_a_notebook"
        assert gradebook.read("in/gb.csv")[0][0]["student"] == "=HYPERLINK(1)"
        assert [p.name for p in (tmp_path / "in" / "fb").iterdir()] == [
            feedback.filename("=HYPERLINK(1)", "02", "")]
        assert feedback.filename("=HYPERLINK(1)", "02", "").startswith("HYPERLINK_1-")


def test_a_file_that_is_not_a_gradebook_is_never_overwritten(tmp_path):
    with course(tmp_path):
        (tmp_path / "gb.csv").write_text("name,mark\nx,1\n", encoding="utf-8")
        (tmp_path / "a.txt").write_text("x", encoding="utf-8")
        with contextlib.redirect_stderr(io.StringIO()) as err:
            code, _ = grade_cli("a.txt", "--out", "gb.csv")
        assert code == 2 and "not a gradebook" in err.getvalue()
        assert (tmp_path / "gb.csv").read_text(encoding="utf-8") == "name,mark\nx,1\n"


# --------------------------------------------------------------------------- pure parts

def test_collector_turns_values_into_json_and_back(tmp_path):
    """The collector runs here in-process: the same code the kernel runs, without a kernel."""
    path = tmp_path / "answers.json"
    ns = {"answer_2_1": np.str_("a"), "answer_2_2": np.float64(2.5), "answer_2_3": np.bool_(True),
          "answer_2_4": pd.Timestamp("2024-01-16 10:30"), "answer_2_5": dt.date(2024, 1, 2),
          "answer_2_6": ("x", 1), "answer_2_7": {"b", "a"}, "answer_2_8": ..., "answer_2_9": float("nan"),
          "answer_2_10": [1, {"k": [None, 2.0]}], "answer_2_11": object(), "answer_2_12": list(range(20000)),
          "answer_2_13": np.datetime64("2024-01-03"), "answer_02_01": "shadowed by answer_2_1",
          "answer_2_14": {1: "int key"}, "not_an_answer": 5,
          "list": None, "str": None, "type": None, "json": None, "isinstance": None}
    exec(collect.collector_source(str(path)), ns)
    raw = json.loads(path.read_text(encoding="utf-8"))["answers"]
    assert raw["answer_2_4"] == {"kind": "datetime", "value": "2024-01-16T10:30:00", "type": "Timestamp"}
    assert raw["answer_2_11"] == {"kind": "unreadable", "value": None, "type": "object"}
    answers, why = collect.decode(path.read_text(encoding="utf-8"))
    assert why is None and "not_an_answer" not in answers
    assert answers["answer_2_1"] == "a" and type(answers["answer_2_1"]) is str
    assert answers["answer_2_2"] == 2.5 and answers["answer_2_3"] is True
    assert answers["answer_2_4"] == dt.datetime(2024, 1, 16, 10, 30)
    assert answers["answer_2_5"] == dt.date(2024, 1, 2)
    assert answers["answer_2_6"] == ("x", 1) and answers["answer_2_7"] == {"a", "b"}
    assert answers["answer_2_8"] is Ellipsis and np.isnan(answers["answer_2_9"])
    assert answers["answer_2_10"] == [1, {"k": [None, 2.0]}]
    assert answers["answer_2_11"] == collect.Unreadable("object")
    assert answers["answer_2_12"] == collect.Unreadable("list", "too large")
    assert answers["answer_2_13"] == np.datetime64("2024-01-03")
    assert answers["answer_2_14"] == {"1": "int key"}
    by_qid, notes = collect.by_question(answers)
    assert by_qid["2.1"] == "a" and notes == ["answer_02_01 ignored: answer_2_1 is used for 2.1"]


@pytest.mark.parametrize("text,why", [
    ("{", "not valid JSON"), ('{"format": 9, "answers": {}}', "unexpected shape"), ("[]", "unexpected shape")])
def test_a_bad_answers_file_is_explained(text, why):
    answers, msg = collect.decode(text)
    assert answers == {} and why in msg


def test_marking_outside_the_kernel_matches_check():
    b = loaded(KEY)
    marks, notes = outcome.mark_answers(b, {"answer_2_1": "A)", "answer_2_2": "9",
                                            "answer_2_3": collect.Unreadable("Series"),
                                            "answer_2_4": dt.datetime(2024, 1, 16, 15)})
    got = {q["id"]: (m.status, m.earned) for q, m in marks}
    assert got == {"2.1": ("correct", 1), "2.2": ("correct", 1), "2.3": ("invalid", 0),
                   "2.4": ("correct", 1), "2.5": ("unanswered", 0)}
    assert notes == ["no variable for 2.5"]
    assert "type Series, which the grader cannot read" in marks[2][1].message


@pytest.mark.parametrize("name,folders,meta,student,lesson,problems", [
    ("sara.k__02_the_january_2024_strikes.ipynb", (), {}, "sara.k", "02", 0),
    ("02_the_january_2024_strikes.ipynb", ("sara", "week2"), {}, "sara", "02", 0),
    ("02_x.ipynb", (), {"student": "sara"}, "", "02", 1),  # metadata: reported, not used
    ("bob__02_x.ipynb", ("ann",), {"student": "carl"}, "bob", "02", 1),
    ("__02_x.ipynb", (), {}, "", "", 0),
    ("notes.ipynb", (), {}, "", "", 0),
])
def test_who_and_which_lesson_from_the_name(name, folders, meta, student, lesson, problems):
    got = submissions.identify(name, folders, meta)
    assert got[:2] == (student, lesson) and len(got[2]) == problems


@pytest.mark.parametrize("value,lesson", [("02", "02"), ("2", "02"), (2, "02"), (" 7 ", "07"),
                                          (True, ""), ("two", ""), (None, ""), (100, "")])
def test_normalise_lesson(value, lesson):
    assert submissions.normalise_lesson(value) == lesson


def test_notebook_is_rebuilt_from_sources_only():
    raw = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "evil"}}, "cells": [
        {"cell_type": "code", "source": ["x = 1\n", "y = 2"], "outputs": "garbage", "metadata": {}},
        {"cell_type": "code", "source": "1/0", "metadata": {"tags": ["raises-exception"]}},
        {"cell_type": "weird", "source": "print('never run')"}]}
    nb, why = submissions.notebook_from_json(raw)
    assert why == "" and [c.cell_type for c in nb.cells] == ["code", "code", "markdown"]
    assert nb.cells[0].source == "x = 1\ny = 2" and nb.cells[0].outputs == []
    assert nb.cells[1].metadata == {"tags": ["raises-exception"]}
    assert nb.metadata.kernelspec["name"] == "python3"


def test_duplicates_come_and_go_with_the_rows():
    rows = [{"student": "a", "lesson": "02", "file": f, "status": "ok", "problems": p}
            for f, p in (("x.ipynb", ""), ("y.ipynb", "cell 2 raised E"))]
    dup = gradebook.finalise(rows)
    assert [r["status"] for r in dup] == ["duplicate", "duplicate"]
    assert dup[1]["problems"].endswith("Graded as ok | cell 2 raised E")
    assert gradebook.base_of(dup[1]) == ("ok", "cell 2 raised E")
    (alone,) = gradebook.finalise(dup[1:])
    assert (alone["status"], alone["problems"]) == ("ok", "cell 2 raised E")


def test_feedback_for_a_wrong_answer_holds_the_hint_not_the_answer():
    b3 = loaded(KEY3)
    q = b3["questions"][0]
    marks = [(q, Mark("3.1", "incorrect", 0.0, 1.0, ""))]
    text = feedback.render("zoe", "03", b3, [{"row": {"file": "z.ipynb", "total": "0", "max": "1"},
                                             "status": "ok", "problems": [], "marks": marks}])
    assert "**Hint:** HINT-31" in text and "EXPLAIN-31" not in text and "Jaish" not in text
    assert "**Score: 0 of 1 point**" in text


def test_feedback_names_the_learners_file_not_the_instructors_folders():
    from beyond_borders.grading import feedback as fb
    lines = fb._section({"row": {"file": "/home/teacher/classes/2026/subs/ali__02.ipynb", "total": "",
                                 "max": "15"}, "marks": None, "status": "ok", "problems": []},
                        None, heading=False)
    assert any("ali" in line for line in lines) and not any("teacher" in line for line in lines)
