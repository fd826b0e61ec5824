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
from beyond_borders.render.cards import accounts_for, accounts_html


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
