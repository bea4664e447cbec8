"""Turn a lesson page (one language's prose) and the build's outputs into a notebook."""

import re

import nbformat
from nbformat import v4

from tools import i18n
from tools.execute import sections
from tools.pages import EMBED

ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?) *(?P<kind>\w+)(?: +"(?P<title>[^"]*)")? *$')


def _flatten_admonitions(markdown: str) -> str:
    """Notebooks have no admonitions: show the title in bold and un-indent the body."""
    lines, inside = [], False
    for line in markdown.splitlines():
        if match := ADMONITION.match(line):
            lines.append(f"**{match['title'] or match['kind'].title()}**")
            inside = True
        elif inside and (line.startswith("    ") or not line.strip()):
            lines.append(line[4:])
        else:
            inside = False
            lines.append(line)
    return "\n".join(lines)


def _markdown_cell(text: str, lang: str):
    if lang in i18n.RTL:  # Jupyter renders markdown inside HTML when blank lines surround it
        text = f'<div dir="rtl">\n\n{text}\n\n</div>'
    return v4.new_markdown_cell(text)


def _code_cell(code: str, result: dict, execution_count: int):
    outputs = []
    if result["text"]:
        outputs.append(v4.new_output("stream", name="stdout", text=result["text"]))
    for png in result["figures"]:
        outputs.append(v4.new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"}))
    return v4.new_code_cell(code.rstrip("\n"), outputs=outputs, execution_count=execution_count)


def build(markdown: str, lesson_path, results: dict, lang: str) -> nbformat.NotebookNode:
    """A notebook with the page's prose, each embedded section's code and its outputs."""
    code = {section.name: section.code for section in sections(lesson_path)}
    title, _, flat = _flatten_admonitions(markdown).partition("\n")  # pages start with "# Title"
    cells = [_markdown_cell(title, lang), _markdown_cell(f"> {i18n.text('notebook-note', lang)}", lang)]
    position, count = 0, 0
    for match in EMBED.finditer(flat):
        if prose := flat[position:match.start()].strip():
            cells.append(_markdown_cell(prose, lang))
        count += 1
        cells.append(_code_cell(code[match["section"]], results[match["section"]], count))
        position = match.end()
    if prose := flat[position:].strip():
        cells.append(_markdown_cell(prose, lang))
    for number, cell in enumerate(cells):
        cell.id = f"cell-{number}"  # nbformat draws random ids; fixed ones keep rebuilds identical
    notebook = v4.new_notebook(cells=cells)
    notebook.metadata.update(
        kernelspec={"name": "python3", "display_name": "Python 3", "language": "python"},
        language_info={"name": "python"},
    )
    nbformat.validate(notebook)
    return notebook
