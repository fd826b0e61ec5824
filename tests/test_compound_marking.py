"""Matching and chain items (spec §2) for a learner: every accepted answer form, partial credit, kind
notes for every wrong form, feedback that never names the option of a wrong pair, key validation,
and ``check``/``score``/``explain`` on a fixture key (tests/data/keys/98.json)."""
import copy
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from beyond_borders.checks import bank, chain, matching
from beyond_borders.checks import exercise as checks
from beyond_borders.checks import explain as ex
from beyond_borders.checks.marking import mark

KEY = json.loads((Path(__file__).parent / "data" / "keys" / "98.json").read_text(encoding="utf-8"))
RAW = bank.seal(KEY)
SEALED = bank.opened(RAW)
Q = SEALED["by_id"]
PLAIN = {q["id"]: q for q in KEY["questions"]}


def m(qid, answer):
    return mark(SEALED, Q[qid], answer)


MATCH_RIGHT = [
    {1: "b", 2: "a", 3: "c"}, {"1": "b", "2": "a", "3": "c"}, {"1": "B", 2: "A", "3 ": "c"},
    ["b", "a", "c"], ("b", "a", "c"), "1b 2a 3c", "1-b, 2-a, 3-c", "b a c", "b, a, c",
    "1: b; 2: a; 3: c", "1) b 2) a 3) c", {3: "c", 1: "b", 2: "a"},
    {1: "Contradicts it.", 2: "supports", 3: "says nothing"},
    [(1, "b"), (2, "a"), (3, "c")], "BAC", {"prompt 1": "b", "prompt 2": "a", "prompt 3": "c"},
]
MATCH_PARTIAL = [  # (answer, share of the 2 points, pairs right)
    ({1: "b", 2: "a", 3: "a"}, 0.5, 2), (["b", "a", "b"], 0.5, 2), ("1b 2a", 0.5, 2),
    ({1: "b"}, 0.25, 1), ({1: "a", 2: "a", 3: "a"}, 0.25, 1), ({1: "a", 2: "b", 3: "a"}, 0.0, 0),
    ("c c b", 0.0, 0),
]
CHAIN_RIGHT = [(3, "c"), [3, "c"], {"step": 3, "error": "c"}, {"step": "3", "error": "C"}, "3c",
               "3 c", "step 3, c", "3-c", "Step 3: error c", (3, "it uses a number no source reported"),
               ("3", "c"), {"Step": 3, "Error": "c"}]
CHAIN_PARTIAL = [  # (answer, share, status)
    ("3", 0.5, "partial"), (3, 0.5, "partial"), ((3,), 0.5, "partial"), ((3, "a"), 0.5, "partial"),
    ("3b", 0.5, "partial"), ({"step": 3}, 0.5, "partial"), ((2, "c"), 0.0, "incorrect"),
    ("4c", 0.0, "incorrect"), ((1, "a"), 0.0, "incorrect"),
]


@pytest.mark.parametrize("answer", MATCH_RIGHT, ids=repr)
def test_every_matching_form_of_the_right_answer_is_correct(answer):
    r = m("98.1", answer)
    assert (r.status, r.score, r.earned) == ("correct", 1.0, 2.0), r.message


@pytest.mark.parametrize("answer,share,right", MATCH_PARTIAL, ids=repr)
def test_matching_partial_credit_counts_right_pairs_rounded_down_to_half_points(answer, share, right):
    r = m("98.1", answer)
    assert r.score == share and r.details["pairs_right"] == right
    assert r.status == ("partial" if share else "incorrect")
    assert f"{right} of the 3 pairs" in r.message


def test_matching_feedback_shows_right_pairs_and_never_the_option_of_a_wrong_one():
    fb = PLAIN["98.1"]["feedback"]
    r = m("98.1", {1: "a", 2: "a", 3: "b"})  # only 2 is right
    assert fb["2"] in r.message and fb["1"] not in r.message and fb["3"] not in r.message
    for word in ("contradicts", "says nothing", '"b"', '"c"'):
        assert word not in r.message
    assert "Why" not in repr(checks.result_from_mark(Q["98.1"], r))


def test_missing_prompts_are_unanswered_pairs_named_kindly():
    r = m("98.1", {1: "b", 2: "a"})
    assert r.status == "partial" and "Prompt 3 has no option yet" in r.message
    assert r.details["missing"] == ["3"]


def test_matching_share_rounds_down_to_half_points():
    assert matching.share(2, 2, 3) == 0.5 and matching.share(3, 2, 3) == pytest.approx(2 / 3)
    assert matching.share(1, 1, 3) == 0.0 and matching.share(4, 5, 6) == 0.75
    assert matching.share(0, 1, 1) == 0.0


@pytest.mark.parametrize("answer", CHAIN_RIGHT, ids=repr)
def test_every_chain_form_of_the_right_answer_is_correct(answer):
    r = m("98.2", answer)
    assert (r.status, r.earned) == ("correct", 2.0), r.message
    assert PLAIN["98.2"]["feedback"]["error"] in r.message


@pytest.mark.parametrize("answer,share,status", CHAIN_PARTIAL, ids=repr)
def test_chain_gives_half_for_the_right_step_and_nothing_for_a_wrong_one(answer, share, status):
    r = m("98.2", answer)
    assert (r.status, r.score) == (status, share), r.message
    assert PLAIN["98.2"]["feedback"]["error"] not in r.message
    if status == "incorrect":
        assert PLAIN["98.2"]["feedback"]["step"] not in r.message and "3" not in r.message


@pytest.mark.parametrize("qid,answer,words", [
    ("98.1", {7: "a"}, "prompts are 1, 2 and 3"), ("98.1", {1: "z"}, 'choose from "a", "b", "c"'),
    ("98.1", "1b 4a", "no prompt '4'"), ("98.1", ["a", "b", "c", "a"], "4 options for 3 prompts"),
    ("98.1", {1: {"x": 1}}, "you gave a dictionary"), ("98.1", 5, "you gave a whole number"),
    ("98.1", {"a", "b"}, "you gave a set"), ("98.1", "1b 1c", "two answers"),
    ("98.1", {True: "a"}, "no prompt"), ("98.1", {1: None}, "you gave a value of type NoneType"),
    ("98.2", (3, 4), "one faulty step"), ("98.2", "3 and 4", "one faulty step"),
    ("98.2", (9, "a"), "steps are 1, 2, 3 and 4"), ("98.2", (3, "z"), "kind of error"),
    ("98.2", "no idea", "start with a step number"), ("98.2", [3, "c", 1], "with 3 entries"),
    ("98.2", {"stp": 3}, 'keys "step" and "error"'), ("98.2", 2.5, "you gave a number"),
    ("98.2", (3, ["c"]), "you gave a list"),
])
def test_a_wrong_form_gets_a_kind_note_that_lists_what_is_allowed(qid, answer, words):
    r = m(qid, answer)
    assert r.status == "invalid" and r.score == 0 and words in r.message, r.message
    assert "Traceback" not in r.message


def test_blank_answers_are_not_answered_yet():
    for qid in ("98.1", "98.2"):
        for blank in (..., None, "", "  ", [], (), {}):
            assert m(qid, blank).status == "unanswered"


# --- hostile and huge values: read as data, never a method the learner wrote -------------------

CALLS = []  # every learner-defined method the marker ran
ARMED = [False]  # hashing is allowed while the test builds its values, not while marking


def _tripwire(name):
    def method(self, *args, **kwargs):
        CALLS.append(name)
        raise RuntimeError(name)
    return method


def _hash(self):
    if ARMED[0]:
        CALLS.append("__hash__")
        raise RuntimeError("hash")
    return 1


_TRAPS = {name: _tripwire(name) for name in ("__eq__", "__str__", "__repr__", "__len__", "__iter__")}
# Text whose every method the marker might call raises (and is recorded); and an object that is
# not text at all, where any use but its type raises.
Hostile = type("Hostile", (str,), {**_TRAPS, "__hash__": _hash, "strip": _tripwire("strip"),
                                   "lower": _tripwire("lower"), "split": _tripwire("split")})
Sneaky = type("Sneaky", (), {**_TRAPS, "__hash__": _hash})


class HostileDict(dict):
    items = _tripwire("items")
    keys = _tripwire("keys")
    __iter__ = _tripwire("__iter__")
    __len__ = _tripwire("__len__")
    __getitem__ = _tripwire("__getitem__")


class HostileList(list):
    __iter__ = _tripwire("__iter__")
    __len__ = _tripwire("__len__")
    __getitem__ = _tripwire("__getitem__")


def _marked(qid, answer):
    CALLS.clear()
    ARMED[0] = True
    try:
        return m(qid, answer)
    finally:
        ARMED[0] = False


@pytest.mark.parametrize("make", [
    lambda: {1: Hostile("b"), 2: Hostile("a"), 3: Hostile("c")}, lambda: [Hostile("b"), "a", "c"],
    lambda: Hostile("1b 2a 3c"), lambda: {1: Sneaky()}, lambda: [Sneaky()], lambda: Sneaky(),
    lambda: {Hostile("1"): "b"}, lambda: {Sneaky(): "b"}, lambda: (3, Sneaky()), lambda: (Sneaky(), "c"),
    lambda: HostileDict({1: "b"}), lambda: HostileList(["b", "a", "c"]), lambda: "x" * 10**6,
    lambda: {i: "a" for i in range(10**5)}, lambda: [[["b"]]], lambda: {1: {1: {1: "b"}}},
    lambda: list(range(10**5)), lambda: {"step": Sneaky(), "error": Hostile("c")},
], ids=lambda f: f"value{f.__code__.co_firstlineno}")
def test_hostile_and_huge_values_never_raise_and_run_no_learner_method(make):
    answer = make()
    for qid in ("98.1", "98.2"):
        r = _marked(qid, answer)
        assert r.status in ("correct", "partial", "incorrect", "invalid"), r.message
        assert CALLS == [] and "RuntimeError" not in r.message, (qid, CALLS, r.message)


def test_hostile_text_is_read_through_the_base_str():
    assert _marked("98.1", {1: Hostile("b"), 2: Hostile("a"), 3: Hostile("c")}).status == "correct"
    assert _marked("98.2", (3, Hostile("c"))).status == "correct" and CALLS == []


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=7) | st.tuples(children, children)
    | st.dictionaries(st.one_of(st.integers(-2, 9), st.text(max_size=8)), children, max_size=7),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(answer=JSONISH, qid=st.sampled_from(["98.1", "98.2"]))
def test_marking_any_json_like_value_never_raises_and_is_deterministic(answer, qid):
    first, again = m(qid, answer), m(qid, copy.deepcopy(answer))
    assert first == again and first.message == again.message and first.details == again.details
    assert first.status in ("correct", "partial", "incorrect", "unanswered", "invalid")
    assert 0.0 <= first.score <= 1.0 and first.score * 2 * first.points == int(first.score * 2 * first.points)


# --- key validation: seal-questions refuses with a message naming the item and the field -------

def _broken(qid, **change):
    key = copy.deepcopy(KEY)
    q = next(q for q in key["questions"] if q["id"] == qid)
    for field, value in change.items():
        if value is None:
            q.pop(field, None)
        else:
            q[field] = value
    return key


@pytest.mark.parametrize("qid,change,words", [
    ("98.1", {"answer": {"1": "b", "2": "a", "3": "c", "7": "a"}}, "answer names prompt '7'"),
    ("98.1", {"answer": {"1": "b", "2": "a"}}, "no option for prompt 3"),
    ("98.1", {"answer": {"1": "b", "2": "a", "3": "z"}}, "prompt 3 is 'z', which is not an option"),
    ("98.1", {"prompts": {"1": "only one"}, "answer": {"1": "a"}, "feedback": {}}, "prompts has 1 entries; it needs 2 to 6"),
    ("98.1", {"prompts": {str(i): "p" for i in range(1, 8)}}, "prompts has 7 entries"),
    ("98.1", {"prompts": {"1": "x", "3": "y"}}, "prompts must be keyed '1', '2'"),
    ("98.1", {"options": {"a": "x", "c": "y"}}, "options must be keyed 'a', 'b'"),
    ("98.1", {"feedback": {"9": "x"}}, "feedback must be keyed by prompt"),
    ("98.1", {"prompts": ["a", "b"]}, "prompts must be a dictionary"),
    ("98.2", {"answer": {"step": ["3", "4"], "error": "c"}}, "exactly one faulty step"),
    ("98.2", {"answer": {"step": "9", "error": "c"}}, "step '9' is not among the steps"),
    ("98.2", {"answer": {"step": "3", "error": "q"}}, "error 'q' is not among the errors"),
    ("98.2", {"answer": {"step": "3"}}, 'answer must be {"step"'),
    ("98.2", {"steps": {"1": "a", "2": "b"}}, "steps has 2 entries; it needs 3 to 6"),
    ("98.2", {"errors": {"a": "x", "b": "y"}}, "errors has 2 entries; it needs 3 to 5"),
    ("98.2", {"feedback": {"steps": "x"}}, "feedback must be keyed by part"),
    ("98.3", {"level": "memory"}, "level 'memory' is not one of recall"),
    ("98.3", {"task": "guess"}, "task 'guess' is not one of fact"),
])
def test_seal_questions_refuses_a_faulty_key_naming_item_and_field(qid, change, words):
    with pytest.raises(bank.BankError) as err:
        bank.seal(_broken(qid, **change))
    assert f"question {qid}" in str(err.value) and words in str(err.value), str(err.value)


def test_a_missing_tag_is_a_warning_on_stderr_not_a_failure(tmp_path, capsys):
    key = _broken("98.3", level=None)
    path = tmp_path / "98.json"
    path.write_text(json.dumps(key), encoding="utf-8")
    (tmp_path / "out").mkdir()
    out = bank.seal_file(path, tmp_path / "out")
    assert out.exists() and "warning" in capsys.readouterr().err
    assert bank.untagged(key) == ["98.3"] and bank.untagged(KEY) == []


# --- check, score and explain, as a learner calls them --------------------------------------------

def install(folder, monkeypatch, sealed: dict):
    """Put ``sealed`` where ``check`` looks for lesson 98 (undone by ``monkeypatch``; caches cleared)."""
    (folder / "98.json").write_text(json.dumps(sealed), encoding="utf-8")
    monkeypatch.setattr(bank, "QUESTION_DIR", folder)
    bank.load_lesson.cache_clear()
    checks.reset()


@pytest.fixture
def installed(tmp_path, monkeypatch):
    install(tmp_path, monkeypatch, RAW)
    yield
    bank.load_lesson.cache_clear()
    checks.reset()


def test_check_score_and_explain_for_the_new_types(installed):
    before = ex.explain("98.1")
    assert before.status == "locked" and PLAIN["98.1"]["explanation"] not in repr(before)
    part = checks.check("98.1", {1: "b", 2: "c", 3: "c"})
    assert part.status == "partial" and "Hint: " in repr(part) and "Why" not in repr(part)
    assert "1/2 points" in repr(part)
    assert PLAIN["98.1"]["explanation"] in repr(ex.explain("98.1"))
    right = checks.check("98.2", (3, "c"))
    assert right.status == "correct" and "Why: " + PLAIN["98.2"]["explanation"] in repr(right)
    answer_98_1, answer_98_2 = "1b 2a 3c", "3"  # noqa: F841 (score reads the caller's variables)
    progress = checks.score("98")
    assert progress.earned == 3.0 and progress.possible == 5.0
    assert "98.1" in repr(progress) and "98.2" in repr(progress)


def test_check_of_the_new_types_shows_as_text_and_html(installed):
    r = checks.check("98.1", "1b 9a")
    assert r.status == "invalid" and "Can't read this answer" in repr(r)
    assert "<div" in r._repr_html_() and "There is no prompt" in r._repr_html_()


# --- slips: a half-typed dictionary or tuple gets a kind note, not a traceback -----------------

@pytest.mark.parametrize("code,kind,says", [
    ('answer_2_16 = {1: "b", 2: "a"', "open_bracket", "partner"),
    ('answer_8_17 = (3, "b"', "open_bracket", "partner"),
    ("answer_2_16 = {1: b, 2: a, 3: c}", "quotes", 'answer_2_16 = {1: "b", 2: "a", 3: "c"}'),
    ("answer_8_17 = (3, b)", "quotes", 'answer_8_17 = (3, "b")'),
    ("answer_2_16 = {1: supports it, 2: a}", "code_quotes", '{1: "supports it", 2: "a"}'),
    ('answer_2_16 = {1: "b", 2: "a", 3}', "dict_pair", "a key, a colon and a value"),
    ('answer_2_16 = {"1": "b", "2" "a"}', "dict_pair", "line 1"),
    ('answer_2_16 = {1: "b" 2: "a"}', "comma", "{1: \"a\", 2: \"c\"}"),
    ('answer_8_17 = (3 "b")', "comma", '(2, "c")'),
    ("answer_8_17 = 3b", "code_quotes", 'answer_8_17 = "3b"'),
    ("answer_2_16 = 1b 2a 3c", "code_quotes", 'answer_2_16 = "1b 2a 3c"'),
    ('answer_2_16 = {1: "b", 2: "a",, 3: "c"}', "syntax", "quotes, brackets and commas"),
])
def test_a_half_typed_dict_or_tuple_gets_a_kind_note(code, kind, says):
    from beyond_borders.checks import slips
    from tests.test_traps import _raised
    exc, line = _raised(code)
    slip = slips.explain(exc, line, known=dir(__builtins__), facade=["check"])
    assert (slip.kind, says in slip.advice) == (kind, True), slip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer=JSONISH, qid=st.sampled_from(["98.1", "98.2"]))
def test_check_never_raises_and_shows_the_same_words_twice_for_any_json_like_value(answer, qid, tmp_path_factory):
    folder = tmp_path_factory.getbasetemp() / "bank98"
    folder.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as mp:
        install(folder, mp, RAW)
        first, again = checks.check(qid, answer), checks.check(qid, copy.deepcopy(answer))
        bank.load_lesson.cache_clear()
    assert repr(first) == repr(again) and first._repr_html_() == again._repr_html_()
    assert first.status in ("correct", "partial", "incorrect", "unanswered", "invalid")
