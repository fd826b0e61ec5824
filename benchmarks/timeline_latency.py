"""What the kernel still does for TimelineExplorer: build it once, and answer ``in_view()``.

The explorer draws and filters in the browser (timeline_latency_browser.py times that); the
kernel only builds the records once and, when code asks, applies the same filter. Prints the
median and 95th percentile of a filter change answered in Python, and the build time, for the
course data and a synthetic 10,000-event table. Not a test: figures only.

    python benchmarks/timeline_latency.py [--repeats 30]
"""
import argparse
import platform
import statistics
import time

import numpy as np
import pandas as pd

from beyond_borders import data
from beyond_borders.render.style import CATEGORY_LABELS
from beyond_borders.views.explorer import TimelineExplorer


def synthetic(n=10_000, seed=7):
    rng = np.random.default_rng(seed)
    days = rng.integers(0, (pd.Timestamp("2026-07-01") - pd.Timestamp("1947-08-14")).days, n)
    dates = pd.Timestamp("1947-08-14") + pd.to_timedelta(np.sort(days), unit="D")
    eras = data.load_eras()
    era = [eras[(eras["start"] <= d) & (eras["end"] >= d)]["id"].iloc[0] for d in dates[:: max(1, n // 500)]]
    cats = list(CATEGORY_LABELS)
    return pd.DataFrame({
        "id": [f"syn-{i:05d}" for i in range(n)], "date": dates, "end_date": pd.NaT,
        "date_precision": "day", "title": [f"Synthetic event {i}" for i in range(n)],
        "summary": "A synthetic event for the benchmark.",
        "category": pd.Categorical(rng.choice(cats, n), categories=cats),
        "actors": rng.choice(["iran", "pakistan", "iran;pakistan", "usa;iran"], n),
        "place": "", "era": era[0], "sources": "x", "confidence": "confirmed", "notes": "",
    })


def measure(explorer, repeats):
    """A filter trait changed from code, then ``in_view_ids()`` (what a test or a lesson asks)."""
    cats = [lane["id"] for lane in explorer.lanes]
    times = []
    for i in range(repeats):
        t0 = time.perf_counter()
        if i % 2 == 0:
            explorer.categories = [c for c in cats if c != cats[i % len(cats)]]
        else:
            explorer.start = f"{1950 + (i * 7) % 60}-01-01"
        explorer.in_view_ids()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), float(np.percentile(times, 95))


def build(events=None):
    t0 = time.perf_counter()
    explorer = TimelineExplorer(events=events)
    return explorer, (time.perf_counter() - t0) * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=30)
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    course, built = build()
    med, p95 = measure(course, args.repeats)
    print(f"course data ({len(course.events)} events): median {med:.1f} ms, p95 {p95:.1f} ms "
          f"per filter answered in Python; built in {built:.0f} ms")
    big, built = build(synthetic())
    med, p95 = measure(big, args.repeats)
    print(f"synthetic 10,000 events: median {med:.1f} ms, p95 {p95:.1f} ms; built in {built:.0f} ms")

if __name__ == "__main__":
    main()
