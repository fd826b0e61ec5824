"""The timeline explorer's data as plain JSON records, and the one filter both views share.

The browser-drawn explorer (``views.explorer``) receives these records once and filters them in
the page; Python filters the same records with ``view_ids`` so ``TimelineExplorer.in_view()``,
the static figure (``views.timeline_static``) and the page always agree on what is in view.
The search text of a record is built here and in the page from the same fields, by the same
rule: lower-cased title, summary, place and actor names; every word of the query must occur.
"""
from __future__ import annotations

import math

import pandas as pd

from beyond_borders import data
from beyond_borders.data.semantics import PERIOD
from beyond_borders.render.sources import usable_url
from beyond_borders.render.style import CATEGORY_LABELS, category_style
from beyond_borders.render.text import CONFIDENCE_LONG, figure_range, iso_date, long_date

__all__ = ["event_records", "era_records", "lane_records", "actor_options", "search_text",
           "view_ids", "overall_span"]


def _text(value) -> str:
    """A cell as text: missing values (NaN, None, NaT) become ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    return str(value)


def _source_pairs(ids, sources: dict) -> list[list[str]]:
    """[[label, url], …] for a ';'-separated string of source ids; unknown ids keep no url."""
    pairs = []
    for sid in data.split_ids(_text(ids)):
        s = sources.get(sid)
        if s is None:
            pairs.append([sid, ""])
        else:
            date = f", {s['published']}" if s["published"] else ""
            pairs.append([f"{s['outlet']}{date}", usable_url(s["url"])])
    return pairs


def _accounts_by_event(accounts: pd.DataFrame, sources: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for r in accounts.itertuples(index=False):
        found.setdefault(r.event_id, []).append({
            "claimant": _text(r.claimant), "measure": _text(r.measure).replace("_", " "),
            "figure": figure_range(r.low, r.high), "description": _text(r.description),
            "sources": _source_pairs(r.sources, sources)})
    return found


def event_records(events: pd.DataFrame, places: pd.DataFrame, sources: pd.DataFrame,
                  accounts: pd.DataFrame) -> list[dict]:
    """One JSON-ready dict per event, in date order: what the page draws, lists and shows."""
    place_names = dict(zip(places["id"], places["name"]))
    by_source = {r["id"]: r for r in sources.to_dict("records")}
    by_event = _accounts_by_event(accounts, by_source)
    ordered = events.sort_values(["date", "id"], kind="stable")
    records = []
    for r in ordered.to_dict("records"):
        precision = _text(r.get("date_precision")) or "day"
        when = long_date(r["date"], precision)
        if not pd.isna(r.get("end_date")):
            when += " – " + long_date(r["end_date"], precision)
        place = _text(r.get("place"))
        records.append({
            "id": r["id"], "date": f"{r['date']:%Y-%m-%d}", "iso": iso_date(r["date"], precision),
            "when": when, "title": _text(r["title"]), "summary": _text(r.get("summary")),
            "category": _text(r["category"]), "actors": data.split_ids(_text(r.get("actors"))),
            "place": place_names.get(place, place),
            "confidence": CONFIDENCE_LONG.get(_text(r.get("confidence")), _text(r.get("confidence"))),
            "sources": _source_pairs(r.get("sources"), by_source), "notes": _text(r.get("notes")),
            "accounts": by_event.get(r["id"], [])})
    return records


def era_records(eras: pd.DataFrame) -> list[dict]:
    return [{"id": r.id, "label": r.label, "start": f"{r.start:%Y-%m-%d}", "end": f"{r.end:%Y-%m-%d}"}
            for r in eras.itertuples(index=False)]


def lane_records(categories) -> list[dict]:
    """The lanes in the course's order, each with its label, colour and marker (as in the
    printed figure: colour is never the only cue)."""
    present = set(categories)
    lanes = []
    for c in CATEGORY_LABELS:
        if c in present:
            colour, marker = category_style(c)
            lanes.append({"id": c, "label": CATEGORY_LABELS[c], "colour": colour, "marker": marker})
    return lanes


def actor_options(records: list[dict], actors: pd.DataFrame) -> list[list[str]]:
    """[[id, name], …] of the actors the records involve, sorted by name."""
    names = dict(zip(actors["id"], actors["name"]))
    involved = {a for r in records for a in r["actors"]}
    return sorted(([a, str(names.get(a, a))] for a in involved), key=lambda p: (p[1].lower(), p[0]))


def search_text(record: dict, names: dict[str, str]) -> str:
    """What a text search looks in (the page builds the same string)."""
    parts = [record["title"], record["summary"], record["place"],
             *(names.get(a, a) for a in record["actors"])]
    return " ".join(parts).lower()


def view_ids(records: list[dict], names: dict[str, str], categories=None, actor: str = "",
             query: str = "", start: str | None = None, end: str | None = None) -> list[str]:
    """Ids of the records in view, in date order: in one of ``categories`` (None: all),
    involving ``actor`` ('' : any), matching every word of ``query``, dated within [start, end]."""
    cats = None if categories is None else set(categories)
    words = query.lower().split()
    out = []
    for r in records:
        if cats is not None and r["category"] not in cats:
            continue
        if actor and actor not in r["actors"]:
            continue
        if (start and r["date"] < start) or (end and r["date"] > end):
            continue
        if words:
            text = search_text(r, names)
            if not all(w in text for w in words):
                continue
        out.append(r["id"])
    return out


def overall_span(records: list[dict]) -> list[str]:
    """The overview strip's range: whole years around the data (1947–2026 for the course)."""
    if not records:
        return list(PERIOD)
    return [records[0]["date"][:4] + "-01-01", records[-1]["date"][:4] + "-12-31"]
