"""What the timeline tests do in a page: read the explorer's state, ask the kernel, check layout.

The explorer exposes ``el.bbTimeline`` (ids in view, the dates in view, the keyboard cursor) so
tests read what the page shows without parsing pixels; ``py`` runs code in the notebook's kernel
to see what Python sees.
"""
from __future__ import annotations

import time

from playwright.sync_api import expect

EX = ".bb-timeline-explorer"
WAIT = 30_000

PY_JS = """async (code) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const future = kernel.requestExecute({code, store_history: false});
  let out = "";
  future.onIOPub = (m) => {
    if (m.header.msg_type === "stream") out += m.content.text;
    if (m.header.msg_type === "error") out += "ERROR " + m.content.ename + ": " + m.content.evalue;
  };
  await future.done;
  return out;
}"""


def py(page, code: str) -> str:
    """Run ``code`` in the notebook's kernel; what it printed."""
    return page.evaluate(PY_JS, code)


def py_until(page, code: str, expected: str, timeout: float = 15) -> str:
    """Poll ``print(...)`` code in the kernel until it prints ``expected`` (the page syncs
    view changes once a gesture settles)."""
    deadline, out = time.time() + timeout, ""
    while time.time() < deadline:
        out = py(page, code).strip()
        if out == expected:
            return out
        time.sleep(0.2)
    raise AssertionError(f"kernel printed {out!r}, expected {expected!r}")


def in_view(ex) -> list[str]:
    return ex.evaluate("el => el.bbTimeline.inView()")


def window(ex) -> list[str]:
    return ex.evaluate("el => el.bbTimeline.window()")


def status(ex) -> str:
    return ex.locator(".bb-tl-status").inner_text()


def wait_status_changed(ex, before: str):
    expect(ex.locator(".bb-tl-status")).not_to_have_text(before, timeout=WAIT)


OVERLAPS_JS = """(root, selector) => {
  const boxes = [...root.querySelectorAll(selector)].map(e => e.getBoundingClientRect())
    .filter(b => b.width > 0 && b.height > 0);
  const hits = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) hits.push([i, j]);
  }
  return hits;
}"""


def overlaps(ex, selector: str) -> list:
    """Pairs of elements matching ``selector`` inside the explorer whose boxes overlap."""
    return ex.evaluate(OVERLAPS_JS, selector)


SMALL_TEXT_JS = """(root) => {
  const small = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim() || !n.parentElement) continue;
    const el = n.parentElement, box = el.getBoundingClientRect();
    if (box.width === 0 || el.closest('.bb-tl-sr')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 12) small.push(`${el.tagName}.${el.getAttribute('class')}: ${size}px "${n.textContent.slice(0, 30)}"`);
  }
  return small;
}"""


def small_text(ex) -> list[str]:
    """Visible text in the explorer drawn under 12 px."""
    return ex.evaluate(SMALL_TEXT_JS)


def sideways_overflow(ex) -> int:
    """How far the explorer's content sticks out sideways (0: nothing needs a horizontal scroll)."""
    return ex.evaluate("el => { const r = el.querySelector('.bb-tl'); return Math.max(r.scrollWidth - r.clientWidth, "
                       "...[...r.querySelectorAll('svg, .bb-tl-controls, .bb-tl-below')].map(e => "
                       "Math.ceil(e.getBoundingClientRect().right - r.getBoundingClientRect().right))); }")

