"""Graded mode: ``check`` reads an answer's form and saves it; the instructor marks it later.

A graded student release (``beyond-borders release --graded``) ships question banks with no
verdicts (see ``verdict_free``), marked ``"mode": "graded"``, so in that copy nothing can say
right or wrong. What a learner still needs is to know the answer will be *read*: the readers the
marker itself uses (``normalise``) turn it into an option, a list, an order, a date or a number,
and a slip (a number in words it cannot read, a list for one choice) gets the same kind note it
gets in self-study. The grader marks the same ``answer_N_M`` variables against the instructor's
banks, so a graded copy's notebook is graded exactly like a self-study one.
"""
from __future__ import annotations

import datetime as dt

from beyond_borders.checks import chain, matching
from beyond_borders.checks import normalise as nz
from beyond_borders.wording import agree, listing

MODE = "graded"  # the marker a verdict-free bank carries under "mode"
SAVED = "saved"  # a check's status there: read, kept for the instructor, not marked
NOTE = ("Your instructor marks it after you hand in this notebook; until then you may change it "
        "and run the cell again. Save the notebook (Ctrl + S) to keep it.")


def is_graded(bank: dict) -> bool:
    """True for a bank from a graded release (or the grader's sandbox): it holds no verdicts."""
    return bank.get("mode") == MODE


def _read(q: dict, answer) -> tuple[str | None, str | None]:
    """(how the answer was read, in words) or (None, a kind note on its form)."""
    kind = q["type"]
    if kind == "single_choice":
        key, err = nz.option_key(answer, q["options"])
        return (None, err) if err else (f"option {key} ({q['options'][key]})", None)
    if kind == "multiple_choice":
        keys, err = nz.option_keys(answer, q["options"])
        return (None, err) if err else (f"{agree(len(keys), 'option')} {listing(keys)}", None)
    if kind == "ordering":
        order, err = nz.ordering(answer, q["items"])
        return (None, err) if err else ("the order " + " → ".join(order), None)
    if kind in (matching.TYPE, chain.TYPE):
        module = matching if kind == matching.TYPE else chain
        got, err = module.read(answer, q)
        return (None, err) if err else (module.described(got, q), None)
    if kind == "numeric":
        value, err = nz.number(answer, q.get("example", "12"), q.get("per", 1))
        return (None, err) if err else (f"the number {value:g}", None)
    if kind == "date":
        iso, err = nz.date(answer)
        if err:
            return None, err
        day = dt.date.fromisoformat(iso)
        return f"the date {day.day} {day:%B %Y}", None
    if not isinstance(answer, str):
        return None, f"This question wants a short text in quotes; you gave {nz.describe(answer)}."
    text = " ".join(answer[:2000].split())
    return f"the text \"{text[:80]}{'…' if len(text) > 80 else ''}\"", None


def form(q: dict, answer) -> tuple[str, str]:
    """``(status, message)`` for an answered question in graded mode: ``saved`` with what was
    read, or ``invalid`` with what to change. Never a verdict, whatever the answer (``marking``
    guards it against answers whose methods raise). A reflection is never marked in either mode:
    ``marking`` records it the same way."""
    read, err = _read(q, answer)
    if err:
        return ("incomplete" if isinstance(err, nz.Incomplete) else "invalid"), err
    return SAVED, f"Read as {read}. {NOTE}"
