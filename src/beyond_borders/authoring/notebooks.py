"""Read, write and execute course notebooks the same way everywhere (generator, grader, tests)."""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

from beyond_borders.jupyter.kernels import AsyncIPCKernelManager

NB_VERSION = 4


def read(path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=NB_VERSION)


def write(nb, path) -> None:
    """Write with a trailing newline and stable key order, so diffs stay small."""
    Path(path).write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def execute(nb, cwd, timeout: int = 120, kernel: str = "python3", allow_errors: bool = False):
    """Run every cell in a fresh kernel (in ``cwd``) and keep the outputs."""
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel, allow_errors=allow_errors,
                            kernel_manager_class=AsyncIPCKernelManager,
                            resources={"metadata": {"path": str(cwd)}}, record_timing=False)
    client.execute()
    return nb


def execute_file(path, timeout: int = 120) -> None:
    """Execute a notebook in place (outputs stored), in its own folder."""
    path = Path(path)
    nb = read(path)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    execute(nb, path.parent, timeout=timeout)
    write(nb, path)
