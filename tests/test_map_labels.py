"""Map names never cover a mark or each other, on every map a lesson draws.

The boxes are measured the way the PNG is drawn (matplotlib's Agg renderer, display pixels),
so a label that looks clear in the notebook is clear here, and one that covers a star fails.
"""
from __future__ import annotations

import ast
import itertools
import json
from pathlib import Path

import pytest
from matplotlib.text import Annotation

from beyond_borders.render.labels import Label, mark_boxes, overlap_area, place_labels
from beyond_borders.render.figures import new_figure
from beyond_borders.views.lessons.crossings import CrossingsMap, crossing_status_on
from beyond_borders.views.maps import border_map

ROOT = Path(__file__).resolve().parents[1]


def _calls(name: str):
    """(notebook, source) of every ``name(...)`` call in the lessons' code cells."""
    for path in sorted((ROOT / "lessons").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code" or name not in "".join(cell["source"]):
                continue
            for node in ast.walk(ast.parse("".join(cell["source"]))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") == name:
                    yield path.name[:2], ast.unparse(node)


def lesson_maps():
    """Every map the lessons draw: each ``border_map`` call, and each day of each crossings map."""
    for lesson, call in _calls("border_map"):
        yield f"{lesson}:{call[:40]}", lambda call=call: eval(call, {"border_map": border_map})  # noqa: S307
    for lesson, call in _calls("CrossingsMap"):
        widget = eval(call, {"CrossingsMap": CrossingsMap})  # noqa: S307
        days = [day for _, day in widget.slider.options]
        for day in (days[0], days[-1]):  # names sit alike every day; only the colours change
            yield f"{lesson}:crossings {day:%Y-%m-%d}", lambda w=widget, d=day: border_map(
                crossing_status=crossing_status_on(d, w.observations), width=w.width)
    yield "every place", border_map


def collisions(fig) -> list[str]:
    """Every (label, mark) and (label, label) pair whose boxes share pixels, by name."""
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    labels = [t for t in ax.texts if isinstance(t, Annotation)]
    boxes = {t.get_text(): t.get_window_extent(renderer) for t in labels}
    found = [f"{name!r} covers a mark at {m.x0:.0f},{m.y0:.0f}" for name, box in boxes.items()
             for m in mark_boxes(ax, renderer) if overlap_area(box, m) > 0]
    found += [f"{a!r} covers {b!r}" for (a, ba), (b, bb) in itertools.combinations(boxes.items(), 2)
              if overlap_area(ba, bb) > 0]
    return found


MAPS = list(lesson_maps())


def test_the_lessons_draw_maps():
    assert len(MAPS) >= 5, [m[0] for m in MAPS]  # lessons 1, 2, 3, 8 and lesson 6's crossings


@pytest.mark.parametrize("name, draw", MAPS, ids=[m[0] for m in MAPS])
def test_no_map_label_covers_a_mark_or_another_label(name, draw):
    fig = draw()
    fig.canvas.draw()
    labels = [t for t in fig.axes[0].texts if isinstance(t, Annotation)]
    assert labels, f"{name}: no place names were drawn"
    assert collisions(fig) == [], name


def test_labels_stay_inside_the_map():
    fig = border_map()
    fig.canvas.draw()
    frame = fig.axes[0].get_window_extent()
    for t in fig.axes[0].texts:
        box = t.get_window_extent()
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, \
            t.get_text()


def _blank_axes():
    """A small figure with one 10 x 10 axes filling it: room for marks and their labels."""
    fig = new_figure(3, 2)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    return fig, ax


def test_placer_moves_a_label_off_a_mark_it_would_cover():
    """Two marks side by side: a label written to the right of the first would cover the second."""
    fig, ax = _blank_axes()
    ax.plot(4, 5, marker="o", ms=4)
    ax.plot(4.6, 5, marker="*", ms=16)
    (text,) = place_labels(ax, [Label("A long town name", (4, 5), 3)])
    fig.canvas.draw()
    assert collisions(fig) == []
    assert text.get_position() != (3, 0)  # not the first spot tried: it was taken


def test_placer_keeps_labels_apart_when_points_coincide():
    fig, ax = _blank_axes()
    ax.plot(5, 5, marker="s", ms=9)
    place_labels(ax, [Label(f"Name {i}", (5, 5), 6) for i in range(4)])
    fig.canvas.draw()
    assert collisions(fig) == []
