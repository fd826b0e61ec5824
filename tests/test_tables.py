"""Tables never show NaN, None or cut cells: gaps say what they mean, long cells wrap.

Checked on hand-made rows (each rule), on every table the widgets can draw from the course
data, and on every table stored in a notebook (outputs and widget state), which is what a
learner opens.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from beyond_borders import data
from beyond_borders.render.cards import accounts_html
from beyond_borders.render.tables import NO_VALUE, NOT_REPORTED, show_table, table_html
from beyond_borders.views.lessons.crossings import status_table_html
from beyond_borders.views.lessons.groups import groups_table

ROOT = Path(__file__).resolve().parents[1]
RAW_GAP = re.compile(r"^(nan|NaN|None|<NA>|NaT|null)$")
CELL = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.S)


def cells(markup: str) -> list[str]:
    """The text of every table cell in ``markup``."""
    return [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in CELL.findall(markup)]


def bad_cells(markup: str) -> list[str]:
    return [c for c in cells(markup) if RAW_GAP.match(c) or c.endswith("...") or c.endswith("…")]


FRAME = pd.DataFrame({"claimant": ["Iran", None, "BLA"], "low": [9.0, np.nan, 14.0],
                      "high": [np.nan, np.nan, 1001.0], "description": ["x " * 200, "", np.nan],
                      "date": [pd.Timestamp("2024-01-18"), pd.NaT, pd.Timestamp("2024-01-19")]},
                     index=[280, 281, 282])


def test_gaps_say_what_they_mean():
    got = cells(table_html(FRAME))
    assert got[:5] == ["claimant", "low", "high", "description", "date"]
    row2 = got[10:15]
    assert row2 == [NO_VALUE, NOT_REPORTED, NOT_REPORTED, NO_VALUE, NO_VALUE]  # a missing figure is not 0
    assert bad_cells(table_html(FRAME)) == []


def test_numbers_read_as_the_course_writes_them_and_no_row_numbers():
    got = cells(table_html(FRAME))
    assert "9" in got and "14" in got and "1,001" in got and "9.0" not in got
    assert "280" not in got and "2024-01-18" in got


def test_long_cells_are_shown_whole_and_wrap():
    markup = table_html(FRAME)
    assert ("x " * 200).strip() in cells(markup)
    assert "white-space:normal" in markup and "overflow-wrap:break-word" in markup


def test_show_table_gives_html_and_plain_text():
    t = show_table(FRAME)
    assert len(t) == 3 and "NaN" not in repr(t) and NOT_REPORTED in repr(t)
    assert t._repr_html_() == table_html(FRAME)
    assert cells(show_table({"a": [1, None]})._repr_html_()) == ["a", "1", NOT_REPORTED]


def test_an_empty_table_says_so():
    assert "No rows to show" in table_html(FRAME.iloc[0:0])


def test_every_accounts_table_is_clean():
    accounts, sources = data.load_accounts(), data.load_sources()
    for event_id in accounts["event_id"].unique():
        assert bad_cells(accounts_html(event_id, accounts, sources)) == [], event_id


def test_every_crossings_table_is_clean():
    days = sorted(set(pd.to_datetime(data.load_crossing_status()["date"])))
    for day in days:
        assert bad_cells(status_table_html(day)) == [], day


def test_the_groups_table_is_clean():
    shown = groups_table()
    markup = shown._repr_html_() if hasattr(shown, "_repr_html_") else getattr(shown, "value", str(shown))
    assert cells(markup) and bad_cells(markup) == []


NOTEBOOKS = sorted(p for folder in ("lessons", "exercises", "solutions", "apps")
                   for p in (ROOT / folder).glob("*.ipynb"))


def stored_html(path: Path) -> str:
    """Every HTML a notebook stores: cell outputs and the saved state of its widgets."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    parts = ["".join(o.get("data", {}).get("text/html", "")) for c in nb["cells"] for o in c.get("outputs", [])]
    state = nb.get("metadata", {}).get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    parts += [str(m.get("state", {}).get("value", "")) for m in state.get("state", {}).values()]
    return "\n".join(parts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name[:2]}")
def test_no_table_a_notebook_shows_has_a_raw_gap_or_a_cut_cell(path):
    markup = stored_html(path)
    assert bad_cells(markup) == [], path.name
    assert "class=\"dataframe" not in markup, f"{path.name} shows a raw DataFrame; use show_table"


def test_a_qualifier_column_reads_as_the_source_said_it():
    import pandas as pd
    from beyond_borders.render.tables import show_table, table_html
    frame = pd.DataFrame({"low": [1000, 9], "qualifier": ["more_than", None]})
    assert "more than" in table_html(frame) and "more_than" not in table_html(frame)
    assert "more than" in repr(show_table(frame))
