"""Figures as the course shows them: a matplotlib Figure that carries its text alternative,
turned into PNG bytes for ``ipywidgets.Image`` or shown in a notebook with its caption.

Figures never enter pyplot: no global state is left behind, and ``plt.show()`` in an Output
widget (which leaves stray outputs under strict nbval) is never needed.
"""
from __future__ import annotations

import html
import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image as PILImage

__all__ = ["CourseFigure", "new_figure", "figure_png", "encode_png", "caption_html", "show"]


class CourseFigure(Figure):
    """A Figure that says what it shows: ``alt_text`` for screen readers and ``drawn``, the data
    that was drawn (for widgets and tests), instead of ad-hoc attributes stuck on a Figure."""

    alt_text: str
    drawn: dict

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.alt_text: str = ""
        self.drawn: dict = {}


def new_figure(width: float, height: float, dpi: int = 80) -> CourseFigure:
    """A figure of a fixed size and resolution with its own Agg canvas (repeatable pixels)."""
    fig = CourseFigure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def figure_png(fig: Figure) -> bytes:
    """PNG bytes of a figure, fast and byte-for-byte repeatable (no software or date tags)."""
    fig.canvas.draw()
    return encode_png(fig)


def encode_png(fig: Figure) -> bytes:
    """PNG bytes of what the canvas holds now, without drawing again (for pasted regions)."""
    width, height = fig.canvas.get_width_height()
    image = PILImage.frombuffer("RGBA", (width, height), fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    image.save(buf, format="png", compress_level=1)
    return buf.getvalue()


def caption_html(text: str, label: str = "Text alternative:") -> str:
    """The text alternative under a figure, in one style across the course."""
    if not text:
        return ""
    head = f"<em>{html.escape(label)}</em> " if label else ""
    return f"<p class='bb-alt' style='font-size:90%'>{head}{html.escape(text)}</p>"


def show(fig: Figure) -> None:
    """Display ``fig`` as PNG bytes followed by its text alternative (``fig.alt_text``)."""
    from IPython.display import HTML, Image, display

    display(Image(data=figure_png(fig), format="png"))
    caption = caption_html(getattr(fig, "alt_text", ""))
    if caption:
        display(HTML(caption))
