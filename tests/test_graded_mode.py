"""Graded mode on a toy bank: no verdict in the bank, none from ``check``, ``score`` or ``explain``
whatever the answer, a kind note on a slip of form, and quick checks still instant."""
import json

import pytest

from beyond_borders.checks import bank, exercise, explain, graded, verdict_free
from beyond_borders.checks.quick import quick_feedback
from tests.test_checks import KEY, RAW

RIGHT = {"99.1": "a", "99.2": ["a", "c"], "99.3": ["x", "w", "z", "y"], "99.4": 959,
         "99.5": "2024-01-16", "99.6": "Jaish al-Adl", "99.8": 2.5}
WRONG = {"99.1": "b", "99.2": ["b"], "99.3": ["w", "x", "y", "z"], "99.4": 12,
         "99.5": "16 February 2024", "99.6": "Jundallah", "99.8": 7}


@pytest.fixture
def graded_bank(tmp_path, monkeypatch):
    """The toy bank as a graded release ships it, installed where ``check`` looks."""
    made = verdict_free.graded_bank(RAW)
    (tmp_path / "99.json").write_text(json.dumps(made), encoding="utf-8")
    monkeypatch.setattr(bank, "QUESTION_DIR", tmp_path)
    bank.load_lesson.cache_clear()
    exercise.reset()
    yield made
    bank.load_lesson.cache_clear()
    exercise.reset()


def test_the_bank_keeps_wording_and_form_only(graded_bank):
    text = json.dumps(graded_bank)
    assert graded_bank["mode"] == graded.MODE and RAW["salt"] not in text
    for q, sealed in zip(graded_bank["questions"], RAW["questions"]):
        assert set(q) <= set(verdict_free.KEEP) | {"example"}
        assert not {h for f in ("accept", "correct", "pairs", "partial", "near") for h in sealed.get(f, [])
                    if h in text}
        assert sealed.get("why", "\0") not in text and sealed.get("hint", "\0") not in text
    assert "959" not in text  # the numeric example is chosen without the answer
    assert verdict_free.graded_bank(graded_bank)["questions"] == graded_bank["questions"]


def test_a_field_added_to_sealed_banks_later_stays_out():
    raw = json.loads(json.dumps(RAW))
    raw["questions"][0]["answer_hint"] = "a"
    assert "answer_hint" not in verdict_free.graded_bank(raw)["questions"][0]


@pytest.mark.parametrize("answers", [RIGHT, WRONG], ids=["right", "wrong"])
def test_check_saves_every_answer_without_a_verdict(graded_bank, answers):
    for qid, answer in answers.items():
        r = exercise.check(qid, answer)
        assert r.status == "saved" and r.points == 0 and not r.explanation and not r.hint
        assert repr(r).startswith(f"✎ {qid}") and "Saved for your instructor" in repr(r)
        assert "Read as" in r.message and "Correct" not in repr(r) and "Not yet" not in repr(r)


def test_right_and_wrong_answers_read_alike_but_for_their_echo(graded_bank):
    r1, r2 = exercise.check("99.1", "a"), exercise.check("99.1", "b")
    assert r1.message.replace("option a (Panjgur)", "X") == r2.message.replace("option b (Saravan)", "X")


@pytest.mark.parametrize("qid, answer, says", [
    ("99.1", ["a"], "one option letter"),
    ("99.1", "Kabul", "not one of the options"),
    ("99.2", 3, "list of option letters"),
    ("99.4", "a lot", "not one number"),
    ("99.5", "01/02/2024", "month in words"),
    ("99.6", 7, "text in quotes"),
])
def test_a_slip_of_form_gets_a_kind_note(graded_bank, qid, answer, says):
    r = exercise.check(qid, answer)
    assert r.status == "invalid" and says in r.message and "point" not in repr(r)


def test_an_incomplete_order_is_saved_as_not_complete_and_names_what_is_missing(graded_bank):
    r = exercise.check("99.3", ["x", "w"])
    assert r.status == "incomplete" and "Not complete yet" in repr(r) and "point" not in repr(r)
    assert "leaves out y and z: add them where they belong (it has 2 of the 4 items)" in r.message


def test_nothing_raises_and_blank_is_not_answered(graded_bank):
    assert exercise.check("99.1", ...).status == "unanswered"
    assert "point" not in repr(exercise.check("99.1", "  "))

    class Hostile:
        def __str__(self):
            raise RuntimeError("boom")
        __repr__ = __eq__ = __hash__ = __str__

    class Slippery(str):
        def strip(self, *args):
            raise ValueError("no")
        split = lower = strip

    for qid in RIGHT:
        assert exercise.check(qid, Hostile()).status == "invalid"
        assert exercise.check(qid, Slippery("a")).status in ("saved", "invalid")  # read as plain text, or refused


def test_score_counts_answers_and_explain_defers_to_the_instructor(graded_bank):
    ns = {"answer_99_1": "a", "answer_99_4": "lots", "answer_99_7": "one two three four five six"}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(exercise, "_namespace", lambda depth=2: ns)
        progress = exercise.score("99")
    shown = repr(progress)
    assert "2 of 8 answered; saved for your instructor" in shown
    assert "point" not in shown and "/" not in shown
    assert "Points" not in progress._repr_html_() and "✎ Saved for your instructor" in progress._repr_html_()
    exercise.check("99.1", "a")
    assert "your instructor" in explain.explain("99.1").message


def test_quick_checks_stay_instant_under_a_fresh_salt(graded_bank):
    qc = bank.load_lesson("99")["quick_by_id"]["q99.1"]
    assert graded_bank["salt"] != RAW["salt"]
    assert qc["answer"] == KEY["quick_checks"][0]["answer"]
    assert quick_feedback(qc, "b") == ("correct", "Correct. Quick b. Quick why.")
    assert quick_feedback(qc, "a")[0] == "incorrect"


def test_self_study_banks_still_mark_and_never_raise():
    exercise.reset()
    assert exercise.check("2.1", "1999-12-31").status == "incorrect"

    class Slippery(str):
        def strip(self, *args):
            raise ValueError("no")

    r = exercise.check("2.2", Slippery("b"))  # read through the base str: its own strip never runs
    assert (r.status, r.message) == (exercise.check("2.2", "b").status, exercise.check("2.2", "b").message)
