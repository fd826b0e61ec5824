"""Nothing gives an answer away before it is earned, checked over the real answer keys and banks.

* every option of every choice question and quick check has feedback, and the sealed file shows
  none of it (nor any explanation) in clear;
* no topic label (``short``, shown before answering) names the answer;
* a partly right or wrong try never shows the explanation;
* the right option is not conspicuously the longest, and across a bank (and among a lesson's
  decision points) it is not the longest much more often than chance;
* the options listed in the solution notebooks are the key's options, word for word.
"""
import json
import re
from pathlib import Path

import nbformat
import pytest

from beyond_borders.checks import bank
from beyond_borders.checks.exercise import result_from_mark
from beyond_borders.checks.marking import mark
from beyond_borders.checks.texts import fold
from beyond_borders.content.load import CONTENT_DIR


def canonical_text(text: str) -> str:
    """Words only, folded (case and accents gone): how a label is compared with an answer here."""
    return " ".join(re.sub(r"[^\w']+", " ", fold(text).replace("’", "'")).split())

ROOT = Path(__file__).resolve().parents[1]
KEYS = {p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "instructors" / "answer_keys").glob("*.json"))}
CHOICE = ("single_choice", "multiple_choice")


def _rights(q) -> list[str]:
    return q["answer"] if isinstance(q["answer"], list) else [q["answer"]]


def _choice_items():
    for lesson, key in KEYS.items():
        for q in key["questions"]:
            if q["type"] in CHOICE:
                yield pytest.param(lesson, q, id=q["id"])
        for qc in key.get("quick_checks", []):
            yield pytest.param(lesson, qc, id=qc["id"])


def _bank_text(lesson) -> str:
    return (bank.QUESTION_DIR / f"{lesson}.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("lesson,q", list(_choice_items()))
def test_every_option_has_feedback_and_none_is_readable_in_the_bank(lesson, q):
    fb = q.get("feedback", {})
    assert set(fb) == set(q["options"]), f"{q['id']}: feedback for {sorted(fb)}, options {sorted(q['options'])}"
    assert all(v.strip() for v in fb.values()), q["id"]
    text = _bank_text(lesson)
    for v in fb.values():
        assert v not in text and json.dumps(v, ensure_ascii=False)[1:-1] not in text, (q["id"], v)


@pytest.mark.parametrize("lesson,q", list(_choice_items()))
def test_the_right_options_feedback_is_not_set_apart_by_its_length(lesson, q):
    """Obscured values keep their length: a right option's feedback must sit among the other
    options' (no shorter than half the shortest, no longer than twice the longest)."""
    fb = q["feedback"]
    for r in _rights(q):
        others = [len(v) for k, v in fb.items() if k != r]
        assert min(others) / 2 <= len(fb[r]) <= 2 * max(others), (q["id"], r, len(fb[r]), others)


@pytest.mark.parametrize("lesson", list(KEYS))
def test_the_sealed_bank_opens_to_the_keys_words(lesson):
    """Obscuring is lossless: opening the shipped bank gives back every feedback and explanation."""
    opened = bank.load_lesson(lesson)
    for q in KEYS[lesson]["questions"]:
        sealed = opened["by_id"][q["id"]]
        assert "explanation" not in sealed and bank.explanation(sealed) == q.get("explanation", "")
        if q["type"] in CHOICE:
            assert sorted(sealed["feedback"].values()) == sorted(q["feedback"].values())
    for qc in KEYS[lesson].get("quick_checks", []):
        got = opened["quick_by_id"][qc["id"]]
        assert (got["answer"], got["feedback"], got["explanation"]) == \
               (qc["answer"], qc["feedback"], qc["explanation"])


@pytest.mark.parametrize("lesson", list(KEYS))
def test_no_explanation_or_quick_answer_is_readable_in_the_bank(lesson):
    text, raw = _bank_text(lesson), json.loads(_bank_text(lesson))
    items = KEYS[lesson]["questions"] + KEYS[lesson].get("quick_checks", [])
    shown = " ".join(v for q in items for v in q.get("options", {}).values())  # shown anyway
    for q in items:
        if q.get("explanation"):
            for chunk in re.split(r"(?<=[.;:])\s+", q["explanation"]):
                if len(chunk) > 25 and chunk not in shown:
                    assert chunk not in text, (q["id"], chunk)
    for qc in raw["quick_checks"]:
        assert "answer" not in qc and "explanation" not in qc


STOP = {"that", "this", "with", "from", "their", "there", "they", "were", "what", "which", "when",
        "have", "been", "into", "after", "before", "about", "only", "also", "than", "them", "some",
        "does", "each", "both", "said", "says", "iran", "iran's", "pakistan", "pakistan's"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9][a-z0-9'’\-]*", canonical_text(str(text)))
            if len(w) >= 4 and w not in STOP}


def _answer_words(q) -> set[str]:
    """Words that only the right answer has: for a choice question, words of a right option that
    no wrong option uses; otherwise the words (and for a date, the parts) of the answer."""
    if q["type"] in CHOICE:
        rights = _rights(q)
        wrong = set().union(*(_words(v) for k, v in q["options"].items() if k not in rights))
        return set().union(*(_words(q["options"][r]) for r in rights)) - wrong
    if q["type"] == "date":
        return {q["answer"], q["answer"][:7]}
    if q["type"] in ("numeric", "text"):
        return _words(q["answer"]) | {str(q["answer"])}
    return set()


def _labelled():
    for key in KEYS.values():
        for q in key["questions"]:
            yield pytest.param(q, id=q["id"])


@pytest.mark.parametrize("q", list(_labelled()))
def test_no_topic_label_names_the_answer(q):
    short = q.get("short", "")
    assert short, f"{q['id']} has no topic label"
    said = _words(short) | set(re.findall(r"\d[\d\-.]*", short))
    leaked = {w for w in _answer_words(q) if w in said or (len(w) > 6 and w in canonical_text(short))}
    assert not leaked, f"{q['id']} ({short!r}) names the answer: {sorted(leaked)}"
    if q["type"] in CHOICE:
        for r in _rights(q):
            assert canonical_text(q["options"][r]) not in canonical_text(short), q["id"]


def _partial_answers(q):
    """Answers to a real question that are partly right, built from its key."""
    a = q.get("answer")
    if q["type"] == "multiple_choice" and len(a) > 1:
        yield a[:-1]
    if q["type"] == "ordering":
        yield a[:-2] + [a[-1], a[-2]]
    if q["type"] == "date" and q.get("partial") == "month":
        day = int(a[8:])
        yield f"{a[:8]}{day + 1 if day < 28 else day - 1:02d}"
    if q["type"] == "numeric" and "partial_tolerance" in q:
        yield a + (q["partial_tolerance"] + q.get("tolerance", 0)) / 2
    if q["type"] == "matching":  # the last prompt matched wrongly
        last = list(a)[-1]
        yield {**a, last: next(o for o in q["options"] if o != a[last])}
    if q["type"] == "chain":  # the right step, no kind of error
        yield a["step"]


def _wrong_answers(q):
    if q["type"] in CHOICE:
        wrong = [k for k in q["options"] if k not in _rights(q)]
        yield wrong[0] if q["type"] == "single_choice" else wrong
    if q["type"] == "date":
        yield "1900-01-01"
    if q["type"] == "numeric":
        yield -987654
    if q["type"] == "text":
        yield "nothing like it"
    if q["type"] == "ordering":
        yield list(reversed(q["answer"]))
    if q["type"] == "matching":  # every prompt matched wrongly
        yield {p: next(o for o in q["options"] if o != right) for p, right in q["answer"].items()}
    if q["type"] == "chain":  # a wrong step with the right kind of error
        yield (next(s for s in q["steps"] if s != q["answer"]["step"]), q["answer"]["error"])


@pytest.mark.parametrize("lesson", list(KEYS))
def test_a_partly_right_or_wrong_try_never_shows_the_explanation(lesson):
    opened = bank.load_lesson(lesson)
    partial_seen = 0
    for q in KEYS[lesson]["questions"]:
        sq = opened["by_id"][q["id"]]
        for answer in [*_partial_answers(q), *_wrong_answers(q)]:
            r = result_from_mark(sq, mark(opened, sq, answer))
            assert r.status in ("partial", "incorrect"), (q["id"], answer, r.status)
            partial_seen += r.status == "partial"
            assert not r.explanation and "Why:" not in repr(r), (q["id"], answer)
            if q.get("explanation"):
                assert q["explanation"] not in repr(r) + r._repr_html_()
        right = result_from_mark(sq, mark(opened, sq, q["answer"])) if "answer" in q else None
        if right is not None and q.get("explanation"):
            assert right.status == "correct" and right.explanation == q["explanation"]
    assert partial_seen, f"lesson {lesson}: no partly right answer was tried"


# -- option lengths ---------------------------------------------------------------------------
# The rule: a right option may not be longer than the longest wrong option by more than 25 %
# *and* more than 10 characters. (Both: four words of a fixed verdict scale differ by a few
# characters and point nowhere; a right option half again as long as any other does.)

def too_long(right: str, wrong: list[str]) -> bool:
    longest = max(len(w) for w in wrong)
    return len(right) > 1.25 * longest and len(right) > longest + 10


def test_the_length_rule_itself():
    assert too_long("x" * 40, ["y" * 20, "z" * 25])
    assert not too_long("partly supported", ["supported", "wrong", "unverifiable"])
    assert not too_long("x" * 31, ["y" * 25])


@pytest.mark.parametrize("lesson,q", list(_choice_items()))
def test_the_right_option_is_not_conspicuously_the_longest(lesson, q):
    rights = _rights(q)
    wrong = [v for k, v in q["options"].items() if k not in rights]
    for r in rights:
        assert not too_long(q["options"][r], wrong), \
            f"{q['id']} option {r} ({len(q['options'][r])} chars) vs longest wrong {max(map(len, wrong))}"


# -- how often the right option is the longest ------------------------------------------------
# Each item may pass the rule above and the bank still leak: a learner who always picks the
# longest option must not win much more often than by chance. Over all single-choice questions
# and quick checks the right option may be the strictly longest in at most about a chance share
# (most items have four options), and in no lesson in more than half of its items.

BANK_SHARE, LESSON_SHARE = 0.35, 0.5


def right_is_longest(options: dict, right: str) -> bool:
    """True when the right option is longer, in characters, than every other (a tie is no tell)."""
    return len(options[right]) > max(len(v) for k, v in options.items() if k != right)


def longest_share(items) -> float:
    """The share of (options, right) pairs in which the right option is the strictly longest."""
    items = list(items)
    return sum(right_is_longest(o, r) for o, r in items) / len(items) if items else 0.0


def _single_answer_items() -> dict:
    """Lesson -> [(options, right)] for every single-choice question and quick check."""
    out = {}
    for lesson, key in KEYS.items():
        qs = [q for q in key["questions"] if q["type"] == "single_choice"] + key.get("quick_checks", [])
        out[lesson] = [(q["options"], q["answer"]) for q in qs if isinstance(q["answer"], str)]
    return out


def test_the_share_rule_itself():
    four = {"a": "xx", "b": "yyy", "c": "z", "d": "yyy"}
    assert right_is_longest({"a": "xxxx", "b": "yyy"}, "a") and not right_is_longest(four, "b")
    assert longest_share([({"a": "xx", "b": "y"}, "a"), ({"a": "x", "b": "yy"}, "a")]) == 0.5
    assert longest_share([]) == 0.0


def test_the_right_option_is_the_longest_no_more_often_than_chance():
    by_lesson = _single_answer_items()
    everything = [item for items in by_lesson.values() for item in items]
    assert len(everything) > 50, "the banks should hold many single-answer items"
    assert longest_share(everything) <= BANK_SHARE, \
        f"the right option is the longest in {longest_share(everything):.0%} of single-answer items"
    crowded = {lesson: f"{longest_share(items):.0%}" for lesson, items in by_lesson.items()
               if longest_share(items) > LESSON_SHARE}
    assert not crowded, f"lessons where the right option is mostly the longest: {crowded}"


def _decision_files():
    return sorted(CONTENT_DIR.glob("*_decisions.json"))


@pytest.mark.parametrize("path", _decision_files(), ids=lambda p: p.name)
def test_the_closest_decision_option_is_not_the_tell_tale_longest(path):
    """The option "closest to what the actor did" is what a decision point is about; its label may
    be the longest in at most one role's options in three, and never by more than a quarter."""
    points = [{**role, "id": f"{dp['id']}/{role['id']}"}
              for dp in json.loads(path.read_text(encoding="utf-8"))["decision_points"]
              for role in dp["roles"] if role["outcome"].get("closest")]
    longest = []
    for p in points:
        labels = {o["key"]: o["label"] for o in p["options"]}
        closest = p["outcome"]["closest"]
        others = max(len(v) for k, v in labels.items() if k != closest)
        assert len(labels[closest]) <= 1.25 * others, (p["id"], len(labels[closest]), others)
        if right_is_longest(labels, closest):
            longest.append(p["id"])
    assert len(longest) <= max(1, len(points) // 3), f"{path.name}: closest option longest in {longest}"


# -- the options as the solution notebooks show them --------------------------------------------

def notebook_options(path: Path) -> dict:
    """Question id -> {letter: text} from the Markdown of a solution notebook. An option list
    before the first question (lesson 9's verdict scale, "* a) **supported** — …") is kept
    under "shared"; its options are the bold words."""
    out, qid, last = {}, "shared", None
    for cell in nbformat.read(str(path), as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.split("\n"):
            head = re.match(r"\*\*(\d+\.\d+)\*\*", line)
            item = re.match(r"[*-] ([a-z])\) (.*)$", line)
            if head:
                qid, last = head.group(1), None
            elif item:
                last = item.group(1)
                out.setdefault(qid, {})[last] = item.group(2)
            elif last and line.startswith("  ") and line.strip():
                out[qid][last] += " " + line.strip()
            else:
                last = None
    shared = {k: re.sub(r"^\*\*(.+?)\*\*.*$", r"\1", v) for k, v in out.pop("shared", {}).items()}
    return {qid: {k: v.replace("`", "").strip() for k, v in opts.items()} for qid, opts in out.items()} \
        | {"shared": shared}


@pytest.mark.parametrize("path", sorted((ROOT / "solutions").glob("*.ipynb")), ids=lambda p: p.name)
def test_notebook_option_lists_are_the_keys(path):
    shown = notebook_options(path)
    for q in KEYS[path.name[:2]]["questions"]:
        if "options" in q:
            assert shown.get(q["id"], shown["shared"]) == q["options"], q["id"]
