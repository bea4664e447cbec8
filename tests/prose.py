"""The prose of a page: what the glossary and typography tests read.

Code (fenced blocks and inline spans), math, link addresses, HTML tags and comments,
heading ids and front matter are removed; link texts and emphasis stay.
"""

import re

from mkdocs.utils.meta import get_data

REMOVE = [
    re.compile(r"^[ \t]*```.*?^[ \t]*```", re.M | re.S),  # fenced code (lesson embeds)
    re.compile(r"\$\$.+?\$\$", re.S),  # display math
    re.compile(r"(?<![\\$])\$[^$\n]+\$"),  # inline math
    re.compile(r"``.+?``|`[^`\n]+`"),  # inline code
    re.compile(r"<!--.*?-->", re.S),  # comments (figure alt texts are checked with their figures)
    re.compile(r"\]\([^)\s]*\)"),  # link addresses: keep the link text
    re.compile(r"<[^>\n]+>"),  # HTML tags
    re.compile(r"\{#[\w-]+\}|\{[ .][^}\n]*\}"),  # heading ids, attribute lists
]


def prose(markdown: str) -> str:
    text = get_data(markdown)[0]
    for pattern in REMOVE:
        text = pattern.sub(lambda m: "]" if m[0].startswith("](") else " ", text)
    return text
