"""``python -m beyond_borders.publish site``: what ``make site`` runs (``make handouts`` then
prints its pages with ``scripts/print_handouts.py``)."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m beyond_borders.publish")
    sub = parser.add_subparsers(dest="command", required=True)
    site = sub.add_parser("site", help="build the static course website")
    site.add_argument("--root", type=Path, default=Path.cwd(), help="the course repository")
    site.add_argument("--out", type=Path, default=Path("build/site"))
    site.add_argument("--instructor", action="store_true", help="include the instructor pages")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    from .build import build
    if not (args.root / "lessons").is_dir():
        print(f"site: {args.root} has no lessons/ folder; run this from the course repository "
              "or pass --root", file=sys.stderr)
        return 1
    try:
        built = build(args.root, args.out, instructor=args.instructor)
    except (ValueError, OSError) as exc:
        print(f"site: not built: {exc}", file=sys.stderr)
        return 1
    print(f"site: {len(built.pages)} pages, {built.images} figures, {built.copied} data "
          f"files in {args.out}/ ({time.perf_counter() - started:.1f} s); "
          f"open {args.out}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
