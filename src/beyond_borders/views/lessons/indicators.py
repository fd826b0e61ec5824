"""One quantity, many reporters: why published figures differ, made visible (lessons 1 and 8).

Pure functions only (no widgets, no pyplot state). ``plot_by_reporter`` draws every published
figure for one indicator of ``datasets/indicators.csv`` as a dot per reporter, so readers see
which figures agree, which are round numbers and which reporter gave which. It returns a figure
with ``alt_text`` and ``drawn["table"]``; show it with ``show(fig)``.
"""
from __future__ import annotations

import pandas as pd

from beyond_borders import data
from beyond_borders.render.figures import CourseFigure, new_figure
from beyond_borders.render.text import number, qualified

__all__ = ["reporter_figures", "by_reporter_alt_text", "plot_by_reporter"]

DOT = "#0072B2"


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
        "qualifier": (rows["qualifier"] if "qualifier" in rows else pd.Series([None] * len(rows))).to_numpy(),
    })
    return out.sort_values(["value", "label"]).reset_index(drop=True)


def _fmt(v: float) -> str:
    """Figures as the dot chart labels them: '959', '1,234' or '2.65' (two decimals at most)."""
    return number(v, decimals=2)


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
                     width: float = 8.0, dpi: int = 80) -> CourseFigure:
    """A dot per published figure: reporters down the side, the value along the bottom.

    Filled dots are exact figures, hollow dots round ones (multiples of ``round_to``); a faint
    column marks every value given by two or more reporters. Returns a figure with
    ``alt_text`` and ``drawn["table"]`` (what was drawn); no pyplot state is touched.
    """
    table = reporter_figures(indicators, indicator, subject=subject, round_to=round_to)
    n = max(len(table), 1)
    height = 1.5 + 0.26 * n
    fig = new_figure(width, height, dpi)
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
            ax.annotate(qualified(row.value, row.qualifier, decimals=2), (row.value, y),
                        xytext=(7, -3), textcoords="offset points", fontsize=7, color="#344054")
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
    fig.drawn["table"] = table
    return fig
