"""The course where learners use it: every lesson in JupyterLab and one exercise (the Voilà app is
driven in test_timeline_no_kernel.py).

Each lesson is opened, its kernel restarted and every cell run; then no cell may show an error,
every cell that stored widget views must render as many widgets again, of the right kind, the
timeline explorer must redraw when a category or the date range changes, and a quick check must
answer a click. The other widgets are driven in test_lesson_widgets.py. Screenshots go to
test-artefacts/.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support import labserver

from .conftest import ARTEFACTS, ROOT, TIMEOUT
from .helpers import (WAIT, assert_clean, assert_widgets_rendered, radios_blocked, wait_text_changed,
                      widget_cells)

LESSONS = sorted(p.name for p in (ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))


def drive_timeline_explorer(page, ex):
    """A category toggle, an era jump and the zoom buttons each change the view in the page
    (the explorer draws in the browser; tests/browser/test_timeline.py drives the rest)."""
    ex.scroll_into_view_if_needed()
    expect(ex.locator(".bb-tl-status")).to_contain_text("events in view", timeout=WAIT)
    listing = ex.locator(".bb-event-list, .bb-tl-list p").first
    first_line = ex.locator(".bb-event-list li").first.inner_text()
    category = first_line.rsplit("(", 1)[1].rstrip(")")
    text0 = ex.locator(".bb-tl-status").inner_text()
    ex.locator(".bb-category-toggle", has_text=category).first.click()
    wait_text_changed(ex.locator(".bb-tl-status"), text0)
    text1 = ex.locator(".bb-tl-status").inner_text()
    # All years, unless the view already shows them; then the first era.
    all_years = text1.split(" of ")[0] == text1.split(" of ")[1].split(" ")[0]
    ex.locator(".bb-tl-era").select_option(index=1) if all_years else ex.locator(".bb-tl-era").select_option("*all")
    wait_text_changed(ex.locator(".bb-tl-status"), text1)
    text2 = ex.locator(".bb-tl-status").inner_text()
    ex.locator(".bb-tl-zoomin").click()
    wait_text_changed(ex.locator(".bb-tl-status"), text2)
    assert listing.count() == 1


def answer_quick_check(q):
    q.scroll_into_view_if_needed()
    q.locator("input[type=radio]").first.check()
    # The feedback element is replaced on update: wait on a locator, not on a node handle.
    expect(q.locator(".bb-quick-feedback")).not_to_contain_text("Choose an answer", timeout=30_000)
    assert q.locator(".bb-quick-feedback").inner_text().startswith(("Correct", "Not quite"))


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_runs_and_reacts(lessons, workspace, lesson):
    page = lessons.open(lesson, fresh=True)
    assert_clean(page, lesson)
    assert_widgets_rendered(page, lesson, workspace / "lessons" / lesson)
    explorers = page.locator(".bb-timeline-explorer")
    if explorers.count():
        drive_timeline_explorer(page, explorers.first)
    quick = page.locator(".bb-quick-check")
    if quick.count():
        answer_quick_check(quick.first)
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{Path(lesson).stem}.png"), full_page=True)


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_answer_option_takes_its_own_click(lessons, lesson):
    """A learner picks an answer by clicking its radio button: no other option's text may cover
    it (a long label that wraps can spill over the next option, whose click it then takes)."""
    page = lessons.open(lesson)
    blocked = radios_blocked(page)
    assert not blocked, f"{lesson}: {len(blocked)} answer options cannot be clicked:\n" + "\n".join(blocked)


def test_every_lesson_stores_widget_views():
    """The per-cell check above reads the stored outputs: a lesson saved without them would be
    checked for nothing, so each lesson must store some widget views (lesson 00 has two)."""
    counts = {name: len(widget_cells(ROOT / "lessons" / name)) for name in LESSONS}
    assert all(n > 0 for n in counts.values()), counts


def test_exercise_answer_through_the_ui(page, lab):
    name = "02_the_january_2024_strikes.ipynb"
    labserver.open_and_run_all(page, lab, f"exercises/{name}", timeout=TIMEOUT)
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
