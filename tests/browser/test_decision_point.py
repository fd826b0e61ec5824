"""A decision point played in JupyterLab the way a learner plays it: the first role, three
interests ranked from the keyboard before the options appear, an option, a memo counted as it is
typed, the choice saved beside the notebook, then the reveal with every side's outcome and the
debrief. Screenshots of each step go to test-artefacts/ (and to $BB_SHOTS when set)."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from beyond_borders.views.lessons.decisions import get_decision_point

from .helpers import WAIT, wait_text_changed
from .test_lesson_widgets import PAINT_JS, contrast, shot, widget

LESSON = "07_the_2026_war_and_mediation.ipynb"
MEMO = ("I recommend condolences that name no country: the brief shows that Pakistan needs Riyadh, "
        "Washington and Tehran at once, and that protests at home are likely. ") * 5


@pytest.fixture()
def point(lessons):
    page = lessons.open(LESSON)
    return page, widget(page, "bb-decision-point")


@pytest.mark.lesson(LESSON)
def test_a_decision_point_played_step_by_step_from_the_keyboard(point, workspace):
    page, dp_box = point
    dp = get_decision_point("07-dp1")
    reveal = dp_box.get_by_role("button", name="Reveal what happened")
    save = dp_box.get_by_role("button", name="Save my choice")
    status = dp_box.locator(".bb-decision-status")
    radios = dp_box.locator(".bb-choices")
    selects = dp_box.locator("select")
    expect(selects.first).to_have_value(f"{dp['roles'][0]['title']} (Pakistan)")   # the first role
    expect(reveal).to_be_disabled()
    expect(save).to_be_disabled()
    expect(radios).to_be_hidden()                                     # options wait for interests
    shot(page, dp_box.locator(".bb-decision-role").first, "dp_1_role_and_interests_first")
    for i in (1, 2, 3):                                               # 1st, 2nd, 3rd, by keyboard
        selects.nth(i).focus()
        before = status.inner_text()
        for _ in range(i):
            page.keyboard.press("ArrowDown")
        if i < 3:
            wait_text_changed(status, before)
    expect(radios).to_be_visible(timeout=WAIT)
    expect(status).to_contain_text("Choose one of the options")
    shot(page, dp_box.locator(".bb-decision-options").first, "dp_2_options_unlocked")
    first = radios.locator("input").first
    first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")                                  # option b, by keyboard
    expect(status).to_contain_text("memo", timeout=WAIT)
    memo = dp_box.locator("textarea:visible").last
    memo.fill("Too short.")
    expect(dp_box.locator(".bb-decision-count")).to_contain_text("2 words (at least 100)", timeout=WAIT)
    expect(reveal).to_be_disabled()
    memo.fill(MEMO)
    expect(dp_box.locator(".bb-decision-count")).to_contain_text("words (at least 100)", timeout=WAIT)
    expect(save).to_be_enabled(timeout=WAIT)
    dp_box.get_by_placeholder("for the class tally").fill("Group 3")
    shot(page, dp_box.locator(".bb-decision-rubric").first, "dp_3_memo_and_rubric")
    save.focus()
    page.keyboard.press("Enter")
    expect(dp_box.locator(".bb-decision-saved")).to_contain_text("decisions/07-dp1-pakistan.json", timeout=WAIT)
    saved = json.loads((workspace / "lessons" / "decisions" / "07-dp1-pakistan.json").read_text(encoding="utf-8"))
    assert (saved["option"], saved["learner"]) == ("b", "Group 3")
    assert saved["interests"] == dp["roles"][0]["interests"][:3] and saved["code"] == "07-dp1/pakistan/b/1-2-3"
    reveal.click()
    shown = dp_box.locator(".bb-decision-reveal")
    expect(shown).to_contain_text("What Pakistan did", timeout=WAIT)
    expect(shown).to_contain_text("closest to your choice, option b")
    expect(shown).to_contain_text("Debrief")
    expect(shown).to_contain_text(dp["debrief"][0])
    for role in dp["roles"]:
        expect(shown).to_contain_text(role["outcome"]["summary"][:60])
    expect(memo).to_be_disabled()
    expect(reveal).to_be_disabled()
    shot(page, shown, "dp_4_reveal")
    shot(page, shown.locator(".bb-decision-debrief"), "dp_5_debrief")


@pytest.mark.lesson(LESSON)
def test_decision_point_buttons_and_text_meet_aa_contrast(point):
    page, _first = point
    dp_box = page.locator(".bb-decision-point").nth(1)
    dp_box.scroll_into_view_if_needed()
    buttons = [dp_box.get_by_role("button", name=n) for n in ("Reveal what happened", "Save my choice")]
    off = [b.evaluate(PAINT_JS) for b in buttons]
    for paint in off:
        assert float(paint["opacity"]) == 1 and contrast(paint["color"], paint["background"]) >= 4.5, paint
    for i in (1, 2, 3):
        dp_box.locator("select").nth(i).select_option(index=i)
    dp_box.locator(".bb-choices input").first.check()
    dp_box.locator("textarea:visible").last.fill(MEMO)
    for button, before in zip(buttons, off):
        expect(button).to_be_enabled(timeout=WAIT)
        on = button.evaluate(PAINT_JS)
        assert contrast(on["color"], on["background"]) >= 4.5, on
        assert on["background"] != before["background"]              # enabled and disabled differ
    for css in (".bb-decision-status", ".bb-decision-count"):
        paint = dp_box.locator(css).evaluate(PAINT_JS)
        assert contrast(paint["color"], "rgb(255, 255, 255)") >= 4.5, (css, paint)
    shot(page, buttons[0], "dp_buttons")


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_each_role_card_prints_on_one_page(browser, tmp_path, size):
    """`make handouts` prints the role cards with the same Chromium: one page per role per point."""
    from beyond_borders.classroom import role_cards
    from beyond_borders.publish import handouts
    from beyond_borders.views.lessons.decisions import all_decision_points

    cards = [p for p in role_cards.write(tmp_path / "cards") if p.name.endswith("_role_cards.html")]
    page, printed = browser.new_page(), 0
    try:
        for job in handouts.role_card_jobs(tmp_path / "cards", tmp_path / "pdf"):
            if job.size != size or job.page not in cards:
                continue
            handouts.print_all(page, [job])
            pages = len(re.findall(rb"/Type\s*/Page[^s]", job.pdf.read_bytes()))
            roles = sum(len(dp["roles"]) for dp_id, dp in all_decision_points().items()
                        if dp_id.startswith(job.page.name[:2]))
            assert pages == roles, f"{job.page.name} on {size}: {pages} pages for {roles} role cards"
            printed += 1
    finally:
        page.close()
    assert printed == len(cards) > 0


FITS_JS = """(el, box) => {
  const outer = el.closest(box).getBoundingClientRect();
  return Array.from(el.querySelectorAll('button, select, input[type=text], .widget-hbox'))
    .filter(e => e.offsetParent !== null)
    .map(e => { const r = e.getBoundingClientRect();
                return {what: e.tagName + ' ' + (e.innerText || e.value || '').slice(0, 40),
                        cut: e.tagName === 'BUTTON' && e.scrollWidth > e.clientWidth + 1,
                        out: r.right > outer.right + 1 || r.left < outer.left - 1}; })
    .filter(e => e.cut || e.out);
}"""


@pytest.mark.lesson(LESSON)
@pytest.mark.parametrize("width", [1280, 800])
def test_buttons_show_their_whole_label_and_nothing_overflows_at_either_width(point, width):
    """Walkthrough 4, F2: 'Save my choi…' at 1280 px, a 565 px row in a 346 px box at 800 px."""
    page, _first = point
    page.set_viewport_size({"width": width, "height": 900})
    try:
        dp_box = page.locator(".bb-decision-point").nth(1)
        dp_box.scroll_into_view_if_needed()
        for i in (1, 2, 3):                                   # three interests chosen
            dp_box.locator("select").nth(i).select_option(index=i)
        for name in ("Reveal what happened", "Save my choice"):
            expect(dp_box.get_by_role("button", name=name)).to_be_visible()
        problems = dp_box.evaluate(FITS_JS, ".bb-decision-point")
        assert problems == [], problems
        shot(page, dp_box.locator("select").nth(3), f"dp_fits_interests_{width}px")
        shot(page, dp_box.get_by_role("button", name="Save my choice"), f"dp_fits_buttons_{width}px")
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
