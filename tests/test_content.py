"""Lesson content files: every shipped file loads, and a broken file gets a message that names the
file, the item, the field and what was expected (a malformed file names the line)."""
import json

import pytest

from beyond_borders.content import ContentError, load_content
from beyond_borders.content.kinds import KINDS
from beyond_borders.content.load import CONTENT_DIR, content_path

SHIPPED = sorted(CONTENT_DIR.glob("*.json"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_content_file_loads(path):
    lesson, kind = path.stem.split("_", 1)
    assert kind in KINDS, f"{path.name}: no kind {kind!r}"
    doc = load_content(lesson, kind)
    assert doc["lesson"] == lesson


def test_the_three_lessons_have_their_content():
    assert {p.name for p in SHIPPED} >= {"04_hedging.json", "07_decisions.json", "09_article.json"}


def test_load_returns_a_fresh_copy():
    first = load_content("04", "hedging")
    first["items"].clear()
    assert len(load_content(4, "hedging")["items"]) == 22


def _write(tmp_path, name, change):
    """The shipped file ``name``, changed by ``change(doc)``, written to ``tmp_path``."""
    doc = json.loads((CONTENT_DIR / name).read_text(encoding="utf-8"))
    change(doc)
    (tmp_path / name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _message(tmp_path, lesson, kind):
    with pytest.raises(ContentError) as err:
        load_content(lesson, kind, tmp_path)
    return str(err.value)


BROKEN = [
    ("04_hedging.json", lambda d: d["items"][0].update(id="2025-06-13-no-such-event"),
     "04_hedging.json: item '2025-06-13-no-such-event', field 'id': "
     "unknown event or statement id '2025-06-13-no-such-event'"),
    ("04_hedging.json", lambda d: d["items"][2].update(track="moon"),
     "04_hedging.json: item '2025-06-13-unsc-emergency-meeting', field 'track': unknown track id 'moon'"),
    ("04_hedging.json", lambda d: d["items"][1].pop("label"),
     "04_hedging.json: item '2025-06-13-parliament-resolutions', field 'label': "
     "missing (expected non-empty text)"),
    ("04_hedging.json", lambda d: d["tracks"].append({"id": "iran", "label": "Again"}),
     "04_hedging.json: field 'tracks': track 'iran' appears twice"),
    ("04_hedging.json", lambda d: d["markers"][0].update(date="2025-07-01"),
     "04_hedging.json: marker 1, field 'date': expected a date from 2025-06-13 to 2025-06-26; "
     "got \"2025-07-01\""),
    ("07_decisions.json", lambda d: d["decision_points"][1]["situation"][2]["sources"].append("no-such-page"),
     "07_decisions.json: decision point '07-dp2', situation item 3, field 'sources': "
     "unknown source id 'no-such-page'"),
    ("07_decisions.json", lambda d: d["decision_points"][2].update(id="07-dp1"),
     "07_decisions.json: field 'decision_points': decision point '07-dp1' appears twice"),
    ("07_decisions.json", lambda d: d["decision_points"][0].update(id="08-dp1"),
     "07_decisions.json: decision point '08-dp1', field 'id': expected an id starting 07-; got \"08-dp1\""),
    ("07_decisions.json", lambda d: d.update(lesson="7"),
     "07_decisions.json: field 'lesson': expected a two-digit lesson number such as \"04\"; got \"7\""),
    ("09_article.json", lambda d: d["verdicts"][1]["evidence"].append("st-nobody-said-this"),
     "09_article.json: verdict on claim 'c5', field 'evidence': "
     "unknown event, statement or account id 'st-nobody-said-this'"),
    ("09_article.json", lambda d: d["claims"].append({"id": "c2", "text": "Again."}),
     "09_article.json: field 'claims': claim 'c2' appears twice"),
    ("09_article.json", lambda d: d["verdicts"][0].update(verdict="true"),
     "09_article.json: verdict on claim 'c1', field 'verdict': unknown verdict word id 'true'"),
    ("09_article.json", lambda d: d["article"]["paragraphs"][3]["claims"].remove("c7"),
     "09_article.json: claim 'c7': expected in exactly one paragraph of the article; found in 0"),
    ("09_article.json", lambda d: d["verdicts"][1].update(claim="c9"),
     "09_article.json: verdict on claim 'c9', field 'claim': unknown claim id 'c9'"),
    ("09_article.json", lambda d: d["article"].update(headline=""),
     "09_article.json: field 'article.headline': expected non-empty text; got \"\""),
    ("09_article.json", lambda d: d.update(lesson="08"),
     "09_article.json: field 'lesson': expected '09' (the lesson in the file name); got '08'"),
]


@pytest.mark.parametrize("name,change,message", BROKEN,
                         ids=[f"{name[:-5]}-{i}" for i, (name, _c, _m) in enumerate(BROKEN, 1)])
def test_a_broken_file_gets_the_exact_message(tmp_path, name, change, message):
    _write(tmp_path, name, change)
    lesson, kind = name[:-5].split("_", 1)
    assert _message(tmp_path, lesson, kind) == message


def test_every_problem_gets_its_own_line(tmp_path):
    def two(d):
        d["items"][0].update(track="moon")
        d["markers"].append({"date": "13 June", "label": "x"})
    _write(tmp_path, "04_hedging.json", two)
    assert _message(tmp_path, "04", "hedging").splitlines() == [
        "04_hedging.json: item '2025-06-13-pakistan-condemns-israeli-attack', field 'track': "
        "unknown track id 'moon'",
        "04_hedging.json: marker 4, field 'date': expected a date written YYYY-MM-DD; got \"13 June\""]


def test_bad_json_names_the_line(tmp_path):
    (tmp_path / "04_hedging.json").write_text('{"lesson": "04",\n "tracks": [\n  {"id": "iran",}\n ]}',
                                             encoding="utf-8")
    assert _message(tmp_path, "04", "hedging") == (
        "04_hedging.json: not valid JSON: Expecting property name enclosed in double quotes "
        "at line 3, column 17")


def test_missing_file_and_unknown_kind(tmp_path):
    assert _message(tmp_path, 4, "hedging") == f"04_hedging.json: no such content file in {tmp_path}"
    assert _message(tmp_path, 4, "songs") == "no kind of content called 'songs'; known: hedging, decisions, article"
    assert content_path(4, "hedging", tmp_path) == tmp_path / "04_hedging.json"


def test_a_file_that_is_not_an_object(tmp_path):
    (tmp_path / "09_article.json").write_text("[]", encoding="utf-8")
    assert _message(tmp_path, "09", "article") == "09_article.json: expected a JSON object; got []"


def test_unexpected_fields_are_named_with_the_known_ones(tmp_path):
    _write(tmp_path, "04_hedging.json", lambda d: d["tracks"][0].update(colour="red"))
    assert _message(tmp_path, "04", "hedging") == (
        "04_hedging.json: track 'iran': unexpected field 'colour' (known: id, label)")
