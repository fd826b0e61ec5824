"""Friendly names for the type of a value, for messages about an answer of the wrong shape."""
from __future__ import annotations

_NAMES = {str: "a piece of text", int: "a whole number", float: "a number", bool: "True/False",
          list: "a list", tuple: "a tuple", set: "a set", dict: "a dictionary"}


def describe(answer) -> str:
    """A short, friendly name for the type of a value."""
    for t, n in _NAMES.items():
        if type(answer) is t:
            return n
    return f"a value of type {type(answer).__name__}"
