"""A built wheel carries the data package; an installed course finds it without the checkout.

The checkout keeps one copy of the data (datasets/) and no symbolic link; ``setup.py`` copies
datasets/ into ``beyond_borders/data/files/`` when a wheel is built, and ``data_dir()`` prefers
that copy when it is there.
"""
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from beyond_borders import data
from beyond_borders.data import paths

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"


def test_data_dir_prefers_a_packaged_copy(tmp_path, monkeypatch):
    monkeypatch.delenv("BEYOND_BORDERS_DATA", raising=False)
    packaged = tmp_path / "files"
    packaged.mkdir()
    monkeypatch.setattr(paths, "PACKAGED", packaged)
    assert data.data_dir() == paths.CHECKOUT, "an empty files/ (editable install) is not a copy"
    assert paths.CHECKOUT == DATASETS
    (packaged / "datapackage.json").write_text("{}", encoding="utf-8")
    assert data.data_dir() == packaged
    monkeypatch.setenv("BEYOND_BORDERS_DATA", str(tmp_path / "elsewhere"))
    assert data.data_dir() == tmp_path / "elsewhere"
    assert data.borders_path() == tmp_path / "elsewhere" / "borders.geojson"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """Build a wheel from a copy of the project's sources (about 10 s: pip sets up setuptools)."""
    tmp = tmp_path_factory.mktemp("wheel")
    project = tmp / "project"
    project.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, project / name)
    junk = shutil.ignore_patterns("__pycache__", "*.egg-info", "files", ".lock")
    shutil.copytree(ROOT / "src", project / "src", ignore=junk)
    shutil.copytree(DATASETS, project / "datasets", ignore=junk)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                           str(tmp / "dist"), str(project)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    (built,) = (tmp / "dist").glob("beyond_borders-*.whl")
    return built


def test_the_wheel_carries_the_data_and_the_question_banks(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("beyond_borders/data/files/events.csv",
                     "beyond_borders/data/files/crossing_status.csv",
                     "beyond_borders/data/files/datapackage.json",
                     "beyond_borders/data/files/borders.geojson",
                     "beyond_borders/checks/questions/02.json"):
        assert required in names, required
    shipped = {Path(n).name for n in names if n.startswith("beyond_borders/data/files/")}
    expected = {p.name for p in DATASETS.iterdir() if p.suffix in (".csv", ".json", ".geojson")}
    assert shipped == expected
    assert not any(n.endswith((".md", ".lock")) for n in names if "/data/files/" in n)


def test_an_installed_wheel_loads_its_own_copy(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)  # a pure-Python wheel installs by unpacking
    env = {k: v for k, v in os.environ.items() if k != "BEYOND_BORDERS_DATA"}
    env["PYTHONPATH"] = str(site)
    code = ("import beyond_borders, beyond_borders.data as d; print(beyond_borders.__file__); "
            "print(d.data_dir()); print(d.validate())")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    module, where, counts = done.stdout.splitlines()
    assert Path(module).is_relative_to(site)
    assert Path(where) == site / "beyond_borders" / "data" / "files"
    assert counts == str(data.validate(DATASETS))
