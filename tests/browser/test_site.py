"""The built website in Chromium and the printed handouts (``make site``, ``make handouts``).

Every page is served from a local web server, as a static host would, and every request the
browser makes is intercepted: one that leaves the site fails the test. The handouts are read
back with pypdf: paper size, text, page numbers, and every figure of the notebook drawn whole
on one page.
"""
from __future__ import annotations

import functools
import http.server
import json
import re
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from beyond_borders.publish.build import build
from tests.support import labserver

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "lessons").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*.ipynb"))
PAPER = {"A4": (595, 842), "Letter": (612, 792)}  # points, as PDFs measure
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("published") / "site"
    build(ROOT, out, instructor=True)
    return out


@pytest.fixture(scope="session")
def served(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def handouts(site, chromium_path, tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "print_handouts.py"), "--site",
                          str(site), "--out", str(out), "--browser", chromium_path],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return out


def _watch(page, base: str):
    """Abort and record any request outside the site; record console errors."""
    seen = {"outside": [], "errors": []}

    def route(r):
        if r.request.url.startswith(base) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            seen["outside"].append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type in ("error", "warning") and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    return seen


def test_every_page_loads_without_errors_and_without_outside_requests(browser, site, served):
    page = browser.new_page()
    seen = _watch(page, served)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 20
    try:
        for rel in pages:
            response = page.goto(served + rel, wait_until="load")
            assert response.ok, rel
            broken = page.evaluate("[...document.images].filter(i => !i.complete || "
                                   "!i.naturalWidth).map(i => i.src)")
            assert not broken, f"{rel}: images that do not load: {broken}"
            assert page.locator("nav.bb-nav a").count() > 20, f"{rel}: no navigation"
    finally:
        page.close()
    assert not seen["outside"], f"requests left the site: {seen['outside'][:5]}"
    assert not seen["errors"], f"console errors: {seen['errors'][:5]}"


def _targets(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return re.findall(r"<(?:a|link)\b[^>]*\bhref=\"([^\"]*)\"", text) + \
        re.findall(r"<(?:img|script)\b[^>]*\bsrc=\"([^\"]*)\"", text)


def test_every_internal_link_resolves(site):
    ids = {}
    for page in site.rglob("*.html"):
        for target in _targets(page):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("//"):
                continue
            parts = urlsplit(target)
            path = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert path.is_file(), f"{page.relative_to(site)}: {target} does not exist"
            assert site in path.parents, f"{page.relative_to(site)}: {target} leaves the site"
            if parts.fragment and path.suffix == ".html":
                if path not in ids:
                    ids[path] = set(re.findall(r"\bid=\"([^\"]+)\"", path.read_text("utf-8")))
                assert parts.fragment in ids[path], f"{page.relative_to(site)}: {target}"


def test_search_finds_a_term_and_leads_to_its_page(browser, served):
    page = browser.new_page()
    seen = _watch(page, served)
    try:
        page.goto(served + "lessons/02_the_january_2024_strikes.html")
        page.fill("#bb-q", "Marg Bar Sarmachar")
        page.press("#bb-q", "Enter")
        page.wait_for_url("**/search.html?q=*")
        results = page.locator("#bb-results li a")
        assert results.count() > 0
        assert "result" in page.locator(".bb-result-count").inner_text()
        results.first.click()
        page.wait_for_load_state("load")
        assert "Marg Bar Sarmachar" in page.locator("main").inner_text()
        page.goto(served + "search.html?q=zzqqxxnotaword")
        assert page.locator(".bb-result-count").inner_text().startswith("0 results")
    finally:
        page.close()
    assert not seen["outside"] and not seen["errors"], seen


def test_the_site_works_opened_from_disk(browser, site):
    page = browser.new_page()
    try:
        page.goto((site / "search.html").as_uri() + "?q=Panjgur")
        assert page.locator("#bb-results li").count() > 0
    finally:
        page.close()


# ---- handouts ----------------------------------------------------------------------------------

def _figures_in(notebook: Path) -> int:
    """Figures a notebook's stored outputs show: PNG outputs and widget views holding an image."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    state = nb.get("metadata", {}).get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {})

    def images(model_id: str) -> int:
        model = state.get(model_id.removeprefix("IPY_MODEL_"), {})
        own = model.get("model_name") == "ImageModel" or model.get("state", {}).get("_bb_widget")
        return bool(own) + sum(images(c) for c in model.get("state", {}).get("children", []))

    count = 0
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            count += ("image/png" in data) + (images(data[WIDGET_MIME]["model_id"])
                                              if WIDGET_MIME in data else 0)
    return count


def _multiply(m, n):
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return [a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2]


def _drawn_images(reader: PdfReader) -> list[tuple[int, list[float]]]:
    """(page number, transformation) of every image drawn, read from the content streams
    (the q/Q/cm operators place an image's unit square on the page)."""
    drawn = []
    for number, page in enumerate(reader.pages, 1):
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        names = {n for n, ref in xobjects.items() if ref.get_object().get("/Subtype") == "/Image"}
        if not names:
            continue
        matrix, stack = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], []
        for args, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"q":
                stack.append(matrix)
            elif op == b"Q" and stack:
                matrix = stack.pop()
            elif op == b"cm":
                matrix = _multiply([float(v) for v in args], matrix)
            elif op == b"Do" and args and args[0] in names:
                drawn.append((number, matrix))
    return drawn


@pytest.mark.parametrize("size", sorted(PAPER))
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem[:2]}")
def test_every_handout_is_printed_whole_with_its_figures(handouts, notebook, size):
    pdf = handouts / size / notebook.parent.name / notebook.with_suffix(".pdf").name
    assert pdf.is_file(), f"no {size} handout for {notebook.name}"
    reader = PdfReader(pdf)
    pages = len(reader.pages)
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert abs(width - PAPER[size][0]) < 2 and abs(height - PAPER[size][1]) < 2, (width, height)
    first, last = reader.pages[0].extract_text(), reader.pages[-1].extract_text()
    title = json.loads(notebook.read_text())["cells"][0]["source"][0].lstrip("# ").strip()
    assert title.split("·")[-1].strip()[:30] in " ".join(first.split()), "text not extractable"
    assert f"page 1 of {pages}" in first and f"page {pages} of {pages}" in last
    drawn = _drawn_images(reader)
    assert len(drawn) == _figures_in(notebook), "a figure is missing or drawn twice"
    for number, (a, _b, _c, d, e, f) in drawn:
        assert -1 <= e and e + a <= width + 1 and -1 <= f and f + d <= height + 1, \
            f"page {number}: a figure is cut by the page edge"


@pytest.mark.parametrize("notebook", sorted((ROOT / "lessons").glob("0[1-9]*.ipynb")),
                         ids=lambda p: p.stem[:2])
def test_lesson_handouts_end_with_their_sources_and_addresses(handouts, notebook):
    """The lesson's list of sources (folded on screen) is printed, each with its address."""
    reader = PdfReader(handouts / "A4" / "lessons" / notebook.with_suffix(".pdf").name)
    text = "\n".join(page.extract_text() for page in reader.pages[-3:])
    entries = re.findall(r"^\d+\.\s+[a-z0-9][\w.-]*\s+—", text, re.M)
    assert len(entries) >= 3, "the list of sources is not printed at the end"
    flat = text.replace("\n", "")
    # A record whose address was cut short says so instead of printing a dead address.
    said = flat.count("<http") + re.sub(r"\s+", " ", text).count("address incomplete")
    assert said >= len(entries), "sources without addresses"
