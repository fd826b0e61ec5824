"""A fork passes from the repository alone: the one test that needs the research brief beside
the checkout skips and says why (also under CI), every statement of the Python version agrees
with the lock, and the GitHub workflow installs what `make test` cannot and runs the README's
test command."""
import re
import tomllib
from pathlib import Path

import pytest
import yaml

from tests import test_data

ROOT = Path(__file__).resolve().parents[1]
LOCK_PYTHON = (3, 11)  # the oldest Python every pin in requirements/lock.txt installs on


@pytest.mark.parametrize("brief", ["missing", "empty"])
def test_the_brief_test_skips_with_its_reason_when_the_brief_is_absent_even_in_ci(tmp_path, monkeypatch, brief):
    path = tmp_path / "shared" / "research"
    if brief == "empty":
        path.mkdir(parents=True)
    monkeypatch.setattr(test_data, "RESEARCH", path)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.skip.Exception, match="research brief .* is not beside this checkout"):
        test_data.test_quotes_are_short_and_verbatim_from_the_brief()


def test_the_brief_test_still_checks_quotes_when_the_brief_is_there(tmp_path, monkeypatch):
    path = tmp_path / "research"
    path.mkdir()
    (path / "brief.md").write_text("nothing quoted here\n", encoding="utf-8")
    monkeypatch.setattr(test_data, "RESEARCH", path)
    with pytest.raises(AssertionError, match="not found verbatim"):
        test_data.test_quotes_are_short_and_verbatim_from_the_brief()


def _version(text):
    return tuple(int(x) for x in text.split("."))


def test_every_statement_of_the_python_version_agrees_with_the_lock():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert meta["requires-python"] == ">={}.{}".format(*LOCK_PYTHON)
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert f"python={LOCK_PYTHON[0]}.{LOCK_PYTHON[1]}" in env["dependencies"]
    make = (ROOT / "Makefile").read_text()
    assert "sys.version_info < ({}, {})".format(*LOCK_PYTHON) in make
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    pythons = [s["with"]["python-version"] for s in workflow["jobs"]["test"]["steps"]
               if s.get("uses", "").startswith("actions/setup-python")]
    assert pythons == ["{}.{}".format(*LOCK_PYTHON)]
    for doc in ("README.md", "instructors/README.md", "CONTRIBUTING.md", "Makefile"):
        text = (ROOT / doc).read_text()
        stated = {_version(v) for v in re.findall(r"Python (3\.\d+)(?:\+| or newer)", text)}
        assert stated <= {LOCK_PYTHON}, f"{doc} states Python {sorted(stated)}"


def test_the_workflow_runs_the_readmes_test_command_with_what_make_cannot_install():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    steps = workflow["jobs"]["test"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme
    last = steps[-1]
    assert last["run"].strip() == "make test" and last["env"]["CI"] == "true"
    assert "bubblewrap" in runs and "apparmor_restrict_unprivileged_userns=0" in runs
    assert "playwright install" in runs and "CHROMIUM_PATH" in runs
    node = [s for s in steps if s.get("uses", "").startswith("actions/setup-node")]
    assert node and int(node[0]["with"]["node-version"]) >= 20
    assert "actions/checkout" in steps[0]["uses"]
