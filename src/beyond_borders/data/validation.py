"""Validating the whole package: every cell, id and reference, the course's rules, the cut-off.

Data is validated once, where it enters, and every later function trusts the frames it gets.
The result is cached per folder and per version of its files, so a notebook that edits a CSV and
loads again sees the edit (and its errors), while repeated loads cost nothing.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from beyond_borders.data.cutoff import check_cutoff
from beyond_borders.data.descriptor import LIST_REFERENCES, ORDER, descriptor, schema, split_ids
from beyond_borders.data.errors import fail
from beyond_borders.data.paths import data_dir
from beyond_borders.data.rows import Rows, read_rows
from beyond_borders.data.semantics import check_semantics
from beyond_borders.data.values import check_value

__all__ = ["validate", "validated_rows"]


def _check_cells(table: str, rows: Rows, sch: dict) -> set[str]:
    """Every value against its field, and the primary key unique; returns the ids."""
    pk = sch["primaryKey"][0]
    seen: dict[str, int] = {}
    for line, row in rows:
        rid = row.get(pk, "")
        for field in sch["fields"]:
            check_value(table, line, rid, field, row[field["name"]])
        if rid in seen:
            fail(table, line, rid, pk, f"duplicate id; first used on row {seen[rid]}")
        seen[rid] = line
    return set(seen)


def _check_references(table: str, rows: Rows, sch: dict, keys: dict[str, set]) -> None:
    """Declared foreign keys (one id) and the course's list references (';'-separated ids)."""
    for fk in sch.get("foreignKeys", []):
        col, target = fk["fields"], fk["reference"]["resource"]
        for line, row in rows:
            if row[col] and row[col] not in keys[target]:
                fail(table, line, row["id"], col, f"{row[col]!r} is not an id in {target}.csv")
    required = {f["name"] for f in sch["fields"] if f.get("constraints", {}).get("required")}
    for col, target in LIST_REFERENCES.get(table, {}).items():
        for line, row in rows:
            ids = split_ids(row[col])
            if not ids and col in required:
                fail(table, line, row["id"], col, "at least one id is required")
            for ref in ids:
                if ref not in keys[target]:
                    fail(table, line, row["id"], col, f"{ref!r} is not an id in {target}.csv")


def _validate(directory: Path) -> dict[str, Rows]:
    tables = {t: read_rows(t, directory) for t in ORDER}
    schemas = {t: schema(t, directory) for t in ORDER}
    keys = {t: _check_cells(t, tables[t], schemas[t]) for t in ORDER}
    for table in ORDER:
        _check_references(table, tables[table], schemas[table], keys)
    check_semantics(tables, ORDER)
    check_cutoff(tables, descriptor(directory).get("evidence_cutoff"))
    return tables


def _version(directory: Path) -> tuple:
    """What changes when any file of the package is saved again."""
    version = []
    for name in ["datapackage.json", *(f"{t}.csv" for t in ORDER)]:
        try:
            st = (directory / name).stat()
            version.append((name, st.st_mtime_ns, st.st_size))
        except OSError:
            version.append((name, None, None))
    return tuple(version)


@lru_cache(maxsize=4)
def _validated(directory: str, version: tuple) -> dict[str, Rows]:
    return _validate(Path(directory))


def validated_rows(directory: Path | str | None = None) -> dict[str, Rows]:
    """The raw rows of every table, ``{table: [(line, row)]}``, once the package is valid."""
    path = Path(directory or data_dir())
    return _validated(str(path), _version(path))


def validate(directory: Path | str | None = None) -> dict[str, int]:
    """Validate the whole package; return row counts per table, in ``ORDER``. Raises DataError."""
    return {t: len(rows) for t, rows in validated_rows(directory).items()}
