"""The student copy of the course: ``beyond-borders release OUT [--graded]``.

An instructor hands learners a folder, not the repository: the lessons, exercises, data, apps,
the package and what installs it, with a README written for learners and the same two commands
(``make lab``, ``make test``). What must not be in it: ``solutions/``, ``instructors/`` (the
plain keys), and the maintainers' tests and tools, which read them. The files the copy has
instead of the maintainers' ones live in ``release/`` beside this course's own: the learner
README, the learner Makefile and the tests the copy runs on itself.

Two modes. **Self-study** (the default) ships the sealed banks as they are: instant feedback,
which a determined learner can also use as an oracle. **Graded** ships verdict-free banks
(``checks.verdict_free``): ``check`` reads an answer's form and saves it, and nothing in the copy
can answer an exercise question. The wording that promises instant feedback is replaced
(``release/graded_wording.json``) and the notebooks whose stored outputs show ``check`` or
``score`` are run again with the copy's own package, so they pass strict nbval there.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from beyond_borders.authoring import notebooks
from beyond_borders.checks import verdict_free

# postBuild: Binder (and repo2docker) install the package with it, so a copy on Binder works too.
SHIPPED = ("lessons", "exercises", "datasets", "apps", "requirements", "environment.yml",
           "pyproject.toml", "setup.py", "conftest.py", "postBuild")
FROM_RELEASE = ("README.md", "Makefile", "tests")  # release/X becomes the copy's X
FROM_TESTS = ("nbval_sanitize.cfg",)  # what the copy's tests share with the course's own
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info",
                                ".DS_Store", ".pytest_cache")
MODES = ("self-study", "graded")
# A code cell whose stored output comes from the question banks (quick_check( is not one).
USES_BANKS = re.compile(r"(?<![\w.])(check|score|explain)\(")


class ReleaseError(Exception):
    """The release cannot be written; the message says why and what to do."""


@dataclass
class Release:
    out: Path
    mode: str
    rerun: list[Path] = field(default_factory=list)  # notebooks run again in the copy

    def summary(self) -> str:
        files = sum(1 for p in self.out.rglob("*") if p.is_file())
        again = f"; ran {len(self.rerun)} notebooks again with its own package" if self.rerun else ""
        return f"wrote a {self.mode} student copy of the course to {self.out} ({files} files{again})"


def _check_paths(root: Path, out: Path) -> None:
    if not (root / "release").is_dir() or not (root / "src" / "beyond_borders").is_dir():
        raise ReleaseError(f"{root} is not a full course folder (it has no release/ or src/); run "
                           "this from the instructor's copy of the course, or pass --root")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ReleaseError(f"{out} is not an empty folder; give a new or empty folder, so that "
                           "nothing from an earlier copy (or anything else) goes to learners")
    inside = out.resolve().relative_to(root.resolve()).parts if out.resolve().is_relative_to(
        root.resolve()) else None
    if inside is not None and (not inside or inside[0] in (*SHIPPED, "src", "release")):
        raise ReleaseError(f"{out} is inside a folder the copy is made from; choose a folder "
                           "outside the course, or a new folder at its top level")


def _copy(src: Path, dest: Path) -> None:
    if src.is_dir():
        shutil.copytree(src, dest, ignore=IGNORE)
    else:
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)


def readme_for(text: str, mode: str) -> str:
    """The learner README with only this mode's block (``<!-- mode -->…<!-- /mode -->``)."""
    for other in MODES:
        block = re.compile(rf"<!-- {other} -->\n(.*?)<!-- /{other} -->\n", re.S)
        text = block.sub(lambda m: m.group(1) if other == mode else "", text)
    return text


def _copy_course(root: Path, out: Path, mode: str) -> None:
    for name in SHIPPED:
        if (root / name).exists():
            _copy(root / name, out / name)
    for name in FROM_RELEASE:
        _copy(root / "release" / name, out / name)
    for name in FROM_TESTS:
        _copy(root / "tests" / name, out / "tests" / name)
    readme = out / "README.md"
    readme.write_text(readme_for(readme.read_text(encoding="utf-8"), mode), encoding="utf-8")


def reword(root: Path, out: Path) -> list[Path]:
    """Put the graded wording (``release/graded_wording.json``) into the copy's notebooks."""
    rules = json.loads((root / "release" / "graded_wording.json").read_text(encoding="utf-8"))
    changed = []
    for rule in rules["replace"]:
        paths = sorted(out.glob(rule["files"]))
        if not paths:
            raise ReleaseError(f"release/graded_wording.json: no file matches {rule['files']!r}")
        for path in paths:
            nb = notebooks.read(path)
            cells = [c for c in nb.cells if rule["old"] in c.source]
            if not cells:
                raise ReleaseError(f"release/graded_wording.json: {path.relative_to(out)} no longer "
                                   f"says {rule['old'][:60]!r}…; update the rule to its new wording")
            for cell in cells:
                cell.source = cell.source.replace(rule["old"], rule["new"])
            notebooks.write(nb, path)
            changed.append(path)
    return changed


def uses_banks(path: Path) -> bool:
    """True if a code cell of the notebook calls ``check``, ``score`` or ``explain``."""
    return any(c.cell_type == "code" and USES_BANKS.search(c.source)
               for c in notebooks.read(path).cells)


@contextmanager
def _kernels_import_from(src: Path):
    """Kernels started inside see the copy's package first (they inherit this environment)."""
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([str(src), *([old] if old else [])])
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old


def _run_one(path: Path, out: Path, timeout: int) -> str:
    """Run one notebook in place; "" or what went wrong (a worker process reports it back)."""
    try:
        nb = notebooks.execute(notebooks.read(path), path.parent, timeout=timeout,
                               name=str(path.relative_to(out)))
    except notebooks.NotebookError as exc:
        return str(exc)
    notebooks.write(nb, path)
    return ""


def rerun(out: Path, paths: list[Path], jobs: int = 2, timeout: int = 180) -> None:
    """Run ``paths`` again in the copy, with its package, storing outputs deterministically."""
    with _kernels_import_from(out / "src"), ProcessPoolExecutor(max(1, jobs)) as pool:
        problems = [p for p in pool.map(_run_one, paths, [out] * len(paths),
                                        [timeout] * len(paths)) if p]
    if problems:
        raise ReleaseError("the copy's notebooks do not run: " + "; ".join(problems))


def build(root: Path, out: Path, graded: bool = False, jobs: int = 2) -> Release:
    """Write the student copy of the course at ``root`` into the empty folder ``out``."""
    root, out = Path(root), Path(out)
    _check_paths(root, out)
    mode = MODES[graded]
    out.mkdir(parents=True, exist_ok=True)
    _copy_course(root, out, mode)
    (out / "src").mkdir()
    verdict_free.copy_package(root / "src" / "beyond_borders", out / "src", graded=graded)
    release = Release(out, mode)
    if graded:
        reword(root, out)
        release.rerun = [p for d in ("lessons", "exercises", "apps")
                         for p in sorted((out / d).glob("*.ipynb")) if uses_banks(p)]
        rerun(out, release.rerun, jobs)
    return release
