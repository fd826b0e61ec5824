"""Reading the news: an invented low-quality article, its claims as data, and checks against the
course's own record (lesson 9).

The article below is **invented for the exercise**: the course authors wrote it to imitate common
faults of low-quality web pages (no date, a wrong title, two calls merged into one, a remark put in
the wrong mouth, a casualty figure without a claimant, a disputed claim stated as fact). It is not
a real article and quotes no real page.

Pure functions:

* ``article_text`` / ``article_html`` render the invented article with its numbered claims;
* ``evidence_rows`` looks up event, statement or account ids in the data (date, who, what);
* ``claim_table`` / ``claim_table_html`` set claims beside their verdict, evidence and reasons;
* ``page_origins`` lists the pages behind an event with the originator each one repeats, and
  ``count_origins`` counts independent originators (the rule of ``datasets/README.md``);
* ``confidence_counts`` counts events by ``confidence`` in a date window.

``NewsArticle``, ``ClaimCheck`` and ``PageOrigins`` are small display objects: HTML in the
notebook, a short stable text form for nbval.
"""
from __future__ import annotations

import html

import pandas as pd

from beyond_borders import data

__all__ = ["VERDICTS", "ARTICLE", "CLAIMS", "article_text", "article_html", "evidence_rows",
           "claim_table", "claim_table_html", "page_origins", "count_origins",
           "confidence_counts", "NewsArticle", "ClaimCheck", "PageOrigins"]

VERDICTS = {
    "supported": "the record backs the claim and every detail it states (who, what, when, title) matches; "
                 "leaving a detail out, such as the date, does not by itself lower the verdict",
    "partly_supported": "the core of the claim is in the record, but a detail the claim states is wrong",
    "wrong": "the record contradicts the claim: it names a different person, date or event",
    "unverifiable": "no source independent of the interested parties can settle the claim; "
                    "the most a careful writer can say is who claims it",
}

# The invented exercise text. Paragraphs are lists of claim ids; the claim texts are in CLAIMS.
ARTICLE = {
    "site": "worldpulse-now.example (an invented site)",
    "headline": "PAKISTAN READY TO GO NUCLEAR FOR IRAN, TOP GENERAL REVEALS",
    "byline": "Staff Reporter · Updated 3 hours ago",
    "paragraphs": [["c1"], ["c2", "c3"], ["c4", "c5"], ["c6", "c7"]],
    "footer": "This story also appeared on four partner sites: dailyglobe24.example, "
              "newsflash-hub.example, asia-briefing-now.example and trendwire.example.",
}

CLAIMS = [
    {"id": "c1", "pattern": "undated; two calls merged into one",
     "text": "On Saturday evening Prime Minister Shehbaz Sharif held a three-way call with Iran's "
             "President Masoud Pezeshkian and Türkiye's President Recep Tayyip Erdoğan, and the three "
             "leaders together demanded that Israel stop its attacks at once.",
     "verdict": "partly_supported",
     "evidence": ["2025-06-14-sharif-pezeshkian-call", "2025-06-14-sharif-erdogan-call"],
     "reason": "Sharif made two separate calls on the evening of Saturday 14 June 2025, one to "
               "Pezeshkian and one to Erdoğan. The call for an immediate halt came from the Sharif–Erdoğan "
               "call; no three-way call is recorded."},
    {"id": "c2", "pattern": "wrong title for an official",
     "text": "Speaking in the National Assembly, Pakistan's foreign minister Khawaja Asif warned that "
             "Muslim countries which stayed silent and divided would be targeted one after another.",
     "verdict": "partly_supported",
     "evidence": ["st-2025-06-14-khawaja-asif-na"],
     "reason": "The remark matches Khawaja Asif's speech in the National Assembly on 14 June 2025, "
               "but he was Defence Minister. The Foreign Minister was Ishaq Dar, also Deputy Prime "
               "Minister."},
    {"id": "c3", "pattern": "undated but otherwise sound",
     "text": "Both houses of Pakistan's parliament passed resolutions condemning Israel's attack.",
     "verdict": "supported",
     "evidence": ["2025-06-13-parliament-resolutions"],
     "reason": "The Senate and the National Assembly both condemned Israel's attack unanimously. "
               "Business Recorder and The Frontier Post date the Senate vote to 13 June 2025; Shafaq "
               "News says 15 June. The article gives no date at all."},
    {"id": "c4", "pattern": "a remark put in the wrong person's mouth",
     "text": "At the UN Security Council, Pakistan's ambassador Asim Iftikhar Ahmad reminded members "
             "of the late President Ebrahim Raisi's visit to Pakistan in 2024.",
     "verdict": "wrong",
     "evidence": ["st-2025-06-14-tarar-na", "st-2025-06-13-asim-iftikhar-unsc",
                  "st-2025-06-20-asim-iftikhar-unsc", "st-2025-06-22-asim-iftikhar-unsc"],
     "reason": "None of the ambassador's Security Council statements of June 2025 in the record "
               "mentions Raisi. It was Information Minister Attaullah Tarar who recalled Raisi's 2024 "
               "visit, speaking to the National Assembly on 14 June 2025 (one source, Pakistan Today)."},
    {"id": "c5", "pattern": "a casualty figure without a claimant",
     "text": "More than 600 people have now been killed in Iran.",
     "verdict": "unverifiable",
     "evidence": ["2025-06-13-twelve-day-war"],
     "reason": "Iranian health officials gave 606 and 610 dead on 24 June 2025; later figures from "
               "Iranian bodies and from the rights group HRANA run up to 1,190. Every figure comes from "
               "a party to the war or from HRANA, whose count reached the course only through a later "
               "Iran International summary; none could be checked independently. The article names no "
               "claimant and no date."},
    {"id": "c6", "pattern": "a disputed claim stated as fact",
     "text": "Pakistan has promised to strike Israel with a nuclear weapon if Israel uses one "
             "against Iran, a top general of Iran's elite forces revealed on state television.",
     "verdict": "unverifiable",
     "evidence": ["2025-06-15-rezaee-nuclear-claim", "st-2025-06-16-dar-senate-denial",
                  "st-2025-06-16-iverify-video-doctored"],
     "reason": "Outlets attributed the claim to Mohsen Rezaee, who led the IRGC from 1981 to 1997 and "
               "has since held civilian posts; he was not a serving general. No broadcast or transcript "
               "was found. Pakistan's Foreign Minister, Ishaq Dar, called it fabricated in the Senate "
               "on 16 June 2025, and "
               "Dawn reported that the fact-checker iVerify Pakistan judged the clip doctored. The "
               "article turns a disputed claim into a fact."},
    {"id": "c7", "pattern": "a response credited to the wrong person",
     "text": "Islamabad's only reaction was a post on X by Defence Minister Khawaja Asif, who brushed "
             "the report aside.",
     "verdict": "wrong",
     "evidence": ["st-2025-06-16-dar-senate-denial", "st-2025-06-15-khawaja-asif-x-nuclear"],
     "reason": "Pakistan's explicit denial came from Ishaq Dar in the Senate on 16 June 2025. "
               "Khawaja Asif's post on X of 15 June, which some outlets cited as a denial, is about "
               "Israel's nuclear arsenal and does not mention the claim."},
]

_BANNER = ("INVENTED EXERCISE TEXT: written by the course authors to imitate a low-quality web page. "
           "It is not a real article.")


def _claims(claims=None) -> dict:
    return {c["id"]: c for c in (CLAIMS if claims is None else claims)}


def article_text(article: dict | None = None, claims=None) -> str:
    """The invented article as plain text, each claim numbered like [1]."""
    article, by_id = article or ARTICLE, _claims(claims)
    lines = [_BANNER, "", article["headline"], article["byline"], ""]
    for para in article["paragraphs"]:
        lines.append(" ".join(f"[{cid[1:]}] {by_id[cid]['text']}" for cid in para))
        lines.append("")
    lines.append(article["footer"])
    return "\n".join(lines)


def article_html(article: dict | None = None, claims=None) -> str:
    """The invented article as HTML, clearly marked as an exercise text, claims numbered."""
    article, by_id = article or ARTICLE, _claims(claims)
    paras = "".join(
        "<p>" + " ".join(f"<sup style='color:#b42318;font-weight:bold'>[{cid[1:]}]</sup>&nbsp;"
                         f"{html.escape(by_id[cid]['text'])}" for cid in para) + "</p>"
        for para in article["paragraphs"])
    return ("<div class='bb-news-article' style='border:2px dashed #b42318;padding:0.8em 1.2em;"
            "max-width:46em;font-family:Georgia,serif'>"
            f"<p style='font-family:sans-serif;color:#b42318;font-weight:bold'>{html.escape(_BANNER)}</p>"
            f"<p style='font-family:sans-serif;color:#667085'>{html.escape(article['site'])}</p>"
            f"<h3 style='margin-top:0'>{html.escape(article['headline'])}</h3>"
            f"<p style='color:#667085'><em>{html.escape(article['byline'])}</em></p>{paras}"
            f"<p style='font-family:sans-serif;font-size:0.9em;color:#667085'>{html.escape(article['footer'])}</p>"
            "</div>")


def evidence_rows(ids, events: pd.DataFrame | None = None, statements: pd.DataFrame | None = None,
                  accounts: pd.DataFrame | None = None, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per id (event, statement or account): kind, date, who, what, confidence, sources."""
    ev = (data.load_events() if events is None else events).set_index("id")
    st = (data.load_statements() if statements is None else statements).set_index("id")
    ac = (data.load_accounts() if accounts is None else accounts).set_index("id")
    names = (data.load_actors() if actors is None else actors).set_index("id")["name"]
    rows = []
    for i in ids:
        if i in st.index:
            r = st.loc[i]
            who = f"{names.get(r['speaker'], r['speaker'])} ({r['role']}), {r['venue']}".rstrip(", ")
            rows.append(dict(id=i, record="statement", date=f"{r['date']:%Y-%m-%d}", who=who,
                             what=r["summary"], confidence=r["confidence"], sources=r["sources"]))
        elif i in ev.index:
            r = ev.loc[i]
            rows.append(dict(id=i, record="event", date=f"{r['date']:%Y-%m-%d}", who="",
                             what=f"{r['title']}. {r['summary']}", confidence=r["confidence"],
                             sources=r["sources"]))
        elif i in ac.index:
            r = ac.loc[i]
            date = f"{ev.loc[r['event_id'], 'date']:%Y-%m-%d}" if r["event_id"] in ev.index else ""
            rows.append(dict(id=i, record="account", date=date, who=r["claimant"],
                             what=r["description"], confidence="", sources=r["sources"]))
        else:
            rows.append(dict(id=i, record="missing", date="", who="", what="not in the data",
                             confidence="", sources=""))
    return pd.DataFrame(rows, columns=["id", "record", "date", "who", "what", "confidence", "sources"])


def _chosen(claim_ids, claims):
    """The claims by id, and the ids asked for (all of them by default), in order."""
    by_id = _claims(claims)
    return by_id, (list(by_id) if claim_ids is None else list(claim_ids))


def claim_table(claim_ids=None, claims=None, **tables) -> pd.DataFrame:
    """Claims beside their verdict, the records that settle them and the reason."""
    by_id, chosen = _chosen(claim_ids, claims)
    rows = []
    for cid in chosen:
        c = by_id[cid]
        ev = evidence_rows(c["evidence"], **tables)
        rows.append(dict(claim=cid[1:], text=c["text"], pattern=c["pattern"], verdict=c["verdict"],
                         evidence="; ".join(c["evidence"]),
                         evidence_dates="; ".join(d for d in ev["date"] if d),
                         reason=c["reason"]))
    return pd.DataFrame(rows, columns=["claim", "text", "pattern", "verdict", "evidence",
                                       "evidence_dates", "reason"])


def claim_table_html(claim_ids=None, claims=None, **tables) -> str:
    """The claim table with each piece of evidence spelled out (date, who, what)."""
    by_id, chosen = _chosen(claim_ids, claims)
    out = []
    for cid in chosen:
        c = by_id[cid]
        ev = evidence_rows(c["evidence"], **tables)
        items = "".join(
            f"<li><code>{html.escape(r.id)}</code> ({html.escape(r.record)}, {html.escape(r.date)}"
            f"{', ' + html.escape(r.confidence) if r.confidence else ''}): "
            f"{html.escape(r.who + ': ' if r.who else '')}{html.escape(r.what)}</li>"
            for r in ev.itertuples())
        out.append(f"<tr><td style='vertical-align:top'><strong>[{cid[1:]}]</strong></td>"
                   f"<td style='vertical-align:top'>{html.escape(c['text'])}<br><small><em>Pattern: "
                   f"{html.escape(c['pattern'])}</em></small></td>"
                   f"<td style='vertical-align:top'><strong>{html.escape(c['verdict'].replace('_', ' '))}</strong></td>"
                   f"<td style='vertical-align:top'>{html.escape(c['reason'])}<ul>{items}</ul></td></tr>")
    return ("<table class='bb-claim-check'><caption>Claims checked against the course data</caption>"
            "<thead><tr><th>#</th><th>Claim in the invented article</th><th>Verdict</th>"
            "<th>Why, and the records that settle it</th></tr></thead><tbody>"
            + "".join(out) + "</tbody></table>")


def page_origins(event_id: str, events: pd.DataFrame | None = None,
                 sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """The pages behind one event: outlet, kind, originator, and ``origin`` (the originator when the
    page copies another report, else the outlet itself)."""
    ev = (data.load_events() if events is None else events).set_index("id")
    src = (data.load_sources() if sources is None else sources).set_index("id")
    ids = [i for i in data.split_ids(ev.loc[event_id, "sources"]) if i in src.index]
    rows = [dict(page=i, outlet=src.loc[i, "outlet"], kind=src.loc[i, "kind"],
                 published=src.loc[i, "published"] or "n.d.", originator=src.loc[i, "originator"],
                 origin=src.loc[i, "originator"] or src.loc[i, "outlet"]) for i in ids]
    return pd.DataFrame(rows, columns=["page", "outlet", "kind", "published", "originator", "origin"])


def count_origins(event_id: str, **tables) -> int:
    """How many independent originators stand behind an event's pages (copies count once)."""
    return int(page_origins(event_id, **tables)["origin"].nunique())


def confidence_counts(start, end, events: pd.DataFrame | None = None) -> pd.Series:
    """Events dated from ``start`` to ``end`` (both included), counted by ``confidence``."""
    ev = data.load_events() if events is None else events
    win = ev[(ev["date"] >= pd.Timestamp(start)) & (ev["date"] <= pd.Timestamp(end))]
    order = ["confirmed", "single_source", "disputed"]
    counts = win["confidence"].astype(str).value_counts()
    return pd.Series([int(counts.get(k, 0)) for k in order], index=order, name="events")


class NewsArticle:
    """The invented article: HTML in the notebook, its plain text elsewhere."""

    def __init__(self, article: dict | None = None, claims=None):
        self.article, self.claims = article or ARTICLE, claims

    def __repr__(self):
        return article_text(self.article, self.claims)

    def _repr_html_(self):
        return article_html(self.article, self.claims)


class ClaimCheck:
    """Chosen claims with verdict, reason and evidence records."""

    def __init__(self, claim_ids=None, claims=None):
        self.claim_ids, self.claims = claim_ids, claims
        self.table = claim_table(claim_ids, claims)

    def __repr__(self):
        return "\n".join(f"[{r.claim}] {r.verdict.replace('_', ' ')} — evidence: {r.evidence}"
                         for r in self.table.itertuples())

    def _repr_html_(self):
        return claim_table_html(self.claim_ids, self.claims)


class PageOrigins:
    """The pages behind one event and the originators they repeat."""

    def __init__(self, event_id: str):
        self.event_id = event_id
        self.pages = page_origins(event_id)

    def summary(self) -> str:
        n, k = len(self.pages), self.pages["origin"].nunique()
        agg = int((self.pages["kind"] == "aggregator").sum())
        return (f"{self.event_id}: {n} page{'s' if n != 1 else ''}, {agg} marked aggregator, "
                f"{k} independent originator{'s' if k != 1 else ''}")

    def __repr__(self):
        return "\n".join([self.summary()] + [
            f"  {r.page} — {r.outlet} [{r.kind}], {r.published}; origin: {r.origin}"
            for r in self.pages.itertuples()])

    def _repr_html_(self):
        rows = "".join(
            f"<tr><td><code>{html.escape(r.page)}</code></td><td>{html.escape(r.outlet)}</td>"
            f"<td>{html.escape(r.kind)}</td><td>{html.escape(r.published)}</td>"
            f"<td>{html.escape(r.originator or '—')}</td><td><strong>{html.escape(r.origin)}</strong></td></tr>"
            for r in self.pages.itertuples())
        return (f"<p><strong>{html.escape(self.summary())}</strong></p>"
                "<table class='bb-page-origins'><thead><tr><th>Page</th><th>Outlet</th><th>Kind</th>"
                "<th>Published</th><th>Copies (originator)</th><th>Counts as</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>")
