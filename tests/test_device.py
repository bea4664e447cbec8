"""Principle 4: only snippets/device.py may name CUDA; everything else asks get_device()."""

import re
from pathlib import Path

import pytest

from tools.execute import REPO

CUDA_CALL = re.compile(r"""\.cuda\(|["']cuda(:\d+)?["']""")
ALLOWED = {REPO / "snippets" / "device.py"}


def offending_lines(path: Path) -> list[str]:
    return [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if CUDA_CALL.search(line)
    ]


@pytest.mark.parametrize("line", ["x = x.cuda()", 'torch.device("cuda")', "x.to('cuda:0')"])
def test_the_scanner_catches_cuda(line):
    assert CUDA_CALL.search(line)


@pytest.mark.parametrize("line", ["x.to(get_device())", "if torch.cuda.is_available():"])
def test_the_scanner_lets_guarded_code_pass(line):
    assert not CUDA_CALL.search(line)


def test_no_lesson_or_snippet_names_cuda():
    files = [*(REPO / "snippets").rglob("*.py"), *(REPO / "docs").rglob("*.md")]
    bad = [line for path in files if path not in ALLOWED for line in offending_lines(path)]
    assert not bad, "use snippets.device.get_device() instead:\n" + "\n".join(bad)
