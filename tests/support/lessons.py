"""Reading lesson notebooks and data tables the way the lesson tests need them.

Shared by the per-lesson case-course tests (issue 17) so that each file states only what its
lessons must contain: cells as (kind, source) pairs, data rows as dicts, and the literal keyword
arguments a code cell passes to a widget (what a learner will actually see, not stored output).
"""
import ast
import csv
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def notebook(folder: str, nn: str) -> Path:
    """The notebook numbered ``nn`` in ``folder`` (lessons, solutions, exercises)."""
    return next((ROOT / folder).glob(f"{nn}_*.ipynb"))


def cells(folder: str, nn: str) -> list:
    nb = json.loads(notebook(folder, nn).read_text(encoding="utf-8"))
    return [(c["cell_type"], c["source"] if isinstance(c["source"], str) else "".join(c["source"]))
            for c in nb["cells"]]


def table(name: str) -> list:
    with (ROOT / "datasets" / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def answer_key(nn: str) -> dict:
    return json.loads((ROOT / "instructors" / "answer_keys" / f"{nn}.json").read_text(encoding="utf-8"))


def call_kwargs(source: str, name: str) -> list:
    """The keyword arguments of every call to ``name`` in a code cell, as Python values; an
    argument computed at run time (not a literal) is left out rather than guessed."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == name:
            found.append({k.arg: literal(k.value) for k in node.keywords})
            found[-1] = {k: v for k, v in found[-1].items() if v is not _COMPUTED}
    return found


_COMPUTED = object()


def literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return _COMPUTED


def widget_kwargs(src: list, name: str) -> list:
    """Keyword arguments of every ``name(...)`` call in the code cells of a notebook."""
    return [kw for kind, text in src if kind == "code" and f"{name}(" in text
            for kw in call_kwargs(text, name)]


def markdown_tables(text: str) -> list:
    """Each pipe table in a markdown cell, as a list of rows of stripped cells (separator dropped)."""
    blocks = re.findall(r"(?:^\|.*\|[ \t]*$\n?)+", text, flags=re.M)
    out = []
    for block in blocks:
        rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in block.splitlines()]
        out.append([r for r in rows if not all(re.fullmatch(r":?-+:?", c) for c in r)])
    return out


def quick_checks_after(src: list, at: int, span: int = 3) -> list:
    """The quick-check ids called in the ``span`` cells after cell ``at``."""
    return [m.group(1) for _, text in src[at + 1:at + 1 + span]
            for m in re.finditer(r'quick_check\("(q[\d.]+)"\)', text)]


VERDICT = re.compile(r"\bthe (correct|right|true) (reading|explanation|answer) is\b", re.I)
