"""The pure functions behind the crossings map, and the widget.

The table itself (crossing_status.csv) is validated with the rest of the package: see
tests/test_data.py for its broken-fixture messages.
"""
import pandas as pd
import pytest

from beyond_borders import data
from beyond_borders.render.figures import caption_html
from beyond_borders.views.lessons.crossings import (CrossingsMap, crossing_status_on, describe_status,
                                                    status_basis_on, status_summary, status_table_html)
from beyond_borders.views.maps import border_map

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
    obs = data.load_crossing_status()
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
    assert repr(w) == ("CrossingsMap on 13 June 2025: Taftan–Mirjaveh open; Gabd–Rimdan open; "
                       "Mand–Pishin open")
    assert w.caption.value == caption_html(w.alt_text) and "bb-alt" in w.caption.value
    before = w.image.value
    w.slider.value = pd.Timestamp("2025-06-15")
    assert repr(w).endswith("Mand–Pishin closed")
    assert w.image.value != before and w.image.value[:4] == b"\x89PNG"
    assert "until further notice" in w.table.value
    labels = [label for label, _ in w.slider.options]
    assert labels[:3] == ["19 Jan 2024", "13 Jun 2025", "15 Jun 2025"]


def test_repr_fits_what_ipywidgets_shows():
    """ipywidgets cuts text/plain at 110 characters, and nbval compares only that prefix."""
    for d in sorted(set(data.load_crossing_status()["date"])):
        assert len(repr(CrossingsMap(date=d))) < 110
    many = pd.DataFrame({"place": [f"p{i}" for i in range(12)],
                         "name": [f"Long-named border crossing number {i}" for i in range(12)],
                         "status": ["open"] * 7 + ["closed"] * 5})
    assert status_summary("2025-06-15", many) == "CrossingsMap on 15 June 2025: 7 open, 5 closed, 0 unknown"
