"""Wall time of every course notebook under strict nbval, against the floor.

The floor is a notebook that only starts a kernel and imports the package. For each notebook
this prints its time, the floor and the ratio; then the total against N x floor. Goal: <= 1.5x
in total. Notebooks run one at a time (no xdist) so the figures do not compete for cores.

    python benchmarks/nbval_suite.py [--repeats 1]
"""
import argparse
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"


def nbval_seconds(path: Path) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval",
                           "--nbval-current-env", "--nbval-sanitize-with", str(SANITIZE), str(path)],
                          capture_output=True, text=True, cwd=path.parent)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        print(f"  ! {path.name} failed under nbval:\n{proc.stdout[-800:]}")
    return elapsed


def floor_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import beyond_borders")]
    nb.cells[0].outputs, nb.cells[0].execution_count = [], 1
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "floor.ipynb"
    nbformat.write(nb, str(path))
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=1)
    args = ap.parse_args()
    notebooks = sorted(p for d in ("lessons", "exercises", "solutions", "apps")
                       for p in (ROOT / d).glob("*.ipynb"))
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        floor = min(nbval_seconds(floor_notebook(Path(tmp))) for _ in range(max(2, args.repeats)))
    print(f"floor (kernel start + import beyond_borders, under nbval): {floor:.2f} s")
    total = 0.0
    for nb in notebooks:
        t = min(nbval_seconds(nb) for _ in range(args.repeats))
        total += t
        print(f"{nb.parent.name}/{nb.name}: {t:.2f} s ({t / floor:.2f}x floor)")
    print(f"total: {total:.1f} s for {len(notebooks)} notebooks; floor x N = {floor * len(notebooks):.1f} s; "
          f"ratio {total / (floor * len(notebooks)):.2f}x (goal <= 1.5x)")


if __name__ == "__main__":
    main()
