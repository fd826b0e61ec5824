"""Beyond Borders: a Jupyter course on Iran–Pakistan relations, 1947–2026.

Notebooks import what they use from here; every piece of logic lives in a module named for it.
Widgets and figures load on first use, so ``check`` alone imports fast.
"""
from importlib import import_module

from .checks import check, quick_check, score
from .data import (DataError, load_accounts, load_actors, load_all, load_eras, load_events,
                   load_indicators, load_places, load_sources, load_statements)
from .selftest import self_test

__version__ = "1.0.0"

# name -> module that holds it (loaded lazily)
_LAZY = {
    "TimelineExplorer": "explorer", "plot_timeline": "timeline", "border_map": "maps",
    "AccountsTable": "accounts", "show": "figures", "sources_for": "citations",
    "StatementsExplorer": "statements", "ClaimExplorer": "claims", "CrossingsMap": "crossings",
    "decision_point": "decisions", "HedgingTracks": "hedging", "groups_table": "groups",
    "IndicatorExplorer": "economy", "plot_indicator": "economy",
    "plot_by_reporter": "indicators_plot",
}

__all__ = ["check", "score", "quick_check", "DataError", "load_accounts", "load_actors",
           "load_all", "load_eras", "load_events", "load_indicators", "load_places",
           "load_sources", "load_statements", "self_test", *_LAZY]


def __getattr__(name):
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'beyond_borders' has no attribute {name!r}")
