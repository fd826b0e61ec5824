"""The course's data package: datasets/ loaded as validated pandas DataFrames.

Data is validated once, where it enters; everything downstream trusts the frames. The modules:
``paths`` (where the files are), ``descriptor`` (datapackage.json and the table order),
``rows``/``values``/``qualifiers``/``semantics``/``cutoff``/``validation`` (the checks),
``load`` (typed frames),
``errors`` (DataError and its wording).
"""
from beyond_borders.data.descriptor import ORDER, schema, split_ids
from beyond_borders.data.errors import DataError
from beyond_borders.data.load import (
    evidence_cutoff, load_accounts, load_actors, load_all, load_crossing_status, load_documents,
    load_eras, load_events, load_indicators, load_places, load_sources, load_statements, load_table)
from beyond_borders.data.paths import borders_path, data_dir
from beyond_borders.data.validation import validate

__all__ = ["DataError", "ORDER", "borders_path", "data_dir", "evidence_cutoff", "load_accounts",
           "load_actors", "load_documents",
           "load_all", "load_crossing_status", "load_eras", "load_events", "load_indicators",
           "load_places", "load_sources", "load_statements", "load_table", "schema", "split_ids",
           "validate"]
