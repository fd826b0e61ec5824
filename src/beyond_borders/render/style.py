"""Shared visual vocabulary: category names, colour-blind-safe colours and marker shapes.

Okabe & Ito's eight colours are safe for the common colour-vision deficiencies; each category
also gets its own marker shape, so no reader depends on colour alone.
"""
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*", "h", "p", "<", ">", "8", "d", "H"]

CATEGORY_LABELS = {
    "military_strike": "Military strike",
    "militant_attack": "Militant attack",
    "diplomatic": "Diplomacy",
    "visit": "Visit",
    "agreement": "Agreement",
    "border_measure": "Border measure",
    "economic": "Economy",
    "energy": "Energy",
    "nuclear": "Nuclear",
    "multilateral": "Multilateral",
    "statement": "Statement",
    "protest": "Protest",
    "security_cooperation": "Security cooperation",
    "legal": "Legal",
    "domestic": "Domestic politics",
}

ERA_SHADES = ["#f2f4f7", "#e4e7ec"]


def category_style(category: str) -> tuple[str, str]:
    """(colour, marker) for a category: a fixed, distinct pair for each of the 15 categories."""
    names = list(CATEGORY_LABELS)
    i = names.index(category) if category in names else len(names)
    return OKABE_ITO[i % len(OKABE_ITO)], MARKERS[i % len(MARKERS)]

# Stance tags of statements.csv, as a reader says them.
STANCE_LABELS = {
    "condemnation": "condemnation", "solidarity": "solidarity", "support_for_iran": "support for Iran",
    "muslim_unity": "Muslim unity", "sovereignty": "sovereignty", "restraint": "restraint",
    "de_escalation": "de-escalation", "mediation": "mediation", "accusation": "accusation",
    "denial": "denial", "retaliation_threat": "threat of retaliation",
    "right_to_respond": "right to respond", "cooperation": "cooperation",
    "justification": "justification", "nuclear": "nuclear", "humanitarian": "humanitarian",
    "claim": "claim", "thanks": "thanks", "neutrality": "neutrality", "alliance": "alliance",
    "fact_check": "fact check",
}

# The course's text colours and what they stand on. Every (text, background) pair a reader sees
# is listed in TEXT_ON_BACKGROUND, and tests/test_contrast.py holds each to WCAG AA (4.5:1).
INK = "#101828"          # body text
MUTED_INK = "#475467"    # secondary text: tags, notes, record ids
LINK_INK = "#175cd3"     # links, always underlined too: colour is never the only cue
PAPER = "#ffffff"
ROW_SHADE = "#f5f5f5"    # JupyterLab's striped table rows
PRIMARY_BUTTON = ("#ffffff", "#175cd3")        # (text, background): e.g. "Reveal what Pakistan did"
PRIMARY_BUTTON_HOVER = ("#ffffff", "#1849a9")
DISABLED_BUTTON = ("#475467", "#eaecf0")       # plainly grey, not a faded copy of the enabled one
TEXT_ON_BACKGROUND = {
    "body text": (INK, PAPER), "secondary text": (MUTED_INK, PAPER),
    "secondary text on a shaded row": (MUTED_INK, ROW_SHADE), "link": (LINK_INK, PAPER),
    "link on a shaded row": (LINK_INK, ROW_SHADE), "primary button": PRIMARY_BUTTON,
    "primary button, hovered": PRIMARY_BUTTON_HOVER, "disabled button": DISABLED_BUTTON,
}
LINK_STYLE = f"color:{LINK_INK};text-decoration:underline"

# Radio options whose labels wrap: ipywidgets gives each label a fixed 20 px line, so a wrapped
# option covers the next one's button and a click picks the wrong answer. Widgets that offer
# answer options add the class ``bb-choices`` to their RadioButtons and show this style once;
# it also styles their main button (class ``bb-primary``), whose ipywidgets colours (white on
# teal, 3.5:1) are too faint to read.
CHOICES_CSS = (
    "<style>.bb-choices .widget-radio-box label{display:flex;align-items:flex-start;height:auto;"
    "line-height:1.4;margin-bottom:3px}.bb-choices .widget-radio-box input{order:-1;flex:none;"
    "float:none;height:1.4em}"
    f"button.jupyter-button.bb-primary{{color:{PRIMARY_BUTTON[0]};background:{PRIMARY_BUTTON[1]};"
    "font-weight:600}"
    f"button.jupyter-button.bb-primary:hover:enabled{{background:{PRIMARY_BUTTON_HOVER[1]}}}"
    f"button.jupyter-button.bb-primary:disabled{{color:{DISABLED_BUTTON[0]};"
    f"background:{DISABLED_BUTTON[1]};opacity:1;cursor:not-allowed}}</style>")
