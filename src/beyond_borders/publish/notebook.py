"""A notebook's cells and stored outputs as the body of a page; nothing is executed.

Exercise sheets keep their questions and answer cells (``answer = ...``) but lose the outputs of
``check``, ``score``, ``explain`` and ``%%reflection`` cells: on a page those would be feedback,
and a page never gives feedback or answers.
"""
from __future__ import annotations

import base64
import html
import json
import re
from pathlib import Path

import mistune
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from .widgets import WidgetRenderer

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
FEEDBACK_CALL = re.compile(r"(\bcheck|\bscore|\bexplain)\s*\(|^\s*%%reflection", re.M)
FEEDBACK_CLASS = re.compile(r"class=['\"][^'\"]*\bbb-(check|score|reflection|explain)", re.I)
markdown = mistune.create_markdown(escape=False, plugins=["table", "strikethrough", "url"])
FORMATTER = HtmlFormatter(cssclass="highlight", nowrap=False)


def notebook_body(path: Path, images, exercise: bool, timeline=None) -> str:
    """The page body for one notebook."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = list(nb["cells"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path.name} is not a readable notebook ({exc}); open it in "
                         "JupyterLab to repair it, or restore it with git") from None
    models = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    widgets = WidgetRenderer(models, images, timeline)
    parts = []
    for cell in cells:
        source = "".join(cell.get("source", ""))
        if cell["cell_type"] == "markdown":
            parts.append(f"<div class='bb-md'>{markdown(source)}</div>")
        elif cell["cell_type"] == "code":
            parts.append(_code_cell(cell, source, widgets, exercise))
    return "\n".join(parts)


def _code_cell(cell: dict, source: str, widgets: WidgetRenderer, exercise: bool) -> str:
    code = highlight(source, PythonLexer(), FORMATTER) if source.strip() else ""
    outputs = []
    if not (exercise and FEEDBACK_CALL.search(source)):
        outputs = [_output(o, widgets) for o in cell.get("outputs", [])]
        if exercise:
            outputs = [o for o in outputs if not FEEDBACK_CLASS.search(o)]
    shown = "".join(o for o in outputs if o)
    out = f"<div class='bb-output'>{shown}</div>" if shown else ""
    return f"<div class='bb-cell'><div class='bb-input'>{code}</div>{out}</div>"


def _output(output: dict, widgets: WidgetRenderer) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        return "" if output.get("name") == "stderr" else _pre("".join(output.get("text", "")))
    if kind not in ("execute_result", "display_data"):
        return ""  # an error in a stored output is a test failure elsewhere, not page text
    data = output.get("data", {})
    plain = _text(data.get("text/plain", ""))
    if WIDGET_MIME in data:
        return widgets.view(data[WIDGET_MIME].get("model_id", ""), plain)
    if "text/html" in data:
        return f"<div class='bb-html'>{_text(data['text/html'])}</div>"
    if "image/png" in data:
        png = base64.b64decode(_text(data["image/png"]))
        return widgets.images.figure(png, plain if not plain.startswith("<Figure") else "Figure")
    if "text/markdown" in data:
        return f"<div class='bb-md'>{markdown(_text(data['text/markdown']))}</div>"
    return _pre(plain) if plain else ""


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _pre(text: str) -> str:
    return f"<pre class='bb-stream'>{html.escape(text)}</pre>"


def highlight_css() -> str:
    return FORMATTER.get_style_defs(".highlight")
