"""What a page shows is all a reader needs: its code and its notebook run outside this project.

The build's own run of each lesson is the main proof (tools/execute.py runs exactly the
shown code in a scratch folder, where importing the project fails). These tests check
that pages and notebooks show exactly that code, and run two notebooks and one page's
code the way a reader would, comparing what they print with the site.
"""

import ast
import json
import os
import re
import subprocess
import sys

import nbformat
import pytest

from tests.built import LESSON_PAGES, html_path, soup
from tools import hooks
from tools.execute import CACHE_DIR, MEASURED, REPO, execute
from tools.i18n import LANGUAGES
from tools.notebook import LRI, PDI
from tools.pages import lesson_of

PIP = "pip install torch torchvision matplotlib numpy"


def lesson_record(page):
    stem = lesson_of((REPO / "docs/en" / page).read_text(encoding="utf-8"))
    return json.loads((CACHE_DIR / f"{stem}.json").read_text())


def built_notebook(site_dir, lang, page):
    name = page.removeprefix("lessons/").removesuffix(".md")
    return nbformat.read(site_dir / lang / "notebooks" / f"{name}.ipynb", as_version=4)


def imported_modules(code: str) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            modules.add((node.module or "").split(".")[0])
    return modules


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", LESSON_PAGES)
def test_notebook_code_is_the_code_the_build_ran(site, lang, page):
    record = lesson_record(page)
    notebook = built_notebook(site[0], lang, page)
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    assert code == [section["code"].rstrip("\n") for section in record["sections"].values()]
    # the four packages, what they install (Pillow comes with torchvision), and the standard library
    allowed = {"torch", "torchvision", "matplotlib", "numpy", "PIL"} | sys.stdlib_module_names
    assert imported_modules("\n".join(code)) <= allowed
    assert PIP in notebook.cells[0].source, "the first cell says what to install"
    assert 'class="provenance"' in notebook.cells[-1].source


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", LESSON_PAGES)
def test_page_shows_the_code_that_ran_and_how_it_was_made(site, lang, page):
    record = lesson_record(page)
    document = soup(html_path(site[0], lang, page))
    blocks = document.select("div.lesson-code pre code")
    shown = [block.get_text() for block in blocks]
    assert [code.rstrip("\n") for code in shown] == [s["code"].rstrip("\n") for s in record["sections"].values()]
    for name, section in record["sections"].items():
        if "def " in section["code"] and name == "helpers":
            helper_block = document.find("details", class_="example")
            assert helper_block and section["code"].strip()[:40] in helper_block.get_text(), "helpers are collapsed"
    line = document.find("p", class_="provenance")
    assert line and record["torch"] in line.get_text()
    for dataset in record["datasets"]:
        assert dataset.replace("FashionMNIST", "Fashion-MNIST") in line.get_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_notebook_solutions_are_hidden_until_opened(site, lang):
    notebook = built_notebook(site[0], lang, "lessons/05-logistic-regression.md")
    hidden = [c for c in notebook.cells if c.cell_type == "code" and c.metadata.get("jupyter", {}).get("source_hidden")]
    assert len(hidden) == 3  # the helpers and the two solutions
    assert "def plot_decision_regions" in hidden[0].source


def test_arabic_notebooks_keep_inline_code_left_to_right(site):
    for page in LESSON_PAGES:
        for cell in built_notebook(site[0], "ar", page).cells:
            if cell.cell_type == "markdown":
                spans = re.findall(r"(.?)(`[^`\n]+`)(.?)", cell.source)
                assert all(before == LRI and after == PDI for before, _, after in spans), cell.source[:200]


def test_no_colab_link_without_its_setting(site):
    assert "colab.research.google.com" not in html_path(site[0], "en", "lessons/01-tensors.md").read_text()


def test_colab_link_form():
    extra = {"colab": {"repository": "someone/pytorch-from-zero", "branch": "gh-pages", "path": "/site/"}}
    assert hooks.colab_link(extra, "ar", "03-linear-regression") == (
        "https://colab.research.google.com/github/someone/pytorch-from-zero/blob/gh-pages/"
        "site/ar/notebooks/03-linear-regression.ipynb"
    )
    assert hooks.colab_link({}, "en", "01-tensors") is None
    with pytest.raises(Exception, match="owner/name"):
        hooks.colab_link({"colab": {"repository": "no-owner", "branch": "main"}}, "en", "01-tensors")


def reader_env():
    """A reader's process: the project is not importable, there is no GPU."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    return dict(env, CUDA_VISIBLE_DEVICES="", MPLBACKEND="Agg", PYTHONNOUSERSITE="1")


BLOCK_PROJECT = (
    "import sys, importlib.abc\n"
    "class _NoProject(importlib.abc.MetaPathFinder):\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name.split('.')[0] in ('snippets', 'tools'):\n"
    "            raise ModuleNotFoundError(name)\n"
    "sys.meta_path.insert(0, _NoProject())\n"
)


def test_a_pages_code_pasted_into_a_script_prints_what_the_page_shows(tmp_path):
    """Lesson 2's code blocks, concatenated into one file and run with python in an empty folder."""
    record = execute(REPO / "snippets/lessons/02_autograd.py")  # from the cache: the build's one run
    script = BLOCK_PROJECT + "\n".join(s["code"] for s in record["sections"].values())
    (tmp_path / "lesson.py").write_text(script)
    done = subprocess.run([sys.executable, "-u", "lesson.py"], cwd=tmp_path, env=reader_env(),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    # A script does not echo a cell's last value as a notebook does: compare what the code prints.
    assert done.stdout == "".join(s["text"] for s in record["sections"].values())


@pytest.mark.parametrize("page", ["lessons/01-tensors.md", "lessons/02-autograd.md"])
def test_an_english_notebook_runs_in_a_fresh_kernel_and_gives_the_sites_outputs(site, tmp_path, page):
    from nbclient import NotebookClient

    notebook = built_notebook(site[0], "en", page)
    expected = [[o for o in c.outputs if o.output_type != "display_data"] for c in notebook.cells if c.cell_type == "code"]
    notebook.cells.insert(0, nbformat.v4.new_code_cell(BLOCK_PROJECT))
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    env_before = dict(os.environ)
    os.environ.update(reader_env())
    os.environ.pop("PYTHONPATH", None)
    try:
        NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(env_before)
    ran = [[o for o in c.outputs if o.output_type != "display_data"] for c in notebook.cells[1:] if c.cell_type == "code"]

    def text(outputs):  # timings print lines that start with "measured:": they differ between runs
        joined = "".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") + "\n" for o in outputs)
        return "".join(line for line in joined.splitlines(keepends=True) if not line.startswith(MEASURED))

    assert [text(o) for o in ran] == [text(o) for o in expected]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_notebooks_have_no_links_that_only_work_on_the_site(site, lang):
    """A downloaded notebook has no site beside it: page links become text, images attachments."""
    for page in LESSON_PAGES:
        for cell in built_notebook(site[0], lang, page).cells:
            if cell.cell_type != "markdown":
                continue
            assert not re.search(r"\]\((?![a-z]+:)[^)\s]*\.md\b", cell.source), cell.source[:300]
            for source in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", cell.source):
                assert source.startswith(("attachment:", "https:")), source
                if source.startswith("attachment:"):
                    assert source.removeprefix("attachment:") in cell.attachments
