"""How a figure was given: "more than 1,000" is not "1,001", and "about 30" is not "30".

A source's qualifier is part of the figure. The data keep the number the source printed and the
qualifier beside it (``qualifier`` in accounts.csv and indicators.csv), so nothing downstream
has to invent a bound; render/text.py words the pair back as the source gave it.
"""
from __future__ import annotations

from beyond_borders.data.errors import fail

__all__ = ["QUALIFIERS", "check_qualifier"]

# qualifier -> which bound it needs: "low" (low only), "high" (high only), "both" (low and high).
QUALIFIERS = {"about": "both", "nearly": "both", "more_than": "low", "at_least": "low",
              "up_to": "high", "less_than": "high"}

_NEEDS = {"low": "a low figure and no high one", "high": "a high figure and no low one",
          "both": "low and high figures (the same number when one figure was given)"}


def check_qualifier(table: str, line: int, rid: str, qualifier: str, low: str, high: str) -> None:
    """Raise DataError when the qualifier and the bounds that are filled in disagree.

    With no qualifier a figure is exact: both bounds (equal, or a range as given) or neither
    (a claim without a figure). A lone bound therefore always says why it is alone.
    """
    filled = ("low" if low else "") + ("high" if high else "")
    shape = {"": "none", "low": "low", "high": "high", "lowhigh": "both"}[filled]
    if not qualifier:
        if shape in ("low", "high"):
            fail(table, line, rid, "qualifier",
                 f"only a {shape} figure is given: say how the source put it "
                 f"({', '.join(q for q, s in QUALIFIERS.items() if s == shape)})")
        return
    if QUALIFIERS[qualifier] != shape:
        fail(table, line, rid, "qualifier", f"{qualifier!r} needs {_NEEDS[QUALIFIERS[qualifier]]}")
