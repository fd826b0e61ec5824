"""One evidence cut-off: the latest dated item in the data, and every page that states it agrees.

The cut-off is declared once (``evidence_cutoff`` in datapackage.json) and validated against the
rows. Lessons, solutions, the README files, the instructor guide and the datasheet state it in
words; a sentence that gives the course's cut-off ("the course's sources end on …", "claims
about events after …") with another day fails here, wherever it is.
"""
import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from beyond_borders import data
from beyond_borders.data.cutoff import latest_dated_item
from beyond_borders.data.validation import validated_rows
from beyond_borders.render.text import day

ROOT = Path(__file__).resolve().parents[1]
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December"
          "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
DATE = rf"\**(\d{{1,2}}) ({MONTHS}) (20\d\d)\**"
# Phrases that state what the course's evidence covers (not any date after "up to" or "as of").
TRIGGERS = (r"cut-?off|sources? end|evidence ends|record ends|data end|no sources after"
            r"|(?:course|brief|record|data)(?: as a whole)? runs to|nothing later than"
            r"|(?:events|anything|everything|claims about events|claims) after|later than"
            r"|at the time of writing|span \d{4} to|(?:record|lessons?|data|facts)[^.]{0,40}up to")
STATED = re.compile(rf"(?:{TRIGGERS})[^.]{{0,60}}?{DATE}", re.I)


def _pages():
    """(path, text) of every page that may state the cut-off: notebook sources, docs, data notes."""
    for nb in sorted([*ROOT.glob("lessons/*.ipynb"), *ROOT.glob("solutions/*.ipynb")]):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        yield nb, "\n".join("".join(c["source"]) for c in cells)
    docs = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *ROOT.glob("instructors/*.md"),
            *ROOT.glob("datasets/*.md"), *ROOT.glob("datasets/*.csv"),
            *ROOT.glob("src/beyond_borders/content/*.json")]
    for path in sorted(docs):
        yield path, path.read_text(encoding="utf-8")


def _flat(text: str) -> str:
    return re.sub(r"\s*\n\s*(?:>\s*)?", " ", text)


def _statements_of_cutoff():
    for path, text in _pages():
        for m in STATED.finditer(_flat(text)):
            yield path.relative_to(ROOT), m.group(0), f"{int(m.group(1))} {m.group(2)} {m.group(3)}"


def test_the_declared_cutoff_is_the_latest_dated_item():
    rows = validated_rows()
    date, _table, _rid = latest_dated_item(rows)
    assert data.evidence_cutoff().isoformat() == date
    events, statements = data.load_events(), data.load_statements()
    latest = max(events["date"].max(), events["end_date"].max(), statements["date"].max())
    assert latest.date() == data.evidence_cutoff()


def test_every_page_states_the_same_cutoff():
    want = day(data.evidence_cutoff())
    found = list(_statements_of_cutoff())
    wrong = [f"{p}: '{phrase}'" for p, phrase, said in found
             if said not in (want, want.replace("July", "Jul"))]
    assert not wrong, f"the cut-off is {want}; these pages say otherwise:\n" + "\n".join(wrong)


def test_the_cutoff_is_stated_where_learners_and_instructors_look():
    places = {str(p) for p, _phrase, _said in _statements_of_cutoff()}
    for must in ("lessons/07_the_2026_war_and_mediation.ipynb", "lessons/08_economy_and_futures.ipynb",
                 "datasets/README.md", "instructors/README.md"):
        assert must in places, f"{must} should state the course's cut-off"


@pytest.mark.parametrize("text,said", [
    ("The course's sources end on 2 July 2026; nothing later is known.", "2 July 2026"),
    ("Claims about events after **3 March 2027** are unverifiable.", "3 March 2027"),
    ("the brief as a whole runs to 1 Jul 2026", "1 Jul 2026"),
])
def test_the_scanner_reads_the_ways_a_cutoff_is_written(text, said):
    m = STATED.search(_flat(text))
    assert m and f"{int(m.group(1))} {m.group(2)} {m.group(3)}" == said


def test_the_scanner_ignores_other_dates():
    for text in ("Stock as of 17 May 2025 was 408.6 kg.", "The window runs to 16 August 2026.",
                 "up to 30 June 2025 the crossing was open"):
        assert not STATED.search(text), text


def test_a_later_row_without_a_new_cutoff_is_refused(tmp_path):
    for p in (ROOT / "datasets").iterdir():
        if p.is_file():
            shutil.copy(p, tmp_path / p.name)
    events = tmp_path / "events.csv"
    # A copy of the last row with the latest era, so that only its date can make it invalid.
    rows = list(csv.DictReader(events.open(encoding="utf-8", newline="")))
    row = dict(rows[-1], id="2026-09-01-later-event", date="2026-09-01", end_date="", era="war_and_mediation")
    with events.open("a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fieldnames=list(rows[0])).writerow(row)
    with pytest.raises(data.DataError, match="evidence_cutoff"):
        data.validate(tmp_path)
