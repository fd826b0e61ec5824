"""Reading one CSV of the package into numbered rows, refusing files a spreadsheet mangled.

Rows keep the line number a spreadsheet shows, so every later message can point at the row.
"""
from __future__ import annotations

import csv
from pathlib import Path

from beyond_borders.data.descriptor import field_names
from beyond_borders.data.errors import DataError, fail

__all__ = ["read_rows"]

Rows = list[tuple[int, dict]]


def read_rows(table: str, directory: Path) -> Rows:
    """``[(line, {column: text})]`` for ``table``.csv, after checking its header and widths."""
    path = directory / f"{table}.csv"
    fields = field_names(table, directory)
    try:
        fh = path.open(encoding="utf-8", newline="")
    except FileNotFoundError:
        raise DataError(f"{table}.csv: file not found in {directory}") from None
    with fh:
        reader = csv.reader(fh, strict=True)
        try:
            _check_header(table, next(reader, None), fields)
            return _body(table, reader, fields)
        except UnicodeDecodeError:
            raise DataError(f"{table}.csv: not UTF-8 text; save the file as UTF-8") from None
        except csv.Error as exc:
            raise DataError(f"{table}.csv, row {reader.line_num}: malformed CSV ({exc})") from None


def _check_header(table: str, header: list[str] | None, fields: list[str]) -> None:
    if header is None:
        raise DataError(f"{table}.csv: the file is empty; expected a header row "
                        f"with columns {', '.join(fields)}")
    if header == fields:
        return
    missing = [f for f in fields if f not in header]
    extra = [h for h in header if h not in fields]
    detail = []
    if missing:
        detail.append("missing " + ", ".join(missing))
    if extra:
        detail.append("unexpected " + ", ".join(extra))
    raise DataError(f"{table}.csv, row 1 (header): expected columns {', '.join(fields)}; "
                    + ("; ".join(detail) or "columns out of order"))


def _body(table: str, reader, fields: list[str]) -> Rows:
    rows = []
    for values in reader:
        if not values:
            continue
        if len(values) != len(fields):
            fail(table, reader.line_num, values[0], None,
                 f"expected {len(fields)} values, found {len(values)} "
                 "(a missing or extra comma, or an unquoted comma inside a text)")
        rows.append((reader.line_num, dict(zip(fields, values))))
    return rows
