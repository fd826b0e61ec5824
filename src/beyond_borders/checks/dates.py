"""Read a date the way people write one: "2024-01-16", "16 January 2024", "January 16, 2024",
"15th June 2025", "Saturday 14 June 2025", "Jan 16 2024", "16/01/2024", "16.01.2024".

Returns ``(iso, None)`` or ``(None, message)``; never raises. A numeric date whose day and
month could swap ("01/02/2024") is refused with a request for the month in words, because
guessing would mark a British and an American learner differently. A weekday that does not
fit the date is pointed out rather than ignored.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from beyond_borders.checks import texts
from beyond_borders.checks.kinds import describe

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_DAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_DAYS.update({d.lower(): i for i, d in enumerate(calendar.day_abbr)})
_DAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
# A date qualified by one of these is a bound or a denial, not an answer: "before 16 January".
_HEDGES = re.compile(r"\b(?:not|never|before|after|until|till|since|between|or|and|around|about)\b")
EXAMPLE = "\"5 March 1999\" or \"1999-03-05\""  # the answer to no question


def _make(y: int, m: int, d: int) -> tuple[str | None, str | None]:
    if not 1 <= m <= 12:
        return None, f"There is no month {m}; write the month in words, e.g. {EXAMPLE}."
    try:
        return dt.date(y, m, d).isoformat(), None
    except ValueError:
        return None, f"There is no day {d} in {calendar.month_name[m]} {y}; check the day and month."


def _numeric(text: str) -> tuple[str | None, str | None] | None:
    """Dates written in digits only, year first or year last."""
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ].*)?", text)
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})", text)
    if not m:
        return None
    a, b, year = int(m[1]), int(m[2]), m[3]
    if len(year) == 2:
        return None, f"Write the year with four digits, e.g. {EXAMPLE}."
    if a > 12 >= b or a == b:
        return _make(int(year), b, a)
    if b > 12 >= a:
        return _make(int(year), a, b)
    if a > 12 and b > 12:
        return None, f"\"{text}\" has no month between 1 and 12; write it like {EXAMPLE}."
    return None, (f"\"{text}\" could be day {a} of month {b} or month {a}, day {b}; please write the "
                  f"month in words, e.g. {EXAMPLE}.")


def _worded(text: str) -> tuple[str | None, str | None] | None:
    """Dates with the month in words, day before or after it, with or without a weekday."""
    if _HEDGES.search(text):
        return None, f"Give one exact date, without 'before', 'or' or 'about', e.g. {EXAMPLE}."
    # Other words are read past ("The strike was on Tuesday the 16th of January 2024").
    tokens = [t for t in re.split(r"[\s,./-]+", text)
              if t in _MONTHS or t in _DAYS or re.fullmatch(r"\d+(?:st|nd|rd|th)?", t)]
    days = [_DAYS[t] for t in tokens if t in _DAYS]
    weekday = days[0] if len(set(days)) == 1 else None
    tokens = [t for t in tokens if t not in _DAYS]
    months = [t for t in tokens if t in _MONTHS]
    numbers = [re.sub(r"(st|nd|rd|th)$", "", t) for t in tokens if t not in _MONTHS]
    if len(months) == 1 and len(numbers) == 1 and len(numbers[0]) == 4:
        return None, f"Give the day as well as the month and year, e.g. {EXAMPLE}."
    if len(months) != 1 or len(numbers) != 2 or not all(n.isdigit() for n in numbers):
        return None
    day, year = (numbers if len(numbers[1]) == 4 else numbers[::-1])
    if len(year) != 4 or len(day) > 2:
        return None
    iso, err = _make(int(year), _MONTHS[months[0]], int(day))
    if iso and weekday is not None and dt.date.fromisoformat(iso).weekday() != weekday:
        real = calendar.day_name[dt.date.fromisoformat(iso).weekday()]
        return None, (f"{int(day)} {calendar.month_name[_MONTHS[months[0]]]} {year} was a {real}, "
                      f"not a {calendar.day_name[weekday]}; check the date.")
    return iso, err


def read_date(answer) -> tuple[str | None, str | None]:
    """An ISO date (YYYY-MM-DD) from text, date, datetime or a pandas/numpy timestamp."""
    if isinstance(answer, dt.datetime):
        return answer.date().isoformat(), None
    if isinstance(answer, dt.date):
        return answer.isoformat(), None
    if hasattr(answer, "to_pydatetime"):  # pandas Timestamp
        try:
            return answer.to_pydatetime().date().isoformat(), None
        except (ValueError, AttributeError):
            return None, f"That timestamp is empty; write a date like {EXAMPLE}."
    if type(answer).__name__ == "datetime64":  # numpy
        return read_date(str(answer)[:10])
    if not isinstance(answer, str):
        return None, f"This question wants a date in quotes, like {EXAMPLE}; you gave {describe(answer)}."
    text = " ".join(texts.FILLER.sub("", answer.casefold()).split())[:100]
    for reader in (_numeric, _worded):
        found = reader(text)
        if found is not None:
            return found
    return None, f"\"{answer.strip()[:60]}\" is not a date I can read; write it like {EXAMPLE}."
