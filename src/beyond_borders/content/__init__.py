"""Lesson content kept as data (one JSON file per lesson and kind), checked when loaded."""
from beyond_borders.content.load import ContentError, load_content  # noqa: F401
