"""Primary documents: choose them (pure), draw them as HTML (pure), read them in a thin widget.

A primary text read in the issuer's own words teaches something a summary cannot: what a
government committed to, what it left out, which legal words it chose. ``documents_in`` picks
rows of ``datasets/documents.csv`` by lesson, id, kind and issuer; ``document_html`` draws one
for the reading pane (title, issuer, date, kind, excerpt, full citation, the page it was read on,
the course's note); ``documents_list_html`` draws all of them for a printed page or the site.
``DocumentReader`` only wires two filters and a list to those functions.
"""
from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd

from beyond_borders import data
from beyond_borders.content.load import lesson_code
from beyond_borders.data.semantics import LESSONS
from beyond_borders.render.sources import link
from beyond_borders.render.text import day, plural

__all__ = ["KIND_LABELS", "documents_in", "issuer_names", "document_html", "documents_list_html",
           "DocumentReader"]

KIND_LABELS = {
    "statement": "Statement", "press_release": "Press release", "joint_statement": "Joint statement",
    "un_resolution": "UN resolution", "un_letter": "Letter to the UN", "iaea_resolution": "IAEA resolution",
    "treaty": "Treaty", "judgment": "Judgment", "speech": "Speech",
}
ALL = "__all__"  # the value of a filter that lets every row through
LIST_ROWS = 12     # a lesson's documents fit whole; a longer list scrolls


def id_list(ids) -> list[str]:
    """``ids`` as a list of distinct strings in their order: one id may be given alone."""
    if ids is None:
        return []
    if isinstance(ids, str) or not hasattr(ids, "__iter__"):
        ids = [ids]
    return list(dict.fromkeys(str(i) for i in ids))


def documents_in(documents: pd.DataFrame, lesson=None, ids=None, kinds=None,
                 issuers=None) -> pd.DataFrame:
    """The documents shown in ``lesson``, or those named in ``ids`` (in that order), narrowed to
    any of ``kinds`` and to documents issued (alone or jointly) by any of ``issuers``."""
    out = documents
    if ids is not None:
        wanted = [i for i in id_list(ids) if i in set(documents["id"])]
        out = documents.set_index("id").loc[wanted].reset_index()
    if lesson is not None:
        code = lesson_code(lesson)
        out = out[out["lessons"].map(lambda s: code in data.split_ids(s))]
    if kinds:
        out = out[out["kind"].astype(str).isin(list(kinds))]
    if issuers:
        wanted_issuers = set(issuers)
        out = out[out["issuer"].map(lambda s: bool(wanted_issuers.intersection(data.split_ids(s))))]
    return out.reset_index(drop=True)


def issuer_names(issuer: str, actors: pd.DataFrame) -> str:
    """'pakistan;iran' -> 'Pakistan and Iran' (names from actors.csv; an unknown id as itself)."""
    names = actors.set_index("id")["name"]
    parts = [str(names.get(a, a)) for a in data.split_ids(issuer)]
    return " and ".join(parts) if len(parts) < 3 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _source_line(source_id: str, sources: pd.DataFrame) -> str:
    """'Read on: <link to the page>' — never a link when the record cut the address short."""
    by_id = sources.set_index("id")
    if source_id not in by_id.index:
        return f"Read on: {html.escape(source_id)} (not in sources.csv)"
    s = by_id.loc[source_id]
    when = f", {html.escape(str(s['published']))}" if s["published"] else ", no date shown"
    copy = f" (copy of {html.escape(str(s['originator']))})" if s["originator"] else ""
    return f"Read on: {link(s['url'], str(s['outlet']) + ' — ' + str(s['title']))}{copy}{when}"


def document_html(doc, actors: pd.DataFrame, sources: pd.DataFrame) -> str:
    """One document for the reading pane; every text from the table is escaped."""
    get = doc.get if isinstance(doc, dict) else doc.__getitem__
    esc = lambda v: html.escape(str(v))  # noqa: E731
    kind = KIND_LABELS.get(str(get("kind")), str(get("kind")))
    symbol = f" · <code>{esc(get('symbol'))}</code>" if get("symbol") else ""
    return (f"<article class='bb-document' data-doc='{esc(get('id'))}'>"
            f"<h4 style='margin:0 0 4px 0'>{esc(get('title'))}</h4>"
            f"<p style='margin:0;color:#475467'>{esc(issuer_names(get('issuer'), actors))} · "
            f"{esc(day(get('date')))} · {esc(kind)}{symbol}</p>"
            f"<blockquote style='margin:8px 0;padding:6px 12px;border-left:4px solid #0072B2;"
            f"background:#f8f9fb'>{esc(get('excerpt'))}</blockquote>"
            f"<p style='margin:4px 0'><strong>Cite as:</strong> {esc(get('citation'))}</p>"
            f"<p style='margin:4px 0'>{_source_line(str(get('source')), sources)}</p>"
            f"<p style='margin:4px 0'><em>Note:</em> {esc(get('note'))}</p></article>")


def documents_list_html(docs: pd.DataFrame, actors: pd.DataFrame, sources: pd.DataFrame) -> str:
    """Every document in ``docs``, one after another: what a page without a kernel shows."""
    if docs.empty:
        return "<p><em>No documents.</em></p>"
    return "<hr style='border:0;border-top:1px solid #e4e7ec'>".join(
        document_html(r, actors, sources) for _, r in docs.iterrows())


def _label(row) -> str:
    return f"{day(row['date'])} — {row['title']}"


class DocumentReader(W.VBox):
    """Read a lesson's primary documents: filter by kind and issuer, pick one, read it whole."""

    def __init__(self, lesson=None, ids=None, documents=None):
        self.documents = data.load_documents() if documents is None else documents
        self.actors, self.sources = data.load_actors(), data.load_sources()
        self.lesson = None if lesson is None else lesson_code(lesson)
        self.ids = None if ids is None else id_list(ids)
        self.problems = self._problems(ids)
        self.scope = documents_in(self.documents, lesson=self.lesson, ids=ids)
        # narrow cells: the filters wrap under each other, nothing is wider than the cell, and
        # the list has a whole row per document (up to LIST_ROWS), so none is half hidden
        self.kind = W.Dropdown(description="Kind", options=self._kind_options(),
                               layout=W.Layout(width="300px", max_width="100%"))
        self.issuer = W.Dropdown(description="Issuer", options=self._issuer_options(),
                                 layout=W.Layout(width="360px", max_width="100%"))
        self.choice = W.Select(rows=min(LIST_ROWS, max(3, len(self.scope))),
                               layout=W.Layout(width="calc(100% - 4px)", max_width="100%"))  # its margin
        self.count, self.pane = W.HTML(), W.HTML(layout=W.Layout(max_height="520px", overflow="auto"))
        # The whole scope, hidden on screen: the site and handouts print it (publish.widgets).
        self.printable = W.HTML(documents_list_html(self.scope, self.actors, self.sources),
                                layout=W.Layout(display="none"))
        self.printable.add_class("bb-doc-print")
        self.pane.add_class("bb-doc-pane")
        for w in (self.kind, self.issuer):
            w.observe(self._on_filter, names="value")
        self.choice.observe(self._on_choice, names="value")
        super().__init__([W.HTML(self.problems),
                          W.HBox([self.kind, self.issuer], layout=W.Layout(flex_flow="row wrap", max_width="100%")),
                          self.count, W.HTML("<strong>Documents</strong>: pick one to read it below, under its full title."),
                          self.choice, self.pane, self.printable])
        self.add_class("bb-document-reader")
        self._on_filter(None)

    def _problems(self, ids) -> str:
        """A kind note for a lesson with no documents or ids the table lacks (never an error)."""
        notes = []
        if self.lesson is not None and self.lesson not in LESSONS:
            notes.append(f"There is no lesson {html.escape(self.lesson)} with documents; "
                         "use a lesson from 01 to 09, for example DocumentReader(lesson=\"02\").")
        unknown = [i for i in id_list(ids) if i not in set(self.documents["id"])]
        if unknown:
            notes.append("No document has the id " + ", ".join(html.escape(u) for u in unknown)
                         + "; ids look like doc-2024-01-22-pak_fo-iran_mfa-joint-press-statement.")
        return "".join(f"<p role='note' style='color:#b54708'>{n}</p>" for n in notes)

    def _kind_options(self):
        present = [k for k in KIND_LABELS if k in set(self.scope["kind"].astype(str))]
        return [("All kinds", ALL)] + [(KIND_LABELS[k], k) for k in present]

    def _issuer_options(self):
        ids = sorted({a for s in self.scope["issuer"] for a in data.split_ids(s)},
                     key=lambda a: issuer_names(a, self.actors).lower())
        return [("All issuers", ALL)] + [(issuer_names(a, self.actors), a) for a in ids]

    def in_view(self) -> pd.DataFrame:
        """The documents the two filters let through, by date."""
        kind, issuer = self.kind.value, self.issuer.value
        return documents_in(self.scope, kinds=None if kind == ALL else [kind],
                            issuers=None if issuer == ALL else [issuer])

    def _on_filter(self, _change):
        view = self.in_view()
        self.count.value = f"Showing <strong>{plural(len(view), 'document')}</strong>."
        keep = self.choice.value if self.choice.value in set(view["id"]) else None
        self.choice.options = [(_label(r), r["id"]) for _, r in view.iterrows()]
        self.choice.value = keep or (view["id"].iloc[0] if len(view) else None)
        self._on_choice(None)

    def _on_choice(self, _change):
        chosen = self.scope[self.scope["id"] == self.choice.value]
        self.choice.tooltip = _label(chosen.iloc[0]) if len(chosen) else ""   # a cut title, whole on hover
        self.pane.value = (document_html(chosen.iloc[0], self.actors, self.sources) if len(chosen)
                           else "<p><em>No document matches these filters.</em></p>")

    def __repr__(self):
        where = (f"lesson {self.lesson}" if self.lesson is not None
                 else "chosen ids" if self.ids is not None else "all lessons")
        return f"DocumentReader: {where}, {plural(len(self.scope), 'document')}"
