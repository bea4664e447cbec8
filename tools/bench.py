"""Benchmark: cold and warm site builds, the test suite, and each lesson's run time.

    python -m tools.bench             # everything (runs the test suite too)
    python -m tools.bench --no-tests  # builds and lessons only
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.execute import CACHE_DIR, REPO, lesson_paths

CACHES = [CACHE_DIR]  # the lesson outputs: the only cache the build keeps


def timed(command: list[str]) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-tests", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as site:
        build = [sys.executable, "-m", "tools.build", "--site-dir", site]
        for cache in CACHES:
            shutil.rmtree(cache, ignore_errors=True)
        rows = [("cold build, 4 languages (every lesson executed)", timed(build))]
        rows.append(("warm build, 4 languages (nothing executed)", timed(build)))
    if not args.no_tests:
        rows.append(("test suite (python -m pytest)", timed([sys.executable, "-m", "pytest", "-q"])))
    for lesson in lesson_paths():
        rows.append((f"lesson {lesson.stem}", json.loads((CACHE_DIR / f"{lesson.stem}.json").read_text())["seconds"]))
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:7.1f} s")


if __name__ == "__main__":
    main()
