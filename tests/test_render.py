"""render/: the primitives every view shares (figures, wording, source links, cards).

Each is checked on small hand-made rows, so a failure names the rule that broke, not a dataset.
"""
import re
from collections import namedtuple

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from beyond_borders.render import figures, text
from beyond_borders.render.cards import accounts_html, event_card, statement_card
from beyond_borders.render.figures import CourseFigure, caption_html, encode_png, figure_png, new_figure
from beyond_borders.render.sources import link, source_item_html, source_links

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# -- figures ---------------------------------------------------------------------------------
def test_course_figure_declares_alt_text_and_drawn_per_figure():
    a, b = new_figure(4, 3, dpi=50), new_figure(4, 3, dpi=50)
    assert isinstance(a, CourseFigure) and isinstance(a.canvas, FigureCanvasAgg)
    assert a.alt_text == "" and a.drawn == {}
    a.drawn["x"] = 1
    assert b.drawn == {}, "each figure has its own drawn dict"
    assert a.canvas.get_width_height() == (200, 150)


def _drawn_figure():
    fig = new_figure(3, 2, dpi=40)
    ax = fig.add_axes([0.1, 0.1, 0.8, 0.8])
    ax.plot([0, 1, 2], [2, 0, 1], color="#0072B2")
    fig.alt_text = "A line that falls, then rises a little."
    return fig


def test_png_is_repeatable_and_encode_reuses_the_drawn_canvas():
    png = figure_png(_drawn_figure())
    assert png[:8] == PNG_SIGNATURE and png == figure_png(_drawn_figure())
    fig = _drawn_figure()
    assert figure_png(fig) == png
    fig.text(0.5, 0.5, "new")
    assert encode_png(fig) == png, "encode_png sends what the canvas holds, without drawing again"
    assert figure_png(fig) != png


def test_caption_has_one_label_and_escapes_text():
    html = caption_html("Ships < 5 & \"tanks\"")
    assert html == ("<p class='bb-alt' style='font-size:90%'><em>Text alternative:</em> "
                    "Ships &lt; 5 &amp; &quot;tanks&quot;</p>")
    assert caption_html("") == ""
    assert caption_html("x", label="") == "<p class='bb-alt' style='font-size:90%'>x</p>"
    assert "<em>Source &amp; notes:</em>" in caption_html("x", label="Source & notes:")


def test_show_displays_the_png_then_its_caption(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    fig = _drawn_figure()
    figures.show(fig)
    assert [type(o).__name__ for o in shown] == ["Image", "HTML"]
    assert shown[0].data == figure_png(_drawn_figure())
    assert shown[1].data == caption_html(fig.alt_text)
    shown.clear()
    fig.alt_text = ""
    figures.show(fig)
    assert [type(o).__name__ for o in shown] == ["Image"], "no empty caption"


# -- text ------------------------------------------------------------------------------------
def test_confidence_wording():
    assert text.confidence_tag("confirmed") == ""
    assert text.confidence_tag("single_source") == " (single source)"
    assert text.confidence_tag("disputed") == " (disputed)"
    assert text.confidence_tag("rumour") == " (rumour)", "an unknown value is shown, not hidden"
    assert set(text.CONFIDENCE_LONG) == set(text.CONFIDENCE_SHORT)


@pytest.mark.parametrize("value, precision, long, iso", [
    ("2024-01-06", "day", "6 January 2024", "2024-01-06"),
    ("2024-01-16", "day", "16 January 2024", "2024-01-16"),
    ("2024-01-16", "month", "January 2024", "2024-01"),
    ("1947-08-01", "year", "1947", "1947"),
    (pd.Timestamp("1999-12-31"), "unknown", "31 December 1999", "1999-12-31"),
])
def test_dates_at_their_precision(value, precision, long, iso):
    assert text.long_date(value, precision) == long
    assert text.iso_date(value, precision) == iso
    assert text.dated_title(value, "Talks", precision) == f"{iso} · Talks"


def test_day_has_no_zero_padding():
    assert text.day("2025-06-05") == "5 June 2025"
    assert text.day(pd.Timestamp("2025-06-15 13:45")) == "15 June 2025"


@pytest.mark.parametrize("value, decimals, expected", [
    (1234, None, "1,234"), (1234.0, None, "1,234"), (2.65, None, "2.65"), (-7, None, "-7"),
    (0.1 + 0.2, None, "0.3"), (1234.5678, 2, "1,234.57"), (3.0, 2, "3"), (1e9, None, "1,000,000,000"),
])
def test_number(value, decimals, expected):
    assert text.number(value, decimals) == expected


@pytest.mark.parametrize("low, high, expected", [
    (9, 9, "9"), (9, 11, "9–11"), (9, None, "at least 9"), (9, np.nan, "at least 9"),
    (None, 11, "up to 11"), (np.nan, 1500, "up to 1,500"), (None, None, "no figure"),
    (np.nan, np.nan, "no figure"), (0, 0, "0"), (2.5, 3, "2.5–3"),
])
def test_figure_range(low, high, expected):
    assert text.figure_range(low, high) == expected


# -- sources ---------------------------------------------------------------------------------
SOURCES = pd.DataFrame({
    "id": ["dawn-1", "irna-2"], "outlet": ["Dawn", "IRNA"],
    "title": ["FO <b>says</b>", "Tehran replies"],
    "url": ["https://dawn.com/a?x=1&y='2'", "https://irna.ir/b"],
    "published": ["2024-01-17", ""], "kind": ["newspaper", ""], "originator": ["", "IRNA English"],
})


def test_link_escapes_url_and_text_and_opens_safely():
    html = link("https://x.org/?a=1&b='2'", "A <i>title</i>")
    assert html == ("<a href='https://x.org/?a=1&amp;b=&#x27;2&#x27;' target='_blank' "
                    "rel='noopener' style='color:#175cd3;text-decoration:underline'>"
                    "A &lt;i&gt;title&lt;/i&gt;</a>")


def test_source_links_from_a_string_or_a_list_keep_unknown_ids_as_text():
    from_string = source_links("dawn-1;<nope>;irna-2", SOURCES)
    assert from_string == source_links(["dawn-1", "<nope>", "irna-2"], SOURCES)
    parts = from_string.split("; ")
    assert parts[0] == link("https://dawn.com/a?x=1&y='2'", "Dawn, 2024-01-17")
    assert parts[1] == "&lt;nope&gt;"
    assert parts[2] == link("https://irna.ir/b", "IRNA"), "no date: no trailing comma"
    assert source_links("", SOURCES) == "" and source_links([], SOURCES) == ""


def test_source_item_from_a_row_or_a_dict():
    row = next(SOURCES.itertuples())
    item = source_item_html(row)
    assert item.startswith("<li id='src-dawn-1'><code>dawn-1</code> — Dawn, ")
    assert "FO &lt;b&gt;says&lt;/b&gt;" in item and "2024-01-17" in item and "[newspaper]" in item
    copy = source_item_html(SOURCES.iloc[1].to_dict(), tag="p")
    assert copy.startswith("<p id='src-irna-2'>") and copy.endswith("</p>")
    assert "IRNA (copy of IRNA English)" in copy and "n.d." in copy and "[" not in copy


# -- cards -----------------------------------------------------------------------------------
ACTORS = pd.DataFrame({"id": ["iran", "pakistan"], "name": ["Iran", "Pakistan"]})
PLACES = pd.DataFrame({"id": ["panjgur"], "name": ["Panjgur"]})
ACCOUNTS = pd.DataFrame({"event_id": ["e1", "e1"], "claimant": ["Pakistan", "Iran"],
                         "measure": ["killed", "killed"], "low": [2.0, np.nan], "high": [2.0, np.nan],
                         "description": ["two children", "none"], "sources": ["dawn-1", "irna-2"]})


def _event(**changes):
    row = {"id": "e1", "date": pd.Timestamp("2024-01-16"), "end_date": pd.NaT,
           "date_precision": "day", "title": "Strike <near> Panjgur", "summary": "Missiles & drones.",
           "category": "military_strike", "actors": "iran;pakistan", "place": "panjgur",
           "sources": "dawn-1;irna-2", "confidence": "single_source", "notes": ""}
    return pd.Series({**row, **changes})


def test_event_card_uses_the_long_confidence_wording_and_the_date_at_its_precision():
    card = event_card(_event(), ACTORS, PLACES, SOURCES, ACCOUNTS)
    assert "<strong>Confidence:</strong> rests on a single source" in card
    assert "<strong>16 January 2024</strong>" in card
    assert "Strike &lt;near&gt; Panjgur" in card and "Missiles &amp; drones." in card
    assert "Military strike · Panjgur" in card and "<strong>Actors:</strong> Iran, Pakistan" in card
    assert "Competing accounts" in card and "no figure" in card
    month = event_card(_event(date=pd.Timestamp("2024-01-01"), date_precision="month",
                              end_date=pd.Timestamp("2024-03-01"), confidence="confirmed", id="e9"),
                       ACTORS, PLACES, SOURCES, ACCOUNTS)
    assert "<strong>January 2024 – March 2024</strong>" in month
    assert text.CONFIDENCE_LONG["confirmed"] in month
    assert "No competing figures are recorded" in month


def test_statement_card_tags_confidence_and_the_statement_answered():
    row = pd.Series({"date": pd.Timestamp("2024-01-17"), "speaker": "pakistan", "role": "FO",
                     "venue": "Islamabad", "kind": "position", "stance": "condemnation;sovereignty",
                     "confidence": "disputed", "responds_to": "st-1", "summary": "A <b> summary",
                     "quote": "", "sources": ["dawn-1"]})
    card = statement_card(row, ACTORS, SOURCES)
    assert "<strong>17 January 2024</strong> · Pakistan (FO), Islamabad" in card
    assert "position: condemnation, sovereignty (disputed) · answers <code>st-1</code>" in card
    assert "A &lt;b&gt; summary" in card and "<blockquote" not in card


def test_accounts_table_keeps_each_claimant_with_its_figure():
    html = accounts_html("e1", ACCOUNTS, SOURCES)
    figure = re.search(r"<td style='([^']*)'>2</td>", html).group(1)
    assert "text-align:right" in figure and "white-space:nowrap" in figure  # figures line up, never wrap
    html = re.sub(r" style='[^']*'", "", html)
    assert html.count("<tr><td>") == 2
    assert "<td>Pakistan</td><td>killed</td><td>2</td>" in html
    assert "<td>Iran</td><td>killed</td><td>no figure</td>" in html
    assert accounts_html("e2", ACCOUNTS, SOURCES).startswith("<p><em>No competing figures")


def test_source_item_accepts_a_namedtuple_without_kind():
    Row = namedtuple("Row", "id outlet title url published originator")
    item = source_item_html(Row("x", "Outlet", "T", "https://t", None, ""))
    assert "n.d." in item and "<span" not in item


def test_a_source_item_can_leave_out_its_anchor_so_ids_stay_unique():
    row = {"id": "s1", "outlet": "Dawn", "originator": "", "url": "https://example.org/a",
           "title": "T", "published": "2024-01-17", "kind": "news"}
    assert "id='src-s1'" in source_item_html(row)
    assert "id=" not in source_item_html(row, anchor=False).split(">")[0]


def test_a_cut_short_or_blank_address_is_never_a_link():
    from beyond_borders.render.sources import link, usable_url
    assert usable_url("https://menafn.com/1107725116/...") == "" and usable_url("") == ""
    assert usable_url("javascript:alert(1)") == ""
    assert "<a " not in link("https://menafn.com/1107725116/...", "MENAFN")
    assert "<a " in link("https://www.dawn.com/news/1", "Dawn")


def test_no_timeline_record_links_to_a_cut_short_address():
    from beyond_borders import data as course_data
    from beyond_borders.views import timeline_data
    sources = course_data.load_sources()
    cut = sources[sources["url"].astype(str).str.endswith("...")]
    assert len(cut), "the data has cut-short addresses to test against"
    by_id = {r["id"]: r for r in sources.to_dict("records")}
    pairs = timeline_data._source_pairs(";".join(cut["id"]), by_id)
    assert len(pairs) == len(cut) and all(url == "" for _, url in pairs)
