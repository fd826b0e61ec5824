"""The real grader marks matching and chain answers with the learner's own marking code: right
answers in several forms, partial, wrong, and hostile values (huge dicts and strings, nested
objects, text whose methods would kill the kernel if anything called them). Answers reach the
marker as data; no method a learner wrote ever runs, in the kernel's collector or in the grader.
"""
from __future__ import annotations

import json
from pathlib import Path

from beyond_borders.checks import bank
from tests.test_grading import course, grade_cli, notebook, read_rows, save

KEY = json.loads((Path(__file__).parent / "data" / "keys" / "98.json").read_text(encoding="utf-8"))
TRAP = ("import os\n"
        "def _die(*args, **kwargs):\n    os._exit(7)\n"
        "class Trap(str):\n"
        "    __eq__ = __hash__ = __str__ = __repr__ = __len__ = __iter__ = strip = lower = split = _die\n"
        "class Thing:\n"
        "    __eq__ = __hash__ = __str__ = __repr__ = __len__ = __iter__ = __getattr__ = _die\n")
SUBMISSIONS = {  # student: (cells, 98.1 points, 98.2 points, 98.3 points)
    "right": ('answer_98_1 = {1: "b", 2: "A", 3: "says nothing about it"}\nanswer_98_2 = (3, "c")\n'
              'answer_98_3 = "b"', "2", "2", "1"),
    "forms": ('answer_98_1 = "1b 2a 3c"\nanswer_98_2 = {"step": 3, "error": "c"}\nanswer_98_3 = "B"',
              "2", "2", "1"),
    "partial": ('answer_98_1 = ["b", "a", "a"]\nanswer_98_2 = "3"\nanswer_98_3 = ...', "1", "1", "0"),
    "wrong": ('answer_98_1 = {1: "a", 2: "b", 3: "a"}\nanswer_98_2 = (2, "c")\nanswer_98_3 = "a"',
              "0", "0", "0"),
    "huge": ('answer_98_1 = {i: "a" for i in range(200_000)}\nanswer_98_2 = "3" * 10**6\n'
             'answer_98_3 = ["b"] * 50_000', "0", "0", "0"),
    "nested": ('answer_98_1 = {1: {"b": [1, {2: ["c"]}]}, 2: [[["a"]]]}\nanswer_98_2 = ((3,), ("c",))\n'
               'answer_98_3 = {"b": "b"}', "0", "0", "0"),
    "traps": (TRAP + 'answer_98_1 = {1: Trap("b"), 2: Trap("a"), 3: Trap("c")}\n'
              'answer_98_2 = (3, Trap("c"))\nanswer_98_3 = Thing()', "2", "2", "0"),
}


def test_the_grader_marks_matching_and_chain_answers_as_data(tmp_path):
    with course(tmp_path) as qdir:  # the grading tests' banks, and lesson 98's beside them
        (qdir / "98.json").write_text(json.dumps(bank.seal(KEY), indent=1), encoding="utf-8")
        for student, (code, *_marks) in SUBMISSIONS.items():
            save(tmp_path / "subs" / f"{student}__98_fixture.ipynb", notebook(code, lesson="98"))
        code, out = grade_cli("subs", "--out", "gradebook.csv", "--feedback", "feedback", "--jobs", "2",
                              "--cell-timeout", "20", "--notebook-timeout", "60")
        rows = {r["student"]: r for r in read_rows(tmp_path / "gradebook.csv")}
        feedback = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "feedback").iterdir()}
    assert code == 0, out
    bad = []
    for student, (_code, p1, p2, p3) in SUBMISSIONS.items():
        row = rows[student]
        got = (row["status"], row["98.1"], row["98.2"], row["98.3"], row["98.4"])
        if got != ("ok", p1, p2, p3, "unanswered"):
            bad.append(f"{student}: got {got}, want {('ok', p1, p2, p3, 'unanswered')} ({row['problems']})")
    assert not bad, "\n".join(bad)
    partial = feedback["partial__lesson_98.md"]
    assert "2 of the 3 pairs are right" in partial and "Step 3 is the faulty one" in partial
    assert KEY["questions"][1]["feedback"]["error"] not in partial  # the right error is not told
    wrong = feedback["wrong__lesson_98.md"]
    assert "0 of the 3 pairs are right" in wrong and "Step 2 is not the faulty one" in wrong
    for prompt, words in KEY["questions"][0]["feedback"].items():
        assert words not in wrong
    huge = feedback["huge__lesson_98.md"]
    assert "too large to read" in huge and "Traceback" not in "".join(feedback.values())
