"""``beyond-borders role-cards [--lesson NN] OUT``: printable role cards and a facilitator's sheet
for each lesson with decision points.

A role card is one printed page per role per decision point: the situation, the role's brief,
its interests to rank, the options with what each could gain and cost, room for the group's own
option, and the memo's task and rubric. It tells no outcome and asks no debrief question: a
group must decide before it learns what happened. The facilitator's sheet has the timings
(``classroom.plan``), the phrases not to say before the reveal, every role's outcome with its
sources and the debrief. The HTML is self-contained (no script, no web font, nothing fetched)
and is printed to PDF by ``make handouts``.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from beyond_borders import data
from beyond_borders.classroom.plan import STEPS
from beyond_borders.content import ContentError
from beyond_borders.content.load import CONTENT_DIR, lesson_code
from beyond_borders.render.style import INK, LINK_INK, MUTED_INK
from beyond_borders.render.text import day
from beyond_borders.views.lessons import decision_render as R
from beyond_borders.views.lessons.decisions import load_decision_points

__all__ = ["role_card_html", "facilitator_html", "pages", "write"]

CSS = (f"body{{font-family:sans-serif;color:{INK};background:#fff;max-width:46em;margin:1em auto;"
       "line-height:1.4}} table{border-collapse:collapse;width:100%} td,th{border:1px solid #d0d5dd}"
       f" a{{color:{LINK_INK}}} .bb-head{{color:{MUTED_INK};font-size:90%}}"
       " .bb-page{break-after:page;page-break-after:always} .bb-page:last-child{break-after:auto}"
       " .bb-blank{border-bottom:1px solid #98a2b3;height:1.6em;margin:4px 0}"
       " .bb-line{display:inline-block;width:55%;border-bottom:1px solid #98a2b3}"
       " .bb-group .bb-line{width:9em}"
       # On paper a card fits one page (A4 or Letter): small type; the known facts, the interests and
       # the sources in two columns; sources by outlet, title and date (addresses: facilitator's sheet).
       # the PDF's running head already says "Beyond Borders", so the card's own line drops it
       " @media print{.bb-brand{display:none} body{font-size:8pt;line-height:1.15;max-width:none;margin:0} h4{margin:2px 0}"
       " p,ul,ol{margin:2px 0} sup{font-size:6pt} td,th{padding:1px 4px !important}"
       " .bb-role-card .bb-decision-brief,.bb-role-card .bb-decision-role,.bb-role-card table{font-size:7.5pt}"
       " .bb-role-card table+p,.bb-role-card .bb-blank,.bb-role-card caption{display:none}"
       " .bb-role-card .bb-decision-brief ul,.bb-rank,.bb-decision-sources{columns:2;column-gap:1.2em}"
       " .bb-decision-sources{font-size:7pt;padding-left:1em} .bb-role-card .bb-blank{height:1.2em}"
       " .bb-rubric-line{font-size:7pt} .bb-role-card h4{font-size:9pt}"
       " .bb-facilitator a[href]::after{content:' (' attr(href) ')';font-size:80%;word-break:break-all}}")


CODE, AS_CODE = re.compile(r"`([^`]+)`"), r"<code>\1</code>"  # the plan's Markdown code spans


def _document(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{CSS}</style></head><body>{body}</body></html>")


def _head(dp: dict, what: str) -> str:
    return (f"<p class='bb-head'><span class='bb-brand'>Beyond Borders · </span>Lesson {dp['id'][:2]} · decision point {dp['id']} · "
            f"{html.escape(what)}</p>")


def _rank_blanks(role: dict) -> str:
    items = "".join(f"<li>{R.esc(i)} <span class='bb-head'>— rank: ____</span></li>" for i in role["interests"])
    return (f"<p><strong>Step 1 · Rank three interests</strong> (1 = most important) before you "
            f"discuss the options:</p><ul class='bb-rank'>{items}</ul>")


def _memo_line(memo: dict) -> str:
    """The memo's task and rubric in a few lines (the full table is on the facilitator's sheet)."""
    criteria = "; ".join(f"<strong>{R.esc(c['criterion'])}</strong> ({c['points']}): {R.esc(c['descriptor'].rstrip('.'))}"
                         for c in memo["rubric"])
    return (f"<p><strong>Step 3 · Memo.</strong> {R.esc(memo['prompt'])} <em>Write it on the back of "
            "this card or on a separate sheet.</em></p>"
            f"<p class='bb-rubric-line'>How it is read: {criteria}.</p>")


def role_card_html(dp: dict, role: dict) -> str:
    """One page: what this role knows and must decide, and the memo it must write. No outcome, no
    debrief; the sources appear as ids (the facilitator's sheet and the lesson list them in full)."""
    own = ("<p><strong>Our own option</strong> (if none of the above): <span class='bb-line'></span></p>"
           "<div class='bb-blank'></div>")
    head = _head(dp, 'role card: ' + role['title']).replace(   # the group's line shares the head's
        "</p>", " · <span class='bb-group'><strong>Group:</strong> <span class='bb-line'></span> "
                "<strong>Names:</strong> <span class='bb-line'></span></span></p>")
    return (f"<section class='bb-page bb-role-card'>{head}"
            f"{R.situation_html(dp)}{R.role_html(role)}{_rank_blanks(role)}"
            f"<p><strong>Step 2 · Choose</strong></p>{R.options_html(role)}{own}"
            f"{_memo_line(dp['memo'])}</section>")


def _plan_html() -> str:
    rows, start = [], 0
    for minutes, name, what in STEPS:
        rows.append(f"<tr><td>{start}–{start + minutes} min</td><td><strong>{html.escape(name)}</strong></td>"
                    f"<td>{CODE.sub(AS_CODE, html.escape(what))}</td></tr>")
        start += minutes
    return ("<table class='bb-plan'><caption>A 50-minute simulation</caption><thead><tr><th>When</th>"
            f"<th>Step</th><th>What happens</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def facilitator_html(dp: dict, sources: pd.DataFrame | None = None) -> str:
    """The facilitator's page for one decision point: roles, what not to say, outcomes, debrief."""
    roles = "".join(f"<li>{R.esc(r['title'])} ({R.esc(R.actor_name(r['actor']))})</li>" for r in dp["roles"])
    spoilers = ", ".join(f"“{R.esc(s)}”" for s in dp["spoilers"])
    outcome_ids = [i for r in dp["roles"] for s in r["outcome"]["steps"] for i in s["sources"]]
    return (f"<section class='bb-page bb-facilitator'>{_head(dp, 'facilitator sheet')}"
            f"<h2>{R.esc(dp['title'])} · {R.esc(day(dp['date']))}</h2><p><strong>Roles</strong> "
            f"(one group each; the first is the notebook's default):</p><ol>{roles}</ol>{_plan_html()}"
            f"<p><strong>Before the reveal, do not say:</strong> {spoilers}.</p>"
            f"<h3>What happened (read out at the reveal)</h3>{''.join(R.outcome_html(r) for r in dp['roles'])}"
            f"{R.debrief_html(dp)}{R.rubric_html(dp['memo'])}"
            f"<p><strong>Sources of the briefs</strong> (the ids on the role cards)</p>"
            f"{R.sources_html(R.brief_source_ids(dp), sources)}"
            f"<p><strong>Sources of the outcomes</strong></p>{R.sources_html(outcome_ids, sources)}</section>")


def pages(lesson, sources: pd.DataFrame | None = None) -> dict[str, str]:
    """File name -> HTML: ``NN_role_cards.html`` (every role of every point) and ``NN_facilitator.html``."""
    sources = data.load_sources() if sources is None else sources
    points = load_decision_points(lesson)
    code = points[0]["id"][:2]
    cards = "".join(role_card_html(dp, role) for dp in points for role in dp["roles"])
    sheets = "".join(facilitator_html(dp, sources) for dp in points)
    return {f"{code}_role_cards.html": _document(f"Role cards · lesson {code}", cards),
            f"{code}_facilitator.html": _document(f"Facilitator sheet · lesson {code}", sheets)}


def write(out: Path, lessons=None) -> list[Path]:
    """Write the pages of ``lessons`` (default: every lesson with decision points) into ``out``."""
    known = sorted(p.name[:2] for p in CONTENT_DIR.glob("*_decisions.json"))
    lessons = [lesson_code(n) for n in lessons] if lessons else known
    for lesson in lessons:
        if lesson not in known:
            raise ContentError(f"lesson {lesson} has no decision point; lessons with one: {', '.join(known)}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lesson in lessons:
        for name, text in pages(lesson).items():
            (out / name).write_text(text, encoding="utf-8")
            written.append(out / name)
    return written
