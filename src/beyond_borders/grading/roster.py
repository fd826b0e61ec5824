"""The class list (``grade --roster roster.csv``): who may be graded, and under which id.

Without a roster a file is graded under whatever name its file or folder gives, so a folder
called ``late/`` or ``week2/`` would become a "student". With one, a name counts only if it
matches exactly one learner on the roster, and the gradebook, the feedback and the exports
use that learner's ``student_id``; a learner with no submission still gets a row
(``missing``). A file that matches no one, or several, is reported and not graded.

Columns (a header row; order free; names in any case; other columns ignored):

=============  ========  ===================================================================
column         needed    what it holds
=============  ========  ===================================================================
student_id     yes       the id the gradebook and exports use (unique)
name           yes       full name as the platform shows it ("Sara Khan")
login          no        username or login (Canvas SIS Login ID, Moodle username) (unique)
email          no        e-mail address (unique)
canvas_id      no        Canvas user id, the number in Canvas download names (digits, unique)
=============  ========  ===================================================================

A name matches a learner when it equals (ignoring case, spaces and punctuation) their
``student_id``, ``login``, the part of ``login`` or ``email`` before ``@``, their ``name``,
or the name in either order (Canvas writes ``lastfirst``); a Canvas user id matches
``canvas_id``. :func:`load` checks the file where it enters and raises :class:`RosterError`
naming each bad row.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from beyond_borders.checks.texts import fold
from beyond_borders.grading.lms_names import Claim, blind
from beyond_borders.wording import agree

COLUMNS = ("student_id", "name", "login", "email", "canvas_id")
REQUIRED = ("student_id", "name")
UNIQUE = ("student_id", "login", "email", "canvas_id")
MAX_BYTES = 5_000_000
MAX_ERRORS = 10


class RosterError(ValueError):
    """The roster cannot be used; the message names the file, the rows and the fix."""


def key(text: str) -> str:
    """What two spellings of one name share: letters and digits, accents off, lower case."""
    return re.sub(r"[\W_]+", "", fold(text))


@dataclass(frozen=True)
class Learner:
    student_id: str
    name: str
    login: str = ""
    email: str = ""
    canvas_id: str = ""

    def keys(self) -> set[str]:
        """Every spelling under which a file or folder may name this learner."""
        words = self.name.split()
        found = {self.student_id, self.login, self.name, self.login.split("@")[0],
                 self.email.split("@")[0], self.email}
        if len(words) > 1:  # Canvas's lastfirst: "Sara Khan" -> khansara
            found.add(words[-1] + "".join(words[:-1]))
        return {key(k) for k in found if key(k)}


@dataclass
class Roster:
    path: str
    learners: list[Learner] = field(default_factory=list)

    def by_id(self) -> dict[str, Learner]:
        return {x.student_id: x for x in self.learners}

    def find(self, claim: Claim) -> tuple[Learner | None, str]:
        """``(learner, "")`` when ``claim`` names exactly one learner, else ``(None, why not)``."""
        if blind(claim):
            return None, ("Moodle's blind marking names every file 'Participant': turn blind "
                          "marking off for the download, or rename the file <student_id>__…")
        if claim.how == "canvas" and claim.lms_id:
            hit = [x for x in self.learners if x.canvas_id and x.canvas_id == claim.lms_id]
            if hit:
                return hit[0], ""
        k = key(claim.name)
        hits = [x for x in self.learners if k and k in x.keys()]
        if len(hits) == 1:
            return hits[0], ""
        if hits:
            ids = ", ".join(x.student_id for x in hits)
            return None, (f"{claim.name!r} (from {claim.where}) matches {len(hits)} learners on the "
                          f"roster ({ids}): rename the file <student_id>__… with the right one")
        return None, (f"{claim.name!r} (from {claim.where}) is not on the roster {self.path}: "
                      "add the learner to the roster, or rename the file <student_id>__…")


def _header(fields: list[str] | None, path: str) -> dict[str, str]:
    """``{our column: the file's spelling}``; RosterError if a needed column is missing."""
    named = {f.strip().lower().replace(" ", "_"): f for f in fields or [] if f}
    missing = [c for c in REQUIRED if c not in named]
    if missing:
        found = ", ".join(repr(f) for f in fields or []) or "none"
        raise RosterError(f"{path}: the roster needs the {agree(len(missing), 'column')} "
                          f"{', '.join(missing)} (columns found: {found}). The first row must "
                          f"name the columns: {', '.join(COLUMNS)} (the last three optional)")
    return {c: named[c] for c in COLUMNS if c in named}


def _row_problems(values: dict[str, str], line: int, seen: dict) -> list[str]:
    problems = []
    for c in REQUIRED:
        if not values.get(c):
            problems.append(f"line {line}: {c} is empty")
    sid = values.get("student_id", "")
    if sid and (any(ch in sid for ch in "/\\") or not sid.isprintable() or len(sid) > 80):
        problems.append(f"line {line}: student_id {sid!r} must be printable, at most 80 "
                        "characters, without / or \\")
    if values.get("canvas_id") and not values["canvas_id"].isdigit():
        problems.append(f"line {line}: canvas_id {values['canvas_id']!r} is not a number")
    for c in UNIQUE:
        v = values.get(c, "").casefold()
        if v and (c, v) in seen:
            problems.append(f"line {line}: {c} {values[c]!r} is also on line {seen[(c, v)]}")
        elif v:
            seen[(c, v)] = line
    return problems


def parse(text: str, path: str = "roster.csv") -> Roster:
    """A :class:`Roster` from the CSV text; RosterError listing the bad rows."""
    try:
        reader = csv.DictReader(io.StringIO(text))
        columns = _header(reader.fieldnames, path)
        roster, problems, seen = Roster(path), [], {}
        for row in reader:
            values = {c: " ".join(str(row.get(f) or "").split()) for c, f in columns.items()}
            if not any(values.values()):
                continue  # a blank line
            bad = _row_problems(values, reader.line_num, seen)
            problems += bad
            if not bad:
                roster.learners.append(Learner(**values))
    except csv.Error as exc:
        raise RosterError(f"{path}: not a CSV file the grader can read ({exc})") from None
    if problems:
        more = len(problems) - MAX_ERRORS
        raise RosterError(f"{path}: fix {'this row' if len(problems) == 1 else 'these rows'} "
                          "and run again:\n  " + "\n  ".join(problems[:MAX_ERRORS])
                          + (f"\n  … and {more} more" if more > 0 else ""))
    if not roster.learners:
        raise RosterError(f"{path}: the roster lists no learners (only a header row?)")
    return roster


def load(path) -> Roster:
    """Read and check the roster at ``path`` (UTF-8, with or without a BOM, as spreadsheets save it)."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_BYTES:
            raise RosterError(f"{path}: {p.stat().st_size / 1e6:.0f} MB is too large for a roster")
        text = p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterError(f"{path}: not UTF-8 text; save the roster as 'CSV UTF-8'") from None
    except IsADirectoryError:
        raise RosterError(f"{path}: is a folder; give the roster's CSV file") from None
    except OSError as exc:
        raise RosterError(f"{path}: cannot read the roster ({exc.strerror or exc})") from None
    return parse(text, str(path))
