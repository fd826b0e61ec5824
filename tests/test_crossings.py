"""The crossing-status table and the pure functions behind the crossings map."""
import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from beyond_borders import data
from beyond_borders.views.lessons.crossings import (CrossingsMap, crossing_status_on, describe_status,
                                      load_crossing_status, status_basis_on, status_table_html)
from beyond_borders.views.maps import border_map

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"
T, G, M = "crossing_taftan_mirjaveh", "crossing_gabd_rimdan", "crossing_mand_pishin"


@pytest.fixture()
def toy():
    return pd.DataFrame({
        "id": ["o1", "o2", "o3", "o4"],
        "place": ["x", "x", "y", "x"],
        "date": pd.to_datetime(["2024-01-10", "2024-02-01", "2024-01-20", "2024-03-01"]),
        "status": ["open", "closed", "closed", "unknown"],
        "event_id": ["e1", "e2", "e3", "e4"], "sources": ["s1", "s2", "s3", "s4"],
        "notes": ["n1", "n2", "n3", "n4"],
    })


def test_latest_observation_on_or_before_the_date_wins(toy):
    on = lambda d: crossing_status_on(d, toy, crossings=["x", "y", "z"])  # noqa: E731
    assert on("2024-01-09") == {"x": "unknown", "y": "unknown", "z": "unknown"}
    assert on("2024-01-10") == {"x": "open", "y": "unknown", "z": "unknown"}
    assert on("2024-01-31") == {"x": "open", "y": "closed", "z": "unknown"}
    assert on("2024-02-01")["x"] == "closed"
    assert on("2024-03-05") == {"x": "unknown", "y": "closed", "z": "unknown"}  # record breaks off


def test_basis_says_which_report_a_status_rests_on(toy):
    b = status_basis_on("2024-02-15", toy, crossings=["x", "z"]).set_index("place")
    assert b.loc["x", "id"] == "o2" and b.loc["x", "since"] == pd.Timestamp("2024-02-01")
    assert b.loc["x", "notes"] == "n2"
    assert pd.isna(b.loc["z", "since"]) and b.loc["z", "status"] == "unknown"


def test_table_is_valid_and_refers_to_real_rows():
    obs = load_crossing_status()
    assert len(obs) >= 10
    assert set(obs["status"]) <= {"open", "closed", "unknown"}
    places = data.load_places().set_index("id")
    assert (places.loc[obs["place"], "kind"] == "crossing").all()
    assert set(obs["event_id"]) <= set(data.load_events()["id"])
    sources = set(data.load_sources()["id"])
    assert all(set(data.split_ids(s)) <= sources for s in obs["sources"])
    assert obs["id"].is_unique
    assert not obs.duplicated(["place", "date"]).any()
    assert (obs["notes"].str.len() > 20).all(), "every observation says what was reported"


def test_what_the_sources_say_for_the_lesson_dates():
    assert set(crossing_status_on("2023-12-31").values()) == {"unknown"}
    assert set(crossing_status_on("2024-01-19").values()) == {"open"}   # January 2024 strikes
    assert set(crossing_status_on("2025-06-14").values()) == {"open"}   # carried forward
    assert crossing_status_on("2025-06-15") == {T: "closed", G: "closed", M: "closed"}
    assert crossing_status_on("2025-09-01") == {T: "closed", G: "unknown", M: "unknown"}
    assert crossing_status_on("2026-01-04")[T] == "closed"               # passport gate report
    assert crossing_status_on("2026-03-01") == {T: "unknown", G: "unknown", M: "unknown"}


def test_every_crossing_in_places_gets_a_status():
    places = data.load_places()
    ids = set(places.loc[places["kind"] == "crossing", "id"])
    assert set(crossing_status_on("2025-06-20")) == ids


def test_descriptions_and_table_name_the_age_of_the_report():
    lines = describe_status("2025-06-13")
    assert lines[0] == "Taftan–Mirjaveh crossing: open (last report 19 January 2024, 511 days earlier)"
    assert describe_status("2025-06-15")[1] == "Gabd–Rimdan crossing: closed (reported for 15 June 2025)"
    assert describe_status("2025-09-01")[2] == "Mand–Pishin crossing: unknown (unknown from 24 August 2025, 8 days earlier)"
    table = status_table_html("2023-01-01")
    assert table.count("No observation in the course data") == 3
    table = status_table_html("2026-03-01")
    assert "Whether the crossing was open or closed to other travellers is not reported" in table
    assert "menafn.com/1110813705" in table  # the source link


def test_map_colours_follow_the_status():
    fig = border_map(crossing_status=crossing_status_on("2025-06-15"))
    assert "Taftan–Mirjaveh crossing closed" in fig.alt_text
    assert "Not drawn (no reliable position): Gabd–Rimdan crossing" in fig.alt_text


def test_widget_moves_through_the_dates():
    w = CrossingsMap(date="2025-06-13", dates=["2025-06-13"])
    assert repr(w) == ("CrossingsMap on 13 June 2025: Taftan–Mirjaveh crossing open; "
                       "Gabd–Rimdan crossing open; Mand–Pishin crossing open")
    before = w.image.value
    w.slider.value = pd.Timestamp("2025-06-15")
    assert "Mand–Pishin crossing closed" in repr(w)
    assert w.image.value != before and w.image.value[:4] == b"\x89PNG"
    assert "until further notice" in w.table.value
    labels = [label for label, _ in w.slider.options]
    assert labels[:3] == ["19 Jan 2024", "13 Jun 2025", "15 Jun 2025"]


# --- the loader on broken copies -------------------------------------------------------------

@pytest.fixture()
def broken(tmp_path):
    target = tmp_path / "datasets"
    shutil.copytree(DATASETS, target, ignore=shutil.ignore_patterns("staging", ".lock"))

    def edit(line, column, value):
        path = target / "crossing_status.csv"
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        rows[line - 1][rows[0].index(column)] = value
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)
        return target, rows[line - 1][0]
    return edit


def test_unknown_status_is_refused(broken):
    d, rid = broken(2, "status", "ajar")
    with pytest.raises(data.DataError) as info:
        load_crossing_status(d)
    assert str(info.value) == (f"crossing_status.csv, row 2 (id {rid!r}), column 'status': "
                               "expected one of open, closed, unknown; got 'ajar'")


def test_place_that_is_not_a_crossing_is_refused(broken):
    d, rid = broken(3, "place", "panjgur")
    with pytest.raises(data.DataError) as info:
        load_crossing_status(d)
    assert str(info.value) == (f"crossing_status.csv, row 3 (id {rid!r}), column 'place': "
                               "'panjgur' is not a crossing in places.csv (kind 'crossing')")


def test_unknown_source_is_refused(broken):
    d, rid = broken(4, "sources", "no-such-source")
    with pytest.raises(data.DataError, match="'no-such-source' is not an id in sources.csv"):
        load_crossing_status(d)
