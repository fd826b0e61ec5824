"""Choice questions in every shipped bank: each option can be given by its letter or its words."""
import pytest

from beyond_borders.checks import bank, normalise as nz
from beyond_borders.checks import exercise as checks

CHOICE = [q for lesson in bank.lessons() for q in bank.load_lesson(lesson)["questions"]
          if q["type"] in ("single_choice", "multiple_choice")]


@pytest.mark.parametrize("q", CHOICE, ids=[q["id"] for q in CHOICE])
def test_every_option_is_read_from_its_letter_or_its_text(q):
    for letter, text in q["options"].items():
        for said in (letter, letter.upper() + ")", text, text.upper() + ".", f"  {text.lower()} "):
            assert nz.option_key(said, q["options"]) == (letter, None), (q["id"], said)


@pytest.mark.parametrize("q", [q for q in CHOICE if q["type"] == "multiple_choice"],
                         ids=[q["id"] for q in CHOICE if q["type"] == "multiple_choice"])
def test_a_multiple_choice_answer_as_a_list_or_a_string_marks_the_same(q):
    letters = list(q["options"])[:2]
    as_list = checks.check(q["id"], letters)
    for said in (", ".join(letters), " and ".join(letters), "; ".join(x.upper() for x in letters)):
        r = checks.check(q["id"], said)
        assert (r.status, r.earned) == (as_list.status, as_list.earned), (q["id"], said)


@pytest.mark.parametrize("qid,answer", [("2.8", "Marhamati"), ("2.8", "the deputy governor"),
                                        ("2.11", "proportional retaliation"), ("9.16", "extended deterrence")])
def test_option_words_the_learner_review_found_refused_are_now_read(qid, answer):
    assert checks.check(qid, answer).status in ("correct", "incorrect")


ORDERING = [q for lesson in bank.lessons() for q in bank.load_lesson(lesson)["questions"]
            if q["type"] == "ordering"]


@pytest.mark.parametrize("q", ORDERING, ids=[q["id"] for q in ORDERING])
def test_an_ordering_as_a_string_of_labels_marks_like_the_list(q):
    items = list(reversed(q["items"]))
    as_list = checks.check(q["id"], items)
    for said in (", ".join(items), " > ".join(items), "; ".join(i.upper() for i in items)):
        r = checks.check(q["id"], said)
        assert (r.status, r.earned) == (as_list.status, as_list.earned), (q["id"], said)
