"""Lesson content kept as data (one JSON file per lesson and kind), validated when loaded."""
