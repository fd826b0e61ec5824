"""``make site``: every page rendered from stored outputs, linked, indexed, written to a folder.

The folder is a complete static site: open ``index.html`` from disk or copy the folder to any
static host or a learning platform's file area. Nothing in it loads from outside.
"""
from __future__ import annotations

import posixpath
import shutil
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from . import search
from .images import ImageStore
from .links import LinkMap, fix_page
from .notebook import highlight_css, markdown, notebook_body
from .pages import Page, catalogue
from .timeline_hook import find_renderer

ASSETS = Path(__file__).parent / "assets"
READ_ONLY = ("<p class='bb-read-only bb-screen-only'>A read-only copy of the exercise sheet. To "
             "answer and get feedback, open the notebook in JupyterLab.</p>")
HOME_STOPS_AT = "## Two commands"  # the README's first section for developers


@dataclass
class Built:
    pages: list
    images: int
    copied: int


def build(root: Path, out: Path, instructor: bool = False, timeline="find") -> Built:
    """Write the site for the course at ``root`` into ``out`` (emptied first)."""
    pages = catalogue(root, instructor)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    images = ImageStore(out)
    links = LinkMap({str(p.source): p.url for p in pages},
                    exists=lambda rel: (root / rel).is_file())
    renderer = find_renderer() if timeline == "find" else timeline
    env = Environment(loader=FileSystemLoader(ASSETS), autoescape=False)
    template, nav, index = env.get_template("page.html"), _nav(pages), []
    for i, page in enumerate(pages):
        images.prefix = _root_of(page.url)
        soup = fix_page(_body(root, page, images, renderer), page.source, page.url, links)
        search.add_heading_ids(soup)
        index.extend(search.sections(soup, page.url, page.title))
        neighbours = dict(prev=pages[i - 1] if i else None,
                          next=pages[i + 1] if i + 1 < len(pages) else None)
        html = template.render(page=page, body=str(soup), nav=nav, root=images.prefix,
                               kind=page.section.lower() or "home", search_page=False,
                               **neighbours)
        _write(out / page.url, html)
    search_page = Page(Path("search.md"), "Search", "")
    _write(out / "search.html", template.render(
        page=search_page, nav=nav, root="", kind="search", search_page=True, prev=None,
        next=None, body="<h1>Search</h1><div id='bb-results' aria-live='polite'></div>"))
    _static(out, index)
    for rel in sorted(links.copy):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / rel, out / rel)
    return Built(pages, len(list(images.folder.glob("*.png"))), len(links.copy))


def _body(root: Path, page: Page, images: ImageStore, renderer) -> str:
    path = root / page.source
    if page.is_notebook:
        body = notebook_body(path, images, page.is_exercise, renderer)
        return (READ_ONLY + body) if page.is_exercise else body
    text = path.read_text(encoding="utf-8")
    if page.section == "" and HOME_STOPS_AT in text:
        text = text.split(HOME_STOPS_AT)[0]
    return f"<div class='bb-md'>{markdown(text)}</div>"


def _nav(pages: list[Page]) -> list:
    grouped = groupby((p for p in pages if p.section), key=lambda p: p.section)
    return [(section, list(entries)) for section, entries in grouped]


def _root_of(url: str) -> str:
    depth = posixpath.dirname(url).count("/") + 1 if posixpath.dirname(url) else 0
    return "../" * depth


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _static(out: Path, index: list) -> None:
    static = out / "_static"
    static.mkdir()
    css = (ASSETS / "site.css").read_text(encoding="utf-8") + "\n" + highlight_css() + "\n"
    (static / "site.css").write_text(css, encoding="utf-8")
    shutil.copyfile(ASSETS / "search.js", static / "search.js")
    (static / "search-index.js").write_text(search.index_script(index), encoding="utf-8")
