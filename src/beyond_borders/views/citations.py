"""Source lists for lessons: which pages stand behind the rows a lesson uses."""
from __future__ import annotations

import html

import pandas as pd

from beyond_borders import data
from beyond_borders.render.sources import source_item_html


class SourceList:
    """A numbered list of sources that shows as HTML links or as plain text."""

    def __init__(self, sources: pd.DataFrame, heading: str):
        self.sources, self.heading = sources, heading

    @staticmethod
    def _line(s) -> str:
        copy = f" (copy of {s.originator})" if s.originator else ""
        date = f"{s.published}." if s.published else "n.d."
        return f"[{s.id}] {s.outlet}{copy}, “{s.title}”, {date} {s.url}"

    def __len__(self):
        return len(self.sources)

    def __repr__(self):
        return "\n".join([f"{self.heading} ({len(self.sources)})"] +
                         [self._line(s) for s in self.sources.itertuples()])

    def _repr_html_(self):
        items = "".join(source_item_html(s) for s in self.sources.itertuples())
        return (f"<details open><summary><strong>{html.escape(self.heading)} ({len(self.sources)})"
                f"</strong></summary><ol>{items}</ol></details>")


def _rows(table: pd.DataFrame, ids, lo, hi) -> pd.DataFrame:
    """Rows named in ``ids``, and rows dated within [lo, hi] when a window is given."""
    chosen = table["id"].isin(list(ids or []))
    if lo is not None or hi is not None:
        chosen |= table["date"].between(lo if lo is not None else pd.Timestamp.min,
                                        hi if hi is not None else pd.Timestamp.max)
    return table[chosen]


def sources_for(event_ids=None, statement_ids=None, start=None, end=None, extra=(),
                heading="Sources for this lesson") -> SourceList:
    """Every source cited by the chosen events (and their accounts) and statements.

    Choose rows by id, by a date window (``start``/``end``) over events and statements, or
    both (the rows named and the rows in the window). ``extra`` adds source ids as they are.
    Sources are listed once each, by outlet, date and id.
    """
    lo = pd.Timestamp(start) if start is not None else None
    hi = pd.Timestamp(end) if end is not None else None
    events = _rows(data.load_events(), event_ids, lo, hi)
    statements = _rows(data.load_statements(), statement_ids, lo, hi)
    accounts = data.load_accounts()
    ids = [s for col in (events["sources"], statements["sources"],
                         accounts[accounts["event_id"].isin(events["id"])]["sources"])
           for v in col for s in data.split_ids(v)]
    src = data.load_sources().set_index("id")
    order = [i for i in dict.fromkeys([*ids, *extra]) if i in src.index]
    return SourceList(src.loc[order].reset_index().sort_values(["outlet", "published", "id"]), heading)


def indicator_sources(indicator_names, indicators: pd.DataFrame | None = None) -> list[str]:
    """Source ids behind every row of the named indicator(s), in first-seen order."""
    names = [indicator_names] if isinstance(indicator_names, str) else list(indicator_names)
    indicators = data.load_indicators() if indicators is None else indicators
    rows = indicators[indicators["indicator"].isin(names)]
    return list(dict.fromkeys(s for v in rows["sources"] for s in data.split_ids(v)))
