"""The class tools for decision points: the tally counts what a group saved and sets aside, with one
line naming the file, whatever is hostile; role cards tell no outcome; the facilitator's sheet
has the outcomes, the debrief and timings that add up to the class."""
import copy
import csv
import json
import re
from pathlib import Path

import pytest

from beyond_borders import cli
from beyond_borders.classroom import plan, role_cards, tally
from beyond_borders.views.lessons.decision_files import FORMAT, choice_record, save_choice
from beyond_borders.views.lessons.decisions import all_decision_points, get_decision_point

MEMO = "word " * 120


@pytest.fixture(scope="module")
def points():
    return all_decision_points()


def save(folder, dp_id, learner, option="b", picks=(0, 1, 2), memo=MEMO, own=""):
    dp = get_decision_point(dp_id)
    role = dp["roles"][0]
    ranking = [role["interests"][i] for i in picks]
    done = save_choice(choice_record(dp, role["id"], ranking, option, own, memo, learner), folder)
    assert done.path is not None
    return done.path


@pytest.fixture()
def class_folder(tmp_path):
    save(tmp_path / "ana", "07-dp1", "Ana", "b", (0, 1, 2))
    ben = save(tmp_path / "ben", "07-dp1", "Ben", "b", (0, 3, 4))
    edited = json.loads(ben.read_text(encoding="utf-8")) | {"memo": "word " * 80}   # cut short by hand
    ben.write_text(json.dumps(edited), encoding="utf-8")
    save(tmp_path / "cy", "07-dp1", "Cy", "own", (3, 0, 6), own="Call Riyadh and Tehran before saying anything.",
         memo="word " * 200)
    save(tmp_path / "cy", "07-dp2", "Cy", "a", (0, 1, 2))
    return tmp_path


def counts(result, points, measure):
    return {(r["decision_point"], r["key"]): r["count"] for r in tally.rows(result, points) if r["measure"] == measure}


def test_tally_counts_options_interests_in_the_top_three_and_memo_lengths(class_folder, points):
    result = tally.collect([class_folder], points)
    assert result.problems == [] and len(result.counted) == 4
    options = counts(result, points, "option")
    assert {k: v for k, v in options.items() if k[0] == "07-dp1"} == {
        ("07-dp1", "a"): 0, ("07-dp1", "b"): 2, ("07-dp1", "c"): 0, ("07-dp1", "d"): 0, ("07-dp1", "own"): 1}
    interests = counts(result, points, "interest in top three")
    assert interests[("07-dp1", "1")] == 3 and interests[("07-dp1", "4")] == 2 and interests[("07-dp1", "6")] == 0
    memo = counts(result, points, "memo")
    assert memo[("07-dp1", "median words")] == 120 and memo[("07-dp1", "shortest")] == 80
    assert memo[("07-dp1", "longest")] == 200 and memo[("07-dp1", "under 100 words")] == 1
    text = tally.report(result, points)
    assert "07-dp1 · The day after the Supreme Leader's death" in text and "3 choices" in text
    assert re.search(r"^\s+2  b\) Offer condolences", text, re.M)
    assert re.search(r"^\s+1  My own option$", text, re.M)
    assert text.index("07-dp1") < text.index("07-dp2") and "4 choices counted; 0 files left out" in text


def write(folder, name, content):
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    return path


def good(**change):
    dp = get_decision_point("07-dp1")
    rec = choice_record(dp, "pakistan", dp["roles"][0]["interests"][:3], "c", "", MEMO, "Dee")
    return rec | change


@pytest.mark.parametrize("name,content,line", [
    ("big.json", b"[" * 70_000, "big.json: larger than 64 kB, so not a saved choice; left out"),
    ("deep.json", b"[[[[[[1]]]]]]", "deep.json: nested more than 3 levels deep, so not a saved choice; left out"),
    ("text.json", b"hello", "text.json: not valid JSON (line 1); left out"),
    ("bytes.json", b"\xff\x00\x01", "bytes.json: not UTF-8 text, so not a saved choice; left out"),
    ("list.json", [1, 2], "list.json: not a saved choice (expected a JSON object); left out"),
    ("types.json", good(option=2), "types.json: field 'option' should be text; left out"),
    ("dp.json", good(decision_point="07-dp9"), "dp.json: unknown decision point '07-dp9' (known: "),
    ("role.json", good(role="india"), "role.json: 07-dp1 has no role 'india' (roles: pakistan"),
    ("option.json", good(option="e"), "option.json: 07-dp1, role pakistan: unknown option 'e' (options: a, b, c, d, own)"),
    ("twice.json", good(interests=["Keep Pakistan out of the fighting"] * 3),
     "twice.json: 07-dp1, role pakistan: 'interests' should be three different interests of the role"),
    ("evil\x1b[2J.json", b"{}", "evil?[2J.json: not a saved choice (its 'format' is not"),
])
def test_each_hostile_file_is_one_line_that_names_it_and_the_rest_still_count(
        class_folder, points, name, content, line):
    bad = write(class_folder / "ana", name, content)
    result = tally.collect([class_folder], points)
    assert len(result.problems) == 1 and result.problems[0].startswith(f"{bad}".replace("\x1b", "?")[:-len(name)])
    assert result.problems[0].split("/")[-1].startswith(line), result.problems
    assert len(result.counted) == 4


def test_a_second_copy_of_one_learners_choice_is_counted_once(class_folder, points):
    first = class_folder / "ana" / "decisions" / "07-dp1-pakistan.json"
    write(class_folder / "ben", "copy.json", json.loads(first.read_text()) | {"learner": "ANA "})
    result = tally.collect([class_folder / "ana", class_folder / "ben", first], points)   # the file twice, too
    assert result.problems == [] and len(result.repeats) == 1
    assert result.repeats[0].startswith(f"{class_folder / 'ben' / 'copy.json'}: an older save of the same learner's")
    assert len(result.counted) == 2


@pytest.mark.parametrize("names", [("a-earlier.json", "z-later.json"), ("z-earlier.json", "a-later.json")])
def test_of_two_saves_by_one_learner_the_newest_counts_whatever_the_file_order(tmp_path, points, names):
    base = good(learner="Bilal")
    write(tmp_path, names[0], base | {"option": "a", "saved_at": "2026-12-06T17:10:00+00:00"})
    write(tmp_path, names[1], base | {"option": "c", "saved_at": "2026-12-06T18:40:00+01:00"})  # 17:40 UTC
    write(tmp_path, "broken.json", b"{")
    result = tally.collect([tmp_path], points)
    assert [r["option"] for _p, r in result.counted] == ["c"]
    assert len(result.problems) == 1 and len(result.repeats) == 1 and names[0] in result.repeats[0]
    text = tally.report(result, points)
    assert "1 choice counted; 1 file left out as broken" in text and "1 older save of the same learner" in text


def test_the_report_gives_first_ranks_a_half_word_median_and_saves_after_the_reveal(tmp_path, points):
    dp = get_decision_point("07-dp1")
    interests = dp["roles"][0]["interests"]
    write(tmp_path, "a.json", good(learner="A", memo="word " * 105, interests=interests[:3]))
    write(tmp_path, "b.json", good(learner="B", memo="word " * 120, interests=[interests[1], interests[0], interests[2]],
                                   revealed_before_save=True))
    result = tally.collect([tmp_path], points)
    assert counts(result, points, "interest ranked 1st")[("07-dp1", "1")] == 1
    assert counts(result, points, "memo")[("07-dp1", "median words")] == 112.5
    text = tally.report(result, points)
    assert "median 112.5 words" in text and "1 of these saved after pressing Reveal" in text
    assert re.search(r"^\s+2  \(1 1st\)  " + re.escape(interests[0]), text, re.M)


def test_missing_paths_and_links_to_folders_are_named(tmp_path, points, class_folder):
    (tmp_path / "link").symlink_to(class_folder / "ana", target_is_directory=True)
    result = tally.collect([tmp_path / "nowhere", tmp_path / "link"], points)
    assert result.problems == [f"{tmp_path / 'nowhere'}: no such file or folder",
                               f"{tmp_path / 'link'}: a link to a folder; name the folder itself"]
    assert result.counted == []


def test_cli_tally_prints_the_table_writes_the_csv_and_lists_problems_on_stderr(class_folder, tmp_path, capsys):
    write(class_folder, "junk.json", b"{")
    out = tmp_path / "tally.csv"
    assert cli.main(["tally", str(class_folder), "--csv", str(out)]) == 0
    printed = capsys.readouterr()
    assert "07-dp2 · Two drafts at the Security Council" in printed.out and "Traceback" not in printed.err
    assert printed.err.strip() == f"{class_folder / 'junk.json'}: not valid JSON (line 1); left out"
    with open(out, encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    assert table[0] == {"decision_point": "07-dp1", "role": "pakistan", "measure": "option", "key": "a",
                        "label": table[0]["label"], "count": "0"}
    assert table[0]["label"].startswith("a) Condemn")
    assert cli.main(["tally", str(tmp_path / "empty-nothing")]) == 1


def test_cli_tally_with_an_unwritable_csv_says_so(class_folder, tmp_path, capsys):
    assert cli.main(["tally", str(class_folder), "--csv", str(tmp_path / "no" / "such" / "t.csv")]) == 1
    assert "cannot write" in capsys.readouterr().err


# -- role cards and the facilitator's sheet ---------------------------------------------------------

def outcome_texts(dp):
    for role in dp["roles"]:
        yield role["outcome"]["summary"]
        yield from (s["text"] for s in role["outcome"]["steps"])
        if role["outcome"].get("caveat"):
            yield role["outcome"]["caveat"]
    yield from dp["debrief"]
    yield from dp["spoilers"]


def plain(page: str) -> str:
    return page.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")


@pytest.mark.parametrize("lesson", sorted({dp_id[:2] for dp_id in all_decision_points()}))
def test_role_cards_one_page_per_role_with_brief_options_and_rubric_and_no_outcome(lesson):
    pages = role_cards.pages(lesson)
    cards = plain(pages[f"{lesson}_role_cards.html"])
    points = [dp for dp_id, dp in all_decision_points().items() if dp_id.startswith(lesson)]
    assert cards.count("class='bb-page bb-role-card'") == sum(len(dp["roles"]) for dp in points)
    for dp in points:
        for role in dp["roles"]:
            assert role["brief"] in cards and role["question"] in cards and role["interests"][-1] in cards
            assert all(o["label"] in cards and o["costs"] in cards for o in role["options"])
        assert dp["memo"]["rubric"][-1]["descriptor"] in cards
        for text in outcome_texts(dp):
            assert text not in cards, text[:60]
    assert "<script" not in cards and "http" not in cards.split("<body>")[0]   # nothing fetched


@pytest.mark.parametrize("lesson", sorted({dp_id[:2] for dp_id in all_decision_points()}))
def test_facilitator_sheet_has_outcomes_debrief_spoilers_and_timings(lesson):
    sheet = plain(role_cards.pages(lesson)[f"{lesson}_facilitator.html"])
    for dp_id, dp in all_decision_points().items():
        if dp_id.startswith(lesson):
            assert all(text in sheet for text in outcome_texts(dp))
    assert "0–5 min" in sheet and "43–50 min" in sheet


def test_the_simulation_fills_the_class_exactly():
    assert sum(m for m, _step, _what in plan.STEPS) == plan.CLASS_MINUTES == 50
    assert [s for _m, s, _w in plan.STEPS].index("Interests first") < [s for _m, s, _w in plan.STEPS].index("Choose")


def test_cli_role_cards_writes_both_pages_and_refuses_a_lesson_without_points(tmp_path, capsys):
    assert cli.main(["role-cards", "--lesson", "7", str(tmp_path / "cards")]) == 0
    assert sorted(p.name for p in (tmp_path / "cards").iterdir()) == ["07_facilitator.html", "07_role_cards.html"]
    assert cli.main(["role-cards", "--lesson", "05", str(tmp_path / "x")]) == 1
    assert "lesson 05 has no decision point; lessons with one: 02, 06, 07" in capsys.readouterr().err


@pytest.mark.parametrize("lesson", sorted({dp_id[:2] for dp_id in all_decision_points()}))
def test_each_role_card_has_a_group_line_and_says_where_the_memo_goes(lesson):
    cards = role_cards.pages(lesson)[f"{lesson}_role_cards.html"]
    n = cards.count("class='bb-page bb-role-card'")
    assert cards.count("<strong>Group:</strong>") == n and cards.count("on the back of this card") == n


def test_the_plan_leaves_time_to_collect_the_files_before_the_tally():
    names = [s for _m, s, _w in plan.STEPS]
    assert names.index("Memo") < names.index("Collect") < names.index("Tally") < names.index("Reveal")
    assert "JupyterLab" in plan.STEPS[0][2] and "subfolder" in dict((s, w) for _m, s, w in plan.STEPS)["Collect"]


def test_role_cards_escape_content(monkeypatch):
    dp = copy.deepcopy(get_decision_point("07-dp1"))
    dp["roles"][0]["brief"] = "<img src=x onerror=alert(1)> " + dp["roles"][0]["brief"]
    page = role_cards.role_card_html(dp, dp["roles"][0])
    assert "<img src=x" not in page and "&lt;img src=x" in page
    assert FORMAT in json.dumps({"f": FORMAT})


def test_the_instructor_guide_gives_the_same_timings_as_the_facilitator_sheet():
    guide = (Path(__file__).resolve().parents[1] / "instructors" / "README.md").read_text(encoding="utf-8")
    section = guide.split("## Running a decision-point simulation", 1)[1].split("\n## ", 1)[0]
    start, expected = 0, []
    for minutes, name, what in plan.STEPS:
        expected.append(f"| {start}–{start + minutes} | {name} | {what} |")
        start += minutes
    assert [line for line in section.splitlines() if re.match(r"\| \d+–\d+ \|", line)] == expected
