"""``make handouts``: each lesson and exercise sheet of the built site as a PDF, A4 and US Letter,
and the decision points' role cards and facilitator sheets.

The PDFs are printed from the site's own pages with the print style sheet (no navigation,
figures kept whole, outside links followed by their address), so paper and screen never drift
apart. Headers name the course and the sheet; footers number the pages ("page 3 of 12").

This module says *what* to print and *how*; ``scripts/print_handouts.py`` starts the browser
that prints, so the package itself holds no browser plumbing.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

SIZES = {"A4": "A4", "Letter": "Letter"}  # folder name -> the browser's paper format
FOLDERS = ("lessons", "exercises")
ROLE_CARDS = "role-cards"  # decision points' role cards and facilitator sheets (classroom.role_cards)
MARGIN = {"top": "16mm", "bottom": "16mm", "left": "15mm", "right": "15mm"}
# Folded parts (the list of sources) are unfolded on paper, where nobody can click them open.
OPEN_DETAILS = "document.querySelectorAll('details').forEach(d => { d.open = true; })"
SMALL = "font-size:8px;width:100%;margin:0 15mm;color:#475467;font-family:sans-serif"


@dataclass(frozen=True)
class Job:
    page: Path  # the site's HTML page
    pdf: Path
    size: str


def jobs(site: Path, out: Path) -> list[Job]:
    """One job per handout page and paper size; a clear error if the site was not built."""
    pages = [p for folder in FOLDERS for p in sorted((site / folder).glob("*.html"))]
    if not pages:
        raise FileNotFoundError(f"no lesson pages in {site}/: run `make site` first")
    return [Job(page, out / size / page.parent.name / page.with_suffix(".pdf").name, size)
            for size in SIZES for page in pages]


def role_card_jobs(cards: Path, out: Path) -> list[Job]:
    """One job per page of role cards or facilitator sheet (``beyond-borders role-cards``) and
    paper size, printed into ``<size>/role-cards/`` beside the lessons."""
    return [Job(page, out / size / ROLE_CARDS / page.with_suffix(".pdf").name, size)
            for size in SIZES for page in sorted(Path(cards).glob("*.html"))]


def pdf_options(size: str, title: str) -> dict:
    """The browser's PDF settings: paper, margins, backgrounds, header and page numbers."""
    header = f"<div style='{SMALL}'>Beyond Borders · {html.escape(title)}</div>"
    footer = (f"<div style='{SMALL};text-align:center'>page <span class='pageNumber'></span> "
              "of <span class='totalPages'></span></div>")
    return dict(format=SIZES[size], margin=MARGIN, print_background=True,
                display_header_footer=True, header_template=header, footer_template=footer,
                prefer_css_page_size=False)


def print_all(page, todo: list[Job]) -> list[Path]:
    """Print every job with one browser page (a Playwright ``Page``)."""
    written = []
    for job in todo:
        job.pdf.parent.mkdir(parents=True, exist_ok=True)
        page.goto(job.page.resolve().as_uri(), wait_until="load")
        page.emulate_media(media="print")
        page.evaluate(OPEN_DETAILS)
        title = page.title().removesuffix(" · Beyond Borders")
        page.pdf(path=str(job.pdf), **pdf_options(job.size, title))
        written.append(job.pdf)
    return written
