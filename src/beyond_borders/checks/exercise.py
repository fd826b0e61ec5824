"""What a learner calls in a notebook: ``check``, ``score`` and ``quick_check``.

``check(question_id, answer)`` never raises. It marks the answer with the lesson's sealed
question bank and returns a :class:`CheckResult` that shows as friendly HTML in JupyterLab and
as plain text elsewhere (the text is what nbval compares). A right answer brings the question's
explanation; a wrong or partial try brings the hint and what is right so far, never the full
answer (``explain`` gives the explanation on request after a try). The last result per question
is remembered for ``score`` and ``explain``.
"""
from __future__ import annotations

import html
import sys

from beyond_borders.checks import bank as qbank
from beyond_borders.checks import reflection
from beyond_borders.checks.graded import is_graded
from beyond_borders.checks.marking import Mark, mark
from beyond_borders.wording import agree

_LAST: dict[str, Mark] = {}

_LOOK = {
    "correct": ("✔", "Correct", "#17692f", "#e6f4ea"),  # 5.97:1 (WCAG AA)
    "partial": ("◐", "Partly correct", "#8a5a00", "#fff4d6"),
    "incorrect": ("✘", "Not yet", "#b42318", "#fdecea"),
    "unanswered": ("…", "Not answered yet", "#475467", "#f2f4f7"),
    "incomplete": ("◔", "Not complete yet", "#6941c6", "#f4f0ff"),
    "invalid": ("?", "Can't read this answer", "#6941c6", "#f4f0ff"),
    "recorded": ("✎", "Reflection recorded", "#175cd3", "#eef4ff"),
    "saved": ("✎", "Saved for your instructor", "#175cd3", "#eef4ff"),
    "unknown": ("?", "Unknown question", "#6941c6", "#f4f0ff"),
    "explained": ("ℹ", "Explanation", "#175cd3", "#eef4ff"),
    "locked": ("…", "Try it first", "#475467", "#f2f4f7"),
}


class CheckResult:
    """The outcome of one check, shown as HTML (rich) or text (plain)."""

    def __init__(self, qid, status, message, explanation="", hint="", earned=0.0, points=0.0,
                 short=""):
        self.qid, self.status, self.message = qid, status, message
        self.explanation, self.hint = explanation, hint
        self.earned, self.points, self.short = earned, points, short

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def _lines(self):
        icon, label, *_ = _LOOK[self.status]
        head = f"{icon} {self.qid}"
        if self.short:
            head += f" ({self.short})"
        head += f": {label}"
        if self.points:
            head += f" — {self.earned:g}/{self.points:g} {agree(self.points, 'point')}"
        lines = [head]
        if self.message:
            lines.append(self.message)
        if self.explanation:
            lines.append("Why: " + self.explanation)
        if self.hint:
            lines.append("Hint: " + self.hint)
        return lines

    def __repr__(self):
        return "\n".join(self._lines())

    def _repr_html_(self):
        icon, label, fg, bg = _LOOK[self.status]
        lines = self._lines()
        body = "".join(f"<div style='margin-top:4px'>{html.escape(line)}</div>" for line in lines[1:])
        return (f"<div class='bb-check bb-{self.status}' role='status' aria-live='polite' "
                f"style='border-left:6px solid {fg};background:{bg};padding:8px 12px;"
                f"margin:4px 0;color:#101828'>"
                f"<strong style='color:{fg}'>{html.escape(lines[0])}</strong>{body}</div>")


def _unknown(qid) -> CheckResult:
    known = ", ".join(qbank.lessons()) or "none"
    shown = qid if isinstance(qid, str) else repr(qid)
    return CheckResult(str(qid), "unknown",
                       f"There is no question {shown!r}. Question ids look like \"2.3\" (lesson 2, "
                       f"question 3) and must be in quotes. Lessons with questions: {known}.")


def result_from_mark(q: dict, m: Mark) -> CheckResult:
    """Words for a mark: the explanation only when right (it states the answer), the hint after
    a wrong or partly right try."""
    explanation = qbank.explanation(q) if m.status == "correct" else ""
    hint = q.get("hint", "") if m.status in ("partial", "incorrect") else ""
    return CheckResult(q["id"], m.status, m.message, explanation, hint, m.earned, m.points,
                       q.get("short", ""))


def check(question_id, answer=...) -> CheckResult:
    """Mark ``answer`` for ``question_id`` (e.g. ``check("2.3", answer_2_3)``). Never raises."""
    found = qbank.find_question(question_id) if isinstance(question_id, str) else None
    if not found:
        return _unknown(question_id)
    bank, q = found
    m = mark(bank, q, answer)
    _LAST[q["id"]] = m
    return result_from_mark(q, m)


class Progress:
    """A learner's progress on one lesson's exercise set in this session. In graded mode
    (``graded=True``) it counts answers, never points: nothing here knows which are right."""

    def __init__(self, lesson, title, rows, graded=False):
        self.lesson, self.title, self.rows, self.graded = lesson, title, rows, graded

    @property
    def earned(self):
        return round(sum(r[3] for r in self.rows), 2)

    @property
    def possible(self):
        return sum(r[4] for r in self.rows)

    def _summary(self):
        done = sum(1 for r in self.rows if r[2] not in ("unanswered", "incomplete", "invalid"))
        head = f"Lesson {int(self.lesson)} — {self.title}: {done} of {len(self.rows)} answered"
        if self.graded:
            return head + "; saved for your instructor, who marks them after you hand in"
        return f"{head}, {self.earned:g} of {self.possible:g} points"

    def _points(self, earned, pts) -> str:
        return "" if self.graded or not pts else f"{earned:g}/{pts:g}"

    def __repr__(self):
        lines = [self._summary()]
        for qid, short, status, earned, pts in self.rows:
            shown = self._points(earned, pts)
            lines.append(f"  {_LOOK[status][0]} {qid} {short}: {_LOOK[status][1]}"
                         + (f" ({shown})" if shown else ""))
        return "\n".join(lines)

    def _repr_html_(self):
        rows = "".join(
            f"<tr><td>{html.escape(qid)}</td><td>{html.escape(short)}</td>"
            f"<td style='color:{_LOOK[st][2]}'>{_LOOK[st][0]} {_LOOK[st][1]}</td>"
            + ("" if self.graded else f"<td style='text-align:right'>{self._points(e, p) or '—'}</td>")
            + "</tr>" for qid, short, st, e, p in self.rows)
        points = "" if self.graded else "<th>Points</th>"  # a graded copy knows no points
        return (f"<div class='bb-progress'><strong>{html.escape(self._summary())}</strong>"
                f"<table><thead><tr><th>Question</th><th>Topic</th><th>Result</th>{points}"
                f"</tr></thead><tbody>{rows}</tbody></table></div>")


def _namespace(depth: int = 2) -> dict:
    """The learner's variables: IPython's ``user_ns`` in a kernel, else the caller's globals."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return shell.user_ns if shell is not None else sys._getframe(depth).f_globals


def _answer_mark(bank, q, ns) -> Mark | None:
    """Mark the learner's ``answer_N_M`` as it stands now (set, checked or not), else the last check.

    Marking the variable itself is what the grader does, so ``score`` agrees with the grade even
    when a ``check(...)`` line was deleted or the answer changed after it ran.
    """
    lesson, n = q["id"].split(".")
    name = f"answer_{int(lesson)}_{int(n)}"
    if name not in ns:
        return _LAST.get(q["id"])
    value = ns[name]
    if q.get("type") == "open" and (value is ... or isinstance(value, str)):
        status, message = reflection.verdict(q, value)
        return Mark(q["id"], status, 0.0, 0.0, message)
    m = mark(bank, q, value)
    _LAST[q["id"]] = m
    return m


def score(lesson) -> Progress | CheckResult:
    """Progress on a lesson's exercises (``score("2")``): every ``answer_N_M`` set in this session."""
    try:
        bank = qbank.load_lesson(str(lesson).strip().lstrip("0") or "0")
    except (KeyError, ValueError):
        return CheckResult(str(lesson), "unknown",
                           f"There is no exercise set for lesson {lesson!r}. Try one of: "
                           + ", ".join(str(int(x)) for x in qbank.lessons()) + ".")
    ns = _namespace()
    rows = []
    for q in bank["questions"]:
        m = _answer_mark(bank, q, ns)
        status = m.status if m else "unanswered"
        rows.append((q["id"], q.get("short", ""), status, m.earned if m else 0.0,
                     float(q.get("points", 1))))
    return Progress(bank["lesson"], bank["title"], rows, graded=is_graded(bank))


def reset():
    """Forget this session's results (used by tests)."""
    _LAST.clear()


def quick_check(check_id: str):
    """An ungraded multiple-choice question with instant feedback (see ``quickcheck``)."""
    from beyond_borders.checks.quick import QuickCheck

    return QuickCheck.from_bank(check_id)
