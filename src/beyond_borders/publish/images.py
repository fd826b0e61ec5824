"""Figures written once into the site's ``_images/`` folder, named by their content.

Naming by a hash makes rebuilds repeatable and stores a figure two pages share only once.
"""
from __future__ import annotations

import hashlib
import html
from pathlib import Path


class ImageStore:
    """Writes PNG bytes under ``<site>/_images`` and returns the tag a page embeds."""

    def __init__(self, site: Path):
        self.folder = site / "_images"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.prefix = ""  # the way from the page being built back to the site root

    def save(self, png: bytes) -> str:
        """The site-relative path of the stored image."""
        name = hashlib.sha256(png).hexdigest()[:20] + ".png"
        path = self.folder / name
        if not path.exists():
            path.write_bytes(png)
        return f"_images/{name}"

    def figure(self, png: bytes, alt: str, css: str = "") -> str:
        """A ``<figure>`` that print CSS keeps whole on one page."""
        klass = f"bb-figure {css}".strip()
        return (f"<figure class='{klass}'><img src='{self.prefix}{self.save(png)}' "
                f"alt='{html.escape(alt, quote=True)}' loading='eager'></figure>")
