"""One quantity, many reporters: why published figures differ, made visible.

Pure functions only (no widgets, no pyplot state). ``plot_by_reporter`` draws every published
figure for one indicator of ``datasets/indicators.csv`` as a dot per reporter, so readers see
which figures agree, which are round numbers and which reporter gave which. ``plot_line_detail``
measures the Iran–Pakistan boundary of the course map (``datasets/borders.geojson``) at several
levels of detail, to show that the measured length of a winding line depends on how much detail
it keeps. Both return a Figure with ``fig.alt_text``; show them with ``show(fig)``.
"""
from __future__ import annotations

import json
import math
from collections import defaultdict

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from beyond_borders import data
from beyond_borders.views.citations import indicator_sources  # noqa: F401  (re-exported for the lessons)
from beyond_borders.views.maps import rings

__all__ = ["reporter_figures", "by_reporter_alt_text", "plot_by_reporter", "indicator_sources",
           "shared_boundary", "line_length_km", "thin_line", "line_detail_lengths",
           "plot_line_detail"]

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
DOT = "#0072B2"
LINE_STYLES = [("#0072B2", "-", 1.6), ("#E69F00", "--", 1.6), ("#D55E00", ":", 2.0),
               ("#009E73", "-.", 1.6)]


def _label(row) -> str:
    when = row.period if isinstance(row.period, str) and row.period else str(row.year)
    return row.reporter if str(row.year) in row.reporter else f"{row.reporter}, {when}"


def reporter_figures(indicators: pd.DataFrame | None, indicator: str, subject: str | None = None,
                     round_to: float = 100) -> pd.DataFrame:
    """Every figure given for ``indicator`` (optionally one ``subject``), one row per figure.

    Columns: ``label`` (reporter and year), ``value``, ``unit``, ``reporter``, ``year``,
    ``round_figure`` (True when the value is a multiple of ``round_to``: figures such as
    "about 900" or "nearly 1,000"), ``confidence``, ``sources`` and ``id``. Sorted by value, then
    label, so rows that agree sit together.
    """
    ind = data.load_indicators() if indicators is None else indicators
    rows = ind[ind["indicator"] == indicator]
    if subject is not None:
        rows = rows[rows["subject"] == subject]
    out = pd.DataFrame({
        "label": [_label(r) for r in rows.itertuples()],
        "value": rows["value"].astype(float).to_numpy(),
        "unit": rows["unit"].to_numpy(),
        "reporter": rows["reporter"].to_numpy(),
        "year": rows["year"].to_numpy(),
        "round_figure": [bool(round_to) and float(v) % round_to == 0 for v in rows["value"]],
        "confidence": rows["confidence"].astype(str).to_numpy(),
        "sources": rows["sources"].to_numpy(),
        "id": rows["id"].to_numpy(),
    })
    return out.sort_values(["value", "label"]).reset_index(drop=True)


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"


def by_reporter_alt_text(table: pd.DataFrame, indicator: str) -> str:
    """A text alternative: the range, then each value with every reporter who gave it."""
    if table.empty:
        return f"No figures for {indicator} in the course data."
    unit = table["unit"].iloc[0]
    groups = []
    for value, grp in table.groupby("value", sort=False):
        kind = " (a round figure)" if grp["round_figure"].iloc[0] else ""
        groups.append(f"{_fmt(value)} {unit}{kind}: {'; '.join(grp['label'])}")
    return (f"Dot chart of {len(table)} published figures for {indicator.replace('_', ' ')}, "
            f"from {_fmt(table['value'].min())} to {_fmt(table['value'].max())} {unit}, "
            f"{table['value'].nunique()} different values. " + ". ".join(groups[::-1]) + ".")


def plot_by_reporter(indicator: str, indicators: pd.DataFrame | None = None,
                     subject: str | None = None, title: str | None = None, round_to: float = 100,
                     width: float = 8.0, dpi: int = 80) -> Figure:
    """A dot per published figure: reporters down the side, the value along the bottom.

    Filled dots are exact figures, hollow dots round ones (multiples of ``round_to``); a faint
    column marks every value given by two or more reporters. Returns a Figure with
    ``fig.alt_text`` and ``fig.table`` (what was drawn); no pyplot state is touched.
    """
    table = reporter_figures(indicators, indicator, subject=subject, round_to=round_to)
    n = max(len(table), 1)
    height = 1.5 + 0.26 * n
    fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    bottom, top = 0.95 / height, 0.35 / height
    ax = fig.add_axes([0.47, bottom, 0.47, 1 - bottom - top])
    if len(table):
        lo, hi = table["value"].min(), table["value"].max()
        pad = max((hi - lo) * 0.12, abs(hi) * 0.01, 1)
        ax.set_xlim(lo - pad, hi + pad)
        counts = table["value"].value_counts()
        for value, k in counts.items():
            if k > 1:
                ax.axvline(value, color="#d0d5dd", lw=6, zorder=0)
        ys = list(range(len(table)))[::-1]
        for y, row in zip(ys, table.itertuples()):
            ax.plot([lo - pad, row.value], [y, y], color="#eaecf0", lw=0.8, zorder=1)
            ax.plot(row.value, y, marker="o", ms=8, zorder=3, markeredgecolor=DOT,
                    markerfacecolor="white" if row.round_figure else DOT, markeredgewidth=1.5)
            ax.annotate(_fmt(row.value), (row.value, y), xytext=(7, -3), textcoords="offset points",
                        fontsize=7, color="#344054")
        ax.set_yticks(ys)
        ax.set_yticklabels(table["label"], fontsize=8)
        ax.set_ylim(-0.8, len(table) - 0.2)
        ax.set_xlabel(table["unit"].iloc[0], fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(title or f"{indicator.replace('_', ' ').capitalize()}: every published figure, "
                 "by reporter", fontsize=9, loc="left")
    fig.text(0.01, 0.02, "Filled dot: exact figure. Hollow dot: round figure ('about', 'nearly').\n"
             "Grey band: a value given by two or more reporters (agreement may come from copying).",
             fontsize=7, va="bottom")
    fig.alt_text = by_reporter_alt_text(table, indicator)
    fig.table = table
    return fig


# -- measuring the map's line ----------------------------------------------------------------

def shared_boundary(a: str = "Iran", b: str = "Pakistan", path=None) -> list[tuple[float, float]]:
    """The boundary two features of ``borders.geojson`` share, as one ordered (lon, lat) line.

    The map file was simplified as one coverage, so neighbours share identical vertices: the
    shared boundary is the set of edges found in both outlines, chained end to end. The line
    runs from its northern end to its southern end.
    """
    with open(path or data.borders_path(), encoding="utf-8") as fh:
        feats = {f["properties"]["name"]: f for f in json.load(fh)["features"]}

    def edges(name):
        out = set()
        for ring in rings(feats[name]["geometry"], outer_only=False):
            for p, q in zip(ring, ring[1:]):
                if p != q:
                    out.add(frozenset((tuple(p), tuple(q))))
        return out

    common = edges(a) & edges(b)
    if not common:
        return []
    nbrs = defaultdict(list)
    for e in common:
        p, q = tuple(e)
        nbrs[p].append(q)
        nbrs[q].append(p)
    ends = [p for p, ns in nbrs.items() if len(ns) == 1]
    if len(ends) != 2 or any(len(ns) > 2 for ns in nbrs.values()):
        raise ValueError(f"the boundary of {a} and {b} is not a single line")
    start = max(ends, key=lambda p: p[1])
    line, prev = [start], None
    while len(line) <= len(common):
        nxt = [q for q in nbrs[line[-1]] if q != prev]
        if not nxt:
            break
        prev = line[-1]
        line.append(nxt[0])
    return line


def _km(p, q) -> float:
    lon1, lat1, lon2, lat2 = map(math.radians, (p[0], p[1], q[0], q[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def line_length_km(line) -> float:
    """Length of a (lon, lat) line on a sphere (great-circle distance between vertices)."""
    return sum(_km(p, q) for p, q in zip(line, line[1:]))


def thin_line(line, every: int):
    """Keep every ``every``-th vertex (and always the two ends): a less detailed copy."""
    if every <= 1 or len(line) < 3:
        return list(line)
    kept = list(line[::every])
    if kept[-1] != line[-1]:
        kept.append(line[-1])
    return kept


def line_detail_lengths(steps=(1, 2, 4, 8), line=None) -> pd.DataFrame:
    """Length of the map's Iran–Pakistan line when it keeps every n-th vertex, for n in steps."""
    line = shared_boundary() if line is None else line
    rows = []
    for n in steps:
        thin = thin_line(line, n)
        rows.append({"every_nth_vertex": n, "vertices": len(thin),
                     "length_km": round(line_length_km(thin))})
    return pd.DataFrame(rows)


def plot_line_detail(steps=(1, 4, 16), width: float = 5.5, dpi: int = 80) -> Figure:
    """The map's Iran–Pakistan line drawn at several levels of detail, each with its length."""
    line = shared_boundary()
    table = line_detail_lengths(steps, line)
    fig = Figure(figsize=(width, width * 1.1), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_axes([0.12, 0.17, 0.84, 0.76])
    for (colour, style, lw), row in zip(LINE_STYLES * 3, table.itertuples()):
        thin = thin_line(line, row.every_nth_vertex)
        ax.plot([p[0] for p in thin], [p[1] for p in thin], color=colour, ls=style, lw=lw,
                label=f"{row.vertices} points: {row.length_km:,} km")
    ax.set_aspect(1 / math.cos(math.radians(sum(p[1] for p in line) / len(line))),
                  adjustable="datalim")
    ax.tick_params(labelsize=7)
    ax.set_xlabel("longitude (°E)", fontsize=8)
    ax.set_ylabel("latitude (°N)", fontsize=8)
    ax.annotate("tripoint with Afghanistan", line[0], xytext=(-4, 6), textcoords="offset points",
                fontsize=7)
    ax.annotate("the coast", line[-1], xytext=(6, -2), textcoords="offset points", fontsize=7)
    ax.legend(fontsize=8, loc="lower right", frameon=False)
    ax.set_title("The same border line, measured with less and less detail", fontsize=9, loc="left")
    fig.text(0.02, 0.02, "Line: the Iran–Pakistan boundary of the course map (Natural Earth, already\n"
             "simplified for drawing). Fewer points cut corners, so the line gets shorter.",
             fontsize=7, va="bottom")
    parts = "; ".join(f"{r.vertices} points, {r.length_km:,} km" for r in table.itertuples())
    fig.alt_text = (f"The Iran–Pakistan boundary from the course map, drawn from the tripoint with "
                    f"Afghanistan in the north to the coast in the south at {len(table)} levels of "
                    f"detail. Measured lengths: {parts}. The less detail, the shorter the line.")
    fig.table = table
    return fig
