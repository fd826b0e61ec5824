"""Get a learner's answers out of their kernel as plain data, so marking can happen elsewhere.

The grader appends one cell to each submission (:func:`collector_source`). It runs after the
learner's cells and writes every global named ``answer_<lesson>_<n>`` to a JSON file at a path
the grader chose at random. Only data crosses over — never code, never a result of ``check`` —
so nothing the learner redefines inside the kernel (``check``, the question bank, printed
"Correct") can reach the mark.

Each answer is stored as ``{"kind": ..., "value": ..., "type": ...}``:

* ``json``: str, int, float, bool, None and lists / dicts of those (numpy and pandas scalars
  are converted to the matching Python value);
* ``tuple`` / ``set`` / ``frozenset`` / ``ellipsis`` / ``float`` (nan, inf): kept apart so the
  grader rebuilds the same value the learner's own ``check`` saw;
* ``date`` / ``datetime`` (``pandas.Timestamp`` too) / ``datetime64``: an ISO string;
* ``unreadable`` (any other type; ``type`` names it) and ``too_large``.

:func:`decode` turns the file back into Python values (pure; never raises).
"""
from __future__ import annotations

import datetime as dt
import json
import re

FORMAT = 1
MAX_ANSWER_CHARS = 100_000  # one answer's JSON; a larger value is "too_large"
MAX_FILE_BYTES = 20_000_000
ANSWER_NAME = re.compile(r"answer_(\d{1,3})_(\d{1,3})")

# The collector runs inside the learner's kernel, after their code. It uses only names it
# imports itself (through the `builtins` module), so a learner who happened to name a variable
# `list`, `str`, `json` or `type` does not break it. Containers must be exact built-in types;
# str/int/float subclasses (numpy.str_, numpy.float64) are read through the base class, so an
# odd __str__ or __eq__ is never called. That guards against accidents only: code in the
# kernel can patch `builtins`, `json.dump` or the file written and so forge this file. That
# gains no more than assigning the answer variables, because marking happens in the grader.
_COLLECTOR = r'''
def __bb_collect(path):
    import builtins as B, datetime as D, json as J, math as M, os as O, re as R, sys as S
    np = S.modules.get("numpy")
    pat = R.compile(r"answer_(\d{1,3})_(\d{1,3})")
    limit = %(limit)d

    class Unreadable(B.Exception):
        pass

    class TooLarge(B.Exception):
        pass

    def plain(v, depth):
        t = B.type(v)
        if depth > 20:
            raise Unreadable("nested too deeply")
        if v is None or t is B.bool:
            return v
        if B.issubclass(t, B.str):
            return B.str.__str__(v)
        if B.issubclass(t, B.int):
            return B.int.__int__(v)
        if B.issubclass(t, B.float):
            f = B.float.__float__(v)
            if not M.isfinite(f):
                raise Unreadable("not a finite number")
            return f
        if np is not None and B.isinstance(v, np.generic):
            if B.isinstance(v, (np.bool_, np.integer, np.floating)):
                return plain(v.item(), depth)
            raise Unreadable(t.__name__)
        if t is B.list or t is B.tuple:
            if B.len(v) > 10000:
                raise TooLarge()
            return [plain(x, depth + 1) for x in v]
        if t is B.dict:
            if B.len(v) > 10000:
                raise TooLarge()
            out = {}
            for k, x in B.dict.items(v):
                if B.type(k) is B.str:
                    key = k
                elif k is None or B.type(k) in (B.int, B.float, B.bool):
                    key = J.dumps(k)
                else:
                    raise Unreadable("dictionary key of type " + B.type(k).__name__)
                out[key] = plain(x, depth + 1)
            return out
        raise Unreadable(t.__name__)

    def encode(v):
        t = B.type(v)
        if v is B.Ellipsis:
            return {"kind": "ellipsis", "value": None}
        if B.isinstance(v, D.datetime):
            return {"kind": "datetime", "value": D.datetime.isoformat(v)}
        if B.isinstance(v, D.date):
            return {"kind": "date", "value": D.date.isoformat(v)}
        if np is not None and B.isinstance(v, np.datetime64):
            return {"kind": "datetime64", "value": B.str(v)}
        if B.issubclass(t, B.float) and not M.isfinite(B.float.__float__(v)):
            return {"kind": "float", "value": B.repr(B.float.__float__(v))}
        if t in (B.tuple, B.set, B.frozenset):
            if B.len(v) > 10000:
                raise TooLarge()
            items = [plain(x, 1) for x in v]
            if t is not B.tuple:
                items = B.sorted(items, key=J.dumps)
            return {"kind": t.__name__, "value": items}
        return {"kind": "json", "value": plain(v, 0)}

    ns = B.globals()
    answers = {}
    for name in B.sorted(k for k in B.list(B.dict.keys(ns)) if B.type(k) is B.str):
        if not pat.fullmatch(name):
            continue
        value = B.dict.__getitem__(ns, name)
        tname = B.str(B.type(value).__name__)[:60]
        try:
            entry = encode(value)
            if B.len(J.dumps(entry["value"])) > limit:
                raise TooLarge()
        except TooLarge:
            entry = {"kind": "too_large", "value": None}
        except B.Exception:
            entry = {"kind": "unreadable", "value": None}
        entry["type"] = tname
        answers[name] = entry
        if B.len(answers) >= 500:
            break
    tmp = path + ".part"
    with B.open(tmp, "w", encoding="utf-8") as fh:
        J.dump({"format": %(format)d, "answers": answers}, fh)
    O.replace(tmp, path)

__bb_collect(%(path)r)
del __bb_collect
'''


def collector_source(path: str) -> str:
    """The code of the cell the grader appends: write the answers to ``path`` and nothing else."""
    return _COLLECTOR % {"path": str(path), "limit": MAX_ANSWER_CHARS, "format": FORMAT}


class Unreadable:
    """An answer the collector could not turn into data (its type name is kept for the message)."""

    def __init__(self, type_name: str, reason: str = "unreadable type"):
        self.type_name, self.reason = type_name, reason

    def __repr__(self):
        return f"Unreadable({self.type_name!r}, {self.reason!r})"

    def __eq__(self, other):
        return isinstance(other, Unreadable) and (self.type_name, self.reason) == (
            other.type_name, other.reason)


def _hashable(x):
    return tuple(_hashable(i) for i in x) if isinstance(x, list) else x


def _decode_entry(entry) -> object:
    if not isinstance(entry, dict):
        return Unreadable("?", "malformed entry")
    kind, value, tname = entry.get("kind"), entry.get("value"), str(entry.get("type", "?"))
    try:
        if kind == "json":
            return value
        if kind == "ellipsis":
            return Ellipsis
        if kind == "tuple":
            return tuple(value)
        if kind in ("set", "frozenset"):
            items = {_hashable(v) for v in value}
            return items if kind == "set" else frozenset(items)
        if kind == "float":
            return float(value)
        if kind == "date":
            return dt.date.fromisoformat(value)
        if kind == "datetime":
            return dt.datetime.fromisoformat(value)
        if kind == "datetime64":
            import numpy as np
            return np.datetime64(value)
        if kind == "too_large":
            return Unreadable(tname, "too large")
    except (TypeError, ValueError):
        return Unreadable(tname, "malformed entry")
    return Unreadable(tname)


def decode(text: str) -> tuple[dict[str, object], str | None]:
    """``({variable name: value}, None)`` from the collector's file, or ``({}, why not)``."""
    try:
        payload = json.loads(text)
    except (TypeError, ValueError):  # the parser's words quote the file: not for feedback
        return {}, "the answers file is not valid JSON"
    if not isinstance(payload, dict) or payload.get("format") != FORMAT \
            or not isinstance(payload.get("answers"), dict):
        return {}, "the answers file has an unexpected shape"
    return {str(k): _decode_entry(v) for k, v in payload["answers"].items()
            if ANSWER_NAME.fullmatch(str(k))}, None


def qid_of(name: str) -> str | None:
    """``answer_2_3`` -> ``"2.3"`` (leading zeros dropped: ``answer_02_03`` is 2.3 too)."""
    m = ANSWER_NAME.fullmatch(name)
    return f"{int(m.group(1))}.{int(m.group(2))}" if m else None


def by_question(answers: dict[str, object]) -> tuple[dict[str, object], list[str]]:
    """Answers keyed by question id; when two names mean one id the plain spelling wins."""
    out: dict[str, object] = {}
    notes = []
    for name in sorted(answers, key=lambda n: (n != f"answer_{qid_of(n).replace('.', '_')}", n)):
        qid = qid_of(name)
        if qid in out:
            notes.append(f"{name} ignored: answer_{qid.replace('.', '_')} is used for {qid}")
            continue
        out[qid] = answers[name]
    return out, notes
