"""Claim threads: who claimed, who relayed, who denied or answered (pure functions and widget)."""
import matplotlib.dates as mdates
import pandas as pd
import pytest
from matplotlib.collections import PathCollection
from matplotlib.text import Annotation

from beyond_borders import data
from beyond_borders.views.lessons.claims import (ROLES, ClaimExplorer, claim_roots, claim_thread,
                                   claim_thread_html, describe_thread, plot_claim_chain)
from beyond_borders.render.figures import figure_png

COLS = ["id", "date", "speaker", "role", "venue", "summary", "quote", "stance", "kind",
        "responds_to", "event_id", "sources", "confidence", "notes"]


def _row(id, date, speaker, kind, event="", responds_to="", venue="Interview", conf="confirmed",
         notes=""):
    return dict(id=id, date=pd.Timestamp(date), speaker=speaker, role=f"role of {speaker}",
                venue=venue, summary=f"summary {id}", quote="", stance="claim", kind=kind,
                responds_to=responds_to, event_id=event, sources="s1", confidence=conf, notes=notes)


@pytest.fixture()
def toy():
    rows = [
        _row("c1", "2025-01-01", "x", "claim", "e1", conf="disputed"),
        _row("c2", "2025-01-02", "x", "claim", "e1", venue="Relay by Outlet A"),
        _row("d1", "2025-01-03", "y", "denial", "e2", responds_to="c1"),
        _row("r1", "2025-01-02", "z", "response", "e1"),
        _row("p1", "2025-01-01", "y", "position", "e1", notes="never mentions the claim"),
        _row("q1", "2025-01-04", "w", "response", "e2", responds_to="d1"),
        _row("s1", "2025-02-01", "v", "position", "e3"),
        _row("a1", "2025-02-01", "u", "claim", "e3", responds_to="s1"),
        _row("lone", "2025-03-01", "t", "claim", "e4"),
    ]
    return pd.DataFrame(rows, columns=COLS)


@pytest.fixture()
def actors():
    return pd.DataFrame({"id": list("xyzwvut"), "name": [f"Speaker {c.upper()}" for c in "xyzwvut"]})


@pytest.fixture()
def sources():
    return pd.DataFrame({"id": ["s1"], "outlet": ["Outlet A"], "title": ["T"],
                         "url": ["https://example.org/a"], "published": ["2025-01-02"]})


def test_thread_gives_each_statement_its_part(toy):
    t = claim_thread("c1", toy)
    assert dict(zip(t["id"], t["part"])) == {"c1": "claim", "c2": "relay", "d1": "denial",
                                             "r1": "response", "p1": "related", "q1": "response"}
    assert t["id"].iloc[0] == "c1", "the head of the thread comes first"
    assert list(t["date"].iloc[1:]) == sorted(t["date"].iloc[1:])
    assert "role" in t.columns and "part" in t.columns, "the speaker's office is kept beside the part"


@pytest.mark.parametrize("member", ["c2", "d1", "q1", "c1"])
def test_any_member_opens_the_whole_thread(toy, member):
    assert list(claim_thread(member, toy)["id"]) == list(claim_thread("c1", toy)["id"])


def test_a_non_claim_head_and_a_claim_that_reads_it(toy):
    t = claim_thread("a1", toy)
    assert list(zip(t["id"], t["part"])) == [("s1", "statement"), ("a1", "claim")]


def test_roots_are_the_answered_heads(toy):
    assert claim_roots(toy) == ["c1", "s1"]
    assert claim_roots(toy, answered_only=False) == ["c1", "s1", "lone"]


def test_unknown_statement_is_a_clear_error(toy):
    with pytest.raises(KeyError, match="no statement"):
        claim_thread("nope", toy)


def test_chain_figure_has_lanes_points_and_arrows(toy, actors):
    t = claim_thread("c1", toy)
    fig = plot_claim_chain(t, actors)
    ax = fig.axes[0]
    assert [x.get_text() for x in ax.get_yticklabels()] == [
        "Claim", "Relayed by", "Denial", "Response", "Related"]
    points = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in points) == len(t) == 6
    arrows = [a for a in ax.texts if isinstance(a, Annotation)]
    assert len(arrows) == 4  # relay (dashed), denial and its answer (solid), free response (dotted)
    styles = sorted(a.arrow_patch.get_linestyle() for a in arrows)
    assert styles.count("-") == 2 and "--" in styles and ":" in styles
    labels = {x.get_text() for x in ax.texts if not isinstance(x, Annotation)}
    assert {"Speaker X", "Outlet A", "Speaker Y"} <= labels, "relays are labelled by their outlet"
    ticks = [mdates.num2date(v).strftime("%Y-%m-%d") for v in ax.get_xticks()]
    assert ticks == ["2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04"]


def test_head_lane_is_on_top_and_alt_text_lists_every_statement(toy, actors):
    fig = plot_claim_chain(claim_thread("a1", toy), actors)
    assert [x.get_text() for x in fig.axes[0].get_yticklabels()] == ["Statement", "Claim"]
    assert fig.alt_text.startswith("Chain of 2 statements on 1 February 2025 (1 statement, 1 claim)")
    assert fig.drawn["lanes"] == ["statement", "claim"]
    lines = describe_thread(claim_thread("c1", toy), actors)
    assert lines[0] == "2025-01-01 — Claim: Speaker X (Interview). summary c1 (disputed)"
    assert "2025-01-02 — Relayed by: Outlet A. summary c2" in lines


def test_png_is_repeatable(toy, actors):
    t = claim_thread("c1", toy)
    a, b = figure_png(plot_claim_chain(t, actors)), figure_png(plot_claim_chain(t, actors))
    assert a == b and a[:4] == b"\x89PNG"


def test_html_cards_show_part_note_and_sources(toy, actors, sources):
    out = claim_thread_html(claim_thread("c1", toy), actors, sources)
    for label in ("Claim", "Relayed by", "Denial", "Response", "Related"):
        assert f">{label}</span>" in out
    assert "never mentions the claim" in out and "https://example.org/a" in out
    assert out.index("summary c1") < out.index("summary q1")


def test_course_data_rezaee_thread():
    t = claim_thread("st-2025-06-15-rezaee-nuclear-claim")
    part = dict(zip(t["id"], t["part"]))
    assert part["st-2025-06-16-dar-senate-denial"] == "denial"
    assert part["st-2025-06-15-khawaja-asif-x-nuclear"] == "related", "Asif's post is not a denial"
    assert part["st-2025-06-16-rezaee-claim-business-standard"] == "relay"
    assert part["st-2025-06-16-rezaee-claim-dna-india"] == "relay"
    assert part["st-2025-06-16-iverify-video-doctored"] == "response"
    assert set(t["part"]) <= set(ROLES)


def test_explorer_picker_and_repr():
    ex = ClaimExplorer(claims=["st-2024-08-09-pak-fo-shaheen-denial",
                               "st-2025-06-16-rezaee-claim-dna-india"],
                       value="st-2025-06-16-rezaee-claim-dna-india")
    assert ex.picker.value == "st-2025-06-15-rezaee-nuclear-claim", "a relay opens its claim"
    assert [v for _, v in ex.picker.options] == ["st-2024-08-06-jpost-shaheen-report",
                                                 "st-2025-06-15-rezaee-nuclear-claim"]
    assert repr(ex).startswith("ClaimExplorer: st-2025-06-15-rezaee-nuclear-claim · ")
    before_png, before_cards = ex.image.value, ex.cards.value
    ex.picker.value = "st-2024-08-06-jpost-shaheen-report"
    assert ex.image.value != before_png and ex.cards.value != before_cards
    assert "Shaheen-III" in ex.cards.value and "Text alternative" in ex.alt.value
    assert repr(ex) == "ClaimExplorer: st-2024-08-06-jpost-shaheen-report · 1 claim, 1 denial"


def test_default_explorer_offers_every_answered_claim_and_each_repr_fits():
    ex = ClaimExplorer()
    assert [v for _, v in ex.picker.options] == claim_roots(data.load_statements())
    for _, head in ex.picker.options:
        ex.picker.value = head
        text = repr(ex)
        assert len(text) < 110 and "…" not in text, text  # ipywidgets cuts text/plain at 110
    ex.picker.value = "st-2025-06-15-rezaee-nuclear-claim"
    assert repr(ex) == ("ClaimExplorer: st-2025-06-15-rezaee-nuclear-claim · "
                        "1 claim, 2 relay, 1 denial, 1 response, 1 related")


def test_a_loop_of_answers_still_has_a_head(toy):
    looped = toy.copy()
    looped.loc[looped["id"] == "c1", "responds_to"] = "q1"   # c1 -> q1 -> d1 -> c1
    assert set(claim_thread("d1", looped)["id"]) >= {"c1", "d1", "q1"}
