"""Reading the news: an invented low-quality article, its claims as data, and checks against the
course's own record (lesson 9).

The article is **invented for the exercise**: the course authors wrote it to imitate common
faults of low-quality web pages (no date, a wrong title, two calls merged into one, a remark put in
the wrong mouth, a casualty figure without a claimant, a disputed claim stated as fact). It is not
a real article and quotes no real page. It is lesson content: ``content/09_article.json`` holds the
article, its claims, the verdict words, and the verdict, pattern, evidence ids and reason of the
two claims the lesson works as examples (c1 and c5); ``content.load`` checks every evidence id
against the data. The other claims are marked in the exercise set, so their verdicts are answers,
sealed in the question bank like every other answer: here they show as "not shown".

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
from beyond_borders.content import load_content
from beyond_borders.render.text import CONFIDENCE_SHORT, iso_date, plural

__all__ = ["verdict_words", "lesson_article", "lesson_claims", "article_text", "article_html",
           "evidence_rows", "claim_table", "claim_table_html", "page_origins", "count_origins",
           "confidence_counts", "NewsArticle", "ClaimCheck", "PageOrigins"]


def verdict_words(lesson="09") -> dict:
    """What each verdict means: word -> definition, in the order the lesson gives them."""
    return {v["id"]: v["meaning"] for v in load_content(lesson, "article")["verdict_words"]}


def lesson_article(lesson="09") -> dict:
    """The invented article: site, headline, byline, footer, and paragraphs as lists of claim ids."""
    article = load_content(lesson, "article")["article"]
    return {**article, "paragraphs": [p["claims"] for p in article["paragraphs"]]}


HIDDEN = {"pattern": "", "verdict": "", "evidence": [],
          "reason": "Not shown: this claim is marked in the exercise set."}


def lesson_claims(lesson="09") -> list[dict]:
    """Each claim: id, text, and for a worked example its pattern, verdict, evidence (ids) and
    reason; a claim the exercise set marks has these empty (``HIDDEN``)."""
    doc = load_content(lesson, "article")
    verdicts = {v["claim"]: v for v in doc["verdicts"]}
    return [{"id": c["id"], "text": c["text"],
             **{k: verdicts.get(c["id"], HIDDEN)[k] for k in ("pattern", "verdict", "evidence", "reason")}}
            for c in doc["claims"]]


def _verdict(word: str) -> str:
    return word.replace("_", " ") if word else "verdict not shown"


_BANNER = ("INVENTED EXERCISE TEXT: written by the course authors to imitate a low-quality web page. "
           "It is not a real article.")


def _claims(claims=None) -> dict:
    return {c["id"]: c for c in (lesson_claims() if claims is None else claims)}


def article_text(article: dict | None = None, claims=None) -> str:
    """The invented article as plain text, each claim numbered like [1]."""
    article, by_id = article or lesson_article(), _claims(claims)
    lines = [_BANNER, "", article["headline"], article["byline"], ""]
    for para in article["paragraphs"]:
        lines.append(" ".join(f"[{cid[1:]}] {by_id[cid]['text']}" for cid in para))
        lines.append("")
    lines.append(article["footer"])
    return "\n".join(lines)


def article_html(article: dict | None = None, claims=None) -> str:
    """The invented article as HTML, clearly marked as an exercise text, claims numbered."""
    article, by_id = article or lesson_article(), _claims(claims)
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
            rows.append(dict(id=i, record="statement", date=iso_date(r['date']), who=who,
                             what=r["summary"], confidence=r["confidence"], sources=r["sources"]))
        elif i in ev.index:
            r = ev.loc[i]
            rows.append(dict(id=i, record="event", date=iso_date(r['date']), who="",
                             what=f"{r['title']}. {r['summary']}", confidence=r["confidence"],
                             sources=r["sources"]))
        elif i in ac.index:
            r = ac.loc[i]
            date = iso_date(ev.loc[r['event_id'], 'date']) if r["event_id"] in ev.index else ""
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
            f"{', ' + html.escape(CONFIDENCE_SHORT.get(r.confidence, r.confidence)) if r.confidence else ''}): "
            f"{html.escape(r.who + ': ' if r.who else '')}{html.escape(r.what)}</li>"
            for r in ev.itertuples())
        out.append(f"<tr><td style='vertical-align:top'><strong>[{cid[1:]}]</strong></td>"
                   f"<td style='vertical-align:top'>{html.escape(c['text'])}<br><small><em>Pattern: "
                   f"{html.escape(c['pattern'] or 'not shown')}</em></small></td>"
                   f"<td style='vertical-align:top'><strong>{html.escape(_verdict(c['verdict']))}</strong></td>"
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
        self.article, self.claims = article or lesson_article(), claims

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
        return "\n".join(f"[{r.claim}] {_verdict(r.verdict)} — evidence: {r.evidence or 'not shown'}"
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
        return (f"{self.event_id}: {plural(n, 'page')}, {agg} marked aggregator, "
                f"{plural(k, 'independent originator')}")

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
