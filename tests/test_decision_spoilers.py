"""A decision point only works if the learner meets it without knowing what happened.

Two rules, checked on every ``content/NN_decisions.json``:

* **No outcome told earlier.** No phrase in a decision point's ``spoilers`` occurs in any lesson
  before its own, nor in its own lesson before the cell that shows it; the decision points of
  earlier lessons (everything they show, reveal included) count as lesson text too. Phrases are
  compared after normalising case, accents and punctuation, on whole words. Cell sources are read,
  not stored outputs: what a widget prints comes from the data, which the course does not hide.
* **Strictly what was known on the date.** Every source cited in a point's situation, role briefs
  and options was published on or before ``known_until``; an undated source, or one dated only to
  a month or year that may end after ``known_until``, must be listed in ``undated_ok`` with a reason.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from beyond_borders import data
from beyond_borders.content.load import CONTENT_DIR

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ROOT / "lessons"


# ---------------------------------------------------------------- helpers (tested below too)

def normalise(text: str) -> str:
    """Lower case, no accents, every run of non-letters one space, padded: ' pakistan s strike '."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " " + " ".join(re.findall(r"[a-z0-9]+", text)) + " "


def found(phrases, text: str) -> list[str]:
    """The phrases that occur in ``text`` as whole words, whatever the case and punctuation."""
    hay = normalise(text)
    return [p for p in phrases if normalise(p).strip() and normalise(p) in hay]


def shown_text(dp: dict, reveal: bool) -> str:
    """Everything a decision point puts on screen: before the reveal, or all of it."""
    parts = [dp.get("title", "")] + [item["text"] for item in dp.get("situation", [])]
    for role in dp.get("roles", []):
        parts += [role.get("title", ""), role.get("brief", ""), role.get("question", "")]
        parts += role.get("interests", [])
        for option in role.get("options", []):
            parts += [option.get("label", ""), option.get("gains", ""), option.get("costs", "")]
        if reveal:
            outcome = role.get("outcome") or {}
            parts += [outcome.get("summary", ""), outcome.get("caveat", "")]
            parts += [step.get("text", "") for step in outcome.get("steps", [])]
    if reveal:
        parts += dp.get("debrief", [])
    return "\n".join(p for p in parts if isinstance(p, str))


def cited_before_reveal(dp: dict) -> set[str]:
    """Source ids cited in the situation, the role briefs and the options (not the outcomes)."""
    ids = {s for item in dp.get("situation", []) for s in item.get("sources", [])}
    for role in dp.get("roles", []):
        ids.update(role.get("brief_sources", []))
        for option in role.get("options", []):
            ids.update(option.get("sources", []))
    return ids


def latest_day(published: str) -> str | None:
    """The last day a published value can stand for ('2024-01' -> '2024-01-31'); None if undated."""
    text = str(published or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return text + "-31"
    if re.fullmatch(r"\d{4}", text):
        return text + "-12-31"
    return None


def lesson_cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def cell_text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def dp_cell_index(cells: list[dict], dp_id: str) -> int | None:
    """The first code cell that shows the decision point (its id in quotes)."""
    for i, cell in enumerate(cells):
        if cell.get("cell_type") == "code" and re.search(rf"""["']{re.escape(dp_id)}["']""", cell_text(cell)):
            return i
    return None


def spoilers_before(dp: dict, earlier: list[tuple[str, str]]) -> list[str]:
    """'where: phrase' for every spoiler of ``dp`` found in the (where, text) pieces shown before it."""
    return [f"{where}: {phrase!r}" for where, text in earlier for phrase in found(dp.get("spoilers", []), text)]


# ---------------------------------------------------------------- the course's files

def _decision_files():
    return sorted(CONTENT_DIR.glob("*_decisions.json"))


def _points():
    for path in _decision_files():
        doc = json.loads(path.read_text(encoding="utf-8"))
        for dp in doc["decision_points"]:
            yield doc["lesson"], dp


POINTS = list(_points())
LESSON_FILES = {p.name[:2]: p for p in sorted(LESSONS.glob("[0-9][0-9]_*.ipynb"))}


def _earlier_pieces(lesson: str, dp: dict) -> list[tuple[str, str]]:
    """What a learner has read before meeting ``dp``: earlier lessons and earlier decision points."""
    pieces = []
    for code, path in LESSON_FILES.items():
        if code > lesson:
            continue
        cells = lesson_cells(path)
        stop = dp_cell_index(cells, dp["id"]) if code == lesson else len(cells)
        for i, cell in enumerate(cells[:stop]):
            pieces.append((f"{path.name} cell {i}", cell_text(cell)))
    for other_lesson, other in POINTS:
        if other is dp:
            continue
        if other_lesson < lesson or (other_lesson == lesson and other["id"] < dp["id"]):
            pieces.append((f"decision point {other['id']}", shown_text(other, reveal=True)))
    pieces.append((f"{dp['id']} before its reveal", shown_text(dp, reveal=False)))
    return pieces


@pytest.mark.parametrize("lesson,dp", POINTS, ids=[dp["id"] for _, dp in POINTS])
def test_each_point_is_shown_in_its_own_lesson(lesson, dp):
    assert lesson in LESSON_FILES, f"{dp['id']}: no lesson {lesson} notebook"
    cells = lesson_cells(LESSON_FILES[lesson])
    assert dp_cell_index(cells, dp["id"]) is not None, \
        f"{dp['id']}: no code cell in {LESSON_FILES[lesson].name} shows it"


@pytest.mark.parametrize("lesson,dp", POINTS, ids=[dp["id"] for _, dp in POINTS])
def test_no_outcome_is_told_before_its_decision_point(lesson, dp):
    spoilers = dp.get("spoilers", [])
    assert len(spoilers) >= 3 and all(isinstance(s, str) and normalise(s).strip() for s in spoilers), \
        f"{dp['id']}: needs at least three non-empty spoiler phrases"
    leaks = spoilers_before(dp, _earlier_pieces(lesson, dp))
    assert not leaks, f"{dp['id']}'s outcome is told before the learner decides:\n" + "\n".join(leaks)


@pytest.mark.parametrize("lesson,dp", POINTS, ids=[dp["id"] for _, dp in POINTS])
def test_spoilers_name_the_outcome(lesson, dp):
    """A spoiler list that matches nothing the course later says guards nothing."""
    cells = lesson_cells(LESSON_FILES[lesson])
    after = "\n".join(cell_text(c) for c in cells[dp_cell_index(cells, dp["id"]) or 0:])
    later = after + "\n" + shown_text(dp, reveal=True)
    assert found(dp["spoilers"], later), f"{dp['id']}: no spoiler phrase occurs in its outcome or after it"


@pytest.fixture(scope="module")
def published():
    sources = data.load_sources()
    return dict(zip(sources["id"], sources["published"].astype(str)))


@pytest.mark.parametrize("lesson,dp", POINTS, ids=[dp["id"] for _, dp in POINTS])
def test_briefs_rest_only_on_what_was_known_on_the_date(lesson, dp, published):
    known_until = dp.get("known_until")
    assert known_until and re.fullmatch(r"\d{4}-\d{2}-\d{2}", known_until), f"{dp['id']}: no known_until date"
    undated_ok = dp.get("undated_ok") or {}
    if isinstance(undated_ok, list):   # [{"source": id, "reason": ...}] is accepted as well as {id: reason}
        undated_ok = {item.get("source"): item.get("reason") for item in undated_ok}
    late = []
    for source in sorted(cited_before_reveal(dp)):
        assert source in published, f"{dp['id']}: unknown source {source}"
        day = latest_day(published[source])
        if day is not None and day <= known_until:
            continue
        if source in undated_ok:
            assert str(undated_ok[source] or "").strip(), f"{dp['id']}: undated_ok[{source}] gives no reason"
            assert day is None or published[source][:7] <= known_until[:7], \
                f"{dp['id']}: {source} is dated {published[source]}, after {known_until}; undated_ok cannot excuse it"
            continue
        late.append(f"{source} (published {published[source] or 'undated'})")
    assert not late, f"{dp['id']} (known until {known_until}) cites sources published later or undated:\n" + \
        "\n".join(late)


# ---------------------------------------------------------------- the rules themselves can fail

def test_normalise_ignores_case_punctuation_and_accents():
    assert found(["Pakistan's strike"], "…after **PAKISTAN’S STRIKE** near Saravan") == ["Pakistan's strike"]
    assert found(["Marg Bar Sarmachar"], "operation marg-bar-sarmachar") == ["Marg Bar Sarmachar"]
    assert found(["Kakar"], "Kákar met him") == ["Kakar"]


def test_phrases_match_whole_words_only():
    assert found(["Pakistan's strike"], "Pakistan's strikes began") == []
    assert found(["closed to travellers"], "enclosed to travellers") == []


def test_a_spoiler_before_the_cell_is_reported_and_one_after_is_not():
    dp = {"id": "99-dp1", "spoilers": ["voted for both drafts"]}
    cells = [{"cell_type": "markdown", "source": ["Pakistan had to vote on two drafts."]},
             {"cell_type": "code", "source": ['decision_point("99-dp1")']},
             {"cell_type": "markdown", "source": ["It voted for both drafts."]}]
    before = [(f"cell {i}", cell_text(c)) for i, c in enumerate(cells[:dp_cell_index(cells, "99-dp1")])]
    assert spoilers_before(dp, before) == []
    cells[0]["source"] = ["Pakistan *voted for both* drafts."]
    before = [(f"cell {i}", cell_text(c)) for i, c in enumerate(cells[:dp_cell_index(cells, "99-dp1")])]
    assert spoilers_before(dp, before) == ["cell 0: 'voted for both drafts'"]


def test_partial_and_missing_dates_are_read_as_their_last_possible_day():
    assert latest_day("2024-01-17") == "2024-01-17"
    assert latest_day("2024-01") == "2024-01-31"
    assert latest_day("2023") == "2023-12-31"
    assert latest_day("") is None and latest_day("nan") is None


def test_only_the_pre_reveal_text_counts_for_the_point_itself():
    dp = {"situation": [{"text": "A", "sources": ["s1"]}],
          "roles": [{"brief": "B", "brief_sources": ["s2"], "options": [{"label": "C", "sources": ["s3"]}],
                     "outcome": {"summary": "SECRET", "steps": [{"text": "STEP", "sources": ["late"]}]}}]}
    assert cited_before_reveal(dp) == {"s1", "s2", "s3"}
    assert "SECRET" not in shown_text(dp, reveal=False) and "SECRET" in shown_text(dp, reveal=True)


def test_at_least_two_points_put_pakistan_iran_and_an_outside_power_at_the_table():
    """The case-method standard: several roles, not one adviser; at least two decision points
    give Pakistan, Iran and an outside power each a seat."""
    actors = data.load_actors().set_index("id")["country"].to_dict()
    full = []
    for path in sorted(CONTENT_DIR.glob("*_decisions.json")):
        for point in json.loads(path.read_text(encoding="utf-8"))["decision_points"]:
            countries = {actors.get(role["actor"]) or role["actor"] for role in point["roles"]}
            if {"PAK", "IRN"} <= countries and countries - {"PAK", "IRN"}:
                full.append(point["id"])
    assert len(full) >= 2, full
