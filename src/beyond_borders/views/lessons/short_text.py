"""Short text forms: labels cut to fit a figure, and widget reprs kept whole.

ipywidgets cuts a widget's ``text/plain`` at 110 characters, and nbval compares only what is
left; a repr that fits in ``REPR_LIMIT`` is compared in full.
"""
from __future__ import annotations

__all__ = ["REPR_LIMIT", "shorten"]

REPR_LIMIT = 109


def shorten(text: str, n: int) -> str:
    """``text`` if it has at most ``n`` characters, else its start and '…' (``n`` in all)."""
    return text if len(text) <= n else text[: max(n - 1, 0)].rstrip() + "…"
