"""A sybil parser for the code a page embeds: each block is one example.

The build runs every lesson once, as a reader would (tools/execute.py: a scratch
folder, no GPU, no access to this project); these examples check the page against
that one run instead of running the lesson again. An example passes when the lesson
ran without error and the section it shows is exactly the code that ran.
"""

from sybil import Region

from tools.execute import REPO, execute, shown_sections
from tools.pages import EMBED


def _evaluate(example) -> None:
    file, section = example.region.lexemes["file"], example.parsed.name
    runs = example.namespace.setdefault("lesson runs", {})
    if file not in runs:
        runs[file] = execute(REPO / file)  # raises LessonError, naming the cell, if the lesson fails
    ran = runs[file]["sections"].get(section)
    assert ran is not None, f"{file}: section {section!r} did not run"
    assert ran["code"] == example.parsed.code, f"{file}: section {section!r} is not the code that ran"


def parse_embedded_code(document):
    known = {}
    for match in EMBED.finditer(document.text):
        file = match["file"]
        if file not in known:
            known[file] = {s.name: s for s in shown_sections(REPO / file)}
        if match["section"] not in known[file]:
            raise ValueError(f"{document.path}: {file} has no section {match['section']!r}")
        yield Region(match.start(), match.end(), known[file][match["section"]], _evaluate, {"file": file})
