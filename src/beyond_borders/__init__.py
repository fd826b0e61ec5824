"""Beyond Borders: a Jupyter course on Iran–Pakistan relations, 1947–2026.

Notebooks import what they use from here; every piece of logic lives in a module named for it.
"""
from .checks import check, quick_check, score
from .data import (DataError, load_accounts, load_actors, load_all, load_eras, load_events,
                   load_indicators, load_places, load_sources, load_statements)
from .selftest import self_test

__version__ = "1.0.0"

__all__ = ["check", "score", "quick_check", "DataError", "load_accounts", "load_actors",
           "load_all", "load_eras", "load_events", "load_indicators", "load_places",
           "load_sources", "load_statements", "self_test", "TimelineExplorer", "plot_timeline",
           "border_map", "AccountsTable", "show", "sources_for", "StatementsExplorer"]


def __getattr__(name):
    """Widgets and figures load on first use, so ``check`` alone imports fast."""
    if name in ("TimelineExplorer",):
        from .explorer import TimelineExplorer
        return TimelineExplorer
    if name == "plot_timeline":
        from .timeline import plot_timeline
        return plot_timeline
    if name == "border_map":
        from .maps import border_map
        return border_map
    if name == "AccountsTable":
        from .accounts import AccountsTable
        return AccountsTable
    if name == "show":
        from .figures import show
        return show
    if name == "sources_for":
        from .citations import sources_for
        return sources_for
    if name == "StatementsExplorer":
        from .statements import StatementsExplorer
        return StatementsExplorer
    raise AttributeError(f"module 'beyond_borders' has no attribute {name!r}")
