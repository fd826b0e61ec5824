"""Every text colour the course sets stands out from its background by WCAG AA (4.5:1).

The pairs are the ones ``render.style`` declares and the style sheet is built from, so a colour
changed there is checked here; the browser test checks what Chromium actually paints.
"""
from __future__ import annotations

import re

import pytest

from beyond_borders.render import style
from beyond_borders.views import maps

AA = 4.5


def luminance(colour: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    rgb = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast("#ffffff", "#0097a7") == pytest.approx(3.5, abs=0.05)  # ipywidgets' "info" teal


@pytest.mark.parametrize("name", sorted(style.TEXT_ON_BACKGROUND))
def test_every_declared_text_colour_meets_aa(name):
    text, background = style.TEXT_ON_BACKGROUND[name]
    assert contrast(text, background) >= AA, f"{name}: {contrast(text, background):.2f}:1"


def test_the_style_sheet_uses_only_declared_pairs():
    """Each colour the button rules set is one of the declared pairs (no stray hex code)."""
    declared = {c.lower() for pair in style.TEXT_ON_BACKGROUND.values() for c in pair}
    used = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}", style.CHOICES_CSS)}
    assert used and used <= declared, used - declared
    assert style.LINK_INK in style.LINK_STYLE and "underline" in style.LINK_STYLE


@pytest.mark.parametrize("ink", [maps.TOWN_INK, maps.CROSSING_INK, maps.SITE_INK, maps.PROVINCE_EDGE, maps.COUNTRY_INK])
def test_map_names_are_legible_on_every_country_fill(ink):
    for country, fill in maps.FILL.items():
        assert contrast(ink, fill) >= AA, f"{ink} on {country} ({fill}): {contrast(ink, fill):.2f}:1"


def test_verdict_and_crossing_status_words_meet_aa():
    """Text colours set outside the style sheet: the check verdicts and the crossings table."""
    from beyond_borders.checks.exercise import _LOOK as VERDICTS
    from beyond_borders.views.lessons.crossings import STATUS_TEXT_COLOUR
    for name, (_, _, ink, paper) in VERDICTS.items():
        assert contrast(ink, paper) >= AA, name
    for name, ink in STATUS_TEXT_COLOUR.items():
        assert contrast(ink, "#ffffff") >= AA, name
