"""A saved widget, drawn as static HTML from the notebook's widget state.

Without a kernel no control can act, so a page shows what the widget showed when the notebook
was run, decided per kind of widget:

* text and tables (``HTML`` models) as they are, except live status regions (``role='status'``):
  they hold a quick check's or decision point's verdict, which a page never shows;
* figures (``Image`` models) as figures, described by the text alternative that follows them;
* multiple-choice questions (``RadioButtons``) as their options, none chosen;
* drop-downs, sliders and pickers as one line saying what the view was set to;
* buttons, toggles, text boxes and check boxes not at all (they only act);
* the timeline explorer through ``timeline_hook`` (interactive, or its figure on paper);
* a document reader (``views.documents``) as every document it offers, one after another;
* a decision point (``views.lessons.decisions``) as its still view: the situation, every role's
  brief, interests and options, the memo's rubric, and never an outcome.
"""
from __future__ import annotations

import base64
import html
import re

from . import timeline_hook

BOXES = {"VBoxModel", "HBoxModel", "BoxModel", "GridBoxModel", "AccordionModel", "TabModel"}
SUMMARISED = {"DropdownModel", "SelectionSliderModel", "SelectionRangeSliderModel",
              "SelectMultipleModel", "SelectModel", "IntSliderModel", "FloatSliderModel"}
STATUS = re.compile(r"^\s*<[a-z0-9]+[^>]*\brole=['\"](status|alert)['\"]", re.I)
STYLE_ONLY = re.compile(r"^\s*<style\b.*</style>\s*$", re.I | re.S)
TAGS = re.compile(r"<[^>]+>")
# Printed where the live controls would be: the lesson's text speaks of filters, "Save my choice"
# and "Reveal", which a page or a sheet of paper does not have.
DOCS_ON_PAPER = ("<p class='bb-paper-note'><em>On this page every document is printed in full, one "
                 "after another. The Kind and Issuer filters and the list of titles work when you run "
                 "the notebook in JupyterLab.</em></p>")
DP_ON_PAPER = ("<p class='bb-paper-note'><em>On this page there is no Save or Reveal button. In class, "
               "take your role card from your instructor, write your ranking, option and memo on it or on a "
               "separate sheet, and hear what happened in the debrief. In JupyterLab the widget "
               "saves your choice and reveals what happened.</em></p>")


def with_buffers(model: dict) -> dict:
    """A model's state with its binary buffers put back where they belong (as bytes)."""
    state = dict(model.get("state", {}))
    for buf in model.get("buffers", []):
        path, data = buf.get("path", []), base64.b64decode(buf.get("data", ""))
        target = state
        for key in path[:-1]:
            target = target[key]
        if path:
            target[path[-1]] = data
    return state


class WidgetRenderer:
    """Draws widget views of one notebook from its saved widget state."""

    def __init__(self, models: dict, images, timeline=None):
        self.models = models
        self.images = images
        self.timeline = timeline

    def view(self, model_id: str, plain: str) -> str:
        """The HTML for one widget view output, or its plain text if the state is missing."""
        model = self.models.get(model_id)
        if model is None:
            return f"<pre class='bb-plain'>{html.escape(plain)}</pre>"
        state = with_buffers(model)
        if timeline_hook.is_timeline(state):
            return timeline_hook.render_timeline(state, plain, self.timeline, self.images)
        body = self._draw(model_id)
        note = ("<p class='bb-static-note bb-screen-only'>A still view of an interactive "
                "widget: run the notebook in JupyterLab to change it.</p>")
        classes = " ".join(state.get("_dom_classes", []))
        return f"<div class='bb-widget {html.escape(classes)}'>{body}{note}</div>"

    def _draw(self, model_id: str, alt: str = "") -> str:
        model = self.models.get(model_id.removeprefix("IPY_MODEL_"))
        if model is None:
            return ""
        name, state = model["model_name"], with_buffers(model)
        if timeline_hook.is_timeline(state):  # a timeline inside a larger widget
            return timeline_hook.render_timeline(state, alt or "Timeline of events",
                                                 self.timeline, self.images)
        if "bb-document-reader" in state.get("_dom_classes", []):
            return self._document_reader(state)
        if "bb-decision-point" in state.get("_dom_classes", []):
            return self._decision_point(state)
        if name in BOXES:
            return self._box(state)
        if name in ("HTMLModel", "HTMLMathModel"):
            return _html_value(state.get("value", ""))
        if name == "LabelModel":
            return f"<p>{html.escape(str(state.get('value', '')))}</p>"
        if name == "ImageModel" and isinstance(state.get("value"), bytes):
            return self.images.figure(state["value"], alt or "Figure")
        if name == "RadioButtonsModel":
            return _options(state)
        if name in SUMMARISED:
            return _setting(state)
        return ""

    def _box(self, state: dict) -> str:
        children = list(state.get("children", []))
        parts, settings = [], []
        for i, child in enumerate(children):
            drawn = self._draw(child, alt=self._alt_after(children, i))
            if drawn.startswith("<span class='bb-setting'>"):
                settings.append(drawn)
            elif drawn:
                parts.append(drawn)
        line = f"<p class='bb-settings'>{' · '.join(settings)}</p>" if settings else ""
        return line + "".join(parts)

    def _document_reader(self, state: dict) -> str:
        """A document reader on paper: its kind notes and every document it offers (the hidden
        ``bb-doc-print`` child holds them all), not the one document that happened to be open."""
        parts = []
        for child in state.get("children", []):
            model = self.models.get(child.removeprefix("IPY_MODEL_"), {})
            child_state = model.get("state", {})
            value = str(child_state.get("value", ""))
            if "bb-doc-print" in child_state.get("_dom_classes", []) or "role='note'" in value:
                parts.append(f"<div class='bb-html'>{value}</div>" if value.strip() else "")
        return DOCS_ON_PAPER + "".join(parts)

    def _decision_point(self, state: dict) -> str:
        """A decision point without a kernel: the still view its hidden ``bb-dp-print`` child
        holds. The live parts (choices, status, reveal) are left out: a page tells no outcome."""
        kids = (self.models.get(c.removeprefix("IPY_MODEL_"), {}).get("state", {})
                for c in state.get("children", []))
        still = next((k for k in kids if "bb-dp-print" in k.get("_dom_classes", [])), None)
        return DP_ON_PAPER + _html_value(str(still.get("value", ""))) if still else ""

    def _alt_after(self, children: list, i: int) -> str:
        """The text alternative a course figure carries in the HTML model right after it."""
        if i + 1 >= len(children):
            return ""
        nxt = self.models.get(children[i + 1].removeprefix("IPY_MODEL_"), {})
        value = str(nxt.get("state", {}).get("value", ""))
        if "bb-alt" not in value:
            return ""
        return html.unescape(TAGS.sub("", value)).replace("Text alternative:", "").strip()


def _html_value(value: str) -> str:
    if not value.strip() or STATUS.match(value) or STYLE_ONLY.match(value):
        return ""
    return f"<div class='bb-html'>{value}</div>"


def _options(state: dict) -> str:
    """A question's options, none marked: the page never tells which one is right."""
    labels = state.get("_options_labels", [])
    items = "".join(f"<li>{html.escape(str(label))}</li>" for label in labels)
    return f"<ul class='bb-options'>{items}</ul>" if items else ""


def _setting(state: dict) -> str:
    """'Dates: Dec 2023 – Feb 2024': what a control was set to when the notebook ran."""
    labels, index = state.get("_options_labels", []), state.get("index")
    if isinstance(index, int) and 0 <= index < len(labels):
        value = labels[index]
    elif isinstance(index, list) and labels:
        chosen = [labels[i] for i in index if isinstance(i, int) and 0 <= i < len(labels)]
        is_range = state.get("_model_name") == "SelectionRangeSliderModel" and len(chosen) == 2
        value = " – ".join(chosen) if is_range else ", ".join(chosen) or "none"
    elif "value" in state and not isinstance(state["value"], (dict, list, bytes)):
        value = str(state["value"])
    else:
        return ""
    label = str(state.get("description", "")).strip() or "Set to"
    return (f"<span class='bb-setting'><span class='bb-setting-label'>{html.escape(label)}:"
            f"</span> {html.escape(str(value))}</span>")
