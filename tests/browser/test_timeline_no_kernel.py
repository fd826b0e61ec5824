"""The timeline explorer with no kernel: JupyterLab from saved state, Voilà, a static page.

Kept apart from test_timeline.py so its JupyterLab page is closed before these open their own.
"""
from __future__ import annotations

import subprocess
import sys

from playwright.sync_api import expect

from beyond_borders.views.explorer import TimelineExplorer
from beyond_borders.views.timeline_static import standalone_html
from tests.support import labserver

from .conftest import ARTEFACTS, TIMEOUT
from .timeline_page import EX, WAIT, sideways_overflow, small_text, status, wait_status_changed

SARAVAN = "2024-01-18-pakistan-strikes-saravan"


def test_no_kernel_in_jupyterlab_from_saved_state(browser, lab, workspace):
    """The app notebook as stored (trusted, as `make lab` trusts the course), its kernel shut
    down: the explorer renders from the saved widget state and every control still works."""
    nb = workspace / "apps" / "timeline_app.ipynb"
    subprocess.run([sys.executable, "-m", "jupyter", "trust", str(nb)], check=True, capture_output=True)
    page = browser.new_page()
    try:
        page.goto(labserver.notebook_url(lab, "apps/timeline_app.ipynb"))
        ex = page.locator(EX).first
        ex.locator(".bb-tl-main path").first.wait_for(timeout=TIMEOUT)
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
        page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.sessionContext.session", timeout=WAIT)
        before = status(ex)
        ex.locator(".bb-category-toggle").first.click()
        wait_status_changed(ex, before)
        ex.locator(".bb-tl-zoomin").click()
        ex.locator(".bb-tl-main").focus()
        page.keyboard.press("Home")
        page.keyboard.press("Enter")
        expect(ex.locator(".bb-tl-details h4")).to_have_count(1, timeout=WAIT)
        page.screenshot(path=str(ARTEFACTS / "timeline_lab_no_kernel.png"))
    finally:
        page.close()


def test_voila_app_works_in_the_page(page, voila):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(voila)
    ex = page.locator(EX).first
    ex.locator(".bb-tl-main path").first.wait_for(timeout=TIMEOUT)
    expect(ex.locator(".bb-tl-present")).to_have_attribute("aria-pressed", "true")  # make app presents
    before = status(ex)
    ex.locator(".bb-category-toggle").nth(1).click()
    wait_status_changed(ex, before)
    ex.locator(".bb-tl-era").select_option("strikes_and_repair")
    expect(ex.locator(".bb-tl-status")).to_contain_text("2024", timeout=WAIT)
    assert sideways_overflow(ex) <= 0 and small_text(ex) == []
    page.screenshot(path=str(ARTEFACTS / "voila_timeline_app.png"), full_page=True)


def test_static_page_fragments_work_alone_and_fetch_nothing(page, tmp_path):
    one = TimelineExplorer(start="2024-01-01", end="2024-02-29", selected=SARAVAN).get_state()
    two = TimelineExplorer(start="1947-01-01", end="1979-02-10").get_state()
    html_page = ("<!doctype html><meta charset='utf-8'><title>static</title><body>"
                 f"{standalone_html(one)}<hr>{standalone_html(two)}</body>")
    (tmp_path / "static.html").write_text(html_page, encoding="utf-8")
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((tmp_path / "static.html").as_uri())
    views = page.locator(EX)
    expect(views).to_have_count(2, timeout=WAIT)
    views.nth(1).locator(".bb-tl-main path").first.wait_for(timeout=WAIT)
    first, second = views.nth(0), views.nth(1)
    expect(first.locator(".bb-tl-details")).to_contain_text("Saravan")
    before_two = status(second)
    before = status(first)
    first.locator(".bb-category-toggle").first.click()
    wait_status_changed(first, before)
    assert status(second) == before_two, "each fragment is its own explorer"
    second.locator(".bb-tl-zoomin").click()
    wait_status_changed(second, before_two)
    outside = [u for u in requests if not u.startswith(("file:", "blob:", "data:"))]
    assert outside == []
