"""Load one lesson's content file, checked once, where it enters the package.

``load_content("04", "hedging")`` reads ``content/04_hedging.json``, checks it against its kind
(``content.kinds``) and every id it cites against the course data (``beyond_borders.data``), and
returns a fresh copy of the document. Anything wrong raises :class:`ContentError`, one line per
problem, each naming the file, the item, the field and what was expected; a file that is not
valid JSON names the line. Views trust what this returns.
"""
from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

from beyond_borders import data
from beyond_borders.content.kinds import DATA_REFS, KINDS

__all__ = ["CONTENT_DIR", "ContentError", "content_path", "data_refs", "lesson_code", "load_content"]

CONTENT_DIR = Path(__file__).resolve().parent


class ContentError(ValueError):
    """A lesson content file is missing or malformed; the message says where and what."""


def lesson_code(lesson) -> str:
    """'4', 4 or '04' -> '04'."""
    s = str(lesson).strip()
    return f"{int(s):02d}" if s.isdigit() else s


def content_path(lesson, kind: str, directory: Path | str | None = None) -> Path:
    return Path(directory or CONTENT_DIR) / f"{lesson_code(lesson)}_{kind}.json"


def data_refs(directory=None) -> dict[str, set]:
    """The ids content may cite, by reference name: every event, statement, account, source and actor."""
    tables = {"event": data.load_events, "statement": data.load_statements,
              "account": data.load_accounts, "source": data.load_sources, "actor": data.load_actors}
    return {name: set(tables[name](directory)["id"]) for name in DATA_REFS}


def _read(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(f"{path.name}: no such content file in {path.parent}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContentError(f"{path.name}: not valid JSON: {exc.msg} at line {exc.lineno}, "
                           f"column {exc.colno}") from None


@lru_cache(maxsize=32)
def _checked(path_text: str, kind: str, code: str):
    path = Path(path_text)
    doc = _read(path)
    problems = KINDS[kind].problems(doc, data_refs())
    if not problems and doc["lesson"] != code:
        problems = [f"field 'lesson': expected {code!r} (the lesson in the file name); got {doc['lesson']!r}"]
    if problems:
        raise ContentError("\n".join(f"{path.name}: {p}" for p in problems))
    return doc


def load_content(lesson, kind: str, directory: Path | str | None = None) -> dict:
    """The checked content of one lesson and kind ('hedging', 'decisions', 'article')."""
    if kind not in KINDS:
        raise ContentError(f"no kind of content called {kind!r}; known: {', '.join(KINDS)}")
    path = content_path(lesson, kind, directory)
    return copy.deepcopy(_checked(str(path), kind, lesson_code(lesson)))
