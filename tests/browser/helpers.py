"""What the browser tests look for in a JupyterLab page: errors, rendered widgets, changes."""
from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import expect

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WAIT = 30_000
# The CSS class each course widget sets on its outermost element, by the call that makes it.
WIDGET_CLASSES = {
    "TimelineExplorer": "bb-timeline-explorer", "quick_check": "bb-quick-check",
    "AccountsTable": "bb-accounts-table", "StatementsExplorer": "bb-statements-explorer",
    "HedgingTracks": "bb-hedging-tracks", "ClaimExplorer": "bb-claim-explorer",
    "CrossingsMap": "bb-crossings-map", "decision_point": "bb-decision-point",
    "DecisionPoint": "bb-decision-point", "IndicatorExplorer": "bb-indicator-explorer",
}


def widget_cells(notebook: Path) -> list[tuple[int, int, str | None]]:
    """(cell index, number of widget views, expected CSS class or None) for every code cell
    whose stored outputs hold widget views: what a run in the browser must render again."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    found = []
    for i, cell in enumerate(cells):
        views = [o for o in cell.get("outputs", []) if WIDGET_MIME in o.get("data", {})]
        if cell["cell_type"] == "code" and views:
            calls = re.findall(r"\b([A-Za-z_]+)\(", "".join(cell["source"]))
            known = [WIDGET_CLASSES[c] for c in calls if c in WIDGET_CLASSES]
            found.append((i, len(views), known[0] if known else None))
    return found


def cell(page, index: int):
    return page.locator(f".jp-Notebook .jp-Cell[data-windowed-list-index='{index}']")


def assert_clean(page, name: str):
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, f"{name}: a cell shows an error: {errors.first.inner_text()[:500]}"
    body = page.locator(".jp-Notebook").inner_text()
    assert "Error displaying widget" not in body, f"{name}: a widget failed to render"
    assert "Traceback" not in body, f"{name}: a traceback is shown"


def assert_widgets_rendered(page, name: str, notebook: Path) -> int:
    """Every cell that stored widget views shows as many rendered widgets, of the right kind."""
    expected = widget_cells(notebook)
    for index, count, css in expected:
        outputs = cell(page, index).locator(".jp-OutputArea-output")
        where = f"{name}, cell {index}"
        expect(outputs.locator(":scope > .jupyter-widgets"), f"{where}: widget not rendered"
               ).to_have_count(count, timeout=WAIT)
        if css:
            expect(outputs.locator(f":scope > .{css}"), f"{where}: no .{css}").to_have_count(1)
    return len(expected)


def wait_src_changed(page, image, before: str):
    """Wait until an <img> shows a new picture (the widget sends new PNG bytes, a new blob URL)."""
    page.wait_for_function("([el, before]) => el.getAttribute('src') !== before",
                           arg=[image.element_handle(), before], timeout=WAIT)


def wait_text_changed(locator, before: str):
    expect(locator).not_to_have_text(before, timeout=WAIT)


RADIOS_BLOCKED_JS = """() => {
  const blocked = [];
  for (const radio of document.querySelectorAll('.jp-Notebook .widget-radio-box input[type=radio]')) {
    if (!radio.getClientRects().length) continue;  // not shown yet (a decision point's options)
    radio.scrollIntoView({block: 'center'});
    const box = radio.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    const own = hit === radio || (hit && radio.parentElement.contains(hit) && hit.tagName !== 'INPUT');
    if (!own) blocked.push(radio.parentElement.innerText.slice(0, 70) + ' … (a click there lands on: '
                          + (hit ? (hit.parentElement.innerText || hit.tagName).slice(0, 50) : 'nothing') + ')');
  }
  return blocked;
}"""


def radios_blocked(page) -> list[str]:
    """The radio buttons (quick checks, decision points) that a click at their centre misses,
    because another option's label is drawn over them."""
    return page.evaluate(RADIOS_BLOCKED_JS)
