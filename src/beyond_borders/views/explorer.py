"""TimelineExplorer: the course's timeline, drawn and explored in the browser.

An anywidget (``static/timeline.js`` and ``static/timeline.css``, shipped in the package): Python
sends the event records once (``views.timeline_data``); filtering, zoom and pan, labels, the
details panel and the text list of events in view all happen in the page, so a click never
waits on the kernel and the widget keeps working from its saved state with no kernel at all.
The filters, the dates in view and ``selected`` are synced traits, so code and tests can set
and observe them; ``in_view()`` answers in Python with the same rule the page uses.
"""
from __future__ import annotations

from pathlib import Path

import anywidget
import pandas as pd
from traitlets import Bool, List, TraitError, Unicode, validate

from beyond_borders import data
from beyond_borders.data.semantics import PERIOD
from beyond_borders.views import timeline_data as td

STATIC = Path(__file__).with_name("static")


def _day(value) -> str | None:
    return None if value is None else f"{pd.Timestamp(value):%Y-%m-%d}"


class TimelineExplorer(anywidget.AnyWidget):
    """Explore events: filter by category, actor, words or era; zoom and pan; pick one to read it.

    ``TimelineExplorer()`` uses the course data; pass ``events=`` to explore another table
    (the benchmark uses 10,000 synthetic events), ``start``/``end``/``categories``/``actors`` to
    open on a chosen view, ``selected`` to open on one event's record.
    """

    _esm = Unicode((STATIC / "timeline.js").read_text(encoding="utf-8")).tag(sync=True)
    _css = Unicode((STATIC / "timeline.css").read_text(encoding="utf-8")).tag(sync=True)
    _bb_widget = Unicode("timeline").tag(sync=True)
    records = List(help="The events, sent once (views.timeline_data.event_records).").tag(sync=True)
    eras = List().tag(sync=True)
    lanes = List().tag(sync=True)
    actor_names = List().tag(sync=True)
    span = List(help="[first, last] day of the overview strip.").tag(sync=True)
    categories = List(Unicode(), help="Categories shown.").tag(sync=True)
    actor = Unicode("", help="Actor id the events must involve ('' for any).").tag(sync=True)
    query = Unicode("", help="Words every event in view contains.").tag(sync=True)
    start = Unicode(help="First day in view (YYYY-MM-DD).").tag(sync=True)
    end = Unicode(help="Last day in view (YYYY-MM-DD).").tag(sync=True)
    selected = Unicode(None, allow_none=True,
                       help="Id of the event whose record is shown and whose mark is ringed.").tag(sync=True)
    presentation = Bool(False, help="Large text and controls, for a projector.").tag(sync=True)

    def __init__(self, events: pd.DataFrame | None = None, start=None, end=None, categories=None,
                 actors=None, selected: str | None = None, width: float = 10.0,
                 presentation: bool = False):
        events = data.load_events() if events is None else events
        self.events, self.width = events, width
        records = td.event_records(events, data.load_places(), data.load_sources(), data.load_accounts())
        self._ids = {r["id"] for r in records}
        if selected is not None and selected not in self._ids:
            raise ValueError(f"TimelineExplorer: no event with id {selected!r}")
        lanes = td.lane_records({r["category"] for r in records})
        first = records[0]["date"] if records else PERIOD[0]
        last = records[-1]["date"] if records else PERIOD[1]
        actor = actors if isinstance(actors, str) or actors is None else (list(actors) or [""])[0]
        super().__init__(
            records=records, eras=td.era_records(data.load_eras()), lanes=lanes,
            actor_names=td.actor_options(records, data.load_actors()), span=td.overall_span(records),
            categories=[ln["id"] for ln in lanes] if categories is None else
            [c for c in categories if c in {ln["id"] for ln in lanes}],
            actor=actor or "", start=_day(start) or first, end=_day(end) or last,
            selected=selected, presentation=presentation)
        self.add_class("bb-timeline-explorer")

    @validate("selected")
    def _valid_event(self, proposal):
        if proposal["value"] is not None and proposal["value"] not in self._ids:
            raise TraitError(f"TimelineExplorer: no event with id {proposal['value']!r}")
        return proposal["value"]

    @validate("end")
    def _end_after_start(self, proposal):
        return max(proposal["value"], self.start) if self.start else proposal["value"]

    def names(self) -> dict[str, str]:
        return dict(self.actor_names)

    def in_view_ids(self) -> list[str]:
        """Ids in view, by the rule the page uses (``timeline_data.view_ids``)."""
        return td.view_ids(self.records, self.names(), self.categories, self.actor, self.query,
                           self.start, self.end)

    def in_view(self) -> pd.DataFrame:
        """The events in view as rows of the events table, in date order."""
        ids = self.in_view_ids()
        return self.events.set_index("id").loc[ids].reset_index() if ids else self.events.iloc[:0]

    def window(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        return pd.Timestamp(self.start), pd.Timestamp(self.end)

    def _repr_mimebundle_(self, **kwargs):
        """The MIME bundle alone, as ipywidgets gives it (anywidget adds empty metadata)."""
        bundle = super()._repr_mimebundle_(**kwargs)
        return bundle[0] if isinstance(bundle, tuple) else bundle

    def __repr__(self):
        start, end = self.window()
        return (f"TimelineExplorer: {len(self.in_view_ids())} of {len(self.records)} events in view, "
                f"{start:%b %Y} – {end:%b %Y}")
