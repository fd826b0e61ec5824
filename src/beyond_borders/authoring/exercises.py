"""Generate exercises/ from solutions/: the solutions are the one source.

In a solution, answer code sits between ``# BEGIN SOLUTION`` and ``# END SOLUTION``; each block
becomes ``answer_N_M = ...`` lines for the answers it assigns (or a comment when it assigns
none). Markdown between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->`` (model
answers) is dropped, and so are cells tagged ``solution-only``. A ``%%reflection N.M`` cell keeps
its first line and gets a placeholder in place of the model answer. The exercise carries metadata
naming its lesson, which the grader reads.

Every answer cell must run alone in a fresh kernel (a learner answers question 1 before running
anything else): :func:`cell_problems` checks that a solution's answer cell starts with the
import of what it uses from ``beyond_borders`` and uses no table an earlier cell made. The
generator refuses a solution that breaks this, so exercises and solutions cannot drift apart.
"""
from __future__ import annotations

import ast
import builtins
import copy
import re
from pathlib import Path

import beyond_borders
from beyond_borders.authoring import notebooks
from beyond_borders.checks.reflection import PLACEHOLDER as REFLECTION_PLACEHOLDER

BEGIN, END = "# BEGIN SOLUTION", "# END SOLUTION"
MD_BLOCK = re.compile(r"<!-- BEGIN SOLUTION -->.*?<!-- END SOLUTION -->\n?", re.S)
ANSWER = re.compile(r"^\s*(answer_\d+_\d+)\s*=")
PLACEHOLDER = "...  # ✎ your answer here"
CHECK_CALL = re.compile(r"(?<![\w.])check\(")
REFLECTION = re.compile(r"^%%reflection\s+\d+\.\d+\s*$")


class SolutionFormatError(ValueError):
    """Unbalanced solution markers: the message names the notebook and cell to fix."""


def strip_code(source: str, where: str = "") -> str:
    """A solution cell's code with each marked block replaced by placeholders for its answers.

    Only the ``answer_N_M`` names survive, so the learner sees what to fill in and the
    ``check(...)`` line after it still runs; any working inside the block is hidden.
    """
    out, block, inside = [], [], False
    for line in source.splitlines():
        s = line.strip()
        if s == BEGIN:
            if inside:
                raise SolutionFormatError(f"{where}: nested {BEGIN}")
            inside, block = True, []
            indent = line[: len(line) - len(line.lstrip())]
            continue
        if s == END:
            if not inside:
                raise SolutionFormatError(f"{where}: {END} without {BEGIN}")
            inside = False
            names = list(dict.fromkeys(m.group(1) for b in block if (m := ANSWER.match(b))))
            if names:
                out.extend(f"{indent}{n} = {PLACEHOLDER}" for n in names)
            else:
                out.append(f"{indent}# ✎ your code here")
            continue
        (block if inside else out).append(line)
    if inside:
        raise SolutionFormatError(f"{where}: {BEGIN} without {END}")
    return "\n".join(out)


def is_answer_cell(source: str) -> bool:
    """A cell the learner answers in: it calls ``check(...)`` or is a ``%%reflection`` cell."""
    return bool(REFLECTION.match(source.split("\n", 1)[0]) or CHECK_CALL.search(source))


def import_line(source: str) -> str:
    """``from beyond_borders import ...`` for the facade names the code uses, sorted."""
    facade = set(beyond_borders.__all__)
    used = {n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name)} & facade
    return f"from beyond_borders import {', '.join(sorted(used))}"


def _unbound(source: str) -> list[str]:
    """Names the code reads but neither assigns, imports nor gets from Python itself."""
    tree = ast.parse(source)
    bound = set(dir(builtins))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            bound.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    loads = [n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)]
    return sorted(set(loads) - bound)


def cell_problems(source: str, where: str = "") -> list[str]:
    """Why this solution code cell would not run alone in a fresh kernel (empty: it would).

    Every code cell is held to it, not only answer cells: a learner may run the accounts table
    above a question first, too."""
    if REFLECTION.match(source.split("\n", 1)[0]):
        return []
    try:
        want = import_line(source)
    except SyntaxError as exc:
        return [f"{where}: not valid Python ({exc.msg}, line {exc.lineno})"]
    problems = []
    if want == "from beyond_borders import ":
        want = ""
    if want and source.split("\n", 1)[0] != want:
        problems.append(f"{where}: this cell must start with: {want}")
    missing = [n for n in _unbound(source) if n not in beyond_borders.__all__]
    if missing:
        problems.append(f"{where}: uses {', '.join(missing)} from an earlier cell; make "
                        "it in this cell too, so the cell runs alone")
    return problems


def exercise_source(source: str, where: str = "") -> str:
    """A solution code cell as the learner gets it (answers replaced by placeholders)."""
    if REFLECTION.match(source.split("\n", 1)[0]):
        return source.split("\n", 1)[0] + "\n" + REFLECTION_PLACEHOLDER
    return strip_code(source, where)


def lesson_id(path: Path) -> str:
    """'02' for '02_the_january_2024_strikes.ipynb': file names carry the lesson, as the grader expects."""
    return Path(path).name[:2]


def make_exercise(solution_nb, solution_path: Path):
    """The exercise notebook for one solution (a copy; the solution is not changed).

    Saved widget state is dropped because it belongs to the solution's outputs, which the
    exercise does not carry until it is executed.
    """
    nb = copy.deepcopy(solution_nb)
    cells = []
    for i, cell in enumerate(nb.cells):
        if "solution-only" in cell.get("metadata", {}).get("tags", []):
            continue
        where = f"{solution_path.name} cell {i}"
        if cell.cell_type == "code":
            problems = cell_problems(cell.source, where)
            if problems:
                raise SolutionFormatError("\n".join(problems))
        if cell.cell_type == "code":
            cell.source = exercise_source(cell.source, where)
            cell.outputs, cell.execution_count = [], None
        elif cell.cell_type == "markdown":
            cell.source = MD_BLOCK.sub("", cell.source)
        cells.append(cell)
    nb.cells = cells
    nb.metadata["beyond_borders"] = {"lesson": lesson_id(solution_path), "kind": "exercise",
                                     "generated_from": f"solutions/{solution_path.name}"}
    nb.metadata.pop("widgets", None)
    return nb


def build(root: Path, execute: bool = True, only: list[str] | None = None) -> list[tuple[Path, bool]]:
    """Write exercises/NN_*.ipynb for every solutions/NN_*.ipynb, executed to store outputs.

    Returns each exercise with whether its file changed: an exercise whose text would be the
    same is not rewritten, so regenerating an unchanged course leaves git clean.
    """
    root = Path(root)
    results = []
    for sol in sorted((root / "solutions").glob("[0-9][0-9]_*.ipynb")):
        if only and lesson_id(sol) not in only:
            continue
        ex = make_exercise(notebooks.read(sol), sol)
        target = root / "exercises" / sol.name
        target.parent.mkdir(exist_ok=True)
        if execute:
            notebooks.execute(ex, target.parent, name=f"exercises/{sol.name}")
        results.append((target, notebooks.write(ex, target)))
    return results


def drift(root: Path) -> list[str]:
    """Differences between exercises/ and what the generator makes (sources, not outputs)."""
    root = Path(root)
    problems = []
    sols = {p.name: p for p in (root / "solutions").glob("[0-9][0-9]_*.ipynb")}
    exs = {p.name: p for p in (root / "exercises").glob("[0-9][0-9]_*.ipynb")}
    for name in sorted(set(sols) | set(exs)):
        if name not in exs:
            problems.append(f"exercises/{name} is missing (run: beyond-borders build-exercises)")
            continue
        if name not in sols:
            problems.append(f"exercises/{name} has no solution in solutions/")
            continue
        want = make_exercise(notebooks.read(sols[name]), sols[name])
        have = notebooks.read(exs[name])
        if [c.cell_type for c in want.cells] != [c.cell_type for c in have.cells]:
            problems.append(f"exercises/{name}: cells differ from the solution's")
            continue
        for i, (w, h) in enumerate(zip(want.cells, have.cells)):
            if w.source != h.source:
                problems.append(f"exercises/{name} cell {i}: source differs from the generated one")
        if have.metadata.get("beyond_borders") != want.metadata["beyond_borders"]:
            problems.append(f"exercises/{name}: metadata beyond_borders differs")
    return problems
