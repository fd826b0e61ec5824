"""Sealing matching and chain items: what the learner's bank file gives away, and what it does not.

The threat model is in the docstrings of ``checks.matching`` and ``checks.chain``: the salt ships
with the bank, so hashing every guess per pair recovers an answer (as trying answers in ``check``
would); nothing else may. Here: no letter, verdict or feedback in clear; nothing but the hashed
fields depends on the answer; the hashes are in hash order, not prompt order; feedback decodes
only with the right pair; a graded bank keeps wording only; exercise generation blanks the answers.
"""
import copy
import json

import nbformat
import pytest

from beyond_borders.authoring import exercises
from beyond_borders.checks import bank, chain, exercise, matching, verdict_free
from beyond_borders.checks.hashes import digest, unobscure
from tests.test_compound_marking import KEY, RAW, install

PLAIN = {q["id"]: q for q in KEY["questions"]}
SEALED = {q["id"]: q for q in RAW["questions"]}
HASHED = {"match", "accept", "accept_step", "feedback", "why"}  # the only fields that may vary with the answer


def _with_answer(qid, answer):
    key = copy.deepcopy(KEY)
    for q in key["questions"]:
        if q["id"] == qid:
            q["answer"] = answer
    return {q["id"]: q for q in bank.seal(key)["questions"]}[qid]


def test_no_answer_feedback_or_explanation_is_in_clear():
    text = json.dumps(RAW, ensure_ascii=False)
    for qid in ("98.1", "98.2"):
        q, s = PLAIN[qid], SEALED[qid]
        assert "answer" not in s and q["explanation"] not in text
        for words in q["feedback"].values():
            assert words not in text
        assert all(len(h) == 32 and int(h, 16) >= 0 for h in s["feedback"])  # keys are hashes, not "1"/"step"
    assert '"step": "3"' not in text and '"error": "c"' not in text


@pytest.mark.parametrize("qid,other", [
    ("98.1", {"1": "a", "2": "c", "3": "b"}), ("98.1", {"1": "c", "2": "c", "3": "c"}),
    ("98.2", {"step": "1", "error": "a"}), ("98.2", {"step": "4", "error": "d"}),
])
def test_only_the_hashed_fields_depend_on_the_answer(qid, other):
    a, b = SEALED[qid], _with_answer(qid, other)
    assert set(a) == set(b)
    assert {k: v for k, v in a.items() if k not in HASHED} == {k: v for k, v in b.items() if k not in HASHED}
    assert [len(v) for v in a.get("match", [])] == [len(v) for v in b.get("match", [])]


def test_right_pairs_are_found_only_by_hashing_guesses_and_are_not_in_prompt_order():
    s, salt = SEALED["98.1"], RAW["salt"]
    guesses = {digest(salt, "98.1", f"match|{p}|{o}"): (p, o) for p in s["prompts"] for o in s["options"]}
    found = sorted(guesses[h] for h in s["match"])
    assert dict(found) == PLAIN["98.1"]["answer"]
    assert s["match"] == sorted(s["match"])  # hash order: position says nothing about the prompt
    step = [p for p in SEALED["98.2"]["steps"] if digest(salt, "98.2", f"step|{p}") in SEALED["98.2"]["accept_step"]]
    assert step == ["3"]


def test_feedback_decodes_only_with_the_right_pair():
    s, salt = SEALED["98.1"], RAW["salt"]
    blob = s["feedback"][digest(salt, "98.1", "feedback|1")]
    right = unobscure(blob, matching._seed(salt, "98.1", "1", "b"))
    assert right == PLAIN["98.1"]["feedback"]["1"]
    for wrong in ("a", "c"):
        assert unobscure(blob, matching._seed(salt, "98.1", "1", wrong)) != right
    c = SEALED["98.2"]
    blob = c["feedback"][digest(salt, "98.2", "feedback|error")]
    assert unobscure(blob, chain._seeds(salt, "98.2", "3", "c")[1]) == PLAIN["98.2"]["feedback"]["error"]
    assert unobscure(blob, chain._seeds(salt, "98.2", "2", "c")[1]) != PLAIN["98.2"]["feedback"]["error"]


def test_sealing_is_deterministic():
    assert json.dumps(bank.seal(KEY)) == json.dumps(RAW)


def test_a_graded_bank_keeps_the_wording_and_no_verdict():
    graded = verdict_free.graded_bank(RAW)
    text = json.dumps(graded)
    for q in graded["questions"]:
        assert set(q) <= set(verdict_free.KEEP) | {"example"}
        assert not HASHED & set(q)
    for s in SEALED.values():
        for field in ("match", "accept", "accept_step"):
            assert not any(h in text for h in s.get(field, []))
    kept = {q["id"]: q for q in graded["questions"]}
    assert kept["98.1"]["prompts"] == PLAIN["98.1"]["prompts"] and kept["98.2"]["errors"] == PLAIN["98.2"]["errors"]


@pytest.fixture
def graded_installed(tmp_path, monkeypatch):
    install(tmp_path, monkeypatch, verdict_free.graded_bank(RAW))
    yield
    bank.load_lesson.cache_clear()
    exercise.reset()


@pytest.mark.parametrize("qid,right,wrong,echo", [
    ("98.1", {1: "b", 2: "a", 3: "c"}, {1: "a", 2: "b", 3: "a"}, "Read as the pairs 1 → "),
    ("98.2", (3, "c"), (1, "a"), "Read as step "),
])
def test_graded_mode_saves_both_types_without_a_verdict(graded_installed, qid, right, wrong, echo):
    r1, r2 = exercise.check(qid, right), exercise.check(qid, wrong)
    for r in (r1, r2):
        assert r.status == "saved" and r.points == 0 and echo in r.message
        assert "Correct" not in repr(r) and "right" not in r.message.lower()
    assert exercise.check(qid, {"q": 1}).status == "invalid"
    partial = exercise.check("98.1", {1: "b"})
    assert "prompts 2 and 3 not matched yet" in partial.message


SOLUTION_CELL = '''from beyond_borders import check
# BEGIN SOLUTION
answer_98_1 = {1: "b",
               2: "a",
               3: "c"}
# END SOLUTION
check("98.1", answer_98_1)'''


def test_exercise_generation_blanks_a_multi_line_answer():
    out = exercises.strip_code(SOLUTION_CELL)
    assert out.splitlines() == ["from beyond_borders import check", f"answer_98_1 = {exercises.PLACEHOLDER}",
                                'check("98.1", answer_98_1)']
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(SOLUTION_CELL),
                                         nbformat.v4.new_code_cell(SOLUTION_CELL.replace("98_1", "98_2").replace(
                                             '{1: "b",\n               2: "a",\n               3: "c"}', '(3, "c")'))])
    made = exercises.make_exercise(nb, __import__("pathlib").Path("98_fixture.ipynb"))
    text = "\n".join(c.source for c in made.cells)
    assert '"b"' not in text and '(3, "c")' not in text and "answer_98_2 = ..." in text
