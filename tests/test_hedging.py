"""The hedging tracks (Lesson 4): the join to the data, the figure's content and the widget."""
import pandas as pd
import pytest
from matplotlib.collections import PathCollection

from beyond_borders import data
from beyond_borders.views.lessons import hedging
from beyond_borders.views.lessons.hedging import (HedgingTracks, describe_tracks, lesson_tracks, plot_tracks,
                                                  track_items)
from tests.support.faults import fails_once


@pytest.fixture()
def toy():
    events = pd.DataFrame({"id": ["e1", "e2"], "date": pd.to_datetime(["2025-06-14", "2025-06-13"]),
                           "title": ["Call", "Strike"], "confidence": ["confirmed", "disputed"],
                           "sources": ["s1", "s2"]})
    statements = pd.DataFrame({"id": ["st1"], "date": pd.to_datetime(["2025-06-14"]),
                               "summary": ["Said something."], "confidence": ["single_source"],
                               "sources": ["s3"]})
    tracks = {"a": "Track A", "b": "Track B"}
    items = [("e1", "b", "the call"), ("st1", "a", "the remark"), ("e2", "a", "the strike")]
    return track_items(items, tracks, events, statements), tracks


def test_items_are_joined_dated_ordered_and_numbered(toy):
    items, _ = toy
    assert list(items["id"]) == ["e2", "st1", "e1"]  # by date, then track order
    assert list(items["n"]) == [1, 2, 3]
    assert list(items["kind"]) == ["event", "statement", "event"]
    assert list(items["track_label"]) == ["Track A", "Track A", "Track B"]


def test_unknown_ids_and_tracks_fail_loudly(toy):
    _, tracks = toy
    with pytest.raises(KeyError, match="neither an event nor a statement"):
        track_items([("nope", "a", "x")], tracks, pd.DataFrame(columns=["id"]), pd.DataFrame(columns=["id"]))
    with pytest.raises(KeyError, match="unknown track"):
        track_items([("e1", "zzz", "x")], tracks)


def test_text_list_flags_weak_evidence(toy):
    items, _ = toy
    lines = describe_tracks(items)
    assert lines[0] == "1. 13 Jun — Track A: the strike (disputed)"
    assert lines[1].endswith("the remark (single source)")
    assert lines[2] == "3. 14 Jun — Track B: the call"


def test_plot_has_one_lane_per_track_and_one_circle_per_item(toy):
    items, tracks = toy
    fig = plot_tracks(items, tracks, start="2025-06-13", end="2025-06-15",
                      markers=[("2025-06-14", "marker")])
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Track A", "Track B"]
    assert ax.get_yticks()[0] > ax.get_yticks()[1]  # the first track is the top lane
    circles = sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))
    assert circles == 3
    texts = {t.get_text() for t in ax.texts}
    assert {"1", "2", "3", "marker"} <= texts
    assert fig.alt_text.startswith("Chart of 3 numbered moves from 13 June 2025 to 14 June 2025")
    assert "Track A: 2" in fig.alt_text and fig.drawn["lanes"] == ["a", "b"]


def test_lesson_4_items_all_exist_in_the_data_and_fall_in_the_window():
    content = lesson_tracks("04")
    assert (content.start, content.end) == ("2025-06-13", "2025-06-26")
    assert list(content.tracks) == ["iran", "multilateral", "washington", "gulf", "limits"]
    items = track_items(content.items, content.tracks)
    assert len(items) == len(content.items) == 22
    assert items["date"].min() >= pd.Timestamp(content.start)
    assert items["date"].max() <= pd.Timestamp(content.end)
    ev = data.load_events().set_index("id")
    # The two Washington moves either side of the US strikes are where the lesson says they are.
    assert ev.loc["2025-06-18-munir-trump-white-house-lunch", "date"] == pd.Timestamp("2025-06-18")
    assert ev.loc["2025-06-21-nobel-recommendation-trump", "date"] == pd.Timestamp("2025-06-21")
    assert [d for d, _ in content.markers] == ["2025-06-13", "2025-06-22", "2025-06-24"]


def test_widget_filters_by_track_and_days_and_shows_a_record():
    w = HedgingTracks()
    assert repr(w) == "HedgingTracks: 22 of 22 moves on 5 tracks, 13 Jun – 26 Jun 2025"
    w.toggles["washington"].value = False
    assert "washington" not in set(w.in_view()["track"])
    w.range.index = (0, 5)  # 13–18 June
    assert w.in_view()["date"].max() <= pd.Timestamp("2025-06-18")
    w.picker.value = "2025-06-14-khawaja-asif-na-speech"
    assert "Khawaja Asif" in w.details.value
    w.range.index = (0, len(w.days) - 1)
    w.toggles["washington"].value = True
    w.picker.value = "st-2025-06-19-pak-fo-briefing"
    assert "military support" in w.details.value


def test_widget_opens_on_the_selected_move_and_shows_its_record():
    w = HedgingTracks(selected="2025-06-21-nobel-recommendation-trump")
    assert w.picker.value == w.selected == "2025-06-21-nobel-recommendation-trump"
    assert "Nobel" in w.details.value and "Text alternative:" in w.caption.value
    assert len(repr(w)) < 110


def test_widget_still_updates_after_the_drawing_fails_once(monkeypatch):
    w = HedgingTracks()
    fails_once(monkeypatch, hedging, "plot_tracks")
    with pytest.raises(RuntimeError, match="plot_tracks failed"):
        w.toggles["washington"].value = False
    before = w.image.value
    w.range.index = (0, 5)  # 13–18 June, without Washington
    assert w.image.value != before and "Toward Washington" not in w.alt_text
    assert repr(w) == "HedgingTracks: 10 of 22 moves on 4 tracks, 13 Jun – 18 Jun 2025"
    w.picker.value = "2025-06-14-khawaja-asif-na-speech"
    assert "Khawaja Asif" in w.details.value


def test_widget_still_shows_records_after_a_card_fails_once(monkeypatch):
    w = HedgingTracks()
    fails_once(monkeypatch, hedging, "event_card")
    with pytest.raises(RuntimeError, match="event_card failed"):
        w.toggles["iran"].value = False  # the first move in view changes, so its card is drawn
    w.picker.value = "2025-06-14-sharif-erdogan-call"
    assert w.selected == "2025-06-14-sharif-erdogan-call" and "Erdoğan" in w.details.value
    w.toggles["iran"].value = True
    assert len(w.in_view()) == 22 and w.picker.value == "2025-06-14-sharif-erdogan-call"
