"""The glossary is data (docs/glossary/) and every page follows it.

- no rejected variant of a term appears in a page's prose;
- a translated page gives a core term's English name in parentheses the first time it
  uses the term ("тензор (tensor)", "张量（tensor）"), since readers meet the English
  name in error messages and in the API.
"""

import re
from pathlib import Path

import pytest
import yaml

from tests.prose import prose
from tools.execute import REPO
from tools.i18n import LANGUAGES

GLOSSARY = REPO / "docs" / "glossary"
TERMS = yaml.safe_load((GLOSSARY / "terms.yml").read_text(encoding="utf-8"))
PAGES = sorted(p.relative_to(REPO / "docs/en").as_posix() for p in (REPO / "docs/en").rglob("*.md"))
GLOSS_WINDOW = 60  # characters after the term's start in which "(English name" must begin


def renderings(lang):
    return yaml.safe_load((GLOSSARY / f"{lang}.yml").read_text(encoding="utf-8"))


def page_prose(lang, page):
    return prose((REPO / "docs" / lang / page).read_text(encoding="utf-8"))


GOALS = re.compile(r'^!!! abstract .*\n(?:(?:[ \t]+.*)?\n)*', re.M)  # the learning goals box
HEADINGS = re.compile(r"^#{1,6} .*$", re.M)


def running_text(lang, page):
    """The prose where a term is introduced: without the title, headings and learning goals."""
    return HEADINGS.sub(" ", GOALS.sub("\n", page_prose(lang, page)))


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_every_term_has_a_rendering_that_finds_itself(lang):
    table = renderings(lang)
    assert set(table) == {t["en"] for t in TERMS}, "terms.yml and the language file list the same terms"
    for english, entry in table.items():
        assert entry["match"] and all(re.compile(p) for p in entry["match"] + entry["reject"]), english


@pytest.mark.parametrize("lang", LANGUAGES[1:])
@pytest.mark.parametrize("page", PAGES)
def test_no_rejected_variant(lang, page):
    text = page_prose(lang, page)
    found = [
        f"{english}: '{m[0]}' (use {entry['term']})"
        for english, entry in renderings(lang).items()
        for pattern in entry["reject"]
        for m in re.finditer(pattern, text, re.I)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", LANGUAGES[1:])
@pytest.mark.parametrize("page", PAGES)
def test_core_terms_are_glossed_in_english_at_first_use(lang, page):
    text = running_text(lang, page)
    table = renderings(lang)
    missing = []
    for term in (t for t in TERMS if t.get("core")):
        entry = table[term["en"]]
        first = min((m.start() for p in entry["match"] for m in [re.search(p, text, re.I)] if m), default=None)
        if first is None:
            continue
        window = text[first:first + GLOSS_WINDOW].lower()
        gloss = re.search(r"[(（]([^)）]*)", window)
        if not gloss or not any(name in gloss[1] for name in term["gloss"]):
            missing.append(f"{term['en']}: «{text[first:first + GLOSS_WINDOW].strip()}»")
    assert not missing, "give the English name in parentheses at first use:\n" + "\n".join(missing)
