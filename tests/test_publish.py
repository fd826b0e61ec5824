"""The static site (``make site``): what its pages show and never show, built from the real
course, and the rules that decide it, on small made-up notebooks.

The answer checks are derived from ``instructors/answer_keys/*.json``: whatever a key says is
right, or says to a learner after an answer, must not be on an exercise page.
"""
from __future__ import annotations

import base64
import functools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from beyond_borders.publish import build as site_build
from beyond_borders.publish.handouts import jobs
from beyond_borders.publish.images import ImageStore
from beyond_borders.publish.timeline_hook import TimelineRenderer
from beyond_borders.publish.widgets import WidgetRenderer

ROOT = Path(__file__).resolve().parents[1]
KEYS = sorted((ROOT / "instructors" / "answer_keys").glob("*.json"))
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    site_build.build(ROOT, out)
    return out


@pytest.fixture(scope="module")
def instructor_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site-instructor") / "site"
    site_build.build(ROOT, out, instructor=True)
    return out


@functools.lru_cache(maxsize=None)
def soup_of(path: Path) -> BeautifulSoup:
    """A built page, parsed once for all the tests that read it (do not change it)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def hrefs_of(path: Path) -> list[str]:
    return re.findall(r"<a\b[^>]*\bhref=\"([^\"]*)\"", path.read_text(encoding="utf-8"))


def main_text(path: Path) -> str:
    return " ".join(soup_of(path).find("main").get_text(" ").split())


def exercise_page(site: Path, key: Path) -> Path:
    found = sorted((site / "exercises").glob(f"{key.stem}_*.html"))
    return found[0] if found else None


def said_after_answering(question: dict) -> list[str]:
    """Everything a key says only once a learner has answered: explanation, feedback, hint."""
    texts = [question.get("explanation", ""), question.get("hint", "")]
    texts += list(question.get("feedback", {}).values())
    return [t for t in texts if len(t) > 15]


# ---- the real course ---------------------------------------------------------------------------

def test_every_lesson_and_exercise_sheet_has_a_page(site):
    for folder in ("lessons", "exercises"):
        for notebook in (ROOT / folder).glob("*.ipynb"):
            assert (site / folder / notebook.with_suffix(".html").name).is_file(), notebook
    assert (site / "index.html").is_file() and (site / "datasets" / "README.html").is_file()
    assert (site / "search.html").is_file() and (site / "_static" / "search-index.js").is_file()


def test_solutions_and_answer_keys_are_never_on_the_site(site, instructor_site):
    for built in (site, instructor_site):
        names = [p.relative_to(built).as_posix() for p in built.rglob("*")]
        assert not [n for n in names if "solution" in n or "answer_key" in n]
        for page in built.rglob("*.html"):
            hrefs = hrefs_of(page)
            assert hrefs and not [h for h in hrefs if "solutions/" in h or "answer_key" in h]


def test_instructor_pages_only_with_the_flag(site, instructor_site):
    assert not (site / "instructors").exists()
    for page in site.rglob("*.html"):
        assert not [h for h in hrefs_of(page) if "instructors/" in h], page
    guide = instructor_site / "instructors" / "README.html"
    assert guide.is_file()
    nav = soup_of(instructor_site / "index.html").find("nav")
    assert nav.find("a", href="instructors/README.html")


@pytest.mark.parametrize("key", KEYS, ids=lambda p: p.stem)
def test_exercise_pages_give_no_answer_and_no_feedback(site, key):
    questions = json.loads(key.read_text(encoding="utf-8")).get("questions", [])
    page = exercise_page(site, key)
    if page is None:  # only a lesson's practice questions (lesson 0 shows how checking works)
        lessons = " ".join(p.read_text() for p in (ROOT / "lessons").glob(f"{key.stem}_*.ipynb"))
        assert all(f'check(\\"{q["id"]}\\"' in lessons for q in questions), key
        return
    soup, text = soup_of(page), main_text(page)
    assert not soup.select(".bb-check, .bb-score, .bb-reflection"), "check() feedback shown"
    assert "Not answered yet" not in text
    for q in questions:
        for said in said_after_answering(q):
            assert " ".join(said.split()) not in text, f"{q['id']}: key text on the page"
        name = "answer_" + q["id"].replace(".", "_")
        for value in re.findall(rf"\b{name}\s*=\s*([^\n#]*)", soup.get_text()):
            assert value.strip() == "...", f"{q['id']}: an answer cell holds {value!r}"


def _option_items(soup: BeautifulSoup) -> list:
    """Every list item of the page with its text, once (options are list items: 'b) …')."""
    return [(li, " ".join(li.get_text().split())) for li in soup.find("main").find_all("li")]


def _markup(el) -> list:
    """The item, its list, and any tag wrapping the whole option (bold, a mark…); inline code
    inside an option's wording does not count."""
    whole = " ".join(el.get_text().split())
    wrappers = [e for e in el.find_all(True) if len(" ".join(e.get_text().split())) >= len(whole) - 4]
    return [(e.name, tuple(e.get("class", [])), tuple(sorted(e.attrs)))
            for e in [el, *wrappers, el.parent]]


def _no_option_stands_out(soup, options: dict, label: str):
    """Each option is shown, and the right one looks exactly like the others."""
    items, marks = _option_items(soup), set()
    for key, option in options.items():
        wanted = re.compile(rf"^\(?{key}\)\s*[\"“]?{re.escape(' '.join(option.split()))}")
        found = [li for li, text in items if wanted.match(text)]
        assert found, f"{label}: option {key} is not shown"
        marks.update(str(_markup(li)) for li in found)
    assert len(marks) == 1, f"{label}: one option is marked differently"
    for el in soup.find("main").find_all(True):
        classes = " ".join(el.get("class", []))
        assert not re.search(r"\b(bb-)?(correct|right-answer|verdict)\b", classes), label
        assert el.get("aria-checked") != "true" and not el.has_attr("checked"), label


@pytest.mark.parametrize("key", KEYS, ids=lambda p: p.stem)
def test_no_right_option_is_flagged(site, key):
    data = json.loads(key.read_text(encoding="utf-8"))
    page = exercise_page(site, key)
    if page is not None:
        soup = soup_of(page)
        for q in data.get("questions", []):
            if q.get("options"):
                _no_option_stands_out(soup, q["options"], q["id"])
    lesson = sorted((site / "lessons").glob(f"{key.stem}_*.html"))[0]
    soup, text = soup_of(lesson), main_text(lesson)
    for qc in data.get("quick_checks", []):
        _no_option_stands_out(soup, qc["options"], qc["id"])
        for said in list(qc.get("feedback", {}).values()):
            assert " ".join(said.split()) not in text, f"{qc['id']}: its feedback is on the page"


def test_no_page_loads_anything_from_outside(instructor_site):
    for page in instructor_site.rglob("*.html"):
        soup = soup_of(page)
        for tag, attr in (("img", "src"), ("script", "src"), ("link", "href"),
                          ("iframe", "src"), ("source", "src")):
            for el in soup.find_all(tag):
                assert not re.match(r"^([a-z]+:)?//", el.get(attr) or ""), (page, str(el))
        for style in [s.get_text() for s in soup.find_all("style")] + \
                [el["style"] for el in soup.find_all(style=True)]:
            assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import", style), page
    css = (instructor_site / "_static" / "site.css").read_text()
    assert "//" not in re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def test_the_build_is_repeatable(site, tmp_path):
    first, second = site, tmp_path / "again"
    site_build.build(ROOT, second)
    for page in first.rglob("*"):
        if page.is_file():
            assert page.read_bytes() == (second / page.relative_to(first)).read_bytes(), page


# ---- the rules, on made-up notebooks ---------------------------------------------------------

def model(name, **state):
    return {"model_name": name, "state": {"_model_name": name, **state}}


def quick_check_models(index=None, status="Right! The crossings stayed open."):
    return {
        "box": model("VBoxModel", _dom_classes=["bb-quick-check"],
                     children=["IPY_MODEL_style", "IPY_MODEL_prompt", "IPY_MODEL_radio",
                               "IPY_MODEL_status"]),
        "style": model("HTMLModel", value="<style>.x{color:red}</style>"),
        "prompt": model("HTMLModel", value="<strong>Quick check.</strong> Which one?"),
        "radio": model("RadioButtonsModel", _options_labels=["a) first", "b) second"],
                       index=index),
        "status": model("HTMLModel", value=f"<div class='bb-q' role='status'>{status}</div>"),
    }


def test_a_quick_check_shows_its_question_and_options_but_never_a_verdict(tmp_path):
    drawn = WidgetRenderer(quick_check_models(index=1), ImageStore(tmp_path)).view("box", "QC")
    assert "Which one?" in drawn and "a) first" in drawn and "b) second" in drawn
    assert "Right!" not in drawn and "crossings" not in drawn and ".x{" not in drawn
    fresh = WidgetRenderer(quick_check_models(index=None), ImageStore(tmp_path)).view("box", "")
    assert drawn == fresh  # what was chosen when the notebook ran leaves no trace


def test_a_figure_is_saved_with_the_text_alternative_that_follows_it(tmp_path):
    models = {
        "box": model("VBoxModel", children=["IPY_MODEL_img", "IPY_MODEL_alt", "IPY_MODEL_dd"]),
        "img": {**model("ImageModel", format="png"),
                "buffers": [{"path": ["value"], "data": base64.b64encode(PNG).decode()}]},
        "alt": model("HTMLModel", value="<p class='bb-alt'><em>Text alternative:</em> Dots</p>"),
        "dd": model("DropdownModel", description="Era", _options_labels=["All", "1979"], index=1),
    }
    store = ImageStore(tmp_path)
    drawn = WidgetRenderer(models, store).view("box", "")
    assert "alt='Dots'" in drawn and "Era:</span> 1979" in drawn
    assert [p.read_bytes() for p in store.folder.iterdir()] == [PNG]


def timeline_models():
    return {"tl": model("DOMWidgetModel", _bb_widget="timeline", start="2024-01-01")}


def test_the_timeline_hook_uses_the_static_renderer_when_there_is_one(tmp_path):
    seen = []
    fake = TimelineRenderer(lambda s: seen.append(s) or "<div class='fake-tl'>live</div>",
                            lambda s: PNG)
    store = ImageStore(tmp_path)
    drawn = WidgetRenderer(timeline_models(), store, fake).view("tl", "Timeline: 3 events")
    soup = BeautifulSoup(drawn, "html.parser")
    assert soup.select_one(".bb-screen-only .fake-tl").get_text() == "live"
    assert soup.select_one(".bb-print-only img")["alt"] == "Timeline: 3 events"
    assert seen == [timeline_models()["tl"]["state"]]
    assert len(list(store.folder.iterdir())) == 1


def test_a_timeline_inside_a_box_goes_through_the_hook_too(tmp_path):
    models = {**timeline_models(), "box": model("VBoxModel", children=["IPY_MODEL_tl"])}
    fake = TimelineRenderer(lambda s: "<div class='fake-tl'>live</div>", lambda s: PNG)
    drawn = WidgetRenderer(models, ImageStore(tmp_path), fake).view("box", "")
    assert "fake-tl" in drawn and "bb-print-only" in drawn


def test_without_a_renderer_or_when_it_fails_the_timeline_is_its_plain_text(tmp_path):
    def broken(state):
        raise ValueError("no data")

    for renderer in (None, TimelineRenderer(broken, lambda s: PNG)):
        drawn = WidgetRenderer(timeline_models(), ImageStore(tmp_path), renderer).view(
            "tl", "Timeline: 3 events <in view>")
        assert drawn == "<pre class='bb-plain'>Timeline: 3 events &lt;in view&gt;</pre>"


def tiny_course(root: Path, markdown: str, widget_state: dict | None = None) -> Path:
    for folder in ("lessons", "exercises", "datasets", "solutions"):
        (root / folder).mkdir(parents=True)
    (root / "README.md").write_text("# Tiny course\n\n## Two commands\nsecret setup\n")
    (root / "datasets" / "README.md").write_text("# Datasheet\n\n[events](events.csv)\n")
    (root / "datasets" / "events.csv").write_text("id\n1\n")
    (root / "solutions" / "01_a.ipynb").write_text("{}")
    cells = [{"cell_type": "markdown", "metadata": {}, "source": markdown}]
    if widget_state:
        view = {"application/vnd.jupyter.widget-view+json": {"model_id": "tl"},
                "text/plain": "Timeline: 3 events"}
        cells.append({"cell_type": "code", "metadata": {}, "execution_count": 1,
                      "source": "TimelineExplorer()",
                      "outputs": [{"output_type": "display_data", "data": view, "metadata": {}}]})
    meta = {"widgets": {"application/vnd.jupyter.widget-state+json": {"state": widget_state or {},
                                                                      "version_major": 2}}}
    nb = {"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5}
    (root / "lessons" / "01_a.ipynb").write_text(json.dumps(nb))
    return root


def test_links_resolve_inside_the_site_and_outside_resources_are_dropped(tmp_path):
    text = ("# Lesson A\n\n[data](../datasets/README.md) [csv](../datasets/events.csv) "
            "[key](../solutions/01_a.ipynb) [far](https://example.org/x)\n\n"
            "<img src='https://cdn.example.org/badge.svg' alt='badge'>"
            "<script src='//cdn.example.org/x.js'></script>"
            "<div style=\"background:url('https://cdn.example.org/bg.png')\">x</div>"
            "<img src='data:,' srcset='https://cdn.example.org/2x.png 2x'>"
            "<video poster='http://cdn.example.org/p.jpg'></video><base href='http://cdn.example.org/'>"
            "<svg><image href='https://cdn.example.org/i.png'/></svg>"
            "<table background='https://cdn.example.org/t.gif'><tr><td>t</td></tr></table>"
            "<meta http-equiv='refresh' content='0;url=https://cdn.example.org/'>"
            "<style>@import url(https://cdn.example.org/f.css); p{color:red}</style>")
    course = tiny_course(tmp_path / "course", text)
    site_build.build(course, tmp_path / "site")
    page = (tmp_path / "site" / "lessons" / "01_a.html").read_text()
    assert "href=\"../datasets/README.html\"" in page and "href=\"../datasets/events.csv\"" in page
    assert (tmp_path / "site" / "datasets" / "events.csv").read_text() == "id\n1\n"
    assert "solutions" not in page.split("<main")[1].split("bb-unlinked")[0]
    assert "cdn.example.org" not in page and "badge" in page and "<td>t</td>" in page
    assert "href=\"https://example.org/x\"" in page  # a reader may still follow it
    assert "secret setup" not in (tmp_path / "site" / "index.html").read_text()


def test_a_timeline_in_a_built_page_is_live_on_screen_and_a_figure_on_paper(tmp_path):
    course = tiny_course(tmp_path / "course", "# Lesson A", timeline_models())
    fake = TimelineRenderer(lambda s: "<div class='fake-tl'>live</div>", lambda s: PNG)
    site_build.build(course, tmp_path / "site", timeline=fake)
    soup = soup_of(tmp_path / "site" / "lessons" / "01_a.html")
    assert soup.select_one(".bb-screen-only .fake-tl")
    image = soup.select_one("figure.bb-print-only img")["src"]
    assert (tmp_path / "site" / "lessons" / image).read_bytes() == PNG


def test_the_commands_say_kindly_what_is_missing(tmp_path):
    run = subprocess.run([sys.executable, "-m", "beyond_borders.publish", "site", "--root",
                          str(tmp_path), "--out", str(tmp_path / "out")],
                         capture_output=True, text=True)
    assert run.returncode == 1 and "no lessons/ folder" in run.stderr
    assert "Traceback" not in run.stderr
    with pytest.raises(FileNotFoundError, match="make site"):
        jobs(tmp_path / "nowhere", tmp_path / "pdf")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "print_handouts.py"), "--site",
                          str(tmp_path / "nowhere"), "--browser", sys.executable],
                         capture_output=True, text=True)
    assert run.returncode == 1 and "run `make site` first" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_broken_notebook_stops_the_build_with_a_clear_message(tmp_path):
    course = tiny_course(tmp_path / "course", "# Lesson A")
    (course / "lessons" / "02_b.ipynb").write_text("{ not json")
    run = subprocess.run([sys.executable, "-m", "beyond_borders.publish", "site", "--root",
                          str(course), "--out", str(tmp_path / "out")],
                         capture_output=True, text=True)
    assert run.returncode == 1 and "02_b.ipynb is not a readable notebook" in run.stderr
    assert "Traceback" not in run.stderr


def test_the_course_has_a_static_timeline_renderer():
    """Without it every timeline on the site falls back to one line of text (it happened once)."""
    from beyond_borders.publish.timeline_hook import find_renderer
    assert find_renderer() is not None


def test_search_index_holds_what_a_reader_reads_not_source_ids_or_addresses(site):
    text = (site / "_static" / "search-index.js").read_text(encoding="utf-8")
    entries = json.loads(text.split("=", 1)[1].rstrip().rstrip(";"))
    body = " ".join(e["text"] for e in entries)
    assert "Jaish al-Adl" in body  # the lessons' own text is searchable
    # the folded lists of sources (ids, kinds, addresses) are not
    assert not re.search(r"\[(newspaper|official|agency|blog|aggregator)\]", body)
    assert "dawn-2024-02-25-shahbakhsh" not in body and "https://" not in body
