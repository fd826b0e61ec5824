"""Reflections written as prose, not as Python strings: the ``%%reflection N.M`` cell.

A reflection in a Python string is lost to the first double quote or line break a learner types.
In a cell that starts with ``%%reflection 2.13`` the rest of the cell is the answer, exactly as
typed: quotes, apostrophes, line breaks and pasted text included. ``kernel`` registers the magic;
this module turns the text into ``answer_2_13`` and says how many words it has against the range
the prompt asks for (``min_words``/``max_words`` in the question bank).
"""
from __future__ import annotations

import re

from beyond_borders.checks import bank as qbank
from beyond_borders.wording import plural

PLACEHOLDER = "✎ Write your reflection here, in place of this line, then run the cell."
QID = re.compile(r"^\s*(\d{1,3})\.(\d{1,3})\s*$")


def variable(qid: str) -> str | None:
    """``"2.13"`` -> ``"answer_2_13"`` (None for anything else)."""
    m = QID.match(qid or "")
    return f"answer_{int(m.group(1))}_{int(m.group(2))}" if m else None


def answer_of(body: str):
    """The learner's text, exactly as typed; ``...`` while only the placeholder is there.

    IPython hands a cell magic its body with one newline added at the end; that one is not the
    learner's, so it goes, and so does our ✎ prompt line if it was left in. Everything else stays.
    """
    text = body[:-1] if body.endswith("\n") else body
    if PLACEHOLDER in text:  # the prompt line we put there, left beside the learner's text
        text = "\n".join(line for line in text.split("\n") if line.strip() != PLACEHOLDER)
    return text if text.strip() else ...


def words(text: str) -> int:
    return len(text.split())


def _range(q) -> str:
    lo, hi = q.get("min_words"), q.get("max_words")
    return f"{lo}–{hi} words" if lo and hi else f"at least {lo or 30} words"


def verdict(q: dict, answer) -> tuple[str, str]:
    """``(status, message)`` for an open question's answer: its word count against the range."""
    n = words(answer) if isinstance(answer, str) else 0
    lo, hi = int(q.get("min_words", 30)), q.get("max_words")
    if n == 0:
        return "unanswered", ("Write your reflection below the first line of the cell, in place "
                              "of the ✎ line, then run the cell.")
    if n < lo:  # kept and shown to the instructor: a short reflection is still an answer
        return "recorded", (f"Recorded, but short: your reflection has {plural(n, 'word')}; "
                            f"the prompt asks for {_range(q)}. Add to it and run the cell again: it "
                            "is kept exactly as you typed it.")
    note = f" That is more than the {hi} words asked for: consider trimming it." if hi and n > int(hi) else ""
    return "recorded", (f"Recorded ({n} words; the prompt asks for {_range(q)}).{note} This "
                        "reflection is not marked automatically: compare it with the model answer "
                        "your instructor shares, or discuss it in class.")


def open_question(qid):
    """The bank's open question ``qid``, or None (not a reflection, or no such question)."""
    found = qbank.find_question(qid) if isinstance(qid, str) else None
    return found[1] if found and found[1].get("type") == "open" else None
