"""The entity names the marker shares with the data: read from the same files as the loader, no
name shared by two entities, and — a property — no name of one entity marks correct for a
question whose answer is another."""
import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from beyond_borders import data
from beyond_borders.checks import bank, entities, texts
from beyond_borders.checks.marking import mark

ROOT = Path(__file__).resolve().parents[1]
NAMES = entities.names()
IDS = sorted(NAMES)


def test_the_marker_reads_the_same_data_as_the_loader():
    actors, places = data.load_actors(), data.load_places()
    for df in (actors, places):
        for _, row in df.iterrows():
            assert NAMES[row["id"]] == (row["name"], *entities.split_aliases(row["aliases"]))


def test_no_name_is_shared_by_two_entities():
    owner = {}
    for eid, keys in entities.keys_by_entity().items():
        for k in keys:
            assert owner.setdefault(k, eid) == eid, f"{k!r} names both {owner[k]} and {eid}"


def test_aliases_are_clean():
    """';'-separated, no blanks, no alias repeating the name or another alias (spelling variants
    the marker would fold anyway, like 'Jaysh al-Adl', stay: the column is read by people too)."""
    for eid, (name, *aliases) in NAMES.items():
        assert all(a and a == a.strip() for a in aliases), eid
        folded = [a.casefold() for a in [name, *aliases]]
        assert len(set(folded)) == len(folded), eid


def test_answer_keys_point_only_at_entities_that_exist():
    for path in sorted((ROOT / "instructors" / "answer_keys").glob("*.json")):
        for q in json.loads(path.read_text(encoding="utf-8"))["questions"]:
            if q.get("entity"):
                assert q["entity"] in NAMES, (q["id"], q["entity"])
                assert q["type"] == "text"


def _question_about(eid: str) -> tuple[dict, dict]:
    key = {"lesson": "98", "title": "t", "salt": "prop", "questions": [
        {"id": "98.1", "type": "text", "answer": NAMES[eid][0], "entity": eid}]}
    sealed = bank.seal(key)
    return sealed, sealed["questions"][0]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(IDS), st.sampled_from(IDS), st.data())
def test_no_name_of_another_entity_marks_correct(answer_id, other_id, draw):
    if answer_id == other_id:
        return
    sealed, q = _question_about(answer_id)
    name = draw.draw(st.sampled_from(NAMES[other_id]))
    assert mark(sealed, q, name).status != "correct", (answer_id, other_id, name)


NEAR_PAIRS = sorted({(a, b) for a in IDS for k in entities.keys_by_entity()[a]
                     for b in entities.nearest(k, within=2) if b != a})


@pytest.mark.parametrize("answer_id,other_id", NEAR_PAIRS)
def test_near_namesakes_never_pass_for_each_other(answer_id, other_id):
    """Every pair of entities whose names lie within two edits, checked exhaustively."""
    sealed, q = _question_about(answer_id)
    for name in NAMES[other_id]:
        assert mark(sealed, q, name).status != "correct", (answer_id, other_id, name)


@pytest.mark.parametrize("eid", ["jmm", "gilgit_baltistan", "imctc", "qatar", "iverify_pakistan"])
def test_every_name_of_the_answer_entity_marks_correct(eid):
    sealed, q = _question_about(eid)
    for name in NAMES[eid]:
        assert mark(sealed, q, name).status == "correct", name


def test_sealed_text_questions_keep_no_plain_answer_entity_or_confusion():
    for lesson in bank.lessons():
        raw = (bank.QUESTION_DIR / f"{lesson}.json").read_text(encoding="utf-8")
        for q in json.loads(raw)["questions"]:
            assert "entity" not in q and "answer" not in q and "accept_variants" not in q
            assert all(len(k) == 32 for k in q.get("confusions", {}))


def test_a_malformed_aliases_cell_is_one_clear_validation_error(tmp_path):
    import shutil
    for p in (ROOT / "datasets").iterdir():
        if p.is_file():
            shutil.copy(p, tmp_path / p.name)
    text = (tmp_path / "actors.csv").read_text(encoding="utf-8")
    (tmp_path / "actors.csv").write_text(text.replace("IMCTC\n", "IMCTC;;X\n", 1), encoding="utf-8")
    with pytest.raises(data.DataError, match="aliases"):
        data.validate(tmp_path)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.sampled_from(NEAR_PAIRS), st.tuples(st.sampled_from(IDS), st.sampled_from(IDS))),
       st.data())
def test_a_misspelt_name_of_another_entity_never_passes_when_it_is_as_near_to_that_entity(
        pair, draw):
    """A one-letter slip in B's name, marked for a question about A, is refused whenever it is at
    least as close to B as to every name of A (the typo guard). Pairs of near namesakes are drawn
    half the time, as that is where the guard matters."""
    answer_id, other_id = pair
    if answer_id == other_id:
        return
    name = texts.key(draw.draw(st.sampled_from(NAMES[other_id])))
    if not name:
        return
    i = draw.draw(st.integers(0, len(name) - 1))
    letter = draw.draw(st.sampled_from("aeiourstnlkbdz"))
    slip = draw.draw(st.sampled_from([name[:i] + letter + name[i + 1:], name[:i] + name[i + 1:],
                                      name[:i] + letter + name[i:]]))
    # Compared as the marker reads them: folded keys ("iss" reads as "is", a name of IS itself).
    slip_key = texts.key(slip)
    to_answer = min(texts.distance(slip_key, k) for k in entities.keys_by_entity()[answer_id])
    if 0 < to_answer and texts.distance(slip_key, name) <= to_answer:
        sealed, q = _question_about(answer_id)
        assert mark(sealed, q, slip).status != "correct", (answer_id, other_id, slip)
