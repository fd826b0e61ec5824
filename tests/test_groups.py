"""The 'who are the groups' table: content from actors.csv, counts from events.csv."""
import pandas as pd
import pytest

from beyond_borders import data
from beyond_borders.views.lessons.groups import GroupsTable, group_rows, groups_html, groups_table, groups_text


@pytest.fixture()
def toy():
    actors = pd.DataFrame({
        "id": ["iran", "ga", "gb", "gc"],
        "name": ["Iran", "Group A", "Group <B>", "Group C"],
        "kind": ["state", "militant_group", "militant_group", "militant_group"],
        "country": ["IRN", "", "", ""],
        "role": ["", "armed group on one side", "", "coalition"],
        "notes": ["", "", "named 'X' by officials", ""],
    })
    events = pd.DataFrame({
        "id": ["e1", "e2", "e3", "e4"],
        "date": pd.to_datetime(["2009-10-18", "2014-02-06", "2025-12-10", "2019-07-02"]),
        "title": ["First attack", "Abduction", "Merger", "Designation"],
        "actors": ["ga;iran", "ga", "ga;gc", "iran"],
    })
    return actors, events


def test_rows_are_the_militant_groups_with_their_events(toy):
    actors, events = toy
    rows = group_rows(actors, events)
    assert list(rows["id"]) == ["ga", "gb", "gc"]  # states are left out; csv order kept
    a = rows.set_index("id").loc["ga"]
    assert a["events"] == 3 and a["first_year"] == 2009 and a["last_year"] == 2025
    assert a["latest"] == "Merger"
    b = rows.set_index("id").loc["gb"]
    assert b["events"] == 0 and b["first_year"] is None and b["latest"] == ""
    assert rows.set_index("id").loc["gc", "events"] == 1


def test_ids_choose_and_order_groups_and_skip_non_groups(toy):
    actors, events = toy
    rows = group_rows(actors, events, ids=["gc", "iran", "nope", "ga"])
    assert list(rows["id"]) == ["gc", "ga"]


def test_actor_ids_match_whole_ids_only():
    actors = pd.DataFrame({"id": ["bla", "blaf"], "name": ["BLA", "BLAF"],
                           "kind": ["militant_group"] * 2, "country": ["", ""],
                           "role": ["", ""], "notes": ["", ""]})
    events = pd.DataFrame({"id": ["e"], "date": pd.to_datetime(["2020-01-01"]), "title": ["T"],
                           "actors": ["blaf"]})
    rows = group_rows(actors, events).set_index("id")
    assert rows.loc["bla", "events"] == 0 and rows.loc["blaf", "events"] == 1


def test_html_is_an_escaped_accessible_table(toy):
    actors, events = toy
    out = groups_html(group_rows(actors, events))
    assert out.startswith("<table") and "<caption>" in out and "scope='col'" in out
    assert "Group &lt;B&gt;" in out and "<B>" not in out
    assert "named &#x27;X&#x27; by officials" in out
    assert "3 (2009–2025)" in out and "1 (2025)" in out and ">none<" in out
    assert groups_html(group_rows(actors, events, ids=[])) == "<p><em>No armed groups match.</em></p>"


def test_text_form_lists_every_group(toy):
    actors, events = toy
    text = groups_text(group_rows(actors, events))
    lines = text.splitlines()
    assert lines[0] == "Armed groups in the course data (3)"
    assert lines[1] == "- Group A: armed group on one side. Events: 3 (2009–2025)."
    assert lines[2] == "- Group <B>. Events: none."


def test_course_data_table_has_the_groups_of_lesson_3():
    table = groups_table(ids=["jundallah", "jaish_al_adl", "jmm", "bla", "blf"])
    assert isinstance(table, GroupsTable) and len(table) == 5
    rows = table.rows.set_index("id")
    actors = data.load_actors().set_index("id")
    for gid in rows.index:
        assert rows.loc[gid, "name"] == actors.loc[gid, "name"]
        assert rows.loc[gid, "events"] >= 1
    assert rows.loc["jmm", "first_year"] >= 2025
    assert "Jaish al-Adl" in table._repr_html_() and repr(table).startswith("Armed groups")
