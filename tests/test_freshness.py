"""Translations record the English version they translate; stale ones are listed and flagged."""

import shutil
from types import SimpleNamespace

from tools import freshness, hooks


def test_every_translation_is_up_to_date():
    assert freshness.stale() == [], "update the translation, then: python -m tools.freshness --stamp LANG/PAGE"


def test_a_changed_english_page_makes_its_translations_stale(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(freshness.DOCS, docs)
    page = docs / "en" / "lessons" / "02-autograd.md"
    page.write_text(page.read_text() + "\nA new paragraph.\n")
    assert freshness.stale(docs) == [f"{lang}/lessons/02-autograd.md" for lang in ("ar", "ru", "zh")]
    freshness.stamp("ru/lessons/02-autograd.md", docs)
    assert freshness.stale(docs) == ["ar/lessons/02-autograd.md", "zh/lessons/02-autograd.md"]
    assert (docs / "ru/lessons/02-autograd.md").read_text().startswith("---\ntranslation_of: ")


def test_a_stale_page_shows_a_notice_in_its_language_with_a_link_to_english():
    current = freshness.english_version("lessons/02-autograd.md")
    page = SimpleNamespace(meta={"translation_of": "000000000000"}, url="lessons/02-autograd/",
                           file=SimpleNamespace(src_uri="lessons/02-autograd.md"))
    notice = hooks.stale_notice(page, "ru")
    assert "Английская страница изменилась" in notice and 'href="../../../en/lessons/02-autograd/"' in notice
    page.meta["translation_of"] = current
    assert hooks.stale_notice(page, "ru") == ""
    assert hooks.stale_notice(page, "en") == ""
