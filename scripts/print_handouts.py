"""Print the built site's lessons and exercise sheets, and the decision points' role cards and
facilitator sheets, to PDF (A4 and US Letter): ``make handouts``.

    python scripts/print_handouts.py [--site build/site] [--out build/handouts]
                                     [--role-cards build/role-cards] [--browser PATH]

Uses the Debian Chromium the browser tests use (no LaTeX, no browser download). What is printed
and how is in ``beyond_borders.publish.handouts``; this script only starts the browser.
"""
import argparse
import os
import sys
import time
from pathlib import Path

from beyond_borders.classroom import role_cards
from beyond_borders.publish import handouts

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("build/site"))
    parser.add_argument("--out", type=Path, default=Path("build/handouts"))
    parser.add_argument("--role-cards", type=Path, default=Path("build/role-cards"),
                        help="where the role cards' HTML is written before printing")
    parser.add_argument("--browser", default=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    args = parser.parse_args(argv)
    if not Path(args.browser).exists():
        print(f"handouts: no browser at {args.browser} (apt-get install chromium, or pass "
              "--browser PATH)", file=sys.stderr)
        return 1
    try:
        todo = handouts.jobs(args.site, args.out)
    except FileNotFoundError as exc:
        print(f"handouts: {exc}", file=sys.stderr)
        return 1
    role_cards.write(args.role_cards)
    todo += handouts.role_card_jobs(args.role_cards, args.out)
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.browser, args=ARGS)
        written = handouts.print_all(browser.new_page(), todo)
        browser.close()
    print(f"handouts: {len(written)} PDFs in {args.out}/ "
          f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
