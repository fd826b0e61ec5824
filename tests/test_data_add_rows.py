"""scripts/add_rows.py: appends under a lock, validates the whole package, rolls back on error.

crossing_status is part of the package, so a status row is checked like any other.
"""
import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"
SCRIPT = ROOT / "scripts" / "add_rows.py"
FIELDS = ["id", "place", "date", "status", "event_id", "sources", "notes"]


@pytest.fixture()
def folder(tmp_path):
    target = tmp_path / "datasets"
    shutil.copytree(DATASETS, target, ignore=shutil.ignore_patterns("staging", ".lock"))
    return target


def add(folder, table, new_rows, fields=FIELDS):
    new = folder.parent / "new.csv"
    with new.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(new_rows)
    return subprocess.run([sys.executable, str(SCRIPT), table, str(new), "--data", str(folder)],
                          capture_output=True, text=True)


def status_row(**changes):
    with (DATASETS / "crossing_status.csv").open(encoding="utf-8", newline="") as fh:
        last = list(csv.DictReader(fh))[-1]
    row = dict(last, id="cs-2026-03-02-taftan", place="crossing_taftan_mirjaveh",
               date="2026-03-02", status="closed", notes="A test observation of the crossing.")
    return {**row, **changes}


def test_a_valid_status_row_is_appended(folder):
    before = (folder / "crossing_status.csv").read_text(encoding="utf-8")
    done = add(folder, "crossing_status", [status_row()])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "appended 1 rows to crossing_status.csv; package valid"
    after = (folder / "crossing_status.csv").read_text(encoding="utf-8")
    assert after.startswith(before) and after[len(before):].startswith("cs-2026-03-02-taftan,")


def test_a_status_row_for_a_town_is_rolled_back(folder):
    before = (folder / "crossing_status.csv").read_bytes()
    line = len(before.decode("utf-8").splitlines()) + 1
    done = add(folder, "crossing_status", [status_row(place="panjgur")])
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"rolled back: crossing_status.csv, row {line} (id 'cs-2026-03-02-taftan'), column 'place': "
        "'panjgur' is not a crossing in places.csv (kind 'crossing')")
    assert (folder / "crossing_status.csv").read_bytes() == before


def test_a_status_row_before_its_event_is_rolled_back(folder):
    """Tables refer to each other: add the event first, then the status that belongs to it."""
    before = (folder / "crossing_status.csv").read_bytes()
    done = add(folder, "crossing_status", [status_row(event_id="2026-03-02-new-closure")])
    assert done.returncode == 1
    assert done.stderr.strip().endswith("'2026-03-02-new-closure' is not an id in events.csv")
    assert (folder / "crossing_status.csv").read_bytes() == before


def test_existing_ids_and_unknown_columns_are_refused(folder):
    before = (folder / "crossing_status.csv").read_bytes()
    taken = status_row(id="cs-2024-01-19-taftan")
    assert add(folder, "crossing_status", [taken]).stderr.strip() == (
        "ids already in crossing_status.csv: cs-2024-01-19-taftan")
    extra = add(folder, "crossing_status", [dict(status_row(), colour="red")], FIELDS + ["colour"])
    assert extra.returncode == 1 and "unexpected colour" in extra.stderr
    assert (folder / "crossing_status.csv").read_bytes() == before
    unknown = add(folder, "borders", [status_row()])
    assert unknown.returncode == 2 and "invalid choice: 'borders'" in unknown.stderr
