"""A learner's slip explained in one or two kind sentences instead of a Python traceback.

Lesson 0 promises that typing mistakes never break anything. Most mistakes a learner makes in an
answer cell reach Python before ``check`` can help: text without quotes (``answer_2_2 = b``), a
bracket or quote left open, conditions joined with ``&`` but not wrapped in brackets, a misspelt
name. :func:`explain` turns such an exception, with the line it happened on, into a
:class:`Slip`: a short title and advice that names the fix. It is a pure function (no IPython
here: ``kernel`` shows the result); the words live in :data:`WORDS`, in one place.
"""
from __future__ import annotations

import difflib
import html
import keyword
import re
from dataclasses import dataclass

WORDS = {
    "quotes": ("Put the text in quotes",
               "Python read {name} as the name of something, not as text. Text answers go in "
               "quotes: {fix}"),
    "code_quotes": ("Put the text in quotes",
                    "Python tried to read {name} as code. Text answers go in quotes: {fix}"),
    "date_quotes": ("Put the date in quotes",
                    "A date is text for Python: write it in quotes, year-month-day: {fix}"),
    "inner_quotes": ("Quotes inside quotes",
                     "This text contains a double quote inside double quotes, so Python thinks "
                     "the text ends early. Put single quotes around the whole text ('he said "
                     "\"no\"'), or leave out the inner quotes."),
    "open_quote": ("A quote is not closed",
                   "Text needs a quote at both ends, \"like this\". Add the missing quote on "
                   "line {lineno}."),
    "open_bracket": ("A bracket or quote is not closed",
                     "Every ( [ {{ and quote needs its partner: ) ] }} or the same quote. Look on "
                     "line {lineno} and the lines after it, and add the missing one (or remove an "
                     "extra one)."),
    "comma": ("Commas between items",
              "Items in a list, a tuple or a dictionary need commas between them, and text items "
              "need quotes: [\"a\", \"c\"], (2, \"c\") or {{1: \"a\", 2: \"c\"}}."),
    "dict_pair": ("A number, a colon, then its answer",
                  "In a dictionary every entry is a key, a colon and a value, with commas between "
                  "entries: {{1: \"a\", 2: \"c\"}}. Look on line {lineno} for an entry without its "
                  "colon or its value."),
    "indent": ("Extra spaces at the start of a line",
               "Line {lineno} starts with spaces where Python does not expect them. Remove the "
               "spaces at the start of that line."),
    "syntax": ("Python could not read this cell",
               "Python could not read line {lineno}: {msg}. Check the quotes, brackets and commas "
               "on that line."),
    "import": ("Import it first",
               "{name} comes from the course package, and this kernel has not imported it yet. "
               "Add this line at the top of the cell and run it again: "
               "from beyond_borders import {name}"),
    "misspelt": ("Is this name misspelt?",
                 "Python does not know {name}. Did you mean {suggestion}?"),
    "unknown_name": ("Python does not know this name yet",
                     "Python does not know {name}. If an earlier cell creates it, run the cells "
                     "above first (Run → Run All Above Selected Cell). If it is meant as text, put "
                     "it in quotes: \"{name}\"."),
    "brackets": ("Wrap each condition in brackets",
                 "When you join conditions with & (and) or | (or), put each condition in its "
                 "own brackets, for example: (events[\"date\"] >= \"2000-01-01\") & "
                 "(events[\"date\"] <= \"2000-12-31\")."),
    "and_or": ("Use & and | between conditions on a table",
               "On a whole column, write & instead of and, | instead of or, and put each "
               "condition in brackets: (events[\"date\"] >= \"2000-01-01\") & "
               "(events[\"date\"] <= \"2000-12-31\")."),
    "missing_key": ("No column or row with that name",
                    "The table has no column or row called {key}. Check the spelling (capitals "
                    "count); table.columns lists the column names."),
    "attribute": ("No such part",
                  "{msg}. Check the spelling of the word after the dot."),
    "wrong_type": ("A value of the wrong kind",
                   "Python says: {msg}. Check what each part holds: text needs quotes, numbers "
                   "do not, and len(table) counts a table's rows."),
    "empty_reflection": ("Write below the first line",
                         "Your reflection goes under the %%reflection line, in the same cell. "
                         "Type it there, then run the cell again."),
    "other": ("Python stopped at line {lineno}",
              "Python says: {error}: {msg}."),
}
AFTER = ("Nothing is broken: fix the cell and run it again (Shift + Enter). Run All stops at a "
         "cell like this one, so the cells below it have not run yet: after the fix choose "
         "Run → Run Selected Cell and All Below.")
STOPPED = "Stopped here: the note above says what to fix."

ANSWER_LINE = re.compile(r"^\s*(answer_\d+_\d+)\s*=\s*(.*?)\s*(#.*)?$")
DATE_LIKE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$|^(\w+ )?\d{1,2} \w+ \d{4}$|^\w+ \d{1,2},? \d{4}$")
OPEN_BRACKET = re.compile(r"was never closed|unmatched|does not match|unexpected EOF|incomplete input")
PANDAS_OPS = re.compile(r"\brand_|\bror_|unsupported operand type\(s\) for [&|]|"
                        r"Cannot perform '(r?and_|r?or_)'|bitwise|invalid comparison")


@dataclass(frozen=True)
class Slip:
    """What to tell the learner: a short title and one or two sentences of advice."""

    kind: str
    title: str
    advice: str

    def text(self) -> str:
        return f"{self.title}\n{self.advice}\n{AFTER}"

    def html(self, traceback_text: str = "") -> str:
        details = ""
        if traceback_text:
            details = ("<details><summary>Python's full message</summary>"
                       f"<pre style='white-space:pre-wrap'>{html.escape(traceback_text)}</pre></details>")
        return (f"<div class='bb-slip' role='alert' style='border-left:6px solid #b54708;"
                f"background:#fffaeb;padding:8px 12px;margin:4px 0;color:#101828'>"
                f"<strong style='color:#b54708'>⚠ {html.escape(self.title)}</strong>"
                f"<div style='margin-top:4px'>{html.escape(self.advice)}</div>"
                f"<div style='margin-top:4px'>{html.escape(AFTER)}</div>{details}</div>")


def _slip(kind: str, **fields) -> Slip:
    title, advice = WORDS[kind]
    return Slip(kind, title.format(**fields), advice.format(**fields))


def quoted(rhs: str) -> str:
    """``b`` -> ``"b"``; ``[a, b d]`` -> ``["a", "b", "d"]``: a bare answer put in quotes; in a
    dictionary or tuple only the words are quoted: ``{1: b}`` -> ``{1: "b"}``, ``(3, b)`` -> ``(3, "b")``."""
    rhs = rhs.strip()
    if rhs[:1] == "{" or (rhs[:1] == "(" and re.search(r"\d", rhs)):
        return re.sub(r"[A-Za-z_][\w' ]*[\w']|[A-Za-z_]", lambda m: f'"{m.group(0)}"', rhs)
    inner = rhs[1:-1] if rhs[:1] in "[(" and rhs[-1:] in "])" else rhs if "," in rhs else None
    if inner is not None:
        items = [i.strip().strip("'\"") for i in re.split(r"[,\s]+", inner) if i.strip()]
        return "[" + ", ".join(f'"{i}"' for i in items) + "]"
    return '"' + rhs.strip("'\"") + '"'


def _quote_fix(line: str, name: str | None = None) -> str | None:
    """The answer line with its bare text quoted, or None when the line is not a bare answer."""
    m = ANSWER_LINE.match(line or "")
    if not m or not m.group(2) or '"' in m.group(2) or "'" in m.group(2):
        return None
    var, rhs = m.group(1), m.group(2)
    if name is not None and not re.search(rf"\b{re.escape(name)}\b", rhs):
        return None
    pairs = re.fullmatch(r"\{[\w\s:,']*\}|\(\s*\d+\s*,[\w\s']*\)", rhs)  # {1: b, 2: a} or (3, b)
    if not pairs and re.search(r"[(){}]|\w\(|\.\w|\[\s*\w+\s*\]\s*\[", rhs) and not rhs.startswith("["):
        return None  # code (a call, an attribute, indexing): not a bare answer
    return f"{var} = {quoted(rhs)}"


def _syntax(exc: SyntaxError) -> Slip:
    msg, line, lineno = str(exc.msg or ""), exc.text or "", exc.lineno or 1
    fix = _quote_fix(line.rstrip("\n"))
    if fix and not OPEN_BRACKET.search(msg):
        rhs = ANSWER_LINE.match(line).group(2)
        return _slip("date_quotes" if DATE_LIKE.match(rhs) else "code_quotes", name=rhs, fix=fix)
    if isinstance(exc, IndentationError) and "unexpected indent" in msg:
        return _slip("indent", lineno=lineno)
    if "unterminated" in msg or "EOL" in msg or "EOF while scanning" in msg:
        return _slip("open_quote", lineno=lineno)
    if OPEN_BRACKET.search(msg):
        return _slip("open_bracket", lineno=lineno)
    if "forgot a comma" in msg:
        return _slip("comma")
    if "expected after dictionary key" in msg:
        return _slip("dict_pair", lineno=lineno)
    m = ANSWER_LINE.match(line)
    bracketed = bool(m and m.group(2)[:1] in "[({")
    if line.count('"') > 2 and re.search(r'"[^"]*"[^"]*"', line) and not bracketed:
        return _slip("inner_quotes")
    if "leading zeros" in msg or "invalid decimal literal" in msg:
        return _slip("date_quotes", fix='"2000-01-01"')
    return _slip("syntax", msg=msg, lineno=lineno)


def _name(exc: NameError, line: str, known, facade) -> Slip:
    name = getattr(exc, "name", None) or (re.findall(r"'(\w+)'", str(exc)) or ["?"])[0]
    if name in facade:
        return _slip("import", name=name)
    fix = _quote_fix(line, name)
    if fix:
        return _slip("quotes", name=name, fix=fix)
    close = difflib.get_close_matches(name, [k for k in known if not k.startswith("_")], n=1,
                                      cutoff=0.75)
    if close:
        return _slip("misspelt", name=name, suggestion=close[0])
    return _slip("unknown_name", name=name)


def explain(exc: BaseException, line: str = "", known=(), facade=(), lineno: int = 1) -> Slip:
    """The slip behind ``exc``, raised on source ``line`` (``known``: names Python does know;
    ``facade``: the names ``from beyond_borders import`` offers)."""
    line = line or ""
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if isinstance(exc, SyntaxError):
        return _syntax(exc)
    if isinstance(exc, NameError):
        return _name(exc, line, set(known) - set(keyword.kwlist), set(facade))
    joined = "&" in line or "|" in line
    if isinstance(exc, (TypeError, ValueError)) and joined and (
            PANDAS_OPS.search(str(exc)) or "truth value" in str(exc)):
        return _slip("brackets")
    if isinstance(exc, ValueError) and "truth value" in str(exc):
        return _slip("and_or")
    if type(exc).__name__ == "UsageError" and "cell body is empty" in msg:
        return _slip("empty_reflection")
    if isinstance(exc, KeyError):
        return _slip("missing_key", key=msg or "?")
    if isinstance(exc, AttributeError):
        return _slip("attribute", msg=msg)
    if isinstance(exc, TypeError):
        return _slip("wrong_type", msg=msg)
    return _slip("other", lineno=lineno, error=type(exc).__name__, msg=msg)
