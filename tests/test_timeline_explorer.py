"""The browser-drawn TimelineExplorer, from Python: its traits, its saved state, the filter it
shares with the page, and the kernel-free outputs (a standalone fragment, the printed figure).
What happens in the page is driven in tests/browser/test_timeline.py."""
import json
import re
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from traitlets import TraitError

from beyond_borders import data
from beyond_borders.views.explorer import STATIC, TimelineExplorer
from beyond_borders.views.timeline import filter_events
from beyond_borders.views.timeline_static import figure_from_state, standalone_html, state_view_ids

ROOT = Path(__file__).resolve().parents[1]
SARAVAN = "2024-01-18-pakistan-strikes-saravan"


def test_opens_on_exactly_the_dates_asked_for():
    ex = TimelineExplorer(start="2025-06-12", end="2025-06-24", selected="2025-06-14-sharif-pezeshkian-call")
    assert (ex.start, ex.end) == ("2025-06-12", "2025-06-24")
    dates = ex.in_view()["date"]
    assert len(dates) and dates.min() >= pd.Timestamp("2025-06-12") and dates.max() <= pd.Timestamp("2025-06-24")
    assert repr(ex) == f"TimelineExplorer: {len(dates)} of {len(ex.events)} events in view, Jun 2025 – Jun 2025"


def test_without_dates_the_view_spans_the_data():
    events = data.load_events()
    ex = TimelineExplorer()
    assert ex.start == f"{events['date'].min():%Y-%m-%d}" and ex.end == f"{events['date'].max():%Y-%m-%d}"
    assert len(ex.in_view()) == len(events)
    assert ex.span[0].startswith(f"{events['date'].min():%Y}") and ex.span[1].startswith(f"{events['date'].max():%Y}")


@pytest.mark.parametrize("kwargs", [
    {}, {"categories": ["military_strike"]}, {"categories": []},
    {"actors": "jaish_al_adl"}, {"start": "1979-02-11", "end": "2001-09-10", "categories": ["diplomatic", "visit"]},
])
def test_in_view_agrees_with_filter_events(kwargs):
    ex = TimelineExplorer(**kwargs)
    actors = kwargs.get("actors")
    expected = filter_events(data.load_events(), categories=ex.categories,
                             actors=[actors] if actors else None, start=ex.start, end=ex.end)
    assert sorted(ex.in_view_ids()) == sorted(expected["id"])
    assert list(ex.in_view()["id"]) == ex.in_view_ids()


def test_text_search_needs_every_word_in_any_case():
    ex = TimelineExplorer()
    ex.query = "SARAVAN strike"
    found = ex.in_view()
    assert SARAVAN in set(found["id"]) and len(found) < len(ex.events)
    for row in found.itertuples():
        text = f"{row.title} {row.summary} {row.place}".lower()
        names = " ".join(dict(ex.actor_names).get(a, a) for a in data.split_ids(row.actors)).lower()
        assert "saravan" in text + " " + names + " " + data.load_places().set_index("id")["name"].get(row.place, "").lower()
    ex.query = "no-such-word-anywhere"
    assert ex.in_view_ids() == [] and repr(ex).startswith(f"TimelineExplorer: 0 of {len(ex.events)} events")


def test_selected_is_validated_and_observable():
    ex = TimelineExplorer(start="2024-01-01", end="2024-01-31")
    seen = []
    ex.observe(lambda ch: seen.append(ch["new"]), names="selected")
    ex.selected = SARAVAN
    assert seen == [SARAVAN]
    with pytest.raises(TraitError, match="no event with id 'nope'"):
        ex.selected = "nope"
    with pytest.raises(ValueError, match="no event with id 'nope'"):
        TimelineExplorer(selected="nope")


def test_state_carries_records_links_and_accounts_once():
    ex = TimelineExplorer(selected=SARAVAN)
    state = ex.get_state()
    assert state["_bb_widget"] == "timeline"
    assert state["_esm"] == (STATIC / "timeline.js").read_text(encoding="utf-8")
    assert "bb-timeline-explorer" in state["_dom_classes"]
    json.dumps(state)  # JSON all the way down
    strike = next(r for r in state["records"] if r["id"] == SARAVAN)
    assert strike["sources"] and all(url.startswith("http") for _label, url in strike["sources"])
    assert len({a["claimant"] for a in strike["accounts"]}) >= 3
    assert [r["date"] for r in state["records"]] == sorted(r["date"] for r in state["records"])


def test_state_is_the_same_on_every_run():
    def state():  # the layout model's id is random; authoring/widget_ids.py renames it
        return json.dumps({k: v for k, v in TimelineExplorer(start="2024-01-01").get_state().items()
                           if k != "layout"}, sort_keys=True)
    assert state() == state()


def test_static_assets_ship_in_the_wheel():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = conf["tool"]["setuptools"]["package-data"]["beyond_borders"]
    for name in ("timeline.js", "timeline.css"):
        assert (STATIC / name).is_file()
        assert any(Path("views/static", name).match(p) for p in patterns), name
    js = (STATIC / "timeline.js").read_text(encoding="utf-8")
    assert not re.search(r"^\s*import\s", js, re.M) and "fetch(" not in js and "http" not in js.replace("http://www.w3.org/2000/svg", "")


def _hostile_events():
    events = data.load_events().iloc[:3].copy()
    events.loc[events.index[0], "title"] = "</script><script>alert('x')</script> & <b>bold</b>"
    return events


def test_standalone_fragment_is_self_contained_and_safe():
    state = TimelineExplorer(events=_hostile_events()).get_state()
    one, two = standalone_html(state), standalone_html(state)
    assert "<script src" not in one and "<link" not in one and "@import" not in one and "url(" not in one
    assert one.count("</script>") == 2  # a title cannot close the data script early
    assert one.index("</script>") > one.index("alert(")
    assert one == two  # repeatable: no counters or ids (the browser test runs two on one page)
    assert " id=" not in one
    assert standalone_html({}).startswith("<p><em>")


def test_figure_from_state_draws_the_same_events():
    ex = TimelineExplorer(start="2023-12-01", end="2024-02-29", categories=["military_strike", "diplomatic"])
    ex.actor = "pakistan"
    state = ex.get_state()
    fig = figure_from_state(state)
    assert sorted(fig.drawn["events"]) == sorted(state_view_ids(state)) == sorted(ex.in_view_ids())
    assert fig.alt_text.startswith(f"Timeline of {len(ex.in_view_ids())} events")
