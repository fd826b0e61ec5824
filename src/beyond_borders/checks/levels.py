"""What kind of thinking each marked item asks for: its ``level`` and its ``task`` (spec §1).

Every item of an answer key carries both. They are data about the question, never about its
answer, so they travel into the sealed and the graded banks; ``authoring.objectives`` builds the
instructor's table of levels from them, and a test holds every exercise set to the course's rule:
recall is at most a fifth of the auto-marked items.
"""
from __future__ import annotations

LEVELS = ("recall", "comprehension", "application", "analysis", "evaluation")
TASKS = ("fact", "ordering", "source_reading", "data", "concept", "evidence", "match_sources",
         "assumption", "find_error", "apply_theory", "reflection")
NEW_TASKS = ("evidence", "match_sources", "assumption", "find_error", "apply_theory")
RECALL_SHARE = 0.20  # the most recall may be of a set's auto-marked items


def problems(q: dict) -> tuple[list[str], list[str]]:
    """``(errors, missing)`` for one key item's tags: an unknown value is an error; a missing tag
    is reported apart, because sealing only warns about it while the lessons are being tagged."""
    errors, missing = [], []
    for field, allowed in (("level", LEVELS), ("task", TASKS)):
        if field not in q:
            missing.append(f"question {q.get('id', '?')}: no {field!r} (one of {', '.join(allowed)})")
        elif q[field] not in allowed:
            errors.append(f"question {q.get('id', '?')}: {field} {q[field]!r} is not one of "
                          f"{', '.join(allowed)}")
    return errors, missing


def is_auto_marked(q: dict) -> bool:
    """Every type but ``open`` (a reflection is recorded and marked by hand)."""
    return q.get("type") != "open"


def recall_share(questions: list[dict]) -> float:
    """The share of a set's auto-marked items tagged ``recall`` (0 for a set with none)."""
    marked = [q for q in questions if is_auto_marked(q)]
    return sum(q.get("level") == "recall" for q in marked) / len(marked) if marked else 0.0
