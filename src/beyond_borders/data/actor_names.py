"""One actor, one id: no two actors may share a name, an alias, or a bare surname.

The research brief sometimes named a person by surname only ('Qureshi'), and the data once held
that person twice, under a surname id and a full-name id, so a filter by one missed the other's
statements. Names are compared after folding case, accents and punctuation.
"""
from __future__ import annotations

import re
import unicodedata

from beyond_borders.data.errors import fail

__all__ = ["name_key", "names_of", "duplicate_names", "check_actor_names"]

PEOPLE = {"official", "other"}  # actor kinds that are people (whose surnames can collide)


def name_key(text: str) -> str:
    """'Erdoğan', 'erdogan' and 'Erdogan.' give the same key."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", plain.lower()))


def names_of(row: dict) -> list[str]:
    """The actor's name and its ';'-separated aliases, as keys."""
    names = [row["name"]] + [a for a in str(row.get("aliases") or "").split(";")]
    return [k for k in dict.fromkeys(name_key(n) for n in names) if k]


def duplicate_names(rows: list[dict]) -> list[tuple[str, list[str]]]:
    """(name, ids) for every name or alias held by more than one actor, and for every one-word
    name of a person that is another person's surname."""
    owners: dict[str, set[str]] = {}
    for row in rows:
        for key in names_of(row):
            owners.setdefault(key, set()).add(row["id"])
    people = [r for r in rows if r["kind"] in PEOPLE]
    surnames: dict[str, set[str]] = {}
    for row in people:
        full = [k for k in names_of(row) if " " in k]
        for key in full:
            surnames.setdefault(key.split()[-1], set()).add(row["id"])
    found = {k: ids for k, ids in owners.items() if len(ids) > 1}
    for row in people:
        for key in names_of(row):
            others = surnames.get(key, set()) - {row["id"]} if " " not in key else set()
            if others:
                found[key] = found.get(key, set()) | others | {row["id"]}
    return sorted((k, sorted(ids)) for k, ids in found.items())


def check_actor_names(tables: dict) -> None:
    rows = [r for _, r in tables["actors"]]
    lines = {r["id"]: line for line, r in tables["actors"]}
    for key, ids in duplicate_names(rows):
        last = max(ids, key=lambda i: lines[i])
        fail("actors", lines[last], last, "name",
             f"{key!r} also names {', '.join(i for i in ids if i != last)}: keep one id for one actor, "
             "move the other's aliases to it and re-point its references")
