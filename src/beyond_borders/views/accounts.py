"""Competing accounts: who claimed which figure for one event, side by side.

``accounts_for`` is a pure function (event id -> tidy DataFrame) and ``accounts_html`` renders
it; ``AccountsTable`` is a thin widget with an event picker. The course never turns these into
one number: each figure stays with its claimant.
"""
from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd

from beyond_borders import data


def _fmt(low, high) -> str:
    lo = None if pd.isna(low) else low
    hi = None if pd.isna(high) else high
    n = lambda x: f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"  # noqa: E731
    if lo is not None and hi is not None:
        return n(lo) if lo == hi else f"{n(lo)}–{n(hi)}"
    if lo is not None:
        return f"at least {n(lo)}"
    if hi is not None:
        return f"up to {n(hi)}"
    return "no figure"


def accounts_for(event_id: str, accounts: pd.DataFrame | None = None) -> pd.DataFrame:
    """The accounts of one event: claimant, measure, figure (as text), description, sources."""
    accounts = data.load_accounts() if accounts is None else accounts
    rows = accounts[accounts["event_id"] == event_id]
    out = pd.DataFrame({
        "claimant": rows["claimant"],
        "measure": rows["measure"].astype(str),
        "figure": [_fmt(lo, hi) for lo, hi in zip(rows["low"], rows["high"])],
        "description": rows["description"],
        "sources": rows["sources"],
    })
    return out.reset_index(drop=True)


def source_links(ids: str, sources: pd.DataFrame) -> str:
    """HTML links for a ';'-separated list of source ids (outlet, date, title)."""
    by_id = sources.set_index("id")
    links = []
    for sid in data.split_ids(ids):
        if sid not in by_id.index:
            links.append(html.escape(sid))
            continue
        s = by_id.loc[sid]
        date = f", {s['published']}" if s["published"] else ""
        links.append(f"<a href='{html.escape(s['url'], quote=True)}' target='_blank' rel='noopener'>"
                     f"{html.escape(s['outlet'])}{html.escape(date)}</a>")
    return "; ".join(links)


def accounts_html(event_id: str, accounts=None, sources=None) -> str:
    """A table of who claimed what for one event, or a note that no figures are disputed."""
    table = accounts_for(event_id, accounts)
    sources = data.load_sources() if sources is None else sources
    if table.empty:
        return "<p><em>No competing figures are recorded for this event.</em></p>"
    rows = "".join(
        f"<tr><td>{html.escape(r.claimant)}</td><td>{html.escape(r.measure.replace('_', ' '))}</td>"
        f"<td style='text-align:right'>{html.escape(r.figure)}</td><td>{html.escape(r.description)}</td>"
        f"<td>{source_links(r.sources, sources)}</td></tr>" for r in table.itertuples())
    return ("<table class='bb-accounts'><caption>Competing accounts: each figure stays with "
            "whoever gave it</caption><thead><tr><th>Claimant</th><th>Measure</th><th>Figure</th>"
            f"<th>What they said</th><th>Source</th></tr></thead><tbody>{rows}</tbody></table>")


class AccountsTable(W.VBox):
    """Pick an event with competing figures; see each claimant's figure side by side."""

    def __init__(self, event_ids=None, value=None):
        self.events = data.load_events()
        self.accounts = data.load_accounts()
        self.sources = data.load_sources()
        ids = list(dict.fromkeys(self.accounts["event_id"])) if event_ids is None else list(event_ids)
        titles = self.events.set_index("id")["title"]
        dates = self.events.set_index("id")["date"]
        ids = sorted(ids, key=lambda i: (dates.get(i), i))
        options = [(f"{dates[i]:%Y-%m-%d} · {titles[i]}", i) for i in ids if i in titles.index]
        self.picker = W.Dropdown(options=options, value=value or (options[0][1] if options else None),
                                 description="Event", layout=W.Layout(width="95%"))
        self.table = W.HTML(self._render(self.picker.value))
        self.picker.observe(lambda ch: setattr(self.table, "value", self._render(ch["new"])),
                            names="value")
        super().__init__([self.picker, self.table])
        self.add_class("bb-accounts-table")

    def _render(self, event_id):
        if event_id is None:
            return "<p><em>No events with competing figures.</em></p>"
        return accounts_html(event_id, self.accounts, self.sources)

    def __repr__(self):
        n = len(accounts_for(self.picker.value, self.accounts)) if self.picker.value else 0
        return f"AccountsTable: {len(self.picker.options)} events; {self.picker.value}: {n} accounts"
