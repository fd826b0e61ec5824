"""A class of two on the real hub (scripts/hub/run_hub.py): the same path as
benchmarks/hub_class.py, asserting behaviour rather than timing. Two learners log in at once,
pull the course through the nbgitpuller link from a local git repository, and run lesson 02 and
exercise 02 cell by cell over kernel websockets; afterwards no process the hub started is left.

Needs `make hub-install` (JupyterHub, nbgitpuller and the npm proxy). Without it the tests skip
and say so, except under CI, where they fail: a green CI means the hub ran."""
import asyncio
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "hub"))
from classroom import WEEK_2, run_class  # noqa: E402
from learner import Learner  # noqa: E402
from run_hub import marked, missing_parts, running_hub  # noqa: E402

MISSING = missing_parts()
if MISSING:
    if os.environ.get("CI"):
        pytest.fail("the hub is not installed in CI: " + "; ".join(MISSING), pytrace=False)
    pytest.skip("the class hub is not installed (`make hub-install`): " + "; ".join(MISSING),
                allow_module_level=True)


def committed_files():
    """Every file of HEAD with its bytes: what the learners' pulled copies must hold."""
    names = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "-r", "-z", "--name-only", "HEAD"],
                           capture_output=True, check=True).stdout.decode().split("\0")
    return {n: subprocess.run(["git", "-C", str(ROOT), "show", f"HEAD:{n}"], capture_output=True,
                              check=True).stdout for n in names if n}


def alive(pids):
    alive = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.append(pid)
    return alive


@pytest.fixture(scope="module")
def lesson_day():
    """Run the class once; the tests below read what happened."""
    with running_hub() as hub:
        seats = run_class(hub, 2, WEEK_2)
        homes = {s.name: hub.state / "home" / s.name / "beyond-borders" for s in seats}
        pulled = {name: {p.relative_to(home).as_posix(): p.read_bytes()
                         for p in home.rglob("*") if p.is_file() and ".git" not in p.relative_to(home).parts}
                  for name, home in homes.items()}
        wrong_password = asyncio.run(_try_wrong_password(hub))
        preloaded = asyncio.run(_modules_at_kernel_start(hub, seats[0].name))
        link = hub.link()
    return {"seats": seats, "pulled": pulled, "hub": hub, "wrong_password": wrong_password, "link": link,
            "preloaded": preloaded}


# The names IPython's kernel itself puts in every namespace are left out; anything else is ours.
PROBE = ("import sys\nprint(sorted(m for m in ('pandas', 'matplotlib', 'ipywidgets', 'beyond_borders.views.explorer')"
         " if m in sys.modules), sorted(n for n in dir() if not n.startswith('_') and n not in"
         " ('In', 'Out', 'exit', 'quit', 'get_ipython', 'open', 'sys')))")


async def _modules_at_kernel_start(hub, name):
    """What a learner's new kernel has loaded before its first cell, and what its namespace holds."""
    learner = Learner(hub.url, name, hub.password)
    await learner.log_in()
    await learner.request(learner.server + "lab")  # the server's own cookies, as a browser gets them
    runs = await learner.run_in_new_kernel("beyond-borders/lessons/probe.ipynb",
                                           [{"cell_type": "code", "source": PROBE}])
    return "".join(o.get("text", "") for o in runs[0].outputs).strip()


async def _try_wrong_password(hub):
    try:
        await Learner(hub.url, "intruder", hub.password + "x").log_in()
    except RuntimeError as exc:
        return str(exc)
    return None


def test_every_learner_ran_both_notebooks_without_an_error(lesson_day):
    for seat in lesson_day["seats"]:
        assert not seat.problems, seat.problems
        for notebook in WEEK_2:
            cells = seat.runs[notebook]
            assert cells, f"{seat.name}: {notebook} ran no cell"
            errors = [(c.index, e["ename"], e["evalue"]) for c in cells for e in c.errors]
            assert not errors, f"{seat.name}: {notebook}: {errors}"
            assert {c.status for c in cells} == {"ok"}, f"{seat.name}: {notebook}"


def test_every_code_cell_ran_and_showed_what_the_stored_notebook_shows(lesson_day):
    """Cell by cell, the kinds of output each learner got (figures, widgets, results) are the
    kinds `make outputs` stored in the repository's copy."""
    import nbformat
    for notebook in WEEK_2:
        stored = {i: sorted(o.output_type for o in c.outputs)
                  for i, c in enumerate(nbformat.read(ROOT / notebook, 4).cells) if c.cell_type == "code"}
        for seat in lesson_day["seats"]:
            got = {c.index: sorted(o["output_type"] for o in c.outputs) for c in seat.runs[notebook]}
            assert got == stored, (seat.name, notebook)


def test_each_learner_pulled_exactly_the_committed_course(lesson_day):
    expected = committed_files()
    for name, files in lesson_day["pulled"].items():
        assert set(files) == set(expected), (name, sorted(set(files) ^ set(expected))[:10])
        different = [n for n in expected if files[n] != expected[n]]
        assert not different, (name, different[:10])


def test_the_link_is_the_guides_pattern(lesson_day):
    url = urllib.parse.urlparse(lesson_day["link"])
    assert url.path == "/hub/user-redirect/git-pull"
    query = urllib.parse.parse_qs(url.query)
    assert query["branch"] == ["main"]
    assert query["urlpath"] == ["lab/tree/beyond-borders/lessons/00_start_here.ipynb"]
    assert "%2F" in url.query  # repo and urlpath are URL-encoded, as the guide says


def test_a_wrong_class_password_is_refused(lesson_day):
    assert lesson_day["wrong_password"] and "refused" in lesson_day["wrong_password"]


def test_no_process_the_hub_started_is_left(lesson_day):
    hub = lesson_day["hub"]
    assert hub.seen, "no process was seen under the hub"
    assert hub.process.poll() is not None
    assert not alive(marked(hub.run_id)), "a process of this run (proxy, server or kernel) is still there"
    assert not hub.state.exists()


def test_a_kernel_starts_with_the_course_loaded_and_an_empty_namespace(lesson_day):
    # beyond_borders.warm, through the hub's kernel definition: the imports happen before the
    # kernel answers, and nothing appears in the learner's namespace.
    assert lesson_day["preloaded"] == "['beyond_borders.views.explorer', 'ipywidgets', 'matplotlib', 'pandas'] []"
