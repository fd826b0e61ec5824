"""Does this copy of the course work here? (``make test`` runs these, then every notebook.)

These tests ship with the student copy: they need no solutions and no answer keys. They check
that the data loads, that every exercise question has its entry in the question bank, and that
``check`` behaves as this copy promises: instant feedback in a self-study copy, answers read and
saved for the instructor in a graded one.
"""
import json
import re
from pathlib import Path

import pytest

import beyond_borders
from beyond_borders import data, selftest
from beyond_borders.checks import bank, exercise
from beyond_borders.checks.graded import is_graded

COURSE = Path(__file__).resolve().parents[1]
EXERCISES = sorted((COURSE / "exercises").glob("[0-9][0-9]_*.ipynb"))
GRADED = any(is_graded(bank.load_lesson(n)) for n in bank.lessons())
MARKED = {"correct", "partial", "incorrect"}


def sample_answer(q):
    """An answer of the right form for question ``q`` (right or wrong: it does not matter)."""
    return {"single_choice": lambda: next(iter(q.get("options", {"a": ""}))),
            "multiple_choice": lambda: list(q.get("options", {"a": ""}))[:2],
            "ordering": lambda: list(q.get("items", [])),
            "numeric": lambda: 12,
            "date": lambda: "2024-01-01",
            "text": lambda: "an answer",
            "matching": lambda: {p: "a" for p in q.get("prompts", {"1": ""})},
            "chain": lambda: (1, "a"),
            "open": lambda: "word " * 100}[q["type"]]()


def questions():
    return [q for n in bank.lessons() for q in bank.load_lesson(n)["questions"]]


def test_this_copy_runs_its_own_package():
    assert Path(beyond_borders.__file__).resolve().is_relative_to(COURSE / "src"), (
        "Python found another copy of beyond_borders; run `make lab` or `make test` from this folder")


def test_the_self_test_of_lesson_0_passes():
    report = selftest.self_test()
    assert report.ok, repr(report)


def test_the_data_loads_and_validates():
    counts = data.validate()
    assert counts and all(n > 0 for n in counts.values())


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_every_question_an_exercise_checks_is_in_the_bank(path):
    source = "".join("".join(c["source"]) for c in json.loads(path.read_text("utf-8"))["cells"])
    asked = set(re.findall(r"check\(\s*\"(\d+\.\d+)\"", source))
    asked |= set(re.findall(r"%%reflection\s+(\d+\.\d+)", source))
    assert asked, f"{path.name} asks no questions"
    missing = sorted(q for q in asked if bank.find_question(q) is None)
    assert not missing, f"{path.name}: no bank entry for {missing}"


@pytest.mark.parametrize("q", questions(), ids=lambda q: q["id"])
def test_check_answers_as_this_copy_promises(q):
    exercise.reset()
    assert exercise.check(q["id"], ...).status == "unanswered"
    result = exercise.check(q["id"], sample_answer(q))
    if q["type"] == "open":
        assert result.status == "recorded"
    elif GRADED:
        assert result.status == "saved" and "instructor" in repr(result)
    else:
        assert result.status in MARKED


def test_quick_checks_answer_at_once():
    quick = [qc for n in bank.lessons() for qc in bank.load_lesson(n)["quick_checks"]]
    assert quick
    for qc in quick:
        assert qc["answer"] in qc["options"], qc["id"]


def test_this_is_a_student_copy():
    assert not (COURSE / "solutions").exists() and not (COURSE / "instructors").exists()
