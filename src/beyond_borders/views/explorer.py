"""TimelineExplorer: category toggles, actor filter, date range, era jump and event details.

A thin widget: every decision is made by the pure functions in ``views.timeline`` and
``render``. The figure is swapped as PNG bytes in an ``ipywidgets.Image``; a plain-text list of
the events in view sits under it for screen readers. The chosen event is a trait,
``selected``, so code and tests can set or observe it like any ipywidgets value.
"""
from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd
from traitlets import TraitError, Unicode, observe, validate

from beyond_borders import data
from beyond_borders.render.cards import event_card
from beyond_borders.render.figures import caption_html
from beyond_borders.render.style import CATEGORY_LABELS
from beyond_borders.render.text import dated_title
from beyond_borders.views.controls import unobserved
from beyond_borders.views.timeline import TimelineRenderer, describe_events, filter_events

MAX_PICKER = 400  # events offered in the picker; narrow the filters to reach the rest
MAX_LIST = 300  # lines in the text list of events in view


def _months(lo: pd.Timestamp, hi: pd.Timestamp) -> list[pd.Timestamp]:
    return list(pd.date_range(lo.to_period("M").start_time, hi.to_period("M").start_time, freq="MS"))


def _picker_options(view: pd.DataFrame) -> list[tuple[str, str]]:
    """('2024-01-16 · Title', id) for the first MAX_PICKER events in view."""
    # Long lists help no one and cost a round trip: the picker and the text list are capped.
    return [(dated_title(r.date, r.title, getattr(r, "date_precision", "day")), r.id)
            for r in view.iloc[:MAX_PICKER].itertuples()]


def _listing_html(view: pd.DataFrame) -> str:
    """The events in view as a numbered text list (what a screen reader reads for the figure)."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in describe_events(view, limit=MAX_LIST))
    if not items:
        return "<p><em>No events match these filters.</em></p>"
    return (f"<ol class='bb-event-list' aria-label='Events in view' "
            f"style='max-height:14em;overflow:auto;font-size:90%'>{items}</ol>")


class TimelineExplorer(W.VBox):
    """Explore events: filter by category, actor, dates or era; pick one to read its record.

    ``TimelineExplorer()`` uses the course data; pass ``events=`` to explore another table
    (the benchmark uses 10,000 synthetic events) and ``start``/``end``/``categories`` to open on
    a chosen view, ``selected`` to open on one event's record.
    """

    selected = Unicode(None, allow_none=True,
                       help="Id of the event whose record is shown and whose dot is ringed.")

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
        self._ids = set(self.events["id"])
        if selected is not None and selected not in self._ids:
            raise ValueError(f"TimelineExplorer: no event with id {selected!r}")
        present = set(self.events["category"].astype(str))
        self.all_categories = [c for c in CATEGORY_LABELS if c in present]
        self.toggles = self._category_toggles(categories)
        self.actor = self._actor_picker(actors)
        self.month_options = _months(self.events["date"].min(), self.events["date"].max())
        self.dates = self._date_slider(start, end)
        self.era = W.Dropdown(options=[("Jump to an era…", "")] + [
            (r.label, r.id) for r in self.eras.itertuples()], value="", description="Era",
            layout=W.Layout(width="420px"))
        self.picker = W.Dropdown(options=[], description="Event", layout=W.Layout(width="95%"))
        self.image = W.Image(format="png", layout=W.Layout(width="100%"))
        self.caption, self.details, self.listing = W.HTML(), W.HTML(), W.HTML()
        controls = W.VBox([W.HBox(list(self.toggles.values()), layout=W.Layout(flex_flow="row wrap")),
                           W.HBox([self.actor, self.era]), self.dates])
        super().__init__([controls, self.image, self.caption, self.picker, self.details,
                          W.HTML("<strong>Events in view (text list)</strong>"), self.listing])
        self.add_class("bb-timeline-explorer")
        for w in [*self.toggles.values(), self.actor, self.dates]:
            w.observe(self._on_filter, names="value")
        self.era.observe(self._on_era, names="value")
        self.picker.observe(self._on_pick, names="value")
        self.refresh(prefer=selected)

    # -- controls ---------------------------------------------------------------------------
    def _category_toggles(self, categories) -> dict[str, W.ToggleButton]:
        chosen = set(categories) if categories is not None else set(self.all_categories)
        toggles = {c: W.ToggleButton(value=c in chosen, description=CATEGORY_LABELS[c],
                                     tooltip=f"Show or hide {CATEGORY_LABELS[c].lower()} events",
                                     layout=W.Layout(width="auto"))
                   for c in self.all_categories}
        for t in toggles.values():
            t.add_class("bb-category-toggle")
        return toggles

    def _actor_picker(self, actor: str | None) -> W.Dropdown:
        involved = sorted({a for s in self.events["actors"] for a in data.split_ids(s)})
        names = self.actors_table.set_index("id")["name"]
        options = sorted(((str(names.get(a, a)), a) for a in involved), key=lambda x: x[0].lower())
        return W.Dropdown(options=[("All actors", "")] + options, value=actor or "",
                          description="Actor", layout=W.Layout(width="320px"))

    def _date_slider(self, start, end) -> W.SelectionRangeSlider:
        labels = [(m.strftime("%b %Y"), i) for i, m in enumerate(self.month_options)]
        first = self._month_index(pd.Timestamp(start)) if start is not None else 0
        last = self._month_index(pd.Timestamp(end)) if end is not None else len(labels) - 1
        return W.SelectionRangeSlider(options=labels, index=(first, last), description="Dates",
                                      continuous_update=False, layout=W.Layout(width="95%"))

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

    @property
    def alt_text(self) -> str:
        """The text alternative of the figure on show."""
        return self.renderer.alt_text

    # -- rendering --------------------------------------------------------------------------
    def render_png(self) -> bytes:
        """New image bytes for the current controls (what the latency benchmark times)."""
        start, end = self.window()
        # Every category keeps its lane (a switched-off one is empty): the picture does not jump,
        # and the figure is updated in place instead of rebuilt.
        return self.renderer.png(self.in_view(), self.all_categories, start, end,
                                 highlight=self.selected)

    def _draw(self):
        """The figure with the selected event ringed, its caption, and the event's record."""
        self.image.value = self.render_png()
        self.caption.value = caption_html(self.alt_text)
        if self.selected is None:
            self.details.value = "<p><em>Pick an event to read its record.</em></p>"
            return
        row = self.events[self.events["id"] == self.selected].iloc[0]
        self.details.value = event_card(row, self.actors_table, self.places, self.sources,
                                        self.accounts)

    def refresh(self, prefer: str | None = None):
        """Follow the filters: keep the chosen event if still in view (else the first one)."""
        view = self.in_view()
        options = _picker_options(view)
        ids = {i for _, i in options}
        chosen = next((i for i in (prefer, self.selected) if i is not None and i in ids),
                      options[0][1] if options else None)
        # The figure goes out first: it is what the learner is looking at.
        if chosen == self.selected:
            self._draw()  # same event, new view
        else:
            self.selected = chosen  # drawn by _on_selected
        with unobserved(self.picker, self._on_pick):
            self.picker.options = options
            self.picker.value = chosen
        self.listing.value = _listing_html(view)

    # -- handlers ---------------------------------------------------------------------------
    @validate("selected")
    def _valid_event(self, proposal):
        if proposal["value"] is not None and proposal["value"] not in self._ids:
            raise TraitError(f"TimelineExplorer: no event with id {proposal['value']!r}")
        return proposal["value"]

    @observe("selected")
    def _on_selected(self, change):
        self._draw()
        listed = any(value == change["new"] for _label, value in self.picker.options)
        if listed and self.picker.value != change["new"]:
            with unobserved(self.picker, self._on_pick):
                self.picker.value = change["new"]

    def _on_pick(self, change):
        self.selected = change["new"]

    def _on_filter(self, _change):
        self.refresh()

    def _on_era(self, change):
        if not change["new"]:
            return
        era = self.eras[self.eras["id"] == change["new"]].iloc[0]
        self.dates.index = (self._month_index(era["start"]), self._month_index(era["end"]))

    def __repr__(self):
        start, end = self.window()
        return (f"TimelineExplorer: {len(self.in_view())} of {len(self.events)} events in view, "
                f"{start:%b %Y} – {end:%b %Y}")
