"""Decision points: stand where Pakistan's leaders stood on a given day, choose, justify, then see.

A decision point is lesson content (``content/NN_decisions.json``, loaded and checked by
``content.load``; its shape is ``content.kinds.DECISION_POINTS``): a dated situation brief in
which every item cites its sources, three or four options with what each could gain and cost,
and what Pakistan actually did afterwards, step by step, with sources. The file layout:

    {"lesson": "07",
     "decision_points": [
       {"id": "07-dp1", "date": "2026-03-01", "title": "...", "role": "...",
        "situation": [{"text": "...", "sources": ["source-id", ...]}, ...],
        "question": "...",
        "options": [{"key": "a", "label": "...", "gains": "...", "costs": "..."}, ...],
        "outcome": {"closest": "b" | null, "summary": "...",
                    "steps": [{"date": "2026-03-01", "text": "...", "sources": [...]}, ...],
                    "caveat": "..."}},
       ...]}

The logic is pure and tested (``tests/test_decisions.py``): ``reveal_allowed`` (a choice among
the options and a justification of at least ``MIN_WORDS`` words), and the functions that render
the brief, the options and the reveal as HTML or plain text. :class:`DecisionPoint` is a thin
ipywidgets view over them; its ``__repr__`` (what nbval compares) is one short line that does
not change when the learner acts until the reveal.
"""
from __future__ import annotations

import html
import re

import ipywidgets as W
import pandas as pd

from beyond_borders import data
from beyond_borders.content import ContentError, load_content
from beyond_borders.content.kinds import DECISION_POINTS
from beyond_borders.content.schema import At
from beyond_borders.render.sources import source_item_html
from beyond_borders.render.style import CHOICES_CSS
from beyond_borders.render.text import REPR_LIMIT, day, shorten

__all__ = ["MIN_WORDS", "load_decision_points", "get_decision_point", "problems", "word_count",
           "reveal_allowed", "lock_reason", "situation_html", "options_html", "reveal_html",
           "situation_text", "reveal_text", "sources_html", "DecisionPoint", "decision_point"]

MIN_WORDS = 15


# -- data -----------------------------------------------------------------------------------

def problems(dp: dict, source_ids=None) -> list[str]:
    """Everything wrong with one decision point (an empty list when it is sound).

    ``source_ids`` (a set of known source ids) also checks that every cited source exists.
    The rules are the content loader's (``content.kinds.DECISION_POINTS``).
    """
    refs = {} if source_ids is None else {"source": set(source_ids)}
    return DECISION_POINTS.check([dp], At(), refs)


def flat(dp: dict, role_id: str | None = None) -> dict:
    """A decision point seen from one role (the first by default): the role's fields at the top."""
    if "roles" not in dp:
        return dp
    role = next((r for r in dp["roles"] if r["id"] == role_id), dp["roles"][0])
    return {**dp, **role, "id": dp["id"], "title": dp["title"], "role": role["title"],
            "min_words": dp["memo"]["min_words"]}


def load_decision_points(lesson, directory=None) -> list[dict]:
    """The decision points of one lesson ('07' or 7), checked; raises ``ContentError``."""
    return load_content(lesson, "decisions", directory)["decision_points"]


def get_decision_point(dp_id: str, directory=None) -> dict:
    """One decision point by id ('07-dp1'); the lesson is the part before the first '-'."""
    lesson = str(dp_id).split("-", 1)[0]
    for dp in load_decision_points(lesson, directory):
        if dp["id"] == dp_id:
            return dp
    raise ContentError(f"there is no decision point {dp_id!r}")


# -- logic ----------------------------------------------------------------------------------

def word_count(text) -> int:
    """Words in a justification (runs of letters or digits; punctuation alone does not count)."""
    return len(re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", str(text or "")))


def lock_reason(choice, justification, dp: dict | None = None, min_words: int = MIN_WORDS) -> str:
    """Why the reveal is still locked, in words for the learner; '' when it may open."""
    keys = [o["key"] for o in dp["options"]] if dp else None
    if choice is None or choice == "" or (keys is not None and choice not in keys):
        return "Choose one of the options first."
    n = word_count(justification)
    if n < min_words:
        return (f"Explain your choice in at least {min_words} words "
                f"({n} so far): what does it gain, and what risk do you accept?")
    return ""


def reveal_allowed(choice, justification, dp: dict | None = None, min_words: int = MIN_WORDS) -> bool:
    """True once an option is chosen and the justification has at least ``min_words`` words."""
    return lock_reason(choice, justification, dp, min_words) == ""


# -- rendering ------------------------------------------------------------------------------

def _option(dp: dict, key) -> dict | None:
    return next((o for o in dp["options"] if o["key"] == key), None)


def sources_html(ids, sources: pd.DataFrame | None = None) -> str:
    """A list of sources, each its id and a link titled with outlet, title and date."""
    sources = data.load_sources() if sources is None else sources
    by_id = sources.set_index("id")
    items = [source_item_html(by_id.loc[sid].to_dict() | {"id": sid}, anchor=False) if sid in by_id.index
             else f"<li><code>{html.escape(sid)}</code> (not in sources.csv)</li>"
             for sid in dict.fromkeys(ids)]
    return f"<ul class='bb-decision-sources' style='font-size:90%'>{''.join(items)}</ul>"


def _refs(ids) -> str:
    return "<sup style='color:#475467'>[" + ", ".join(html.escape(i) for i in ids) + "]</sup>"


def situation_html(dp: dict) -> str:
    """The brief as the decision-makers had it: role, date, the known facts (cited), the question."""
    items = "".join(f"<li>{html.escape(it['text'])} {_refs(it['sources'])}</li>" for it in dp["situation"])
    return (f"<div class='bb-decision-brief'>"
            f"<h4 style='margin:4px 0'>Decision point · {html.escape(day(dp['date']))}: "
            f"{html.escape(dp['title'])}</h4>"
            f"<p><em>{html.escape(dp['role'])}</em></p>"
            f"<p><strong>What you know on this date</strong> (source ids in brackets; the links "
            f"appear with the reveal):</p><ul>{items}</ul>"
            f"<p><strong>{html.escape(dp['question'])}</strong></p></div>")


def options_html(dp: dict) -> str:
    """The options as a table: what each could gain and what it could cost."""
    rows = "".join(
        f"<tr><td style='vertical-align:top'><strong>{html.escape(o['key'])})</strong> "
        f"{html.escape(o['label'])}</td><td style='vertical-align:top'>{html.escape(o['gains'])}</td>"
        f"<td style='vertical-align:top'>{html.escape(o['costs'])}</td></tr>" for o in dp["options"])
    return ("<table class='bb-decision-options'><caption>The options and their trade-offs</caption>"
            "<thead><tr><th>Option</th><th>What it could gain</th><th>What it could cost</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>")


def reveal_html(dp: dict, choice, justification, sources: pd.DataFrame | None = None) -> str:
    """What Pakistan did, beside the learner's choice and reasons, with every source linked."""
    mine = _option(dp, choice)
    outcome = dp["outcome"]
    closest = _option(dp, outcome.get("closest"))
    if closest is None:
        match = "None of the options matches what Pakistan did closely."
    elif closest["key"] == choice:
        match = f"What Pakistan did is closest to your choice, option {closest['key']}."
    else:
        match = (f"What Pakistan did is closest to option {closest['key']} "
                 f"(“{closest['label']}”); you chose option {choice}.")
    steps = "".join(
        f"<li><strong>{html.escape(day(s['date']))}.</strong> {html.escape(s['text'])} "
        f"{_refs(s['sources'])}</li>" for s in outcome["steps"])
    ids = [i for it in dp["situation"] for i in it["sources"]] + [i for s in outcome["steps"] for i in s["sources"]]
    caveat = (f"<p><em>{html.escape(outcome['caveat'])}</em></p>" if outcome.get("caveat") else "")
    return (f"<div class='bb-decision-reveal' role='status' aria-live='polite' "
            f"style='border-left:6px solid #0072B2;background:#eef4ff;padding:8px 12px;margin:6px 0'>"
            f"<p><strong>Your choice:</strong> {html.escape(choice or '')}) "
            f"{html.escape(mine['label'] if mine else '')}<br><strong>Your reasons:</strong> "
            f"{html.escape(str(justification or '').strip())}</p>"
            f"<h4 style='margin:4px 0'>What Pakistan did</h4><p>{html.escape(outcome['summary'])}</p>"
            f"<ol>{steps}</ol><p>{html.escape(match)} A match is not a mark: compare your reasons "
            f"with the trade-offs Pakistan accepted.</p>{caveat}"
            f"<p><strong>Sources</strong></p>{sources_html(ids, sources)}</div>")


def situation_text(dp: dict) -> str:
    """The brief and the options as plain text (for screen readers and tests)."""
    lines = [f"Decision point, {day(dp['date'])}: {dp['title']}", dp["role"], "What you know:"]
    lines += [f"- {it['text']} [{', '.join(it['sources'])}]" for it in dp["situation"]]
    lines.append(dp["question"])
    lines += [f"{o['key']}) {o['label']} Gains: {o['gains']} Costs: {o['costs']}" for o in dp["options"]]
    return "\n".join(lines)


def reveal_text(dp: dict, choice) -> str:
    """What Pakistan did, as plain text, after the learner's choice."""
    outcome = dp["outcome"]
    lines = [f"You chose {choice}. What Pakistan did: {outcome['summary']}"]
    lines += [f"- {day(s['date'])}: {s['text']} [{', '.join(s['sources'])}]" for s in outcome["steps"]]
    closest = outcome.get("closest")
    lines.append(f"Closest option: {closest}." if closest else "No option matches closely.")
    if outcome.get("caveat"):
        lines.append(outcome["caveat"])
    return "\n".join(lines)


# -- widget ---------------------------------------------------------------------------------

class DecisionPoint(W.VBox):
    """Read the brief, choose an option, justify it; only then reveal what Pakistan did.

    The reveal button stays disabled until :func:`reveal_allowed`; after the reveal the choice
    and the reasons are locked, so the learner's first answer is the one compared.
    """

    def __init__(self, dp: dict, sources: pd.DataFrame | None = None, min_words: int | None = None):
        dp = flat(dp)
        self.dp = dp
        self.sources = data.load_sources() if sources is None else sources
        self.min_words = int(dp.get("min_words", MIN_WORDS) if min_words is None else min_words)
        self.revealed = False
        self.brief = W.HTML(situation_html(dp))
        self.table = W.HTML(options_html(dp))
        self.choice = W.RadioButtons(
            options=[(f"{o['key']}) {o['label']}", o["key"]) for o in dp["options"]], value=None,
            description="", layout=W.Layout(width="auto"), style={"description_width": "0px"})
        self.choice.add_class("bb-choices")
        self.reasons = W.Textarea(
            value="", placeholder=f"Why this option? At least {self.min_words} words: what it gains, "
                                  "what it risks, and why that risk is worth taking.",
            layout=W.Layout(width="95%", height="6em"))
        self.status = W.HTML()
        self.button = W.Button(description="Reveal what Pakistan did", disabled=True,
                               button_style="info", icon="eye", layout=W.Layout(width="auto"))
        self.button.add_class("bb-primary")  # readable colours (render.style.CHOICES_CSS)
        self.reveal = W.HTML("")
        self.choice.observe(self._update, names="value")
        self.reasons.observe(self._update, names="value")
        self.button.on_click(self._on_reveal)
        super().__init__([W.HTML(CHOICES_CSS), self.brief, self.table,
                          W.HTML("<strong>Your choice</strong>"), self.choice,
                          W.HTML("<strong>Your reasons</strong>"), self.reasons, self.status,
                          self.button, self.reveal],
                         layout=W.Layout(border="1px solid #d0d5dd", padding="6px 10px", margin="6px 0"))
        self.add_class("bb-decision-point")
        self._update()

    def _update(self, _change=None):
        if self.revealed:
            return
        why = lock_reason(self.choice.value, self.reasons.value, self.dp, self.min_words)
        self.button.disabled = bool(why)
        text = why or "Ready: press the button to see what Pakistan did."
        self.status.value = (f"<div class='bb-decision-status' role='status' aria-live='polite' "
                             f"style='color:#475467'>{html.escape(text)}</div>")

    def _on_reveal(self, _button=None) -> bool:
        if not reveal_allowed(self.choice.value, self.reasons.value, self.dp, self.min_words):
            self._update()
            return False
        self.revealed = True
        self.choice.disabled = self.reasons.disabled = self.button.disabled = True
        self.status.value = ""
        self.reveal.value = reveal_html(self.dp, self.choice.value, self.reasons.value, self.sources)
        return True

    def __repr__(self):
        state = f"revealed, chose {self.choice.value}" if self.revealed else "not revealed yet"
        head = f"Decision point {self.dp['id']}, {day(self.dp['date'])}: "
        tail = f" ({len(self.dp['options'])} options; {state})"
        return head + shorten(self.dp["title"], REPR_LIMIT - len(head) - len(tail)) + tail


def decision_point(dp_id: str, min_words: int | None = None):
    """The widget for one decision point (e.g. ``decision_point("07-dp1")``), or a short note."""
    try:
        dp = get_decision_point(dp_id)
    except ContentError as exc:
        return W.HTML(f"<em>{html.escape(str(exc))}</em>")
    return DecisionPoint(dp, min_words=min_words)
