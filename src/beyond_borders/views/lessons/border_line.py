"""The map's Iran–Pakistan border line, measured (lesson 1): the length of a winding line depends
on how much detail it keeps.

``shared_boundary`` takes the line two countries share out of ``datasets/borders.geojson``;
``line_length_km``, ``thin_line`` and ``line_detail_lengths`` measure it at several levels of
detail, and ``plot_line_detail`` draws those levels, returning a figure with ``alt_text`` and
``drawn["table"]``. Pure functions: no widgets, no pyplot state.
"""
from __future__ import annotations

import json
import math
from collections import defaultdict

import pandas as pd

from beyond_borders import data
from beyond_borders.render.figures import CourseFigure, new_figure
from beyond_borders.views.maps import rings

__all__ = ["shared_boundary", "line_length_km", "thin_line", "line_detail_lengths", "plot_line_detail"]

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
LINE_STYLES = [("#0072B2", "-", 1.6), ("#E69F00", "--", 1.6), ("#D55E00", ":", 2.0),
               ("#009E73", "-.", 1.6)]


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


def plot_line_detail(steps=(1, 4, 16), width: float = 5.5, dpi: int = 80) -> CourseFigure:
    """The map's Iran–Pakistan line drawn at several levels of detail, each with its length."""
    line = shared_boundary()
    table = line_detail_lengths(steps, line)
    fig = new_figure(width, width * 1.1, dpi)
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
    fig.drawn["table"] = table
    return fig
