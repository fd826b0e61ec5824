"""views.citations: which sources a lesson lists, and how the list reads as text and as HTML.

``sources_for`` is run on small tables put in place of the course data, so each test says
exactly which rows should bring which sources.
"""
import pandas as pd
import pytest

from beyond_borders import data
from beyond_borders.render.sources import source_item_html
from beyond_borders.views.citations import SourceList, indicator_sources, sources_for

SOURCES = pd.DataFrame({
    "id": ["s1", "s2", "s3", "s4", "s5", "s6", "s7"],
    "outlet": ["Dawn", "Anadolu", "IRNA", "Dawn", "Tasnim", "Geo", "X <Y>"],
    "title": ["One", "Two", "Three", "Four", "Five", "Six", "Seven & more"],
    "url": [f"https://example.org/{i}" for i in range(1, 8)],
    "published": ["2024-01-11", "2024-01-10", "", "2024-01-09", "2024-05-01", "2024-01-12", ""],
    "kind": ["newspaper"] * 6 + ["blog"],
    "originator": ["", "", "", "", "", "", "Tasnim"],
})
EVENTS = pd.DataFrame({"id": ["e1", "e2"], "date": pd.to_datetime(["2024-01-10", "2024-03-01"]),
                       "sources": ["s1;s2;unknown", "s3"]})
STATEMENTS = pd.DataFrame({"id": ["t1", "t2"], "date": pd.to_datetime(["2024-01-12", "2024-05-01"]),
                           "sources": ["s4", "s5"]})
ACCOUNTS = pd.DataFrame({"event_id": ["e1", "e2"], "sources": ["s6", "s3"]})


@pytest.fixture()
def toy(monkeypatch):
    for name, table in [("load_events", EVENTS), ("load_statements", STATEMENTS),
                        ("load_accounts", ACCOUNTS), ("load_sources", SOURCES)]:
        monkeypatch.setattr(data, name, lambda table=table: table.copy())


def ids(source_list):
    return list(source_list.sources["id"])


def test_by_ids_brings_the_sources_of_rows_and_of_their_accounts(toy):
    assert ids(sources_for(event_ids=["e1"])) == ["s2", "s1", "s6"], "by outlet, then date"
    assert ids(sources_for(statement_ids=["t2"])) == ["s5"]
    assert ids(sources_for()) == [] and len(sources_for()) == 0


def test_by_window_takes_events_and_statements_dated_inside_it(toy):
    assert ids(sources_for(start="2024-01-01", end="2024-01-31")) == ["s2", "s4", "s1", "s6"]
    assert ids(sources_for(start="2024-04-01")) == ["s5"], "an open end"
    assert ids(sources_for(end="2024-01-10")) == ["s2", "s1", "s6"], "the end day counts"


def test_ids_and_window_together_give_both(toy):
    both = sources_for(start="2024-04-01", end="2024-12-31", event_ids=["e2"], statement_ids=["t1"])
    assert ids(both) == ["s4", "s3", "s5"]


def test_extra_ids_are_added_once_and_unknown_ids_are_left_out(toy):
    assert ids(sources_for(event_ids=["e2"], extra=["s3", "s7", "nope"])) == ["s3", "s7"]


def test_source_list_as_text(toy):
    text = repr(sources_for(event_ids=["e2"], extra=["s7"], heading="Read more"))
    assert repr(sources_for(event_ids=["e1"])).splitlines()[1] == (
        "[s2] Anadolu, “Two”, 2024-01-10. https://example.org/2")
    assert text.splitlines() == [
        "Read more (2)",
        "[s3] IRNA, “Three”, n.d. https://example.org/3",
        "[s7] X <Y> (copy of Tasnim), “Seven & more”, n.d. https://example.org/7",
    ]


def test_source_list_as_html_escapes_and_numbers_each_source(toy):
    html = sources_for(event_ids=["e2"], extra=["s7"], heading="Read <more>")._repr_html_()
    assert html.startswith("<details open><summary><strong>Read &lt;more&gt; (2)</strong></summary><ol>")
    rows = SOURCES.set_index("id").loc[["s3", "s7"]].reset_index()
    assert "".join(source_item_html(r) for r in rows.itertuples()) in html
    assert "X &lt;Y&gt; (copy of Tasnim)" in html and "Seven &amp; more" in html


def test_source_list_over_the_course_data_lists_every_cited_source_once():
    events = data.load_events()
    jan = events[(events["date"] >= "2024-01-16") & (events["date"] <= "2024-01-18")]
    listed = sources_for(start="2024-01-16", end="2024-01-18")
    cited = {s for v in jan["sources"] for s in data.split_ids(v)}
    assert cited <= set(ids(listed)) and len(set(ids(listed))) == len(listed)
    assert isinstance(listed, SourceList)


def test_indicator_sources_in_first_seen_order():
    table = pd.DataFrame({"indicator": ["trade", "trade", "length", "trade"],
                          "sources": ["a;b", "b;c", "d", "a"]})
    assert indicator_sources("trade", table) == ["a", "b", "c"]
    assert indicator_sources(["length", "trade"], table) == ["a", "b", "c", "d"]
    assert indicator_sources("nothing", table) == []
    real = indicator_sources("border_length")
    assert real and set(real) <= set(data.load_sources()["id"])
