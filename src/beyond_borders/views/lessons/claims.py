"""Claims and answers: follow one claim through the outlets that relayed it to the denials and
responses it drew.

``claim_thread`` (statement id -> tidy DataFrame with a ``part`` column: the statement's part in the
thread, since ``role`` already holds the speaker's office), ``claim_roots``,
``plot_claim_chain`` (-> a figure with ``alt_text``) and ``claim_thread_html`` are pure.
``ClaimExplorer`` is a thin widget: a picker of claims wired to them, the figure swapped as PNG
bytes in an ``ipywidgets.Image`` and the statements listed as attributed cards underneath.

How a thread is built from ``statements.csv``:

* the **claim** is the statement at the top of the ``responds_to`` links (if that statement is
  not itself a claim, for example a resolution or a post, its role is **statement**);
* **relays** are other rows of kind ``claim`` by the same speaker about the same event: the same
  remark as carried by another outlet (the venue names the outlet);
* **denials** and **responses** answer the claim, either through ``responds_to`` or, when the
  data could not link them to one statement, by kind on the claim's event;
* **related** rows are other statements on the claim's event that answer nothing (for example a
  post that some outlets presented as a denial although it never mentions the claim).
"""
from __future__ import annotations

import html

import ipywidgets as W
import matplotlib.dates as mdates
import pandas as pd

from beyond_borders import data
from beyond_borders.render.cards import statement_card
from beyond_borders.render.figures import CourseFigure, caption_html, figure_png, new_figure
from beyond_borders.render.text import confidence_tag, day, iso_date, plural
from beyond_borders.render.text import REPR_LIMIT, shorten
from beyond_borders.views.statements import claim_chain, root_of

__all__ = ["ROLES", "claim_thread", "claim_roots", "describe_thread", "plot_claim_chain",
           "claim_thread_html", "ClaimExplorer"]

# role -> (lane label, colour, marker); Okabe–Ito colours, and a distinct shape for each role.
ROLES = {
    "claim": ("Claim", "#D55E00", "o"),
    "statement": ("Statement", "#0072B2", "s"),
    "relay": ("Relayed by", "#E69F00", "^"),
    "denial": ("Denial", "#009E73", "D"),
    "response": ("Response", "#56B4E9", "v"),
    "related": ("Related", "#CC79A7", "P"),
}
_ANSWERS = ("denial", "response")


def _by_date(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.sort_values(["date", "id"])


def _primary(statements: pd.DataFrame, event_id: str) -> str | None:
    """The statement an event's unlinked answers belong to: its first free claim, else its
    first free position."""
    if not event_id:
        return None
    free = statements[(statements["event_id"] == event_id) & (statements["responds_to"] == "")]
    for kind in ("claim", "position"):
        pool = _by_date(free[free["kind"] == kind])
        if len(pool):
            return pool["id"].iloc[0]
    return None


def _root(statement_id: str, statements: pd.DataFrame) -> str:
    """The head of the thread ``statement_id`` belongs to (see the module's docstring)."""
    by_id = statements.set_index("id")
    root = root_of(statement_id, statements)
    if root not in by_id.index:
        return root
    kind, primary = by_id.loc[root, "kind"], _primary(statements, by_id.loc[root, "event_id"])
    if not primary or primary == root:
        return root
    if kind in _ANSWERS:
        return primary  # an answer the data could not link opens the thread of its event
    if (kind == "claim" and by_id.loc[primary, "kind"] == "claim"
            and by_id.loc[primary, "speaker"] == by_id.loc[root, "speaker"]):
        return primary  # a relay opens the thread of the claim it repeats
    return root


def claim_thread(statement_id: str, statements: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every statement in the thread of ``statement_id``, by date, with a ``part`` column.

    Any member of a thread (the claim, a relay or an answer) opens the whole thread.
    """
    st = data.load_statements() if statements is None else statements
    if statement_id not in set(st["id"]):
        raise KeyError(f"no statement {statement_id!r}")
    root = _root(statement_id, st)
    by_id = st.set_index("id")
    rec = by_id.loc[root]
    roles = {root: "claim" if rec["kind"] == "claim" else "statement"}

    def add_answers(start):
        for i in claim_chain(start, st)["id"]:
            if i not in roles:
                kind = by_id.loc[i, "kind"]
                roles[i] = kind if kind in ("denial", "response", "claim") else "response"

    add_answers(root)
    event = rec["event_id"]
    if event and _primary(st, event) == root:
        on_event = _by_date(st[(st["event_id"] == event) & (st["responds_to"] == "")])
        for r in on_event.itertuples():
            if r.id in roles:
                continue
            if r.kind == "claim" and r.speaker == rec["speaker"]:
                roles[r.id] = "relay"
                add_answers(r.id)
            elif r.kind in _ANSWERS:
                roles[r.id] = r.kind
        for r in on_event.itertuples():
            if r.id not in roles:
                roles[r.id] = "related"
    order = {role: i for i, role in enumerate(ROLES)}
    out = st[st["id"].isin(list(roles))].copy()
    out.insert(1, "part", out["id"].map(roles))
    out["_o"] = out["part"].map(order)
    out["_h"] = out["id"] != root  # the head of the thread comes first, then the rest by date
    return out.sort_values(["_h", "date", "_o", "id"]).drop(columns=["_o", "_h"]).reset_index(drop=True)


def claim_roots(statements: pd.DataFrame | None = None, answered_only: bool = True) -> list[str]:
    """Ids of the statements that head a thread, by date.

    A head answers nothing and is not a relay. With ``answered_only`` (the default) only heads
    that were relayed, denied or answered are kept; otherwise every free claim is kept too.
    """
    st = data.load_statements() if statements is None else statements
    heads = []
    for r in _by_date(st[(st["responds_to"] == "") & st["kind"].isin(["claim", "position"])]).itertuples():
        if _root(r.id, st) != r.id:
            continue
        roles = set(claim_thread(r.id, st)["part"])
        answered = bool(roles & {"relay", "denial", "response"}) or (
            r.kind != "claim" and "claim" in roles)
        if answered or (not answered_only and r.kind == "claim"):
            heads.append(r.id)
    return heads


def _label(row, names) -> str:
    if row.part == "relay":
        return row.venue.replace("Relay by ", "")
    return str(names.get(row.speaker, row.speaker))


def describe_thread(thread: pd.DataFrame, actors: pd.DataFrame | None = None) -> list[str]:
    """One plain line per statement of a thread: date, role, who, where, what (for screen readers)."""
    actors = data.load_actors() if actors is None else actors
    names = actors.set_index("id")["name"]
    lines = []
    for r in thread.itertuples():
        who = _label(r, names)
        where = "" if r.part == "relay" else f" ({r.venue})"
        lines.append(f"{iso_date(r.date)} — {ROLES[r.part][0]}: {who}{where}. {r.summary}"
                     f"{confidence_tag(r.confidence)}")
    return lines


def _lanes(thread: pd.DataFrame, gap: float) -> tuple[list, dict, float]:
    """The lanes top to bottom (the head's lane first), the y of each, and the lowest y used.

    Statements of one part on one day stack downwards; each lane is as deep as its tallest stack.
    """
    present = set(thread["part"])
    head = thread["part"].iloc[0] if len(thread) else None
    lanes = ([head] if head else []) + [r for r in ROLES if r in present and r != head]
    depth = thread.groupby(["part", "date"]).size().groupby(level=0).max().to_dict() if len(thread) else {}
    lane_y, y = {}, 0.0
    for r in lanes:
        lane_y[r] = y
        y -= gap * (depth.get(r, 1) - 1) + 1.0
    return lanes, lane_y, y


def _positions(thread: pd.DataFrame, lane_y: dict, gap: float) -> dict:
    """(x, y) of every statement: its date, and its lane, lower for each earlier one that day."""
    pos, stack = {}, {}
    for r in thread.itertuples():
        n = stack.get((r.part, r.date), 0)
        stack[(r.part, r.date)] = n + 1
        pos[r.id] = (mdates.date2num(r.date), lane_y[r.part] - gap * n)
    return pos


def _draw_arrows(ax, thread: pd.DataFrame, pos: dict) -> None:
    """Solid: answers this statement; dashed: relays the claim; dotted: answers it by event only."""
    ids = set(thread["id"])
    root = thread["id"].iloc[0] if len(thread) else None
    heads = thread[thread["part"].isin(["claim", "statement"]) & (thread["responds_to"] == "")]
    root = heads["id"].iloc[0] if len(heads) else root
    for r in thread.itertuples():
        if r.responds_to and r.responds_to in ids:
            src, style = r.responds_to, "-"
        elif r.part == "relay":
            src, style = root, "--"
        elif r.part in _ANSWERS and r.id != root:
            src, style = root, ":"
        else:
            continue
        ax.annotate("", xy=pos[r.id], xytext=pos[src],
                    arrowprops=dict(arrowstyle="-|>", color="#475467", lw=1.0, linestyle=style,
                                    shrinkA=6, shrinkB=6), zorder=2)


def _draw_points(ax, thread: pd.DataFrame, pos: dict, names, span: int) -> None:
    """One marker per statement (shape and colour by part, a red edge when disputed), labelled."""
    for r in thread.itertuples():
        _, colour, marker = ROLES[r.part]
        x, y = pos[r.id]
        edge = "#101828" if r.confidence != "disputed" else "#b42318"
        ax.scatter([x], [y], s=60, c=colour, marker=marker, edgecolors=edge, linewidths=0.8, zorder=3)
        ax.text(x + 0.04 * span + 0.06, y, shorten(_label(r, names), 26), fontsize=7, ha="left",
                va="center", color="#101828", zorder=4)


def _date_axis(ax, thread: pd.DataFrame) -> None:
    days = sorted(set(thread["date"]))
    if 0 < len(days) <= 6:  # tick exactly the days on which something was said
        ax.set_xticks([mdates.date2num(d) for d in days])
    else:
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=2, maxticks=6))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b %Y"))
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", color="#d0d5dd", lw=0.5, zorder=1)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def chain_alt_text(thread: pd.DataFrame, lanes: list, actors: pd.DataFrame) -> str:
    """The chain in words: its span, how many statements of each part, then every statement."""
    lo, hi = _span(thread)
    counts = thread["part"].value_counts()
    parts = ", ".join(f"{counts[r]} {ROLES[r][0].lower()}" for r in lanes)
    when = f"on {day(lo)}" if lo == hi else f"from {day(lo)} to {day(hi)}"
    return (f"Chain of {plural(len(thread), 'statement')} {when} ({parts}): "
            + " ".join(describe_thread(thread, actors)))


def _span(thread: pd.DataFrame) -> tuple:
    if len(thread):
        return thread["date"].min(), thread["date"].max()
    return pd.Timestamp("2025-01-01"), pd.Timestamp("2025-01-01")


def plot_claim_chain(thread: pd.DataFrame, actors: pd.DataFrame | None = None,
                     title: str | None = None, width: float = 9.0, dpi: int = 80) -> CourseFigure:
    """Draw a thread on a date axis: one lane per role, arrows from each statement to what it
    answers (solid), from the claim to its relays (dashed) and to answers linked only by event
    (dotted). Returns a figure with ``alt_text`` and ``drawn["lanes"]``; no pyplot state is touched.
    """
    actors = data.load_actors() if actors is None else actors
    gap = 0.42
    lanes, lane_y, lowest = _lanes(thread, gap)
    height = 0.9 + 0.5 * max(-lowest, 1)
    fig = new_figure(width, height, dpi)
    bottom = 0.45 / height
    ax = fig.add_axes([0.13, bottom, 0.85, 1 - bottom - 0.35 / height])
    pos = _positions(thread, lane_y, gap)
    lo, hi = _span(thread)
    span = max((hi - lo).days, 1)
    ax.set_xlim(mdates.date2num(lo) - 0.08 * span - 0.5, mdates.date2num(hi) + 0.45 * span + 1.5)
    ax.set_ylim(lowest + 0.5, 0.5)
    _draw_arrows(ax, thread, pos)
    _draw_points(ax, thread, pos, actors.set_index("id")["name"], span)
    ax.set_yticks([lane_y[r] for r in lanes])
    ax.set_yticklabels([ROLES[r][0] for r in lanes], fontsize=8)
    _date_axis(ax, thread)
    when = f"{lo:%d %b %Y}" if lo == hi else f"{lo:%d %b %Y} – {hi:%d %b %Y}"
    ax.set_title(title or f"{plural(len(thread), 'statement')} in one thread, {when}", fontsize=9, loc="left")
    fig.alt_text = chain_alt_text(thread, lanes, actors)
    fig.drawn["lanes"] = lanes
    return fig


def claim_thread_html(thread: pd.DataFrame, actors: pd.DataFrame | None = None,
                      sources: pd.DataFrame | None = None) -> str:
    """The thread as a dated list of attributed cards, each with its role and the data's note."""
    actors = data.load_actors() if actors is None else actors
    sources = data.load_sources() if sources is None else sources
    items = []
    for _, r in thread.iterrows():
        label, colour, _ = ROLES[r["part"]]
        note = (f"<p style='margin:2px 0 0 14px;color:#475467'><small><em>Note:</em> "
                f"{html.escape(r['notes'])}</small></p>") if r["notes"] else ""
        items.append(f"<li style='list-style:none;margin:0'><span class='bb-role' "
                     f"style='background:{colour};color:#101828;padding:1px 6px;border-radius:3px;"
                     f"font-size:85%'>{html.escape(label)}</span>"
                     f"{statement_card(r, actors, sources)}{note}</li>")
    return f"<ol class='bb-claim-thread' style='padding-left:0'>{''.join(items)}</ol>"


class ClaimExplorer(W.VBox):
    """Pick a claim; see how it travelled and who answered it, as a chain and as cards.

    ``claims`` lists the statement ids offered in the picker (any member of a thread will do);
    by default every thread that was relayed, denied or answered. ``value`` opens on one.
    """

    def __init__(self, claims=None, value: str | None = None, statements: pd.DataFrame | None = None,
                 width: float = 9.0):
        self.statements = data.load_statements() if statements is None else statements
        self.actors = data.load_actors()
        self.sources = data.load_sources()
        self.width = width
        heads = list(dict.fromkeys(_root(c, self.statements) for c in (claims or claim_roots(self.statements))))
        by_id = self.statements.set_index("id")
        names = self.actors.set_index("id")["name"]
        options = [(f"{iso_date(by_id.loc[h, 'date'])} · {names.get(by_id.loc[h, 'speaker'], by_id.loc[h, 'speaker'])}: "
                    f"{shorten(by_id.loc[h, 'summary'], 70)}", h) for h in heads]
        start = _root(value, self.statements) if value else (heads[0] if heads else None)
        self.picker = W.Dropdown(options=options, value=start, description="Claim",
                                 layout=W.Layout(width="95%"))
        self.image = W.Image(format="png", layout=W.Layout(width="100%", max_width=f"{int(width * 80)}px"))
        self.alt = W.HTML()
        self.cards = W.HTML(layout=W.Layout(max_height="560px", overflow="auto"))
        self.picker.observe(lambda _ch: self.refresh(), names="value")
        help_text = W.HTML("<small>Arrows: solid = answers this statement; dashed = relays the claim; "
                           "dotted = answers the claim without naming it in the data. A red outline "
                           "marks a disputed statement.</small>")
        super().__init__([self.picker, self.image, help_text, self.alt, self.cards])
        self.add_class("bb-claim-explorer")
        self.refresh()

    def thread(self) -> pd.DataFrame:
        return claim_thread(self.picker.value, self.statements)

    def refresh(self):
        if self.picker.value is None:
            self.alt.value, self.cards.value = "<p><em>No claims to show.</em></p>", ""
            return
        t = self.thread()
        fig = plot_claim_chain(t, self.actors, width=self.width)
        self.image.value = figure_png(fig)
        self.alt.value = caption_html(fig.alt_text)
        self.cards.value = claim_thread_html(t, self.actors, self.sources)

    def __repr__(self):
        if self.picker.value is None:
            return "ClaimExplorer: no claims"
        t = self.thread()
        counts = t["part"].value_counts()
        parts = ", ".join(f"{counts[r]} {r}" for r in ROLES if r in counts)
        return shorten(f"ClaimExplorer: {self.picker.value} · {parts}", REPR_LIMIT)
