"""A kernel that has the course loaded before the learner's first cell: an IPython extension.

On a shared class server every learner opens a notebook at about the same time, and each new
kernel's first cell spends most of its time importing pandas, matplotlib and the course's widgets
(about 0.6 s of processor time each; with 40 kernels starting on two cores, several seconds of
waiting). Loaded as an extension, the same imports happen while the kernel starts, before it
answers Jupyter's first "kernel info" request, so the learner's first cell finds them done.
Nothing is added to the learner's namespace and nothing is printed: a cell that forgets its
import still fails as it would anywhere else.

The class hub's kernel definition turns it on (``scripts/hub/run_hub.py``, and the image in
``instructors/hub/Dockerfile``)::

    python -m beyond_borders.warm DATA_DIR   # writes DATA_DIR/kernels/python3/kernel.json

A Jupyter data folder given first in ``JUPYTER_PATH`` (or the environment's own
``share/jupyter``) then makes every "Python 3" kernel start warm.
"""
from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

__all__ = ["load_ipython_extension", "warm", "kernelspec", "install_kernelspec"]


def warm() -> list[str]:
    """Import every name a lesson may import from the course package; returns their names."""
    course = importlib.import_module("beyond_borders")
    names = sorted(course._LAZY)
    for name in names:
        getattr(course, name)
    return names


def load_ipython_extension(ipython) -> None:  # noqa: ARG001 - IPython's extension signature
    """IPython calls this at kernel start when the extension is configured."""
    warm()


def kernelspec(python: str = sys.executable) -> dict:
    """The "Python 3" kernel definition with the course loaded at start."""
    return {"argv": [python, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                     "--IPKernelApp.extensions=beyond_borders.warm"],
            "display_name": "Python 3 (ipykernel)", "language": "python",
            "metadata": {"debugger": True}}


def install_kernelspec(data_dir, python: str = sys.executable) -> Path:
    """Write the warm kernel definition under `data_dir` (a Jupyter data folder); returns its path."""
    target = Path(data_dir) / "kernels" / "python3" / "kernel.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(kernelspec(python), indent=1) + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m beyond_borders.warm DATA_DIR")
    print(install_kernelspec(sys.argv[1]))
