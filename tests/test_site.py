"""The built site: every language, outputs from the build, links, RTL, search, notebooks.

The site is built once for this module with the project's build command, then
built again to show that an unchanged build executes nothing.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
import pytest
from mkdocs.utils.meta import get_data

from tests.built import PAGES, html_path, run_build, soup
from tests.reference import REFERENCE
from tools.execute import CACHE_DIR, REPO, lesson_paths
from tools.i18n import LANGUAGES


def test_second_build_executes_nothing(site):
    _, log = site
    assert "executed in" not in log
    for lesson in lesson_paths():
        assert f"lesson {lesson.stem}: outputs cached" in log


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_is_built_in_every_language(site, lang):
    for page in PAGES:
        assert html_path(site[0], lang, page).exists(), f"{lang}: {page}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", sorted(REFERENCE))
def test_reference_outputs_appear_in_every_language(site, lang, page):
    text = soup(html_path(site[0], lang, page)).get_text()
    for reference in REFERENCE[page]:
        assert reference in text, f"{lang}/{page} lacks {reference}"


@pytest.mark.parametrize("page", PAGES)
def test_arabic_is_right_to_left_with_code_left_to_right(site, page):
    document = soup(html_path(site[0], "ar", page))
    assert document.body["dir"] == "rtl" and document.html["lang"] == "ar"
    assert all(pre.get("dir") == "ltr" for pre in document.find_all("pre"))
    assert all(code.get("dir") == "ltr" for code in document.find_all("code"))
    assert soup(html_path(site[0], "en", page)).body["dir"] == "ltr"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_internal_links_and_images_resolve(site, lang):
    site_dir = site[0]
    broken = []
    for page in (site_dir / lang).rglob("*.html"):
        for tag in soup(page).find_all(["a", "img", "link", "script"]):
            target = tag.get("href") or tag.get("src")
            if not target or urlparse(target).scheme or target.startswith(("#", "//", "mailto:")):
                continue
            path = unquote(urlparse(target).path)
            resolved = (site_dir / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.exists():
                broken.append(f"{page.relative_to(site_dir)} -> {target}")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("lesson", [p for p in PAGES if p.startswith("lessons/")])
def test_lesson_has_outputs_a_figure_and_its_notebook(site, lang, lesson):
    site_dir = site[0]
    page = soup(html_path(site_dir, lang, lesson))
    assert page.select(".cell-output pre"), "no text output under the code"
    assert page.select(".cell-output img"), "no figure"
    assert page.select("details.success"), "no hidden solution"
    name = Path(lesson).stem
    download = page.find("a", class_="md-button", download=True)
    assert download and download["href"].endswith(f"notebooks/{name}.ipynb") and download["download"] == f"{name}.{lang}.ipynb"
    notebook_file = (html_path(site_dir, lang, lesson).parent / download["href"]).resolve()
    notebook = nbformat.read(notebook_file, as_version=4)
    nbformat.validate(notebook)
    title = page.find("h1").get_text().rstrip("¶").strip()
    assert title in notebook.cells[0].source, "notebook prose is not this language's"
    outputs = "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "")
                      for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    for reference in REFERENCE.get(lesson, []):
        assert reference in outputs
    assert any("image/png" in o.get("data", {}) for c in notebook.cells if c.cell_type == "code" for o in c.outputs)


def test_chinese_search_index_is_segmented(site):
    index = json.loads((site[0] / "zh" / "search" / "search_index.json").read_text(encoding="utf-8"))
    lesson = [d for d in index["docs"] if d["location"].startswith("lessons/01-tensors/")]
    text = " ".join(d["text"] + d["title"] for d in lesson)
    assert "\u200b" in text  # jieba's word boundaries, which the search separator splits on
    words = re.split(r"[\s\u200b]+", text)
    assert "张量" in words


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_language_menu_leads_to_the_same_page_wherever_the_site_is_served(site, lang, page):
    """Relative links computed at build time: no script, no site_url, no sitemap lookup."""
    path = html_path(site[0], lang, page)
    links = {a["hreflang"]: a["href"] for a in soup(path).select("a.md-select__link")}
    assert set(links) == set(LANGUAGES)
    for other, href in links.items():
        assert not urlparse(href).scheme and not href.startswith("/"), href
        assert (path.parent / href / "index.html").resolve() == html_path(site[0], other, page).resolve()
    assert not soup(path).find_all("link", rel="alternate", hreflang=True), "Material's script would override the menu"


ENGLISH_INTERFACE = ["Dark mode", "Light mode", "Permanent link", "Not found", "Made with", "Download the notebook"]


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_interface_text_is_in_the_pages_language(site, lang):
    for path in [html_path(site[0], lang, page) for page in PAGES] + [site[0] / lang / "404.html"]:
        html = path.read_text(encoding="utf-8")
        assert not [s for s in ENGLISH_INTERFACE if s in html], path


def test_a_broken_lesson_fails_the_build_naming_lesson_and_cell(tmp_path):
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout.split()
    for name in files:
        if (REPO / name).is_file():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(REPO / name, tmp_path / name)
    if CACHE_DIR.exists():  # the other lessons come from the cache: only the broken one runs
        shutil.copytree(CACHE_DIR, tmp_path / CACHE_DIR.relative_to(REPO))
    lesson = tmp_path / "snippets/lessons/01_tensors.py"
    lesson.write_text(lesson.read_text().replace("torch.sum(features * weights)", "torch.sum(features @ weights)", 1))
    result = run_build(tmp_path / "site", "--lang", "en", cwd=tmp_path)
    assert result.returncode != 0
    assert "lesson 01_tensors.py failed in cell 'neuron-output' (line 31)" in result.stderr
    assert "mat1 and mat2 shapes cannot be multiplied" in result.stderr


def page_text(site, page, lang="en"):
    return soup(html_path(site[0], lang, page)).get_text()


def test_cnn_reaches_92_percent_on_the_full_fashion_mnist_test_set(site):
    text = page_text(site, "lessons/09-cnn.md")
    assert "Fashion-MNIST, 60\u00a0000 training and 10\u00a0000 test images, from Debian" in text  # the page's data line
    cnn = re.search(r"CNN: ([\d,]+) parameters, test accuracy ([\d.]+)%", text)
    mlp = re.search(r"MLP: ([\d,]+) parameters, test accuracy ([\d.]+)%", text)
    assert float(cnn[2]) >= 92, cnn[0]
    assert float(cnn[2]) > float(mlp[2]), (cnn[0], mlp[0])
    assert int(cnn[1].replace(",", "")) < int(mlp[1].replace(",", "")), "the page says the CNN has fewer parameters"


def test_lesson_8_loss_falls_every_epoch(site):
    text = page_text(site, "lessons/08-training.md")
    losses = [float(x) for x in re.findall(r"epoch \d/5: training loss ([\d.]+)", text)]
    curriculum_run = losses[:5]
    assert len(curriculum_run) == 5 and all(b < a for a, b in zip(curriculum_run, curriculum_run[1:])), losses


@pytest.mark.parametrize("lang", LANGUAGES)
def test_navigation_is_translated(site, lang):
    from tools.i18n import text

    nav = soup(html_path(site[0], lang, "index.md")).select_one("nav.md-nav--primary").get_text()
    assert text("lessons", lang) in nav
    for page in PAGES:
        if page.startswith("lessons/"):
            source = get_data((REPO / "docs" / lang / page).read_text(encoding="utf-8"))[0]
            title = source.splitlines()[0].removeprefix("# ")
            assert title in nav, f"{lang}: {title} missing from the navigation"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_figure_has_a_caption_in_the_pages_language(site, lang):
    from tools.i18n import text

    default = text("figure", lang)
    for page in PAGES:
        for figure in soup(html_path(site[0], lang, page)).select(".cell-output figure"):
            image, caption = figure.find("img"), figure.find("figcaption")
            assert caption and image["alt"] == caption.get_text(), f"{lang}/{page}: {image['src']}"
            assert not image["alt"].startswith(default), f"{lang}/{page}: {image['src']} has no description"
            assert int(image["width"]) > 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_index_holds_each_page_once_with_clean_titles(site, lang):
    index = json.loads((site[0] / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert pages == {"" if p == "index.md" else p.removesuffix(".md") + "/" for p in PAGES}
    titles = [re.sub(r"</?code>", "", doc["title"]) for doc in index["docs"]]  # code in titles is intended
    debris = [title for title in titles if re.search(r"¶|<|>|\{#", title)]
    assert not debris, debris
