"""``explain(question_id)``: a question's explanation on request, once the learner has tried it.

A right answer shows the explanation by itself; a wrong or partial one does not, because the
explanation states the answer. A learner who is stuck can ask for it, but only after at least
one marked try in this session, so reading the answer stays a choice made after thinking. In a
graded copy the banks hold no explanations (they would give the answers away): the instructor's
feedback brings them.
"""
from __future__ import annotations

from beyond_borders.checks import bank as qbank
from beyond_borders.checks.exercise import _LAST, CheckResult, _unknown
from beyond_borders.checks.graded import is_graded

TRIED = ("correct", "partial", "incorrect", "recorded")


def explain(question_id) -> CheckResult:
    """The explanation of ``question_id`` ("2.3") after a try with ``check``; never raises."""
    found = qbank.find_question(question_id) if isinstance(question_id, str) else None
    if not found:
        return _unknown(question_id)
    bank, q = found
    short = q.get("short", "")
    if is_graded(bank):
        return CheckResult(q["id"], "explained", "This exercise is marked by your instructor: the "
                           "explanation comes with your feedback after you hand it in.", short=short)
    last = _LAST.get(q["id"])
    if last is None or last.status not in TRIED:
        return CheckResult(q["id"], "locked",
                           f"Try the question first: run check(\"{q['id']}\", your answer) with an "
                           "answer, then ask again.", short=short)
    text = qbank.explanation(q) or "There is no explanation for this question."
    return CheckResult(q["id"], "explained", "", explanation=text, short=short)
