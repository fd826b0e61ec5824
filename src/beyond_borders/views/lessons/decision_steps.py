"""The steps of a decision point, as pure functions: what the learner has done, what is still
locked, and the short code that sums up a choice.

The order is the case method's: choose a role, rank three of its interests (before the options
are shown, so the options cannot shape them), choose an option or write one's own, write the
memo; only then may the outcomes be revealed. ``lock_reason`` says in words what is missing,
and is '' once everything is done; the widget (``views.lessons.decisions``) and the saved files
(``views.lessons.decision_files``) both go by it, so a learner can never reveal or save early.
"""
from __future__ import annotations

from beyond_borders.content.decision_kind import OWN_OPTION, word_count

__all__ = ["RANKED", "OWN_MIN_WORDS", "OWN_OPTION", "role_of", "ranked", "option_keys",
           "lock_reason", "step", "choice_code", "word_count"]

RANKED = 3           # interests the learner ranks before the options unlock
OWN_MIN_WORDS = 5    # "My own option" needs a sentence, not a word


def role_of(dp: dict, role_id) -> dict | None:
    """The role with this id, or None."""
    return next((r for r in dp["roles"] if r["id"] == role_id), None)


def ranked(role: dict, ranking) -> bool:
    """True when ``ranking`` is RANKED different interests of this role."""
    items = list(ranking or [])
    return (len(items) == RANKED and len(set(items)) == RANKED
            and all(i in role["interests"] for i in items))


def option_keys(role: dict) -> list[str]:
    """The role's option keys and the learner's own option, always offered."""
    return [o["key"] for o in role["options"]] + [OWN_OPTION]


def _interest_reason(ranking) -> str:
    chosen = [i for i in (ranking or []) if i]
    if len(set(chosen)) < len(chosen):
        return "Choose three different interests: each one once."
    return (f"Rank three interests of your role first ({len(chosen)} of {RANKED} chosen); "
            "the options unlock after that.")


def step(dp: dict, role_id, ranking, option, own_text, memo) -> str:
    """Where the learner is: 'role', 'interests', 'option', 'memo' or 'ready'."""
    role = role_of(dp, role_id)
    if role is None:
        return "role"
    if not ranked(role, ranking):
        return "interests"
    if option not in option_keys(role) or (option == OWN_OPTION and word_count(own_text) < OWN_MIN_WORDS):
        return "option"
    return "memo" if word_count(memo) < dp["memo"]["min_words"] else "ready"


def lock_reason(dp: dict, role_id, ranking, option, own_text, memo) -> str:
    """Why the reveal (and saving) is still locked, in words for the learner; '' when it may open."""
    where = step(dp, role_id, ranking, option, own_text, memo)
    if where == "role":
        return "Choose a role first."
    if where == "interests":
        return _interest_reason(ranking)
    if where == "option" and option == OWN_OPTION:
        return (f"Describe your own option in at least {OWN_MIN_WORDS} words "
                f"({word_count(own_text)} so far).")
    if where == "option":
        return "Choose one of the options, or “My own option”."
    if where == "memo":
        return (f"Write your memo: at least {dp['memo']['min_words']} words ({word_count(memo)} so far). "
                "The rubric above says what it should do.")
    return ""


def choice_code(dp_id: str, role: dict, ranking, option) -> str:
    """'07-dp1/pakistan/b/3-1-5': point, role, option and the ranked interests' numbers (from 1),
    short enough to read out or type into a form when a file cannot be collected."""
    numbers = "-".join(str(role["interests"].index(i) + 1) for i in ranking)
    return f"{dp_id}/{role['id']}/{option}/{numbers}"
