"""The timeline: pure functions that filter events and draw them, and a thin explorer widget.

``filter_events`` and ``plot_timeline`` take data and return data or a Figure, so they are
tested without a browser. ``TimelineExplorer`` only wires controls to them and swaps the PNG
bytes of an ``ipywidgets.Image`` (an Output widget that captures ``plt.show()`` leaves stray
outputs that break strict nbval).
"""
from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from beyond_borders.render.figures import encode_png, figure_png  # noqa: F401  (figure_png: re-exported)
from beyond_borders.render.style import CATEGORY_LABELS, category_style, ERA_SHADES

__all__ = ["filter_events", "plot_timeline", "describe_events", "timeline_alt_text",
           "figure_png", "update_timeline", "TimelineRenderer"]


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
    """One plain line per event, for screen readers and the text alternative."""
    lines = []
    for row in events.itertuples(index=False):
        prec = getattr(row, "date_precision", "day")
        fmt = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}.get(str(prec), "%Y-%m-%d")
        label = CATEGORY_LABELS.get(str(row.category), str(row.category))
        lines.append(f"{row.date.strftime(fmt)} — {row.title} ({label})")
    if limit is not None and len(lines) > limit:
        lines = lines[:limit] + [f"… and {len(lines) - limit} more"]
    return lines


def timeline_alt_text(events: pd.DataFrame, start=None, end=None) -> str:
    """A one-paragraph text alternative for the figure."""
    if len(events) == 0:
        return "Timeline: no events match the current filters."
    first, last = events["date"].min(), events["date"].max()
    counts = events["category"].astype(str).value_counts()
    parts = ", ".join(f"{n} {CATEGORY_LABELS.get(c, c).lower()}" for c, n in counts.items() if n)
    return (f"Timeline of {len(events)} events from {first:%d %B %Y} to {last:%d %B %Y}, "
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


def plot_timeline(events: pd.DataFrame, eras: pd.DataFrame | None = None, categories=None,
                  start=None, end=None, highlight: str | None = None, title: str | None = None,
                  width: float = 10.0, dpi: int = 80) -> Figure:
    """Draw events on a date axis: one lane per category, era bands, Okabe–Ito colours and
    distinct marker shapes (so colour is never the only cue). Returns a Figure with
    ``fig.alt_text`` set; the caller owns it (no pyplot state is touched).
    """
    lanes = list(categories) if categories is not None else [
        c for c in CATEGORY_LABELS if c in set(events["category"].astype(str))]
    height = 1.3 + 0.32 * max(len(lanes), 1)
    fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_axes([0.2, 0.22 if height < 3 else 0.14, 0.78, 0.66 if height < 3 else 0.74])
    lo, hi, pad = _window(events, start, end)
    ax.set_xlim(lo - pad, hi + pad)
    top = max(len(lanes), 1) - 0.3 + 0.9  # headroom for the era names
    ax.set_ylim(-0.7, top)
    era_artists = _draw_eras(ax, eras, lo, hi, pad, top)
    in_lanes, offsets, ring = _points(events, lanes, highlight)
    points = {}
    for cat in lanes:
        colour, marker = category_style(cat)
        coll = ax.scatter([], [], s=36, c=colour, marker=marker, edgecolors="#101828",
                          linewidths=0.5, zorder=3)
        coll.set_offsets(offsets[cat])
        points[cat] = coll
    ring_coll = ax.scatter([], [], s=160, facecolors="none", edgecolors="#101828", linewidths=2,
                           zorder=4)
    ring_coll.set_offsets(ring)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.set_yticks(range(len(lanes)))
    ax.set_yticklabels([CATEGORY_LABELS.get(c, c) for c in lanes], fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", color="#d0d5dd", lw=0.5, zorder=1)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    heading = ax.set_title(title or f"{len(in_lanes)} events, {lo:%b %Y} – {hi:%b %Y}",
                           fontsize=9, loc="left")
    fig.alt_text = timeline_alt_text(in_lanes)
    fig.lanes = lanes
    fig.bb = {"ax": ax, "points": points, "ring": ring_coll, "eras": era_artists, "top": top,
              "title": heading, "fixed_title": title}
    return fig


def update_timeline(fig: Figure, events: pd.DataFrame, eras=None, start=None, end=None,
                    highlight: str | None = None) -> Figure:
    """Move a figure made by ``plot_timeline`` to new events and dates, keeping its lanes.

    The explorer calls this on every control change: changing data in place is several times
    faster than building the figure again.
    """
    parts = fig.bb
    ax = parts["ax"]
    lo, hi, pad = _window(events, start, end)
    ax.set_xlim(lo - pad, hi + pad)
    for artist in parts["eras"]:
        artist.remove()
    parts["eras"] = _draw_eras(ax, eras, lo, hi, pad, parts["top"])
    in_lanes, offsets, ring = _points(events, fig.lanes, highlight)
    for cat, coll in parts["points"].items():
        coll.set_offsets(offsets[cat])
    parts["ring"].set_offsets(ring)
    parts["title"].set_text(parts["fixed_title"] or f"{len(in_lanes)} events, {lo:%b %Y} – {hi:%b %Y}")
    fig.alt_text = timeline_alt_text(in_lanes)
    return fig


class TimelineRenderer:
    """One figure kept between redraws; rebuilt only when the set of lanes changes.

    The lane names are the costliest text to draw and never change for a given set of lanes,
    so after the first full draw their pixels are saved and pasted back instead of re-drawn.
    """

    def __init__(self, eras: pd.DataFrame | None = None, width: float = 10.0, dpi: int = 80):
        self.eras, self.width, self.dpi = eras, width, dpi
        self.fig, self.alt_text, self._labels = None, "", None

    def png(self, events, categories, start=None, end=None, highlight=None) -> bytes:
        lanes = list(categories)
        if self.fig is None or lanes != self.fig.lanes:
            self.fig = plot_timeline(events, self.eras, categories=lanes, start=start, end=end,
                                     highlight=highlight, width=self.width, dpi=self.dpi)
            png = figure_png(self.fig)
            ax = self.fig.bb["ax"]
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
