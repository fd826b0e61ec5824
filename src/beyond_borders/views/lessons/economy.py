"""Economic indicators: one series per reporter, never merged, with every value in words.

``plot_indicator`` is pure: it takes rows of ``indicators.csv`` and returns a figure whose
``alt_text`` lists every plotted value with its reporter, period and year. It never averages,
sums or joins figures from different reporters: each reporter is its own series, and within a
reporter only whole years of the same kind (calendar, Pakistani fiscal or Iranian) are joined
by a line. Part-year figures, single months and estimates are hollow markers, never joined.

``IndicatorExplorer`` is a thin widget over it: pick an indicator, a unit and the reporters.
"""
from __future__ import annotations

import html
import re
import textwrap

import ipywidgets as W
import numpy as np
import pandas as pd
import traitlets
from matplotlib.lines import Line2D

from beyond_borders import data
from beyond_borders.render.figures import CourseFigure, caption_html, figure_png, new_figure
from beyond_borders.render.sources import source_links
from beyond_borders.render.style import MARKERS, OKABE_ITO
from beyond_borders.render.text import CONFIDENCE_SHORT, number, plural, qualified
from beyond_borders.render.text import REPR_LIMIT, shorten

__all__ = ["INDICATOR_LABELS", "ECONOMY_INDICATORS", "period_basis", "period_position",
           "select_rows", "joined_runs", "plot_indicator", "indicator_alt_text", "rows_html",
           "IndicatorExplorer", "indicator_rows"]

INDICATOR_LABELS = {
    "exports_irn_to_pak": "Goods from Iran to Pakistan",
    "exports_pak_to_irn": "Goods from Pakistan to Iran",
    "bilateral_trade_total": "Total trade, both directions",
    "bilateral_trade_claimed": "Trade totals stated by politicians",
    "trade_target": "Trade targets",
    "trade_deficit_pak_with_irn": "Pakistan's trade deficit with Iran",
    "electricity_import": "Electricity imported from Iran",
    "electricity_import_contracted": "Electricity contracted from Iran",
    "electricity_import_actual": "Electricity actually supplied by Iran",
    "fuel_smuggling_volume": "Smuggled Iranian fuel (estimates)",
    "fuel_smuggling_revenue_loss": "Revenue lost to fuel smuggling (estimates)",
    "fuel_smuggling_pumps": "Pumps selling smuggled fuel (estimates)",
    "fuel_stock_days": "Pakistan's fuel stocks",
    "oil_import_bill": "Pakistan's oil import bill",
    "petrol_price_increase": "Fuel price rise in Pakistan",
    "brent_crude_price": "Brent crude price",
    "gdp_nominal": "GDP (current US dollars)",
    "gdp_per_capita": "GDP per person",
}

# The indicators the explorer offers by default (those present in the data are shown).
ECONOMY_INDICATORS = list(INDICATOR_LABELS)

WHOLE_YEARS = ("calendar", "fiscal", "iranian")
LINESTYLES = ["-", "--", ":", "-."]

_FY = re.compile(r"^FY\d{4}-\d{2}( \((provisional|revised)[^)]*\))?$")  # a whole fiscal year, perhaps revised
_IR_YEAR = re.compile(r"^IR \d{4} \(")
_CALENDAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def label_of(indicator: str) -> str:
    return INDICATOR_LABELS.get(indicator, indicator.replace("_", " ").capitalize())


def period_basis(period) -> str:
    """What kind of period a row covers: 'calendar', 'fiscal', 'iranian' or 'other'.

    Only a whole year counts as calendar, fiscal ("FY2023-24", July–June, also when marked
    "(provisional, …)" or "(revised, …)") or Iranian
    ("IR 1401 (Mar 2022–Mar 2023)", about 21 March to 20 March). Part-years ("7MFY24",
    "IR 1401, first 7 months"), single months ("2025-06") and stated estimates are 'other'.
    """
    p = "" if period is None or (isinstance(period, float) and np.isnan(period)) else str(period).strip()
    if _FY.match(p):
        return "fiscal"
    if _IR_YEAR.match(p):
        return "iranian"
    if _CALENDAR.match(p):
        return "calendar"
    return "other"


def period_position(year: int, period) -> float:
    """Where a row sits on a time axis: the middle of the period it covers.

    A calendar year sits at mid-year; a Pakistani fiscal year (July to June, ``year`` = the
    calendar year in which it starts) at 1 January of the next year; an Iranian year (from about
    21 March) at about 20 September. A month or a day sits at that month or day; anything else
    at the middle of ``year``.
    """
    basis = period_basis(period)
    if basis == "fiscal":
        return float(year) + 1.0
    if basis == "iranian":
        return float(year) + 0.72
    m = _MONTH.match(str(period).strip()) if isinstance(period, str) else None
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), m.group(3)
        if 1 <= mo <= 12:
            return y + (mo - 1 + (int(d) / 31 if d else 0.5)) / 12
    return float(year) + 0.5


def _as_list(x) -> list:
    if x is None:
        return []
    return [x] if isinstance(x, str) else list(x)


def indicator_rows(names=None, prefix: str | None = None, columns=None,
                   indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """The figures a lesson shows as a table: the rows of the named indicators (or of every
    indicator whose name starts with ``prefix``), in data order, with ``columns`` only — so a
    notebook asks for the rows in one call instead of filtering a table itself."""
    table = data.load_indicators() if indicators is None else indicators
    keep = table["indicator"].isin(_as_list(names))
    if prefix:
        keep |= table["indicator"].str.startswith(prefix)
    rows = table[keep]
    return rows[list(columns)] if columns is not None else rows


def select_rows(indicators: pd.DataFrame, indicator_names, subject=None, unit=None,
                reporters=None, full_years_only: bool = False) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The rows a chart would plot, the rows it would leave out, and the unit.

    ``unit=None`` takes the unit most rows share (ties: the first in alphabetical order); rows in
    other units are left out, never converted. ``full_years_only`` leaves out part-years, months
    and estimates. Returns ``(plotted, left_out, unit)``; ``left_out`` has a ``why`` column.
    """
    names = _as_list(indicator_names)
    rows = indicators[indicators["indicator"].isin(names)]
    if subject is not None:
        rows = rows[rows["subject"].isin(_as_list(subject))]
    if reporters is not None:
        rows = rows[rows["reporter"].isin(_as_list(reporters))]
    rows = rows.copy()
    rows["basis"] = [period_basis(p) for p in rows["period"]]
    rows["x"] = [period_position(int(y), p) for y, p in zip(rows["year"], rows["period"])]
    if unit is None and len(rows):
        counts = rows["unit"].value_counts()
        top = counts.max()
        unit = sorted(u for u, n in counts.items() if n == top)[0]
    why = pd.Series("", index=rows.index, dtype=object)
    why[rows["unit"] != unit] = "in another unit"
    if full_years_only:
        why[(why == "") & ~rows["basis"].isin(WHOLE_YEARS)] = "part-year, month or estimate"
    left = rows[why != ""].assign(why=why[why != ""])
    kept = rows[why == ""].sort_values(["indicator", "reporter", "x", "id"])
    # A series is one reporter's figures for one indicator; when several subjects (IRN, PAK,
    # IRN-PAK) are in view, the subject is part of the series name so they are never confused.
    several = kept["subject"].nunique() > 1
    kept = kept.assign(series=[f"{r} ({s})" if several else r
                               for r, s in zip(kept["reporter"], kept["subject"])])
    return kept, left, unit or ""


def joined_runs(rows: pd.DataFrame):
    """Runs of one reporter's whole-year points that a line may join: same kind of year and
    consecutive years (a gap of more than one year breaks the line). Two figures for the same
    period (say, provisional and revised) are never joined to anything. Yields (xs, ys)."""
    for basis in WHOLE_YEARS:
        seg = rows[rows["basis"] == basis].sort_values("x")
        counts = seg["x"].value_counts()
        run_x, run_y = [], []
        for x, y in zip(seg["x"], seg["value"]):
            if counts[x] > 1 or (run_x and x - run_x[-1] > 1.01):
                if len(run_x) > 1:
                    yield run_x, run_y
                run_x, run_y = [], []
                if counts[x] > 1:
                    continue
            run_x.append(x)
            run_y.append(y)
        if len(run_x) > 1:
            yield run_x, run_y


def _series(kept: pd.DataFrame):
    """((indicator, series name), rows) pairs, ordered by indicator, then first year, then name.

    The series name is the reporter, with the subject added when several subjects are in view."""
    groups = []
    for (ind, rep), g in kept.groupby(["indicator", "series"], sort=False):
        groups.append(((ind, rep), g.sort_values(["x", "id"])))
    order = {n: i for i, n in enumerate(dict.fromkeys(kept["indicator"]))}
    groups.sort(key=lambda kg: (order[kg[0][0]], kg[1]["x"].min(), kg[0][1]))
    return groups


def indicator_alt_text(kept: pd.DataFrame, left: pd.DataFrame, unit: str, subject=None,
                       references: pd.DataFrame | None = None) -> str:
    """A text alternative that lists every plotted value with its reporter, period and year."""
    names = list(dict.fromkeys(kept["indicator"])) or list(dict.fromkeys(left["indicator"]))
    what = "; ".join(label_of(n) for n in names) or "no indicator"
    where = f" ({', '.join(_as_list(subject))})" if subject is not None else ""
    if not len(kept):
        text = f"Chart of {what}{where}: no values to plot."
    else:
        groups = _series(kept)
        parts = []
        for (ind, rep), g in groups:
            vals = "; ".join(f"{r.period} (year {int(r.year)}): {qualified(r.value, getattr(r, 'qualifier', None))}"
                             + ("" if r.basis in WHOLE_YEARS else " [part-year or estimate]")
                             for r in g.itertuples())
            prefix = f"{label_of(ind)}, " if len(names) > 1 else ""
            parts.append(f"{prefix}{rep}: {vals}.")
        reps, n_series = kept["reporter"].nunique(), kept["series"].nunique()
        extra = f" in {n_series} series (one per reporter and subject)" if n_series != reps else ""
        text = (f"Chart of {what}{where}, in {unit}: {plural(len(kept), 'value')} "
                f"from {plural(reps, 'reporter')}{extra}, each reporter a separate "
                f"series, never added together. " + " ".join(parts))
    if references is not None and len(references):
        refs = "; ".join(f"{r.reporter}, {r.period}: {qualified(r.value, getattr(r, 'qualifier', None))} {r.unit}"
                         for r in references.itertuples())
        text += f" Dashed horizontal lines: {refs}."
    if len(left):
        bits = "; ".join(f"{r.reporter}, {r.period}: {qualified(r.value, getattr(r, 'qualifier', None))} {r.unit} ({r.why})"
                         for r in left.sort_values(["reporter", "x", "id"]).itertuples())
        text += f" Not plotted: {bits}."
    return text


def _reference_rows(indicators: pd.DataFrame, reference, unit: str) -> pd.DataFrame | None:
    """The rows drawn as reference lines; they must exist and be in the plotted unit (or per year)."""
    if reference is None:
        return None
    refs = indicators[indicators["id"].isin(_as_list(reference))]
    missing = set(_as_list(reference)) - set(refs["id"])
    if missing:
        raise ValueError(f"no indicator rows with ids {sorted(missing)}")
    bad = refs[~refs["unit"].isin([unit, f"{unit} per year"])]
    if len(bad):
        raise ValueError(f"reference rows {list(bad['id'])} are in {sorted(set(bad['unit']))}, "
                         f"not in the plotted unit {unit!r}")
    return refs


def _legend_label(ind: str, rep: str, names: list) -> str:
    return textwrap.fill(rep if len(names) == 1 else f"{label_of(ind)} — {rep}", 62)


def _figure_for(groups: list, names: list, width: float, dpi: int):
    """A figure tall enough for its two-column legend under the axes, and the axes."""
    lines = [_legend_label(ind, rep, names).count("\n") + 1 for (ind, rep), _g in groups]
    half = int(np.ceil(len(groups) / 2))
    legend_rows = max(sum(lines[:half]), sum(lines[half:])) if groups else 0
    height = 3.6 + 0.16 * legend_rows
    fig = new_figure(width, height, dpi)
    bottom = (0.6 + 0.16 * legend_rows) / height
    return fig, fig.add_axes([0.09, bottom, 0.88, 1 - bottom - 0.42 / height])


def _draw_series(ax, groups: list, names: list) -> tuple[list, list]:
    """Each reporter's points (hollow when part-year or estimate) and the lines joining whole
    years. Returns the legend handles and the series drawn as (indicator, reporter, rows)."""
    handles, series = [], []
    reps = list(dict.fromkeys(rep for (_ind, rep), _g in groups))
    for (ind, rep), g in groups:
        r = reps.index(rep)
        colour = OKABE_ITO[r % len(OKABE_ITO)]
        # One indicator: each reporter its own colour and marker shape.
        # Several: colour = reporter, marker and line style = indicator.
        marker = MARKERS[(r if len(names) == 1 else names.index(ind)) % len(MARKERS)]
        ls = LINESTYLES[names.index(ind) % len(LINESTYLES)]
        for xs, ys in joined_runs(g):
            ax.plot(xs, ys, ls=ls, color=colour, lw=1.4, zorder=2)
        whole = g[g["basis"].isin(WHOLE_YEARS)]
        part = g[~g["basis"].isin(WHOLE_YEARS)]
        if len(whole):
            ax.scatter(whole["x"], whole["value"], s=34, c=colour, marker=marker,
                       edgecolors="#101828", linewidths=0.5, zorder=3)
        if len(part):
            ax.scatter(part["x"], part["value"], s=34, facecolors="white", marker=marker,
                       edgecolors=colour, linewidths=1.4, zorder=3)
        face = dict(markerfacecolor="white", markeredgecolor=colour) if not len(whole) else \
            dict(markerfacecolor=colour, markeredgecolor="#101828")
        joined = any(True for _ in joined_runs(g))
        handles.append(Line2D([0], [0], color=colour, ls=ls if joined else "none", marker=marker,
                              markersize=6, label=_legend_label(ind, rep, names), **face))
        series.append((ind, rep, g))
    return handles, series


def _draw_references(ax, refs: pd.DataFrame | None) -> None:
    for r in ([] if refs is None else refs.itertuples()):
        ax.axhline(r.value, color="#475467", ls=(0, (5, 3)), lw=1, zorder=1)
        ax.text(1.0, r.value, f" {qualified(r.value, getattr(r, 'qualifier', None))}: {r.period}", transform=ax.get_yaxis_transform(),
                ha="right", va="bottom", fontsize=7, color="#344054")


def _draw_axes(ax, kept: pd.DataFrame, refs: pd.DataFrame | None, unit: str) -> None:
    """Value axis from zero (when nothing is negative), whole-year ticks, labels and grid."""
    values = list(kept["value"]) + (list(refs["value"]) if refs is not None else [])
    if values and min(values) >= 0:
        ax.set_ylim(bottom=0, top=max(values) * 1.08 if max(values) > 0 else 1)
    if len(kept):
        lo, hi = np.floor(kept["x"].min()), np.ceil(kept["x"].max())
        if hi - lo < 2:
            lo, hi = lo - 1, hi + 1
        ax.set_xlim(lo - 0.3, hi + 0.3)
        step = 1 if hi - lo <= 12 else 2 if hi - lo <= 24 else 5
        lo = lo - lo % step
        ax.set_xticks(np.arange(lo, hi + 1, step))
        ax.set_xticklabels([str(int(t)) for t in np.arange(lo, hi + 1, step)], fontsize=8)
    ax.set_ylabel(unit, fontsize=9)
    ax.yaxis.set_major_formatter(lambda v, _pos: number(round(v, 6)))
    ax.tick_params(axis="y", labelsize=8)
    ax.set_xlabel("Each point sits at the middle of its period: calendar year, Pakistani fiscal "
                  "year (July–June) or Iranian year (from about 21 March). Hollow: part-year or estimate.",
                  fontsize=7)
    ax.grid(axis="y", color="#d0d5dd", lw=0.5, zorder=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def plot_indicator(indicators: pd.DataFrame, indicator_names, subject=None, unit=None,
                   reporters=None, full_years_only: bool = False, reference=None,
                   title: str | None = None, width: float = 10.0, dpi: int = 80) -> CourseFigure:
    """Draw one or more indicators as one line/marker series per reporter.

    ``indicator_names``: a name or a list of names from the ``indicator`` column. ``subject``:
    "IRN", "PAK" or "IRN-PAK" (or a list). ``unit``: plot only rows in this unit (default: the
    most common). ``reporters``: keep only these reporters. ``full_years_only``: leave out
    part-years, single months and estimates. ``reference``: ids of rows (e.g. trade targets)
    drawn as dashed horizontal lines; their unit must be the plotted unit, optionally followed
    by " per year".

    Each point sits at the middle of its period (see :func:`period_position`), so a fiscal year
    and a calendar year that overlap are drawn side by side, not on top of each other. Returns a
    figure with ``alt_text`` (every value, reporter, period and year) and ``drawn``: ``unit``,
    ``series`` (a list of ``(indicator, reporter, rows)``) and ``left_out`` (rows not plotted
    and why).
    """
    kept, left, unit = select_rows(indicators, indicator_names, subject=subject, unit=unit,
                                   reporters=reporters, full_years_only=full_years_only)
    refs = _reference_rows(indicators, reference, unit)
    groups = _series(kept)
    names = list(dict.fromkeys(kept["indicator"]))
    fig, ax = _figure_for(groups, names, width, dpi)
    handles, series = _draw_series(ax, groups, names)
    _draw_references(ax, refs)
    _draw_axes(ax, kept, refs, unit)
    what = "; ".join(label_of(n) for n in names) if names else "No values"
    where = f" ({', '.join(_as_list(subject))})" if subject is not None else ""
    ax.set_title(title or f"{what}{where}: one series per reporter", fontsize=9, loc="left")
    if handles:
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.01, 0.01), ncol=2,
                   fontsize=7, frameon=False, handlelength=2.2)
    fig.alt_text = indicator_alt_text(kept, left, unit, subject=subject, references=refs)
    fig.drawn.update(unit=unit, series=series, left_out=left)
    return fig


def rows_html(kept: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The plotted rows as an accessible table: period, year, value, unit, reporter, sources."""
    if not len(kept):
        return "<p><em>No values match these choices.</em></p>"
    body = "".join(
        f"<tr><td>{html.escape(r.reporter)}</td><td>{html.escape(str(r.period))}</td>"
        f"<td>{int(r.year)}</td><td style='text-align:right'>{qualified(r.value, getattr(r, 'qualifier', None))}</td>"
        f"<td>{html.escape(r.unit)}</td><td>{html.escape(CONFIDENCE_SHORT.get(str(r.confidence), str(r.confidence)))}</td>"
        f"<td>{source_links(r.sources, sources)}</td></tr>"
        for r in kept.sort_values(["reporter", "x", "id"]).itertuples())
    return ("<table class='bb-indicators' style='font-size:85%'><caption>Every value in the chart, "
            "with who published it</caption><thead><tr><th>Reporter</th><th>Period</th><th>Year</th>"
            "<th>Value</th><th>Unit</th><th>Confidence</th><th>Sources</th></tr></thead>"
            f"<tbody>{body}</tbody></table>")


class IndicatorExplorer(W.VBox):
    """Pick an indicator, a unit and reporters; see each reporter's figures side by side.

    ``IndicatorExplorer(indicator="exports_irn_to_pak")`` opens on that indicator; ``choices``
    sets the indicators on offer (default: the economic ones present in the data).

    ``query`` (a traitlet) is what the chart shows: indicator, unit, reporters and
    ``full_years_only``. The controls write it; the chart is drawn when it changes. A new
    indicator refills the units and the reporters inside ``hold_trait_notifications``, so the
    chart is drawn once, for the final choice, and an error while drawing leaves nothing stuck.
    """

    query = traitlets.Dict(help="what the chart shows: indicator, unit, reporters, full_years_only")

    def __init__(self, indicator: str = "exports_irn_to_pak", subject=None, unit=None,
                 full_years_only: bool = False, choices=None, indicators: pd.DataFrame | None = None,
                 width: float = 10.0):
        self.indicators = data.load_indicators() if indicators is None else indicators
        self.sources = data.load_sources()
        self.subject = subject
        self.width = width
        present = set(self.indicators["indicator"])
        offered = [c for c in (choices or ECONOMY_INDICATORS) if c in present]
        if indicator not in offered:
            offered = [indicator] + offered
        self.picker = W.Dropdown(options=[(label_of(c), c) for c in offered], value=indicator,
                                 description="Indicator", layout=W.Layout(width="420px"))
        self.unit = W.Dropdown(options=[], description="Unit", layout=W.Layout(width="300px"))
        self.full = W.Checkbox(value=full_years_only, description="Whole years only", indent=False)
        self.reporters = W.SelectMultiple(options=[], description="Reporters", rows=6,
                                          layout=W.Layout(width="95%"))
        self.image = W.Image(format="png", layout=W.Layout(width="100%"))
        self.caption = W.HTML()
        self.table = W.HTML(layout=W.Layout(max_height="320px", overflow="auto"))
        help_text = W.HTML("<small>All reporters are selected; hold Ctrl (Cmd on a Mac) and click "
                           "to leave some out.</small>")
        super().__init__([W.HBox([self.picker, self.unit, self.full]), self.reporters, help_text,
                          self.image, self.caption,
                          W.HTML("<strong>Values in view (table)</strong>"), self.table])
        self.add_class("bb-indicator-explorer")
        self.picker.observe(lambda _ch: self._fill_units(), names="value")
        self.unit.observe(lambda _ch: self._fill_reporters(), names="value")
        for w in (self.full, self.reporters):
            w.observe(lambda _ch: self._ask(), names="value")
        self._fill_units(unit)

    def _rows(self) -> pd.DataFrame:
        rows = self.indicators[self.indicators["indicator"] == self.picker.value]
        if self.subject is not None:
            rows = rows[rows["subject"].isin(_as_list(self.subject))]
        return rows

    def _fill_units(self, unit=None):
        """Offer the units of the chosen indicator (the most common first), then its reporters."""
        counts = self._rows()["unit"].value_counts()
        units = sorted(counts.index, key=lambda u: (-counts[u], u))
        with self.hold_trait_notifications():
            self.unit.options = units
            self.unit.value = unit if unit in units else (units[0] if units else None)
            self._fill_reporters()

    def _fill_reporters(self):
        """Offer, and select, every reporter of the chosen indicator in the chosen unit."""
        rows = self._rows()
        reps = sorted(set(rows[rows["unit"] == self.unit.value]["reporter"]))
        with self.hold_trait_notifications():
            self.reporters.options = reps
            self.reporters.value = tuple(reps)
            self._ask()

    def _ask(self):
        self.query = {"indicator": self.picker.value, "unit": self.unit.value,
                      "reporters": tuple(self.reporters.value), "full_years_only": self.full.value}

    @traitlets.observe("query")
    def _on_query(self, _change):
        self.refresh()

    def figure(self) -> CourseFigure:
        q = self.query
        return plot_indicator(self.indicators, q["indicator"], subject=self.subject, unit=q["unit"],
                              reporters=list(q["reporters"]), full_years_only=q["full_years_only"],
                              width=self.width)

    def refresh(self):
        fig = self.figure()
        self.alt_text = fig.alt_text
        self.image.value = figure_png(fig)
        self.caption.value = caption_html(fig.alt_text)
        series, left = fig.drawn["series"], fig.drawn["left_out"]
        kept = pd.concat([g for _, _, g in series]) if series else left.iloc[0:0]
        self.table.value = rows_html(kept, self.sources)

    def __repr__(self):
        return shorten(f"IndicatorExplorer: {self.query.get('indicator')} in {self.query.get('unit')}",
                       REPR_LIMIT)
