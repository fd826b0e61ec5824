"""The site's search index: the text of every page, section by section.

It is written as a script (``_static/search-index.js``) rather than JSON, so search works even
when the site is opened from disk (``file://``), where a browser refuses to fetch a JSON file.
"""
from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup

HEADINGS = ("h1", "h2", "h3")
SPACES = re.compile(r"\s+")


def add_heading_ids(soup: BeautifulSoup) -> None:
    """Give each heading a stable id, so search results and links can point into a page."""
    seen: set = set()
    for tag in soup.find_all(("h1", "h2", "h3", "h4")):
        if tag.get("id"):
            seen.add(tag["id"])
            continue
        base = re.sub(r"[^a-z0-9]+", "-", tag.get_text().lower()).strip("-") or "section"
        slug, n = base, 1
        while slug in seen:
            n += 1
            slug = f"{base}-{n}"
        seen.add(slug)
        tag["id"] = slug


def sections(soup: BeautifulSoup, url: str, title: str) -> list[dict]:
    """One entry per heading: its URL with anchor, the heading, and the text under it."""
    entries = [{"url": url, "page": title, "heading": title, "text": []}]
    for element in soup.find_all(list(HEADINGS) + ["p", "li", "td", "pre", "figcaption"]):
        if element.name in HEADINGS and element.get("id"):
            entries.append({"url": f"{url}#{element['id']}", "page": title,
                            "heading": element.get_text(" ", strip=True), "text": []})
        elif element.find_parent(class_="bb-input") or _folded(element):
            continue  # code, and the folded lists of sources, are not what a reader searches for
        elif not element.find_parent(["li", "td"]) or element.name in ("li", "td"):
            entries[-1]["text"].append(element.get_text(" ", strip=True))
    out = []
    for entry in entries:
        text = SPACES.sub(" ", " ".join(entry["text"])).strip()
        if text or entry["heading"] != title:
            out.append({**entry, "text": text})
    return out


def _folded(element) -> bool:
    """Inside a list of sources (ids, outlets, addresses): a lesson's folded list, or the list
    under a decision point's brief. Readers search the text, not the citations."""
    def is_list(tag):
        return tag.name == "details" or any("sources" in c for c in tag.get("class") or [])
    return is_list(element) or element.find_parent(is_list) is not None


def index_script(entries: list[dict]) -> str:
    return "window.BB_SEARCH_INDEX = " + json.dumps(entries, ensure_ascii=False) + ";\n"
