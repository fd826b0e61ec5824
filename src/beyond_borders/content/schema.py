"""The shapes lesson content may take, written as small specs, and the one walk that checks them.

A spec says what one value must be: non-empty text, a date, a key, the id of a row in the course
data, or a list of records with named fields. Checking returns problems in plain words that name
the item (by its id when it has one, else its position, counted from 1), the field and what was
expected, so an author can mend a file without reading this code. The kinds of content are
tables of these specs (``content.kinds``); nothing here knows about any one lesson.

``refs`` maps a reference name ('source', 'event', 'track', ...) to the set of known ids. A
reference whose name is not in ``refs`` is not checked, so a record can be checked on its own.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

__all__ = ["At", "Spec", "Text", "Texts", "Date", "Key", "Whole", "Ref", "Ids", "Record", "Records",
           "Optional", "Nullable", "check_fields"]


def show(value) -> str:
    """A value as the author wrote it in JSON, cut short."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass(frozen=True)
class At:
    """Where a value sits: the items around it ('decision point "07-dp1"', 'option "a"') and its field."""

    where: tuple = ()
    field: str = ""

    def __str__(self):
        return ", ".join(self.where + ((f"field {self.field!r}",) if self.field else ()))

    def say(self, message: str) -> str:
        return f"{self}: {message}" if str(self) else message

    def wrong(self, expected: str, value) -> str:
        return self.say(f"expected {expected}; got {show(value)}")

    def inner(self, name: str) -> "At":
        """A field of a record that is itself a field ('outcome.summary')."""
        return At(self.where, f"{self.field}.{name}" if self.field else name)

    def item(self, label: str) -> "At":
        """An item of a list: the item's name joins ``where`` and the field starts afresh."""
        return At(self.where + (label,), "")


class Spec:
    """What one value must be. Subclasses say it in ``expected`` and test it in ``accepts``."""

    expected = "a value"

    def accepts(self, value) -> bool:
        return True

    def check(self, value, at: At, refs: dict) -> list[str]:
        return [] if self.accepts(value) else [at.wrong(self.expected, value)]


class Text(Spec):
    expected = "non-empty text"

    def accepts(self, value):
        return isinstance(value, str) and value.strip() != ""


@dataclass(frozen=True)
class Texts(Spec):
    """A list of ``least`` to ``most`` different pieces of non-empty text, each called ``label``
    (a role's interests, a decision point's debrief questions)."""

    label: str
    least: int = 1
    most: int | None = None

    @property
    def expected(self):
        many = f"{self.least} to {self.most}" if self.most else f"at least {self.least}"
        plural = "" if self.least == 1 and not self.most else "s"
        return f"a list of {many} {self.label}{plural} (non-empty text)"

    def check(self, value, at, refs):
        if not isinstance(value, list) or not all(Text().accepts(v) for v in value):
            return [at.wrong(self.expected, value)]
        if len(value) < self.least or (self.most is not None and len(value) > self.most):
            return [at.say(f"expected {self.expected}; got {len(value)}")]
        twice = [v for i, v in enumerate(value) if v.strip().lower() in
                 {w.strip().lower() for w in value[:i]}]
        return [at.say(f"{self.label} {show(v)} appears twice") for v in twice]


class Date(Spec):
    expected = "a date written YYYY-MM-DD"

    def accepts(self, value):
        return as_date(value) is not None


def as_date(value) -> dt.date | None:
    """The date a YYYY-MM-DD string names, or None (for anything else)."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class Key(Spec):
    """A short name matching ``pattern``; ``expected`` says it in words."""

    pattern: str
    expected: str

    def accepts(self, value):
        return isinstance(value, str) and re.fullmatch(self.pattern, value) is not None


@dataclass(frozen=True)
class Whole(Spec):
    """A whole number of at least ``least``."""

    least: int = 0

    @property
    def expected(self):
        return f"a whole number of at least {self.least}"

    def accepts(self, value):
        return isinstance(value, int) and not isinstance(value, bool) and value >= self.least


def _known(names: tuple, refs: dict):
    """The ids known under any of ``names``, or None when one of them is not being checked."""
    if any(n not in refs for n in names):
        return None
    return set().union(*(refs[n] for n in names))


def _words(names: tuple) -> str:
    return (", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]) + " id"


@dataclass(frozen=True)
class Ref(Spec):
    """The id of one thing named in ``refs`` (a data table such as 'event', or a list of this file)."""

    names: tuple

    @property
    def expected(self):
        return f"an {_words(self.names)}" if self.names[0][0] in "aeiou" else f"a {_words(self.names)}"

    def check(self, value, at, refs):
        if not isinstance(value, str) or not value:
            return [at.wrong(self.expected, value)]
        known = _known(self.names, refs)
        return [] if known is None or value in known else [at.say(f"unknown {_words(self.names)} {value!r}")]


@dataclass(frozen=True)
class Ids(Spec):
    """A list of at least ``least`` ids, each as :class:`Ref` checks it."""

    names: tuple
    least: int = 1

    @property
    def expected(self):
        return f"a list of at least {self.least} {_words(self.names)}{'s' if self.least != 1 else ''}"

    def check(self, value, at, refs):
        if not isinstance(value, list) or len(value) < self.least:
            return [at.wrong(self.expected, value)]
        one = Ref(self.names)
        return [p for v in value for p in one.check(v, at, refs)]


@dataclass(frozen=True)
class Optional(Spec):
    """A field that may be left out; when present it must be ``spec``."""

    spec: Spec

    @property
    def expected(self):
        return self.spec.expected

    def check(self, value, at, refs):
        return self.spec.check(value, at, refs)


@dataclass(frozen=True)
class Nullable(Spec):
    """``null`` or ``spec``."""

    spec: Spec

    @property
    def expected(self):
        return f"null or {self.spec.expected}"

    def check(self, value, at, refs):
        return [] if value is None else self.spec.check(value, at, refs)


def check_fields(fields: dict, record: dict, at: At, refs: dict) -> list[str]:
    """Every field of ``record`` against its spec: missing, wrong and unexpected fields."""
    out = []
    for name, spec in fields.items():
        place = at.inner(name)
        if name not in record:
            if not isinstance(spec, Optional):
                out.append(place.say(f"missing (expected {spec.expected})"))
            continue
        out += spec.check(record[name], place, refs)
    extra = [name for name in record if name not in fields]
    if extra:
        out.append(at.say(f"unexpected field{'s' if len(extra) > 1 else ''} "
                          f"{', '.join(map(repr, extra))} (known: {', '.join(fields)})"))
    return out


@dataclass(frozen=True)
class Record(Spec):
    """An object with named fields (a field of its parent, such as a decision's ``outcome``)."""

    fields: dict
    expected = "an object"

    def check(self, value, at, refs):
        if not isinstance(value, dict):
            return [at.wrong(self.expected, value)]
        return check_fields(self.fields, value, at, refs)


@dataclass(frozen=True)
class Records(Spec):
    """A list of objects, each called ``label`` and named by its ``key`` field when it has one.

    ``checks`` are functions ``(record, at) -> problems`` run on a record whose fields are sound
    (for rules that tie fields together, such as an outcome dated after its decision).
    """

    label: str
    fields: dict
    key: str | None = None
    least: int = 1
    most: int | None = None
    checks: tuple = ()
    plural: str = ""  # when not label + "s" ("criteria")

    @property
    def expected(self):
        return f"a list of {self.label} objects"

    def count_words(self) -> str:
        many = self.plural or self.label + "s"
        if self.most is None:
            return f"at least {self.least} {many if self.least != 1 else self.label}"
        return f"{self.least} to {self.most} {many}"

    def check(self, value, at, refs):
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            return [at.wrong(self.expected, value)]
        out = []
        if len(value) < self.least or (self.most is not None and len(value) > self.most):
            out.append(at.say(f"expected {self.count_words()}; got {len(value)}"))
        seen = set()
        for i, rec in enumerate(value, 1):
            rid = rec.get(self.key) if self.key else None
            named = isinstance(rid, str) and rid != ""
            if named and rid in seen:
                out.append(at.say(f"{self.label} {rid!r} appears twice"))
            seen.add(rid)
            here = at.item(f"{self.label} {rid!r}" if named else f"{self.label} {i}")
            found = check_fields(self.fields, rec, here, refs)
            out += found or [p for rule in self.checks for p in rule(rec, here)]
        return out
