"""Cards: the HTML a reader sees for one record (an event, a statement, its competing accounts).

Written once here so the timeline, the statements explorer and the lesson views show a record
the same way. Pure functions: rows in, HTML out.
"""
from __future__ import annotations

import html

import pandas as pd

from beyond_borders import data
from beyond_borders.render.sources import source_links
from beyond_borders.render.style import CATEGORY_LABELS, MUTED_INK, STANCE_LABELS
from beyond_borders.render.tables import CELL_STYLE, NUMBER_STYLE
from beyond_borders.render.text import CONFIDENCE_LONG, confidence_tag, figure_range, long_date

__all__ = ["accounts_for", "accounts_html", "event_card", "statement_card", "record_ids"]


def accounts_for(event_id: str, accounts: pd.DataFrame | None = None) -> pd.DataFrame:
    """The accounts of one event: claimant, measure, figure (as text), description, sources."""
    accounts = data.load_accounts() if accounts is None else accounts
    rows = accounts[accounts["event_id"] == event_id]
    quals = rows["qualifier"] if "qualifier" in rows else [None] * len(rows)
    out = pd.DataFrame({
        "claimant": rows["claimant"],
        "measure": rows["measure"].astype(str),
        "figure": [figure_range(lo, hi, q) for lo, hi, q in zip(rows["low"], rows["high"], quals)],
        "description": rows["description"],
        "sources": rows["sources"],
    })
    return out.reset_index(drop=True)


def accounts_html(event_id: str, accounts=None, sources=None) -> str:
    """A table of who claimed what for one event, or a note that no figures are disputed."""
    table = accounts_for(event_id, accounts)
    sources = data.load_sources() if sources is None else sources
    if table.empty:
        return "<p><em>No competing figures are recorded for this event.</em></p>"
    td, fig = f"<td style='{CELL_STYLE}'>", f"<td style='{NUMBER_STYLE}'>"
    rows = "".join(
        f"<tr>{td}{html.escape(r.claimant)}</td>{td}{html.escape(r.measure.replace('_', ' '))}</td>"
        f"{fig}{html.escape(r.figure)}</td>{td}{html.escape(r.description)}</td>"
        f"{td}{source_links(r.sources, sources)}</td></tr>" for r in table.itertuples())
    head = "".join(f"<th style='{CELL_STYLE}'>{h}</th>"
                   for h in ("Claimant", "Measure", "Figure", "What they said", "Source"))
    return ("<table class='bb-accounts' style='border-collapse:collapse'><caption style='text-align:left'>"
            "Competing accounts: each figure stays with whoever gave it</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


def event_card(event: pd.Series, actors: pd.DataFrame, places: pd.DataFrame,
               sources: pd.DataFrame, accounts: pd.DataFrame) -> str:
    """The record of one event: summary, actors, place, confidence, sources, accounts."""
    names = actors.set_index("id")["name"]
    who = ", ".join(html.escape(str(names.get(a, a))) for a in data.split_ids(event["actors"]))
    place = ""
    if event["place"]:
        row = places[places["id"] == event["place"]]
        place = html.escape(row["name"].iloc[0]) if len(row) else html.escape(event["place"])
    precision = str(event["date_precision"])
    when = long_date(event["date"], precision)
    if not pd.isna(event["end_date"]):
        when += " – " + long_date(event["end_date"], precision)
    conf = CONFIDENCE_LONG[str(event["confidence"])]
    notes = f"<p><em>Note:</em> {html.escape(event['notes'])}</p>" if event["notes"] else ""
    return (f"<div class='bb-details' aria-label='Event details'>"
            f"<h4 style='margin:4px 0'>{html.escape(event['title'])}</h4>"
            f"<p><strong>{html.escape(when)}</strong> · "
            f"{html.escape(CATEGORY_LABELS.get(str(event['category']), str(event['category'])))}"
            f"{' · ' + place if place else ''}</p>"
            f"<p>{html.escape(event['summary'])}</p>"
            f"<p><strong>Actors:</strong> {who}<br><strong>Confidence:</strong> {conf}<br>"
            f"<strong>Sources:</strong> {source_links(event['sources'], sources)}"
            f"{record_ids(event, 'event')}</p>{notes}"
            f"{accounts_html(event['id'], accounts, sources)}</div>")


def statement_card(row, actors: pd.DataFrame, sources: pd.DataFrame) -> str:
    """One statement: date, speaker and role, venue, kind and stance tags, summary, quote, sources."""
    names = actors.set_index("id")["name"]
    tags = ", ".join(STANCE_LABELS.get(t, t) for t in data.split_ids(row["stance"]))
    quote = (f"<blockquote style='margin:4px 0 4px 12px;color:#344054'>“{html.escape(row['quote'])}”"
             "</blockquote>") if row["quote"] else ""
    conf = html.escape(confidence_tag(row["confidence"]))
    reply = f" · answers <code>{html.escape(row['responds_to'])}</code>" if row["responds_to"] else ""
    return (f"<div class='bb-statement' style='border-left:4px solid #0072B2;padding:4px 10px;margin:6px 0'>"
            f"<strong>{long_date(row['date'])}</strong> · {html.escape(str(names.get(row['speaker'], row['speaker'])))}"
            f" ({html.escape(row['role'])}), {html.escape(row['venue'])}<br>"
            f"<span style='color:{MUTED_INK}'>{html.escape(row['kind'])}: {html.escape(tags)}{conf}{reply}</span>"
            f"<p style='margin:4px 0'>{html.escape(row['summary'])}</p>{quote}"
            f"<small>Sources: {source_links(row['sources'], sources)}</small>{record_ids(row)}</div>")


def record_ids(row, kind: str = "statement") -> str:
    """The ids a question may ask for, as selectable text: the record's and, for a statement,
    its event's. Exercises ask "give the id of the statement that settles claim 2"; a learner
    reads and copies it here rather than in the data files.
    """
    parts = [f"{kind} id <code class='bb-id'>{html.escape(row['id'])}</code>"] if row.get("id") else []
    if kind == "statement" and row.get("event_id"):
        parts.append(f"event id <code class='bb-id'>{html.escape(row['event_id'])}</code>")
    return f"<br><small style='color:{MUTED_INK}'>{' · '.join(parts)}</small>" if parts else ""
