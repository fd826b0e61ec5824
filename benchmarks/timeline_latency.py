"""Time from a control change to new image bytes in TimelineExplorer (kernel side).

Prints the median and 95th percentile over repeated changes, for the course data and for a
synthetic 10,000-event table. Budget: under 60 ms on the course data. Not a test: figures only.

    python benchmarks/timeline_latency.py [--repeats 30]
"""
import argparse
import platform
import statistics
import time

import numpy as np
import pandas as pd

from beyond_borders import data
from beyond_borders.views.explorer import TimelineExplorer
from beyond_borders.render.style import CATEGORY_LABELS


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
    cats = list(explorer.toggles)
    n = len(explorer.month_options)
    times = []
    for i in range(repeats):
        toggle = explorer.toggles[cats[i % len(cats)]]
        t0 = time.perf_counter()
        if i % 2 == 0:
            toggle.value = not toggle.value  # a category toggle
        else:
            a = (i * 37) % (n // 2)
            explorer.dates.index = (a, min(n - 1, a + n // 3))  # the date range
        png = explorer.image.value
        times.append((time.perf_counter() - t0) * 1000)
        assert png[:4] == b"\x89PNG"
    return statistics.median(times), float(np.percentile(times, 95))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=30)
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    course = TimelineExplorer()
    med, p95 = measure(course, args.repeats)
    print(f"course data ({len(course.events)} events): median {med:.1f} ms, p95 {p95:.1f} ms (budget 60 ms)")
    big = TimelineExplorer(events=synthetic())
    med, p95 = measure(big, args.repeats)
    print(f"synthetic 10,000 events: median {med:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
