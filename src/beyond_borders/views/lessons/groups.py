"""Who the armed groups are: a compact table built from the actors of kind ``militant_group``.

``group_rows`` is pure (actors and events in, one row per group out) and ``groups_html``
renders it. ``groups_table`` wraps the result in a small object that shows as an HTML table in
a notebook and as a plain-text list elsewhere (its text form is what nbval compares, and what a
screen reader can use). The table only repeats what ``datasets/actors.csv`` says about each
group and counts the group's events in ``datasets/events.csv``; it adds no judgement of its own.
"""
from __future__ import annotations

import html

import pandas as pd

from beyond_borders import data

__all__ = ["group_rows", "groups_html", "groups_text", "groups_table", "GroupsTable"]

COLUMNS = ["id", "name", "description", "notes", "events", "first_year", "last_year", "latest"]


def group_rows(actors: pd.DataFrame | None = None, events: pd.DataFrame | None = None,
               ids=None) -> pd.DataFrame:
    """One row per armed group: name, description and notes from actors.csv, plus the number of
    course events that name the group, the years of the first and latest of them, and the title
    of the latest.

    ``ids`` chooses and orders the groups; by default every actor of kind ``militant_group`` is
    listed in the order of actors.csv. Unknown ids and actors of another kind are left out.
    """
    actors = data.load_actors() if actors is None else actors
    events = data.load_events() if events is None else events
    groups = actors[actors["kind"].astype(str) == "militant_group"].set_index("id")
    order = list(groups.index) if ids is None else [i for i in ids if i in groups.index]
    ev = events.sort_values(["date", "id"])
    involved = ev["actors"].map(lambda s: set(data.split_ids(s)))
    rows = []
    for gid in order:
        g = groups.loc[gid]
        mine = ev[involved.map(lambda s, gid=gid: gid in s)]
        rows.append({
            "id": gid,
            "name": g["name"],
            "description": g["role"] if isinstance(g["role"], str) else "",
            "notes": g["notes"] if isinstance(g["notes"], str) else "",
            "events": len(mine),
            "first_year": int(mine["date"].iloc[0].year) if len(mine) else None,
            "last_year": int(mine["date"].iloc[-1].year) if len(mine) else None,
            "latest": mine["title"].iloc[-1] if len(mine) else "",
        })
    return pd.DataFrame(rows, columns=COLUMNS, dtype=object)  # keeps None for "no events"


def _span(row) -> str:
    if not row["events"]:
        return "none"
    years = (str(row["first_year"]) if row["first_year"] == row["last_year"]
             else f"{row['first_year']}–{row['last_year']}")
    return f"{row['events']} ({years})"


def groups_html(rows: pd.DataFrame) -> str:
    """An accessible HTML table (caption, header cells) of the rows from :func:`group_rows`."""
    if rows.empty:
        return "<p><em>No armed groups match.</em></p>"
    body = "".join(
        f"<tr><th scope='row' style='text-align:left'>{html.escape(r['name'])}</th>"
        f"<td>{html.escape(r['description']) or '—'}</td>"
        f"<td>{html.escape(r['notes']) or '—'}</td>"
        f"<td style='text-align:right'>{html.escape(_span(r))}</td>"
        f"<td>{html.escape(r['latest']) or '—'}</td></tr>"
        for _, r in rows.iterrows())
    return ("<table class='bb-groups'><caption>Armed groups in the course data: what the data "
            "says about each, and how often it appears on the timeline</caption><thead><tr>"
            "<th scope='col'>Group</th><th scope='col'>Description</th><th scope='col'>Notes</th>"
            "<th scope='col'>Events (years)</th><th scope='col'>Latest event naming it</th>"
            f"</tr></thead><tbody>{body}</tbody></table>")


def groups_text(rows: pd.DataFrame) -> str:
    """The same content as plain text, one line per group."""
    lines = [f"Armed groups in the course data ({len(rows)})"]
    for _, r in rows.iterrows():
        desc = f": {r['description']}" if r["description"] else ""
        lines.append(f"- {r['name']}{desc}. Events: {_span(r)}.")
    return "\n".join(lines)


class GroupsTable:
    """Shows as an HTML table in a notebook and as a plain list in text form."""

    def __init__(self, rows: pd.DataFrame):
        self.rows = rows

    def __len__(self):
        return len(self.rows)

    def __repr__(self):
        return groups_text(self.rows)

    def _repr_html_(self):
        return groups_html(self.rows)


def groups_table(ids=None) -> GroupsTable:
    """The 'who are the groups' table from the course data (``ids`` chooses and orders groups)."""
    return GroupsTable(group_rows(ids=ids))
