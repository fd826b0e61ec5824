"""The kinds of lesson content, each a table of field specs plus the few rules that tie fields
together. One file per lesson and kind: ``04_hedging.json``, ``02_decisions.json`` (also 06
and 07), ``09_article.json``; ``content.load`` reads a file and checks it against its kind here.

Reference names: 'event', 'statement', 'account', 'source' and 'actor' are ids in the course data;
the others ('track', 'claim', 'verdict word') are ids listed in the same file.
"""
from __future__ import annotations

from dataclasses import dataclass

from beyond_borders.content.decision_kind import DECISION_POINTS
from beyond_borders.content.schema import (At, Date, Ids, Key, Optional, Record, Records, Ref, Text,
                                           as_date)

__all__ = ["Kind", "KINDS", "DECISION_POINTS", "DATA_REFS"]

TEXT, DATE = Text(), Date()
LESSON = Key(r"\d{2}", "a two-digit lesson number such as \"04\"")
NAME = Key(r"[a-z][a-z0-9_]*", "a lower-case name (letters, digits and _)")
DATA_REFS = ("event", "statement", "account", "source", "actor")


@dataclass(frozen=True)
class Kind:
    """A kind of content: its top-level fields, the lists of the file that other fields refer to
    (reference name -> (list field, key field)), and rules over the whole file."""

    fields: dict
    local: dict
    checks: tuple = ()

    def problems(self, doc, refs: dict) -> list[str]:
        if not isinstance(doc, dict):
            return [At().wrong("a JSON object", doc)]
        refs = {**refs, **{name: _keys(doc.get(lst), key) for name, (lst, key) in self.local.items()}}
        found = Record(self.fields).check(doc, At(), refs)
        return found or [p for rule in self.checks for p in rule(doc)]


def _keys(items, key) -> set:
    return {r.get(key) for r in items if isinstance(r, dict)} if isinstance(items, list) else set()


# -- lesson 04: hedging tracks ---------------------------------------------------------------

def _window(doc) -> list[str]:
    start, end = as_date(doc["start"]), as_date(doc["end"])
    if end < start:
        return [At((), "end").wrong(f"a date on or after the start ({doc['start']})", doc["end"])]
    return [At((f"marker {i}",), "date").wrong(f"a date from {doc['start']} to {doc['end']}", m["date"])
            for i, m in enumerate(doc["markers"], 1) if not start <= as_date(m["date"]) <= end]


HEDGING = Kind(
    fields={"lesson": LESSON, "about": Optional(TEXT), "start": DATE, "end": DATE,
            "tracks": Records("track", {"id": NAME, "label": TEXT}, key="id"),
            "items": Records("item", {"id": Ref(("event", "statement")), "track": Ref(("track",)),
                                      "label": TEXT}, key="id"),
            "markers": Records("marker", {"date": DATE, "label": TEXT}, least=0)},
    local={"track": ("tracks", "id")},
    checks=(_window,))


# -- lessons 02, 06, 07: decision points (their shape: ``content.decision_kind``) ---------------

def _ids_carry_the_lesson(doc) -> list[str]:
    return [At((f"decision point {dp['id']!r}",), "id").wrong(f"an id starting {doc['lesson']}-", dp["id"])
            for dp in doc["decision_points"] if not dp["id"].startswith(doc["lesson"] + "-")]


DECISIONS = Kind(
    fields={"lesson": LESSON, "about": Optional(TEXT), "decision_points": DECISION_POINTS},
    local={}, checks=(_ids_carry_the_lesson,))


# -- lesson 09: the invented article -----------------------------------------------------------

def _each_claim_once(doc) -> list[str]:
    """Every claim sits in one paragraph. Only the lesson's worked examples carry a verdict here:
    the verdicts of the claims the exercise set marks are answers, sealed in the question bank."""
    placed = [c for p in doc["article"]["paragraphs"] for c in p["claims"]]
    out = []
    for claim in doc["claims"]:
        n = placed.count(claim["id"])
        if n != 1:
            out.append(At((f"claim {claim['id']!r}",)).say(
                f"expected in exactly one paragraph of the article; found in {n}"))
    return out


ARTICLE = Kind(
    fields={"lesson": LESSON, "about": Optional(TEXT),
            "article": Record({"site": TEXT, "headline": TEXT, "byline": TEXT,
                               "paragraphs": Records("paragraph", {"claims": Ids(("claim",))}),
                               "footer": TEXT}),
            "claims": Records("claim", {"id": Key(r"c\d+", "an id such as \"c1\""), "text": TEXT}, key="id"),
            "verdict_words": Records("verdict word", {"id": NAME, "meaning": TEXT}, key="id"),
            "verdicts": Records("verdict on claim", {
                "claim": Ref(("claim",)), "verdict": Ref(("verdict word",)), "pattern": TEXT,
                "evidence": Ids(("event", "statement", "account")), "reason": TEXT}, key="claim")},
    local={"claim": ("claims", "id"), "verdict word": ("verdict_words", "id")},
    checks=(_each_claim_once,))

KINDS = {"hedging": HEDGING, "decisions": DECISIONS, "article": ARTICLE}
