"""One control change on each lesson widget, in the lesson's own page, and what must follow.

Each test works in the page that test_lab.py's lesson test opened and ran (tests are ordered
lesson by lesson), changes one control the way a learner would, and checks that the widget's
visible content changed as it should: a new picture, and text that matches the new choice.
"""
from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from playwright.sync_api import expect

from beyond_borders import data
from beyond_borders.render.cards import accounts_for
from beyond_borders.render.text import plural

from .conftest import ARTEFACTS
from .helpers import WAIT, wait_src_changed, wait_text_changed


def widget(page, css: str):
    found = page.locator(f".{css}").first
    found.scroll_into_view_if_needed()
    return found


def pick_another(select) -> str:
    """Choose the first option of a <select> that is not the current one; return its value."""
    current = select.input_value()
    values = select.locator("option").evaluate_all("os => os.map(o => o.value)")
    choice = next(v for v in values if v != current)
    select.select_option(value=choice)
    return choice


def snapshot(page, found, name: str):
    """The page scrolled to the widget's top (a tall widget's own screenshot is cut off by the
    notebook's scrolling panel)."""
    ARTEFACTS.mkdir(exist_ok=True)
    found.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(ARTEFACTS / f"widget_{name}.png"))


def pick_and_redraw(page, explorer, panel):
    """Pick another item in the explorer's first menu; wait until its figure, its text
    alternative and ``panel`` have all changed. Returns the chosen label and the caption."""
    img, alt = explorer.locator("img").first, explorer.locator(".bb-alt").first
    src0, alt0, panel0 = img.get_attribute("src"), alt.inner_text(), panel.inner_text()
    chosen = pick_another(explorer.locator("select").first)
    wait_src_changed(page, img, src0)
    wait_text_changed(alt, alt0)
    wait_text_changed(panel, panel0)
    return chosen, alt


@pytest.mark.lesson("02_the_january_2024_strikes.ipynb")
def test_accounts_table_shows_the_picked_events_figures(lessons):
    page = lessons.open("02_the_january_2024_strikes.ipynb")
    table = widget(page, "bb-accounts-table")
    picker, shown = table.locator("select").first, table.locator(".widget-html-content").first
    before = shown.inner_text()
    date, title = pick_another(picker).split(" · ", 1)
    wait_text_changed(shown, before)
    events = data.load_events()
    event_id = events[(events["title"] == title) & (events["date"].dt.strftime("%Y-%m-%d") == date)]["id"].item()
    accounts = accounts_for(event_id, data.load_accounts())
    assert len(accounts), f"{event_id} has no competing figures to show"
    text = shown.inner_text()
    for claimant, figure in zip(accounts["claimant"], accounts["figure"]):
        assert claimant in text and figure in text, (claimant, figure, text[:500])
    snapshot(page, table, "accounts_table")


@pytest.mark.lesson("04_pakistan_iran_and_israel.ipynb")
def test_hedging_tracks_hide_a_track(lessons):
    page = lessons.open("04_pakistan_iran_and_israel.ipynb")
    tracks = widget(page, "bb-hedging-tracks")
    img, lines = tracks.locator("img").first, tracks.locator("li")
    n0, src0 = lines.count(), img.get_attribute("src")
    toggles = tracks.locator("button.widget-toggle-button")
    labels = toggles.all_inner_texts()
    # A track that has moves in the list, so hiding it must shorten the list.
    label = next((t for t in labels if any(f" {t}:" in line for line in lines.all_inner_texts())), None)
    assert label, f"no track of {labels} has a move in the list"
    on_track = sum(f" {label}:" in line for line in lines.all_inner_texts())
    toggles.nth(labels.index(label)).click()
    wait_src_changed(page, img, src0)
    expect(lines).to_have_count(n0 - on_track, timeout=WAIT)
    assert not any(f" {label}:" in line for line in lines.all_inner_texts())
    expect(toggles.nth(labels.index(label))).not_to_have_class(re.compile(r"\bmod-active\b"))
    snapshot(page, tracks, "hedging_tracks")


@pytest.mark.lesson("04_pakistan_iran_and_israel.ipynb")
def test_statements_explorer_filters_by_stance(lessons):
    page = lessons.open("04_pakistan_iran_and_israel.ipynb")
    explorer = widget(page, "bb-statements-explorer")
    cards = explorer.locator(".bb-statement")
    count = explorer.locator(".widget-html-content").filter(has_text=re.compile(r"^Showing \d+ statements?\b"))
    texts = cards.all_inner_texts()
    stances = explorer.locator("select").nth(1).locator("option")
    values = [stances.nth(i).get_attribute("value") for i in range(stances.count())]
    # A stance that some, but not all, of the cards in view carry.
    stance = next((v for v in values if 0 < sum(v in t for t in texts) < len(texts)), None)
    assert stance, f"no stance tells the {len(texts)} statements in view apart"
    at_most = sum(stance in t for t in texts)
    before = count.inner_text()
    explorer.locator("select").nth(1).select_option(value=stance)
    wait_text_changed(count, before)
    after = cards.all_inner_texts()
    assert 1 <= len(after) <= at_most < len(texts)
    assert all(stance in t for t in after)
    assert count.inner_text().startswith(f"Showing {plural(len(after), 'statement')},")
    snapshot(page, explorer, "statements_explorer")


@pytest.mark.lesson("05_nuclear_rhetoric.ipynb")
def test_claim_explorer_draws_the_picked_thread(lessons):
    page = lessons.open("05_nuclear_rhetoric.ipynb")
    explorer = widget(page, "bb-claim-explorer")
    thread = explorer.locator(".bb-claim-thread").first
    chosen, _alt = pick_and_redraw(page, explorer, thread)
    # The option reads "date · speaker: summary"; the thread starts from that statement.
    date, rest = chosen.split(" · ", 1)
    speaker = rest.split(": ", 1)[0]
    assert speaker in thread.inner_text()
    assert f"{dt.date.fromisoformat(date):%Y}" in thread.inner_text()
    snapshot(page, explorer, "claim_explorer")


@pytest.mark.lesson("06_unity_and_the_closed_border.ipynb")
def test_crossings_map_moves_to_the_next_date(lessons):
    page = lessons.open("06_unity_and_the_closed_border.ipynb")
    crossings = widget(page, "bb-crossings-map")
    img, readout = crossings.locator("img").first, crossings.locator(".widget-readout").first
    caption = crossings.locator(".bb-crossings caption").first
    src0, day0, caption0 = img.get_attribute("src"), readout.inner_text(), caption.inner_text()
    crossings.locator(".noUi-handle").first.press("ArrowRight")
    wait_src_changed(page, img, src0)
    wait_text_changed(caption, caption0)
    day = dt.datetime.strptime(readout.inner_text(), "%d %b %Y")
    assert day > dt.datetime.strptime(day0, "%d %b %Y")
    assert f"Crossings on {day.day} {day:%B %Y}" in caption.inner_text()
    snapshot(page, crossings, "crossings_map")


@pytest.mark.lesson("08_economy_and_futures.ipynb")
def test_indicator_explorer_draws_the_picked_indicator(lessons):
    page = lessons.open("08_economy_and_futures.ipynb")
    explorer = widget(page, "bb-indicator-explorer")
    chosen, alt = pick_and_redraw(page, explorer, explorer.locator(".bb-indicators").first)
    assert alt.inner_text().startswith(f"Text alternative: Chart of {chosen}")
    snapshot(page, explorer, "indicator_explorer")


# --- Rough edges of the non-timeline widgets (issue 13): what Chromium actually paints. ---

def contrast(fg: str, bg: str) -> float:
    """WCAG contrast of two computed CSS colours ('rgb(r, g, b)' or 'rgba(...)')."""
    def lum(css):
        r, g, b = [int(float(v)) / 255 for v in re.findall(r"[\d.]+", css)[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


PAINT_JS = """el => { const s = getComputedStyle(el);
  return {color: s.color, background: s.backgroundColor, decoration: s.textDecorationLine,
          opacity: s.opacity}; }"""


# How many lines of text each element's content takes (distinct tops of its text boxes).
LINES_JS = """cells => cells.map(c => { const r = document.createRange(); r.selectNodeContents(c);
  return new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top))).size; })"""


def shot(page, found, name: str):
    """``snapshot``, and a copy for the reviewer in $BB_SHOTS (e.g. /tmp/shots-W) when set."""
    snapshot(page, found, name)
    if os.environ.get("BB_SHOTS"):
        page.screenshot(path=f"{os.environ['BB_SHOTS']}/{name}.png")


@pytest.mark.lesson("00_start_here.ipynb")
def test_lesson_0_next_link_opens_lesson_1(lessons):
    page = lessons.open("00_start_here.ipynb")
    # JupyterLab rewrites a relative href to the file's URL (/files/lessons/…?_xsrf=…) and opens
    # the notebook itself when the link is clicked.
    link = page.locator(".jp-RenderedMarkdown a[href*='/lessons/01_neighbours_and_history.ipynb']").last
    scroller = page.locator(".jp-NotebookPanel:visible .jp-WindowedPanel-outer").first
    for _ in range(20):  # cells far down are drawn only when scrolled to
        if link.count():
            break
        scroller.evaluate("el => { el.scrollTop = el.scrollHeight; }")
        page.wait_for_timeout(250)
    link.scroll_into_view_if_needed(timeout=WAIT)
    shot(page, link, "lesson00_next_link")
    link.click()
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text="01_neighbours_and_history.ipynb")
    expect(tab).to_have_count(1, timeout=WAIT)
    expect(page.locator(".jp-NotebookPanel:visible .jp-RenderedMarkdown h1").first).to_contain_text(
        "Lesson 1", timeout=WAIT)


@pytest.mark.lesson("02_the_january_2024_strikes.ipynb")
def test_accounts_sources_look_like_links_and_figures_do_not_wrap(lessons):
    page = lessons.open("02_the_january_2024_strikes.ipynb")
    table = widget(page, "bb-accounts-table")
    link = table.locator("table a").first
    paint = link.evaluate(PAINT_JS)
    assert "underline" in paint["decoration"], paint
    assert contrast(paint["color"], "rgb(255, 255, 255)") >= 4.5 and paint["color"] != "rgba(0, 0, 0, 0.87)"
    for cell in table.locator("td").all():  # nothing is cut: every cell's text fits its box
        assert cell.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), cell.inner_text()[:80]
    lines = table.locator("td:nth-child(3)").evaluate_all(LINES_JS)
    assert lines and all(n == 1 for n in lines), lines  # a figure ("at least 9") never breaks


@pytest.mark.lesson("07_the_2026_war_and_mediation.ipynb")
def test_data_tables_show_gaps_in_words_and_whole_cells(lessons):
    page = lessons.open("07_the_2026_war_and_mediation.ipynb")
    table = page.locator(".jp-OutputArea-output table.bb-table").first
    table.scroll_into_view_if_needed()
    texts = table.locator("td").all_inner_texts()
    assert texts and not any(t.strip() in ("NaN", "nan", "None", "NaT") or t.endswith("…") for t in texts)
    assert all(c.evaluate("el => el.scrollWidth <= el.clientWidth + 1") for c in table.locator("td").all())
    shot(page, table, "lesson07_table")


@pytest.mark.lesson("07_the_2026_war_and_mediation.ipynb")
def test_statements_explorer_shows_ids_and_counts_in_the_singular(lessons):
    page = lessons.open("07_the_2026_war_and_mediation.ipynb")
    explorer = widget(page, "bb-statements-explorer")
    cards = explorer.locator(".bb-statement")
    ids = explorer.locator(".bb-statement code.bb-id")
    assert ids.count() >= cards.count() > 0
    assert all(t.startswith("st-") or re.match(r"\d{4}-", t) for t in ids.all_inner_texts())
    count = explorer.locator(".widget-html-content").filter(has_text=re.compile(r"^Showing \d+ statements?\b"))
    st = data.load_statements()
    dated = st[(st["date"] >= "2026-02-28") & (st["date"] <= "2026-07-02")]  # the lesson's explorer
    alone = dated["speaker"].value_counts()
    speaker = alone[alone == 1].index[0]
    name = data.load_actors().set_index("id")["name"].get(speaker, speaker)
    before = count.inner_text()
    explorer.locator("select").first.select_option(label=name)
    wait_text_changed(count, before)
    expect(cards).to_have_count(1, timeout=WAIT)
    assert count.inner_text().startswith("Showing 1 statement,"), count.inner_text()
    shot(page, explorer, "statements_ids")
