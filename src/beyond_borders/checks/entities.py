"""The public names of every group, body, person and place in the course data, for the marker.

``datasets/actors.csv`` and ``datasets/places.csv`` give each entity a ``name`` and an
``aliases`` column (';'-separated transliterations, abbreviations, former names of the *same*
entity). Sealing accepts all names of a question's ``entity``; marking uses the whole list to
refuse a typo that lies as close to *another* entity as to the answer, and to recognise which
entity a wrong answer names (for a "known confusion" message).

The two CSV files are read with the csv module, from where ``data.paths.data_dir`` finds the
data package: the marker needs only names, not the validated frames.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from beyond_borders.checks import texts
from beyond_borders.data.paths import data_dir

TABLES = ("actors", "places")
def split_aliases(cell) -> list[str]:
    return [a.strip() for a in str(cell or "").split(";") if a.strip()]


@lru_cache(maxsize=4)
def names(directory: str | None = None) -> dict[str, tuple[str, ...]]:
    """{entity id: (name, alias, …)} for every actor and place; empty if the files are missing."""
    out: dict[str, tuple[str, ...]] = {}
    base = Path(directory) if directory else data_dir()
    for table in TABLES:
        try:
            with open(base / f"{table}.csv", encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    out[row["id"]] = (row["name"], *split_aliases(row.get("aliases")))
        except (OSError, KeyError, csv.Error):
            continue
    return out


@lru_cache(maxsize=4)
def keys_by_entity(directory: str | None = None) -> dict[str, frozenset[str]]:
    """{entity id: the text keys of all its names}."""
    return {eid: frozenset(k for k in map(texts.key, ns) if k) for eid, ns in names(directory).items()}


def nearest(k: str, directory: str | None = None, within: int = 2) -> dict[str, int]:
    """{entity id: distance} for the entities with a name within ``within`` edits of key ``k``."""
    found: dict[str, int] = {}
    if not k or len(k) > texts.MAX_TYPO_LENGTH:
        return found
    for eid, ks in keys_by_entity(directory).items():
        for name_key in ks:
            if abs(len(name_key) - len(k)) > within:
                continue
            d = 0 if name_key == k else texts.distance(name_key, k)
            if d <= within and d < found.get(eid, within + 1):
                found[eid] = d
    return found


def resolve(k: str, directory: str | None = None) -> str | None:
    """The one entity a text key names: an exact name, else the single nearest within the
    typo budget of that name; None when there is none or two are equally near."""
    for eid, ks in keys_by_entity(directory).items():
        if k in ks:
            return eid
    near = nearest(k, directory, within=texts.budget(k))
    if not near:
        return None
    best = min(near.values())
    hits = [e for e, d in near.items() if d == best]
    return hits[0] if len(hits) == 1 else None
