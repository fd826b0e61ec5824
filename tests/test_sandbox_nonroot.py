"""The grader run by an ordinary account: the sandbox works, or refuses naming the fix.

Most instructors grade as themselves, not as root; then bubblewrap builds the sandbox in a user
namespace of its own. Both paths run for real here: as root (CI), the test creates an account
and runs the grader as it (``support/unprivileged.py``); as anyone else it runs as itself. The
second test turns user namespaces off for the grader's account only (in a namespace of the
test's own, as a hardened machine would have them) and expects a refusal that says so. Not
skipped on Linux: if this cannot run, the test fails and says why.
"""
from __future__ import annotations

import csv
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HELPER = Path(__file__).parent / "support" / "unprivileged.py"
USER = "bb-grader-test"
GRADE = "import sys; from beyond_borders import cli; sys.exit(cli.main(sys.argv[1:]))"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="bubblewrap is Linux only")


def _account() -> int:
    """The uid of an unprivileged account (created when running as root)."""
    if os.geteuid() != 0:
        return os.geteuid()
    try:
        return pwd.getpwnam(USER).pw_uid
    except KeyError:
        done = subprocess.run(["useradd", "--system", "--no-create-home", "--shell",
                               "/usr/sbin/nologin", USER], capture_output=True, text=True)
        assert done.returncode == 0, f"cannot create the test account {USER}: {done.stderr}"
        return pwd.getpwnam(USER).pw_uid


def _class_folder(uid: int) -> Path:
    """A folder the account owns (pytest's tmp_path is root's, 0700), with one submission."""
    work = Path(tempfile.mkdtemp(prefix="bb-nonroot-", dir="/tmp"))
    (work / "subs").mkdir()
    src = ROOT / "exercises" / "02_the_january_2024_strikes.ipynb"
    assert src.exists(), f"{src} is missing: run `beyond-borders build-exercises`"
    shutil.copy(src, work / "subs" / f"sara__{src.name}")
    for path in [work, *work.rglob("*")]:
        os.chown(path, uid, uid)
    work.chmod(0o755)
    return work


def _grade_as(uid: int, work: Path, userns: bool) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-c", GRADE, "grade", "subs", "--out", "gb.csv", "--feedback", "fb",
            "--jobs", "1"]
    if os.geteuid() != 0:
        assert userns, "turning user namespaces off needs root to set up the test"
        return subprocess.run(argv, cwd=work, capture_output=True, text=True, timeout=300)
    mode = "userns" if userns else "no-userns"
    return subprocess.run([sys.executable, str(HELPER), str(uid), mode, "--", *argv], cwd=work,
                          capture_output=True, text=True, timeout=300)


def test_an_ordinary_account_grades_in_the_sandbox():
    uid = _account()
    work = _class_folder(uid)
    try:
        done = _grade_as(uid, work, userns=True)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        with open(work / "gb.csv", newline="", encoding="utf-8") as fh:
            (row,) = list(csv.DictReader(fh))
        assert (row["student"], row["lesson"], row["status"]) == ("sara", "02", "ok"), row
        assert "no-sandbox" not in row["problems"] and "no-sandbox" not in done.stdout
        assert (work / "gb.csv").stat().st_uid == uid  # the grader really ran as the account
    finally:
        shutil.rmtree(work, ignore_errors=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="turning user namespaces off for one account "
                                             "needs root; as a user, the test above is the real run")
def test_without_user_namespaces_grade_refuses_and_names_the_fix():
    uid = _account()
    work = _class_folder(uid)
    try:
        done = _grade_as(uid, work, userns=False)
        assert done.returncode == 2, done.stdout[-2000:] + done.stderr[-2000:]
        err = done.stderr
        assert "cannot sandbox the submissions" in err and "Traceback" not in err
        assert "let this account create user namespaces" in err
        assert "user.max_user_namespaces=15000" in err and "--no-sandbox" in err
        assert "as root" in err
        assert not (work / "gb.csv").exists()  # nothing graded without the sandbox
    finally:
        shutil.rmtree(work, ignore_errors=True)
