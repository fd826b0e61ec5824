"""Source addresses that the record cut short ('https://menafn.com/1107725116/...').

Such an address leads nowhere, so a reader must be told it is incomplete and why. The research
brief gave 36 of them; most were recovered from stored copies of the same article, and the rest
must say in ``notes`` that the full address could not be recovered, so none passes silently.
"""
from __future__ import annotations

from beyond_borders.data.errors import fail

__all__ = ["UNRECOVERED", "is_cut_short", "check_addresses"]

ELLIPSES = ("...", "…")
UNRECOVERED = "could not be recovered"  # the phrase a cut-short address's notes must contain


def is_cut_short(url: str) -> bool:
    """True when the address was cut short anywhere, at its end or inside it."""
    return any(mark in str(url or "") for mark in ELLIPSES)


def check_addresses(tables: dict) -> None:
    for line, row in tables["sources"]:
        if is_cut_short(row["url"]) and UNRECOVERED not in row["notes"]:
            fail("sources", line, row["id"], "url",
                 "this address was cut short ('...'): give the full address, or say in notes "
                 f"that the full address {UNRECOVERED}")
