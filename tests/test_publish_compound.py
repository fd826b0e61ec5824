"""The site shows matching and chain questions as the text they are (markdown in the notebook):
prompts, options, steps and error kinds on the exercise page, the answer cell's blank, and no
stored ``check`` output (which would be feedback)."""
from __future__ import annotations

import json

from beyond_borders.publish import build as site_build
from beyond_borders.publish.handouts import jobs
from tests.test_publish import main_text, soup_of, tiny_course

MATCHING_MD = """**98.1** Match each claim (1–3) to what the statement does with it (a–c).

1. Iran said its strike hit only militant bases.
2. Pakistan said its strike targeted hideouts of separatist groups.
3. China offered to mediate between the two.

* **a** supports it
* **b** contradicts it
* **c** says nothing about it

Answer with a dictionary, `{1: "…", 2: "…", 3: "…"}`, or text such as `"1a 2b 3c"`."""
CHAIN_MD = """**98.2** Which step is faulty, and what kind of error does it make?

1. Trade was reported at about one billion dollars in one year.
2. Another outlet reported a larger figure for a different year.
3. So trade grew by the difference between the two figures.

| error | kind |
|---|---|
| a | it mixes two periods |
| b | it merges two reporters' figures |
| c | it uses a number no source reported |

Answer with the step and the letter: `(step, "letter")`."""
STORED = {"output_type": "execute_result", "execution_count": 1, "metadata": {},
          "data": {"text/plain": "✔ 98.1: Correct — 2/2 points",
                   "text/html": "<div class='bb-check bb-correct'>✔ 98.1: Correct</div>"}}


def _cell(kind, source, outputs=None):
    cell = {"cell_type": kind, "metadata": {}, "source": source}
    if kind == "code":
        cell.update(execution_count=1, outputs=outputs or [])
    return cell


def test_an_exercise_page_shows_matching_and_chain_questions_as_text(tmp_path):
    course = tiny_course(tmp_path / "course", "# Lesson A")
    cells = [_cell("markdown", "# Exercises A"), _cell("markdown", MATCHING_MD),
             _cell("code", 'from beyond_borders import check\nanswer_98_1 = ...  # ✎ your answer here\n'
                           'check("98.1", answer_98_1)', [STORED]),
             _cell("markdown", CHAIN_MD),
             _cell("code", 'from beyond_borders import check\nanswer_98_2 = ...  # ✎ your answer here\n'
                           'check("98.2", answer_98_2)', [STORED])]
    nb = {"cells": cells, "metadata": {"beyond_borders": {"lesson": "01", "kind": "exercise"}},
          "nbformat": 4, "nbformat_minor": 5}
    (course / "exercises" / "01_a.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    site_build.build(course, tmp_path / "site")
    page = tmp_path / "site" / "exercises" / "01_a.html"
    text = main_text(page)
    for words in ("Iran said its strike hit only militant bases.", "says nothing about it",
                  "So trade grew by the difference", "it uses a number no source reported",
                  "answer_98_1 = ...", "answer_98_2 = ..."):
        assert words in text, words
    assert "Correct" not in text and not soup_of(page).select(".bb-check")
    assert len(soup_of(page).select("main ol li")) >= 6 and soup_of(page).select("main table")
    assert page in {job.page for job in jobs(tmp_path / "site", tmp_path / "pdf")}  # a handout too
