"""Turn what a learner typed into a canonical form, or say kindly why it cannot be read.

Each function returns ``(canonical, None)`` or ``(None, message)``; none of them raises, so a
wrong type never becomes a traceback in front of a learner.
"""
from __future__ import annotations

import re

from beyond_borders.checks import dates, texts
from beyond_borders.checks.kinds import describe
from beyond_borders.checks.numbers import read_number
from beyond_borders.wording import listing as plural_listing

__all__ = ["is_unanswered", "describe", "option_key", "option_keys", "ordering", "Incomplete",
           "number", "date"]
_SMALL = {"the", "a", "an", "of", "and", "in", "to", "on", "by", "for", "s"}


def is_unanswered(answer) -> bool:
    """``...``, ``None`` and blank strings or empty lists and dictionaries count as 'not answered yet'."""
    if answer is Ellipsis or answer is None:
        return True
    kind = type(answer)  # the built-in base's methods only: a subclass's own are never called
    if issubclass(kind, str):
        return not str.strip(answer)
    for base in (list, tuple, set, frozenset, dict):
        if issubclass(kind, base):
            return base.__len__(answer) == 0
    return False


def _by_text(raw: str, options: dict) -> str | None:
    """The option whose text the answer gives: the whole text (a small typo forgiven, if no other
    option is as near), or a phrase of it that no other option contains ("Marhamati")."""
    k = texts.key(raw)
    if not k:
        return None
    keys = {o: texts.key(v) for o, v in options.items()}
    exact = [o for o, ok in keys.items() if ok == k]
    if exact:
        return exact[0] if len(exact) == 1 else None
    near = {o: texts.distance(k, ok) for o, ok in keys.items() if abs(len(ok) - len(k)) <= 2}
    best = min(near.values(), default=99)
    hits = [o for o, d in near.items() if d == best and d <= texts.budget(keys[o])]
    if len(hits) == 1:
        return hits[0]
    said = [texts.key(w) for w in texts.words(raw)]
    if not any(len(w) >= 4 and w not in _SMALL for w in said):
        return None
    holding = [o for o, v in options.items() if _contains([texts.key(w) for w in texts.words(v)], said)]
    return holding[0] if len(holding) == 1 else None


def _contains(words: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return any(words[i:i + n] == phrase for i in range(len(words) - n + 1))


def option_key(answer, options: dict) -> tuple[str | None, str | None]:
    """Read one option: 'b', ' B ', 'b)', the option's text or a phrase only that option has."""
    if not isinstance(answer, str):
        return None, (f"This question wants one option letter in quotes, like \"{next(iter(options))}\"; "
                      f"you gave {describe(answer)}.")
    raw = str.__str__(answer).strip()  # a str subclass's own methods are never called
    key = raw.strip("()[]. ").lower()
    if key in options:
        return key, None
    found = _by_text(raw[:300], options)
    if found:
        return found, None
    return None, (f"\"{raw[:80]}\" is not one of the options; choose from "
                  + ", ".join(f'"{k}"' for k in options) + " (the letter or the option's words).")


def _parts(answer: str) -> list[str]:
    """'a, b and d' -> ['a', 'b', 'd']; 'a c' -> ['a', 'c']."""
    parts = [p.strip() for p in re.split(r"[,;\n]+|\s+and\s+|\s*&\s*", answer) if p.strip()]
    if len(parts) == 1 and all(len(p.strip("()[]. ")) == 1 for p in parts[0].split()):
        parts = parts[0].split()
    return parts


def option_keys(answer, options: dict) -> tuple[list[str] | None, str | None]:
    """Read several options: a list like ["a", "c"] or a text like "a, c" or "a and c"."""
    if isinstance(answer, str):
        parts = _parts(answer[:2000])
    elif isinstance(answer, (list, tuple, set, frozenset)):
        parts = list(answer)
    else:
        return None, (f"This question wants a list of option letters, like [\"a\", \"c\"]; "
                      f"you gave {describe(answer)}.")
    if len(parts) > 4 * len(options):
        return None, f"That is {len(parts)} choices for {len(options)} options; list each option once."
    keys = []
    for p in parts:
        k, err = option_key(p, options)
        if err:
            return None, err
        if k not in keys:
            keys.append(k)
    return keys, None


class Incomplete(str):
    """A note that the answer is readable but leaves items out: shown as 'not complete yet',
    not as an answer that cannot be read."""


def ordering(answer, items) -> tuple[list[str] | None, str | None]:
    """Read an ordering: a list holding every item exactly once."""
    if isinstance(answer, str) and answer.strip():
        answer = [p for p in re.split(r"\s*(?:[,;\n]|->|→|>)\s*", answer.strip()[:2000]) if p]
        if len(answer) == 1:
            answer = answer[0].split()
    if not isinstance(answer, (list, tuple)):
        return None, ("This question wants a list in order, like [\"" + "\", \"".join(items[:2])
                      + "\", …]; you gave " + describe(answer) + ".")
    if len(answer) > 4 * len(items):
        return None, (f"Your list has {len(answer)} entries for {len(items)} items; use each item "
                      "exactly once.")
    got = [str(a)[:200].strip().strip("'\"[]()").strip() for a in answer]
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
        them = "it" if len(missing) == 1 else "them"
        return None, Incomplete(f"Your order leaves out {plural_listing(missing)}: add {them} where "
                                f"{'it belongs' if them == 'it' else 'they belong'} (it has {len(norm)} "
                                f"of the {len(items)} items).")
    return norm, None


def number(answer, example: str = "12", per: float = 1) -> tuple[float | None, str | None]:
    """Read a number: digits, words, separators, a unit or 'about' around it (see ``numbers``)."""
    return read_number(answer, example, per)


def date(answer) -> tuple[str | None, str | None]:
    """Read a date as ISO YYYY-MM-DD (see ``dates``)."""
    return dates.read_date(answer)
