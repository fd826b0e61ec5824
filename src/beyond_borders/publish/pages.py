"""Which pages the site has: one per lesson, exercise sheet, datasheet and (with a flag)
instructor document, each at the path of its source with ``.html`` in place of the suffix.

Mirroring the repository's paths keeps every relative link between course files valid on the
site once the suffix is changed. ``solutions/`` and the answer keys are never pages.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

SECTIONS = ("Lessons", "Exercises", "Data", "Instructors")


@dataclass(frozen=True)
class Page:
    """One page: where its text comes from, where it goes, and what kind of page it is."""

    source: PurePosixPath  # relative to the repository root
    title: str
    section: str  # one of SECTIONS, or "" for the home page
    handout: bool = False  # printed to PDF by ``make handouts``

    @property
    def url(self) -> str:
        return "index.html" if self.source.name == "README.md" and self.section == "" \
            else str(self.source.with_suffix(".html"))

    @property
    def nav_title(self) -> str:
        """The title without the section's name, which the navigation already shows."""
        return re.sub(r"^Exercises\s*·\s*", "", self.title)

    @property
    def is_notebook(self) -> bool:
        return self.source.suffix == ".ipynb"

    @property
    def is_exercise(self) -> bool:
        return self.section == "Exercises"


def notebook_title(path: Path) -> str:
    """The first level-one heading of a notebook, or its file name."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (ValueError, KeyError, TypeError):
        cells = []  # the page build says what is wrong with it
    for cell in cells:
        if isinstance(cell, dict) and cell.get("cell_type") == "markdown":
            found = re.search(r"^#\s+(.+)$", "".join(cell["source"]), re.M)
            if found:
                return found.group(1).strip()
    return path.stem.replace("_", " ")


def markdown_title(path: Path) -> str:
    found = re.search(r"^#\s+(.+)$", path.read_text(encoding="utf-8"), re.M)
    return found.group(1).strip() if found else path.stem


def catalogue(root: Path, instructor: bool = False) -> list[Page]:
    """Every page of the site, in reading order (the navigation and prev/next follow it)."""
    pages = [Page(PurePosixPath("README.md"), "Beyond Borders", "")]
    for folder, section in (("lessons", "Lessons"), ("exercises", "Exercises")):
        for path in sorted((root / folder).glob("*.ipynb")):
            pages.append(Page(PurePosixPath(folder, path.name), notebook_title(path), section,
                              handout=True))
    for name in ("README.md", "MAPS.md"):
        if (root / "datasets" / name).exists():
            pages.append(Page(PurePosixPath("datasets", name),
                              markdown_title(root / "datasets" / name), "Data"))
    if instructor:
        for path in _instructor_documents(root / "instructors"):
            pages.append(Page(PurePosixPath("instructors", path.name), markdown_title(path),
                              "Instructors"))
    return pages


def _instructor_documents(folder: Path) -> list[Path]:
    """The guide first, then the other documents; never ``answer_keys/``."""
    docs = sorted(folder.glob("*.md"))
    return sorted(docs, key=lambda p: (p.name != "README.md", p.name))
