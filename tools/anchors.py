"""Every heading gets the same explicit id in all four languages, taken from the English.

Links to a section then work in every language (the language menu keeps the section),
and Arabic, Russian and Chinese headings no longer get ids like ``#_1``.

    python -m tools.anchors     # add the missing ids (English first, then the same ids elsewhere)

A heading's id is written after it, ``## Why gradients? {#why-gradients}``; the page
title (``# ...``) needs none. tests/test_parity.py checks the result.
"""

import re
import sys
from pathlib import Path

from markdown.extensions.toc import slugify

from tools.i18n import LANGUAGES

DOCS = Path(__file__).resolve().parents[1] / "docs"
HEADING = re.compile(r"^(?P<marks>#{2,6}) (?P<text>.+?)(?: \{#(?P<id>[\w-]+)\})?[ \t]*$", re.M)
FENCE = re.compile(r"^[ \t]*```.*?^[ \t]*```", re.M | re.S)


def headings(markdown: str) -> list[re.Match]:
    """The section headings of a page, code blocks excluded."""
    fenced = [(m.start(), m.end()) for m in FENCE.finditer(markdown)]
    return [m for m in HEADING.finditer(markdown) if not any(a <= m.start() < b for a, b in fenced)]


def english_id(text: str) -> str:
    return slugify(re.sub(r"[`*]|\$[^$]*\$", "", text), "-")


def _with_ids(markdown: str, ids: list[str]) -> str:
    found = headings(markdown)
    if len(found) != len(ids):
        raise ValueError(f"{len(found)} headings where English has {len(ids)}")
    for match, anchor in reversed(list(zip(found, ids))):
        line = f"{match['marks']} {match['text']} {{#{anchor}}}"
        markdown = markdown[:match.start()] + line + markdown[match.end():]
    return markdown


def main() -> int:
    for english in sorted((DOCS / "en").rglob("*.md")):
        page = english.relative_to(DOCS / "en")
        text = english.read_text(encoding="utf-8")
        ids = [m["id"] or english_id(m["text"]) for m in headings(text)]
        if len(set(ids)) != len(ids):
            print(f"en/{page}: two headings would share an id: {ids}", file=sys.stderr)
            return 1
        for lang in LANGUAGES:
            path = DOCS / lang / page
            path.write_text(_with_ids(path.read_text(encoding="utf-8"), ids), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
