"""No fact is presented as firmer than the pages under it.

A blog, a reference page (encyclopaedias, wiki mirrors, quiz and study sites, slide decks, blurbs)
or an aggregator copy that names no originator is weak evidence (``data.source_kinds``). A row
that rests on nothing better is never ``confirmed``, and it must be argued for in the errata's
machine-readable ``weak-only`` list with the reason no better page was found; an entry for a row
that has since gained a better page is stale and must go.
"""
import re
from pathlib import Path

import pytest

from beyond_borders import data
from beyond_borders.data.source_kinds import is_weak, rests_on_weak_only

ERRATA = Path(__file__).resolve().parents[1] / "instructors" / "errata.md"
TABLES = ("events", "statements", "accounts")  # the rows a lesson states as what happened or was said
MIN_REASON_WORDS = 8


def errata_list(text: str) -> dict[tuple[str, str], str]:
    """{(table, id): reason} from the errata's ```weak-only block (one 'table | id | reason' a line)."""
    block = re.search(r"```weak-only\n(.*?)```", text, re.S)
    assert block, "instructors/errata.md has no ```weak-only block"
    entries = {}
    for line in block.group(1).strip().splitlines():
        table, rid, reason = (cell.strip() for cell in line.split("|", 2))
        assert (table, rid) not in entries, f"listed twice: {table} {rid}"
        entries[table, rid] = reason
    return entries


def weak_only_rows(table: str) -> set[str]:
    sources = data.load_sources().set_index("id").to_dict("index")
    df = data.load_table(table)
    return {r.id for r in df.itertuples() if rests_on_weak_only(data.split_ids(r.sources), sources)}


@pytest.fixture(scope="module")
def listed():
    return errata_list(ERRATA.read_text(encoding="utf-8"))


@pytest.mark.parametrize("table", TABLES)
def test_every_row_on_weak_pages_only_is_argued_in_the_errata(table, listed):
    unargued = sorted(weak_only_rows(table) - {rid for t, rid in listed if t == table})
    assert not unargued, (f"{table}: these rows rest only on blogs, reference pages or unattributed "
                          f"copies; find a better page or add them to the errata's weak-only list "
                          f"with the reason: {unargued}")


def test_the_errata_list_has_no_stale_or_unknown_entries(listed):
    for table, rid in listed:
        assert table in TABLES, f"weak-only list: unknown table {table!r}"
        assert rid in set(data.load_table(table)["id"]), f"weak-only list: no {table} row {rid!r}"
        assert rid in weak_only_rows(table), (f"weak-only list: {table} {rid} now has a better page; "
                                              "remove it from the list")


def test_every_listed_row_says_why(listed):
    for (table, rid), reason in listed.items():
        assert len(reason.split()) >= MIN_REASON_WORDS, f"{table} {rid}: give the reason, not {reason!r}"


@pytest.mark.parametrize("table", ["events", "statements", "indicators"])
def test_a_row_resting_only_on_weak_pages_is_not_confirmed(table):
    sources = data.load_sources().set_index("id").to_dict("index")
    df = data.load_table(table)
    wrong = [r.id for r in df.itertuples()
             if rests_on_weak_only(data.split_ids(r.sources), sources) and r.confidence == "confirmed"]
    assert not wrong, f"{table}: confirmed on weak pages only: {wrong}"


@pytest.mark.parametrize("kind,originator,weak", [
    ("blog", "", True), ("reference", "", True), ("reference", "Wikipedia", True),
    ("aggregator", "", True), ("aggregator", "  ", True), ("aggregator", "AFP", False),
    ("newspaper", "", False), ("official", "", False), ("analysis", "", False)])
def test_what_counts_as_weak(kind, originator, weak):
    assert is_weak({"kind": kind, "originator": originator}) is weak


def test_a_strong_page_lifts_a_row_and_an_empty_list_is_not_weak():
    sources = {"b": {"kind": "blog", "originator": ""}, "w": {"kind": "wire", "originator": ""}}
    assert rests_on_weak_only(["b"], sources)
    assert not rests_on_weak_only(["b", "w"], sources)
    assert not rests_on_weak_only([], sources)


def test_the_errata_parser_rejects_a_missing_block_and_a_double_entry():
    with pytest.raises(AssertionError, match="no ```weak-only block"):
        errata_list("# Errata\nnothing here\n")
    with pytest.raises(AssertionError, match="listed twice"):
        errata_list("```weak-only\nevents | x | one reason\nevents | x | again\n```\n")
