"""Every relative link in every notebook's Markdown opens a file that exists, and each lesson
links to what comes next: a learner follows links, not file names in code font."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for folder in ("lessons", "exercises", "solutions", "apps")
                   for p in (ROOT / folder).glob("*.ipynb"))
LESSONS = [p for p in NOTEBOOKS if p.parent.name == "lessons"]
LINK = re.compile(r"\]\(\s*(?:<([^>]+)>|([^)\s]+))(?:\s+\"[^\"]*\")?\s*\)|href=[\"']([^\"']+)[\"']")


def markdown(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def relative_links(text: str) -> list[str]:
    """Targets of Markdown and HTML links that point into the course (no scheme, no anchor-only)."""
    targets = [a or b or c for a, b, c in LINK.findall(text)]
    return [t for t in targets if not urlparse(t).scheme and not t.startswith("#")]


def test_link_finder_sees_markdown_and_html_links():
    found = relative_links("[a](x.ipynb) [b](<y z.ipynb>) [c](https://e.org) [d](#top) "
                           "[e](v.ipynb \"title\") <a href='../w.ipynb'>w</a>")
    assert found == ["x.ipynb", "y z.ipynb", "v.ipynb", "../w.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name[:2]}")
def test_every_relative_link_resolves_to_a_file(path):
    broken = [t for t in relative_links(markdown(path))
              if not (path.parent / unquote(t.split("#")[0])).resolve().is_file()]
    assert not broken, f"{path.name} links to files that do not exist: {broken}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_each_lesson_links_to_the_next_step(path):
    links = relative_links(markdown(path))
    i = LESSONS.index(path)
    if i + 1 < len(LESSONS):
        assert LESSONS[i + 1].name in links, f"{path.name} has no link to {LESSONS[i + 1].name}"
    if i > 0:
        assert LESSONS[i - 1].name in links, f"{path.name} has no link back to {LESSONS[i - 1].name}"
        assert f"../exercises/{path.name}" in links, f"{path.name} has no link to its exercises"


def test_no_notebook_names_another_in_code_font_instead_of_linking():
    """`lessons/01_x.ipynb` in backticks is what a learner cannot click."""
    for path in NOTEBOOKS:
        named = re.findall(r"`((?:\.\./)?(?:lessons|exercises|solutions)/[^`]+\.ipynb)`", markdown(path))
        assert not named, f"{path.name} names notebooks without linking them: {named}"
