"""Load the course's data package (datasets/) as validated pandas DataFrames.

Data is validated once, here, where it enters: every later function can trust the frames it
gets. The rules come from ``datasets/datapackage.json`` (the Frictionless descriptor), so the
schema has one home; this module adds the checks Frictionless cannot express (lists of ids,
eras that must match dates, quotes of at most 25 words, coordinates inside the region).

A bad row raises :class:`DataError` naming the file, the row, the column and what was expected,
so that an instructor who edits a CSV sees at once what to fix.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

__all__ = [
    "DataError", "data_dir", "schema", "load_table", "load_events", "load_accounts",
    "load_actors", "load_places", "load_statements", "load_indicators", "load_sources",
    "load_eras", "load_all", "validate", "split_ids",
]

# Bounding box of the course's region (Middle East to South Asia), for coordinate checks.
REGION = {"lat": (10.0, 45.0), "lon": (25.0, 80.0)}
MAX_QUOTE_WORDS = 25

# References that Frictionless cannot declare: columns holding ';'-separated lists of ids.
LIST_REFERENCES = {
    "events": {"actors": "actors", "sources": "sources"},
    "accounts": {"sources": "sources"},
    "statements": {"sources": "sources"},
    "indicators": {"sources": "sources"},
}
ORDER = ["eras", "sources", "actors", "places", "events", "accounts", "statements", "indicators"]


class DataError(ValueError):
    """A row of the data package breaks the schema; the message says where and why."""


PACKAGED = Path(__file__).resolve().parent / "files"  # the copy a built wheel carries
CHECKOUT = Path(__file__).resolve().parents[3] / "datasets"  # src/beyond_borders/data -> repo


def data_dir() -> Path:
    """Where datasets/ is, wherever the notebook runs from.

    A wheel carries its own copy (``setup.py`` copies datasets/ in at build time); an editable
    install in a checkout reads the checkout's ``datasets/`` directly, so there is one copy and
    no symbolic link (links break on Windows). ``BEYOND_BORDERS_DATA`` overrides both (tests
    with broken fixtures use it).
    """
    env = os.environ.get("BEYOND_BORDERS_DATA")
    if env:
        return Path(env)
    return PACKAGED if (PACKAGED / "datapackage.json").is_file() else CHECKOUT


@lru_cache(maxsize=8)
def _descriptor(directory: str) -> dict:
    path = Path(directory) / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: the data package descriptor is missing") from None
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None


def schema(table: str, directory: Path | None = None) -> dict:
    """The Table Schema of one table, from datapackage.json."""
    pkg = _descriptor(str(directory or data_dir()))
    for res in pkg["resources"]:
        if res["name"] == table:
            return res["schema"]
    raise DataError(f"datapackage.json has no table named {table!r}; it has "
                    + ", ".join(r["name"] for r in pkg["resources"]))


def split_ids(value) -> list[str]:
    """'iran;pakistan' -> ['iran', 'pakistan']; empty or missing -> []."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    return [v for v in str(value).split(";") if v]


def _fail(table, line, row_id, column, message):
    where = f"{table}.csv, row {line}"
    if row_id:
        where += f" (id {row_id!r})"
    if column:
        where += f", column {column!r}"
    raise DataError(f"{where}: {message}")


def _read_rows(table: str, directory: Path) -> list[tuple[int, dict]]:
    path = directory / f"{table}.csv"
    fields = [f["name"] for f in schema(table, directory)["fields"]]
    try:
        fh = path.open(encoding="utf-8", newline="")
    except FileNotFoundError:
        raise DataError(f"{table}.csv: file not found in {directory}") from None
    with fh:
        try:
            reader = csv.reader(fh, strict=True)
            header = next(reader, None)
            if header is None:
                raise DataError(f"{table}.csv: the file is empty; expected a header row "
                                f"with columns {', '.join(fields)}")
            if header != fields:
                missing = [f for f in fields if f not in header]
                extra = [h for h in header if h not in fields]
                detail = []
                if missing:
                    detail.append("missing " + ", ".join(missing))
                if extra:
                    detail.append("unexpected " + ", ".join(extra))
                if not detail:
                    detail.append("columns out of order")
                raise DataError(f"{table}.csv, row 1 (header): expected columns "
                                f"{', '.join(fields)}; {'; '.join(detail)}")
            rows = []
            for values in reader:
                line = reader.line_num
                if not values:
                    continue
                if len(values) != len(fields):
                    _fail(table, line, values[0] if values else "", None,
                          f"expected {len(fields)} values, found {len(values)} "
                          "(a missing or extra comma, or an unquoted comma inside a text)")
                rows.append((line, dict(zip(fields, values))))
        except UnicodeDecodeError:
            raise DataError(f"{table}.csv: not UTF-8 text; save the file as UTF-8") from None
        except csv.Error as exc:
            raise DataError(f"{table}.csv, row {reader.line_num}: malformed CSV ({exc})") from None
    return rows


def _check_value(table, line, rid, field, value):
    name, ftype = field["name"], field.get("type", "string")
    cons = field.get("constraints", {})
    if value == "":
        if cons.get("required"):
            _fail(table, line, rid, name, "a value is required but the cell is empty")
        return
    if value != value.strip():
        _fail(table, line, rid, name, f"remove the spaces around {value!r}")
    if ftype == "date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            _fail(table, line, rid, name, f"expected a date as YYYY-MM-DD, got {value!r}")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            _fail(table, line, rid, name, f"expected a date as YYYY-MM-DD, got {value!r}")
    elif ftype in ("number", "integer"):
        try:
            num = int(value) if ftype == "integer" else float(value)
        except ValueError:
            kind = "a whole number" if ftype == "integer" else "a number"
            _fail(table, line, rid, name, f"expected {kind} (no commas or units), got {value!r}")
        if "minimum" in cons and num < cons["minimum"]:
            _fail(table, line, rid, name, f"expected at least {cons['minimum']}, got {value}")
        if "maximum" in cons and num > cons["maximum"]:
            _fail(table, line, rid, name, f"expected at most {cons['maximum']}, got {value}")
    if "enum" in cons and value not in cons["enum"]:
        _fail(table, line, rid, name,
              f"expected one of {', '.join(cons['enum'])}; got {value!r}")
    if "pattern" in cons and not re.fullmatch(cons["pattern"], value):
        _fail(table, line, rid, name, f"{value!r} does not match the pattern {cons['pattern']}")


def _validate(directory: Path) -> dict[str, list[tuple[int, dict]]]:
    tables = {t: _read_rows(t, directory) for t in ORDER}
    keys: dict[str, set] = {}
    for table in ORDER:
        sch = schema(table, directory)
        pk = sch["primaryKey"][0]
        seen = {}
        for line, row in tables[table]:
            rid = row.get(pk, "")
            for field in sch["fields"]:
                _check_value(table, line, rid, field, row[field["name"]])
            if rid in seen:
                _fail(table, line, rid, pk, f"duplicate id; first used on row {seen[rid]}")
            seen[rid] = line
        keys[table] = set(seen)
    # Foreign keys, single-valued (declared) and list-valued (ours).
    for table in ORDER:
        sch = schema(table, directory)
        for fk in sch.get("foreignKeys", []):
            col, target = fk["fields"], fk["reference"]["resource"]
            for line, row in tables[table]:
                if row[col] and row[col] not in keys[target]:
                    _fail(table, line, row["id"], col,
                          f"{row[col]!r} is not an id in {target}.csv")
        for col, target in LIST_REFERENCES.get(table, {}).items():
            for line, row in tables[table]:
                ids = split_ids(row[col])
                if not ids and any(f["name"] == col and f.get("constraints", {}).get("required")
                                   for f in sch["fields"]):
                    _fail(table, line, row["id"], col, "at least one id is required")
                for ref in ids:
                    if ref not in keys[target]:
                        _fail(table, line, row["id"], col, f"{ref!r} is not an id in {target}.csv")
    _check_semantics(tables)
    return tables


def _check_semantics(tables):
    eras = [(r["start"], r["end"], r["id"]) for _, r in tables["eras"]]
    for line, row in tables["eras"]:
        if row["end"] < row["start"]:
            _fail("eras", line, row["id"], "end", "the era ends before it starts")
    for line, row in tables["events"]:
        date = row["date"]
        if not ("1947-01-01" <= date <= "2026-12-31"):
            _fail("events", line, row["id"], "date", f"{date} is outside 1947–2026")
        expected = [e for s, en, e in eras if s <= date <= en]
        if expected and row["era"] != expected[0]:
            _fail("events", line, row["id"], "era",
                  f"{row['era']!r} does not contain {date}; expected {expected[0]!r}")
        if row["end_date"] and row["end_date"] < date:
            _fail("events", line, row["id"], "end_date",
                  f"{row['end_date']} is before the start date {date}")
        prec = row["date_precision"]
        if prec == "month" and not date.endswith("-01"):
            _fail("events", line, row["id"], "date",
                  "a month-precision date is written as the 1st of the month")
        if prec == "year" and not date.endswith("-01-01"):
            _fail("events", line, row["id"], "date", "a year-precision date is written as YYYY-01-01")
    for line, row in tables["accounts"]:
        if row["low"] and row["high"] and float(row["high"]) < float(row["low"]):
            _fail("accounts", line, row["id"], "high", f"high {row['high']} is below low {row['low']}")
    for line, row in tables["statements"]:
        words = len(row["quote"].split())
        if words > MAX_QUOTE_WORDS:
            _fail("statements", line, row["id"], "quote",
                  f"quotes are limited to {MAX_QUOTE_WORDS} words; this one has {words}")
        if not ("1947-01-01" <= row["date"] <= "2026-12-31"):
            _fail("statements", line, row["id"], "date", f"{row['date']} is outside 1947–2026")
    for line, row in tables["places"]:
        has_lat, has_lon = row["lat"] != "", row["lon"] != ""
        if has_lat != has_lon:
            _fail("places", line, row["id"], "lat", "give both lat and lon, or neither")
        if has_lat:
            lat, lon = float(row["lat"]), float(row["lon"])
            if not (REGION["lat"][0] <= lat <= REGION["lat"][1]
                    and REGION["lon"][0] <= lon <= REGION["lon"][1]):
                _fail("places", line, row["id"], "lat",
                      f"({lat}, {lon}) is outside the course region "
                      f"(lat {REGION['lat']}, lon {REGION['lon']}); are lat and lon swapped?")
            if row["precision"] == "unknown":
                _fail("places", line, row["id"], "precision",
                      "a place with a position cannot have precision 'unknown'")
        elif row["precision"] != "unknown":
            _fail("places", line, row["id"], "precision",
                  "a place without a position must have precision 'unknown'")


@lru_cache(maxsize=4)
def _validated(directory: str):
    return _validate(Path(directory))


def validate(directory: Path | str | None = None) -> dict[str, int]:
    """Validate the whole package; return row counts per table. Raises DataError."""
    tables = _validated(str(directory or data_dir()))
    return {t: len(rows) for t, rows in tables.items()}


def _frame(table: str, directory: Path | str | None = None) -> pd.DataFrame:
    directory = Path(directory or data_dir())
    tables = _validated(str(directory))
    sch = schema(table, directory)
    rows = [r for _, r in tables[table]]
    df = pd.DataFrame(rows, columns=[f["name"] for f in sch["fields"]])
    for field in sch["fields"]:
        name, ftype = field["name"], field.get("type", "string")
        enum = field.get("constraints", {}).get("enum")
        col = df[name].replace("", None)
        if ftype == "date":
            df[name] = pd.to_datetime(col, format="%Y-%m-%d")
        elif ftype == "integer":
            df[name] = pd.array(pd.to_numeric(col), dtype="Int64")
        elif ftype == "number":
            df[name] = pd.to_numeric(col).astype("float64")
        elif enum:
            df[name] = pd.Categorical(col, categories=enum, ordered=(name == "era"))
        else:
            df[name] = col.fillna("").astype(str)
    return df


def load_table(table: str, directory: Path | str | None = None) -> pd.DataFrame:
    """Any table of the package by name, validated, with real dtypes."""
    return _frame(table, directory).copy()


def load_events(directory=None) -> pd.DataFrame:
    """Events sorted by date; ``date``/``end_date`` are datetimes, ``category`` and ``era`` categoricals."""
    df = load_table("events", directory)
    return df.sort_values(["date", "id"], kind="stable").reset_index(drop=True)


def load_accounts(directory=None) -> pd.DataFrame:
    """Competing figures, one row per claimant and measure."""
    return load_table("accounts", directory)


def load_actors(directory=None) -> pd.DataFrame:
    return load_table("actors", directory)


def load_places(directory=None) -> pd.DataFrame:
    return load_table("places", directory)


def load_statements(directory=None) -> pd.DataFrame:
    df = load_table("statements", directory)
    return df.sort_values(["date", "id"], kind="stable").reset_index(drop=True)


def load_indicators(directory=None) -> pd.DataFrame:
    return load_table("indicators", directory)


def load_sources(directory=None) -> pd.DataFrame:
    return load_table("sources", directory)


def load_eras(directory=None) -> pd.DataFrame:
    return load_table("eras", directory)


def load_all(directory=None) -> dict[str, pd.DataFrame]:
    """Every table, keyed by name."""
    loaders = {"events": load_events, "statements": load_statements}
    return {t: loaders.get(t, lambda d, t=t: load_table(t, d))(directory) for t in ORDER}


def borders_path(directory=None) -> Path:
    return Path(directory or data_dir()) / "borders.geojson"
