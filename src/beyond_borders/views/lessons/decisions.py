"""Decision points (lessons 02, 06, 07): stand where one side stood on a given day, state its
interests, choose, write the memo, and only then see what every side did.

A decision point is lesson content (``content/NN_decisions.json``, checked where it enters by
``content.load``; its shape is ``content.decision_kind``). This module is the widget a lesson
shows, ``decision_point("07-dp1")``: state in traitlets, its steps decided by the pure
functions of ``decision_steps``, its HTML by ``decision_render``, its saved file by
``decision_files``. The ``__repr__`` (what nbval compares) is one short line that does not
change while the learner works, only with the reveal.
"""
from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as W
import pandas as pd
import traitlets as T

from beyond_borders import data
from beyond_borders.content import ContentError, load_content
from beyond_borders.content.load import CONTENT_DIR
from beyond_borders.render.style import CHOICES_CSS, MUTED_INK
from beyond_borders.render.text import REPR_LIMIT, day, shorten
from beyond_borders.views.keyboard import KeysStayHere
from beyond_borders.views.lessons import decision_render as R
from beyond_borders.views.lessons.decision_files import (FOLDER, choice_record, file_name, read_json,
                                                         Saved, record_problem, save_choice)
from beyond_borders.views.lessons.decision_steps import (OWN_OPTION, RANKED, lock_reason, ranked,
                                                         role_of, step, word_count)

__all__ = ["load_decision_points", "get_decision_point", "all_decision_points", "DecisionPoint",
           "decision_point", "word_count", "lock_reason"]

NONE = ("— choose —", "")
ORDINALS = ("1st", "2nd", "3rd")[:RANKED]
HIDDEN, SHOWN = "none", ""
STEP_NOTES = {
    "memo": "Write your memo below: the count under the box says when it is long enough.",
    "ready": "Ready: save your choice for the class tally, or reveal what happened.",
}
STALE = "Changed since you saved: press Save my choice again to update your file."


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


def all_decision_points(directory=None) -> dict[str, dict]:
    """Every decision point of the course by id, lesson by lesson."""
    folder = Path(directory or CONTENT_DIR)
    lessons = sorted(p.name.split("_", 1)[0] for p in folder.glob("*_decisions.json"))
    return {dp["id"]: dp for lesson in lessons for dp in load_decision_points(lesson, directory)}


def _box(children, display=SHOWN, **layout) -> W.VBox:
    return W.VBox(children, layout=W.Layout(display=display, **layout))


def _ranked_boxes(ranks: list) -> W.VBox:
    """'1st interest' above its box, one under the other: every width reads the whole label."""
    rows = [W.VBox([W.HTML(f"<span class='bb-rank-label'>{o} interest</span>"), box],
                   layout=W.Layout(width="100%", max_width="40em")) for o, box in zip(ORDINALS, ranks)]
    return W.VBox(rows, layout=W.Layout(width="100%"))


class DecisionPoint(W.VBox):
    """Role, three ranked interests, an option (or one's own), a memo; then the reveal.

    The options stay hidden until three interests are ranked; "Reveal" and "Save my choice"
    stay disabled until :func:`lock_reason` is ''. After the reveal every input is locked, so
    the choice compared with history is the learner's first.
    """

    role = T.Unicode()
    ranking = T.List(T.Unicode())
    option = T.Unicode()
    own_option = T.Unicode()
    memo = T.Unicode()
    learner = T.Unicode()
    revealed = T.Bool(False)

    def __init__(self, dp: dict, sources: pd.DataFrame | None = None, folder=None):
        self.dp, self.folder = dp, folder
        self.last_saved: Saved | None = None  # this session's file, updated in place by a new save
        self.sources = data.load_sources() if sources is None else sources
        self.unlocked: set[str] = set()  # roles whose options have been shown
        super().__init__(self._build(), layout=W.Layout(border="1px solid #d0d5dd", padding="6px 10px",
                                                        margin="6px 0"))
        self.add_class("bb-decision-point")
        self._wire()
        self.role = dp["roles"][0]["id"]

    # -- construction ----------------------------------------------------------------------

    def _build(self) -> list:
        dp = self.dp
        self.role_pick = W.Dropdown(options=[(f"{r['title']} ({R.actor_name(r['actor'])})", r["id"])
                                             for r in dp["roles"]], description="Your role",
                                    style={"description_width": "initial"}, layout=W.Layout(width="auto"))
        self.role_text = W.HTML()
        # the label sits above a full-width box, so a long interest is not cut off on a narrow screen
        self.ranks = [W.Dropdown(options=[NONE], layout=W.Layout(width="100%", max_width="100%"))
                      for _ in ORDINALS]
        for o, box in zip(ORDINALS, self.ranks):
            box.tooltip = f"{o} interest"
        self.options_table = W.HTML()
        self.choice = W.RadioButtons(options=[], value=None, layout=W.Layout(width="auto"))
        self.choice.add_class("bb-choices")
        self.own = W.Textarea(placeholder="My own option: what would you do instead, and how?",
                              layout=W.Layout(width="95%", height="4em", display=HIDDEN))
        self.options_box = _box([W.HTML("<strong>Step 2 · Choose an option</strong>"), self.options_table,
                                 self.choice, self.own], display=HIDDEN)
        self.memo_text = W.Textarea(placeholder="Your memo", layout=W.Layout(width="95%", height="10em"))
        self.count = W.HTML()
        self.memo_box = _box([W.HTML("<strong>Step 3 · Write the memo</strong>"), W.HTML(R.rubric_html(dp["memo"])),
                              self.memo_text, self.count], display=HIDDEN)
        self.status = W.HTML()
        wide = {"width": "auto", "min_width": "max-content", "max_width": "100%"}  # the whole label shows
        self.button = W.Button(description="Reveal what happened", disabled=True, icon="eye", layout=W.Layout(**wide))
        self.button.add_class("bb-primary")  # readable colours (render.style.CHOICES_CSS)
        self.name = W.Text(description="Your name or group", placeholder="for the class tally",
                           style={"description_width": "initial"}, layout=W.Layout(width="auto", max_width="100%"))
        self.save = W.Button(description="Save my choice", disabled=True, icon="save", layout=W.Layout(**wide))
        self.save.add_class("bb-primary")
        self.saved = W.HTML()
        self.reveal = W.HTML("")
        still = W.HTML(R.still_html(dp, self.sources), layout=W.Layout(display=HIDDEN))
        still.add_class("bb-dp-print")  # the static site's still view (publish.widgets)
        return [W.HTML(CHOICES_CSS), W.HTML(R.situation_html(dp)), self.role_pick, self.role_text,
                W.HTML(f"<strong>Step 1 · Rank three interests of your role</strong>, most important "
                       "first. The options appear after that."), _ranked_boxes(self.ranks),
                self.options_box, self.memo_box, self.status,
                W.HBox([self.button, self.name, self.save], layout=W.Layout(flex_flow="row wrap")),
                self.saved, self.reveal, still, KeysStayHere("bb-decision-point", layout=W.Layout(display=HIDDEN))]

    def _wire(self) -> None:
        for control, trait in ((self.role_pick, "role"), (self.choice, "option"), (self.own, "own_option"),
                               (self.memo_text, "memo"), (self.name, "learner")):
            control.observe(self._follow(trait), names="value")
        for box in self.ranks:
            box.observe(self._on_rank, names="value")
        self.observe(self._on_role, names="role")
        self.observe(self._update, names=["ranking", "option", "own_option", "memo"])
        self.observe(self._out_of_date, names=["role", "ranking", "option", "own_option", "memo", "learner"])
        self.button.on_click(self._on_reveal)
        self.save.on_click(self._on_save)

    # -- reacting ----------------------------------------------------------------------------

    def _follow(self, trait: str):
        """A control's value becomes the widget's state, until the reveal freezes it."""
        def follow(change):
            if not self.revealed:
                setattr(self, trait, change["new"] or "")
        return follow

    def _on_role(self, _change=None) -> None:
        role = role_of(self.dp, self.role)
        if role is None or self.revealed:
            return
        self.role_pick.value = role["id"]
        self.role_text.value = R.role_html(role)
        for box in self.ranks:
            box.options = [NONE] + [(i, i) for i in role["interests"]]
            box.value = ""
        self.options_table.value = R.options_html(role)
        self.choice.options = ([(R.option_label(role, o["key"]), o["key"]) for o in role["options"]]
                               + [("My own option", OWN_OPTION)])
        self.choice.value = None
        self.ranking, self.option = [], ""
        self._update()

    def _on_rank(self, _change=None) -> None:
        if not self.revealed:
            self.ranking = [b.value for b in self.ranks if b.value]

    def _update(self, _change=None) -> None:
        if self.revealed:
            return
        role = role_of(self.dp, self.role)
        if role is not None and ranked(role, self.ranking):
            self.unlocked.add(role["id"])
        shown = SHOWN if self.role in self.unlocked else HIDDEN
        self.options_box.layout.display = self.memo_box.layout.display = shown
        self.own.layout.display = SHOWN if self.option == OWN_OPTION else HIDDEN
        least = self.dp["memo"]["min_words"]
        n = word_count(self.memo)
        self.count.value = (f"<div class='bb-decision-count' style='color:{MUTED_INK}'>{n} "
                            f"word{'s' if n != 1 else ''} (at least {least})</div>")
        where = step(self.dp, self.role, self.ranking, self.option, self.own_option, self.memo)
        text = STEP_NOTES.get(where) or lock_reason(self.dp, self.role, self.ranking, self.option,
                                                    self.own_option, self.memo)
        self.button.disabled = self.save.disabled = where != "ready"
        self._say(self.status, "bb-decision-status", text)

    def _out_of_date(self, _change=None) -> None:
        """Once saved, any change makes the "Saved …" line untrue until the learner saves again."""
        if self.last_saved is not None and self.last_saved.path is not None:
            self._say(self.saved, "bb-decision-saved", STALE)

    @staticmethod
    def _say(target: W.HTML, css: str, text: str) -> None:
        target.value = (f"<div class='{css}' role='status' aria-live='polite' style='color:{MUTED_INK}'>"
                        f"{html.escape(text)}</div>")

    def _on_reveal(self, _button=None) -> bool:
        if step(self.dp, self.role, self.ranking, self.option, self.own_option, self.memo) != "ready":
            self._update()
            return False
        self.revealed = True
        for control in (self.role_pick, *self.ranks, self.choice, self.own, self.memo_text, self.button):
            control.disabled = True
        self.status.value = ""
        self.reveal.value = R.reveal_html(self.dp, self.role, self.ranking, self.option, self.own_option,
                                          self.memo, self.sources)
        return True

    def _on_save(self, _button=None) -> bool:
        try:
            record = choice_record(self.dp, self.role, self.ranking, self.option, self.own_option,
                                   self.memo, self.learner, revealed=self.revealed)
        except ValueError as exc:
            self._say(self.saved, "bb-decision-saved", str(exc))
            return False
        done = save_choice(record, self.folder, self.last_saved)
        if done.path is not None:
            self.last_saved = done
        self._say(self.saved, "bb-decision-saved", done.message)
        return done.path is not None

    def load_saved(self, path=None) -> str:
        """Put a saved choice back (this role's file beside the notebook by default); says what it did."""
        path = Path(path) if path else Path(self.folder or Path.cwd()) / FOLDER / file_name(self.dp["id"], self.role)
        record, problem = read_json(path)
        problem = problem or record_problem(record, {self.dp["id"]: self.dp})
        if problem or self.revealed:
            return f"Not loaded: {path.name} {problem or 'cannot change a revealed decision point'}."
        self.role = record["role"]
        self._on_role()
        for box, interest in zip(self.ranks, record["interests"]):
            box.value = interest
        self.choice.value = record["option"]
        self.own.value, self.memo_text.value = record.get("own_option", ""), record["memo"]
        self.name.value = record["learner"]
        return f"Loaded {path.name}."

    def __repr__(self):
        roles = self.dp["roles"]
        count = f"{len(roles[0]['options'])} options" if len(roles) == 1 else f"{len(roles)} roles"
        state = f"revealed, chose {self.option}" if self.revealed else "not revealed yet"
        if self.revealed and len(roles) > 1:
            state = f"revealed, {self.role} chose {self.option}"
        head = f"Decision point {self.dp['id']}, {day(self.dp['date'])}: "
        tail = f" ({count}; {state})"
        return head + shorten(self.dp["title"], REPR_LIMIT - len(head) - len(tail)) + tail


def decision_point(dp_id: str, folder=None):
    """The widget for one decision point (e.g. ``decision_point("07-dp1")``), or a short note."""
    try:
        dp = get_decision_point(dp_id)
    except ContentError as exc:
        return W.HTML(f"<em>{html.escape(str(exc))}</em>")
    return DecisionPoint(dp, folder=folder)

