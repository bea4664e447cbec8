"""Which translated pages are older than their English page.

Each Arabic, Russian and Chinese page records, in its front matter, the version of the
English page it translates::

    ---
    translation_of: 3f2a9c1b7d40
    ---

(the start of the SHA-256 of the English source). When the English page changes and the
translation does not, the built page shows a notice in its language with a link to the
English page (tools/hooks.py), and this command lists it:

    python -m tools.freshness                 # list stale translations
    python -m tools.freshness --stamp ar/lessons/01-tensors.md   # after updating a translation
    python -m tools.freshness --stamp-all     # every translation is up to date
"""

import argparse
import hashlib
import re
import sys
from pathlib import Path

from tools.i18n import LANGUAGES

DOCS = Path(__file__).resolve().parents[1] / "docs"
FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.S)
KEY = "translation_of"


def english_version(page: str, docs: Path = DOCS) -> str:
    """The version of an English page: the start of the SHA-256 of its source."""
    return hashlib.sha256((docs / "en" / page).read_bytes()).hexdigest()[:12]


def recorded_version(text: str) -> str | None:
    if match := FRONT_MATTER.match(text):
        if found := re.search(rf"^{KEY}: *(\S+)", match["body"], re.M):
            return found[1]
    return None


def stale(docs: Path = DOCS) -> list[str]:
    """Translated pages (lang/page) whose recorded English version is not the current one."""
    pages = sorted(p.relative_to(docs / "en").as_posix() for p in (docs / "en").rglob("*.md"))
    return [
        f"{lang}/{page}"
        for lang in LANGUAGES[1:]
        for page in pages
        if recorded_version((docs / lang / page).read_text(encoding="utf-8")) != english_version(page, docs)
    ]


def stamp(lang_page: str, docs: Path = DOCS) -> None:
    """Record that a translation matches the current English page."""
    lang, page = lang_page.split("/", 1)
    path = docs / lang / page
    text = path.read_text(encoding="utf-8")
    line = f"{KEY}: {english_version(page, docs)}"
    if match := FRONT_MATTER.match(text):
        body = re.sub(rf"^{KEY}:.*$", line, match["body"], flags=re.M) if recorded_version(text) else f"{match['body']}\n{line}"
        text = f"---\n{body}\n---\n" + text[match.end():]
    else:
        text = f"---\n{line}\n---\n" + text
    path.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stamp", action="append", default=[], metavar="LANG/PAGE")
    parser.add_argument("--stamp-all", action="store_true")
    args = parser.parse_args()
    for lang_page in stale() if args.stamp_all else args.stamp:
        stamp(lang_page)
    outdated = stale()
    for lang_page in outdated:
        print(f"stale: {lang_page} (English page changed; update it, then --stamp {lang_page})")
    if not outdated:
        print("every translation is up to date with its English page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
