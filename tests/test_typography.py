"""Typography per language, checked in the prose of every page (code and math excluded).

- numbers never break across lines: groups of digits are joined by a no-break space;
- Arabic: numbers with separators, dimensions like 784-256-10 and signed numbers sit in
  code spans (or are written without separators), so right-to-left display cannot reorder them;
- Russian: decimal comma and a real minus sign (−) in prose;
- Chinese: full-width punctuation next to Chinese text, full-width parentheses for glosses;
- no italics on Arabic or Chinese words (those scripts have none).
"""

import re

import pytest

from tests.prose import prose
from tools.execute import REPO
from tools.i18n import LANGUAGES

PAGES = sorted(p.relative_to(REPO / "docs/en").as_posix() for p in (REPO / "docs/en").rglob("*.md"))
HAN = r"\u4e00-\u9fff"
ARABIC = r"\u0600-\u06ff"

RULES = {
    "all": {
        "a number broken by a plain space (use a no-break space)": re.compile(r"\d \d{3}(?!\d)"),
    },
    "ar": {
        "a number with a separator outside a code span": re.compile(r"\d[\u00a0\u202f ,]\d{3}(?!\d)"),
        "a dimension chain like 784-256-10 outside a code span": re.compile(r"\d+-\d+-\d+"),
        "a signed number outside a code span": re.compile(r"(?<![A-Za-z0-9_.])[-−+±]\d"),  # و-1 too
        "italics on Arabic words": re.compile(rf"(?<![*A-Za-z0-9_])\*(?!\*)[^*\n]*[{ARABIC}][^*\n]*(?<!\*)\*(?![*A-Za-z0-9_])"),
    },
    "ru": {
        "a decimal point in prose (use a comma)": re.compile(
            r"(?<![\d.])(?<!Python )(?<!PyTorch )(?<!torch )(?<!глава )(?<!главе )(?<!раздел )(?<!разделе )(?<!§)"
            r"\d+\.\d+(?![\d.])"),
        "a hyphen as a minus sign (use −)": re.compile(r"(?<![\w\-−])-(?=\d)"),
    },
    "zh": {
        "half-width punctuation after Chinese text": re.compile(rf"[{HAN}][,;:?!]"),
        "a half-width parenthesis next to Chinese text": re.compile(
            rf"[{HAN}]\(|\)[{HAN}]|[{HAN}] \((?=[A-Za-z][A-Za-z ]*\))"),  # 张量 (tensor) too; shapes like (3, 2) are code-like
        "italics on Chinese words": re.compile(rf"(?<![*A-Za-z0-9_])\*(?!\*)[^*\n]*[{HAN}][^*\n]*(?<!\*)\*(?![*A-Za-z0-9_])"),
    },
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_typography(lang, page):
    text = prose((REPO / "docs" / lang / page).read_text(encoding="utf-8"))
    problems = [
        f"{rule}: «{text[max(0, m.start() - 20):m.end() + 20].strip()}»"
        for rules in (RULES["all"], RULES.get(lang, {}))
        for rule, pattern in rules.items()
        for m in pattern.finditer(text)
    ]
    assert not problems, f"{lang}/{page}:\n" + "\n".join(problems)
