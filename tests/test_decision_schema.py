"""The decision-point schema (content/decision_kind.py): every shipped file loads, and a broken
point gets one message naming the decision point, the role and the field, and what was expected."""
import copy
import json

import pytest

from beyond_borders import data
from beyond_borders.content import ContentError, load_content
from beyond_borders.content.decision_kind import DECISION_POINTS, word_count
from beyond_borders.content.load import CONTENT_DIR, data_refs
from beyond_borders.content.schema import At

FILES = sorted(CONTENT_DIR.glob("*_decisions.json"))
DP = "decision point '07-dp1'"
ROLE = f"{DP}, role 'pakistan'"


@pytest.fixture(scope="module")
def refs():
    return data_refs()


@pytest.fixture()
def dp():
    return copy.deepcopy(load_content("07", "decisions")["decision_points"][0])


def problems(dp, refs=None):
    return DECISION_POINTS.check([dp], At(), refs or {})


def broken(dp, change):
    bad = copy.deepcopy(dp)
    change(bad)
    return bad


def role(d):
    return d["roles"][0]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_decision_file_loads_with_roles_memo_debrief_and_spoilers(path):
    lesson = path.stem.split("_")[0]
    for point in load_content(lesson, "decisions")["decision_points"]:
        assert point["roles"] and point["memo"]["min_words"] >= 100
        assert 4 <= len(point["memo"]["rubric"]) <= 5 and 3 <= len(point["debrief"]) <= 5
        for r in point["roles"]:
            assert 60 <= word_count(r["brief"]) <= 150, (point["id"], r["id"])
            assert 5 <= len(r["interests"]) <= 7 and 3 <= len(r["options"]) <= 4


@pytest.mark.parametrize("change,message", [
    (lambda d: role(d).update(options=role(d)["options"][:2]),
     f"{ROLE}, field 'options': expected 3 to 4 options; got 2"),
    (lambda d: role(d)["options"][1].update(key="a"), f"{ROLE}, field 'options': option 'a' appears twice"),
    (lambda d: role(d)["options"][1].update(key="e"),
     f"{ROLE}, option 'e', field 'key': expected a letter a–d; got \"e\""),
    (lambda d: role(d)["options"][0].update(costs=" "),
     f"{ROLE}, option 'a', field 'costs': expected non-empty text; got \" \""),
    (lambda d: role(d)["outcome"].update(closest="d") or role(d).update(options=role(d)["options"][:3]),
     f"{ROLE}, field 'outcome.closest': expected null or one of the option keys ['a', 'b', 'c']; got \"d\""),
    (lambda d: role(d)["outcome"]["steps"][0].update(date="2026-02-27"),
     f"{ROLE}, outcome step 1, field 'date': 2026-02-27 is before the decision date (2026-03-01); "
     "put it in the situation or the brief instead"),
    (lambda d: d.update(known_until="2026-03-02"),
     f"{DP}, field 'known_until': expected a date on or before the decision date (2026-03-01); got \"2026-03-02\""),
    (lambda d: d.update(date="1 March 2026"),
     f"{DP}, field 'date': expected a date written YYYY-MM-DD; got \"1 March 2026\""),
    (lambda d: role(d).update(brief="Too short to argue from."),
     f"{ROLE}, field 'brief': expected 60 to 150 words; got 5"),
    (lambda d: role(d)["options"][3].update(label="Wait."),
     f"{ROLE}, field 'options': option labels should be of similar length (the shortest at least 70% "
     "of the longest); option 'd' has 5 characters, option 'a' 120"),
    (lambda d: role(d).update(interests=role(d)["interests"][:4]),
     f"{ROLE}, field 'interests': expected a list of 5 to 7 interests (non-empty text); got 4"),
    (lambda d: role(d)["interests"].__setitem__(1, role(d)["interests"][0].upper()),
     f"{ROLE}, field 'interests': interest \"KEEP PAKISTAN OUT OF THE FIGHTING\" appears twice"),
    (lambda d: role(d)["interests"].__setitem__(2, 7),
     f"{ROLE}, field 'interests': expected a list of 5 to 7 interests (non-empty text); got "),
    (lambda d: role(d).pop("question"), f"{ROLE}, field 'question': missing (expected non-empty text)"),
    (lambda d: role(d).update(id="Pakistan"),
     f"{DP}, role 'Pakistan', field 'id': expected a lower-case role id such as \"pakistan\"; got \"Pakistan\""),
    (lambda d: d["roles"].append(copy.deepcopy(role(d))), f"{DP}, field 'roles': role 'pakistan' appears twice"),
    (lambda d: d.update(roles=[]), f"{DP}, field 'roles': expected at least 1 role; got 0"),
    (lambda d: d["memo"].update(min_words=15),
     f"{DP}, field 'memo.min_words': expected a whole number of at least 100; got 15"),
    (lambda d: d["memo"].update(rubric=d["memo"]["rubric"][:3]),
     f"{DP}, field 'memo.rubric': expected 4 to 5 criteria; got 3"),
    (lambda d: d["memo"]["rubric"][0].update(points=0),
     f"{DP}, criterion 'Recommendation', field 'points': expected a whole number of at least 1; got 0"),
    (lambda d: d.update(debrief=d["debrief"][:2]),
     f"{DP}, field 'debrief': expected a list of 3 to 5 debrief questions (non-empty text); got 2"),
    (lambda d: d.update(spoilers=[]),
     f"{DP}, field 'spoilers': expected a list of at least 1 spoiler (non-empty text); got 0"),
    (lambda d: d.update(undated_ok=[{"source": "recapio-nd-dar-video"}]),
     f"{DP}, undated source 'recapio-nd-dar-video', field 'reason': missing (expected non-empty text)"),
    (lambda d: role(d).update(options_=[]),
     f"{ROLE}: unexpected field 'options_' (known: id, actor, title, brief, brief_sources, interests, "
     "question, options, outcome)"),
])
def test_a_broken_point_gets_one_message_naming_point_role_and_field(dp, change, message):
    assert problems(dp) == []
    found = problems(broken(dp, change))
    assert len(found) == 1 and found[0].startswith(message), found


def test_ids_are_checked_against_the_course_data(dp, refs):
    assert problems(dp, refs) == []
    bad = broken(dp, lambda d: role(d).update(actor="atlantis") or role(d)["brief_sources"].append("no-such-page"))
    assert problems(bad, refs) == [f"{ROLE}, field 'actor': unknown actor id 'atlantis'",
                                   f"{ROLE}, field 'brief_sources': unknown source id 'no-such-page'"]


def test_the_loader_names_the_file_and_raises_a_content_error(tmp_path, dp):
    doc = json.loads((CONTENT_DIR / "07_decisions.json").read_text(encoding="utf-8"))
    role(doc["decision_points"][1])["options"][0]["label"] = ""
    (tmp_path / "07_decisions.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_content("07", "decisions", tmp_path)
    assert str(err.value) == ("07_decisions.json: decision point '07-dp2', role 'pakistan', option 'a', "
                              "field 'label': expected non-empty text; got \"\"")
