"""The built site that the tests read: one build per test session (see tests/conftest.py)."""

import functools
import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from tools.execute import REPO

PAGES = sorted(p.relative_to(REPO / "docs/en").as_posix() for p in (REPO / "docs/en").rglob("*.md"))
LESSON_PAGES = [p for p in PAGES if p.startswith("lessons/")]


def run_build(site_dir: Path, *args, cwd=REPO):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "tools.build", "--site-dir", str(site_dir), *args],
        cwd=cwd, env=env, capture_output=True, text=True,
    )


def html_path(site_dir, lang, page):
    page = page[: -len(".md")]
    return site_dir / lang / ("index.html" if page == "index" else f"{page.removesuffix('/index')}/index.html")


def soup(path):
    """The parsed page, parsed once per version of the file: callers share it and must not change it."""
    path = Path(path)
    return _parse(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=None)
def _parse(path, version):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
