"""Servers and a browser for the end-to-end tests: JupyterLab and Voilà on 127.0.0.1, Debian's
Chromium driven by Playwright. With ``CI`` set, a missing Chromium fails the run instead of
skipping it, so a green CI always means the browser tests ran.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.support import labserver

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = ROOT / "test-artefacts"


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
