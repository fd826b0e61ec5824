"""The sandbox's parts, and the grader's distrust of what a submission wrote (no kernel needed,
except the trial run of ``open_sandbox``)."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import beyond_borders
from beyond_borders.checks import bank
from beyond_borders.grading import sandbox, state, submissions, write
from beyond_borders.grading.cli import run_cli
from tests.test_grading import grade_cli

if sys.platform.startswith("linux") and not sandbox.shutil.which("bwrap"):
    pytest.fail("bubblewrap (bwrap) is missing: apt-get install bubblewrap", pytrace=False)

ANSWER_FIELDS = ("accept", "correct", "pairs", "partial", "feedback", "explanation")


def test_the_kernels_copy_of_the_package_carries_no_answers(tmp_path):
    pkg = sandbox.verdict_free_copy(tmp_path)
    assert not (pkg / "grading").exists() and not (pkg / "authoring").exists()
    assert not list(pkg.rglob("__pycache__"))
    lessons = sorted(p.stem for p in (pkg / "checks" / "questions").glob("*.json"))
    assert lessons == bank.lessons()
    for path in (pkg / "checks" / "questions").glob("*.json"):
        sealed = json.loads(path.read_text(encoding="utf-8"))
        original = bank.load_lesson(path.stem)
        assert sealed["salt"] == "" and original["salt"]
        assert [q["id"] for q in sealed["questions"]] == [q["id"] for q in original["questions"]]
        for q in sealed["questions"]:
            assert not any(q.get(k) for k in ANSWER_FIELDS), (path.name, q["id"])
        for qc in sealed.get("quick_checks", []):
            assert not qc.get("answer") and not qc.get("feedback") and not qc.get("explanation")
    # no answer hash of the real bank survives anywhere in the copy
    hashes = {h for n in bank.lessons() for q in bank.load_lesson(n)["questions"]
              for h in q.get("accept", []) + q.get("correct", []) + q.get("pairs", [])}
    text = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in pkg.rglob("*") if p.is_file())
    assert hashes and not any(h in text for h in hashes)


def test_the_launch_command_isolates_the_kernel(tmp_path):
    with sandbox.Sandbox() as box:
        cmd = box.command(["python", "-m", "ipykernel_launcher"], [tmp_path], tmp_path, uid=250_000)
    for flag in ("--unshare-net", "--unshare-pid", "--die-with-parent", "--new-session", "--clearenv"):
        assert flag in cmd
    assert cmd[-3:] == ["python", "-m", "ipykernel_launcher"]
    limits = " ".join(cmd)
    assert "--as=" in limits and "--nproc=" in limits and "--fsize=" in limits and "--cpu=" in limits
    assert "--reuid=250000" in limits and "--bounding-set=-all" in limits
    sources = {cmd[i + 1] for i, a in enumerate(cmd) if a in ("--bind", "--ro-bind")}
    checkout = Path(beyond_borders.__file__).resolve().parents[2]
    assert str(checkout) not in sources  # only parts of it, never the whole checkout
    assert not any(s.endswith(("instructors", "solutions", "answer_keys")) for s in sources)
    writable = {cmd[i + 1] for i, a in enumerate(cmd) if a == "--bind"}
    assert writable == {str(tmp_path)}


def test_without_bubblewrap_grade_refuses_and_names_the_fix(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    with pytest.raises(sandbox.SandboxUnavailable) as err:
        sandbox.open_sandbox()
    assert "apt-get install bubblewrap" in str(err.value) and "--no-sandbox" in str(err.value)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "amy__02_a.txt").write_text("x", encoding="utf-8")
    code, out = grade_cli("in", "--out", "gb.csv", "--feedback", "fb")
    assert code == 2 and not (tmp_path / "gb.csv").exists()
    assert "apt-get install bubblewrap" in capsys.readouterr().err


def test_links_and_devices_are_rows_never_followed(tmp_path):
    real = tmp_path / "solutions" / "02_x.ipynb"
    real.parent.mkdir()
    real.write_text('{"cells": [], "nbformat": 4, "metadata": {}}', encoding="utf-8")
    subs = tmp_path / "subs"
    (subs / "bob").mkdir(parents=True)
    os.symlink(real, subs / "sybil__02_x.ipynb")
    os.symlink(real.parent, subs / "victor")
    os.symlink(real, subs / "bob" / "02_x.ipynb")
    os.mkfifo(subs / "fifo__02_x.ipynb")
    found = sorted(p.relative_to(subs).as_posix() for p, _ in submissions.find([subs]))
    assert found == ["bob/02_x.ipynb", "fifo__02_x.ipynb", "sybil__02_x.ipynb", "victor"]
    for path, folders in submissions.find([subs]):
        got = submissions.read(path, folders, {"02"})
        assert (got.status, got.sha256, got.notebook) == ("not_a_regular_file", "", None), path


def test_only_the_file_name_or_folder_names_the_student():
    assert submissions.identify("02_x.ipynb", (), {"student": "alice"})[0] == ""
    student, _, problems = submissions.identify("mallory__02_x.ipynb", (), {"student": "alice"})
    assert student == "mallory" and "'alice'" in problems[0]


def test_the_private_record_confirms_only_rows_the_grader_wrote(tmp_path):
    out = tmp_path / "gradebook.csv"
    rows = [{"student": "bob", "lesson": "02", "file": "b.ipynb", "2.1": "1", "total": "5",
             "max": "5", "status": "ok", "problems": "", "sha256": "ab"},
            {"student": "eve", "lesson": "02", "file": "e.ipynb", "2.1": "0", "total": "0",
             "max": "5", "status": "ok", "problems": "", "sha256": "cd"}]
    state.save(out, rows)
    assert stat.S_IMODE(os.stat(state.state_path(out)).st_mode) == 0o600
    forged = [dict(rows[0]), dict(rows[1], total="5", **{"2.1": "1"}), dict(rows[0], file="new")]
    forged[0]["notes"] = "a column added by hand"  # not the grader's: may change freely
    assert state.confirmed(out, forged) == {"b.ipynb"}
    state.state_path(out).unlink()
    assert state.confirmed(out, rows) == set()


def test_identical_files_of_different_students_are_flagged_for_the_instructor():
    rows = [{"file": f, "student": s, "sha256": h, "problems": p}
            for f, s, h, p in (("a", "ann", "x", ""), ("b", "ben", "x", "cell 2 raised E"),
                               ("c", "ann", "y", ""), ("d", "ann", "x", ""))]
    once = write.mark_copies([dict(r) for r in rows])
    assert once == write.mark_copies([dict(r) for r in once])  # pure: no notes pile up
    by = {r["file"]: r["problems"] for r in once}
    assert by["b"].startswith("cell 2 raised E | [instructor] identical file")
    assert "a (ann)" in by["b"] and "d (ann)" in by["b"] and "ben" in by["a"]
    assert by["c"] == ""


def test_the_instructor_log_is_private(tmp_path):
    out = tmp_path / "gradebook.csv"
    state.log(out, "x.ipynb", ["cell 3: RuntimeError: secret\nmore"])
    path = state.log_path(out)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert path.read_text(encoding="utf-8").endswith("\tx.ipynb\tcell 3: RuntimeError: secret more\n")


def test_no_sandbox_is_the_deliberate_spelling_of_sandbox_none():
    import argparse

    from beyond_borders.grading.cli import add_arguments
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    assert parser.parse_args(["subs", "--out", "g.csv"]).sandbox == "bwrap"
    assert parser.parse_args(["subs", "--out", "g.csv", "--no-sandbox"]).sandbox == "none"
    assert parser.parse_args(["subs", "--out", "g.csv", "--sandbox", "none"]).sandbox == "none"


def test_a_course_that_lives_under_tmp_stays_visible_inside(tmp_path, monkeypatch):
    """The sandbox's private /tmp must not hide a checkout or virtualenv kept under /tmp (as a CI
    clone may be): read-only binds there are laid on top of it."""
    shared = tmp_path / "course"
    shared.mkdir()
    (shared / "hello.txt").write_text("seen\n", encoding="utf-8")
    for p in (tmp_path, shared):
        p.chmod(0o755)
    (shared / "hello.txt").chmod(0o644)
    monkeypatch.setattr(sandbox, "_SYSTEM", (*sandbox._SYSTEM, str(shared)))
    venv = tmp_path / "venv"  # a virtualenv under /tmp: bound as the prefix, not hidden
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "marker").write_text("venv\n", encoding="utf-8")
    for p in (venv, venv / "bin"):
        p.chmod(0o755)
    (venv / "bin" / "marker").chmod(0o644)
    monkeypatch.setattr(sandbox.sys, "prefix", str(venv))
    work = tmp_path / "work"
    work.mkdir(mode=0o777)
    work.chmod(0o777)
    with sandbox.Sandbox() as box:
        cmd = box.command(["cat", str(shared / "hello.txt"), str(venv / "bin" / "marker")], [work], work,
                          uid=box.kernel_uid())
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.stdout == "seen\nvenv\n", done.stderr
