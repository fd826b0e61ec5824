"""Mark a short text answer against a sealed question: exact key, forgiven typo, known confusion.

1. The answer's :func:`texts.key` hashed is among the accepted keys: correct.
2. Else its deletion neighbourhood meets the sealed neighbourhood of an accepted key within that
   key's typo budget: correct at that distance — unless another entity of the course data has
   a name at least as near (then the answer is refused: "Jundallah" is never a typo of
   "Jaish al-Adl", and neither is anything halfway between two names).
3. Two names joined by '/' or 'or' are right only if both are (see :func:`mark_text`).
4. If the answer names an entity (or text) the key lists under ``confusions``, that feedback
   is shown.
"""
from __future__ import annotations

import re

from beyond_borders.checks import entities, texts
from beyond_borders.checks.bank import confusion_digest, digest, near_digest

_SETS: dict[int, tuple[list, frozenset]] = {}


def _as_set(hashes: list) -> frozenset:
    """A frozen set of a sealed hash list, built once per list (the list is kept, so its id is
    never reused while cached)."""
    cached = _SETS.get(id(hashes))
    if cached is None or cached[0] is not hashes:
        cached = (hashes, frozenset(hashes))
        _SETS[id(hashes)] = cached
    return cached[1]


def answer_distance(salt: str, q: dict, k: str) -> int | None:
    """Edits from key ``k`` to the nearest accepted answer within its budget, or None."""
    if k and digest(salt, q["id"], k) in _as_set(q.get("accept", [])):
        return 0
    near = _as_set(q.get("near", []))
    if not near or not k or len(k) > texts.MAX_TYPO_LENGTH:
        return None
    best = None
    for rest, di in texts.neighbourhood(k, 2).items():
        for b in (1, 2):
            for da in range(b + 1):
                cost = max(da, di)
                if cost <= b and (best is None or cost < best) and \
                        near_digest(salt, q["id"], b, da, rest) in near:
                    best = cost
    return best


def _is_answer_entity(salt: str, q: dict, eid: str) -> bool:
    accept = _as_set(q.get("accept", []))
    return any(digest(salt, q["id"], k) in accept for k in entities.keys_by_entity().get(eid, ()))


def _confusion(salt: str, q: dict, k: str) -> str:
    stored = q.get("confusions") or {}
    if not stored:
        return ""
    eid = entities.resolve(k)
    for tag in ([f"entity:{eid}"] if eid else []) + [f"text:{k}"]:
        message = stored.get(confusion_digest(salt, q["id"], tag))
        if message:
            return message
    return ""


def mark_text(salt: str, q: dict, answer: str) -> tuple[bool, str]:
    """(right, feedback) for a text answer; the feedback never contains the answer.

    Two names joined by '/' or 'or' ("BLA / Balochistan Liberation Army") are right only if each is:
    naming the answer twice is fine, hedging between two answers is not."""
    right, message = _mark_one(salt, q, answer[:500])
    parts = [p for p in re.split(r"\s*/\s*|\s+or\s+", answer[:500]) if p.strip()]
    if (right and not message) or len(parts) < 2:  # an exact match, or a single name
        return right, message
    marks = [_mark_one(salt, q, p) for p in parts]
    if all(r for r, _ in marks):
        return True, ""
    return False, next((m for _, m in marks if m), message)


def _mark_one(salt: str, q: dict, answer: str) -> tuple[bool, str]:
    k = texts.key(answer)
    d = answer_distance(salt, q, k)
    if d == 0:
        return True, ""
    if d is not None:
        rivals = [e for e in entities.nearest(k, within=d) if not _is_answer_entity(salt, q, e)]
        if not rivals:
            return True, "Accepted, though the spelling is a little off."
    return False, _confusion(salt, q, k)
