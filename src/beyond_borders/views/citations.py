"""Source lists for lessons: which pages stand behind the rows a lesson uses."""
from __future__ import annotations

import html

import pandas as pd

from beyond_borders import data


class SourceList:
    """A numbered list of sources that shows as HTML links or as plain text."""

    def __init__(self, sources: pd.DataFrame, heading: str):
        self.sources, self.heading = sources, heading

    def _line(self, s):
        date = s.published or "n.d"
        copy = f" (copy of {s.originator})" if s.originator else ""
        return f"[{s.id}] {s.outlet}{copy}, “{s.title}”, {date}. {s.url}"

    def __len__(self):
        return len(self.sources)

    def __repr__(self):
        return "\n".join([f"{self.heading} ({len(self.sources)})"] +
                         [self._line(s) for s in self.sources.itertuples()])

    def _repr_html_(self):
        items = "".join(
            f"<li id='src-{html.escape(s.id)}'><code>{html.escape(s.id)}</code> — "
            f"{html.escape(s.outlet)}{html.escape(f' (copy of {s.originator})' if s.originator else '')}, "
            f"<a href='{html.escape(s.url, quote=True)}' target='_blank' rel='noopener'>"
            f"{html.escape(s.title)}</a>, {html.escape(s.published or 'n.d.')} "
            f"<span style='color:#667085'>[{html.escape(s.kind)}]</span></li>"
            for s in self.sources.itertuples())
        return f"<details open><summary><strong>{html.escape(self.heading)} ({len(self.sources)})</strong></summary><ol>{items}</ol></details>"


def sources_for(event_ids=None, statement_ids=None, start=None, end=None, extra=(),
                heading="Sources for this lesson") -> SourceList:
    """Every source cited by the chosen events (and their accounts) and statements.

    Choose rows by id, or by a date window (``start``/``end``) over events and statements.
    """
    ev, st, acc = data.load_events(), data.load_statements(), data.load_accounts()
    if start is not None or end is not None:
        lo = pd.Timestamp(start) if start is not None else pd.Timestamp.min
        hi = pd.Timestamp(end) if end is not None else pd.Timestamp.max
        ev_sel = ev[(ev["date"] >= lo) & (ev["date"] <= hi)]
        st_sel = st[(st["date"] >= lo) & (st["date"] <= hi)]
    else:
        ev_sel = ev[ev["id"].isin(list(event_ids or []))]
        st_sel = st[st["id"].isin(list(statement_ids or []))]
    if event_ids is not None and (start is not None or end is not None):
        ev_sel = pd.concat([ev_sel, ev[ev["id"].isin(list(event_ids))]])
    ids = []
    for col in (ev_sel["sources"], st_sel["sources"],
                acc[acc["event_id"].isin(ev_sel["id"])]["sources"]):
        for v in col:
            ids.extend(data.split_ids(v))
    ids.extend(extra)
    src = data.load_sources().set_index("id")
    order = [i for i in dict.fromkeys(ids) if i in src.index]
    return SourceList(src.loc[order].reset_index().sort_values(["outlet", "published", "id"]), heading)


def indicator_sources(indicator_names, indicators: pd.DataFrame | None = None) -> list[str]:
    """Source ids behind every row of the named indicator(s), in first-seen order."""
    names = [indicator_names] if isinstance(indicator_names, str) else list(indicator_names)
    indicators = data.load_indicators() if indicators is None else indicators
    rows = indicators[indicators["indicator"].isin(names)]
    return list(dict.fromkeys(s for v in rows["sources"] for s in data.split_ids(v)))
