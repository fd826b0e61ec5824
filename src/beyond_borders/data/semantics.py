"""Rules a Table Schema cannot state: dates that fit their era, ranges that run forward, a
qualifier that fits the bounds given, short quotes and excerpts, positions inside the region, one
status per crossing and day, documents shown in lessons that exist.

Each rule reads the raw rows of every table (text, as in the CSV) and raises DataError at the
first row that breaks it; ``check_semantics`` runs them in ``ORDER``.
"""
from __future__ import annotations

from beyond_borders.data.errors import fail
from beyond_borders.data.qualifiers import check_qualifier

__all__ = ["REGION", "MAX_QUOTE_WORDS", "MAX_EXCERPT_WORDS", "LESSONS", "PERIOD", "check_semantics"]

# Bounding box of the course's region (Middle East to South Asia), for coordinate checks.
REGION = {"lat": (10.0, 45.0), "lon": (25.0, 80.0)}
MAX_QUOTE_WORDS = 25
MAX_EXCERPT_WORDS = 60  # a primary document's excerpt: long enough to read, short enough to quote
LESSONS = tuple(f"{n:02d}" for n in range(1, 10))  # lessons that show documents
PERIOD = ("1947-01-01", "2026-12-31")  # the years the course covers; ISO text compares as dates


def _in_period(table: str, line: int, row: dict) -> None:
    if not (PERIOD[0] <= row["date"] <= PERIOD[1]):
        fail(table, line, row["id"], "date", f"{row['date']} is outside 1947–2026")


def _eras(tables: dict) -> None:
    for line, row in tables["eras"]:
        if row["end"] < row["start"]:
            fail("eras", line, row["id"], "end", "the era ends before it starts")


def _events(tables: dict) -> None:
    eras = [(r["start"], r["end"], r["id"]) for _, r in tables["eras"]]
    for line, row in tables["events"]:
        rid, date = row["id"], row["date"]
        _in_period("events", line, row)
        expected = [e for start, end, e in eras if start <= date <= end]
        if expected and row["era"] != expected[0]:
            fail("events", line, rid, "era",
                 f"{row['era']!r} does not contain {date}; expected {expected[0]!r}")
        if row["end_date"] and row["end_date"] < date:
            fail("events", line, rid, "end_date", f"{row['end_date']} is before the start date {date}")
        if row["date_precision"] == "month" and not date.endswith("-01"):
            fail("events", line, rid, "date", "a month-precision date is written as the 1st of the month")
        if row["date_precision"] == "year" and not date.endswith("-01-01"):
            fail("events", line, rid, "date", "a year-precision date is written as YYYY-01-01")


def _accounts(tables: dict) -> None:
    for line, row in tables["accounts"]:
        if row["low"] and row["high"] and float(row["high"]) < float(row["low"]):
            fail("accounts", line, row["id"], "high", f"high {row['high']} is below low {row['low']}")
        check_qualifier("accounts", line, row["id"], row["qualifier"], row["low"], row["high"])


def _statements(tables: dict) -> None:
    for line, row in tables["statements"]:
        words = len(row["quote"].split())
        if words > MAX_QUOTE_WORDS:
            fail("statements", line, row["id"], "quote",
                 f"quotes are limited to {MAX_QUOTE_WORDS} words; this one has {words}")
        _in_period("statements", line, row)


def _documents(tables: dict) -> None:
    """A document's id carries its date, its excerpt is short and marks cuts with '…', and it is
    shown in lessons 01–09, each named once."""
    for line, row in tables["documents"]:
        rid = row["id"]
        _in_period("documents", line, row)
        if rid[4:14] != row["date"]:
            fail("documents", line, rid, "id",
                 f"the id says {rid[4:14]} but the date column says {row['date']}; make them agree")
        words = len(row["excerpt"].split())
        if words > MAX_EXCERPT_WORDS:
            fail("documents", line, rid, "excerpt",
                 f"excerpts are limited to {MAX_EXCERPT_WORDS} words; this one has {words}")
        if "..." in row["excerpt"]:
            fail("documents", line, rid, "excerpt", "mark left-out words with '…', not '...'")
        seen: set[str] = set()
        for lesson in row["lessons"].split(";"):
            if lesson not in LESSONS:
                fail("documents", line, rid, "lessons",
                     f"{lesson!r} is not a lesson that shows documents; use 01 to 09")
            if lesson in seen:
                fail("documents", line, rid, "lessons", f"lesson {lesson} is listed twice")
            seen.add(lesson)


def _places(tables: dict) -> None:
    for line, row in tables["places"]:
        rid, has_lat, has_lon = row["id"], row["lat"] != "", row["lon"] != ""
        if has_lat != has_lon:
            fail("places", line, rid, "lat", "give both lat and lon, or neither")
        if not has_lat:
            if row["precision"] != "unknown":
                fail("places", line, rid, "precision",
                     "a place without a position must have precision 'unknown'")
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        if not (REGION["lat"][0] <= lat <= REGION["lat"][1]
                and REGION["lon"][0] <= lon <= REGION["lon"][1]):
            fail("places", line, rid, "lat",
                 f"({lat}, {lon}) is outside the course region "
                 f"(lat {REGION['lat']}, lon {REGION['lon']}); are lat and lon swapped?")
        if row["precision"] == "unknown":
            fail("places", line, rid, "precision", "a place with a position cannot have precision 'unknown'")


def _crossing_status(tables: dict) -> None:
    """A status belongs to a crossing, and a crossing has one status per day (the map shows one)."""
    crossings = {r["id"] for _, r in tables["places"] if r["kind"] == "crossing"}
    first_on_day: dict[tuple[str, str], int] = {}
    for line, row in tables["crossing_status"]:
        rid, place, date = row["id"], row["place"], row["date"]
        if place not in crossings:
            fail("crossing_status", line, rid, "place",
                 f"{place!r} is not a crossing in places.csv (kind 'crossing')")
        _in_period("crossing_status", line, row)
        if (place, date) in first_on_day:
            fail("crossing_status", line, rid, "date",
                 f"{place} already has an observation on {date} (row {first_on_day[place, date]}); "
                 "give one status per crossing and day")
        first_on_day[place, date] = line


RULES = {"eras": _eras, "places": _places, "events": _events, "accounts": _accounts,
         "statements": _statements, "documents": _documents, "crossing_status": _crossing_status}


def check_semantics(tables: dict, order: list[str]) -> None:
    """Run each table's rules, in ``order``, on the raw rows of every table."""
    for table in order:
        if table in RULES:
            RULES[table](tables)
