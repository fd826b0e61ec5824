"""Data tables as a reader sees them: no NaN, no cut cells, no row numbers.

pandas shows a missing value as ``NaN`` or ``None``, a whole number stored as a float as
``14.0``, cuts long text at 50 characters with "…" and prints the row numbers of the full table.
``table_html`` writes the same rows for a reader: a missing value says what it means (a figure
nobody gave is "not reported", not 0; other gaps are an em dash), numbers read as the course
writes them, and long cells wrap. ``show_table`` wraps it for a notebook cell.
"""
from __future__ import annotations

import html
import math

import numpy as np
import pandas as pd

from beyond_borders.render.style import INK, MUTED_INK
from beyond_borders.render.text import QUALIFIER_WORDS, iso_date, number

__all__ = ["NOT_REPORTED", "NO_VALUE", "missing_text", "cell_text", "table_html", "Table", "show_table"]

NOT_REPORTED = "not reported"
NO_VALUE = "—"
# Columns that hold a figure someone gave: a gap there means nobody reported one.
FIGURE_COLUMNS = {"low", "high", "value", "figure", "killed", "injured", "casualties", "count"}

CELL_STYLE = ("padding:4px 10px;vertical-align:top;text-align:left;white-space:normal;"
              "overflow-wrap:break-word;max-width:36em;border-bottom:1px solid #eaecf0")
NUMBER_STYLE = CELL_STYLE.replace("text-align:left", "text-align:right").replace("white-space:normal",
                                                                                "white-space:nowrap")
MISSING_STYLE = f";color:{MUTED_INK};font-style:italic"


def _is_missing(value) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (list, tuple, set, dict)) else False
    except (TypeError, ValueError):
        return False


def missing_text(column: str, series: pd.Series | None = None) -> str:
    """What a gap in ``column`` means: 'not reported' for figures, an em dash elsewhere."""
    numeric = series is not None and pd.api.types.is_numeric_dtype(series) \
        and not pd.api.types.is_bool_dtype(series)
    return NOT_REPORTED if str(column).lower() in FIGURE_COLUMNS or numeric else NO_VALUE


def cell_text(value) -> str | None:
    """A value as a reader reads it ('14', '274.8', '2024-01-16', 'a; b'), or None when missing."""
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value) if len(value) else None
    if _is_missing(value) or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, pd.Timestamp):
        return iso_date(value)
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if _is_number(value):
        return number(value)
    return str(value)


def _is_number(value) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def _header(column) -> str:
    return html.escape(str(column).replace("_", " "))


def _in_words(frame: pd.DataFrame) -> pd.DataFrame:
    """A ``qualifier`` column as the source said it ('more than', not 'more_than')."""
    if "qualifier" not in frame.columns:
        return frame
    return frame.assign(qualifier=frame["qualifier"].map(lambda q: QUALIFIER_WORDS.get(q, q)))


def table_html(frame: pd.DataFrame, caption: str | None = None) -> str:
    """The rows of ``frame`` as an HTML table: every cell shown in full, gaps in words."""
    frame = _in_words(frame)
    head = "".join(f"<th style='{CELL_STYLE};font-weight:600'>{_header(c)}</th>" for c in frame.columns)
    gaps = {c: missing_text(c, frame[c]) for c in frame.columns}
    rows = []
    for values in frame.itertuples(index=False, name=None):
        cells = []
        for column, value in zip(frame.columns, values):
            text = cell_text(value)
            numeric = _is_number(value) and text is not None
            style = (NUMBER_STYLE if numeric else CELL_STYLE) + ("" if text is not None else MISSING_STYLE)
            cells.append(f"<td style='{style}'>{html.escape(text if text is not None else gaps[column])}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    cap = f"<caption style='text-align:left'>{html.escape(caption)}</caption>" if caption else ""
    empty = "" if rows else "<p><em>No rows to show.</em></p>"
    return (f"<table class='bb-table' style='border-collapse:collapse;color:{INK}'>{cap}"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{empty}")


class Table:
    """A table a notebook shows: HTML for the page, plain text for nbval and screen readers."""

    def __init__(self, frame: pd.DataFrame, caption: str | None = None):
        self.frame, self.caption = frame, caption

    def __len__(self):
        return len(self.frame)

    def _repr_html_(self):
        return table_html(self.frame, self.caption)

    def __repr__(self):
        frame = _in_words(self.frame)
        gaps = {c: missing_text(c, frame[c]) for c in frame.columns}
        lines = [" | ".join(str(c) for c in frame.columns)]
        for values in frame.itertuples(index=False, name=None):
            texts = [cell_text(v) for v in values]
            lines.append(" | ".join(t if t is not None else gaps[c] for c, t in zip(frame.columns, texts)))
        return "\n".join(([self.caption] if self.caption else []) + lines)


def show_table(frame: pd.DataFrame, caption: str | None = None) -> Table:
    """``frame`` for reading: ``show_table(accounts[["claimant", "low", "high"]])``.

    The rows are the same as pandas would show; only the way they are written changes.
    """
    if not isinstance(frame, pd.DataFrame):
        frame = pd.DataFrame(frame)
    return Table(frame, caption)
