"""The ``beyond-borders`` command as a maintainer uses it: exit status, what it prints, what it writes."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from beyond_borders.authoring import notebooks
from beyond_borders.checks import bank
from beyond_borders.cli import QUESTIONS, main

ROOT = Path(__file__).resolve().parents[1]


def code_notebook(*sources: str, markdown: str = "# Tiny"):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(markdown)] + [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


# build-exercises

def test_build_exercises_check_passes_on_the_repository(capsys):
    assert main(["build-exercises", "--check", "--root", str(ROOT)]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "exercises/ matches solutions/"


def test_build_exercises_check_names_a_drifted_exercise(tmp_path, capsys):
    for folder in ("solutions", "exercises"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    name = "02_the_january_2024_strikes.ipynb"
    ex = notebooks.read(tmp_path / "exercises" / name)
    index = next(i for i, c in enumerate(ex.cells) if c.cell_type == "code")
    ex.cells[index].source += "\nprint('edited by hand')"
    notebooks.write(ex, tmp_path / "exercises" / name)
    assert main(["build-exercises", "--check", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"exercises/{name} cell {index}: source differs from the generated one", "1 differences"]


def test_build_exercises_writes_then_leaves_an_unchanged_course_alone(tmp_path, capsys):
    (tmp_path / "solutions").mkdir()
    sol = code_notebook("# BEGIN SOLUTION\nanswer_1_1 = 6 * 7\n# END SOLUTION\nprint(answer_1_1)",
                        markdown="Q\n<!-- BEGIN SOLUTION -->\n42\n<!-- END SOLUTION -->\n")
    notebooks.write(sol, tmp_path / "solutions" / "01_tiny.ipynb")
    assert main(["build-exercises", "--root", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "wrote exercises/01_tiny.ipynb\n"
    ex = notebooks.read(tmp_path / "exercises" / "01_tiny.ipynb")
    assert ex.cells[1].source == "answer_1_1 = ...  # ✎ your answer here\nprint(answer_1_1)"
    assert ex.cells[1].outputs[0]["text"] == "Ellipsis\n" and ex.cells[0].source == "Q\n"
    assert main(["build-exercises", "--root", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "unchanged exercises/01_tiny.ipynb\n"
    assert main(["build-exercises", "--check", "--root", str(tmp_path)]) == 0


def test_build_exercises_reports_a_malformed_solution_without_a_traceback(tmp_path, capsys):
    (tmp_path / "solutions").mkdir()
    notebooks.write(code_notebook("# BEGIN SOLUTION\nanswer_1_1 = 1"), tmp_path / "solutions" / "01_bad.ipynb")
    assert main(["build-exercises", "--no-execute", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err == "01_bad.ipynb cell 1: # BEGIN SOLUTION without # END SOLUTION\n"


# execute

def test_execute_stores_outputs_and_skips_an_unchanged_file(tmp_path, capsys):
    path = tmp_path / "tiny.ipynb"
    notebooks.write(code_notebook("print('hello')", "6 * 7"), path)
    assert main(["execute", str(path)]) == 0
    assert capsys.readouterr().out == f"executing {path}\n  wrote {path}\n"
    nb = notebooks.read(path)
    assert nb.cells[1].outputs[0]["text"] == "hello\n"
    assert nb.cells[2].outputs[0]["data"]["text/plain"] == "42"
    assert main(["execute", str(path)]) == 0
    assert capsys.readouterr().out == f"executing {path}\n  unchanged {path}\n"


def test_execute_names_the_failing_cell_on_stderr(tmp_path, capsys):
    path = tmp_path / "fails.ipynb"
    notebooks.write(code_notebook("x = 1", "x / 0"), path)
    assert main(["execute", str(path)]) == 1
    err = capsys.readouterr().err
    assert err == f"{path}: cell 2 (x / 0) raised ZeroDivisionError: division by zero\n"


def test_execute_a_missing_notebook_is_an_error_message(tmp_path, capsys):
    assert main(["execute", str(tmp_path / "nope.ipynb")]) == 1
    assert capsys.readouterr().err.startswith(f"{tmp_path / 'nope.ipynb'}: cannot read the notebook")


# seal-questions

def test_seal_questions_writes_under_root_not_into_the_package(tmp_path, capsys):
    (tmp_path / "instructors" / "answer_keys").mkdir(parents=True)
    (tmp_path / QUESTIONS).mkdir(parents=True)
    shutil.copy(ROOT / "instructors" / "answer_keys" / "02.json", tmp_path / "instructors" / "answer_keys")
    shipped = {p.name: p.stat().st_mtime_ns for p in bank.QUESTION_DIR.glob("*.json")}
    assert main(["seal-questions", "--root", str(tmp_path)]) == 0
    out = tmp_path / QUESTIONS / "02.json"
    key = json.loads((tmp_path / "instructors" / "answer_keys" / "02.json").read_text(encoding="utf-8"))
    assert json.loads(out.read_text(encoding="utf-8")) == bank.seal(key)
    assert [p.name for p in (tmp_path / QUESTIONS).iterdir()] == ["02.json"]
    assert f"-> {out}" in capsys.readouterr().out
    assert {p.name: p.stat().st_mtime_ns for p in bank.QUESTION_DIR.glob("*.json")} == shipped


def test_seal_questions_refuses_a_folder_without_the_question_banks(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["seal-questions"]) == 1
    assert f"has no {QUESTIONS}/" in capsys.readouterr().err


def test_seal_questions_reports_a_broken_key(tmp_path, capsys):
    (tmp_path / QUESTIONS).mkdir(parents=True)
    key = tmp_path / "99.json"
    key.write_text(json.dumps({"lesson": "99", "title": "T", "salt": "s", "questions": [
        {"id": "99.1", "type": "single_choice", "options": ["a", "b"], "answer": "c"}]}), encoding="utf-8")
    assert main(["seal-questions", "--root", str(tmp_path), str(key)]) == 1
    assert "question 99.1: answer 'c' is not an option" in capsys.readouterr().err
    assert not (tmp_path / QUESTIONS / "99.json").exists()


# validate-data

def test_validate_data_on_the_course_data(capsys):
    assert main(["validate-data"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("valid: ") and " events" in out


def test_validate_data_names_the_broken_cell_on_stderr(tmp_path, capsys):
    data = tmp_path / "datasets"
    shutil.copytree(ROOT / "datasets", data)
    events = data / "events.csv"
    lines = events.read_text(encoding="utf-8").split("\n")
    rid, date = lines[1].split(",")[:2]
    lines[1] = lines[1].replace(f"{rid},{date},", f"{rid},1999-13-01,", 1)
    events.write_text("\n".join(lines), encoding="utf-8")
    assert main(["validate-data", str(data)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (f"INVALID: events.csv, row 2 (id {rid!r}), column 'date': "
                            "expected a date as YYYY-MM-DD, got '1999-13-01'\n")


# the dispatcher

@pytest.mark.parametrize("argv,message", [(["nope"], "invalid choice: 'nope'"),
                                          ([], "the following arguments are required: command")])
def test_a_bad_command_line_gets_the_usage_message(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: beyond-borders") and message in err and "Traceback" not in err
