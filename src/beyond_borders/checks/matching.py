"""Matching questions: each claim (prompt "1", "2", …) is matched to one option ("a", "b", …).

The key's ``answer`` maps every prompt to its option; an option may answer several prompts.
A learner may write the answer as a dictionary (``{1: "b", 2: "a"}``, keys as numbers or text,
options as letters in any case or in the option's own words), as a list or tuple in prompt order
(``["b", "a"]``), or as text (``"1b 2a"``, ``"1-b, 2-a"``, ``"b a"``). Marking gives
points × (right pairs / prompts), rounded down to half points. The message counts the right
pairs and shows the key's feedback for each right one; a wrong pair is never told its option.

**What the sealed bank shows, and what it hides (threat model).** The bank stores each right
pair only as ``digest(salt, id, "match|<prompt>|<option>")``, a salted hash, in hash order, and
each prompt's feedback XOR-obscured with a keystream seeded by the *right pair*, so it decodes
only for someone who already knows that pair. The salt ships with the bank (the learner's own
``check`` needs it), so a reader who hashes every guess (prompts × options, at most 6 × 26) can
recover the answer: exactly what trying every answer in ``check`` would tell them, no more. What
the file does not give is the answer at a glance: no letter, no per-pair verdict, no pair
order, no readable feedback. Graded banks (``verdict_free``) drop the hashes altogether.
"""
from __future__ import annotations

import math
import re

from beyond_borders.checks import normalise as nz
from beyond_borders.checks import plain, texts
from beyond_borders.checks.hashes import digest, obscure, unobscure
from beyond_borders.wording import agree

TYPE = "matching"
PROMPTS = (2, 6)  # fewest and most prompts
FORM = ('a dictionary from prompt number to option letter, like {1: "…", 2: "…"}, a list of '
        'letters in prompt order, or text like "1a 2b"')


def numbered(mapping, name: str, where: str, keys, lo: int, hi: int) -> list[str]:
    """Problems with a key's ``prompts``/``options``/``steps``/``errors``: a dict of non-empty
    texts, keyed in order by ``keys``, with ``lo``–``hi`` entries."""
    if type(mapping) is not dict:
        return [f"{where}: {name} must be a dictionary keyed {keys[0]!r}, {keys[1]!r}, …"]
    problems = []
    if not lo <= len(mapping) <= hi:
        problems.append(f"{where}: {name} has {len(mapping)} entries; it needs {lo} to {hi}")
    if list(mapping) != list(keys[:len(mapping)]):
        problems.append(f"{where}: {name} must be keyed {', '.join(map(repr, keys[:len(mapping)]))} "
                        f"in that order; found {', '.join(map(repr, mapping))}")
    empty = [k for k, v in mapping.items() if not isinstance(v, str) or not v.strip()]
    if empty:
        problems.append(f"{where}: {name} {', '.join(map(repr, empty))} must be non-empty text")
    return problems


NUMBERS = tuple(str(i) for i in range(1, 27))
LETTERS = tuple("abcdefghijklmnopqrstuvwxyz")


def validate(q: dict) -> list[str]:
    """What is wrong with a matching item of an answer key, each naming the item and field."""
    where = f"question {q.get('id', '?')} (matching)"
    problems = numbered(q.get("prompts"), "prompts", where, NUMBERS, *PROMPTS)
    problems += numbered(q.get("options"), "options", where, LETTERS, 2, 26)
    if problems:
        return problems
    prompts, options, answer = q["prompts"], q["options"], q.get("answer")
    if type(answer) is not dict:
        return [f"{where}: answer must map every prompt to an option, like {{\"1\": \"b\"}}"]
    for p, o in answer.items():
        if p not in prompts:
            problems.append(f"{where}: answer names prompt {p!r}, which is not among the prompts "
                            f"({', '.join(prompts)})")
        elif o not in options:
            problems.append(f"{where}: answer for prompt {p} is {o!r}, which is not an option "
                            f"({', '.join(options)})")
    missing = [p for p in prompts if p not in answer]
    if missing:
        problems.append(f"{where}: answer has no option for {agree(len(missing), 'prompt')} "
                        f"{', '.join(missing)}")
    return problems + feedback_problems(q.get("feedback", {}), prompts, where, "prompt")


def feedback_problems(feedback, allowed, where: str, what: str) -> list[str]:
    """A key's ``feedback`` must be a dict of texts keyed by ``allowed`` names (some may be left out)."""
    if type(feedback) is not dict:
        return [f"{where}: feedback must be a dictionary keyed by {what} ({', '.join(allowed)})"]
    extra = [k for k in feedback if k not in allowed]
    wrong = [k for k, v in feedback.items() if not isinstance(v, str)]
    if extra or wrong:
        return [f"{where}: feedback must be keyed by {what} ({', '.join(allowed)}) and hold text; "
                f"found {', '.join(map(repr, extra + wrong))}"]
    return []


def _seed(salt: str, qid: str, prompt: str, option: str) -> str:
    return f"{salt}|{qid}|match|{prompt}|{option}"


def seal(q: dict, salt: str) -> dict:
    """The sealed fields: right pairs as hashes, each prompt's feedback obscured by its right pair."""
    qid, answer, fb = q["id"], q["answer"], q.get("feedback", {})
    return {"match": sorted(digest(salt, qid, f"match|{p}|{o}") for p, o in answer.items()),
            "feedback": dict(sorted((digest(salt, qid, f"feedback|{p}"),
                                     obscure(fb.get(p, ""), _seed(salt, qid, p, answer[p])))
                                    for p in q["prompts"]))}


# words that carry no meaning of their own in an option ("it derives a number that no source
# reported"); negations ("no", "not") are kept, as they turn an option into its opposite
_FILLER_WORDS = nz._SMALL | {"it", "its", "that", "which", "this", "these", "those", "is", "are", "was",
                             "were", "be", "been", "as", "at", "with", "from", "who", "there", "they",
                             "their", "so", "than", "one", "any"}
_NEGATIONS = {"no", "not", "never", "nobod", "none", "nothi", "neith", "nor", "without"}


def _stems(text: str) -> list[str]:
    """The meaningful words, each cut to five letters so 'derives', 'derived' and 'deriving' agree."""
    keys = (texts.key(w) for w in texts.words(text))
    return [k[:5] for k in keys if k and k not in _FILLER_WORDS]


def _reworded(t: str, options: dict) -> str | None:
    """The one option whose meaningful words hold all of the answer's (one slip in four forgiven,
    in any order), with the same negations, and of which the answer says at least half; None if
    no option or several fit."""
    said = set(_stems(t[:300]))
    if len(said) < 2:
        return None
    fits = {}
    for o, v in options.items():
        have = set(_stems(v))
        missing = len(said - have)
        if said & _NEGATIONS != have & _NEGATIONS:   # "no source reported" is not "every source reported"
            continue
        if missing <= len(said) // 4 and 2 * len(said & have) >= len(have):
            fits[o] = missing
    best = min(fits.values(), default=None)
    hits = [o for o, m in fits.items() if m == best]
    return hits[0] if len(hits) == 1 else None


def option_key(t: str, options: dict) -> tuple[str | None, str | None]:
    """One option read from the letter or the option's words, as single-choice items read it,
    or from the option's meaningful words in another order or with filler left out."""
    key, err = nz.option_key(t, options)
    if err and isinstance(t, str):
        found = _reworded(t, options)
        if found:
            return found, None
    return key, err


def _from_text(t: str) -> list[tuple] | None:
    """``"1b 2a"``, ``"1-b, 2: a"``, ``"1: supports it; 2: …"`` as (prompt, option) pairs, or
    ``"b a c"`` / ``"b, a, c"`` as options in prompt order (prompt None)."""
    t = re.sub(r"[{}\[\]()'\"]", " ", t).strip()
    if re.match(r"^\s*(?:prompt|claim)?\s*\d", t, re.I):
        found = re.findall(r"(\d+)\s*(?:->|→|[-–:=.)>])?\s*(.*?)\s*(?=[,;\n]|\s*\d|$)", t)
        return [(p, v) for p, v in found if v] or None  # "1 2a": prompt 1 left unmatched
    parts = [p.strip() for p in re.split(r"[,;\n]+", t) if p.strip()]
    if len(parts) == 1:
        parts = parts[0].split()
    if len(parts) == 1 and re.fullmatch(r"[a-zA-Z]{2,6}", parts[0]):
        parts = list(parts[0])  # "bac": one letter per prompt
    return [(None, p) for p in parts]


def _entries(answer) -> tuple[list[tuple] | None, str | None]:
    """The answer as (prompt or None, option) entries, or a note on its form."""
    if plain.size(answer) > plain.MAX_ITEMS:
        return None, f"That answer has {plain.size(answer)} entries; give one option per prompt."
    t = plain.text(answer)
    if t is not None:
        return _from_text(t), None
    entries = plain.pairs(answer)
    if entries is not None:
        return entries, None
    listed = plain.items(answer)
    if listed is None:
        return None, f"This question wants {FORM}; you gave {plain.describe(answer)}."
    if listed and all(plain.items(x) is not None and len(x) == 2 for x in listed):
        return [tuple(x) for x in listed], None  # [(1, "b"), (2, "a")]
    return [(None, x) for x in listed], None


def read(answer, q: dict) -> tuple[dict[str, str] | None, str | None]:
    """``({prompt: option}, None)`` for the pairs the learner gave (some prompts may be missing),
    or ``(None, a kind note)`` naming what is allowed. Never raises, never runs learner code."""
    prompts, options = list(q["prompts"]), q["options"]
    entries, err = _entries(answer)
    if err or not entries:
        return None, err or f"This question wants {FORM}."
    if all(p is None for p, _ in entries) and len(entries) > len(prompts):
        return None, (f"Your answer lists {len(entries)} options for {len(prompts)} prompts; give "
                      "one option per prompt, in the prompts' order.")
    chosen: dict[str, str] = {}
    for i, (raw, value) in enumerate(entries):
        p = str(i + 1) if raw is None else plain.label(raw)
        if p not in prompts:
            return None, f"There is no prompt {plain.shown(raw)}: the prompts are {plain.listing(prompts)}."
        t = plain.text(value)
        if t is None:
            return None, (f"For prompt {p}, give one option letter in quotes, like "
                          f"\"{next(iter(options))}\"; you gave {plain.describe(value)}.")
        key, err = option_key(t, options)
        if err:
            return None, f"For prompt {p}: {err}"
        if chosen.get(p, key) != key:
            return None, f"Prompt {p} has two answers ({chosen[p]} and {key}); give it one."
        chosen[p] = key
    return chosen, None


def share(points: float, right: int, total: int) -> float:
    """points × right/total rounded down to half points, as a share of the points."""
    if points <= 0 or total <= 0:
        return 0.0
    return math.floor(points * right / total * 2 + 1e-9) / 2 / points


def verdict(salt: str, q: dict, answer, points: float) -> tuple[str, float, str, dict]:
    """``(status, share, message, details)`` for one answer (marking wraps it in a Mark)."""
    chosen, err = read(answer, q)
    if err:
        return "invalid", 0.0, err, {}
    qid, prompts, accepted = q["id"], list(q["prompts"]), set(q["match"])
    right = [p for p in prompts if p in chosen and digest(salt, qid, f"match|{p}|{chosen[p]}") in accepted]
    missing = [p for p in prompts if p not in chosen]
    got = share(points, len(right), len(prompts))
    status = "correct" if len(right) == len(prompts) else "partial" if got > 0 else "incorrect"
    words = [] if status == "correct" else [
        f"{len(right)} of the {len(prompts)} pairs {agree(len(right), 'is', 'are')} right."]
    if missing:
        words.append(f"{agree(len(missing), 'Prompt')} {plain.listing(missing)} "
                     f"{agree(len(missing), 'has', 'have')} no option yet: an unmatched prompt "
                     "earns nothing.")
    for p in right:
        note = unobscure(q.get("feedback", {}).get(digest(salt, qid, f"feedback|{p}"), ""),
                         _seed(salt, qid, p, chosen[p]))
        if note:
            words.append(f"Pair {p}: {note}")
    return status, round(got, 4), " ".join(words), {"pairs_right": len(right), "missing": missing}


def described(chosen: dict[str, str], q: dict) -> str:
    """How an answer was read, in words (graded mode shows this instead of a verdict)."""
    said = ", ".join(f"{p} → {chosen[p]}" for p in q["prompts"] if p in chosen)
    missing = [p for p in q["prompts"] if p not in chosen]
    return f"the pairs {said}" + (f" ({agree(len(missing), 'prompt')} {plain.listing(missing)} not matched "
                                  "yet)" if missing else "")
