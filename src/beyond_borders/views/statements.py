"""Statements: filter who said what (pure), show it as cards, and trace claims and responses.

``filter_statements``, ``root_of`` and ``claim_chain`` are pure; ``StatementsExplorer`` only
wires a speaker picker, stance tags and a date range to them (it keeps no state of its own, so
an error in one redraw never stops the next).
"""
from __future__ import annotations

import ipywidgets as W
import pandas as pd

from beyond_borders import data
from beyond_borders.render.cards import statement_card
from beyond_borders.render.style import STANCE_LABELS
from beyond_borders.render.text import day, plural


def filter_statements(statements: pd.DataFrame, speakers=None, stances=None, start=None, end=None,
                      countries=None, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Statements by any of ``speakers``, tagged with any of ``stances``, within [start, end].

    ``countries`` (ISO3 codes such as "PAK") keeps speakers of those states (needs ``actors``).
    """
    out = statements
    if speakers:
        out = out[out["speaker"].isin(list(speakers))]
    if stances:
        wanted = set(stances)
        out = out[out["stance"].map(lambda s: bool(wanted.intersection(data.split_ids(s))))]
    if start is not None:
        out = out[out["date"] >= pd.Timestamp(start)]
    if end is not None:
        out = out[out["date"] <= pd.Timestamp(end)]
    if countries:
        actors = data.load_actors() if actors is None else actors
        of = actors.set_index("id")["country"]
        out = out[out["speaker"].map(lambda a: of.get(a, "") in set(countries))]
    return out


def root_of(statement_id: str, statements: pd.DataFrame) -> str:
    """The claim a statement answers, directly or through other answers (itself if none).

    Follows ``responds_to`` upwards; stops at an id the table lacks, and at a cycle.
    """
    answers = {i: r for i, r in zip(statements["id"], statements["responds_to"])
               if isinstance(r, str) and r}
    root, seen = statement_id, set()
    while answers.get(root) and root not in seen:
        seen.add(root)
        root = answers[root]
    return root


def claim_chain(statement_id: str, statements: pd.DataFrame | None = None) -> pd.DataFrame:
    """A claim and everything that answers it (directly or through other answers), by date."""
    st = data.load_statements() if statements is None else statements
    root = root_of(statement_id, st)
    chain, frontier = [root], [root]
    while frontier:
        nxt = [n for n in st[st["responds_to"].isin(frontier)]["id"] if n not in chain]
        chain.extend(nxt)
        frontier = nxt
    return st[st["id"].isin(chain)].sort_values(["date", "id"]).reset_index(drop=True)


class StatementsExplorer(W.VBox):
    """Filter statements by speaker, stance tag and dates; read them as attributed cards."""

    def __init__(self, start=None, end=None, speakers=None, stances=None, statements=None):
        self.statements = data.load_statements() if statements is None else statements
        self.actors = data.load_actors()
        self.sources = data.load_sources()
        self.names = self.actors.set_index("id")["name"]
        self.speaker = W.SelectMultiple(description="Speakers", rows=6, layout=W.Layout(width="380px"))
        tags = sorted({t for s in self.statements["stance"] for t in data.split_ids(s)})
        self.stance = W.SelectMultiple(options=[(STANCE_LABELS.get(t, t), t) for t in tags],
                                       value=tuple(stances or ()), description="Stances", rows=6,
                                       layout=W.Layout(width="300px"))
        lo = pd.Timestamp(start) if start is not None else self.statements["date"].min()
        hi = pd.Timestamp(end) if end is not None else self.statements["date"].max()
        self.start = W.DatePicker(value=lo.date(), description="From")
        self.end = W.DatePicker(value=hi.date(), description="To")
        self._offer_speakers(chosen=tuple(speakers or ()))
        self.count = W.HTML()
        self.cards = W.HTML(layout=W.Layout(max_height="520px", overflow="auto"))
        for w in (self.start, self.end):
            w.observe(self._on_dates, names="value")
        for w in (self.speaker, self.stance, self.start, self.end):
            w.observe(self._on_filter, names="value")
        help_text = W.HTML("<small>Select none to include all; hold Ctrl (Cmd on a Mac) to pick several.</small>")
        super().__init__([W.HBox([self.speaker, self.stance]), W.HBox([self.start, self.end]),
                          help_text, self.count, self.cards])
        self.add_class("bb-statements-explorer")
        self.refresh()

    def in_view(self) -> pd.DataFrame:
        return filter_statements(self.statements, speakers=self.speaker.value or None,
                                 stances=self.stance.value or None, start=self.start.value,
                                 end=self.end.value)

    def _offer_speakers(self, chosen=()):
        """List only speakers with a statement between the dates (and any already chosen), so
        no name in the list leads to an empty page."""
        dated = filter_statements(self.statements, start=self.start.value, end=self.end.value)
        present = sorted(set(dated["speaker"]) | set(chosen),
                         key=lambda a: str(self.names.get(a, a)).lower())
        self.speaker.options = [(str(self.names.get(a, a)), a) for a in present]
        self.speaker.value = tuple(a for a in chosen if a in present)

    def _on_dates(self, _change):
        with self.hold_trait_notifications():
            self._offer_speakers(chosen=self.speaker.value)

    def _on_filter(self, _change):
        self.refresh()

    def refresh(self):
        """Count and cards for the statements the controls let through."""
        view = self.in_view()
        # The date pickers follow the browser's locale (often month/day/year): say the dates.
        when = (f", dated {day(self.start.value)} to {day(self.end.value)}"
                if self.start.value and self.end.value else "")
        self.count.value = f"Showing <strong>{plural(len(view), 'statement')}</strong>{when}."
        self.cards.value = "".join(statement_card(r, self.actors, self.sources)
                                   for _, r in view.iterrows()) or "<p><em>No statements match.</em></p>"

    def __repr__(self):
        return f"StatementsExplorer: {len(self.in_view())} of {plural(len(self.statements), 'statement')}"
