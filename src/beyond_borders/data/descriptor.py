"""What the tables are: the Frictionless descriptor (datapackage.json) and what it cannot say.

The schema has one home, ``datasets/datapackage.json``; this module reads it and adds the two
facts a Table Schema cannot express: the order in which tables are checked (a table comes after
those it refers to) and the columns that hold ``;``-separated lists of ids.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from beyond_borders.data.errors import DataError
from beyond_borders.data.paths import data_dir

__all__ = ["ORDER", "LIST_REFERENCES", "schema", "field_names", "split_ids"]

# Every table of the package, each after the tables it refers to.
ORDER = ["eras", "sources", "actors", "places", "events", "accounts", "statements", "documents",
         "indicators", "crossing_status"]

# References that Frictionless cannot declare: columns holding ';'-separated lists of ids.
LIST_REFERENCES = {
    "events": {"actors": "actors", "sources": "sources"},
    "accounts": {"sources": "sources"},
    "statements": {"sources": "sources"},
    "documents": {"issuer": "actors"},
    "indicators": {"sources": "sources"},
    "crossing_status": {"sources": "sources"},
}


@lru_cache(maxsize=8)
def _parsed(path: str, _mtime_ns: int) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None


def descriptor(directory: Path | str | None = None) -> dict:
    """datapackage.json as a dict, read again only when the file changes."""
    path = Path(directory or data_dir()) / "datapackage.json"
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise DataError(f"{path}: the data package descriptor is missing") from None
    return _parsed(str(path), mtime)


def schema(table: str, directory: Path | str | None = None) -> dict:
    """The Table Schema of one table, from datapackage.json."""
    pkg = descriptor(directory)
    for res in pkg["resources"]:
        if res["name"] == table:
            return res["schema"]
    raise DataError(f"datapackage.json has no table named {table!r}; it has "
                    + ", ".join(r["name"] for r in pkg["resources"]))


def field_names(table: str, directory: Path | str | None = None) -> list[str]:
    """The columns of ``table`` in the order the CSV must have them."""
    return [f["name"] for f in schema(table, directory)["fields"]]


def split_ids(value) -> list[str]:
    """'iran;pakistan' -> ['iran', 'pakistan']; empty or missing -> []."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    return [v for v in str(value).split(";") if v]
