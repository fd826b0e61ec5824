"""The course where learners use it: every lesson in JupyterLab, one exercise, and the Voilà app.

Each lesson is opened, its kernel restarted and every cell run; then no cell may show an error,
every widget must render, the timeline explorer must redraw when a category or the date range
changes, and a quick check must answer a click. Screenshots go to test-artefacts/.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support import labserver

from .conftest import ARTEFACTS, ROOT

LESSONS = sorted(p.name for p in (ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))
TIMEOUT = 120_000

def open_notebook(page, lab, rel: str):
    """Open a lesson and run it from a fresh kernel (restart, then run all)."""
    labserver.open_and_run_all(page, lab, rel, timeout=TIMEOUT)


def assert_clean(page, name: str):
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, f"{name}: a cell shows an error: {errors.first.inner_text()[:500]}"
    body = page.locator(".jp-Notebook").inner_text()
    assert "Error displaying widget" not in body, f"{name}: a widget failed to render"
    assert "Traceback" not in body, f"{name}: a traceback is shown"


def wait_changed(page, locator, before: str, what: str):
    handle = locator.element_handle()
    page.wait_for_function("([el, before]) => el.getAttribute('src') !== before",
                           arg=[handle, before], timeout=30_000)


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_runs_and_reacts(page, lab, name):
    open_notebook(page, lab, f"lessons/{name}")
    assert_clean(page, name)
    widgets = page.locator(".jp-OutputArea-output .jupyter-widgets")
    code_with_widgets = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.widget-view+json']")
    assert code_with_widgets.count() == 0 or widgets.count() > 0, f"{name}: widget outputs did not render"

    explorers = page.locator(".bb-timeline-explorer")
    if explorers.count():
        ex = explorers.first
        ex.scroll_into_view_if_needed()
        img = ex.locator("img").first
        listing = ex.locator(".bb-event-list, .bb-event-list + p, p:has-text('No events match')").first
        # A category toggle: switch off the category of the first event in view.
        first_line = ex.locator(".bb-event-list li").first.inner_text()
        category = first_line.rsplit("(", 1)[1].rstrip(")")
        src0, text0 = img.get_attribute("src"), ex.inner_text()
        ex.locator(".bb-category-toggle", has_text=category).first.click()
        wait_changed(page, img, src0, "category toggle")
        page.wait_for_function("([el, t]) => el.innerText !== t", arg=[ex.element_handle(), text0],
                               timeout=30_000)
        # The date range, moved through the era menu (it sets the slider).
        src1, text1 = img.get_attribute("src"), ex.inner_text()
        readout = ex.locator(".widget-readout").first.inner_text()
        era_select = ex.locator("select").nth(1)
        # Jump to a long era (2001–2023, or 1947–1979 if the view is already 2001–2023).
        era_select.select_option(index=1 if readout.startswith("Sep 2001") else 3)
        wait_changed(page, img, src1, "era jump")
        page.wait_for_function("([el, t]) => el.innerText !== t", arg=[ex.element_handle(), text1],
                               timeout=30_000)
        readout2 = ex.locator(".widget-readout").first.inner_text()
        assert readout2 != readout
        # Then drag the start of the date-range slider to the right.
        src2, text2 = img.get_attribute("src"), ex.inner_text()
        handle = ex.locator(".noUi-handle-lower").first
        box = handle.bounding_box()
        y = box["y"] + box["height"] / 2
        page.mouse.move(box["x"] + box["width"] / 2, y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] / 2 + 60, y, steps=6)
        page.mouse.up()
        wait_changed(page, img, src2, "date-range slider")
        page.wait_for_function("([el, t]) => el.innerText !== t", arg=[ex.element_handle(), text2],
                               timeout=30_000)
        assert ex.locator(".widget-readout").first.inner_text() != readout2
        assert listing.count() == 1

    quick = page.locator(".bb-quick-check")
    if quick.count():
        q = quick.first
        q.scroll_into_view_if_needed()
        q.locator("input[type=radio]").first.check()
        # The feedback element is replaced on update: wait on a locator, not on a node handle.
        expect(q.locator(".bb-quick-feedback")).not_to_contain_text("Choose an answer", timeout=30_000)
        feedback = q.locator(".bb-quick-feedback").inner_text()
        assert feedback.startswith(("Correct", "Not quite"))
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{Path(name).stem}.png"), full_page=True)


def test_exercise_answer_through_the_ui(page, lab):
    name = "02_the_january_2024_strikes.ipynb"
    open_notebook(page, lab, f"exercises/{name}")
    assert_clean(page, name)
    found = page.locator(".jp-CodeCell", has_text="answer_2_1 = ...").first
    found.scroll_into_view_if_needed()
    cell = found.element_handle()  # a handle that survives the edit below
    assert "Not answered yet" in cell.query_selector(".jp-OutputArea").inner_text()
    cell.query_selector(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.type('answer_2_1 = "2024-01-16"\ncheck("2.1", answer_2_1)')
    page.keyboard.press("Shift+Enter")
    page.wait_for_function("el => el.innerText.includes('Correct')",
                           arg=cell.query_selector(".jp-OutputArea"), timeout=30_000)
    assert "1/1 point" in cell.query_selector(".jp-OutputArea").inner_text()
    page.screenshot(path=str(ARTEFACTS / "exercise_02_answered.png"), full_page=True)


def test_voila_app_reacts(page, voila):
    page.goto(voila)
    ex = page.locator(".bb-timeline-explorer")
    ex.wait_for(timeout=TIMEOUT)
    img = ex.locator("img").first
    page.wait_for_function("el => (el.getAttribute('src') || '').length > 0",
                           arg=img.element_handle(), timeout=TIMEOUT)
    src0 = img.get_attribute("src")
    ex.locator(".bb-category-toggle").nth(1).click()
    wait_changed(page, img, src0, "category toggle in Voilà")
    body = page.locator("body").inner_text()
    assert "Error" not in body.split("Events in view")[0]
    page.screenshot(path=str(ARTEFACTS / "voila_timeline_app.png"), full_page=True)
