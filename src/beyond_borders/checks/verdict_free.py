"""Question banks, and a copy of the package, that cannot answer the exercise questions.

Two places need them: a **graded student release** (``beyond-borders release --graded``), whose
learners must not be able to read, decode or search out an answer, and the **grader's
sandbox**, whose kernels must not either. A sealed bank hides its answers only from a glance:
the salt and the decoding code ship with it, so its hashes can be tried against every option
and its scrambled feedback and explanations read back (``bank``). Here those fields go.

Each exercise question keeps a **whitelist** (:data:`KEEP`): what showing it and reading an
answer's form need — its wording, options, items, points, unit and precision, a matching
item's prompts and a chain's steps and errors (wording: the verdicts, ``match``, ``accept_step``,
``accept`` and the obscured feedback, stay out), and the level and task tags. A field added to
the sealed banks later stays out until someone adds it here on purpose. A numeric question gets
an example chosen without its answer (a sealed bank's example avoids the answer, which says
where it is not). The bank is marked ``"mode": "graded"``, which makes ``check`` save answers
instead of marking them (``graded``): the mode is data, not a second copy of the code.

Lesson quick checks are not graded: a release keeps them instant, re-sealed under a fresh salt
so that nothing shared with the exercise questions remains; the sandbox, which never shows
them, keeps only their wording.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from beyond_borders.checks import bank as qbank
from beyond_borders.checks import numbers
from beyond_borders.checks.graded import MODE

KEEP = ("id", "short", "type", "points", "options", "items", "step", "per", "unit",
        "min_words", "max_words", "prompts", "steps", "errors", "level", "task")
LEFT_OUT = ("__pycache__", "*.pyc", "grading", "authoring", "classroom")  # the instructor's and maintainers' tools


def graded_question(q: dict) -> dict:
    """One sealed question with nothing that marks it (see :data:`KEEP`)."""
    out = {k: q[k] for k in KEEP if k in q}
    if q.get("type") == "numeric":
        out["example"] = numbers.example_for(q.get("step", 1), q.get("unit", ""))
    return out


def _quick_salt(bank: dict) -> str:
    """A fresh salt for the quick checks: derived one way from the old, so a release is the
    same every time it is built, and the exercise questions' salt appears nowhere in it."""
    return "quick-" + hashlib.sha256(f"quick|{bank.get('salt', '')}".encode("utf-8")).hexdigest()[:12]


def quick_checks(bank: dict, keep: bool) -> list[dict]:
    """The quick checks, re-sealed under :func:`_quick_salt` (``keep``) or reduced to wording."""
    if not keep:
        return [{"id": qc["id"], "prompt": qc["prompt"], "options": qc["options"], "accept": [],
                 "feedback": {}} for qc in bank.get("quick_checks", [])]
    salt = _quick_salt(bank)
    return [qbank.seal_quick(salt, qc) for qc in qbank.opened(bank)["quick_checks"]]


def graded_bank(sealed: dict, keep_quick_checks: bool = True) -> dict:
    """A sealed bank (as stored) made verdict-free and marked graded."""
    salt = _quick_salt(sealed) if keep_quick_checks and sealed.get("quick_checks") else ""
    return {"lesson": sealed["lesson"], "title": sealed["title"], "mode": MODE, "salt": salt,
            "quick_checks": quick_checks(sealed, keep_quick_checks),
            "questions": [graded_question(q) for q in sealed.get("questions", [])]}


def write_bank(path: Path, sealed: dict, keep_quick_checks: bool = True) -> None:
    out = graded_bank(sealed, keep_quick_checks)
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def copy_package(src: Path, dest: Path, graded: bool = True, keep_quick_checks: bool = True) -> Path:
    """Copy the package folder ``src`` to ``dest/beyond_borders`` without the grader, the
    authoring tools and caches; with ``graded``, every bank made verdict-free. Returns the copy."""
    pkg = Path(dest) / "beyond_borders"
    shutil.copytree(src, pkg, ignore=shutil.ignore_patterns(*LEFT_OUT))
    if graded:
        for path in sorted((pkg / "checks" / "questions").glob("*.json")):
            write_bank(path, json.loads(path.read_text(encoding="utf-8")), keep_quick_checks)
    return pkg
