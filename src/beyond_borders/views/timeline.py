"""The timeline as pure functions: which events are in view, and a figure that draws them.

``filter_events`` and ``plot_timeline`` take data and return data or a figure, so they are tested
without a browser. ``TimelineRenderer`` keeps one figure between redraws for the explorer widget
(``views.explorer``), which swaps the PNG bytes of an ``ipywidgets.Image``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from beyond_borders.render.figures import CourseFigure, encode_png, figure_png, new_figure
from beyond_borders.render.style import CATEGORY_LABELS, category_style, ERA_SHADES
from beyond_borders.render.text import day, iso_date

__all__ = ["filter_events", "plot_timeline", "describe_events", "timeline_alt_text",
           "update_timeline", "TimelineArtists", "TimelineRenderer"]


def filter_events(events: pd.DataFrame, categories=None, actors=None, start=None, end=None,
                  era=None, eras: pd.DataFrame | None = None) -> pd.DataFrame:
    """Events in view: any of ``categories``, involving any of ``actors``, within [start, end].

    ``None`` means no filter on that field; an empty list of categories shows nothing.
    ``era`` (an era id, with the eras table) sets start and end to the era's bounds.
    """
    mask = np.ones(len(events), dtype=bool)
    if era is not None and eras is not None:
        row = eras.loc[eras["id"] == era]
        if len(row):
            start, end = row["start"].iloc[0], row["end"].iloc[0]
    if categories is not None:
        mask &= events["category"].astype(str).isin(list(categories)).to_numpy()
    if actors:
        wanted = set(actors)
        mask &= events["actors"].map(lambda s: bool(wanted.intersection(str(s).split(";")))).to_numpy()
    dates = events["date"]
    if start is not None:
        mask &= (dates >= pd.Timestamp(start)).to_numpy()
    if end is not None:
        mask &= (dates <= pd.Timestamp(end)).to_numpy()
    return events.loc[mask]


def describe_events(events: pd.DataFrame, limit: int | None = None) -> list[str]:
    """One plain line per event, for screen readers; past ``limit`` lines, a count of the rest."""
    shown = events if limit is None else events.iloc[:limit]
    lines = []
    for row in shown.itertuples(index=False):
        label = CATEGORY_LABELS.get(str(row.category), str(row.category))
        when = iso_date(row.date, getattr(row, "date_precision", "day"))
        lines.append(f"{when} — {row.title} ({label})")
    if len(events) > len(shown):
        lines.append(f"… and {len(events) - len(shown)} more")
    return lines


def timeline_alt_text(events: pd.DataFrame) -> str:
    """A one-paragraph text alternative for the figure."""
    if len(events) == 0:
        return "Timeline: no events match the current filters."
    first, last = events["date"].min(), events["date"].max()
    counts = events["category"].astype(str).value_counts()
    parts = ", ".join(f"{n} {CATEGORY_LABELS.get(c, c).lower()}" for c, n in counts.items() if n)
    return (f"Timeline of {len(events)} events from {day(first)} to {day(last)}, "
            f"one row per category: {parts}.")


def _window(events, start, end):
    lo = pd.Timestamp(start) if start is not None else (
        events["date"].min() if len(events) else pd.Timestamp("1947-01-01"))
    hi = pd.Timestamp(end) if end is not None else (
        events["date"].max() if len(events) else pd.Timestamp("2026-12-31"))
    if hi <= lo:
        hi = lo + pd.Timedelta(days=1)
    return lo, hi, (hi - lo) * 0.02


def _draw_eras(ax, eras, lo, hi, pad, top) -> list:
    artists = []
    if eras is None:
        return artists
    for i, era in enumerate(eras.itertuples(index=False)):
        s, e = max(era.start, lo - pad), min(era.end, hi + pad)
        if s >= e:
            continue
        artists.append(ax.axvspan(s, e, color=ERA_SHADES[i % len(ERA_SHADES)], zorder=0, lw=0))
        share = (e - s) / ((hi - lo) + 2 * pad)
        name = era.label if share > 0.22 else era.label.split(" (")[0]
        if share > 0.08:
            artists.append(ax.text(s + (e - s) / 2, top - 0.1, name, ha="center", va="top",
                                   fontsize=7, color="#344054", clip_on=True))
    return artists


def _points(events, lanes, highlight):
    """Offsets per lane (date number, lane index) and the highlighted event's offset."""
    lane_of = {c: i for i, c in enumerate(lanes)}
    cats = events["category"].astype(str)
    in_lanes = events[cats.isin(lanes)]
    xs = mdates.date2num(in_lanes["date"].to_numpy()) if len(in_lanes) else np.empty(0)
    ys = in_lanes["category"].astype(str).map(lane_of).to_numpy(dtype=float)
    offsets = {c: np.column_stack([xs[ys == i], ys[ys == i]]) if len(xs) else np.empty((0, 2))
               for c, i in lane_of.items()}
    ring = np.empty((0, 2))
    if highlight is not None and len(in_lanes):
        hit = (in_lanes["id"] == highlight).to_numpy()
        if hit.any():
            ring = np.column_stack([xs[hit][:1], ys[hit][:1]])
    return in_lanes, offsets, ring


@dataclass
class TimelineArtists:
    """The parts of a timeline figure that move with the view, kept in ``fig.drawn["artists"]``
    so that ``update_timeline`` moves them in place instead of drawing a new figure.

    ``lanes`` are the categories, one row each, fixed for the figure's life; era names hang
    from ``top``; ``fixed_title`` is the caller's title (without one, the title counts the
    events in view).
    """

    ax: Axes
    lanes: list[str]
    points: dict[str, PathCollection]
    ring: PathCollection
    title: Text
    top: float
    fixed_title: str | None = None
    eras: list = field(default_factory=list)

    def move(self, events: pd.DataFrame, eras, start, end, highlight) -> pd.DataFrame:
        """Show ``events`` over [start, end], ring ``highlight``; returns the events drawn."""
        lo, hi, pad = _window(events, start, end)
        self.ax.set_xlim(lo - pad, hi + pad)
        for artist in self.eras:
            artist.remove()
        self.eras = _draw_eras(self.ax, eras, lo, hi, pad, self.top)
        in_lanes, offsets, ring = _points(events, self.lanes, highlight)
        for cat, coll in self.points.items():
            coll.set_offsets(offsets[cat])
        self.ring.set_offsets(ring)
        self.title.set_text(self.fixed_title or f"{len(in_lanes)} events, {lo:%b %Y} – {hi:%b %Y}")
        return in_lanes


def _lane_axes(fig: CourseFigure, lanes: list[str], height: float) -> tuple[Axes, float]:
    """Axes with one named row per lane under a date axis, and room on top for era names."""
    ax = fig.add_axes([0.2, 0.22 if height < 3 else 0.14, 0.78, 0.66 if height < 3 else 0.74])
    top = max(len(lanes), 1) - 0.3 + 0.9  # headroom for the era names
    ax.set_ylim(-0.7, top)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.set_yticks(range(len(lanes)))
    ax.set_yticklabels([CATEGORY_LABELS.get(c, c) for c in lanes], fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", color="#d0d5dd", lw=0.5, zorder=1)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax, top


def plot_timeline(events: pd.DataFrame, eras: pd.DataFrame | None = None, categories=None,
                  start=None, end=None, highlight: str | None = None, title: str | None = None,
                  width: float = 10.0, dpi: int = 80) -> CourseFigure:
    """Draw events on a date axis: one lane per category, era bands, Okabe–Ito colours and
    distinct marker shapes (so colour is never the only cue).

    Returns a ``CourseFigure`` with ``alt_text`` set, the ids drawn in ``drawn["events"]`` and
    its moving parts in ``drawn["artists"]``; the caller owns it (no pyplot state is touched).
    """
    lanes = list(categories) if categories is not None else [
        c for c in CATEGORY_LABELS if c in set(events["category"].astype(str))]
    height = 1.3 + 0.32 * max(len(lanes), 1)
    fig = new_figure(width, height, dpi)
    ax, top = _lane_axes(fig, lanes, height)
    points = {}
    for cat in lanes:
        colour, marker = category_style(cat)
        points[cat] = ax.scatter([], [], s=36, c=colour, marker=marker, edgecolors="#101828",
                                 linewidths=0.5, zorder=3)
    ring = ax.scatter([], [], s=160, facecolors="none", edgecolors="#101828", linewidths=2,
                      zorder=4)
    fig.drawn["artists"] = TimelineArtists(ax, lanes, points, ring, top=top, fixed_title=title,
                                           title=ax.set_title("", fontsize=9, loc="left"))
    return update_timeline(fig, events, eras, start, end, highlight)


def update_timeline(fig: CourseFigure, events: pd.DataFrame, eras=None, start=None, end=None,
                    highlight: str | None = None) -> CourseFigure:
    """Move a figure made by ``plot_timeline`` to new events and dates, keeping its lanes.

    The explorer calls this on every control change: changing data in place is several times
    faster than building the figure again.
    """
    in_lanes = fig.drawn["artists"].move(events, eras, start, end, highlight)
    fig.drawn["events"] = list(in_lanes["id"])
    fig.alt_text = timeline_alt_text(in_lanes)
    return fig


class TimelineRenderer:
    """One figure kept between redraws; rebuilt only when the set of lanes changes.

    The lane names are the costliest text to draw and never change for a given set of lanes,
    so after the first full draw their pixels are saved and pasted back instead of re-drawn.
    """

    def __init__(self, eras: pd.DataFrame | None = None, width: float = 10.0, dpi: int = 80):
        self.eras, self.width, self.dpi = eras, width, dpi
        self.fig: CourseFigure | None = None
        self.alt_text, self._labels = "", None

    def png(self, events, categories, start=None, end=None, highlight=None) -> bytes:
        """PNG bytes of ``events`` in the lanes ``categories`` over [start, end]."""
        lanes = list(categories)
        if self.fig is None or lanes != self.fig.drawn["artists"].lanes:
            self.fig = plot_timeline(events, self.eras, categories=lanes, start=start, end=end,
                                     highlight=highlight, width=self.width, dpi=self.dpi)
            png = figure_png(self.fig)
            ax = self.fig.drawn["artists"].ax
            box = ax.get_window_extent()
            self._labels = self.fig.canvas.copy_from_bbox(
                Bbox([[0, box.y0 - 2], [box.x0 - 1, box.y1 + 2]]))
            ax.tick_params(axis="y", labelleft=False)
            self.alt_text = self.fig.alt_text
            return png
        update_timeline(self.fig, events, self.eras, start, end, highlight)
        self.alt_text = self.fig.alt_text
        self.fig.canvas.draw()
        self.fig.canvas.restore_region(self._labels)
        return encode_png(self.fig)
