"""Append rows to a table of datasets/ safely while others edit it, then validate the package.

    python scripts/add_rows.py events NEW_ROWS.csv

NEW_ROWS.csv has the table's header. The append holds a lock (datasets/.lock), refuses ids that
already exist, and rolls back if the package no longer validates, printing why.
"""
import csv
import fcntl
import sys
from pathlib import Path

D = Path(__file__).resolve().parents[1] / "datasets"
table, new = sys.argv[1], Path(sys.argv[2])
path = D / f"{table}.csv"
with open(D / ".lock", "w") as lock:
    fcntl.flock(lock, fcntl.LOCK_EX)
    before = path.read_bytes()
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, ids = reader.fieldnames, {r["id"] for r in reader}
    with new.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    clash = [r["id"] for r in rows if r["id"] in ids]
    if clash:
        sys.exit(f"ids already in {table}.csv: {', '.join(clash)}")
    with path.open("a", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n", extrasaction="raise")
        w.writerows({k: r.get(k, "") or "" for k in fields} for r in rows)
    sys.path.insert(0, str(D.parent / "src"))
    from beyond_borders import data
    try:
        data.validate(D)
    except data.DataError as exc:
        path.write_bytes(before)
        sys.exit(f"rolled back: {exc}")
    print(f"appended {len(rows)} rows to {table}.csv; package valid")
