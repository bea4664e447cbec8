"""Run each lesson once, as a reader would, capture its outputs, cache them.

A lesson is a script in ``snippets/lessons`` whose code lives in named sections::

    # --8<-- [start:neuron]
    ...
    # --8<-- [end:neuron]

Pages and notebooks show those sections; a section of ``from snippets.X import ...``
lines is shown, and run, as the helpers' source (``tools/helpers.py``). A lesson
runs like a reader's copy of its page:

* in its own Python process whose GPUs are hidden (``CUDA_VISIBLE_DEVICES=""``), so
  the standard ``"cuda" if torch.cuda.is_available() else "cpu"`` picks the CPU; the
  process is forked from a runner that has imported torch, torchvision, matplotlib and
  numpy and run nothing, so sixteen lessons pay for those imports once, not sixteen times;
* in a scratch folder outside the repository, whose ``data/MNIST`` and
  ``data/FashionMNIST`` point to the prepared offline copies (``tools/data.py``), so
  ``datasets.X(root="data", download=True)`` downloads nothing; files the lesson
  writes land in that folder and are deleted with it;
* where importing ``snippets`` or ``tools`` fails, so a lesson that needs the project
  fails the build.

Sections run in one namespace, like notebook cells: the value of a section's last
expression is shown. Results are cached under a key made from the code that ran,
this runner, the package versions and the data, so an unchanged lesson never runs twice.
"""

import ast
import atexit
import base64
import concurrent.futures
import contextlib
import hashlib
import importlib.abc
import importlib.metadata
import io
import json
import logging
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import types
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LESSONS_DIR = REPO / "snippets" / "lessons"
CACHE_DIR = REPO / ".cache" / "lessons"
START = re.compile(r"^# --8<-- \[start:(?P<name>[\w-]+)\]\s*$")
END = re.compile(r"^# --8<-- \[end:(?P<name>[\w-]+)\]\s*$")
DATASET_CALL = re.compile(r"\b(?P<name>MNIST|FashionMNIST)\(")
PROJECT_PACKAGES = ("snippets", "tools")
PACKAGES = ("torch", "torchvision", "matplotlib", "numpy")
MEASURED = "measured:"  # lines that print a timing start with this (tests ignore them)
FIGURE_DPI = 150  # pages show figures at 100 dpi (tools/hooks.py): sharp on high-density screens
# A lesson still running after this many seconds is stopped, and the build fails naming its
# cell: the slowest lesson takes under 2 minutes here, and a hang must not stall CI for hours.
LESSON_TIMEOUT = int(os.environ.get("PYTORCH_TUTORIALS_LESSON_TIMEOUT", "900"))

log = logging.getLogger("mkdocs.hooks.lessons")
_PREPARING = threading.Lock()


class LessonError(Exception):
    """A lesson cannot run; the message names the lesson and the cell."""


@dataclass
class Section:
    name: str
    code: str
    first_line: int  # line of the section's first code line in the lesson (1 for expanded helpers)
    helpers: bool = False  # code expanded from `from snippets.X import ...`


def lesson_paths():
    """Every script whose sections a page embeds: the numbered lessons, and pages such as common_errors.py."""
    return sorted(p for p in LESSONS_DIR.glob("*.py") if p.name != "__init__.py")


def sections(path: Path) -> list[Section]:
    """The named sections of a lesson as written, in file order.

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


def shown_sections(path: Path) -> list[Section]:
    """The sections as pages and notebooks show them and the build runs them: helpers expanded."""
    from tools.helpers import HelperError, expand

    shown = []
    for section in sections(path):
        try:
            expanded = expand(section.code, f"{Path(path).name}, section '{section.name}'")
        except HelperError as error:
            raise LessonError(str(error)) from None
        shown.append(Section(section.name, expanded, 1, helpers=True) if expanded else section)
    return shown


def datasets_used(shown: list[Section]) -> list[str]:
    """The torchvision datasets (folder names) that a lesson's code creates."""
    return sorted({m["name"] for s in shown for m in DATASET_CALL.finditer(s.code)})


def cache_key(shown: list[Section]) -> str:
    """Hash of the code that runs, this runner, the package versions and the data."""
    from tools import data

    digest = hashlib.sha256()
    digest.update(json.dumps([asdict(s) for s in shown]).encode())
    digest.update(Path(__file__).read_bytes())
    for package in PACKAGES:
        digest.update(f"{package}=={importlib.metadata.version(package)}".encode())
    digest.update(data.version().encode())
    digest.update(f"threads={'all' if runs_alone(shown) else 1}".encode())  # they can change the last digits
    return digest.hexdigest()


def runs_alone(shown: list[Section]) -> bool:
    """A lesson that prints timings ('measured:' lines) runs alone, on every core."""
    return any(MEASURED in s.code for s in shown)


# ---- in the lesson's own process ----------------------------------------------------

class _ProjectBlocker(importlib.abc.MetaPathFinder):
    """Makes ``import snippets`` and ``import tools`` fail, as on a reader's machine."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in PROJECT_PACKAGES:
            raise ModuleNotFoundError(f"No module named {name!r} (lesson code must not import the project)", name=name)
        return None


def hide_project() -> None:
    for name in [m for m in sys.modules if m.split(".")[0] in PROJECT_PACKAGES]:
        del sys.modules[name]
    sys.meta_path.insert(0, _ProjectBlocker())


def run_section(section: Section, namespace: dict, filename: str) -> str | None:
    """Execute a section; return the repr of its last expression's value, like a notebook."""
    tree = ast.parse(section.code, filename)
    ast.increment_lineno(tree, section.first_line - 1)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, filename, "exec"), namespace)
    if last is not None:
        value = eval(compile(ast.Expression(last.value), filename, "eval"), namespace)
        if value is not None:
            return repr(value)
    return None


def _figures() -> list[str]:
    """PNG images of the open matplotlib figures (base64), then close them."""
    import matplotlib.pyplot as plt

    images = []
    for number in plt.get_fignums():
        buffer = io.BytesIO()
        plt.figure(number).savefig(buffer, format="png", dpi=FIGURE_DPI, bbox_inches="tight", metadata={"Software": None})
        images.append(base64.b64encode(buffer.getvalue()).decode())
    plt.close("all")
    return images


def run(filename: str, shown: list[Section], progress: str | None = None) -> dict:
    """Run a lesson's sections in this process; each section's text, value, figures and time.

    ``progress``, if given, is a file that holds the name of the section running now.
    """
    import matplotlib

    matplotlib.use("Agg")
    main = types.ModuleType("__main__")  # a real __main__, as in a script or notebook: its classes pickle
    sys.modules["__main__"] = main
    namespace = main.__dict__
    results = {}
    for section in shown:
        where = f"<helpers: {section.name}>" if section.helpers else filename
        if progress:
            Path(progress).write_text(section.name)
        stream, started = io.StringIO(), time.perf_counter()
        try:
            with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
                value = run_section(section, namespace, where)
        except BaseException as error:  # report any failure, with the cell it happened in
            frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == filename]
            line = frames[-1].lineno if frames else section.first_line
            return {"error": {"cell": section.name, "line": line, "traceback": traceback.format_exc(), "output": stream.getvalue()}}
        results[section.name] = {
            "text": stream.getvalue(),
            "value": value,
            "figures": _figures(),
            "seconds": time.perf_counter() - started,
            "code": section.code,
        }
    torch = sys.modules.get("torch")
    if torch is None:  # a lesson without torch used no accelerator; importing torch just to ask costs a second
        return {"sections": results, "device": "cpu", "torch": importlib.metadata.version("torch")}
    return {"sections": results, "device": "cuda" if torch.cuda.is_available() else "cpu", "torch": torch.__version__}


# ---- in the build's process ---------------------------------------------------------

def _scratch_folder(parent: Path, datasets: list[str]) -> Path:
    """An empty working folder whose data/<dataset> are the prepared offline copies."""
    from tools import data

    folders = data.folders()
    (parent / "data").mkdir(parents=True)
    for name in datasets:
        (parent / "data" / name).symlink_to(folders[name], target_is_directory=True)
    return parent


def lesson_env() -> dict:
    """The environment of the runner, and so of every lesson: CPU only, no thread limit yet."""
    env = dict(os.environ, CUDA_VISIBLE_DEVICES="", MPLBACKEND="Agg", PYTHONHASHSEED="0",
               PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    # glibc returns large freed blocks to the system at once, so each training step pays for
    # fresh zeroed pages (measured: lesson 9's training 50 % slower); keep them for reuse instead.
    env.update(MALLOC_MMAP_THRESHOLD_=str(2**28), MALLOC_TRIM_THRESHOLD_=str(2**30))
    env.pop("OMP_NUM_THREADS", None)  # set per lesson, in its own process
    return env


class Runner:
    """A process that imports the libraries lessons use, then forks one child per lesson.

    Importing torch, torchvision and matplotlib takes 3-4 s of a core; a forked child
    starts with them imported. The runner computes nothing (a fork would copy torch's
    thread pools half-made) and the child hides the project (``hide_project``), so a
    child starts as a fresh interpreter would after those imports. One lesson at a time.
    """

    def __init__(self):
        self.process = subprocess.Popen([sys.executable, "-m", "tools.execute", "--runner"], env=lesson_env(),
                                        cwd=tempfile.gettempdir(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True)
        self.import_seconds = self._reply()["import_seconds"]

    def _reply(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            raise LessonError(f"the lesson runner stopped (exit code {self.process.wait()}); its error is above")
        return json.loads(line)

    def run(self, request: dict) -> int | None:
        """Run one lesson in a forked child; its exit status (0, an exit code, or minus a
        signal), or None if it ran out of time and was stopped."""
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return self._reply()["status"]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait()


_IDLE_RUNNERS: list[Runner] = []
_RUNNERS_LOCK = threading.Lock()
atexit.register(lambda: [runner.close() for runner in _IDLE_RUNNERS])


@contextlib.contextmanager
def _runner():
    """An idle runner, or a new one: one per lesson running at the same time."""
    with _RUNNERS_LOCK:
        runner = _IDLE_RUNNERS.pop() if _IDLE_RUNNERS else None
    if runner is None or runner.process.poll() is not None:
        runner = Runner()
    try:
        yield runner
    finally:
        with _RUNNERS_LOCK:
            _IDLE_RUNNERS.append(runner)


def _run_in_own_process(path: Path, shown: list[Section], datasets: list[str]) -> dict:
    """Run a lesson in its own CPU-only process, in a scratch folder, without the project."""
    with tempfile.TemporaryDirectory(prefix=f"lesson-{path.stem}-") as scratch:
        cwd = _scratch_folder(Path(scratch) / "work", datasets)
        result_file = Path(scratch) / "result.json"  # not stdout: a lesson's subprocesses may print there
        log_file = Path(scratch) / "output.log"  # what reaches the process's stdout and stderr
        progress_file = Path(scratch) / "cell.txt"  # the cell running now
        request = {"filename": str(path), "sections": [asdict(s) for s in shown], "cwd": str(cwd),
                   "result": str(result_file), "log": str(log_file), "progress": str(progress_file),
                   "one_thread": not runs_alone(shown), "timeout": LESSON_TIMEOUT}
        with _runner() as runner:
            started = time.perf_counter()
            status = runner.run(request)
            # plus the runner's one-time imports of torch, torchvision, matplotlib and numpy,
            # which the lesson's first cell would otherwise have paid for
            seconds = time.perf_counter() - started + runner.import_seconds
        if status is None:
            cell = progress_file.read_text() if progress_file.exists() else "(none yet)"
            raise LessonError(f"lesson {path.name} did not finish within {LESSON_TIMEOUT} s (it was running "
                              f"cell '{cell}'); it was stopped with the processes it started. A slow machine can "
                              f"allow more time with PYTORCH_TUTORIALS_LESSON_TIMEOUT=<seconds>.")
        if status != 0 or not result_file.exists():
            how = f"killed by signal {-status}" if status < 0 else f"exit code {status}"
            output = log_file.read_text(errors="replace") if log_file.exists() else ""
            raise LessonError(f"lesson {path.name} crashed its process ({how}):\n{output[-3000:]}")
        output = result_file.read_text().replace(f"{cwd.resolve()}/", "").replace(f"{cwd}/", "")
    result = json.loads(output.replace(f"{REPO}/", ""))  # warnings name files: keep paths machine-neutral
    result["seconds"] = seconds
    return result


def _serve() -> None:
    """The runner's loop: import the libraries once, then fork a child for each request on stdin."""
    started = time.perf_counter()
    import matplotlib.pyplot  # noqa: F401
    import numpy  # noqa: F401
    import torch  # noqa: F401
    import torchvision  # noqa: F401

    reply = sys.stdout
    print(json.dumps({"import_seconds": time.perf_counter() - started}), file=reply, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # then `_wait` stops the lesson too
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            os.setpgid(0, 0)  # its own process group: what it starts can be stopped with it
            _child(request)
        with contextlib.suppress(OSError):  # set from both sides, whichever runs first
            os.setpgid(pid, pid)
        print(json.dumps({"status": _wait(pid, request["timeout"])}), file=reply, flush=True)


def _wait(pid: int, timeout: float) -> int | None:
    """The child's exit status, or None if it ran out of time.

    Afterwards no process of its group is left: not one it started and forgot, nor, after
    a timeout or if the runner itself is stopped (Ctrl+C), the lesson.
    """
    exited = os.pidfd_open(pid)
    try:
        finished = bool(select.select([exited], [], [], timeout)[0])
    finally:
        os.close(exited)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)  # the child, until reaped below, keeps the group's id
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) if finished else None


def _child(request: dict) -> None:
    """In the forked child: become the lesson's process, run it, write the result, exit."""
    import torch  # already imported by the runner

    code = 1
    try:
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        for fd in (1, 2):
            os.dup2(log, fd)
        os.close(log)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # not the runner's requests
        os.chdir(request["cwd"])
        sys.path[0] = request["cwd"]  # as for `python script.py` in that folder
        if request["one_thread"]:  # it shares the machine with other lessons: one core each
            os.environ["OMP_NUM_THREADS"] = "1"  # for the processes it starts, too
            torch.set_num_threads(1)
        hide_project()
        outcome = run(request["filename"], [Section(**s) for s in request["sections"]], request["progress"])
        Path(request["result"]).write_text(json.dumps(outcome))
        code = 0
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)  # not the runner's exit handlers


def execute(path: Path, use_cache: bool = True) -> dict:
    """A lesson's run record, from the cache or from a fresh run.

    ``sections`` maps each section to its text, value, figures, seconds and the code
    that ran; ``seconds``, ``device``, ``torch`` and ``datasets`` describe the run.
    """
    from tools import data

    path = Path(path)
    shown = shown_sections(path)
    used = datasets_used(shown)
    by_folder = {folder: name for name, folder in data.DATASETS.items()}
    with _PREPARING:  # lessons may run side by side (execute_all); the data is prepared once
        for folder in used:
            data.prepare(by_folder[folder])
    key = cache_key(shown)
    cached = CACHE_DIR / f"{path.stem}.json"
    if use_cache and cached.exists():
        stored = json.loads(cached.read_text())
        if stored["key"] == key:
            log.info("lesson %s: outputs cached (key %s), not executed", path.stem, key[:12])
            return stored
    result = _run_in_own_process(path, shown, used)
    if "error" in result:
        error = result["error"]
        raise LessonError(
            f"lesson {path.name} failed in cell '{error['cell']}' (line {error['line']}):\n"
            f"{error['traceback']}"
        )
    seconds = result.pop("seconds")
    log.info("lesson %s: executed in %.1f s", path.stem, seconds)
    sources = data.sources()
    record = {"key": key, "seconds": seconds, "datasets": {name: sources[name] for name in used}, **result}
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(record))
    return record


def execute_all(paths: list[Path]) -> dict[str, dict]:
    """Every lesson's run record, using every core.

    Lessons that need running run side by side, one per core, each with one torch
    thread, so that they do not compete for cores; then the lessons that print timings
    run one at a time with all cores, on an otherwise quiet machine. The first failure
    stops the rest and is raised.
    """
    paths = [Path(p) for p in paths]
    shown = {p: shown_sections(p) for p in paths}
    alone = [p for p in paths if runs_alone(shown[p])]
    # In file order: starting the longest first measured slower (lesson 15's ranks then
    # competed with lessons 10 and 13 for the cores).
    side_by_side = [p for p in paths if p not in alone]
    records = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(os.sched_getaffinity(0))) as pool:
        futures = {pool.submit(execute, p): p for p in side_by_side}
        for future in concurrent.futures.as_completed(futures):
            try:
                records[futures[future].stem] = future.result()
            except BaseException:
                for other in futures:
                    other.cancel()
                raise
    for path in alone:
        records[path.stem] = execute(path)
    return {p.stem: records[p.stem] for p in paths}


if __name__ == "__main__":
    if sys.argv[1:] != ["--runner"]:
        raise SystemExit("usage: python -m tools.execute --runner  (started by the build, see Runner)")
    _serve()
