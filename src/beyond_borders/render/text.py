"""Words and numbers in one form across the course: dates, confidence, figures.

Each wording is written once here so a lesson, a card and a caption never disagree.
"""
from __future__ import annotations

import pandas as pd

from beyond_borders.wording import plural as _plural

__all__ = ["REPR_LIMIT", "shorten", "CONFIDENCE_LONG", "CONFIDENCE_SHORT", "confidence_tag", "day", "long_date",
           "iso_date", "dated_title", "number", "QUALIFIER_WORDS", "qualified", "figure_range", "plural"]

# What the ``confidence`` column means, said in full (details panes) and short (tags, tables).
CONFIDENCE_LONG = {"confirmed": "confirmed by two or more independent sources",
                   "single_source": "rests on a single source", "disputed": "disputed"}
CONFIDENCE_SHORT = {"confirmed": "confirmed", "single_source": "single source",
                    "disputed": "disputed"}


def confidence_tag(value: str) -> str:
    """' (single source)' or ' (disputed)' after a line; nothing for a confirmed row."""
    value = str(value)
    return "" if value == "confirmed" else f" ({CONFIDENCE_SHORT.get(value, value)})"


def day(value) -> str:
    """'16 January 2024' (no zero padding, no platform-specific strftime flags)."""
    d = pd.Timestamp(value)
    return f"{d.day} {d:%B %Y}"


def long_date(value, precision: str = "day") -> str:
    """A date as precise as the source: '16 January 2024', 'January 2024' or '2024'."""
    d = pd.Timestamp(value)
    if precision == "year":
        return f"{d:%Y}"
    if precision == "month":
        return f"{d:%B %Y}"
    return day(d)


_ISO_FORMATS = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}


def iso_date(value, precision: str = "day") -> str:
    """'2024-01-16', '2024-01' or '2024', as precise as the source."""
    return pd.Timestamp(value).strftime(_ISO_FORMATS.get(str(precision), "%Y-%m-%d"))


def dated_title(date, title: str, precision: str = "day") -> str:
    """'2024-01-16 · Title': an event as a picker lists it, dated as precisely as the source."""
    return f"{iso_date(date, precision)} · {title}"


def number(value: float, decimals: int | None = None) -> str:
    """'1,234' for whole numbers; otherwise as given ('2.65'), or to ``decimals`` places."""
    v = float(value)
    if v.is_integer():
        return f"{int(v):,}"
    return f"{v:,.{decimals}f}" if decimals is not None else f"{v:,.10g}"


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """'1 statement', '0 statements', '1,204 statements': one rule for every layer
    (``beyond_borders.wording``), re-exported here for the views."""
    return _plural(n, singular, plural_form)


# A source's qualifier in words (the vocabulary is data.qualifiers.QUALIFIERS).
QUALIFIER_WORDS = {"about": "about", "nearly": "nearly", "more_than": "more than",
                   "at_least": "at least", "up_to": "up to", "less_than": "less than"}


def _given(value):
    return None if value is None or pd.isna(value) else value


def qualified(value, qualifier=None, decimals: int | None = None) -> str:
    """One figure as the source gave it: '140', 'nearly 140', 'more than 3,000'."""
    words = QUALIFIER_WORDS.get(str(_given(qualifier) or ""), "")
    figure = number(value, decimals)
    return f"{words} {figure}" if words else figure


def figure_range(low, high, qualifier=None) -> str:
    """A claimed figure as given: '9', '9–11', 'about 90–94', 'more than 40', 'up to 11'.

    Without a qualifier a lone bound reads 'at least' / 'up to' (the data always name the
    qualifier; this keeps other callers' bare ranges readable).
    """
    lo, hi, q = _given(low), _given(high), _given(qualifier)
    if q in ("about", "nearly") and lo is not None and hi is not None and lo != hi:
        return f"{QUALIFIER_WORDS[q]} {number(lo)}–{number(hi)}"
    if q:
        value = lo if lo is not None else hi
        return qualified(value, q) if value is not None else "no figure"
    if lo is not None and hi is not None:
        return number(lo) if lo == hi else f"{number(lo)}–{number(hi)}"
    if lo is not None:
        return f"at least {number(lo)}"
    if hi is not None:
        return f"up to {number(hi)}"
    return "no figure"


# ipywidgets cuts a widget's ``text/plain`` at 110 characters and nbval compares only what is
# left: a repr that fits in ``REPR_LIMIT`` is compared in full.
REPR_LIMIT = 109


def shorten(text: str, n: int) -> str:
    """``text`` if it has at most ``n`` characters, else its start and '…' (``n`` in all)."""
    return text if len(text) <= n else text[: max(n - 1, 0)].rstrip() + "…"
