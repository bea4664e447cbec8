"""How pages embed lesson code: one fenced block per named section.

    ```python
    --8<-- "snippets/lessons/01_tensors.py:neuron-data"
    ```

The block may be indented (inside an admonition for a hidden solution). Lines right
after it of the form ``<!-- alt: ... -->`` describe the section's figures, one line per
figure, in the page's language: they become the images' alternative text.
"""

import re
from pathlib import Path

EMBED = re.compile(
    r'^(?P<indent>[ \t]*)```python[ \t]*\n'
    r'(?P=indent)--8<-- "(?P<file>snippets/lessons/[\w.]+\.py):(?P<section>[\w-]+)"[ \t]*\n'
    r'(?P=indent)```[ \t]*'
    r'(?P<alts>(?:\n(?P=indent)<!-- alt: .+? -->[ \t]*)*)$',
    re.M,
)
ALT = re.compile(r"<!-- alt: (?P<text>.+?) -->")


def alt_texts(match: re.Match) -> list[str]:
    """The figure descriptions written after an embedded block."""
    return [m["text"] for m in ALT.finditer(match["alts"] or "")]


def embeds(markdown: str) -> list[tuple[str, str]]:
    """(lesson file, section name) of every embedded code block, in page order."""
    return [(m["file"], m["section"]) for m in EMBED.finditer(markdown)]


def lesson_of(markdown: str) -> str | None:
    """The lesson script a page embeds from (a page embeds at most one)."""
    files = {file for file, _ in embeds(markdown)}
    if len(files) > 1:
        raise ValueError(f"a page embeds several lessons: {sorted(files)}")
    return Path(files.pop()).stem if files else None
