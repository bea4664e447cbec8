"""Run each lesson once, capture the outputs of its named sections, cache them.

A lesson is a script in ``snippets/lessons`` whose code lives in named sections::

    # --8<-- [start:neuron]
    ...
    # --8<-- [end:neuron]

Pages embed those sections with ``pymdownx.snippets`` and show, under each one,
the text and figures it produced here. A lesson runs in its own Python process,
section by section in one namespace, like a notebook: the value of a section's
last expression is printed. Results are cached under a key made from everything
that can change them, so an unchanged lesson is never run twice.
"""

import ast
import base64
import contextlib
import hashlib
import importlib.metadata
import io
import json
import logging
import os
import re
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LESSONS_DIR = REPO / "snippets" / "lessons"
CACHE_DIR = REPO / ".cache" / "lessons"
START = re.compile(r"^# --8<-- \[start:(?P<name>[\w-]+)\]\s*$")
END = re.compile(r"^# --8<-- \[end:(?P<name>[\w-]+)\]\s*$")

log = logging.getLogger("mkdocs.hooks.lessons")


class LessonError(Exception):
    """A lesson cannot run; the message names the lesson and the cell."""


@dataclass
class Section:
    name: str
    code: str
    first_line: int  # line number of the section's first code line in the lesson


def lesson_paths():
    return sorted(LESSONS_DIR.glob("[0-9][0-9]_*.py"))


def sections(path: Path) -> list[Section]:
    """The named sections of a lesson, in file order.

    Code outside a section would run without being shown, so it is an error.
    """
    found, current, start, body = [], None, 0, []
    for number, line in enumerate(Path(path).read_text().splitlines(), start=1):
        if match := START.match(line):
            if current:
                raise LessonError(f"{path.name}:{number}: section '{match['name']}' starts inside '{current}'")
            current, start, body = match["name"], number + 1, []
        elif match := END.match(line):
            if match["name"] != current:
                raise LessonError(f"{path.name}:{number}: end of '{match['name']}' does not close '{current}'")
            found.append(Section(current, "\n".join(body) + "\n", start))
            current = None
        elif current:
            body.append(line)
        elif line.strip() and not line.lstrip().startswith("#"):
            raise LessonError(f"{path.name}:{number}: code outside a named section would run unseen")
    if current:
        raise LessonError(f"{path.name}: section '{current}' is never closed")
    names = [s.name for s in found]
    if len(set(names)) != len(names):
        raise LessonError(f"{path.name}: duplicate section names in {names}")
    return found


def cache_key(path: Path) -> str:
    """Hash of the lesson, the helpers it imports, this runner, torch and the data."""
    from snippets import data

    digest = hashlib.sha256()
    helpers = [p for p in sorted((REPO / "snippets").rglob("*.py")) if LESSONS_DIR not in p.parents]
    for file in [Path(path), Path(__file__), *helpers]:
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    for package in ("torch", "torchvision", "matplotlib", "numpy"):
        digest.update(f"{package}=={importlib.metadata.version(package)}".encode())
    digest.update(data.version().encode())
    return digest.hexdigest()


def run_section(section: Section, namespace: dict, filename: str) -> None:
    """Execute a section; print the value of its last expression, like a notebook."""
    tree = ast.parse(section.code, filename)
    ast.increment_lineno(tree, section.first_line - 1)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, filename, "exec"), namespace)
    if last is not None:
        value = eval(compile(ast.Expression(last.value), filename, "eval"), namespace)
        if value is not None:
            print(repr(value))


def _figures() -> list[str]:
    """PNG images of the open matplotlib figures (base64), then close them."""
    import matplotlib.pyplot as plt

    images = []
    for number in plt.get_fignums():
        buffer = io.BytesIO()
        plt.figure(number).savefig(buffer, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
        images.append(base64.b64encode(buffer.getvalue()).decode())
    plt.close("all")
    return images


def run(path: Path) -> dict:
    """Run a lesson in this process; return each section's text, figures and time."""
    import matplotlib

    matplotlib.use("Agg")
    namespace = {"__name__": "__main__", "__file__": str(path)}
    results, filename = {}, str(path)
    for section in sections(path):
        stream, started = io.StringIO(), time.perf_counter()
        try:
            with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
                run_section(section, namespace, filename)
        except BaseException as error:  # report any failure, with the cell it happened in
            frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == filename]
            line = frames[-1].lineno if frames else section.first_line
            return {"error": {"cell": section.name, "line": line, "traceback": traceback.format_exc(), "output": stream.getvalue()}}
        text = stream.getvalue().replace(f"{REPO}/", "")  # warnings name files: keep paths machine-neutral
        results[section.name] = {"text": text, "figures": _figures(), "seconds": time.perf_counter() - started}
    return {"sections": results}


def _run_in_subprocess(path: Path) -> dict:
    """Run a lesson in a fresh CPU-only Python process, isolated from the others."""
    env = dict(os.environ, PYTORCH_TUTORIALS_DEVICE="cpu", MPLBACKEND="Agg", PYTHONHASHSEED="0")
    done = subprocess.run(
        [sys.executable, "-m", "tools.execute", str(path)], cwd=REPO, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise LessonError(f"lesson {path.name} crashed the runner:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def execute(path: Path, use_cache: bool = True) -> dict:
    """Outputs of every section of a lesson, from the cache or from a fresh run."""
    path = Path(path)
    key = cache_key(path)
    cached = CACHE_DIR / f"{path.stem}.json"
    if use_cache and cached.exists():
        stored = json.loads(cached.read_text())
        if stored["key"] == key:
            log.info("lesson %s: outputs cached (key %s), not executed", path.stem, key[:12])
            return stored["sections"]
    started = time.perf_counter()
    result = _run_in_subprocess(path)
    if "error" in result:
        error = result["error"]
        raise LessonError(
            f"lesson {path.name} failed in cell '{error['cell']}' (line {error['line']}):\n"
            f"{error['traceback']}"
        )
    seconds = time.perf_counter() - started
    log.info("lesson %s: executed in %.1f s", path.stem, seconds)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps({"key": key, "seconds": seconds, "sections": result["sections"]}))
    return result["sections"]


if __name__ == "__main__":
    # Child process: run one lesson, print its results as JSON on the real stdout.
    real_stdout = sys.stdout
    print(json.dumps(run(Path(sys.argv[1]))), file=real_stdout)
