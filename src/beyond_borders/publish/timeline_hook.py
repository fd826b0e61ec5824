"""The timeline explorer on a page with no kernel.

A timeline's saved widget state carries ``"_bb_widget": "timeline"``. When the course has a
static renderer for it (``views.timeline_static.standalone_html`` for the screen, and
``views.timeline_static.figure_from_state`` for paper), the page gets a self-contained interactive
fragment and the printed copy gets the figure. Without it, or if it fails, the page shows the
output's plain-text summary, so a build never stops on one widget.
"""
from __future__ import annotations

import html
import importlib
from dataclasses import dataclass
from typing import Callable

MARKER = "timeline"


@dataclass(frozen=True)
class TimelineRenderer:
    """The two functions the hook needs; tests pass fakes."""

    interactive: Callable[[dict], str]
    figure_png: Callable[[dict], bytes]


def is_timeline(state: dict) -> bool:
    return state.get("_bb_widget") == MARKER


def find_renderer() -> TimelineRenderer | None:
    """The course's static timeline renderer, if this version of the course has one."""
    try:
        static = importlib.import_module("beyond_borders.views.timeline_static")
        figures = importlib.import_module("beyond_borders.render.figures")
    except ImportError:
        return None
    interactive = getattr(static, "standalone_html", None)
    from_state = getattr(static, "figure_from_state", None)
    if interactive is None or from_state is None:
        return None
    return TimelineRenderer(interactive, lambda state: figures.figure_png(from_state(state)))


def render_timeline(state: dict, plain: str, renderer: TimelineRenderer | None, images) -> str:
    """Screen: the interactive fragment. Paper: the static figure. Else: the plain text."""
    fallback = f"<pre class='bb-plain'>{html.escape(plain)}</pre>"
    if renderer is None:
        return fallback
    try:
        fragment = renderer.interactive(state)
        png = renderer.figure_png(state)
    except Exception:  # one broken widget must not stop the site; show its summary instead
        return fallback
    return (f"<div class='bb-screen-only bb-timeline-static'>{fragment}</div>"
            + images.figure(png, plain, "bb-print-only"))
