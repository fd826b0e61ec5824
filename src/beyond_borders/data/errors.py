"""DataError, and the one wording of where a bad value is: 'file, row, id, column: what is wrong'.

An instructor who edits a CSV by hand reads these messages, so they always name the file, the row
number as a spreadsheet shows it, the row's id and the column.
"""
from __future__ import annotations

from typing import NoReturn

__all__ = ["DataError", "fail"]


class DataError(ValueError):
    """A row of the data package breaks the schema; the message says where and why."""


def fail(table: str, line: int, row_id: str, column: str | None, message: str) -> NoReturn:
    """Raise a DataError located at ``table``.csv, row ``line`` (id, column)."""
    where = f"{table}.csv, row {line}"
    if row_id:
        where += f" (id {row_id!r})"
    if column:
        where += f", column {column!r}"
    raise DataError(f"{where}: {message}")
