"""The grader's stages one at a time: plan and write without a kernel, the pool with a stand-in
runner, and the whole grader stopped by a real Ctrl-C (the one test here that starts kernels).

The helpers and test banks are those of ``test_grading``.
"""
from __future__ import annotations

import contextlib
import io
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from beyond_borders.grading import banks, feedback, gradebook, outcome, plan, run, runner, submissions, write
from beyond_borders.grading.grade import grade
from beyond_borders.grading.submissions import Submission
from tests.test_grading import KEY, RIGHT, WRONG, course, grade_cli, loaded, notebook, read_rows, save

DEEP = '{"cells": [' + "[" * 200_000  # 200 KB; json.loads raises RecursionError on it


def row(file, sha="s1", student="amy", lesson="02", status="ok", problems="", total="5"):
    return {"student": student, "lesson": lesson, "file": file, "status": status,
            "problems": problems, "sha256": sha, "total": total, "max": "5"}


def sub(file, sha="s1", student="amy", lesson="02", status=""):
    return Submission(path=Path(file), file=file, student=student, lesson=lesson, sha256=sha,
                      status=status)


# --------------------------------------------------------------------------- reading one file

def test_deeply_nested_json_is_an_invalid_notebook_not_a_crash(tmp_path):
    path = tmp_path / "zed__02_x.ipynb"
    path.write_text(DEEP, encoding="utf-8")
    got = submissions.read(path, (), {"02"})
    assert (got.status, got.student, got.lesson) == ("invalid_notebook", "zed", "02")
    assert got.problems == ["not a notebook: its JSON is nested too deeply to read"]
    assert len(got.sha256) == 64 and got.notebook is None


def test_a_reader_failure_is_one_grader_error_row_and_the_class_goes_on(tmp_path, monkeypatch):
    real_read = submissions.read

    def read(path, folders, lessons, roster=None):
        if path.name.startswith("bad"):
            raise RuntimeError("reader bug")
        return real_read(path, folders, lessons, roster)

    monkeypatch.setattr(submissions, "read", read)
    with course(tmp_path):
        (tmp_path / "in").mkdir()
        for name in ("amy__02_a.txt", "bad__02_b.txt", "cy__02_c.txt"):
            (tmp_path / "in" / name).write_text(name, encoding="utf-8")
        code, out = grade_cli("in", "--out", "gb.csv", "--feedback", "fb")
        rows = {r["file"]: r for r in read_rows("gb.csv")}
        assert code == 0 and len(rows) == 3
        bad = rows["in/bad__02_b.txt"]
        assert (bad["status"], bad["student"], bad["lesson"], bad["sha256"]) == (
            "grader_error", "bad", "02", "")
        assert bad["problems"] == ("the grader failed while reading this file (RuntimeError) "
                                   "(re-run to retry)")
        assert rows["in/amy__02_a.txt"]["status"] == rows["in/cy__02_c.txt"]["status"] == "not_a_notebook"
        # A grader_error row is never kept: the next run reads the file again.
        assert "grading 1 of 3 submissions (2 unchanged)" in grade_cli("in", "--out", "gb.csv",
                                                                       "--feedback", "fb")[1]


# --------------------------------------------------------------------------- plan, no kernel

def test_plan_keeps_unchanged_rows_and_regrades_changed_ones(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    earlier = [row("in/a.ipynb", "s1"), row("in/b.ipynb", "old", student="bo"),
               row("in/c.ipynb", "s3", student="cy", status="grader_error"),
               row("elsewhere/z.ipynb", "s9", student="zoe")]
    subs = [sub("in/a.ipynb", "s1"), sub("in/b.ipynb", "new", student="bo"),
            sub("in/c.ipynb", "s3", student="cy")]
    p = plan.match(subs, earlier, folders=[tmp_path / "in"])
    assert [r["file"] for r in p.kept] == ["in/a.ipynb"]
    assert [s.file for s in p.todo] == ["in/b.ipynb", "in/c.ipynb"]
    assert sorted(p.rows) == ["elsewhere/z.ipynb", "in/a.ipynb", "in/b.ipynb", "in/c.ipynb"]
    assert p.removed == []  # z.ipynb is outside the folder given: an earlier batch, kept
    assert p.before == {"in/a.ipynb": "ok", "in/b.ipynb": "ok", "in/c.ipynb": "grader_error",
                        "elsewhere/z.ipynb": "ok"}


def test_plan_follows_a_moved_file_but_not_a_copy_and_drops_a_deleted_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "copied.ipynb").write_text("{}", encoding="utf-8")
    earlier = [row("old/moved.ipynb", "m"), row("old/copied.ipynb", "c", student="bo"),
               row("new/gone.ipynb", "g", student="cy")]
    subs = [sub("new/moved.ipynb", "m"), sub("new/copied.ipynb", "c", student="bo"),
            sub("old/copied.ipynb", "c", student="bo")]
    p = plan.match(subs, earlier, folders=[tmp_path / "new"])
    assert p.removed == ["new/gone.ipynb"] and "new/gone.ipynb" not in p.rows
    assert [r["file"] for r in p.kept] == ["new/moved.ipynb", "old/copied.ipynb"]
    assert "old/moved.ipynb" not in p.rows and p.rows["new/moved.ipynb"]["total"] == "5"
    assert [s.file for s in p.todo] == ["new/copied.ipynb"]  # its source is still there: a copy


def test_plan_with_force_regrades_everything():
    earlier = [row("a.ipynb", "s1"), row("b.ipynb", "s2", student="bo")]
    subs = [sub("a.ipynb", "s1"), sub("b.ipynb", "s2", student="bo")]
    assert len(plan.match(subs, earlier).kept) == 2
    p = plan.match(subs, earlier, force=True)
    assert p.kept == [] and [s.file for s in p.todo] == ["a.ipynb", "b.ipynb"]


def test_make_reads_files_and_sorts_runnable_from_unrunnable(tmp_path):
    with course(tmp_path):
        save(tmp_path / "in" / "amy__02_x.ipynb", notebook(RIGHT))
        (tmp_path / "in" / "bo__02_y.ipynb").write_text(DEEP, encoding="utf-8")
        (tmp_path / "in" / "cy__02_notes.txt").write_text("x", encoding="utf-8")
        gradebook.write("in/gb.csv", [row("elsewhere/z.ipynb", "z")],
                        gradebook.HEAD + gradebook.TAIL + ["comment"])
        p = plan.make(["in"], Path("in/gb.csv"), Path("in/fb"), {"02", "03"})
    assert [s.file for s in p.subs] == ["in/amy__02_x.ipynb", "in/bo__02_y.ipynb", "in/cy__02_notes.txt"]
    assert [s.file for s in p.runnable] == ["in/amy__02_x.ipynb"]
    assert [(s.file, s.status) for s in p.unrunnable] == [("in/bo__02_y.ipynb", "invalid_notebook"),
                                                          ("in/cy__02_notes.txt", "not_a_notebook")]
    assert p.extra == ["comment"] and list(p.rows) == ["elsewhere/z.ipynb"]


# --------------------------------------------------------------------------- outcome, no kernel

def test_a_marking_failure_is_one_grader_error_result():
    s = sub("a.ipynb")
    answers = '{"format": 1, "answers": {"answer_2_1": {"kind": "json", "value": "a", "type": "str"}}}'
    good = outcome.outcome(s, runner.Run(answers_text=answers), {"02": loaded(KEY)}, runner.Limits())
    assert good.status == "ok" and good.marks[0][1].status == "correct"
    broken = dict(loaded(KEY))
    del broken["by_id"]
    bad = outcome.outcome(s, runner.Run(answers_text=answers, seconds=2.0), {"02": broken},
                          runner.Limits())
    assert (bad.status, bad.marks, bad.seconds) == ("grader_error", None, 2.0)
    assert bad.problems == ["the grader failed while marking (details in the grader's log; re-run "
                            "to retry)"]
    assert bad.details == ["marking failed: KeyError: 'by_id'"]


# --------------------------------------------------------------------------- write, no kernel

def graded(file, student, code, bank):
    answers = {}
    exec(code, {}, answers)
    marks, notes = outcome.mark_answers(bank, answers)
    s = sub(file, sha=file, student=student)
    return outcome.Result(s, "ok", notes, marks, 1.5)


def test_write_records_rows_and_feedback_and_marks_a_new_duplicate(tmp_path):
    b = loaded(KEY)
    snap = banks.Snapshot(banks={"02": b})
    kept = row("amy_old.ipynb", "amy_old.ipynb", status="ok")
    amy, bo = graded("amy_new.ipynb", "amy", RIGHT, b), graded("bo.ipynb", "bo", WRONG, b)
    p = plan.Plan(subs=[sub("amy_old.ipynb"), amy.sub, bo.sub], todo=[amy.sub, bo.sub],
                  kept=[kept], rows={"amy_old.ipynb": kept}, before={"amy_old.ipynb": "ok"},
                  extra=["comment"])
    lines = []
    book = write.Book(tmp_path / "gb.csv", tmp_path / "fb", snap, p, lines.append)
    book.start(jobs=2)
    book.record(amy)
    book.record(bo)
    final = book.finish()
    rows = {r["file"]: r for r in read_rows(tmp_path / "gb.csv")}
    assert rows == {r["file"]: {**{k: "" for k in rows["bo.ipynb"]}, **r} for r in final}
    assert (rows["bo.ipynb"]["status"], rows["bo.ipynb"]["total"], rows["bo.ipynb"]["2.1"]) == ("ok", "0", "0")
    assert rows["amy_new.ipynb"]["total"] == "5" and rows["amy_new.ipynb"]["2.5"] == "recorded"
    assert rows["amy_old.ipynb"]["status"] == rows["amy_new.ipynb"]["status"] == "duplicate"
    assert list(rows["bo.ipynb"])[-1] == "comment"
    text = (tmp_path / "fb" / "amy__lesson_02.md").read_text(encoding="utf-8")
    assert "## Notebook " + feedback.text("amy_old.ipynb") in text and "## Notebook " + feedback.text("amy_new.ipynb") in text
    assert "**Why:** EXPLAIN-1" in text  # the new result's messages
    assert "Marked in an earlier run" in text  # the kept row's points only
    assert "**Hint:** HINT-1" in (tmp_path / "fb" / "bo__lesson_02.md").read_text(encoding="utf-8")
    assert lines[0] == "grading 2 of 3 submissions (1 unchanged) with 2 kernels at a time"
    assert lines[1].startswith("[1/3] unchanged") and "kept from the gradebook" in lines[1]
    assert lines[3].startswith("[3/3] ok") and "0/5" in lines[3] and "1.5 s" in lines[3]


def test_write_goes_on_when_one_feedback_file_cannot_be_written(tmp_path):
    b = loaded(KEY)
    (tmp_path / "fb").write_text("a file where the feedback folder should be", encoding="utf-8")
    p = plan.Plan(subs=[sub("x")])
    book = write.Book(tmp_path / "gb.csv", tmp_path / "fb", banks.Snapshot(banks={"02": b}), p,
                      lambda line: None)
    book.record(graded("amy.ipynb", "amy", RIGHT, b))
    book.finish()
    assert [r["total"] for r in read_rows(tmp_path / "gb.csv")] == ["5"]
    assert book.warnings and book.warnings[0].startswith("feedback for amy.ipynb could not be written")


def test_a_changed_bank_is_put_back_without_writing_through_a_symlink(tmp_path):
    with course(tmp_path) as qdir:
        snap = banks.snapshot()
        original = (qdir / "02.json").read_bytes()
        decoy = tmp_path / "decoy.json"
        decoy.write_text("the learner's own file", encoding="utf-8")
        (qdir / "02.json").unlink()
        os.symlink(decoy, qdir / "02.json")
        (qdir / "03.json").write_text("{}", encoding="utf-8")
        assert banks.restore(snap.files) == ["02.json", "03.json"]
        assert not (qdir / "02.json").is_symlink() and (qdir / "02.json").read_bytes() == original
        assert decoy.read_text(encoding="utf-8") == "the learner's own file"
        assert banks.restore(snap.files) == []
        assert not [p for p in qdir.iterdir() if p.suffix == ".tmp"]


# --------------------------------------------------------------------------- --force, no kernel

def test_force_regrades_unchanged_submissions(tmp_path):
    with course(tmp_path):
        (tmp_path / "in").mkdir()
        for name in ("amy__02_a.txt", "bo__02_b.txt"):
            (tmp_path / "in" / name).write_text(name, encoding="utf-8")
        args = ["in", "--out", "gb.csv", "--feedback", "fb"]
        grade_cli(*args)
        rows = read_rows("gb.csv")
        assert "grading 0 of 2 submissions (2 unchanged)" in grade_cli(*args)[1]
        rows[0]["problems"] = "edited by hand"
        gradebook.write("gb.csv", rows, list(rows[0]))
        code, out = grade_cli(*args)  # a row the grader's private record does not confirm
        assert "grading 1 of 2 submissions (1 unchanged)" in out
        assert read_rows("gb.csv")[0]["problems"] == "not a notebook (.txt): only .ipynb files are graded"
        code, out = grade_cli(*args, "--force")
        assert code == 0 and "grading 2 of 2 submissions (0 unchanged)" in out
        assert read_rows("gb.csv")[0]["problems"] == "not a notebook (.txt): only .ipynb files are graded"


# --------------------------------------------------------------------------- the pool

def stand_in(slow: set, started: list):
    """A runner.execute that needs no kernel: the ``slow`` notebooks run until stopped."""
    def execute(nb, limits, stop):
        started.append(nb)
        if nb == "boom":
            raise RuntimeError("runner bug")
        if nb in slow:
            stop.wait(30)
            return runner.Run(stopped=stop.is_set())
        return runner.Run(answers_text="{}")
    return execute


def test_pool_returns_each_result_and_a_runner_failure_as_grader_error():
    subs = [Submission(path=Path(n), file=n, notebook=n) for n in ("a", "boom", "c")]
    with run.Pool(2, runner.Limits(), lambda line: None, stand_in(set(), [])) as pool:
        got = {s.file: r for s, r in pool.results(subs)}
    assert sorted(got) == ["a", "boom", "c"] and not pool.interrupted
    assert got["boom"].grader_error == "RuntimeError: runner bug" and got["a"].answers_text == "{}"


def test_ctrl_c_while_a_result_is_written_stops_running_and_waiting_notebooks():
    names = ["quick"] + [f"slow{i}" for i in range(6)]
    subs = [Submission(path=Path(n), file=n, notebook=n) for n in names]
    started, lines, t0 = [], [], time.perf_counter()
    with run.Pool(2, runner.Limits(), lines.append, stand_in(set(names[1:]), started)) as pool:
        for s, _ in pool.results(subs):
            assert s.file == "quick"
            raise KeyboardInterrupt
    assert pool.interrupted and pool.stop.is_set() and time.perf_counter() - t0 < 10
    assert "quick" in started and set(started) <= {"quick", "slow0", "slow1"}
    assert lines == ["interrupted: stopping the running kernels; graded notebooks are saved"]


def test_ctrl_c_during_a_real_run_leaves_a_valid_gradebook(tmp_path):
    """A real SIGINT while one kernel sleeps: its kernel is killed and the graded row is kept."""
    if threading.current_thread() is not threading.main_thread():
        pytest.fail("this test sends SIGINT to the main thread; run it there")
    pidfile = tmp_path / "kernel.pid"
    first_line = threading.Event()

    def echo(line):
        if line.startswith("[1/2]"):
            first_line.set()

    def ctrl_c():  # as a person would: once a line is printed, while the grader waits
        if first_line.wait(60):
            time.sleep(0.2)
            signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)

    with course(tmp_path):
        save(tmp_path / "in" / "amy__02_x.ipynb", notebook(RIGHT))
        save(tmp_path / "in" / "bo__02_x.ipynb", notebook(
            f"import os, time\nopen({str(pidfile)!r}, 'w').write(str(os.getpid()))\ntime.sleep(60)"))
        threading.Thread(target=ctrl_c, daemon=True).start()
        t0 = time.perf_counter()
        # Unsandboxed, so the kernel can leave its pid where the test sees it (the sandboxed
        # kernel's fate is tested in test_sandbox_attacks.py).
        report = grade(["in"], "gb.csv", "fb", 2, runner.Limits(cell_timeout=90, notebook_timeout=90),
                       echo=echo, sandbox=False)
        took = time.perf_counter() - t0
        assert report.interrupted and took < 40, took
        (amy,) = read_rows("gb.csv")
        assert (amy["file"], amy["status"], amy["total"]) == ("in/amy__02_x.ipynb", "ok", "5")
        assert [r["file"] for r in report.rows] == ["in/amy__02_x.ipynb"]
        assert not list(tmp_path.glob(".gb.csv.*"))
        pid = int(pidfile.read_text())
        deadline = time.time() + 10
        while Path(f"/proc/{pid}").exists() and time.time() < deadline:
            time.sleep(0.1)
        assert not Path(f"/proc/{pid}").exists(), "the stopped kernel is still running"
        with contextlib.redirect_stderr(io.StringIO()):
            # Re-running grades only what was left; a quick cell timeout ends the sleeper.
            code, out = grade_cli("in", "--out", "gb.csv", "--feedback", "fb",
                                  "--cell-timeout", "2", "--notebook-timeout", "4",
                                  "--sandbox", "none")
        assert "grading 1 of 2 submissions (1 unchanged)" in out
        assert {r["file"]: r["status"] for r in read_rows("gb.csv")} == {
            "in/amy__02_x.ipynb": "ok", "in/bo__02_x.ipynb": "timeout"}


def test_a_very_long_student_name_still_gets_a_feedback_file(tmp_path):
    name = "é" * 300  # 600 bytes in UTF-8: over any file system's limit for one name
    assert len(feedback.filename(name, "02", "x.ipynb").encode()) < 255
    b = loaded(KEY)
    book = write.Book(tmp_path / "gb.csv", tmp_path / "fb", banks.Snapshot(banks={"02": b}),
                      plan.Plan(subs=[sub("x")]), lambda line: None)
    book.record(graded("x.ipynb", name, RIGHT, b))
    assert book.warnings == [] and len(list((tmp_path / "fb").iterdir())) == 1
