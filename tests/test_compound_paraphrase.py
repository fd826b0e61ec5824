"""Chain and matching options read in other words, as a single-choice option is: the option's
meaningful words with filler left out or in another order are that option, unless two options
fit as well; a letter before the step number is told to swap them, not that there is no step."""
import json
from pathlib import Path

import pytest

from beyond_borders.checks import bank, matching
from beyond_borders.checks.marking import mark

ROOT = Path(__file__).resolve().parents[1]
KEY = json.loads((ROOT / "instructors" / "answer_keys" / "08.json").read_text(encoding="utf-8"))
ITEM = next(q for q in KEY["questions"] if q["id"] == "8.9")
SEALED = bank.opened(bank.seal(KEY))
TEST_KEY = json.loads((ROOT / "tests" / "data" / "keys" / "98.json").read_text(encoding="utf-8"))
TEST_SEALED = bank.opened(bank.seal(TEST_KEY))


def m(answer, sealed=SEALED, qid="8.9"):
    return mark(sealed, sealed["by_id"][qid], answer)


def test_the_item_is_the_one_the_walkthrough_used():
    assert ITEM["type"] == "chain" and ITEM["errors"]["c"] == "it derives a number that no source reported"
    assert ITEM["answer"] == {"step": "3", "error": "c"}


@pytest.mark.parametrize("answer", [
    (3, "derives a number no source reported"), (3, "it derives a number no source reported"),
    "3: derives a number that no source reported", (3, "derived a number which no source reported"),
    (3, "a number no source reported, derived"), [3, "It derives numbers that no sources reported."],
])
def test_the_error_in_its_own_words_with_filler_dropped_or_reordered_is_read(answer):
    r = m(answer)
    assert (r.status, r.score) == ("correct", 1.0), r.message


@pytest.mark.parametrize("answer,status", [
    ((3, "mixes figures from two different periods"), "partial"),      # option a, read as a
    ((3, "merges figures from two different reporters"), "partial"),   # option b
    ((2, "derives a number no source reported"), "incorrect"),
])
def test_a_reworded_other_option_is_that_option_not_the_right_one(answer, status):
    assert m(answer).status == status


@pytest.mark.parametrize("answer", [
    (3, "figures from two different"),          # a and b fit as well: not guessed
    (3, "derived"),                             # one word that is not the option's: too little
    (3, "a number reported by every source"),   # the words of c without its "no"
    (3, "derives a number each source did not report"),
])
def test_an_answer_two_options_fit_or_too_short_to_tell_is_not_guessed(answer):
    r = m(answer)
    assert r.status == "invalid" and "not one of the options" in r.message, r.message


@pytest.mark.parametrize("answer", [("c", 3), ["c", "3"], "c3", "c, 3", "c 3", ("C", 3)])
def test_a_letter_before_the_step_says_write_the_step_number_first(answer):
    r = m(answer)
    assert r.status == "invalid" and "Write the step number first, then the letter" in r.message, r.message
    assert '(3, "c")' in r.message


def test_a_letter_with_no_such_step_still_names_the_steps():
    r = m(("c", 9))
    assert r.status == "invalid" and "Write the step number first" not in r.message


def test_matching_options_are_read_in_other_words_too():
    q = TEST_SEALED["by_id"]["98.1"]
    r = mark(TEST_SEALED, q, {1: "contradicts", 2: "supports", 3: "nothing about it says"})
    assert r.status == "correct", r.message
    assert matching.option_key("says nothing", {"a": "says nothing about it", "b": "says nothing new"})[0] is None
