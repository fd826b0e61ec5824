"""Read a number the way a person writes one: "9", "nine", "twenty-one", "1,000", "1.2 million",
"about 650", "21 hours", "Rs55". Returns ``(value, None)`` or ``(None, message)``; never raises.

Words around the number (a unit, "about", a currency) are read past, because a teacher marks
the number, not the unit. Two numbers ("9 or 11", "9-11") are refused: the learner must choose.
"""
from __future__ import annotations

import numbers as _numbers
import re

from beyond_borders.checks import texts
from beyond_borders.checks.kinds import describe

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}
_APPROX = r"(?:about|around|approximately|approx|roughly|nearly|almost|some|circa|ca|c|just|exactly)"
_CURRENCY = r"(?:rs|pkr|usd|us|\$|€|£|rials?|rupees?|dollars?)"
_NUMERAL = r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?|\.\d+"


def _digits(text: str) -> float:
    """'1,000' -> 1000; '166,1' (a decimal comma) -> 166.1."""
    if re.fullmatch(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


def _words_value(tokens: list[str]) -> float | None:
    """'one hundred and forty five' -> 145; None if a token is not a number word."""
    total, current, seen = 0, 0, False
    for t in tokens:
        if t == "and" and seen:
            continue
        if t in ("a", "an") and not seen:
            current = 1  # "a hundred": counts only before a scale word
        elif t in _UNITS or t in _TENS:
            current += _UNITS.get(t, _TENS.get(t, 0))
            seen = True
        elif t == "hundred" and (seen or current):
            current, seen = max(current, 1) * 100, True
        elif t in ("thousand", "million", "billion") and (seen or current):
            total += max(current, 1) * _SCALES[t]
            current, seen = 0, True
        else:
            return None
    return float(total + current) if seen else None


def _strip_words(text: str) -> str:
    """Drop the words around the number: 'about', a currency sign, a trailing unit."""
    text = re.sub(r"^(?:#|no\.\s*|\+)|[~≈]", " ", text).strip()
    text = re.sub(rf"^(?:{_APPROX}\.?\s+)+", "", text)
    text = re.sub(rf"^{_CURRENCY}\.?\s*(?=[\d.]|[a-z])", "", text)
    return text.strip()


# A number qualified by one of these is a bound or a denial, not an answer: "more than 9", "not 9".
_HEDGES = re.compile(r"\b(?:not|no|never|more|less|fewer|than|over|under|above|below|least|most|"
                     r"between|except|up to)\b")


def _parse(text: str, per: float = 1) -> float | None:
    """The number in ``text``; a scale word ("million") is read as the question's unit when the
    question counts in that unit (``per``), so "0.075 million" in USD million is 0.075. Words
    before the number are read past ("Vahidi said nine") unless they qualify it."""
    text = " ".join(texts.FILLER.sub("", text.casefold()).replace("_", "").split()).rstrip(".!?;: ")
    text = texts.drop_parenthetical(text).strip()  # "nine (9)", "21 (twenty-one) hours"
    text = _strip_words(re.sub(r"(?<=\d)[ \u00a0\u202f'](?=\d{3}\b)", "", text))  # 1 000, 1'000
    if _HEDGES.search(text):
        return None
    sign = -1.0 if re.match(r"^(?:-|−|minus\s)", text) else 1.0
    text = re.sub(r"^(?:-|−|minus\s)\s*", "", text)
    found = re.findall(_NUMERAL, text)
    if len(found) > 1:
        return None
    value = _from_digits(text, found[0], per) if found else _from_words(text, per)
    return None if value is None else sign * value


def _from_digits(text: str, numeral: str, per: float) -> float | None:
    head, _, rest = text.partition(numeral)
    if not re.fullmatch(r"(?:[a-z']+ +)*", head) or re.match(r"^\s*[\-–/]\s*\d", rest):
        return None  # "9 - 11", "9 / 11": a range or a fraction, not one number
    tail = rest.strip().split()
    scale = _SCALES.get(tail[0], 1) if tail else 1
    return _digits(numeral) * (scale / per if scale > 1 else scale)


def _from_words(text: str, per: float) -> float | None:
    """The first run of number words, after any plain words: 'Vahidi said nine people'."""
    tokens = re.sub(r"[-–]", " ", text).split()
    for start in range(len(tokens)):
        for end in range(len(tokens), start, -1):  # the longest run of number words
            value = _words_value(tokens[start:end])
            if value is None:
                continue
            rest = tokens[end:]
            if any(t in _UNITS or t in _TENS for t in rest) or tokens[end - 1] == "and" or \
                    (rest and rest[0] in ("and", "point", "half", "quarter")):
                return None  # "nine or eleven", "one and a half": not one plain number
            scaled = per > 1 and any(t in ("thousand", "million", "billion") for t in tokens[start:end])
            return value / per if scaled else value
    return None


def example_for(step: float, unit: str = "", avoid: tuple[float, float] = (0.0, 0.0)) -> str:
    """An example that fits the question's precision (and unit) and lies outside ``avoid`` (the
    accepted range), so the example never gives the answer away."""
    choices = (12, 42, 250) if step >= 1 else ((3.5, 42.5, 250.5) if step >= 0.1 else (0.25, 3.75, 42.25))
    ex = next((c for c in choices if not avoid[0] <= c <= avoid[1]), choices[-1])
    return f"{ex:g} or \"{ex:g} {unit}\"" if unit else f"{ex:g}"


def read_number(answer, example: str = "12", per: float = 1) -> tuple[float | None, str | None]:
    """A finite number from an int, float or text, or a kind message saying how to write one."""
    if isinstance(answer, bool):
        return None, f"This question wants a number, not True or False; e.g. {example}."
    if isinstance(answer, _numbers.Real):
        value = float(answer)
        if value != value or value in (float("inf"), float("-inf")):
            return None, f"That is not a finite number; write one number, e.g. {example}."
        return value, None
    if isinstance(answer, str):
        value = _parse(answer[:200], per)
        if value is not None:
            return value, None
        shown = answer.strip()[:60]
        return None, (f"\"{shown}\" is not one number I can read; write a single number, in digits "
                      f"or words, e.g. {example}.")
    return None, f"This question wants a number, e.g. {example}; you gave {describe(answer)}."
