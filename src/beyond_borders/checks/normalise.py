"""Turn what a learner typed into a canonical form, or say kindly why it cannot be read.

Each function returns ``(canonical, None)`` or ``(None, message)``; none of them raises, so a
wrong type never becomes a traceback in front of a learner.
"""
from __future__ import annotations

import datetime as dt
import numbers
import re
import unicodedata

_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y")


def is_unanswered(answer) -> bool:
    """``...``, ``None`` and blank strings or empty lists count as 'not answered yet'."""
    if answer is Ellipsis or answer is None:
        return True
    if isinstance(answer, str) and not answer.strip():
        return True
    if isinstance(answer, (list, tuple, set, frozenset)) and len(answer) == 0:
        return True
    return False


def describe(answer) -> str:
    """A short, friendly name for the type of a value."""
    names = {str: "a piece of text", int: "a whole number", float: "a number", bool: "True/False",
             list: "a list", tuple: "a tuple", set: "a set", dict: "a dictionary"}
    for t, n in names.items():
        if type(answer) is t:
            return n
    return f"a value of type {type(answer).__name__}"


def canonical_text(text: str) -> str:
    """Case, accents, punctuation and spacing do not matter: 'Jaish al-Adl' == 'jaish al adl'."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("’", "'")
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def option_key(answer, options: dict) -> tuple[str | None, str | None]:
    """Read one option: 'b', ' B ', 'b)' or the option's full text all mean 'b'."""
    if not isinstance(answer, str):
        return None, (f"This question wants one option letter in quotes, like \"{next(iter(options))}\"; "
                      f"you gave {describe(answer)}.")
    raw = answer.strip()
    key = raw.strip("()[]. ").lower()
    if key in options:
        return key, None
    by_text = {canonical_text(v): k for k, v in options.items()}
    if canonical_text(raw) in by_text:
        return by_text[canonical_text(raw)], None
    return None, (f"\"{raw}\" is not one of the options; choose from "
                  + ", ".join(f'"{k}"' for k in options) + ".")


def option_keys(answer, options: dict) -> tuple[list[str] | None, str | None]:
    """Read several options: a list like ["a", "c"] or a text like "a, c"."""
    if isinstance(answer, str):
        parts = [p for p in re.split(r"[,;\s]+", answer) if p]
    elif isinstance(answer, (list, tuple, set, frozenset)):
        parts = list(answer)
    else:
        return None, (f"This question wants a list of option letters, like [\"a\", \"c\"]; "
                      f"you gave {describe(answer)}.")
    keys = []
    for p in parts:
        k, err = option_key(p, options)
        if err:
            return None, err
        if k not in keys:
            keys.append(k)
    return keys, None


def ordering(answer, items) -> tuple[list[str] | None, str | None]:
    """Read an ordering: a list holding every item exactly once."""
    if isinstance(answer, str) or not isinstance(answer, (list, tuple)):
        return None, ("This question wants a list in order, like [\"" + "\", \"".join(items[:2])
                      + "\", …]; you gave " + describe(answer) + ".")
    got = [str(a).strip() for a in answer]
    lookup = {str(i).lower(): i for i in items}
    norm = [lookup.get(g.lower(), g) for g in got]
    unknown = [g for g in norm if g not in items]
    if unknown:
        return None, f"{unknown[0]!r} is not one of the items to order: {', '.join(items)}."
    dup = sorted({g for g in norm if norm.count(g) > 1})
    if dup:
        return None, f"{dup[0]!r} appears more than once; use each item exactly once."
    missing = [i for i in items if i not in norm]
    if missing:
        return None, f"Your list leaves out {', '.join(missing)}; put every item in the order."
    return norm, None


def number(answer) -> tuple[float | None, str | None]:
    """Read a number; '959' and '1,000' are read too, '959 km' is explained."""
    if isinstance(answer, bool):
        return None, "This question wants a number, not True or False."
    if isinstance(answer, numbers.Real):
        value = float(answer)
        if value != value or value in (float("inf"), float("-inf")):
            return None, "That is not a finite number."
        return value, None
    if isinstance(answer, str):
        text = answer.strip().replace(",", "").replace("_", "")
        try:
            return float(text), None
        except ValueError:
            return None, (f"\"{answer.strip()}\" is not a plain number; write digits only, "
                          "without units or words, e.g. 959.")
    return None, f"This question wants a number; you gave {describe(answer)}."


def date(answer) -> tuple[str | None, str | None]:
    """Read a date as ISO YYYY-MM-DD from text, date, datetime or pandas Timestamp."""
    if isinstance(answer, dt.datetime):
        return answer.date().isoformat(), None
    if isinstance(answer, dt.date):
        return answer.isoformat(), None
    if hasattr(answer, "to_pydatetime"):  # pandas Timestamp
        return answer.to_pydatetime().date().isoformat(), None
    if type(answer).__name__ == "datetime64":  # numpy
        return str(answer)[:10], None
    if isinstance(answer, str):
        text = " ".join(answer.strip().split())
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).date().isoformat(), None
            except ValueError:
                continue
        return None, (f"\"{answer.strip()}\" is not a date I can read; write it as "
                      "\"YYYY-MM-DD\", e.g. \"2024-01-16\".")
    return None, f"This question wants a date in quotes, like \"2024-01-16\"; you gave {describe(answer)}."
