"""Build the site in every language, each lesson executed once, and optionally serve it.

    python -m tools.build            # site/<lang>/ for en, ar, ru, zh
    python -m tools.build --serve    # ... then serve http://127.0.0.1:8000/

The lessons run first, once (``tools.execute``); then each language is a separate
MkDocs build (own search index, own plugins), one per core at a time, whose hook
finds every lesson's outputs in the cache.
"""

import argparse
import concurrent.futures
import functools
import http.server
import logging
import os
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from tools.execute import REPO, LessonError, execute_all, lesson_paths
from tools.i18n import LANGUAGES

CONFIGS = {lang: REPO / ("mkdocs.yml" if lang == "en" else f"config/{lang}.yml") for lang in LANGUAGES}
# The site root sends readers to their browser's language, English otherwise.
ROOT_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PyTorch from Zero</title>
<meta http-equiv="refresh" content="0; url=en/">
<script>
  var lang = (navigator.language || "en").slice(0, 2);
  location.replace((["ar", "ru", "zh"].indexOf(lang) >= 0 ? lang : "en") + "/");
</script></head>
<body><a href="en/">English</a> · <a href="ar/">العربية</a> · <a href="ru/">Русский</a> · <a href="zh/">中文</a></body></html>
"""


def build_language(lang: str, site_dir: Path) -> float:
    """Build one language into ``site_dir/<lang>``; return the seconds it took."""
    started = time.perf_counter()
    build(load_config(str(CONFIGS[lang]), strict=True, site_dir=str(Path(site_dir) / lang)))
    return time.perf_counter() - started


def build_site(site_dir: Path = REPO / "site", languages=LANGUAGES) -> dict:
    """Run the lessons, then build each language into ``site_dir/<lang>``; return seconds per language."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    execute_all(lesson_paths())  # here, once: the languages' builds then read the cache
    # Rendering a language is a few seconds of one core; the languages use every core.
    cores = len(os.sched_getaffinity(0))
    with concurrent.futures.ProcessPoolExecutor(max_workers=min(cores, len(languages))) as pool:
        futures = {lang: pool.submit(build_language, lang, site_dir) for lang in languages}
        seconds = {lang: future.result() for lang, future in futures.items()}
    (Path(site_dir) / "index.html").write_text(ROOT_PAGE, encoding="utf-8")
    return seconds


def serve(site_dir: Path, port: int = 8000) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site_dir))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"Serving the site on http://127.0.0.1:{port}/ (Ctrl+C stops)", flush=True)
        server.serve_forever()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=REPO / "site")
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="build only these languages")
    parser.add_argument("--serve", action="store_true", help="serve the site after building it")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    try:
        seconds = build_site(args.site_dir, args.lang or LANGUAGES)
    except (Abort, MkDocsException, LessonError) as error:
        logging.error("build failed: %s", error)
        return 1
    print("built " + ", ".join(f"{lang} in {s:.1f} s" for lang, s in seconds.items()), flush=True)
    if args.serve:
        serve(args.site_dir, args.port)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
