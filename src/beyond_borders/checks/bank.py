"""The question bank: one sealed JSON file per lesson in ``beyond_borders/checks/questions/``.

Questions, feedback, hints and points are data. Accepted answers are stored only as salted
hashes, so a learner who opens the file or reads the check code does not see them. The
plain answer keys live with the instructor material (``instructors/answer_keys/NN.json``)
and :func:`seal` turns one into the shipped file; a test checks that the two agree.
"""
from __future__ import annotations

import hashlib
import json
import math
from functools import lru_cache
from pathlib import Path

from beyond_borders.checks.normalise import canonical_text

QUESTION_DIR = Path(__file__).resolve().parent / "questions"
TYPES = ("single_choice", "multiple_choice", "ordering", "numeric", "date", "text", "open")


class BankError(ValueError):
    """A question file or answer key is malformed."""


def digest(salt: str, qid: str, canon: str) -> str:
    return hashlib.sha256(f"{salt}|{qid}|{canon}".encode("utf-8")).hexdigest()[:32]


def numeric_key(value: float, step: float) -> str:
    """The canonical form of a number at a question's precision (a whole count of steps)."""
    return str(int(math.floor(value / step + 0.5)))


def _numeric_keys(lo: float, hi: float, step: float) -> list[str]:
    first, last = int(numeric_key(lo, step)), int(numeric_key(hi, step))
    if last - first > 5000:
        raise BankError(f"tolerance too wide for step {step}: {last - first} values")
    return [str(k) for k in range(first, last + 1)]


def seal(key: dict) -> dict:
    """Turn a plain answer key into the sealed bank file (deterministic: same key, same bytes)."""
    salt = key["salt"]
    out = {"lesson": key["lesson"], "title": key["title"], "salt": salt,
           "quick_checks": key.get("quick_checks", []), "questions": []}
    seen = set()
    for q in key["questions"]:
        qid, qtype = q["id"], q["type"]
        if qid in seen:
            raise BankError(f"question {qid} appears twice")
        seen.add(qid)
        if qtype not in TYPES:
            raise BankError(f"question {qid}: unknown type {qtype!r}; expected one of {TYPES}")
        s = {k: v for k, v in q.items() if k not in ("answer", "partial_answer", "accept_variants")}
        h = lambda canon: digest(salt, qid, canon)  # noqa: E731
        ans = q.get("answer")
        if qtype in ("single_choice", "multiple_choice"):
            # Feedback on every option, keyed by hash and in hash order: a reader of the file
            # cannot tell the right option by the one that lacks feedback, or by position.
            fb = q.get("feedback", {})
            s["feedback"] = dict(sorted((h("feedback|" + k), fb.get(k, "")) for k in q["options"]))
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
            step, tol = q.get("step", 1), q.get("tolerance", 0)
            s["step"] = step
            s["accept"] = [h(k) for k in _numeric_keys(ans - tol, ans + tol, step)]
            if "partial_tolerance" in q:
                pt = q["partial_tolerance"]
                s["partial"] = [h(k) for k in _numeric_keys(ans - pt, ans + pt, step)
                                if h(k) not in s["accept"]]
        elif qtype == "date":
            s["accept"] = [h(ans)]
            s.pop("partial", None)
            if q.get("partial") == "month":
                s["partial"] = [h(ans[:7])]
        elif qtype == "text":
            variants = [ans] + list(q.get("accept_variants", []))
            s["accept"] = sorted({h(canonical_text(v)) for v in variants})
        elif qtype == "open":
            s.setdefault("min_words", 30)
            s["points"] = 0
        out["questions"].append(s)
    return out


def seal_file(key_path: Path, out_dir: Path) -> Path:
    key = json.loads(Path(key_path).read_text(encoding="utf-8"))
    sealed = seal(key)
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
    bank = json.loads(path.read_text(encoding="utf-8"))
    bank["by_id"] = {q["id"]: q for q in bank["questions"]}
    bank["quick_by_id"] = {q["id"]: q for q in bank.get("quick_checks", [])}
    return bank


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
