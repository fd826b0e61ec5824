"""Wall time of ``make site`` and ``make handouts`` work, and what they produce.

Goal: the site in well under 2 minutes on 2 cores (it is a few seconds), the handouts in about
a minute. Prints figures; asserts nothing.

    python benchmarks/site_build.py [--browser /usr/bin/chromium]
"""
import argparse
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from beyond_borders.publish.build import build

ROOT = Path(__file__).resolve().parents[1]


def size_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--browser", default="/usr/bin/chromium")
    args = parser.parse_args()
    print(f"{platform.platform()}, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        site, pdfs = Path(tmp) / "site", Path(tmp) / "handouts"
        t0 = time.perf_counter()
        built = build(ROOT, site)
        print(f"site: {len(built.pages)} pages, {built.images} figures, {size_mib(site):.1f} MiB "
              f"in {time.perf_counter() - t0:.1f} s")
        if not Path(args.browser).exists():
            print(f"handouts: skipped, no browser at {args.browser}")
            return
        t0 = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "scripts" / "print_handouts.py"), "--site",
                        str(site), "--out", str(pdfs), "--browser", args.browser], check=True,
                       capture_output=True)
        count = len(list(pdfs.rglob("*.pdf")))
        print(f"handouts: {count} PDFs, {size_mib(pdfs):.1f} MiB in "
              f"{time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
