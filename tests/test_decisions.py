"""Decision points: the steps cannot be skipped (interests before options, a memo of the set
length before the reveal), the learner's own option counts, saving writes one honest file and
never overwrites someone else's, and what is drawn shows the brief, the rubric and, only after
the reveal, every role's outcome and the debrief."""
import copy
import errno
import json
import os
import re
import tempfile

import pytest

from beyond_borders import data
from beyond_borders.content import ContentError
from beyond_borders.views.lessons import decision_render as R
from beyond_borders.views.lessons.decision_files import (FORMAT, MAX_BYTES, choice_record, read_json,
                                                         record_problem, save_choice)
from beyond_borders.views.lessons.decision_steps import choice_code, lock_reason, step
from beyond_borders.views.lessons.decisions import (DecisionPoint, all_decision_points, decision_point,
                                                    get_decision_point, load_decision_points, word_count)

MEMO = ("I recommend condolences that name no country, because the brief shows partners on every side. "
        * 8).strip()


@pytest.fixture(scope="module")
def sources():
    return data.load_sources()


def three_roles(dp):
    """07-dp1 with two more roles (copies with their own ids, interests and outcomes), as the
    spec's points will have: Pakistan first, then Iran and an outside power."""
    dp = copy.deepcopy(dp)
    base = dp["roles"][0]
    for rid, actor in (("iran", "iran"), ("china", "china")):
        role = copy.deepcopy(base)
        role.update(id=rid, actor=actor, title=f"Adviser in the {actor} capital",
                    interests=[f"{rid} interest {i}" for i in range(1, 6)])
        role["outcome"] = dict(base["outcome"], summary=f"What {rid} did, in a sentence.", closest=None)
        dp["roles"].append(role)
    return dp


@pytest.fixture()
def dp():
    return three_roles(get_decision_point("07-dp1"))


@pytest.fixture()
def widget(dp, sources, tmp_path):
    return DecisionPoint(dp, sources, folder=tmp_path)


def rank(w, n=3):
    role = next(r for r in w.dp["roles"] if r["id"] == w.role)
    for box, interest in zip(w.ranks[:n], role["interests"]):
        box.value = interest


def finish(w, option="b", memo=MEMO, own=""):
    rank(w)
    w.choice.value = option
    w.own.value = own
    w.memo_text.value = memo


# -- the steps, as pure functions -----------------------------------------------------------------

def test_each_step_waits_for_the_one_before(dp):
    interests = dp["roles"][0]["interests"][:3]
    assert step(dp, "nobody", interests, "b", "", MEMO) == "role"
    assert step(dp, "pakistan", interests[:2], "b", "", MEMO) == "interests"
    assert step(dp, "pakistan", [interests[0]] * 3, "b", "", MEMO) == "interests"
    assert step(dp, "pakistan", ["iran interest 1", *interests[:2]], "b", "", MEMO) == "interests"
    assert step(dp, "pakistan", interests, "", "", MEMO) == "option"
    assert step(dp, "pakistan", interests, "e", "", MEMO) == "option"
    assert step(dp, "pakistan", interests, "own", "Wait.", MEMO) == "option"
    assert step(dp, "pakistan", interests, "own", "Call Riyadh and Tehran privately first.", MEMO) == "ready"
    assert step(dp, "pakistan", interests, "b", "", "word " * 99) == "memo"
    assert step(dp, "pakistan", interests, "b", "", "word " * 100) == "ready"
    assert "each one once" in lock_reason(dp, "pakistan", [interests[0]] * 3, "b", "", MEMO)
    assert "(2 of 3 chosen)" in lock_reason(dp, "pakistan", interests[:2], "b", "", MEMO)
    assert "at least 100 words (99 so far)" in lock_reason(dp, "pakistan", interests, "b", "", "w " * 99)
    assert "at least 5 words (1 so far)" in lock_reason(dp, "pakistan", interests, "own", "Wait.", MEMO)
    assert lock_reason(dp, "pakistan", interests, "b", "", MEMO) == ""


@pytest.mark.parametrize("text,n", [("", 0), (None, 0), ("one two  three", 3), ("— , ; !", 0),
                                    ("Pakistan's co-sponsorship, 11 March", 4)])
def test_word_count(text, n):
    assert word_count(text) == n


def test_choice_code_names_point_role_option_and_interest_numbers(dp):
    role = dp["roles"][0]
    ranking = [role["interests"][2], role["interests"][0], role["interests"][4]]
    assert choice_code("07-dp1", role, ranking, "own") == "07-dp1/pakistan/own/3-1-5"


# -- the widget --------------------------------------------------------------------------------------

def test_options_stay_hidden_until_three_interests_are_ranked(widget):
    assert widget.role == "pakistan" and widget.role_pick.value == "pakistan"   # the first role
    assert widget.options_box.layout.display == "none" and widget.button.disabled
    rank(widget, 2)
    assert widget.options_box.layout.display == "none" and "(2 of 3 chosen)" in widget.status.value
    widget.ranks[2].value = widget.ranks[0].value
    assert widget.options_box.layout.display == "none" and "each one once" in widget.status.value
    rank(widget)
    assert widget.options_box.layout.display == "" and widget.memo_box.layout.display == ""
    assert "<strong>a)</strong>" in widget.options_table.value and "What it could cost" in widget.options_table.value


def test_cannot_reveal_or_save_before_every_step(widget, tmp_path):
    assert not widget._on_reveal() and not widget._on_save()
    rank(widget)
    widget.choice.value = "b"
    widget.memo_text.value = "word " * 99
    assert widget.button.disabled and widget.save.disabled and "99 words (at least 100)" in widget.count.value
    assert not widget._on_reveal() and widget.reveal.value == "" and not widget.revealed
    assert not widget._on_save() and not (tmp_path / "decisions").exists()
    assert "at least 100 words (99 so far)" in widget.saved.value
    widget.memo_text.value += " more"
    assert not widget.button.disabled and not widget.save.disabled and "100 words" in widget.count.value


def test_reveal_shows_every_roles_outcome_and_the_debrief_and_locks_the_inputs(widget, dp):
    first = repr(widget)
    finish(widget)
    assert repr(widget) == first                       # stable while the learner works
    widget.button.click()
    shown = widget.reveal.value.replace("&#x27;", "'")
    assert widget.revealed and "age-old convention" in shown
    for role in dp["roles"]:
        assert role["outcome"]["summary"] in shown
    for question in dp["debrief"]:
        assert question in shown
    assert "closest to your choice, option b" in shown and "Your memo:" in shown
    assert shown.index("What Pakistan did") < shown.index("What Iran did") < shown.index("Debrief")
    assert all(c.disabled for c in (widget.role_pick, *widget.ranks, widget.choice, widget.memo_text))
    widget.choice.value = "a"                          # locked: the revealed text stays
    assert "Your choice:</strong> b)" in widget.reveal.value
    assert repr(widget).endswith("(3 roles; revealed, pakistan chose b)") and len(repr(widget)) <= 109


def test_the_learners_own_option_is_offered_needs_words_and_is_shown(widget):
    assert widget.choice.options[-1] == ("My own option", "own")
    finish(widget, option="own", own="")
    assert widget.own.layout.display == "" and widget.button.disabled
    widget.own.value = "Send the foreign minister to Tehran and Riyadh before any statement."
    assert not widget.button.disabled
    widget.button.click()
    assert "My own option: Send the foreign minister" in widget.reveal.value
    assert "you chose your own option" in widget.reveal.value


def test_changing_role_shows_its_brief_interests_and_options(widget, dp):
    rank(widget)
    widget.role_pick.value = "iran"
    assert widget.role == "iran" and widget.ranking == [] and widget.option == ""
    assert "Adviser in the iran capital" in widget.role_text.value
    assert [o[1] for o in widget.ranks[0].options][1:] == dp["roles"][1]["interests"]
    assert widget.options_box.layout.display == "none"        # this role's interests come first


def test_reveal_escapes_what_the_learner_wrote(widget):
    finish(widget, memo="<script>alert(1)</script> " + MEMO)
    widget.button.click()
    assert "<script>" not in widget.reveal.value and "&lt;script&gt;" in widget.reveal.value


def test_repr_is_short_and_keeps_lesson_07s_wording(sources):
    for point in load_decision_points("07"):
        w = DecisionPoint(point, sources)
        shape = (f"{len(point['roles'])} roles" if len(point["roles"]) > 1
                 else f"{len(point['roles'][0]['options'])} options")
        assert repr(w) == f"Decision point {point['id']}, {R.day(point['date'])}: {point['title']} ({shape}; not revealed yet)"
    long = copy.deepcopy(point)
    long["title"] = "A very long title " * 8
    assert len(repr(DecisionPoint(long, sources))) <= 109


def test_factory_and_lookups():
    assert isinstance(decision_point("07-dp2"), DecisionPoint)
    assert "no decision point" in decision_point("07-dp9").value
    with pytest.raises(ContentError, match="no decision point '07-dp9'"):
        get_decision_point("07-dp9")
    assert {"07-dp1", "07-dp2", "07-dp3"} <= set(all_decision_points())


# -- saving and loading ----------------------------------------------------------------------------

def test_save_writes_one_complete_file_beside_the_notebook(widget, tmp_path):
    finish(widget)
    widget.name.value = "Group 4"
    assert widget._on_save()
    path = tmp_path / "decisions" / "07-dp1-pakistan.json"
    saved = json.loads(path.read_text(encoding="utf-8"))
    interests = widget.dp["roles"][0]["interests"][:3]
    assert saved | {"saved_at": None} == {
        "format": FORMAT, "decision_point": "07-dp1", "role": "pakistan", "learner": "Group 4",
        "interests": interests, "option": "b", "own_option": "", "memo": MEMO, "memo_words": word_count(MEMO),
        "code": "07-dp1/pakistan/b/1-2-3", "revealed_before_save": False, "saved_at": None}
    assert "Saved to decisions/07-dp1-pakistan.json" in widget.saved.value and "07-dp1/pakistan/b/1-2-3" in widget.saved.value
    assert sorted(os.listdir(path.parent)) == ["07-dp1-pakistan.json"]      # no temporary file left
    widget.memo_text.value = MEMO + " Fallback: ask China to mediate."
    assert widget._on_save() and "Updated your saved choice" in widget.saved.value
    assert sorted(os.listdir(path.parent)) == ["07-dp1-pakistan.json"]


def test_save_never_overwrites_another_learners_file(widget, tmp_path):
    folder = tmp_path / "decisions"
    folder.mkdir()
    theirs = folder / "07-dp1-pakistan.json"
    theirs.write_text(json.dumps({"format": FORMAT, "decision_point": "07-dp1", "role": "pakistan",
                                  "learner": "Ana"}), encoding="utf-8")
    (folder / "07-dp1-pakistan-2.json").write_text("not JSON at all", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    finish(widget)
    widget.name.value = "Ben"
    assert widget._on_save()
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.name in before} == before
    assert json.loads((folder / "07-dp1-pakistan-3.json").read_text())["learner"] == "Ben"
    assert "holds a choice saved under another name" in widget.saved.value.replace("&#x27;", "'")


def test_any_change_after_saving_says_the_file_is_out_of_date(widget, tmp_path):
    finish(widget)
    widget.name.value = "Group 1"
    assert widget._on_save() and "Saved to" in widget.saved.value
    for change in (lambda: setattr(widget.memo_text, "value", MEMO + " More."),
                   lambda: setattr(widget.choice, "value", "c"),
                   lambda: setattr(widget.name, "value", "Group 2"),
                   lambda: setattr(widget.ranks[0], "value", widget.ranks[2].options[5][1])):
        assert widget._on_save() and "Changed since you saved" not in widget.saved.value
        change()
        assert "Changed since you saved: press Save my choice again" in widget.saved.value
        assert "Saved to" not in widget.saved.value and "Updated" not in widget.saved.value


def test_saving_again_under_a_corrected_or_empty_name_replaces_this_sessions_own_file(widget, tmp_path):
    finish(widget)
    widget.name.value = "Group 1"
    assert widget._on_save()
    widget.choice.value = "c"
    widget.name.value = "Group 2"
    assert widget._on_save() and "Updated your saved choice" in widget.saved.value
    widget.name.value = ""
    assert widget._on_save()
    folder = tmp_path / "decisions"
    assert sorted(os.listdir(folder)) == ["07-dp1-pakistan.json"]
    saved = json.loads((folder / "07-dp1-pakistan.json").read_text(encoding="utf-8"))
    assert (saved["option"], saved["learner"]) == ("c", "")


def test_a_file_someone_else_wrote_since_is_not_this_sessions_to_replace(widget, tmp_path):
    finish(widget)
    widget.name.value = "Group 1"
    assert widget._on_save()
    path = tmp_path / "decisions" / "07-dp1-pakistan.json"
    theirs = json.loads(path.read_text(encoding="utf-8")) | {"learner": "Ana"}
    path.write_text(json.dumps(theirs), encoding="utf-8")              # replaced by another learner
    widget.name.value = "Group 2"
    assert widget._on_save()
    assert json.loads(path.read_text(encoding="utf-8"))["learner"] == "Ana"
    message = widget.saved.value.replace("&#x27;", "'")
    assert "07-dp1-pakistan-2.json" in message and "Write your name" not in message   # a name was typed


def test_a_save_after_the_reveal_says_so_in_the_file(widget, tmp_path):
    finish(widget)
    assert widget._on_save()
    path = tmp_path / "decisions" / "07-dp1-pakistan.json"
    assert json.loads(path.read_text(encoding="utf-8"))["revealed_before_save"] is False
    assert widget._on_reveal() and widget._on_save()
    assert json.loads(path.read_text(encoding="utf-8"))["revealed_before_save"] is True


def test_a_read_only_folder_gets_a_plain_message_and_the_choice_code(dp, sources, tmp_path, monkeypatch):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)   # as a read-only disk answers, even for root
    w = DecisionPoint(dp, sources, folder=tmp_path)
    finish(w)
    assert not w._on_save()
    assert "cannot be written (Read-only file system)" in w.saved.value and "07-dp1/pakistan/b/1-2-3" in w.saved.value


def test_a_folder_that_is_a_file_gets_a_plain_message(dp, sources, tmp_path):
    (tmp_path / "decisions").write_text("in the way", encoding="utf-8")   # works even as root
    w = DecisionPoint(dp, sources, folder=tmp_path)
    finish(w)
    assert not w._on_save() and "Could not save your choice" in w.saved.value
    assert "choice code 07-dp1/pakistan/b/1-2-3" not in w.saved.value and "07-dp1/pakistan/b/1-2-3" in w.saved.value


def test_load_saved_puts_a_choice_back_and_refuses_broken_files(widget, dp, sources, tmp_path):
    finish(widget, option="own", own="Send envoys to Tehran and Riyadh before any statement.")
    widget.name.value = "Ana"
    widget._on_save()
    fresh = DecisionPoint(dp, sources, folder=tmp_path)
    assert fresh.load_saved() == "Loaded 07-dp1-pakistan.json."
    assert (fresh.ranking, fresh.option, fresh.memo, fresh.learner) == (widget.ranking, "own", MEMO, "Ana")
    assert fresh.own_option.startswith("Send envoys") and not fresh.button.disabled
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": FORMAT, "decision_point": "07-dp1", "role": "pakistan", "learner": "",
                               "interests": ["x", "y", "z"], "option": "b", "memo": MEMO}), encoding="utf-8")
    assert "three different interests" in fresh.load_saved(bad)
    assert fresh.option == "own"                       # nothing changed


def record(dp, **change):
    interests = dp["roles"][0]["interests"][:3]
    rec = choice_record(dp, "pakistan", interests, "b", "", MEMO, "Ana")
    rec.update(change)
    return rec


@pytest.mark.parametrize("change,problem", [
    ({"format": "something else"}, "not a saved choice (its 'format' is not"),
    ({"decision_point": "99-dp1"}, "unknown decision point '99-dp1' (known: 07-dp1)"),
    ({"role": "mars"}, "07-dp1 has no role 'mars' (roles: pakistan, iran, china)"),
    ({"option": "z"}, "07-dp1, role pakistan: unknown option 'z' (options: a, b, c, d, own)"),
    ({"interests": ["a", "b"]}, "07-dp1, role pakistan: 'interests' should be three different interests of the role"),
    ({"interests": "all of them"}, "field 'interests' should be a list of three texts"),
    ({"memo": 42}, "field 'memo' should be text"),
    ({"learner": None}, "field 'learner' should be text"),
    ({"own_option": ["x"]}, "field 'own_option' should be text"),
    ({"revealed_before_save": "no"}, "field 'revealed_before_save' should be true or false"),
    ({"memo": "w " * 30_000}, "field 'memo' is longer than 40000 characters"),
])
def test_a_hostile_record_gets_one_plain_line(dp, change, problem):
    assert record_problem(record(dp), {"07-dp1": dp}) == ""
    assert record_problem(record(dp, **change), {"07-dp1": dp}).startswith(problem)


@pytest.mark.parametrize("content,problem", [
    (b"[" * 100_000, "larger than 64 kB"),
    (b"[" * 5_000 + b"]" * 5_000, "not valid JSON"),
    (b'{"a": [[["deep"]]]}', "nested more than 3 levels deep"),
    (b"\xff\xfe{}", "not UTF-8 text"),
    (b'{"memo": 1' + b"0" * 5000 + b"}", "not valid JSON"),
    (b"", "not valid JSON (line 1)"),
])
def test_a_hostile_file_is_refused_in_a_few_words(tmp_path, content, problem):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    value, found = read_json(path)
    assert value is None and found.startswith(problem)
    assert MAX_BYTES == 64_000


def test_choice_record_refuses_an_unfinished_choice(dp):
    with pytest.raises(ValueError, match="Rank three interests"):
        choice_record(dp, "pakistan", [], "b", "", MEMO)


# -- drawing -----------------------------------------------------------------------------------

def test_still_view_and_brief_show_roles_options_and_rubric_but_no_outcome(dp, sources):
    still = R.still_html(dp, sources).replace("&#x27;", "'")
    for role in dp["roles"]:
        assert role["title"] in still and role["interests"][0] in still
        assert role["outcome"]["summary"] not in still
        for step_ in role["outcome"]["steps"]:
            assert step_["text"][:50] not in still
    for criterion in dp["memo"]["rubric"]:
        assert criterion["criterion"] in still and criterion["descriptor"][:40] in still
    assert "How a memo is read (12 points)" in still
    assert not any(q in still for q in dp["debrief"]) and "age-old convention" not in still
    assert "1 March 2026" in R.situation_html(dp)


def test_reveal_links_every_source_it_cites(dp, sources):
    out = R.reveal_html(dp, "pakistan", dp["roles"][0]["interests"][:3], "a", "", MEMO, sources)
    cited = set(R.brief_source_ids(dp)) | {i for r in dp["roles"] for s in r["outcome"]["steps"] for i in s["sources"]}
    assert out.count("<a href=") == len(cited)
    by_id = sources.set_index("id")
    for sid in cited:
        assert by_id.loc[sid, "url"].replace("&", "&amp;") in out
    assert "closest to option b; you chose option a" in out
    assert len(re.findall("bb-decision-outcome", out)) == 3


def test_sources_html_marks_unknown_ids(sources):
    out = R.sources_html(["un-2026-03-11-sc16315", "nope"], sources)
    assert "press.un.org" in out and "nope</code> (not in sources.csv)" in out


def test_the_sites_still_view_shows_every_role_and_the_rubric_never_an_outcome(dp, sources, tmp_path):
    import ipywidgets as W

    from beyond_borders.publish.widgets import WidgetRenderer
    w = DecisionPoint(dp, sources, folder=tmp_path)
    finish(w)
    w.button.click()                                      # even a revealed widget's page tells nothing
    models = W.Widget.get_manager_state(drop_defaults=False)["state"]
    page = WidgetRenderer(models, images=None).view(w.model_id, repr(w)).replace("&#x27;", "'")
    for role in dp["roles"]:
        assert role["brief"] in page and role["options"][-1]["label"] in page and role["interests"][-1] in page
        assert role["outcome"]["summary"] not in page
    assert dp["memo"]["rubric"][0]["descriptor"] in page and dp["situation"][0]["text"] in page
    assert "age-old convention" not in page and dp["debrief"][0] not in page and MEMO[:40] not in page
    assert page.count("class='bb-decision-still'") == 1
    assert "there is no Save or Reveal button" in page and "role card" in page   # the paper's own way


def test_the_rank_boxes_and_buttons_fit_a_narrow_cell(widget):
    """Full-width interest boxes with the label above; buttons as wide as their label (F2)."""
    assert all(box.layout.width == "100%" and not box.description for box in widget.ranks)
    for button in (widget.button, widget.save):
        assert button.layout.width == "auto" and button.layout.min_width == "max-content"
