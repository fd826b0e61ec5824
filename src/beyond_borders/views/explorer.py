"""TimelineExplorer: category toggles, actor filter, date range, era jump and event details.

A thin widget: every decision is made by the pure functions in ``timeline`` and ``accounts``.
The figure is swapped as PNG bytes in an ``ipywidgets.Image``; a plain-text list of the events
in view sits under it for screen readers.
"""
from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd

from beyond_borders import data
from beyond_borders.render.cards import event_card
from beyond_borders.render.style import CATEGORY_LABELS
from beyond_borders.views.timeline import TimelineRenderer, describe_events, filter_events


MAX_PICKER = 400  # events offered in the picker; narrow the filters to reach the rest
MAX_LIST = 300  # lines in the text list of events in view


def _months(lo: pd.Timestamp, hi: pd.Timestamp) -> list[pd.Timestamp]:
    return list(pd.date_range(lo.to_period("M").start_time, hi.to_period("M").start_time, freq="MS"))


class TimelineExplorer(W.VBox):
    """Explore events: filter by category, actor, dates or era; pick one to read its record.

    ``TimelineExplorer()`` uses the course data; pass ``events=`` to explore another table
    (the benchmark uses 10,000 synthetic events) and ``start``/``end``/``categories`` to open on
    a chosen view.
    """

    def __init__(self, events: pd.DataFrame | None = None, start=None, end=None, categories=None,
                 actors=None, selected: str | None = None, width: float = 10.0):
        self.events = data.load_events() if events is None else events
        self.eras = data.load_eras()
        self.actors_table = data.load_actors()
        self.places = data.load_places()
        self.sources = data.load_sources()
        self.accounts = data.load_accounts()
        self.width = width
        self.renderer = TimelineRenderer(self.eras, width=width)
        present = set(self.events["category"].astype(str))
        self.all_categories = [c for c in CATEGORY_LABELS if c in present]
        chosen = set(categories) if categories is not None else set(self.all_categories)

        self.toggles = {c: W.ToggleButton(value=c in chosen, description=CATEGORY_LABELS[c],
                                          tooltip=f"Show or hide {CATEGORY_LABELS[c].lower()} events",
                                          layout=W.Layout(width="auto"))
                        for c in self.all_categories}
        for t in self.toggles.values():
            t.add_class("bb-category-toggle")
        involved = sorted({a for s in self.events["actors"] for a in data.split_ids(s)})
        names = self.actors_table.set_index("id")["name"]
        self.actor = W.Dropdown(options=[("All actors", "")] + sorted(
            ((str(names.get(a, a)), a) for a in involved), key=lambda x: x[0].lower()),
            value=actors or "", description="Actor", layout=W.Layout(width="320px"))
        lo, hi = self.events["date"].min(), self.events["date"].max()
        self.month_options = _months(lo, hi)
        labels = [(m.strftime("%b %Y"), i) for i, m in enumerate(self.month_options)]
        first = self._month_index(pd.Timestamp(start)) if start is not None else 0
        last = self._month_index(pd.Timestamp(end)) if end is not None else len(labels) - 1
        self.dates = W.SelectionRangeSlider(options=labels, index=(first, last), description="Dates",
                                            continuous_update=False, layout=W.Layout(width="95%"))
        self.era = W.Dropdown(options=[("Jump to an era…", "")] + [
            (r.label, r.id) for r in self.eras.itertuples()], value="", description="Era",
            layout=W.Layout(width="420px"))
        self.picker = W.Dropdown(options=[], description="Event", layout=W.Layout(width="95%"))
        self.image = W.Image(format="png", layout=W.Layout(width="100%"))
        self.caption = W.HTML()
        self.details = W.HTML()
        self.listing = W.HTML()
        self._selected = selected
        self._busy = False
        for w in [*self.toggles.values(), self.actor, self.dates]:
            w.observe(self._on_filter, names="value")
        self.era.observe(self._on_era, names="value")
        self.picker.observe(self._on_pick, names="value")
        controls = W.VBox([W.HBox(list(self.toggles.values()), layout=W.Layout(flex_flow="row wrap")),
                           W.HBox([self.actor, self.era]), self.dates])
        super().__init__([controls, self.image, self.caption, self.picker, self.details,
                          W.HTML("<strong>Events in view (text list)</strong>"), self.listing])
        self.add_class("bb-timeline-explorer")
        self.refresh()

    # -- view model -------------------------------------------------------------------------
    def _month_index(self, ts: pd.Timestamp) -> int:
        idx = self.month_options
        m = ts.to_period("M").start_time
        if m <= idx[0]:
            return 0
        if m >= idx[-1]:
            return len(idx) - 1
        return idx.index(m)

    def window(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        a, b = self.dates.index
        return self.month_options[a], self.month_options[b] + pd.offsets.MonthEnd(0)

    def selected_categories(self) -> list[str]:
        return [c for c, t in self.toggles.items() if t.value]

    def in_view(self) -> pd.DataFrame:
        start, end = self.window()
        return filter_events(self.events, categories=self.selected_categories(),
                             actors=[self.actor.value] if self.actor.value else None,
                             start=start, end=end)

    # -- rendering --------------------------------------------------------------------------
    def render_png(self) -> bytes:
        """New image bytes for the current controls (what the latency benchmark times)."""
        start, end = self.window()
        png = self.renderer.png(self.in_view(), self.all_categories, start, end,
                                highlight=self.picker.value)
        self.alt_text = self.renderer.alt_text
        return png

    def refresh(self):
        view = self.in_view()
        # Long lists help no one and cost a round trip: cap the picker and the text list.
        shown = view if len(view) <= MAX_PICKER else view.iloc[:MAX_PICKER]
        options = [(f"{r.date:%Y-%m-%d} · {r.title}", r.id) for r in shown.itertuples()]
        ids = {o[1] for o in options}
        keep = self._selected if self._selected in ids else (
            self.picker.value if self.picker.value in ids else None)
        chosen = keep if keep else (options[0][1] if options else None)
        # The image goes out first: it is what the learner is looking at.
        start, end = self.window()
        # Every category keeps its lane (a switched-off one is empty): the picture does not jump,
        # and the figure is updated in place instead of rebuilt.
        self.image.value = self.renderer.png(view, self.all_categories, start, end,
                                             highlight=chosen)
        self.alt_text = self.renderer.alt_text
        self._busy = True
        self.picker.options = options
        self.picker.value = chosen
        self._busy = False
        self._selected = None
        self.caption.value = f"<p class='bb-alt' style='font-size:90%'>{html.escape(self.alt_text)}</p>"
        items = "".join(f"<li>{html.escape(line)}</li>" for line in describe_events(view, limit=MAX_LIST))
        self.listing.value = (f"<ol class='bb-event-list' aria-label='Events in view' "
                              f"style='max-height:14em;overflow:auto;font-size:90%'>{items}</ol>"
                              if items else "<p><em>No events match these filters.</em></p>")
        self._show_details()

    def _show_details(self):
        if self.picker.value is None:
            self.details.value = "<p><em>Pick an event to read its record.</em></p>"
            return
        row = self.events[self.events["id"] == self.picker.value].iloc[0]
        self.details.value = event_card(row, self.actors_table, self.places, self.sources,
                                                self.accounts)

    def _on_filter(self, _change):
        self.refresh()

    def _on_era(self, change):
        if not change["new"]:
            return
        era = self.eras[self.eras["id"] == change["new"]].iloc[0]
        self.dates.index = (self._month_index(era["start"]), self._month_index(era["end"]))

    def _on_pick(self, _change):
        if self._busy:
            return
        self.image.value = self.render_png()
        self._show_details()

    def __repr__(self):
        start, end = self.window()
        return (f"TimelineExplorer: {len(self.in_view())} of {len(self.events)} events in view, "
                f"{start:%b %Y} – {end:%b %Y}")
