"""What a learner feels: time from a control change to the new timeline image painted.

Opens JupyterLab in Debian's Chromium, runs a notebook holding one TimelineExplorer, then 30
times clicks a category toggle and measures, in the page, from the click to the moment the
new image has been decoded and two animation frames have passed (it is on screen). Prints the
median and 95th percentile for the course data and for a synthetic 10,000-event table.
Goals: median <= 60 ms (course data) and <= 150 ms (10,000 events). Figures only, no asserts.

    python benchmarks/timeline_latency_browser.py [--changes 30]
"""
import argparse
import platform
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import nbformat
import numpy as np
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the test support package lives in tests/
from tests.support import labserver  # noqa: E402

MEASURE_JS = """async (i) => {
  const ex = document.querySelector('.bb-timeline-explorer');
  const img = ex.querySelector('img');
  const toggles = ex.querySelectorAll('.bb-category-toggle');
  const before = img.getAttribute('src');
  const changed = new Promise(resolve => {
    const obs = new MutationObserver(() => {
      if (img.getAttribute('src') !== before) { obs.disconnect(); resolve(); }
    });
    obs.observe(img, {attributes: true, attributeFilter: ['src']});
  });
  const t0 = performance.now();
  toggles[i % toggles.length].click();
  await changed;
  const tSrc = performance.now() - t0;
  await img.decode();
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return [performance.now() - t0, tSrc];
}"""


def notebook(code: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(code)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def measure(page, lab, rel, changes):
    labserver.open_and_run_all(page, lab, rel, timeout=180_000)
    page.wait_for_selector(".bb-timeline-explorer img[src]", timeout=60_000)
    page.locator(".bb-timeline-explorer").first.scroll_into_view_if_needed()
    page.evaluate(MEASURE_JS, 0)  # warm-up
    pairs = [page.evaluate(MEASURE_JS, i + 1) for i in range(changes)]
    painted, arrived = [p[0] for p in pairs], [p[1] for p in pairs]
    return (statistics.median(painted), float(np.percentile(painted, 95)),
            statistics.median(arrived))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--changes", type=int, default=30)
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bb-bench-"))
    shutil.copy(HERE / "timeline_latency.py", root / "timeline_latency.py")
    nbformat.write(notebook("from beyond_borders import TimelineExplorer\nTimelineExplorer()"),
                   str(root / "course.ipynb"))
    # The floor: the same widget round trip with no drawing (a toggle swaps two fixed PNGs).
    nbformat.write(notebook(
        "from beyond_borders import TimelineExplorer\n"
        "ex = TimelineExplorer()\n"
        "first = ex.image.value\n"
        "ex.dates.index = (0, 400)\n"
        "pngs, state = [first, ex.image.value], {'i': 1}\n"
        "def flip(change):\n"
        "    state['i'] ^= 1\n"
        "    ex.image.value = pngs[state['i']]\n"
        "for t in ex.toggles.values():\n"
        "    t.unobserve_all()\n"
        "    t.observe(flip, names='value')\n"
        "ex"), str(root / "floor.ipynb"))
    nbformat.write(notebook("from timeline_latency import synthetic\n"
                            "from beyond_borders import TimelineExplorer\n"
                            "TimelineExplorer(events=synthetic())"), str(root / "synthetic.ipynb"))
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, Chromium at {labserver.CHROMIUM}")
    with labserver.jupyterlab(root, root / "lab.log") as lab, sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            str(root / "profile"), executable_path=labserver.CHROMIUM, args=labserver.CHROMIUM_ARGS,
            headless=True, viewport={"width": 1280, "height": 900})
        page = browser.new_page()
        for rel, label, goal in [("floor.ipynb", "floor (same widgets, no drawing)", 0),
                                 ("course.ipynb", "course data", 60),
                                 ("synthetic.ipynb", "synthetic 10,000 events", 150)]:
            med, p95, arrived = measure(page, lab, rel, args.changes)
            target = f"goal: median <= {goal} ms; " if goal else ""
            print(f"{label}: median {med:.0f} ms, p95 {p95:.0f} ms over {args.changes} changes "
                  f"({target}new image bytes in the page after {arrived:.0f} ms median, the rest "
                  "is decoding and painting)")
        browser.close()
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
