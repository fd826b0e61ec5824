"""Sources as links, written once: every view that cites a row uses these."""
from __future__ import annotations

import html

import pandas as pd

from beyond_borders.data import split_ids
from beyond_borders.data.addresses import is_cut_short
from beyond_borders.render.style import LINK_STYLE

__all__ = ["link", "source_links", "source_item_html"]


def usable_url(url) -> str:
    """The address if a reader can follow it; '' for a blank one or one the record cut short
    ('https://example.com/1107725116/...'): a link that leads nowhere is worse than none."""
    url = str(url or "").strip()
    if not url.startswith(("http://", "https://")) or is_cut_short(url):
        return ""
    return url


def link(url: str, text: str) -> str:
    """An outward link that opens in a new tab and passes nothing back to the course page."""
    if not usable_url(url):
        return f"{html.escape(text)} (address incomplete in the record)"
    # Styled here, not by the page: inside widgets JupyterLab draws links as plain black text.
    return (f"<a href='{html.escape(url, quote=True)}' target='_blank' rel='noopener' style='{LINK_STYLE}'>"
            f"{html.escape(text)}</a>")


def source_links(ids, sources: pd.DataFrame) -> str:
    """Short links ('outlet, date') for a ';'-separated string or a list of source ids."""
    by_id = sources.set_index("id")
    found = []
    for sid in (split_ids(ids) if isinstance(ids, str) else list(ids)):
        if sid not in by_id.index:
            found.append(html.escape(sid))
            continue
        s = by_id.loc[sid]
        date = f", {s['published']}" if s["published"] else ""
        found.append(link(s["url"], f"{s['outlet']}{date}"))
    return "; ".join(found)


def source_item_html(s, tag: str = "li", anchor: bool = True) -> str:
    """One full reference: id, outlet (and the original when a copy), linked title, date, kind.

    ``anchor`` gives the item an HTML id (``src-<id>``) that links can point to; lists that may
    appear several times on one page (decision reveals) leave it out, so ids stay unique.
    """
    get = s.get if isinstance(s, dict) else (lambda k, d=None: getattr(s, k, d))
    copy = f" (copy of {get('originator')})" if get("originator") else ""
    kind = get("kind", "")
    kind_html = f" <span style='color:#667085'>[{html.escape(kind)}]</span>" if kind else ""
    sid = html.escape(get("id"))
    ident = f" id='src-{sid}'" if anchor else ""
    return (f"<{tag}{ident}><code>{sid}</code> — {html.escape(get('outlet') + copy)}, "
            f"{link(get('url'), get('title'))}, {html.escape(get('published') or 'n.d.')}"
            f"{kind_html}</{tag}>")
