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
}

# Radio options whose labels wrap: ipywidgets gives each label a fixed 20 px line, so a wrapped
# option covers the next one's button and a click picks the wrong answer. Widgets that offer
# answer options add the class ``bb-choices`` to their RadioButtons and show this style once.
CHOICES_CSS = (
    "<style>.bb-choices .widget-radio-box label{display:flex;align-items:flex-start;height:auto;"
    "line-height:1.4;margin-bottom:3px}.bb-choices .widget-radio-box input{order:-1;flex:none;"
    "float:none;height:1.4em}</style>")
