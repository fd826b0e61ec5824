"""The shape of a decision point (``content/NN_decisions.json``) and the rules that tie its fields
together, checked by the content loader where the file enters the package.

A decision point is a dated situation seen from several roles (the first is the learner's
default; each has its brief, interests, options and what that actor actually did), a memo with
its rubric, debrief questions for after the reveal, and the phrases that would give the outcome
away (``spoilers``; tests keep them out of earlier lessons). The rules here are the ones a
reader would notice broken: an outcome told as a choice nobody offered, an outcome dated before
the decision, a brief too thin or too long to argue from, options whose lengths give the
historical one away. Every message names the decision point, the role and the field.
"""
from __future__ import annotations

import re

from beyond_borders.content.schema import (At, Date, Ids, Key, Nullable, Optional, Record, Records,
                                           Ref, Text, Texts, Whole, as_date)

__all__ = ["DECISION_POINTS", "ROLE", "MEMO", "OPTION_KEYS", "OWN_OPTION", "BRIEF_WORDS",
           "LABEL_BALANCE", "MIN_MEMO_WORDS", "word_count"]

TEXT, DATE = Text(), Date()
SOURCES = Ids(("source",))
OPTION_KEYS = "abcd"
OWN_OPTION = "own"          # the learner's own option: the widget always offers it, no file lists it
BRIEF_WORDS = (60, 150)     # a brief long enough to argue from, short enough to read in class
LABEL_BALANCE = 0.7         # the shortest option label is at least this share of the longest
MIN_MEMO_WORDS = 100        # a memo, not a one-line justification


def word_count(text) -> int:
    """Words in a text (runs of letters or digits; punctuation alone does not count)."""
    return len(re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", str(text or "")))


# -- rules over one role ------------------------------------------------------------------------

def _closest_is_an_option(role, at) -> list[str]:
    keys = [o["key"] for o in role["options"]]
    closest = role["outcome"]["closest"]
    if closest is None or closest in keys:
        return []
    return [At(at.where, "outcome.closest").wrong(f"null or one of the option keys {keys}", closest)]


def _brief_length(role, at) -> list[str]:
    least, most = BRIEF_WORDS
    n = word_count(role["brief"])
    return [] if least <= n <= most else [
        At(at.where, "brief").say(f"expected {least} to {most} words; got {n}")]


def _labels_balanced(role, at) -> list[str]:
    """Options of similar length, so that length never points at the one history chose."""
    sizes = {o["key"]: len(o["label"].strip()) for o in role["options"]}
    short, long_ = min(sizes, key=sizes.get), max(sizes, key=sizes.get)
    if sizes[short] >= LABEL_BALANCE * sizes[long_]:
        return []
    return [At(at.where, "options").say(
        f"option labels should be of similar length (the shortest at least "
        f"{LABEL_BALANCE:.0%} of the longest); option {short!r} has {sizes[short]} characters, "
        f"option {long_!r} {sizes[long_]}")]


OPTION = Key(rf"[{OPTION_KEYS[0]}-{OPTION_KEYS[-1]}]", f"a letter {OPTION_KEYS[0]}–{OPTION_KEYS[-1]}")
ROLE = Records(
    "role",
    {"id": Key(r"[a-z][a-z0-9_]*", "a lower-case role id such as \"pakistan\""),
     "actor": Ref(("actor",)), "title": TEXT, "brief": TEXT, "brief_sources": SOURCES,
     "interests": Texts("interest", 5, 7), "question": TEXT,
     "options": Records("option", {"key": OPTION, "label": TEXT, "gains": TEXT, "costs": TEXT},
                        key="key", least=3, most=4),
     "outcome": Record({"closest": Nullable(OPTION), "summary": TEXT,
                        "steps": Records("outcome step", {"date": DATE, "text": TEXT, "sources": SOURCES}),
                        "caveat": Optional(TEXT)})},
    key="id", checks=(_closest_is_an_option, _brief_length, _labels_balanced))

MEMO = Record({
    "min_words": Whole(MIN_MEMO_WORDS), "prompt": TEXT,
    "rubric": Records("criterion", {"criterion": TEXT, "points": Whole(1), "descriptor": TEXT},
                      key="criterion", least=4, most=5, plural="criteria")})


# -- rules over one decision point --------------------------------------------------------------

def _known_until_not_after_the_decision(dp, at) -> list[str]:
    if as_date(dp["known_until"]) <= as_date(dp["date"]):
        return []
    return [At(at.where, "known_until").wrong(f"a date on or before the decision date ({dp['date']})",
                                              dp["known_until"])]


def _outcomes_after_the_decision(dp, at) -> list[str]:
    when = as_date(dp["date"])
    return [At(at.where + (f"role {role['id']!r}", f"outcome step {i}"), "date").say(
                f"{step['date']} is before the decision date ({dp['date']}); "
                "put it in the situation or the brief instead")
            for role in dp["roles"] for i, step in enumerate(role["outcome"]["steps"], 1)
            if as_date(step["date"]) < when]


DECISION_POINTS = Records(
    "decision point",
    {"id": Key(r"\d{2}-dp\d+", "an id such as \"07-dp1\""), "date": DATE, "title": TEXT,
     "known_until": DATE,
     "situation": Records("situation item", {"text": TEXT, "sources": SOURCES}),
     "roles": ROLE, "memo": MEMO,
     "debrief": Texts("debrief question", 3, 5),
     "spoilers": Texts("spoiler", 1),
     "undated_ok": Optional(Records("undated source", {"source": Ref(("source",)), "reason": TEXT},
                                    key="source"))},
    key="id", checks=(_known_until_not_after_the_decision, _outcomes_after_the_decision))
