"""The learner's side of marking: ``check``, ``score`` and ``quick_check``, run in the learner's
kernel, with the sealed question banks they read (``questions/``)."""
from beyond_borders.checks.exercise import CheckResult, check, quick_check, score  # noqa: F401
