"""The environment self-test of lesson 00: can this machine run the course?

Each line says what was tested in words a learner understands; nothing prints versions or
paths, so the stored output is the same on every machine where the course works.
"""
from __future__ import annotations

import html
import importlib
import sys


class SelfTestReport:
    def __init__(self, results):
        self.results = results  # list of (ok, label, advice)

    @property
    def ok(self):
        return all(r[0] for r in self.results)

    def _lines(self):
        lines = [f"{'✔' if ok else '✘'} {label}" + ("" if ok else f" — {advice}")
                 for ok, label, advice in self.results]
        lines.append("All set: the course works here." if self.ok else
                     "Something is missing: see the README's 'Troubleshooting' section.")
        return lines

    def __repr__(self):
        return "\n".join(self._lines())

    def _repr_html_(self):
        items = "".join(f"<li>{html.escape(line)}</li>" for line in self._lines())
        return f"<ul class='bb-selftest' style='list-style:none;padding-left:0'>{items}</ul>"


def self_test() -> SelfTestReport:
    results = []
    results.append((sys.version_info >= (3, 10), "Python is version 3.10 or newer",
                    "install Python 3.10+ and run `make lab` again"))
    for mod, label in [("pandas", "pandas (tables) is installed"),
                       ("matplotlib", "matplotlib (figures) is installed"),
                       ("ipywidgets", "ipywidgets (interactive controls) is installed")]:
        try:
            importlib.import_module(mod)
            results.append((True, label, ""))
        except ImportError:
            results.append((False, label, "run `make lab` to install it"))
    try:
        from beyond_borders import data
        counts = data.validate()
        results.append((counts["events"] >= 150, "the course data loads and validates", ""))
    except Exception as exc:  # report, never raise, in a self-test
        results.append((False, "the course data loads and validates", str(exc)))
    try:
        from beyond_borders.views.timeline import figure_png, plot_timeline
        from beyond_borders import data
        png = figure_png(plot_timeline(data.load_events().head(20)))
        results.append((png[:8] == b"\x89PNG\r\n\x1a\n", "figures can be drawn", ""))
    except Exception as exc:
        results.append((False, "figures can be drawn", str(exc)))
    try:
        from beyond_borders.checks.exercise import check
        r = check("2.1", ...)
        results.append((r.status == "unanswered", "exercise checks respond", ""))
    except Exception as exc:
        results.append((False, "exercise checks respond", str(exc)))
    return SelfTestReport(results)
