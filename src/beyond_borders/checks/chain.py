"""Chain questions: find the faulty step of a reasoning chain and say what kind of error it is.

The key lists numbered ``steps`` ("1", "2", …; 3–6) and lettered ``errors`` ("a", "b", …; 3–5),
and its ``answer`` names exactly one faulty step and its error: ``{"step": "3", "error": "b"}``.
A learner may write ``(3, "b")``, ``[3, "b"]``, ``{"step": 3, "error": "b"}``, ``"3b"``,
``"3 b"``, ``"step 3, b"``, the error in its own words, or the step alone (``3``, ``"3"``).
Marking: full points for the right step and error; half the points for the right step with a
wrong or missing error; nothing for a wrong step (whatever its error).

**What the sealed bank shows, and what it hides (threat model).** The right step is stored only
as ``digest(salt, id, "step|<step>")`` and the right pair as ``digest(salt, id,
"chain|<step>|<error>")``; the step's feedback is obscured with a keystream seeded by the right
step, the error's by the right pair. As with every sealed bank the salt ships with it, so hashing
each guess (at most 6 steps, then 5 errors) recovers the answer, which is what trying answers in
``check`` tells anyway; nothing in the file names the step or the error in clear, and graded
banks (``verdict_free``) keep neither hash.
"""
from __future__ import annotations

import re

from beyond_borders.checks import plain
from beyond_borders.checks.hashes import digest, obscure, unobscure
from beyond_borders.checks.matching import LETTERS, NUMBERS, feedback_problems, numbered, option_key

TYPE = "chain"
STEPS, ERRORS = (3, 6), (3, 5)
FORM = ('the number of the faulty step and the letter of its kind of error, as a tuple '
        '(number, "letter") or as text: the number, then the letter')


def validate(q: dict) -> list[str]:
    """What is wrong with a chain item of an answer key, each naming the item and field."""
    where = f"question {q.get('id', '?')} (chain)"
    problems = numbered(q.get("steps"), "steps", where, NUMBERS, *STEPS)
    problems += numbered(q.get("errors"), "errors", where, LETTERS, *ERRORS)
    if problems:
        return problems
    answer = q.get("answer")
    if type(answer) is not dict or set(answer) != {"step", "error"}:
        return [f"{where}: answer must be {{\"step\": \"<step>\", \"error\": \"<letter>\"}}"]
    step, error = answer["step"], answer["error"]
    if type(step) is not str:
        return [f"{where}: answer step must be one step number in quotes; a chain has exactly one "
                f"faulty step (found {step!r})"]
    if step not in q["steps"]:
        problems.append(f"{where}: answer step {step!r} is not among the steps ({', '.join(q['steps'])})")
    if error not in q["errors"]:
        problems.append(f"{where}: answer error {error!r} is not among the errors "
                        f"({', '.join(q['errors'])})")
    return problems + feedback_problems(q.get("feedback", {}), ("step", "error"), where, "part")


def _seeds(salt: str, qid: str, step: str, error: str) -> tuple[str, str]:
    return f"{salt}|{qid}|chain|step|{step}", f"{salt}|{qid}|chain|error|{step}|{error}"


def seal(q: dict, salt: str) -> dict:
    """The sealed fields: the step and the pair as hashes, their feedback obscured by them."""
    qid, step, error = q["id"], q["answer"]["step"], q["answer"]["error"]
    fb, (s_seed, e_seed) = q.get("feedback", {}), _seeds(salt, qid, step, error)
    return {"accept_step": [digest(salt, qid, f"step|{step}")],
            "accept": [digest(salt, qid, f"chain|{step}|{error}")],
            "feedback": dict(sorted([
                (digest(salt, qid, "feedback|step"), obscure(fb.get("step", ""), s_seed)),
                (digest(salt, qid, "feedback|error"), obscure(fb.get("error", ""), e_seed))]))}


def _parts(answer) -> tuple[list | None, str | None]:
    """The answer as [step] or [step, error] raw values, or a note on its form."""
    if plain.size(answer) > plain.MAX_ITEMS:
        return None, f"That answer has {plain.size(answer)} entries; this question wants {FORM}."
    if plain.whole(answer) is not None:
        return [answer], None
    t = plain.text(answer)
    if t is not None:
        t = re.sub(r"[{}\[\]()'\"]|\b(?:step|error|kind|fault)\b", " ", t.lower())
        m = re.fullmatch(r"\s*(\d+)\s*(?:[,;:=.\-–)]\s*)*(.*?)\s*", t)
        if not m:
            return None, (f"This question wants {FORM}; \"{t.strip()[:60]}\" does not start with a "
                          "step number.")
        rest = re.sub(r"^(?:and|&|\+)\s*", "", m.group(2))  # "3 and 4": two steps, refused below
        return [m.group(1)] + ([rest] if rest else []), None
    entries = plain.pairs(answer)
    if entries is not None:
        named = {(plain.text(k) or "").strip().lower(): v for k, v in entries}
        if set(named) - {"step", "error"} or "step" not in named:
            return None, 'Use the keys "step" and "error": {"step": 2, "error": "c"}.'
        return [named["step"]] + ([named["error"]] if "error" in named else []), None
    listed = plain.items(answer)
    if listed is None or not 1 <= len(listed) <= 2:
        return None, f"This question wants {FORM}; you gave {plain.describe(answer)}" + (
            f" with {len(listed)} entries." if listed is not None else ".")
    return listed, None


def _swapped(answer, q: dict) -> str | None:
    """A note when the letter came first and a step number second (``("c", 3)``, ``"c3"``)."""
    t = plain.text(answer)
    if t is not None:
        m = re.fullmatch(r"\s*\(?\s*['\"]?([a-zA-Z])['\"]?\s*[,;:\-–.)]?\s*(?:step\s*)?(\d+)\s*\)?\s*", t)
        pair = list(m.groups()) if m else None
    else:
        listed = plain.items(answer)
        pair = listed if listed is not None and len(listed) == 2 else None
    if not pair or plain.label(pair[1]) not in q["steps"]:
        return None
    letter = (plain.text(pair[0]) or "").strip().lower()
    if letter not in q["errors"]:
        return None
    step = plain.label(pair[1])
    return (f"Write the step number first, then the letter: ({step}, \"{letter}\") rather than "
            f"(\"{letter}\", {step}).")


def read(answer, q: dict) -> tuple[tuple[str, str | None] | None, str | None]:
    """``((step, error or None), None)`` or ``(None, a kind note)``. Never raises, never runs learner code."""
    swapped = _swapped(answer, q)
    if swapped:
        return None, swapped
    parts, err = _parts(answer)
    if err:
        return None, err
    steps, errors = list(q["steps"]), q["errors"]
    step = plain.label(parts[0])
    if step not in steps:
        return None, f"There is no step {plain.shown(parts[0])}: the steps are {plain.listing(steps)}."
    second = parts[1] if len(parts) == 2 else None
    if second is None or second is Ellipsis or (plain.text(second) or "x").strip() == "":
        return (step, None), None  # the step alone: half the points at most
    if plain.label(parts[1]) is not None:
        return None, "A chain has one faulty step: give one step number, then the letter of its error."
    t = plain.text(parts[1])
    if t is None:
        return None, ("Give the kind of error as one letter in quotes, like \"a\"; you gave "
                      f"{plain.describe(parts[1])}.")
    key, err = option_key(t, errors)
    return ((step, key), None) if not err else (None, "For the kind of error: " + err)


def verdict(salt: str, q: dict, answer, points: float) -> tuple[str, float, str, dict]:
    """``(status, share, message, details)`` for one answer (marking wraps it in a Mark)."""
    got, err = read(answer, q)
    if err:
        return "invalid", 0.0, err, {}
    (step, error), qid = got, q["id"]
    if digest(salt, qid, f"step|{step}") not in q["accept_step"]:
        return "incorrect", 0.0, f"Step {step} is not the faulty one.", {"step": False}
    s_seed, e_seed = _seeds(salt, qid, step, error or "")
    stored = q.get("feedback", {})
    why_step = unobscure(stored.get(digest(salt, qid, "feedback|step"), ""), s_seed)
    if error is not None and digest(salt, qid, f"chain|{step}|{error}") in q["accept"]:
        why_error = unobscure(stored.get(digest(salt, qid, "feedback|error"), ""), e_seed)
        return "correct", 1.0, " ".join(w for w in (why_step, why_error) if w), {"step": True, "error": True}
    said = (f"Step {step} is the faulty one, but {error} is not the kind of error it makes."
            if error else f"Step {step} is the faulty one; for full points also say which kind of "
            f"error it makes (one of {plain.listing(list(q['errors']), 'or')}).")
    return "partial", 0.5, " ".join(w for w in (said, why_step) if w), {"step": True, "error": False}


def described(got: tuple[str, str | None], q: dict) -> str:
    """How an answer was read, in words (graded mode shows this instead of a verdict)."""
    step, error = got
    return f"step {step}" + (f" with error {error}" if error else " (no kind of error given)")
