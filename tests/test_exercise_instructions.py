"""The exercise sheets' instructions tell learners what ``score()`` marks: the values the answer
variables hold now (walkthrough 4 found a learner expecting it to remember earlier checks)."""
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHEETS = sorted((ROOT / "solutions").glob("0*.ipynb")) + sorted((ROOT / "exercises").glob("0*.ipynb"))


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_instructions_say_score_marks_what_the_variables_hold_now(sheet):
    first = "".join(json.loads(sheet.read_text(encoding="utf-8"))["cells"][0]["source"])
    assert "(`score()`) marks what those variables hold now" in first
    assert "after a restart, run the\nanswer cells again" in first
