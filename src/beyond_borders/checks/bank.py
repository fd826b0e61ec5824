"""The question bank: one sealed JSON file per lesson in ``beyond_borders/checks/questions/``.

Questions, feedback, hints and points are data. Accepted answers are stored only as salted
hashes, so a learner who opens the file or reads the check code does not see them. The
plain answer keys live with the instructor material (``instructors/answer_keys/NN.json``)
and :func:`seal` turns one into the shipped file; a test checks that the two agree.

Words that would give an answer away are stored **obscured**, not in clear: each option's
feedback (every option has some, the right one included) under a hashed key and XOR-ed with a
keystream derived from that option; each explanation, and each quick check's answer, feedback
and explanation, the same way. This is **obfuscation for self-study, not security**: the code
that decodes them ships with the package, and anyone who runs it can read everything. It only
keeps a learner who opens the file from seeing which option is right, or the explanation that
states the answer, at a glance. :func:`opened` decodes option feedback when a bank is loaded;
:func:`explanation` decodes an explanation only when ``check`` (right answer) or ``explain``
(after a try) asks for it.
"""
from __future__ import annotations

import json
import math
import sys
from functools import lru_cache
from pathlib import Path

from beyond_borders.checks import chain, entities, levels, matching, numbers, texts
from beyond_borders.checks.hashes import digest, obscure, unobscure
from beyond_borders.wording import plural

QUESTION_DIR = Path(__file__).resolve().parent / "questions"
TYPES = ("single_choice", "multiple_choice", "ordering", "numeric", "date", "text", "open",
         matching.TYPE, chain.TYPE)
COMPOUND = {matching.TYPE: matching, chain.TYPE: chain}  # types that validate and seal themselves


class BankError(ValueError):
    """A question file or answer key is malformed."""


def _feedback_seed(salt: str, qid: str, option: str) -> str:
    return f"{salt}|{qid}|feedback|{option}"


def _why_seed(qid: str) -> str:
    return f"why|{qid}"


def explanation(q: dict) -> str:
    """A question's explanation in clear (sealed banks keep it obscured under ``why``)."""
    if "why" in q:
        return unobscure(q["why"], _why_seed(q["id"]))
    return q.get("explanation", "")


def near_digest(salt: str, qid: str, budget: int, depth: int, rest: str) -> str:
    """The hash of one deletion neighbour of an accepted answer (16 hex digits: the sets are large,
    and a chance match needs a 64-bit collision)."""
    return digest(salt, qid, f"near|{budget}|{depth}|{rest}")[:16]


def confusion_digest(salt: str, qid: str, what: str) -> str:
    """The hash under which a known confusion's feedback is stored: 'entity:<id>' or 'text:<key>'."""
    return digest(salt, qid, "confusion|" + what)


def numeric_key(value: float, step: float) -> str:
    """The canonical form of a number at a question's precision (a whole count of steps)."""
    return str(int(math.floor(value / step + 0.5)))


def _numeric_keys(lo: float, hi: float, step: float) -> list[str]:
    first, last = int(numeric_key(lo, step)), int(numeric_key(hi, step))
    if last - first > 5000:
        raise BankError(f"tolerance too wide for step {step}: {last - first} values")
    return [str(k) for k in range(first, last + 1)]


def seal(key: dict, entity_dir: str | None = None) -> dict:
    """Turn a plain answer key into the sealed bank file (deterministic: same key, same bytes).

    ``entity_dir`` is where actors.csv and places.csv are (default: the course's datasets); a
    text question's ``entity`` brings in all that entity's names."""
    salt = key["salt"]
    out = {"lesson": key["lesson"], "title": key["title"], "salt": salt,
           "quick_checks": [seal_quick(salt, qc) for qc in key.get("quick_checks", [])],
           "questions": []}
    seen = set()
    for q in key["questions"]:
        qid, qtype = q["id"], q["type"]
        if qid in seen:
            raise BankError(f"question {qid} appears twice")
        seen.add(qid)
        if qtype not in TYPES:
            raise BankError(f"question {qid}: unknown type {qtype!r}; expected one of {TYPES}")
        problems = levels.problems(q)[0] + (COMPOUND[qtype].validate(q) if qtype in COMPOUND else [])
        if problems:
            raise BankError("; ".join(problems))
        s = {k: v for k, v in q.items()
             if k not in ("answer", "partial_answer", "accept_variants", "entity", "confusions")}
        h = lambda canon: digest(salt, qid, canon)  # noqa: E731
        ans = q.get("answer")
        _seal_words(salt, q, s)
        if qtype == "single_choice":
            if ans not in q["options"]:
                raise BankError(f"question {qid}: answer {ans!r} is not an option")
            s["accept"] = [h(ans)]
        elif qtype == "multiple_choice":
            bad = [a for a in ans if a not in q["options"]]
            if bad:
                raise BankError(f"question {qid}: answers {bad} are not options")
            s["correct"] = sorted(h(a) for a in ans)
        elif qtype == "ordering":
            if sorted(ans) != sorted(q["items"]):
                raise BankError(f"question {qid}: the answer must order exactly the items")
            s["pairs"] = sorted(h(f"{a}<{b}") for i, a in enumerate(ans) for b in ans[i + 1:])
        elif qtype == "numeric":
            s.update(_seal_numeric(q, h))
        elif qtype == "date":
            s.pop("partial", None)
            s.update(_seal_date(q, h))
        elif qtype == "text":
            s.update(_seal_text(q, salt, entity_dir))
        elif qtype in COMPOUND:
            s.update(COMPOUND[qtype].seal(q, salt))
        elif qtype == "open":
            s.setdefault("min_words", 30)
            s["points"] = 0
        out["questions"].append(s)
    return out


def _sealed_feedback(salt: str, q: dict) -> dict:
    """Feedback on every option, keyed by hash, in hash order, each value obscured: a reader of
    the file cannot tell the right option by position, by a missing value, or by its words."""
    h = lambda canon: digest(salt, q["id"], canon)  # noqa: E731
    fb = q.get("feedback", {})
    return dict(sorted((h("feedback|" + k), obscure(fb.get(k, ""), _feedback_seed(salt, q["id"], k)))
                       for k in q["options"]))


def _seal_words(salt: str, q: dict, s: dict) -> None:
    """Option feedback and the explanation of one question, obscured in ``s`` (the sealed copy)."""
    if q["type"] in ("single_choice", "multiple_choice"):
        s["feedback"] = _sealed_feedback(salt, q)
    if "explanation" in q:
        del s["explanation"]
        s["why"] = obscure(q["explanation"], _why_seed(q["id"]))


def seal_quick(salt: str, qc: dict) -> dict:
    """A quick check with its answer hashed and its feedback and explanation obscured."""
    if qc.get("answer") not in qc["options"]:
        raise BankError(f"quick check {qc['id']}: answer {qc.get('answer')!r} is not an option")
    return {"id": qc["id"], "prompt": qc["prompt"], "options": qc["options"],
            "accept": [digest(salt, qc["id"], qc["answer"])],
            "feedback": _sealed_feedback(salt, qc),
            "why": obscure(qc.get("explanation", ""), _why_seed(qc["id"]))}


def _option_feedback(salt: str, q: dict, key: str) -> str:
    """The feedback for option ``key`` of a sealed question or quick check, in clear."""
    blob = q.get("feedback", {}).get(digest(salt, q["id"], "feedback|" + key), "")
    return unobscure(blob, _feedback_seed(salt, q["id"], key))


def _open_quick(salt: str, qc: dict) -> dict:
    """A sealed quick check as the widget uses it (answer key, feedback and explanation)."""
    options = qc["options"]
    right = [k for k in options if digest(salt, qc["id"], k) in qc["accept"]]
    fb = {k: _option_feedback(salt, qc, k) for k in options}
    return {"id": qc["id"], "prompt": qc["prompt"], "options": options,
            "answer": right[0] if right else None, "feedback": fb, "explanation": explanation(qc)}


def opened(sealed: dict) -> dict:
    """A sealed bank ready for marking: option feedback decoded in place (still under hashed
    keys), quick checks opened, and indexes ``by_id`` / ``quick_by_id`` added."""
    bank = dict(sealed)
    salt = bank["salt"]
    questions = []
    for q in bank["questions"]:
        q = dict(q)
        if "feedback" in q and q.get("type") in ("single_choice", "multiple_choice"):
            q["feedback"] = dict(sorted((digest(salt, q["id"], "feedback|" + k),
                                         _option_feedback(salt, q, k)) for k in q["options"]))
        questions.append(q)
    bank["questions"] = questions
    bank["quick_checks"] = [_open_quick(salt, qc) for qc in bank.get("quick_checks", [])]
    bank["by_id"] = {q["id"]: q for q in questions}
    bank["quick_by_id"] = {q["id"]: q for q in bank["quick_checks"]}
    return bank


def _seal_numeric(q: dict, h) -> dict:
    """Every accepted value as a whole count of steps; a kind example that is not the answer."""
    ans, step, tol = q["answer"], q.get("step", 1), q.get("tolerance", 0)
    out = {"step": step, "accept": [h(k) for k in _numeric_keys(ans - tol, ans + tol, step)],
           "example": numbers.example_for(step, q.get("unit", ""),
                                          avoid=(ans - q.get("partial_tolerance", tol) - step,
                                                 ans + q.get("partial_tolerance", tol) + step))}
    if "partial_tolerance" in q:
        pt = q["partial_tolerance"]
        out["partial"] = [h(k) for k in _numeric_keys(ans - pt, ans + pt, step) if h(k) not in out["accept"]]
    return out


def _seal_date(q: dict, h) -> dict:
    ans = q["answer"]
    out = {"accept": [h(ans)], "partial": [h(ans[:7])] if q.get("partial") == "month" else None}
    return {k: v for k, v in out.items() if v is not None}


def text_variants(q: dict, entity_dir: str | None = None) -> list[str]:
    """The answer, its listed variants and, for a question about an entity, all its names."""
    variants = [q["answer"], *q.get("accept_variants", [])]
    if q.get("entity"):
        found = entities.names(entity_dir).get(q["entity"])
        if not found:
            raise BankError(f"question {q['id']}: entity {q['entity']!r} is not in actors.csv or places.csv")
        variants += found
    return variants


def _seal_text(q: dict, salt: str, entity_dir: str | None) -> dict:
    """Exact keys, their deletion neighbourhoods (for typos) and known confusions, all hashed."""
    qid = q["id"]
    keys = sorted({k for k in map(texts.key, text_variants(q, entity_dir)) if k})
    near = set()
    for k in keys:
        b = texts.budget(k)
        if b:
            near.update(near_digest(salt, qid, b, d, rest) for rest, d in texts.neighbourhood(k, b).items())
    confusions = {}
    for what, message in q.get("confusions", {}).items():
        tag = f"entity:{what}" if what in entities.names(entity_dir) else f"text:{texts.key(what)}"
        confusions[confusion_digest(salt, qid, tag)] = message
    out = {"accept": sorted(digest(salt, qid, k) for k in keys), "near": sorted(near)}
    if confusions:
        out["confusions"] = dict(sorted(confusions.items()))
    return out


def untagged(key: dict) -> list[str]:
    """Ids of the key's items with no ``level`` or ``task`` yet (sealing warns, a test refuses)."""
    return [str(q.get("id", "?")) for q in key.get("questions", []) if levels.problems(q)[1]]


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


def seal_file(key_path: Path, out_dir: Path, warn=_warn) -> Path:
    """Seal one key into ``out_dir``, with the entity names of the course tree that holds
    ``out_dir`` (its datasets/), or of the installed course if that tree has none.

    An item with no ``level``/``task`` tag is sealed with a warning through ``warn`` (stderr):
    the lessons are tagged one by one, and the tests, not sealing, hold every key to it."""
    key = json.loads(Path(key_path).read_text(encoding="utf-8"))
    missing = untagged(key)
    if missing:
        warn(f"warning: {key_path}: {plural(len(missing), 'item')} without a "
             f"level or task tag ({', '.join(missing)}); the values allowed are in checks/levels.py")
    parents = Path(out_dir).resolve().parents
    tree = parents[3] / "datasets" if len(parents) > 3 else None
    sealed = seal(key, str(tree) if tree and (tree / "actors.csv").is_file() else None)
    out = Path(out_dir) / f"{key['lesson']}.json"
    out.write_text(json.dumps(sealed, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def lesson_of(qid: str) -> str:
    """'2.3' -> '02'; 'q2.1' -> '02'."""
    head = str(qid).lstrip("q").split(".")[0]
    return f"{int(head):02d}" if head.isascii() and head.isdigit() else ""  # not "¹"


@lru_cache(maxsize=32)
def load_lesson(lesson: str) -> dict:
    """The sealed bank of one lesson ('02' or '2'); raises KeyError if there is none."""
    lesson = f"{int(lesson):02d}" if str(lesson).isdigit() else str(lesson)
    path = QUESTION_DIR / f"{lesson}.json"
    if not path.exists():
        raise KeyError(lesson)
    return opened(json.loads(path.read_text(encoding="utf-8")))


def lessons() -> list[str]:
    return sorted(p.stem for p in QUESTION_DIR.glob("*.json"))


def find_question(qid: str) -> tuple[dict, dict] | None:
    """(bank, question) for an id like '2.3', or None."""
    lesson = lesson_of(qid)
    if not lesson:
        return None
    try:
        bank = load_lesson(lesson)
    except KeyError:
        return None
    q = bank["by_id"].get(str(qid))
    return (bank, q) if q else None
