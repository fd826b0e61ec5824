"""Figures keep the qualifier their source gave ("more than 1,000" is not "1,001").

Across the whole package: where an account's description or an indicator's notes put a
qualifier before the very number stored as the figure, the row's ``qualifier`` says the same,
and the figure on screen (render.text) carries those words.
"""
import re

import pandas as pd
import pytest

from beyond_borders import data
from beyond_borders.data.errors import DataError
from beyond_borders.data.qualifiers import QUALIFIERS, check_qualifier
from beyond_borders.render.cards import accounts_for
from beyond_borders.render.text import QUALIFIER_WORDS, figure_range, qualified

PHRASES = {"up to about": "up_to", "as many as": "up_to", "more than": "more_than", "over": "more_than",
           "at least": "at_least", "about": "about", "around": "about", "some": "about",
           "approximately": "about", "roughly": "about", "nearly": "nearly", "almost": "nearly",
           "up to": "up_to", "less than": "less_than", "fewer than": "less_than"}
WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven "
                                    "twelve thirteen fourteen fifteen sixteen seventeen eighteen "
                                    "nineteen twenty".split())}
NUMBER = r"(\d[\d,]*(?:\.\d+)?|" + "|".join(WORDS) + r"|two dozen|a dozen)"
PATTERN = re.compile(r"\b(" + "|".join(sorted(PHRASES, key=len, reverse=True)) + r")\s+(?:USD\s*|\$)?"
                     + NUMBER + r"\b", re.I)


def _value(text: str) -> float:
    text = text.lower()
    return {"two dozen": 24.0, "a dozen": 12.0}.get(text, WORDS.get(text, None) or
                                                    (0.0 if text == "zero" else float(text.replace(",", ""))))


def _claims(text: str):
    for m in PATTERN.finditer(text):
        yield PHRASES[m.group(1).lower()], _value(m.group(2))


def _same(a, b) -> bool:
    return b is not None and not pd.isna(b) and abs(float(a) - float(b)) < 1e-9


def _q(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def test_every_account_keeps_the_qualifier_its_description_gives():
    wrong = []
    for r in data.load_accounts().itertuples():
        for qual, n in _claims(r.description):
            if _same(n, r.low) or _same(n, r.high):
                if _q(r.qualifier) != qual:
                    wrong.append(f"{r.id}: '{qual}' {n:g} in the description, qualifier {_q(r.qualifier)!r}")
                break
            if qual == "more_than" and _same(n + 1, r.low):
                wrong.append(f"{r.id}: 'more than {n:g}' stored as {r.low:g}; store {n:g} with more_than")
    assert not wrong, "\n".join(wrong)


def test_every_indicator_keeps_the_qualifier_its_notes_give():
    wrong = []
    for r in data.load_indicators().itertuples():
        for qual, n in _claims(r.notes):
            # notes may give the value in another scale ('about 3 bn' for 3,000 USD million)
            if any(_same(n * 10 ** k, r.value) for k in (-3, 0, 3, 6, 9)):
                if _q(r.qualifier) != qual:
                    wrong.append(f"{r.id}: '{qual}' in the notes, qualifier {_q(r.qualifier)!r}")
                break
    assert not wrong, "\n".join(wrong)


def test_no_unit_hides_a_qualifier():
    # "USD billion (at least)" would show the bound as part of the unit, not as the figure's own
    hidden = re.compile(r"at least|at most|upper bound|lower bound|about|more than|up to|nearly", re.I)
    bad = [f"{r.id}: {r.unit!r}" for r in data.load_indicators().itertuples() if hidden.search(r.unit)]
    assert not bad, bad


def test_a_lone_bound_always_says_why():
    acc = data.load_accounts()
    lone = acc[acc["low"].isna() ^ acc["high"].isna()]
    assert not lone.empty
    assert lone["qualifier"].notna().all(), list(lone[lone["qualifier"].isna()]["id"])


def test_the_figure_on_screen_carries_the_qualifier():
    acc = data.load_accounts()
    shown = acc[acc["qualifier"].notna()]
    assert len(shown) >= 30, "expected the dataset's qualified figures"
    for event_id, rows in shown.groupby("event_id"):
        table = accounts_for(event_id)
        for r in rows.itertuples():
            figure = table.loc[table["description"] == r.description, "figure"].iloc[0]
            assert figure.startswith(QUALIFIER_WORDS[r.qualifier] + " "), (r.id, figure)


@pytest.mark.parametrize("low,high,q,expected", [
    (1000, None, "more_than", "more than 1,000"), (9, None, "at_least", "at least 9"),
    (30, 30, "about", "about 30"), (90, 94, "about", "about 90–94"), (140, 140, "nearly", "nearly 140"),
    (None, 200, "up_to", "up to 200"), (None, 0.4, "less_than", "less than 0.4"), (42, 42, None, "42"),
    (9, 11, None, "9–11"), (None, None, None, "no figure"),
])
def test_figure_wording(low, high, q, expected):
    assert figure_range(low, high, q) == expected


def test_qualified_single_values():
    assert qualified(3000, "more_than") == "more than 3,000"
    assert qualified(140.0, "nearly") == "nearly 140"
    assert qualified(959, None) == qualified(959, float("nan")) == "959"


@pytest.mark.parametrize("qualifier,low,high", [
    ("", "40", ""), ("", "", "11"), ("more_than", "40", "50"), ("more_than", "", "40"),
    ("up_to", "3", ""), ("about", "30", ""),
])
def test_a_qualifier_that_does_not_fit_the_bounds_is_refused(qualifier, low, high):
    with pytest.raises(DataError) as err:
        check_qualifier("accounts", 7, "ac-x", qualifier, low, high)
    assert "qualifier" in str(err.value)


@pytest.mark.parametrize("qualifier,low,high", [
    ("", "40", "40"), ("", "", ""), ("more_than", "40", ""), ("up_to", "", "3"), ("about", "90", "94"),
])
def test_a_qualifier_that_fits_is_accepted(qualifier, low, high):
    check_qualifier("accounts", 7, "ac-x", qualifier, low, high)


def test_every_qualifier_has_words():
    assert set(QUALIFIER_WORDS) == set(QUALIFIERS)
