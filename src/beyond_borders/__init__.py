"""Beyond Borders: a Jupyter course on Iran–Pakistan relations, 1947–2026.

Notebooks import what they use from here; every piece of logic lives in a module named for it.
Widgets and figures load on first use, so ``check`` alone imports fast.
"""
from importlib import import_module

from beyond_borders.checks import check, quick_check, score
from beyond_borders.checks.explain import explain
from beyond_borders.data import (DataError, load_accounts, load_actors, load_all, load_crossing_status,
                                 load_documents, load_eras, load_events, load_indicators, load_places, load_sources,
                                 load_statements)
from beyond_borders.selftest import self_test

__version__ = "1.0.0"

# name -> module that holds it (loaded lazily). Lesson-specific views are exported here too, so a
# notebook imports everything from ``beyond_borders`` and never depends on the package's layout.
_LAZY = {
    "TimelineExplorer": "views.explorer", "plot_timeline": "views.timeline",
    "border_map": "views.maps", "AccountsTable": "views.accounts", "show": "render.figures",
    "sources_for": "views.citations", "indicator_sources": "views.citations",
    "StatementsExplorer": "views.statements",
    "DocumentReader": "views.documents",
    "ClaimExplorer": "views.lessons.claims", "claim_thread": "views.lessons.claims",
    "CrossingsMap": "views.lessons.crossings", "decision_point": "views.lessons.decisions",
    "DecisionPoint": "views.lessons.decisions",
    "HedgingTracks": "views.lessons.hedging", "groups_table": "views.lessons.groups",
    "IndicatorExplorer": "views.lessons.economy", "plot_indicator": "views.lessons.economy",
    "indicator_rows": "views.lessons.economy",
    "plot_by_reporter": "views.lessons.indicators", "plot_line_detail": "views.lessons.border_line",
    "NewsArticle": "views.lessons.newscheck", "ClaimCheck": "views.lessons.newscheck",
    "PageOrigins": "views.lessons.newscheck", "confidence_counts": "views.lessons.newscheck",
    "show_table": "render.tables",
}

__all__ = ["check", "score", "quick_check", "explain", "DataError", "load_accounts", "load_actors",
           "load_all", "load_crossing_status", "load_documents", "load_eras", "load_events", "load_indicators", "load_places",
           "load_sources", "load_statements", "self_test", *_LAZY]


def __getattr__(name):
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'beyond_borders' has no attribute {name!r}")

# In an IPython kernel: the %%reflection cell magic and kind explanations of slips (see checks.kernel).
from beyond_borders.checks import kernel as _kernel  # noqa: E402

_kernel.install()
