"""Find submitted files and work out whose they are and which lesson, before anything runs.

Who: only from what the grader controls (the first that applies). The notebook metadata
``beyond_borders.student`` is anyone's to write, so it never decides; when it disagrees (or names
someone while the file and folder do not) that is noted in ``problems``:

1. the file name: a Canvas or Moodle bulk-download name (``lms_names``), or
   ``<student>__<NN>_<anything>.ipynb`` — the student's name, then **two** underscores, e.g.
   ``sara.k__02_the_january_2024_strikes.ipynb``;
2. the folder: a Moodle submission folder at any depth, else one folder per student inside a
   folder given to the grader: ``<given folder>/<student>/02_the_january_2024_strikes.ipynb``
   (the first folder below the given one names the student; deeper folders are allowed).

With a roster (``roster``) that name must match exactly one learner, whose ``student_id`` is
used. A notebook whose student cannot be identified is ``unknown_student``: reported, never run
or graded under anyone's name (a folder called ``late/`` is not a learner).

Which lesson: the notebook metadata ``beyond_borders.lesson`` (every exercise notebook carries
it). If it is missing, the ``NN_`` prefix of the file name (after ``<student>__``) is used and
the row says so.

Nothing a submission wrote is trusted: a symbolic link (to a file or a folder), a FIFO or a
device is never followed or read; it gets a ``not_a_regular_file`` row. Folders are searched
recursively for every file; hidden files and folders (``.DS_Store``,
``.ipynb_checkpoints``) and ``__MACOSX`` are skipped. A file that is not an ``.ipynb`` still
gets a row (status ``not_a_notebook``), so nothing a student handed in disappears silently.

Only the cells' types, sources and ``raises-exception`` tags are taken from a notebook: outputs
and other metadata are dropped before it runs, so a damaged output or odd metadata cannot stop
it from being graded (nbgrader #1941, #424).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from beyond_borders.grading import lms_names
from beyond_borders.grading import roster as roster_mod

MAX_FILE_BYTES = 50_000_000
LESSON_PREFIX = re.compile(r"(\d{2})_")
SKIP_DIRS = {"__MACOSX", "__pycache__"}


@dataclass
class Submission:
    """One submitted file and what is known about it before it runs."""

    path: Path
    file: str  # how the gradebook names it
    student: str = ""
    lesson: str = ""
    sha256: str = ""
    status: str = ""  # set when it cannot run: unreadable, not_a_regular_file, not_a_notebook, ...
    problems: list[str] = field(default_factory=list)
    notebook: nbformat.NotebookNode | None = None


def shown_path(path: Path) -> str:
    """Relative to the current folder when possible: shorter, and the same across machines."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except ValueError:
        return str(Path(os.path.abspath(path)))


def find(paths, exclude=()) -> list[tuple[Path, tuple[str, ...]]]:
    """Every file under ``paths`` as ``(path, folders between the given folder and the file)``.

    A path that does not exist is returned too, so it becomes an ``unreadable`` row. A file
    named twice is listed once; files under ``exclude`` (the grader's own output) are left out.
    """
    found = []
    for given in map(Path, paths):
        if given.is_dir():
            for folder, dirs, files in os.walk(given):  # links to folders are listed, not entered
                below = Path(folder).relative_to(given).parts
                links = [d for d in dirs if os.path.islink(os.path.join(folder, d))]
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS
                                 and d not in links)
                for name in sorted(files + links):
                    if not name.startswith("."):
                        found.append((Path(folder) / name, below))
        else:
            found.append((given, ()))
    out, seen = [], set()
    skip = [Path(os.path.abspath(e)) for e in exclude]
    for path, below in found:
        real = Path(os.path.abspath(path))
        if real in seen or any(real == e or real.is_relative_to(e) for e in skip):
            continue
        seen.add(real)
        out.append((path, below))
    return out


def lesson_from_name(name: str) -> str:
    """``"02_the_january_2024_strikes.ipynb"`` -> ``"02"``; no ``NN_`` prefix -> ``""``."""
    m = LESSON_PREFIX.match(name)
    return m.group(1) if m else ""


def normalise_lesson(value) -> str:
    """``"02"``, ``"2"`` or ``2`` -> ``"02"``; anything else -> ``""``."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, int) and 0 <= value < 100:
        return f"{value:02d}"
    if isinstance(value, str) and value.strip().isdigit() and int(value.strip()) < 100:
        return f"{int(value.strip()):02d}"
    return ""


def _agrees(claimed: str, student: str, learner) -> bool:
    """Does the metadata's name agree with the identity? (spelling, case and order aside)"""
    k = roster_mod.key(claimed)
    return k in learner.keys() if learner is not None else k == roster_mod.key(student)


def identify(name: str, folders: tuple[str, ...], meta: dict,
             roster: roster_mod.Roster | None = None) -> tuple[str, str, list[str]]:
    """``(student, lesson from the name, problems)`` from the file name, folders and metadata.

    With a ``roster`` the student is the roster's ``student_id`` of the one learner the name
    matches, else "" (a problem says why); without one, the name as written.
    """
    problems = []
    claim, rest = lms_names.claim_for(name, folders)
    student, learner = "", None
    if claim is not None and roster is not None:
        learner, why = roster.find(claim)
        student = learner.student_id if learner else ""
        problems += [why] if why else []
    elif claim is not None and lms_names.blind(claim):
        problems.append("Moodle's blind marking names this file 'Participant', which names nobody")
    elif claim is not None:
        student = claim.name
    if claim is not None and claim.late:
        problems.append("Canvas marked this submission late")
    claimed = meta.get("student") if isinstance(meta.get("student"), str) else ""
    claimed = " ".join(claimed.split())[:80]
    if student and claimed and not _agrees(claimed, student, learner):
        problems.append(f"the notebook metadata names student {claimed!r}, graded as {student!r} "
                        "(from the file name or folder)")
    elif claimed and not student:
        problems.append(f"the notebook metadata names student {claimed!r}, which is not used: "
                        "only the file name or folder identifies a student")
    return student, lesson_from_name(rest), problems


def notebook_from_json(data) -> tuple[nbformat.NotebookNode | None, str]:
    """A clean notebook holding only the cells' types, sources and ``raises-exception`` tags."""
    if not isinstance(data, dict) or not isinstance(data.get("cells", data.get("worksheets")), list):
        return None, "valid JSON, but not a Jupyter notebook (no list of cells)"
    if data.get("nbformat") != 4:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                data = nbformat.reads(json.dumps(data), as_version=4)
        except Exception as exc:  # an old or odd format nbformat cannot convert
            return None, f"a notebook format that cannot be read ({type(exc).__name__})"
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for i, cell in enumerate(data.get("cells", []), 1):
        if not isinstance(cell, dict):
            return None, f"cell {i} is not a cell"
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(s, str) for s in source):
            source = "".join(source)
        if not isinstance(source, str):
            return None, f"cell {i} has no readable source"
        meta = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
        tags = meta.get("tags") if isinstance(meta.get("tags"), list) else []
        if cell.get("cell_type") == "code":
            keep = {"tags": ["raises-exception"]} if "raises-exception" in tags else {}
            nb.cells.append(nbformat.v4.new_code_cell(source, metadata=keep))
        else:  # markdown, raw, or anything unknown: kept so cell numbers match, never run
            nb.cells.append(nbformat.v4.new_markdown_cell(source))
    return nb, ""


def _read_bytes(path: Path, sub: Submission) -> bytes | None:
    """The file's bytes, or ``None`` with ``sub.status`` and a problem set (unreadable, too big)."""
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode):
            kind = "a symbolic link" if stat.S_ISLNK(st.st_mode) else \
                "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
            sub.status = "not_a_regular_file"
            sub.problems.append(f"{kind}: only regular files are read, so it was not graded")
            return None
        if st.st_size <= MAX_FILE_BYTES:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as fh:
                if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # swapped since lstat
                    raise OSError("not a regular file")
                return fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        sub.status = "unreadable"
        sub.problems.append(f"cannot read the file: {exc.strerror or exc}")
        return None
    big = path.suffix.lower() == ".ipynb"  # over the limit: not read at all (so no sha256)
    sub.status = "invalid_notebook" if big else "not_a_notebook"
    sub.problems.append(f"{'the file' if big else 'not a notebook:'} is {st.st_size / 1e6:.0f} MB, "
                        f"over the {MAX_FILE_BYTES / 1e6:.0f} MB limit for a notebook")
    return None


def _parse(data: bytes) -> tuple[object, str]:
    """``(parsed JSON, "")`` or ``(None, why not)``: a damaged file is a row, never a crash."""
    try:
        return json.loads(data.decode("utf-8-sig")), ""
    except UnicodeDecodeError:
        return None, "not a notebook: the file is not UTF-8 text"
    except RecursionError:  # e.g. 100 000 nested "[": the parser gives up, the grader must not
        return None, "not a notebook: its JSON is nested too deeply to read"
    except MemoryError:
        return None, "not a notebook: reading its JSON ran out of memory"
    except ValueError as exc:
        return None, (f"not valid JSON (line {getattr(exc, 'lineno', '?')}, column "
                      f"{getattr(exc, 'colno', '?')}): the file may be cut short or edited "
                      "outside Jupyter")
    except Exception as exc:  # any other way the parser gives up is still this file's row
        return None, f"not a notebook: its JSON cannot be read ({type(exc).__name__})"


def _place(sub: Submission, bb: dict, name_lesson: str, lessons_with_banks) -> bool:
    """Set ``sub.lesson`` from the metadata, else the file name; False if neither names one."""
    meta_lesson = normalise_lesson(bb.get("lesson"))
    if meta_lesson:
        sub.lesson = meta_lesson
        if name_lesson and name_lesson != meta_lesson:
            sub.problems.append(f"the file name says lesson {name_lesson} but the notebook is "
                                f"lesson {meta_lesson}, graded as {meta_lesson}")
    elif name_lesson:
        sub.lesson = name_lesson
        sub.problems.append(f"lesson {name_lesson} taken from the file name: the notebook "
                            "metadata has no beyond_borders.lesson")
    else:
        sub.status = "unknown_lesson"
        sub.problems.append("cannot tell the lesson: no beyond_borders.lesson in the notebook "
                            "metadata and the file name does not start with NN_")
        return False
    if sub.lesson not in lessons_with_banks:
        sub.status = "unknown_lesson"
        sub.problems.append(f"no question bank for lesson {sub.lesson} (lessons with questions: "
                            f"{', '.join(sorted(lessons_with_banks)) or 'none'})")
    return True


def read(path: Path, folders: tuple[str, ...], lessons_with_banks,
         roster: roster_mod.Roster | None = None) -> Submission:
    """Read one file into a :class:`Submission`; ``status`` is set if it cannot run.

    A bad file never raises: every way it can be bad is a status and a problem. The grader
    still guards each call (``plan``), so a bug here would cost one row, not the class.
    """
    sub = Submission(path=path, file=shown_path(path))
    sub.student, name_lesson, _ = identify(path.name, folders, {}, roster)
    sub.lesson = name_lesson
    data = _read_bytes(path, sub)
    if data is None:
        return sub
    sub.sha256 = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() != ".ipynb":
        sub.status = "not_a_notebook"
        sub.problems.append(f"not a notebook ({path.suffix or 'no extension'}): "
                            "only .ipynb files are graded")
        return sub
    parsed, why = _parse(data)
    nb, why = notebook_from_json(parsed) if not why else (None, why)
    if nb is None:
        sub.status = "invalid_notebook"
        sub.problems.append(why)
        return sub
    sub.notebook = nb
    meta = parsed.get("metadata", {}) if isinstance(parsed.get("metadata"), dict) else {}
    bb = meta.get("beyond_borders") if isinstance(meta.get("beyond_borders"), dict) else {}
    sub.student, _, problems = identify(path.name, folders, bb, roster)
    sub.problems.extend(problems)
    if _place(sub, bb, name_lesson, lessons_with_banks) and not sub.student:
        sub.status = sub.status or "unknown_student"  # reported, never graded under any name
        sub.problems.append("student not identified, so it was not graded: name the file "
                            "<student>__NN_....ipynb or put it in a folder <student>/")
    return sub
