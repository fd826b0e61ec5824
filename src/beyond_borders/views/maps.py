"""The border map, drawn with plain matplotlib from datasets/borders.geojson (no downloads).

``border_map`` is pure: it returns a Figure (with ``fig.alt_text``) showing Iran, Pakistan and
Afghanistan, the two border provinces, the official crossings and the places of chosen events.
The map is cropped to the border region, which also keeps disputed boundaries elsewhere out of
the picture. Places without a known position are listed in the caption, never guessed.
"""
from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from beyond_borders import data

REGION_EXTENT = (57.5, 68.5, 23.8, 32.2)  # lon min, lon max, lat min, lat max
FILL = {"Iran": "#fbe7c6", "Pakistan": "#d9eed9", "Afghanistan": "#ececec"}
PROVINCE_EDGE = "#6b4f9e"
STATUS_STYLE = {"open": ("#009E73", "Open"), "closed": ("#D55E00", "Closed"),
                "unknown": ("#999999", "Unknown")}


@lru_cache(maxsize=2)
def _features(path: str):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)["features"]


def rings(geometry, outer_only: bool = True):
    """The rings of a GeoJSON Polygon or MultiPolygon (outer rings only, unless asked)."""
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for poly in polys:
        yield from (poly[:1] if outer_only else poly)


def border_map(places=None, highlight_events=None, crossing_status: dict | None = None,
               sites: dict | None = None,
               extent=REGION_EXTENT, title: str | None = None, width: float = 7.5,
               dpi: int = 80, label_places: bool = True) -> Figure:
    """Draw the border region.

    places: place ids to mark (default: every crossing and every place with a position in
        the border provinces).
    highlight_events: event ids whose places are marked as event sites (e.g. strike sites).
    crossing_status: {crossing place id: "open" | "closed" | "unknown"} colours the crossings.
    sites: {label: place id} marks reported event sites at a town they were reported near
        (used where the site itself has no public position), with the label on the map.
    """
    places_df = data.load_places()
    events = data.load_events()
    named = list(places or []) + list((crossing_status or {}).keys()) + list((sites or {}).values())
    unknown = [p for p in named if p not in set(places_df["id"])]
    if unknown:  # an author's typo would otherwise just leave a place off the map
        raise ValueError(f"border_map: not place ids in places.csv: {', '.join(unknown)}")
    fig = Figure(figsize=(width, width * 0.8), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_axes([0.02, 0.1, 0.96, 0.82])
    lon0, lon1, lat0, lat1 = extent
    for feat in _features(str(data.borders_path())):
        props = feat["properties"]
        level = props.get("level")
        for ring in rings(feat["geometry"]):
            if level == "admin-0":
                ax.add_patch(Polygon(ring, closed=True, facecolor=FILL.get(props["name"], "#eeeeee"),
                                     edgecolor="#344054", linewidth=1.2, zorder=1))
            else:
                ax.add_patch(Polygon(ring, closed=True, facecolor="none", edgecolor=PROVINCE_EDGE,
                                     linewidth=1.0, linestyle="--", zorder=2))
    labels = [("IRAN", 59.0, 31.4), ("PAKISTAN", 66.9, 25.4), ("AFGHANISTAN", 64.2, 31.7),
              ("Sistan and\nBaluchestan", 60.2, 27.9), ("Balochistan", 65.2, 28.8)]
    for text, x, y in labels:
        ax.text(x, y, text, fontsize=9 if text.isupper() else 8, ha="center", va="center",
                color="#344054" if text.isupper() else PROVINCE_EDGE, style="normal" if text.isupper() else "italic",
                zorder=3)
    in_box = places_df[places_df["lat"].between(lat0, lat1) & places_df["lon"].between(lon0, lon1)]
    if places is None:  # every town in view, and every crossing (those without a position are listed)
        chosen = places_df[places_df["id"].isin(in_box["id"]) | (places_df["kind"] == "crossing")]
    else:
        chosen = places_df[places_df["id"].isin(list(places))]
    missing = []
    crossings = chosen[chosen["kind"] == "crossing"]
    towns = chosen[chosen["kind"] != "crossing"]
    at_crossing = {(r.lat, r.lon) for r in crossings.itertuples() if not pd.isna(r.lat)}
    for row in towns.itertuples():
        if pd.isna(row.lat):
            missing.append(row.name)
            continue
        if (row.lat, row.lon) in at_crossing:
            continue  # the crossing's square stands at this town; one mark is clearer
        ax.plot(row.lon, row.lat, marker="o", ms=4, color="#101828", zorder=4)
        if label_places:
            name = row.name + (" (approx.)" if row.precision == "approximate" else "")
            ax.annotate(name, (row.lon, row.lat), xytext=(4, 3), textcoords="offset points",
                        fontsize=7, zorder=5)
    status = crossing_status or {}
    for row in crossings.itertuples():
        if pd.isna(row.lat):
            missing.append(row.name)
            continue
        colour, _ = STATUS_STYLE[status.get(row.id, "unknown")] if status else ("#0072B2", "")
        ax.plot(row.lon, row.lat, marker="s", ms=9, markerfacecolor=colour, markeredgecolor="#101828",
                zorder=5)
        ax.annotate(row.name + (" (approx.)" if row.precision != "geonames" else ""),
                    (row.lon, row.lat), xytext=(6, -10), textcoords="offset points", fontsize=7,
                    color="#0b3d91", zorder=6)
    site_names, site_labels = [], []
    if highlight_events:
        ev = events[events["id"].isin(list(highlight_events))]
        for e in ev.itertuples():
            p = places_df[places_df["id"] == e.place]
            if not len(p) or pd.isna(p["lat"].iloc[0]):
                missing.append(f"{e.title} (no position)")
                continue
            site_names.append(e.title)
            ax.plot(p["lon"].iloc[0], p["lat"].iloc[0], marker="*", ms=16, markerfacecolor="#D55E00",
                    markeredgecolor="#101828", zorder=7)
    for label, pid in (sites or {}).items():
        p = places_df[places_df["id"] == pid]
        if not len(p) or pd.isna(p["lat"].iloc[0]):
            missing.append(label)
            continue
        site_labels.append(label)
        ax.plot(p["lon"].iloc[0], p["lat"].iloc[0], marker="*", ms=16, markerfacecolor="#D55E00",
                markeredgecolor="#101828", zorder=7)
        ax.annotate(label, (p["lon"].iloc[0], p["lat"].iloc[0]), xytext=(8, 8), textcoords="offset points",
                    fontsize=8, color="#8a2c00", weight="bold", zorder=8)
    sites_drawn = [*site_names, *site_labels]
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title or "The Iran–Pakistan border region", fontsize=10, loc="left")
    legend = ["Dashed purple line: province boundary", "Square: official crossing (shown at the nearest town where the gate is not located)"]
    if status:
        legend.append("Crossing colours: green open, orange closed, grey unknown")
    if sites_drawn:
        legend.append("Star: reported event site, drawn at the town it was reported near")
    fig.text(0.02, 0.02, "\n".join(legend), fontsize=7, va="bottom")
    shown = [r.name for r in chosen.itertuples() if not pd.isna(r.lat)]
    alt = (f"Map of the Iran–Pakistan border region with the provinces of Sistan and Baluchestan (Iran) "
           f"and Balochistan (Pakistan). Marked: {', '.join(shown)}.")
    if status:
        alt += " Crossings: " + ", ".join(
            f"{places_df.set_index('id').loc[k, 'name']} {v}" for k, v in status.items()) + "."
    if sites_drawn:
        alt += " Event sites: " + "; ".join(sites_drawn) + "."
    if missing:
        alt += " Not drawn (no reliable position): " + ", ".join(dict.fromkeys(missing)) + "."
    fig.alt_text = alt
    return fig
