"""A sybil parser that runs the code a page embeds, in page order, like a reader would.

Each ``--8<-- "snippets/lessons/<lesson>.py:<section>"`` block of a page becomes one
example; all examples of a page share one namespace, so a page that uses a name
before the cell that defines it fails here.
"""

import matplotlib.pyplot as plt
from sybil import Region

from tools.execute import REPO, run_section, sections
from tools.pages import EMBED


def _evaluate(example) -> None:
    """Run the section as the build does (same line numbers), in the page's namespace."""
    try:
        run_section(example.parsed, example.namespace, str(REPO / example.region.lexemes["file"]))
    finally:
        plt.close("all")


def parse_embedded_code(document):
    known = {}
    for match in EMBED.finditer(document.text):
        file = match["file"]
        if file not in known:
            known[file] = {s.name: s for s in sections(REPO / file)}
        if match["section"] not in known[file]:
            raise ValueError(f"{document.path}: {file} has no section {match['section']!r}")
        yield Region(match.start(), match.end(), known[file][match["section"]], _evaluate, {"file": file})
