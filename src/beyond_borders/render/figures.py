"""Show a static figure in a notebook as a PNG with its text alternative, leaving no pyplot state.

PNG output is not compared by nbval and the caption is plain text, so the cell stays
deterministic; the figure is closed by construction (it never entered pyplot).
"""
from IPython.display import HTML, Image, display
import html

from beyond_borders.views.timeline import figure_png


def show(fig) -> None:
    """Display ``fig`` as PNG bytes followed by its text alternative (``fig.alt_text``)."""
    display(Image(data=figure_png(fig), format="png"))
    alt = getattr(fig, "alt_text", "")
    if alt:
        display(HTML(f"<p class='bb-alt' style='font-size:90%'><em>Text alternative:</em> "
                     f"{html.escape(alt)}</p>"))
