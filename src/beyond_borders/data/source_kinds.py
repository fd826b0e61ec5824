"""Which pages are weak evidence, and which rows rest on nothing better.

A blog, a reference page (encyclopaedias, wiki mirrors, quiz and study sites, student slide decks,
a book blurb) or an aggregator copy that names no originator is weak: it cannot say where its
fact came from. An aggregator copy that names its originator (AFP on Spacewar) counts as that
originator. A row whose sources are all weak must be labelled for what it is, and the course's
errata must say why no better page was found (tests/test_data_source_kinds.py).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

__all__ = ["WEAK_KINDS", "is_weak", "rests_on_weak_only"]

WEAK_KINDS = frozenset({"blog", "reference"})


def is_weak(source: Mapping) -> bool:
    """``source`` is a row of sources.csv (a dict or a pandas row)."""
    kind, originator = source["kind"], str(source.get("originator") or "").strip()
    return kind in WEAK_KINDS or (kind == "aggregator" and not originator)


def rests_on_weak_only(source_ids: Iterable[str], sources: Mapping[str, Mapping]) -> bool:
    """True when every one of ``source_ids`` (ids in ``sources``) is weak, and there is one."""
    ids = [s for s in source_ids if s]
    return bool(ids) and all(is_weak(sources[s]) for s in ids)
