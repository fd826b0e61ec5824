"""Answers in other words, through the shipped sealed banks and ``check()``: every text, numeric,
date, matching and chain question has at least five right answers written differently from the key
(they must mark correct) and three wrong ones (they must not), listed in tests/data/paraphrases.json."""
import ast
import json
import time
from pathlib import Path

import pytest

from beyond_borders.checks import bank, entities, texts
from beyond_borders.checks import exercise as checks

DATA = json.loads((Path(__file__).parent / "data" / "paraphrases.json").read_text(encoding="utf-8"))
CASES = DATA["questions"]
MARKED = ("text", "numeric", "date", "matching", "chain")


def answer_of(entry):
    """A listed answer: a JSON value, or {"python": "<literal>"} for a tuple or number keys."""
    if isinstance(entry, dict) and set(entry) == {"python"}:
        return ast.literal_eval(entry["python"])
    return entry


def _sealed_questions():
    for lesson in bank.lessons():
        for q in bank.load_lesson(lesson)["questions"]:
            if q["type"] in MARKED:
                yield q


def test_every_text_numeric_and_date_question_has_paraphrases():
    """No question is left out, and each has enough examples of both kinds."""
    sealed = {q["id"]: q["type"] for q in _sealed_questions()}
    assert set(CASES) == set(sealed)
    for qid, case in CASES.items():
        assert case["type"] == sealed[qid]
        shown = [json.dumps(a, sort_keys=True) for a in case["right"]]
        assert len(case["right"]) >= 5 and len(set(shown)) == len(shown), qid
        assert len(case["wrong"]) >= 3, qid


@pytest.mark.parametrize("qid", sorted(q for q, c in CASES.items() if c["type"] == "text"))
def test_text_questions_list_another_entity_among_the_wrong_answers(qid):
    assert any(entities.resolve(texts.key(w)) for w in CASES[qid]["wrong"]), qid


@pytest.mark.parametrize("qid,answer", [(q, a) for q, c in sorted(CASES.items()) for a in c["right"]], ids=str)
def test_right_answers_in_other_words_mark_correct(qid, answer):
    r = checks.check(qid, answer_of(answer))
    assert r.status == "correct", (qid, answer, r.status, r.message)


@pytest.mark.parametrize("qid,answer", [(q, a) for q, c in sorted(CASES.items()) for a in c["wrong"]], ids=str)
def test_wrong_answers_do_not_mark_correct(qid, answer):
    r = checks.check(qid, answer_of(answer))
    assert r.status != "correct", (qid, answer)
    assert r.earned < r.points


def test_check_is_fast_even_on_a_long_misspelt_answer():
    """Typo matching hashes the answer's deletion neighbourhood; the worst case stays < 50 ms."""
    slow = []
    for qid, case in CASES.items():
        if case["type"] != "text":
            continue
        for answer in [*case["right"], *case["wrong"], "x" * 79, "Islamic Militery Counter Terorism Coalitoin"]:
            checks.check(qid, answer)  # warm caches (entity list, hash sets) once
            best = min(_timed(qid, answer) for _ in range(3))
            if best > 0.05:
                slow.append((qid, answer, round(best * 1000, 1)))
    assert not slow, slow


def _timed(qid, answer):
    t = time.perf_counter()
    checks.check(qid, answer)
    return time.perf_counter() - t
