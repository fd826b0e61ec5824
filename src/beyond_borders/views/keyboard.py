"""Keys pressed inside a course widget belong to the widget, not to JupyterLab.

In a notebook's command mode JupyterLab binds plain keys (↑ ↓ to move between cells, Enter to
edit, letters for cell commands) on everything that is not a text box, so a learner who tabs to
a drop-down or a radio button and presses ↓ moves the notebook instead of the choice. Lumino
leaves alone any key pressed inside an element marked ``data-lm-suppress-shortcuts``, and the
notebook's own key handlers never see a key whose event stops at the box (as the timeline
explorer does). Plain ipywidgets cannot do either, so a box that must work from the keyboard
holds this tiny, invisible anywidget, which does both for the nearest ancestor with ``box_class``.
"""
from __future__ import annotations

import anywidget
from traitlets import Unicode

__all__ = ["KeysStayHere"]

ESM = """
export default {
  render({ model, el }) {
    let tries = 0;
    const mark = () => {
      const box = el.closest("." + model.get("box_class"));
      if (box) {
        box.setAttribute("data-lm-suppress-shortcuts", "true");  // Lumino's shortcuts
        for (const type of ["keydown", "keyup", "keypress"])       // the notebook's own handlers
          box.addEventListener(type, (e) => e.stopPropagation());
      } else if (tries++ < 100) requestAnimationFrame(mark);  // not attached to the page yet
    };
    mark();
  }
};
"""


class KeysStayHere(anywidget.AnyWidget):
    """Put one in a box whose CSS class is ``box_class``: its keys stop reaching JupyterLab."""

    _esm = Unicode(ESM).tag(sync=True)
    box_class = Unicode().tag(sync=True)

    def __init__(self, box_class: str, **kwargs):
        super().__init__(box_class=box_class, **kwargs)

    def __repr__(self):
        return f"KeysStayHere({self.box_class!r})"
