"""Decision points: the data files are sound, the reveal stays locked until the learner commits,
and the rendering shows the brief, the trade-offs and the sources (content, not just no error)."""
import copy
import json
import re

import pytest

from beyond_borders import data
from beyond_borders.content import ContentError
from beyond_borders.content.load import CONTENT_DIR
from beyond_borders.views.lessons.decisions import (DecisionPoint, decision_point, flat, get_decision_point,
                                                    load_decision_points, lock_reason, options_html,
                                                    problems, reveal_allowed, reveal_html, reveal_text,
                                                    situation_html, situation_text, sources_html,
                                                    word_count)

FILES = sorted(CONTENT_DIR.glob("*_decisions.json"))
REASONS = ("Condolences without naming anyone keep the doors open in Washington and the Gulf "
           "while speaking to feeling in Iran and at home.")


@pytest.fixture(scope="module")
def sources():
    return data.load_sources()


@pytest.fixture()
def dp():
    return flat(copy.deepcopy(get_decision_point("07-dp1")))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_decision_file_is_sound_and_cites_known_sources(path, sources):
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["lesson"] == path.stem.split("_")[0]
    known = set(sources["id"])
    ids = [dp["id"] for dp in doc["decision_points"]]
    assert len(ids) == len(set(ids))
    for dp in doc["decision_points"]:
        assert dp["id"].startswith(path.stem.split("_")[0] + "-")
        assert problems(dp, known) == [], dp["id"]
    assert len(load_decision_points(doc["lesson"])) == len(ids)


def test_lesson_07_has_the_three_decision_points_in_date_order():
    points = load_decision_points("7")
    assert [p["id"] for p in points] == ["07-dp1", "07-dp2", "07-dp3"]
    assert [p["date"] for p in points] == sorted(p["date"] for p in points)
    assert points[0]["date"] == "2026-03-01"


def test_loader_reports_missing_and_broken_files(tmp_path):
    with pytest.raises(ContentError, match="^99_decisions.json: no such content file"):
        load_decision_points("99", tmp_path)
    (tmp_path / "98_decisions.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ContentError, match="^98_decisions.json: not valid JSON: .* at line 1, column 2$"):
        load_decision_points("98", tmp_path)
    (tmp_path / "97_decisions.json").write_text(json.dumps({"lesson": "97", "decision_points": [{"id": "97-x"}]}),
                                                encoding="utf-8")
    with pytest.raises(ContentError, match="decision point '97-x', field 'date': missing"):
        load_decision_points("97", tmp_path)
    with pytest.raises(ContentError, match="no decision point '07-dp9'"):
        get_decision_point("07-dp9")


@pytest.mark.parametrize("text,n", [("", 0), (None, 0), ("one two  three", 3), ("— , ; !", 0),
                                    ("Pakistan's co-sponsorship, 11 March", 4)])
def test_word_count(text, n):
    assert word_count(text) == n


def test_reveal_needs_a_valid_choice_and_enough_words(dp):
    assert not reveal_allowed(None, REASONS, dp)
    assert not reveal_allowed("", REASONS, dp)
    assert not reveal_allowed("e", REASONS, dp)          # not an option of this point
    assert not reveal_allowed("b", "Because.", dp)
    assert not reveal_allowed("b", "   ", dp)
    assert reveal_allowed("b", REASONS, dp)
    assert reveal_allowed("a", REASONS, dp)               # any option may be revealed; none is marked
    assert reveal_allowed("b", "one two three", dp, min_words=3)
    assert reveal_allowed("b", REASONS)                   # without the point, any non-empty choice
    assert "Choose one of the options" in lock_reason(None, REASONS, dp)
    assert "at least 15 words (1 so far)" in lock_reason("b", "Because.", dp, min_words=15)
    assert lock_reason("b", REASONS, dp) == ""


def test_brief_and_options_show_facts_sources_and_trade_offs_but_not_the_outcome(dp):
    brief = situation_html(dp)
    assert "1 March 2026" in brief and dp["title"] in brief.replace("&#x27;", "'")
    assert "geo-2026-03-01-unsc-conflagration" in brief
    assert dp["question"] in brief.replace("&#x27;", "'")
    table = options_html(dp)
    assert table.count("<tr>") == 1 + len(dp["options"])
    assert "What it could gain" in table and "What it could cost" in table
    text = situation_text(dp)
    for part in (brief, table, text):
        assert dp["outcome"]["summary"][:40] not in part.replace("&#x27;", "'")
        assert "age-old convention" not in part


def test_reveal_shows_choice_reasons_outcome_and_linked_sources(dp, sources):
    out = reveal_html(dp, "a", REASONS, sources)
    assert "Your choice:</strong> a)" in out and REASONS.split(",")[0] in out
    assert "age-old convention" in out
    assert "closest to option b" in out and "you chose option a" in out
    assert "A match is not a mark" in out
    by_id = sources.set_index("id")
    cited = {i for s in dp["outcome"]["steps"] for i in s["sources"]}
    for sid in cited:
        assert f"<code>{sid}</code>" in out
        assert by_id.loc[sid, "url"].replace("&", "&amp;") in out
    assert out.count("<a href=") == len({i for it in dp["situation"] for i in it["sources"]} | cited)
    assert "closest to your choice, option b" in reveal_html(dp, "b", REASONS, sources)
    assert dp["outcome"]["caveat"][:30] in reveal_html(dp, "b", REASONS, sources).replace("&#x27;", "'")
    text = reveal_text(dp, "b")
    assert text.startswith("You chose b.") and "Closest option: b." in text
    assert len(re.findall(r"^- ", text, flags=re.M)) == len(dp["outcome"]["steps"])


def test_reveal_escapes_the_learners_text(dp, sources):
    out = reveal_html(dp, "b", "<script>alert(1)</script> " + REASONS, sources)
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_sources_html_marks_unknown_ids(sources):
    out = sources_html(["un-2026-03-11-sc16315", "nope"], sources)
    assert "press.un.org" in out and "nope</code> (not in sources.csv)" in out


def test_widget_stays_locked_until_the_learner_commits(dp):
    w = DecisionPoint(dp, min_words=15)
    first = repr(w)
    assert first == ("Decision point 07-dp1, 1 March 2026: The day after the Supreme Leader's death "
                     "(4 options; not revealed yet)")
    assert w.button.disabled and w.reveal.value == ""
    assert not w._on_reveal()                              # a click while locked does nothing
    w.choice.value = "b"
    assert w.button.disabled and "words" in w.status.value
    w.reasons.value = REASONS
    assert not w.button.disabled and repr(w) == first     # repr is stable until the reveal
    w.button.click()
    assert w.revealed and "What Pakistan did" in w.reveal.value
    assert w.choice.disabled and w.reasons.disabled and w.button.disabled
    assert repr(w).endswith("(4 options; revealed, chose b)")
    w.choice.value = "a"                                   # locked: nothing changes the revealed text
    assert "Your choice:</strong> b)" in w.reveal.value


def test_decision_point_factory(dp):
    assert isinstance(decision_point("07-dp2"), DecisionPoint)
    assert "no decision point" in decision_point("07-dp9").value
    assert len(repr(decision_point("07-dp3"))) < 110


def test_repr_fits_the_110_characters_ipywidgets_keeps(dp):
    dp["title"] = "A very long title " * 8
    w = DecisionPoint(dp)
    assert len(repr(w)) <= 109 and repr(w).endswith("… (4 options; not revealed yet)")
    for point in load_decision_points("07"):
        w = DecisionPoint(point, min_words=15)
        w.choice.value, w.reasons.value = "a", REASONS
        w.button.click()
        assert len(repr(w)) <= 109 and point["title"] in repr(w)
