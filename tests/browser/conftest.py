"""Servers and a browser for the end-to-end tests: JupyterLab and Voilà on 127.0.0.1, Debian's
Chromium driven by Playwright. With ``CI`` set, a missing Chromium fails the run instead of
skipping it, so a green CI always means the browser tests ran.

Running a lesson in JupyterLab is the slow part, so each lesson is opened and run once: its
tests share that page (``lessons``), and the tests are ordered lesson by lesson.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.support import labserver

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = ROOT / "test-artefacts"
TIMEOUT = 120_000


def pytest_configure(config):
    config.addinivalue_line("markers", "lesson(name): the test works in this lesson's open page")


def _lesson_of(item) -> str | None:
    marker = item.get_closest_marker("lesson")
    if marker:
        return marker.args[0]
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("lesson") if callspec else None


def pytest_collection_modifyitems(config, items):
    """Lesson by lesson (its run-and-render test first, as collected), then the rest."""
    order = {id(item): i for i, item in enumerate(items)}
    items.sort(key=lambda item: (_lesson_of(item) is None, _lesson_of(item) or "", order[id(item)]))


@pytest.fixture(scope="session")
def chromium_path():
    if not Path(labserver.CHROMIUM).exists():
        message = f"Chromium not found at {labserver.CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return labserver.CHROMIUM


@pytest.fixture(scope="session")
def workspace(tmp_path_factory):
    """A copy of the notebooks, so a browser run never rewrites the course's own files."""
    root = tmp_path_factory.mktemp("course")
    for folder in ("lessons", "exercises", "apps"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


@pytest.fixture(scope="session")
def lab(workspace):
    with labserver.jupyterlab(workspace, ARTEFACTS / "jupyterlab.log") as server:
        yield server


@pytest.fixture(scope="session")
def voila(workspace):
    with labserver.voila(workspace / "apps" / "timeline_app.ipynb", ARTEFACTS / "voila.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium_path, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=chromium_path, args=labserver.CHROMIUM_ARGS,
            headless=True, viewport={"width": 1280, "height": 900})
        yield context
        context.close()


@pytest.fixture()
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


class OpenLessons:
    """One lesson page at a time: ``open(name)`` returns the page of that lesson, run from a
    fresh kernel; the page is kept for the next test of the same lesson unless ``fresh``."""

    def __init__(self, browser, lab):
        self.browser, self.lab = browser, lab
        self.name, self.page = None, None

    def open(self, name: str, fresh: bool = False):
        if fresh or name != self.name:
            self.close()
            self.page = self.browser.new_page()
            labserver.open_and_run_all(self.page, self.lab, f"lessons/{name}", timeout=TIMEOUT)
            self.name = name
        return self.page

    def close(self):
        if self.page is not None:
            self.page.close()
        self.name, self.page = None, None


@pytest.fixture(scope="session")
def lessons(browser, lab):
    opened = OpenLessons(browser, lab)
    yield opened
    opened.close()
