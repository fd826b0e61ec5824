"""Every record id a question asks for can be read off the widget the exercise shows, and
counts agree with their nouns ("1 statement", never "1 statements")."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from beyond_borders import data
from beyond_borders.render.cards import statement_card
from beyond_borders.render.style import STANCE_LABELS
from beyond_borders.render.text import plural
from beyond_borders.views.statements import StatementsExplorer

ROOT = Path(__file__).resolve().parents[1]
STATEMENT_ID = re.compile(r"\bst-\d{4}-\d{2}-\d{2}-[a-z0-9-]+")
EVENT_ID = re.compile(r"(?<![\w-])\d{4}-\d{2}(?:-\d{2})?-[a-z][a-z0-9-]+")


def _key_text(q: dict) -> str:
    return json.dumps([q.get("answer"), q.get("options"), q.get("accept"), q.get("items")])


def questions_citing_ids():
    """(lesson, question id, ids) for every question whose answer or options are record ids."""
    for path in sorted((ROOT / "instructors" / "answer_keys").glob("*.json")):
        for q in json.loads(path.read_text(encoding="utf-8"))["questions"]:
            text = _key_text(q)
            ids = set(STATEMENT_ID.findall(text)) | {e for e in EVENT_ID.findall(text)
                                                     if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", e)}
            if ids:
                yield path.stem, q["id"], sorted(ids)


def explorers_in_exercise(lesson: str):
    """The StatementsExplorer of the lesson's exercise set, built as its notebook builds it."""
    path = next((ROOT / "solutions").glob(f"{lesson}_*.ipynb"))
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or "StatementsExplorer(" not in source:
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "StatementsExplorer":
                yield eval(ast.unparse(node), {"StatementsExplorer": StatementsExplorer})  # noqa: S307


CITING = list(questions_citing_ids())


def test_some_questions_ask_for_ids():
    assert {q for _, q, _ in CITING} >= {"9.2", "9.4", "9.6", "9.8"}


@pytest.mark.parametrize("lesson, qid, ids", CITING, ids=[c[1] for c in CITING])
def test_the_exercise_shows_every_id_its_questions_cite(lesson, qid, ids):
    shown = "".join(w.cards.value for w in explorers_in_exercise(lesson))
    assert shown, f"exercise {lesson} asks for record ids ({qid}) but shows no statements explorer"
    missing = [i for i in ids if f">{i}</code>" not in shown]
    assert not missing, f"{qid} cites ids the exercise's explorer never shows: {missing}"


def test_a_statement_card_shows_its_id_and_its_events():
    st = data.load_statements()
    row = st[st["event_id"] != ""].iloc[0]
    card = statement_card(row, data.load_actors(), data.load_sources())
    assert f"statement id <code class='bb-id'>{row['id']}</code>" in card
    assert f"event id <code class='bb-id'>{row['event_id']}</code>" in card
    lone = st[st["event_id"] == ""].iloc[0]
    assert "event id" not in statement_card(lone, data.load_actors(), data.load_sources())


@pytest.mark.parametrize("n, words, expected", [
    (0, ("statement",), "0 statements"), (1, ("statement",), "1 statement"), (2, ("event",), "2 events"),
    (1204, ("statement",), "1,204 statements"), (1, ("entry", "entries"), "1 entry"),
    (3, ("entry", "entries"), "3 entries")])
def test_plural(n, words, expected):
    assert plural(n, *words) == expected


def test_explorer_says_one_statement_in_the_singular():
    st = data.load_statements()
    one = st.iloc[0]
    w = StatementsExplorer(start=one["date"], end=one["date"], speakers=[one["speaker"]])
    assert len(w.in_view()) == 1
    assert "<strong>1 statement</strong>" in w.count.value and "statements" not in w.count.value


def test_explorer_lists_only_speakers_with_statements_between_its_dates():
    w = StatementsExplorer(start="2025-09-01", end="2025-09-30")
    listed = {v for _, v in w.speaker.options}
    st = data.load_statements()
    dated = st[(st["date"] >= pd.Timestamp("2025-09-01")) & (st["date"] <= pd.Timestamp("2025-09-30"))]
    assert listed == set(dated["speaker"])
    for speaker in listed:  # no name in the list leads to an empty page
        w.speaker.value = (speaker,)
        assert len(w.in_view()) >= 1
    w.start.value = pd.Timestamp("2025-06-13").date()  # widening the dates offers more speakers
    assert {v for _, v in w.speaker.options} > listed


def test_no_raw_stance_tag_reaches_a_card():
    st = data.load_statements()
    tags = {t for v in st["stance"] for t in data.split_ids(v)}
    unnamed = sorted(t for t in tags if t not in STANCE_LABELS)
    assert not unnamed, f"stance tags shown raw on the cards: {unnamed}"
    row = st[st["stance"].str.contains("fact_check")].iloc[0]
    assert "fact check" in statement_card(row, data.load_actors(), data.load_sources())
