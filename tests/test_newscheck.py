"""The invented article's claims as data, and the checks behind lesson 9."""
from pathlib import Path

import pandas as pd

from beyond_borders import data
from beyond_borders.views.lessons.newscheck import (ClaimCheck, NewsArticle, PageOrigins, article_html,
                                                    article_text, claim_table, claim_table_html,
                                                    confidence_counts, count_origins, evidence_rows,
                                                    lesson_article, lesson_claims, page_origins,
                                                    verdict_words)


WORKED = {"c1", "c5"}  # the claims lesson 9 works through as examples (ClaimCheck(["c1", "c5"]))


def test_worked_examples_have_a_verdict_and_real_evidence_and_marked_claims_none():
    ev, st, ac = data.load_events(), data.load_statements(), data.load_accounts()
    known = set(ev["id"]) | set(st["id"]) | set(ac["id"])
    claims = lesson_claims()
    ids = [c["id"] for c in claims]
    assert ids == [f"c{i}" for i in range(1, 8)]
    assert sorted(cid for p in lesson_article()["paragraphs"] for cid in p) == sorted(ids)
    assert list(verdict_words()) == ["supported", "partly_supported", "wrong", "unverifiable"]
    for c in claims:
        if c["id"] in WORKED:
            assert c["verdict"] in verdict_words()
            assert c["evidence"] and set(c["evidence"]) <= known, c["id"]
            assert c["reason"] and c["pattern"]
        else:
            assert c["verdict"] == c["pattern"] == "" and c["evidence"] == [], c["id"]


def test_the_package_data_does_not_answer_the_marked_claims():
    """The content file holds no verdict or evidence for a claim the exercise set marks."""
    from beyond_borders.content import load_content
    doc = load_content("09", "article")
    assert {v["claim"] for v in doc["verdicts"]} == WORKED
    text = (Path(data.__file__).resolve().parents[1] / "content" / "09_article.json").read_text(encoding="utf-8")
    for marked_evidence in ("st-2025-06-14-khawaja-asif-na", "st-2025-06-14-tarar-na",
                            "2025-06-13-parliament-resolutions", "st-2025-06-16-dar-senate-denial",
                            "st-2025-06-16-iverify-video-doctored"):
        assert marked_evidence not in text


def test_article_is_labelled_as_invented():
    text = article_text()
    assert text.startswith("INVENTED EXERCISE TEXT")
    assert "not a real article" in article_html()
    for i, c in enumerate(lesson_claims(), 1):
        assert f"[{i}] {c['text']}" in text
    assert repr(NewsArticle()) == text


def test_evidence_rows_looks_up_each_kind_of_record():
    rows = evidence_rows(["st-2025-06-14-tarar-na", "2025-06-13-twelve-day-war",
                          "ac-2025-06-13-twelve-day-war-1", "no-such-id"])
    assert list(rows["record"]) == ["statement", "event", "account", "missing"]
    assert rows.loc[0, "date"] == "2025-06-14" and "Tarar" in rows.loc[0, "who"]
    assert "Raisi" in rows.loc[0, "what"]


def test_claim_table_and_display():
    t = claim_table(["c1", "c5"])
    assert list(t["claim"]) == ["1", "5"]
    assert list(t["verdict"]) == ["partly_supported", "unverifiable"]
    assert "2025-06-14" in t.loc[0, "evidence_dates"]
    assert repr(ClaimCheck(["c5"])).startswith("[5] unverifiable")
    assert "<table" in ClaimCheck(["c5"])._repr_html_()


def test_a_marked_claim_shows_without_its_verdict():
    assert repr(ClaimCheck(["c4"])) == "[4] verdict not shown — evidence: not shown"
    out = ClaimCheck(["c4"])._repr_html_()
    assert "verdict not shown" in out and "Raisi" in out  # the claim's own text is shown
    assert "Tarar" not in out and "wrong" not in out


def test_claim_table_html_says_the_confidence_in_words():
    c = {"id": "c9", "text": "T", "pattern": "p", "verdict": "wrong", "reason": "r",
         "evidence": ["st-2025-06-14-tarar-na"]}
    out = claim_table_html(["c9"], claims=[c])
    assert "(statement, 2025-06-14, single source): " in out and "single_source" not in out


def test_titles_in_the_claims_are_checked_against_roles():
    st = data.load_statements().set_index("id")
    assert st.loc["st-2025-06-14-khawaja-asif-na", "role"].startswith("Defence Minister")
    assert "Foreign Minister" in st.loc["st-2025-06-16-dar-senate-denial", "role"]
    assert st.loc["st-2025-06-16-dar-senate-denial", "responds_to"] == "st-2025-06-15-rezaee-nuclear-claim"


def test_copies_count_once():
    src = pd.DataFrame([
        dict(id="a", outlet="Site A", kind="aggregator", published="", originator="AFP"),
        dict(id="b", outlet="Site B", kind="newspaper", published="2025-01-01", originator="AFP"),
        dict(id="c", outlet="AFP", kind="wire", published="2025-01-01", originator=""),
        dict(id="d", outlet="Site D", kind="newspaper", published="2025-01-02", originator=""),
    ])
    ev = pd.DataFrame([dict(id="e1", sources="a;b;c;d")])
    pages = page_origins("e1", events=ev, sources=src)
    assert list(pages["origin"]) == ["AFP", "AFP", "AFP", "Site D"]
    assert count_origins("e1", events=ev, sources=src) == 2


def test_embassy_post_repeated_three_times_is_one_origin():
    p = PageOrigins("2025-08-26-munir-mousavi-call")
    assert len(p.pages) == 3 and p.pages["origin"].nunique() == 1
    assert "1 independent originator" in repr(p)


def test_confidence_counts_window():
    ev = pd.DataFrame(dict(date=pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-03", "2025-02-01"]),
                           confidence=["confirmed", "single_source", "single_source", "disputed"]))
    c = confidence_counts("2025-01-01", "2025-01-31", events=ev)
    assert c.to_dict() == {"confirmed": 1, "single_source": 2, "disputed": 0}
