"""Lessons 01–03 as a case course (issue 17): each central episode heard from Pakistan, Iran and a
third party; each central puzzle set out as rival readings with the evidence each predicts; each
exercise set mostly reasoning, with a primary document in it."""
import json
import re
from pathlib import Path

import nbformat
import pytest

from beyond_borders import data

ROOT = Path(__file__).resolve().parents[1]
LESSON = {n: next((ROOT / "lessons").glob(f"{n}_*.ipynb")) for n in ("01", "02", "03")}


def markdown(lesson: str) -> str:
    nb = nbformat.read(str(LESSON[lesson]), as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def side(actor_id: str) -> str:
    """Which voice an actor is: Pakistan's, Iran's, or a third party's (by the actor's country)."""
    country = data.load_actors().set_index("id").loc[actor_id, "country"]
    return {"PAK": "pakistan", "IRN": "iran"}.get(country, "third")


def test_january_2024_is_heard_from_both_capitals_and_from_outside():
    st = data.load_statements()
    window = st[(st["date"] >= "2024-01-16") & (st["date"] <= "2024-01-19")]
    voices = {side(s) for s in window["speaker"]}
    assert voices == {"pakistan", "iran", "third"}, voices
    outsiders = {s for s in window["speaker"] if side(s) == "third"}
    assert {"china", "usa", "antonio_guterres"} <= outsiders, outsiders


def test_zahedan_tolls_keep_each_claimant_and_the_sources_words():
    acc = data.load_accounts()
    killed = acc[(acc["event_id"] == "2022-09-30-zahedan-bloody-friday") & (acc["measure"] == "killed")]
    assert killed["claimant"].nunique() >= 4
    amnesty = killed[killed["claimant_actor"] == "amnesty_international"].iloc[0]
    assert (amnesty["low"], amnesty["qualifier"]) == (66, "at_least")  # "at least 66", never 67
    assert "sistan_baluchestan_govt" in set(killed["claimant_actor"]), "the official toll is missing"


def test_the_baloch_march_has_the_states_answer_beside_it():
    st = data.load_statements()
    on_march = st[st["event_id"] == "2023-12-06-byc-long-march"]
    assert any(side(s) == "pakistan" for s in on_march["speaker"])
    ev = data.load_events().set_index("id")
    assert "byc" in ev.loc["2023-12-06-byc-long-march", "actors"]


@pytest.mark.parametrize("lesson", ["01", "02", "03"])
def test_each_central_puzzle_sets_rival_readings_against_the_record(lesson):
    """A table whose rows say what each reading predicts and what the record contains."""
    md = markdown(lesson)
    tables = re.findall(r"(?:^\|.*\|\s*$\n?)+", md, flags=re.M)
    rival = [t for t in tables if re.search(r"predicts", t) and re.search(r"record contains", t)]
    assert rival, "no table of rival readings with their predictions and the record"
    assert not re.search(r"\bthe (correct|right|true) (reading|explanation) is\b", md, flags=re.I)


def test_lesson_02_stakes_section_tells_no_outcome():
    """The domestic-stakes passage comes before the decision point: nothing Pakistan did after 16 January."""
    nb = nbformat.read(str(LESSON["02"]), as_version=4)
    stakes = [c.source for c in nb.cells if c.source.startswith("### The stakes at home")]
    assert len(stakes) == 1
    for word in ("Saravan", "18 January", "recall", "Marg Bar", "ambassador"):
        assert word not in stakes[0], word


@pytest.mark.parametrize("lesson", ["01", "02", "03"])
def test_each_set_is_mostly_reasoning_and_reads_a_primary_document(lesson):
    key = json.loads((ROOT / "instructors" / "answer_keys" / f"{lesson}.json").read_text(encoding="utf-8"))
    marked = [q for q in key["questions"] if q["type"] != "open"]
    assert len(marked) >= 10
    recall = [q["id"] for q in marked if q["level"] == "recall"]
    assert len(recall) <= 0.2 * len(marked), recall
    docs = set(data.load_documents()["id"])
    named = {d for q in marked for d in re.findall(r"doc-[\w\-]+[a-z0-9]", q.get("explanation", ""))}
    assert named and named <= docs, named - docs
