"""Authoring aid: turn a percent-format draft (``# %%`` cells) into a course notebook.

    pip install jupytext   # authoring only; not needed to use or test the course
    python scripts/percent_to_nb.py DRAFT.py lessons/02_the_january_2024_strikes.ipynb --kind lesson

The notebook, not the draft, is the source afterwards: the draft is not kept. This sets the
kernel, drops jupytext's metadata and records the lesson number and kind.
"""
import argparse
from pathlib import Path

import jupytext
import nbformat

ap = argparse.ArgumentParser()
ap.add_argument("draft")
ap.add_argument("out")
ap.add_argument("--kind", choices=["lesson", "solution", "app"], required=True)
args = ap.parse_args()
nb = jupytext.read(args.draft, fmt="py:percent")
nb.metadata = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
    "beyond_borders": {"lesson": Path(args.out).name[:2], "kind": args.kind},
}
nb.nbformat, nb.nbformat_minor = 4, 5
for i, cell in enumerate(nb.cells):
    cell.metadata.pop("lines_to_next_cell", None)
    cell["id"] = f"c{i:03d}"  # stable ids: regenerating a notebook gives the same file
nbformat.write(nbformat.from_dict(nb), args.out)
print(f"wrote {args.out} ({len(nb.cells)} cells)")
