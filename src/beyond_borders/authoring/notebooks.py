"""Read, write and execute course notebooks the same way everywhere (generator, tests, ``make outputs``).

Executing an unchanged notebook must write the same bytes, so that ``make outputs`` leaves
git clean and a real change shows up as a small diff. :func:`execute` therefore starts from a
notebook with no outputs and no saved widget state, and renames the widget models (random
uuids) in an order fixed by the notebook (:mod:`widget_ids`); :func:`write` skips a file whose
bytes would not change.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbformat import ValidationError

from beyond_borders.authoring import widget_ids
from beyond_borders.jupyter.kernels import AsyncIPCKernelManager

NB_VERSION = 4


class NotebookError(Exception):
    """A notebook could not be read or run; the message says which and why, for the command line."""


class ExecutionFailed(NotebookError):
    """A notebook stopped on an error: the message names the notebook, the cell and the error."""


def read(path) -> nbformat.NotebookNode:
    """The notebook at ``path`` as nbformat 4; a missing or malformed file is a :class:`NotebookError`."""
    try:
        return nbformat.read(str(path), as_version=NB_VERSION)
    except (OSError, ValueError, ValidationError) as exc:
        raise NotebookError(f"{path}: cannot read the notebook ({exc})") from None


def dumps(nb) -> str:
    """The file text: nbformat's own JSON (sorted keys, one-space indent) and a trailing newline."""
    return nbformat.writes(nb) + "\n"


def write(nb, path) -> bool:
    """Write ``nb`` unless the file already holds the same text; True if the file changed.

    Leaving an unchanged file alone keeps its modification time, so make, editors and
    JupyterLab ("file changed on disk") are not disturbed by a no-op regeneration.
    """
    path, text = Path(path), dumps(nb)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def clear(nb):
    """Forget everything a previous run left: outputs, counts, saved widget state."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)
    return nb


def execute(nb, cwd, timeout: int = 120, kernel: str = "python3", allow_errors: bool = False,
            name: str = "notebook"):
    """Run every cell in a fresh kernel (in ``cwd``), keep the outputs, canonicalise the widget ids.

    Old outputs and saved widget state are cleared first: nbclient keeps the old widget state
    when a run creates no widgets, which would leave stale models in the file.

    A cell that raises (or times out, or kills the kernel) becomes :class:`ExecutionFailed`
    naming ``name`` and the cell, instead of a long nbclient traceback.
    """
    clear(nb)
    started: list[int] = []
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel, allow_errors=allow_errors,
                            kernel_manager_class=AsyncIPCKernelManager,
                            resources={"metadata": {"path": str(cwd)}}, record_timing=False,
                            on_cell_start=lambda cell, cell_index: started.append(cell_index))
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        where = _cell_name(nb, started[-1]) if started else "before the first cell"
        raise ExecutionFailed(f"{name}: {where} {_what(exc)}") from exc
    widget_ids.canonicalise(nb)
    return nb


def _cell_name(nb, index: int) -> str:
    """'cell 3 (first line of its source)': enough to find the cell in JupyterLab."""
    first = next((line.strip() for line in nb.cells[index].source.splitlines() if line.strip()), "")
    return f"cell {index} ({first[:60]})"


def _what(exc) -> str:
    """The error in one line: the exception's name and value, not nbclient's whole traceback."""
    if isinstance(exc, CellExecutionError):
        return f"raised {exc.ename}: {exc.evalue}"
    if isinstance(exc, CellTimeoutError):
        return "timed out"
    return f"killed the kernel ({exc})"


def execute_file(path, timeout: int = 120) -> bool:
    """Execute a notebook in place, in its own folder; True if the file changed."""
    path = Path(path)
    nb = execute(read(path), path.parent, timeout=timeout, name=str(path))
    return write(nb, path)
