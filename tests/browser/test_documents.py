"""The document reader in a lesson's own JupyterLab page: a learner filters, picks a document and
reads it whole (title, issuer, date, excerpt, citation, the page it was read on, the note).

Works in lesson 2's page, which test_lab.py opened and ran (tests are ordered lesson by lesson).
Screenshots go to test-artefacts/ and, for review, to /tmp/shots-docs/.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from beyond_borders import data
from beyond_borders.views.documents import KIND_LABELS, documents_in

from .conftest import ARTEFACTS
from .helpers import wait_text_changed

LESSON = "02_the_january_2024_strikes.ipynb"
SHOTS = Path("/tmp/shots-docs")


def shoot(page, found, name: str):
    for folder in (ARTEFACTS, SHOTS):
        folder.mkdir(parents=True, exist_ok=True)
    found.evaluate("el => el.scrollIntoView({block: 'start'})")
    for folder in (ARTEFACTS, SHOTS):
        page.screenshot(path=str(folder / f"documents_{name}.png"))


def reader_of(page):
    found = page.locator(".bb-document-reader").first
    found.scroll_into_view_if_needed()
    expect(found.locator(".bb-doc-pane article.bb-document")).to_be_visible()
    return found


@pytest.mark.lesson(LESSON)
def test_a_learner_picks_a_document_and_reads_it_whole(lessons):
    page = lessons.open(LESSON)
    reader = reader_of(page)
    scope = documents_in(data.load_documents(), lesson="02")
    pane = reader.locator(".bb-doc-pane article.bb-document").first
    first = scope.iloc[0]
    expect(pane).to_contain_text(first["title"])
    # The whole scope is printed for the site, but never shown on screen.
    expect(reader.locator(".bb-doc-print")).to_be_hidden()
    shoot(page, reader, "lesson02_first")

    listing = reader.locator("select[size]").first  # the list of documents
    last = scope.iloc[-1]
    listing.select_option(value=listing.locator("option").last.get_attribute("value"))
    expect(pane).to_contain_text(last["title"])
    text = reader.locator(".bb-doc-pane article.bb-document").first.inner_text()
    for part in (last["title"], "Cite as:", last["citation"], "Read on:", last["note"]):
        assert part in text, (part, text[:400])
    assert last["excerpt"].split("…")[0].strip()[:50] in text
    link = reader.locator("article.bb-document a").first
    expect(link).to_have_attribute("target", "_blank")
    shoot(page, reader, "lesson02_last")


@pytest.mark.lesson(LESSON)
def test_filtering_by_kind_narrows_the_list_and_the_pane_follows(lessons):
    page = lessons.open(LESSON)
    reader = reader_of(page)
    scope = documents_in(data.load_documents(), lesson="02")
    joint = scope[scope["kind"] == "joint_statement"]
    kind_menu = reader.locator("select:not([size])").first
    count = reader.locator(".widget-html-content", has_text="Showing").first
    before = count.inner_text()
    kind_menu.select_option(label=KIND_LABELS["joint_statement"])
    wait_text_changed(count, before)
    expect(count).to_contain_text(f"{len(joint)} document")
    expect(reader.locator("select[size] option")).to_have_count(len(joint))
    expect(reader.locator(".bb-doc-pane article.bb-document").first).to_contain_text(joint.iloc[0]["title"])
    shoot(page, reader, "lesson02_joint_statements")
    kind_menu.select_option(label="All kinds")
    expect(reader.locator("select[size] option")).to_have_count(len(scope))


@pytest.mark.lesson(LESSON)
@pytest.mark.parametrize("width", [1280, 800])
def test_the_filters_and_the_list_stay_inside_the_reader_at_either_width(lessons, width):
    """Walkthrough 4, F3: the Issuer drop-down cut off the cell at 800 px; a half-hidden row."""
    page = lessons.open(LESSON)
    page.set_viewport_size({"width": width, "height": 900})
    try:
        reader = reader_of(page)
        out = reader.evaluate("""el => { const o = el.getBoundingClientRect();
            return Array.from(el.querySelectorAll('select, .widget-hbox')).filter(e => e.offsetParent !== null)
              .map(e => [e.tagName, e.getBoundingClientRect().right - o.right])
              .filter(([_t, over]) => over > 1); }""")
        assert out == [], out
        listing = reader.locator("select[size]").first
        rows, options = int(listing.get_attribute("size")), listing.locator("option").count()
        assert rows >= min(options, 12), (rows, options)     # every title on a whole row
        shoot(page, reader, f"reader_{width}px")
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
