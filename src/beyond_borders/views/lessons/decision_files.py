"""A learner's saved choice at a decision point: ``decisions/<point id>-<role>.json`` beside the
notebook, written by the widget's "Save my choice" and read by the instructor's tally.

Saving never raises and never loses someone else's work: the file is written whole or not at all
(a temporary file renamed into place); a file that holds another learner's choice is left alone
and the new one goes beside it (``-2``, ``-3`` …), and the message says so; a folder that cannot
be written gets a plain message with the choice code to hand in instead. Reading treats every
file as untrusted (``beyond-borders tally`` reads what learners hand in): a size cap, a nesting
cap, each field's type and every id checked against the course's decision points, and one line
that names the file for whatever is wrong.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from beyond_borders.views.lessons.decision_steps import (OWN_OPTION, choice_code, lock_reason,
                                                         option_keys, ranked, role_of, word_count)

__all__ = ["FOLDER", "FORMAT", "MAX_BYTES", "MAX_DEPTH", "Saved", "choice_record", "save_choice",
           "read_json", "record_problem", "file_name"]

FOLDER = "decisions"
FORMAT = "beyond-borders decision choice, version 1"
MAX_BYTES = 64_000        # a memo of several thousand words still fits; a flood does not
MAX_DEPTH = 3             # the record is an object holding one list of strings
TEXT_LIMITS = {"learner": 80, "own_option": 2_000, "memo": 40_000}
STRINGS = ("format", "decision_point", "role", "learner", "option", "memo")


@dataclass(frozen=True)
class Saved:
    """What saving did: the file written (None when nothing was) and a sentence for the learner."""

    path: Path | None
    message: str
    record: dict | None = None


def choice_record(dp: dict, role_id: str, ranking, option: str, own_text: str, memo: str,
                  learner: str = "", revealed: bool = False) -> dict:
    """The saved form of a finished choice; ValueError (with the learner's wording) before then.

    ``revealed`` records whether the learner had already seen what happened, so a tally taken
    before the class reveal can say how many choices were made with hindsight."""
    why = lock_reason(dp, role_id, ranking, option, own_text, memo)
    if why:
        raise ValueError(why)
    role = role_of(dp, role_id)
    record = {"format": FORMAT, "decision_point": dp["id"], "role": role_id,
              "learner": str(learner or "").strip()[:TEXT_LIMITS["learner"]],
              "interests": list(ranking), "option": option,
              "own_option": str(own_text or "").strip() if option == OWN_OPTION else "",
              "memo": str(memo).strip(), "memo_words": word_count(memo),
              "code": choice_code(dp["id"], role, ranking, option),
              "revealed_before_save": bool(revealed),
              "saved_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()}
    return record


def file_name(dp_id: str, role_id: str, n: int = 1) -> str:
    return f"{dp_id}-{role_id}.json" if n == 1 else f"{dp_id}-{role_id}-{n}.json"


def _same_learner(path: Path, record: dict) -> bool | None:
    """True if the file holds this learner's choice at this point and role, False if someone
    else's (or anything unreadable), None if there is no file."""
    if not path.exists():
        return None
    found, problem = read_json(path)
    if problem or not isinstance(found, dict):
        return False
    return (found.get("decision_point"), found.get("role"), str(found.get("learner", "")).casefold()) == (
        record["decision_point"], record["role"], record["learner"].casefold())


def _place(tmp: str, path: Path, overwrite: bool) -> bool:
    """Move the finished temporary file to ``path``; without ``overwrite``, only if it is still free."""
    if overwrite:
        os.replace(tmp, path)
        return True
    try:
        os.link(tmp, path)  # fails if the name was taken meanwhile: nobody is overwritten
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: check, then rename
        if path.exists():
            return False
        os.replace(tmp, path)
        return True
    os.unlink(tmp)
    return True


def _cannot(folder: Path, exc: OSError, record: dict) -> Saved:
    reason = exc.strerror or type(exc).__name__
    return Saved(None, f"Could not save your choice: the folder {folder} cannot be written ({reason}). "
                       "Copy this notebook to a folder of your own and save again, or give your "
                       f"instructor this choice code: {record['code']}")


def _still_mine(last: Saved | None, target: Path, record: dict) -> Path | None:
    """The file this session saved last, if it still holds exactly what was saved there (so a
    corrected name or a changed choice replaces it, and a file someone else wrote since does not)."""
    if last is None or last.path is None or last.record is None or last.path.parent != target:
        return None
    found, problem = read_json(last.path)
    same_place = (record["decision_point"], record["role"]) == (last.record["decision_point"], last.record["role"])
    return last.path if not problem and same_place and found == last.record else None


def save_choice(record: dict, folder: Path | str | None = None, last: Saved | None = None) -> Saved:
    """Write ``record`` to FOLDER/ inside ``folder`` (the notebook's folder by default); ``last``
    is what this session saved before, whose file is updated in place."""
    where = Path(folder) if folder is not None else Path.cwd()
    target = where / FOLDER
    own = _still_mine(last, target, record)
    text = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
    tmp = None
    try:
        target.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target, prefix=".saving-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        if own is not None:
            os.replace(tmp, own)
            tmp = None
            return Saved(own, _saved_message(own, where, 1, True, record), record)
        for n in range(1, 100):
            path = target / file_name(record["decision_point"], record["role"], n)
            mine = _same_learner(path, record)
            if mine is not False and _place(tmp, path, overwrite=bool(mine)):
                tmp = None
                return Saved(path, _saved_message(path, where, n, mine, record), record)
        return Saved(None, f"Could not save: {target} already holds 99 choices for this role. "
                           f"Give your instructor this choice code instead: {record['code']}")
    except OSError as exc:
        return _cannot(where, exc, record)
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def _saved_message(path: Path, where: Path, n: int, mine: bool | None, record: dict) -> str:
    shown = f"{FOLDER}/{path.name}"
    code = f" (choice code {record['code']})"
    if mine:
        return f"Updated your saved choice in {shown}{code}."
    if n > 1:
        first = f"{FOLDER}/{file_name(record['decision_point'], record['role'])}"
        ask = "" if record["learner"] else (" Write your name or group in the name box so your instructor "
                                            "can tell the files apart.")
        return (f"Saved as {shown}{code}. {first} holds a choice saved under another name (another "
                f"learner's, or one from an earlier session), so it was left as it was.{ask}")
    return f"Saved to {shown} beside this notebook{code}."


# -- reading what learners hand in ----------------------------------------------------------------

def _depth(value) -> int:
    """How deeply lists and objects nest (a string is 0), counted without recursion."""
    deepest, todo = 0, [(value, 0)]
    while todo:
        item, d = todo.pop()
        if isinstance(item, (list, dict)):
            d += 1
            deepest = max(deepest, d)
            todo += [(v, d) for v in (item.values() if isinstance(item, dict) else item)]
    return deepest


def read_json(path: Path) -> tuple[object, str]:
    """The JSON value in ``path`` and '' — or None and what is wrong, in a few words."""
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or type(exc).__name__})"
    if len(raw) > MAX_BYTES:
        return None, f"larger than {MAX_BYTES // 1000} kB, so not a saved choice"
    try:
        value = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "not UTF-8 text, so not a saved choice"
    except (ValueError, RecursionError) as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        return None, f"not valid JSON{where}"
    if _depth(value) > MAX_DEPTH:
        return None, f"nested more than {MAX_DEPTH} levels deep, so not a saved choice"
    return value, ""


def _type_problem(record) -> str:
    if not isinstance(record, dict):
        return "not a saved choice (expected a JSON object)"
    if record.get("format") != FORMAT:
        return f"not a saved choice (its 'format' is not {FORMAT!r})"
    for name in STRINGS:
        if not isinstance(record.get(name), str):
            return f"field {name!r} should be text"
    if not isinstance(record.get("own_option", ""), str):
        return "field 'own_option' should be text"
    if not isinstance(record.get("revealed_before_save", False), bool):
        return "field 'revealed_before_save' should be true or false"
    for name, limit in TEXT_LIMITS.items():
        if len(record.get(name, "")) > limit:
            return f"field {name!r} is longer than {limit} characters"
    interests = record.get("interests")
    if not isinstance(interests, list) or not all(isinstance(i, str) for i in interests):
        return "field 'interests' should be a list of three texts"
    return ""


def record_problem(record, points: dict) -> str:
    """'' when ``record`` is a sound choice at one of ``points`` (id -> decision point), else why not."""
    problem = _type_problem(record)
    if problem:
        return problem
    dp = points.get(record["decision_point"])
    if dp is None:
        return (f"unknown decision point {record['decision_point'][:40]!r} "
                f"(known: {', '.join(sorted(points)) or 'none'})")
    role = role_of(dp, record["role"])
    if role is None:
        return (f"{dp['id']} has no role {record['role'][:40]!r} "
                f"(roles: {', '.join(r['id'] for r in dp['roles'])})")
    if record["option"] not in option_keys(role):
        return (f"{dp['id']}, role {role['id']}: unknown option {record['option'][:20]!r} "
                f"(options: {', '.join(option_keys(role))})")
    if not ranked(role, record["interests"]):
        return f"{dp['id']}, role {role['id']}: 'interests' should be three different interests of the role"
    return ""
