"""The levels and tasks of the marked items (spec §1), and ``instructors/objectives.md`` generated
from them: every key item is tagged with a known level and task; in every exercise set recall is
at most 20 % of the auto-marked items; the five reasoning tasks each occur in the course and in each
third of it; and the page equals what ``beyond-borders objectives`` makes from the lessons and keys.

Until every lesson's key is tagged, the tag tests fail and name the untagged items: that is the
work list, not a flaky test.
"""
import csv
import json
from pathlib import Path

import nbformat
import pytest

from beyond_borders.authoring import objectives
from beyond_borders.checks.levels import LEVELS, NEW_TASKS, RECALL_SHARE, TASKS, problems, recall_share

ROOT = Path(__file__).resolve().parents[1]
KEYS = objectives.read_keys(ROOT)
SETS = {lesson: key for lesson, key in KEYS.items() if objectives.exercise_set(ROOT, lesson)}
THIRDS = {"l1": ("01", "02", "03"), "l2": ("04", "05", "06"), "l3": ("07", "08", "09")}


def test_the_page_is_what_the_generator_makes():
    want = objectives.render(ROOT)
    have = (ROOT / objectives.TARGET).read_text(encoding="utf-8")
    assert have == want, "instructors/objectives.md is out of date: run `make objectives`"


@pytest.mark.parametrize("lesson", sorted(KEYS))
def test_every_key_item_has_a_known_level_and_task(lesson):
    found = [p for q in KEYS[lesson]["questions"] for p in sum(problems(q), [])]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lesson", sorted(SETS))
def test_recall_is_at_most_a_fifth_of_each_sets_auto_marked_items(lesson):
    questions = SETS[lesson]["questions"]
    recall = [q["id"] for q in questions if q.get("level") == "recall" and q["type"] != "open"]
    assert recall_share(questions) <= RECALL_SHARE + 1e-9, f"set {lesson}: recall items {recall}"


def test_reflections_are_tagged_as_reflections():
    items = [q for key in KEYS.values() for q in key["questions"] if "task" in q]
    wrong = [q["id"] for q in items if (q["type"] == "open") != (q["task"] == "reflection")]
    assert not wrong, f"an open item's task is 'reflection', and only an open item's: {wrong}"


def test_the_five_reasoning_tasks_each_occur_in_the_course():
    used = {q.get("task") for key in SETS.values() for q in key["questions"]}
    assert not set(NEW_TASKS) - used, f"never used: {sorted(set(NEW_TASKS) - used)}"


@pytest.mark.parametrize("third", sorted(THIRDS))
def test_each_third_of_the_course_uses_every_reasoning_task(third):
    used = {q.get("task") for lesson in THIRDS[third] for q in KEYS.get(lesson, {}).get("questions", [])}
    assert not set(NEW_TASKS) - used, f"{third} (sets {', '.join(THIRDS[third])}) never uses {sorted(set(NEW_TASKS) - used)}"


def test_every_set_uses_a_primary_document():
    table = ROOT / "datasets" / "documents.csv"
    with table.open(encoding="utf-8") as fh:
        ids = {row["id"] for row in csv.DictReader(fh)}
    lacking = [lesson for lesson, key in SETS.items()
               if not any(doc in json.dumps(key["questions"], ensure_ascii=False) for doc in ids)]
    assert not lacking, f"sets with no item citing a document of documents.csv: {lacking}"


def test_the_vocabulary_is_the_spec_s():
    assert LEVELS == ("recall", "comprehension", "application", "analysis", "evaluation")
    assert set(NEW_TASKS) < set(TASKS) and "reflection" in TASKS and "fact" in TASKS


def test_objectives_are_read_from_the_lesson_s_numbered_list(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Title\n\nIntro."),
        nbformat.v4.new_markdown_cell("## Learning objectives\n\nBy the end you will:\n\n1. **Sequence** the\n"
                                      "   events of 2024.\n2. **Compare** two accounts.\n\n## Next\n\n3. not this"),
    ])
    path = tmp_path / "98_x.ipynb"
    nbformat.write(nb, str(path))
    assert objectives.lesson_objectives(path) == ["**Sequence** the events of 2024.", "**Compare** two accounts."]


@pytest.mark.parametrize("lesson", sorted(KEYS))
def test_every_lesson_states_three_to_five_objectives(lesson):
    notebook = next((ROOT / "lessons").glob(f"{lesson}_*.ipynb"))
    assert 3 <= len(objectives.lesson_objectives(notebook)) <= 5


def test_the_page_lists_every_item_with_its_level_task_and_points(tmp_path):
    for folder in ("lessons", "exercises", "instructors/answer_keys"):
        (tmp_path / folder).mkdir(parents=True)
    key = json.loads((ROOT / "tests" / "data" / "keys" / "98.json").read_text(encoding="utf-8"))
    (tmp_path / "instructors" / "answer_keys" / "98.json").write_text(json.dumps(key), encoding="utf-8")
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "## Learning objectives\n\n1. **Match** claims to sources.")]), str(tmp_path / "lessons" / "98_x.ipynb"))
    nbformat.write(nbformat.v4.new_notebook(), str(tmp_path / "exercises" / "98_x.ipynb"))
    page = objectives.render(tmp_path)
    assert "1. **Match** claims to sources." in page
    assert "| `98.2` | the faulty step in a trade argument | chain | analysis | find_error | 2 |" in page
    assert "| 98 | 3 | 0 | 0 | 0 | 2 | 1 | 0% |" in page
    assert "* `match_sources`: `98.1`" in page and "* `assumption`: none yet" in page
    path, changed = objectives.write(tmp_path)
    assert changed and objectives.write(tmp_path) == (path, False)


def test_the_command_writes_the_page_or_says_kindly_why_not(tmp_path, capsys):
    from beyond_borders import cli
    assert cli.main(["objectives", "--root", str(tmp_path)]) == 1
    assert "no answer keys in" in capsys.readouterr().err
    (tmp_path / "instructors" / "answer_keys").mkdir(parents=True)
    (tmp_path / "instructors" / "answer_keys" / "98.json").write_text(
        (ROOT / "tests" / "data" / "keys" / "98.json").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "lessons").mkdir()
    assert cli.main(["objectives", "--root", str(tmp_path)]) == 0
    assert "wrote" in capsys.readouterr().out and (tmp_path / objectives.TARGET).exists()
    assert cli.main(["objectives", "--root", str(tmp_path)]) == 0 and "unchanged" in capsys.readouterr().out
