"""One-off merge of the research parts (datasets/staging/<part>/*.csv) into datasets/*.csv.

Kept for the record of how the package was assembled. Sources citing the same URL are merged
into one id (references rewritten); actors and places are merged by id; everything else is
concatenated, and duplicate ids are reported rather than silently dropped.
"""
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "datasets"
STAGING = ROOT / "staging"
PARTS = [p for p in sys.argv[1:]] or sorted(d.name for d in STAGING.iterdir() if d.is_dir())
pkg = json.loads((ROOT / "datapackage.json").read_text())
FIELDS = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in pkg["resources"]}


def read(path):
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write(name, rows):
    with (ROOT / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS[name], lineterminator="\n", extrasaction="raise")
        w.writeheader()
        for r in rows:
            w.writerow({k: (r.get(k) or "").strip() for k in FIELDS[name]})


problems = []
# Sources: dedupe by URL.
sources, by_url, rename = [], {}, {}
for r in read(ROOT / "sources.csv"):
    sources.append(r)
    by_url[r["url"]] = r["id"]
for part in PARTS:
    for r in read(STAGING / part / "sources.csv"):
        if r["url"] in by_url:
            if by_url[r["url"]] != r["id"]:
                rename[(part, r["id"])] = by_url[r["url"]]
            continue
        if r["id"] in {s["id"] for s in sources}:
            new = f"{r['id']}-{part}"
            rename[(part, r["id"])] = new
            r = dict(r, id=new)
        sources.append(r)
        by_url[r["url"]] = r["id"]


def fix(part, value):
    ids = [rename.get((part, v), v) for v in (value or "").split(";") if v]
    return ";".join(dict.fromkeys(ids))


def merge_by_id(name):
    rows = read(ROOT / f"{name}.csv")
    seen = {r["id"] for r in rows}
    for part in PARTS:
        for r in read(STAGING / part / f"{name}.csv"):
            if r["id"] in seen:
                continue
            if name == "places" and r.get("source"):
                r["source"] = fix(part, r["source"])
            rows.append(r)
            seen.add(r["id"])
    return rows


actors = merge_by_id("actors")
places = merge_by_id("places")
tables = {}
for name, cols in [("events", ["sources"]), ("accounts", ["sources"]),
                   ("statements", ["sources"]), ("indicators", ["sources"])]:
    rows, seen = read(ROOT / f"{name}.csv"), set()
    seen = {r["id"] for r in rows}
    for part in PARTS:
        for r in read(STAGING / part / f"{name}.csv"):
            for c in cols:
                r[c] = fix(part, r[c])
            if r["id"] in seen:
                problems.append(f"{name}: duplicate id {r['id']} in part {part}")
                continue
            seen.add(r["id"])
            rows.append(r)
    tables[name] = rows

tables["events"].sort(key=lambda r: (r["date"], r["id"]))
tables["statements"].sort(key=lambda r: (r["date"], r["id"]))
write("sources", sorted(sources, key=lambda r: r["id"]))
write("actors", actors)
write("places", places)
for name, rows in tables.items():
    write(name, rows)
print({n: len(r) for n, r in tables.items()}, "sources", len(sources), "renamed", len(rename))
print("\n".join(problems) or "no duplicate ids")
