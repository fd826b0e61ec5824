"""Every link and resource of a page made to work inside the site, and nothing fetched outside.

Links between course files (``../lessons/02_….ipynb``, ``syllabus.md``) point to their pages;
links to data files point to copies the site carries; links to anything else in the repository
(solutions, answer keys, source code) become plain text, since the site does not hold them.
Outside links stay links (a reader may follow them) but any *resource* a page would load from
outside (an image, script, style sheet, frame or font) is removed: a page never makes a request
that leaves the site.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from bs4 import BeautifulSoup

OUTSIDE = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!data:)[^)'\"]*:?//[^)]*\)|@import[^;]*;", re.I)
# Elements that exist only to load something: dropped whole when that something is outside.
LOADERS = {"img", "script", "iframe", "frame", "source", "video", "audio", "embed", "track",
           "object", "link", "input", "image", "use", "picture"}
# Attributes through which any element may load something.
LOADING_ATTRS = ("src", "srcset", "href", "xlink:href", "data", "poster", "background",
                 "action", "formaction", "codebase", "archive", "manifest")
NEVER = ("base", "meta")  # <base href> would move every link; <meta http-equiv> may redirect
COPIED_FOLDERS = ("datasets/",)


@dataclass
class LinkMap:
    """Which repository files are pages (and at what URL), and which files get copied."""

    pages: dict  # repository path -> site URL
    copy: set = field(default_factory=set)  # repository paths of files the site carries
    exists: callable = lambda path: False


def relative(from_url: str, to_url: str) -> str:
    """The relative URL from one site page to another site path."""
    base = posixpath.dirname(from_url) or "."
    return posixpath.relpath(to_url, base)


def fix_page(body: str, source: PurePosixPath, url: str, links: LinkMap) -> BeautifulSoup:
    """The page body with its links resolved and its outside resources removed."""
    soup = BeautifulSoup(body, "html.parser")
    for tag in soup.find_all("a", href=True):
        _fix_link(tag, source, url, links)
    for tag in soup.find_all(NEVER):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.name not in ("a", "area") and _loads_from_outside(tag):
            _drop_outside(soup, tag)
    for tag in soup.find_all(style=True):
        tag["style"] = CSS_URL.sub("none", tag["style"])
    for tag in soup.find_all("style"):
        tag.string = CSS_URL.sub("", tag.get_text())
    return soup


def _outside(value) -> bool:
    values = value if isinstance(value, list) else [value]
    urls = [part.strip().split(" ")[0] for v in values for part in str(v).split(",")]
    return any(OUTSIDE.match(u) and not u.lower().startswith("data:") for u in urls if u)


def _loads_from_outside(tag) -> bool:
    return any(_outside(tag.attrs[a]) for a in LOADING_ATTRS if a in tag.attrs)


def _drop_outside(soup, tag) -> None:
    """A loader goes (an image leaves its alt text); elsewhere only the attribute goes."""
    if tag.name in LOADERS:
        alt = tag.get("alt", "")
        tag.replace_with(soup.new_string(alt) if alt else "")
        return
    for attr in LOADING_ATTRS:
        if attr in tag.attrs and _outside(tag.attrs[attr]):
            del tag.attrs[attr]


def _fix_link(tag, source: PurePosixPath, url: str, links: LinkMap) -> None:
    href = tag["href"].strip()
    if OUTSIDE.match(href):
        tag["class"] = tag.get("class", []) + ["bb-external"]
        return
    if href.startswith("#"):
        return
    target, _, fragment = href.partition("#")
    repo_path = posixpath.normpath(posixpath.join(str(source.parent), target))
    anchor = f"#{fragment}" if fragment else ""
    if repo_path in links.pages:
        tag["href"] = relative(url, links.pages[repo_path]) + anchor
    elif repo_path.startswith(COPIED_FOLDERS) and links.exists(repo_path):
        links.copy.add(repo_path)
        tag["href"] = relative(url, repo_path)
    else:
        tag.name = "span"
        tag.attrs = {"class": ["bb-unlinked"], "title": f"{target} (in the course repository)"}
