"""Every lesson keeps the anatomy of ../shared/DESIGN.md, and every id it names exists."""
import re
from pathlib import Path

import nbformat
import pytest

from beyond_borders import data
from beyond_borders.checks import bank

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))
ID = re.compile(r"[\"']((?:19|20)\d\d-\d\d(?:-\d\d)?-[a-z0-9\-]*[a-z][a-z0-9\-]*|st-[a-z0-9\-]+)[\"']")
STRING = re.compile(r"\"[^\"]*\"|'[^']*'")


def logic_lines(cell: str) -> list[str]:
    """Lines that do something: not comments, and not lines that only list ids or labels."""
    out = []
    for line in cell.splitlines():
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        rest = STRING.sub("", text)
        if rest != text and re.fullmatch(r"[\w\s=\[\](){},:]*", rest):
            continue  # a line of data (ids, labels) inside a call
        out.append(text)
    return out


def cells(path):
    nb = nbformat.read(str(path), as_version=4)
    md = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    return nb, md, code


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_anatomy(path):
    nb, md, code = cells(path)
    assert md.lstrip().startswith("# Lesson"), "a title first"
    assert re.search(r"\*\*Time:\*\* about \d+ minutes", md), "a time estimate"
    assert "Prerequisites" in md
    for heading in ("objectives", "Key terms", "Discussion questions", "Sources"):
        if path.name.startswith("00") and heading in ("Key terms", "Discussion questions", "Sources"):
            continue
        assert heading.lower() in md.lower(), f"no section {heading!r}"
    quick = [c for c in code if "quick_check(" in c]
    assert len(quick) >= (1 if path.name.startswith("00") else 2), "at least two quick checks"
    if not path.name.startswith("00"):
        assert any("sources_for(" in c for c in code), "a sources list"
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_code_cells_stay_short_and_import_only_the_course(path):
    _, _, code = cells(path)
    first = code[0]
    for line in first.splitlines():
        if line.startswith(("import ", "from ")):
            assert line.startswith("from beyond_borders"), f"first cell imports {line!r}"
    for c in code:
        assert len(logic_lines(c)) <= 8, f"a long code cell:\n{c[:400]}"
        assert "plt.show" not in c and "import matplotlib" not in c


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_every_id_a_lesson_names_exists(path):
    _, _, code = cells(path)
    events = set(data.load_events()["id"]) | set(data.load_statements()["id"])
    places = set(data.load_places()["id"])
    lesson = path.name[:2]
    quick_ids = set(bank.load_lesson(lesson)["quick_by_id"])
    for c in code:
        for q in re.findall(r"quick_check\(\s*[\"'](q[\d.]+)[\"']", c):
            assert q in quick_ids, f"quick check {q} is not in the answer key"
        for m in ID.finditer(c):
            assert m.group(1) in events, f"{m.group(1)} is not an event or statement id"
        if "border_map(" in c:
            for p in re.findall(r"[\"']([a-z][a-z_]*)[\"']", c):
                if p not in ("open", "closed", "unknown"):
                    assert p in places, f"border_map names {p!r}, which is not in places.csv"
