"""What a learner feels: time from a click in the timeline explorer to the next painted frame.

The explorer draws in the page, so a click is answered without the kernel. This opens the
explorer in Debian's Chromium, in JupyterLab and in Voilà, then clicks a category toggle N times
and measures, in the page, from the click to the end of the next frame (a requestAnimationFrame
and the task after it, i.e. once the browser has painted). Beside each figure: the floor, the
same wait for one frame with no click, and the page's own work for the click (synchronous).
Goals: median <= 30 ms (course data), <= 100 ms (10,000 events). Figures only, no asserts.

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

NEXT_FRAME = "new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))"
CLICK_JS = f"""async (i) => {{
  const toggles = document.querySelector('.bb-timeline-explorer').querySelectorAll('.bb-category-toggle');
  const t0 = performance.now();
  toggles[i % toggles.length].click();
  const work = performance.now() - t0;
  await {NEXT_FRAME};
  return [performance.now() - t0, work];
}}"""
FLOOR_JS = f"async () => {{ const t0 = performance.now(); await {NEXT_FRAME}; return performance.now() - t0; }}"
READY = ".bb-timeline-explorer .bb-tl-main path"


def notebook(code: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(code)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def measure(page, changes):
    """(median, p95, floor median, page-work median) in ms over ``changes`` clicks."""
    page.wait_for_selector(READY, timeout=180_000)
    page.locator(".bb-timeline-explorer").first.scroll_into_view_if_needed()
    page.evaluate(CLICK_JS, 0)  # warm-up
    pairs = [page.evaluate(CLICK_JS, i + 1) for i in range(changes)]
    floor = [page.evaluate(FLOOR_JS) for _ in range(changes)]
    painted, work = [p[0] for p in pairs], [p[1] for p in pairs]
    return (statistics.median(painted), float(np.percentile(painted, 95)), statistics.median(floor),
            statistics.median(work))


def report(where, label, goal, figures, changes):
    med, p95, floor, work = figures
    print(f"{label}: median {med:.0f} ms, p95 {p95:.0f} ms over {changes} clicks in {where} "
          f"(goal: median <= {goal} ms; floor, one frame with no click: {floor:.0f} ms; "
          f"the page's own work per click: {work:.1f} ms)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--changes", type=int, default=30)
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bb-bench-"))
    shutil.copy(HERE / "timeline_latency.py", root / "timeline_latency.py")
    cases = [("course.ipynb", "course data", 30, "from beyond_borders import TimelineExplorer\nTimelineExplorer()"),
             ("synthetic.ipynb", "synthetic 10,000 events", 100,
              "from timeline_latency import synthetic\nfrom beyond_borders import TimelineExplorer\n"
              "TimelineExplorer(events=synthetic())")]
    for rel, _label, _goal, code in cases:
        nbformat.write(notebook(code), str(root / rel))
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, Chromium at {labserver.CHROMIUM}")
    with sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            str(root / "profile"), executable_path=labserver.CHROMIUM, args=labserver.CHROMIUM_ARGS,
            headless=True, viewport={"width": 1280, "height": 900})
        page = browser.new_page()
        with labserver.jupyterlab(root, root / "lab.log") as lab:
            for rel, label, goal, _code in cases:
                labserver.open_and_run_all(page, lab, rel, timeout=180_000)
                report("JupyterLab", label, goal, measure(page, args.changes), args.changes)
        for rel, label, goal, _code in cases:
            with labserver.voila(root / rel, root / "voila.log") as url:
                page.goto(url)
                report("Voila", label, goal, measure(page, args.changes), args.changes)
        browser.close()
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
