"""Mark one answer against one sealed question: a pure function shared by ``check`` and the grader.

Marking never raises. It returns a :class:`Mark` whose status is one of

* ``correct``, ``partial``, ``incorrect`` — the answer was read and marked;
* ``unanswered`` — still ``...`` or empty;
* ``incomplete`` — readable, but it leaves something out (an order without all its items);
* ``invalid`` — a value of the wrong shape (the message says what was expected);
* ``recorded`` — an open reflection, kept for the instructor, not marked;
* ``saved`` — graded mode (a bank with no verdicts, ``graded``): the answer was read and is kept
  for the instructor, who marks it later.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from beyond_borders.checks import chain, graded, matching
from beyond_borders.checks import normalise as nz
from beyond_borders.checks import reflection
from beyond_borders.checks.bank import digest, numeric_key
from beyond_borders.checks.text_marking import mark_text

STATUSES = ("correct", "partial", "incorrect", "unanswered", "incomplete", "invalid", "recorded",
            graded.SAVED)


@dataclass(frozen=True)
class Mark:
    qid: str
    status: str
    score: float  # 0..1 share of the points
    points: float  # the question's points
    message: str = ""  # why: feedback on this answer (never reveals the answer)
    details: dict = field(default_factory=dict, compare=False)

    @property
    def earned(self) -> float:
        return round(self.score * self.points, 2)


def _h(bank, q, canon):
    return digest(bank["salt"], q["id"], canon)


def _feedback(bank, q, key) -> str:
    """The sealed feedback for choosing option ``key`` (stored under a hash of the key)."""
    return q.get("feedback", {}).get(_h(bank, q, "feedback|" + key), "")


def mark(bank: dict, q: dict, answer) -> Mark:
    qid, points, qtype = q["id"], float(q.get("points", 1)), q["type"]
    no_verdicts = graded.is_graded(bank) and qtype != "open"
    shown = 0.0 if no_verdicts else points  # a graded copy shows no points
    try:  # a last guard: marking must never show a traceback, whatever the answer's type does
        if nz.is_unanswered(answer):
            return Mark(qid, "unanswered", 0.0, shown,
                        "Not answered yet: replace the ... with your answer and run the cell again.")
        if no_verdicts:  # graded mode: read the form and keep the answer; the grader marks it
            status, message = graded.form(q, answer)
            return Mark(qid, status, 0.0, 0.0, message)
        return _MARKERS[qtype](bank, q, answer, points)
    except Exception as exc:
        return Mark(qid, "invalid", 0.0, shown,
                    f"This answer could not be read ({type(exc).__name__}). Check its form "
                    "against the example in the question.")


def _single(bank, q, answer, points):
    key, err = nz.option_key(answer, q["options"])
    if err:
        return Mark(q["id"], "invalid", 0.0, points, err)
    if _h(bank, q, key) in q["accept"]:
        return Mark(q["id"], "correct", 1.0, points, _feedback(bank, q, key))
    return Mark(q["id"], "incorrect", 0.0, points, _feedback(bank, q, key))


def _multiple(bank, q, answer, points):
    keys, err = nz.option_keys(answer, q["options"])
    if err:
        return Mark(q["id"], "invalid", 0.0, points, err)
    correct = set(q["correct"])
    right = sum(1 for k in keys if _h(bank, q, k) in correct)
    wrong = len(keys) - right
    score = max(0.0, (right - wrong) / len(correct))
    notes = [_feedback(bank, q, k) for k in keys]
    msg = " ".join(n for n in notes if n)
    if score == 1.0:
        return Mark(q["id"], "correct", 1.0, points, msg)
    summary = (f"{right} of your {len(keys)} choices {'is' if right == 1 else 'are'} right"
               f"{'' if right == len(correct) else ', and at least one right option is missing'}"
               f"{'; each wrong choice cancels a right one' if wrong else ''}.")
    status = "partial" if score > 0 else "incorrect"
    return Mark(q["id"], status, round(score, 4), points, (summary + " " + msg).strip(),
                {"right": right, "wrong": wrong})


def _ordering(bank, q, answer, points):
    order, err = nz.ordering(answer, q["items"])
    if err:
        return Mark(q["id"], "incomplete" if isinstance(err, nz.Incomplete) else "invalid", 0.0, points, err)
    pairs = set(q["pairs"])
    total = len(pairs)
    good = sum(1 for i, a in enumerate(order) for b in order[i + 1:] if _h(bank, q, f"{a}<{b}") in pairs)
    if good == total:
        return Mark(q["id"], "correct", 1.0, points, "")
    score = good / total if total else 0.0
    # Partial credit only when most of the order is right; otherwise it is a guess.
    share = round(score, 4) if score >= 0.5 else 0.0
    status = "partial" if share > 0 else "incorrect"
    return Mark(q["id"], status, share, points,
                f"{good} of {total} pairs of items are in the right order.", {"pairs_right": good})


def _numeric(bank, q, answer, points):
    value, err = nz.number(answer, q.get("example", "12"), q.get("per", 1))
    if err:
        return Mark(q["id"], "invalid", 0.0, points, err)
    canon = numeric_key(value, q.get("step", 1))
    if _h(bank, q, canon) in q["accept"]:
        return Mark(q["id"], "correct", 1.0, points, "")
    if _h(bank, q, canon) in q.get("partial", []):
        return Mark(q["id"], "partial", 0.5, points, "Close, but not within the accepted range.")
    return Mark(q["id"], "incorrect", 0.0, points, "")


def _date(bank, q, answer, points):
    iso, err = nz.date(answer)
    if err:
        return Mark(q["id"], "invalid", 0.0, points, err)
    if _h(bank, q, iso) in q["accept"]:
        return Mark(q["id"], "correct", 1.0, points, "")
    if _h(bank, q, iso[:7]) in q.get("partial", []):
        return Mark(q["id"], "partial", 0.5, points, "The month is right but not the day.")
    return Mark(q["id"], "incorrect", 0.0, points, "")


def _text(bank, q, answer, points):
    if not isinstance(answer, str):
        return Mark(q["id"], "invalid", 0.0, points,
                    f"This question wants a short text in quotes; you gave {nz.describe(answer)}.")
    right, message = mark_text(bank["salt"], q, answer)
    return Mark(q["id"], "correct" if right else "incorrect", float(right), points, message)


def _compound(module):
    """A marker for a type whose module reads and marks its own answers (matching, chain)."""
    def marker(bank, q, answer, points):
        status, share, message, details = module.verdict(bank["salt"], q, answer, points)
        return Mark(q["id"], status, share, points, message, details)
    return marker


def _open(bank, q, answer, points):
    """A reflection is recorded, never marked: the same words as the learner's own cell shows."""
    if not isinstance(answer, str):
        return Mark(q["id"], "invalid", 0.0, 0.0,
                    f"Write your reflection as text in a %%reflection cell; you gave {nz.describe(answer)}.")
    status, message = reflection.verdict(q, answer)
    return Mark(q["id"], status, 0.0, 0.0, message)


_MARKERS = {"single_choice": _single, "multiple_choice": _multiple, "ordering": _ordering,
            "numeric": _numeric, "date": _date, "text": _text, "open": _open,
            matching.TYPE: _compound(matching), chain.TYPE: _compound(chain)}
