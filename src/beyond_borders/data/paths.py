"""Where the data package is: a wheel's packaged copy, or the checkout's datasets/.

The course keeps one copy of its data and no symbolic link (Windows checkouts cannot follow
one): ``setup.py`` copies datasets/ into ``data/files/`` when it builds a wheel, and an editable
install reads the checkout's ``datasets/`` directly.
"""
from __future__ import annotations

import os
from pathlib import Path

__all__ = ["data_dir", "borders_path"]

PACKAGED = Path(__file__).resolve().parent / "files"  # the copy a built wheel carries
CHECKOUT = Path(__file__).resolve().parents[3] / "datasets"  # src/beyond_borders/data -> repo


def data_dir() -> Path:
    """Where datasets/ is, wherever the notebook runs from.

    ``BEYOND_BORDERS_DATA`` wins (tests with broken fixtures use it); then a wheel's packaged
    copy; then the checkout's ``datasets/``.
    """
    env = os.environ.get("BEYOND_BORDERS_DATA")
    if env:
        return Path(env)
    return PACKAGED if (PACKAGED / "datapackage.json").is_file() else CHECKOUT


def borders_path(directory=None) -> Path:
    """The map geometry (GeoJSON) beside the tables."""
    return Path(directory or data_dir()) / "borders.geojson"
