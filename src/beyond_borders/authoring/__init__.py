"""Maintainers' tools that build the course: exercises from solutions, executing notebooks."""
