"""Principle 5: lessons choose the device with the standard idiom, and nothing else names CUDA.

The build hides GPUs from the lesson process (CUDA_VISIBLE_DEVICES=""), so every output
on the site comes from the CPU, while a reader with a GPU runs the same code on it.
"""

import re
from pathlib import Path

import pytest

from tools.execute import REPO, lesson_paths, sections

IDIOM = 'device = "cuda" if torch.cuda.is_available() else "cpu"'
UNGUARDED = re.compile(r"""\.cuda\(|["']cuda(:\d+)?["']""")


def unguarded_lines(path: Path) -> list[str]:
    """Lines that name CUDA outside the standard idiom."""
    return [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if UNGUARDED.search(line.replace(IDIOM, ""))
    ]


@pytest.mark.parametrize("line", ["x = x.cuda()", 'torch.device("cuda")', "x.to('cuda:0')", 'device = "cuda"'])
def test_the_scanner_catches_unguarded_cuda(line):
    assert UNGUARDED.search(line.replace(IDIOM, ""))


@pytest.mark.parametrize("line", [IDIOM + "  # the GPU when there is one", "x.to(device)", "if torch.cuda.is_available():"])
def test_the_scanner_lets_the_idiom_pass(line):
    assert not UNGUARDED.search(line.replace(IDIOM, ""))


def test_nothing_names_cuda_outside_the_idiom():
    files = [*(REPO / "snippets").rglob("*.py"), *(REPO / "docs").rglob("*.md")]
    bad = [line for path in files for line in unguarded_lines(path)]
    assert not bad, f"choose the device with `{IDIOM}`:\n" + "\n".join(bad)


@pytest.mark.parametrize("lesson", lesson_paths(), ids=lambda p: p.stem)
def test_a_lesson_that_uses_a_device_chooses_it_with_the_idiom(lesson):
    code = "".join(s.code for s in sections(lesson))
    if ".to(device)" in code or "device=device" in code:
        assert IDIOM in code

