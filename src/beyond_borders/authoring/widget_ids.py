"""Give widget models ids fixed by the notebook, so an unchanged notebook re-executes to the same bytes.

ipywidgets names every model with a random uuid4 hex. nbclient stores those names in each widget
output (``model_id``) and in the notebook's saved widget state: as the state's keys, as
``IPY_MODEL_<id>`` references between models, and as ``model_id`` in outputs captured by an
Output widget. Renamed all together, consistently, the widgets still render from the saved state
(the front ends only look names up; they never parse them). The new names stay 32 hex digits,
like the ones they replace.

The order of renaming is fixed by the notebook, not by the run: models reached from the outputs
(cells in order, then each model's references depth first in sorted-key order), then models no
output reaches, roots first, ordered by a hash of their content with references replaced by their
targets' hashes (so two tied models are interchangeable and either order writes the same bytes).
"""
from __future__ import annotations

import hashlib
import json

import nbformat

VIEW = "application/vnd.jupyter.widget-view+json"
STATE = "application/vnd.jupyter.widget-state+json"
PREFIX = "IPY_MODEL_"


def canonical_id(n: int) -> str:
    """The ``n``-th model's name: looks like the uuid4 hex it replaces, is the same on every run."""
    return hashlib.sha256(f"beyond-borders widget {n}".encode()).hexdigest()[:32]


def refs(value, known) -> list[str]:
    """Model ids a JSON value refers to, in document order with dict keys sorted."""
    found = []
    if isinstance(value, str):
        if value.startswith(PREFIX) and value[len(PREFIX):] in known:
            found.append(value[len(PREFIX):])
    elif isinstance(value, dict):
        for key in sorted(value):
            if key == "model_id" and isinstance(value[key], str) and value[key] in known:
                found.append(value[key])
            else:
                found.extend(refs(value[key], known))
    elif isinstance(value, list):
        for item in value:
            found.extend(refs(item, known))
    return found


def rename(value, names: dict):
    """A copy of a JSON value with every model reference renamed through ``names``."""
    if isinstance(value, str):
        if value.startswith(PREFIX) and value[len(PREFIX):] in names:
            return PREFIX + names[value[len(PREFIX):]]
        return value
    if isinstance(value, dict):
        return {k: (names[v] if k == "model_id" and isinstance(v, str) and v in names else rename(v, names))
                for k, v in value.items()}
    if isinstance(value, list):
        return [rename(item, names) for item in value]
    return value


def _views(nb) -> list[dict]:
    """The widget-view dicts of every output, cells in order."""
    return [out["data"][VIEW] for cell in nb.cells if cell.cell_type == "code"
            for out in cell.get("outputs", []) if VIEW in out.get("data", {})
            and isinstance(out["data"][VIEW].get("model_id"), str)]


def content_hashes(state: dict) -> dict[str, str]:
    """A hash per model of its content, references replaced by their targets' hashes (Merkle).

    A reference that closes a cycle counts as a fixed marker; results found through a cycle are
    not memoised, so a model's hash does not depend on where the walk entered the cycle.
    """
    memo: dict[str, str] = {}

    def visit(mid: str, path: frozenset) -> tuple[str, bool]:
        """(hash of ``mid``, whether a cycle was met below it); ``path`` holds the models above it."""
        if mid in memo:
            return memo[mid], False
        if mid in path:
            return "cycle", True
        cyclic, sub = False, {}
        for ref in dict.fromkeys(refs(state[mid], state)):
            sub[ref], hit = visit(ref, path | {mid})
            cyclic = cyclic or hit
        text = json.dumps(rename(state[mid], sub), sort_keys=True, separators=(",", ":"))
        digest = hashlib.sha256(text.encode()).hexdigest()
        if not cyclic:
            memo[mid] = digest
        return digest, cyclic

    return {mid: visit(mid, frozenset())[0] for mid in state}


def order(nb, state: dict) -> list[str]:
    """Every model id (in outputs or state) once, in the order described in the module docstring."""
    seen: dict[str, None] = {}

    def walk(start: str) -> None:
        """Name ``start`` and, depth first, every model it refers to not named yet."""
        stack = [start]
        while stack:
            mid = stack.pop()
            if mid in seen:
                continue
            seen[mid] = None
            if mid in state:
                stack.extend(reversed(refs(state[mid], state)))

    for view in _views(nb):
        walk(view["model_id"])
    rest = [mid for mid in state if mid not in seen]
    if rest:
        hashes = content_hashes(state)
        referenced = {r for mid in rest for r in refs(state[mid], state)}
        for mid in sorted(rest, key=lambda m: (m in referenced, hashes[m])):
            walk(mid)
    return list(seen)


def canonicalise(nb) -> dict[str, str]:
    """Rename the widget models of an executed notebook in place; returns {old id: new id}."""
    saved = nb.metadata.get("widgets", {}).get(STATE, {})
    state = dict(saved.get("state", {}))
    names = {old: canonical_id(n) for n, old in enumerate(order(nb, state))}
    for view in _views(nb):
        view["model_id"] = names[view["model_id"]]
    if state:
        saved["state"] = nbformat.from_dict({names[mid]: rename(value, names) for mid, value in state.items()})
    return names
