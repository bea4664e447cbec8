"""MkDocs hook: run the lessons (once, cached), put each embedded section's code and
outputs on the page, publish each lesson page as a notebook (a downloadable .ipynb),
say how the outputs were made, and localise what the build and the theme add."""

import base64
import html
import posixpath
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.nav import Section
from mkdocs.utils.meta import get_data

from tools import formulas, freshness, i18n, notebook
from tools.execute import FIGURE_DPI, REPO, LessonError, execute_all, lesson_paths
from tools.pages import EMBED, alt_texts, lesson_of

FIGURE_DIR = "assets/figures"
WIDE_FIGURE = 700  # pixels: wider figures keep a readable size on a phone and scroll sideways
COLAB = "https://colab.research.google.com/github/{repository}/blob/{branch}/{path}"
results = {}  # lesson stem -> run record (tools.execute.execute)


def _lang(config) -> str:
    return config.theme["language"]


def on_config(config):
    """Run the lessons; put the page's language into the theme's own interface text."""
    lang = _lang(config)
    for scheme, key in zip(config.theme["palette"], ("dark-mode", "light-mode")):
        scheme["toggle"]["name"] = i18n.text(key, lang)
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = i18n.text("permalink", lang)
    config.extra["ui"] = {key: i18n.text(key, lang) for key in ("not-found", "not-found-text", "home")}
    results.clear()
    try:
        results.update(execute_all(lesson_paths()))
    except LessonError as error:
        raise PluginError(str(error)) from None


def on_files(files, config):
    lang = _lang(config)
    for stem, record in results.items():
        for name, result in record["sections"].items():
            for number, png in enumerate(result["figures"], start=1):
                uri = f"{FIGURE_DIR}/{stem}/{name}-{number}.png"
                files.append(File.generated(config, uri, content=base64.b64decode(png)))
    for page in [f for f in files.documentation_pages() if f.src_uri.startswith("lessons/")]:
        markdown, _ = get_data(Path(page.abs_src_path).read_text(encoding="utf-8"))  # without front matter
        if stem := lesson_of(markdown):
            _check_sections(markdown, stem, page.src_uri)
            text = nbformat.writes(notebook.build(markdown, results[stem], lang, provenance(results[stem], lang),
                                                  Path(page.abs_src_path).parent))
            files.append(File.generated(config, f"notebooks/{Path(page.src_uri).stem}.ipynb", content=text))
    return files


def _check_sections(markdown: str, stem: str, uri: str) -> None:
    missing = [m["section"] for m in EMBED.finditer(markdown) if m["section"] not in results[stem]["sections"]]
    if missing:
        raise PluginError(f"{uri} embeds sections that {stem}.py does not have: {missing}")


def shown_text(result: dict) -> str:
    """What a section printed, then the value of its last expression, as a notebook shows them."""
    return result["text"] + (f"{result['value']}\n" if result["value"] is not None else "")


def _code_and_outputs(stem: str, match, page_uri: str, lang: str) -> str:
    section, indent = match["section"], match["indent"]
    result = results[stem]["sections"][section]
    alts = alt_texts(match)
    if alts and len(alts) != len(result["figures"]):
        raise PluginError(f"{page_uri}: {len(alts)} alt texts for the {len(result['figures'])} figures of '{section}'")
    code = f"```{{.python .lesson-code}}\n{result['code'].rstrip()}\n```"
    return "\n".join(indent + line if line else line for line in code.splitlines()) + _outputs_block(
        result, stem, section, indent, page_uri, lang, alts)


def _png_width(png_base64: str) -> int:
    """Width in pixels of a PNG (from its IHDR header)."""
    return int.from_bytes(base64.b64decode(png_base64[:32])[16:20], "big")


def _outputs_block(result, stem, section, indent, page_uri, lang, alts) -> str:
    parts = []
    if text := shown_text(result):
        parts.append(f"```text\n{text.rstrip()}\n```")
    for number, png in enumerate(result["figures"], start=1):
        src = posixpath.relpath(f"{FIGURE_DIR}/{stem}/{section}-{number}.png", posixpath.dirname(page_uri))
        alt = (alts[number - 1] if alts else f"{i18n.text('figure', lang)} {section}").replace("]", "")
        width = round(_png_width(png) * 100 / FIGURE_DPI)  # shown at 100 dpi, sharp on dense screens
        wide = " .wide" if width > WIDE_FIGURE else ""  # scrolls sideways on a phone, never shrinks to illegible
        parts.append(  # the alt text is also the visible caption; a tap opens the full-size image
            f'<figure markdown="span">\n[![{alt}]({src}){{{wide} width="{width}" loading=lazy }}]({src})\n'
            f"<figcaption>{html.escape(alt)}</figcaption>\n</figure>"
        )
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
    path = "/".join(filter(None, [folder, lang, "notebooks", f"{name}.ipynb"]))
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


def stale_notice(page, lang: str) -> str:
    """A notice on a translation older than its English page (tools/freshness.py), else ''."""
    if lang == "en" or page.meta.get(freshness.KEY) == freshness.english_version(page.file.src_uri):
        return ""
    depth = len(page.url.strip("/").split("/")) if page.url.strip("/") else 0
    english = "../" * (depth + 1) + "en/" + page.url  # every language sits beside the others
    return f'<div class="admonition warning stale" markdown><p>{i18n.text("stale", lang).format(href=english)}</p></div>\n\n'


def on_page_markdown(markdown, page, config, files):
    if notice := stale_notice(page, _lang(config)):
        title, _, rest = markdown.partition("\n")
        markdown = f"{title}\n\n{notice}{rest}"
    if not (stem := lesson_of(markdown)):
        return markdown
    lang, uri = _lang(config), page.file.src_uri
    _check_sections(markdown, stem, uri)
    markdown = EMBED.sub(lambda m: _code_and_outputs(stem, m, uri, lang), markdown)
    markdown += "\n\n---\n\n" + provenance(results[stem], lang) + "\n"
    if not uri.startswith("lessons/"):  # only lessons are published as notebooks
        return markdown
    name = Path(uri).stem
    here = page.url if page.url.endswith("/") else posixpath.dirname(page.url)  # the page's folder in the site
    file_link = posixpath.relpath(f"notebooks/{name}.ipynb", here or ".")
    buttons = (f'<a class="md-button md-button--primary" href="{file_link}" download="{name}.{lang}.ipynb">'
               f'{i18n.text("download", lang)}</a>')
    if colab := colab_link(config.extra, lang, name):
        buttons += f' <a class="md-button" href="{colab}">{i18n.text("colab", lang)}</a>'
    title, _, rest = markdown.partition("\n")
    if not title.startswith("# "):
        raise PluginError(f"{uri}: a lesson page must start with its '# ' title")
    return f"{title}\n\n{buttons}\n{rest}"


def on_page_content(html, page, config, files):
    try:
        html = formulas.typeset(html)
    except formulas.FormulaError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
    if _lang(config) in i18n.RTL:  # code and outputs read left to right in every language
        html = html.replace("<pre", '<pre dir="ltr"').replace("<code", '<code dir="ltr"')
    return html


def on_nav(nav, config, files):
    for item in nav.items:
        if isinstance(item, Section) and item.title.lower() == "lessons":
            item.title = i18n.text("lessons", _lang(config))
    return nav
