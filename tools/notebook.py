"""Turn a lesson page (one language's prose) and the build's run of it into a notebook.

The code cells hold exactly the code the build ran (helpers expanded), so the notebook
runs on its own in a fresh kernel with torch, torchvision, matplotlib and numpy.
"""

import base64
import mimetypes
import re
from pathlib import Path

import nbformat
from nbformat import v4

from tools import i18n
from tools.pages import EMBED, alt_texts

ADMONITION = re.compile(r'^(?P<fold>!!!|\?\?\?\+?) *(?P<kind>\w+)(?: +"(?P<title>[^"]*)")? *$')
SECTION_LINE = re.compile(r'--8<-- "[^"]+:(?P<section>[\w-]+)"')
CODE_SPAN = re.compile(r"(?<!`)`[^`\n]+`(?!`)")
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s:]+)\)")  # a relative image: ![alt](img/x.svg)
PAGE_LINK = re.compile(r"(?<!!)\[(?P<label>[^\]]+)\]\((?P<href>[^)\s:]+\.md(?:#[^)\s]*)?)\)")  # [lesson 6](06-softmax.md)
HEADING_ID = re.compile(r"[ \t]+\{#[\w-]+\}[ \t]*$", re.M)
LRI, PDI = "\u2066", "\u2069"  # Unicode left-to-right isolate: bidi cannot reorder what is inside


def _flatten_admonitions(markdown: str) -> tuple[str, set[str]]:
    """Notebooks have no admonitions: show the title in bold and un-indent the body.

    Also returns the sections embedded in collapsed (``???``) blocks, whose code cells
    the notebook hides until the reader opens them.
    """
    lines, inside, collapsed, folded = [], False, False, set()
    for line in markdown.splitlines():
        if match := ADMONITION.match(line):
            lines.append(f"**{match['title'] or match['kind'].title()}**")
            inside, collapsed = True, match["fold"].startswith("???")
        elif inside and (line.startswith("    ") or not line.strip()):
            if collapsed and (embed := SECTION_LINE.search(line)):
                folded.add(embed["section"])
            lines.append(line[4:])
        else:
            inside = False
            lines.append(line)
    return "\n".join(lines), folded


def _isolate_code_spans(text: str) -> str:
    """In right-to-left prose, keep each inline code span left to right: `(1, 5)` stays `(1, 5)`."""
    return CODE_SPAN.sub(lambda m: f"{LRI}{m[0]}{PDI}", text)


def _markdown_cell(text: str, lang: str, page_dir: Path | None = None):
    """A markdown cell; the site's relative links and images do not exist beside a downloaded
    notebook, so links to other pages keep only their text and images travel as attachments.
    Headings lose their explicit ids ({#...}), which Jupyter would print."""
    text = PAGE_LINK.sub(lambda m: m["label"], text)
    text = HEADING_ID.sub("", text)
    attachments = {}
    if page_dir is not None:
        def attach(match):
            path = (page_dir / match["src"]).resolve()
            if not path.is_file():
                raise FileNotFoundError(f"{page_dir}: image {match['src']} not found")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            attachments[path.name] = {kind: base64.b64encode(path.read_bytes()).decode()}
            return f"![{match['alt']}](attachment:{path.name})"
        text = IMAGE.sub(attach, text)
    if lang in i18n.RTL:  # Jupyter renders markdown inside HTML when blank lines surround it
        text = f'<div dir="rtl">\n\n{_isolate_code_spans(text)}\n\n</div>'
    cell = v4.new_markdown_cell(text)
    if attachments:
        cell.attachments = attachments
    return cell


def _code_cell(result: dict, execution_count: int, hidden: bool, alts: list[str]):
    outputs = []
    if result["text"]:
        outputs.append(v4.new_output("stream", name="stdout", text=result["text"]))
    for number, png in enumerate(result["figures"]):
        description = alts[number] if number < len(alts) else "<Figure>"  # what screen readers say
        outputs.append(v4.new_output("display_data", data={"image/png": png, "text/plain": description}))
    if result["value"] is not None:
        outputs.append(v4.new_output("execute_result", data={"text/plain": result["value"]},
                                     execution_count=execution_count))
    cell = v4.new_code_cell(result["code"].rstrip("\n"), outputs=outputs, execution_count=execution_count)
    if hidden:  # a solution or the helpers: JupyterLab and Notebook show "..." until clicked
        cell.metadata["jupyter"] = {"source_hidden": True, "outputs_hidden": True}
    return cell


def build(markdown: str, record: dict, lang: str, closing: str = "", page_dir: Path | None = None) -> nbformat.NotebookNode:
    """A notebook with the page's prose, each embedded section's code and outputs, and ``closing`` last.

    ``page_dir``: the folder of the page's source, where its relative images are.
    """
    flat, folded = _flatten_admonitions(markdown)
    title, _, flat = flat.partition("\n")  # pages start with "# Title"
    cells = [_markdown_cell(f"{title}\n\n> {i18n.text('notebook-note', lang)}", lang)]
    position, count = 0, 0
    for match in EMBED.finditer(flat):
        if prose := flat[position:match.start()].strip():
            cells.append(_markdown_cell(prose, lang, page_dir))
        count += 1
        section = match["section"]
        cells.append(_code_cell(record["sections"][section], count, section in folded, alt_texts(match)))
        position = match.end()
    if prose := flat[position:].strip():
        cells.append(_markdown_cell(prose, lang, page_dir))
    if closing:
        cells.append(_markdown_cell(closing, lang))
    for number, cell in enumerate(cells):
        cell.id = f"cell-{number}"  # nbformat draws random ids; fixed ones keep rebuilds identical
    notebook = v4.new_notebook(cells=cells)
    notebook.metadata.update(
        kernelspec={"name": "python3", "display_name": "Python 3", "language": "python"},
        language_info={"name": "python"},
    )
    nbformat.validate(notebook)
    return notebook
