"""Whose file it is, read from the names a learning platform's bulk download gives (pure).

An instructor who downloads every submission at once gets the platform's names, not the
course's ``<student>__NN_….ipynb``. Two layouts are recognised:

* **Canvas** ("Download Submissions"): one flat folder of files named
  ``<lastfirst>[_late|_LATE]_<user id>_<attachment id>_<name the learner uploaded>``, e.g.
  ``khansara_12345_67890_02_the_january_2024_strikes.ipynb``. ``lastfirst`` is the learner's
  sortable name in lower case without spaces or punctuation; ``late`` is added when the
  submission came after the due date; a file the learner uploaded twice under one name gets
  ``-1``, ``-2`` before the extension (documented by tools that undo it: the README of
  TimHanneman/Canvas_submission_sort, "an extra field if the assignment was submitted late and
  … a number is added at the end of the filename"; mikewesthad/canvas-unzipper shows
  ``smithbob_340934_208490284_BobsWork.zip``).
* **Moodle** ("Download all submissions"): one folder per learner named
  ``<Full Name>_<participant id>_assignsubmission_file_`` holding the files as uploaded, or,
  with "download submissions in folders" off, the same text as a prefix of every file name
  (Moodle's ``mod/assign/locallib.php``: ``clean_filename(str_replace('_', ' ', fullname) .
  '_' . get_uniqueid_for_user(...))``, then ``_assignsubmission_file_``). Underscores in a
  name become spaces; the participant id is per assignment, not the learner's user id;
  with blind marking the name is ``Participant``, which names nobody.

:func:`claim_for` returns a :class:`Claim`: who the name says it is and how it said so; the
roster (``roster``) then decides whether that is a learner of the course.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CANVAS = re.compile(r"^(?P<name>[a-z0-9]+)(?P<late>_late)?_(?P<uid>\d+)_(?P<aid>\d+)_(?P<rest>.+)$",
                    re.I)
MOODLE_FOLDER = re.compile(r"^(?P<name>.+?)_(?P<pid>\d+)_assignsubmission_(?:file|onlinetext)_?$")
MOODLE_FILE = re.compile(r"^(?P<name>.+?)_(?P<pid>\d+)_assignsubmission_file_(?P<rest>.+)$")
MOODLE_BLIND = re.compile(r"^participant$", re.I)


@dataclass(frozen=True)
class Claim:
    """Who a file's name or folder says handed it in.

    ``how``: ``file`` (``<student>__…``), ``folder`` (a folder per student), ``canvas`` or
    ``moodle``; ``name``: the name as written there; ``lms_id``: the platform's number (Canvas
    user id, Moodle participant id), "" if none; ``rest``: the file name left once the
    platform's prefix is taken off (where the ``NN_`` lesson prefix is looked for);
    ``late``: Canvas marked it late.
    """

    how: str
    name: str
    rest: str
    lms_id: str = ""
    late: bool = False

    @property
    def where(self) -> str:
        return {"file": "the file name", "folder": "the folder",
                "canvas": "the Canvas download name", "moodle": "the Moodle download name"}[self.how]


def _explicit(name: str) -> tuple[str, str]:
    """``"sara__02_x.ipynb"`` -> ``("sara", "02_x.ipynb")``; no ``__`` -> ``("", name)``."""
    student, sep, rest = name.partition("__")
    if sep and student.strip():
        return student.strip(), rest
    return "", name


def from_file_name(name: str) -> Claim | None:
    """The claim a file name makes by itself (Moodle prefix, Canvas prefix, ``student__``)."""
    m = MOODLE_FILE.match(name)
    if m:
        return Claim("moodle", " ".join(m["name"].split()), m["rest"], m["pid"])
    m = CANVAS.match(name)
    if m:
        return Claim("canvas", m["name"], m["rest"], m["uid"], bool(m["late"]))
    student, rest = _explicit(name)
    return Claim("file", student, rest) if student else None


def from_folders(folders: tuple[str, ...], rest: str) -> Claim | None:
    """A Moodle submission folder at any depth, else the first folder below the one given."""
    for folder in folders:
        m = MOODLE_FOLDER.match(folder)
        if m:
            return Claim("moodle", " ".join(m["name"].split()), rest, m["pid"])
    return Claim("folder", folders[0].strip(), rest) if folders and folders[0].strip() else None


def claim_for(name: str, folders: tuple[str, ...]) -> tuple[Claim | None, str]:
    """``(claim or None, the file name without any platform prefix)``: the file name first."""
    claim = from_file_name(name)
    if claim is not None:
        return claim, claim.rest
    return from_folders(folders, name), name


def blind(claim: Claim) -> bool:
    """Moodle's blind marking names everyone ``Participant``: that identifies no one."""
    return claim.how == "moodle" and bool(MOODLE_BLIND.match(claim.name))
