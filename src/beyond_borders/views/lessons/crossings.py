"""Which Iran–Pakistan crossing was open or closed on a date, as far as the sources say.

The observations are data, ``datasets/crossing_status.csv``, loaded and validated with every
other table by :func:`beyond_borders.data.load_crossing_status`: one row per crossing and date,
with the status the sources report for ordinary travellers ("open", "closed" or "unknown"), the
event it belongs to, its sources and a note on what exactly was reported (who could still
cross, caveats). The rule is simple and stated wherever the map is shown: a crossing keeps the
status of its latest observation on or before the chosen date; before its first observation it
is "unknown". Where the record breaks off, the table holds an explicit "unknown" row.

``crossing_status_on`` and ``status_basis_on`` are pure; ``CrossingsMap`` is a thin widget: a
date slider, ``maps.border_map(crossing_status=...)`` rendered as PNG bytes into an
``ipywidgets.Image``, and a text table saying what each colour rests on.
"""
from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd

from beyond_borders import data
from beyond_borders.render.figures import caption_html, figure_png
from beyond_borders.render.sources import source_links
from beyond_borders.render.text import day, plural
from beyond_borders.views.maps import border_map

__all__ = ["crossing_status_on", "status_basis_on", "describe_status", "status_table_html",
           "status_summary", "CrossingsMap"]

BASIS_COLUMNS = ["place", "name", "status", "since", "id", "event_id", "sources", "notes"]
# Text colours for the table (the map's grey is too light for text on white).
# Darker than the map's fills so the words meet WCAG AA (>= 4.5:1) on white.
STATUS_TEXT_COLOUR = {"open": "#067647", "closed": "#b93815", "unknown": "#667085"}
REPR_LIMIT = 109  # ipywidgets cuts a widget's text/plain at 110 characters


def _ts(value) -> pd.Timestamp:
    return pd.Timestamp(value).normalize()


def _crossings(observations: pd.DataFrame, crossings=None) -> pd.DataFrame:
    """Crossing ids and names, in the order of places.csv (plus any only in the observations)."""
    places = data.load_places()
    if crossings is not None:
        ids = list(crossings)
    else:
        ids = list(places.loc[places["kind"] == "crossing", "id"])
        ids += [p for p in dict.fromkeys(observations["place"]) if p not in ids]
    names = places.set_index("id")["name"]
    return pd.DataFrame({"place": ids, "name": [str(names.get(i, i)) for i in ids]})


def status_basis_on(date, observations: pd.DataFrame | None = None, crossings=None) -> pd.DataFrame:
    """One row per crossing: its status on ``date`` and the observation it rests on.

    Columns: place, name, status, since (the observation's date, NaT if none), id, event_id,
    sources, notes. A crossing with no observation on or before ``date`` is "unknown".
    """
    obs = data.load_crossing_status() if observations is None else observations
    known = obs[pd.to_datetime(obs["date"]) <= _ts(date)].sort_values("date", kind="stable")
    latest = known.groupby("place", sort=False).tail(1).set_index("place")
    none = {"status": "unknown", "since": pd.NaT, "id": "", "event_id": "", "sources": "", "notes": ""}
    rows = []
    for r in _crossings(obs, crossings).itertuples(index=False):
        row = {"place": r.place, "name": r.name, **none}
        if r.place in latest.index:
            o = latest.loc[r.place]
            row.update(status=str(o["status"]), since=pd.Timestamp(o["date"]), id=o["id"],
                       event_id=o["event_id"], sources=o["sources"], notes=o["notes"])
        rows.append(row)
    return pd.DataFrame(rows, columns=BASIS_COLUMNS)


def crossing_status_on(date, observations: pd.DataFrame | None = None, crossings=None) -> dict[str, str]:
    """{crossing place id: "open" | "closed" | "unknown"} on ``date``, as far as the sources say."""
    basis = status_basis_on(date, observations, crossings)
    return dict(zip(basis["place"], basis["status"]))


def _age(on: pd.Timestamp, since: pd.Timestamp, status: str = "") -> str:
    """How old the observation behind a status is, in words."""
    if pd.isna(since):
        return "no report in the course data on or before this date"
    days = (on - since).days
    earlier = f", {plural(days, 'day')} earlier"
    if status == "unknown":
        return f"unknown from {day(since)}" + (earlier if days else "")
    if days == 0:
        return f"reported for {day(since)}"
    return f"last report {day(since)}" + earlier


def describe_status(date, basis: pd.DataFrame | None = None) -> list[str]:
    """One plain line per crossing, for screen readers and the text alternative."""
    on = _ts(date)
    basis = status_basis_on(on) if basis is None else basis
    return [f"{r.name}: {r.status} ({_age(on, r.since, r.status)})" for r in basis.itertuples(index=False)]


def _status_row(r, on: pd.Timestamp, titles: pd.Series, sources: pd.DataFrame) -> str:
    """One crossing's row: name, status, age of the report, what the sources say."""
    if r.event_id:
        title = html.escape(str(titles.get(r.event_id, r.event_id)))
        what = (f"{html.escape(r.notes)}<br><small>Event: {title} (<code>{html.escape(r.event_id)}"
                f"</code>). Sources: {source_links(r.sources, sources)}</small>")
    else:
        what = "<em>No observation in the course data on or before this date.</em>"
    return (f"<tr><td>{html.escape(r.name)}</td>"
            f"<td style='color:{STATUS_TEXT_COLOUR[r.status]};font-weight:bold'>{html.escape(r.status)}</td>"
            f"<td>{html.escape(_age(on, r.since, r.status))}</td><td>{what}</td></tr>")


def status_table_html(date, basis: pd.DataFrame | None = None, events: pd.DataFrame | None = None,
                      sources: pd.DataFrame | None = None) -> str:
    """A table: each crossing, its status, how old the report is, what it says, and its sources."""
    on = _ts(date)
    basis = status_basis_on(on) if basis is None else basis
    titles = (data.load_events() if events is None else events).set_index("id")["title"]
    sources = data.load_sources() if sources is None else sources
    body = "".join(_status_row(r, on, titles, sources) for r in basis.itertuples(index=False))
    return ("<table class='bb-crossings' style='font-size:90%;border-collapse:collapse'>"
            f"<caption style='text-align:left'><strong>Crossings on {day(on)}</strong>: status for "
            "ordinary travellers, carried forward from the latest report</caption>"
            "<thead><tr><th>Crossing</th><th>Status</th><th>Based on</th><th>What the sources say</th>"
            "</tr></thead><tbody>" + body + "</tbody></table>")


def status_summary(date, basis: pd.DataFrame) -> str:
    """'CrossingsMap on 13 June 2025: Taftan–Mirjaveh open; …', within ipywidgets' 110 characters.

    Names drop their trailing ' crossing'; if the line is still too long it gives counts instead.
    """
    head = f"CrossingsMap on {day(date)}: "
    line = head + "; ".join(f"{r.name.removesuffix(' crossing')} {r.status}"
                            for r in basis.itertuples(index=False))
    if len(line) <= REPR_LIMIT:
        return line
    counts = basis["status"].value_counts()
    return head + ", ".join(f"{counts.get(s, 0)} {s}" for s in ("open", "closed", "unknown"))


class CrossingsMap(W.VBox):
    """Pick a date; see which crossings were open, closed or unknown, and why.

    ``CrossingsMap(date="2025-06-15")`` opens on that date. The slider offers every date on
    which the course data has an observation, plus any ``dates`` you pass (e.g. the day a
    war began), so a learner can compare the days before and after a measure.
    """

    def __init__(self, date=None, dates=None, observations: pd.DataFrame | None = None,
                 width: float = 7.5):
        self.observations = data.load_crossing_status() if observations is None else observations
        self.events = data.load_events()
        self.sources = data.load_sources()
        self.width = width
        wanted = [_ts(d) for d in (dates or [])] + ([_ts(date)] if date is not None else [])
        days = sorted(set(pd.to_datetime(self.observations["date"])) | set(wanted))
        self.slider = W.SelectionSlider(options=[(f"{d.day} {d:%b %Y}", d) for d in days],
                                        value=_ts(date) if date is not None else days[0],
                                        description="Date", continuous_update=False,
                                        layout=W.Layout(width="95%"))
        self.image = W.Image(format="png", layout=W.Layout(width="75%"))
        self.caption = W.HTML()
        self.table = W.HTML()
        self.slider.observe(lambda _ch: self.refresh(), names="value")
        note = W.HTML("<small>Green: open · orange: closed · grey: unknown, for ordinary travellers. "
                      "A status is carried forward from the latest report until the next one; the "
                      "table says how old that report is.</small>")
        super().__init__([self.slider, note, self.image, self.caption, self.table])
        self.add_class("bb-crossings-map")
        self.refresh()

    @property
    def date(self) -> pd.Timestamp:
        return self.slider.value

    def status(self) -> dict[str, str]:
        return crossing_status_on(self.date, self.observations)

    def render_png(self) -> bytes:
        fig = border_map(crossing_status=self.status(), width=self.width,
                         title=f"Crossings on {day(self.date)}, as the sources report")
        self.alt_text = fig.alt_text
        return figure_png(fig)

    def refresh(self):
        basis = status_basis_on(self.date, self.observations)
        self.image.value = self.render_png()
        self.caption.value = caption_html(self.alt_text)
        self.table.value = status_table_html(self.date, basis, self.events, self.sources)

    def __repr__(self):
        return status_summary(self.date, status_basis_on(self.date, self.observations))
