"""Hedging made visible: one state's moves toward different partners, lane by lane, day by day.

A lesson names the rows it wants (event or statement ids), puts each in a *track* (a partner or
kind of move) and gives it a short label. ``track_items`` joins those choices to the course data
(dates, titles, confidence, sources), ``plot_tracks`` draws them, and ``describe_tracks`` says the
same in words. ``HedgingTracks`` is a thin widget: track toggles, a day range, and a picker that
shows the full record of one item.

The assignment of a row to a track is the lesson's reading, not a fact in the data; the figure's
title and the lesson say so.
"""
from __future__ import annotations

import html
from typing import NamedTuple

import ipywidgets as W
import pandas as pd
import traitlets

from beyond_borders import data
from beyond_borders.content import load_content
from beyond_borders.render.cards import event_card, statement_card
from beyond_borders.render.figures import CourseFigure, caption_html, figure_png, new_figure
from beyond_borders.render.style import OKABE_ITO
from beyond_borders.render.text import confidence_tag, day, plural
from beyond_borders.render.text import REPR_LIMIT, shorten

__all__ = ["TrackContent", "lesson_tracks", "track_items", "plot_tracks", "describe_tracks",
           "tracks_alt_text", "HedgingTracks"]


class TrackContent(NamedTuple):
    """A lesson's tracks (id -> label, top to bottom), its items as (id, track, label), its
    reference lines as (date, label), and the days it covers."""

    tracks: dict
    items: list
    markers: list
    start: str
    end: str


def lesson_tracks(lesson="04") -> TrackContent:
    """The tracks of one lesson from ``content/NN_hedging.json`` (lesson 4: Pakistan in June 2025)."""
    doc = load_content(lesson, "hedging")
    return TrackContent(tracks={t["id"]: t["label"] for t in doc["tracks"]},
                        items=[(i["id"], i["track"], i["label"]) for i in doc["items"]],
                        markers=[(m["date"], m["label"]) for m in doc["markers"]],
                        start=doc["start"], end=doc["end"])


# Dark fills take white numbers so every number stays legible.
_DARK = {"#0072B2", "#009E73", "#D55E00", "#000000", "#CC79A7"}


def track_items(items, tracks: dict, events: pd.DataFrame | None = None,
                statements: pd.DataFrame | None = None) -> pd.DataFrame:
    """Join (id, track, label) choices to the data: one row per item, in date order, numbered.

    Columns: n, id, kind ('event' or 'statement'), date, track, track_label, label, title,
    confidence, sources. An id found in neither table, or a track not in ``tracks``, raises
    ``KeyError`` so a typo in a lesson fails loudly.
    """
    events = data.load_events() if events is None else events
    statements = data.load_statements() if statements is None else statements
    ev = events.set_index("id")
    st = statements.set_index("id")
    rows = []
    for item_id, track, label in items:
        if track not in tracks:
            raise KeyError(f"unknown track {track!r} for {item_id!r}")
        if item_id in ev.index:
            r = ev.loc[item_id]
            rows.append({"id": item_id, "kind": "event", "date": r["date"], "title": r["title"],
                         "confidence": str(r["confidence"]), "sources": r["sources"],
                         "track": track, "label": label})
        elif item_id in st.index:
            r = st.loc[item_id]
            rows.append({"id": item_id, "kind": "statement", "date": r["date"], "title": r["summary"],
                         "confidence": str(r["confidence"]), "sources": r["sources"],
                         "track": track, "label": label})
        else:
            raise KeyError(f"{item_id!r} is neither an event nor a statement id")
    order = {t: i for i, t in enumerate(tracks)}
    out = pd.DataFrame(rows, columns=["id", "kind", "date", "title", "confidence", "sources",
                                      "track", "label"])
    out["track_label"] = out["track"].map(tracks)
    out["_o"] = out["track"].map(order)
    out = out.sort_values(["date", "_o", "id"]).drop(columns="_o").reset_index(drop=True)
    out.insert(0, "n", range(1, len(out) + 1))
    return out


def describe_tracks(items: pd.DataFrame) -> list[str]:
    """One plain line per item: number, date, track, label, and a note when not confirmed."""
    return [f"{r.n}. {r.date:%d %b} — {r.track_label}: {r.label}{confidence_tag(r.confidence)}"
            for r in items.itertuples()]


def tracks_alt_text(items: pd.DataFrame, tracks: dict) -> str:
    """The chart in words: how many moves, over which days, and how many on each track."""
    if items.empty:
        return "Tracks chart: no items match the current choices."
    counts = items["track"].value_counts()
    parts = "; ".join(f"{label}: {int(counts.get(t, 0))}" for t, label in tracks.items()
                      if counts.get(t, 0))
    return (f"Chart of {len(items)} numbered moves from {day(items['date'].min())} to "
            f"{day(items['date'].max())}, one row per track ({parts}). The numbered list "
            "below gives each move in words.")


def plot_tracks(items: pd.DataFrame, tracks: dict, start=None, end=None, markers=(),
                title: str | None = None, width: float = 10.0, dpi: int = 80) -> CourseFigure:
    """Numbered circles on a day axis, one labelled lane per track (top to bottom in ``tracks``
    order), so the lane, not the colour alone, tells the track.

    Items on the same day and track are stacked so their numbers stay readable.
    Returns a figure with ``alt_text`` and ``drawn["lanes"]``; no pyplot state is touched.
    """
    lanes = list(tracks)
    height = 1.4 + 0.55 * max(len(lanes), 1)
    fig = new_figure(width, height, dpi)
    ax = fig.add_axes([0.19, 0.2, 0.79, 0.66])
    lo = pd.Timestamp(start) if start is not None else items["date"].min()
    hi = pd.Timestamp(end) if end is not None else items["date"].max()
    if pd.isna(lo) or pd.isna(hi):
        lo = hi = pd.Timestamp("2025-01-01")
    ax.set_xlim(lo - pd.Timedelta(hours=18), hi + pd.Timedelta(hours=18))
    n_lanes = max(len(lanes), 1)
    ax.set_ylim(-0.7, n_lanes - 0.3)
    y_of = {t: n_lanes - 1 - i for i, t in enumerate(lanes)}
    for i, t in enumerate(lanes):
        ax.axhline(y_of[t], color="#e4e7ec", lw=0.8, zorder=0)
    for when, label in markers:
        d = pd.Timestamp(when)
        if lo - pd.Timedelta(hours=18) <= d <= hi + pd.Timedelta(hours=18):
            ax.axvline(d, color="#98a2b3", lw=1, ls="--", zorder=1)
            ax.text(d, n_lanes - 0.28, label, fontsize=7, color="#475467", ha="center", va="bottom")
    shown = items[items["track"].isin(lanes)]
    for (_when, track), grp in shown.groupby(["date", "track"], sort=False):
        k = len(grp)
        for j, r in enumerate(grp.itertuples()):
            dy = ((k - 1) / 2 - j) * 0.4  # first (lowest number) on top
            colour = OKABE_ITO[lanes.index(track) % len(OKABE_ITO)]
            ax.scatter([r.date], [y_of[track] + dy], s=230, c=colour, marker="o",
                       edgecolors="#101828", linewidths=0.6, zorder=3)
            ax.text(r.date, y_of[track] + dy, str(r.n), fontsize=7, ha="center", va="center",
                    color="white" if colour in _DARK else "#101828", zorder=4, fontweight="bold")
    ax.set_yticks([y_of[t] for t in lanes])
    ax.set_yticklabels([tracks[t] for t in lanes], fontsize=8)
    days = pd.date_range(lo.normalize(), hi.normalize(), freq="D")
    ax.set_xticks(list(days))
    ax.set_xticklabels([f"{d:%d}\n{d:%b}" if (i == 0 or d.day == 1) else f"{d:%d}"
                        for i, d in enumerate(days)], fontsize=7)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.set_title(title or "Moves by track (the track is the lesson's reading)", fontsize=9,
                 loc="left", pad=24)
    fig.alt_text = tracks_alt_text(shown, tracks)
    fig.drawn["lanes"] = lanes
    return fig


class HedgingTracks(W.VBox):
    """Toggle tracks, narrow the days, and pick a numbered move to read its full record.

    With no arguments it shows the tracks of lesson 4 (Pakistan's moves of 13–26 June 2025).
    ``selected`` (a traitlet) is the id of the move whose record is shown; the picker sets it.
    """

    selected = traitlets.Unicode(None, allow_none=True, help="id of the move whose record is shown")

    def __init__(self, items=None, tracks=None, start=None, end=None, markers=None,
                 selected: str | None = None):
        content = lesson_tracks()
        self.tracks = dict(tracks or content.tracks)
        self.items = track_items(items or content.items, self.tracks)
        self.markers = list(content.markers if markers is None else markers)
        self.events, self.statements = data.load_events(), data.load_statements()
        self.actors, self.places = data.load_actors(), data.load_places()
        self.sources, self.accounts = data.load_sources(), data.load_accounts()
        self.toggles = {t: W.ToggleButton(value=True, description=label, layout=W.Layout(width="auto"),
                                          tooltip=f"Show or hide: {label}")
                        for t, label in self.tracks.items()}
        self.days = list(pd.date_range(pd.Timestamp(start or content.start),
                                       pd.Timestamp(end or content.end), freq="D"))
        self.range = W.SelectionRangeSlider(options=[(f"{d:%d %b}", i) for i, d in enumerate(self.days)],
                                            index=(0, len(self.days) - 1), description="Days",
                                            continuous_update=False, layout=W.Layout(width="95%"))
        self.picker = W.Dropdown(options=[], description="Move", layout=W.Layout(width="95%"))
        self.image = W.Image(format="png", layout=W.Layout(width="100%"))
        self.caption, self.details, self.listing = W.HTML(), W.HTML(), W.HTML()
        super().__init__([W.HBox(list(self.toggles.values()), layout=W.Layout(flex_flow="row wrap")),
                          self.range, self.image, self.caption, self.picker, self.details,
                          W.HTML("<strong>Moves in view (text list)</strong>"), self.listing])
        self.add_class("bb-hedging-tracks")
        W.dlink((self.picker, "value"), (self, "selected"))
        for w in [*self.toggles.values(), self.range]:
            w.observe(lambda _ch: self.refresh(), names="value")
        self.refresh(keep=selected)
        self._show_details()

    def window(self):
        a, b = self.range.index
        return self.days[a], self.days[b]

    def shown_tracks(self) -> dict:
        return {t: label for t, label in self.tracks.items() if self.toggles[t].value}

    def in_view(self) -> pd.DataFrame:
        lo, hi = self.window()
        keep = self.items["track"].isin(list(self.shown_tracks()))
        keep &= (self.items["date"] >= lo) & (self.items["date"] <= hi)
        return self.items[keep]

    def refresh(self, keep: str | None = None):
        """Draw the moves in view, list them, and offer them in the picker (``keep`` first)."""
        view = self.in_view()
        lo, hi = self.window()
        fig = plot_tracks(view, self.shown_tracks(), start=lo, end=hi, markers=self.markers)
        self.alt_text = fig.alt_text
        self.image.value = figure_png(fig)
        self.caption.value = caption_html(fig.alt_text)
        lines = "".join(f"<li>{html.escape(line)}</li>" for line in describe_tracks(view))
        self.listing.value = (f"<ul style='list-style:none;padding-left:0;font-size:90%'>{lines}</ul>"
                              if lines else "<p><em>No moves match these choices.</em></p>")
        options = [(f"{r.n}. {r.date:%d %b} · {r.label}", r.id) for r in view.itertuples()]
        ids = [i for _, i in options]
        keep = next((i for i in (keep, self.picker.value) if i in ids), ids[0] if ids else None)
        # Refilling the picker moves its value more than once: the record is shown once, at the end.
        with self.hold_trait_notifications():
            self.picker.options = options
            self.picker.value = keep

    @traitlets.observe("selected")
    def _on_selected(self, _change):
        self._show_details()

    def _show_details(self):
        item_id = self.selected
        if item_id is None:
            self.details.value = "<p><em>Pick a move to read its record.</em></p>"
            return
        ev = self.events[self.events["id"] == item_id]
        if len(ev):
            self.details.value = event_card(ev.iloc[0], self.actors, self.places, self.sources,
                                            self.accounts)
        else:
            row = self.statements[self.statements["id"] == item_id].iloc[0]
            self.details.value = statement_card(row, self.actors, self.sources)

    def __repr__(self):
        lo, hi = self.window()
        return shorten(f"HedgingTracks: {len(self.in_view())} of {plural(len(self.items), 'move')} on "
                       f"{plural(len(self.shown_tracks()), 'track')}, {lo:%d %b} – {hi:%d %b %Y}", REPR_LIMIT)
