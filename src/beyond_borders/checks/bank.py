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

from beyond_borders.checks import entities, numbers, texts

QUESTION_DIR = Path(__file__).resolve().parent / "questions"
TYPES = ("single_choice", "multiple_choice", "ordering", "numeric", "date", "text", "open")


class BankError(ValueError):
    """A question file or answer key is malformed."""


def digest(salt: str, qid: str, canon: str) -> str:
    return hashlib.sha256(f"{salt}|{qid}|{canon}".encode("utf-8")).hexdigest()[:32]


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
           "quick_checks": key.get("quick_checks", []), "questions": []}
    seen = set()
    for q in key["questions"]:
        qid, qtype = q["id"], q["type"]
        if qid in seen:
            raise BankError(f"question {qid} appears twice")
        seen.add(qid)
        if qtype not in TYPES:
            raise BankError(f"question {qid}: unknown type {qtype!r}; expected one of {TYPES}")
        s = {k: v for k, v in q.items()
             if k not in ("answer", "partial_answer", "accept_variants", "entity", "confusions")}
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
            s.update(_seal_numeric(q, h))
        elif qtype == "date":
            s.pop("partial", None)
            s.update(_seal_date(q, h))
        elif qtype == "text":
            s.update(_seal_text(q, salt, entity_dir))
        elif qtype == "open":
            s.setdefault("min_words", 30)
            s["points"] = 0
        out["questions"].append(s)
    return out


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


def seal_file(key_path: Path, out_dir: Path) -> Path:
    """Seal one key into ``out_dir``, with the entity names of the course tree that holds
    ``out_dir`` (its datasets/), or of the installed course if that tree has none."""
    key = json.loads(Path(key_path).read_text(encoding="utf-8"))
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
