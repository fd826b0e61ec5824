"""Small tools for wiring widget controls, shared by every view's widget."""
from __future__ import annotations

from contextlib import contextmanager

import ipywidgets as W

__all__ = ["unobserved"]


@contextmanager
def unobserved(widget: W.Widget, handler, names: str = "value"):
    """Set ``widget`` from code without ``handler`` hearing it.

    A Dropdown given new options resets its value on its own, which its observers would take
    for a choice. The handler is back when the block ends, even if it raised: an error can never
    leave a widget deaf.
    """
    widget.unobserve(handler, names=names)
    try:
        yield widget
    finally:
        widget.observe(handler, names=names)
