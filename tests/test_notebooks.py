"""Executing notebooks (authoring.notebooks, authoring.widget_ids): outputs stored, failures named,
and an unchanged notebook re-executes to the same bytes (widget ids fixed by the notebook)."""
from __future__ import annotations

import json
import random
import re
import uuid

import nbformat
import pytest

from beyond_borders.authoring import notebooks, widget_ids

WIDGETS = [
    "import ipywidgets as w",
    "s = w.IntSlider(value=3, description='n')\ns",
    "box = w.VBox([w.Label('a'), w.Button(description='b')])\ndisplay(box)\ndisplay(s)",
    "out = w.Output()\nwith out:\n    display(w.Checkbox(value=True, description='inside'))\nout",
    # Never displayed: identical sliders (two tie exactly) and two boxes that differ only in their children.
    "hidden = [w.IntSlider(), w.IntSlider(), w.IntSlider(), w.HBox([w.Button()]), w.HBox([w.Label()])]\n"
    "link = w.jslink((s, 'value'), (hidden[0], 'value'))",
    "print('done')",
]


def new_notebook(*sources: str, markdown: str = "# A test notebook"):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(markdown)] + [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def saved_state(nb) -> dict:
    return nb.metadata.get("widgets", {}).get(widget_ids.STATE, {}).get("state", {})


def output_ids(nb) -> list[str]:
    return [v["model_id"] for v in widget_ids._views(nb)]


@pytest.fixture(scope="module")
def widget_run(tmp_path_factory):
    """A notebook with several kinds of widgets, executed twice in place: (path, first bytes, changed flags, mtimes)."""
    path = tmp_path_factory.mktemp("widgets") / "w.ipynb"
    notebooks.write(new_notebook(*WIDGETS), path)
    first_changed = notebooks.execute_file(path, timeout=60)
    first, mtime = path.read_bytes(), path.stat().st_mtime_ns
    second_changed = notebooks.execute_file(path, timeout=60)
    return path, first, (first_changed, second_changed), (mtime, path.stat().st_mtime_ns)


def test_executing_an_unchanged_notebook_twice_writes_identical_bytes(widget_run):
    path, first, changed, mtimes = widget_run
    assert path.read_bytes() == first
    assert changed == (True, False), "the second run must report the file unchanged"
    assert mtimes[0] == mtimes[1], "an unchanged file must not be rewritten"


def test_executed_widget_notebook_keeps_its_outputs_and_state(widget_run):
    nb = notebooks.read(widget_run[0])
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[1].outputs[0]["data"]["text/plain"].startswith("IntSlider(value=3")
    assert "done" in code[-1].outputs[0]["text"]
    assert len(output_ids(nb)) == 4 and output_ids(nb)[0] == output_ids(nb)[2], "s shown twice, one model"
    nbformat.validate(nb)


def test_widget_ids_are_renamed_consistently(widget_run):
    """Every reference still resolves, the ids are 32 hex digits, and they are the canonical series."""
    nb = notebooks.read(widget_run[0])
    state = saved_state(nb)
    assert set(state) == {widget_ids.canonical_id(n) for n in range(len(state))}
    assert all(re.fullmatch(r"[0-9a-f]{32}", mid) for mid in state)
    assert set(output_ids(nb)) <= set(state)
    text = json.dumps(state)
    for ref in re.findall(r"IPY_MODEL_(\w+)", text):
        assert ref in state, f"dangling reference IPY_MODEL_{ref}"
    inside = [o for m in state.values() for o in m["state"].get("outputs", [])]
    assert [o["data"][widget_ids.VIEW]["model_id"] in state for o in inside] == [True]
    assert output_ids(nb)[0] == widget_ids.canonical_id(0), "the first widget shown gets the first id"


def test_models_no_output_reaches_are_kept_and_named(widget_run):
    nb = notebooks.read(widget_run[0])
    state = saved_state(nb)
    seen, todo = set(), output_ids(nb)
    while todo:
        mid = todo.pop()
        if mid not in seen:
            seen.add(mid)
            todo.extend(widget_ids.refs(state[mid], state))
    unreached = sorted(state[mid]["model_name"] for mid in set(state) - seen if "Box" in state[mid]["model_name"]
                       or state[mid]["model_name"] in ("IntSliderModel", "LinkModel"))
    assert unreached == ["HBoxModel", "HBoxModel", "IntSliderModel", "IntSliderModel", "IntSliderModel",
                         "LinkModel"]


def _scramble(nb, seed: int):
    """The same notebook as a different run would write it: fresh random ids, state in another order."""
    rng = random.Random(seed)
    state = saved_state(nb)
    names = {mid: uuid.UUID(int=rng.getrandbits(128)).hex for mid in state}
    for view in widget_ids._views(nb):
        view["model_id"] = names[view["model_id"]]
    items = list(state.items())
    rng.shuffle(items)
    nb.metadata["widgets"][widget_ids.STATE]["state"] = {
        names[mid]: widget_ids.rename(value, names) for mid, value in items}
    return nb


@pytest.mark.parametrize("seed", range(5))
def test_canonical_ids_do_not_depend_on_the_run_ids_or_their_order(widget_run, seed):
    canonical = widget_run[1].decode("utf-8")
    nb = _scramble(nbformat.reads(canonical, as_version=4), seed)
    assert notebooks.dumps(nb) != canonical
    widget_ids.canonicalise(nb)
    assert notebooks.dumps(nb) == canonical


def test_execute_stores_outputs_and_drops_stale_widget_state(tmp_path):
    nb = new_notebook("x = 6 * 7\nprint(x)", "x")
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="old\n")]
    nb.metadata["widgets"] = {widget_ids.STATE: {"state": {"0" * 32: {"model_name": "LayoutModel"}}}}
    path = tmp_path / "n.ipynb"
    notebooks.write(nb, path)
    assert notebooks.execute_file(path, timeout=60) is True
    done = notebooks.read(path)
    assert done.cells[1].outputs[0]["text"] == "42\n"
    assert done.cells[2].outputs[0]["data"]["text/plain"] == "42"
    assert [c.execution_count for c in done.cells[1:]] == [1, 2]
    assert "widgets" not in done.metadata


def test_a_failing_cell_is_named_with_its_error(tmp_path):
    path = tmp_path / "broken.ipynb"
    notebooks.write(new_notebook("x = 1", "raise ValueError('boom')", "print('never')"), path)
    before = path.read_bytes()
    with pytest.raises(notebooks.ExecutionFailed) as err:
        notebooks.execute_file(path, timeout=60)
    assert str(err.value) == f"{path}: cell 2 (raise ValueError('boom')) raised ValueError: boom"
    assert path.read_bytes() == before, "a failed run must not overwrite the notebook"


def test_a_cell_that_runs_too_long_is_named(tmp_path):
    nb = new_notebook("import time\ntime.sleep(30)")
    with pytest.raises(notebooks.ExecutionFailed, match=r"^t: cell 1 \(import time\) timed out$"):
        notebooks.execute(nb, tmp_path, timeout=2, name="t")


def test_an_unreadable_notebook_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.ipynb"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(notebooks.NotebookError, match="bad.ipynb: cannot read the notebook"):
        notebooks.read(bad)
    with pytest.raises(notebooks.NotebookError, match="missing.ipynb: cannot read the notebook"):
        notebooks.read(tmp_path / "missing.ipynb")


def test_write_leaves_an_identical_file_alone(tmp_path):
    path = tmp_path / "n.ipynb"
    nb = new_notebook("1 + 1")
    assert notebooks.write(nb, path) is True
    text, mtime = path.read_text(encoding="utf-8"), path.stat().st_mtime_ns
    assert text == nbformat.writes(nb) + "\n"
    assert notebooks.write(nb, path) is False and path.stat().st_mtime_ns == mtime
    nb.cells[1].source = "2 + 2"
    assert notebooks.write(nb, path) is True and "2 + 2" in path.read_text(encoding="utf-8")
