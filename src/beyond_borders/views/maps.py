"""The border map, drawn with plain matplotlib from datasets/borders.geojson (no downloads).

``border_map`` is pure: it returns a ``CourseFigure`` (with ``alt_text``) showing Iran, Pakistan
and Afghanistan, the two border provinces, the official crossings and the places of chosen
events. The map is cropped to the border region, which also keeps disputed boundaries elsewhere
out of the picture. Places without a known position are listed in the caption, never guessed.
Each layer is drawn by its own small function, in the order they stack; the names of places
are written last, by ``render.labels.place_labels``, where they cover no mark and no other name.
"""
from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Polygon

from beyond_borders import data
from beyond_borders.render.figures import CourseFigure, new_figure
from beyond_borders.render.labels import Label, place_labels

REGION_EXTENT = (57.5, 68.5, 23.8, 32.2)  # lon min, lon max, lat min, lat max
FILL = {"Iran": "#fbe7c6", "Pakistan": "#d9eed9", "Afghanistan": "#ececec"}
PROVINCE_EDGE = "#6b4f9e"
STATUS_STYLE = {"open": ("#009E73", "Open"), "closed": ("#D55E00", "Closed"),
                "unknown": ("#999999", "Unknown")}
TOWN_INK, CROSSING_INK, SITE_INK, COUNTRY_INK = "#101828", "#0b3d91", "#8a2c00", "#344054"
LABELS = [("IRAN", 59.0, 31.4), ("PAKISTAN", 66.2, 26.4), ("AFGHANISTAN", 64.2, 31.7),
          ("Sistan and\nBaluchestan", 60.2, 27.9), ("Balochistan", 65.2, 28.8)]


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
               dpi: int = 100, label_places: bool = True) -> CourseFigure:
    """Draw the border region.

    places: place ids to mark (default: every crossing and every place with a position in
        the border provinces).
    highlight_events: event ids whose places are marked as event sites (e.g. strike sites).
    crossing_status: {crossing place id: "open" | "closed" | "unknown"} colours the crossings.
    sites: {label: place id} marks reported event sites at a town they were reported near
        (used where the site itself has no public position), with the label on the map.

    ``fig.drawn`` holds what was marked: ``places`` (ids), ``sites`` (names) and ``not_drawn``
    (names of places without a reliable position).
    """
    places_df = data.load_places()
    _check_place_ids(places_df, places, crossing_status, sites)
    status = crossing_status or {}
    fig = new_figure(width, width * 0.8, dpi)
    ax = fig.add_axes([0.02, 0.1, 0.96, 0.82])
    _draw_countries(ax)
    regions = _draw_labels(ax)
    chosen = _chosen_places(places_df, places, extent)
    crossings = chosen[chosen["kind"] == "crossing"]
    names: list[Label] = []
    missing = _draw_towns(ax, chosen[chosen["kind"] != "crossing"], crossings,
                          names if label_places else [])
    missing += _draw_crossings(ax, crossings, status, names)
    event_sites, no_position = _draw_event_sites(ax, places_df, highlight_events)
    labelled, unplaced = _draw_labelled_sites(ax, places_df, sites or {}, names)
    sites_drawn = [*event_sites, *labelled]
    missing += no_position + unplaced
    _frame(ax, extent, title)
    # Sites first (the map's point), then crossings, then towns: the first placed get the best spots.
    place_labels(ax, names, fixed=regions)
    _draw_legend(fig, bool(status), bool(sites_drawn))
    fig.alt_text = _alt_text(chosen, places_df, status, sites_drawn, missing)
    fig.drawn.update(places=[r.id for r in chosen.itertuples() if not pd.isna(r.lat)],
                     sites=sites_drawn, not_drawn=list(dict.fromkeys(missing)))
    return fig


def _check_place_ids(places_df, places, crossing_status, sites) -> None:
    named = list(places or []) + list((crossing_status or {}).keys()) + list((sites or {}).values())
    unknown = [p for p in named if p not in set(places_df["id"])]
    if unknown:  # an author's typo would otherwise just leave a place off the map
        raise ValueError(f"border_map: not place ids in places.csv: {', '.join(unknown)}")


def _draw_countries(ax: Axes) -> None:
    """Countries filled, provinces as dashed purple outlines."""
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


def _draw_labels(ax: Axes) -> list:
    """Country names in capitals, province names in purple italics; returns the texts."""
    return [ax.text(x, y, text, fontsize=10 if text.isupper() else 9, ha="center", va="center",
                    color=COUNTRY_INK if text.isupper() else PROVINCE_EDGE,
                    style="normal" if text.isupper() else "italic", zorder=3)
            for text, x, y in LABELS]


def _chosen_places(places_df: pd.DataFrame, places, extent) -> pd.DataFrame:
    """The places asked for; by default every town in view and every crossing."""
    if places is not None:
        return places_df[places_df["id"].isin(list(places))]
    lon0, lon1, lat0, lat1 = extent
    in_box = places_df[places_df["lat"].between(lat0, lat1) & places_df["lon"].between(lon0, lon1)]
    # Crossings without a position are kept: they are listed as not drawn.
    return places_df[places_df["id"].isin(in_box["id"]) | (places_df["kind"] == "crossing")]


def _draw_towns(ax: Axes, towns, crossings, names: list[Label]) -> list[str]:
    """Dots for towns, their names added to ``names``; returns towns without a position."""
    missing = []
    at_crossing = {(r.lat, r.lon) for r in crossings.itertuples() if not pd.isna(r.lat)}
    for row in towns.itertuples():
        if pd.isna(row.lat):
            missing.append(row.name)
            continue
        if (row.lat, row.lon) in at_crossing:
            continue  # the crossing's square stands at this town; one mark is clearer
        ax.plot(row.lon, row.lat, marker="o", ms=4, color="#101828", zorder=4)
        name = row.name + (" (approx.)" if row.precision == "approximate" else "")
        names.append(Label(name, (row.lon, row.lat), 3.5, dict(fontsize=8, color=TOWN_INK, zorder=5), rank=2))
    return missing


def _draw_crossings(ax: Axes, crossings, status: dict, names: list[Label]) -> list[str]:
    """Squares for crossings, coloured by status when one is given; returns those not drawn."""
    missing = []
    for row in crossings.itertuples():
        if pd.isna(row.lat):
            missing.append(row.name)
            continue
        colour, _ = STATUS_STYLE[status.get(row.id, "unknown")] if status else ("#0072B2", "")
        ax.plot(row.lon, row.lat, marker="s", ms=9, markerfacecolor=colour, markeredgecolor="#101828",
                zorder=5)
        name = row.name + (" (approx.)" if row.precision != "geonames" else "")
        names.append(Label(name, (row.lon, row.lat), 6, dict(fontsize=8, color=CROSSING_INK, zorder=6),
                           rank=1))
    return missing


def _position(places_df: pd.DataFrame, place_id) -> tuple[float, float] | None:
    """(lon, lat) of a place, or None when it has no reliable position."""
    p = places_df[places_df["id"] == place_id]
    if not len(p) or pd.isna(p["lat"].iloc[0]):
        return None
    return p["lon"].iloc[0], p["lat"].iloc[0]


def _star(ax: Axes, lon: float, lat: float) -> None:
    ax.plot(lon, lat, marker="*", ms=16, markerfacecolor="#D55E00", markeredgecolor="#101828",
            zorder=7)


def _draw_event_sites(ax: Axes, places_df, highlight_events) -> tuple[list[str], list[str]]:
    """Stars at the places of events; returns (titles drawn, titles without a position)."""
    drawn, missing = [], []
    if not highlight_events:
        return drawn, missing
    events = data.load_events()
    for e in events[events["id"].isin(list(highlight_events))].itertuples():
        at = _position(places_df, e.place)
        if at is None:
            missing.append(f"{e.title} (no position)")
            continue
        drawn.append(e.title)
        _star(ax, *at)
    return drawn, missing


def _draw_labelled_sites(ax: Axes, places_df, sites: dict,
                         names: list[Label]) -> tuple[list[str], list[str]]:
    """Labelled stars at the towns sites were reported near; returns (drawn, not drawn)."""
    drawn, missing = [], []
    for label, pid in sites.items():
        at = _position(places_df, pid)
        if at is None:
            missing.append(label)
            continue
        drawn.append(label)
        _star(ax, *at)
        names.append(Label(label, at, 8.5, dict(fontsize=9, color=SITE_INK, weight="bold", zorder=8)))
    return drawn, missing


def _frame(ax: Axes, extent, title: str | None) -> None:
    lon0, lon1, lat0, lat1 = extent
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title or "The Iran–Pakistan border region", fontsize=10, loc="left")


def _draw_legend(fig: CourseFigure, has_status: bool, has_sites: bool) -> None:
    """The key, in words under the map (every mark differs by shape, not colour alone)."""
    legend = ["Dashed purple line: province boundary",
              "Square: official crossing (shown at the nearest town where the gate is not located)"]
    if has_status:
        legend.append("Crossing colours: green open, orange closed, grey unknown")
    if has_sites:
        legend.append("Star: reported event site, drawn at the town it was reported near")
    fig.text(0.02, 0.02, "\n".join(legend), fontsize=8, va="bottom")


def _alt_text(chosen, places_df, status: dict, sites_drawn: list[str], missing: list[str]) -> str:
    shown = [r.name for r in chosen.itertuples() if not pd.isna(r.lat)]
    alt = (f"Map of the Iran–Pakistan border region with the provinces of Sistan and Baluchestan (Iran) "
           f"and Balochistan (Pakistan). Marked: {', '.join(shown)}.")
    if status:
        names = places_df.set_index("id")["name"]
        alt += " Crossings: " + ", ".join(f"{names[k]} {v}" for k, v in status.items()) + "."
    if sites_drawn:
        alt += " Event sites: " + "; ".join(sites_drawn) + "."
    if missing:
        alt += " Not drawn (no reliable position): " + ", ".join(dict.fromkeys(missing)) + "."
    return alt
