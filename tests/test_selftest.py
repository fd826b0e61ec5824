"""Lesson 0's self-test: all ✔ where the course works; a ✘ line with advice for each failure,
and never an exception, whatever breaks."""
import sys

import pytest

from beyond_borders import data, selftest
from beyond_borders.checks import exercise
from beyond_borders.views import timeline

EXPECTED_LABELS = [
    "Python is version 3.11 or newer",
    "pandas (tables) is installed",
    "matplotlib (figures) is installed",
    "ipywidgets (interactive controls) is installed",
    "the course data loads and validates",
    "figures can be drawn",
    "exercise checks respond",
]


def failed(report):
    return {label: advice for ok, label, advice in report.results if not ok}


def test_all_good_here():
    report = selftest.self_test()
    assert report.ok
    assert [label for _ok, label, _advice in report.results] == EXPECTED_LABELS
    assert repr(report).splitlines() == [f"✔ {label}" for label in EXPECTED_LABELS] + [
        "All set: the course works here."]
    assert report._repr_html_().count("<li>✔ ") == len(EXPECTED_LABELS)


def test_python_version_follows_pyproject():
    import tomllib
    from pathlib import Path

    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    assert pyproject["project"]["requires-python"] == ">=" + ".".join(map(str, selftest.MIN_PYTHON))


def _one_failure(report, label):
    assert not report.ok
    assert list(failed(report)) == [label]
    lines = repr(report).splitlines()
    line = next(x for x in lines if label in x)
    assert line.startswith(f"✘ {label} — ") and len(line) > len(f"✘ {label} — ") + 10
    assert lines[-1] == "Something is missing: see the README's 'Troubleshooting' section."
    assert "✘" in report._repr_html_()
    return failed(report)[label]


def test_old_python(monkeypatch):
    monkeypatch.setattr(selftest, "_python_version", lambda: (3, 10))
    advice = _one_failure(selftest.self_test(), "Python is version 3.11 or newer")
    assert "install Python 3.11 or newer" in advice and "make lab" in advice


def test_missing_module(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # what Python does for a module it lacks
    advice = _one_failure(selftest.self_test(), "ipywidgets (interactive controls) is installed")
    assert "make lab" in advice and "ModuleNotFoundError" in advice


def test_data_that_fails_to_validate(monkeypatch):
    def broken(directory=None):
        raise data.DataError("events.csv line 7 (e1): date: '2024-13-01' is not a date")

    monkeypatch.setattr(data, "validate", broken)
    advice = _one_failure(selftest.self_test(), "the course data loads and validates")
    assert "datasets/" in advice and "'2024-13-01' is not a date" in advice


def test_data_that_is_too_small(monkeypatch):
    monkeypatch.setattr(data, "validate", lambda directory=None: {"events": 3})
    advice = _one_failure(selftest.self_test(), "the course data loads and validates")
    assert "datasets/" in advice


def test_figure_failure(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no <font> found")

    monkeypatch.setattr(timeline, "plot_timeline", broken)
    report = selftest.self_test()
    advice = _one_failure(report, "figures can be drawn")
    assert "RuntimeError: no <font> found" in advice
    assert "no &lt;font&gt; found" in report._repr_html_()


@pytest.mark.parametrize("behaviour", ["raises", "wrong status"])
def test_check_failure(monkeypatch, behaviour):
    class Result:
        status = "correct"

    def fake(*args, **kwargs):
        if behaviour == "raises":
            raise KeyError("2.1")
        return Result()

    monkeypatch.setattr(exercise, "check", fake)
    advice = _one_failure(selftest.self_test(), "exercise checks respond")
    assert "make lab" in advice


def test_report_never_raises_even_when_every_check_does(monkeypatch):
    def boom():
        raise SystemError("everything is broken")

    monkeypatch.setattr(selftest, "checks", lambda: [
        selftest.Check(f"check {i}", "do something", boom) for i in range(3)])
    report = selftest.self_test()
    assert not report.ok and len(failed(report)) == 3
    assert repr(report).count("✘") == 3
