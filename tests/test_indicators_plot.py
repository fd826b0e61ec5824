"""The by-reporter dot chart (views.lessons.indicators) and the border line measured at several
levels of detail (views.lessons.border_line): content, text alternatives, repeatability."""
import pandas as pd
import pytest

from beyond_borders import load_indicators
from beyond_borders.render.figures import CourseFigure, figure_png
from beyond_borders.views.citations import indicator_sources
from beyond_borders.views.lessons.border_line import (line_detail_lengths, line_length_km,
                                                      plot_line_detail, shared_boundary, thin_line)
from beyond_borders.views.lessons.indicators import (by_reporter_alt_text, plot_by_reporter,
                                                     reporter_figures)


@pytest.fixture
def toy():
    return pd.DataFrame({
        "id": ["a", "b", "c", "d"], "indicator": ["length"] * 3 + ["other"],
        "subject": ["IRN-PAK"] * 4, "year": [2020, 2021, 2024, 2024], "period": ["", "2021-02", "", ""],
        "value": [959.0, 900.0, 959.0, 5.0], "unit": ["km"] * 4,
        "reporter": ["Agency A", "Minister B", "Paper C (2024)", "X"],
        "sources": ["s1", "s2;s1", "s3", "s4"], "confidence": ["disputed"] * 4, "notes": [""] * 4,
    })


def test_reporter_figures_keeps_one_row_per_figure_sorted_by_value(toy):
    t = reporter_figures(toy, "length")
    assert list(t["value"]) == [900.0, 959.0, 959.0]
    assert list(t["label"]) == ["Minister B, 2021-02", "Agency A, 2020", "Paper C (2024)"]
    assert list(t["round_figure"]) == [True, False, False]


def test_alt_text_names_every_reporter_with_its_value(toy):
    text = by_reporter_alt_text(reporter_figures(toy, "length"), "length")
    assert "3 published figures" in text and "from 900 to 959 km" in text
    assert "959 km: Agency A, 2020; Paper C (2024)" in text
    assert "900 km (a round figure): Minister B, 2021-02" in text
    assert by_reporter_alt_text(reporter_figures(toy, "nothing"), "nothing").startswith("No figures")


def test_plot_by_reporter_draws_every_figure(toy):
    fig = plot_by_reporter("length", toy)
    assert isinstance(fig, CourseFigure) and len(fig.drawn["table"]) == 3
    ax = fig.axes[0]
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == sorted(fig.drawn["table"]["label"])
    assert figure_png(fig) == figure_png(plot_by_reporter("length", toy))


def test_indicator_sources_in_first_seen_order(toy):
    assert indicator_sources("length", toy) == ["s1", "s2", "s3"]


def test_course_border_length_figures_span_the_published_range():
    t = reporter_figures(load_indicators(), "border_length")
    assert {909.0, 928.0, 959.0} <= set(t["value"])
    assert (t["unit"] == "km").all() and len(t) >= 3
    fig = plot_by_reporter("border_length")
    for label in t["label"]:
        assert label in fig.alt_text


def test_thin_line_keeps_both_ends():
    line = [(0, 0), (1, 0), (2, 0), (3, 0), (4, 0)]
    assert thin_line(line, 3) == [(0, 0), (3, 0), (4, 0)]
    assert thin_line(line, 1) == line


def test_line_length_of_one_degree_of_latitude():
    assert line_length_km([(60.0, 25.0), (60.0, 26.0)]) == pytest.approx(111.2, abs=0.2)


def test_shared_boundary_is_one_line_from_the_tripoint_to_the_coast():
    line = shared_boundary()
    assert len(line) > 20
    assert line[0][1] > 29 and line[-1][1] < 25.5  # north end near the tripoint, south end at the coast
    assert 60 < min(p[0] for p in line) and max(p[0] for p in line) < 64


def test_less_detail_never_makes_the_line_longer():
    t = line_detail_lengths((1, 2, 4, 8, 16))
    assert list(t["length_km"]) == sorted(t["length_km"], reverse=True)
    assert t["vertices"].is_monotonic_decreasing


def test_plot_line_detail_has_alt_text_and_is_repeatable():
    fig = plot_line_detail((1, 4))
    for row in fig.drawn["table"].itertuples():
        assert f"{row.vertices} points, {row.length_km:,} km" in fig.alt_text
    assert len(fig.drawn["table"]) == 2 and fig.alt_text.count("points") == 2
    assert figure_png(fig) == figure_png(plot_line_detail((1, 4)))


def test_fractional_figures_keep_two_decimals(toy):
    extra = pd.DataFrame([dict(toy.iloc[0]) | {"id": "e", "value": 1234.567, "reporter": "Y"}])
    text = by_reporter_alt_text(reporter_figures(pd.concat([toy, extra]), "length"), "length")
    assert "1,234.57 km: Y, 2020" in text and "from 900 to 1,234.57 km" in text
