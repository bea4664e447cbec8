"""Principle 4: only snippets/device.py may name CUDA; everything else asks get_device()."""

import re
from pathlib import Path

from tools.execute import REPO

CUDA_CALL = re.compile(r"""\.cuda\(|["']cuda(:\d+)?["']""")
ALLOWED = {REPO / "snippets" / "device.py"}


def offending_lines(path: Path) -> list[str]:
    return [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if CUDA_CALL.search(line)
    ]


def test_the_scanner_catches_cuda_calls(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text('x = x.cuda()\ny = torch.device("cuda")\nz = x.to(\'cuda:0\')\nok = get_device()\n')
    assert len([line for line in sample.read_text().splitlines() if CUDA_CALL.search(line)]) == 3


def test_no_lesson_or_snippet_names_cuda():
    files = [*(REPO / "snippets").rglob("*.py"), *(REPO / "docs").rglob("*.md")]
    bad = [line for path in files if path not in ALLOWED for line in offending_lines(path)]
    assert not bad, "use snippets.device.get_device() instead:\n" + "\n".join(bad)
