"""The ``beyond-borders`` command: build-exercises, execute, seal-questions, validate-data, grade."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _root() -> Path:
    here = Path.cwd()
    for p in [here, *here.parents]:
        if (p / "solutions").is_dir() and (p / "datasets").is_dir():
            return p
    return here


def cmd_build_exercises(args) -> int:
    from beyond_borders.authoring import exercises
    root = Path(args.root) if args.root else _root()
    if args.check:
        problems = exercises.drift(root)
        for p in problems:
            print(p)
        print("exercises/ matches solutions/" if not problems else f"{len(problems)} differences")
        return 1 if problems else 0
    for path in exercises.build(root, execute=not args.no_execute, only=args.lesson):
        print(f"wrote {path.relative_to(root)}")
    return 0


def cmd_execute(args) -> int:
    from beyond_borders.authoring import notebooks
    for nb in args.notebooks:
        print(f"executing {nb}", flush=True)
        notebooks.execute_file(nb, timeout=args.timeout)
    return 0


def cmd_seal(args) -> int:
    from beyond_borders.checks import bank
    root = Path(args.root) if args.root else _root()
    keys = args.keys or sorted((root / "instructors" / "answer_keys").glob("*.json"))
    for key in keys:
        out = bank.seal_file(Path(key))
        print(f"sealed {key} -> {out}")
    return 0


def cmd_validate(args) -> int:
    from beyond_borders import data
    try:
        counts = data.validate(args.directory)
    except data.DataError as exc:
        print(f"INVALID: {exc}", file=sys.stderr)
        return 1
    print("valid: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    return 0


def cmd_grade(args) -> int:
    from beyond_borders.grading.cli import run_cli
    return run_cli(args)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="beyond-borders", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build-exercises", help="generate exercises/ from solutions/")
    b.add_argument("--check", action="store_true", help="only report drift; exit 1 if any")
    b.add_argument("--no-execute", action="store_true", help="do not run the generated notebooks")
    b.add_argument("--lesson", action="append", help="only this lesson (e.g. 02); repeatable")
    b.add_argument("--root", help="course folder (default: found from the current folder)")
    b.set_defaults(func=cmd_build_exercises)
    e = sub.add_parser("execute", help="run notebooks in a fresh kernel and store outputs")
    e.add_argument("notebooks", nargs="+")
    e.add_argument("--timeout", type=int, default=180)
    e.set_defaults(func=cmd_execute)
    s = sub.add_parser("seal-questions", help="hash answer keys into the package's question bank")
    s.add_argument("keys", nargs="*")
    s.add_argument("--root")
    s.set_defaults(func=cmd_seal)
    v = sub.add_parser("validate-data", help="validate datasets/ (or another folder)")
    v.add_argument("directory", nargs="?")
    v.set_defaults(func=cmd_validate)
    g = sub.add_parser("grade", help="grade submitted notebooks outside the students' kernels")
    try:
        from beyond_borders.grading.cli import add_arguments
        add_arguments(g)
    except ImportError:
        pass
    g.set_defaults(func=cmd_grade)
    args = p.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
