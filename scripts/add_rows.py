"""Append rows to a table of datasets/ safely while others edit it, then validate the package.

    python scripts/add_rows.py events NEW_ROWS.csv
    python scripts/add_rows.py crossing_status NEW_ROWS.csv --data path/to/datasets

NEW_ROWS.csv has the table's header (columns may be left out; they are written empty). The append
holds a lock (DATA/.lock), refuses ids that already exist, and rolls back if the package no
longer validates, printing why. Add rows in the order the tables refer to each other (a source
before the event that cites it, an event before the crossing status that belongs to it): the
package is validated after each append.
"""
import argparse
import csv
import fcntl
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from beyond_borders import data  # noqa: E402


def read_new_rows(new: Path, fields: list[str]) -> list[dict]:
    """The rows to add, refusing columns the table does not have and rows without an id."""
    if not new.is_file():
        sys.exit(f"{new}: no such file")
    with new.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        extra = [c for c in (reader.fieldnames or []) if c not in fields]
        if extra or "id" not in (reader.fieldnames or []):
            sys.exit(f"{new}: expected a header with id and some of {', '.join(fields)}; "
                     + (f"unexpected {', '.join(extra)}" if extra else "no id column"))
        rows = list(reader)
    if any(not r["id"] for r in rows):
        sys.exit(f"{new}: every row needs an id")
    return rows


def append(directory: Path, table: str, new: Path) -> int:
    """Append under the lock; restore the file if the package no longer validates."""
    path = directory / f"{table}.csv"
    if not path.is_file():
        sys.exit(f"{path}: no such file; is {directory} the data folder?")
    with open(directory / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        before = path.read_bytes()
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            fields, ids = reader.fieldnames, {r["id"] for r in reader}
        rows = read_new_rows(new, fields)
        clash = [r["id"] for r in rows if r["id"] in ids]
        if clash:
            sys.exit(f"ids already in {table}.csv: {', '.join(clash)}")
        with path.open("a", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
            w.writerows({k: r.get(k) or "" for k in fields} for r in rows)
        try:
            data.validate(directory)
        except data.DataError as exc:
            path.write_bytes(before)
            sys.exit(f"rolled back: {exc}")
    return len(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("table", choices=data.ORDER)
    parser.add_argument("new_rows", type=Path, help="a CSV with the table's header")
    parser.add_argument("--data", type=Path, default=ROOT / "datasets", help="the data folder")
    args = parser.parse_args(argv)
    count = append(args.data, args.table, args.new_rows)
    print(f"appended {count} rows to {args.table}.csv; package valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
