"""Reading an answer as plain data: exact built-in types only, never a method the learner wrote.

The matching and chain readers take dictionaries, lists, tuples, numbers and text apart. An
answer may be any object, including one whose ``__eq__``, ``__hash__``, ``__str__`` or ``strip``
misbehaves; so these helpers look only at ``type(value)`` and read text and numbers through the
built-in base methods (``str.__str__``, ``int.__int__``), as the grader's collector does. A value
that is not plain data is refused with a kind message, before anything of it runs.
"""
from __future__ import annotations

from beyond_borders.checks.kinds import describe
from beyond_borders.wording import agree, listing, plural

MAX_TEXT = 2000  # longer text is cut before it is read (a 10^6-character answer reads in time)
MAX_ITEMS = 64  # a container with more entries is refused unread


def text(value) -> str | None:
    """The value as a plain ``str`` (cut to :data:`MAX_TEXT`), or None if it is not text."""
    if issubclass(type(value), str):
        return str.__str__(value)[:MAX_TEXT]
    return None


def whole(value) -> int | None:
    """The value as a plain ``int`` (True/False are not numbers here), or None."""
    if issubclass(type(value), int) and not issubclass(type(value), bool):
        return int.__int__(value)
    return None


def label(value) -> str | None:
    """A numbered label ('1', 1, ' 1 ', '1.', '(1)', 'prompt 1', 'step 1') as '1', or None."""
    n = whole(value)
    if n is not None:
        return str(n) if 0 <= n < 10**6 else None
    t = text(value)
    if t is None:
        return None
    t = t.strip().lower().strip("()[]{}.:#'\" ")
    for word in ("prompt", "claim", "step", "no", "number"):
        if t.startswith(word):
            t = t[len(word):].strip(" .:#")
    return str(int(t)) if t.isascii() and t.isdigit() and len(t) < 7 else None


def shown(value) -> str:
    """A value as a message may quote it: text or a whole number (cut short), else its kind."""
    for read in (text, whole):
        if read(value) is not None:
            return repr(str(read(value))[:40])
    return describe(value)


def items(value) -> list | None:
    """The entries of a list or tuple (exact types), or None for anything else."""
    if type(value) in (list, tuple):
        return list(value)
    return None


def pairs(value) -> list[tuple] | None:
    """The (key, value) entries of a plain dict, without calling anything of the keys, or None."""
    if type(value) is dict:
        return list(dict.items(value))
    return None


def size(value) -> int:
    """Entries of a plain container (0 for anything else)."""
    return len(value) if type(value) in (list, tuple, dict, set, frozenset) else 0


__all__ = ["MAX_TEXT", "MAX_ITEMS", "describe", "text", "whole", "label", "shown", "items", "pairs", "size",
           "listing", "plural", "agree"]
