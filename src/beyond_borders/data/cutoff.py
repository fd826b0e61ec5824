"""The course's evidence cut-off: one date, declared once and checked against the data.

``datapackage.json`` declares ``evidence_cutoff``; it must equal the latest date of any event
(start or end) or statement, so the course can never claim to know less, or more, than its
rows. Lessons and guides state the same day in words (``render.text.day``), and
``tests/test_cutoff.py`` fails when one of them states another.
"""
from __future__ import annotations

from beyond_borders.data.errors import DataError

__all__ = ["latest_dated_item", "check_cutoff"]


def latest_dated_item(tables: dict) -> tuple[str, str, str]:
    """``(date, table, id)`` of the latest dated event or statement (raw rows, ISO text)."""
    items = [(d, "events", r["id"])
             for _, r in tables["events"] for d in (r["date"], r["end_date"]) if d]
    items += [(r["date"], "statements", r["id"]) for _, r in tables["statements"]]
    return max(items)


def check_cutoff(tables: dict, declared: str | None) -> None:
    """Raise DataError unless the declared cut-off is the latest dated item."""
    date, table, rid = latest_dated_item(tables)
    if declared != date:
        raise DataError(
            f"datapackage.json: evidence_cutoff is {declared!r} but the latest dated item is "
            f"{date} ({table}.csv, id {rid!r}); set evidence_cutoff to {date!r} and update every "
            "place the course states its cut-off (tests/test_cutoff.py lists them)")
