"""``beyond-borders release``: the student copy, in both modes.

Each mode is built once per test session (shared by the xdist workers, under a lock). The
graded copy is searched, file by file, for everything the instructor's keys and solutions could
give away, each derived from the keys themselves; ``check`` is run *in the copy's own package*
(a subprocess whose PYTHONPATH is the copy's ``src/``) with the right answers and wrong ones;
the copy's own ``make test`` runs with this virtualenv (``make -o`` skips its install step and
PYTHONPATH puts the copy's package first); and the instructor's grader grades a notebook from
either copy alike.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from beyond_borders import cli
from beyond_borders.authoring import release
from beyond_borders.checks import bank
from tests.test_grading import grade_cli, read_rows

ROOT = Path(__file__).resolve().parents[1]
KEYS = {p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "instructors" / "answer_keys").glob("*.json"))}
EXERCISE_02 = "exercises/02_the_january_2024_strikes.ipynb"


def _shared_copy(tmp_path_factory, worker_id, graded: bool) -> Path:
    """One copy per mode and session; xdist workers share it (the first one builds it)."""
    base = tmp_path_factory.getbasetemp()
    base = base if worker_id == "master" else base.parent
    name = "graded" if graded else "self-study"
    out, done = base / f"release-{name}", base / f"release-{name}.done"
    with open(base / f"release-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            release.build(ROOT, out, graded=graded)
            done.write_text("ok")
    return out


@pytest.fixture(scope="session")
def graded_copy(tmp_path_factory, worker_id):
    return _shared_copy(tmp_path_factory, worker_id, graded=True)


@pytest.fixture(scope="session")
def study_copy(tmp_path_factory, worker_id):
    return _shared_copy(tmp_path_factory, worker_id, graded=False)


def files_of(copy: Path):
    return [p for p in sorted(copy.rglob("*")) if p.is_file()]


# ------------------------------------------------------------- what the keys could give away

def key_texts(key: dict) -> set[str]:
    """The words of a key that state or point at an answer: explanations, hints, option feedback
    and known confusions."""
    out = set()
    for q in key["questions"]:
        out |= {q.get("explanation", ""), q.get("hint", ""), *q.get("feedback", {}).values(),
                *q.get("confusions", {}).values()}
    return {t for t in out if len(t) >= 12}


def text_answers(key: dict) -> set[str]:
    """Every accepted text answer (course data names them too, so they are looked for in the
    package only, where nothing but a verdict would put them)."""
    return {a for q in key["questions"] if q["type"] == "text"
            for a in (q["answer"], *q.get("accept_variants", [])) if len(a) >= 3}


def sealed_secrets(key: dict) -> set[str]:
    """The salt, and every hash and scrambled text the sealed bank holds for the questions."""
    sealed = bank.seal(key)
    out = {key["salt"]}
    for q in sealed["questions"]:
        for name in ("accept", "correct", "pairs", "partial", "near"):
            out |= set(q.get(name, []))
        for name in ("feedback", "confusions"):
            out |= set(q.get(name, {})) | set(q.get(name, {}).values())
        out.add(q.get("why", ""))
    return {s for s in out if len(s) >= 8}


def solution_texts() -> set[str]:
    """Every answer line and model-answer line of the worked solutions."""
    out = set()
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        for cell in nbformat.read(str(path), as_version=4).cells:
            src = cell.source
            if src.startswith("%%reflection"):
                out |= {line.strip() for line in src.splitlines()[1:] if len(line.strip()) >= 40}
            for block in re.findall(r"BEGIN SOLUTION(.*?)END SOLUTION", src, re.S):
                out |= {line.strip() for line in block.splitlines()
                        if re.match(r"\s*answer_\d+_\d+\s*=", line) or len(line.strip()) >= 40}
    return {t for t in out if len(t) >= 12 and not re.fullmatch(r"answer_\d+_\d+\s*=\s*\.\.\.", t)}


def found_in(copy: Path, needles: set[str]) -> list[str]:
    hits = []
    for path in files_of(copy):
        text = path.read_bytes().decode("utf-8", errors="ignore")
        text = text + json.dumps(text)  # also as it is written inside a JSON string
        hits += [f"{path.relative_to(copy)}: {n[:60]!r}" for n in needles if n in text]
    return hits


def test_a_student_copy_holds_no_solutions_keys_or_instructor_tools(study_copy, graded_copy):
    for copy in (study_copy, graded_copy):
        names = {p.name for p in copy.rglob("*")}
        assert not names & {"solutions", "instructors", "answer_keys", "grading", "authoring", "classroom"}
        assert sorted(p.name for p in (copy / "tests").iterdir()) == ["nbval_sanitize.cfg",
                                                                      "test_course.py"]
        assert "Worked solutions" not in (copy / "README.md").read_text(encoding="utf-8")
        assert not found_in(copy, solution_texts())


def test_the_graded_copy_holds_nothing_that_answers_a_question(graded_copy):
    needles = set().union(*(key_texts(k) | sealed_secrets(k) for k in KEYS.values()))
    assert len(needles) > 500  # the keys really were read
    assert not found_in(graded_copy, needles)
    # no accepted text answer, not even an abbreviation, in the package's code (its examples)
    answers = set().union(*(text_answers(k) for k in KEYS.values()))
    code = [p for p in (graded_copy / "src").rglob("*.py")]
    assert len(answers) > 20 and code
    assert not [(p.name, a) for p in code for a in answers
                if re.search(rf"\b{re.escape(a)}\b", p.read_text(encoding="utf-8"))]
    for path in sorted((graded_copy / "src" / "beyond_borders" / "checks" / "questions").glob("*.json")):
        sealed = json.loads(path.read_text(encoding="utf-8"))
        assert sealed["mode"] == "graded"
        for q in sealed["questions"]:
            assert set(q) <= {"id", "short", "type", "points", "options", "items", "step", "per",
                              "unit", "min_words", "max_words", "example", "level", "task",
                              "prompts", "steps", "errors"}, q["id"]


def test_the_self_study_copy_ships_the_banks_unchanged(study_copy):
    for lesson in bank.lessons():
        shipped = study_copy / "src" / "beyond_borders" / "checks" / "questions" / f"{lesson}.json"
        assert shipped.read_bytes() == (bank.QUESTION_DIR / f"{lesson}.json").read_bytes()


# ------------------------------------------------------------------- check() in each copy

PROBE = r"""
import json, sys
from beyond_borders import check, score
from beyond_borders.checks import bank, exercise
from beyond_borders.checks.quick import quick_feedback
tries = json.load(sys.stdin)
out = {"file": bank.__file__, "checks": [], "quick": []}
for qid, answer in tries:
    exercise.reset()
    r = check(qid, answer)
    out["checks"].append([qid, r.status, repr(r)])
for n in bank.lessons():
    for qc in bank.load_lesson(n)["quick_checks"]:
        out["quick"].append(quick_feedback(qc, qc["answer"])[0])
out["score"] = repr(score("2"))
print(json.dumps(out))
"""


def wrong(q: dict):
    """An answer of the right form that is not the key's."""
    kind, ans = q["type"], q.get("answer")
    if kind == "single_choice":
        return next(k for k in q["options"] if k != ans)
    if kind == "multiple_choice":
        return [k for k in q["options"] if k not in ans][:1]
    if kind == "ordering":
        return list(reversed(ans))
    if kind == "numeric":
        return ans + 10 * (q.get("tolerance", 0) + q.get("partial_tolerance", 0) + 1)
    if kind == "date":
        return "1999-12-31"
    if kind == "matching":
        return {k: next(o for o in q["options"] if o != v) for k, v in ans.items()}
    if kind == "chain":
        return {"step": ans["step"], "error": next(e for e in q["errors"] if e != ans["error"])}
    return "Zzyzx Quorvan"


def tries() -> list:
    out = []
    for key in KEYS.values():
        for q in key["questions"]:
            if q["type"] != "open":
                out += [[q["id"], q["answer"]], [q["id"], wrong(q)]]
    return out


def probe(copy: Path, answers: list) -> dict:
    env = {**os.environ, "PYTHONPATH": str(copy / "src")}
    done = subprocess.run([sys.executable, "-c", PROBE], input=json.dumps(answers), env=env,
                          capture_output=True, text=True, timeout=120, cwd=copy)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert Path(result["file"]).resolve().is_relative_to(copy.resolve())
    return result


def test_graded_check_saves_every_answer_and_never_gives_a_verdict(graded_copy):
    result = probe(graded_copy, tries())
    assert len(result["checks"]) > 150
    for qid, status, shown in result["checks"]:
        assert status == "saved", (qid, shown)
        assert "Saved for your instructor" in shown and "instructor marks it" in shown
        assert not re.search(r"Correct|Not yet|Partly|point|Why:|Hint:", shown), shown
    # right and wrong answers of one question read alike: only the echo of the answer differs
    by_q = {}
    for qid, status, _shown in result["checks"]:
        by_q.setdefault(qid, set()).add(status)
    assert all(len(s) == 1 for s in by_q.values())
    assert set(result["quick"]) == {"correct"}  # the lessons' quick checks stay instant
    assert "answered; saved for your instructor" in result["score"]
    assert "point" not in result["score"]


def test_graded_check_still_explains_a_slip_of_form(graded_copy):
    slips = [["2.7", "a few dozen"], ["2.2", ["b"]], ["2.5", "erbil"], ["3.4", 42], ["2.1", None],
             ["9.99", "b"], [2.1, "b"]]
    got = [(status, text) for _qid, status, text in probe(graded_copy, slips)["checks"]]
    assert got[0][0] == "invalid" and "not one number" in got[0][1]
    assert got[1][0] == "invalid" and "one option letter" in got[1][1]
    assert got[2][0] == "incomplete" and "leaves out" in got[2][1]
    assert got[3][0] == "invalid" and "text in quotes" in got[3][1]
    assert got[4][0] == "unanswered" and "point" not in got[4][1]
    assert got[5][0] == got[6][0] == "unknown"


def test_the_self_study_copy_still_marks_at_once(study_copy):
    result = probe(study_copy, tries())
    statuses = [status for _qid, status, _ in result["checks"]]
    assert statuses[0::2] == ["correct"] * (len(statuses) // 2)  # every key answer
    assert "correct" not in statuses[1::2]  # and none of the wrong ones
    assert "points" in result["score"]


# ------------------------------------------------------------------ the copy runs on its own

def run_make(copy: Path, target: str, tmp_path: Path) -> str:
    """``make TARGET`` in the copy with this virtualenv. The copy's install step must not run (it
    would reinstall this virtualenv): a fresh STAMP file says it is done, and PYTHON=false stops
    it if it ran anyway. PYTHONPATH puts the copy's own package first."""
    venv = Path(sys.executable).parent.parent
    stamp = tmp_path / "installed"
    stamp.write_text("")
    env = {**os.environ, "PYTHONPATH": str(copy / "src")}
    done = subprocess.run(["make", "-C", str(copy), target, f"VENV={venv}", f"STAMP={stamp}",
                           "PYTHON=false"], env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "pip install" not in done.stdout
    assert "failed" not in done.stdout and "skipped" not in done.stdout
    return done.stdout


def test_the_graded_copy_passes_its_own_tests(graded_copy, tmp_path):
    """``make test`` in the copy: its tests, then strict nbval twice over lessons, exercises and
    apps (whose stored outputs the graded mode changed)."""
    passed = re.findall(r"(\d+) passed", run_make(graded_copy, "test", tmp_path))
    assert len(passed) == 3 and all(int(n) > 50 for n in passed), passed


def test_the_self_study_copy_passes_its_own_unit_tests(study_copy, tmp_path):
    """Its notebooks are the course's own, which strict nbval already runs."""
    passed = re.findall(r"(\d+) passed", run_make(study_copy, "test-unit", tmp_path))
    assert len(passed) == 1 and int(passed[0]) > 50, passed


def test_release_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "old.txt").write_text("an earlier copy", encoding="utf-8")
    assert cli.main(["release", str(tmp_path), "--root", str(ROOT)]) == 1
    err = capsys.readouterr().err
    assert "not an empty folder" in err and "Traceback" not in err
    assert [p.name for p in tmp_path.iterdir()] == ["old.txt"]
    assert cli.main(["release", str(ROOT / "lessons" / "copy"), "--root", str(ROOT)]) == 1
    assert "inside a folder the copy is made from" in capsys.readouterr().err
    assert not (ROOT / "lessons" / "copy").exists()
    assert cli.main(["release", str(tmp_path / "new"), "--root", str(tmp_path)]) == 1
    assert "not a full course folder" in capsys.readouterr().err


# ------------------------------------------------------- the grader treats both copies alike

def answered(copy: Path, answers: dict) -> nbformat.NotebookNode:
    nb = nbformat.read(str(copy / EXERCISE_02), as_version=4)
    for cell in nb.cells:
        m = re.search(r"^answer_2_(\d+) = \.\.\.", cell.source, re.M)
        if cell.cell_type == "code" and m and f"2.{m.group(1)}" in answers:
            cell.source = cell.source.replace(m.group(0),
                                              f"answer_2_{m.group(1)} = {answers[f'2.{m.group(1)}']!r}")
        if cell.source.startswith("%%reflection 2.13"):
            cell.source = "%%reflection 2.13\n" + "I think both strikes claimed self-defence. " * 10
    return nb


def test_the_grader_grades_a_graded_copy_like_a_self_study_one(graded_copy, study_copy,
                                                             tmp_path, monkeypatch):
    qs = [q for q in KEYS["02"]["questions"] if q["type"] != "open"]
    answers = {q["id"]: (q["answer"] if i % 3 else wrong(q)) for i, q in enumerate(qs)}
    subs = tmp_path / "subs"
    subs.mkdir()
    nbformat.write(answered(graded_copy, answers), str(subs / "gina__02_the_january_2024_strikes.ipynb"))
    nbformat.write(answered(study_copy, answers), str(subs / "sam__02_the_january_2024_strikes.ipynb"))
    monkeypatch.chdir(tmp_path)
    code, out = grade_cli("subs", "--out", "gb.csv", "--feedback", "fb", "--jobs", "2")
    assert code == 0, out
    rows = {r["student"]: r for r in read_rows("gb.csv")}
    same = [k for k in rows["gina"] if k not in ("student", "file", "sha256")]
    assert {k: rows["gina"][k] for k in same} == {k: rows["sam"][k] for k in same}
    assert rows["gina"]["status"] == "ok" and 0 < float(rows["gina"]["total"]) < float(rows["gina"]["max"])
    fb = {p.name.split("__")[0]: p.read_text(encoding="utf-8") for p in (tmp_path / "fb").glob("*.md")}
    assert fb["gina"].replace("gina", "X") == fb["sam"].replace("sam", "X")


def test_both_copies_keep_binders_postbuild_executable(graded_copy, study_copy):
    """A student copy pushed to its own repository must still build on Binder."""
    for copy in (graded_copy, study_copy):
        post = copy / "postBuild"
        assert post.is_file() and os.access(post, os.X_OK), copy
