"""The timeline explorer in the browser: every interaction happens in the page, Python sees the
filters, keys stay in the widget, and it works with no kernel (JupyterLab, Voilà, a static page).

One JupyterLab page runs a small notebook (``explorer = TimelineExplorer(...)``) and the tests
share it, in order; ``py`` asks its kernel what Python sees. Screenshots go to test-artefacts/.
"""
from __future__ import annotations

import json

import nbformat
import pytest
from playwright.sync_api import expect

from beyond_borders.views.explorer import STATIC, TimelineExplorer
from beyond_borders.views.timeline import filter_events
from tests.support import labserver

from .conftest import ARTEFACTS, TIMEOUT
from .timeline_page import (EX, WAIT, in_view, overlaps, py, py_until, sideways_overflow, small_text,
                            status, wait_status_changed, window)

SARAVAN = "2024-01-18-pakistan-strikes-saravan"
CODE = ('from beyond_borders import TimelineExplorer\n'
        'explorer = TimelineExplorer(start="2023-12-01", end="2024-02-29")\nexplorer')


@pytest.fixture(scope="module")
def tl(browser, lab, workspace):
    """The probe notebook, run once in JupyterLab; its page and its explorer."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(CODE)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(workspace / "timeline_probe.ipynb"))
    page = browser.new_page()
    labserver.open_and_run_all(page, lab, "timeline_probe.ipynb", timeout=TIMEOUT)
    ex = page.locator(EX).first
    ex.locator(".bb-tl-main path").first.wait_for(timeout=WAIT)
    yield page, ex
    page.close()


# -- filters: in the page at once, in Python once synced -----------------------------------------
def test_category_toggle_filters_in_the_page_and_reaches_python(tl):
    page, ex = tl
    before, ids = status(ex), in_view(ex)
    toggle = ex.locator(".bb-category-toggle[data-cat='military_strike']")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    wait_status_changed(ex, before)
    assert 0 < len(in_view(ex)) < len(ids)
    assert "(Military strike)" not in ex.locator(".bb-event-list").inner_text()
    py_until(page, "print('military_strike' in explorer.categories)", "False")
    py_until(page, "print(sorted(explorer.in_view_ids()) == sorted(%s))" % json.dumps(in_view(ex)), "True")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert in_view(ex) == ids


def test_actor_search_and_era_filter_in_the_page(tl):
    page, ex = tl
    ex.locator(".bb-tl-actor").select_option("jaish_al_adl")
    py_until(page, "print(explorer.actor)", "jaish_al_adl")
    assert py(page, "print(sorted(explorer.in_view_ids()) == sorted(%s))" % json.dumps(in_view(ex))).strip() == "True"
    ex.locator(".bb-tl-actor").select_option("")
    ex.locator(".bb-tl-query").fill("saravan")
    expect(ex.locator(".bb-event-list li")).not_to_have_count(0, timeout=WAIT)
    py_until(page, "print(explorer.query)", "saravan")
    assert SARAVAN in in_view(ex)
    assert py(page, "print(sorted(explorer.in_view_ids()) == sorted(%s))" % json.dumps(in_view(ex))).strip() == "True"
    ex.locator(".bb-tl-query").fill("")
    py_until(page, "print(repr(explorer.query))", "''")
    ex.locator(".bb-tl-era").select_option("war_and_mediation")
    assert window(ex)[0].startswith("2026")
    py_until(page, "print(explorer.start)", window(ex)[0])
    expect(ex.locator(".bb-tl-era")).to_have_value("")  # the menu is a jump, not a state


def test_python_sets_the_view_and_the_record(tl):
    page, ex = tl
    py(page, f"explorer.start, explorer.end = '2024-01-10', '2024-01-25'\nexplorer.selected = '{SARAVAN}'")
    expect(ex.locator(".bb-tl-status")).to_contain_text("10 Jan 2024 – 25 Jan 2024", timeout=WAIT)
    details = ex.locator(".bb-tl-details")
    expect(details).to_contain_text("Saravan", timeout=WAIT)
    links = details.locator("a[href^='http']")
    assert links.count() >= 3 and links.first.get_attribute("target") == "_blank"
    accounts = details.locator(".bb-tl-account")
    assert accounts.count() >= 3
    tops = {round(accounts.nth(i).bounding_box()["y"]) for i in range(2)}
    assert len(tops) == 1, "competing accounts sit side by side"
    assert ex.locator(".bb-tl-ring").count() == 1


# -- zoom and pan ---------------------------------------------------------------------------------
def _days(w):
    from datetime import date
    a, b = (date.fromisoformat(d) for d in w)
    return (b - a).days


def test_zoom_buttons_keys_wheel_and_drag(tl):
    page, ex = tl
    ex.locator(".bb-tl-all").click()
    full = _days(window(ex))
    ex.locator(".bb-tl-zoomin").click()
    assert abs(_days(window(ex)) - full / 2) <= 2
    ex.locator(".bb-tl-zoomout").click()
    assert abs(_days(window(ex)) - full) <= 2
    main = ex.locator(".bb-tl-main")
    main.focus()
    page.keyboard.press("+")
    page.keyboard.press("+")
    quarter = _days(window(ex))
    assert abs(quarter - full / 4) <= 2
    page.keyboard.press("-")
    assert abs(_days(window(ex)) - full / 2) <= 2
    box = main.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] / 2)
    half = window(ex)
    page.mouse.wheel(0, -400)
    page.wait_for_function("([el, w]) => el.bbTimeline.window().join() !== w.join()", arg=[ex.element_handle(), half],
                           timeout=WAIT)
    zoomed = window(ex)
    assert _days(zoomed) < full / 2 - 2
    x, y = box["x"] + box["width"] * 0.7, box["y"] + 60
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 200, y, steps=5)
    page.mouse.up()
    page.wait_for_function("([el, w]) => el.bbTimeline.window().join() !== w.join()", arg=[ex.element_handle(), zoomed],
                           timeout=WAIT)
    dragged = window(ex)
    assert dragged[0] < zoomed[0] and abs(_days(dragged) - _days(zoomed)) <= 1, "a drag to the right shows earlier dates"
    py_until(page, "print(explorer.start, explorer.end)", " ".join(dragged))
    ex.locator(".bb-tl-later").click()
    assert window(ex)[0] > dragged[0]


def test_overview_shows_the_view_and_its_handles_announce_dates(tl):
    page, ex = tl
    py(page, "explorer.start, explorer.end = '2024-01-01', '2024-01-31'")
    expect(ex.locator(".bb-tl-status")).to_contain_text("1 Jan 2024 – 31 Jan 2024", timeout=WAIT)
    start = ex.locator(".bb-tl-handle-start")
    expect(start).to_have_attribute("aria-valuetext", "1 January 2024")
    expect(ex.locator(".bb-tl-handle-end")).to_have_attribute("aria-valuetext", "31 January 2024")
    assert start.get_attribute("role") == "slider" and start.get_attribute("tabindex") == "0"
    brush = ex.locator(".bb-tl-brush").bounding_box()
    strip = ex.locator(".bb-tl-overview").bounding_box()
    assert strip["x"] < brush["x"] < strip["x"] + strip["width"] * 0.99, "the box sits near 2024 on 1947–2026"
    start.focus()
    page.keyboard.press("PageDown")
    expect(start).to_have_attribute("aria-valuetext", "1 January 2023")
    assert window(ex) == ["2023-01-01", "2024-01-31"]
    # A drag on the strip moves the view; a click outside the box centres it there.
    ov = ex.locator(".bb-tl-overview").bounding_box()
    page.mouse.click(ov["x"] + ov["width"] * 0.2, ov["y"] + 20)
    assert window(ex)[0] < "1970-01-01"


# -- labels, hover, text size ----------------------------------------------------------------------
def test_labels_never_overlap_and_hover_always_labels(tl):
    page, ex = tl
    py(page, "explorer.start, explorer.end = '2023-12-01', '2024-02-29'")
    expect(ex.locator(".bb-tl-status")).to_contain_text("1 Dec 2023", timeout=WAIT)
    labels = ex.locator(".bb-tl-label")
    labels.nth(2).wait_for(timeout=WAIT)  # drawn on the frame after the status line
    assert overlaps(ex, ".bb-tl-label") == []
    # Hover on a mark that has no label of its own: its name shows.
    main = ex.locator(".bb-tl-main")
    page.keyboard.press("Escape")
    main.focus()
    page.keyboard.press("Home")
    expect(ex.locator(".bb-tl-cursor")).to_have_count(1, timeout=WAIT)  # drawn on the next frame
    cx, cy = ex.evaluate("el => { const c = el.querySelector('.bb-tl-cursor'); return [+c.getAttribute('cx'), +c.getAttribute('cy')]; }")
    box = main.bounding_box()
    page.mouse.move(box["x"] + cx, box["y"] + cy)
    expect(ex.locator(".bb-tl-tip")).to_have_count(1, timeout=WAIT)
    title = ex.evaluate("el => el.bbTimeline.title(el.bbTimeline.cursor())")
    assert title[:20] in ex.locator(".bb-tl-tip").text_content()
    # The first event's tip stays inside the drawing and off the lane names in the gutter.
    clash = ex.evaluate("""el => {
        const tip = el.querySelector('.bb-tl-tip rect').getBoundingClientRect();
        const svg = el.querySelector('.bb-tl-main').getBoundingClientRect();
        const names = [...el.querySelectorAll('.bb-tl-lanename')].map(n => n.getBoundingClientRect());
        const hit = names.filter(n => n.right > tip.left && n.left < tip.right && n.bottom > tip.top && n.top < tip.bottom);
        return {outside: tip.left < svg.left || tip.right > svg.right, names: hit.length};
    }""")
    assert clash == {"outside": False, "names": 0}


def test_text_is_at_least_12px_and_drawn_as_vectors(tl):
    _page, ex = tl
    assert small_text(ex) == []
    assert ex.locator("img, canvas").count() == 0, "the timeline is SVG, crisp at any size"


# -- keyboard and screen readers ------------------------------------------------------------------
def test_arrow_keys_move_between_events_and_enter_opens_one(tl):
    page, ex = tl
    py(page, "explorer.selected = None")
    main = ex.locator(".bb-tl-main")
    main.focus()
    page.keyboard.press("Home")
    first = in_view(ex)[0]
    assert ex.evaluate("el => el.bbTimeline.cursor()") == first
    page.keyboard.press("ArrowRight")
    second = ex.evaluate("el => el.bbTimeline.cursor()")
    assert second == in_view(ex)[1]
    expect(ex.locator(".bb-tl-announce")).to_contain_text("2 of", timeout=WAIT)
    page.keyboard.press("ArrowLeft")
    assert ex.evaluate("el => el.bbTimeline.cursor()") == first
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    py_until(page, "print(explorer.selected)", second)
    expect(ex.locator(".bb-tl-details h4")).to_have_count(1, timeout=WAIT)


def test_every_control_is_reachable_by_tab(tl):
    page, ex = tl
    ex.locator(".bb-category-toggle").first.focus()
    reached = set()
    for _ in range(40):
        reached.add(page.evaluate("() => { const a = document.activeElement; return a.closest('.bb-timeline-explorer') ? "
                                  "(a.className.baseVal ?? a.className) : 'outside'; }"))
        page.keyboard.press("Tab")
    for needed in ["bb-category-toggle", "bb-tl-actor", "bb-tl-query", "bb-tl-era", "bb-tl-zoomin",
                   "bb-tl-zoomout", "bb-tl-all", "bb-tl-present", "bb-tl-main"]:
        assert any(needed in r for r in reached), (needed, reached)
    assert any("bb-tl-handle-start" in r for r in reached) and any("bb-tl-handle-end" in r for r in reached)


def test_toggles_announce_state_and_off_does_not_look_on(tl):
    _page, ex = tl
    toggle = ex.locator(".bb-category-toggle[data-cat='diplomatic']")
    style = "el => { const s = getComputedStyle(el); return [s.backgroundColor, s.borderTopStyle, s.fontWeight]; }"
    on = toggle.evaluate(style)
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    off = toggle.evaluate(style)
    assert off[0] == "rgb(255, 255, 255)" and off[1] == "dashed" and off != on
    toggle.focus()  # a focused, switched-off toggle still looks off
    assert toggle.evaluate(style)[0] == "rgb(255, 255, 255)"
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")


CELLS_JS = """() => { const nb = window.jupyterapp.shell.currentWidget.content;
  return [nb.widgets.length, nb.widgets.map(c => c.model.type).join(','), nb.activeCellIndex, nb.mode]; }"""


def test_keys_in_the_widget_never_reach_jupyterlab(tl):
    page, ex = tl
    page.evaluate("() => { const nb = window.jupyterapp.shell.currentWidget.content; nb.mode = 'command'; }")
    before = page.evaluate(CELLS_JS)
    for target in [".bb-category-toggle", ".bb-tl-main", ".bb-tl-zoomin", ".bb-tl-handle-start", ".bb-tl-actor"]:
        ex.locator(target).first.focus()
        for key in ["m", "a", "b", "d", "d", "y", "x", "ArrowDown", "ArrowUp", "Escape", "Shift+Enter"]:
            page.keyboard.press(key)
            if key == "ArrowDown" and target == ".bb-tl-actor":
                page.keyboard.press("Escape")
    assert page.evaluate(CELLS_JS)[:3] == before[:3], "a key reached JupyterLab's shortcuts"
    expect(ex.locator(".bb-tl-main")).to_be_visible()
    # The same key outside the widget does reach JupyterLab (so the check above can fail).
    page.evaluate("() => { const nb = window.jupyterapp.shell.currentWidget.content; nb.mode = 'command'; nb.node.focus(); }")
    page.keyboard.press("b")
    page.wait_for_function(f"() => ({CELLS_JS})()[0] === {before[0] + 1}", timeout=WAIT)
    page.keyboard.press("d")
    page.keyboard.press("d")
    page.wait_for_function(f"() => ({CELLS_JS})()[0] === {before[0]}", timeout=WAIT)


# -- presentation, widths ---------------------------------------------------------------------------
def test_presentation_mode_enlarges_controls(tl):
    page, ex = tl
    button = ex.locator(".bb-tl-present")
    small = ex.locator(".bb-tl-zoomin").bounding_box()["height"]
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    py_until(page, "print(explorer.presentation)", "True")
    big = ex.locator(".bb-tl-zoomin").bounding_box()["height"]
    assert big >= 44 > small and float(ex.evaluate("el => getComputedStyle(el.querySelector('.bb-tl-lanename')).fontSize")[:-2]) >= 18
    ARTEFACTS.mkdir(exist_ok=True)
    ex.screenshot(path=str(ARTEFACTS / "timeline_presentation.png"))
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")


LANE_NAMES_INSIDE_JS = """el => [...el.querySelectorAll('.bb-tl-lanename')].every(t =>
  t.getBoundingClientRect().left >= el.querySelector('.bb-tl-main').getBoundingClientRect().left - 0.5)"""


@pytest.mark.parametrize("width", [800, 1280, 1920])
def test_fits_any_width_without_overlap(tl, width):
    page, ex = tl
    py(page, "explorer.actor, explorer.query = '', ''\n"
             "explorer.categories = [lane['id'] for lane in explorer.lanes if lane['id'] != 'security_cooperation']\n"
             "explorer.start, explorer.end = '2023-12-01', '2024-02-29'")
    page.set_viewport_size({"width": width, "height": 900})
    page.wait_for_function("([el, w]) => Math.abs(el.querySelector('.bb-tl-main').getBoundingClientRect().width"
                           " - el.querySelector('.bb-tl').clientWidth) < 2", arg=[ex.element_handle(), width], timeout=WAIT)
    assert sideways_overflow(ex) <= 0
    assert overlaps(ex, ".bb-tl-controls button, .bb-tl-controls select, .bb-tl-controls input") == []
    assert overlaps(ex, ".bb-tl-label") == []
    assert small_text(ex) == []
    assert ex.evaluate(LANE_NAMES_INSIDE_JS), "a lane name is cut at the left edge"
    ex.screenshot(path=str(ARTEFACTS / f"timeline_lab_{width}.png"))
    page.set_viewport_size({"width": 1280, "height": 900})


# -- the page's filter is Python's filter ---------------------------------------------------------
FILTER_SETS = [
    {}, {"categories": ["military_strike", "militant_attack"]}, {"categories": []},
    {"actor": "jaish_al_adl"}, {"query": "gas pipeline"}, {"query": "SARAVAN"},
    {"start": "1979-02-11", "end": "2001-09-10", "categories": ["diplomatic", "visit", "agreement"]},
    {"actor": "pakistan", "start": "2024-01-01", "end": "2024-01-31", "query": "strike"},
]

FILTER_JS = """async ([src, state, sets]) => {
  const url = URL.createObjectURL(new Blob([src], {type: 'text/javascript'}));
  const mod = await import(url);
  const names = new Map(state.actor_names);
  return sets.map(s => mod.filterIds(state.records, names, s));
}"""


def test_page_filter_matches_python_filter(page):
    """The widget's own JavaScript, run in Chromium, picks the same events as Python
    (``filter_events`` for categories, actors and dates; ``in_view_ids`` with words)."""
    ex = TimelineExplorer()
    state = {"records": ex.records, "actor_names": ex.actor_names}
    page.set_content("<!doctype html><title>filter</title>")
    got = page.evaluate(FILTER_JS, [(STATIC / "timeline.js").read_text(encoding="utf-8"), state, FILTER_SETS])
    events = ex.events
    for filters, ids in zip(FILTER_SETS, got):
        ex.categories = filters.get("categories", [ln["id"] for ln in ex.lanes])
        ex.actor, ex.query = filters.get("actor", ""), filters.get("query", "")
        ex.start, ex.end = filters.get("start", "1947-01-01"), filters.get("end", "2026-12-31")
        assert ids == ex.in_view_ids(), filters
        if not filters.get("query"):
            expected = filter_events(events, categories=ex.categories, actors=[ex.actor] if ex.actor else None,
                                     start=filters.get("start"), end=filters.get("end"))
            assert sorted(ids) == sorted(expected["id"]), filters
    assert len({len(ids) for ids in got}) >= 5, "the filter sets show different views"
