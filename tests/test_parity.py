"""Every page exists in all four languages and embeds the same code, in the same order."""

import re

import pytest
from mkdocs.utils.meta import get_data

from tools.execute import REPO, lesson_paths, sections
from tools.i18n import LANGUAGES
from tools.pages import EMBED, embeds

DOCS = REPO / "docs"
PAGES = sorted(p.relative_to(DOCS / "en").as_posix() for p in (DOCS / "en").rglob("*.md"))
INLINE_CODE = re.compile(r"^[ \t]*(```|~~~)[ \t]*\{?[ \t]*\.?(python|py|pycon)\b|^[ \t]*>>> ", re.M)


def read(lang, page):
    """A page's markdown without its front matter."""
    return get_data((DOCS / lang / page).read_text(encoding="utf-8"))[0]


def test_languages_have_the_same_pages():
    for lang in LANGUAGES:
        assert sorted(p.relative_to(DOCS / lang).as_posix() for p in (DOCS / lang).rglob("*.md")) == PAGES, lang


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_same_embeds_in_the_same_order(lang, page):
    assert embeds(read(lang, page)) == embeds(read("en", page))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_code_written_inline(lang, page):
    text = EMBED.sub("", read(lang, page))
    assert not INLINE_CODE.search(text), f"{lang}/{page}: put the code in snippets/ and embed it"


@pytest.mark.parametrize("lesson", lesson_paths(), ids=lambda p: p.stem)
def test_each_lesson_page_shows_all_its_code_in_order(lesson):
    """So the page, read top to bottom, is the whole lesson script."""
    file = f"snippets/lessons/{lesson.name}"
    shown = [(page, [s for f, s in embeds(read("en", page)) if f == file]) for page in PAGES]
    shown = [(page, names) for page, names in shown if names]
    assert len(shown) == 1, f"{file} should be embedded by exactly one page, found {[p for p, _ in shown]}"
    assert shown[0][1] == [s.name for s in sections(lesson)]


def test_lesson_pages_start_with_their_title():
    for lang in LANGUAGES:
        for page in PAGES:
            assert read(lang, page).startswith("# "), f"{lang}/{page}"


FORMULA_IN_CODE = re.compile(r"(?<!`)`[^`\n]*[Σ∂∇←²³√‖ᵀ][^`\n]*`(?!`)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_formulas_are_written_as_math_not_code(lang):
    """Formulas go between $...$ (typeset at build time), not in code font."""
    found = [f"{page}: {m[0]}" for page in PAGES for m in FORMULA_IN_CODE.finditer(read(lang, page))]
    assert not found, "write these as LaTeX math:\n" + "\n".join(found)


@pytest.mark.parametrize("page", PAGES)
def test_every_heading_has_the_same_explicit_id_in_every_language(page):
    """Section links work in every language; run `python -m tools.anchors` to add missing ids."""
    from tools.anchors import headings

    ids = {lang: [m["id"] for m in headings(read(lang, page))] for lang in LANGUAGES}
    assert all(ids["en"]), f"en/{page}: headings without an explicit id"
    for lang in LANGUAGES[1:]:
        assert ids[lang] == ids["en"], f"{lang}/{page}"
