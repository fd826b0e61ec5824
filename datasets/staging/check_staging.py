"""Temporary checker for the staging parts (deleted after the merge).

Usage: python datasets/staging/check_staging.py PART   (PART = a folder under datasets/staging)
Checks columns, required fields, enums, patterns, dates, and that every reference resolves
against datasets/*.csv (core) plus this part's own staging files.
"""
import csv, json, re, sys, datetime as dt
from pathlib import Path
root = Path(__file__).resolve().parents[1]
part = root / "staging" / sys.argv[1]
pkg = json.loads((root / "datapackage.json").read_text())
res = {r["name"]: r for r in pkg["resources"]}
def rows(name, folder):
    p = folder / f"{name}.csv"
    if not p.exists(): return []
    with p.open(encoding="utf-8", newline="") as fh:
        rd = csv.DictReader(fh)
        want = [f["name"] for f in res[name]["schema"]["fields"]]
        if rd.fieldnames != want:
            print(f"{p}: columns {rd.fieldnames} != {want}"); return list(rd)
        return list(rd)
errs = []
ids = {}
for name in res:
    ids[name] = {r["id"] for r in rows(name, root)} | {r["id"] for r in rows(name, part)}
for name, r in res.items():
    seen = set()
    for i, row in enumerate(rows(name, part), start=2):
        where = f"{name}.csv row {i} ({row.get('id')})"
        if row["id"] in seen: errs.append(f"{where}: duplicate id")
        seen.add(row["id"])
        for fd in r["schema"]["fields"]:
            v = (row.get(fd["name"]) or "")
            c = fd.get("constraints", {})
            if v == "":
                if c.get("required"): errs.append(f"{where}: {fd['name']} is required")
                continue
            if v != v.strip(): errs.append(f"{where}: {fd['name']} has surrounding spaces")
            if "enum" in c and v not in c["enum"]: errs.append(f"{where}: {fd['name']}={v!r} not in {c['enum']}")
            if "pattern" in c and not re.fullmatch(c["pattern"], v): errs.append(f"{where}: {fd['name']}={v!r} does not match {c['pattern']}")
            if fd["type"] == "date":
                try: dt.date.fromisoformat(v)
                except ValueError: errs.append(f"{where}: {fd['name']}={v!r} is not YYYY-MM-DD")
            if fd["type"] in ("number", "integer"):
                try: float(v)
                except ValueError: errs.append(f"{where}: {fd['name']}={v!r} is not a number")
        refs = {"events": [("actors","actors"),("sources","sources"),("place","places")],
                "accounts": [("event_id","events"),("claimant_actor","actors"),("sources","sources")],
                "statements": [("speaker","actors"),("event_id","events"),("responds_to","statements"),("sources","sources")],
                "indicators": [("sources","sources")], "places": [("source","sources")]}.get(name, [])
        for col, target in refs:
            for v in filter(None, (row.get(col) or "").split(";")):
                if v not in ids[target]: errs.append(f"{where}: {col} -> {v!r} is not an id in {target}.csv (core or this part)")
        if name == "quote" or (name == "statements" and row.get("quote") and len(row["quote"].split()) > 25):
            errs.append(f"{where}: quote longer than 25 words")
        if name == "events":
            for e in rows("eras", root):
                if e["start"] <= row["date"] <= e["end"] and row["era"] != e["id"]:
                    errs.append(f"{where}: era should be {e['id']} for {row['date']}")
            if row.get("end_date") and row["end_date"] < row["date"]: errs.append(f"{where}: end_date before date")
print("\n".join(errs) if errs else "OK: no problems found")
print({n: len(rows(n, part)) for n in res})
