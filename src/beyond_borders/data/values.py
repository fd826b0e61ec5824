"""One cell against its field in datapackage.json: required, type, range, enum, pattern.

These are the Table Schema's own rules, applied with messages an instructor can act on
("expected a date as YYYY-MM-DD, got '2024-13-01'") rather than a parser's traceback.
"""
from __future__ import annotations

import datetime as dt
import re

from beyond_borders.data.errors import fail

__all__ = ["check_value"]

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_value(table: str, line: int, rid: str, field: dict, value: str) -> None:
    """Raise DataError if ``value`` breaks ``field``'s type or constraints."""
    name, ftype = field["name"], field.get("type", "string")
    cons = field.get("constraints", {})
    where = (table, line, rid, name)
    if value == "":
        if cons.get("required"):
            fail(*where, "a value is required but the cell is empty")
        return
    if value != value.strip():
        fail(*where, f"remove the spaces around {value!r}")
    if ftype == "date":
        _check_date(where, value)
    elif ftype in ("number", "integer"):
        _check_number(where, ftype, cons, value)
    if "enum" in cons and value not in cons["enum"]:
        fail(*where, f"expected one of {', '.join(cons['enum'])}; got {value!r}")
    if "pattern" in cons and not re.fullmatch(cons["pattern"], value):
        fail(*where, f"{value!r} does not match the pattern {cons['pattern']}")


def _check_date(where: tuple, value: str) -> None:
    try:
        dt.date.fromisoformat(value)
        ok = bool(ISO_DAY.fullmatch(value))  # fromisoformat also takes '20240116'
    except ValueError:
        ok = False
    if not ok:
        fail(*where, f"expected a date as YYYY-MM-DD, got {value!r}")


def _check_number(where: tuple, ftype: str, cons: dict, value: str) -> None:
    try:
        num = int(value) if ftype == "integer" else float(value)
    except ValueError:
        kind = "a whole number" if ftype == "integer" else "a number"
        fail(*where, f"expected {kind} (no commas or units), got {value!r}")
    if "minimum" in cons and num < cons["minimum"]:
        fail(*where, f"expected at least {cons['minimum']}, got {value}")
    if "maximum" in cons and num > cons["maximum"]:
        fail(*where, f"expected at most {cons['maximum']}, got {value}")
