"""One counting rule for every layer (``beyond_borders.wording``): no "1 points", no "2 problem"."""
import pytest

from beyond_borders.wording import agree, listing, plural


@pytest.mark.parametrize("n,word,many,said", [
    (1, "point", None, "1 point"), (0, "point", None, "0 points"), (2, "point", None, "2 points"),
    (1.5, "point", None, "1.5 points"), (1.0, "point", None, "1 point"), (1204, "statement", None, "1,204 statements"),
    (2, "entry", "entries", "2 entries"), (1, "entry", "entries", "1 entry"),
])
def test_a_count_agrees_with_its_noun(n, word, many, said):
    assert plural(n, word, many) == said


def test_a_noun_alone_and_a_list_in_words():
    assert agree(1, "Prompt") == "Prompt" and agree(3, "Prompt") == "Prompts" and agree(2, "has", "have") == "have"
    assert listing(["1"]) == "1" and listing([1, 3]) == "1 and 3" and listing(["a", "b", "c"], "or") == "a, b or c"


def test_no_inline_plural_rule_is_left_in_the_marker_the_grader_or_the_tools():
    import re
    from pathlib import Path
    src = Path(__file__).resolve().parents[1] / "src" / "beyond_borders"
    inline = re.compile(r"""\{\s*['"]s?['"]\s+if\s+[^}]*\s+else\s+['"]s?['"]\s*\}""")
    files = [p for folder in ("checks", "grading", "authoring", "classroom")
             for p in sorted((src / folder).glob("*.py"))] + [src / "cli.py"]
    found = [f"{p.relative_to(src)}:{i}" for p in files
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if inline.search(line)]
    assert not found, found
