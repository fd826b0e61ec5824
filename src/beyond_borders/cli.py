"""The ``beyond-borders`` command: build-exercises, execute, seal-questions, objectives, validate-data,
grade, release, tally, role-cards."""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

QUESTIONS = "src/beyond_borders/checks/questions"


def _root() -> Path:
    """The course folder holding the current one (it has solutions/ and datasets/), so the commands
    work from any subfolder; the current folder if there is none."""
    here = Path.cwd()
    for p in [here, *here.parents]:
        if (p / "solutions").is_dir() and (p / "datasets").is_dir():
            return p
    return here


def _fail(message: str) -> int:
    """Report a problem the user can fix on stderr (no traceback) and give the exit status 1."""
    print(message, file=sys.stderr)
    return 1


def _missing_tool(name: str) -> int:
    """A student copy of the course has no grader or authoring tools: say so, kindly."""
    return _fail(f"`beyond-borders {name}` is a tool of the instructor's full copy of the course; "
                 "this copy does not include it. Run it from the instructor's copy.")


def cmd_release(args) -> int:
    """Write the student copy of the course (self-study, or graded with --graded) into OUT."""
    try:
        from beyond_borders.authoring import release
    except ImportError:
        return _missing_tool("release")
    root = Path(args.root) if args.root else _root()
    try:
        made = release.build(root, Path(args.out), graded=args.graded)
    except (release.ReleaseError, OSError) as exc:
        return _fail(f"cannot write the student copy: {exc}")
    print(made.summary())
    return 0


def cmd_build_exercises(args) -> int:
    """Regenerate exercises/ (or, with --check, list how it differs from what would be generated)."""
    try:
        from beyond_borders.authoring import exercises, notebooks
    except ImportError:
        return _missing_tool("build-exercises")
    root = Path(args.root) if args.root else _root()
    if args.check:
        problems = exercises.drift(root)
        for p in problems:
            print(p)
        print("exercises/ matches solutions/" if not problems else f"{len(problems)} differences")
        return 1 if problems else 0
    try:
        results = exercises.build(root, execute=not args.no_execute, only=args.lesson)
    except (exercises.SolutionFormatError, notebooks.NotebookError) as exc:
        return _fail(str(exc))
    for path, changed in results:
        print(f"{'wrote' if changed else 'unchanged'} {path.relative_to(root)}")
    return 0


def cmd_execute(args) -> int:
    """Execute notebooks in place; a file whose outputs did not change is left untouched."""
    try:
        from beyond_borders.authoring import notebooks
    except ImportError:
        return _missing_tool("execute")
    for nb in args.notebooks:
        print(f"executing {nb}", flush=True)
        try:
            changed = notebooks.execute_file(nb, timeout=args.timeout)
        except notebooks.NotebookError as exc:
            return _fail(str(exc))
        print(f"  {'wrote' if changed else 'unchanged'} {nb}", flush=True)
    return 0


def cmd_seal(args) -> int:
    """Seal answer keys into the question banks of the source tree under --root (never site-packages)."""
    from beyond_borders.checks import bank
    root = Path(args.root) if args.root else _root()
    out_dir = root / QUESTIONS
    if not out_dir.is_dir():
        return _fail(f"{root} has no {QUESTIONS}/: seal-questions writes into a course source tree; "
                     "pass --root with the repository folder")
    keys = args.keys or sorted((root / "instructors" / "answer_keys").glob("*.json"))
    if not keys:
        return _fail(f"no answer keys in {root / 'instructors' / 'answer_keys'}: seal-questions "
                     "needs the instructor's full copy of the course (or keys named on the command line)")
    for key in keys:
        try:
            out = bank.seal_file(Path(key), out_dir=out_dir)
        except (OSError, ValueError) as exc:
            return _fail(f"{key}: cannot seal ({exc})")
        except KeyError as exc:
            return _fail(f"{key}: the answer key has no {exc} field")
        print(f"sealed {key} -> {out}")
    return 0


def cmd_objectives(args) -> int:
    """Regenerate instructors/objectives.md from the lessons' objectives and the keys' level tags."""
    if importlib.util.find_spec("beyond_borders.authoring") is None:  # a student copy has no tools
        return _missing_tool("objectives")
    from beyond_borders.authoring.objectives import command
    return command(Path(args.root) if args.root else _root())


def cmd_validate(args) -> int:
    """Check the datasets against their schema; a broken cell is one line on stderr, exit 1."""
    from beyond_borders import data
    try:
        counts = data.validate(args.directory)
    except data.DataError as exc:
        print(f"INVALID: {exc}", file=sys.stderr)
        return 1
    print("valid: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    return 0


def cmd_grade(args) -> int:
    try:
        from beyond_borders.grading.cli import run_cli
    except ImportError:
        return _missing_tool("grade")
    return run_cli(args)


def cmd_tally(args) -> int:
    """Count a group's saved decision-point choices; a file left out is one line on stderr."""
    try:
        from beyond_borders.classroom import tally
        from beyond_borders.views.lessons.decisions import all_decision_points
    except ImportError:
        return _missing_tool("tally")
    result = tally.collect(args.paths, all_decision_points())
    for line in result.problems:
        print(line, file=sys.stderr)
    print(tally.report(result, all_decision_points()))
    if args.csv:
        try:
            tally.write_csv(tally.rows(result, all_decision_points()), Path(args.csv))
        except OSError as exc:
            return _fail(f"cannot write {args.csv}: {exc.strerror or exc}")
        print(f"wrote {args.csv}")
    return 0 if result.counted else 1


def cmd_role_cards(args) -> int:
    """Write printable role cards and facilitator sheets (HTML) into OUT."""
    try:
        from beyond_borders.classroom import role_cards
        from beyond_borders.content import ContentError
    except ImportError:
        return _missing_tool("role-cards")
    try:
        written = role_cards.write(Path(args.out), args.lesson)
    except (ContentError, OSError) as exc:
        return _fail(f"cannot write the role cards: {exc}")
    for path in written:
        print(f"wrote {path}")
    return 0


def main(argv=None) -> int:
    """Parse ``argv`` and run one subcommand; its exit status (argparse exits 2 on a bad command line)."""
    p = argparse.ArgumentParser(prog="beyond-borders", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build-exercises", help="generate exercises/ from solutions/")
    b.add_argument("--check", action="store_true", help="only report drift; exit 1 if any")
    b.add_argument("--no-execute", action="store_true", help="do not run the generated notebooks")
    b.add_argument("--lesson", action="append", help="only this lesson (e.g. 02); repeatable")
    b.add_argument("--root", help="course folder (default: found from the current folder)")
    b.set_defaults(func=cmd_build_exercises)
    e = sub.add_parser("execute", help="run notebooks in a fresh kernel and store outputs")
    e.add_argument("notebooks", nargs="+", help="files rewritten only if their content changes")
    e.add_argument("--timeout", type=int, default=180)
    e.set_defaults(func=cmd_execute)
    s = sub.add_parser("seal-questions", help=f"hash answer keys into ROOT/{QUESTIONS}/")
    s.add_argument("keys", nargs="*", help="answer keys (default: ROOT/instructors/answer_keys/*.json)")
    s.add_argument("--root", help="course source tree (default: found from the current folder)")
    s.set_defaults(func=cmd_seal)
    o = sub.add_parser("objectives", help="regenerate instructors/objectives.md from lessons and answer keys")
    o.add_argument("--root", help="course folder (default: found from the current folder)")
    o.set_defaults(func=cmd_objectives)
    v = sub.add_parser("validate-data", help="validate datasets/ (or another folder)")
    v.add_argument("directory", nargs="?")
    v.set_defaults(func=cmd_validate)
    g = sub.add_parser("grade", help="grade submitted notebooks outside the students' kernels")
    try:
        from beyond_borders.grading.cli import add_arguments
        add_arguments(g)
    except ImportError:  # a student copy: cmd_grade says so instead of an argparse error
        g.add_argument("rest", nargs=argparse.REMAINDER)
    g.set_defaults(func=cmd_grade)
    r = sub.add_parser("release", help="write the student copy of the course into an empty folder")
    r.add_argument("out", metavar="OUT", help="a new or empty folder")
    r.add_argument("--graded", action="store_true",
                   help="no verdicts in the copy: check() saves answers for the instructor to mark")
    r.add_argument("--root", help="course folder (default: found from the current folder)")
    r.set_defaults(func=cmd_release)
    t = sub.add_parser("tally", help="count the decision-point choices a group saved")
    t.add_argument("paths", nargs="+", metavar="FILES_OR_FOLDERS", help="saved choices, or folders holding them")
    t.add_argument("--csv", metavar="OUT", help="also write the table as CSV (for the projector)")
    t.set_defaults(func=cmd_tally)
    c = sub.add_parser("role-cards", help="printable role cards and facilitator sheets for decision points")
    c.add_argument("out", metavar="OUT", help="folder for the HTML pages")
    c.add_argument("--lesson", action="append", help="only this lesson (e.g. 07); repeatable")
    c.set_defaults(func=cmd_role_cards)
    args = p.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
