"""One source, no drift: exercises/ is what the generator makes from solutions/."""
import json
from pathlib import Path

import nbformat
import pytest

from beyond_borders.authoring import exercises
from beyond_borders.checks import bank
from beyond_borders.checks.reflection import PLACEHOLDER as REFLECTION_PLACEHOLDER

ROOT = Path(__file__).resolve().parents[1]


def test_exercises_match_the_generator():
    problems = exercises.drift(ROOT)
    assert not problems, "\n".join(problems) + "\nRun: make exercises"


def test_every_lesson_but_00_has_an_exercise_and_a_solution():
    lessons = sorted(p.name for p in (ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))
    assert lessons[0].startswith("00_")
    for name in lessons[1:]:
        assert (ROOT / "solutions" / name).exists(), f"solutions/{name} missing"
        assert (ROOT / "exercises" / name).exists(), f"exercises/{name} missing"


def test_strip_code_replaces_answers_and_keeps_the_check():
    src = "x = 1\n# BEGIN SOLUTION\nanswer_2_3 = \"b\"\n# END SOLUTION\ncheck(\"2.3\", answer_2_3)"
    out = exercises.strip_code(src)
    assert out == "x = 1\nanswer_2_3 = ...  # ✎ your answer here\ncheck(\"2.3\", answer_2_3)"


def test_strip_code_data_task_keeps_only_the_answer_line():
    src = ("events = load_events()\n# BEGIN SOLUTION\nw = events[events.date > '2024']\n"
           "answer_2_10 = len(w)\n# END SOLUTION\ncheck('2.10', answer_2_10)")
    out = exercises.strip_code(src)
    assert "len(w)" not in out and "answer_2_10 = ..." in out and "events = load_events()" in out


@pytest.mark.parametrize("src,msg", [
    ("# BEGIN SOLUTION\nx = 1", "without # END SOLUTION"),
    ("x = 1\n# END SOLUTION", "without # BEGIN SOLUTION"),
    ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION", "nested"),
])
def test_malformed_solution_markers_are_reported(src, msg):
    with pytest.raises(exercises.SolutionFormatError, match=msg):
        exercises.strip_code(src, "test")


def test_round_trip_on_a_built_notebook(tmp_path):
    sol = nbformat.v4.new_notebook()
    sol.cells = [
        nbformat.v4.new_markdown_cell("Q\n<!-- BEGIN SOLUTION -->\nModel answer\n<!-- END SOLUTION -->\nend"),
        nbformat.v4.new_code_cell("from beyond_borders import check\n# BEGIN SOLUTION\nanswer_9_1 = 3\n"
                                  "# END SOLUTION\ncheck('9.1', answer_9_1)"),
        nbformat.v4.new_code_cell("%%reflection 9.2\nHe said \"no\".\nThe model answer."),
        nbformat.v4.new_code_cell("print('instructor only')", metadata={"tags": ["solution-only"]}),
    ]
    ex = exercises.make_exercise(sol, Path("09_test.ipynb"))
    assert [c.cell_type for c in ex.cells] == ["markdown", "code", "code"]
    assert "Model answer" not in ex.cells[0].source and ex.cells[0].source == "Q\nend"
    assert "3" not in ex.cells[1].source.split("#")[0]
    assert ex.cells[1].source.startswith("from beyond_borders import check\n")
    assert ex.cells[2].source == "%%reflection 9.2\n" + REFLECTION_PLACEHOLDER
    assert ex.metadata["beyond_borders"] == {"lesson": "09", "kind": "exercise",
                                             "generated_from": "solutions/09_test.ipynb"}


@pytest.mark.parametrize("src,msg", [
    ("# BEGIN SOLUTION\nanswer_2_1 = 'b'\n# END SOLUTION\ncheck('2.1', answer_2_1)",
     "must start with: from beyond_borders import check"),
    ("from beyond_borders import check, load_events\nanswer_2_1 = len(events)\ncheck('2.1', answer_2_1)",
     "uses events from an earlier cell"),
    ("from beyond_borders import check\nanswer_2_1 = load_events()\ncheck('2.1', answer_2_1)",
     "must start with: from beyond_borders import check, load_events"),
])
def test_a_solution_cell_that_would_not_run_alone_is_refused(src, msg):
    sol = nbformat.v4.new_notebook()
    sol.cells = [nbformat.v4.new_code_cell(src)]
    with pytest.raises(exercises.SolutionFormatError, match=msg):
        exercises.make_exercise(sol, Path("02_test.ipynb"))


def test_every_solution_code_cell_would_run_alone():
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        nb = nbformat.read(str(path), as_version=4)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                assert exercises.cell_problems(cell.source, f"{path.name} cell {i}") == []


def test_build_writes_each_lesson_once_and_honours_only(tmp_path):
    (tmp_path / "solutions").mkdir()
    for name in ("01_a.ipynb", "02_b.ipynb"):
        sol = nbformat.v4.new_notebook()
        sol.cells = [nbformat.v4.new_code_cell("# BEGIN SOLUTION\nanswer_1_1 = 2\n# END SOLUTION")]
        nbformat.write(sol, str(tmp_path / "solutions" / name))
    ex = tmp_path / "exercises"
    assert exercises.build(tmp_path, execute=False, only=["02"]) == [(ex / "02_b.ipynb", True)]
    assert not (ex / "01_a.ipynb").exists()
    assert exercises.build(tmp_path, execute=False) == [(ex / "01_a.ipynb", True), (ex / "02_b.ipynb", False)]
    assert exercises.drift(tmp_path) == []
    (ex / "02_b.ipynb").unlink()
    assert exercises.drift(tmp_path) == ["exercises/02_b.ipynb is missing (run: beyond-borders build-exercises)"]


def _code(nb):
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("path", sorted((ROOT / "exercises").glob("*.ipynb")), ids=lambda p: p.name)
def test_exercise_reveals_no_answer(path):
    """No exercise cell holds an accepted answer: every answer variable is `...`."""
    nb = nbformat.read(str(path), as_version=4)
    code = _code(nb)
    assert "BEGIN SOLUTION" not in code and "END SOLUTION" not in code
    for line in code.splitlines():
        if line.strip().startswith("answer_") and "=" in line:
            assert line.split("=", 1)[1].strip().startswith("..."), line
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert "Model answer" not in cell.source


@pytest.mark.parametrize("path", sorted((ROOT / "exercises").glob("*.ipynb")), ids=lambda p: p.name)
def test_exercise_outputs_show_every_check_unanswered(path):
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and exercises.is_answer_cell(cell.source):
            text = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
            assert "Not answered yet" in text, f"{path.name}: {cell.source[:60]}"


@pytest.mark.parametrize("path", sorted((ROOT / "solutions").glob("*.ipynb")), ids=lambda p: p.name)
def test_solution_outputs_show_every_check_correct_or_recorded(path):
    nb = nbformat.read(str(path), as_version=4)
    n = 0
    for cell in nb.cells:
        if cell.cell_type == "code" and exercises.is_answer_cell(cell.source):
            text = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
            assert ": Correct" in text or "Reflection recorded" in text, f"{path.name}: {cell.source[:80]}\n{text}"
            n += 1
    assert n >= 12, f"{path.name} has only {n} checks"


@pytest.mark.parametrize("path", sorted((ROOT / "instructors" / "answer_keys").glob("*.json")), ids=lambda p: p.name)
def test_sealed_bank_matches_answer_key(path):
    key = json.loads(path.read_text(encoding="utf-8"))
    shipped = json.loads((bank.QUESTION_DIR / f"{key['lesson']}.json").read_text(encoding="utf-8"))
    assert bank.seal(key) == shipped, "run: beyond-borders seal-questions"


@pytest.mark.parametrize("path", sorted((ROOT / "instructors" / "answer_keys").glob("*.json")), ids=lambda p: p.name)
def test_every_exercise_set_has_at_least_ten_marked_items(path):
    key = json.loads(path.read_text(encoding="utf-8"))
    if key["lesson"] == "00":
        return
    marked = [q for q in key["questions"] if q["type"] != "open"]
    assert len(marked) >= 10
    assert any(q["type"] == "open" for q in key["questions"]), "one open reflection"
    assert len({q["type"] for q in marked}) >= 3
