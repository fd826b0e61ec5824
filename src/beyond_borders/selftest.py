"""The environment self-test of lesson 00: can this machine run the course?

Each line says what was tested in words a learner understands, and a failed line says what to
do; nothing prints versions or paths when all is well, so the stored output is the same on every
machine where the course works. A self-test that crashes helps no one: every check runs inside
``_outcome``, which turns any exception into a ✘ line.
"""
from __future__ import annotations

import html
import importlib
import sys
from dataclasses import dataclass
from typing import Callable

MIN_PYTHON = (3, 11)  # pyproject's requires-python; the pinned pandas and numpy need it
REINSTALL = "run `make lab` again from the course folder"


@dataclass(frozen=True)
class Check:
    """One line of the self-test: what it tests, what to do if it fails, and the test itself
    (true when all is well; an exception counts as a failure)."""

    label: str
    advice: str
    test: Callable[[], bool]


class SelfTestReport:
    """The self-test's result: ✔/✘ lines as plain text or HTML, and ``ok`` for all passed."""

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


def _python_version() -> tuple[int, int]:
    return sys.version_info[:2]


def _imports(module: str) -> bool:
    importlib.import_module(module)
    return True


def _data_validates() -> bool:
    from beyond_borders import data

    return data.validate()["events"] >= 150


def _figures_draw() -> bool:
    from beyond_borders import data
    from beyond_borders.render.figures import figure_png
    from beyond_borders.views.timeline import plot_timeline

    return figure_png(plot_timeline(data.load_events().head(20)))[:8] == b"\x89PNG\r\n\x1a\n"


def _checks_respond() -> bool:
    from beyond_borders.checks.exercise import check

    return check("2.1", ...).status == "unanswered"


def checks() -> list[Check]:
    """Every line of the self-test, in the order a learner reads them."""
    version = ".".join(map(str, MIN_PYTHON))
    return [
        Check(f"Python is version {version} or newer",
              f"install Python {version} or newer, then {REINSTALL}",
              lambda: _python_version() >= MIN_PYTHON),
        *(Check(f"{module} ({what}) is installed", f"{REINSTALL}: it installs {module}",
                lambda module=module: _imports(module))
          for module, what in [("pandas", "tables"), ("matplotlib", "figures"),
                               ("ipywidgets", "interactive controls")]),
        Check("the course data loads and validates",
              "the files in datasets/ are damaged or incomplete: restore them from the course "
              f"download (or git), then {REINSTALL}", _data_validates),
        Check("figures can be drawn", f"matplotlib cannot draw here: {REINSTALL}", _figures_draw),
        Check("exercise checks respond", f"the course package is incomplete: {REINSTALL}",
              _checks_respond),
    ]


def _outcome(check: Check) -> tuple[bool, str, str]:
    """(ok, label, advice) for one check; an exception is a failure, named in the advice."""
    try:
        ok, detail = bool(check.test()), ""
    except Exception as exc:  # report, never raise, in a self-test
        ok, detail = False, f" ({type(exc).__name__}: {exc})"
    return ok, check.label, "" if ok else check.advice + detail


def self_test() -> SelfTestReport:
    """Run every check; never raises."""
    return SelfTestReport([_outcome(c) for c in checks()])
