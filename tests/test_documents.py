"""Primary documents: the table, where its excerpts were read, its validation, the reader and its
still view.

The excerpts are quotations, so the tests hold them to what was read: every part of an excerpt
(the text between the '…' marks) must occur in the passage it was copied from (kept in
``tests/data/documents_read.json`` with the page's address) or in the research brief.
"""
import csv
import json
import re
import shutil
from pathlib import Path

import ipywidgets as W
import pandas as pd
import pytest

from beyond_borders import data
from beyond_borders.publish.images import ImageStore
from beyond_borders.publish.widgets import WidgetRenderer
from beyond_borders.views import documents as docs_view
from beyond_borders.views.documents import DocumentReader, document_html, documents_in

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"
RESEARCH = ROOT.parent / "shared" / "research"
READ = json.loads((ROOT / "tests" / "data" / "documents_read.json").read_text(encoding="utf-8"))


def rows(name):
    with (DATASETS / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def squash(text: str) -> str:
    """Compare words, not typography: curly quotes, dashes, line-end hyphens, spaces, case."""
    text = re.sub(r"-\s*\n\s*", "", text)  # a scanned book's 'mem-\nber'
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip().lower()


def parts(excerpt: str) -> list[str]:
    """The verbatim stretches of an excerpt: the text between its '…' marks, without the outer
    punctuation a quotation adds or drops."""
    return [p for p in (squash(s).strip(" .,;:\"'") for s in excerpt.split("…")) if p]


# --- the table ------------------------------------------------------------------------------

def test_documents_are_enough_and_spread_over_lessons_and_kinds():
    docs = data.load_documents()
    assert len(docs) >= 30
    assert docs["date"].is_monotonic_increasing
    lessons = [lesson for s in docs["lessons"] for lesson in data.split_ids(s)]
    for lesson in (f"{n:02d}" for n in range(1, 10)):
        assert lessons.count(lesson) >= 2, f"lesson {lesson} shows fewer than two documents"
    kinds = docs["kind"].astype(str).value_counts()
    assert len(kinds) >= 7 and kinds.max() <= len(docs) * 0.4, kinds.to_dict()
    for kind in ("un_resolution", "un_letter", "iaea_resolution", "joint_statement", "judgment", "treaty"):
        assert kind in kinds, f"no document of kind {kind}"


def test_every_document_names_a_known_issuer_and_the_page_it_was_read_on():
    sources = {r["id"]: r for r in rows("sources")}
    actors = {r["id"] for r in rows("actors")}
    for r in rows("documents"):
        assert set(data.split_ids(r["issuer"])) <= actors, r["id"]
        assert r["source"] in sources, r["id"]
        assert len(r["excerpt"].split()) <= 60, r["id"]
        assert r["citation"].rstrip().endswith("."), f"{r['id']}: a citation ends with a full stop"


def test_every_excerpt_was_read_on_a_stored_page_or_in_the_brief():
    sources = {r["id"]: r["url"] for r in rows("sources")}
    documents = {r["id"]: r for r in rows("documents")}
    assert set(READ) <= set(documents), f"passages kept for no document: {set(READ) - set(documents)}"
    brief = (squash(" ".join(p.read_text(encoding="utf-8") for p in RESEARCH.glob("*.md")))
             if RESEARCH.is_dir() else None)
    unchecked = []
    for rid, r in documents.items():
        if rid in READ:
            assert READ[rid]["read_on"] == sources[r["source"]], f"{rid}: passage read on another page"
            passage = squash(READ[rid]["passage"])
            for part in parts(r["excerpt"]):
                assert part in passage, f"{rid}: {part!r} is not in the passage read"
        elif brief is None:
            unchecked.append(rid)
        else:
            for part in parts(r["excerpt"]):
                assert part in brief, f"{rid}: {part!r} is neither in a stored passage nor in the brief"
    # The research brief sits beside the checkout, not in it: without it, only brief-sourced
    # excerpts go unchecked, and they must stay the minority.
    assert len(unchecked) <= len(documents) / 3, unchecked


def test_parts_split_on_the_ellipsis_and_ignore_typography():
    assert parts("“It is unacceptable,” … ‘peace’ – and friendship.") == ["it is unacceptable", "peace' - and friendship"]
    assert squash("mem-\nber state") == "member state"


# --- validation where the data enters -------------------------------------------------------

@pytest.fixture
def package(tmp_path):
    target = tmp_path / "datasets"
    shutil.copytree(DATASETS, target, ignore=shutil.ignore_patterns("staging", ".lock"))
    return target


def edit_document(directory: Path, line: int, column: str, value) -> str:
    """Row ``line`` (as a spreadsheet numbers it) of documents.csv gets ``value``; returns its id."""
    path = directory / "documents.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        table = list(csv.reader(fh))
    i = table[0].index(column)
    table[line - 1][i] = value(table[line - 1][i]) if callable(value) else value
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(table)
    return table[line - 1][0]


LONG = " ".join(["word"] * 61)
BROKEN = [
    (2, "excerpt", LONG, "excerpts are limited to 60 words; this one has 61"),
    (3, "excerpt", "It said ... and more.", "mark left-out words with '…', not '...'"),
    (4, "lessons", "02;10", "'10' is not a lesson that shows documents; use 01 to 09"),
    (5, "lessons", "00", "'00' is not a lesson that shows documents; use 01 to 09"),
    (2, "lessons", "04;04", "lesson 04 is listed twice"),
    (3, "lessons", "2", "'2' does not match the pattern ^\\d{2}(;\\d{2})*$"),
    (6, "issuer", "pakistan;atlantis", "'atlantis' is not an id in actors.csv"),
    (7, "source", "no-such-page", "'no-such-page' is not an id in sources.csv"),
    (2, "kind", "tweet", "expected one of statement, press_release, joint_statement, un_resolution, "
                         "un_letter, iaea_resolution, treaty, judgment, speech; got 'tweet'"),
    (3, "citation", "", "a value is required but the cell is empty"),
    (4, "date", "2024-02-30", "expected a date as YYYY-MM-DD, got '2024-02-30'"),
]


@pytest.mark.parametrize("line,column,value,message", BROKEN)
def test_a_broken_row_is_named_with_what_to_fix(package, line, column, value, message):
    rid = edit_document(package, line, column, value)
    with pytest.raises(data.DataError) as info:
        data.load_documents(package)
    assert str(info.value) == f"documents.csv, row {line} (id {rid!r}), column {column!r}: {message}"


def test_the_id_must_carry_the_documents_date(package):
    rid = edit_document(package, 5, "date", lambda d: "1999-01-01")
    with pytest.raises(data.DataError) as info:
        data.load_documents(package)
    assert str(info.value) == (f"documents.csv, row 5 (id {rid!r}), column 'id': the id says "
                               f"{rid[4:14]} but the date column says 1999-01-01; make them agree")


def test_a_duplicate_document_id_names_both_rows(package):
    first = rows("documents")[0]["id"]
    edit_document(package, 4, "id", first)
    with pytest.raises(data.DataError) as info:
        data.load_documents(package)
    assert str(info.value) == (f"documents.csv, row 4 (id {first!r}), column 'id': "
                               "duplicate id; first used on row 2")


# --- choosing and drawing --------------------------------------------------------------------

ACTORS = pd.DataFrame({"id": ["pakistan", "iran", "china"], "name": ["Pakistan", "Iran", "China"]})
SOURCES = pd.DataFrame({
    "id": ["full", "cut", "evil"], "outlet": ["Dawn", "MENAFN", "Site <b>"],
    "title": ["Full page", "Cut page", "x\" onmouseover=\"alert(1)"],
    "url": ["https://www.dawn.com/news/1", "https://menafn.com/1107725116/...",
            "https://e.example/?q=\"><script>alert(1)</script>"],
    "published": ["2024-01-18", "", "2024-01-01"], "kind": ["newspaper", "aggregator", "blog"],
    "originator": ["", "AFP", ""], "notes": ["", "", ""]})


def doc(**over):
    row = {"id": "doc-2024-01-18-pakistan-x", "date": pd.Timestamp("2024-01-18"), "issuer": "pakistan",
           "kind": "statement", "title": "A title", "symbol": "", "excerpt": "Words … more words.",
           "citation": "A citation.", "source": "full", "lessons": "02", "note": "A note."}
    return {**row, **over}


TABLE = pd.DataFrame([
    doc(id="doc-2019-04-22-pakistan-a", date=pd.Timestamp("2019-04-22"), issuer="pakistan;iran",
        kind="joint_statement", lessons="03"),
    doc(id="doc-2024-01-17-china-b", date=pd.Timestamp("2024-01-17"), issuer="china", lessons="02;09"),
    doc(id="doc-2024-01-18-pakistan-c", lessons="02"),
    doc(id="doc-2025-06-16-iran-d", date=pd.Timestamp("2025-06-16"), issuer="iran", kind="un_letter",
        lessons="04"),
])


def test_documents_in_picks_by_lesson_ids_kind_and_issuer():
    assert list(documents_in(TABLE, lesson="02")["id"]) == ["doc-2024-01-17-china-b", "doc-2024-01-18-pakistan-c"]
    assert list(documents_in(TABLE, lesson=9)["id"]) == ["doc-2024-01-17-china-b"]
    assert list(documents_in(TABLE, ids=["doc-2025-06-16-iran-d", "nope", "doc-2019-04-22-pakistan-a"])["id"]) == [
        "doc-2025-06-16-iran-d", "doc-2019-04-22-pakistan-a"]
    assert list(documents_in(TABLE, kinds=["un_letter"])["id"]) == ["doc-2025-06-16-iran-d"]
    # A joint document belongs to each of its issuers.
    assert list(documents_in(TABLE, issuers=["iran"])["id"]) == ["doc-2019-04-22-pakistan-a", "doc-2025-06-16-iran-d"]
    assert documents_in(TABLE, lesson="07").empty


def test_the_reading_pane_shows_every_part_and_links_only_full_addresses():
    page = document_html(doc(symbol="S/RES/2231 (2015)", issuer="pakistan;iran"), ACTORS, SOURCES)
    for text in ("A title", "Pakistan and Iran", "18 January 2024", "Statement", "S/RES/2231 (2015)",
                 "Words … more words.", "Cite as:", "A citation.", "A note."):
        assert text in page, text
    assert "href='https://www.dawn.com/news/1'" in page and "2024-01-18" in page
    cut = document_html(doc(source="cut"), ACTORS, SOURCES)
    assert "<a " not in cut and "address incomplete in the record" in cut and "copy of AFP" in cut
    assert "no date shown" in cut


def test_hostile_text_in_any_field_is_shown_as_text():
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    page = document_html(doc(title=evil, excerpt=evil, citation=evil, note=evil, symbol=evil,
                             issuer="pakistan;<b>x</b>", source="evil"), ACTORS, SOURCES)
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page
    assert 'onmouseover="' not in page and "\"><script" not in page


# --- the widget ------------------------------------------------------------------------------

def test_a_lessons_reader_offers_its_documents_and_filters_them():
    reader = DocumentReader(lesson="02")
    scope = documents_in(data.load_documents(), lesson="02")
    assert repr(reader) == f"DocumentReader: lesson 02, {len(scope)} documents"
    assert len(reader.choice.options) == len(scope) and reader.choice.value == scope["id"].iloc[0]
    assert scope["excerpt"].iloc[0].split("…")[0].strip()[:40] in reader.pane.value.replace("&#x27;", "'")
    reader.kind.value = "joint_statement"
    assert [v for _, v in reader.choice.options] == list(scope[scope["kind"] == "joint_statement"]["id"])
    reader.kind.value = docs_view.ALL
    reader.issuer.value = "china"
    assert all("china" in data.split_ids(i) for i in reader.in_view()["issuer"])
    last = reader.choice.options[-1][1]
    reader.choice.value = last
    assert f"data-doc='{last}'" in reader.pane.value


def test_a_reader_by_ids_keeps_their_order():
    ids = list(data.load_documents()["id"])[-1:-4:-1]
    reader = DocumentReader(ids=ids)
    assert [v for _, v in reader.choice.options] == ids  # in the order the lesson chose
    assert repr(reader) == "DocumentReader: chosen ids, 3 documents"


@pytest.mark.parametrize("kwargs,note", [
    ({"lesson": "10"}, "There is no lesson 10 with documents"),
    ({"lesson": "two"}, "There is no lesson two with documents"),
    ({"ids": ["doc-1900-01-01-x-y", "<b>"]}, "No document has the id doc-1900-01-01-x-y, &lt;b&gt;"),
])
def test_bad_arguments_get_a_kind_note_not_a_traceback(kwargs, note):
    reader = DocumentReader(**kwargs)
    assert note in reader.children[0].value
    assert "No document matches" in reader.pane.value


def test_odd_but_meaningful_arguments_are_understood():
    one = list(data.load_documents()["id"])[0]
    assert repr(DocumentReader(ids=one)) == "DocumentReader: chosen ids, 1 document"
    assert repr(DocumentReader(ids=[one, one])) == "DocumentReader: chosen ids, 1 document"
    everything = DocumentReader()
    assert repr(everything) == f"DocumentReader: all lessons, {len(data.load_documents())} documents"
    odd = DocumentReader(ids=42)
    assert "No document has the id 42" in odd.children[0].value


def test_a_lesson_number_may_be_written_as_a_number():
    assert repr(DocumentReader(lesson=4)) == repr(DocumentReader(lesson="04"))


# --- the still view on the site and in handouts ----------------------------------------------

def saved_models(widget) -> dict:
    """The notebook's saved widget state for ``widget`` and everything inside it."""
    models, todo = {}, [widget]
    while todo:
        w = todo.pop()
        state = w.get_state()
        models[w.model_id] = {"model_name": state["_model_name"], "state": state}
        todo.extend(c for c in getattr(w, "children", ()) if isinstance(c, W.Widget))
    return models


def test_the_still_view_prints_every_document_of_the_reader(tmp_path):
    reader = DocumentReader(lesson="04")
    drawn = WidgetRenderer(saved_models(reader), ImageStore(tmp_path)).view(reader.model_id, repr(reader))
    scope = documents_in(data.load_documents(), lesson="04")
    for _, r in scope.iterrows():
        assert f"data-doc='{r['id']}'" in drawn
    assert drawn.count("<article") == len(scope)
    assert "Kind:" not in drawn and "Documents:" not in drawn  # the controls do not act on paper
    assert "still view of an interactive widget" in drawn
    assert "every document is printed in full" in drawn and "filters" in drawn   # why none is shown


def test_the_filters_wrap_and_the_list_shows_every_title_whole_rows():
    reader = DocumentReader(lesson="02")
    filters = next(c for c in reader.children if reader.kind in getattr(c, "children", ()))
    assert filters.layout.flex_flow == "row wrap"
    assert all(w.layout.max_width == "100%" for w in (reader.kind, reader.issuer, reader.choice))
    assert reader.choice.rows == len(reader.scope) <= 12           # no half-hidden row
    assert reader.choice.tooltip == dict((v, k) for k, v in reader.choice.options)[reader.choice.value]


def test_the_still_view_keeps_a_kind_note(tmp_path):
    reader = DocumentReader(lesson="12")
    drawn = WidgetRenderer(saved_models(reader), ImageStore(tmp_path)).view(reader.model_id, "")
    assert "There is no lesson 12" in drawn and "No documents." in drawn
