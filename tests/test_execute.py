"""The lesson runner: sections, outputs, figures, errors that name the cell, the cache."""

import json
import textwrap

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


@pytest.fixture
def lesson(tmp_path, monkeypatch):
    monkeypatch.setattr(execute, "CACHE_DIR", tmp_path / "cache")
    path = tmp_path / "99_tiny.py"
    path.write_text(LESSON)
    return path


def test_sections_are_read_in_order(lesson):
    assert [s.name for s in execute.sections(lesson)] == ["setup", "show", "plot"]
    assert execute.sections(lesson)[1].first_line == 8


def test_outputs_text_last_value_and_figures(lesson):
    outputs = execute.execute(lesson)
    assert outputs["setup"]["text"] == "" and outputs["setup"]["figures"] == []
    assert outputs["show"]["text"] == "hello\n42\n"
    assert len(outputs["plot"]["figures"]) == 1


def test_unchanged_lesson_is_not_run_again(lesson, monkeypatch, caplog):
    execute.execute(lesson)
    monkeypatch.setattr(execute, "_run_in_subprocess", lambda path: pytest.fail("ran again"))
    with caplog.at_level("INFO"):
        assert execute.execute(lesson)["show"]["text"] == "hello\n42\n"
    assert "not executed" in caplog.text


def test_changed_lesson_runs_again(lesson):
    execute.execute(lesson)
    key = json.loads((execute.CACHE_DIR / "99_tiny.json").read_text())["key"]
    lesson.write_text(LESSON.replace("6 * 7", "6 * 8"))
    assert execute.execute(lesson)["show"]["text"] == "hello\n48\n"
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
