"""Which Iran–Pakistan crossing was open or closed on a date, as far as the sources say.

The observations are data, in ``datasets/crossing_status.csv``: one row per crossing and date,
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
from functools import lru_cache
from pathlib import Path

import ipywidgets as W
import pandas as pd

from beyond_borders import data

__all__ = ["load_crossing_status", "crossing_status_on", "status_basis_on", "describe_status",
           "status_table_html", "CrossingsMap"]

TABLE = "crossing_status"
STATUSES = ("open", "closed", "unknown")


def _ts(value) -> pd.Timestamp:
    return pd.Timestamp(value).normalize()


def _day(ts: pd.Timestamp) -> str:
    """'15 June 2025' (no platform-specific strftime flags)."""
    return f"{ts.day} {ts:%B %Y}"


@lru_cache(maxsize=4)
def _validated(directory: str) -> pd.DataFrame:
    path = Path(directory)
    sch = data.schema(TABLE, path)
    rows = data._read_rows(TABLE, path)
    places = data.load_places(path)
    crossing_ids = set(places.loc[places["kind"] == "crossing", "id"])
    event_ids = set(data.load_events(path)["id"])
    source_ids = set(data.load_sources(path)["id"])
    seen, seen_day = {}, {}
    for line, row in rows:
        rid = row["id"]
        for field in sch["fields"]:
            data._check_value(TABLE, line, rid, field, row[field["name"]])
        if rid in seen:
            data._fail(TABLE, line, rid, "id", f"duplicate id; first used on row {seen[rid]}")
        seen[rid] = line
        if row["place"] not in crossing_ids:
            data._fail(TABLE, line, rid, "place",
                       f"{row['place']!r} is not a crossing in places.csv (kind 'crossing')")
        key = (row["place"], row["date"])
        if key in seen_day:
            data._fail(TABLE, line, rid, "date", f"{row['place']} already has an observation on "
                       f"{row['date']} (row {seen_day[key]}); give one status per crossing and day")
        seen_day[key] = line
        if row["event_id"] not in event_ids:
            data._fail(TABLE, line, rid, "event_id", f"{row['event_id']!r} is not an id in events.csv")
        for ref in data.split_ids(row["sources"]):
            if ref not in source_ids:
                data._fail(TABLE, line, rid, "sources", f"{ref!r} is not an id in sources.csv")
    df = pd.DataFrame([r for _, r in rows], columns=[f["name"] for f in sch["fields"]])
    df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
    return df.sort_values(["date", "place"], kind="stable").reset_index(drop=True)


def load_crossing_status(directory=None) -> pd.DataFrame:
    """The dated status observations, checked against datapackage.json and the other tables.

    Raises :class:`beyond_borders.DataError` naming the row and column of a bad value.
    """
    return _validated(str(directory or data.data_dir())).copy()


def _crossings(observations: pd.DataFrame, crossings=None) -> pd.DataFrame:
    """Crossing ids and names, in the order of places.csv (plus any only in the observations)."""
    if crossings is not None:
        ids = list(crossings)
    else:
        places = data.load_places()
        ids = list(places.loc[places["kind"] == "crossing", "id"])
        ids += [p for p in dict.fromkeys(observations["place"]) if p not in ids]
    names = data.load_places().set_index("id")["name"]
    return pd.DataFrame({"place": ids, "name": [str(names.get(i, i)) for i in ids]})


def status_basis_on(date, observations: pd.DataFrame | None = None, crossings=None) -> pd.DataFrame:
    """One row per crossing: its status on ``date`` and the observation it rests on.

    Columns: place, name, status, since (the observation's date, NaT if none), id, event_id,
    sources, notes. A crossing with no observation on or before ``date`` is "unknown".
    """
    obs = load_crossing_status() if observations is None else observations
    day = _ts(date)
    known = obs[pd.to_datetime(obs["date"]) <= day].sort_values("date", kind="stable")
    latest = known.groupby("place", sort=False).tail(1).set_index("place")
    out = _crossings(obs, crossings)
    rows = []
    for r in out.itertuples(index=False):
        if r.place in latest.index:
            o = latest.loc[r.place]
            rows.append({"place": r.place, "name": r.name, "status": o["status"],
                         "since": pd.Timestamp(o["date"]), "id": o["id"], "event_id": o["event_id"],
                         "sources": o["sources"], "notes": o["notes"]})
        else:
            rows.append({"place": r.place, "name": r.name, "status": "unknown", "since": pd.NaT,
                         "id": "", "event_id": "", "sources": "", "notes": ""})
    return pd.DataFrame(rows, columns=["place", "name", "status", "since", "id", "event_id",
                                       "sources", "notes"])


def crossing_status_on(date, observations: pd.DataFrame | None = None, crossings=None) -> dict[str, str]:
    """{crossing place id: "open" | "closed" | "unknown"} on ``date``, as far as the sources say."""
    basis = status_basis_on(date, observations, crossings)
    return dict(zip(basis["place"], basis["status"]))


def _age(day: pd.Timestamp, since: pd.Timestamp, status: str = "") -> str:
    """How old the observation behind a status is, in words."""
    if pd.isna(since):
        return "no report in the course data on or before this date"
    days = (day - since).days
    if status == "unknown":
        return (f"unknown from {_day(since)}" if days == 0 else
                f"unknown from {_day(since)}, {days} day{'s' if days != 1 else ''} earlier")
    if days == 0:
        return f"reported for {_day(since)}"
    return f"last report {_day(since)}, {days} day{'s' if days != 1 else ''} earlier"


def describe_status(date, basis: pd.DataFrame | None = None) -> list[str]:
    """One plain line per crossing, for screen readers and the text alternative."""
    day = _ts(date)
    basis = status_basis_on(day) if basis is None else basis
    return [f"{r.name}: {r.status} ({_age(day, r.since, r.status)})" for r in basis.itertuples(index=False)]


def status_table_html(date, basis: pd.DataFrame | None = None, events: pd.DataFrame | None = None,
                      sources: pd.DataFrame | None = None) -> str:
    """A table: each crossing, its status, how old the report is, what it says, and its sources."""
    from beyond_borders.render.sources import source_links
    day = _ts(date)
    basis = status_basis_on(day) if basis is None else basis
    events = data.load_events() if events is None else events
    sources = data.load_sources() if sources is None else sources
    titles = events.set_index("id")["title"]
    colour = {"open": "#009E73", "closed": "#D55E00", "unknown": "#667085"}
    body = []
    for r in basis.itertuples(index=False):
        if r.event_id:
            what = (f"{html.escape(r.notes)}<br><small>Event: {html.escape(str(titles.get(r.event_id, r.event_id)))} "
                    f"(<code>{html.escape(r.event_id)}</code>). Sources: {source_links(r.sources, sources)}</small>")
        else:
            what = "<em>No observation in the course data on or before this date.</em>"
        body.append(f"<tr><td>{html.escape(r.name)}</td>"
                    f"<td style='color:{colour[r.status]};font-weight:bold'>{html.escape(r.status)}</td>"
                    f"<td>{html.escape(_age(day, r.since, r.status))}</td><td>{what}</td></tr>")
    return ("<table class='bb-crossings' style='font-size:90%;border-collapse:collapse'>"
            f"<caption style='text-align:left'><strong>Crossings on {_day(day)}</strong>: status for "
            "ordinary travellers, carried forward from the latest report</caption>"
            "<thead><tr><th>Crossing</th><th>Status</th><th>Based on</th><th>What the sources say</th>"
            "</tr></thead><tbody>" + "".join(body) + "</tbody></table>")


class CrossingsMap(W.VBox):
    """Pick a date; see which crossings were open, closed or unknown, and why.

    ``CrossingsMap(date="2025-06-15")`` opens on that date. The slider offers every date on
    which the course data has an observation, plus any ``dates`` you pass (e.g. the day a
    war began), so a learner can compare the days before and after a measure.
    """

    def __init__(self, date=None, dates=None, observations: pd.DataFrame | None = None,
                 width: float = 7.5):
        self.observations = load_crossing_status() if observations is None else observations
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
        from beyond_borders.views.maps import border_map
        from beyond_borders.render.figures import figure_png
        fig = border_map(crossing_status=self.status(), width=self.width,
                         title=f"Crossings on {_day(self.date)}, as the sources report")
        self.alt_text = fig.alt_text
        return figure_png(fig)

    def refresh(self):
        basis = status_basis_on(self.date, self.observations)
        self.image.value = self.render_png()
        self.caption.value = (f"<p class='bb-alt' style='font-size:90%'><em>Text alternative:</em> "
                              f"{html.escape(self.alt_text)}</p>")
        self.table.value = status_table_html(self.date, basis, self.events, self.sources)

    def __repr__(self):
        basis = status_basis_on(self.date, self.observations)
        parts = "; ".join(f"{r.name} {r.status}" for r in basis.itertuples(index=False))
        return f"CrossingsMap on {_day(self.date)}: {parts}"

