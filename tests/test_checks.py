"""Every question type: correct, partial, wrong, unanswered and bad input (never a traceback)."""
import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from beyond_borders.checks import bank
from beyond_borders.checks import exercise as checks
from beyond_borders.checks.marking import mark

KEY = {
    "lesson": "99", "title": "Test set", "salt": "test-salt",
    "questions": [
        {"id": "99.1", "type": "single_choice", "short": "one", "points": 1,
         "options": {"a": "Panjgur", "b": "Saravan", "c": "Quetta"}, "answer": "a",
         "feedback": {"a": "Panjgur is in Pakistan.", "b": "Saravan is in Iran.",
                      "c": "Quetta is the provincial capital."}, "explanation": "E1", "hint": "H1"},
        {"id": "99.2", "type": "multiple_choice", "points": 2,
         "options": {"a": "A", "b": "B", "c": "C", "d": "D"}, "answer": ["a", "c"],
         "feedback": {"a": "FA", "b": "FB", "c": "FC", "d": "FD"},
         "explanation": "E2", "hint": "H2"},
        {"id": "99.3", "type": "ordering", "points": 2, "items": ["w", "x", "y", "z"],
         "answer": ["x", "w", "z", "y"], "hint": "H3"},
        {"id": "99.4", "type": "numeric", "points": 1, "answer": 959, "tolerance": 1,
         "partial_tolerance": 50},
        {"id": "99.5", "type": "date", "points": 1, "answer": "2024-01-16", "partial": "month"},
        {"id": "99.6", "type": "text", "points": 1, "answer": "Jaish al-Adl",
         "accept_variants": ["Jaish ul-Adl"]},
        {"id": "99.7", "type": "open", "min_words": 5},
        {"id": "99.8", "type": "numeric", "answer": 2.5, "step": 0.1, "tolerance": 0.1},
    ],
    "quick_checks": [{"id": "q99.1", "prompt": "P", "options": {"a": "x", "b": "y"}, "answer": "b",
                      "feedback": {"a": "Quick a.", "b": "Quick b."}, "explanation": "Quick why."}],
}
RAW = bank.seal(KEY)  # as in the shipped file
SEALED = bank.opened(RAW)  # as load_lesson gives it
Q = {q["id"]: q for q in SEALED["questions"]}


def m(qid, answer):
    return mark(SEALED, Q[qid], answer)


def test_sealing_hashes_the_answer_fields():
    """Sealing drops the answer fields of the toy key (answer, variants) and keeps only hashes:
    no number, date, text or order from them is left in clear. The toy explanations never restate
    an answer, so this says nothing about a real bank's explanations or hints."""
    import re
    text = re.sub(r"'[0-9a-f]{32}'", "'<hash>'", str(RAW))
    for plain in ["959", "2024-01-16", "Jaish al-Adl", "'answer'", "x', 'w'", "Saravan is",
                  "Panjgur is", "'explanation'", "Quick a.", "Quick why."]:
        assert plain not in text
    assert "answer" not in Q["99.1"] and "accept" in Q["99.1"]


def test_opening_a_bank_gives_back_feedback_explanations_and_quick_answers():
    """Obscured words come back exactly when the bank is opened (and only through the code)."""
    assert sorted(Q["99.1"]["feedback"].values()) == sorted(KEY["questions"][0]["feedback"].values())
    assert bank.explanation(Q["99.2"]) == "E2" and "explanation" not in Q["99.2"]
    qc = SEALED["quick_by_id"]["q99.1"]
    assert (qc["answer"], qc["feedback"], qc["explanation"]) == ("b", {"a": "Quick a.", "b": "Quick b."}, "Quick why.")
    assert bank.unobscure("not base64!", "seed") == "" and bank.unobscure(None, "seed") == ""


def test_feedback_has_one_hashed_key_per_option_in_sorted_order():
    """Sealed feedback has one entry per option under a hashed key (not the letter), in sorted
    key order. (That every real option has feedback is in test_leaks.)"""
    raw = {q["id"]: q for q in RAW["questions"]}
    for qid in ("99.1", "99.2"):
        fb = raw[qid]["feedback"]
        assert len(fb) == len(KEY["questions"][0 if qid == "99.1" else 1]["options"])
        assert all(len(k) == 32 and k not in "abcd" for k in fb)
        assert list(fb) == sorted(fb)


def test_seal_is_deterministic():
    assert bank.seal(KEY) == RAW


@pytest.mark.parametrize("qid,answer,status,score", [
    ("99.1", "a", "correct", 1), ("99.1", " A ", "correct", 1), ("99.1", "a)", "correct", 1),
    ("99.1", "Panjgur", "correct", 1), ("99.1", "b", "incorrect", 0),
    ("99.2", ["a", "c"], "correct", 1), ("99.2", "a, c", "correct", 1),
    ("99.2", ["a"], "partial", 0.5), ("99.2", ["a", "c", "b"], "partial", 0.5),
    ("99.2", ["b", "d"], "incorrect", 0), ("99.2", ["a", "b"], "incorrect", 0),
    ("99.3", ["x", "w", "z", "y"], "correct", 1), ("99.3", ["w", "x", "z", "y"], "partial", 5 / 6),
    ("99.3", ["y", "z", "w", "x"], "incorrect", 0), ("99.3", ["X", "W", "Z", "Y"], "correct", 1),
    ("99.4", 959, "correct", 1), ("99.4", 960, "correct", 1), ("99.4", "958", "correct", 1),
    ("99.4", 959.4, "correct", 1), ("99.4", 909, "partial", 0.5), ("99.4", 1200, "incorrect", 0),
    ("99.5", "2024-01-16", "correct", 1), ("99.5", dt.date(2024, 1, 16), "correct", 1),
    ("99.5", pd.Timestamp("2024-01-16"), "correct", 1), ("99.5", "16 January 2024", "correct", 1),
    ("99.5", "2024-01-18", "partial", 0.5), ("99.5", "2023-01-16", "incorrect", 0),
    ("99.6", "jaish al adl", "correct", 1), ("99.6", "JAISH UL-ADL", "correct", 1),
    ("99.6", "Jundallah", "incorrect", 0),
    ("99.7", "one two three four five six", "recorded", 0),
    ("99.8", 2.5, "correct", 1), ("99.8", 2.6, "correct", 1), ("99.8", 2.8, "incorrect", 0),
])
def test_marking(qid, answer, status, score):
    r = m(qid, answer)
    assert r.status == status
    assert r.score == pytest.approx(score, abs=1e-3)


@pytest.mark.parametrize("qid", list(Q))
@pytest.mark.parametrize("answer", [..., None, "", "   ", []])
def test_unanswered(qid, answer):
    r = m(qid, answer)
    assert r.status == "unanswered" and r.score == 0
    assert "Not answered yet" in r.message


def test_a_short_reflection_is_recorded_with_its_word_count_never_refused():
    """What a learner wrote is an answer: the instructor sees it; the learner sees how short it is."""
    r = m("99.7", "too short")
    assert r.status == "recorded" and "has 2 words" in r.message and "Can't read" not in r.message


@pytest.mark.parametrize("qid,answer,words", [
    ("99.1", 1, "option letter"), ("99.1", "z", "not one of the options"),
    ("99.2", 3, "list of option letters"), ("99.3", 42, "list in order"),
    ("99.3", ["x", "x", "z", "y"], "more than once"),
    ("99.3", ["x", "w", "z", "q"], "not one of the items"),
    ("99.4", "959 or 960", "not one number"), ("99.4", True, "not True or False"),
    ("99.4", [959], "wants a number"), ("99.4", float("nan"), "finite"),
    ("99.5", "01/02/2024", "month in words"), ("99.5", 20240116, "date in quotes"),
    ("99.6", 42, "short text"), ("99.7", 42, "%%reflection cell"),
])
def test_bad_input_gets_a_clear_message(qid, answer, words):
    r = m(qid, answer)
    assert r.status == "invalid" and r.score == 0
    assert words in r.message


ANYTHING = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text() |
    st.dates() | st.binary(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=3), children,
                                                                     max_size=3) | st.tuples(children),
    max_leaves=8)


@settings(max_examples=150, deadline=None)
@given(answer=ANYTHING, qid=st.sampled_from(list(Q)))
def test_marking_never_raises(answer, qid):
    r = m(qid, answer)
    assert r.status in ("correct", "partial", "incorrect", "unanswered", "incomplete", "invalid",
                        "recorded")
    assert 0.0 <= r.score <= 1.0
    assert isinstance(r.message, str)


@settings(max_examples=60, deadline=None)
@given(qid=st.one_of(st.text(max_size=8), st.integers(), st.none(), st.floats()), answer=ANYTHING)
def test_check_with_any_id_never_raises(qid, answer):
    r = checks.check(qid, answer)
    assert isinstance(repr(r), str) and isinstance(r._repr_html_(), str)


def test_unknown_id_is_explained():
    r = checks.check("2.99", "a")
    assert r.status == "unknown" and "There is no question '2.99'" in repr(r)
    r = checks.check(2.3, "a")
    assert "must be in quotes" in repr(r)


def test_hint_only_after_a_wrong_try_and_explanation_only_when_right():
    from beyond_borders.checks.exercise import result_from_mark
    right = result_from_mark(Q["99.1"], m("99.1", "a"))
    wrong = result_from_mark(Q["99.1"], m("99.1", "b"))
    assert "Why: E1" in repr(right) and "Hint" not in repr(right)
    assert "Hint: H1" in repr(wrong) and "Why" not in repr(wrong)
    assert "Saravan is in Iran." in repr(wrong)
    assert "role='status'" in wrong._repr_html_()


def test_a_partly_right_answer_says_what_is_right_without_the_explanation():
    from beyond_borders.checks.exercise import result_from_mark
    partial = result_from_mark(Q["99.2"], m("99.2", ["a"]))
    assert partial.status == "partial" and "E2" not in repr(partial) and "Hint: H2" in repr(partial)
    assert "1 of your 1 choices is right" in partial.message and "FA" in partial.message
    assert "FC" not in partial.message  # the missing right option is not named


def test_explain_refuses_before_a_try_and_answers_after_one(monkeypatch):
    from beyond_borders.checks import explain as ex
    monkeypatch.setattr(bank, "find_question", lambda qid: (SEALED, Q[qid]) if qid in Q else None)
    checks.reset()
    before = ex.explain("99.1")
    assert before.status == "locked" and "E1" not in repr(before) and 'check("99.1"' in repr(before)
    checks.check("99.1", ...)  # not a try
    assert ex.explain("99.1").status == "locked"
    checks.check("99.1", "b")
    after = ex.explain("99.1")
    assert after.status == "explained" and "Why: E1" in repr(after)
    assert ex.explain("2.99").status == "unknown" and ex.explain(None).status == "unknown"
    checks.reset()


def test_an_incomplete_order_is_not_complete_yet_and_names_the_missing_items():
    r = checks.result_from_mark(Q["99.3"], m("99.3", ["x", "w", "z"]))
    assert r.status == "incomplete" and r.earned == 0
    assert "Not complete yet" in repr(r) and "Can't read" not in repr(r)
    assert "Your order leaves out y: add it where it belongs (it has 3 of the 4 items)." in r.message
    assert "leaves out w, y and z: add them" in m("99.3", "x").message
