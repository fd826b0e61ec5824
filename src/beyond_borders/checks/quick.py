"""In-lesson quick checks: ungraded multiple choice with instant, kind feedback.

The questions live in the lesson's bank file under ``quick_checks``, with the right option hashed
and every option's feedback obscured (``bank.opened`` decodes them on loading); this widget only
wires a set of radio buttons to :func:`quick_feedback`. Every option has feedback, the right one
included, so the feedback line reads alike whichever option is chosen.
"""
from __future__ import annotations

import html

import ipywidgets as W

from beyond_borders.checks import bank as qbank
from beyond_borders.render.style import CHOICES_CSS


def quick_feedback(qc: dict, key: str | None) -> tuple[str, str]:
    """(status, message) for choosing option ``key``; status is correct / incorrect / none."""
    if key is None:
        return "none", "Choose an answer to see feedback."
    right = key == qc["answer"]
    note = qc.get("feedback", {}).get(key, "")
    if right:
        return "correct", " ".join(x for x in ("Correct.", note, qc.get("explanation", "")) if x)
    return "incorrect", " ".join(x for x in ("Not quite.", note or "Look again at the section above.",
                                              "Try another answer.") if x)


class QuickCheck(W.VBox):
    """A labelled group of radio buttons and a feedback line that updates on each choice."""

    def __init__(self, qc: dict):
        self.qc = qc
        labels = [(f"{k}) {v}", k) for k, v in qc["options"].items()]
        self.prompt = W.HTML(f"<strong>Quick check.</strong> {html.escape(qc['prompt'])}")
        self.choice = W.RadioButtons(options=labels, value=None, layout=W.Layout(width="auto"),
                                     description="", style={"description_width": "0px"})
        self.choice.add_class("bb-choices")
        self.feedback = W.HTML(self._render("none", "Choose an answer to see feedback."))
        self.choice.observe(self._on_change, names="value")
        super().__init__([W.HTML(CHOICES_CSS), self.prompt, self.choice, self.feedback],
                         layout=W.Layout(border="1px solid #d0d5dd", padding="6px 10px",
                                         margin="6px 0"))
        self.add_class("bb-quick-check")

    @classmethod
    def from_bank(cls, check_id: str):
        lesson = qbank.lesson_of(check_id)
        try:
            qc = qbank.load_lesson(lesson)["quick_by_id"][check_id]
        except (KeyError, ValueError):
            return W.HTML(f"<em>There is no quick check {html.escape(str(check_id))!s}.</em>")
        return cls(qc)

    @staticmethod
    def _render(status, message):
        colour = {"correct": "#17692f", "incorrect": "#b42318"}.get(status, "#475467")
        return (f"<div class='bb-quick-feedback bb-{status}' role='status' aria-live='polite' "
                f"style='color:{colour}'>{html.escape(message)}</div>")

    def _on_change(self, change):
        status, message = quick_feedback(self.qc, change["new"])
        self.feedback.value = self._render(status, message)

    def __repr__(self):
        return f"Quick check {self.qc['id']}: {self.qc['prompt']}"
