"""A decision point drawn as HTML: the situation, a role's brief and options, the memo's rubric,
the reveal (every role's outcome and the debrief) and a still view with no outcome in it.

Pure functions of the content (``content/NN_decisions.json``) and of the learner's choice: the
widget (``views.lessons.decisions``) shows them step by step, the static site and the printed
role cards (``classroom.role_cards``) show the parts that tell no outcome. Every text from the
content or the learner is escaped; colours are the course's readable pairs (``render.style``).
"""
from __future__ import annotations

import html

import pandas as pd

from beyond_borders import data
from beyond_borders.content.decision_kind import OWN_OPTION
from beyond_borders.render.sources import source_item_html
from beyond_borders.render.style import INK, MUTED_INK
from beyond_borders.render.text import day
from beyond_borders.views.lessons.decision_steps import role_of

__all__ = ["esc", "refs_html", "sources_html", "situation_html", "role_html", "options_html",
           "rubric_html", "outcome_html", "debrief_html", "reveal_html", "still_html",
           "brief_source_ids", "actor_name", "option_label"]

BOX = f"border-left:6px solid #0072B2;background:#eef4ff;color:{INK};padding:8px 12px;margin:6px 0"
CELL = "vertical-align:top;text-align:left;padding:2px 6px"


def esc(text) -> str:
    return html.escape(str(text or ""))


def refs_html(ids) -> str:
    """Source ids in brackets after a sentence; the full references are listed with the reveal."""
    return f"<sup style='color:{MUTED_INK}'>[" + ", ".join(esc(i) for i in ids) + "]</sup>"


def sources_html(ids, sources: pd.DataFrame | None = None) -> str:
    """A list of sources, each its id and a link titled with outlet, title and date."""
    sources = data.load_sources() if sources is None else sources
    by_id = sources.set_index("id")
    items = [source_item_html(by_id.loc[sid].to_dict() | {"id": sid}, anchor=False) if sid in by_id.index
             else f"<li><code>{esc(sid)}</code> (not in sources.csv)</li>"
             for sid in dict.fromkeys(ids)]
    return f"<ul class='bb-decision-sources' style='font-size:90%'>{''.join(items)}</ul>"


def actor_name(actor_id: str) -> str:
    """The actor's name from actors.csv ('Pakistan'), or the id when it is not there."""
    actors = data.load_actors().set_index("id")
    return str(actors.loc[actor_id, "name"]) if actor_id in actors.index else actor_id


def brief_source_ids(dp: dict, roles=None) -> list[str]:
    """The sources of the situation and of the roles' briefs: what was known on the date."""
    ids = [i for item in dp["situation"] for i in item["sources"]]
    return ids + [i for r in (roles if roles is not None else dp["roles"]) for i in r["brief_sources"]]


def situation_html(dp: dict) -> str:
    """The date, the title and what every role knows, each item with its sources."""
    items = "".join(f"<li>{esc(it['text'])} {refs_html(it['sources'])}</li>" for it in dp["situation"])
    return (f"<div class='bb-decision-brief'>"
            f"<h4 style='margin:4px 0'>Decision point · {esc(day(dp['date']))}: {esc(dp['title'])}</h4>"
            f"<p><strong>What everyone knows on this date</strong> (source ids in brackets; "
            f"nothing here was reported after {esc(day(dp['known_until']))}):</p><ul>{items}</ul></div>")


def role_html(role: dict) -> str:
    """One role: who you are, what you know and fear, and the question you must answer."""
    return (f"<div class='bb-decision-role'><p><strong>Your role: {esc(role['title'])}</strong> "
            f"({esc(actor_name(role['actor']))})</p><p>{esc(role['brief'])} "
            f"{refs_html(role['brief_sources'])}</p>"
            f"<p><strong>{esc(role['question'])}</strong></p></div>")


def options_html(role: dict) -> str:
    """The role's options as a table of what each could gain and cost, and the learner's own."""
    rows = "".join(
        f"<tr><td style='{CELL}'><strong>{esc(o['key'])})</strong> {esc(o['label'])}</td>"
        f"<td style='{CELL}'>{esc(o['gains'])}</td><td style='{CELL}'>{esc(o['costs'])}</td></tr>"
        for o in role["options"])
    return ("<table class='bb-decision-options'><caption>The options and their trade-offs</caption>"
            f"<thead><tr><th style='{CELL}'>Option</th><th style='{CELL}'>What it could gain</th>"
            f"<th style='{CELL}'>What it could cost</th></tr></thead><tbody>{rows}</tbody></table>"
            "<p>None of these fits? Choose “My own option” and say what you would do instead.</p>")


def rubric_html(memo: dict) -> str:
    """The memo's task and the rubric it will be read against, with the points of each criterion."""
    rows = "".join(f"<tr><td style='{CELL}'><strong>{esc(c['criterion'])}</strong></td>"
                   f"<td style='{CELL}'>{c['points']}</td><td style='{CELL}'>{esc(c['descriptor'])}</td></tr>"
                   for c in memo["rubric"])
    total = sum(c["points"] for c in memo["rubric"])
    return (f"<div class='bb-decision-rubric'><p><strong>Your memo.</strong> {esc(memo['prompt'])}</p>"
            f"<table><caption>How a memo is read ({total} points)</caption><thead><tr>"
            f"<th style='{CELL}'>Criterion</th><th style='{CELL}'>Points</th>"
            f"<th style='{CELL}'>A full-marks memo</th></tr></thead><tbody>{rows}</tbody></table></div>")


def option_label(role: dict, key, own_text: str = "") -> str:
    """'b) Offer condolences …', or the learner's own option in their words."""
    if key == OWN_OPTION:
        return f"My own option: {own_text.strip()}" if str(own_text or "").strip() else "My own option"
    option = next((o for o in role["options"] if o["key"] == key), None)
    return f"{key}) {option['label']}" if option else str(key or "")


def _match(role: dict, chosen) -> str:
    closest = role["outcome"]["closest"]
    if closest is None:
        return "None of the options matches what happened closely."
    if chosen is None:
        return f"Closest option: {option_label(role, closest)}"
    if closest == chosen:
        return f"What happened is closest to your choice, option {closest}."
    return f"What happened is closest to option {closest}; you chose {'your own option' if chosen == OWN_OPTION else 'option ' + chosen}."


def outcome_html(role: dict, chosen=None) -> str:
    """What the role's actor did, step by step with sources; ``chosen`` is the learner's option
    when this is the learner's role (a match is compared, never marked)."""
    outcome = role["outcome"]
    steps = "".join(f"<li><strong>{esc(day(s['date']))}.</strong> {esc(s['text'])} "
                    f"{refs_html(s['sources'])}</li>" for s in outcome["steps"])
    caveat = f"<p><em>{esc(outcome['caveat'])}</em></p>" if outcome.get("caveat") else ""
    return (f"<div class='bb-decision-outcome'><h4 style='margin:6px 0 2px'>What {esc(actor_name(role['actor']))} "
            f"did <span style='color:{MUTED_INK};font-weight:normal'>({esc(role['title'])})</span></h4>"
            f"<p>{esc(outcome['summary'])}</p><ol>{steps}</ol><p>{esc(_match(role, chosen))}</p>{caveat}</div>")


def debrief_html(dp: dict) -> str:
    items = "".join(f"<li>{esc(q)}</li>" for q in dp["debrief"])
    return f"<div class='bb-decision-debrief'><h4 style='margin:6px 0 2px'>Debrief</h4><ol>{items}</ol></div>"


def _yours(dp, role, ranking, option, own_text, memo) -> str:
    interests = "".join(f"<li>{esc(i)}</li>" for i in ranking)
    return (f"<p><strong>Your role:</strong> {esc(role['title'])}</p>"
            f"<p><strong>Your interests, ranked:</strong></p><ol>{interests}</ol>"
            f"<p><strong>Your choice:</strong> {esc(option_label(role, option, own_text))}</p>"
            f"<p><strong>Your memo:</strong> {esc(str(memo or '').strip())}</p>")


def reveal_html(dp: dict, role_id, ranking, option, own_text, memo,
                sources: pd.DataFrame | None = None) -> str:
    """The learner's choice, then what every role's actor did, the debrief and every source."""
    role = role_of(dp, role_id)
    others = [r for r in dp["roles"] if r is not role]
    outcomes = outcome_html(role, option) + "".join(outcome_html(r) for r in others)
    ids = brief_source_ids(dp) + [i for r in dp["roles"] for s in r["outcome"]["steps"] for i in s["sources"]]
    return (f"<div class='bb-decision-reveal' role='region' aria-label='What happened' style='{BOX}'>"
            f"{_yours(dp, role, ranking, option, own_text, memo)}{outcomes}"
            f"<p>A match is not a mark: compare your reasons with the trade-offs each side accepted.</p>"
            f"{debrief_html(dp)}<p><strong>Sources</strong></p>{sources_html(ids, sources)}</div>")


def interests_html(role: dict) -> str:
    items = "".join(f"<li>{esc(i)}</li>" for i in role["interests"])
    return f"<p><strong>Interests to rank</strong> (choose three, most important first):</p><ul>{items}</ul>"


def still_html(dp: dict, sources: pd.DataFrame | None = None) -> str:
    """The decision point on a page or on paper: the situation, every role's brief, interests and
    options, the memo and its rubric. No outcome and no debrief: those come after a choice."""
    roles = "".join(f"<section class='bb-decision-still-role'>{role_html(r)}{interests_html(r)}"
                    f"{options_html(r)}</section>" for r in dp["roles"])
    return (f"<div class='bb-decision-still'>{situation_html(dp)}{roles}{rubric_html(dp['memo'])}"
            f"<p><strong>Sources of the brief</strong></p>{sources_html(brief_source_ids(dp), sources)}</div>")
