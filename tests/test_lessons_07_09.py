"""Lessons 07-09 as a case course (issue 17): the 2026 war heard from every belligerent and from
Pakistan and the Gulf, the law on the use of force kept claim by claim, rival readings of the
mediation and of the pipeline set against the record with a quick check from the key, other
powers' stakes in the ports, and lesson 09's worked cases sorted by whose reporting they rest on.

Each structural check is a plain function run on the real notebook and, where cheap, on a broken
copy, so a lesson that loses a voice, a reading or a column fails here.
"""
import json
import re

import pytest

from tests.support.lessons import (VERDICT, answer_key, cells, markdown_tables, quick_checks_after,
                                   table, widget_kwargs)

LESSONS = ("07", "08", "09")


def countries():
    return {a["id"]: a["country"] for a in table("actors")}


def side(country: str) -> str:
    return {"PAK": "pakistan", "IRN": "iran"}.get(country, "third")


def cell_with(src, pattern):
    """Index of the one markdown cell whose text matches ``pattern``."""
    found = [i for i, (kind, text) in enumerate(src) if kind == "markdown" and re.search(pattern, text)]
    assert len(found) == 1, f"expected one markdown cell matching {pattern!r}, found {len(found)}"
    return found[0]


def one_table(text, keep):
    """The single pipe table in ``text`` for which ``keep(rows)`` holds."""
    found = [t for t in markdown_tables(text) if keep(t)]
    assert len(found) == 1, f"expected one such table, found {len(found)}"
    return found[0]


def has_predictions(rows):
    return any(r[0].lower().startswith("it predicts") for r in rows)


def replaced(src, at, old, new):
    """A copy of the cells with one substitution in cell ``at`` (a broken lesson for the tests)."""
    copy = list(src)
    kind, text = copy[at]
    assert old in text, old
    copy[at] = (kind, text.replace(old, new))
    return copy


# --- lesson 07: every side's stated reasons -------------------------------------------------------

def check_war_heard_from_all_sides(src):
    """The statements explorer of the war names Pakistani, Iranian and third-party speakers,
    among them the belligerents' own (Araghchi and Iravani for Iran, Trump, Netanyahu)."""
    speakers = {s for kw in widget_kwargs(src, "StatementsExplorer") for s in kw.get("speakers", [])}
    country = countries()
    assert {side(country.get(s, "")) for s in speakers} == {"pakistan", "iran", "third"}, speakers
    assert {"abbas_araghchi", "amir_saeid_iravani", "donald_trump", "benjamin_netanyahu"} <= speakers


def test_lesson_07_hears_the_belligerents_pakistan_and_the_gulf():
    src = cells("lessons", "07")
    check_war_heard_from_all_sides(src)
    reasons = src[cell_with(src, r"\*\*Israel\.\*\*")][1]
    bullets = dict(re.findall(r"^\* \*\*([^*]+?)\.\*\*(.*?)(?=^\* |\Z)", reasons, flags=re.M | re.S))
    assert {"United States", "Israel", "Iran", "Gulf states", "Pakistan"} <= set(bullets), set(bullets)
    iran = bullets["Iran"]
    assert "Araghchi" in iran and "Article 51" in iran and "Iravani" in iran


def test_lesson_07_voice_check_fails_without_irans_speakers():
    src = cells("lessons", "07")
    at = next(i for i, (k, t) in enumerate(src) if k == "code" and "amir_saeid_iravani" in t)
    broken = replaced(replaced(src, at, '"abbas_araghchi", ', ""), at, '"amir_saeid_iravani", ', "")
    with pytest.raises(AssertionError):
        check_war_heard_from_all_sides(broken)


def test_irans_legal_case_rests_on_its_own_statements():
    """Araghchi's Article 51 letter and Iravani's answer to resolution 2817 are data rows, spoken by
    Iranian officials, on the events they answer."""
    rows = {s["id"]: s for s in table("statements")}
    country = countries()
    letter = rows["st-2026-02-28-araghchi-article51-letter"]
    answer = rows["st-2026-03-11-iravani-manifest-injustice"]
    assert country[letter["speaker"]] == country[answer["speaker"]] == "IRN"
    assert letter["event_id"] == "2026-02-28-us-israel-strikes-iran"
    assert answer["event_id"] == "2026-03-11-unsc-resolution-2817"
    src = cells("lessons", "07")
    shown = {s for kw in widget_kwargs(src, "sources_for") for s in kw.get("statement_ids", [])}
    shown |= {s for kw in widget_kwargs(src, "StatementsExplorer") for s in kw.get("speakers", [])}
    assert {letter["speaker"], answer["speaker"]} <= shown


def check_law_table(src):
    at = cell_with(src, r"law on the use of force in 2026")
    text = src[at][1]
    assert "Article 2(4)" in text and "Article 51" in text
    rows = one_table(text, lambda t: t[0][0] == "Who")
    assert rows[0] == ["Who", "What they claimed", "What would test the claim"], rows[0]
    who = {r[0] for r in rows[1:]}
    for party in ("United States", "Israel", "Iran", "Pakistan", "Gulf"):
        assert any(party in w for w in who), f"the law table has no row for {party}"
    assert all(r[1] and r[2] for r in rows[1:]), "a claim without its test, or a test without a claim"
    assert not VERDICT.search(text)


def test_lesson_07_law_on_force_keeps_each_claim_with_its_author_and_test():
    src = cells("lessons", "07")
    check_law_table(src)
    at = cell_with(src, r"law on the use of force in 2026")
    iran_row = next(line for line in src[at][1].splitlines() if line.startswith("| Iran |"))
    with pytest.raises(AssertionError):
        check_law_table(replaced(src, at, iran_row + "\n", ""))


# --- rival readings (07 mediation, 08 pipeline) ----------------------------------------------------

def check_rival_readings(src, nn, heading, quick):
    """Two readings in columns, rows saying what each predicts and what the record holds, and a
    quick check from the lesson's key among the cells that follow."""
    at = cell_with(src, heading)
    text = src[at][1]
    rows = one_table(text, has_predictions)
    assert len(rows[0]) >= 3, "a rival reading needs at least two readings"
    labels = [r[0].lower() for r in rows]
    assert any("record" in label for label in labels), labels
    predicts = next(r for r in rows if r[0].lower().startswith("it predicts"))
    assert all(predicts[1:]), "a reading that predicts nothing"
    keyed = {q["id"] for q in answer_key(nn)["quick_checks"]}
    follows = quick_checks_after(src, at)
    assert quick in follows and set(follows) <= keyed, (follows, keyed)
    assert not VERDICT.search(text)


RIVALS = [("07", r"^### Two readings of Pakistan's mediation", "q7.4"),
          ("08", r"^### A puzzle with two readings: why did the pipeline fail", "q8.5")]


@pytest.mark.parametrize("nn,heading,quick", RIVALS)
def test_rival_readings_are_set_against_the_record_and_checked(nn, heading, quick):
    check_rival_readings(cells("lessons", nn), nn, heading, quick)


@pytest.mark.parametrize("nn,heading,quick", RIVALS)
def test_rival_readings_check_fails_on_a_verdict_or_a_missing_quick_check(nn, heading, quick):
    src = cells("lessons", nn)
    at = cell_with(src, heading)
    with pytest.raises(AssertionError):
        verdict = replaced(src, at, "\n\n", "\n\nThe correct reading is A.\n\n")
        check_rival_readings(verdict, nn, heading, quick)
    without = [c for c in src if f'quick_check("{quick}")' not in c[1]]
    with pytest.raises(AssertionError):
        check_rival_readings(without, nn, heading, quick)


def test_lesson_08_pipeline_readings_are_realist_and_liberal():
    src = cells("lessons", "08")
    text = src[cell_with(src, r"why did the pipeline fail")][1]
    rows = one_table(text, has_predictions)
    assert "Realism" in rows[0][1] and "Liberal" in rows[0][2], rows[0]


# --- lesson 08: India's and China's stakes --------------------------------------------------------

def test_lesson_08_gives_india_and_china_their_stakes_in_the_ports():
    events = {e["id"]: e for e in table("events")}
    stakes = {"2024-05-13-india-iran-chabahar-contract": "india",
              "2016-01-01-china-iran-ports-cpec-debate": "china"}
    for event, power in stakes.items():
        assert power in events[event]["actors"].split(";"), (event, power)
    src = cells("lessons", "08")
    cited = {e for kw in widget_kwargs(src, "sources_for") for e in kw.get("event_ids", [])}
    assert set(stakes) <= cited, set(stakes) - cited
    text = src[cell_with(src, r"Other countries' stakes")][1]
    india = re.search(r"\*\*India and Chabahar\.\*\*(.*?)(?=^\* |\Z)", text, flags=re.M | re.S)
    china = re.search(r"\*\*China and Gwadar\.\*\*(.*?)(?=^\* |\Z)", text, flags=re.M | re.S)
    assert india and "Chabahar" in india.group(1)
    assert china and "CPEC" in china.group(1) and "Gwadar" in china.group(1)


# --- lesson 09: whose reporting each worked case rests on -----------------------------------------

COLUMNS = ["Case", "Pakistani reporting", "Iranian reporting", "Third-party reporting"]


def worked(case, text):
    """Whether the rest of the lesson (its other cells and its quick checks) works this case:
    claim N by its number (in prose or as a ClaimCheck id "cN"), any other by its first word."""
    claim = re.match(r"Claim (\d+)", case)
    if claim:
        n = claim.group(1)
        return bool(re.search(rf'\bClaims?\b[^.]*?\b{n}\b|"c{n}"', text))
    name = re.match(r"(?:The )?([\w\u2013-]+)", case).group(1)
    return name in text


def check_reporting_table(src):
    at = cell_with(src, r"Pakistani, Iranian and third-party reporting")
    rows = one_table(src[at][1], lambda t: t[0][:4] == COLUMNS)
    assert len(rows) >= 4, "fewer than three worked cases"
    elsewhere = "\n".join(text for i, (_, text) in enumerate(src) if i != at)
    elsewhere += json.dumps(answer_key("09"), ensure_ascii=False)  # quick checks work cases too
    for row in rows[1:]:
        assert len(row) == len(rows[0]) and all(row), f"an empty cell: {row}"
        assert worked(row[0], elsewhere), f"{row[0]!r} is not a case this lesson works"


def test_lesson_09_sorts_each_worked_case_by_whose_reporting_it_rests_on():
    src = cells("lessons", "09")
    check_reporting_table(src)
    at = cell_with(src, r"Pakistani, Iranian and third-party reporting")
    with pytest.raises(AssertionError):
        check_reporting_table(replaced(src, at, "| Iranian reporting |", "| Reporting |"))
    with pytest.raises(AssertionError):
        check_reporting_table(replaced(src, at, "| IRNA on Pezeshkian's call with Erdoğan |", "|  |"))


def test_lesson_09_twelve_day_war_toll_keeps_iranian_and_outside_claimants():
    country = countries()
    claimants = [a for a in table("accounts") if a["event_id"] == "2025-06-13-twelve-day-war"]
    sides = {side(country.get(a["claimant_actor"], "")) for a in claimants if a["claimant_actor"]}
    assert {"iran", "third"} <= sides, sides
    src = cells("lessons", "09")
    shown = {e for kw in widget_kwargs(src, "AccountsTable") for e in kw.get("event_ids", [])}
    assert "2025-06-13-twelve-day-war" in shown


# --- all three: primary documents that exist ------------------------------------------------------

@pytest.mark.parametrize("nn", LESSONS)
def test_each_lesson_reads_primary_documents_of_its_own(nn):
    readers = widget_kwargs(cells("lessons", nn), "DocumentReader")
    assert readers, f"lesson {nn} has no DocumentReader"
    known = {d["id"]: d["lessons"].split(";") for d in table("documents")}
    for kw in readers:
        ids = kw.get("ids") or [d for d, lessons in known.items() if kw.get("lesson") in lessons]
        assert ids, f"lesson {nn}: DocumentReader({kw}) would show no document"
        assert set(ids) <= set(known), sorted(set(ids) - set(known))
