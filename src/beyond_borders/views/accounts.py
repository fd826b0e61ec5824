"""Competing accounts: who claimed which figure for one event, side by side.

``render.cards.accounts_for`` is a pure function (event id -> tidy DataFrame) and
``accounts_html`` renders it; ``AccountsTable`` is a thin widget with an event picker. The course
never turns these into one number: each figure stays with its claimant.
"""
from __future__ import annotations

import ipywidgets as W
from traitlets import Unicode, observe

from beyond_borders import data
from beyond_borders.render.cards import accounts_for, accounts_html
from beyond_borders.render.text import dated_title, plural


class AccountsTable(W.VBox):
    """Pick an event with competing figures; see each claimant's figure side by side.

    The event on show is the ``event_id`` trait, linked to the picker both ways.
    """

    event_id = Unicode(None, allow_none=True, help="Id of the event whose accounts are shown.")

    def __init__(self, event_ids=None, value=None):
        self.events = data.load_events()
        self.accounts = data.load_accounts()
        self.sources = data.load_sources()
        ids = list(dict.fromkeys(self.accounts["event_id"] if event_ids is None else event_ids))
        events = self.events.set_index("id")
        unknown = [i for i in [*ids, *([value] if value else [])] if i not in events.index]
        if unknown:  # an author's typo would otherwise show an empty or wrong table
            raise ValueError(f"AccountsTable: not event ids in events.csv: {', '.join(unknown)}")
        rows = events.loc[ids].reset_index().sort_values(["date", "id"])
        options = [(dated_title(r.date, r.title, r.date_precision), r.id) for r in rows.itertuples()]
        self.picker = W.Dropdown(options=options, value=value or (options[0][1] if options else None),
                                 description="Event", layout=W.Layout(width="95%"))
        self.table = W.HTML(self._render(None))
        super().__init__([self.picker, self.table])
        self.add_class("bb-accounts-table")
        W.link((self.picker, "value"), (self, "event_id"))  # sets event_id now: draws the table

    @observe("event_id")
    def _on_event(self, change):
        self.table.value = self._render(change["new"])

    def _render(self, event_id):
        if event_id is None:
            return "<p><em>No events with competing figures.</em></p>"
        return accounts_html(event_id, self.accounts, self.sources)

    def __repr__(self):
        n = len(accounts_for(self.event_id, self.accounts)) if self.event_id else 0
        return f"AccountsTable: {plural(len(self.picker.options), 'event')}; {self.event_id}: {plural(n, 'account')}"
