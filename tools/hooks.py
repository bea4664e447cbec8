"""MkDocs hook: run the lessons (once, cached), show outputs under embedded code,
publish each lesson page as a notebook, and localise what the build adds."""

import base64
import posixpath
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.nav import Section

from tools import i18n, notebook
from tools.execute import LESSONS_DIR, REPO, LessonError, execute, lesson_paths
from tools.pages import EMBED, lesson_of

NOTEBOOK_DIR = REPO / ".cache" / "notebooks"
FIGURE_DIR = "assets/figures"
results = {}  # lesson stem -> section name -> {"text", "figures", "seconds"}


def _lang(config) -> str:
    return config.theme["language"]


def on_config(config):
    results.clear()
    for path in lesson_paths():
        try:
            results[path.stem] = execute(path)
        except LessonError as error:
            raise PluginError(str(error)) from None


@event_priority(100)  # before mkdocs-jupyter turns .ipynb files into pages
def on_files(files, config):
    for stem, sections in results.items():
        for name, result in sections.items():
            for number, png in enumerate(result["figures"], start=1):
                uri = f"{FIGURE_DIR}/{stem}/{name}-{number}.png"
                files.append(File.generated(config, uri, content=base64.b64decode(png)))
    for page in [f for f in files.documentation_pages() if f.src_uri.startswith("lessons/")]:
        markdown = Path(page.abs_src_path).read_text(encoding="utf-8")
        if not (stem := lesson_of(markdown)):
            continue
        lesson = LESSONS_DIR / f"{stem}.py"
        uri = f"notebooks/{Path(page.src_uri).stem}.ipynb"
        # A real source folder, not File.generated: mkdocs-jupyter reads src_dir.
        src_dir = NOTEBOOK_DIR / _lang(config)
        (src_dir / uri).parent.mkdir(parents=True, exist_ok=True)
        text = nbformat.writes(notebook.build(markdown, lesson, results[stem], _lang(config)))
        if not (src_dir / uri).exists() or (src_dir / uri).read_text(encoding="utf-8") != text:
            (src_dir / uri).write_text(text, encoding="utf-8")  # unchanged file: mkdocs-jupyter cache hit
        files.append(File(uri, str(src_dir), config.site_dir, config.use_directory_urls))
    return files


def _outputs_block(stem: str, section: str, indent: str, page_uri: str, lang: str) -> str:
    result = results[stem][section]
    parts = []
    if result["text"]:
        parts.append(f"```text\n{result['text'].rstrip()}\n```")
    for number in range(1, len(result["figures"]) + 1):
        src = posixpath.relpath(f"{FIGURE_DIR}/{stem}/{section}-{number}.png", posixpath.dirname(page_uri))
        parts.append(f"![{i18n.text('figure', lang)} {section}]({src})")
    if not parts:
        return ""
    body = "\n\n".join(['<div class="cell-output" markdown>', *parts, "</div>"])
    return "\n\n" + "\n".join(indent + line if line else line for line in body.splitlines())


def on_page_markdown(markdown, page, config, files):
    if not (stem := lesson_of(markdown)):
        return markdown
    lang, uri = _lang(config), page.file.src_uri
    missing = [m["section"] for m in EMBED.finditer(markdown) if m["section"] not in results[stem]]
    if missing:
        raise PluginError(f"{uri} embeds sections that {stem}.py does not have: {missing}")
    markdown = EMBED.sub(lambda m: m[0] + _outputs_block(stem, m["section"], m["indent"], uri, lang), markdown)
    name = Path(uri).stem
    page_link = posixpath.relpath(f"notebooks/{name}.ipynb", posixpath.dirname(uri))
    # mkdocs-jupyter (include_source) puts the .ipynb file next to the notebook's page
    here = page.url if page.url.endswith("/") else posixpath.dirname(page.url)  # the page's folder in the site
    file_link = posixpath.relpath(f"notebooks/{name}/{name}.ipynb", here or ".")
    buttons = (
        f'<a class="md-button md-button--primary" href="{file_link}" download>{i18n.text("download", lang)}</a> '
        f"[{i18n.text('view-notebook', lang)}]({page_link}){{ .md-button }}"
    )
    title, _, rest = markdown.partition("\n")
    if not title.startswith("# "):
        raise PluginError(f"{uri}: a lesson page must start with its '# ' title")
    return f"{title}\n\n{buttons}\n{rest}"


def on_page_content(html, page, config, files):
    if page.file.src_uri.startswith("notebooks/") and page.file.src_uri.endswith(".ipynb"):
        name = Path(page.file.src_uri).name
        html = f'<a class="md-button md-button--primary" href="{name}" download>{i18n.text("download", _lang(config))}</a>\n{html}'
    if _lang(config) in i18n.RTL:  # code and outputs read left to right in every language
        html = html.replace("<pre", '<pre dir="ltr"').replace("<code", '<code dir="ltr"')
    return html


def on_nav(nav, config, files):
    for item in nav.items:
        if isinstance(item, Section) and item.title.lower() in ("lessons", "notebooks"):
            item.title = i18n.text(item.title.lower(), _lang(config))
    return nav
