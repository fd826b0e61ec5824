"""The tables as pandas DataFrames with real dtypes, from validated rows.

Types come from datapackage.json: dates become datetimes, integers nullable ``Int64``, numbers
floats, fields with a fixed vocabulary categoricals (``era`` ordered, as eras follow each other).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from beyond_borders.data.descriptor import ORDER, descriptor, schema
from beyond_borders.data.validation import validated_rows

__all__ = ["load_table", "load_events", "load_accounts", "load_actors", "load_places",
           "load_statements", "load_indicators", "load_sources", "load_eras",
           "load_crossing_status", "load_documents", "load_all", "evidence_cutoff"]


def _typed(column: pd.Series, field: dict) -> pd.Series | pd.Categorical:
    name, ftype = field["name"], field.get("type", "string")
    enum = field.get("constraints", {}).get("enum")
    col = column.replace("", None)
    if ftype == "date":
        return pd.to_datetime(col, format="%Y-%m-%d")
    if ftype == "integer":
        return pd.array(pd.to_numeric(col), dtype="Int64")
    if ftype == "number":
        return pd.to_numeric(col).astype("float64")
    if enum:
        return pd.Categorical(col, categories=enum, ordered=(name == "era"))
    return col.fillna("").astype(str)


def load_table(table: str, directory: Path | str | None = None) -> pd.DataFrame:
    """Any table of the package by name, validated, with real dtypes (rows in file order)."""
    rows = validated_rows(directory)[table]
    fields = schema(table, directory)["fields"]
    df = pd.DataFrame([r for _, r in rows], columns=[f["name"] for f in fields])
    for field in fields:
        df[field["name"]] = _typed(df[field["name"]], field)
    return df


def _loader(table: str, doc: str, order: list[str] | None = None):
    """``load_<table>(directory=None)``: the table, sorted by ``order`` if given."""
    def load(directory=None) -> pd.DataFrame:
        df = load_table(table, directory)
        return df.sort_values(order, kind="stable").reset_index(drop=True) if order else df
    load.__name__ = load.__qualname__ = f"load_{table}"
    load.__doc__ = doc
    return load


load_events = _loader("events", "Events sorted by date; ``date``/``end_date`` are datetimes, "
                      "``category`` and ``era`` categoricals.", ["date", "id"])
load_accounts = _loader("accounts", "Competing figures, one row per claimant and measure.")
load_actors = _loader("actors", "States, ministries, officials, forces, armed groups and "
                      "international bodies.")
load_places = _loader("places", "Towns, crossings and sites; ``lat``/``lon`` are NaN where no "
                      "position is known.")
load_statements = _loader("statements", "Official statements sorted by date.", ["date", "id"])
load_indicators = _loader("indicators", "Numbers as each reporter gave them, one row per "
                          "reporter, measure and period.")
load_sources = _loader("sources", "The pages every other row cites.")
load_eras = _loader("eras", "The named periods of the relationship, in order.")
load_crossing_status = _loader(
    "crossing_status", "Dated observations of each crossing's status (open, closed, unknown), "
    "sorted by date: each names a crossing in places.csv, its event and its sources, at most "
    "one a crossing and day.", ["date", "place"])

load_documents = _loader(
    "documents", "Primary documents (statements, joint statements, UN and IAEA resolutions, "
    "letters, treaties, judgments) sorted by date: a verbatim excerpt of at most 60 words, the full "
    "citation, the page it was read on (``source``) and the lessons that show it.", ["date", "id"])

LOADERS = {"eras": load_eras, "sources": load_sources, "actors": load_actors,
           "places": load_places, "events": load_events, "accounts": load_accounts,
           "statements": load_statements, "indicators": load_indicators,
           "crossing_status": load_crossing_status, "documents": load_documents}


def load_all(directory=None) -> dict[str, pd.DataFrame]:
    """Every table, keyed by name, in ``ORDER`` (each sorted as its ``load_*`` sorts it)."""
    return {t: LOADERS[t](directory) for t in ORDER}


def evidence_cutoff(directory=None) -> dt.date:
    """The course's evidence cut-off: the latest dated event or statement (declared, validated)."""
    validated_rows(directory)
    return dt.date.fromisoformat(descriptor(directory)["evidence_cutoff"])
