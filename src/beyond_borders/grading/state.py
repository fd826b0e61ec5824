"""The grader's private record of the rows it wrote, and its instructor-only log.

The gradebook is a CSV anyone with write access to its folder can edit; without a sandbox a
submission could, and did, forge it after the grader exited (``code_review.md`` §4.2). So a
re-run keeps an earlier row only if this record confirms it: ``.<gradebook>-state.json`` beside
the gradebook, mode 0600, holding a digest of each row's grader columns as last written. A row
it does not confirm (forged, edited by hand, or from before this record existed) is regraded.

The log ``.<gradebook>-details.log`` (0600) keeps what must not reach a learner's feedback: a
submission's raw exception text and the grader's own failures.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path

from beyond_borders.grading import gradebook


def state_path(out) -> Path:
    out = Path(out)
    return out.with_name(f".{out.stem}-state.json")


def log_path(out) -> Path:
    out = Path(out)
    return out.with_name(f".{out.stem}-details.log")


def digest(row: dict) -> str:
    """A digest of the columns the grader writes (hand-added columns may change freely)."""
    mine = {k: str(v) for k, v in row.items() if v not in ("", None) and (
            k in gradebook.HEAD or k in gradebook.TAIL or gradebook.QID.match(k))}
    return hashlib.sha256(json.dumps(mine, sort_keys=True).encode("utf-8")).hexdigest()


def save(out, rows) -> None:
    """Record every row as written, atomically, readable by the grader's user only."""
    path = state_path(out)
    record = {"format": 1, "rows": {r["file"]: digest(r) for r in rows if r.get("file")}}
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(record, fh)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def confirmed(out, rows) -> set[str]:
    """The files whose earlier row is exactly as the grader last wrote it."""
    path = state_path(out)
    try:
        if path.is_symlink() or not path.is_file():
            return set()
        record = json.loads(path.read_text(encoding="utf-8")).get("rows", {})
    except (OSError, ValueError, AttributeError):
        return set()
    if not isinstance(record, dict):
        return set()
    return {r["file"] for r in rows if record.get(r.get("file")) == digest(r)}


def log(out, file: str, lines: list[str]) -> None:
    """Append details about one submission to the instructor-only log (never raises)."""
    if not lines:
        return
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    text = "".join(f"{stamp}\t{file}\t{' '.join(str(line).split())[:2000]}\n" for line in lines)
    try:
        fd = os.open(log_path(out), os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(text)
    except OSError:
        pass
