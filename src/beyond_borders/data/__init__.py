"""The course's data package: datasets/ loaded as validated pandas DataFrames.

Data is validated once, here, where it enters; everything downstream trusts the frames.
"""
from beyond_borders.data.tables import (  # noqa: F401
    ORDER, DataError, _check_value, _fail, _read_rows, _validated, borders_path, data_dir,
    load_accounts, load_actors, load_all, load_eras, load_events, load_indicators, load_places,
    load_sources, load_statements, load_table, schema, split_ids, validate)
