"""The grader's own copy of the question banks, taken before any submission runs.

A submission runs with the grader's rights, so it can rewrite a bank file on disk. Marking
therefore uses the copy in memory (:func:`snapshot`), and after each submission the files are
compared with the bytes read at the start and put back if they changed (:func:`restore`).
"""
from __future__ import annotations

import copy
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from beyond_borders.checks import bank as qbank


@dataclass
class Snapshot:
    banks: dict[str, dict] = field(default_factory=dict)  # lesson -> bank, as marking needs it
    files: dict[Path, bytes] = field(default_factory=dict)  # each bank file's bytes at the start
    warnings: list[str] = field(default_factory=list)  # banks that could not be read


def snapshot() -> Snapshot:
    """Every lesson's bank, copied into memory, and the bytes of each bank file."""
    snap = Snapshot()
    for lesson in qbank.lessons():
        path = Path(qbank.QUESTION_DIR) / f"{lesson}.json"
        try:
            snap.files[path] = path.read_bytes()
            qbank.load_lesson.cache_clear()
            snap.banks[lesson] = copy.deepcopy(qbank.load_lesson(lesson))
        except (OSError, ValueError, KeyError) as exc:
            snap.warnings.append(f"question bank {path.name} cannot be read ({exc}); lesson "
                                 f"{lesson} is treated as unknown")
    return snap


def _put_back(path: Path, data: bytes) -> None:
    """Write a new file beside ``path`` and move it over: a symlink planted at ``path`` is
    replaced, never written through, and a reader never sees half a file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def restore(files: dict[Path, bytes]) -> list[str]:
    """Put back any bank file that changed on disk; the names of those that did (never raises)."""
    changed = []
    for path, data in files.items():
        try:
            same = not path.is_symlink() and path.read_bytes() == data
        except OSError:
            same = False
        if same:
            continue
        try:
            _put_back(path, data)
            changed.append(path.name)
        except OSError as exc:
            changed.append(f"{path.name} (could not be put back: {exc.strerror or exc})")
        qbank.load_lesson.cache_clear()
    return changed
