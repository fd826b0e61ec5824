"""What importing ``beyond_borders`` adds to a learner's IPython kernel, and nothing elsewhere.

* the ``%%reflection N.M`` cell magic (see ``reflection``), so prose needs no Python quoting;
* a kind explanation in place of a traceback when a cell has a slip (see ``slips``), with
  Python's full message one click away in a ``<details>`` element.

The cell still ends in error, so Run All stops there (running on would only pile later errors on
the first) and the grader still records which cells failed; a one-line error output says that
Run All stopped. Plain Python gets none of this; neither does a kernel whose environment sets
``BEYOND_BORDERS_PLAIN_ERRORS=1`` (for the grader), nor one where another tool already set a
custom exception handler.
"""
from __future__ import annotations

import builtins
import os
import re
import sys
import traceback

from beyond_borders.checks import reflection, slips
from beyond_borders.checks.exercise import CheckResult, check

PLAIN_ERRORS = "BEYOND_BORDERS_PLAIN_ERRORS"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _shell():
    """The running IPython shell, or None: plain Python never imports IPython for this."""
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython is not None else None


def _reflection_magic(line: str, cell: str):
    """``%%reflection 2.13``: the rest of the cell is the learner's answer to 2.13, as typed."""
    shell, qid = _shell(), line.strip()
    name = reflection.variable(qid)
    answer = reflection.answer_of(cell or "")
    if name and shell is not None:
        shell.user_ns[name] = answer
    q = reflection.open_question(qid)
    if q is None:  # not a reflection: mark the text like any other answer
        return check(qid, answer)
    status, message = reflection.verdict(q, answer)
    return CheckResult(q["id"], status, message, short=q.get("short", ""))


def _failing_line(shell, exc, tb) -> tuple[str, int]:
    """The learner's line that raised, and its number in the cell."""
    if isinstance(exc, SyntaxError):
        return (exc.text or "").rstrip("\n"), exc.lineno or 1
    cells = getattr(getattr(shell, "compile", None), "_filename_map", {})
    frames = [f for f in traceback.extract_tb(tb) if f.filename in cells] if tb else []
    return (frames[-1].line or "", frames[-1].lineno or 1) if frames else ("", 1)


def _full_text(shell, etype, value, tb, tb_offset) -> str:
    if issubclass(etype, SyntaxError):
        stb = shell.SyntaxTB.structured_traceback(etype, value, [])
    else:
        stb = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
    return _ANSI.sub("", shell.InteractiveTB.stb2text(stb))


class SlipNote:
    """The explanation as a displayed output: HTML in JupyterLab, text elsewhere."""

    def __init__(self, slip: slips.Slip, full: str):
        self.slip, self.full = slip, full

    def __repr__(self):
        return self.slip.text()

    def _repr_html_(self):
        return self.slip.html(self.full)


def _handler(shell, etype, value, tb, tb_offset=None):
    """IPython's custom exception handler: explain, then end the cell in a one-line error."""
    try:
        from IPython.display import display

        import beyond_borders

        line, lineno = _failing_line(shell, value, tb)
        known = set(shell.user_ns) | set(dir(builtins))
        slip = slips.explain(value, line, known, getattr(beyond_borders, "__all__", ()), lineno)
        display(SlipNote(slip, _full_text(shell, etype, value, tb, tb_offset)))
        shell._showtraceback(etype, value, [slips.STOPPED])
    except Exception:  # never hide the learner's error behind one of ours
        shell.set_custom_exc((), None)
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
    return []


def install(shell=None) -> bool:
    """Add the magic and the slip handler to the running IPython shell; True if it did."""
    shell = shell or _shell()
    if shell is None or not hasattr(shell, "register_magic_function"):
        return False
    shell.register_magic_function(_reflection_magic, "cell", "reflection")
    if os.environ.get(PLAIN_ERRORS) or shell.custom_exceptions not in ((), (Exception,)):
        return True
    shell.set_custom_exc((Exception,), _handler)
    return True


def uninstall(shell=None) -> None:
    """Back to IPython's own tracebacks (tests; or a learner who prefers them)."""
    shell = shell or _shell()
    if shell is not None and shell.custom_exceptions == (Exception,):
        shell.set_custom_exc((), None)
