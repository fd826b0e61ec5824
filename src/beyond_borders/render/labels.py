"""Labels that keep clear of marks: each label takes a free spot near its point.

A map label written at a fixed offset lands on a neighbour's star or on another label as soon
as two places are close (Saravan and Mehrestan, Taftan and Mirjaveh). Here every label is tried
at spots around its point, nearest first, in display pixels as the renderer measures them, and
takes the spot that covers no mark, no earlier label and nothing outside the axes, and crosses
the fewest drawn lines (borders, coasts); when no spot is free it takes the one that covers
least. Pure matplotlib and numpy, no extra dependency.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox

__all__ = ["Label", "place_labels", "mark_boxes", "overlap_area"]

# Directions tried around a point (degrees), nearest first: right, left, above, below, corners,
# then the angles between them.
_ANGLES = [0, 180, 90, 270, 45, 135, 315, 225, 22.5, 157.5, 337.5, 202.5, 67.5, 112.5, 292.5, 247.5]
_PAD_PX = 1.5  # a label may come no closer than this to a mark or another label
_FAR_PRICE = 12  # a spot one ring farther out is worth this many line points under the label


@dataclass
class Label:
    """What to write at a point (data coordinates) and how: ``gap`` (points) clears the mark;
    labels of a lower ``rank`` are placed first and so get the nearest free spots."""
    text: str
    xy: tuple[float, float]
    gap: float = 4.0
    style: dict = field(default_factory=dict)
    rank: int = 0


def overlap_area(a: Bbox, b: Bbox) -> float:
    """Area (px²) two boxes share; 0 when they only touch or are apart."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def mark_boxes(ax: Axes, renderer) -> list[Bbox]:
    """Display boxes of every marker drawn on ``ax`` (lines with a marker and no line)."""
    return [line.get_window_extent(renderer) for line in ax.lines
            if isinstance(line, Line2D) and line.get_marker() not in (None, "None", "")]


def line_points(ax: Axes, step: float = 3.0) -> np.ndarray:
    """Points (display px) every ``step`` px along the outlines of the patches on ``ax``."""
    chunks = [np.empty((0, 2))]
    for patch in ax.patches:
        verts = patch.get_verts()
        if len(verts) < 2:
            continue
        for a, b in zip(verts[:-1], verts[1:]):
            n = max(int(np.hypot(*(b - a)) // step), 1)
            chunks.append(a + np.outer(np.arange(n) / n, b - a))
    return np.vstack(chunks)


def _crossings(box: Bbox, points: np.ndarray) -> int:
    x, y = points[:, 0], points[:, 1]
    return int(np.count_nonzero((x > box.x0) & (x < box.x1) & (y > box.y0) & (y < box.y1)))


def _outside(box: Bbox, frame: Bbox) -> float:
    inside = overlap_area(box, frame)
    return box.width * box.height - inside


def _side(v: float) -> int:
    return 0 if abs(v) < 0.3 else (1 if v > 0 else -1)


def _candidates(gap: float):
    """(dx, dy, ha, va, how far) offsets in points, near spots first, then farther rings."""
    for far, ring in enumerate((1.0, 2.0, 3.2, 4.6)):
        for angle in _ANGLES:
            dx, dy = np.cos(np.radians(angle)), np.sin(np.radians(angle))
            ha = {-1: "right", 0: "center", 1: "left"}[_side(dx)]
            va = {-1: "top", 0: "center", 1: "bottom"}[_side(dy)]
            yield round(dx * gap * ring, 2), round(dy * gap * ring, 2), ha, va, far


def _cost(box: Bbox, far: int, obstacles: list[Bbox], frame: Bbox,
          points: np.ndarray) -> tuple[float, int]:
    """(area covered of marks, labels and the outside; line points under the label plus a
    price for distance): the first must be zero, the second is only a preference, so a label
    crosses a border rather than stray from its point."""
    padded = box.padded(_PAD_PX)
    return (sum(overlap_area(padded, o) for o in obstacles) + 4 * _outside(box, frame),
            _crossings(box, points) + _FAR_PRICE * far)


def _write(ax: Axes, label: Label, spot) -> Text:
    dx, dy, ha, va = spot
    return ax.annotate(label.text, label.xy, xytext=(dx, dy), textcoords="offset points",
                       ha=ha, va=va, **label.style)


def _best_spot(text: Text, label: Label, renderer, obstacles, frame, points):
    """(cost, (dx, dy, ha, va)) of the cheapest spot around the label's point."""
    best = None
    for dx, dy, ha, va, far in _candidates(label.gap):
        text.set_position((dx, dy))
        text.set_ha(ha)
        text.set_va(va)
        cost = _cost(text.get_window_extent(renderer), far, obstacles, frame, points)
        if best is None or cost < best[0]:
            best = (cost, (dx, dy, ha, va))
        if cost == (0, 0):
            break
    return best


def _layout(ax: Axes, order: list[Label], renderer, obstacles, frame, points):
    """Spots for the labels in ``order``, each avoiding the ones before: (spots, area covered,
    index of the first label that found no free spot or None)."""
    spots, covered, stuck, taken = [], 0.0, None, list(obstacles)
    for i, label in enumerate(order):
        probe = _write(ax, label, (0, 0, "left", "bottom"))
        cost, spot = _best_spot(probe, label, renderer, taken, frame, points)
        probe.remove()
        if cost[0] and stuck is None:
            stuck = i
        covered += cost[0]
        spots.append(spot)
        placed = _write(ax, label, spot)
        taken.append(placed.get_window_extent(renderer))
        placed.remove()
    return spots, covered, stuck


def place_labels(ax: Axes, labels: list[Label], fixed: list[Text] = (), attempts: int = 12) -> list[Text]:
    """Write ``labels`` on ``ax`` where they cover no marker, no ``fixed`` text and no other label.

    Labels are placed one by one, lower ``rank`` first; when one finds no free spot it goes
    first in the next attempt (a crowded label chooses before its neighbours take its room),
    and the attempt that covers least is kept. Call after every marker is drawn and the axes
    limits are set. Returns the text artists.
    """
    ax.apply_aspect()  # an equal-aspect map is resized at draw time; measure it as drawn
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    obstacles = mark_boxes(ax, renderer) + [t.get_window_extent(renderer) for t in fixed]
    points = line_points(ax)
    order = sorted(labels, key=lambda lab: lab.rank)
    best = None
    for _ in range(attempts):
        spots, covered, stuck = _layout(ax, order, renderer, obstacles, frame, points)
        if best is None or covered < best[1]:
            best = (list(order), covered, spots)
        if stuck is None:
            break
        order.insert(0, order.pop(stuck))
    return [_write(ax, label, spot) for label, spot in zip(best[0], best[2])]
