"""MkDocs hook: run the lessons (once, cached), put each embedded section's code and
outputs on the page, publish each lesson page as a notebook, say how the outputs were
made, and localise what the build adds."""

import base64
import posixpath
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.nav import Section

from tools import i18n, notebook
from tools.execute import REPO, LessonError, execute, lesson_paths
from tools.pages import EMBED, alt_texts, lesson_of

NOTEBOOK_DIR = REPO / ".cache" / "notebooks"
FIGURE_DIR = "assets/figures"
COLAB = "https://colab.research.google.com/github/{repository}/blob/{branch}/{path}"
results = {}  # lesson stem -> run record (tools.execute.execute)


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
    for stem, record in results.items():
        for name, result in record["sections"].items():
            for number, png in enumerate(result["figures"], start=1):
                uri = f"{FIGURE_DIR}/{stem}/{name}-{number}.png"
                files.append(File.generated(config, uri, content=base64.b64decode(png)))
    for page in [f for f in files.documentation_pages() if f.src_uri.startswith("lessons/")]:
        markdown = Path(page.abs_src_path).read_text(encoding="utf-8")
        if not (stem := lesson_of(markdown)):
            continue
        uri = f"notebooks/{Path(page.src_uri).stem}.ipynb"
        # A real source folder, not File.generated: mkdocs-jupyter reads src_dir.
        src_dir = NOTEBOOK_DIR / _lang(config)
        (src_dir / uri).parent.mkdir(parents=True, exist_ok=True)
        text = nbformat.writes(notebook.build(markdown, results[stem], _lang(config), provenance(results[stem], _lang(config))))
        if not (src_dir / uri).exists() or (src_dir / uri).read_text(encoding="utf-8") != text:
            (src_dir / uri).write_text(text, encoding="utf-8")  # unchanged file: mkdocs-jupyter cache hit
        files.append(File(uri, str(src_dir), config.site_dir, config.use_directory_urls))
    return files


def shown_text(result: dict) -> str:
    """What a section printed, then the value of its last expression, as a notebook shows them."""
    return result["text"] + (f"{result['value']}\n" if result["value"] is not None else "")


def _code_and_outputs(stem: str, match, page_uri: str, lang: str) -> str:
    section, indent = match["section"], match["indent"]
    result = results[stem]["sections"][section]
    alts = alt_texts(match)
    if alts and len(alts) != len(result["figures"]):
        raise PluginError(f"{page_uri}: {len(alts)} alt texts for the {len(result['figures'])} figures of '{section}'")
    code = f"```python\n{result['code'].rstrip()}\n```"
    return "\n".join(indent + line if line else line for line in code.splitlines()) + _outputs_block(
        result, stem, section, indent, page_uri, lang, alts)


def _outputs_block(result, stem, section, indent, page_uri, lang, alts) -> str:
    parts = []
    if text := shown_text(result):
        parts.append(f"```text\n{text.rstrip()}\n```")
    for number in range(1, len(result["figures"]) + 1):
        src = posixpath.relpath(f"{FIGURE_DIR}/{stem}/{section}-{number}.png", posixpath.dirname(page_uri))
        alt = alts[number - 1] if alts else f"{i18n.text('figure', lang)} {section}"
        parts.append(f'![{alt.replace("]", "")}]({src})')
    if not parts:
        return ""
    body = "\n\n".join(['<div class="cell-output" markdown>', *parts, "</div>"])
    return "\n\n" + "\n".join(indent + line if line else line for line in body.splitlines())


def colab_link(extra: dict, lang: str, name: str) -> str | None:
    """Colab's address of a lesson's built notebook, when ``extra.colab`` names where it is published.

    ``extra.colab``: ``repository`` (owner/name on GitHub), ``branch``, and ``path``, the folder of that
    branch that holds the built site (empty for its root).
    """
    where = extra.get("colab")
    if not where:
        return None
    if not (where.get("repository") and where.get("branch")) or where["repository"].count("/") != 1:
        raise PluginError(f"extra.colab needs repository: owner/name and branch, got {where}")
    folder = where.get("path", "").strip("/")
    path = "/".join(filter(None, [folder, lang, "notebooks", name, f"{name}.ipynb"]))
    return COLAB.format(repository=where["repository"], branch=where["branch"], path=path)


def provenance(record: dict, lang: str) -> str:
    """One paragraph that says how a lesson's outputs were made: device, torch, time, data."""
    line = i18n.text("provenance", lang).format(
        device=i18n.text(f"device-{record['device']}", lang),
        torch=f"<code>{record['torch']}</code>",
        seconds=i18n.number(record["seconds"], lang, 1),
    )
    items = []
    for dataset, info in record["datasets"].items():
        counts = {key: i18n.number(info[key], lang) for key in ("train", "test")}
        items.append(i18n.text(f"data-{info['origin']}", lang).format(
            dataset="Fashion-MNIST" if dataset == "FashionMNIST" else dataset, **counts,
            total=i18n.number(info["train"] + info["test"], lang),
            full_train=i18n.number(60000, lang), full_test=i18n.number(10000, lang),
        ))
    if items:
        line += " " + i18n.text("data", lang).format(items=i18n.text("data-separator", lang).join(items))
    return f'<p class="provenance">{line}</p>'


def on_page_markdown(markdown, page, config, files):
    if not (stem := lesson_of(markdown)):
        return markdown
    lang, uri = _lang(config), page.file.src_uri
    missing = [m["section"] for m in EMBED.finditer(markdown) if m["section"] not in results[stem]["sections"]]
    if missing:
        raise PluginError(f"{uri} embeds sections that {stem}.py does not have: {missing}")
    markdown = EMBED.sub(lambda m: _code_and_outputs(stem, m, uri, lang), markdown)
    markdown += "\n\n---\n\n" + provenance(results[stem], lang) + "\n"
    if not uri.startswith("lessons/"):  # only lessons are published as notebooks
        return markdown
    name = Path(uri).stem
    page_link = posixpath.relpath(f"notebooks/{name}.ipynb", posixpath.dirname(uri))
    # mkdocs-jupyter (include_source) puts the .ipynb file next to the notebook's page
    here = page.url if page.url.endswith("/") else posixpath.dirname(page.url)  # the page's folder in the site
    file_link = posixpath.relpath(f"notebooks/{name}/{name}.ipynb", here or ".")
    buttons = (
        f'<a class="md-button md-button--primary" href="{file_link}" download>{i18n.text("download", lang)}</a> '
        f"[{i18n.text('view-notebook', lang)}]({page_link}){{ .md-button }}"
    )
    if colab := colab_link(config.extra, lang, name):
        buttons += f' <a class="md-button" href="{colab}">{i18n.text("colab", lang)}</a>'

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
