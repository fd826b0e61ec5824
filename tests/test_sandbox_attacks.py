"""One hostile submission per attack class, graded in one sandboxed run beside honest classmates.

Every attacker sets its answers right *only if its attack worked*, so "the attacker got nothing
it did not earn" is a total of 0 (or no total). After the run: honest classmates keep full
marks, the gradebook does not change while the attackers' leftovers would act, nothing the
attackers started is still running, and nothing they wrote is left on the grader's machine.
"""
from __future__ import annotations

import os
import resource
import shutil
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

from beyond_borders.grading.grade import grade
from tests.test_grading import RIGHT, course, notebook, read_rows, save

MARK = "bb-attack-marker-7f3a"  # in every attacker's command line, to find survivors
TOKEN = "fake-token-123"

if shutil.which("bwrap") is None:
    if os.environ.get("CI") or sys.platform.startswith("linux"):
        pytest.fail("bubblewrap (bwrap) is missing: apt-get install bubblewrap", pytrace=False)
    pytest.skip("the sandbox needs Linux and bubblewrap", allow_module_level=True)


def right_if(condition: str) -> str:
    """Assign every answer right, but only if ``condition`` (the attack) is true."""
    return f"if {condition}:\n" + "\n".join("    " + line for line in RIGHT.splitlines())


def attackers(gradebook: Path, port: int) -> dict[str, tuple[str, ...]]:
    child = (f"import subprocess, sys\nsubprocess.Popen([sys.executable, '-c', "
             f"'import time; time.sleep(4); open({str(gradebook)!r}, \"w\").write(\"forged\")', "
             f"{MARK!r}], start_new_session=True)")
    return {
        # a sibling kernel: its connection file, its sockets, its process
        "oscar": ("import glob, os, sys\nown = os.path.dirname(sys.argv[sys.argv.index('-f') + 1])\n"
                  "files = [p for p in glob.glob('/tmp/bb-kernel-*/*.json') if not p.startswith(own)]\n"
                  "procs = [p for p in os.listdir('/proc') if p.isdigit() and int(p) not in "
                  "(1, os.getpid())]", right_if("files or procs")),
        # a process that outlives its kernel and rewrites the gradebook
        "trudy": (child, "import os\nif os.fork() == 0:\n    os.setsid()\n    import time\n"
                  "    time.sleep(30)\n    os._exit(0)", 'answer_2_1 = "b"'),
        # answer keys, solutions, instructor folder, through the package's path
        "eve": ("import beyond_borders, pathlib\nroot = pathlib.Path(beyond_borders.__file__).resolve()"
                ".parents[2]\nleaks = [p for p in ('instructors', 'solutions', 'instructors/answer_keys')"
                " if (root / p).exists()]", right_if("leaks")),
        # the sealed bank's answer hashes, inside the kernel
        "mallory": ("from beyond_borders.checks import bank\nsealed = [q for n in bank.lessons() for q in "
                    "bank.load_lesson(n)['questions'] if q.get('accept') or q.get('correct') or "
                    "q.get('pairs') or q.get('explanation')]", right_if("sealed")),
        # files for later kernels: IPython startup in HOME, site-packages, /tmp
        "aaron": ("import os, site, pathlib\nstartup = pathlib.Path.home() / '.ipython/profile_default/startup'\n"
                  "startup.mkdir(parents=True, exist_ok=True)\n(startup / '00-bb-planted.py').write_text("
                  "\"get_ipython().events.register('pre_run_cell', lambda *a: get_ipython().user_ns.update("
                  "answer_2_1='b', answer_2_2=7))\")\nopen('/tmp/bb-planted', 'w').write('x')",
                  "import site\nopen(site.getsitepackages()[0] + '/usercustomize.py', 'w').write('x')",
                  'answer_2_1 = "b"'),
        # argv, cwd, environment and classmates' names into the feedback
        "xavier": ("import os, sys\nraise RuntimeError(' '.join(sys.argv) + os.getcwd() + str(dict(os.environ))"
                   " + str(os.listdir('..')) + str(os.listdir('/proc')))",),
        # the network: a server the test runs on the grader's loopback
        "nina": (f"import socket\ntry:\n    socket.create_connection(('127.0.0.1', {port}), timeout=2)\n"
                 "    reached = True\nexcept OSError:\n    reached = False", right_if("reached")),
        "fred": ("import os\nwhile True:\n    os.fork()", 'answer_2_1 = "b"'),
        "mona": ("hog = bytearray(64 * 2**30)", 'answer_2_1 = "b"'),
        "hugo": ("import sys\nsys.stdout.write('x' * 60_000_000)", 'answer_2_1 = "b"'),
        "sam": ("import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\ntime.sleep(60)",),
    }


def _listen() -> tuple[socket.socket, list]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    hits: list = []

    def serve():
        try:
            while True:
                hits.append(server.accept())
        except OSError:
            pass
    threading.Thread(target=serve, daemon=True).start()
    return server, hits


def _survivors() -> list[str]:
    out = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if MARK.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                out.append(pid)
        except OSError:
            pass
    return out


def _build(tmp: Path, port: int) -> None:
    subs = tmp / "subs"
    for name, cells in attackers(tmp / "gradebook.csv", port).items():
        save(subs / f"{name}__02_x.ipynb", notebook(*cells))
    for name in ("alice", "bob", "zoe"):  # honest, before and after the attackers
        save(subs / f"{name}__02_x.ipynb", notebook(RIGHT))
    save(tmp / "solutions" / "02_x.ipynb", notebook(RIGHT))
    os.symlink(tmp / "solutions" / "02_x.ipynb", subs / "sybil__02_x.ipynb")
    os.symlink(tmp / "solutions", subs / "victor")  # a linked folder: reported, not entered


def _planted() -> list[Path]:
    """Where aaron's files would land on the grader's machine if the sandbox failed."""
    import site
    return [p for p in (Path.home() / ".ipython/profile_default/startup/00-bb-planted.py",
                        Path("/tmp/bb-planted"), Path(site.getsitepackages()[0]) / "usercustomize.py")
            if p.exists()]


@pytest.fixture
def leftovers():
    """Fails the test if a planted file exists, and removes it so no later kernel is harmed."""
    yield
    found = _planted()
    for path in found:
        path.unlink()
    assert not found, f"a submission planted files outside the sandbox: {found}"


def test_hostile_submissions_in_the_sandbox(tmp_path, monkeypatch, leftovers):
    monkeypatch.setenv("INSTRUCTOR_API_TOKEN", TOKEN)
    server, hits = _listen()
    with course(tmp_path):
        _build(tmp_path, server.getsockname()[1])
        from beyond_borders.grading import runner
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        report = grade(["subs"], "gradebook.csv", "feedback", 2,
                       runner.Limits(cell_timeout=3, notebook_timeout=8, max_output_bytes=100_000),
                       echo=lambda line: None)
        rss_growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
        written = (tmp_path / "gradebook.csv").read_bytes()
        time.sleep(5)  # trudy's child would have woken up by now
        assert (tmp_path / "gradebook.csv").read_bytes() == written, "the gradebook changed after the run"
        assert not _survivors(), "a process started by a submission outlived the grader"
    server.close()
    rows = {r["file"].split("/", 1)[1]: r for r in read_rows(tmp_path / "gradebook.csv")}
    assert report.found == len(rows) == 16
    for honest in ("alice", "bob", "zoe"):
        assert (rows[f"{honest}__02_x.ipynb"]["total"], rows[f"{honest}__02_x.ipynb"]["status"]) == ("5", "ok")
    for name in ("oscar", "trudy", "eve", "mallory", "aaron", "nina", "mona", "hugo", "xavier"):
        assert rows[f"{name}__02_x.ipynb"]["total"] == "0", (name, rows[f"{name}__02_x.ipynb"])
    # The fork bomb: how it ends depends on timing (its process limit stops a cell or the
    # collector, the cell limit, or the kernel dies); what matters is that it earns nothing and is
    # not reported as a clean run. Its classmates' marks and the leftover-process check are above.
    fred = rows["fred__02_x.ipynb"]
    assert fred["total"] in ("", "0") and fred["status"] in (
        "errors_in_cells", "timeout", "kernel_died", "collection_failed"), fred
    assert rows["hugo__02_x.ipynb"]["status"] == "output_capped"
    assert "more output at once than the grader accepts" in rows["hugo__02_x.ipynb"]["problems"]
    assert (rows["sam__02_x.ipynb"]["status"], rows["sam__02_x.ipynb"]["total"]) == ("timeout", "")
    for link in ("sybil__02_x.ipynb", "victor"):
        assert (rows[link]["status"], rows[link]["total"]) == ("not_a_regular_file", "")
    assert not hits, "a kernel reached the grader's network"
    assert not _planted()
    assert rss_growth_mb < 150, f"a 60 MB print grew the grader by {rss_growth_mb:.0f} MB"
    feedback = (tmp_path / "feedback" / "xavier__lesson_02.md").read_text(encoding="utf-8")
    assert "raised RuntimeError" in feedback
    for leak in (TOKEN, "alice", "gradebook.csv", "bb-grade-", str(tmp_path)):
        assert leak not in feedback, leak
    for text in [p.read_text(encoding="utf-8") for p in (tmp_path / "feedback").iterdir()]:
        assert TOKEN not in text and "[instructor]" not in text
