"""Each normaliser on its own: text keys (articles, brackets, abbreviations, transliteration), the
typo budget and distance, numbers, dates (and the ambiguity message), option letters and words."""
import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from beyond_borders.checks import dates, normalise as nz, numbers, texts


# --- text keys -------------------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("Jaish al-Adl", "jaish al adl"), ("Erdoğan", "ERDOGAN"), ("the Makran division", "Makran Division"),
    ("A Makran division", "makran division"), ("J.C.M.", "JCM"), ("J C M", "jcm"),
    ("Jebhe-ye Mobarezin-e Mardomi (JMM)", "Jebhe-ye Mobarezin-e Mardomi"),
    ("Qatar [the Gulf state]", "Qatar"), ("Tashakkur", "Tashakur"), ("Jaysh al-Adl", "Jaish al-Adl"),
    ("co-ordination", "coordination"), ("  Gilgit–Baltistan  ", "gilgit baltistan"), ("A. Q. Khan", "AQ Khan"),
])
def test_text_keys_ignore_what_a_teacher_ignores(a, b):
    assert texts.key(a) == texts.key(b)


@pytest.mark.parametrize("a,b", [("Iran", "Iraq"), ("the BLA", "the BLF"), ("A. Q. Khan", "Q Khan"),
                                 ("st-2025-06-14-tarar-na", "st-2025-06-15-tarar-na")])
def test_text_keys_keep_what_matters(a, b):
    assert texts.key(a) != texts.key(b)


def test_articles_only_at_the_start_and_a_bracket_alone_keeps_its_content():
    assert texts.words("The State of the Union") == ["state", "of", "the", "union"]
    assert texts.words("the") == ["the"]
    assert texts.key("(JMM)") == "jm"  # doubled letters fold on both sides
    assert texts.drop_parenthetical("Natanz (enrichment site)").strip() == "Natanz"


@pytest.mark.parametrize("k,b", [("qatar", 0), ("makran", 1), ("islamabadmu", 1), ("jointcordinationmechanism", 2),
                                 ("st2025tararna", 0), ("x" * 81, 0)])
def test_typo_budget_grows_with_length_and_ids_are_exact(k, b):
    assert texts.budget(k) == b


@pytest.mark.parametrize("a,b,d", [("makran", "makran", 0), ("makran", "mekran", 1), ("makran", "makarn", 1),
                                   ("makran", "makrn", 1), ("makran", "makrans", 1), ("makran", "mkarn", 2),
                                   ("abc", "xyz", 3)])
def test_distance_counts_changed_added_dropped_and_swapped_letters(a, b, d):
    assert texts.distance(a, b) == d == texts.distance(b, a)


def test_neighbourhoods_meet_exactly_when_the_distance_allows():
    a, b = "coordination", "cordinatoin"
    na, nb = texts.neighbourhood(a, 2), texts.neighbourhood(b, 2)
    assert min(max(na[s], nb[s]) for s in set(na) & set(nb)) == texts.distance(a, b)


# --- numbers --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("9", 9), ("nine", 9), ("Nine.", 9), ("twenty-one", 21), ("twenty one hours", 21),
    ("one hundred and forty-five", 145), ("a hundred", 100), ("1,000", 1000), ("12,345.5", 12345.5),
    ("1.2 million", 1_200_000), ("about 650", 650), ("~21", 21), ("21 hours", 21), ("9 people", 9),
    ("Rs55", 55), ("Rs. 55 per litre", 55), ("$0.075m", 75_000), ("166,1", 166.1), ("0,075", 0.075),
    ("minus 5", -5), ("approximately 170 warheads", 170), (" 12 ", 12), ("12th", 12),
])
def test_numbers_written_as_people_write_them(text, value):
    assert numbers.read_number(text) == (pytest.approx(value), None)


def test_a_scale_word_is_the_unit_when_the_question_counts_in_it():
    assert numbers.read_number("0.075 million", per=1e6)[0] == pytest.approx(0.075)
    assert numbers.read_number("seventy-five thousand", per=1e6)[0] == pytest.approx(0.075)
    assert numbers.read_number("0.075", per=1e6)[0] == pytest.approx(0.075)


@pytest.mark.parametrize("text", ["9 or 11", "nine or eleven", "9-11", "9 / 11", "lots", "a day", "an", "x9"])
def test_not_one_number_is_refused_with_an_example(text):
    value, msg = numbers.read_number(text, example='12 or "12 hours"')
    assert value is None and "e.g. 12 or \"12 hours\"" in msg


def test_the_example_fits_the_question_and_is_never_its_answer():
    assert numbers.example_for(1, "hours", avoid=(20, 22)) == '12 or "12 hours"'
    assert numbers.example_for(1, avoid=(11, 13)) == "42"
    assert numbers.example_for(0.1, "kg", avoid=(166, 166.2)) == '3.5 or "3.5 kg"'
    assert numbers.example_for(0.001, avoid=(0.074, 0.076)) == "0.25"


# --- dates ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "2024-01-16", "16 January 2024", "January 16, 2024", "16/01/2024", "16.01.2024", "16-01-2024",
    "16th January 2024", "Tuesday 16 January 2024", "Tue, 16 Jan 2024", "Jan 16 2024", "Jan. 16th, 2024",
    "the 16th of January 2024", "01/16/2024", "2024/01/16", "2024-01-16T18:30:00", " 16 JANUARY 2024 ",
])
def test_common_written_dates(text):
    assert dates.read_date(text) == ("2024-01-16", None)


def test_dates_from_date_objects():
    assert dates.read_date(dt.date(2025, 6, 14)) == ("2025-06-14", None)
    assert dates.read_date(dt.datetime(2025, 6, 14, 9)) == ("2025-06-14", None)


@pytest.mark.parametrize("text", ["01/02/2024", "05.06.2025", "3-4-2024"])
def test_an_ambiguous_numeric_date_asks_for_the_month_in_words(text):
    iso, msg = dates.read_date(text)
    assert iso is None and "month in words" in msg and "could be day" in msg


def test_a_repeated_day_and_month_is_not_ambiguous():
    assert dates.read_date("05/05/2025") == ("2025-05-05", None)


@pytest.mark.parametrize("text,words", [
    ("Friday 14 June 2025", "was a Saturday, not a Friday"), ("31 February 2024", "no day 31 in February"),
    ("2024-13-01", "no month 13"), ("June 2025", "the day as well"), ("16/01/24", "four digits"),
    ("yesterday", "not a date I can read"), ("32/13/2024", "no month between 1 and 12"),
])
def test_unreadable_dates_say_why(text, words):
    iso, msg = dates.read_date(text)
    assert iso is None and words in msg


# --- options --------------------------------------------------------------------------------

OPTIONS = {"a": "Iran's interior minister, Ahmad Vahidi",
           "b": "Sistan and Baluchestan's deputy governor, Alireza Marhamati",
           "c": "Pakistan's Foreign Office", "d": "the BLA"}


@pytest.mark.parametrize("answer,key", [
    ("b", "b"), ("B)", "b"), ("Marhamati", "b"), ("the deputy governor", "b"), ("Vahidi", "a"),
    ("Pakistan's Foreign Ofice", "c"), ("Sistan and Baluchestan's deputy governor, Alireza Marhamati", "b"),
    ("BLA", "d"),
])
def test_an_option_by_letter_text_or_a_phrase_only_it_has(answer, key):
    assert nz.option_key(answer, OPTIONS) == (key, None)


@pytest.mark.parametrize("answer", ["the", "Jundallah", "deputy minister", "s", "governor, Ahmad"])
def test_a_phrase_several_options_share_or_none_has_is_refused(answer):
    key, msg = nz.option_key(answer, OPTIONS)
    assert key is None and "not one of the options" in msg


@pytest.mark.parametrize("answer", ["a, b, d", "a,b,d", "a b d", "a; b and d", ["a", "b", "d"], ("A", "b)", "d")])
def test_several_options_as_a_list_or_a_string(answer):
    assert nz.option_keys(answer, {k: k.upper() * 3 for k in "abcde"}) == (["a", "b", "d"], None)


@pytest.mark.parametrize("answer", ["x, w, z, y", "x w z y", "x > w > z > y", '["x", "w", "z", "y"]', ["X", "w", "z", "y"]])
def test_an_ordering_as_a_list_or_a_string_of_labels(answer):
    assert nz.ordering(answer, ["w", "x", "y", "z"]) == (["x", "w", "z", "y"], None)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=120), st.integers(), st.floats(), st.none(), st.lists(st.text(max_size=5))))
def test_the_readers_never_raise(value):
    for reader in (numbers.read_number, dates.read_date, texts.key,
                   lambda v: nz.option_key(v, OPTIONS), lambda v: nz.option_keys(v, OPTIONS),
                   lambda v: nz.ordering(v, ["w", "x"])):
        reader(value)


@pytest.mark.parametrize("text,value", [("It was Qatar", "Qatar"), ("Answer: JMM", "JMM"), ("I think, GB", "GB")])
def test_words_before_the_answer_itself_do_not_matter(text, value):
    assert texts.key(text) == texts.key(value)
    assert texts.key("on") == "on" and texts.key("Oman") == "oman"  # a filler alone stays itself


def test_fillers_and_space_grouped_thousands_in_numbers_and_dates():
    assert numbers.read_number("It was nine")[0] == 9
    assert numbers.read_number("1 000")[0] == 1000
    assert dates.read_date("It was 16 January 2024") == ("2024-01-16", None)


def test_hostile_answers_are_refused_quickly_and_kindly():
    import time

    from beyond_borders.checks import exercise as checks

    class Nasty:
        def __str__(self):
            raise RuntimeError("boom")

    huge = "Qatar " * 200_000
    for qid, answer in [("2.5", ["erbil"] * 100_000), ("2.6", ["a"] * 100_000), ("2.6", "a," * 100_000),
                        ("4.14", huge), ("2.7", "9" * 100_000), ("2.1", huge), ("2.5", [Nasty()]),
                        ("2.12", Nasty()), ("2.2", "b" * 10_000)]:
        t = time.perf_counter()
        r = checks.check(qid, answer)
        assert time.perf_counter() - t < 0.5, qid
        assert r.status in ("invalid", "incorrect"), (qid, r.status)


@pytest.mark.parametrize("qid,answer,right", [
    ("3.4", "JMM / Popular Fighters Front", True), ("5.3", "iVerify Pakistan or iVerify", True),
    ("3.4", "JMM or Jaish al-Adl", False), ("3.4", "Jaish al-Adl / JMM", False), ("5.3", "iVerify Pakistan or Dawn", False),
])
def test_two_names_are_right_only_if_both_are(qid, answer, right):
    from beyond_borders.checks import exercise as checks
    assert (checks.check(qid, answer).status == "correct") is right


@pytest.mark.parametrize("text,value", [("9 (nine)", 9), ("nine (9)", 9), ("twenty-one (21) hours", 21),
                                        ("21-hour", 21), ("#12", 12), ("No. 12", 12), ("+5", 5)])
def test_numbers_with_a_repeat_in_brackets_or_a_sign(text, value):
    assert numbers.read_number(text)[0] == value


@pytest.mark.parametrize("text", ["one and a half", "1/2", "9 – 11"])
def test_fractions_and_ranges_are_not_read_as_one_number(text):
    assert numbers.read_number(text)[0] is None


@pytest.mark.parametrize("text,value", [("Vahidi said nine", 9), ("Vahidi said 9 people", 9),
                                        ("it took twenty-one hours", 21), ("the answer is 5", 5)])
def test_plain_words_before_a_number_are_read_past(text, value):
    assert numbers.read_number(text)[0] == value


@pytest.mark.parametrize("text", ["more than 9", "not 9", "at least 12", "over 100", "up to 21 hours", "fewer than ten"])
def test_a_bound_or_a_denial_is_not_an_answer(text):
    assert numbers.read_number(text)[0] is None


def test_words_around_a_date_are_read_past_but_a_bound_or_two_dates_are_not():
    assert dates.read_date("The strike was on Tuesday the 16th of January 2024") == ("2024-01-16", None)
    assert dates.read_date("16 January 2024 (Tuesday)") == ("2024-01-16", None)
    for text in ("before 16 January 2024", "16 or 17 January 2024", "about 16 January 2024"):
        iso, msg = dates.read_date(text)
        assert iso is None and "one exact date" in msg
