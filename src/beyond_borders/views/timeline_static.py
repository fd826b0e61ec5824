"""The timeline explorer outside a kernel: a self-contained HTML fragment, and the printed figure.

Both read the model state a notebook saves (``metadata.widgets[...]["state"][model_id]["state"]``
of a model whose ``_bb_widget`` is ``"timeline"``), so a course site or a handout shows what the
learner saw. ``standalone_html`` inlines the page module, its CSS and the data: the fragment makes
no outside request, and several on one page work independently. ``figure_from_state`` draws the
same events with ``plot_timeline`` (the static, printable view).
"""
from __future__ import annotations

import html
import json

import pandas as pd

from beyond_borders import data
from beyond_borders.render.figures import CourseFigure
from beyond_borders.views import timeline_data as td
from beyond_borders.views.explorer import STATIC
from beyond_borders.views.timeline import plot_timeline

__all__ = ["standalone_html", "figure_from_state", "state_view_ids"]

_KEYS = ("records", "eras", "lanes", "actor_names", "span", "categories", "actor", "query",
         "start", "end", "selected", "presentation", "_bb_widget")


def _script_json(value) -> str:
    """JSON that is safe inside a <script> element (no '</' can close it early)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def standalone_html(state: dict) -> str:
    """One HTML fragment that draws and runs the explorer from saved widget state, kernel-free."""
    if not isinstance(state, dict) or not state.get("records"):
        return "<p><em>This timeline has no saved events to show.</em></p>"
    kept = {k: state[k] for k in _KEYS if k in state}
    module = _script_json((STATIC / "timeline.js").read_text(encoding="utf-8"))
    css = (STATIC / "timeline.css").read_text(encoding="utf-8").replace("</", "<\\/")
    # No ids: the loader finds its own fragment through document.currentScript, so several
    # fragments on a page stay independent and the same state always gives the same bytes
    # (a site build is repeatable).
    return ("<div class='bb-timeline-fragment'><div class='bb-timeline-static'></div>"
            f"<style>{css}</style>"
            f"<script type='application/json' class='bb-timeline-state'>{_script_json(kept)}</script>"
            "<script>(function () {"
            "const box = document.currentScript.parentElement;"
            "const host = box.querySelector('.bb-timeline-static');"
            "const state = JSON.parse(box.querySelector('.bb-timeline-state').textContent);"
            f"const url = URL.createObjectURL(new Blob([{module}], {{type: 'text/javascript'}}));"
            "import(url).then(function (mod) { URL.revokeObjectURL(url);"
            " mod.default.render({model: mod.staticModel(state), el: host}); });"
            "})();</script>"
            f"<noscript>{html.escape(str(len(state['records'])))} events: this timeline needs "
            "JavaScript; the printed figure shows the same view.</noscript></div>")


def state_view_ids(state: dict) -> list[str]:
    """Ids in view for a saved state, by the rule the page and the widget use."""
    return td.view_ids(state.get("records", []), dict(state.get("actor_names", [])),
                       state.get("categories"), state.get("actor", ""), state.get("query", ""),
                       state.get("start"), state.get("end"))


def figure_from_state(state: dict) -> CourseFigure:
    """The printable ``plot_timeline`` figure of the same events and dates as a saved explorer."""
    records = state.get("records", [])
    ids = set(state_view_ids(state))
    rows = [{"id": r["id"], "date": pd.Timestamp(r["date"]), "category": r["category"],
             "title": r["title"], "date_precision": "day"} for r in records if r["id"] in ids]
    events = pd.DataFrame(rows, columns=["id", "date", "category", "title", "date_precision"])
    lanes = [ln["id"] for ln in state.get("lanes", [])]
    return plot_timeline(events, data.load_eras(), categories=lanes or None,
                         start=state.get("start"), end=state.get("end"), highlight=state.get("selected"))
